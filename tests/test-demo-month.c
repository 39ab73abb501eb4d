/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-demo-month.c — whole demo months evaluated against the scenario
 *
 * The demo generator plans its misses (src/core/demo/thr-demo.c, the scenario
 * table); these expectations restate that plan month by month, so a change
 * to either the generator or the evaluation that breaks their agreement
 * fails here.  Everything not listed is met, except quarterly and annual
 * metrics outside their last month, which are pending.
 */
#include <glib/gstdio.h>

#include "thr-core.h"
#include "thr-test-demo.h"
#include "thr-test-util.h"

typedef struct {
  const char *month;
  const char *missed;    /* space separated */
  const char *no_data;
} Expectation;

static const Expectation expectations[] = {
  { "2018-02", "A.4.a", "" },                              /* missed once, then met twice: released */
  { "2018-04", "A.1.a A.5.a A.5.b A.5.c A.5.d", "" },      /* the D2 ¶4.iii example; ≥ 3 misses: escalation */
  { "2018-05", "A.1.a", "" },
  { "2018-06", "A.1.a A.1.f A.3.b", "" },                  /* overlapping windows; Q2 retention under baseline */
  { "2018-07", "", "" },                                   /* A.1.a met only in July */
  { "2018-08", "A.1.a", "" },
  { "2018-09", "", "" },                                   /* every metric met: escalation ends */
  { "2018-11", "A.2.c", "" },                              /* window across the year end */
  { "2018-12", "A.2.c A.3.b", "" },                        /* 95.00 is not "exceed 95 %" */
  { "2019-03", "", "B.3" },                                /* a report row left out */
  { "2019-05", "A.5.d", "" },                              /* a bad week inside a good month */
  { "2019-06", "", "" },                                   /* reported 98.9 governs over records' 93.1 */
};

static gboolean
listed (const char *list,
        const char *id)
{
  g_auto(GStrv) ids = g_strsplit (list, " ", -1);
  return g_strv_contains ((const char * const *) ids, id);
}

/* A demo of n_months with few records, in a new store in dir. */
static gint64
import_demo (const char  *dir,
             int          n_months,
             ThrStore   **out_store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  ThrDemoOptions options;
  gint64 id;

  thr_demo_options_init (&options);
  options.n_months = n_months;
  options.tasks_per_month = 1000;
  options.calls_per_month = 4000;
  db = thr_test_make_demo_store (dir, &options, &id);
  *out_store = thr_store_open (db, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_scenario (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thr-demo-month-XXXXXX", &error);
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(ThrEvaluator) evaluator = NULL;
  gint64 id = import_demo (dir, 24, &store);

  evaluator = thr_evaluator_new_for_store (store, id, &error);
  g_assert_no_error (error);
  thr_evaluator_set_today (evaluator, thr_day_from_ymd (2020, 6, 1));

  for (guint e = 0; e < G_N_ELEMENTS (expectations); e++)
    {
      const Expectation *x = &expectations[e];
      g_autoptr(GPtrArray) results = NULL;
      ThrPeriod month;

      g_assert_true (thr_period_parse (x->month, &month, NULL));
      results = thr_evaluator_evaluate_month (evaluator, &month, NULL, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < results->len; i++)
        {
          const ThrResult *r = g_ptr_array_index (results, i);
          ThrStatus expected = listed (x->missed, r->metric->id) ? THR_STATUS_MISSED
                               : listed (x->no_data, r->metric->id) ? THR_STATUS_NO_DATA
                               : r->to_date ? THR_STATUS_PENDING : THR_STATUS_MET;

          if (r->status != expected)
            g_error ("%s %s: expected %s, got %s — %s", x->month, r->metric->id,
                     thr_status_to_string (expected), thr_status_to_string (r->status), r->explanation);
        }
    }

  g_clear_object (&evaluator);
  g_clear_object (&store);
  thr_test_remove_dir (dir);
}

static const ThrCap *
find_cap (GPtrArray  *caps,
          const char *metric,
          const char *month)
{
  for (guint i = 0; i < caps->len; i++)
    {
      const ThrCap *cap = g_ptr_array_index (caps, i);

      if (g_str_equal (cap->metric, metric) && g_str_equal (cap->failure_month, month))
        return cap;
    }
  g_error ("no CAP for %s missed in %s", metric, month);
}

static void
assert_day (guint32     day,
            const char *expected)
{
  g_autofree char *text = thr_day_format (day);

  g_assert_cmpstr (text, ==, expected);
}

/* Twelve months: the CAPs of 2018-11 and 2018-12 stay open, older ones
 * were documented at their month's verification, submitted and approved
 * inside ¶4's 15 and 10 days, with a done action. */
static void
test_settled_caps (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thr-demo-caps-XXXXXX", &error);
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GPtrArray) caps = NULL;
  gint64 id = import_demo (dir, 12, &store);
  const ThrCap *old, *recent;

  g_assert_true (thr_demo_settle_caps (store, id, &error));
  g_assert_no_error (error);
  caps = thr_cap_list (store, id, NULL, &error);
  g_assert_no_error (error);

  old = find_cap (caps, "A.4.a", "2018-02");
  assert_day (old->documented_on, "2018-03-31");
  assert_day (old->submitted_on, "2018-04-11");
  assert_day (old->approved_on, "2018-04-17");
  g_assert_cmpuint (old->submitted_on, <=, old->cap_due);
  g_assert_cmpuint (old->approved_on, <=, old->review_due);
  g_assert_cmpuint (old->actions->len, ==, 1);
  g_assert_cmpuint (((ThrCapAction *) g_ptr_array_index (old->actions, 0))->done_on, !=, 0);
  g_assert_nonnull (old->root_cause);

  recent = find_cap (caps, "A.2.c", "2018-11");
  assert_day (recent->documented_on, "2018-12-31");
  g_assert_cmpuint (recent->submitted_on, ==, 0);
  g_assert_cmpuint (recent->approved_on, ==, 0);
  g_assert_cmpuint (recent->actions->len, ==, 0);

  g_clear_object (&store);
  thr_test_remove_dir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  thr_core_init ();
  g_test_add_func ("/demo-month/scenario", test_scenario);
  g_test_add_func ("/demo-month/settled-caps", test_settled_caps);
  return g_test_run ();
}
