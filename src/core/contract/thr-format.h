/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-format.h — how every front end writes numbers, money, values, periods and dates */
#pragma once

#include <glib.h>

#include "thr-contract.h"

G_BEGIN_DECLS

/* The number-format preference (GSettings "number-format"). */
typedef enum {
  THR_NUMBER_FORMAT_LOCALE,       /* the separators of LC_NUMERIC */
  THR_NUMBER_FORMAT_COMMA_POINT,  /* 1,234.56 */
  THR_NUMBER_FORMAT_POINT_COMMA,  /* 1.234,56 */
} ThrNumberFormat;

/* "locale", "comma-point", "point-comma"; FALSE for anything else. */
gboolean        thr_format_number_format_from_string (const char      *nick,
                                                      ThrNumberFormat *out);
/* For every number the window writes from now on (the main thread's). */
void            thr_format_set_number_format (ThrNumberFormat format);
ThrNumberFormat thr_format_get_number_format (void);

/* 1234.5 → "1,234.50" with 2 decimals; decimals < 0 writes as many as
 * the value needs, up to 6 ("48,000", "0.25"). */
char *thr_format_number        (double   value,
                                int      decimals);
/* 1234.56 as FORMAT writes it, for the preferences. */
char *thr_format_number_example (ThrNumberFormat format);
/* "$1,234.56", "−$12.00" from integer cents. */
char *thr_format_money         (gint64   cents);
/* A metric's value in its unit: "96.50 %", "12.5 s", "$1,234.56", "48,000". */
char *thr_format_value         (ThrUnit  unit,
                                double   value);
/* "today", "tomorrow", "in 3 days", "yesterday", "2 days overdue" … for a
 * deadline on DAY judged on TODAY; OVERDUE_WORDING chooses "N days
 * overdue" over "N days ago" for days past. */
char *thr_format_relative_day  (guint32  day,
                                guint32  today,
                                gboolean overdue_wording);
G_END_DECLS
