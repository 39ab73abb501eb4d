/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-period.c — period labels, weeks belonging to months, boundaries */
#include "thr-core.h"

static guint32
day (const char *iso)
{
  guint32 d = 0;
  g_assert_true (thr_day_parse_iso (iso, &d));
  return d;
}

static void
assert_period (const char    *label,
               ThrPeriodKind  kind,
               const char    *first,
               const char    *last)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *again = NULL;
  ThrPeriod p;

  g_assert_true (thr_period_parse (label, &p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p.kind, ==, kind);
  g_assert_cmpuint (p.first, ==, day (first));
  g_assert_cmpuint (p.last, ==, day (last));
  again = thr_period_format (&p);
  g_assert_cmpstr (again, ==, label);
}

static void
test_labels (void)
{
  assert_period ("2018-04", THR_PERIOD_MONTH, "2018-04-01", "2018-04-30");
  assert_period ("2020-02", THR_PERIOD_MONTH, "2020-02-01", "2020-02-29");
  assert_period ("2019-02", THR_PERIOD_MONTH, "2019-02-01", "2019-02-28");
  assert_period ("2018-Q2", THR_PERIOD_QUARTER, "2018-04-01", "2018-06-30");
  assert_period ("2018-Q4", THR_PERIOD_QUARTER, "2018-10-01", "2018-12-31");
  assert_period ("2018", THR_PERIOD_YEAR, "2018-01-01", "2018-12-31");
  assert_period ("2018-04-29", THR_PERIOD_WEEK, "2018-04-29", "2018-05-05");
}

static void
test_bad_labels (void)
{
  const char *bad[] = { "2018-13", "2018-Q5", "2018-04-30" /* a Monday */, "18-04", "2018-4", "", "2018-02-30" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      ThrPeriod p;

      g_assert_false (thr_period_parse (bad[i], &p, &error));
      g_assert_error (error, THR_PERIOD_ERROR, 0);
    }
}

static void
test_week_belongs_to_month_of_saturday (void)
{
  g_autoptr(GArray) weeks = NULL;
  ThrPeriod month, week, owner;

  /* Week of Sunday 2018-04-29 ends Saturday 2018-05-05: it belongs to May. */
  thr_period_for_day (THR_PERIOD_WEEK, day ("2018-04-30"), &week);
  g_assert_cmpuint (week.first, ==, day ("2018-04-29"));
  thr_period_month_of_week (&week, &owner);
  g_assert_cmpuint (owner.first, ==, day ("2018-05-01"));

  /* April 2018 holds Saturdays 7, 14, 21, 28: four weeks, the first starting 1 April. */
  g_assert_true (thr_period_parse ("2018-04", &month, NULL));
  weeks = thr_period_weeks_of_month (&month);
  g_assert_cmpuint (weeks->len, ==, 4);
  g_assert_cmpuint (g_array_index (weeks, ThrPeriod, 0).first, ==, day ("2018-04-01"));
  g_assert_cmpuint (g_array_index (weeks, ThrPeriod, 3).last, ==, day ("2018-04-28"));

  /* June 2018 starts on a Friday; Saturday 2 June closes a week that began 27 May. */
  g_clear_pointer (&weeks, g_array_unref);
  g_assert_true (thr_period_parse ("2018-06", &month, NULL));
  weeks = thr_period_weeks_of_month (&month);
  g_assert_cmpuint (weeks->len, ==, 5);
  g_assert_cmpuint (g_array_index (weeks, ThrPeriod, 0).first, ==, day ("2018-05-27"));
}

static void
test_enclosing_and_navigation (void)
{
  ThrPeriod month, quarter, next, prev;

  g_assert_true (thr_period_parse ("2018-12", &month, NULL));
  thr_period_enclosing (THR_PERIOD_QUARTER, &month, &quarter);
  g_assert_cmpuint (quarter.first, ==, day ("2018-10-01"));
  g_assert_true (thr_period_is_last_month (&quarter, &month));
  thr_period_next (&month, &next);
  g_assert_cmpuint (next.first, ==, day ("2019-01-01"));
  thr_period_previous (&next, &prev);
  g_assert_cmpint (thr_period_compare (&prev, &month), ==, 0);
}

static void
test_day_helpers (void)
{
  g_autofree char *s = NULL;

  g_assert_cmpint (thr_day_weekday (day ("2018-11-05")), ==, 1);
  g_assert_cmpint (thr_day_weekday (day ("2018-11-11")), ==, 7);
  g_assert_cmpuint (thr_day_month_end (day ("2020-02-10")), ==, day ("2020-02-29"));
  g_assert_cmpuint (thr_day_add_months (day ("2018-01-31"), 1), ==, day ("2018-02-28"));
  g_assert_cmpuint (thr_day_from_ymd (2018, 2, 30), ==, 0);
  s = thr_day_format (day ("2035-12-31"));
  g_assert_cmpstr (s, ==, "2035-12-31");
}

/* Far dates in years or months, not thousands of days. */
static void
test_format_for_people (void)
{
  static const struct { int delta; gboolean overdue; const char *text; } days[] = {
    { -2772, TRUE, "7 years overdue" }, { -59, TRUE, "59 days overdue" }, { -60, TRUE, "2 months overdue" },
    { -400, FALSE, "13 months ago" }, { 90, FALSE, "in 3 months" }, { 800, FALSE, "in 2 years" },
  };
  guint32 today = thr_day_from_ymd (2026, 12, 1);

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autofree char *text = thr_format_relative_day (today + days[i].delta, today, days[i].overdue);

      g_assert_cmpstr (text, ==, days[i].text);
    }
}

/* Headings say a month in words; what is not a period stays as it is. */
static void
test_label_to_words (void)
{
  static const struct { const char *label, *words; } cases[] = {
    { "2018-04", "April 2018" }, { "2018-Q2", "quarter 2 of 2018" }, { "FY2019", "FY2019" }, { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *words = thr_period_label_to_words (cases[i].label);

      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/period/labels", test_labels);
  g_test_add_func ("/period/bad-labels", test_bad_labels);
  g_test_add_func ("/period/week-of-saturday", test_week_belongs_to_month_of_saturday);
  g_test_add_func ("/period/enclosing", test_enclosing_and_navigation);
  g_test_add_func ("/period/day-helpers", test_day_helpers);
  g_test_add_func ("/period/relative-far", test_format_for_people);
  g_test_add_func ("/period/label-to-words", test_label_to_words);
  return g_test_run ();
}
