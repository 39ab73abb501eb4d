/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-period.h — weeks, months, quarters and years as ranges of days
 *
 * Days are GDate Julian day numbers (1 = 0001-01-01), local dates in the
 * contract's time zone.  A week runs Sunday to Saturday and belongs to the
 * month that holds its Saturday (docs/domain.md, "Periods").
 */
#pragma once

#include <glib-object.h>

#include "thr-base-enums.h"

G_BEGIN_DECLS

typedef enum {
  THR_PERIOD_WEEK,
  THR_PERIOD_MONTH,
  THR_PERIOD_QUARTER,
  THR_PERIOD_YEAR,
} ThrPeriodKind;

typedef struct {
  ThrPeriodKind kind;
  guint32       first;  /* first day, inclusive */
  guint32       last;   /* last day, inclusive */
} ThrPeriod;

/* A period is a value: a boxed type, so it travels in properties,
 * signals and GValues. */
#define THR_TYPE_PERIOD (thr_period_get_type ())
GType        thr_period_get_type        (void) G_GNUC_CONST;
ThrPeriod   *thr_period_copy            (const ThrPeriod *period);
void         thr_period_free            (ThrPeriod       *period);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrPeriod, thr_period_free)

#define THR_PERIOD_ERROR (thr_period_error_quark ())
GQuark       thr_period_error_quark     (void);

gboolean     thr_period_parse           (const char      *label,
                                         ThrPeriod       *out,
                                         GError         **error);
gboolean     thr_period_parse_kind      (const char      *label,
                                         ThrPeriodKind    kind,
                                         ThrPeriod       *out,
                                         GError         **error);
char        *thr_period_format          (const ThrPeriod *period);
/* For people: "April 2018", "quarter 2 of 2018", "week of 1 April 2018". */
char        *thr_period_format_words    (const ThrPeriod *period);
/* The same for a label ("2018-04" → "April 2018"); a label that is not a
 * period comes back as it is. */
char        *thr_period_label_to_words  (const char      *label);
/* A day in words, "1 December 2026" ("1 de diciembre de 2026"), its month
 * from the catalogue as thr_period_format_words() names it. */
char        *thr_day_format_words       (guint32          day);
const char  *thr_period_kind_to_string  (ThrPeriodKind    kind);
const char  *thr_period_kind_get_label  (ThrPeriodKind    kind);
gboolean     thr_period_kind_from_string (const char     *str,
                                         ThrPeriodKind   *out);
void         thr_period_for_day         (ThrPeriodKind    kind,
                                         guint32          day,
                                         ThrPeriod       *out);
void         thr_period_month_of_week   (const ThrPeriod *week,
                                         ThrPeriod       *month_out);
void         thr_period_enclosing       (ThrPeriodKind    kind,
                                         const ThrPeriod *month,
                                         ThrPeriod       *out);
GArray      *thr_period_weeks_of_month  (const ThrPeriod *month);
void         thr_period_next            (const ThrPeriod *period,
                                         ThrPeriod       *out);
void         thr_period_previous        (const ThrPeriod *period,
                                         ThrPeriod       *out);
gboolean     thr_period_is_last_month   (const ThrPeriod *period,
                                         const ThrPeriod *month);
int          thr_period_compare         (const ThrPeriod *a,
                                         const ThrPeriod *b);

/* Day helpers shared by every module that handles dates. */
guint32      thr_day_from_ymd           (int              year,
                                         int              month,
                                         int              day);
void         thr_day_to_ymd             (guint32          day,
                                         int             *year,
                                         int             *month,
                                         int             *mday);
int          thr_day_weekday            (guint32          day); /* 1 = Monday … 7 = Sunday */
guint32      thr_day_today_in           (const char      *zone);
GTimeZone   *thr_time_zone_new          (const char      *identifier);
guint32      thr_day_month_end          (guint32          day);
guint32      thr_day_add_months         (guint32          day,
                                         int              months);
char        *thr_day_format             (guint32          day); /* YYYY-MM-DD */
gboolean     thr_day_parse_iso          (const char      *text,
                                         guint32         *day);

G_END_DECLS
