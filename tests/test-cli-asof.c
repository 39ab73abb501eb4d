/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli-asof.c — `evaluate --today D`: a record dated after D has not
 * happened, in every figure
 *
 * docs/domain.md, "As of a day": a task received after D is not received
 * yet, a completion after D has not happened (the task is still open), a
 * call offered after D has not been offered.  Each case is a small store
 * made by hand (init --template rfp-16-102, then CSV files written here)
 * whose records run past D in the month evaluated; every expected value
 * is worked out by hand from the contract's definition, named beside it.
 * Each store is first evaluated on a day after all its records, so that
 * the figures kept then (thr-store-kept.h) must not be read back as of D.
 */
#include <math.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "thr-core.h"
#include "thr-test-cli.h"

typedef ThrTestCliStore Fixture;

static JsonNode *
evaluate (Fixture    *f,
          const char *period,
          const char *today)
{
  return thr_test_cli_json (f, "evaluate", "--period", period, "--today", today, "--format", "json", NULL);
}

static gint64
pending_records (JsonNode   *root,
                 const char *metric)
{
  JsonObject *computed = json_object_get_object_member (thr_test_cli_result_of (root, metric), "computed");

  return json_object_get_int_member (computed, "pending_records");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  thr_test_cli_store_init (f, "thr-cli-asof", data ? (const char *) data : "rfp-16-102");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  thr_test_cli_store_clear (f);
}

/* A.1.a, "within 2 business days" of receipt, placed by the deadline's
 * month (Indiana's calendar: no holiday in March 2018). */
static void
test_within_received_later (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonNode) over = NULL;
  g_autoptr(JsonNode) early = NULL;

  thr_test_cli_import_ok (f, "tasks.csv",
                          "task_id,type,received,completed\n"
                          /* Mon Mar 5 → due Wed Mar 7, done Tue 6: met. */
                          "Q1,application,2018-03-05 09:00,2018-03-06 10:00\n"
                          /* Mon Mar 12 → due Wed Mar 14, done Tue 20: missed. */
                          "Q2,application,2018-03-12 09:00,2018-03-20 10:00\n"
                          /* Wed Mar 14 → due Fri Mar 16, never done. */
                          "Q3,application,2018-03-14 09:00,\n"
                          /* Tue Mar 20 → due Thu Mar 22, done Wed 21: met. */
                          "Q4,application,2018-03-20 09:00,2018-03-21 10:00\n");
  /* On Apr 20 March is over: Q1, Q4 met; Q2 late, Q3 open past its
   * deadline → 2 of 4 = 50 % < 98 %. */
  over = evaluate (f, "2018-03", "2018-04-20");
  thr_test_cli_assert_result (over, "A.1.a", "missed", 50.0, 2, 4);
  g_assert_cmpint (pending_records (over, "A.1.a"), ==, 0);
  /* As of Thu Mar 15: Q1 met; Q2's completion (the 20th) has not
   * happened, it is open past its deadline → missed; Q3 is open with its
   * deadline ahead → pending, left out; Q4 is received on the 20th, so it
   * is not received yet: not counted, not even as pending → 1 of 2. */
  early = evaluate (f, "2018-03", "2018-03-15");
  thr_test_cli_assert_result (early, "A.1.a", "pending", 50.0, 1, 2);
  g_assert_cmpint (pending_records (early, "A.1.a"), ==, 1);
}

/* A.2.e, "by the due date": the deadline is counted from the due day, so
 * a task can be received after its deadline. */
static void
test_within_due_received_later (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(JsonNode) over = NULL;
  g_autoptr(JsonNode) early = NULL;

  thr_test_cli_import_ok (f, "system.csv",
                          "task_id,type,received,completed,due\n"
                          /* Due Mar 5, done Mar 5: met. */
                          "S1,system_task,2018-03-01 09:00,2018-03-05 10:00,2018-03-05\n"
                          /* Due Mar 10, received and done Mar 16: missed once received. */
                          "S2,system_task,2018-03-16 09:00,2018-03-16 10:00,2018-03-10\n");
  /* March over: S1 met, S2 late → 1 of 2 = 50 % < 95 %. */
  over = evaluate (f, "2018-03", "2018-04-20");
  thr_test_cli_assert_result (over, "A.2.e", "missed", 50.0, 1, 2);
  /* As of Mar 15 S2 is not received: only S1 → 1 of 1. */
  early = evaluate (f, "2018-03", "2018-03-15");
  thr_test_cli_assert_result (early, "A.2.e", "pending", 100.0, 1, 1);
  g_assert_cmpint (pending_records (early, "A.2.e"), ==, 0);
}

/* A.3.c, TANF collections ≥ $30,000 a quarter, summed over the records
 * received in the quarter: pending with its quarter to date before June. */
static void
test_quarter_sum_to_date (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) over = NULL;
  g_autoptr(JsonNode) mid_may = NULL;
  g_autoptr(JsonNode) early_may = NULL;
  g_autoptr(JsonNode) june = NULL;

  thr_test_cli_import_ok (f, "collections.csv",
                          "task_id,type,received,completed,amount\n"
                          "R1,tanf_collection,2018-04-10,2018-04-10,10000\n"
                          "R2,tanf_collection,2018-05-10,2018-05-10,15000\n"
                          "R3,tanf_collection,2018-05-20,2018-05-20,5000\n"
                          "R4,tanf_collection,2018-06-05,2018-06-05,1000\n");
  /* May's quarter to date once May is over: 10,000 + 15,000 + 5,000. */
  over = evaluate (f, "2018-05", "2018-08-20");
  thr_test_cli_assert_result (over, "A.3.c", "pending", 30000, -1, -1);
  /* As of May 15, R3 (May 20) is not received yet: 25,000. */
  mid_may = evaluate (f, "2018-05", "2018-05-15");
  thr_test_cli_assert_result (mid_may, "A.3.c", "pending", 25000, -1, -1);
  /* As of May 9, R2 is not either: 10,000. */
  early_may = evaluate (f, "2018-05", "2018-05-09");
  thr_test_cli_assert_result (early_may, "A.3.c", "pending", 10000, -1, -1);
  /* June as of June 4: the quarter is not over, R4 not received:
   * 30,000 so far, pending though it already reaches the target. */
  june = evaluate (f, "2018-06", "2018-06-04");
  thr_test_cli_assert_result (june, "A.3.c", "pending", 30000, -1, -1);
}

/* A.1.e, the mean quality-review score of the reviews completed in the
 * month (≥ 95). */
static void
test_mean_completed_later (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(JsonNode) over = NULL;
  g_autoptr(JsonNode) early = NULL;

  thr_test_cli_import_ok (f, "reviews.csv",
                          "task_id,type,received,completed,category,score\n"
                          "V1,quality_review,2018-06-01,2018-06-04,A.1.e,100\n"
                          "V2,quality_review,2018-06-05,2018-06-20,A.1.e,0\n"
                          "V3,quality_review,2018-06-05,2018-06-08,A.1.e,90\n"
                          /* Received after the 15th too: not there at all. */
                          "V4,quality_review,2018-06-18,2018-06-19,A.1.e,50\n");
  /* June over: (100 + 0 + 90 + 50) / 4 = 60 < 95. */
  over = evaluate (f, "2018-06", "2018-07-20");
  thr_test_cli_assert_result (over, "A.1.e", "missed", 60.0, 240, 4);
  /* As of June 15, V2's review is not completed yet (it is on the 20th)
   * and V4 not received: (100 + 90) / 2 = 95. */
  early = evaluate (f, "2018-06", "2018-06-15");
  thr_test_cli_assert_result (early, "A.1.e", "pending", 95.0, 190, 2);
}

/* A.5.a (ASA ≤ 150 s), A.5.b (≥ 80 % answered within 60 s, of answered
 * and abandoned after 15 s) and A.5.c (≤ 5 % abandoned after 15 s, of
 * offered less abandoned within 15 s): a call offered after the day has
 * not been offered. */
static void
test_calls_offered_later (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) over = NULL;
  g_autoptr(JsonNode) early = NULL;

  thr_test_cli_import_ok (f, "calls.csv",
                          "call_id,queue,offered_at,wait_seconds,outcome\n"
                          "C1,main,2018-05-01 09:00:00,60,answered\n"
                          "C2,main,2018-05-02 09:00:00,61,answered\n"
                          /* On the day itself: offered. */
                          "C3,main,2018-05-03 16:00:00,0,answered\n"
                          "C4,main,2018-05-04 09:00:00,16,abandoned\n"
                          "C5,main,2018-05-10 09:00:00,30,answered\n"
                          "C6,main,2018-05-11 09:00:00,10,abandoned\n");
  /* May over: answered C1, C2, C3, C5 → (60 + 61 + 0 + 30) / 4 = 37.75 s. */
  over = evaluate (f, "2018-05", "2018-07-01");
  thr_test_cli_assert_result (over, "A.5.a", "met", 37.75, 151, 4);
  /* ≤ 60 s: C1, C3, C5 of 4 answered + C4 → 3 / 5 = 60 %. */
  thr_test_cli_assert_result (over, "A.5.b", "missed", 60.0, 3, 5);
  /* C4 of 6 offered less C6 (10 s) → 1 / 5 = 20 %. */
  thr_test_cli_assert_result (over, "A.5.c", "missed", 20.0, 1, 5);
  /* As of May 3: C1, C2, C3 only. */
  early = evaluate (f, "2018-05", "2018-05-03");
  thr_test_cli_assert_result (early, "A.5.a", "pending", 121.0 / 3.0, 121, 3);
  /* C1, C3 of 3 answered, none abandoned yet → 2 / 3. */
  thr_test_cli_assert_result (early, "A.5.b", "pending", 200.0 / 3.0, 2, 3);
  /* None abandoned of 3 offered → 0 %. */
  thr_test_cli_assert_result (early, "A.5.c", "pending", 0.0, 0, 3);
}

/* The computed value of a result (of its week labelled @week, when set). */
static double
computed_value (JsonNode   *root,
                const char *metric,
                const char *week)
{
  JsonObject *r = thr_test_cli_result_of (root, metric);

  if (week != NULL)
    {
      JsonArray *weeks = json_object_get_array_member (r, "weeks");

      r = NULL;
      for (guint i = 0; i < json_array_get_length (weeks); i++)
        if (g_str_equal (json_object_get_string_member (json_array_get_object_element (weeks, i), "period"), week))
          r = json_array_get_object_element (weeks, i);
      g_assert_nonnull (r);
    }
  return json_object_get_double_member (json_object_get_object_member (r, "computed"), "value");
}

/* The staff KPI template (mo-im-kpi): cases_worked counts the tasks
 * completed in the month (a count placed by completion day);
 * call_handling_time is the mean handle time of each week's answered
 * calls (a mean over calls, by the day offered). */
static void
test_kpi_count_and_call_mean (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(JsonNode) over = NULL;
  g_autoptr(JsonNode) tenth = NULL;
  g_autoptr(JsonNode) seventh = NULL;

  thr_test_cli_import_ok (f, "tasks.csv",
                          "task_id,type,received,completed,worker,team\n"
                          "K1,case,2024-08-01,2024-08-05,A,G1\n"
                          "K2,case,2024-08-02,2024-08-20,A,G1\n"
                          "K3,case,2024-08-12,2024-08-13,A,G1\n"
                          "K4,case,2024-08-03,,A,G1\n");
  thr_test_cli_import_ok (f, "calls.csv",
                          "call_id,queue,offered_at,wait_seconds,outcome,handle_seconds,agent,team\n"
                          "H1,main,2024-08-05 09:00:00,10,answered,100,A,G1\n"
                          "H2,main,2024-08-06 09:00:00,10,answered,300,A,G1\n"
                          "H3,main,2024-08-08 09:00:00,10,answered,900,A,G1\n");
  /* August over: K1, K2, K3 completed (K4 open); the week of Aug 4:
   * (100 + 300 + 900) / 3. */
  over = evaluate (f, "2024-08", "2024-09-10");
  g_assert_cmpfloat (computed_value (over, "cases_worked", NULL), ==, 3);
  g_assert_cmpfloat_with_epsilon (computed_value (over, "call_handling_time", "2024-08-04"), 1300.0 / 3.0, 1e-9);
  /* As of Aug 10: K2 is completed on the 20th and K3 received on the
   * 12th: K1 alone. */
  tenth = evaluate (f, "2024-08", "2024-08-10");
  g_assert_cmpfloat (computed_value (tenth, "cases_worked", NULL), ==, 1);
  /* As of Aug 7, H3 (the 8th) is not offered yet: (100 + 300) / 2. */
  seventh = evaluate (f, "2024-08", "2024-08-07");
  g_assert_cmpfloat (computed_value (seventh, "call_handling_time", "2024-08-04"), ==, 200);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  thr_core_init ();

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/asof/within-received-later", test_within_received_later);
  ADD ("/asof/within-due-received-later", test_within_due_received_later);
  ADD ("/asof/quarter-sum-to-date", test_quarter_sum_to_date);
  ADD ("/asof/mean-completed-later", test_mean_completed_later);
  ADD ("/asof/calls-offered-later", test_calls_offered_later);
#undef ADD
  g_test_add ("/asof/kpi-count-and-call-mean", Fixture, "mo-im-kpi", fixture_set_up, test_kpi_count_and_call_mean,
              fixture_tear_down);
  return g_test_run ();
}
