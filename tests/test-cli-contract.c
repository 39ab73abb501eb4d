/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-contract.c — threshold-cli checked from outside, against the
 * contract's text and DESIGN.md's readings of it
 *
 * Each case builds a small store by hand (init, then CSV files written
 * here), drives the CLI as a script would, and compares its output with a
 * figure worked out by hand; the comment beside each figure names the
 * clause it comes from: D2 ¶n and the metric ids are RFP 16-102
 * Attachment D2, "DESIGN" is DESIGN.md's "Domain rules and their
 * interpretation" and "The command-line contract".  No expected value is
 * read from the code under test.  docs/domain.md lists what is checked,
 * rule by rule.
 */
#include <math.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "thr-core.h"
#include "thr-test-cli.h"
#include "thr-test-store.h"
#include "thr-test-util.h"

typedef ThrTestCliStore Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  thr_test_cli_store_init (f, "thr-cli-contract", "rfp-16-102");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  thr_test_cli_store_clear (f);
}

static JsonNode *
evaluate (Fixture    *f,
          const char *period,
          const char *today)
{
  return thr_test_cli_json (f, "evaluate", "--period", period, "--today", today, "--format", "json", NULL);
}

/* Section: business days */

static void
assert_business_days (Fixture    *f,
                      const char *calendar,
                      const char *from,
                      const char *to,
                      const char *expected)
{
  g_autofree char *out = NULL;
  g_autofree char *line = g_strconcat (expected, "\n", NULL);

  g_assert_cmpint (thr_test_cli (f, &out, NULL, "business-days", "--calendar", calendar, from, to, NULL), ==, 0);
  if (!g_str_equal (out, line))
    g_error ("business-days %s %s %s: expected %s, got %s", calendar, from, to, expected, out);
}

/* DESIGN "Business days": D with S < D ≤ E, Monday–Friday less the
 * calendar's observed holidays; Saturday → Friday, Sunday → Monday. */
static void
test_business_days (Fixture *f, gconstpointer data)
{
  /* Friday → Monday is one (DESIGN's own example); a day to itself none. */
  assert_business_days (f, "indiana", "2018-11-02", "2018-11-05", "1");
  assert_business_days (f, "indiana", "2018-11-05", "2018-11-05", "0");
  assert_business_days (f, "indiana", "2018-11-02", "2018-11-03", "0");   /* Saturday */
  /* TO before FROM: no D with FROM < D ≤ TO; the command gives the count
   * signed (minus the days from TO to FROM), as threshold-cli(1) says. */
  assert_business_days (f, "indiana", "2018-11-05", "2018-11-02", "-1");
  /* Indiana, IC 1-1-9-1: General Election Day (Tuesday after the first
   * Monday of November) and Primary Election Day (Tuesday after the first
   * Monday of May), also in the odd years 2015 and 2019, not in 2017. */
  assert_business_days (f, "indiana", "2018-11-05", "2018-11-07", "1");   /* Nov 6 2018 */
  assert_business_days (f, "indiana", "2015-11-02", "2015-11-04", "1");   /* Nov 3 2015 */
  assert_business_days (f, "indiana", "2019-11-04", "2019-11-06", "1");   /* Nov 5 2019 */
  assert_business_days (f, "indiana", "2018-05-07", "2018-05-09", "1");   /* May 8 2018 */
  assert_business_days (f, "indiana", "2019-05-06", "2019-05-08", "1");   /* May 7 2019 */
  assert_business_days (f, "indiana", "2017-05-01", "2017-05-03", "2");   /* none in 2017 */
  /* Washington's Birthday on the day the governor set: Dec 26 2014 (with
   * Christmas on Thursday the 25th), Dec 24 2015, Dec 23 2016 (Christmas
   * on Sunday, observed Monday the 26th), Dec 24 2018, Dec 24 2019. */
  assert_business_days (f, "indiana", "2014-12-24", "2014-12-29", "1");
  assert_business_days (f, "indiana", "2015-12-23", "2015-12-28", "1");
  assert_business_days (f, "indiana", "2016-12-22", "2016-12-27", "1");
  assert_business_days (f, "indiana", "2018-12-21", "2018-12-27", "2");   /* 26, 27 */
  assert_business_days (f, "indiana", "2019-12-20", "2019-12-27", "3");   /* 23, 26, 27 */
  /* Easter-relative: Good Friday Mar 30 2018, Apr 19 2019, Apr 2 2021. */
  assert_business_days (f, "indiana", "2018-03-29", "2018-04-02", "1");
  assert_business_days (f, "indiana", "2019-04-18", "2019-04-22", "1");
  assert_business_days (f, "indiana", "2021-04-01", "2021-04-05", "1");
  /* nth and last weekdays: MLK (3rd Monday of January), Memorial Day
   * (last Monday of May), Labor Day, Columbus Day; Thanksgiving (4th
   * Thursday) with Lincoln's Birthday the day after. */
  assert_business_days (f, "indiana", "2018-01-12", "2018-01-16", "1");
  assert_business_days (f, "indiana", "2018-05-25", "2018-05-29", "1");
  assert_business_days (f, "indiana", "2018-08-31", "2018-09-04", "1");
  assert_business_days (f, "indiana", "2018-10-05", "2018-10-09", "1");
  assert_business_days (f, "indiana", "2018-11-21", "2018-11-26", "1");
  /* The weekend shift: Saturday July 4 2020 → Friday the 3rd; Sunday
   * Veterans Day 2018 → Monday the 12th. */
  assert_business_days (f, "indiana", "2020-07-02", "2020-07-06", "1");
  assert_business_days (f, "indiana", "2018-11-09", "2018-11-13", "1");
  /* Indiana has no Juneteenth on DESIGN's list: June 20 2022 counts. */
  assert_business_days (f, "indiana", "2022-06-17", "2022-06-21", "2");

  /* Missouri, RSMo 9.010: Saturday Jan 1 2022 observed Friday Dec 31 2021,
   * across the year end. */
  assert_business_days (f, "missouri", "2021-12-30", "2022-01-03", "1");
  assert_business_days (f, "missouri", "2021-12-30", "2021-12-31", "0");
  /* Sunday Jan 1 2017 → Monday Jan 2. */
  assert_business_days (f, "missouri", "2016-12-30", "2017-01-03", "1");
  /* Lincoln Day Feb 12, Washington's Birthday the 3rd Monday of February,
   * Truman Day May 8 (Saturday in 2021 → Friday May 7), MLK Day. */
  assert_business_days (f, "missouri", "2018-02-09", "2018-02-13", "1");
  assert_business_days (f, "missouri", "2018-02-16", "2018-02-20", "1");
  assert_business_days (f, "missouri", "2018-05-07", "2018-05-09", "1");
  assert_business_days (f, "missouri", "2021-05-06", "2021-05-10", "1");
  assert_business_days (f, "missouri", "2018-01-12", "2018-01-16", "1");
  /* Juneteenth (on the current lists): Sunday June 19 2022 → Monday. */
  assert_business_days (f, "missouri", "2022-06-17", "2022-06-21", "1");
  /* Christmas on Saturday 2021 → Friday Dec 24. */
  assert_business_days (f, "missouri", "2021-12-23", "2021-12-27", "1");
  /* Missouri keeps neither Good Friday nor election days. */
  assert_business_days (f, "missouri", "2018-03-29", "2018-04-02", "2");
  assert_business_days (f, "missouri", "2018-11-05", "2018-11-07", "2");
}

/* Section: "within N days" metrics */

/* DESIGN: a record's deadline is start + N business days; it counts in
 * the period of its deadline; met if completed on or before it; open past
 * it = missed; deadline ahead = pending and excluded.  Dates are local
 * dates in America/Indiana/Indianapolis.  A.1.a is 2 business days, A.1.b
 * 5, A.1.c/d 1 and 2 for expedited SNAP applications (optional columns
 * program and category), A.2.a 19 calendar days with a due date on a
 * non-business day moved to the next business day (its clause). */
static void
test_within_days (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) march = NULL;
  g_autoptr(JsonNode) march_early = NULL;
  g_autoptr(JsonNode) april_before = NULL;
  g_autoptr(JsonNode) april_open = NULL;
  g_autoptr(JsonNode) april_early = NULL;
  g_autoptr(JsonNode) april_over = NULL;
  g_autoptr(JsonNode) july = NULL;
  JsonObject *computed;

  thr_test_cli_import_ok (f, "tasks.csv",
                          "task_id,type,received,completed,due,program,category\n"
                          /* Fri Mar 2 → due Tue Mar 6; done late on the deadline day: met. */
                          "T1,application,2018-03-02 17:30:00,2018-03-06 23:00:00,,,\n"
                          /* Same deadline, done Wed Mar 7: missed (A.1.a), met (A.1.b, due Fri Mar 9). */
                          "T2,application,2018-03-02 09:00:00,2018-03-07 08:00:00,,,\n"
                          /* Wed Mar 28 → Thu 29, (Good Friday 30), Mon Apr 2: counts in April, met. */
                          "T3,application,2018-03-28 10:00:00,2018-04-02 16:00:00,,,\n"
                          /* Thu Mar 29 → Mon Apr 2, Tue Apr 3; still open. */
                          "T4,application,2018-03-29 10:00:00,,,,\n"
                          /* Tue Feb 27 → Thu Mar 1: counts in March, met. */
                          "T5,application,2018-02-27 10:00:00,2018-03-01 10:00:00,,,\n"
                          /* 03:00 UTC on Mar 13 is 23:00 on Monday Mar 12 in Indianapolis
                           * (EDT): due Wed Mar 14, done Thu 15: missed (due Thu 15 were the
                           * UTC date taken). */
                          "T6,application,2018-03-13T03:00:00Z,2018-03-15 10:00:00,,,\n"
                          /* A.1.c (1 business day): Mon Jul 2 → Tue Jul 3. */
                          "X1,application,2018-07-02 09:00,2018-07-03 16:00,,SNAP,expedited\n"
                          /* Done Thu Jul 5: missed for A.1.c; A.1.d's 2 days skip July 4: met. */
                          "X2,application,2018-07-02 09:00,2018-07-05 08:00,,SNAP,expedited\n"
                          /* A.2.a: Fri Jun 15 + 19 = Wed Jul 4 (a holiday) → Thu Jul 5: met. */
                          "H1,change,2018-06-15,2018-07-05,,,\n"
                          /* Mon Jun 18 + 19 = Sat Jul 7 → Mon Jul 9: met; the 10th: missed. */
                          "H2,change,2018-06-18,2018-07-09,,,\n"
                          "H3,change,2018-06-18,2018-07-10,,,\n");

  /* March, judged: T1, T5 met; T2, T6 missed → 2 of 4 = 50 % < 98 %. */
  march = evaluate (f, "2018-03", "2018-04-20");
  thr_test_cli_assert_result (march, "A.1.a", "missed", 50.0, 2, 4);
  /* A.1.b: all four within five business days. */
  thr_test_cli_assert_result (march, "A.1.b", "met", 100.0, 4, 4);
  /* As of Mar 8, T6 (received Mar 12, Indianapolis time) is not received
   * yet: not counted, not even as pending; T1, T5 met, T2 missed → 2 of 3. */
  march_early = evaluate (f, "2018-03", "2018-03-08");
  thr_test_cli_assert_result (march_early, "A.1.a", "pending", 200.0 / 3.0, 2, 3);
  computed = json_object_get_object_member (thr_test_cli_result_of (march_early, "A.1.a"), "computed");
  g_assert_cmpint (json_object_get_int_member (computed, "pending_records"), ==, 0);
  /* April as of Mar 30: T3 is done on Apr 2, after that day, so it is
   * open then, like T4; both deadlines are ahead → nothing judged. */
  april_before = evaluate (f, "2018-04", "2018-03-30");
  thr_test_cli_assert_result (april_before, "A.1.a", "pending", NAN, -1, -1);
  computed = json_object_get_object_member (thr_test_cli_result_of (april_before, "A.1.a"), "computed");
  g_assert_cmpint (json_object_get_int_member (computed, "pending_records"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (computed, "denominator"), ==, 0);

  /* April on Apr 20: the month is not over (pending, DESIGN "Statuses");
   * T3 met, T4 open past Apr 3 → missed: 1 of 2. */
  april_open = evaluate (f, "2018-04", "2018-04-20");
  thr_test_cli_assert_result (april_open, "A.1.a", "pending", 50.0, 1, 2);
  /* On Apr 2 T4's deadline is ahead: pending and excluded → 1 of 1. */
  april_early = evaluate (f, "2018-04", "2018-04-02");
  thr_test_cli_assert_result (april_early, "A.1.a", "pending", 100.0, 1, 1);
  computed = json_object_get_object_member (thr_test_cli_result_of (april_early, "A.1.a"), "computed");
  g_assert_cmpint (json_object_get_int_member (computed, "pending_records"), ==, 1);
  /* Once April is over, T4 is missed: 50 % < 98 %. */
  april_over = evaluate (f, "2018-04", "2018-05-01");
  thr_test_cli_assert_result (april_over, "A.1.a", "missed", 50.0, 1, 2);

  july = evaluate (f, "2018-07", "2018-08-20");
  thr_test_cli_assert_result (july, "A.1.c", "missed", 50.0, 1, 2);
  thr_test_cli_assert_result (july, "A.1.d", "met", 100.0, 2, 2);
  /* H1, H2 met, H3 missed: 2 of 3 < 95 %. */
  thr_test_cli_assert_result (july, "A.2.a", "missed", 200.0 / 3.0, 2, 3);
}

/* A.2.i: sent "on or before the 4th business day prior to the last
 * calendar day of the redetermination due month" (the task's due field
 * names the month).  May 31 2018 is a Thursday: 30, 29, (Memorial Day
 * 28), 25, 24 → Thursday May 24.  June 30 2018 is a Saturday: the
 * business days prior to it are 29, 28, 27, 26 → Tuesday June 26 (not
 * Monday the 25th, which counting the four in (E, June 30] gives).
 * September 30 2018 is a Sunday: 28, 27, 26, 25 → Tuesday September 25. */
static void
test_prior_business_days (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) may = NULL;
  g_autoptr(JsonNode) june = NULL;
  g_autoptr(JsonNode) september = NULL;

  thr_test_cli_import_ok (f, "redeterminations.csv",
                          "task_id,type,received,completed,due,category\n"
                          "M1,redetermination,2018-05-01,2018-05-24,2018-05-15,mailer_on_time\n"
                          "M2,redetermination,2018-05-01,2018-05-25,2018-05-15,mailer_on_time\n"
                          "J1,redetermination,2018-06-01,2018-06-26,2018-06-15,mailer_on_time\n"
                          "J2,redetermination,2018-06-01,2018-06-25,2018-06-15,mailer_on_time\n"
                          "J3,redetermination,2018-06-01,2018-06-27,2018-06-15,mailer_on_time\n"
                          "S1,redetermination,2018-09-04,2018-09-25,2018-09-15,mailer_on_time\n"
                          "S2,redetermination,2018-09-04,2018-09-26,2018-09-15,mailer_on_time\n");
  may = evaluate (f, "2018-05", "2018-11-01");
  thr_test_cli_assert_result (may, "A.2.i", "missed", 50.0, 1, 2);
  june = evaluate (f, "2018-06", "2018-11-01");
  thr_test_cli_assert_result (june, "A.2.i", "missed", 200.0 / 3.0, 2, 3);
  september = evaluate (f, "2018-09", "2018-11-01");
  thr_test_cli_assert_result (september, "A.2.i", "missed", 50.0, 1, 2);
}

/* A.3.h: "opened or cancelled by the end of the quarter following the
 * quarter of the discovery date": discovered Feb 10 or Mar 31 2018 (Q1)
 * → due June 30, counted in June.  A.3.k: "within fourteen (14) months of
 * the last calendar day of the last claim month" (the due field names the
 * month): January 2018 → January 31 + 14 months = March 31 2019. */
static void
test_month_deadlines (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) june = NULL;
  g_autoptr(JsonNode) march = NULL;

  thr_test_cli_import_ok (f, "claims.csv",
                          "task_id,type,received,completed,due\n"
                          "H1,claim,2018-02-10,2018-06-30,\n"
                          "H2,claim,2018-03-31,2018-07-01,\n"
                          "H3,claim,2018-01-01,2018-06-29,\n"
                          "K1,medicaid_claim_referral,2017-11-01,2019-03-31,2018-01-15\n"
                          "K2,medicaid_claim_referral,2017-11-01,2019-04-01,2018-01-20\n");
  june = evaluate (f, "2018-06", "2019-06-01");
  thr_test_cli_assert_result (june, "A.3.h", "missed", 200.0 / 3.0, 2, 3);   /* < 90 % */
  march = evaluate (f, "2019-03", "2019-06-01");
  thr_test_cli_assert_result (march, "A.3.k", "missed", 50.0, 1, 2);
}

/* Section: weeks, quarters and the call centre */

/* DESIGN "Call centre", S = 15 s: ASA = Σ wait answered / answered;
 * service level = answered ≤ 60 s / (answered + abandoned > S);
 * abandonment = abandoned > S / (offered − abandoned ≤ S).  A flow-out is
 * neither answered nor abandoned: out of the service level's denominator,
 * among the offered calls (reading flowout_calls = per_formula).
 * DESIGN "Weeks": Sunday–Saturday, in the month of their Saturday,
 * labelled by their Sunday. */
static void
test_calls_and_weeks (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) may = NULL;
  g_autoptr(JsonNode) june = NULL;
  g_autoptr(JsonNode) june_early = NULL;
  JsonArray *weeks;
  JsonObject *week;

  thr_test_cli_import_ok (f, "calls.csv",
                          "call_id,queue,offered_at,wait_seconds,outcome\n"
                          "C1,main,2018-05-01 09:00:00,60,answered\n"
                          "C2,main,2018-05-02 09:00:00,61,answered\n"
                          "C3,main,2018-05-03 09:00:00,0,answered\n"
                          "C4,main,2018-05-03 10:00:00,15,abandoned\n"
                          "C5,main,2018-05-03 11:00:00,16,abandoned\n"
                          "C6,main,2018-05-04 09:00:00,61,abandoned\n"
                          "C7,main,2018-05-04 10:00:00,30,flowout\n"
                          "C8,main,2018-05-04 11:00:00,150,answered\n"
                          /* Monday Apr 30: April's month, but the week of Sunday Apr 29,
                           * whose Saturday (May 5) is in May. */
                          "W1,main,2018-04-30 09:00:00,100,abandoned\n"
                          /* May 29 and 30: May's month, the week of Sunday May 27, whose
                           * Saturday (June 2) is in June. */
                          "W2,main,2018-05-29 09:00:00,100,abandoned\n"
                          "W3,main,2018-05-30 09:00:00,10,answered\n");
  may = evaluate (f, "2018-05", "2018-07-01");
  /* May: answered C1 60, C2 61, C3 0, C8 150, W3 10 → 281 / 5 = 56.2 s ≤ 150. */
  thr_test_cli_assert_result (may, "A.5.a", "met", 56.2, 281, 5);
  /* ≤ 60 s: C1, C3, W3 = 3; answered 5 + abandoned > 15 s (C5 at 16,
   * C6, W2) 3 = 8 (C4 at 15 s is short; C7 flowed out) → 37.5 % < 80. */
  thr_test_cli_assert_result (may, "A.5.b", "missed", 37.5, 3, 8);
  /* 3 / (10 offered − 1 short) = 33.3 % > 5. */
  thr_test_cli_assert_result (may, "A.5.c", "missed", 100.0 / 3.0, 3, 9);
  /* May's weeks: the Sundays Apr 29, May 6, 13, 20 (May 27's Saturday is
   * in June).  Apr 29–May 5: C1–C8 and W1, 9 offered, 1 short; abandoned
   * > 15 s W1, C5, C6 → 3 / 8 = 37.5 % > 7: missed, so May is missed. */
  weeks = json_object_get_array_member (thr_test_cli_result_of (may, "A.5.d"), "weeks");
  g_assert_cmpuint (json_array_get_length (weeks), ==, 4);
  week = json_array_get_object_element (weeks, 0);
  g_assert_cmpstr (json_object_get_string_member (week, "period"), ==, "2018-04-29");
  g_assert_cmpstr (json_object_get_string_member (week, "status"), ==, "missed");
  g_assert_cmpfloat (json_object_get_double_member (week, "numerator"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (week, "denominator"), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (weeks, 1), "status"), ==, "no-data");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (weeks, 3), "period"), ==, "2018-05-20");
  g_assert_cmpstr (json_object_get_string_member (thr_test_cli_result_of (may, "A.5.d"), "status"), ==, "missed");

  /* June's first week is May 27–June 2: W2 abandoned, W3 answered → 50 %. */
  june = evaluate (f, "2018-06", "2018-07-01");
  weeks = json_object_get_array_member (thr_test_cli_result_of (june, "A.5.d"), "weeks");
  g_assert_cmpuint (json_array_get_length (weeks), ==, 5);
  week = json_array_get_object_element (weeks, 0);
  g_assert_cmpstr (json_object_get_string_member (week, "period"), ==, "2018-05-27");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (week, "value"), 50.0, 1e-9);
  /* On June 10 the week of June 10 is not over: pending, not no-data. */
  june_early = evaluate (f, "2018-06", "2018-06-10");
  weeks = json_object_get_array_member (thr_test_cli_result_of (june_early, "A.5.d"), "weeks");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (weeks, 1), "status"), ==, "no-data");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (weeks, 2), "period"), ==, "2018-06-10");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (weeks, 2), "status"), ==, "pending");
  /* Its first week is missed, but the month is pending until its last
   * week is over (DESIGN "Statuses"), the missed week named. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (weeks, 0), "status"), ==, "missed");
  g_assert_cmpstr (json_object_get_string_member (thr_test_cli_result_of (june_early, "A.5.d"), "status"), ==, "pending");
  g_assert_nonnull (strstr (json_object_get_string_member (thr_test_cli_result_of (june_early, "A.5.d"), "explanation"),
                            "the week of 2018-05-27 was missed"));
  g_assert_cmpstr (json_object_get_string_member (thr_test_cli_result_of (june, "A.5.d"), "status"), ==, "missed");
}

/* DESIGN "Weeks": quarterly and annual metrics are judged in the last
 * month of their period, pending with a period-to-date value before.
 * A.3.c: TANF collections ≥ $30,000 a quarter, summed from the records'
 * amounts (optional column amount). */
static void
test_quarter_to_date (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) april = NULL;
  g_autoptr(JsonNode) may = NULL;
  g_autoptr(JsonNode) june = NULL;
  JsonObject *r;

  thr_test_cli_import_ok (f, "collections.csv",
                          "task_id,type,received,completed,amount\n"
                          "R1,tanf_collection,2018-04-10,2018-04-10,\"$10,000.00\"\n"
                          "R2,tanf_collection,2018-05-10,2018-05-10,15000\n"
                          "R3,tanf_collection,2018-06-29,2018-06-29,6000\n");
  april = evaluate (f, "2018-04", "2018-08-20");
  r = thr_test_cli_result_of (april, "A.3.c");
  g_assert_cmpstr (json_object_get_string_member (r, "period"), ==, "2018-Q2");
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "pending");
  g_assert_true (json_object_get_boolean_member (r, "to_date"));
  g_assert_cmpfloat (json_object_get_double_member (r, "value"), ==, 10000);
  may = evaluate (f, "2018-05", "2018-08-20");
  g_assert_cmpstr (json_object_get_string_member (thr_test_cli_result_of (may, "A.3.c"), "status"), ==, "pending");
  g_assert_cmpfloat (json_object_get_double_member (thr_test_cli_result_of (may, "A.3.c"), "value"), ==, 25000);
  /* June judges the quarter: 31,000 ≥ 30,000. */
  june = evaluate (f, "2018-06", "2018-08-20");
  r = thr_test_cli_result_of (june, "A.3.c");
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "met");
  g_assert_false (json_object_get_boolean_member (r, "to_date"));
  g_assert_cmpfloat (json_object_get_double_member (r, "value"), ==, 31000);
  g_assert_cmpstr (json_object_get_string_member (r, "unit"), ==, "dollars");
  /* B.1 is annual: pending all year. */
  g_assert_cmpstr (json_object_get_string_member (thr_test_cli_result_of (june, "B.1"), "period"), ==, "2018");
  g_assert_cmpstr (json_object_get_string_member (thr_test_cli_result_of (june, "B.1"), "status"), ==, "pending");
}

/* Section: statuses */

/* DESIGN "Statuses": "will exceed 95 %" is strict (95.0 missed); ≥ and ≤
 * are met on the bound; no data is never met; counts give the value. */
static void
test_statuses (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) april = NULL;
  g_autoptr(JsonNode) may = NULL;
  g_autofree char *out = NULL, *err = NULL;

  thr_test_cli_import_ok (f, "report.csv",
                          "metric,period,value,numerator,denominator\n"
                          "A.1.k,2018-04,95,,\n"          /* > 95: missed */
                          "A.1.k,2018-05,95.01,,\n"       /* > 95: met */
                          "A.2.c,2018-04,95.0%,,\n"       /* the same, written as a percentage */
                          "A.1.a,2018-04,98,,\n"          /* ≥ 98: met on the bound */
                          "A.5.a,2018-04,150,,\n"         /* ≤ 150 s: met */
                          "A.5.c,2018-04,5.01,,\n"        /* ≤ 5 %: missed */
                          "B.3,2018-04,12,,\n"            /* ≤ 12 %: met */
                          "A.1.b,2018-04,,989,1000\n"     /* 98.9 % < 99: missed */
                          "C.2,2018-04,,19,20\n");        /* 95 % ≥ 95: met */
  april = evaluate (f, "2018-04", "2018-06-01");
  thr_test_cli_assert_result (april, "A.1.k", "missed", 95.0, -1, -1);
  thr_test_cli_assert_result (april, "A.2.c", "missed", 95.0, -1, -1);
  thr_test_cli_assert_result (april, "A.1.a", "met", 98.0, -1, -1);
  thr_test_cli_assert_result (april, "A.5.a", "met", 150.0, -1, -1);
  thr_test_cli_assert_result (april, "A.5.c", "missed", 5.01, -1, -1);
  thr_test_cli_assert_result (april, "B.3", "met", 12.0, -1, -1);
  thr_test_cli_assert_result (april, "A.1.b", "missed", 98.9, 989, 1000);
  thr_test_cli_assert_result (april, "C.2", "met", 95.0, 19, 20);
  /* Nothing imported for A.1.c: no-data, with no value. */
  thr_test_cli_assert_result (april, "A.1.c", "no-data", NAN, -1, -1);
  g_assert_cmpstr (json_object_get_string_member (thr_test_cli_result_of (april, "A.1.k"), "op"), ==, ">");
  may = evaluate (f, "2018-05", "2018-06-01");
  thr_test_cli_assert_result (may, "A.1.k", "met", 95.01, -1, -1);

  /* The text and CSV forms say the same statuses. */
  g_assert_cmpint (thr_test_cli (f, &out, NULL, "evaluate", "--period", "2018-04", "--today", "2018-06-01",
                                 "--format", "csv", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\nA.1.k,,2018-04,missed,95,>,95,percent,"));
  g_assert_nonnull (strstr (out, "\nA.1.c,,2018-04,no-data,,>=,98,percent,"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (thr_test_cli (f, &out, NULL, "evaluate", "--period", "2018-04", "--today", "2018-06-01", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "A.1.k"));
  g_assert_nonnull (strstr (out, "missed"));
  g_clear_pointer (&out, g_free);
  /* A wrong command line: exit 2, and the usage names --today, which the
   * contract gives evaluate, ledger, caps and report. */
  g_assert_cmpint (thr_test_cli (f, NULL, &err, "evaluate", "--period", "2018-04", "--format", "xml", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "[--today YYYY-MM-DD]"));
  for (guint i = 0; i < 3; i++)
    {
      const char *command = (const char *[]) { "ledger", "caps", "report" }[i];
      g_autofree char *usage = NULL;

      g_assert_cmpint (thr_test_cli (f, NULL, &usage, command, "--format", "xml", NULL), ==, 2);
      g_assert_nonnull (strstr (usage, "[--today YYYY-MM-DD]"));
    }
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "evaluate", "--period", "2018-04", "--today", "2018-06-31", NULL), ==, 2);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "evaluate", "--period", "2018-4", NULL), ==, 2);
}

/* The KPI template (the Missouri page): "within +/- 5 percentage points
 * of the Quarterly Statewide Average", "+/- 5 minutes" (300 s), and the
 * completion rate inside the queue's QSA range; the bounds are inside. */
static void
test_kpi_within (Fixture *f, gconstpointer data)
{
  g_autofree char *kpi_db = thr_test_store_address (f->dir, "kpi.db");
  Fixture k = { f->dir, kpi_db };
  g_autofree char *qsa = thr_test_cli_write_file (f, "qsa.csv",
                                                  "key,period,value,queue\n"
                                                  "qsa:online_utilization,2024-Q3,70,\n"
                                                  "qsa:transaction_time,2024-Q3,600,\n"
                                                  "qsa:completion_rate_low,2024-Q3,82,MAGI\n"
                                                  "qsa:completion_rate_high,2024-Q3,95,MAGI\n");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) deadlines = NULL;
  const struct { const char *metric, *subject, *status; } expected[] = {
    { "online_utilization", "worker:A", "met" },      /* 65 = 70 − 5 */
    { "online_utilization", "worker:B", "met" },      /* 75 = 70 + 5 */
    { "online_utilization", "worker:C", "missed" },   /* 64.9 */
    { "online_utilization", "worker:D", "missed" },   /* 75.1 */
    { "transaction_time", "worker:A", "met" },        /* 900 s = 600 + 300 */
    { "transaction_time", "worker:B", "missed" },     /* 901 s */
    { "completion_rate", "group:N", "met" },          /* 82, the range's low end */
    { "completion_rate", "group:S", "met" },          /* 95, its high end */
    { "completion_rate", "group:E", "missed" },       /* 95.5 */
  };
  JsonArray *results;

  g_assert_cmpint (thr_test_cli (&k, NULL, NULL, "init", "--template", "mo-im-kpi", NULL), ==, 0);
  g_assert_cmpint (thr_test_cli (&k, NULL, NULL, "import", qsa, "--kind", "references", NULL), ==, 0);
  thr_test_cli_import_ok (&k, "kpi.csv",
                          "metric,period,value,subject,queue\n"
                          "online_utilization,2024-08,65,worker:A,\n"
                          "online_utilization,2024-08,75,worker:B,\n"
                          "online_utilization,2024-08,64.9,worker:C,\n"
                          "online_utilization,2024-08,75.1,worker:D,\n"
                          "transaction_time,2024-08,900,worker:A,\n"
                          "transaction_time,2024-08,901,worker:B,\n"
                          "completion_rate,2024-08,82,group:N,MAGI\n"
                          "completion_rate,2024-08,95,group:S,MAGI\n"
                          "completion_rate,2024-08,95.5,group:E,MAGI\n");
  root = evaluate (&k, "2024-08", "2024-10-01");
  results = json_object_get_array_member (json_node_get_object (root), "results");
  for (guint e = 0; e < G_N_ELEMENTS (expected); e++)
    {
      JsonObject *found = NULL;

      for (guint i = 0; i < json_array_get_length (results); i++)
        {
          JsonObject *r = json_array_get_object_element (results, i);
          if (g_str_equal (json_object_get_string_member (r, "metric"), expected[e].metric) &&
              g_strcmp0 (json_object_get_string_member (r, "subject"), expected[e].subject) == 0)
            found = r;
        }
      g_assert_nonnull (found);
      g_assert_cmpstr (json_object_get_string_member (found, "status"), ==, expected[e].status);
      if (g_str_equal (expected[e].metric, "online_utilization"))
        {
          g_assert_cmpstr (json_object_get_string_member (found, "op"), ==, "within");
          g_assert_cmpfloat (json_object_get_double_member (found, "target"), ==, 70);
          g_assert_cmpfloat (json_object_get_double_member (found, "tolerance"), ==, 5);
        }
    }
  /* The KPI page sets no report or verification dates (D2 ¶2 and ¶3 are
   * RFP 16-102's) and none of its metrics opens a CAP: nothing is due. */
  deadlines = thr_test_cli_json (&k, "deadlines", "--today", "2024-10-01", "--format", "json", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (deadlines), "deadlines")),
                    ==, 0);
}

/* Section: the ledger */

typedef struct {
  const char *metric;
  const char *period;
  const char *value;   /* NULL: the row is left out (no data) */
} Override;

static const Override *
find_override (const Override *overrides,
               const char     *metric,
               const char     *period)
{
  for (const Override *o = overrides; o && o->metric; o++)
    if (g_str_equal (o->metric, metric) && g_str_equal (o->period, period))
      return o;
  return NULL;
}

/* A value on the met side of the metric's threshold. */
static void
append_meeting_row (GString         *csv,
                    const ThrMetric *m,
                    const char      *period,
                    const Override  *overrides)
{
  const Override *o = find_override (overrides, m->id, period);
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  double value;

  if (o != NULL)
    {
      if (o->value != NULL)
        g_string_append_printf (csv, "%s,%s,%s\n", m->id, period, o->value);
      return;
    }
  switch (m->op)
    {
    case THR_OP_GT: value = m->target + 1; break;
    case THR_OP_LT: value = m->target - 1; break;
    case THR_OP_GE:
    case THR_OP_LE:
    case THR_OP_BETWEEN:   /* none in RFP 16-102 */
    case THR_OP_WITHIN:
    default: value = m->target; break;
    }
  g_string_append_printf (csv, "%s,%s,%s\n", m->id, period, g_ascii_dtostr (text, sizeof text, value));
}

/* The contractor's report for N months from FIRST, every metric met but
 * OVERRIDES (weeks by their Sunday, quarters and years in their last
 * month), and invoices of $100,000.00 central, $50,000.00 local office
 * and $20,000.00 training each month. */
static void
import_months (Fixture        *f,
               const char     *first,
               guint           n,
               const Override *overrides)
{
  g_autoptr(ThrContract) contract = thr_contract_load_template ("rfp-16-102", NULL);
  g_autoptr(GString) report = g_string_new ("metric,period,value\n");
  g_autoptr(GString) invoices = g_string_new ("month,component,amount\n");
  ThrPeriod month;

  g_assert_true (thr_period_parse_kind (first, THR_PERIOD_MONTH, &month, NULL));
  for (guint i = 0; i < n; i++, thr_period_next (&month, &month))
    {
      g_autofree char *label = thr_period_format (&month);

      g_string_append_printf (invoices, "%s,central,100000.00\n%s,local_office,50000.00\n%s,training,20000.00\n",
                              label, label, label);
      for (guint k = 0; k < thr_contract_get_n_metrics (contract); k++)
        {
          const ThrMetric *m = thr_contract_get_metric (contract, k);
          ThrPeriod enclosing;

          if (m->period == THR_PERIOD_MONTH)
            append_meeting_row (report, m, label, overrides);
          else if (m->period == THR_PERIOD_WEEK)
            {
              for (guint32 d = month.first; d <= month.last; d++)
                if (thr_day_weekday (d) == 6)   /* its Saturday is in this month */
                  {
                    g_autofree char *sunday = thr_day_format (d - 6);
                    append_meeting_row (report, m, sunday, overrides);
                  }
            }
          else
            {
              thr_period_enclosing (m->period, &month, &enclosing);
              if (thr_period_is_last_month (&enclosing, &month))
                {
                  g_autofree char *period = thr_period_format (&enclosing);
                  append_meeting_row (report, m, period, overrides);
                }
            }
        }
    }
  thr_test_cli_import_ok (f, "invoices.csv", invoices->str);
  thr_test_cli_import_ok (f, "report.csv", report->str);
}

static JsonObject *
ledger_row (JsonNode   *root,
            const char *month,
            const char *component)
{
  JsonArray *rows = json_object_get_array_member (json_node_get_object (root), "rows");

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      if (g_str_equal (json_object_get_string_member (row, "month"), month) &&
          g_str_equal (json_object_get_string_member (row, "component"), component))
        return row;
    }
  g_error ("no ledger row %s %s", month, component);
}

static gint64
cents (JsonObject *row,
       const char *member)
{
  return llround (json_object_get_double_member (row, member) * 100);
}

/* A ledger row: its state, the rate, the amount withheld (and so in that
 * state), and the invoice it is released with (NULL: none). */
static void
assert_money (JsonNode   *root,
              const char *month,
              const char *component,
              const char *state,
              int         rate,
              gint64      withheld,
              const char *released_with)
{
  JsonObject *row = ledger_row (root, month, component);
  const char *with = json_object_get_null_member (row, "released_with") ? NULL
                     : json_object_get_string_member (row, "released_with");

  g_assert_cmpstr (json_object_get_string_member (row, "state"), ==, state);
  g_assert_cmpfloat (json_object_get_double_member (row, "rate"), ==, rate);
  g_assert_cmpint (cents (row, "withheld"), ==, withheld);
  g_assert_cmpint (cents (row, state), ==, withheld);
  g_assert_cmpint (cents (row, "released") + cents (row, "held") + cents (row, "retained"), ==, withheld);
  g_assert_cmpstr (with, ==, released_with);
}

static void
assert_all_components (JsonNode   *root,
                       const char *month,
                       const char *state,
                       const char *released_with)
{
  assert_money (root, month, "central", state, 15, 1500000, released_with);
  assert_money (root, month, "local_office", state, 15, 750000, released_with);
  assert_money (root, month, "training", state, 15, 300000, released_with);
}

/* D2 ¶4.iii's own example: A.1.a missed April 2018, met only in July
 * (missed May, June, August) → the withholding of April, May, June and
 * August is permanently retained.  ¶3: March and September, every metric
 * met, are released with the next invoice; July, met, is not a missed
 * month of the failed window and goes once August has decided it.  Under
 * release_scope = all_metrics a Section A miss holds every component. */
static void
test_seed_example (Fixture *f, gconstpointer data)
{
  const Override misses[] = {
    { "A.1.a", "2018-04", "90" }, { "A.1.a", "2018-05", "90" },
    { "A.1.a", "2018-06", "90" }, { "A.1.a", "2018-08", "90" }, { NULL },
  };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) caps = NULL;
  g_autoptr(JsonNode) part = NULL;
  JsonArray *rows, *retained;
  JsonObject *cap;

  import_months (f, "2018-03", 7, misses);
  root = thr_test_cli_json (f, "ledger", "--today", "2018-10-20", "--format", "json", NULL);
  assert_all_components (root, "2018-03", "released", "2018-04");
  assert_all_components (root, "2018-04", "retained", NULL);
  assert_all_components (root, "2018-05", "retained", NULL);
  assert_all_components (root, "2018-06", "retained", NULL);
  assert_all_components (root, "2018-07", "released", "2018-09");
  assert_all_components (root, "2018-08", "retained", NULL);
  assert_all_components (root, "2018-09", "released", "2018-10");
  /* Every amount's explanation cites its paragraph. */
  rows = json_object_get_array_member (json_node_get_object (root), "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 21);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *why = json_object_get_string_member (row, "explanation");

      g_assert_true (g_str_has_prefix (why, "¶1."));
      if (g_str_equal (json_object_get_string_member (row, "state"), "retained"))
        g_assert_nonnull (strstr (why, "¶4.iii"));
    }
  g_assert_nonnull (strstr (json_object_get_string_member (ledger_row (root, "2018-03", "central"), "explanation"),
                            "¶3"));

  caps = thr_test_cli_json (f, "caps", "--today", "2018-10-20", "--format", "json", NULL);
  cap = json_array_get_object_element (json_object_get_array_member (json_node_get_object (caps), "caps"), 0);
  g_assert_cmpstr (json_object_get_string_member (cap, "metric"), ==, "A.1.a");
  g_assert_cmpstr (json_object_get_string_member (cap, "outcome"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (cap, "window_first"), ==, "2018-05");
  g_assert_cmpstr (json_object_get_string_member (cap, "window_last"), ==, "2018-08");
  retained = json_object_get_array_member (cap, "retained_months");
  g_assert_cmpuint (json_array_get_length (retained), ==, 4);
  g_assert_cmpstr (json_array_get_string_element (retained, 0), ==, "2018-04");
  g_assert_cmpstr (json_array_get_string_element (retained, 3), ==, "2018-08");

  /* --from/--to narrow the rows, not the run that decides them. */
  part = thr_test_cli_json (f, "ledger", "--today", "2018-10-20", "--from", "2018-05", "--to", "2018-06", "--format", "json", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (part), "rows")), ==, 6);
  assert_all_components (part, "2018-05", "retained", NULL);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "ledger", "--from", "2018-06", "--to", "2018-05", NULL), ==, 1);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "ledger", "--to", "June", NULL), ==, 2);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "ledger", "--today", "2018-02-30", NULL), ==, 2);
}

/* D2 ¶1.i: three or more metrics missed in a month raise the central
 * component's rate to 25 % for the following months until a month in
 * which every metric is met; local office and training stay at 15 %.
 * February: A.1.a, A.1.b, B.3 missed → March at 25 %, March all met →
 * April at 15 %.  April: two misses (A.2.a, C.2) → May stays at 15 %. */
static void
test_escalation (Fixture *f, gconstpointer data)
{
  const Override misses[] = {
    { "A.1.a", "2018-02", "90" }, { "A.1.b", "2018-02", "90" }, { "B.3", "2018-02", "13" },
    { "A.2.a", "2018-04", "90" }, { "C.2", "2018-04", "90" }, { NULL },
  };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *march;

  import_months (f, "2018-01", 5, misses);
  root = thr_test_cli_json (f, "ledger", "--today", "2018-07-20", "--format", "json", NULL);
  assert_money (root, "2018-01", "central", "released", 15, 1500000, "2018-02");
  assert_money (root, "2018-02", "central", "held", 15, 1500000, NULL);
  march = ledger_row (root, "2018-03", "central");
  g_assert_cmpfloat (json_object_get_double_member (march, "rate"), ==, 25);
  g_assert_cmpint (cents (march, "withheld"), ==, 2500000);   /* 25 % of $100,000.00 */
  g_assert_true (json_object_get_boolean_member (march, "escalated"));
  g_assert_nonnull (strstr (json_object_get_string_member (march, "explanation"), "¶1.i"));
  g_assert_cmpint (cents (ledger_row (root, "2018-03", "local_office"), "withheld"), ==, 750000);
  g_assert_cmpfloat (json_object_get_double_member (ledger_row (root, "2018-04", "central"), "rate"), ==, 15);
  g_assert_cmpfloat (json_object_get_double_member (ledger_row (root, "2018-05", "central"), "rate"), ==, 15);
  g_assert_false (json_object_get_boolean_member (ledger_row (root, "2018-05", "central"), "escalated"));
}

/* D2 ¶4.i: release needs the CAP implemented and the metric met two
 * consecutive months in the four after the failure.  A.1.a missed April,
 * met May and June: without implemented_on, April–July stay held; the
 * State records it on 2018-06-10 → April, May, June released with July's
 * invoice (the month after the second met month), July with August's. */
static void
test_release_needs_implementation (Fixture *f, gconstpointer data)
{
  const Override misses[] = { { "A.1.a", "2018-04", "90" }, { NULL } };
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;

  import_months (f, "2018-03", 5, misses);
  before = thr_test_cli_json (f, "ledger", "--today", "2018-08-20", "--format", "json", NULL);
  assert_all_components (before, "2018-03", "released", "2018-04");
  for (guint m = 4; m <= 7; m++)
    {
      g_autofree char *month = g_strdup_printf ("2018-%02u", m);
      assert_all_components (before, month, "held", NULL);
    }
  g_assert_nonnull (strstr (json_object_get_string_member (ledger_row (before, "2018-04", "central"), "explanation"),
                            "¶4.i"));
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "1", "implemented_on", "2018-06-10", NULL), ==, 0);
  after = thr_test_cli_json (f, "ledger", "--today", "2018-08-20", "--format", "json", NULL);
  assert_all_components (after, "2018-04", "released", "2018-07");
  assert_all_components (after, "2018-05", "released", "2018-07");
  assert_all_components (after, "2018-06", "released", "2018-07");
  assert_all_components (after, "2018-07", "released", "2018-08");
}

/* D2 ¶1.i ending and starting again across the corrective windows it
 * brings.  February: A.1.a, A.1.b and B.3 missed → March at 25 %; March
 * every metric met → April at 15 %; April: the same three missed again
 * (repeat misses of their windows March–June) → May at 25 %; May met →
 * June at 15 %.  Each window has June as its second consecutive met
 * month (May, June); the CAPs are implemented May 10, June 10 and, late,
 * August 10: ¶4.i holds February–July until the last implementation, and
 * all of it goes with the August invoice (the month of B.3's
 * implementation, after June's verification).  Withheld: 15 % of
 * $170,000.00 a month, 25 % of the $100,000.00 central invoice in March
 * and May → $224,000.00 over January–August, every cent released. */
static void
test_escalation_again (Fixture *f, gconstpointer data)
{
  const Override misses[] = {
    { "A.1.a", "2018-02", "90" }, { "A.1.b", "2018-02", "90" }, { "B.3", "2018-02", "13" },
    { "A.1.a", "2018-04", "90" }, { "A.1.b", "2018-04", "90" }, { "B.3", "2018-04", "13" }, { NULL },
  };
  const struct { const char *month; int rate; } rates[] = {
    { "2018-01", 15 }, { "2018-02", 15 }, { "2018-03", 25 }, { "2018-04", 15 },
    { "2018-05", 25 }, { "2018-06", 15 }, { "2018-07", 15 }, { "2018-08", 15 },
  };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *totals;

  import_months (f, "2018-01", 8, misses);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "--today", "2018-10-20", NULL), ==, 0);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "1", "implemented_on", "2018-05-10", NULL), ==, 0);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "2", "implemented_on", "2018-06-10", NULL), ==, 0);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "3", "implemented_on", "2018-08-10", NULL), ==, 0);
  root = thr_test_cli_json (f, "ledger", "--today", "2018-10-20", "--format", "json", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (rates); i++)
    {
      const char *with = i == 0 ? "2018-02" : i == 7 ? "2018-09" : "2018-08";

      assert_money (root, rates[i].month, "central", "released", rates[i].rate, rates[i].rate * 100000, with);
      assert_money (root, rates[i].month, "local_office", "released", 15, 750000, with);
      assert_money (root, rates[i].month, "training", "released", 15, 300000, with);
    }
  g_assert_true (json_object_get_boolean_member (ledger_row (root, "2018-05", "central"), "escalated"));
  g_assert_nonnull (strstr (json_object_get_string_member (ledger_row (root, "2018-05", "central"), "explanation"),
                            "2018-04"));
  totals = json_object_get_object_member (json_node_get_object (root), "totals");
  g_assert_cmpint (cents (totals, "withheld"), ==, 22400000);
  g_assert_cmpint (cents (totals, "released"), ==, 22400000);
}

/* Two metrics missed in the same month, each with its CAP (¶4), released
 * together under release_scope = all_metrics.  April: A.1.a and B.3
 * missed; B.3 missed again in May.  A.1.a: met May, June → resolved
 * June, implemented June 15.  B.3: met June, July → resolved July,
 * implemented July 20.  April–July wait for both: released with the
 * August invoice (after July's verification); no component goes sooner. */
static void
test_two_failures_one_month (Fixture *f, gconstpointer data)
{
  const Override misses[] = {
    { "A.1.a", "2018-04", "90" }, { "B.3", "2018-04", "13" }, { "B.3", "2018-05", "13" }, { NULL },
  };
  g_autoptr(JsonNode) caps = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;

  import_months (f, "2018-03", 8, misses);
  caps = thr_test_cli_json (f, "caps", "--today", "2018-11-20", "--format", "json", NULL);
  list = json_object_get_array_member (json_node_get_object (caps), "caps");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "metric"), ==, "A.1.a");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 1), "metric"), ==, "B.3");
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "1", "implemented_on", "2018-06-15", NULL), ==, 0);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "2", "implemented_on", "2018-07-20", NULL), ==, 0);
  root = thr_test_cli_json (f, "ledger", "--today", "2018-11-20", "--format", "json", NULL);
  assert_all_components (root, "2018-03", "released", "2018-04");
  assert_all_components (root, "2018-04", "released", "2018-08");
  assert_all_components (root, "2018-05", "released", "2018-08");
  assert_all_components (root, "2018-06", "released", "2018-08");
  assert_all_components (root, "2018-07", "released", "2018-08");
  assert_all_components (root, "2018-08", "released", "2018-09");
}

/* ¶4: a failure brought by an import that is undone goes, and with it its
 * CAP, unless someone wrote in the CAP: then it stays, "undone".  A
 * corrected invoice replaces the first ("a later invoice import for the
 * same month and component replaces an earlier one") and its undo brings
 * the first back: 15 % of $120,000.50 = $18,000.075 → $18,000.08. */
static void
test_corrections_and_undo (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) caps = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) undone = NULL;
  JsonArray *list;
  JsonObject *cap;

  import_months (f, "2018-03", 4, NULL);
  /* Imports 1 and 2 are import_months' invoices and report. */
  thr_test_cli_import_ok (f, "fix.csv", "month,component,amount\n2018-04,central,\"$120,000.50\"\n");
  thr_test_cli_import_ok (f, "late.csv", "metric,period,value\nA.1.a,2018-04,90\nB.3,2018-05,13\n");
  root = thr_test_cli_json (f, "ledger", "--today", "2018-07-20", "--format", "json", NULL);
  g_assert_cmpint (cents (ledger_row (root, "2018-04", "central"), "withheld"), ==, 1800008);
  assert_money (root, "2018-04", "local_office", "held", 15, 750000, NULL);
  caps = thr_test_cli_json (f, "caps", "--today", "2018-07-20", "--format", "json", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (caps), "caps")), ==, 2);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "1", "root_cause", "Intake staff short", NULL), ==, 0);

  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "undo", "4", NULL), ==, 0);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "undo", "3", NULL), ==, 0);
  undone = thr_test_cli_json (f, "ledger", "--today", "2018-07-20", "--format", "json", NULL);
  assert_all_components (undone, "2018-04", "released", "2018-05");
  assert_all_components (undone, "2018-05", "released", "2018-06");
  g_clear_pointer (&caps, json_node_unref);
  caps = thr_test_cli_json (f, "caps", "--today", "2018-07-20", "--format", "json", NULL);
  list = json_object_get_array_member (json_node_get_object (caps), "caps");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  cap = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (cap, "metric"), ==, "A.1.a");
  g_assert_cmpstr (json_object_get_string_member (cap, "outcome"), ==, "undone");
  g_assert_false (json_object_get_null_member (cap, "failure_undone_at"));
}

/* DESIGN "Statuses": a metric with no data holds back the month's
 * release (¶3 needs every metric verified met), a pending one does not.
 * B.3 is left out of May's report; January–March's quarterly A.3.b/c are
 * pending in January and February and the months are still released. */
static void
test_no_data_holds_release (Fixture *f, gconstpointer data)
{
  const Override gaps[] = { { "B.3", "2018-05", NULL }, { NULL } };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) early = NULL;

  import_months (f, "2018-01", 6, gaps);
  root = thr_test_cli_json (f, "ledger", "--today", "2018-07-20", "--format", "json", NULL);
  assert_all_components (root, "2018-01", "released", "2018-02");
  assert_all_components (root, "2018-02", "released", "2018-03");
  assert_all_components (root, "2018-04", "released", "2018-05");
  assert_all_components (root, "2018-05", "held", NULL);
  assert_all_components (root, "2018-06", "released", "2018-07");
  g_assert_nonnull (strstr (json_object_get_string_member (ledger_row (root, "2018-05", "training"), "explanation"),
                            "¶3"));
  /* On June 10 June's own metrics are not judged: June releases nothing. */
  early = thr_test_cli_json (f, "ledger", "--today", "2018-06-10", "--format", "json", NULL);
  assert_all_components (early, "2018-06", "held", NULL);
}

/* A miss in the data's last month: A.1.a missed August 2018, nothing
 * imported after it.  ¶4.i's window, September–December, has no result
 * yet on 2019-03-20, so August is held pending the CAP (¶4.i), not
 * retained (¶4.iii needs the Contractor to have failed "during the four
 * month corrective period", which the data does not show).  DESIGN
 * "--from/--to narrow the rows, not the run that decides them": asking
 * for rows up to December or June 2019, past the data, decides nothing
 * more. */
static void
test_miss_in_last_month (Fixture *f, gconstpointer data)
{
  const Override misses[] = { { "A.1.a", "2018-08", "90" }, { NULL } };
  const char *ranges[][2] = { { NULL, NULL }, { "--to", "2018-12" }, { "--to", "2019-06" }, { "--from", "2018-08" } };
  g_autoptr(JsonNode) caps = NULL;
  JsonObject *cap;

  import_months (f, "2018-03", 6, misses);
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      g_autoptr(JsonNode) root = ranges[i][0] == NULL
        ? thr_test_cli_json (f, "ledger", "--today", "2019-03-20", "--format", "json", NULL)
        : thr_test_cli_json (f, "ledger", "--today", "2019-03-20", ranges[i][0], ranges[i][1], "--format", "json", NULL);
      JsonObject *totals = json_object_get_object_member (json_node_get_object (root), "totals");

      assert_all_components (root, "2018-08", "held", NULL);
      g_assert_nonnull (strstr (json_object_get_string_member (ledger_row (root, "2018-08", "central"), "explanation"),
                                "¶4.i"));
      g_assert_cmpint (cents (totals, "retained"), ==, 0);
      g_assert_cmpint (cents (totals, "held"), ==, 2550000);   /* 15 % of $170,000.00 */
    }
  caps = thr_test_cli_json (f, "caps", "--today", "2019-03-20", "--format", "json", NULL);
  cap = json_array_get_object_element (json_object_get_array_member (json_node_get_object (caps), "caps"), 0);
  g_assert_cmpstr (json_object_get_string_member (cap, "failure_month"), ==, "2018-08");
  g_assert_cmpstr (json_object_get_string_member (cap, "outcome"), ==, "open");
  g_assert_cmpstr (json_object_get_string_member (cap, "window_first"), ==, "2018-09");
  g_assert_cmpstr (json_object_get_string_member (cap, "window_last"), ==, "2018-12");
}

/* A quarterly miss: A.3.c $20,000 in 2018-Q1 < $30,000 is missed in
 * March, the quarter's last month, and opens a CAP for 2018-03 whose
 * window is April–July. */
static void
test_quarterly_miss (Fixture *f, gconstpointer data)
{
  const Override misses[] = { { "A.3.c", "2018-Q1", "20000" }, { NULL } };
  g_autoptr(JsonNode) march = NULL;
  g_autoptr(JsonNode) caps = NULL;
  JsonObject *cap;

  import_months (f, "2018-01", 4, misses);
  march = evaluate (f, "2018-03", "2018-05-20");
  thr_test_cli_assert_result (march, "A.3.c", "missed", 20000, -1, -1);
  caps = thr_test_cli_json (f, "caps", "--today", "2018-05-20", "--format", "json", NULL);
  cap = json_array_get_object_element (json_object_get_array_member (json_node_get_object (caps), "caps"), 0);
  g_assert_cmpstr (json_object_get_string_member (cap, "metric"), ==, "A.3.c");
  g_assert_cmpstr (json_object_get_string_member (cap, "failure_month"), ==, "2018-03");
  g_assert_cmpstr (json_object_get_string_member (cap, "window_first"), ==, "2018-04");
  g_assert_cmpstr (json_object_get_string_member (cap, "window_last"), ==, "2018-07");
}

static JsonObject *
money_line (JsonNode   *root,
            const char *metric,
            const char *period)
{
  JsonArray *lines = json_object_get_array_member (json_node_get_object (root), "lines");

  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      if (g_str_equal (json_object_get_string_member (line, "metric"), metric) &&
          g_str_equal (json_object_get_string_member (line, "period"), period))
        return line;
    }
  g_error ("no money line %s %s", metric, period);
}

static void
assert_line (JsonNode   *root,
             const char *metric,
             const char *period,
             const char *kind,
             gint64      amount_cents)
{
  JsonObject *line = money_line (root, metric, period);

  g_assert_cmpstr (json_object_get_string_member (line, "kind"), ==, kind);
  g_assert_cmpint (cents (line, "amount"), ==, amount_cents);
  g_assert_nonnull (strstr (json_object_get_string_member (line, "explanation"), metric));
}

/* A.3.b: SNAP over-issuance retention against $120,000 a quarter, 20 %
 * of the excess as a bonus (the excess capped at $1,000,000.00: DESIGN
 * reads the cap as one on the excess), damages equal to the shortfall
 * over a rolling twelve months (reading damages_window = rolling_net:
 * the quarters' net), trued up at the end of the state fiscal year
 * (July–June).  C.6: completion ≥ 85 % in 2018 earns 8 % of the year's
 * fees (reading bonus_fees = invoiced: $170,000.00 × 12). */
static void
test_money_metrics (Fixture *f, gconstpointer data)
{
  const Override figures[] = {
    { "A.3.b", "2018-Q1", "150000" }, { "A.3.b", "2018-Q2", "100000" },
    { "A.3.b", "2018-Q3", "90000" }, { "A.3.b", "2018-Q4", "5200000" },
    { "C.6", "2018", "85" }, { NULL },
  };
  g_autoptr(JsonNode) root = NULL;

  import_months (f, "2018-01", 12, figures);
  root = thr_test_cli_json (f, "ledger", "--today", "2019-02-01", "--format", "json", NULL);
  /* 20 % of (150,000 − 120,000) = 6,000.00. */
  assert_line (root, "A.3.b", "2018-Q1", "bonus", 600000);
  /* Q2 is 20,000 short, but Q1 and Q2 net +10,000: no damages. */
  assert_line (root, "A.3.b", "2018-Q2", "damages", 0);
  /* FY2018 (Jul 2017–Jun 2018): net excess 10,000 → 2,000.00 due; the
   * quarters paid 6,000.00 → −4,000.00. */
  assert_line (root, "A.3.b", "FY2018", "true_up", -400000);
  /* Q1–Q3 net +30,000 − 20,000 − 30,000 = −20,000 → 20,000.00. */
  assert_line (root, "A.3.b", "2018-Q3", "damages", 2000000);
  /* 5,080,000 over, capped at 1,000,000 → 200,000.00. */
  assert_line (root, "A.3.b", "2018-Q4", "bonus", 20000000);
  /* 8 % of 2,040,000.00 = 163,200.00. */
  assert_line (root, "C.6", "2018", "bonus", 16320000);
}

/* A.3.b across a state fiscal year (July 2018–June 2019) that begins
 * short: damages first, bonuses after, and the true-up settling the year
 * as one (reading damages_window = rolling_net, bonus_cap = cap_on_excess).
 * C.6 missed by 0.01 point earns nothing; met the next year, 8 % of that
 * year's fees. */
static void
test_money_fiscal_year (Fixture *f, gconstpointer data)
{
  const Override figures[] = {
    { "A.3.b", "2018-Q3", "100000" }, { "A.3.b", "2018-Q4", "150000" },
    { "A.3.b", "2019-Q1", "110000" }, { "A.3.b", "2019-Q2", "130000" },
    { "A.3.b", "2019-Q3", "50000" },
    { "C.6", "2018", "84.99" }, { "C.6", "2019", "85" }, { NULL },
  };
  g_autoptr(JsonNode) root = NULL;

  import_months (f, "2018-07", 18, figures);
  root = thr_test_cli_json (f, "ledger", "--today", "2020-02-01", "--format", "json", NULL);
  /* 120,000 − 100,000: the only quarter of its twelve months → 20,000.00. */
  assert_line (root, "A.3.b", "2018-Q3", "damages", 2000000);
  /* 20 % of 30,000 = 6,000.00. */
  assert_line (root, "A.3.b", "2018-Q4", "bonus", 600000);
  /* Twelve months Q3–Q1: 20,000 − 30,000 + 10,000 = 0 short, 20,000.00
   * already assessed → none. */
  assert_line (root, "A.3.b", "2019-Q1", "damages", 0);
  /* 20 % of 10,000 = 2,000.00. */
  assert_line (root, "A.3.b", "2019-Q2", "bonus", 200000);
  /* FY2019 nets +10,000 → 2,000.00 due; the quarters came to 6,000 +
   * 2,000 − 20,000 = −12,000.00 → 14,000.00 owed to the contractor. */
  assert_line (root, "A.3.b", "FY2019", "true_up", 1400000);
  /* Twelve months Q4 2018–Q3 2019: −30,000 + 10,000 − 10,000 + 70,000 =
   * 40,000 short, nothing assessed in them → 40,000.00. */
  assert_line (root, "A.3.b", "2019-Q3", "damages", 4000000);
  /* 84.99 < 85: no bonus; 2019: 8 % of $170,000.00 × 12 = 163,200.00. */
  assert_line (root, "C.6", "2018", "bonus", 0);
  assert_line (root, "C.6", "2019", "bonus", 16320000);
}

/* Section: CAP dates and deadlines */

/* D2 ¶4: the CAP is due 15 calendar days after the failure is documented;
 * the State reviews within 10 calendar days of receiving it. */
static void
test_cap_dates (Fixture *f, gconstpointer data)
{
  const Override misses[] = { { "A.1.a", "2018-11", "90" }, { NULL } };
  g_autoptr(JsonNode) caps = NULL;
  g_autoptr(JsonNode) deadlines = NULL;
  g_autofree char *before = NULL, *after = NULL, *err = NULL, *ics = NULL, *text = NULL;
  JsonObject *cap;
  JsonArray *items;
  gboolean seen_due = FALSE, seen_review = FALSE;

  import_months (f, "2018-10", 2, misses);
  caps = thr_test_cli_json (f, "caps", "--today", "2018-12-20", "--format", "json", NULL);
  g_clear_pointer (&caps, json_node_unref);
  /* Across a year end: documented Dec 20 → due Jan 4; received Dec 28 →
   * review by Jan 7. */
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "1", "documented_on", "2018-12-20", NULL), ==, 0);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "1", "submitted_on", "2018-12-28", NULL), ==, 0);
  caps = thr_test_cli_json (f, "caps", "--today", "2018-12-30", "--format", "json", NULL);
  cap = json_array_get_object_element (json_object_get_array_member (json_node_get_object (caps), "caps"), 0);
  g_assert_cmpint (json_object_get_int_member (cap, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (cap, "documented_on"), ==, "2018-12-20");
  g_assert_cmpstr (json_object_get_string_member (cap, "cap_due"), ==, "2019-01-04");
  g_assert_cmpstr (json_object_get_string_member (cap, "submitted_on"), ==, "2018-12-28");
  g_assert_cmpstr (json_object_get_string_member (cap, "review_due"), ==, "2019-01-07");
  g_assert_true (json_object_get_null_member (cap, "approved_on"));

  deadlines = thr_test_cli_json (f, "deadlines", "--today", "2018-12-30", "--format", "json", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (deadlines), "today"), ==, "2018-12-30");
  items = json_object_get_array_member (json_node_get_object (deadlines), "deadlines");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *kind = json_object_get_string_member (item, "kind");

      if (g_str_equal (kind, "cap_due"))
        {
          /* Submitted on Dec 28: done. */
          g_assert_cmpstr (json_object_get_string_member (item, "date"), ==, "2019-01-04");
          g_assert_cmpstr (json_object_get_string_member (item, "state"), ==, "done");
          seen_due = TRUE;
        }
      else if (g_str_equal (kind, "review_due"))
        {
          g_assert_cmpstr (json_object_get_string_member (item, "date"), ==, "2019-01-07");
          g_assert_cmpstr (json_object_get_string_member (item, "state"), ==, "upcoming");
          seen_review = TRUE;
        }
    }
  g_assert_true (seen_due && seen_review);
  g_assert_cmpint (thr_test_cli (f, &ics, NULL, "deadlines", "--today", "2018-12-30", "--format", "ics", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (ics, "BEGIN:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (ics, "DTSTART;VALUE=DATE:20190107\r\n"));
  g_assert_cmpint (thr_test_cli (f, &text, NULL, "deadlines", "--today", "2018-12-30", NULL), ==, 0);
  g_assert_nonnull (strstr (text, "2019-01-07"));
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "deadlines", "--format", "csv", NULL), ==, 2);

  /* Refused, and nothing written: an unknown CAP, an id that is not a
   * number, an unknown field, impossible or malformed dates. */
  before = thr_test_store_fingerprint (f->db);
  g_assert_cmpint (thr_test_cli (f, NULL, &err, "caps", "set", "9", "documented_on", "2018-12-20", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no CAP 9"));
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "x", "documented_on", "2018-12-20", NULL), ==, 2);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "1", "colour", "red", NULL), ==, 1);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "1", "approved_on", "2019-02-30", NULL), ==, 1);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "1", "implemented_on", "20190115", NULL), ==, 1);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "1", "documented_on", NULL), ==, 2);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "--format", "csv", NULL), ==, 2);
  after = thr_test_store_fingerprint (f->db);
  g_assert_cmpstr (before, ==, after);
  /* Every field the contract names is accepted. */
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "1", "approved_on", "2019-01-03", NULL), ==, 0);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "1", "implemented_on", "2019-01-15", NULL), ==, 0);
}

/* The state of the deadline with KEY as of TODAY. */
static void
assert_deadline (Fixture    *f,
                 const char *today,
                 const char *key,
                 const char *date,
                 const char *state)
{
  g_autoptr(JsonNode) root = thr_test_cli_json (f, "deadlines", "--today", today, "--format", "json", NULL);
  JsonArray *items = json_object_get_array_member (json_node_get_object (root), "deadlines");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (!g_str_equal (json_object_get_string_member (item, "key"), key))
        continue;
      g_assert_cmpstr (json_object_get_string_member (item, "date"), ==, date);
      if (!g_str_equal (json_object_get_string_member (item, "state"), state))
        g_error ("%s as of %s: expected %s, got %s", key, today, state,
                 json_object_get_string_member (item, "state"));
      return;
    }
  g_error ("no deadline %s as of %s", key, today);
}

/* DESIGN "Within N days": everything is read as of today, and a
 * completion dated after today has not happened yet.  So too the State's
 * CAP dates.  A.1.a missed April 2018, met May and June; the CAP is
 * documented May 16 (due May 31, ¶4), received May 25 (review due June 4,
 * ¶4), approved June 8, its action done June 20 and the CAP implemented
 * July 20.  ¶4.i withholds "until Contractor demonstrates that the CAP
 * has been implemented": on July 10 April–June are still held; on July 25
 * they are released, with the July invoice (the month of the
 * implementation).  Each date is done from its own day on, not before. */
static void
test_dates_after_today (Fixture *f, gconstpointer data)
{
  const Override misses[] = { { "A.1.a", "2018-04", "90" }, { NULL } };
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) caps = NULL;
  JsonObject *cap;

  import_months (f, "2018-03", 6, misses);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "--today", "2018-05-16", NULL), ==, 0);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "1", "documented_on", "2018-05-16", NULL), ==, 0);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "1", "submitted_on", "2018-05-25", NULL), ==, 0);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "1", "approved_on", "2018-06-08", NULL), ==, 0);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "action", "1", "Retrain the intake team", "--due", "2018-06-22",
                                 NULL), ==, 0);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "done", "1", "2018-06-20", NULL), ==, 0);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "caps", "set", "1", "implemented_on", "2018-07-20", NULL), ==, 0);

  before = thr_test_cli_json (f, "ledger", "--today", "2018-07-10", "--format", "json", NULL);
  assert_all_components (before, "2018-03", "released", "2018-04");
  assert_all_components (before, "2018-04", "held", NULL);
  assert_all_components (before, "2018-05", "held", NULL);
  assert_all_components (before, "2018-06", "held", NULL);
  g_assert_nonnull (strstr (json_object_get_string_member (ledger_row (before, "2018-04", "central"), "explanation"),
                            "¶4.i"));
  /* The CAP still says what was recorded; the ledger says it is later. */
  g_assert_nonnull (strstr (json_object_get_string_member (ledger_row (before, "2018-04", "central"), "explanation"),
                            "2018-07-20"));
  caps = thr_test_cli_json (f, "caps", "--today", "2018-07-10", "--format", "json", NULL);
  cap = json_array_get_object_element (json_object_get_array_member (json_node_get_object (caps), "caps"), 0);
  g_assert_cmpstr (json_object_get_string_member (cap, "implemented_on"), ==, "2018-07-20");
  g_assert_true (json_object_get_boolean_member (cap, "awaiting_implementation"));
  after = thr_test_cli_json (f, "ledger", "--today", "2018-07-25", "--format", "json", NULL);
  assert_all_components (after, "2018-04", "released", "2018-07");
  assert_all_components (after, "2018-05", "released", "2018-07");
  assert_all_components (after, "2018-06", "released", "2018-07");

  assert_deadline (f, "2018-05-20", "cap/1/due", "2018-05-31", "upcoming");
  assert_deadline (f, "2018-05-25", "cap/1/due", "2018-05-31", "done");
  assert_deadline (f, "2018-06-05", "cap/1/review", "2018-06-04", "overdue");
  assert_deadline (f, "2018-06-08", "cap/1/review", "2018-06-04", "done");
  assert_deadline (f, "2018-06-15", "cap/1/action/1", "2018-06-22", "upcoming");
  assert_deadline (f, "2018-06-20", "cap/1/action/1", "2018-06-22", "done");
  /* ¶4.i's implementation is due by the window's last day, August 31. */
  assert_deadline (f, "2018-07-10", "implementation/A.1.a/2018-04", "2018-08-31", "upcoming");
  assert_deadline (f, "2018-07-25", "implementation/A.1.a/2018-04", "2018-08-31", "done");
}

/* ¶4: "If Contractor fails to meet the requirements for one or more
 * Performance Metrics … the Contractor must submit a Corrective Action
 * Plan": a miss opens a CAP before any invoice is imported, from a
 * reported figure or from records alone; the KPI page withholds nothing
 * and opens none, and says so. */
static void
test_caps_without_invoices (Fixture *f, gconstpointer data)
{
  g_autofree char *tasks_db = thr_test_store_address (f->dir, "tasks.db");
  g_autofree char *kpi_db = thr_test_store_address (f->dir, "kpi.db");
  Fixture t = { f->dir, tasks_db };
  g_autofree char *early_db = thr_test_store_address (f->dir, "early.db");
  Fixture k = { f->dir, kpi_db };
  Fixture e = { f->dir, early_db };
  g_autoptr(JsonNode) caps = NULL;
  g_autofree char *out = NULL;
  JsonArray *list;
  JsonObject *cap;

  thr_test_cli_import_ok (f, "report.csv", "metric,period,value\nA.1.k,2018-04,90\n");
  caps = thr_test_cli_json (f, "caps", "--today", "2018-06-01", "--format", "json", NULL);
  list = json_object_get_array_member (json_node_get_object (caps), "caps");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  cap = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (cap, "metric"), ==, "A.1.k");
  g_assert_cmpstr (json_object_get_string_member (cap, "failure_month"), ==, "2018-04");
  g_clear_pointer (&caps, json_node_unref);

  /* Tasks alone: received Mon Apr 2, due Wed Apr 4, done Apr 6 → A.1.a
   * missed in April (0 of 1). */
  g_assert_cmpint (thr_test_cli (&t, NULL, NULL, "init", "--template", "rfp-16-102", NULL), ==, 0);
  thr_test_cli_import_ok (&t, "tasks.csv", "task_id,type,received,completed\nT1,application,2018-04-02 09:00,2018-04-06 09:00\n");
  caps = thr_test_cli_json (&t, "caps", "--today", "2018-06-01", "--format", "json", NULL);
  list = json_object_get_array_member (json_node_get_object (caps), "caps");
  g_assert_cmpuint (json_array_get_length (list), >=, 1);
  cap = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (cap, "metric"), ==, "A.1.a");
  g_assert_cmpstr (json_object_get_string_member (cap, "failure_month"), ==, "2018-04");

  g_assert_cmpint (thr_test_cli (&k, NULL, NULL, "init", "--template", "mo-im-kpi", NULL), ==, 0);
  thr_test_cli_import_ok (&k, "kpi.csv", "metric,period,value,subject\ncases_worked,2024-08,1,worker:A\n");
  g_assert_cmpint (thr_test_cli (&k, &out, NULL, "caps", "--today", "2024-10-01", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "No CAPs. This contract withholds no money, so a missed metric opens no CAP.\n");
  g_clear_pointer (&out, g_free);
  /* A task open on Apr 3, before its deadline: nothing missed yet. */
  g_assert_cmpint (thr_test_cli (&e, NULL, NULL, "init", "--template", "rfp-16-102", NULL), ==, 0);
  thr_test_cli_import_ok (&e, "tasks.csv", "task_id,type,received,completed\nT1,application,2018-04-02 09:00,\n");
  g_assert_cmpint (thr_test_cli (&e, &out, NULL, "caps", "--today", "2018-04-03", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "No CAPs. No metric that withholds money has been missed, so no plan is needed.\n");
}

/* Section: imports */

static void
assert_import_refused (Fixture     *f,
                       const char  *name,
                       const char  *text,
                       const char  *kind,
                       const char **expected)
{
  g_autofree char *path = thr_test_cli_write_file (f, name, text);
  g_autofree char *out = NULL, *err = NULL, *imports = NULL;
  g_autofree char *before = thr_test_store_fingerprint (f->db);
  g_autofree char *after = NULL;
  int status;

  status = kind ? thr_test_cli (f, &out, &err, "import", path, "--kind", kind, NULL) : thr_test_cli (f, &out, &err, "import", path, NULL);
  g_assert_cmpint (status, ==, 1);
  for (guint i = 0; expected[i]; i++)
    {
      g_autofree char *line = g_strdup_printf ("%s:%s\n", path, expected[i]);
      if (strstr (err, line) == NULL)
        g_error ("expected “%s” in:\n%s", line, err);
    }
  /* Every line of stderr is FILE:ROW:COLUMN: message. */
  {
    g_auto(GStrv) lines = g_strsplit (err, "\n", -1);
    g_autofree char *escaped = g_regex_escape_string (path, -1);
    g_autofree char *pattern = g_strdup_printf ("^%s:[0-9]+:[0-9]+: .+$", escaped);

    for (guint i = 0; lines[i] && *lines[i]; i++)
      if (!g_regex_match_simple (pattern, lines[i], 0, 0))
        g_error ("not FILE:ROW:COLUMN: %s", lines[i]);
  }
  after = thr_test_store_fingerprint (f->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (thr_test_cli (f, &imports, NULL, "imports", NULL), ==, 0);
  g_assert_null (strstr (imports, name));
}

/* DESIGN "The command-line contract": import errors as FILE:ROW:COLUMN:
 * message, non-zero exit, nothing written; every kind's columns. */
static void
test_import_errors (Fixture *f, gconstpointer data)
{
  const char *invoices[] = {
    "3:2: unknown invoice component “marketing” (expected central, local_office or training)",
    "4:1: “2018-13” is not a month (expected YYYY-MM)",
    "5:3: an invoice amount cannot be negative (“-5”)",
    NULL,
  };
  const char *calls[] = {
    "3:5: unknown outcome “hungup” (expected answered, abandoned or flowout)",
    NULL,
  };
  const char *tasks[] = {
    "2:4: completed on 2018-04-01, before it was received",
    "3:3: “received” is empty; a value is required",
    NULL,
  };
  const char *report[] = {
    "2:3: A.1.a is a percentage from 0 to 100, but the value is 101",
    "3:2: “2018-04-02” is not a Sunday: a week is labelled by the date of its Sunday",
    "4:2: “2018-Q5” is not a period (expected YYYY-MM, YYYY-Qn, YYYY or the YYYY-MM-DD of a week’s Sunday)",
    "5:3: A.1.b has neither a value nor a numerator and denominator",
    NULL,
  };
  const char *counts[] = {
    "2:4: a denominator of 0 gives no figure (5/0); if there was nothing to count, leave the row out",
    NULL,
  };
  /* A header without the kind's columns is the header row's fault (row
   * 1), whatever rows follow; the column is the one after the last. */
  const char *wrong_kind[] = {
    "1:6: missing required column “task_id” for a tasks file",
    "1:6: missing required column “completed” for a tasks file",
    NULL,
  };

  assert_import_refused (f, "invoices.csv",
                         "month,component,amount\n"
                         "2018-04,central,100000.00\n"
                         "2018-04,marketing,5\n"
                         "2018-13,training,5\n"
                         "2018-05,local_office,-5\n", NULL, invoices);
  assert_import_refused (f, "calls.csv",
                         "call_id,queue,offered_at,wait_seconds,outcome\n"
                         "C1,q,2018-04-02 09:00,30,answered\n"
                         "C3,q,2018-04-02 09:00,5,hungup\n", NULL, calls);
  assert_import_refused (f, "tasks.csv",
                         "task_id,type,received,completed\n"
                         "T1,application,2018-04-02,2018-04-01\n"
                         "T2,application,,2018-04-03\n", NULL, tasks);
  assert_import_refused (f, "report.csv",
                         "metric,period,value\n"
                         "A.1.a,2018-04,101\n"
                         "A.5.d,2018-04-02,5\n"
                         "A.3.c,2018-Q5,5\n"
                         "A.1.b,2018-05,\n", NULL, report);
  assert_import_refused (f, "counts.csv",
                         "metric,period,numerator,denominator\n"
                         "A.1.a,2018-04,5,0\n", NULL, counts);
  assert_import_refused (f, "calls-as-tasks.csv",
                         "call_id,queue,offered_at,wait_seconds,outcome\n"
                         "C1,q,2018-04-02 09:00,30,answered\n", "tasks", wrong_kind);
}

/* --dry-run writes nothing; --kind and --profile choose the reading;
 * imports lists what was imported, undo removes it with its figures. */
static void
test_import_options (Fixture *f, gconstpointer data)
{
  g_autofree char *calls = thr_test_cli_write_file (f, "calls.csv",
                                                    "call_id,queue,offered_at,wait_seconds,outcome,handle_seconds,agent,team\n"
                                                    "C1,main,2018-04-02 09:00,30,answered,300,Ann,North\n"
                                                    "C2,main,2018-04-02 10:00,90,answered,,,\n");
  g_autofree char *invoices = thr_test_cli_write_file (f, "invoices.csv", "month,component,amount\n2018-04,central,\"$1,000.50\"\n");
  g_autofree char *before = thr_test_store_fingerprint (f->db);
  g_autofree char *after = NULL, *out = NULL, *err = NULL, *list = NULL, *emptied = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) undone = NULL;
  g_autoptr(JsonNode) ledger = NULL;

  g_assert_cmpint (thr_test_cli (f, &out, NULL, "import", calls, "--dry-run", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Would import 2 calls row(s)"));
  after = thr_test_store_fingerprint (f->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "import", calls, "--kind", "bogus", NULL), ==, 2);
  g_assert_cmpint (thr_test_cli (f, NULL, &err, "import", calls, "--profile", "no-such-profile", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no-such-profile"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (thr_test_cli (f, &out, NULL, "import", calls, "--kind", "calls", "--profile", "canonical-calls", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 2 calls row(s)"));
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "import", invoices, "--kind", "invoices", NULL), ==, 0);
  g_assert_cmpint (thr_test_cli (f, &list, NULL, "imports", NULL), ==, 0);
  g_assert_nonnull (strstr (list, "calls.csv"));
  g_assert_nonnull (strstr (list, "invoices.csv"));

  /* ASA (30 + 90) / 2 = 60 s. */
  root = evaluate (f, "2018-04", "2018-05-20");
  thr_test_cli_assert_result (root, "A.5.a", "met", 60.0, 120, 2);
  /* 15 % of $1,000.50 = $150.075 → $150.08. */
  ledger = thr_test_cli_json (f, "ledger", "--today", "2018-05-20", "--format", "json", NULL);
  g_assert_cmpint (cents (ledger_row (ledger, "2018-04", "central"), "invoice"), ==, 100050);
  g_assert_cmpint (cents (ledger_row (ledger, "2018-04", "central"), "withheld"), ==, 15008);

  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "undo", "1", NULL), ==, 0);
  undone = evaluate (f, "2018-04", "2018-05-20");
  thr_test_cli_assert_result (undone, "A.5.a", "no-data", NAN, -1, -1);
  g_assert_cmpint (thr_test_cli (f, &emptied, NULL, "imports", NULL), ==, 0);
  g_assert_null (strstr (emptied, "calls.csv"));
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "undo", "1", NULL), ==, 1);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "undo", "one", NULL), ==, 2);
}

/* Section: exports, reports, JSON and the default store */

static void
assert_file_starts (const char *path,
                    const char *magic)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, magic));
}

/* export metrics|ledger|grid --format csv|xlsx -o FILE; report cap|month
 * -o FILE.pdf; --today on report. */
static void
test_exports_and_reports (Fixture *f, gconstpointer data)
{
  const Override misses[] = { { "A.1.a", "2018-04", "90" }, { NULL } };
  g_autofree char *metrics_csv = g_build_filename (f->dir, "metrics.csv", NULL);
  g_autofree char *metrics_xlsx = g_build_filename (f->dir, "metrics.xlsx", NULL);
  g_autofree char *ledger_csv = g_build_filename (f->dir, "ledger.csv", NULL);
  g_autofree char *ledger_xlsx = g_build_filename (f->dir, "ledger.xlsx", NULL);
  g_autofree char *grid_csv = g_build_filename (f->dir, "grid.csv", NULL);
  g_autofree char *grid_xlsx = g_build_filename (f->dir, "grid.xlsx", NULL);
  g_autofree char *cap_pdf = g_build_filename (f->dir, "cap.pdf", NULL);
  g_autofree char *month_pdf = g_build_filename (f->dir, "month.pdf", NULL);
  g_autofree char *contents = NULL, *ledger_text = NULL;

  import_months (f, "2018-03", 3, misses);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "export", "metrics", "2018-04", "--today", "2018-06-20", "--format", "csv",
                                 "-o", metrics_csv, NULL), ==, 0);
  g_assert_true (g_file_get_contents (metrics_csv, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\r\nA.1.a,,2018-04,missed,90,>=,98,percent,"));
  g_clear_pointer (&contents, g_free);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "export", "metrics", "2018-04", "--format", "xlsx", "-o", metrics_xlsx, NULL), ==, 0);
  assert_file_starts (metrics_xlsx, "PK");

  /* The ledger's CSV export is `ledger --format csv` (money in dollars
   * with cents, the rate in percent), CRLF aside. */
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "export", "ledger", "--from", "2018-04", "--to", "2018-04", "--today", "2018-06-20",
                                 "--format", "csv", "-o", ledger_csv, NULL), ==, 0);
  g_assert_true (g_file_get_contents (ledger_csv, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\r\n2018-04,central,100000.00,15,15000.00,0.00,0.00,15000.00,held,,"));
  g_assert_cmpint (thr_test_cli (f, &ledger_text, NULL, "ledger", "--from", "2018-04", "--to", "2018-04", "--today", "2018-06-20",
                                 "--format", "csv", NULL), ==, 0);
  {
    g_auto(GStrv) crlf = g_strsplit (contents, "\r\n", -1);
    g_autofree char *as_lf = g_strjoinv ("\n", crlf);
    g_assert_cmpstr (as_lf, ==, ledger_text);
  }
  g_clear_pointer (&contents, g_free);
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "export", "ledger", "--format", "xlsx", "-o", ledger_xlsx, NULL), ==, 0);
  assert_file_starts (ledger_xlsx, "PK");

  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "export", "grid", "--from", "2018-03", "--to", "2018-05", "--format", "csv",
                                 "-o", grid_csv, NULL), ==, 0);
  g_assert_true (g_file_get_contents (grid_csv, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\r\nA.1.a,A,Applications reviewed within 2 business days,met,missed,met\r\n"));
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "export", "grid", "--from", "2018-03", "--to", "2018-05", "--format", "xlsx",
                                 "-o", grid_xlsx, NULL), ==, 0);
  assert_file_starts (grid_xlsx, "PK");

  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "report", "cap", "1", "-o", cap_pdf, "--today", "2018-06-20", NULL), ==, 0);
  assert_file_starts (cap_pdf, "%PDF-");
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "report", "month", "2018-04", "-o", month_pdf, "--today", "2018-06-20", NULL), ==, 0);
  assert_file_starts (month_pdf, "%PDF-");
  g_assert_cmpint (thr_test_cli (f, NULL, NULL, "report", "month", "2018-04", "-o", month_pdf, "--today", "June", NULL), ==, 2);
}

static void
assert_member_type (JsonObject *object,
                    const char *member,
                    GType       type)   /* G_TYPE_NONE: null */
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    g_error ("no member “%s”", member);
  if (type == G_TYPE_NONE)
    g_assert_true (JSON_NODE_HOLDS_NULL (node));
  else
    {
      g_assert_true (JSON_NODE_HOLDS_VALUE (node));
      g_assert_true (json_node_get_value_type (node) == type ||
                     (type == G_TYPE_DOUBLE && json_node_get_value_type (node) == G_TYPE_INT64));
    }
}

/* DESIGN "The command-line contract": evaluate's JSON names the fields
 * it lists with their types, percentages 0–100; the ledger's money is in
 * dollars with cents. */
static void
test_json_fields (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) ledger = NULL;
  g_autofree char *raw = NULL;
  JsonObject *r, *row;

  thr_test_cli_import_ok (f, "report.csv", "metric,period,value,numerator,denominator\n"
                                           "A.1.a,2018-04,,49,50\n");
  thr_test_cli_import_ok (f, "invoices.csv", "month,component,amount\n2018-04,training,20000.10\n");
  root = evaluate (f, "2018-04", "2018-06-01");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "period"), ==, "2018-04");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "results")), ==, 51);
  r = thr_test_cli_result_of (root, "A.1.a");
  assert_member_type (r, "metric", G_TYPE_STRING);
  assert_member_type (r, "period", G_TYPE_STRING);
  assert_member_type (r, "status", G_TYPE_STRING);
  assert_member_type (r, "value", G_TYPE_DOUBLE);
  assert_member_type (r, "target", G_TYPE_DOUBLE);
  assert_member_type (r, "op", G_TYPE_STRING);
  assert_member_type (r, "unit", G_TYPE_STRING);
  assert_member_type (r, "numerator", G_TYPE_DOUBLE);
  assert_member_type (r, "denominator", G_TYPE_DOUBLE);
  /* 49 / 50 is 98 on the 0–100 scale, not 0.98; ≥ 98 met. */
  thr_test_cli_assert_result (root, "A.1.a", "met", 98.0, 49, 50);
  g_assert_cmpfloat (json_object_get_double_member (r, "target"), ==, 98);
  g_assert_cmpstr (json_object_get_string_member (r, "unit"), ==, "percent");
  r = thr_test_cli_result_of (root, "A.1.b");
  assert_member_type (r, "value", G_TYPE_NONE);
  assert_member_type (r, "numerator", G_TYPE_NONE);
  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "no-data");

  ledger = thr_test_cli_json (f, "ledger", "--today", "2018-06-01", "--format", "json", NULL);
  row = ledger_row (ledger, "2018-04", "training");
  for (guint i = 0; i < 6; i++)
    assert_member_type (row, (const char *[]) { "invoice", "rate", "withheld", "released", "retained", "held" }[i],
                        G_TYPE_DOUBLE);
  assert_member_type (row, "explanation", G_TYPE_STRING);
  /* 15 % of $20,000.10 = $3,000.015 → $3,000.02, written with its cents. */
  g_assert_cmpint (thr_test_cli (f, &raw, NULL, "ledger", "--today", "2018-06-01", "--format", "json", NULL), ==, 0);
  g_assert_nonnull (strstr (raw, "\"invoice\" : 20000.10,"));
  g_assert_nonnull (strstr (raw, "\"withheld\" : 3000.02,"));
  g_clear_pointer (&raw, g_free);

  /* A.1.k missed opens one CAP, whose object names each member once
   * (implemented_on was written by the CAP and again by its window, and
   * a reader keeps one of the two). */
  thr_test_cli_import_ok (f, "missed.csv", "metric,period,value\nA.1.k,2018-04,90\n");
  g_assert_cmpint (thr_test_cli (f, &raw, NULL, "caps", "--today", "2018-06-01", "--format", "json", NULL), ==, 0);
  g_assert_nonnull (strstr (raw, "\"implemented_on\""));
  g_assert_null (strstr (strstr (raw, "\"implemented_on\"") + 1, "\"implemented_on\""));
}

/* DESIGN: the default store is $XDG_DATA_HOME/threshold/threshold.db (a
 * file, whichever backend the other cases run on). */
static void
test_default_store (Fixture *f, gconstpointer data)
{
  g_autofree char *data_home = g_build_filename (f->dir, "data-home", NULL);
  g_autofree char *expected = g_build_filename (data_home, "threshold", "threshold.db", NULL);
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", data_home, TRUE);
  g_autoptr(GPtrArray) init = g_ptr_array_new ();
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autofree char *out = NULL, *contracts = NULL;

  g_ptr_array_add (init, "init");
  g_ptr_array_add (init, "--template");
  g_ptr_array_add (init, "mo-im-kpi");
  g_assert_cmpint (thr_test_cli_run_args (NULL, envp, init, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, expected));
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_ptr_array_add (list, "contracts");
  g_assert_cmpint (thr_test_cli_run_args (NULL, envp, list, &contracts, NULL), ==, 0);
  g_assert_nonnull (strstr (contracts, "mo-im-kpi"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/cli-contract/business-days", test_business_days);
  ADD ("/cli-contract/within-days", test_within_days);
  ADD ("/cli-contract/prior-business-days", test_prior_business_days);
  ADD ("/cli-contract/month-deadlines", test_month_deadlines);
  ADD ("/cli-contract/calls-and-weeks", test_calls_and_weeks);
  ADD ("/cli-contract/quarter-to-date", test_quarter_to_date);
  ADD ("/cli-contract/statuses", test_statuses);
  ADD ("/cli-contract/kpi-within", test_kpi_within);
  ADD ("/cli-contract/ledger/seed-example", test_seed_example);
  ADD ("/cli-contract/ledger/escalation", test_escalation);
  ADD ("/cli-contract/ledger/release-needs-implementation", test_release_needs_implementation);
  ADD ("/cli-contract/ledger/escalation-again", test_escalation_again);
  ADD ("/cli-contract/ledger/two-failures-one-month", test_two_failures_one_month);
  ADD ("/cli-contract/ledger/corrections-and-undo", test_corrections_and_undo);
  ADD ("/cli-contract/ledger/no-data-holds-release", test_no_data_holds_release);
  ADD ("/cli-contract/ledger/quarterly-miss", test_quarterly_miss);
  ADD ("/cli-contract/ledger/miss-in-last-month", test_miss_in_last_month);
  ADD ("/cli-contract/ledger/money-metrics", test_money_metrics);
  ADD ("/cli-contract/ledger/money-fiscal-year", test_money_fiscal_year);
  ADD ("/cli-contract/cap-dates", test_cap_dates);
  ADD ("/cli-contract/cap-dates/after-today", test_dates_after_today);
  ADD ("/cli-contract/caps-without-invoices", test_caps_without_invoices);
  ADD ("/cli-contract/import/errors", test_import_errors);
  ADD ("/cli-contract/import/options", test_import_options);
  ADD ("/cli-contract/exports-and-reports", test_exports_and_reports);
  ADD ("/cli-contract/json-fields", test_json_fields);
  ADD ("/cli-contract/default-store", test_default_store);
  return g_test_run ();
}
