/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ledger.c — D2 ¶1–4 on hand-made runs of months, in exact cents
 *
 * Every run uses the RFP 16-102 contract with invoices of $100,000.00
 * (central), $50,000.00 (local office) and $20,000.00 (training) a month,
 * so 15 % withholds $15,000.00, $7,500.00 and $3,000.00, and 25 % of the
 * central invoice is $25,000.00.  Every metric is met unless a test says
 * otherwise.
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "thr-core.h"
#include "thr-test-util.h"
#include "thr-test-store.h"

#define CENTRAL  G_GINT64_CONSTANT (10000000)
#define LOCAL    G_GINT64_CONSTANT (5000000)
#define TRAINING G_GINT64_CONSTANT (2000000)

/* Section: helpers */

static ThrContract *
load_contract (const char *key,
               const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrContract) base = thr_contract_load_template ("rfp-16-102", &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *readings;
  char *text;
  gsize len;

  g_assert_no_error (error);
  if (key == NULL)
    return g_steal_pointer (&base);

  /* The same contract with one reading switched, as a user would edit it. */
  bytes = g_bytes_ref (thr_contract_get_definition (base));
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  readings = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                            "interpretations");
  json_object_set_string_member (readings, key, value);
  generator = json_generator_new ();
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, &len);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = g_bytes_new_take (text, len);
  {
    ThrContract *contract = thr_contract_new_from_bytes (bytes, "test.json", &error);
    g_assert_no_error (error);
    return contract;
  }
}

/* A run of n months from `first`, every metric met, the standard invoices. */
static ThrLedgerInput *
make_run (ThrContract *contract,
          const char  *first,
          guint        n)
{
  ThrLedgerInput *input = thr_ledger_input_new (contract);
  g_autoptr(GError) error = NULL;
  ThrPeriod month;

  g_assert_true (thr_period_parse_kind (first, THR_PERIOD_MONTH, &month, &error));
  for (guint i = 0; i < n; i++, thr_period_next (&month, &month))
    {
      g_autofree char *label = thr_period_format (&month);

      g_assert_true (thr_ledger_input_add_month (input, &month, &error));
      g_assert_true (thr_ledger_input_set_all (input, label, THR_STATUS_MET, &error));
      g_assert_true (thr_ledger_input_set_invoice (input, label, "central", CENTRAL, &error));
      g_assert_true (thr_ledger_input_set_invoice (input, label, "local_office", LOCAL, &error));
      g_assert_true (thr_ledger_input_set_invoice (input, label, "training", TRAINING, &error));
      g_assert_no_error (error);
    }
  return input;
}

static void
set (ThrLedgerInput *input,
     const char     *month,
     const char     *metric,
     ThrStatus       status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (thr_ledger_input_set_status (input, month, metric, status, &error));
  g_assert_no_error (error);
}

/* ¶4.i: the State records the day the CAP of a failure was implemented. */
static void
implement (ThrLedgerInput *input,
           const char     *metric,
           const char     *failure_month,
           const char     *date)
{
  g_autoptr(GError) error = NULL;
  guint32 day = 0;

  g_assert_true (thr_day_parse_iso (date, &day));
  g_assert_true (thr_ledger_input_set_implemented (input, metric, failure_month, day, &error));
  g_assert_no_error (error);
}

static gboolean
has_reading (GPtrArray  *readings,
             const char *key)
{
  for (guint i = 0; readings != NULL && i < readings->len; i++)
    if (g_str_equal (g_ptr_array_index (readings, i), key))
      return TRUE;
  return FALSE;
}

/* withheld = released + held + retained, and exactly one of them is the
 * whole amount, for every row. */
static void
assert_invariant (ThrLedger *ledger)
{
  GPtrArray *rows = thr_ledger_get_rows (ledger);

  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      const ThrLedgerRow *row = g_ptr_array_index (rows, i);

      g_assert_cmpint (row->withheld, ==, row->released + row->held + row->retained);
      g_assert_true (row->released == 0 || row->released == row->withheld);
      g_assert_true (row->held == 0 || row->held == row->withheld);
      g_assert_true (row->retained == 0 || row->retained == row->withheld);
      g_assert_nonnull (row->explanation);
      if (g_test_verbose ())
        g_test_message ("%s %s: %s", row->month_label, row->component, row->explanation);
      g_assert_true (g_str_has_prefix (row->explanation, "¶1."));
    }
}

static const ThrLedgerRow *
row (ThrLedger  *ledger,
     const char *month,
     const char *component)
{
  const ThrLedgerRow *r = thr_ledger_find_row (ledger, month, component);

  g_assert_nonnull (r);
  return r;
}

static void
assert_released (ThrLedger  *ledger,
                 const char *month,
                 const char *component,
                 gint64      amount,
                 const char *with)
{
  const ThrLedgerRow *r = row (ledger, month, component);

  g_assert_cmpint (r->state, ==, THR_LEDGER_STATE_RELEASED);
  g_assert_cmpint (r->withheld, ==, amount);
  g_assert_cmpint (r->released, ==, amount);
  g_assert_cmpstr (r->released_with, ==, with);
}

static void
assert_retained (ThrLedger  *ledger,
                 const char *month,
                 const char *component,
                 gint64      amount)
{
  const ThrLedgerRow *r = row (ledger, month, component);

  g_assert_cmpint (r->state, ==, THR_LEDGER_STATE_RETAINED);
  g_assert_cmpint (r->withheld, ==, amount);
  g_assert_cmpint (r->retained, ==, amount);
  g_assert_null (r->released_with);
}

static void
assert_held (ThrLedger  *ledger,
             const char *month,
             const char *component,
             gint64      amount)
{
  const ThrLedgerRow *r = row (ledger, month, component);

  g_assert_cmpint (r->state, ==, THR_LEDGER_STATE_HELD);
  g_assert_cmpint (r->withheld, ==, amount);
  g_assert_cmpint (r->held, ==, amount);
}

static ThrLedgerFailure *
failure (ThrLedger *ledger,
         guint      index)
{
  GPtrArray *failures = thr_ledger_get_failures (ledger);

  g_assert_cmpuint (index, <, failures->len);
  return g_ptr_array_index (failures, index);
}

static void
assert_labels (GPtrArray  *labels,
               const char *expected)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? " " : "", (const char *) g_ptr_array_index (labels, i));
  g_assert_cmpstr (s->str, ==, expected);
}

static void
assert_period (const ThrPeriod *period,
               const char      *expected)
{
  g_autofree char *label = thr_period_format (period);
  g_assert_cmpstr (label, ==, expected);
}

/* Section: tests */

static void
test_percent_rounding (void)
{
  g_assert_cmpint (thr_ledger_percent_of_cents (CENTRAL, 15), ==, 1500000);
  g_assert_cmpint (thr_ledger_percent_of_cents (CENTRAL, 25), ==, 2500000);
  g_assert_cmpint (thr_ledger_percent_of_cents (1, 15), ==, 0);        /* 0.15 */
  g_assert_cmpint (thr_ledger_percent_of_cents (10, 15), ==, 2);       /* 1.5, half up */
  g_assert_cmpint (thr_ledger_percent_of_cents (3, 50), ==, 2);        /* 1.5 */
  g_assert_cmpint (thr_ledger_percent_of_cents (-3, 50), ==, -2);      /* away from zero */
  g_assert_cmpint (thr_ledger_percent_of_cents (12345678, 15), ==, 1851852);  /* 1851851.7 */
  g_assert_cmpint (thr_ledger_percent_of_cents (12345670, 15), ==, 1851851);  /* 1851850.5 */
}

/* ¶4.iii's own example: A.1.a missed April 2018, met only in July; the
 * window is May–August; April, May, June and August are retained. */
static void
test_seed_example (void)
{
  g_autoptr(ThrContract) contract = load_contract (NULL, NULL);
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-03", 7);
  g_autoptr(ThrLedger) ledger = NULL;
  ThrLedgerFailure *f;
  const char *retained[] = { "2018-04", "2018-05", "2018-06", "2018-08" };

  set (input, "2018-04", "A.1.a", THR_STATUS_MISSED);
  set (input, "2018-05", "A.1.a", THR_STATUS_MISSED);
  set (input, "2018-06", "A.1.a", THR_STATUS_MISSED);
  set (input, "2018-08", "A.1.a", THR_STATUS_MISSED);
  ledger = thr_ledger_compute (input);
  assert_invariant (ledger);

  assert_released (ledger, "2018-03", "central", 1500000, "2018-04");
  for (guint i = 0; i < G_N_ELEMENTS (retained); i++)
    {
      assert_retained (ledger, retained[i], "central", 1500000);
      /* release_scope = all_metrics: every component's withholding. */
      assert_retained (ledger, retained[i], "local_office", 750000);
      assert_retained (ledger, retained[i], "training", 300000);
    }
  /* July: met, so not retained; every metric met, so ¶3 releases it once
   * the window is over (reading met_month_in_failed_window = stays_held). */
  assert_released (ledger, "2018-07", "central", 1500000, "2018-09");
  assert_released (ledger, "2018-09", "central", 1500000, "2018-10");
  g_assert_nonnull (strstr (row (ledger, "2018-08", "central")->explanation, "¶4.iii"));
  g_assert_nonnull (strstr (row (ledger, "2018-08", "central")->explanation, "A.1.a missed in 2018-04"));
  g_assert_nonnull (strstr (row (ledger, "2018-08", "central")->explanation,
                            "and again in 2018-05, 2018-06, 2018-08"));
  g_assert_nonnull (strstr (row (ledger, "2018-08", "central")->explanation,
                            "withholding of 2018-04, 2018-05, 2018-06, 2018-08 is retained"));
  g_assert_nonnull (strstr (row (ledger, "2018-07", "central")->explanation, "stays_held"));

  g_assert_cmpuint (thr_ledger_get_failures (ledger)->len, ==, 1);
  f = failure (ledger, 0);
  g_assert_cmpstr (f->metric, ==, "A.1.a");
  g_assert_cmpstr (f->failure_label, ==, "2018-04");
  assert_period (&f->window_first, "2018-05");
  assert_period (&f->window_last, "2018-08");
  g_assert_cmpint (f->outcome, ==, THR_WINDOW_FAILED);
  assert_labels (f->repeat_misses, "2018-05 2018-06 2018-08");
  assert_labels (f->retained, "2018-04 2018-05 2018-06 2018-08");
  g_assert_cmpuint (f->months->len, ==, 4);
  g_assert_cmpint (g_array_index (f->months, ThrWindowMonth, 2).status, ==, THR_STATUS_MET);
}

/* Missed April, met May and June, the CAP implemented on 2018-05-20:
 * resolved in June; everything held for it is released with July's
 * invoice (¶4.ii). */
static void
test_resolution (void)
{
  g_autoptr(ThrContract) contract = load_contract (NULL, NULL);
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-03", 5);
  g_autoptr(ThrLedger) ledger = NULL;
  ThrLedgerFailure *f;

  set (input, "2018-04", "A.1.a", THR_STATUS_MISSED);
  implement (input, "A.1.a", "2018-04", "2018-05-20");
  ledger = thr_ledger_compute (input);
  assert_invariant (ledger);

  assert_released (ledger, "2018-03", "central", 1500000, "2018-04");
  assert_released (ledger, "2018-04", "central", 1500000, "2018-07");
  assert_released (ledger, "2018-04", "training", 300000, "2018-07");
  assert_released (ledger, "2018-05", "central", 1500000, "2018-07");
  assert_released (ledger, "2018-06", "local_office", 750000, "2018-07");
  assert_released (ledger, "2018-07", "central", 1500000, "2018-08");
  g_assert_nonnull (strstr (row (ledger, "2018-04", "central")->explanation, "¶4.ii"));

  f = failure (ledger, 0);
  g_assert_cmpint (f->outcome, ==, THR_WINDOW_RESOLVED);
  assert_period (&f->resolved_in, "2018-06");
  assert_period (&f->hold_last, "2018-06");
  g_assert_cmpuint (f->retained->len, ==, 0);
}

/* A window not over when the run ends stays open and holds (¶4.i). */
static void
test_open_window (void)
{
  g_autoptr(ThrContract) contract = load_contract (NULL, NULL);
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-03", 4);
  g_autoptr(ThrLedger) ledger = NULL;

  set (input, "2018-04", "A.1.a", THR_STATUS_MISSED);
  set (input, "2018-06", "A.1.a", THR_STATUS_PENDING);   /* June is not over */
  ledger = thr_ledger_compute (input);
  assert_invariant (ledger);

  assert_held (ledger, "2018-04", "central", 1500000);
  assert_held (ledger, "2018-05", "central", 1500000);
  assert_held (ledger, "2018-06", "training", 300000);
  g_assert_cmpint (failure (ledger, 0)->outcome, ==, THR_WINDOW_OPEN);
  g_assert_nonnull (strstr (row (ledger, "2018-05", "central")->explanation, "¶4.i"));
}

/* Three misses in February: central at 25 % from March until a month with
 * every metric met.  March has a miss, April is all met: April is still at
 * 25 %, May back at 15 %.  Other components never escalate. */
static void
test_escalation (void)
{
  g_autoptr(ThrContract) contract = load_contract (NULL, NULL);
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-01", 6);
  g_autoptr(ThrLedger) ledger = NULL;

  set (input, "2018-02", "A.1.a", THR_STATUS_MISSED);
  set (input, "2018-02", "A.1.b", THR_STATUS_MISSED);
  set (input, "2018-02", "B.2", THR_STATUS_MISSED);
  set (input, "2018-03", "A.2.a", THR_STATUS_MISSED);
  implement (input, "A.1.a", "2018-02", "2018-03-20");
  implement (input, "A.1.b", "2018-02", "2018-03-20");
  implement (input, "B.2", "2018-02", "2018-03-20");
  implement (input, "A.2.a", "2018-03", "2018-04-20");
  ledger = thr_ledger_compute (input);
  assert_invariant (ledger);

  g_assert_cmpfloat (row (ledger, "2018-02", "central")->rate, ==, 15);
  g_assert_false (row (ledger, "2018-02", "central")->escalated);
  g_assert_cmpfloat (row (ledger, "2018-03", "central")->rate, ==, 25);
  g_assert_true (row (ledger, "2018-03", "central")->escalated);
  g_assert_cmpint (row (ledger, "2018-03", "central")->withheld, ==, 2500000);
  g_assert_cmpint (row (ledger, "2018-03", "local_office")->withheld, ==, 750000);
  g_assert_cmpfloat (row (ledger, "2018-03", "local_office")->rate, ==, 15);
  g_assert_cmpint (row (ledger, "2018-04", "central")->withheld, ==, 2500000);
  g_assert_cmpint (row (ledger, "2018-05", "central")->withheld, ==, 1500000);
  g_assert_false (row (ledger, "2018-05", "central")->escalated);
  g_assert_nonnull (strstr (row (ledger, "2018-03", "central")->explanation, "escalated"));
  g_assert_nonnull (strstr (row (ledger, "2018-03", "central")->explanation, "A.1.a, A.1.b, B.2"));

  /* A.1.a, A.1.b, B.2 resolve in April; A.2.a (missed March) in May. */
  assert_released (ledger, "2018-02", "central", 1500000, "2018-05");
  assert_released (ledger, "2018-03", "central", 2500000, "2018-06");
  assert_released (ledger, "2018-04", "central", 2500000, "2018-06");
  assert_released (ledger, "2018-05", "central", 1500000, "2018-06");
  assert_released (ledger, "2018-06", "central", 1500000, "2018-07");
  g_assert_cmpuint (thr_ledger_get_failures (ledger)->len, ==, 4);
}

/* Two metrics whose windows overlap: A.1.a missed April (window May–Aug),
 * A.1.b missed May (window Jun–Sep).  A.1.a resolves in June, A.1.b in
 * July; a month held by both is released only after both. */
static void
test_overlapping_windows (void)
{
  g_autoptr(ThrContract) contract = load_contract (NULL, NULL);
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-04", 5);
  g_autoptr(ThrLedger) ledger = NULL;

  set (input, "2018-04", "A.1.a", THR_STATUS_MISSED);
  set (input, "2018-05", "A.1.b", THR_STATUS_MISSED);
  implement (input, "A.1.a", "2018-04", "2018-05-20");
  implement (input, "A.1.b", "2018-05", "2018-06-20");
  ledger = thr_ledger_compute (input);
  assert_invariant (ledger);

  assert_released (ledger, "2018-04", "central", 1500000, "2018-07");
  assert_released (ledger, "2018-05", "central", 1500000, "2018-08");
  assert_released (ledger, "2018-06", "central", 1500000, "2018-08");
  assert_released (ledger, "2018-07", "central", 1500000, "2018-08");
  assert_released (ledger, "2018-08", "central", 1500000, "2018-09");
  g_assert_cmpstr (failure (ledger, 0)->metric, ==, "A.1.a");
  assert_period (&failure (ledger, 0)->resolved_in, "2018-06");
  g_assert_cmpstr (failure (ledger, 1)->metric, ==, "A.1.b");
  assert_period (&failure (ledger, 1)->resolved_in, "2018-07");
}

/* One window fails while an overlapping one resolves.  A.1.a: missed Apr,
 * met May, missed Jun, met Jul, missed Aug → failed.  A.1.b: missed May,
 * met Jun and Jul → resolved.  May is a met month of A.1.a's failed window
 * but A.1.b was missed in it, so ¶3 never releases it: under stays_held it
 * stays held; under the reading "released" it is released after August. */
static void
test_failed_and_resolved_overlap (void)
{
  const char *readings[] = { "stays_held", "released" };

  for (guint k = 0; k < G_N_ELEMENTS (readings); k++)
    {
      g_autoptr(ThrContract) contract = load_contract ("met_month_in_failed_window", readings[k]);
      g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-04", 6);
      g_autoptr(ThrLedger) ledger = NULL;

      set (input, "2018-04", "A.1.a", THR_STATUS_MISSED);
      set (input, "2018-06", "A.1.a", THR_STATUS_MISSED);
      set (input, "2018-08", "A.1.a", THR_STATUS_MISSED);
      set (input, "2018-05", "A.1.b", THR_STATUS_MISSED);
      implement (input, "A.1.b", "2018-05", "2018-06-20");
      ledger = thr_ledger_compute (input);
      assert_invariant (ledger);

      assert_retained (ledger, "2018-04", "central", 1500000);
      assert_retained (ledger, "2018-06", "central", 1500000);
      assert_retained (ledger, "2018-08", "training", 300000);
      /* July: every metric met, not a miss of A.1.a → released after August. */
      assert_released (ledger, "2018-07", "central", 1500000, "2018-09");
      if (k == 0)
        {
          assert_held (ledger, "2018-05", "central", 1500000);
          g_assert_nonnull (strstr (row (ledger, "2018-05", "central")->explanation, "stays_held"));
        }
      else
        assert_released (ledger, "2018-05", "central", 1500000, "2018-09");
      assert_released (ledger, "2018-09", "central", 1500000, "2018-10");
    }
}

/* A metric missed again inside its own window.  A.1.a: missed Apr, May,
 * met Jun, missed Jul, met Aug, Sep.  extends_hold: window May–Aug never
 * has two met months in a row → failed, Apr, May, Jul retained.
 * restarts_window: the misses in May and July each restart the window, the
 * last one Aug–Nov; Aug and Sep resolve it → all released after Sep. */
static void
test_repeat_miss (void)
{
  const char *readings[] = { "extends_hold", "restarts_window" };

  for (guint k = 0; k < G_N_ELEMENTS (readings); k++)
    {
      g_autoptr(ThrContract) contract = load_contract ("repeat_miss_in_window", readings[k]);
      g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-04", 7);
      g_autoptr(ThrLedger) ledger = NULL;
      ThrLedgerFailure *f;

      set (input, "2018-04", "A.1.a", THR_STATUS_MISSED);
      set (input, "2018-05", "A.1.a", THR_STATUS_MISSED);
      set (input, "2018-07", "A.1.a", THR_STATUS_MISSED);
      implement (input, "A.1.a", "2018-04", "2018-08-20");
      ledger = thr_ledger_compute (input);
      assert_invariant (ledger);

      g_assert_cmpuint (thr_ledger_get_failures (ledger)->len, ==, 1);
      f = failure (ledger, 0);
      assert_labels (f->repeat_misses, "2018-05 2018-07");
      g_assert_nonnull (strstr (f->explanation, readings[k]));
      if (k == 0)
        {
          g_assert_cmpint (f->outcome, ==, THR_WINDOW_FAILED);
          assert_period (&f->window_last, "2018-08");
          assert_labels (f->retained, "2018-04 2018-05 2018-07");
          assert_retained (ledger, "2018-04", "central", 1500000);
          assert_retained (ledger, "2018-05", "central", 1500000);
          assert_released (ledger, "2018-06", "central", 1500000, "2018-09");
          assert_retained (ledger, "2018-07", "central", 1500000);
          assert_released (ledger, "2018-08", "central", 1500000, "2018-09");
          assert_released (ledger, "2018-09", "central", 1500000, "2018-10");
        }
      else
        {
          g_assert_cmpint (f->outcome, ==, THR_WINDOW_RESOLVED);
          assert_period (&f->resolved_in, "2018-09");
          assert_period (&f->window_last, "2018-11");
          for (guint m = 4; m <= 9; m++)
            {
              g_autofree char *label = g_strdup_printf ("2018-%02u", m);
              assert_released (ledger, label, "central", 1500000, "2018-10");
            }
        }
    }
}

/* No data for one metric holds that month (¶3 needs verification) but is
 * not a miss: no CAP, no escalation.  A pending metric holds nothing. */
static void
test_no_data (void)
{
  g_autoptr(ThrContract) contract = load_contract (NULL, NULL);
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-05", 3);
  g_autoptr(ThrLedger) ledger = NULL;

  set (input, "2018-06", "A.1.b", THR_STATUS_NO_DATA);
  set (input, "2018-07", "B.1", THR_STATUS_PENDING);
  ledger = thr_ledger_compute (input);
  assert_invariant (ledger);

  assert_released (ledger, "2018-05", "central", 1500000, "2018-06");
  assert_held (ledger, "2018-06", "central", 1500000);
  assert_held (ledger, "2018-06", "training", 300000);
  g_assert_nonnull (strstr (row (ledger, "2018-06", "central")->explanation,
                            "awaiting verification — A.1.b not yet judged for 2018-06"));
  assert_released (ledger, "2018-07", "central", 1500000, "2018-08");
  g_assert_cmpuint (thr_ledger_get_failures (ledger)->len, ==, 0);
}

/* release_scope = component: a section A miss holds only the central
 * component; the others are released by ¶3 on their own metrics. */
static void
test_release_scope_component (void)
{
  g_autoptr(ThrContract) contract = load_contract ("release_scope", "component");
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-04", 3);
  g_autoptr(ThrLedger) ledger = NULL;

  set (input, "2018-04", "A.1.a", THR_STATUS_MISSED);
  set (input, "2018-05", "A.1.a", THR_STATUS_MISSED);
  ledger = thr_ledger_compute (input);
  assert_invariant (ledger);

  assert_held (ledger, "2018-04", "central", 1500000);
  assert_released (ledger, "2018-04", "local_office", 750000, "2018-05");
  assert_released (ledger, "2018-05", "training", 300000, "2018-06");
  g_assert_nonnull (strstr (row (ledger, "2018-04", "training")->explanation, "release_scope = component"));
}

/* A failure in November: the window runs December–March across the year
 * end.  A.1.a missed Nov, met Dec, missed Jan, met Feb, missed Mar. */
static void
test_year_end (void)
{
  g_autoptr(ThrContract) contract = load_contract (NULL, NULL);
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-10", 7);
  g_autoptr(ThrLedger) ledger = NULL;
  ThrLedgerFailure *f;

  set (input, "2018-11", "A.1.a", THR_STATUS_MISSED);
  set (input, "2019-01", "A.1.a", THR_STATUS_MISSED);
  set (input, "2019-03", "A.1.a", THR_STATUS_MISSED);
  ledger = thr_ledger_compute (input);
  assert_invariant (ledger);

  f = failure (ledger, 0);
  g_assert_cmpstr (f->failure_label, ==, "2018-11");
  assert_period (&f->window_first, "2018-12");
  assert_period (&f->window_last, "2019-03");
  g_assert_cmpint (f->outcome, ==, THR_WINDOW_FAILED);
  assert_labels (f->retained, "2018-11 2019-01 2019-03");
  assert_retained (ledger, "2018-11", "central", 1500000);
  assert_released (ledger, "2018-12", "central", 1500000, "2019-04");
  assert_retained (ledger, "2019-01", "local_office", 750000);
  assert_released (ledger, "2019-02", "central", 1500000, "2019-04");
  assert_retained (ledger, "2019-03", "central", 1500000);
  assert_released (ledger, "2019-04", "central", 1500000, "2019-05");
}

/* A month without an invoice withholds nothing but still reconciles. */
static void
test_no_invoice (void)
{
  g_autoptr(ThrContract) contract = load_contract (NULL, NULL);
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-05", 2);
  g_autoptr(ThrLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  ThrPeriod bad;

  g_assert_true (thr_ledger_input_set_invoice (input, "2018-06", "training", 0, &error));
  ledger = thr_ledger_compute (input);
  assert_invariant (ledger);
  g_assert_cmpint (row (ledger, "2018-06", "training")->state, ==, THR_LEDGER_STATE_NONE);
  g_assert_cmpint (row (ledger, "2018-06", "training")->withheld, ==, 0);
  g_assert_null (row (ledger, "2018-06", "training")->released_with);
  g_assert_nonnull (strstr (row (ledger, "2018-06", "training")->explanation, "nothing withheld"));

  /* Months must be consecutive. */
  thr_period_parse ("2018-09", &bad, NULL);
  g_assert_false (thr_ledger_input_add_month (input, &bad, &error));
  g_assert_error (error, THR_LEDGER_ERROR, THR_LEDGER_ERROR_INVALID);
}

static void
set_figure (ThrLedgerInput *input,
            const char     *month,
            const char     *metric,
            double          value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (thr_ledger_input_set_figure (input, month, metric, value, &error));
  g_assert_no_error (error);
}

static void
assert_line (ThrLedger         *ledger,
             guint              index,
             const char        *period,
             ThrLedgerLineKind  kind,
             gint64             amount)
{
  GPtrArray *lines = thr_ledger_get_lines (ledger);
  const ThrLedgerLine *line;

  g_assert_cmpuint (index, <, lines->len);
  line = g_ptr_array_index (lines, index);
  if (g_test_verbose ())
    g_test_message ("%s %s: %s", line->metric, line->period_label, line->explanation);
  g_assert_cmpstr (line->period_label, ==, period);
  g_assert_cmpint (line->kind, ==, kind);
  g_assert_cmpint (line->amount, ==, amount);
  g_assert_true (g_str_has_prefix (line->explanation, line->metric));
}

/* A.3.b over state fiscal year 2019 (July 2018–June 2019), baseline
 * $120,000 a quarter:
 *   2018-Q3 $130,000     excess $10,000 → bonus 20 % = $2,000.00
 *   2018-Q4 $100,000     short: rolling difference −10,000 + 20,000 = $10,000.00 damages
 *   2019-Q1 $1,370,000   excess $1,250,000, capped at $1,000,000 → $200,000.00
 *   2019-Q2 $110,000     short, but the rolling difference −10,000 + 20,000 − 1,250,000
 *                        + 10,000 = −1,230,000, less 10,000 already assessed, is < 0 → $0.00
 *   FY2019 true-up: the year recomputed from the quarters under the same cap —
 *   10,000 − 20,000 + 1,000,000 (Q1's excess capped as its payment was) − 10,000 =
 *   $980,000 → settlement 20 % = $196,000; the quarters came to 2,000 − 10,000 +
 *   200,000 − 0 = $192,000 → true-up $4,000.00 to the contractor.
 * Reading damages_window = quarter: Q4 $20,000, Q2 $10,000; quarters 172,000 → $24,000.
 * Reading bonus_cap = cap_on_bonus: Q1 20 % of 1,250,000 = $250,000 (under the
 * $1,000,000 cap on the bonus); the year settles at 20 % of 1,230,000 = $246,000
 * against 242,000 from the quarters → $4,000.00. */
static void
test_snap_bonus_damages (void)
{
  struct { const char *key, *value; gint64 q4, q1, q2, true_up; } cases[] = {
    { NULL, NULL, 1000000, 20000000, 0, 400000 },
    { "damages_window", "quarter", 2000000, 20000000, 1000000, 2400000 },
    { "bonus_cap", "cap_on_bonus", 1000000, 25000000, 0, 400000 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(ThrContract) contract = load_contract (cases[k].key, cases[k].value);
      g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-07", 12);
      g_autoptr(ThrLedger) ledger = NULL;
      const ThrMetric *metric = thr_contract_find_metric (contract, "A.3.b");

      g_assert_cmpfloat (metric->bonus_percent, ==, 20);
      g_assert_cmpfloat (metric->bonus_cap, ==, 1000000);
      set_figure (input, "2018-09", "A.3.b", 130000);
      set_figure (input, "2018-12", "A.3.b", 100000);
      set_figure (input, "2019-03", "A.3.b", 1370000);
      set_figure (input, "2019-06", "A.3.b", 110000);
      ledger = thr_ledger_compute (input);

      g_assert_cmpuint (thr_ledger_get_lines (ledger)->len, ==, 5);
      assert_line (ledger, 0, "2018-Q3", THR_LEDGER_LINE_BONUS, 200000);
      assert_line (ledger, 1, "2018-Q4", THR_LEDGER_LINE_DAMAGES, cases[k].q4);
      assert_line (ledger, 2, "2019-Q1", THR_LEDGER_LINE_BONUS, cases[k].q1);
      assert_line (ledger, 3, "2019-Q2", THR_LEDGER_LINE_DAMAGES, cases[k].q2);
      assert_line (ledger, 4, "FY2019", THR_LEDGER_LINE_TRUE_UP, cases[k].true_up);
    }
}

/* Issue 12 point 5: one A.3.b cap, applied the same way to the quarters
 * and to the true-up.  Four quarters of FY2019 each $2,000,000 over the
 * baseline ($2,120,000 retained): each pays 20 % of the capped
 * $1,000,000 = $200,000.00, $800,000.00 in all; the true-up recomputes
 * the year from those quarters under the same cap and owes nothing either
 * way (it used to cap the year's net again and claw back $600,000.00).
 * Under cap_on_bonus, quarters $6,000,000 over pay the capped
 * $1,000,000.00 each, and the true-up is again $0.00. */
static void
test_snap_cap_consistent (void)
{
  struct { const char *key, *value; double retained; gint64 bonus; } cases[] = {
    { NULL, NULL, 2120000, 20000000 },
    { "bonus_cap", "cap_on_bonus", 6120000, 100000000 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(ThrContract) contract = load_contract (cases[k].key, cases[k].value);
      g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-07", 12);
      g_autoptr(ThrLedger) ledger = NULL;
      const ThrLedgerLine *true_up;

      set_figure (input, "2018-09", "A.3.b", cases[k].retained);
      set_figure (input, "2018-12", "A.3.b", cases[k].retained);
      set_figure (input, "2019-03", "A.3.b", cases[k].retained);
      set_figure (input, "2019-06", "A.3.b", cases[k].retained);
      ledger = thr_ledger_compute (input);
      g_assert_cmpuint (thr_ledger_get_lines (ledger)->len, ==, 5);
      assert_line (ledger, 0, "2018-Q3", THR_LEDGER_LINE_BONUS, cases[k].bonus);
      assert_line (ledger, 3, "2019-Q2", THR_LEDGER_LINE_BONUS, cases[k].bonus);
      assert_line (ledger, 4, "FY2019", THR_LEDGER_LINE_TRUE_UP, 0);
      true_up = g_ptr_array_index (thr_ledger_get_lines (ledger), 4);
      g_assert_nonnull (strstr (true_up->explanation, "capped as its quarterly payment was"));
      g_assert_cmpuint (true_up->readings->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (true_up->readings, 0), ==, "bonus_cap");
    }
}

/* C.6: 85 % or more in a calendar year earns 8 % of that year's fees:
 * 12 × ($100,000 + $50,000 + $20,000) = $2,040,000.00 → $163,200.00. */
static void
test_training_bonus (void)
{
  double figures[] = { 86, 84.9 };

  for (guint k = 0; k < G_N_ELEMENTS (figures); k++)
    {
      g_autoptr(ThrContract) contract = load_contract (NULL, NULL);
      g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-01", 12);
      g_autoptr(ThrLedger) ledger = NULL;

      set_figure (input, "2018-12", "C.6", figures[k]);
      ledger = thr_ledger_compute (input);
      g_assert_cmpuint (thr_ledger_get_lines (ledger)->len, ==, 1);
      assert_line (ledger, 0, "2018", THR_LEDGER_LINE_BONUS, k == 0 ? 16320000 : 0);
    }
}

/* Issue 12 point 4: C.6 is measured "with the first measurement to begin
 * January 1, 2018" (first_period 2018): a 2017 figure earns nothing and
 * has no line; a 2017 miss counts for nothing, even where C.6's misses
 * would otherwise withhold (money_metric_misses = withholding_too). */
static void
test_first_period (void)
{
  g_autoptr(ThrContract) contract = load_contract ("money_metric_misses", "withholding_too");
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2017-11", 14);
  g_autoptr(ThrLedger) ledger = NULL;

  g_assert_true (thr_contract_find_metric (contract, "C.6")->has_first_period);
  set_figure (input, "2017-12", "C.6", 90);
  set (input, "2017-12", "C.6", THR_STATUS_MISSED);
  set_figure (input, "2018-12", "C.6", 90);
  ledger = thr_ledger_compute (input);
  assert_invariant (ledger);
  g_assert_cmpuint (thr_ledger_get_lines (ledger)->len, ==, 1);
  /* 8 % of 12 × $170,000.00 = $163,200.00 */
  assert_line (ledger, 0, "2018", THR_LEDGER_LINE_BONUS, 16320000);
  g_assert_cmpuint (thr_ledger_get_failures (ledger)->len, ==, 0);
  assert_released (ledger, "2017-12", "training", 300000, "2018-01");
}

/* bonus_fees = paid leaves out what was withheld and never released:
 * April's three withholdings ($25,500.00) are held for A.1.a's open
 * window (the run ends in June): 8 % of $2,014,500.00 = $161,160.00. */
static void
test_training_bonus_paid (void)
{
  g_autoptr(ThrContract) contract = load_contract ("bonus_fees", "paid");
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-01", 12);
  g_autoptr(ThrLedger) ledger = NULL;

  set (input, "2018-12", "A.1.a", THR_STATUS_MISSED);
  set_figure (input, "2018-12", "C.6", 90);
  ledger = thr_ledger_compute (input);
  assert_line (ledger, 0, "2018", THR_LEDGER_LINE_BONUS, 16116000);
}

/* A run from January 2018 in which A.3.c (TANF, quarterly) is pending in
 * the months before each quarter's last, and judged in March, June and
 * September as given. */
static ThrLedgerInput *
make_quarterly_run (ThrContract *contract,
                    guint        n,
                    ThrStatus    q1,
                    ThrStatus    q2)
{
  ThrLedgerInput *input = make_run (contract, "2018-01", n);

  for (guint m = 1; m <= n; m++)
    {
      g_autofree char *label = g_strdup_printf ("2018-%02u", m);
      set (input, label, "A.3.c", m % 3 != 0 ? THR_STATUS_PENDING : m == 3 ? q1 : m == 6 ? q2 : THR_STATUS_MET);
    }
  return input;
}

/* Issue 12 point 1: a judged quarter's status stands for every month it
 * covers (period_status_in_window = covers_months).  A.3.c missed in
 * 2018-Q1 (judged March), met in 2018-Q2 (judged June): the window
 * April–July has April and May met, so it resolves in May; the release
 * waits for June's judgment and goes with July's invoice — nothing
 * retained.  A pending quarter-to-date month (January) holds nothing. */
static void
test_quarterly_cured (void)
{
  g_autoptr(ThrContract) contract = load_contract (NULL, NULL);
  g_autoptr(ThrLedgerInput) input = make_quarterly_run (contract, 8, THR_STATUS_MISSED, THR_STATUS_MET);
  g_autoptr(ThrLedger) ledger = NULL;
  ThrLedgerFailure *f;

  implement (input, "A.3.c", "2018-03", "2018-04-25");
  ledger = thr_ledger_compute (input);
  assert_invariant (ledger);

  f = failure (ledger, 0);
  g_assert_cmpint (f->outcome, ==, THR_WINDOW_RESOLVED);
  assert_period (&f->resolved_in, "2018-05");
  assert_period (&g_array_index (f->months, ThrWindowMonth, 0).judged_in, "2018-06");
  g_assert_cmpuint (f->retained->len, ==, 0);
  g_assert_nonnull (strstr (f->explanation, "period_status_in_window = covers_months"));
  assert_released (ledger, "2018-01", "central", 1500000, "2018-02");
  for (guint m = 3; m <= 6; m++)
    {
      g_autofree char *label = g_strdup_printf ("2018-%02u", m);
      assert_released (ledger, label, "central", 1500000, "2018-07");
      assert_released (ledger, label, "local_office", 750000, "2018-07");
      assert_released (ledger, label, "training", 300000, "2018-07");
    }
  for (guint i = 0; i < thr_ledger_get_rows (ledger)->len; i++)
    g_assert_cmpint (((ThrLedgerRow *) g_ptr_array_index (thr_ledger_get_rows (ledger), i))->retained, ==, 0);
}

/* Before 2018-Q2 is judged the money waits (held, not retained), and the
 * explanation says for what. */
static void
test_quarterly_awaiting_judgment (void)
{
  g_autoptr(ThrContract) contract = load_contract (NULL, NULL);
  g_autoptr(ThrLedgerInput) input = make_quarterly_run (contract, 5, THR_STATUS_MISSED, THR_STATUS_MET);
  g_autoptr(ThrLedger) ledger = NULL;

  ledger = thr_ledger_compute (input);
  assert_invariant (ledger);
  g_assert_cmpint (failure (ledger, 0)->outcome, ==, THR_WINDOW_OPEN);
  assert_held (ledger, "2018-03", "central", 1500000);
  assert_held (ledger, "2018-05", "training", 300000);
  g_assert_nonnull (strstr (row (ledger, "2018-03", "central")->explanation,
                            "waiting for the judgment of 2018-Q2, due in 2018-06"));
}

/* 2018-Q2 missed too: April, May and June are missed months of the
 * window, so with March they are retained (¶4.iii); July, met through
 * 2018-Q3 (judged September), is released with October's invoice. */
static void
test_quarterly_missed_again (void)
{
  g_autoptr(ThrContract) contract = load_contract (NULL, NULL);
  g_autoptr(ThrLedgerInput) input = make_quarterly_run (contract, 9, THR_STATUS_MISSED, THR_STATUS_MISSED);
  g_autoptr(ThrLedger) ledger = NULL;
  ThrLedgerFailure *f;

  ledger = thr_ledger_compute (input);
  assert_invariant (ledger);
  f = failure (ledger, 0);
  g_assert_cmpint (f->outcome, ==, THR_WINDOW_FAILED);
  assert_labels (f->retained, "2018-03 2018-04 2018-05 2018-06");
  assert_retained (ledger, "2018-04", "central", 1500000);
  assert_retained (ledger, "2018-06", "local_office", 750000);
  assert_released (ledger, "2018-07", "central", 1500000, "2018-10");
}

/* The other reading, period_status_in_window = judged_month_only: only
 * June counts in the window April–July, so it can never hold two met
 * months; the window fails and March is retained. */
static void
test_quarterly_judged_month_only (void)
{
  g_autoptr(ThrContract) contract = load_contract ("period_status_in_window", "judged_month_only");
  g_autoptr(ThrLedgerInput) input = make_quarterly_run (contract, 8, THR_STATUS_MISSED, THR_STATUS_MET);
  g_autoptr(ThrLedger) ledger = NULL;

  implement (input, "A.3.c", "2018-03", "2018-04-25");
  ledger = thr_ledger_compute (input);
  assert_invariant (ledger);
  g_assert_cmpint (failure (ledger, 0)->outcome, ==, THR_WINDOW_FAILED);
  assert_retained (ledger, "2018-03", "central", 1500000);
  g_assert_nonnull (strstr (failure (ledger, 0)->explanation, "judged_month_only"));
  g_assert_nonnull (strstr (row (ledger, "2018-03", "central")->explanation, "¶4.iii"));
}

/* Issue 12 point 2: ¶4.i releases only once "the CAP has been
 * implemented" as well.  A.1.a missed April, met May and June.  With no
 * implemented_on every month from April stays held, "awaiting the CAP's
 * implementation".  Implemented on 2018-08-10: April–July are released
 * with August's invoice (both conditions hold in August); August itself
 * by ¶3 with September's. */
static void
test_awaiting_implementation (void)
{
  g_autoptr(ThrContract) contract = load_contract (NULL, NULL);
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-03", 6);
  g_autoptr(ThrLedger) before = NULL;
  g_autoptr(ThrLedger) after = NULL;

  set (input, "2018-04", "A.1.a", THR_STATUS_MISSED);
  before = thr_ledger_compute (input);
  assert_invariant (before);
  assert_released (before, "2018-03", "central", 1500000, "2018-04");
  for (guint m = 4; m <= 8; m++)
    {
      g_autofree char *label = g_strdup_printf ("2018-%02u", m);
      assert_held (before, label, "central", 1500000);
      assert_held (before, label, "training", 300000);
    }
  g_assert_nonnull (strstr (row (before, "2018-06", "central")->explanation, "awaiting the CAP's implementation"));
  g_assert_true (failure (before, 0)->awaiting_implementation);
  g_assert_cmpint (failure (before, 0)->outcome, ==, THR_WINDOW_RESOLVED);
  /* The window (May–August) has ended with the months met and no
   * implementation: the reading decides, and is named. */
  g_assert_nonnull (strstr (failure (before, 0)->explanation, "unimplemented_cap = stays_held"));
  g_assert_cmpuint (row (before, "2018-05", "central")->readings->len, >, 0);
  g_assert_cmpstr (g_ptr_array_index (row (before, "2018-05", "central")->readings, 0), ==, "unimplemented_cap");

  implement (input, "A.1.a", "2018-04", "2018-08-10");
  after = thr_ledger_compute (input);
  assert_invariant (after);
  for (guint m = 4; m <= 7; m++)
    {
      g_autofree char *label = g_strdup_printf ("2018-%02u", m);
      assert_released (after, label, "central", 1500000, "2018-08");
      assert_released (after, label, "local_office", 750000, "2018-08");
    }
  assert_released (after, "2018-08", "central", 1500000, "2018-09");
  g_assert_nonnull (strstr (row (after, "2018-04", "central")->explanation, "CAP implemented on 2018-08-10"));
  g_assert_false (failure (after, 0)->awaiting_implementation);
}

/* unimplemented_cap = retained: the window May–August ends with the
 * months met but no implementation (or one after August): April's
 * withholding is retained; May–August, not missed, are released once the
 * window is over (every metric met). */
static void
test_unimplemented_retained (void)
{
  const char *dates[] = { NULL, "2018-09-03" };

  for (guint k = 0; k < G_N_ELEMENTS (dates); k++)
    {
      g_autoptr(ThrContract) contract = load_contract ("unimplemented_cap", "retained");
      g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-03", 7);
      g_autoptr(ThrLedger) ledger = NULL;

      set (input, "2018-04", "A.1.a", THR_STATUS_MISSED);
      if (dates[k] != NULL)
        implement (input, "A.1.a", "2018-04", dates[k]);
      ledger = thr_ledger_compute (input);
      assert_invariant (ledger);
      g_assert_cmpint (failure (ledger, 0)->outcome, ==, THR_WINDOW_FAILED);
      assert_retained (ledger, "2018-04", "central", 1500000);
      assert_retained (ledger, "2018-04", "training", 300000);
      assert_released (ledger, "2018-05", "central", 1500000, "2018-09");
      assert_released (ledger, "2018-09", "central", 1500000, "2018-10");
      g_assert_nonnull (strstr (row (ledger, "2018-04", "central")->explanation, "unimplemented_cap = retained"));
    }
}

/* Issue 12 point 3: a month whose own monthly metrics are not yet judged
 * (pending: the month is not over) releases nothing — "awaiting
 * verification" — whatever else is met.  B.1 (annual) pending in the same
 * month is year-to-date and set aside. */
static void
test_awaiting_verification (void)
{
  g_autoptr(ThrContract) contract = load_contract (NULL, NULL);
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-05", 2);
  g_autoptr(ThrLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (thr_ledger_input_set_all (input, "2018-06", THR_STATUS_PENDING, &error));
  set (input, "2018-05", "B.1", THR_STATUS_PENDING);
  ledger = thr_ledger_compute (input);
  assert_invariant (ledger);
  assert_released (ledger, "2018-05", "central", 1500000, "2018-06");
  assert_held (ledger, "2018-06", "central", 1500000);
  assert_held (ledger, "2018-06", "local_office", 750000);
  assert_held (ledger, "2018-06", "training", 300000);
  g_assert_nonnull (strstr (row (ledger, "2018-06", "training")->explanation, "awaiting verification — A.1.a, "));
  /* Quarter- and year-to-date metrics are not listed: their period runs on. */
  g_assert_null (strstr (row (ledger, "2018-06", "training")->explanation, "B.1"));
  g_assert_null (strstr (row (ledger, "2018-06", "training")->explanation, "A.3.c"));
}

/* Issue 12 point 6: the readings applied silently before, now named on
 * the amounts they decide.
 * money_metric_misses = own_consequence: A.1.a, A.1.b and A.3.b missed in
 * June 2018 are three misses, but A.3.b's has its own money line, so July
 * is not escalated and A.3.b opens no CAP; under withholding_too it counts:
 * July's central withholding is 25 % ($25,000.00) and A.3.b has a failure.
 * release_scope = all_metrics: the Section A misses hold the training
 * component, and its explanation says why. */
static void
test_named_readings (void)
{
  const char *values[] = { "own_consequence", "withholding_too" };

  for (guint k = 0; k < G_N_ELEMENTS (values); k++)
    {
      g_autoptr(ThrContract) contract = load_contract ("money_metric_misses", values[k]);
      g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-05", 3);
      g_autoptr(ThrLedger) ledger = NULL;
      const ThrLedgerRow *july, *training;

      set (input, "2018-06", "A.1.a", THR_STATUS_MISSED);
      set (input, "2018-06", "A.1.b", THR_STATUS_MISSED);
      set (input, "2018-06", "A.3.b", THR_STATUS_MISSED);
      set_figure (input, "2018-06", "A.3.b", 100000);
      ledger = thr_ledger_compute (input);
      assert_invariant (ledger);
      july = row (ledger, "2018-07", "central");
      training = row (ledger, "2018-06", "training");
      assert_held (ledger, "2018-06", "training", 300000);
      g_assert_nonnull (strstr (training->explanation, "holds every component (reading release_scope = all_metrics)"));
      g_assert_true (has_reading (training->readings, "release_scope"));
      if (k == 0)
        {
          g_assert_cmpint (july->withheld, ==, 1500000);
          g_assert_false (july->escalated);
          g_assert_cmpuint (thr_ledger_get_failures (ledger)->len, ==, 2);
          g_assert_true (has_reading (july->readings, "money_metric_misses"));
          g_assert_nonnull (strstr (july->explanation, "A.3.b, missed in 2018-06, has a money consequence of its own"));
        }
      else
        {
          g_assert_cmpint (july->withheld, ==, 2500000);
          g_assert_true (july->escalated);
          g_assert_cmpuint (thr_ledger_get_failures (ledger)->len, ==, 3);
          g_assert_false (has_reading (july->readings, "money_metric_misses"));
        }
    }
}

/* After a resolution the next miss is a new failure with a window of its
 * own (and a CAP of its own). */
static void
test_miss_after_resolution (void)
{
  g_autoptr(ThrContract) contract = load_contract (NULL, NULL);
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-04", 5);
  g_autoptr(ThrLedger) ledger = NULL;

  set (input, "2018-04", "A.1.a", THR_STATUS_MISSED);
  set (input, "2018-07", "A.1.a", THR_STATUS_MISSED);
  implement (input, "A.1.a", "2018-04", "2018-05-20");
  ledger = thr_ledger_compute (input);
  assert_invariant (ledger);

  g_assert_cmpuint (thr_ledger_get_failures (ledger)->len, ==, 2);
  g_assert_cmpint (failure (ledger, 0)->outcome, ==, THR_WINDOW_RESOLVED);
  g_assert_cmpstr (failure (ledger, 1)->failure_label, ==, "2018-07");
  assert_period (&failure (ledger, 1)->window_first, "2018-08");
  assert_period (&failure (ledger, 1)->window_last, "2018-11");
  g_assert_cmpint (failure (ledger, 1)->outcome, ==, THR_WINDOW_OPEN);
  assert_released (ledger, "2018-06", "central", 1500000, "2018-07");
  assert_held (ledger, "2018-07", "central", 1500000);
  assert_held (ledger, "2018-08", "central", 1500000);
}

/* The acceptance on the demo data (RFP 16-102, 24 months from
 * January 2018, fewer raw records to keep the test quick): every row
 * reconciles, and somewhere there is each state — released, held,
 * retained — and a month at the escalated 25 %.  The seed's example is
 * in the demo: A.1.a missed April 2018, met only in July. */
/* The ledger table's year subtotals: each is the sum of its January to
 * December, per component too, and the years add up to the whole. */
static void
assert_year_subtotals (ThrLedger *ledger)
{
  static const char * const components[] = { "central", "local_office", "training" };
  g_autoptr(GArray) years = thr_ledger_sum_by_year (ledger, NULL);
  ThrLedgerTotals all, sum = { 0 };

  thr_ledger_sum (ledger, NULL, NULL, NULL, &all);
  g_assert_cmpuint (years->len, >=, 2);
  for (guint i = 0; i < years->len; i++)
    {
      const ThrLedgerYear *year = &g_array_index (years, ThrLedgerYear, i);
      gint64 by_component = 0;
      ThrLedgerTotals expected;
      ThrPeriod january, december;
      g_autofree char *first = g_strdup_printf ("%d-01", year->year);
      g_autofree char *last = g_strdup_printf ("%d-12", year->year);

      if (i > 0)
        g_assert_cmpint (year->year, ==, g_array_index (years, ThrLedgerYear, i - 1).year + 1);
      g_assert_true (thr_period_parse (first, &january, NULL));
      g_assert_true (thr_period_parse (last, &december, NULL));
      thr_ledger_sum (ledger, &january, &december, NULL, &expected);
      g_assert_cmpmem (&year->totals, sizeof year->totals, &expected, sizeof expected);
      g_assert_cmpint (year->totals.withheld, >, 0);
      g_assert_cmpint (year->totals.withheld, ==,
                       year->totals.released + year->totals.held + year->totals.retained);
      for (guint c = 0; c < G_N_ELEMENTS (components); c++)
        {
          g_autoptr(GArray) part = thr_ledger_sum_by_year (ledger, components[c]);

          g_assert_cmpuint (part->len, ==, years->len);
          g_assert_cmpint (g_array_index (part, ThrLedgerYear, i).year, ==, year->year);
          by_component += g_array_index (part, ThrLedgerYear, i).totals.withheld;
        }
      g_assert_cmpint (by_component, ==, year->totals.withheld);
      sum.invoice += year->totals.invoice;
      sum.withheld += year->totals.withheld;
      sum.released += year->totals.released;
      sum.held += year->totals.held;
      sum.retained += year->totals.retained;
    }
  g_assert_cmpmem (&sum, sizeof sum, &all, sizeof all);
}

static void
test_demo_store (void)
{
  static const char * const files[] = { "metric-report.csv", "invoices.csv", "tasks.csv", "calls.csv" };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrContract) contract = load_contract (NULL, NULL);
  g_autofree char *dir = g_dir_make_tmp ("thr-ledger-demo-XXXXXX", &error);
  g_autofree char *db = thr_test_store_address (dir, "demo.db");
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(ThrLedger) ledger = NULL;
  gboolean seen[4] = { FALSE }, escalated = FALSE;
  ThrDemoOptions options;
  GPtrArray *rows;
  gint64 contract_id;

  thr_demo_options_init (&options);
  options.tasks_per_month = 400;
  options.calls_per_month = 1000;
  g_assert_true (thr_demo_write (&options, dir, NULL, &error));
  g_assert_no_error (error);
  store = thr_store_open (db, &error);
  g_assert_no_error (error);
  contract_id = thr_store_add_contract (store, "rfp-16-102", "demo", thr_contract_get_definition (contract), &error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_auto(ThrImportResult) result = { 0 };

      g_assert_true (thr_import_file (store, contract_id, contract, path, THR_IMPORT_KIND_AUTO, FALSE,
                                      NULL, NULL, NULL, &result, &error));
      g_assert_no_error (error);
    }

  ledger = thr_ledger_compute_for_store (store, contract_id, NULL, NULL, thr_day_from_ymd (2020, 1, 20), &error);
  g_assert_no_error (error);
  assert_invariant (ledger);
  assert_year_subtotals (ledger);
  rows = thr_ledger_get_rows (ledger);
  g_assert_cmpuint (rows->len, ==, 24 * 3);
  for (guint i = 0; i < rows->len; i++)
    {
      const ThrLedgerRow *r = g_ptr_array_index (rows, i);
      seen[r->state] = TRUE;
      escalated |= r->escalated && r->rate == 25;
    }
  g_assert_true (seen[THR_LEDGER_STATE_RELEASED]);
  g_assert_true (seen[THR_LEDGER_STATE_HELD]);
  g_assert_true (seen[THR_LEDGER_STATE_RETAINED]);
  g_assert_true (escalated);
  assert_retained (ledger, "2018-04", "central", row (ledger, "2018-04", "central")->withheld);
  assert_retained (ledger, "2018-08", "central", row (ledger, "2018-08", "central")->withheld);
  g_assert_nonnull (strstr (row (ledger, "2018-08", "central")->explanation,
                            "A.1.a missed in 2018-04"));

  /* A range only narrows what is shown: April is still retained because
   * of what happened through August. */
  {
    g_autoptr(ThrLedger) narrow = NULL;
    ThrPeriod from, to;

    thr_period_parse ("2018-04", &from, NULL);
    thr_period_parse ("2018-06", &to, NULL);
    narrow = thr_ledger_compute_for_store (store, contract_id, &from, &to, thr_day_from_ymd (2020, 1, 20), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (thr_ledger_get_rows (narrow)->len, ==, 9);
    g_assert_cmpuint (thr_ledger_get_months (narrow)->len, ==, 3);
    assert_retained (narrow, "2018-04", "central", row (ledger, "2018-04", "central")->withheld);
    /* Judged in June: A.3.b for 2018-Q2 and the true-up of FY2018. */
    g_assert_cmpuint (thr_ledger_get_lines (narrow)->len, ==, 2);
    g_assert_cmpstr (((ThrLedgerLine *) g_ptr_array_index (thr_ledger_get_lines (narrow), 0))->period_label,
                     ==, "2018-Q2");
  }

  g_clear_object (&store);
  thr_test_remove_dir (dir);
}

/* The loader: invoices and a report imported into a store.  Only A.1.a is
 * reported, so every other metric is no-data and every month is held; the
 * miss in April opens a window that is still open. */
static void
test_from_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrContract) contract = load_contract (NULL, NULL);
  g_autofree char *dir = g_dir_make_tmp ("thr-ledger-XXXXXX", &error);
  g_autofree char *db = thr_test_store_address (dir, "test.db");
  g_autofree char *invoices = g_build_filename (dir, "invoices.csv", NULL);
  g_autofree char *report = g_build_filename (dir, "report.csv", NULL);
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(ThrLedger) ledger = NULL;
  ThrPeriod from, to;
  gint64 contract_id;

  g_assert_no_error (error);
  store = thr_store_open (db, &error);
  g_assert_no_error (error);
  contract_id = thr_store_add_contract (store, "rfp-16-102", "test", thr_contract_get_definition (contract), &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (invoices,
                                      "month,component,amount\n"
                                      "2018-04,central,100000.00\n"
                                      "2018-04,local_office,50000.00\n"
                                      "2018-05,central,100000.01\n"
                                      "2018-06,central,90000.00\n", -1, NULL));
  g_assert_true (g_file_set_contents (report,
                                      "metric,period,value\n"
                                      "A.1.a,2018-04,90\n"
                                      "A.1.a,2018-05,99\n", -1, NULL));
  for (guint i = 0; i < 2; i++)
    {
      g_auto(ThrImportResult) result = { 0 };
      g_assert_true (thr_import_file (store, contract_id, contract, i == 0 ? invoices : report,
                                      THR_IMPORT_KIND_AUTO, FALSE, NULL, NULL, NULL, &result, &error));
      g_assert_no_error (error);
    }

  thr_period_parse ("2018-05", &from, NULL);
  thr_period_parse ("2018-06", &to, NULL);
  ledger = thr_ledger_compute_for_store (store, contract_id, &from, &to, thr_day_from_ymd (2018, 7, 20), &error);
  g_assert_no_error (error);
  assert_invariant (ledger);
  g_assert_cmpuint (thr_ledger_get_rows (ledger)->len, ==, 6);   /* April is left out … */
  g_assert_null (thr_ledger_find_row (ledger, "2018-04", "central"));
  g_assert_cmpint (row (ledger, "2018-05", "central")->invoice, ==, 10000001);
  g_assert_cmpint (row (ledger, "2018-05", "central")->withheld, ==, 1500000);  /* 1500000.15 */
  assert_held (ledger, "2018-06", "central", 1350000);
  g_assert_cmpint (row (ledger, "2018-06", "training")->state, ==, THR_LEDGER_STATE_NONE);
  /* … but its failure still holds May and June. */
  g_assert_cmpuint (thr_ledger_get_failures (ledger)->len, ==, 1);
  g_assert_cmpstr (failure (ledger, 0)->failure_label, ==, "2018-04");
  g_assert_cmpint (failure (ledger, 0)->outcome, ==, THR_WINDOW_OPEN);
  g_assert_nonnull (strstr (row (ledger, "2018-05", "central")->explanation, "A.1.a (missed in 2018-04"));

  g_clear_object (&store);
  thr_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  thr_core_init ();

  g_test_add_func ("/ledger/percent-rounding", test_percent_rounding);
  g_test_add_func ("/ledger/seed-example", test_seed_example);
  g_test_add_func ("/ledger/resolution", test_resolution);
  g_test_add_func ("/ledger/open-window", test_open_window);
  g_test_add_func ("/ledger/escalation", test_escalation);
  g_test_add_func ("/ledger/overlapping-windows", test_overlapping_windows);
  g_test_add_func ("/ledger/failed-and-resolved-overlap", test_failed_and_resolved_overlap);
  g_test_add_func ("/ledger/repeat-miss", test_repeat_miss);
  g_test_add_func ("/ledger/no-data", test_no_data);
  g_test_add_func ("/ledger/release-scope-component", test_release_scope_component);
  g_test_add_func ("/ledger/year-end", test_year_end);
  g_test_add_func ("/ledger/miss-after-resolution", test_miss_after_resolution);
  g_test_add_func ("/ledger/no-invoice", test_no_invoice);
  g_test_add_func ("/ledger/snap-bonus-damages", test_snap_bonus_damages);
  g_test_add_func ("/ledger/snap-cap-consistent", test_snap_cap_consistent);
  g_test_add_func ("/ledger/training-bonus", test_training_bonus);
  g_test_add_func ("/ledger/first-period", test_first_period);
  g_test_add_func ("/ledger/training-bonus-paid", test_training_bonus_paid);
  g_test_add_func ("/ledger/quarterly-cured", test_quarterly_cured);
  g_test_add_func ("/ledger/quarterly-awaiting-judgment", test_quarterly_awaiting_judgment);
  g_test_add_func ("/ledger/quarterly-missed-again", test_quarterly_missed_again);
  g_test_add_func ("/ledger/quarterly-judged-month-only", test_quarterly_judged_month_only);
  g_test_add_func ("/ledger/awaiting-implementation", test_awaiting_implementation);
  g_test_add_func ("/ledger/unimplemented-retained", test_unimplemented_retained);
  g_test_add_func ("/ledger/awaiting-verification", test_awaiting_verification);
  g_test_add_func ("/ledger/named-readings", test_named_readings);
  g_test_add_func ("/ledger/from-store", test_from_store);
  g_test_add_func ("/ledger/demo-store", test_demo_store);

  status = g_test_run ();
  thr_test_store_cleanup ();
  return status;
}
