/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report.c — the monthly report and the CAP draft over demo data,
 * read back with poppler
 */
#include <glib/gstdio.h>

#include "thr-test-pdf.h"

typedef struct {
  char         *dir;
  ThrStore     *store;
  ThrEvaluator *evaluator;
  GPtrArray    *results;
  ThrPeriod     month;
} ReportFixture;

static void
report_set_up (ReportFixture *f,
               gconstpointer  data)
{
  static const char *files[] = { "metric-report.csv", "invoices.csv", "tasks.csv", "calls.csv" };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrContract) contract = thr_contract_load_template ("rfp-16-102", &error);
  g_autofree char *db = NULL;
  ThrDemoOptions options;
  gint64 id;

  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("thr-report-XXXXXX", &error);
  g_assert_no_error (error);
  thr_demo_options_init (&options);
  options.n_months = 4;
  options.tasks_per_month = 400;
  options.calls_per_month = 2000;
  g_assert_true (thr_demo_write (&options, f->dir, NULL, &error));
  g_assert_no_error (error);

  db = g_build_filename (f->dir, "store.db", NULL);
  f->store = thr_store_open (db, &error);
  g_assert_no_error (error);
  id = thr_store_add_contract (f->store, "rfp-16-102", "demo", thr_contract_get_definition (contract), &error);
  g_assert_no_error (error);
  f->evaluator = thr_evaluator_new_for_store (f->store, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, files[i], NULL);
      g_auto(ThrImportResult) result = { 0 };

      g_assert_true (thr_import_file (f->store, id, thr_evaluator_get_contract (f->evaluator), path,
                                      THR_IMPORT_KIND_AUTO, FALSE, NULL, NULL, NULL, &result, &error));
      g_assert_no_error (error);
    }
  thr_evaluator_set_today (f->evaluator, thr_day_from_ymd (2019, 12, 31));
  g_assert_true (thr_period_parse_kind ("2018-04", THR_PERIOD_MONTH, &f->month, &error));
  f->results = thr_evaluator_evaluate_month (f->evaluator, &f->month, NULL, &error);
  g_assert_no_error (error);
}

static void
report_tear_down (ReportFixture *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_pointer (&f->results, g_ptr_array_unref);
  g_clear_object (&f->evaluator);
  g_clear_object (&f->store);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
test_report_month (ReportFixture *f,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) when = fixed_time ();
  ThrReportMonthOptions options = { .agency = "Family and Social Services Administration", .generated = when };
  g_autoptr(ThrDocument) doc = thr_report_month_build (thr_evaluator_get_contract (f->evaluator),
                                                       &f->month, f->results, &options);
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  guint n_pages = 0, n_missed = 0;

  pdf = render (doc, "report-month.pdf", &n_pages);
  g_assert_cmpuint (n_pages, >=, 2);
  text = all_text (pdf);
  /* Months in words. */
  assert_contains (text, "Monthly performance report April 2018");
  g_assert_null (strstr (text, "report 2018-04"));
  assert_contains (text, "RFP 16-102 Eligibility Services, Staffing, and Training");
  assert_contains (text, "Family and Social Services Administration");
  for (guint i = 0; i < f->results->len; i++)
    {
      const ThrResult *r = g_ptr_array_index (f->results, i);

      assert_contains (text, r->metric->id);
      n_missed += r->status == THR_STATUS_MISSED;
    }
  /* The demo misses A.1.a in April 2018; the status is a glyph and a word. */
  g_assert_cmpuint (n_missed, >, 0);
  assert_contains (text, "A.1.a");
  assert_contains (text, "✗ missed");
  assert_contains (text, "✓ met");
  assert_contains (text, "Missed metrics");
  summary = g_strdup_printf ("✗ missed%u\n", n_missed);
  assert_contains (text, summary);
  /* Bookmarks: headings at the top, the contract's sections and the
   * misses under theirs, each pointing at its page. */
  {
    g_autofree char *outline = outline_of (pdf);

    assert_contains (outline, "0 Monthly performance report April 2018 p1\n0 Summary p1\n0 Metrics p1\n"
                              "1 A — Central and Regional Change Center Eligibility Determination Operations p1\n");
    assert_contains (outline, "0 Missed metrics p");
    assert_contains (outline, "1 ✗ A.1.a — Applications reviewed within 2 business days p");
  }
  /* No engine, no section: nothing is made up. */
  g_assert_null (strstr (text, "ledger"));
  g_assert_null (strstr (text, "corrective action plan"));
  {
    g_autofree char *last = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
    assert_contains (text, last);
  }
  assert_text_inside (pdf);
}

static void
test_report_month_seams (ReportFixture *f,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) when = fixed_time ();
  g_autoptr(GPtrArray) month = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_report_ledger_line_free);
  g_autoptr(GPtrArray) caps = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_report_cap_free);
  ThrReportMonthOptions options = { .generated = when, .ledger_month = month, .open_caps = caps,
                                    .chart = draw_lines_cb, .chart_height = 150 };
  g_autoptr(ThrDocument) doc = NULL;
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  DrawLog log = { 0 };

  g_ptr_array_add (month, thr_report_ledger_line_new ("Training Services", 823456, 15, 123518, 0, 0, 123518));
  options.chart_data = &log;

  doc = thr_report_month_build (thr_evaluator_get_contract (f->evaluator), &f->month, f->results, &options);
  pdf = render (doc, "report-month-seams.pdf", NULL);
  text = all_text (pdf);
  g_assert_cmpuint (log.calls, ==, 1);
  assert_contains (text, "Withholding ledger");
  assert_contains (text, "This month");
  g_assert_null (strstr (text, "Year to date"));
  assert_contains (text, "$8,234.56");
  assert_contains (text, "$1,235.18");
  assert_contains (text, "No corrective action plan is open.");

  /* …and a CAP when one is open. */
  g_ptr_array_add (caps, thr_report_cap_new ("CAP-7", "A.1.a", "2018-04", "awaiting plan", "CAP due",
                                             thr_day_from_ymd (2018, 5, 30)));
  g_clear_pointer (&doc, thr_document_free);
  g_clear_object (&pdf);
  g_clear_pointer (&text, g_free);
  doc = thr_report_month_build (thr_evaluator_get_contract (f->evaluator), &f->month, f->results, &options);
  pdf = render (doc, "report-month-cap.pdf", NULL);
  text = all_text (pdf);
  assert_contains (text, "CAP-7");
  assert_contains (text, "2018-05-30");
  assert_contains (text, "awaiting plan");
  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      g_autoptr(TestPage) page = poppler_document_get_page (pdf, p);
      GList *images = poppler_page_get_image_mapping (page);

      g_assert_null (images);
    }
  assert_text_inside (pdf);
}

static const ThrResult *
find_result (GPtrArray  *results,
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
test_report_cap_long (ReportFixture *f,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) when = fixed_time ();
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_report_cap_action_free);
  g_autoptr(GPtrArray) window = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_report_cap_month_free);
  const ThrResult *failure = find_result (f->results, "A.1.a");
  ThrReportCapOptions options = {
    .agency = "Family and Social Services Administration", .generated = when, .cap_id = "CAP-7",
    .failure = failure, .documented = thr_day_from_ymd (2018, 5, 15), .cap_due = thr_day_from_ymd (2018, 5, 30),
    .review_due = thr_day_from_ymd (2018, 6, 9), .deficiency = thr_test_spanish, .root_cause = "Staffing fell short; reviewed with Nguyễn Thị Minh Khai Trần Phương Thảo.",
    .monitoring = "Weekly sample audits.", .actions = actions, .window = window, .has_money = TRUE,
    .withheld = 1234567, .at_risk = 2345678, .chart = draw_lines_cb, .chart_height = 160,
  };
  g_autoptr(ThrDocument) doc = NULL;
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  DrawLog log = { 0 };
  guint n_pages = 0, n_table_pages = 0;

  g_assert_cmpint (failure->status, ==, THR_STATUS_MISSED);
  options.chart_data = &log;
  for (guint i = 1; i <= 30; i++)
    {
      g_autofree char *what = g_strdup_printf ("a#%u Retrain the change-centre staff on the scheduling rules, "
                                               "then audit a sample of twenty of their cases each week", i);

      g_ptr_array_add (actions, thr_report_cap_action_new (what, i % 2 ? thr_test_vietnamese : "Contractor QA",
                                                           thr_day_from_ymd (2018, 6, i % 28 + 1), "open"));
    }
  g_ptr_array_add (window, thr_report_cap_month_new ("2018-05", THR_STATUS_MISSED, TRUE, 97.1));
  g_ptr_array_add (window, thr_report_cap_month_new ("2018-06", THR_STATUS_MET, TRUE, 98.4));

  doc = thr_report_cap_build (thr_evaluator_get_contract (f->evaluator), &options);
  pdf = render (doc, "cap-long.pdf", &n_pages);
  g_assert_cmpuint (n_pages, >=, 3);
  g_assert_cmpuint (log.calls, ==, 1);
  text = all_text (pdf);
  assert_contains (text, "Corrective Action Plan CAP-7");
  assert_contains (text, "A.1.a Applications reviewed within 2 business days");
  assert_contains (text, "98% of all applications shall be");
  {
    g_autofree char *result = g_strdup_printf ("%.2f %% (%.0f of %.0f) against ≥", failure->value.value,
                                               failure->value.numerator, failure->value.denominator);
    assert_contains (text, result);
  }
  assert_contains (text, "2018-05-15");
  assert_contains (text, "2018-05-30");
  assert_contains (text, "2018-06-09");
  /* The corrective period, in the contract's word, and its months in words. */
  assert_contains (text, "Corrective period");
  assert_contains (text, "May 2018");
  assert_contains (text, "June 2018");
  assert_contains (text, thr_test_spanish);
  assert_contains (text, thr_test_vietnamese);
  assert_contains (text, "Nguyễn Thị Minh");   /* an owner, wrapped in its column */
  assert_contains (text, "$12,345.67");
  assert_contains (text, "$23,456.78");
  assert_contains (text, "✗ missed");
  assert_contains (text, "✓ met");
  assert_contains (text, "For the Contractor");
  assert_contains (text, "For the State");
  assert_numbered_words (text, "a#", 30);
  /* Every page the actions table runs over repeats its header. */
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *page = page_text (pdf, p);
      g_autoptr(TestPage) pp = poppler_document_get_page (pdf, p);

      g_assert_null (poppler_page_get_image_mapping (pp));
      if (strstr (page, "a#") == NULL)
        continue;
      n_table_pages++;
      assert_contains (page, "Corrective action");
      assert_contains (page, "Owner");
    }
  g_assert_cmpuint (n_table_pages, >=, 2);
  /* The heading stays with the start of its table, not alone at a page foot. */
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *page = page_text (pdf, p);

      if (strstr (page, "Corrective actions"))
        assert_contains (page, "a#1 ");
    }
  assert_text_inside (pdf);
}

static void
test_report_cap_blank (ReportFixture *f,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) when = fixed_time ();
  ThrReportCapOptions options = { .generated = when, .cap_id = "CAP-8",
                                  .failure = find_result (f->results, "A.5.a") };
  g_autoptr(ThrDocument) doc = thr_report_cap_build (thr_evaluator_get_contract (f->evaluator), &options);
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  guint n_pages = 0;

  pdf = render (doc, "cap-blank.pdf", &n_pages);
  text = all_text (pdf);
  assert_contains (text, "Corrective Action Plan CAP-8");
  assert_contains (text, "Deficiency");
  assert_contains (text, "Root cause");
  assert_contains (text, "Monitoring");
  assert_contains (text, "s against ≤");
  /* What the caller did not give is left out, not made up. */
  g_assert_null (strstr (text, "Money at stake"));
  g_assert_null (strstr (text, "Corrective period"));
  g_assert_null (strstr (text, "CAP due"));
  g_assert_null (strstr (text, "$"));
  assert_text_inside (pdf);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  thr_core_init ();

#define ADD(path, fn) g_test_add (path, ReportFixture, NULL, report_set_up, fn, report_tear_down)
  ADD ("/report/month", test_report_month);
  ADD ("/report/month-seams", test_report_month_seams);
  ADD ("/report/cap-long", test_report_cap_long);
  ADD ("/report/cap-blank", test_report_cap_blank);
  return g_test_run ();
}
