/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-evaluate.c — a month evaluated against expectations worked out by hand
 *
 * November 2018 under the Indiana calendar: Tue 6 (General Election Day),
 * Mon 12 (Veterans Day, Sunday 11 observed), Thu 22 and Fri 23
 * (Thanksgiving, Lincoln's Birthday) are holidays.
 */
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "thr-core.h"
#include "thr-scan-private.h"
#include "thr-test-demo.h"
#include "thr-test-util.h"
#include "thr-test-store.h"

typedef struct {
  char         *dir;
  ThrStore     *store;
  gint64        contract_id;
  ThrEvaluator *evaluator;
} Fixture;

static char *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
import_text (Fixture    *f,
             const char *name,
             const char *text)
{
  g_autofree char *path = write_file (f, name, text);
  g_auto(ThrImportResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (thr_import_file (f->store, f->contract_id, thr_evaluator_get_contract (f->evaluator),
                                  path, THR_IMPORT_KIND_AUTO, FALSE, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
}

/* Applications (A.1.a: 2 business days; A.1.b: 5), worked by hand:
 *   T1 Fri 11-02 → done Mon 11-05. 2 bd: Mon 5, (Tue 6 holiday) Wed 7 → met.  5 bd: Tue 13 → met.
 *   T2 Mon 11-05 → done Thu 11-08. 2 bd: Wed 7, Thu 8 → met on the day.     5 bd: Wed 14 → met.
 *   T3 Mon 11-05 → done Fri 11-09. 2 bd: Thu 8 → missed.                    5 bd: Wed 14 → met.
 *   T4 Tue 11-20 → still open.    2 bd: Wed 21, (22, 23 holidays) Mon 26 → past: missed.
 *                                  5 bd: Thu 29 → past on 12-20: missed.
 *   T5 Tue 10-30 → done Thu 11-01. 2 bd: Wed 31, Thu Nov 1 → counts in November, met.
 *                                  5 bd: Wed 11-07 → met.
 *   T6 Mon 10-29 → done Wed 10-31. 2 bd: Wed 10-31 → October, not counted.
 *                                  5 bd: Mon 11-05 → counts in November, met.
 *   T7 Thu 11-29 23:59 → done Mon 12-03. 2 bd: Mon 12-03 → December.
 *   T8 Fri 11-30 → open.           2 bd: Tue 12-04 → December.
 * A.1.a November: T1 T2 T5 met, T3 T4 missed → 3 of 5 = 60 %.
 * A.1.b November: T1 T2 T3 T5 T6 met, T4 missed → 5 of 6. */
static const char *tasks_csv =
  "task_id,type,received,completed\r\n"
  "T1,application,2018-11-02 09:00:00,2018-11-05 16:00:00\r\n"
  "T2,application,2018-11-05 08:00:00,2018-11-08 17:30:00\r\n"
  "T3,application,2018-11-05 08:00:00,2018-11-09 08:00:00\r\n"
  "T4,application,2018-11-20 10:00:00,\r\n"
  "T5,application,2018-10-30 10:00:00,2018-11-01 10:00:00\r\n"
  "T6,application,2018-10-29 10:00:00,2018-10-31 10:00:00\r\n"
  "T7,application,2018-11-29 23:59:00,2018-12-03 09:00:00\r\n"
  "T8,application,2018-11-30 12:00:00,\r\n";

/* Calls.  Month of November: offered C1 C2 C3 C4 C5 C7 = 6, answered C1 C2
 * C5 (waits 30 + 90 + 45 = 165), C3 a short abandon (≤ 15 s), C4 a long one.
 *   ASA = 165 / 3 = 55 s
 *   service level = answered ≤ 60 s (C1, C5) / (3 answered + 1 long abandon) = 50 %
 *   abandonment = 1 / (6 − 1 short) = 20 %
 * C5 at 23:59 on 30 November is November's; C6 at 00:00:30 on 1 December
 * is not.  Weeks: the week of Sunday 10-28 ends Saturday 11-03 and so
 * belongs to November: C8 (31 October), C1, C2, C3, C4 → 1 / (5 − 1) = 25 %
 * > 7 %, missed.  The week of 11-25 ends 12-01: December's. */
static const char *calls_csv =
  "call_id,queue,offered_at,wait_seconds,outcome\n"
  "C1,Main,2018-11-01 10:00:00,30,answered\n"
  "C2,Main,2018-11-01 11:00:00,90,answered\n"
  "C3,Main,2018-11-02 09:00:00,10,abandoned\n"
  "C4,Health Coverage,2018-11-03 09:00:00,100,abandoned\n"
  "C5,Main,2018-11-30 23:59:00,45,answered\n"
  "C6,Main,2018-12-01 00:00:30,500,answered\n"
  "C7,Non-IN RCC,2018-11-15 12:00:00,20,flowout\n"
  "C8,Main,2018-10-31 23:59:59,60,answered\n";

static const char *report_csv =
  "metric,period,value,numerator,denominator\n"
  "A.1.a,2018-11,,4,5\n"
  "A.1.k,2018-11,95,,\n"
  "A.2.c,2018-11,95.01,,\n"
  "A.3.b,2018-Q4,130000,,\n"
  "B.1,2018,15,,\n";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrContract) contract = thr_contract_load_template ("rfp-16-102", &error);
  g_autofree char *db = NULL;

  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("thr-evaluate-XXXXXX", &error);
  g_assert_no_error (error);
  db = thr_test_store_address (f->dir, "test.db");
  f->store = thr_store_open (db, &error);
  g_assert_no_error (error);
  f->contract_id = thr_store_add_contract (f->store, "rfp-16-102", "test",
                                           thr_contract_get_definition (contract), &error);
  g_assert_no_error (error);
  f->evaluator = thr_evaluator_new_for_store (f->store, f->contract_id, &error);
  g_assert_no_error (error);
  thr_evaluator_set_today (f->evaluator, thr_day_from_ymd (2018, 12, 20));

  import_text (f, "tasks.csv", tasks_csv);
  import_text (f, "calls.csv", calls_csv);
  import_text (f, "report.csv", report_csv);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->evaluator);
  g_clear_object (&f->store);
  thr_test_remove_dir (f->dir);
  g_free (f->dir);
}

static GPtrArray *
evaluate (Fixture    *f,
          const char *label)
{
  g_autoptr(GError) error = NULL;
  ThrPeriod month;
  GPtrArray *results;

  g_assert_true (thr_period_parse (label, &month, NULL));
  results = thr_evaluator_evaluate_month (f->evaluator, &month, NULL, &error);
  g_assert_no_error (error);
  return results;
}

static const ThrResult *
find (GPtrArray  *results,
      const char *id)
{
  for (guint i = 0; i < results->len; i++)
    {
      const ThrResult *r = g_ptr_array_index (results, i);
      if (g_str_equal (r->metric->id, id))
        return r;
    }
  g_assert_not_reached ();
}

static void
test_every_metric_present (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) results = evaluate (f, "2018-11");
  ThrContract *contract = thr_evaluator_get_contract (f->evaluator);

  g_assert_cmpuint (results->len, ==, thr_contract_get_n_metrics (contract));
  /* A metric with nothing imported is no-data, never met. */
  g_assert_cmpint (find (results, "A.1.e")->status, ==, THR_STATUS_NO_DATA);
  g_assert_cmpint (find (results, "C.2")->status, ==, THR_STATUS_NO_DATA);
}

static void
test_within_business_days (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) results = evaluate (f, "2018-11");
  const ThrResult *a = find (results, "A.1.a");
  const ThrResult *b = find (results, "A.1.b");

  g_assert_cmpfloat (a->computed.numerator, ==, 3);
  g_assert_cmpfloat (a->computed.denominator, ==, 5);
  g_assert_cmpfloat_with_epsilon (a->computed.value, 60.0, 1e-9);
  /* The contractor reported 4 of 5: the reported figure governs. */
  g_assert_cmpint (a->source, ==, THR_SOURCE_REPORTED);
  g_assert_cmpfloat_with_epsilon (a->value.value, 80.0, 1e-9);
  g_assert_cmpint (a->status, ==, THR_STATUS_MISSED);

  g_assert_cmpfloat (b->computed.numerator, ==, 5);
  g_assert_cmpfloat (b->computed.denominator, ==, 6);
  g_assert_cmpint (b->source, ==, THR_SOURCE_COMPUTED);
  g_assert_cmpint (b->status, ==, THR_STATUS_MISSED);
}

/* A closure the store holds is a day no deadline counts: with Thursday
 * 11-08 closed by order, T3 (Mon 11-05 → Fri 11-09) is due Wed 7, Fri 9
 * and met, T2 still met: A.1.a becomes 4 of 5.  The evaluator reads the
 * store's closures when it is made. */
static void
test_store_closure_moves_deadlines (Fixture *f, gconstpointer data)
{
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  const ThrResult *a;
  ThrPeriod month;

  g_assert_true (thr_store_add_closure (f->store, "indiana", thr_day_from_ymd (2018, 11, 8),
                                        "Executive order: offices closed", &error));
  g_assert_no_error (error);
  evaluator = thr_evaluator_new_for_store (f->store, f->contract_id, &error);
  g_assert_no_error (error);
  g_assert_false (thr_calendar_is_business_day (thr_evaluator_get_calendar (evaluator),
                                                thr_day_from_ymd (2018, 11, 8)));
  thr_evaluator_set_today (evaluator, thr_day_from_ymd (2018, 12, 20));
  g_assert_true (thr_period_parse ("2018-11", &month, NULL));
  results = thr_evaluator_evaluate_month (evaluator, &month, NULL, &error);
  g_assert_no_error (error);
  a = find (results, "A.1.a");
  g_assert_cmpfloat (a->computed.numerator, ==, 4);
  g_assert_cmpfloat (a->computed.denominator, ==, 5);
  g_assert_cmpfloat_with_epsilon (a->computed.value, 80.0, 1e-9);
}

/* The drill-down behind A.1.a's 3 of 5: T3 done a day late, T4 still
 * open past its deadline (both worked out above). */
static void
test_missed_records (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) missed = NULL;
  ThrPeriod month;
  const ThrMissedRecord *t3 = NULL, *t4 = NULL;

  g_assert_true (thr_period_parse ("2018-11", &month, NULL));
  missed = thr_evaluator_list_missed (f->evaluator, "A.1.a", &month, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missed->len, ==, 2);
  for (guint i = 0; i < missed->len; i++)
    {
      const ThrMissedRecord *r = g_ptr_array_index (missed, i);
      if (g_str_equal (r->task_id, "T3"))
        t3 = r;
      else if (g_str_equal (r->task_id, "T4"))
        t4 = r;
    }
  g_assert_nonnull (t3);
  g_assert_nonnull (t4);
  g_assert_cmpstr (t3->type, ==, "application");
  g_assert_cmpuint (t3->received, ==, thr_day_from_ymd (2018, 11, 5));
  g_assert_cmpuint (t3->deadline, ==, thr_day_from_ymd (2018, 11, 8));
  g_assert_cmpuint (t3->completed, ==, thr_day_from_ymd (2018, 11, 9));
  g_assert_cmpuint (t4->deadline, ==, thr_day_from_ymd (2018, 11, 26));
  g_assert_cmpuint (t4->completed, ==, 0);
  /* Days late: to the completion (8 → 9 November), or to today for an
   * open record (26 November → 3 December); nothing known without today. */
  g_assert_cmpuint (thr_missed_record_days_late (t3, thr_day_from_ymd (2019, 1, 1)), ==, 1);
  g_assert_cmpuint (thr_missed_record_days_late (t4, thr_day_from_ymd (2018, 12, 3)), ==, 7);
  g_assert_cmpuint (thr_missed_record_days_late (t4, 0), ==, 0);

  /* A.1.b's one miss is T4 too. */
  g_clear_pointer (&missed, g_ptr_array_unref);
  missed = thr_evaluator_list_missed (f->evaluator, "A.1.b", &month, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missed->len, ==, 1);

  /* Call metrics have no task records behind them. */
  g_clear_pointer (&missed, g_ptr_array_unref);
  missed = thr_evaluator_list_missed (f->evaluator, "A.5.a", &month, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_null (missed);
}

static void
test_pending_records_and_period (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) results = NULL;
  const ThrResult *b;

  /* On 27 November T4's 5-day deadline (29 November) is still ahead. */
  thr_evaluator_set_today (f->evaluator, thr_day_from_ymd (2018, 11, 27));
  results = evaluate (f, "2018-11");
  b = find (results, "A.1.b");
  g_assert_cmpuint (b->computed.n_pending, ==, 1);
  g_assert_cmpfloat (b->computed.denominator, ==, 5);
  g_assert_cmpint (b->status, ==, THR_STATUS_PENDING);
}

static void
test_calls (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) results = evaluate (f, "2018-11");
  const ThrResult *asa = find (results, "A.5.a");
  const ThrResult *sl = find (results, "A.5.b");
  const ThrResult *ab = find (results, "A.5.c");
  const ThrResult *weekly = find (results, "A.5.d");
  const ThrResult *first_week;

  g_assert_cmpfloat_with_epsilon (asa->computed.value, 55.0, 1e-9);
  g_assert_cmpfloat (asa->computed.denominator, ==, 3);
  g_assert_cmpint (asa->status, ==, THR_STATUS_MET);
  g_assert_cmpfloat (sl->computed.numerator, ==, 2);
  g_assert_cmpfloat (sl->computed.denominator, ==, 4);
  g_assert_cmpint (sl->status, ==, THR_STATUS_MISSED);
  g_assert_cmpfloat (ab->computed.numerator, ==, 1);
  g_assert_cmpfloat (ab->computed.denominator, ==, 5);
  g_assert_cmpfloat_with_epsilon (ab->computed.value, 20.0, 1e-9);

  g_assert_nonnull (weekly->parts);
  g_assert_cmpuint (weekly->parts->len, ==, 4);
  first_week = g_ptr_array_index (weekly->parts, 0);
  g_assert_cmpstr (first_week->period_label, ==, "2018-10-28");
  g_assert_cmpfloat (first_week->computed.numerator, ==, 1);
  g_assert_cmpfloat (first_week->computed.denominator, ==, 4);
  g_assert_cmpint (first_week->status, ==, THR_STATUS_MISSED);
  g_assert_cmpint (weekly->status, ==, THR_STATUS_MISSED);
}

static gboolean
has_reading (const ThrResult *r,
             const char      *key)
{
  for (guint i = 0; r->readings != NULL && i < r->readings->len; i++)
    if (g_str_equal (g_ptr_array_index (r->readings, i), key))
      return TRUE;
  return FALSE;
}

/* The RFP contract with one interpretation switched, as a user would
 * edit its file. */
static GBytes *
definition_with (const char *key,
                 const char *value)
{
  g_autoptr(ThrContract) base = thr_contract_load_template ("rfp-16-102", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GBytes *bytes = thr_contract_get_definition (base);
  JsonObject *readings;
  gsize len;
  char *text;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  readings = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "interpretations");
  json_object_set_string_member (readings, key, value);
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, &len);
  return g_bytes_new_take (text, len);
}

/* Issue 12 point 6: flow-out calls are left out of A.5.b's denominator
 * and kept in A.5.c's offered calls — a reading (flowout_calls =
 * per_formula), named with its note in the explanation.  Switched to
 * "offered", C7's flow-out is one more incoming call not answered within
 * 60 s: 2 / (3 + 1 + 1) = 40 %; abandonment stays 1 / (6 − 1) = 20 %. */
static void
test_flowout_reading (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) results = evaluate (f, "2018-11");
  const ThrResult *sl = find (results, "A.5.b");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) definition = definition_with ("flowout_calls", "offered");
  g_autoptr(ThrContract) switched = thr_contract_new_from_bytes (definition, "switched.json", &error);
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *path = write_file (f, "calls-again.csv", calls_csv);
  g_auto(ThrImportResult) imported = { 0 };
  ThrPeriod month;
  gint64 id;

  g_assert_true (has_reading (sl, "flowout_calls"));
  g_assert_true (has_reading (sl, "short_abandon_seconds"));
  g_assert_nonnull (strstr (sl->explanation, "Reading flowout_calls = per_formula: "));
  g_assert_true (has_reading (find (results, "A.1.a"), "record_period"));
  g_assert_true (has_reading (find (results, "A.1.a"), "source_governs"));
  g_assert_nonnull (strstr (find (results, "A.1.a")->explanation, "Reading record_period = deadline: "));

  g_assert_no_error (error);
  id = thr_store_add_contract (f->store, "rfp-16-102", "switched", definition, &error);
  g_assert_no_error (error);
  g_assert_true (thr_import_file (f->store, id, switched, path, THR_IMPORT_KIND_AUTO, FALSE,
                                  NULL, NULL, NULL, &imported, &error));
  g_assert_no_error (error);
  evaluator = thr_evaluator_new_for_store (f->store, id, &error);
  g_assert_no_error (error);
  thr_evaluator_set_today (evaluator, thr_day_from_ymd (2018, 12, 20));
  thr_period_parse ("2018-11", &month, NULL);
  again = thr_evaluator_evaluate_month (evaluator, &month, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (find (again, "A.5.b")->computed.numerator, ==, 2);
  g_assert_cmpfloat (find (again, "A.5.b")->computed.denominator, ==, 5);
  g_assert_cmpfloat_with_epsilon (find (again, "A.5.b")->computed.value, 40.0, 1e-9);
  g_assert_cmpfloat (find (again, "A.5.c")->computed.denominator, ==, 5);
  g_assert_nonnull (strstr (find (again, "A.5.b")->explanation, "Reading flowout_calls = offered"));
}

static void
test_strict_and_periods (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) nov = evaluate (f, "2018-11");
  g_autoptr(GPtrArray) dec = NULL;

  /* "will exceed 95%": 95.0 is missed, 95.01 is met. */
  g_assert_cmpint (find (nov, "A.1.k")->status, ==, THR_STATUS_MISSED);
  g_assert_cmpint (find (nov, "A.2.c")->status, ==, THR_STATUS_MET);
  /* Quarterly and annual metrics are judged in their last month. */
  g_assert_cmpint (find (nov, "A.3.b")->status, ==, THR_STATUS_PENDING);
  g_assert_true (find (nov, "A.3.b")->to_date);
  g_assert_cmpstr (find (nov, "A.3.b")->period_label, ==, "2018-Q4");
  g_assert_cmpint (find (nov, "B.1")->status, ==, THR_STATUS_PENDING);

  thr_evaluator_set_today (f->evaluator, thr_day_from_ymd (2019, 2, 1));
  dec = evaluate (f, "2018-12");
  g_assert_cmpint (find (dec, "A.3.b")->status, ==, THR_STATUS_MET);
  g_assert_cmpint (find (dec, "B.1")->status, ==, THR_STATUS_MET);
  /* C6, answered at 00:00:30 on 1 December after 500 s, is December's. */
  g_assert_cmpfloat_with_epsilon (find (dec, "A.5.a")->computed.value, 500.0, 1e-9);
}


/* A.5.e: the mean quality score of quality_review tasks for A.5.e,
 * placed by completion date; 90 and 100 average 95, and "must exceed 95%"
 * is strict.  A.3.b: SNAP retention amounts summed over the quarter. */
static void
test_mean_and_sum (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) dec = NULL;
  const ThrResult *quality, *retention;

  import_text (f, "more.csv",
               "task_id,type,received,completed,category,score,amount\n"
               "Q1,quality_review,2018-11-01,2018-11-02,A.5.e,90,\n"
               "Q2,quality_review,2018-11-05,2018-11-06,A.5.e,100,\n"
               "Q3,quality_review,2018-11-05,2018-11-06,A.2.c,10,\n"
               "R1,snap_retention,2018-10-15,2018-10-15,,,50000.00\n"
               "R2,snap_retention,2018-11-15,2018-11-15,,,80000.50\n"
               "R3,snap_retention,2018-09-30,2018-09-30,,,99999\n");
  {
    g_autoptr(GPtrArray) nov = evaluate (f, "2018-11");
    quality = find (nov, "A.5.e");
    g_assert_cmpfloat (quality->computed.denominator, ==, 2);
    g_assert_cmpfloat_with_epsilon (quality->computed.value, 95.0, 1e-9);
    g_assert_cmpint (quality->source, ==, THR_SOURCE_COMPUTED);
    g_assert_cmpint (quality->status, ==, THR_STATUS_MISSED);
  }

  thr_evaluator_set_today (f->evaluator, thr_day_from_ymd (2019, 2, 1));
  dec = evaluate (f, "2018-12");
  retention = find (dec, "A.3.b");
  g_assert_cmpfloat_with_epsilon (retention->computed.value, 130000.50, 1e-6);
  g_assert_cmpfloat_with_epsilon (retention->reported.value, 130000.0, 1e-6);
  g_assert_cmpint (retention->source, ==, THR_SOURCE_REPORTED);
  g_assert_cmpint (retention->status, ==, THR_STATUS_MET);
}

/* The KPI template: each group and worker against the Quarterly Statewide
 * Average, ± 5 points; Get Next within 80 ± 5 each week; 95–100 %
 * completion flagged as not normal. */
static void
test_kpi_subjects (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrContract) contract = thr_contract_load_template ("mo-im-kpi", &error);
  g_autofree char *dir = g_dir_make_tmp ("thr-kpi-XXXXXX", NULL);
  g_autofree char *db = thr_test_store_address (dir, "kpi.db");
  g_autoptr(ThrStore) store = thr_store_open (db, &error);
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) results = NULL;
  Fixture f = { dir, NULL, 0, NULL };
  guint n_utilization = 0, n_get_next = 0;
  ThrPeriod month;

  g_assert_no_error (error);
  f.store = store;
  f.contract_id = thr_store_add_contract (store, "mo-im-kpi", "kpi", thr_contract_get_definition (contract), &error);
  evaluator = thr_evaluator_new_for_store (store, f.contract_id, &error);
  g_assert_no_error (error);
  f.evaluator = evaluator;
  thr_evaluator_set_today (evaluator, thr_day_from_ymd (2024, 9, 1));
  import_text (&f, "qsa.csv",
               "key,period,value\n"
               "qsa:online_utilization,2024-Q3,70\n"
               "qsa:completion_rate_low,2024-Q3,88\n"
               "qsa:completion_rate_high,2024-Q3,98\n");
  import_text (&f, "kpi.csv",
               "metric,period,value,subject\n"
               "online_utilization,2024-07,72,group:North\n"
               "online_utilization,2024-07,60,worker:Ann\n"
               "completion_rate,2024-07,97,worker:Ann\n"
               "get_next_rate,2024-07-07,78,worker:Ann\n"
               "get_next_rate,2024-07-14,70,worker:Ann\n");

  g_assert_true (thr_period_parse ("2024-07", &month, NULL));
  results = thr_evaluator_evaluate_month (evaluator, &month, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      const ThrResult *r = g_ptr_array_index (results, i);
      const char *id = r->metric->id;

      if (g_str_equal (id, "online_utilization"))
        {
          n_utilization++;
          g_assert_true (r->has_reference);
          g_assert_cmpfloat (r->reference, ==, 70);
          g_assert_cmpint (r->status, ==, g_str_equal (r->subject, "group:North") ? THR_STATUS_MET : THR_STATUS_MISSED);
        }
      else if (g_str_equal (id, "completion_rate") && g_str_equal (r->subject, "worker:Ann"))
        {
          g_assert_cmpint (r->status, ==, THR_STATUS_MET);
          g_assert_cmpuint (r->flags->len, ==, 1);
        }
      else if (g_str_equal (id, "get_next_rate"))
        {
          /* July 2024's first week is the one of Sunday 30 June. */
          const ThrResult *june = g_ptr_array_index (r->parts, 0);
          const ThrResult *first = g_ptr_array_index (r->parts, 1);
          const ThrResult *second = g_ptr_array_index (r->parts, 2);

          n_get_next++;
          g_assert_cmpstr (r->subject, ==, "worker:Ann");
          g_assert_cmpstr (june->period_label, ==, "2024-06-30");
          g_assert_cmpint (june->status, ==, THR_STATUS_NO_DATA);
          g_assert_cmpstr (first->period_label, ==, "2024-07-07");
          g_assert_cmpint (first->status, ==, THR_STATUS_MET);
          g_assert_cmpint (second->status, ==, THR_STATUS_MISSED);
          g_assert_cmpint (r->status, ==, THR_STATUS_MISSED);
        }
      else if (g_str_equal (id, "transaction_time"))
        g_assert_cmpint (r->status, ==, THR_STATUS_NO_DATA);
    }
  g_assert_cmpuint (n_utilization, ==, 2);
  g_assert_cmpuint (n_get_next, ==, 1);
  f.store = NULL;
  f.evaluator = NULL;
  g_clear_object (&evaluator);
  g_clear_object (&store);
  f.dir = g_steal_pointer (&dir);
  fixture_tear_down (&f, NULL);
}

static void
test_op_holds (void)
{
  g_assert_true (thr_op_holds (THR_OP_GE, 98.0, 98.0, 0, 0));
  g_assert_true (thr_op_holds (THR_OP_GE, 49.0 / 50.0 * 100.0, 98.0, 0, 0));
  g_assert_false (thr_op_holds (THR_OP_GT, 95.0, 95.0, 0, 0));
  g_assert_false (thr_op_holds (THR_OP_GT, 19.0 / 20.0 * 100.0, 95.0, 0, 0));
  g_assert_true (thr_op_holds (THR_OP_LE, 150.0, 150.0, 0, 0));
  g_assert_false (thr_op_holds (THR_OP_LT, 5.0, 5.0, 0, 0));
  g_assert_true (thr_op_holds (THR_OP_BETWEEN, 75.0, 0, 75.0, 85.0));
  g_assert_false (thr_op_holds (THR_OP_BETWEEN, 85.01, 0, 75.0, 85.0));
}

static ThrResult *
fake_result (const ThrMetric *metric,
             const char      *subject,
             ThrStatus        status)
{
  ThrResult *r = g_new0 (ThrResult, 1);

  r->metric = metric;
  r->subject = g_strdup (subject);
  r->period_label = g_strdup ("2018-04");
  r->status = status;
  return r;
}

/* One rule stands a metric judged per subject for the grid, the ledger,
 * the exports and the CAP's trend: its worst subject, missed before no
 * data before pending before met, the first of equals. */
static void
test_evaluate_worst_subject (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrContract) contract = thr_contract_load_template ("mo-im-kpi", &error);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_result_free);
  const ThrMetric *a, *b;

  g_assert_no_error (error);
  a = thr_contract_get_metric (contract, 0);
  b = thr_contract_get_metric (contract, 1);
  g_ptr_array_add (results, fake_result (a, "Group 1", THR_STATUS_MET));
  g_ptr_array_add (results, fake_result (a, "Group 2", THR_STATUS_PENDING));
  g_ptr_array_add (results, fake_result (b, "", THR_STATUS_MET));
  g_ptr_array_add (results, fake_result (a, "Group 3", THR_STATUS_NO_DATA));
  g_ptr_array_add (results, fake_result (a, "Group 4", THR_STATUS_MISSED));
  g_ptr_array_add (results, fake_result (a, "Group 5", THR_STATUS_MISSED));

  g_assert_cmpstr (thr_results_find_worst (results, a->id)->subject, ==, "Group 4");
  g_assert_cmpstr (thr_results_find_worst (results, b->id)->subject, ==, "");
  g_assert_null (thr_results_find_worst (results, "Z.9"));
  g_ptr_array_remove_range (results, 4, 2);
  g_assert_cmpstr (thr_results_find_worst (results, a->id)->subject, ==, "Group 3");
  g_ptr_array_remove_index (results, 3);
  g_assert_cmpstr (thr_results_find_worst (results, a->id)->subject, ==, "Group 2");
}

static const ThrResult *
find_subject (GPtrArray  *results,
              const char *metric,
              const char *subject)
{
  for (guint i = 0; i < results->len; i++)
    {
      const ThrResult *r = g_ptr_array_index (results, i);

      if (g_str_equal (r->metric->id, metric) && g_str_equal (r->subject, subject))
        return r;
    }
  g_assert_not_reached ();
}

/* The staff KPI template, October 2024 (2024-Q4: no Quarterly Statewide
 * Average published yet; 2024-Q3's is the latest).
 *   online_utilization group:North 72 against Q3's 70 ± 5: met, said to
 *     use 2024-Q3's average.
 *   first_contact_resolution worker:Ann, weeks of 09-29, 10-06, 10-13,
 *     10-20 (the week of 10-27 ends in November): 56, 72, 61, 58 against
 *     60 ± 5: the month is missed and shows 72, the week outside the band,
 *     not 56, the lowest value (which is inside it).
 *   payment_accuracy 95.0: met (at least 95 %).
 *   coordinator_staff_time worker:Bo 74.9: missed; coordinator_other_time
 *     25: missed ("less than 25%").
 *   training_enrollment, 14 calendar days from the first day:
 *     N1 North 09-20 → enrolled 10-01, due 10-04: October, met.
 *     N2 North 10-01 → 10-16, due 10-15: missed.
 *     N3 South 10-05 → 10-10, due 10-19: met.
 *     N4 North 10-20, open, due 11-03: November's.
 *   North recomputed 1 of 2 = 50 % against a reported 2 of 2; South 1 of 1. */
static void
test_kpi_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrContract) contract = thr_contract_load_template ("mo-im-kpi", &error);
  g_autofree char *dir = g_dir_make_tmp ("thr-kpi-XXXXXX", NULL);
  g_autofree char *db = thr_test_store_address (dir, "kpi.db");
  g_autoptr(ThrStore) store = thr_store_open (db, &error);
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) results = NULL;
  Fixture f = { dir, NULL, 0, NULL };
  const ThrResult *r, *north, *south;
  ThrPeriod month;

  g_assert_no_error (error);
  f.store = store;
  f.contract_id = thr_store_add_contract (store, "mo-im-kpi", "kpi", thr_contract_get_definition (contract), &error);
  evaluator = thr_evaluator_new_for_store (store, f.contract_id, &error);
  g_assert_no_error (error);
  f.evaluator = evaluator;
  thr_evaluator_set_today (evaluator, thr_day_from_ymd (2024, 11, 20));
  import_text (&f, "qsa.csv",
               "key,period,value\n"
               "qsa:online_utilization,2024-Q2,68\n"
               "qsa:online_utilization,2024-Q3,70\n"
               "qsa:first_contact_resolution,2024-Q3,60\n");
  import_text (&f, "kpi.csv",
               "metric,period,value,numerator,denominator,subject\n"
               "online_utilization,2024-10,72,,,group:North\n"
               "first_contact_resolution,2024-09-29,56,,,worker:Ann\n"
               "first_contact_resolution,2024-10-06,72,,,worker:Ann\n"
               "first_contact_resolution,2024-10-13,61,,,worker:Ann\n"
               "first_contact_resolution,2024-10-20,58,,,worker:Ann\n"
               "payment_accuracy,2024-10,95,,,\n"
               "coordinator_staff_time,2024-10,74.9,,,worker:Bo\n"
               "coordinator_other_time,2024-10,25,,,worker:Bo\n"
               "training_enrollment,2024-10,,2,2,group:North\n"
               "training_enrollment,2024-10,,1,1,group:South\n");
  import_text (&f, "tasks.csv",
               "task_id,type,received,completed,worker,team\n"
               "N1,new_staff,2024-09-20,2024-10-01,Cy,North\n"
               "N2,new_staff,2024-10-01,2024-10-16,Di,North\n"
               "N3,new_staff,2024-10-05,2024-10-10,Ed,South\n"
               "N4,new_staff,2024-10-20,,Fay,North\n");

  /* Completion rates per queue, against each queue's published range:
   * SNAP 80–92 (90: met), MAGI 82–95 (79: missed); TA has no range of its
   * own and takes the one published for every queue, 85–97 (96: met, and
   * flagged 95–100 % as not normal). */
  import_text (&f, "qsa-queues.csv",
               "key,period,value,subject,queue\n"
               "qsa:completion_rate_low,2024-Q3,80,,SNAP\n"
               "qsa:completion_rate_high,2024-Q3,92,,SNAP\n"
               "qsa:completion_rate_low,2024-Q3,82,,MAGI\n"
               "qsa:completion_rate_high,2024-Q3,95,,MAGI\n"
               "qsa:completion_rate_low,2024-Q3,85,,\n"
               "qsa:completion_rate_high,2024-Q3,97,,\n");
  import_text (&f, "kpi-queues.csv",
               "metric,period,value,subject,queue\n"
               "completion_rate,2024-10,90,group:North,SNAP\n"
               "completion_rate,2024-10,79,group:North,MAGI\n"
               "completion_rate,2024-10,96,group:North,TA\n");

  g_assert_true (thr_period_parse ("2024-10", &month, NULL));
  results = thr_evaluator_evaluate_month (evaluator, &month, NULL, &error);
  g_assert_no_error (error);

  {
    const ThrResult *snap = NULL, *magi = NULL, *ta = NULL;

    for (guint i = 0; i < results->len; i++)
      {
        const ThrResult *q = g_ptr_array_index (results, i);

        if (!g_str_equal (q->metric->id, "completion_rate"))
          continue;
        g_assert_cmpstr (q->subject, ==, "group:North");
        if (g_str_equal (q->queue, "SNAP"))
          snap = q;
        else if (g_str_equal (q->queue, "MAGI"))
          magi = q;
        else if (g_str_equal (q->queue, "TA"))
          ta = q;
        else
          g_assert_not_reached ();
      }
    g_assert_nonnull (snap);
    g_assert_cmpint (snap->status, ==, THR_STATUS_MET);
    g_assert_cmpfloat (snap->lower, ==, 80);
    g_assert_cmpfloat (snap->upper, ==, 92);
    g_assert_cmpstr (snap->reference_period, ==, "2024-Q3");
    g_assert_nonnull (magi);
    g_assert_cmpint (magi->status, ==, THR_STATUS_MISSED);
    g_assert_cmpfloat (magi->lower, ==, 82);
    g_assert_cmpfloat (magi->upper, ==, 95);
    g_assert_nonnull (strstr (magi->explanation, "group:North, queue MAGI"));
    g_assert_nonnull (ta);
    g_assert_cmpint (ta->status, ==, THR_STATUS_MET);
    g_assert_cmpfloat (ta->lower, ==, 85);
    g_assert_cmpfloat (ta->upper, ==, 97);
    g_assert_cmpuint (ta->flags->len, ==, 1);
  }

  r = find_subject (results, "online_utilization", "group:North");
  g_assert_cmpint (r->status, ==, THR_STATUS_MET);
  g_assert_cmpfloat (r->reference, ==, 70);
  g_assert_cmpstr (r->reference_period, ==, "2024-Q3");
  g_assert_true (has_reading (r, "missing_reference_quarter"));
  g_assert_nonnull (strstr (r->explanation, "No reference is published for 2024-Q4 yet: the latest published, 2024-Q3's, is used."));

  r = find_subject (results, "first_contact_resolution", "worker:Ann");
  g_assert_cmpuint (r->parts->len, ==, 4);
  g_assert_cmpint (r->status, ==, THR_STATUS_MISSED);
  g_assert_cmpfloat (r->value.value, ==, 72);
  g_assert_cmpfloat (r->reference, ==, 60);
  g_assert_cmpstr (r->reference_period, ==, "2024-Q3");
  g_assert_nonnull (strstr (r->explanation, "the week of 2024-10-06"));
  g_assert_cmpint (((ThrResult *) g_ptr_array_index (r->parts, 0))->status, ==, THR_STATUS_MET);
  g_assert_cmpint (((ThrResult *) g_ptr_array_index (r->parts, 1))->status, ==, THR_STATUS_MISSED);

  r = find_subject (results, "payment_accuracy", "");
  g_assert_cmpint (r->status, ==, THR_STATUS_MET);
  g_assert_cmpfloat (r->value.value, ==, 95);
  g_assert_cmpint (find_subject (results, "coordinator_staff_time", "worker:Bo")->status, ==, THR_STATUS_MISSED);
  g_assert_cmpint (find_subject (results, "coordinator_other_time", "worker:Bo")->status, ==, THR_STATUS_MISSED);

  north = find_subject (results, "training_enrollment", "group:North");
  south = find_subject (results, "training_enrollment", "group:South");
  g_assert_true (north->computed.present);
  g_assert_cmpfloat (north->computed.numerator, ==, 1);
  g_assert_cmpfloat (north->computed.denominator, ==, 2);
  g_assert_cmpfloat (north->computed.value, ==, 50);
  g_assert_cmpfloat (north->reported.value, ==, 100);
  g_assert_true (north->discrepancy);
  g_assert_cmpint (north->status, ==, THR_STATUS_MET);  /* the reported figure governs */
  g_assert_cmpfloat (south->computed.numerator, ==, 1);
  g_assert_cmpfloat (south->computed.denominator, ==, 1);
  g_assert_false (south->discrepancy);

  g_clear_pointer (&results, g_ptr_array_unref);
  g_clear_object (&evaluator);
  g_clear_object (&store);
  thr_test_remove_dir (dir);
}

/* Group and worker figures recomputed from the records that name them
 * (the staff KPI template, October 2024; worked by hand):
 *   call_handling_time, the week of 2024-10-06, answered calls only:
 *     C1 Ann/North 300 s, C2 Ann/North 500 s, C3 Bo/North 200 s, C4 Bo/North
 *     abandoned (left out), C5 Cy/South 600 s.
 *     worker:Ann 800 / 2 = 400 s (reported 420); group:North 1000 / 3 =
 *     333.33 s (reported 330); worker:Bo 200 s.
 *   cases_worked, tasks completed in October: T1, T2 Ann, T3 Bo; T4 Ann
 *     completed in November.  worker:Ann 2 (reported 2), worker:Bo 1
 *     (reported 3: a discrepancy, the reported figure governs). */
static void
test_kpi_recomputed_subjects (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrContract) contract = thr_contract_load_template ("mo-im-kpi", &error);
  g_autofree char *dir = g_dir_make_tmp ("thr-kpi-XXXXXX", NULL);
  g_autofree char *db = thr_test_store_address (dir, "kpi.db");
  g_autoptr(ThrStore) store = thr_store_open (db, &error);
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) results = NULL;
  Fixture f = { dir, NULL, 0, NULL };
  const ThrResult *r, *week;
  ThrPeriod month;

  g_assert_no_error (error);
  f.store = store;
  f.contract_id = thr_store_add_contract (store, "mo-im-kpi", "kpi", thr_contract_get_definition (contract), &error);
  evaluator = thr_evaluator_new_for_store (store, f.contract_id, &error);
  g_assert_no_error (error);
  f.evaluator = evaluator;
  thr_evaluator_set_today (evaluator, thr_day_from_ymd (2024, 11, 20));
  import_text (&f, "qsa.csv",
               "key,period,value\n"
               "qsa:call_handling_time,2024-Q3,400\n"
               "qsa:cases_worked,2024-Q3,2\n");
  import_text (&f, "kpi.csv",
               "metric,period,value,subject\n"
               "call_handling_time,2024-10-06,420,worker:Ann\n"
               "call_handling_time,2024-10-06,330,group:North\n"
               "call_handling_time,2024-10-06,200,worker:Bo\n"
               "cases_worked,2024-10,2,worker:Ann\n"
               "cases_worked,2024-10,3,worker:Bo\n");
  import_text (&f, "calls.csv",
               "call_id,queue,offered_at,wait_seconds,outcome,handle_seconds,agent,team\n"
               "C1,SNAP,2024-10-07 10:00:00,20,answered,300,Ann,North\n"
               "C2,SNAP,2024-10-08 10:00:00,20,answered,500,Ann,North\n"
               "C3,SNAP,2024-10-08 11:00:00,20,answered,200,Bo,North\n"
               "C4,SNAP,2024-10-09 11:00:00,90,abandoned,0,Bo,North\n"
               "C5,SNAP,2024-10-09 12:00:00,20,answered,600,Cy,South\n");
  import_text (&f, "tasks.csv",
               "task_id,type,received,completed,worker,team\n"
               "T1,application,2024-10-01,2024-10-02,Ann,North\n"
               "T2,application,2024-10-14,2024-10-15,Ann,North\n"
               "T3,application,2024-10-18,2024-10-20,Bo,North\n"
               "T4,application,2024-10-30,2024-11-02,Ann,North\n");

  g_assert_true (thr_period_parse ("2024-10", &month, NULL));
  results = thr_evaluator_evaluate_month (evaluator, &month, NULL, &error);
  g_assert_no_error (error);

  r = find_subject (results, "call_handling_time", "worker:Ann");
  week = g_ptr_array_index (r->parts, 1);
  g_assert_cmpstr (week->period_label, ==, "2024-10-06");
  g_assert_true (week->computed.present);
  g_assert_cmpfloat_with_epsilon (week->computed.value, 400.0, 1e-9);
  g_assert_cmpfloat (week->reported.value, ==, 420);
  week = g_ptr_array_index (find_subject (results, "call_handling_time", "group:North")->parts, 1);
  g_assert_cmpfloat_with_epsilon (week->computed.value, 1000.0 / 3.0, 1e-9);
  week = g_ptr_array_index (find_subject (results, "call_handling_time", "worker:Bo")->parts, 1);
  g_assert_cmpfloat_with_epsilon (week->computed.value, 200.0, 1e-9);

  r = find_subject (results, "cases_worked", "worker:Ann");
  g_assert_true (r->computed.present);
  g_assert_cmpfloat (r->computed.value, ==, 2);
  g_assert_false (r->discrepancy);
  r = find_subject (results, "cases_worked", "worker:Bo");
  g_assert_cmpfloat (r->computed.value, ==, 1);
  g_assert_cmpfloat (r->reported.value, ==, 3);
  g_assert_true (r->discrepancy);

  g_clear_pointer (&results, g_ptr_array_unref);
  g_clear_object (&evaluator);
  g_clear_object (&store);
  thr_test_remove_dir (dir);
}

/* ---- one pass over the tasks ---- */

static void
assert_figure_equal (const ThrFigure *a,
                     const ThrFigure *b)
{
  g_assert_cmpint (a->present, ==, b->present);
  g_assert_cmpint (a->has_ratio, ==, b->has_ratio);
  /* Counts, so equal to the last bit, not within a tolerance. */
  g_assert_true (a->value == b->value);
  g_assert_true (a->numerator == b->numerator);
  g_assert_true (a->denominator == b->denominator);
  g_assert_cmpuint (a->n_pending, ==, b->n_pending);
}

static void
assert_results_equal (GPtrArray *a,
                      GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const ThrResult *x = g_ptr_array_index (a, i);
      const ThrResult *y = g_ptr_array_index (b, i);

      g_assert_cmpstr (x->metric->id, ==, y->metric->id);
      g_assert_cmpstr (x->subject, ==, y->subject);
      g_assert_cmpint (x->status, ==, y->status);
      assert_figure_equal (&x->computed, &y->computed);
      assert_figure_equal (&x->value, &y->value);
      g_assert_cmpstr (x->explanation, ==, y->explanation);
      g_assert_cmpuint (x->parts ? x->parts->len : 0, ==, y->parts ? y->parts->len : 0);
      if (x->parts != NULL)
        assert_results_equal (x->parts, y->parts);
    }
}

/* Fills the new store at @db with @n_months demo months (tasks and calls
 * only, a small month) for its one contract. */
static void
fill_demo (const char *db,
           const char *files,
           int         n_months)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrContract) contract = thr_contract_load_template ("rfp-16-102", &error);
  g_autoptr(ThrStore) store = NULL;
  ThrDemoOptions options;
  gint64 id;

  thr_demo_options_init (&options);
  options.n_months = n_months;
  options.tasks_per_month = 1500;
  options.calls_per_month = 600;
  g_assert_true (thr_demo_write (&options, files, NULL, &error));
  g_assert_no_error (error);
  store = thr_store_open (db, &error);
  g_assert_no_error (error);
  id = thr_store_add_contract (store, "rfp-16-102", "demo", thr_contract_get_definition (contract), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = g_build_filename (files, i == 0 ? "tasks.csv" : "calls.csv", NULL);
      g_auto(ThrImportResult) result = { 0 };

      g_assert_true (thr_import_file (store, id, contract, path, THR_IMPORT_KIND_AUTO, FALSE, NULL, NULL,
                                      NULL, &result, &error));
      g_assert_no_error (error);
    }
}

/* The fifteen months three tests evaluate, generated and imported once per
 * program into a file that each copies: each made its own, 3-5 s of each
 * under memcheck (session 26).  A team store's tests still fill a
 * database of their own: a template made from a file whose bytes change
 * with each run (the imports' times) would stay on a developer's server. */
static char *fifteen_dir;

static void
remove_fifteen (void)
{
  thr_test_remove_dir (fifteen_dir);
  g_clear_pointer (&fifteen_dir, g_free);
}

static char *
copy_of_fifteen_months (const char *dir)
{
  gboolean made = fifteen_dir == NULL;
  g_autofree char *file = NULL;

  if (made)
    {
      g_autoptr(GError) error = NULL;

      fifteen_dir = g_dir_make_tmp ("thr-evaluate-fifteen-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (remove_fifteen);
    }
  file = g_build_filename (fifteen_dir, "fifteen.db", NULL);
  if (made)
    {
      g_autofree char *files = g_build_filename (fifteen_dir, "demo", NULL);

      fill_demo (file, files, 15);
    }
  return thr_test_copy_store_file (file, dir);
}

/* A store of @n_months demo months (fill_demo (); fifteen in a file: a
 * copy of the program's), and an evaluator that keeps no figure, so each
 * month is scanned. */
static ThrEvaluator *
demo_evaluator (const char *dir,
                int         n_months,
                ThrStore  **store_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *files = g_build_filename (dir, "demo", NULL);
  gboolean shared = n_months == 15 && !thr_test_store_is_team ();
  g_autofree char *db = shared ? copy_of_fifteen_months (dir) : thr_test_store_address (dir, "demo.db");
  ThrEvaluator *evaluator;
  gint64 id;

  if (!shared)
    fill_demo (db, files, n_months);
  *store_out = thr_store_open (db, &error);
  g_assert_no_error (error);
  id = thr_store_resolve_contract (*store_out, "rfp-16-102", &error);
  g_assert_no_error (error);
  evaluator = thr_evaluator_new_for_store (*store_out, id, &error);
  g_assert_no_error (error);
  thr_evaluator_set_keep_figures (evaluator, FALSE);
  return evaluator;
}

static GPtrArray *
evaluate_under (ThrEvaluator *evaluator,
                ThrScanPlan   plan,
                int           month,
                guint        *n_passes)
{
  g_autoptr(GError) error = NULL;
  guint before = thr_scan_count_one_passes ();
  GPtrArray *results;
  g_autofree char *label = g_strdup_printf ("2018-%02d", month);
  ThrPeriod period;

  g_assert_true (thr_period_parse (label, &period, NULL));
  thr_scan_set_plan (plan);
  results = thr_evaluator_evaluate_month (evaluator, &period, NULL, &error);
  thr_scan_set_plan (THR_SCAN_PLAN_CHOOSE);
  g_assert_no_error (error);
  *n_passes = thr_scan_count_one_passes () - before;
  return results;
}

/* One pass over the table counts what the range scans count: every
 * figure, status and explanation of every month, on a day inside the data
 * (open records pending or missed) and one after it.  The evaluator
 * chooses the pass where the ranges cover most of the table (the month of
 * a one-month store); /evaluate/months-equal-one-by-one checks that it
 * reads only a window of the table where the ranges cover little of it.
 * A team store's server plans
 * its own scans. */
static void
test_one_pass_equals_ranges (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thr-evaluate-XXXXXX", &error);
  g_autofree char *dir3 = g_dir_make_tmp ("thr-evaluate-XXXXXX", &error);
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(ThrStore) store3 = NULL;
  g_autoptr(ThrEvaluator) one = demo_evaluator (dir, 1, &store);
  g_autoptr(ThrEvaluator) three = demo_evaluator (dir3, 3, &store3);
  gboolean team = thr_test_store_is_team ();
  guint n_passes;

  for (guint d = 0; d < 2; d++)
    {
      guint32 today = d == 0 ? thr_day_from_ymd (2018, 2, 5) : thr_day_from_ymd (2018, 6, 1);

      thr_evaluator_set_today (one, today);
      thr_evaluator_set_today (three, today);
      {
        g_autoptr(GPtrArray) ranges = evaluate_under (one, THR_SCAN_PLAN_RANGES, 1, &n_passes);
        g_autoptr(GPtrArray) chosen = NULL;

        g_assert_cmpuint (n_passes, ==, 0);
        chosen = evaluate_under (one, THR_SCAN_PLAN_CHOOSE, 1, &n_passes);
        g_assert_cmpuint (n_passes, ==, team ? 0 : 1);
        assert_results_equal (ranges, chosen);
      }
      for (int month = 1; month <= 3; month++)
        {
          g_autoptr(GPtrArray) ranges = evaluate_under (three, THR_SCAN_PLAN_RANGES, month, &n_passes);
          g_autoptr(GPtrArray) pass = evaluate_under (three, THR_SCAN_PLAN_ONE_PASS, month, &n_passes);

          g_assert_cmpuint (n_passes, ==, team ? 0 : 1);
          assert_results_equal (ranges, pass);
        }
    }
  g_clear_object (&one);
  g_clear_object (&three);
  g_clear_object (&store);
  g_clear_object (&store3);
  thr_test_remove_dir (dir);
  thr_test_remove_dir (dir3);
}

/* Evaluates @n months together under the evaluator's own choice of plan,
 * which makes @n_passes passes over the table, and compares each month
 * with @alone's (when given). */
static void
assert_chosen_passes (ThrEvaluator    *evaluator,
                      const ThrPeriod *months,
                      guint            n,
                      GPtrArray       *alone,
                      guint            n_passes)
{
  g_autoptr(GError) error = NULL;
  guint before = thr_scan_count_one_passes ();
  g_autoptr(GPtrArray) together = thr_evaluator_evaluate_months (evaluator, months, n, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (thr_scan_count_one_passes () - before, ==, n_passes);
  for (guint k = 0; alone != NULL && k < n; k++)
    assert_results_equal (g_ptr_array_index (alone, k), g_ptr_array_index (together, k));
}

static void
month_of (guint       k,
          ThrPeriod  *period)
{
  g_autofree char *label = g_strdup_printf ("%04u-%02u", 2018 + k / 12, k % 12 + 1);

  g_assert_true (thr_period_parse (label, period, NULL));
}

/* Months evaluated together, their records read once for them all, give
 * what each month evaluated alone gives: every figure, status and
 * explanation, on a day inside the data and one after it, whether the
 * shared scans go through their indexes or in one pass over the table
 * (which the evaluator chooses for fifteen months of a fifteen-month
 * store, and for its first seven, whose ranges hold under half of it; for
 * one month, a pass over the window of ids where most of its records lie,
 * the others through their indexes), and for months asked out of order.  Fifteen months,
 * so that A.3.k's look back of fourteen finds records.  Each scan hands a
 * row only to the months whose days hold it: a month's edge a day off
 * moves a day of records between two months, and this fails. */
static void
test_months_equal_one_by_one (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thr-evaluate-XXXXXX", &error);
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(ThrEvaluator) evaluator = demo_evaluator (dir, 15, &store);
  ThrPeriod months[15], shuffled[4];
  guint order[G_N_ELEMENTS (shuffled)] = { 14, 2, 13, 0 };
  ThrScanPlan plans[] = { THR_SCAN_PLAN_CHOOSE, THR_SCAN_PLAN_RANGES, THR_SCAN_PLAN_ONE_PASS };
  gboolean team = thr_test_store_is_team ();
  /* Under memcheck (THR_TEST_FEWER_STEPS, set by tools/run-valgrind) the
   * day inside the data only: the day after it walks the same scans and
   * plans (the same functions, measured with gcov), and memcheck is there
   * for what it finds on them; the plain and sanitizer runs take both. */
  guint n_days = g_getenv ("THR_TEST_FEWER_STEPS") != NULL ? 1 : 2;

  for (guint k = 0; k < G_N_ELEMENTS (months); k++)
    month_of (k, &months[k]);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    shuffled[i] = months[order[i]];
  for (guint d = 0; d < n_days; d++)
    {
      g_autoptr(GPtrArray) alone = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

      thr_evaluator_set_today (evaluator, d == 0 ? thr_day_from_ymd (2018, 11, 20) : thr_day_from_ymd (2019, 6, 1));
      thr_scan_set_plan (THR_SCAN_PLAN_RANGES);
      for (guint k = 0; k < G_N_ELEMENTS (months); k++)
        {
          GPtrArray *results = thr_evaluator_evaluate_month (evaluator, &months[k], NULL, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (results->len, >, 0);
          g_ptr_array_add (alone, results);
        }
      for (guint p = 0; p < G_N_ELEMENTS (plans); p++)
        {
          guint before = thr_scan_count_one_passes ();
          g_autoptr(GPtrArray) together = NULL;
          g_autoptr(GPtrArray) some = NULL;

          thr_scan_set_plan (plans[p]);
          together = thr_evaluator_evaluate_months (evaluator, months, G_N_ELEMENTS (months), NULL, &error);
          g_assert_no_error (error);
          if (plans[p] != THR_SCAN_PLAN_RANGES && !team)
            g_assert_cmpuint (thr_scan_count_one_passes () - before, ==, 1);
          else
            g_assert_cmpuint (thr_scan_count_one_passes () - before, ==, 0);
          g_assert_cmpuint (together->len, ==, G_N_ELEMENTS (months));
          for (guint k = 0; k < G_N_ELEMENTS (months); k++)
            assert_results_equal (g_ptr_array_index (alone, k), g_ptr_array_index (together, k));
          some = thr_evaluator_evaluate_months (evaluator, shuffled, G_N_ELEMENTS (shuffled), NULL, &error);
          g_assert_no_error (error);
          for (guint i = 0; i < G_N_ELEMENTS (order); i++)
            assert_results_equal (g_ptr_array_index (alone, order[i]), g_ptr_array_index (some, i));
        }
      thr_scan_set_plan (THR_SCAN_PLAN_CHOOSE);
      assert_chosen_passes (evaluator, months, 7, alone, team ? 0 : 1);
      {
        g_autoptr(GPtrArray) eighth = g_ptr_array_new ();
        guint64 before = thr_scan_count_rows_read ();

        g_ptr_array_add (eighth, g_ptr_array_index (alone, 7));
        assert_chosen_passes (evaluator, &months[7], 1, eighth, team ? 0 : 1);
        /* the pass reads the window of the month's rows, not the table
         * (2,736 rows read of 22,500) */
        g_assert_cmpuint ((thr_scan_count_rows_read () - before) * 4, <, G_N_ELEMENTS (months) * 1500);
      }
      {
        guint before = thr_scan_count_split_scans ();
        guint around_before = thr_scan_count_rows_around ();

        /* each month alone, its window starting at a day of one of its
         * scans: those with days before it read them through their index,
         * and the pass drops their rows of those days (read twice, or not
         * at all, when a day is off); the scans left out of the window
         * take their rows in it from the pass and the others through
         * their index (read twice, or not at all, when the ids are off) */
        for (guint k = 1; k < G_N_ELEMENTS (months); k++)
          {
            g_autoptr(GPtrArray) results = thr_evaluator_evaluate_month (evaluator, &months[k], NULL, &error);

            g_assert_no_error (error);
            assert_results_equal (g_ptr_array_index (alone, k), results);
          }
        if (!team)
          {
            g_assert_cmpuint (thr_scan_count_split_scans () - before, >, 0);
            g_assert_cmpuint (thr_scan_count_rows_around () - around_before, >, 0);
          }
      }
      {
        g_autoptr(GPtrArray) last_five = g_ptr_array_new ();
        guint64 before = thr_scan_count_rows_read ();

        for (guint k = 10; k < 15; k++)
          g_ptr_array_add (last_five, g_ptr_array_index (alone, k));
        assert_chosen_passes (evaluator, &months[10], 5, last_five, team ? 0 : 1);
        /* the pass starts where the five months' records do, the
         * referrals A.3.k reads fourteen months back through their index
         * (10,627 rows read of 22,500; 22,287 when the pass starts at
         * theirs) */
        if (!team)
          g_assert_cmpuint ((thr_scan_count_rows_read () - before) * 2, <, G_N_ELEMENTS (months) * 1500);
      }
    }
  g_clear_object (&evaluator);
  g_clear_object (&store);
  thr_test_remove_dir (dir);
}

typedef struct {
  guint      n;
  guint      month[15];
  guint64    rows[15];      /* the rows the scans had read at its delivery */
  GPtrArray *results[15];
} Delivered;

static void
delivered_cb (guint      month,
              GPtrArray *results,
              gpointer   user_data)
{
  Delivered *d = user_data;

  g_assert_cmpuint (d->n, <, G_N_ELEMENTS (d->month));
  d->month[d->n] = month;
  d->rows[d->n] = thr_scan_count_rows_read ();
  d->results[d->n++] = results;
}

/* Months evaluated together are handed over one by one, oldest first, each
 * as soon as the shared scans have read its records: while the pass over
 * the table (or the ranges) has read the oldest month's records only, not
 * when it has read every month's.  Asked newest first, as the window asks
 * them; each month is what it is alone.  A team store's months are
 * scanned one at a time, and handed over so. */
static void
test_months_delivered_one_by_one (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thr-evaluate-XXXXXX", &error);
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(ThrEvaluator) evaluator = demo_evaluator (dir, 15, &store);
  ThrScanPlan plans[] = { THR_SCAN_PLAN_CHOOSE, THR_SCAN_PLAN_ONE_PASS };
  ThrPeriod months[15];
  guint n = G_N_ELEMENTS (months);
  gboolean team = thr_test_store_is_team ();

  for (guint k = 0; k < n; k++)
    month_of (n - 1 - k, &months[k]);
  thr_evaluator_set_today (evaluator, thr_day_from_ymd (2019, 6, 1));
  for (guint p = 0; p < G_N_ELEMENTS (plans); p++)
    {
      Delivered d = { 0 };
      guint64 before = thr_scan_count_rows_read (), after;

      thr_scan_set_plan (plans[p]);
      g_assert_true (thr_evaluator_evaluate_months_each (evaluator, months, n, delivered_cb, &d, NULL, &error));
      g_assert_no_error (error);
      after = thr_scan_count_rows_read ();
      thr_scan_set_plan (THR_SCAN_PLAN_CHOOSE);
      g_assert_cmpuint (d.n, ==, n);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GPtrArray) alone = thr_evaluator_evaluate_month (evaluator, &months[d.month[i]], NULL, &error);

          g_assert_no_error (error);
          /* a team store's months, each scanned alone, in the order asked */
          g_assert_cmpuint (d.month[i], ==, team ? i : n - 1 - i);
          if (i > 0)
            g_assert_cmpuint (d.rows[i], >, d.rows[i - 1]);
          assert_results_equal (alone, d.results[i]);
          g_ptr_array_unref (d.results[i]);
        }
      g_assert_cmpuint (d.rows[n - 1], ==, after);
      /* the oldest month came with a fifteenth of the records, not all */
      g_assert_cmpuint ((d.rows[0] - before) * 4, <, after - before);
    }
  g_clear_object (&evaluator);
  g_clear_object (&store);
  thr_test_remove_dir (dir);
}

/* A result judged without its explanation (the window's months) is
 * explained later, on demand, in the very words the evaluator writes with
 * explanations on: for every result of fifteen months, on a day inside
 * the data (pending months, a weekly metric with a week already missed)
 * and one after it, weekly roll-ups and quoted readings among them. */
static void
test_explained_later (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thr-evaluate-XXXXXX", &error);
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(ThrEvaluator) evaluator = demo_evaluator (dir, 15, &store);
  ThrContract *contract = thr_evaluator_get_contract (evaluator);
  guint32 days[] = { thr_day_from_ymd (2018, 11, 20), thr_day_from_ymd (2019, 6, 1) };
  guint n_weekly = 0, n_pending = 0, n_readings = 0;
  /* Under memcheck (THR_TEST_FEWER_STEPS) the day inside the data and
   * every third month: the same functions on the same kinds of result. */
  gboolean fewer = g_getenv ("THR_TEST_FEWER_STEPS") != NULL;
  guint n_days = fewer ? 1 : G_N_ELEMENTS (days), step = fewer ? 3 : 1;

  for (guint d = 0; d < n_days; d++)
    for (guint k = 0; k < 15; k += step)
      {
        g_autoptr(GPtrArray) explained = NULL;
        g_autoptr(GPtrArray) bare = NULL;
        ThrPeriod month;

        month_of (k, &month);
        thr_evaluator_set_today (evaluator, days[d]);
        thr_evaluator_set_explain (evaluator, TRUE);
        explained = thr_evaluator_evaluate_month (evaluator, &month, NULL, &error);
        g_assert_no_error (error);
        thr_evaluator_set_explain (evaluator, FALSE);
        bare = thr_evaluator_evaluate_month (evaluator, &month, NULL, &error);
        g_assert_no_error (error);
        for (guint i = 0; i < bare->len; i++)
          {
            ThrResult *r = g_ptr_array_index (bare, i);
            char *first;

            g_assert_null (r->explanation);
            thr_result_explain (r, contract, &month);
            g_assert_nonnull (r->explanation);
            first = r->explanation;
            thr_result_explain (r, contract, &month);
            g_assert_true (r->explanation == first);
            n_weekly += r->parts != NULL;
            n_pending += r->status == THR_STATUS_PENDING;
            n_readings += r->readings != NULL && r->readings->len > 0;
          }
        /* every figure, status and explanation, the weeks' too */
        assert_results_equal (explained, bare);
      }
  g_assert_cmpuint (n_weekly, >, 0);
  g_assert_cmpuint (n_pending, >, 0);
  g_assert_cmpuint (n_readings, >, 0);
  g_clear_object (&evaluator);
  g_clear_object (&store);
  thr_test_remove_dir (dir);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  thr_core_init ();
  g_test_add_func ("/evaluate/worst-subject", test_evaluate_worst_subject);
  g_test_add_func ("/evaluate/op-holds", test_op_holds);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/evaluate/missed-records", test_missed_records);
  ADD ("/evaluate/every-metric", test_every_metric_present);
  ADD ("/evaluate/within-business-days", test_within_business_days);
  ADD ("/evaluate/store-closure", test_store_closure_moves_deadlines);
  ADD ("/evaluate/pending", test_pending_records_and_period);
  ADD ("/evaluate/calls", test_calls);
  ADD ("/evaluate/flowout-reading", test_flowout_reading);
  ADD ("/evaluate/strict-and-periods", test_strict_and_periods);
  ADD ("/evaluate/mean-and-sum", test_mean_and_sum);
  g_test_add_func ("/evaluate/kpi-subjects", test_kpi_subjects);
  g_test_add_func ("/evaluate/kpi-template", test_kpi_template);
  g_test_add_func ("/evaluate/kpi-recomputed-subjects", test_kpi_recomputed_subjects);
  g_test_add_func ("/evaluate/one-pass-equals-ranges", test_one_pass_equals_ranges);
  g_test_add_func ("/evaluate/months-equal-one-by-one", test_months_equal_one_by_one);
  g_test_add_func ("/evaluate/months-delivered-one-by-one", test_months_delivered_one_by_one);
  g_test_add_func ("/evaluate/explained-later", test_explained_later);
  status = g_test_run ();
  thr_test_store_cleanup ();
  return status;
}
