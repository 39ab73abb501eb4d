/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-calendar.h — business days against a state's holiday calendar
 *
 * A calendar is data (data/calendars/ID.json): holiday rules, the weekend
 * shift and closures ordered by the governor; more closures can be added
 * at run time.  Counting follows docs/domain.md: elapsed business days
 * from S to E is the number of business days D with S < D ≤ E.
 */
#pragma once

#include <glib-object.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define THR_CALENDAR_ERROR (thr_calendar_error_quark ())
GQuark thr_calendar_error_quark (void);

typedef enum {
  THR_CALENDAR_ERROR_PARSE,    /* malformed or inconsistent file */
  THR_CALENDAR_ERROR_NOT_FOUND,
} ThrCalendarError;

typedef struct {
  char    *name;
  guint32  actual;     /* the date the rule gives */
  guint32  observed;   /* after the weekend shift */
  gboolean estimated;  /* from a fallback rule, not a published list */
  gboolean closure;    /* a one-off closure ordered by the governor */
} ThrHoliday;

void thr_holiday_free (ThrHoliday *holiday);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrHoliday, thr_holiday_free)

#define THR_TYPE_CALENDAR (thr_calendar_get_type ())
G_DECLARE_FINAL_TYPE (ThrCalendar, thr_calendar, THR, CALENDAR, GObject)

ThrCalendar *thr_calendar_new_from_bytes          (GBytes      *json,
                                                   const char  *source_name,
                                                   GError     **error);
ThrCalendar *thr_calendar_new_from_file           (GFile       *file,
                                                   GError     **error);
/* Built-in calendars ship as resources: "indiana", "missouri". */
ThrCalendar *thr_calendar_load_builtin            (const char  *id,
                                                   GError     **error);
GStrv        thr_calendar_list_builtin            (void);

const char  *thr_calendar_get_id                  (ThrCalendar *self);
const char  *thr_calendar_get_name                (ThrCalendar *self);
/* A calendar's or a holiday's name in the user's language, for the window:
 * the bundled calendars' names are in the core's catalogue
 * (thr-calendar-names.c); any other comes back as written. */
const char  *thr_calendar_translate               (const char  *name);
/* The bundled calendars' and holidays' names as written, NULL-terminated. */
const char * const *thr_calendar_get_bundled_names (void);
const char  *thr_calendar_get_timezone            (ThrCalendar *self);
int          thr_calendar_get_first_year          (ThrCalendar *self);
int          thr_calendar_get_last_year           (ThrCalendar *self);

/* Days are GDate Julian day numbers (see thr-period.h).  Holidays are
 * known for first_year − 1 … last_year + 1 (the margin years are
 * extrapolated and flagged estimated); outside that range only weekends
 * are non-business days.
 *
 * count_business_days (S, E): business days D with S < D ≤ E, negative
 * when E < S.  add_business_days (S, n): n > 0, the first business day E
 * with count (S, E) = n; n < 0, the last business day E with
 * count (E, S) = −n; n = 0, S.  is_holiday sets *name to the holiday
 * observed that day (observed dates only). */
gboolean     thr_calendar_is_holiday              (ThrCalendar *self,
                                                   guint32      day,
                                                   const char **name);
gboolean     thr_calendar_is_business_day         (ThrCalendar *self,
                                                   guint32      day);
int          thr_calendar_count_business_days     (ThrCalendar *self,
                                                   guint32      from,
                                                   guint32      to);
guint32      thr_calendar_add_business_days       (ThrCalendar *self,
                                                   guint32      from,
                                                   int          n);
guint32      thr_calendar_next_business_day       (ThrCalendar *self,
                                                   guint32      day);
GPtrArray   *thr_calendar_list_holidays           (ThrCalendar *self,
                                                   int          year);
gboolean     thr_calendar_add_closure             (ThrCalendar *self,
                                                   guint32      day,
                                                   const char  *name);

G_END_DECLS
