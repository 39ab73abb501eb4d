/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-values.h — values as they are written in imported files */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "2018-04-30", "4/30/2018" (month first) or "30-Apr-2018", optionally
 * followed by a time "13:05", "13:05:09", "1:05:09 PM" (after a space or
 * "T") and "Z" or "±HH:MM", which is converted to the contract's time
 * zone.  *seconds is -1 when no time was given. */
gboolean thr_value_parse_datetime (const char *text,
                             GTimeZone  *tz,
                             guint32    *day,
                             int        *seconds);
/* An Excel date serial in the 1900 system (with its phantom 1900-02-29,
 * serial 60, refused) or the 1904 system. */
gboolean thr_value_from_excel_serial (double    serial,
                                      gboolean  date1904,
                                      guint32  *day,
                                      int      *seconds);
/* Seconds as "75", "75.5", "1:15" (mm:ss) or "0:01:15" (hh:mm:ss). */
gboolean thr_value_parse_duration (const char *text,
                                   double     *seconds);
/* A number as people write it: "1,234", "$120,000.00", "(12.50)", and, if
 * percent is not NULL, "98.5%" (*percent says whether a "%" was there; the
 * caller decides the scale, never this function). */
gboolean thr_value_parse_amount   (const char *text,
                                   double     *out,
                                   gboolean   *percent);
/* A plain decimal number; the whole text must be consumed. */
gboolean thr_value_parse_number   (const char *text,
                             double     *out);
/* Dollars with at most two decimals ("$1,234.50" too), as integer cents,
 * never via a double. */
gboolean thr_value_parse_cents    (const char *text,
                             gint64     *out);
char    *thr_value_format_cents   (gint64      cents);

/* The most characters of a value a message quotes. */
#define THR_VALUE_QUOTE_MAX_CHARS 80

/* A value from a file, quoted for a message: “text”, cut after 80
 * characters with "…" (a 4 MiB field must not become a 4 MiB message),
 * and never a cut UTF-8 character.  Every message that quotes a value
 * read from a file uses this. */
char    *thr_value_quote          (const char *text);

G_END_DECLS
