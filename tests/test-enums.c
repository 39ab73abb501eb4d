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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/enums/words", test_enums_words);
  g_test_add_func ("/enums/parse", test_enums_parse);
  g_test_add_func ("/enums/labels", test_enums_labels);
  return g_test_run ();
}
