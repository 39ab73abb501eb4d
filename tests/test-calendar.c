/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-calendar.c — holiday calendars against the published state lists,
 * and business-day arithmetic against its definition in docs/domain.md */
#include <string.h>

#include <json-glib/json-glib.h>

#include "thr-core.h"

static guint32
day (const char *iso)
{
  guint32 d = 0;
  g_assert_true (thr_day_parse_iso (iso, &d));
  return d;
}

static ThrCalendar *
load (const char *id)
{
  g_autoptr(GError) error = NULL;
  ThrCalendar *calendar = thr_calendar_load_builtin (id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (calendar);
  return calendar;
}

/* The observed dates of @year must be exactly @expected. */
static void
assert_year (ThrCalendar       *calendar,
             int                year,
             const char *const *expected)
{
  g_autoptr(GPtrArray) holidays = thr_calendar_list_holidays (calendar, year);

  for (guint i = 0; i < holidays->len && expected[i] != NULL; i++)
    {
      const ThrHoliday *holiday = g_ptr_array_index (holidays, i);
      g_autofree char *observed = thr_day_format (holiday->observed);

      g_test_message ("%d: %s %s", year, observed, holiday->name);
      g_assert_cmpstr (observed, ==, expected[i]);
    }
  g_assert_cmpuint (holidays->len, ==, g_strv_length ((char **) expected));
}

/* A year may list a name twice (New Year's Day 2021 and, observed
 * December 31, 2022's): @observed picks one, 0 takes the first. */
static const ThrHoliday *
find_holiday (GPtrArray  *holidays,
              const char *name,
              guint32     observed)
{
  for (guint i = 0; i < holidays->len; i++)
    {
      const ThrHoliday *holiday = g_ptr_array_index (holidays, i);

      if (g_str_equal (holiday->name, name) && (observed == 0 || holiday->observed == observed))
        return holiday;
    }
  return NULL;
}

static void
assert_holiday (ThrCalendar *calendar,
                int          year,
                const char  *name,
                const char  *actual,
                const char  *observed,
                gboolean     estimated)
{
  g_autoptr(GPtrArray) holidays = thr_calendar_list_holidays (calendar, year);
  const ThrHoliday *holiday = find_holiday (holidays, name, day (observed));
  const char *found = NULL;

  g_assert_nonnull (holiday);
  g_assert_cmpuint (holiday->actual, ==, day (actual));
  g_assert_cmpuint (holiday->observed, ==, day (observed));
  g_assert_cmpint (holiday->estimated, ==, estimated);
  g_assert_true (thr_calendar_is_holiday (calendar, day (observed), &found));
  g_assert_cmpstr (found, ==, name);
  g_assert_false (thr_calendar_is_business_day (calendar, day (observed)));
}

static void
assert_no_holiday (ThrCalendar *calendar,
                   int          year,
                   const char  *name)
{
  g_autoptr(GPtrArray) holidays = thr_calendar_list_holidays (calendar, year);

  g_assert_null (find_holiday (holidays, name, 0));
}

static int
count (ThrCalendar *calendar,
       const char  *from,
       const char  *to)
{
  return thr_calendar_count_business_days (calendar, day (from), day (to));
}

static void
assert_add (ThrCalendar *calendar,
            const char  *from,
            int          n,
            const char  *expected)
{
  g_autofree char *result = thr_day_format (thr_calendar_add_business_days (calendar, day (from), n));

  g_assert_cmpstr (result, ==, expected);
}

/* ------------------------------------------------------------------ */

static void
test_builtin_list (void)
{
  g_auto(GStrv) ids = thr_calendar_list_builtin ();
  const char *expected[] = { "indiana", "missouri", NULL };

  g_assert_cmpstrv (ids, expected);
}

static void
test_builtin_metadata (void)
{
  g_autoptr(ThrCalendar) indiana = load ("indiana");
  g_autoptr(ThrCalendar) missouri = load ("missouri");

  g_assert_cmpstr (thr_calendar_get_id (indiana), ==, "indiana");
  g_assert_cmpstr (thr_calendar_get_name (indiana), ==, "State of Indiana");
  g_assert_cmpstr (thr_calendar_get_timezone (indiana), ==, "America/Indiana/Indianapolis");
  g_assert_cmpint (thr_calendar_get_first_year (indiana), ==, 2014);
  g_assert_cmpint (thr_calendar_get_last_year (indiana), ==, 2035);
  g_assert_cmpstr (thr_calendar_get_id (missouri), ==, "missouri");
  g_assert_cmpstr (thr_calendar_get_timezone (missouri), ==, "America/Chicago");
  g_assert_cmpint (thr_calendar_get_first_year (missouri), ==, 2014);
  g_assert_cmpint (thr_calendar_get_last_year (missouri), ==, 2035);
}

static void
test_builtin_not_found (void)
{
  const char *ids[] = { "ohio", "", "../calendars/indiana", "indiana.json" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ThrCalendar) calendar = thr_calendar_load_builtin (ids[i], &error);

      g_assert_null (calendar);
      g_assert_error (error, THR_CALENDAR_ERROR, THR_CALENDAR_ERROR_NOT_FOUND);
    }
}

static void
test_builtin_files_match_resources (void)
{
  const char *ids[] = { "indiana", "missouri" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *name = g_strconcat (ids[i], ".json", NULL);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "calendars", name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(ThrCalendar) calendar = thr_calendar_new_from_file (file, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (thr_calendar_get_id (calendar), ==, ids[i]);
    }
}

static void
test_file_not_found (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/calendar.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrCalendar) calendar = thr_calendar_new_from_file (file, &error);

  g_assert_null (calendar);
  g_assert_error (error, THR_CALENDAR_ERROR, THR_CALENDAR_ERROR_NOT_FOUND);
}

/* ------------------------------------------------------------------ */
/* Indiana (IC 1-1-9-1) */

static void
test_indiana_2018 (void)
{
  g_autoptr(ThrCalendar) indiana = load ("indiana");
  const char *const expected[] = {
    "2018-01-01", "2018-01-15", "2018-03-30", "2018-05-08", "2018-05-28",
    "2018-07-04", "2018-09-03", "2018-10-08", "2018-11-06", "2018-11-12",
    "2018-11-22", "2018-11-23", "2018-12-24", "2018-12-25", NULL
  };

  assert_year (indiana, 2018, expected);
  assert_holiday (indiana, 2018, "Good Friday", "2018-03-30", "2018-03-30", FALSE);
  assert_holiday (indiana, 2018, "Primary Election Day", "2018-05-08", "2018-05-08", FALSE);
  assert_holiday (indiana, 2018, "General Election Day", "2018-11-06", "2018-11-06", FALSE);
  /* Veterans Day on a Sunday: the Monday after. */
  assert_holiday (indiana, 2018, "Veterans Day", "2018-11-11", "2018-11-12", FALSE);
  assert_holiday (indiana, 2018, "Lincoln's Birthday", "2018-11-23", "2018-11-23", FALSE);
  assert_holiday (indiana, 2018, "Washington's Birthday", "2018-12-24", "2018-12-24", FALSE);
}

static void
test_indiana_2019 (void)
{
  g_autoptr(ThrCalendar) indiana = load ("indiana");
  const char *const expected[] = {
    "2019-01-01", "2019-01-21", "2019-04-19", "2019-05-07", "2019-05-27",
    "2019-07-04", "2019-09-02", "2019-10-14", "2019-11-05", "2019-11-11",
    "2019-11-28", "2019-11-29", "2019-12-24", "2019-12-25", NULL
  };

  assert_year (indiana, 2019, expected);
  assert_holiday (indiana, 2019, "Martin Luther King Jr. Day", "2019-01-21", "2019-01-21", FALSE);
  assert_holiday (indiana, 2019, "Columbus Day", "2019-10-14", "2019-10-14", FALSE);
  assert_holiday (indiana, 2019, "Thanksgiving Day", "2019-11-28", "2019-11-28", FALSE);
}

static void
test_indiana_2017_without_elections (void)
{
  g_autoptr(ThrCalendar) indiana = load ("indiana");
  const char *const expected[] = {
    "2017-01-02", "2017-01-16", "2017-04-14", "2017-05-29", "2017-07-04",
    "2017-09-04", "2017-10-09", "2017-11-10", "2017-11-23", "2017-11-24",
    "2017-12-25", "2017-12-26", NULL
  };

  assert_year (indiana, 2017, expected);
  assert_no_holiday (indiana, 2017, "Primary Election Day");
  assert_no_holiday (indiana, 2017, "General Election Day");
  g_assert_true (thr_calendar_is_business_day (indiana, day ("2017-05-02")));
  g_assert_true (thr_calendar_is_business_day (indiana, day ("2017-11-07")));
  /* Saturday → Friday before; Sunday → Monday after. */
  assert_holiday (indiana, 2017, "Veterans Day", "2017-11-11", "2017-11-10", FALSE);
  assert_holiday (indiana, 2017, "New Year's Day", "2017-01-01", "2017-01-02", FALSE);
}

static void
test_indiana_election_years (void)
{
  g_autoptr(ThrCalendar) indiana = load ("indiana");

  assert_holiday (indiana, 2015, "Primary Election Day", "2015-05-05", "2015-05-05", FALSE);
  assert_holiday (indiana, 2015, "General Election Day", "2015-11-03", "2015-11-03", FALSE);
  assert_holiday (indiana, 2019, "Primary Election Day", "2019-05-07", "2019-05-07", FALSE);
  assert_holiday (indiana, 2019, "General Election Day", "2019-11-05", "2019-11-05", FALSE);
  assert_holiday (indiana, 2016, "General Election Day", "2016-11-08", "2016-11-08", FALSE);
  assert_holiday (indiana, 2020, "General Election Day", "2020-11-03", "2020-11-03", FALSE);
  /* Municipal years recur every four: 2023 yes, 2021 and 2025 no. */
  assert_holiday (indiana, 2023, "General Election Day", "2023-11-07", "2023-11-07", FALSE);
  assert_no_holiday (indiana, 2021, "General Election Day");
  assert_no_holiday (indiana, 2025, "Primary Election Day");
}

static void
test_indiana_washingtons_birthday (void)
{
  g_autoptr(ThrCalendar) indiana = load ("indiana");

  /* Published by proclamation. */
  assert_holiday (indiana, 2014, "Washington's Birthday", "2014-12-26", "2014-12-26", FALSE);
  assert_holiday (indiana, 2015, "Washington's Birthday", "2015-12-24", "2015-12-24", FALSE);
  assert_holiday (indiana, 2016, "Washington's Birthday", "2016-12-23", "2016-12-23", FALSE);
  assert_holiday (indiana, 2016, "Christmas Day", "2016-12-25", "2016-12-26", FALSE);
  assert_holiday (indiana, 2018, "Washington's Birthday", "2018-12-24", "2018-12-24", FALSE);
  assert_holiday (indiana, 2019, "Washington's Birthday", "2019-12-24", "2019-12-24", FALSE);
  /* Unlisted years follow the State Personnel Department's pattern,
   * keyed on the weekday of December 25, and are flagged estimated.
   * Christmas on a Monday: the Tuesday after, not Friday the 22nd. */
  assert_holiday (indiana, 2017, "Washington's Birthday", "2017-12-26", "2017-12-26", TRUE);
  assert_holiday (indiana, 2023, "Washington's Birthday", "2023-12-26", "2023-12-26", TRUE);
  g_assert_true (thr_calendar_is_business_day (indiana, day ("2017-12-22")));
  g_assert_true (thr_calendar_is_business_day (indiana, day ("2023-12-22")));
  /* Thursday: the Friday after, as published for 2014; not the 24th. */
  assert_holiday (indiana, 2025, "Washington's Birthday", "2025-12-26", "2025-12-26", TRUE);
  g_assert_true (thr_calendar_is_business_day (indiana, day ("2025-12-24")));
  /* Friday: Thursday the 24th (as 2015); Tuesday: Monday the 24th (as
   * 2018); Wednesday: Tuesday the 24th (as 2019). */
  assert_holiday (indiana, 2020, "Washington's Birthday", "2020-12-24", "2020-12-24", TRUE);
  assert_holiday (indiana, 2029, "Washington's Birthday", "2029-12-24", "2029-12-24", TRUE);
  assert_holiday (indiana, 2024, "Washington's Birthday", "2024-12-24", "2024-12-24", TRUE);
  /* Saturday: Thursday the 23rd, Christmas observed Friday the 24th;
   * Sunday: Friday the 23rd (as 2016), Christmas observed Monday. */
  assert_holiday (indiana, 2021, "Washington's Birthday", "2021-12-23", "2021-12-23", TRUE);
  assert_holiday (indiana, 2021, "Christmas Day", "2021-12-25", "2021-12-24", FALSE);
  assert_holiday (indiana, 2022, "Washington's Birthday", "2022-12-23", "2022-12-23", TRUE);
  assert_holiday (indiana, 2022, "Christmas Day", "2022-12-25", "2022-12-26", FALSE);
}

/* Executive Order 20-07 moved the 2020 primary from May 5 to June 2. */
static void
test_indiana_2020 (void)
{
  g_autoptr(ThrCalendar) indiana = load ("indiana");
  const char *const expected[] = {
    "2020-01-01", "2020-01-20", "2020-04-10", "2020-05-25", "2020-06-02",
    "2020-07-03", "2020-09-07", "2020-10-12", "2020-11-03", "2020-11-11",
    "2020-11-26", "2020-11-27", "2020-12-24", "2020-12-25", NULL
  };

  assert_year (indiana, 2020, expected);
  assert_holiday (indiana, 2020, "Primary Election Day", "2020-06-02", "2020-06-02", FALSE);
  g_assert_true (thr_calendar_is_business_day (indiana, day ("2020-05-05")));
  g_assert_cmpint (count (indiana, "2020-05-04", "2020-05-06"), ==, 2);
  g_assert_cmpint (count (indiana, "2020-06-01", "2020-06-03"), ==, 1);
  assert_add (indiana, "2020-05-04", 1, "2020-05-05");
  assert_add (indiana, "2020-06-01", 1, "2020-06-03");
  /* Other years keep the rule: 2018 and 2022 in May. */
  assert_holiday (indiana, 2018, "Primary Election Day", "2018-05-08", "2018-05-08", FALSE);
  assert_holiday (indiana, 2022, "Primary Election Day", "2022-05-03", "2022-05-03", FALSE);
}

static void
test_indiana_2023 (void)
{
  g_autoptr(ThrCalendar) indiana = load ("indiana");
  const char *const expected[] = {
    "2023-01-02", "2023-01-16", "2023-04-07", "2023-05-02", "2023-05-29",
    "2023-07-04", "2023-09-04", "2023-10-09", "2023-11-07", "2023-11-10",
    "2023-11-23", "2023-11-24", "2023-12-25", "2023-12-26", NULL
  };

  assert_year (indiana, 2023, expected);
  /* Friday December 22 → Wednesday December 27: only the 27th counts. */
  g_assert_cmpint (count (indiana, "2023-12-22", "2023-12-27"), ==, 1);
}

static void
test_indiana_2025 (void)
{
  g_autoptr(ThrCalendar) indiana = load ("indiana");
  const char *const expected[] = {
    "2025-01-01", "2025-01-20", "2025-04-18", "2025-05-26", "2025-07-04",
    "2025-09-01", "2025-10-13", "2025-11-11", "2025-11-27", "2025-11-28",
    "2025-12-25", "2025-12-26", NULL
  };

  assert_year (indiana, 2025, expected);
  /* Tuesday December 23 → Monday December 29: the 24th and the 29th. */
  g_assert_cmpint (count (indiana, "2025-12-23", "2025-12-29"), ==, 2);
  assert_add (indiana, "2025-12-24", 1, "2025-12-29");
}

static void
test_good_friday (void)
{
  g_autoptr(ThrCalendar) indiana = load ("indiana");
  const char *dates[] = {
    "2014-04-18", "2015-04-03", "2016-03-25", "2017-04-14", "2018-03-30",
    "2019-04-19", "2020-04-10", "2021-04-02", "2022-04-15", "2023-04-07",
    "2024-03-29", "2025-04-18", "2035-03-23",
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      int year;

      thr_day_to_ymd (day (dates[i]), &year, NULL, NULL);
      assert_holiday (indiana, year, "Good Friday", dates[i], dates[i], FALSE);
    }
}

/* ------------------------------------------------------------------ */
/* Missouri (RSMo 9.010) */

static void
test_missouri_2021 (void)
{
  g_autoptr(ThrCalendar) missouri = load ("missouri");
  const char *const expected[] = {
    "2021-01-01", "2021-01-18", "2021-02-12", "2021-02-15", "2021-05-07",
    "2021-05-31", "2021-06-18", "2021-07-05", "2021-09-06", "2021-10-11",
    "2021-11-11", "2021-11-25", "2021-11-26", "2021-12-24", "2021-12-31", NULL
  };

  assert_year (missouri, 2021, expected);
  /* Truman Day on a Saturday: the Friday before. */
  assert_holiday (missouri, 2021, "Truman Day", "2021-05-08", "2021-05-07", FALSE);
  assert_holiday (missouri, 2021, "Independence Day", "2021-07-04", "2021-07-05", FALSE);
  /* January 1 2022, a Saturday, is observed in 2021. */
  assert_holiday (missouri, 2021, "New Year's Day", "2021-01-01", "2021-01-01", FALSE);
  assert_holiday (missouri, 2021, "New Year's Day", "2022-01-01", "2021-12-31", FALSE);
  g_assert_false (thr_calendar_is_holiday (missouri, day ("2022-01-01"), NULL));
}

static void
test_missouri_2022 (void)
{
  g_autoptr(ThrCalendar) missouri = load ("missouri");
  const char *const expected[] = {
    "2022-01-17", "2022-02-11", "2022-02-21", "2022-05-09", "2022-05-30",
    "2022-06-20", "2022-07-04", "2022-09-05", "2022-10-10", "2022-11-11",
    "2022-11-24", "2022-11-25", "2022-12-26", NULL
  };

  assert_year (missouri, 2022, expected);
  assert_no_holiday (missouri, 2022, "New Year's Day");
  /* Juneteenth on a Sunday: the Monday after. */
  assert_holiday (missouri, 2022, "Juneteenth", "2022-06-19", "2022-06-20", FALSE);
  assert_holiday (missouri, 2022, "Lincoln Day", "2022-02-12", "2022-02-11", FALSE);
  assert_holiday (missouri, 2022, "Truman Day", "2022-05-08", "2022-05-09", FALSE);
  assert_holiday (missouri, 2022, "Christmas Day", "2022-12-25", "2022-12-26", FALSE);
  assert_holiday (missouri, 2023, "New Year's Day", "2023-01-01", "2023-01-02", FALSE);
}

/* A closure ordered by the governor is listed, flagged, and closes its
 * day like a holiday. */
static void
assert_closure (ThrCalendar *calendar,
                const char  *date,
                const char  *name)
{
  g_autoptr(GPtrArray) holidays = NULL;
  const ThrHoliday *closure = NULL;
  const char *found = NULL;
  int year;

  thr_day_to_ymd (day (date), &year, NULL, NULL);
  holidays = thr_calendar_list_holidays (calendar, year);
  for (guint i = 0; i < holidays->len; i++)
    {
      const ThrHoliday *holiday = g_ptr_array_index (holidays, i);

      if (holiday->closure && holiday->observed == day (date))
        closure = holiday;
    }
  g_assert_nonnull (closure);
  g_assert_cmpstr (closure->name, ==, name);
  g_assert_false (closure->estimated);
  g_assert_true (thr_calendar_is_holiday (calendar, day (date), &found));
  g_assert_cmpstr (found, ==, name);
  g_assert_false (thr_calendar_is_business_day (calendar, day (date)));
}

static void
test_missouri_closures (void)
{
  g_autoptr(ThrCalendar) missouri = load ("missouri");
  const char *const expected_2019[] = {
    "2019-01-01", "2019-01-21", "2019-02-12", "2019-02-18", "2019-05-08",
    "2019-05-27", "2019-07-04", "2019-07-05", "2019-09-02", "2019-10-14",
    "2019-11-11", "2019-11-28", "2019-11-29", "2019-12-25", NULL
  };
  const char *const expected_2020[] = {
    "2020-01-01", "2020-01-20", "2020-02-12", "2020-02-17", "2020-05-08",
    "2020-05-25", "2020-07-03", "2020-09-07", "2020-10-12", "2020-11-11",
    "2020-11-26", "2020-11-27", "2020-12-24", "2020-12-25", NULL
  };

  assert_year (missouri, 2019, expected_2019);
  assert_year (missouri, 2020, expected_2020);
  assert_closure (missouri, "2019-07-05", "State offices closed by executive order (day after Independence Day)");
  assert_closure (missouri, "2019-11-29", "State offices closed by executive order (day after Thanksgiving)");
  assert_closure (missouri, "2020-12-24", "State offices closed by executive order (Christmas Eve)");
  /* Executive Order 19-21 closed offices at 1 p.m. only. */
  g_assert_true (thr_calendar_is_business_day (missouri, day ("2019-12-24")));
  /* Wednesday July 3 → Monday July 8 2019: the 4th, the closed 5th and
   * the weekend leave Monday alone. */
  g_assert_cmpint (count (missouri, "2019-07-03", "2019-07-08"), ==, 1);
  g_assert_cmpint (count (missouri, "2020-12-23", "2020-12-28"), ==, 1);
  assert_add (missouri, "2019-11-27", 1, "2019-12-02");
  assert_add (missouri, "2020-12-23", 1, "2020-12-28");
}

/* A closure added at run time (the store's, a user's) moves every count
 * and deadline after it. */
static void
test_add_closure (void)
{
  g_autoptr(ThrCalendar) indiana = load ("indiana");

  g_assert_cmpint (count (indiana, "2026-03-02", "2026-03-06"), ==, 4);
  assert_add (indiana, "2026-03-03", 2, "2026-03-05");
  g_assert_true (thr_calendar_add_closure (indiana, day ("2026-03-04"), "Ice storm"));
  assert_closure (indiana, "2026-03-04", "Ice storm");
  g_assert_cmpint (count (indiana, "2026-03-02", "2026-03-06"), ==, 3);
  assert_add (indiana, "2026-03-03", 2, "2026-03-06");
  /* Counts far past it move by one day, earlier ones not at all. */
  g_assert_cmpint (count (indiana, "2025-12-31", "2026-12-31"), ==, count (indiana, "2025-12-31", "2026-03-03") + count (indiana, "2026-03-03", "2026-12-31"));
  g_assert_cmpint (count (indiana, "2026-01-30", "2026-02-27"), ==, 20);
  /* Twice the same day, or a weekend day: nothing changes. */
  g_assert_false (thr_calendar_add_closure (indiana, day ("2026-03-04"), "Again"));
  g_assert_false (thr_calendar_add_closure (indiana, day ("2026-03-07"), "Saturday"));
  g_assert_cmpint (count (indiana, "2026-03-02", "2026-03-09"), ==, 4);
  /* On a holiday: the holiday's name stays, the day is closed once. */
  g_assert_true (thr_calendar_add_closure (indiana, day ("2026-12-25"), "Also closed"));
  g_assert_cmpint (count (indiana, "2026-12-24", "2026-12-28"), ==, 1);
}

static void
test_missouri_juneteenth_start (void)
{
  g_autoptr(ThrCalendar) missouri = load ("missouri");

  assert_no_holiday (missouri, 2020, "Juneteenth");
  assert_holiday (missouri, 2021, "Juneteenth", "2021-06-19", "2021-06-18", FALSE);
  assert_holiday (missouri, 2035, "Juneteenth", "2035-06-19", "2035-06-19", FALSE);
}

/* ------------------------------------------------------------------ */
/* Counting: business days D with S < D ≤ E */

static void
test_count (void)
{
  g_autoptr(ThrCalendar) indiana = load ("indiana");

  /* November 6 2018 is General Election Day. */
  g_assert_cmpint (count (indiana, "2018-11-05", "2018-11-07"), ==, 1);
  g_assert_cmpint (count (indiana, "2018-11-07", "2018-11-05"), ==, -1);
  /* Received Friday, done Monday = 1. */
  g_assert_cmpint (count (indiana, "2018-10-12", "2018-10-15"), ==, 1);
  g_assert_cmpint (count (indiana, "2018-10-13", "2018-10-15"), ==, 1);
  g_assert_cmpint (count (indiana, "2018-10-12", "2018-10-14"), ==, 0);
  /* Same day. */
  g_assert_cmpint (count (indiana, "2018-10-12", "2018-10-12"), ==, 0);
  g_assert_cmpint (count (indiana, "2018-11-22", "2018-11-22"), ==, 0);
  /* Across Thanksgiving and Lincoln's Birthday. */
  g_assert_cmpint (count (indiana, "2018-11-21", "2018-11-26"), ==, 1);
  g_assert_cmpint (count (indiana, "2018-11-19", "2018-11-30"), ==, 7);
  /* Veterans Day observed Monday November 12 2018. */
  g_assert_cmpint (count (indiana, "2018-11-09", "2018-11-12"), ==, 0);
  /* A whole year: 261 weekdays less 14 holidays. */
  g_assert_cmpint (count (indiana, "2017-12-31", "2018-12-31"), ==, 247);
  /* 2017: 260 weekdays less 12 holidays. */
  g_assert_cmpint (count (indiana, "2016-12-31", "2017-12-31"), ==, 248);
}

static void
test_count_across_year_end (void)
{
  g_autoptr(ThrCalendar) missouri = load ("missouri");

  /* Thursday December 30 2021 → Monday January 3 2022: Friday is New
   * Year's Day observed. */
  g_assert_cmpint (count (missouri, "2021-12-30", "2022-01-03"), ==, 1);
  /* 27, 28, 29, 30 December and 3 January. */
  g_assert_cmpint (count (missouri, "2021-12-23", "2022-01-03"), ==, 5);
}

static void
test_add (void)
{
  g_autoptr(ThrCalendar) indiana = load ("indiana");

  assert_add (indiana, "2018-10-12", 1, "2018-10-15");  /* Fri + 1 = Mon */
  assert_add (indiana, "2018-10-13", 1, "2018-10-15");  /* Sat + 1 = Mon */
  assert_add (indiana, "2018-10-14", 1, "2018-10-15");  /* Sun + 1 = Mon */
  assert_add (indiana, "2018-10-13", 0, "2018-10-13");
  assert_add (indiana, "2018-11-05", 1, "2018-11-07");  /* over Election Day */
  assert_add (indiana, "2018-11-21", 1, "2018-11-26");  /* over Thanksgiving */
  assert_add (indiana, "2018-11-09", 1, "2018-11-13");  /* over Veterans Day */
  assert_add (indiana, "2018-10-01", 10, "2018-10-16"); /* over Columbus Day */

  /* Backwards: the last business day E with count (E, S) = |n|. */
  assert_add (indiana, "2018-10-15", -1, "2018-10-12");
  assert_add (indiana, "2018-11-26", -1, "2018-11-21");
  assert_add (indiana, "2018-11-07", -1, "2018-11-05");
  /* "the 4th business day prior to the last calendar day of the month":
   * April 30 2018 is a Monday; 27, 26, 25, 24 → Tuesday April 24. */
  assert_add (indiana, "2018-04-30", -4, "2018-04-24");
  /* From Friday April 27: 27, 26, 25, 24 are the four → Monday 23. */
  assert_add (indiana, "2018-04-27", -4, "2018-04-23");
  /* From a Saturday, Friday is already inside (E, S]. */
  assert_add (indiana, "2018-04-28", -1, "2018-04-26");
}

static void
test_add_across_year_end (void)
{
  g_autoptr(ThrCalendar) indiana = load ("indiana");
  g_autoptr(ThrCalendar) missouri = load ("missouri");

  /* Indiana: December 24 and 25 2018, January 1 2019. */
  assert_add (indiana, "2018-12-21", 1, "2018-12-26");
  assert_add (indiana, "2018-12-21", 5, "2019-01-02");
  assert_add (indiana, "2019-01-02", -5, "2018-12-21");
  assert_add (indiana, "2019-01-02", -1, "2018-12-31");

  /* Missouri: Friday December 31 2021 is New Year's Day observed. */
  assert_add (missouri, "2021-12-30", 1, "2022-01-03");
  assert_add (missouri, "2022-01-03", -1, "2021-12-30");
  assert_add (missouri, "2021-12-22", 2, "2021-12-27");
}

static void
test_next_business_day (void)
{
  g_autoptr(ThrCalendar) missouri = load ("missouri");
  g_autofree char *a = thr_day_format (thr_calendar_next_business_day (missouri, day ("2021-12-24")));
  g_autofree char *b = thr_day_format (thr_calendar_next_business_day (missouri, day ("2021-12-31")));
  g_autofree char *c = thr_day_format (thr_calendar_next_business_day (missouri, day ("2021-12-29")));

  g_assert_cmpstr (a, ==, "2021-12-27");
  g_assert_cmpstr (b, ==, "2022-01-03");
  g_assert_cmpstr (c, ==, "2021-12-29");
}

static void
test_outside_table_weekends_only (void)
{
  g_autoptr(ThrCalendar) indiana = load ("indiana");

  /* The table covers 2013–2036; 2040 has weekends only. */
  g_assert_true (thr_calendar_is_business_day (indiana, day ("2040-12-25")));
  g_assert_false (thr_calendar_is_business_day (indiana, day ("2040-12-22")));
  g_assert_cmpint (count (indiana, "2040-12-21", "2040-12-25"), ==, 2);
  /* A count reaching into the table sees its holidays. */
  g_assert_cmpint (count (indiana, "2036-12-31", "2040-12-31") + count (indiana, "2018-12-31", "2036-12-31"),
                   ==, count (indiana, "2018-12-31", "2040-12-31"));
  g_assert_cmpint (count (indiana, "2010-01-01", "2010-01-04"), ==, 1);
  /* Margin years are extrapolated and flagged estimated. */
  assert_holiday (indiana, 2036, "Christmas Day", "2036-12-25", "2036-12-25", TRUE);
}

/* The definitions, applied one day at a time. */
static int
naive_count (ThrCalendar *calendar,
             guint32      from,
             guint32      to)
{
  int n = 0;

  if (to < from)
    return -naive_count (calendar, to, from);
  for (guint32 d = from + 1; d <= to; d++)
    n += thr_calendar_is_business_day (calendar, d);
  return n;
}

static guint32
naive_add (ThrCalendar *calendar,
           guint32      from,
           int          n)
{
  guint32 d = from;

  if (n > 0)
    {
      while (n > 0)
        n -= thr_calendar_is_business_day (calendar, ++d);
      return d;
    }
  /* Largest business day E with |n| business days in (E, from]. */
  while (n < 0)
    n += thr_calendar_is_business_day (calendar, d--);
  while (!thr_calendar_is_business_day (calendar, d))
    d--;
  return d;
}

static void
test_against_definition (void)
{
  const char *ids[] = { "indiana", "missouri" };
  guint32 low = day ("2012-06-01"), high = day ("2037-06-30");

  for (guint c = 0; c < G_N_ELEMENTS (ids); c++)
    {
      g_autoptr(ThrCalendar) calendar = load (ids[c]);

      for (guint i = 0; i < 3000; i++)
        {
          guint32 s = g_test_rand_int_range (low, high);
          guint32 e = s + g_test_rand_int_range (-200, 200);
          int n = g_test_rand_int_range (-60, 61);
          guint32 result = thr_calendar_add_business_days (calendar, s, n);

          g_assert_cmpint (thr_calendar_count_business_days (calendar, s, e), ==, naive_count (calendar, s, e));
          g_assert_cmpuint (result, ==, n == 0 ? s : naive_add (calendar, s, n));
          if (n > 0)
            g_assert_cmpint (thr_calendar_count_business_days (calendar, s, result), ==, n);
          else if (n < 0)
            g_assert_cmpint (thr_calendar_count_business_days (calendar, result, s), ==, -n);
          if (n != 0)
            g_assert_true (thr_calendar_is_business_day (calendar, result));
        }
    }
}

/* ------------------------------------------------------------------ */
/* The file format */

#define HEADER \
  "{ \"id\": \"test\", \"name\": \"Test\", \"timezone\": \"America/Chicago\"," \
  "  \"years\": [2018, 2022]," \
  "  \"weekend_shift\": { \"saturday\": \"friday_before\", \"sunday\": \"monday_after\" },"

static ThrCalendar *
parse (const char  *json,
       GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return thr_calendar_new_from_bytes (bytes, "test.json", error);
}

static void
test_rule_kinds (void)
{
  const char *json = HEADER
    "\"holidays\": ["
    " { \"name\": \"A\", \"source\": \"s\", \"rule\": \"last_weekday\", \"month\": 8, \"weekday\": \"friday\", \"offset\": -3 },"
    " { \"name\": \"B\", \"source\": \"s\", \"rule\": \"relative\", \"to\": \"C\", \"offset\": 2, \"unit\": \"weekdays\", \"anchor\": \"observed\" },"
    " { \"name\": \"C\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 3, \"day\": 3 },"
    " { \"name\": \"D\", \"source\": \"s\", \"rule\": \"explicit\", \"dates\": [\"2019-09-09\"] },"
    " { \"name\": \"E\", \"source\": \"s\", \"rule\": \"nth_weekday\", \"month\": 6, \"weekday\": \"wednesday\", \"n\": 2,"
    "   \"from\": 2020, \"until\": 2021, \"in_years\": [2021] },"
    " { \"name\": \"F\", \"source\": \"s\", \"rule\": \"easter\", \"offset\": 1, \"in_years\": [{\"every\": 3, \"starting\": 2019}, \"odd\"] }"
    "] }";
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrCalendar) calendar = parse (json, &error);

  g_assert_no_error (error);
  /* Last Friday of August 2019 is the 30th; three days before. */
  assert_holiday (calendar, 2019, "A", "2019-08-27", "2019-08-27", FALSE);
  /* March 3 2019 is a Sunday → Monday 4th; two weekdays on → Wednesday. */
  assert_holiday (calendar, 2019, "C", "2019-03-03", "2019-03-04", FALSE);
  assert_holiday (calendar, 2019, "B", "2019-03-06", "2019-03-06", FALSE);
  assert_holiday (calendar, 2019, "D", "2019-09-09", "2019-09-09", FALSE);
  assert_no_holiday (calendar, 2020, "D");
  assert_no_holiday (calendar, 2020, "E");
  assert_holiday (calendar, 2021, "E", "2021-06-09", "2021-06-09", FALSE);
  assert_no_holiday (calendar, 2022, "E");
  /* Easter Monday in odd years and every third year from 2019. */
  assert_holiday (calendar, 2019, "F", "2019-04-22", "2019-04-22", FALSE);
  assert_no_holiday (calendar, 2020, "F");
  assert_holiday (calendar, 2022, "F", "2022-04-18", "2022-04-18", FALSE);
}

/* offset_by_weekday, moved and closures, as the Indiana and Missouri files
 * use them. */
static void
test_rule_by_weekday_moved_closures (void)
{
  const char *json = HEADER
    "\"closures\": [{ \"date\": \"2019-12-27\", \"name\": \"Ordered\", \"source\": \"s\", \"note\": \"n\" }],"
    "\"holidays\": ["
    " { \"name\": \"C\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 12, \"day\": 25 },"
    " { \"name\": \"W\", \"source\": \"s\", \"rule\": \"relative\", \"to\": \"C\","
    "   \"offset_by_weekday\": { \"monday\": 1, \"tuesday\": -1, \"wednesday\": -1, \"thursday\": 1,"
    "   \"friday\": -1, \"saturday\": -2, \"sunday\": -2 } },"
    " { \"name\": \"P\", \"source\": \"s\", \"rule\": \"nth_weekday\", \"month\": 5, \"weekday\": \"monday\","
    "   \"n\": 1, \"offset\": 1, \"moved\": [{ \"date\": \"2020-06-02\", \"source\": \"order\" }] }"
    "] }";
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrCalendar) calendar = parse (json, &error);

  g_assert_no_error (error);
  /* December 25: 2018 Tuesday, 2019 Wednesday, 2020 Friday, 2021
   * Saturday, 2022 Sunday. */
  assert_holiday (calendar, 2018, "W", "2018-12-24", "2018-12-24", FALSE);
  assert_holiday (calendar, 2019, "W", "2019-12-24", "2019-12-24", FALSE);
  assert_holiday (calendar, 2020, "W", "2020-12-24", "2020-12-24", FALSE);
  assert_holiday (calendar, 2021, "W", "2021-12-23", "2021-12-23", FALSE);
  assert_holiday (calendar, 2022, "W", "2022-12-23", "2022-12-23", FALSE);
  assert_holiday (calendar, 2019, "P", "2019-05-07", "2019-05-07", FALSE);
  assert_holiday (calendar, 2020, "P", "2020-06-02", "2020-06-02", FALSE);
  g_assert_true (thr_calendar_is_business_day (calendar, day ("2020-05-05")));
  assert_closure (calendar, "2019-12-27", "Ordered");
}

static void
test_weekend_shift_none (void)
{
  const char *json =
    "{ \"id\": \"t\", \"name\": \"T\", \"timezone\": \"Europe/Berlin\", \"years\": [2020, 2020],"
    "  \"weekend_shift\": { \"saturday\": \"none\", \"sunday\": \"none\" },"
    "  \"holidays\": [ { \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 1, \"day\": 4 } ] }";
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrCalendar) calendar = parse (json, &error);

  g_assert_no_error (error);
  /* January 4 2020 is a Saturday and stays there. */
  assert_holiday (calendar, 2020, "X", "2020-01-04", "2020-01-04", FALSE);
  g_assert_cmpint (count (calendar, "2020-01-03", "2020-01-06"), ==, 1);
}

typedef struct {
  const char *holidays;
  const char *message;
} BadCase;

static void
test_malformed (void)
{
  static const BadCase cases[] = {
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 13, \"day\": 1 }]",
      "test.json: $.holidays[0].month: 13 is out of range" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 1.5, \"day\": 1 }]",
      "test.json: $.holidays[0].month: expected an integer" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 2, \"day\": 30 }]",
      "test.json: $.holidays[0].day:" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"mnth\": 2, \"day\": 3 }]",
      "test.json: $.holidays[0].mnth: unknown key" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 2, \"day\": 3, \"n\": 1 }]",
      "test.json: $.holidays[0].n: unknown key" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"nth_weekday\", \"month\": 2, \"weekday\": \"funday\", \"n\": 1 }]",
      "test.json: $.holidays[0].weekday: unknown value “funday”" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"nth_weekday\", \"month\": 2, \"weekday\": \"monday\", \"n\": 5 }]",
      "test.json: $.holidays[0].n:" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"yearly\" }]",
      "test.json: $.holidays[0].rule: unknown value “yearly”" },
    { "[{ \"name\": \"X\", \"rule\": \"easter\", \"offset\": 0 }]",
      "test.json: $.holidays[0].source: missing" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"easter\", \"offset\": 0 },"
      " { \"name\": \"Y\", \"source\": \"s\", \"rule\": \"relative\", \"to\": \"Z\", \"offset\": 1 }]",
      "test.json: $.holidays[1].to: no holiday named “Z”" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"relative\", \"to\": \"Y\", \"offset\": 1 },"
      " { \"name\": \"Y\", \"source\": \"s\", \"rule\": \"relative\", \"to\": \"X\", \"offset\": 1 }]",
      "test.json: $.holidays[0].to: “X” depends on itself" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"easter\", \"offset\": 0 },"
      " { \"name\": \"X\", \"source\": \"s\", \"rule\": \"easter\", \"offset\": 1 }]",
      "test.json: $.holidays[1].name: a second holiday named “X”" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"explicit\", \"dates\": [\"2019-01-02\", \"2020-02-30\"] }]",
      "test.json: $.holidays[0].dates[1]: expected a date" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"explicit\", \"dates\": [\"2019-01-02\", \"2019-01-03\"] }]",
      "test.json: $.holidays[0].dates[1]: a second date in 2019" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"explicit\", \"dates\": [\"2030-01-02\"] }]",
      "test.json: $.holidays[0].dates[0]: 2030 is outside" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"explicit\", \"dates\": [\"2019-01-02\"],"
      "   \"fallback\": { \"rule\": \"explicit\", \"dates\": [] } }]",
      "test.json: $.holidays[0].fallback.rule: a fallback cannot be explicit" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"explicit\", \"dates\": [\"2019-01-02\"],"
      "   \"fallback\": { \"rule\": \"fixed\", \"month\": 1, \"day\": 2, \"name\": \"Y\" } }]",
      "test.json: $.holidays[0].fallback.name: unknown key" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"easter\", \"offset\": 0, \"in_years\": [\"sometimes\"] }]",
      "test.json: $.holidays[0].in_years[0]:" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"easter\", \"offset\": 0, \"in_years\": [{\"every\": 0, \"starting\": 2019}] }]",
      "test.json: $.holidays[0].in_years[0].every:" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"easter\", \"offset\": 0, \"from\": 2020, \"until\": 2019 }]",
      "test.json: $.holidays[0].until:" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 1, \"day\": 2 },"
      " { \"name\": \"Y\", \"source\": \"s\", \"rule\": \"relative\", \"to\": \"X\", \"offset\": 1,"
      "   \"offset_by_weekday\": { \"monday\": 1 } }]",
      "test.json: $.holidays[1].offset: give either" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 1, \"day\": 2 },"
      " { \"name\": \"Y\", \"source\": \"s\", \"rule\": \"relative\", \"to\": \"X\","
      "   \"offset_by_weekday\": { \"monday\": 1, \"tuesday\": 1, \"wednesday\": 1, \"thursday\": 1,"
      "   \"friday\": 1, \"saturday\": 1 } }]",
      "test.json: $.holidays[1].offset_by_weekday.sunday: missing" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 1, \"day\": 2 },"
      " { \"name\": \"Y\", \"source\": \"s\", \"rule\": \"relative\", \"to\": \"X\","
      "   \"offset_by_weekday\": { \"mon\": 1 } }]",
      "test.json: $.holidays[1].offset_by_weekday.mon: unknown key" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 5, \"day\": 5,"
      "   \"moved\": [{ \"date\": \"2020-06-02\" }] }]",
      "test.json: $.holidays[0].moved[0].source: missing" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 5, \"day\": 5,"
      "   \"moved\": [{ \"date\": \"2020-06-02\", \"source\": \"s\" }, { \"date\": \"2020-06-03\", \"source\": \"s\" }] }]",
      "test.json: $.holidays[0].moved[1].date: a second date in 2020" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 5, \"day\": 5, \"in_years\": [\"even\"],"
      "   \"moved\": [{ \"date\": \"2019-06-04\", \"source\": \"s\" }] }]",
      "test.json: $.holidays[0].moved[0].date: “X” is not a holiday in 2019" },
    { "[{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 5, \"day\": 5,"
      "   \"moved\": [{ \"date\": \"2030-06-04\", \"source\": \"s\" }] }]",
      "test.json: $.holidays[0].moved[0].date: 2030 is outside" },
    { "[]", "test.json: $.holidays: expected a non-empty list" },
    { "{}", "test.json: $.holidays: expected a non-empty list" },
    { "[ 3 ]", "test.json: $.holidays[0]: expected an object" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strconcat (HEADER "\"holidays\": ", cases[i].holidays, "}", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(ThrCalendar) calendar = parse (json, &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (calendar);
      g_assert_error (error, THR_CALENDAR_ERROR, THR_CALENDAR_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

static void
test_malformed_header (void)
{
  static const BadCase cases[] = {
    { "{ \"id\": \"t\" ", "test.json: $: not valid JSON" },
    { "[1, 2]", "test.json: $: expected an object" },
    { "{ \"id\": \"t\", \"name\": \"T\", \"timezone\": \"America/Chicago\", \"years\": [2022, 2018],"
      "  \"weekend_shift\": { \"saturday\": \"none\", \"sunday\": \"none\" }, \"holidays\": [] }",
      "test.json: $.years[1]: 2018 is out of range" },
    { "{ \"id\": \"t\", \"name\": \"T\", \"timezone\": \"America/Chicago\", \"years\": [2018, 2022],"
      "  \"weekend_shift\": { \"saturday\": \"thursday\", \"sunday\": \"none\" }, \"holidays\": [] }",
      "test.json: $.weekend_shift.saturday: unknown value “thursday”" },
    { "{ \"id\": \"t\", \"name\": \"T\", \"timezone\": \"America/Chicago\", \"years\": [2018, 2022],"
      "  \"weekend_shift\": { \"saturday\": \"none\", \"sunday\": \"none\" }, \"colour\": 1, \"holidays\": [] }",
      "test.json: $.colour: unknown key" },
    { "{ \"id\": \"t\", \"name\": \"T\", \"timezone\": \"Central Time\", \"years\": [2018, 2022],"
      "  \"weekend_shift\": { \"saturday\": \"none\", \"sunday\": \"none\" }, \"holidays\": [] }",
      "test.json: $.timezone:" },
    { "{ \"name\": \"T\", \"timezone\": \"America/Chicago\", \"years\": [2018, 2022],"
      "  \"weekend_shift\": { \"saturday\": \"none\", \"sunday\": \"none\" }, \"holidays\": [] }",
      "test.json: $.id: missing" },
    { HEADER "\"closures\": [{ \"date\": \"2019-07-06\", \"name\": \"C\", \"source\": \"s\" }],"
      " \"holidays\": [{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 7, \"day\": 4 }] }",
      "test.json: $.closures[0].date: 2019-07-06 is a weekend day" },
    { HEADER "\"closures\": [{ \"date\": \"2019-07-05\", \"name\": \"C\", \"source\": \"s\" },"
      " { \"date\": \"2019-07-05\", \"name\": \"D\", \"source\": \"s\" }],"
      " \"holidays\": [{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 7, \"day\": 4 }] }",
      "test.json: $.closures[1].date: a second closure on 2019-07-05" },
    { HEADER "\"closures\": [{ \"date\": \"2019-07-04\", \"name\": \"C\", \"source\": \"s\" }],"
      " \"holidays\": [{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 7, \"day\": 4 }] }",
      "test.json: $.closures[0].date: 2019-07-04 is already a holiday (X)" },
    { HEADER "\"closures\": [{ \"date\": \"2019-07-05\", \"name\": \"C\" }],"
      " \"holidays\": [{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 7, \"day\": 4 }] }",
      "test.json: $.closures[0].source: missing" },
    { HEADER "\"closures\": [{ \"date\": \"2017-07-05\", \"name\": \"C\", \"source\": \"s\" }],"
      " \"holidays\": [{ \"name\": \"X\", \"source\": \"s\", \"rule\": \"fixed\", \"month\": 7, \"day\": 4 }] }",
      "test.json: $.closures[0].date: 2017 is outside" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ThrCalendar) calendar = parse (cases[i].holidays, &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (calendar);
      g_assert_error (error, THR_CALENDAR_ERROR, THR_CALENDAR_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
    }
}

/* Every name a bundled calendar file gives (its own, its holidays') is in
 * the list translators get, and the list holds no other. */
static void
test_names_translatable (void)
{
  static const char * const files[] = { "indiana", "missouri" };
  const char * const *listed = thr_calendar_get_bundled_names ();
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) parsers = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = g_strdup_printf ("/io/github/thresholdapp/Threshold/core/calendars/%s.json", files[f]);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      JsonParser *parser = json_parser_new ();
      JsonObject *root;
      JsonArray *holidays;

      g_ptr_array_add (parsers, parser);
      g_assert_nonnull (bytes);
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
      root = json_node_get_object (json_parser_get_root (parser));
      g_hash_table_add (names, (gpointer) json_object_get_string_member (root, "name"));
      holidays = json_object_get_array_member (root, "holidays");
      for (guint i = 0; i < json_array_get_length (holidays); i++)
        g_hash_table_add (names, (gpointer) json_object_get_string_member (json_array_get_object_element (holidays, i),
                                                                           "name"));
    }
  g_assert_cmpuint (g_hash_table_size (names), >=, 15);
  g_assert_cmpuint (g_hash_table_size (names), ==, g_strv_length ((char **) listed));
  for (guint i = 0; listed[i] != NULL; i++)
    if (!g_hash_table_contains (names, listed[i]))
      g_error ("thr-calendar-names.c lists “%s”, which no bundled calendar has", listed[i]);
  /* A name not in the catalogue comes back as written. */
  g_assert_cmpstr (thr_calendar_translate ("Founders' Day"), ==, "Founders' Day");
}

int
main (int   argc,
      char *argv[])
{
  /* Dates are local dates in the calendar's zone; pin the process zone so
   * nothing here can depend on the machine running the tests. */
  g_setenv ("TZ", "America/Indiana/Indianapolis", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/calendar/builtin/list", test_builtin_list);
  g_test_add_func ("/calendar/builtin/metadata", test_builtin_metadata);
  g_test_add_func ("/calendar/builtin/not-found", test_builtin_not_found);
  g_test_add_func ("/calendar/builtin/files-match", test_builtin_files_match_resources);
  g_test_add_func ("/calendar/file/not-found", test_file_not_found);
  g_test_add_func ("/calendar/indiana/2018", test_indiana_2018);
  g_test_add_func ("/calendar/indiana/2019", test_indiana_2019);
  g_test_add_func ("/calendar/indiana/2017-no-elections", test_indiana_2017_without_elections);
  g_test_add_func ("/calendar/indiana/election-years", test_indiana_election_years);
  g_test_add_func ("/calendar/indiana/washingtons-birthday", test_indiana_washingtons_birthday);
  g_test_add_func ("/calendar/indiana/good-friday", test_good_friday);
  g_test_add_func ("/calendar/indiana/2020-primary-moved", test_indiana_2020);
  g_test_add_func ("/calendar/indiana/2023", test_indiana_2023);
  g_test_add_func ("/calendar/indiana/2025", test_indiana_2025);
  g_test_add_func ("/calendar/missouri/closures", test_missouri_closures);
  g_test_add_func ("/calendar/add-closure", test_add_closure);
  g_test_add_func ("/calendar/missouri/2021", test_missouri_2021);
  g_test_add_func ("/calendar/missouri/2022", test_missouri_2022);
  g_test_add_func ("/calendar/missouri/juneteenth-start", test_missouri_juneteenth_start);
  g_test_add_func ("/calendar/count", test_count);
  g_test_add_func ("/calendar/count/year-end", test_count_across_year_end);
  g_test_add_func ("/calendar/add", test_add);
  g_test_add_func ("/calendar/add/year-end", test_add_across_year_end);
  g_test_add_func ("/calendar/next-business-day", test_next_business_day);
  g_test_add_func ("/calendar/outside-table", test_outside_table_weekends_only);
  g_test_add_func ("/calendar/against-definition", test_against_definition);
  g_test_add_func ("/calendar/format/rule-kinds", test_rule_kinds);
  g_test_add_func ("/calendar/format/weekend-shift-none", test_weekend_shift_none);
  g_test_add_func ("/calendar/format/by-weekday-moved-closures", test_rule_by_weekday_moved_closures);
  g_test_add_func ("/calendar/format/malformed", test_malformed);
  g_test_add_func ("/calendar/format/malformed-header", test_malformed_header);
  g_test_add_func ("/calendar/names-translatable", test_names_translatable);

  return g_test_run ();
}
