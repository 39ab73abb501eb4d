/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-enums.c — the registered enums keep the words JSON, CSV and stores carry */
#include "thr-core.h"

typedef const char *(*ToString) (int value);

/* Every value of @type has the nick its _to_string() gives, and the words
 * the command line has always printed stay as they were. */
static void
check_words (GType        type,
             ToString     to_string,
             const char **expected)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  g_assert_cmpuint (klass->n_values, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < klass->n_values; i++)
    {
      int value;

      g_assert_cmpstr (to_string (klass->values[i].value), ==, expected[i]);
      g_assert_cmpstr (klass->values[i].value_nick, ==, expected[i]);
      g_assert_true (thr_enum_from_nick (type, expected[i], &value));
      g_assert_cmpint (value, ==, klass->values[i].value);
    }
}

static void
test_enums_words (void)
{
  check_words (THR_TYPE_STATUS, (ToString) thr_status_to_string,
               (const char *[]) { "met", "missed", "pending", "no-data", NULL });
  check_words (THR_TYPE_PERIOD_KIND, (ToString) thr_period_kind_to_string,
               (const char *[]) { "week", "month", "quarter", "year", NULL });
  check_words (THR_TYPE_RECORD_KIND, (ToString) thr_record_kind_to_string,
               (const char *[]) { "none", "tasks", "calls", NULL });
  check_words (THR_TYPE_CALL_OUTCOME, (ToString) thr_call_outcome_to_string,
               (const char *[]) { "answered", "abandoned", "flowout", NULL });
  check_words (THR_TYPE_LEDGER_STATE, (ToString) thr_ledger_state_to_string,
               (const char *[]) { "none", "released", "held", "retained", NULL });
  check_words (THR_TYPE_WINDOW_OUTCOME, (ToString) thr_window_outcome_to_string,
               (const char *[]) { "open", "resolved", "failed", NULL });
  check_words (THR_TYPE_LEDGER_LINE_KIND, (ToString) thr_ledger_line_kind_to_string,
               (const char *[]) { "bonus", "damages", "true_up", NULL });
  check_words (THR_TYPE_DEADLINE_KIND, (ToString) thr_deadline_kind_to_string,
               (const char *[]) { "report", "verification", "cap_due", "review_due", "action",
                                  "window_checkpoint", "window_closes", "implementation", NULL });
  check_words (THR_TYPE_DEADLINE_STATE, (ToString) thr_deadline_state_to_string,
               (const char *[]) { "upcoming", "due", "overdue", "done", NULL });
  check_words (THR_TYPE_CAP_OUTCOME, (ToString) thr_cap_outcome_to_string,
               (const char *[]) { "open", "resolved", "failed", "undone", "unknown", NULL });
}

/* Call files write outcomes in any case; periods and record kinds are
 * exact words of the contract and the store. */
static void
test_enums_parse (void)
{
  ThrCallOutcome outcome;
  ThrPeriodKind kind;

  g_assert_true (thr_call_outcome_from_string ("ABANDONED", &outcome));
  g_assert_cmpint (outcome, ==, THR_OUTCOME_ABANDONED);
  g_assert_false (thr_call_outcome_from_string ("dropped", &outcome));
  g_assert_false (thr_call_outcome_from_string (NULL, &outcome));
  g_assert_true (thr_period_kind_from_string ("quarter", &kind));
  g_assert_cmpint (kind, ==, THR_PERIOD_QUARTER);
  g_assert_false (thr_period_kind_from_string ("Quarter", &kind));
  g_assert_cmpint (thr_record_kind_from_string ("calls"), ==, THR_RECORDS_CALLS);
  g_assert_cmpint (thr_record_kind_from_string ("emails"), ==, THR_RECORDS_NONE);
}

/* What a person reads is a translated label, never the nick. */
static void
test_enums_labels (void)
{
  g_assert_cmpstr (thr_cap_outcome_get_label (THR_CAP_OUTCOME_RESOLVED), ==, "Resolved");
  g_assert_cmpstr (thr_status_get_label (THR_STATUS_NO_DATA), ==, "no data");
}

/* The value types that travel in properties, signals and list models are
 * boxed types whose copies own their strings. */
static void
test_boxed_types (void)
{
  ThrPeriod period;
  ThrLedgerTotals totals = { 100, 15, 5, 7, 3 };
  ThrLedgerStake stake = { .metric = (char *) "A.1.a", .status = THR_STATUS_MISSED, .held = 12 };
  const char *metrics[] = { "B.3", "C.1", NULL };
  ThrLedgerHeldReason reason = { .metrics = (GStrv) metrics, .held = 38758970 };
  ThrDeadlineItem item = { .day = 17000, .key = (char *) "cap/3/due", .title = (char *) "CAP due",
                           .description = (char *) "¶4", .cap_id = 3 };
  const GType types[] = { THR_TYPE_PERIOD, THR_TYPE_LEDGER_TOTALS, THR_TYPE_LEDGER_STAKE,
                          THR_TYPE_LEDGER_HELD_REASON, THR_TYPE_DEADLINE_ITEM };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_assert_true (G_TYPE_IS_BOXED (types[i]));
  g_assert_true (thr_period_parse ("2018-Q2", &period, NULL));
  {
    g_autoptr(ThrPeriod) copy = g_boxed_copy (THR_TYPE_PERIOD, &period);

    g_assert_cmpmem (copy, sizeof *copy, &period, sizeof period);
  }
  {
    g_autoptr(ThrLedgerTotals) copy = g_boxed_copy (THR_TYPE_LEDGER_TOTALS, &totals);

    g_assert_cmpmem (copy, sizeof *copy, &totals, sizeof totals);
  }
  {
    g_autoptr(ThrLedgerStake) copy = g_boxed_copy (THR_TYPE_LEDGER_STAKE, &stake);

    g_assert_cmpstr (copy->metric, ==, "A.1.a");
    g_assert_true (copy->metric != stake.metric);
    g_assert_cmpint (copy->held, ==, 12);
  }
  {
    g_autoptr(ThrLedgerHeldReason) copy = g_boxed_copy (THR_TYPE_LEDGER_HELD_REASON, &reason);

    g_assert_cmpstrv (copy->metrics, metrics);
    g_assert_true (copy->metrics != reason.metrics);
    g_assert_cmpint (copy->held, ==, reason.held);
  }
  {
    g_autoptr(ThrDeadlineItem) copy = g_boxed_copy (THR_TYPE_DEADLINE_ITEM, &item);

    g_assert_cmpstr (copy->key, ==, item.key);
    g_assert_true (copy->title != item.title);
    g_assert_cmpstr (copy->description, ==, "¶4");
    g_assert_cmpint (copy->cap_id, ==, 3);
  }
  /* In a GValue, as a property holds one. */
  {
    g_auto(GValue) value = G_VALUE_INIT;

    g_value_init (&value, THR_TYPE_LEDGER_TOTALS);
    g_value_set_boxed (&value, &totals);
    g_assert_cmpint (((const ThrLedgerTotals *) g_value_get_boxed (&value))->held, ==, 7);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/enums/words", test_enums_words);
  g_test_add_func ("/enums/parse", test_enums_parse);
  g_test_add_func ("/enums/labels", test_enums_labels);
  g_test_add_func ("/types/boxed", test_boxed_types);
  return g_test_run ();
}
