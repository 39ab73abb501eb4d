/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ledger-stakes.c — what a month's failing metrics put at stake, and why money is held
 *
 * Hand-made runs of the RFP 16-102 contract with invoices of $100,000.00
 * (central), $50,000.00 (local office) and $20,000.00 (training), so a
 * month withholds $15,000.00 + $7,500.00 + $3,000.00 = $25,500.00 at
 * 15 %.  Every metric is met unless a test says otherwise; under the
 * reading release_scope = all_metrics a miss holds all three components.
 * The overview's "This week" list (thr_deadlines_due_within) is here too.
 */
#include "thr-core.h"

#define CENTRAL   G_GINT64_CONSTANT (10000000)
#define LOCAL     G_GINT64_CONSTANT (5000000)
#define TRAINING  G_GINT64_CONSTANT (2000000)
#define MONTH_HELD G_GINT64_CONSTANT (2550000)   /* 15 % of the three invoices */

static ThrContract *
load_contract (void)
{
  g_autoptr(GError) error = NULL;
  ThrContract *contract = thr_contract_load_template ("rfp-16-102", &error);

  g_assert_no_error (error);
  return contract;
}

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

static ThrPeriod
month_of (const char *label)
{
  ThrPeriod month;

  g_assert_true (thr_period_parse_kind (label, THR_PERIOD_MONTH, &month, NULL));
  return month;
}

static const ThrLedgerStake *
find_stake (GPtrArray  *stakes,
            const char *metric)
{
  for (guint i = 0; i < stakes->len; i++)
    {
      const ThrLedgerStake *stake = g_ptr_array_index (stakes, i);

      if (g_str_equal (stake->metric, metric))
        return stake;
    }
  g_error ("no stake for %s", metric);
}

/* The reasons add up to the held money the ledger's one sum gives. */
static void
assert_reasons_add_up (ThrLedger  *ledger,
                       GPtrArray  *reasons,
                       const char *to)
{
  ThrPeriod last = month_of (to);
  ThrLedgerTotals totals;
  gint64 sum = 0;

  for (guint i = 0; i < reasons->len; i++)
    sum += ((const ThrLedgerHeldReason *) g_ptr_array_index (reasons, i))->held;
  thr_ledger_sum (ledger, NULL, &last, NULL, &totals);
  g_assert_cmpint (totals.held, >, 0);
  g_assert_cmpint (sum, ==, totals.held);
}

/* ¶4: A.1.a missed in April, met in May, missed in June: its corrective
 * window (May–August) is open at the end of the run.  By June it holds
 * April, May and June; ¶4.iii would retain April and June. */
static void
test_open_window (void)
{
  g_autoptr(ThrContract) contract = load_contract ();
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-03", 4);
  g_autoptr(ThrLedger) ledger = NULL;
  g_autoptr(GPtrArray) stakes = NULL;
  g_autoptr(GPtrArray) may = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  ThrPeriod june = month_of ("2018-06");
  ThrPeriod april = month_of ("2018-04");
  ThrPeriod august = month_of ("2018-08");
  const ThrLedgerStake *stake;

  set (input, "2018-04", "A.1.a", THR_STATUS_MISSED);
  set (input, "2018-06", "A.1.a", THR_STATUS_MISSED);
  set (input, "2018-06", "A.2.a", THR_STATUS_MISSED);
  set (input, "2018-05", "A.2.a", THR_STATUS_MISSED);
  ledger = thr_ledger_compute (input);

  stakes = thr_ledger_stakes_for_month (ledger, &june);
  g_assert_cmpuint (stakes->len, ==, 2);
  stake = g_ptr_array_index (stakes, 0);
  /* A.1.a puts more at stake than A.2.a, so it comes first. */
  g_assert_cmpstr (stake->metric, ==, "A.1.a");
  g_assert_cmpint (stake->status, ==, THR_STATUS_MISSED);
  g_assert_cmpuint (stake->months_in_a_row, ==, 1);
  g_assert_false (stake->own_consequence);
  g_assert_cmpint (stake->held, ==, 3 * MONTH_HELD);
  g_assert_cmpint (stake->at_risk, ==, 2 * MONTH_HELD);
  g_assert_true (stake->has_window);
  g_assert_cmpuint (stake->failure.first, ==, april.first);
  g_assert_cmpuint (stake->window_last.first, ==, august.first);

  /* A.2.a: missed May and June, two months in a row; it holds both. */
  stake = find_stake (stakes, "A.2.a");
  g_assert_cmpuint (stake->months_in_a_row, ==, 2);
  g_assert_cmpint (stake->held, ==, 2 * MONTH_HELD);
  g_assert_cmpint (stake->at_risk, ==, 2 * MONTH_HELD);

  /* In May, A.1.a was met: only A.2.a is failing. */
  may = thr_ledger_stakes_for_month (ledger, &((ThrPeriod) { THR_PERIOD_MONTH, 0, 0 }));
  g_assert_cmpuint (may->len, ==, 0);
  g_clear_pointer (&may, g_ptr_array_unref);
  {
    ThrPeriod m = month_of ("2018-05");
    may = thr_ledger_stakes_for_month (ledger, &m);
  }
  g_assert_cmpuint (may->len, ==, 1);
  stake = g_ptr_array_index (may, 0);
  g_assert_cmpstr (stake->metric, ==, "A.2.a");
  g_assert_cmpuint (stake->months_in_a_row, ==, 1);

  reasons = thr_ledger_held_reasons (ledger, NULL, &june);
  assert_reasons_add_up (ledger, reasons, "2018-06");
  /* Newest first; June is held by both windows. */
  {
    const ThrLedgerHeldReason *first = g_ptr_array_index (reasons, 0);
    g_autofree char *text = thr_ledger_held_reason_describe (first);

    g_assert_cmpuint (first->month.first, ==, june.first);
    g_assert_cmpint (first->hold, ==, THR_LEDGER_HOLD_CORRECTIVE_WINDOW);
    g_assert_cmpint (first->held, ==, MONTH_HELD);
    g_assert_cmpstr (text, ==, "The corrective periods of A.1.a, A.2.a are still open for June 2018");
  }
}

static const ThrLedgerFailure *
find_failure (ThrLedger  *ledger,
              const char *metric)
{
  GPtrArray *failures = thr_ledger_get_failures (ledger);

  for (guint i = 0; i < failures->len; i++)
    {
      const ThrLedgerFailure *f = g_ptr_array_index (failures, i);

      if (g_str_equal (f->metric, metric))
        return f;
    }
  g_error ("no failure of %s", metric);
}

/* Two central metrics failing side by side: each CAP's money is only what
 * its own window decides.  A.1.a is missed in April, May, June and
 * August, met in July: its window (May–August) fails and ¶4.iii retains
 * April, May, June and August, 4 × $25,500.00 = $102,000.00, out of the
 * five months it held, 5 × $25,500.00 = $127,500.00.  July is held by
 * A.2.a, missed in July and September (met in August): its window
 * (August–November) is open, so July and September, 2 × $25,500.00 =
 * $51,000.00, are at risk; August, retained for A.1.a already, is not.
 * Summing the central component's held money over each failure's months,
 * as the CAP once did, gave A.1.a $15,000.00 at risk (July, A.2.a's) and
 * A.2.a $30,000.00 (the central part only). */
static void
test_failure_money (void)
{
  g_autoptr(ThrContract) contract = load_contract ();
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-03", 7);
  g_autoptr(ThrLedger) ledger = NULL;
  const ThrLedgerFailure *a1a, *a2a;
  ThrLedgerFailureMoney money;

  set (input, "2018-04", "A.1.a", THR_STATUS_MISSED);
  set (input, "2018-05", "A.1.a", THR_STATUS_MISSED);
  set (input, "2018-06", "A.1.a", THR_STATUS_MISSED);
  set (input, "2018-08", "A.1.a", THR_STATUS_MISSED);
  set (input, "2018-07", "A.2.a", THR_STATUS_MISSED);
  set (input, "2018-09", "A.2.a", THR_STATUS_MISSED);
  ledger = thr_ledger_compute (input);

  a1a = find_failure (ledger, "A.1.a");
  g_assert_cmpint (a1a->outcome, ==, THR_WINDOW_FAILED);
  thr_ledger_failure_money (ledger, a1a, &money);
  g_assert_cmpint (money.withheld, ==, G_GINT64_CONSTANT (12750000));
  g_assert_cmpint (money.released, ==, 0);
  g_assert_cmpint (money.at_risk, ==, 0);
  g_assert_cmpint (money.retained, ==, G_GINT64_CONSTANT (10200000));

  a2a = find_failure (ledger, "A.2.a");
  g_assert_cmpint (a2a->outcome, ==, THR_WINDOW_OPEN);
  thr_ledger_failure_money (ledger, a2a, &money);
  g_assert_cmpint (money.withheld, ==, G_GINT64_CONSTANT (7650000));
  g_assert_cmpint (money.released, ==, 0);
  g_assert_cmpint (money.at_risk, ==, G_GINT64_CONSTANT (5100000));
  g_assert_cmpint (money.retained, ==, 0);

  /* Under release_scope = all_metrics a central metric holds all three. */
  g_assert_true (thr_ledger_failure_holds_component (ledger, a2a, "training"));
}

static void
implement (ThrLedgerInput *input,
           const char     *metric,
           const char     *failure_month,
           guint32         day)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (thr_ledger_input_set_implemented (input, metric, failure_month, day, &error));
  g_assert_no_error (error);
}

static void
assert_state (ThrLedgerInput        *input,
              ThrLedgerFailureState  expected,
              const char            *label)
{
  g_autoptr(ThrLedger) ledger = thr_ledger_compute (input);
  ThrLedgerFailureState state = thr_ledger_failure_get_state (ledger, find_failure (ledger, "A.1.a"));

  g_assert_cmpint (state, ==, expected);
  g_assert_cmpstr (thr_ledger_failure_state_get_label (state), ==, label);
}

/* What the Ledger page says of a corrective window comes from its
 * months' rows.  A.1.a is missed in April and met from May (its window
 * May–August resolved in June).  Its CAP not implemented: "Met — held
 * until the CAP is implemented" (¶4.i).  Implemented on 20 May 2018, but
 * A.2.a has no data for May: ¶3 releases May's $25,500.00 only
 * "following verification that Contractor successfully met the
 * requirements for all Performance Metrics", so May is held while April
 * and June go with July's invoice — not "released" but "held until its
 * months are verified".  With A.2.a's May met, every month is released.
 * With A.2.a missed April, May, June and August instead, its own failed
 * window retains April, May and June (¶4.iii): held or retained for
 * another CAP.  A.1.a missed in June and August as well never meets two
 * consecutive months: failed, retained. */
static void
test_failure_state (void)
{
  g_autoptr(ThrContract) contract = load_contract ();
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-03", 6);
  g_autoptr(ThrLedger) ledger = NULL;

  set (input, "2018-04", "A.1.a", THR_STATUS_MISSED);
  assert_state (input, THR_LEDGER_FAILURE_STATE_AWAITING_IMPLEMENTATION, "Met — held until the CAP is implemented");

  implement (input, "A.1.a", "2018-04", thr_day_from_ymd (2018, 5, 20));
  set (input, "2018-05", "A.2.a", THR_STATUS_NO_DATA);
  ledger = thr_ledger_compute (input);
  g_assert_cmpint (thr_ledger_find_row (ledger, "2018-04", "central")->released, ==, CENTRAL * 15 / 100);
  g_assert_cmpstr (thr_ledger_find_row (ledger, "2018-04", "central")->released_with, ==, "2018-07");
  g_assert_cmpint (thr_ledger_find_row (ledger, "2018-05", "central")->held, ==, CENTRAL * 15 / 100);
  g_assert_cmpint (thr_ledger_find_row (ledger, "2018-05", "central")->hold, ==, THR_LEDGER_HOLD_VERIFICATION);
  g_assert_cmpint (thr_ledger_find_row (ledger, "2018-06", "central")->released, ==, CENTRAL * 15 / 100);
  g_assert_true (thr_ledger_failure_is_released (find_failure (ledger, "A.1.a")));
  assert_state (input, THR_LEDGER_FAILURE_STATE_AWAITING_VERIFICATION, "Met — held until its months are verified");

  set (input, "2018-05", "A.2.a", THR_STATUS_MET);
  assert_state (input, THR_LEDGER_FAILURE_STATE_RELEASED, "Resolved — released");

  set (input, "2018-04", "A.2.a", THR_STATUS_MISSED);
  set (input, "2018-05", "A.2.a", THR_STATUS_MISSED);
  set (input, "2018-06", "A.2.a", THR_STATUS_MISSED);
  set (input, "2018-08", "A.2.a", THR_STATUS_MISSED);
  assert_state (input, THR_LEDGER_FAILURE_STATE_HELD_FOR_OTHERS, "Met — held or retained for other CAPs");

  set (input, "2018-08", "A.1.a", THR_STATUS_MISSED);
  set (input, "2018-06", "A.1.a", THR_STATUS_MISSED);
  assert_state (input, THR_LEDGER_FAILURE_STATE_RETAINED, "Failed — retained");
}

/* ¶3: a metric with no data holds its month ("a metric with no data is
 * never met"); the reason names it. */
static void
test_no_data (void)
{
  g_autoptr(ThrContract) contract = load_contract ();
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2019-01", 3);
  g_autoptr(ThrLedger) ledger = NULL;
  g_autoptr(GPtrArray) stakes = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autofree char *text = NULL;
  ThrPeriod march = month_of ("2019-03");
  const ThrLedgerStake *stake;
  const ThrLedgerHeldReason *reason;

  set (input, "2019-02", "B.3", THR_STATUS_NO_DATA);
  set (input, "2019-03", "B.3", THR_STATUS_NO_DATA);
  ledger = thr_ledger_compute (input);

  stakes = thr_ledger_stakes_for_month (ledger, &march);
  g_assert_cmpuint (stakes->len, ==, 1);
  stake = g_ptr_array_index (stakes, 0);
  g_assert_cmpstr (stake->metric, ==, "B.3");
  g_assert_cmpint (stake->status, ==, THR_STATUS_NO_DATA);
  g_assert_cmpuint (stake->months_in_a_row, ==, 2);
  /* It holds February's and March's withholding, and risks no retention. */
  g_assert_cmpint (stake->held, ==, 2 * MONTH_HELD);
  g_assert_cmpint (stake->at_risk, ==, 0);
  g_assert_false (stake->has_window);

  reasons = thr_ledger_held_reasons (ledger, &march, &march);
  g_assert_cmpuint (reasons->len, ==, 1);
  reason = g_ptr_array_index (reasons, 0);
  g_assert_cmpint (reason->hold, ==, THR_LEDGER_HOLD_VERIFICATION);
  g_assert_true (reason->no_data);
  g_assert_cmpint (reason->held, ==, MONTH_HELD);
  text = thr_ledger_held_reason_describe (reason);
  g_assert_cmpstr (text, ==, "B.3 has no data for March 2019");

  g_clear_pointer (&reasons, g_ptr_array_unref);
  reasons = thr_ledger_held_reasons (ledger, NULL, &march);
  g_assert_cmpuint (reasons->len, ==, 2);
  assert_reasons_add_up (ledger, reasons, "2019-03");
}

/* C.6 has a bonus of its own (reading money_metric_misses =
 * own_consequence): its miss is listed after the withholding misses and
 * puts no withholding at stake. */
static void
test_bonus_apart (void)
{
  g_autoptr(ThrContract) contract = load_contract ();
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-10", 3);
  g_autoptr(ThrLedger) ledger = NULL;
  g_autoptr(GPtrArray) stakes = NULL;
  ThrPeriod december = month_of ("2018-12");
  const ThrLedgerStake *stake;

  set (input, "2018-12", "C.6", THR_STATUS_MISSED);
  set (input, "2018-12", "C.1", THR_STATUS_MISSED);
  ledger = thr_ledger_compute (input);

  stakes = thr_ledger_stakes_for_month (ledger, &december);
  g_assert_cmpuint (stakes->len, ==, 2);
  stake = g_ptr_array_index (stakes, 0);
  g_assert_cmpstr (stake->metric, ==, "C.1");
  g_assert_false (stake->own_consequence);
  g_assert_cmpint (stake->held, ==, MONTH_HELD);
  stake = g_ptr_array_index (stakes, 1);
  g_assert_cmpstr (stake->metric, ==, "C.6");
  g_assert_true (stake->own_consequence);
  g_assert_cmpint (stake->held, ==, 0);
  g_assert_cmpint (stake->at_risk, ==, 0);
}

/* "This week": the State's own dates as much as the contractor's, and
 * what is overdue however old; nothing done, nothing later. */
static void
test_due_within (void)
{
  g_autoptr(ThrContract) contract = load_contract ();
  g_autoptr(ThrLedgerInput) input = make_run (contract, "2018-03", 4);
  g_autoptr(ThrLedger) ledger = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) due = NULL;
  guint32 today = thr_day_from_ymd (2018, 8, 10);
  const ThrDeadlineItem *item;

  set (input, "2018-04", "A.1.a", THR_STATUS_MISSED);
  set (input, "2018-06", "A.1.a", THR_STATUS_MISSED);
  set (input, "2018-05", "B.3", THR_STATUS_NO_DATA);
  ledger = thr_ledger_compute (input);
  items = thr_deadlines_collect (ledger, NULL, today);

  due = thr_deadlines_due_within (items, today, 7);
  g_assert_cmpuint (due->len, ==, 2);
  /* The State's verification of May waits while B.3 has no data:
   * overdue since 30 June, however long ago. */
  item = g_ptr_array_index (due, 0);
  g_assert_cmpstr (item->key, ==, "verification/2018-05");
  g_assert_cmpint (item->kind, ==, THR_DEADLINE_VERIFICATION);
  g_assert_cmpint (item->state, ==, THR_DEADLINE_OVERDUE);
  /* A.1.a, missed in April and again in June, has its window open: July's
   * result is due on 15 August, five days ahead. */
  item = g_ptr_array_index (due, 1);
  g_assert_cmpstr (item->key, ==, "window/A.1.a/2018-04/2018-07");
  g_assert_cmpuint (item->day, ==, thr_day_from_ymd (2018, 8, 15));

  /* The window says them in words; the CLI keeps its titles. */
  {
    g_autofree char *verification = thr_deadline_item_describe (g_ptr_array_index (due, 0), NULL);
    g_autofree char *checkpoint = thr_deadline_item_describe (item, NULL);

    g_assert_cmpstr (verification, ==, "The State's verification of May 2018");
    g_assert_cmpstr (checkpoint, ==, "A.1.a's result for July 2018, in its corrective period (missed in April 2018)");
  }
  for (guint i = 0; i < items->len; i++)
    {
      const ThrDeadlineItem *other = g_ptr_array_index (items, i);
      g_autofree char *words = thr_deadline_item_describe (other, NULL);

      if (other->kind == THR_DEADLINE_WINDOW_CLOSES)
        g_assert_cmpstr (words, ==, "A.1.a's corrective period (missed in April 2018) closes at the end of August 2018");
      if (other->kind == THR_DEADLINE_REPORT && g_str_equal (other->key, "report/2018-06"))
        g_assert_cmpstr (words, ==, "The contractor's report for June 2018");
    }

  /* Four days ahead is too short for 15 August; June's verification and
   * report, done, are never listed. */
  g_clear_pointer (&due, g_ptr_array_unref);
  due = thr_deadlines_due_within (items, today, 4);
  g_assert_cmpuint (due->len, ==, 1);
  for (guint i = 0; i < items->len; i++)
    {
      const ThrDeadlineItem *other = g_ptr_array_index (items, i);

      if (g_str_equal (other->key, "verification/2018-06"))
        g_assert_cmpint (other->state, ==, THR_DEADLINE_DONE);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  thr_core_init ();

  g_test_add_func ("/ledger-stakes/open-window", test_open_window);
  g_test_add_func ("/ledger-stakes/failure-money", test_failure_money);
  g_test_add_func ("/ledger-stakes/failure-state", test_failure_state);
  g_test_add_func ("/ledger-stakes/no-data", test_no_data);
  g_test_add_func ("/ledger-stakes/bonus-apart", test_bonus_apart);
  g_test_add_func ("/ledger-stakes/due-within", test_due_within);
  return g_test_run ();
}
