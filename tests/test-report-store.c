/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report-store.c — the CAP draft and the monthly report filled from
 * the demo store, read back with poppler
 *
 * The demo scenario (test-demo-month.c) misses A.1.a in 2018-04 and again
 * in 2018-05, 2018-06 and 2018-08: D2 ¶4.iii's own example, so the CAP's
 * window fails and 2018-04's withholding is retained; five misses in
 * 2018-04 escalate the central component to 25 % from 2018-05.
 */
#include "thr-test-demo.h"
#include "thr-test-pdf.h"
#include "thr-test-util.h"

typedef struct {
  char        *dir;
  ThrStore    *store;
  gint64       contract_id;
  ThrLedger   *ledger;
} Demo;

static Demo demo;

#define TODAY thr_day_from_ymd (2020, 6, 1)

/* A copy of the demo the build made (make-demo-store, 24 months of 1,000
 * tasks and 4,000 calls a month), its ledger on TODAY and its CAPs. */
static void
demo_set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  demo.dir = g_dir_make_tmp ("thr-report-store-XXXXXX", &error);
  g_assert_no_error (error);
  db = thr_test_copy_demo_store (demo.dir);
  demo.store = thr_store_open (db, &error);
  g_assert_no_error (error);
  demo.contract_id = thr_store_resolve_contract (demo.store, "rfp-16-102", &error);
  g_assert_no_error (error);
  demo.ledger = thr_ledger_compute_for_store (demo.store, demo.contract_id, NULL, NULL, TODAY, &error);
  g_assert_no_error (error);
  g_assert_true (thr_cap_sync (demo.store, demo.contract_id, demo.ledger, NULL, &error));
  g_assert_no_error (error);
}

static void
demo_tear_down (void)
{
  g_clear_pointer (&demo.ledger, thr_ledger_free);
  g_clear_object (&demo.store);
  thr_test_remove_dir (demo.dir);
  g_free (demo.dir);
}

static gint64
find_cap_id (const char *metric,
             const char *failure_month)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) caps = thr_cap_list (demo.store, demo.contract_id, demo.ledger, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < caps->len; i++)
    {
      const ThrCap *cap = g_ptr_array_index (caps, i);
      if (g_str_equal (cap->metric, metric) && g_str_equal (cap->failure_month, failure_month))
        return cap->id;
    }
  g_assert_not_reached ();
}

static void
assert_no_images (PopplerDocument *pdf)
{
  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      g_autoptr(TestPage) page = poppler_document_get_page (pdf, p);
      g_assert_null (poppler_page_get_image_mapping (page));
    }
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *s = strstr (haystack, needle); s; s = strstr (s + 1, needle))
    n++;
  return n;
}

/* The figure the evaluator gives, as the documents print it. */
static char *
figure_of (const char *metric,
           const char *label,
           gboolean    with_ratio)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrEvaluator) evaluator = thr_evaluator_new_for_store (demo.store, demo.contract_id, &error);
  g_autoptr(GPtrArray) results = NULL;
  ThrPeriod month;

  g_assert_no_error (error);
  thr_evaluator_set_today (evaluator, TODAY);
  g_assert_true (thr_period_parse (label, &month, NULL));
  results = thr_evaluator_evaluate_month (evaluator, &month, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      const ThrResult *r = g_ptr_array_index (results, i);
      g_autofree char *value = NULL;

      if (!g_str_equal (r->metric->id, metric))
        continue;
      value = thr_report_format_value (r->metric->unit, r->value.value);
      if (with_ratio && r->value.has_ratio)
        return g_strdup_printf ("%s (%.0f of %.0f)", value, r->value.numerator, r->value.denominator);
      return g_steal_pointer (&value);
    }
  g_assert_not_reached ();
}

static ThrDocument *
build_cap_on (gint64  cap_id,
              guint32 today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = fixed_time ();
  /* The ledger the fixture computed for TODAY saves computing it again. */
  ThrReportStoreOptions options = { .agency = "Family and Social Services Administration",
                                    .generated = when, .today = today,
                                    .ledger = today == TODAY ? demo.ledger : NULL };
  ThrDocument *doc = thr_report_cap_build_for_store (demo.store, demo.contract_id, cap_id, &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static ThrDocument *
build_cap (gint64 cap_id)
{
  return build_cap_on (cap_id, TODAY);
}

static void
test_cap_from_store (void)
{
  gint64 id = find_cap_id ("A.1.a", "2018-04");
  g_autoptr(ThrDocument) doc = build_cap (id);
  g_autofree char *cap_name = g_strdup_printf ("Corrective Action Plan CAP-%" G_GINT64_FORMAT, id);
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  guint n_pages;

  pdf = render (doc, "cap-store-a1a.pdf", &n_pages);
  text = all_text (pdf);
  assert_contains (text, cap_name);
  assert_contains (text, "A.1.a Applications reviewed within 2 business days");
  /* The clause, quoted. */
  assert_contains (text, "98% of all applications shall be reviewed");
  {
    g_autofree char *failure = figure_of ("A.1.a", "2018-04", TRUE);
    g_autofree char *against = g_strconcat (failure, " against ≥ 98 %", NULL);
    g_autofree char *may = figure_of ("A.1.a", "2018-05", FALSE);
    g_autofree char *july = figure_of ("A.1.a", "2018-07", FALSE);
    g_autofree char *may_line = g_strconcat ("May 2018", may, " ✗ missed", NULL);
    g_autofree char *july_line = g_strconcat ("July 2018", july, " ✓ met", NULL);

    assert_contains (text, against);
    assert_contains (text, may_line);
    assert_contains (text, july_line);
  }
  /* Documented on the import day; the plan is due 15 days later. */
  assert_contains (text, "CAP due");
  assert_contains (text, "10 calendar days after the CAP is received");
  /* The window and each month's result so far. */
  /* Months in words, under the chart too. */
  assert_contains (text, "May 2018 to August 2018");
  assert_contains (text, "Failure monthApril 2018");
  assert_contains (text, "¶4.iii");
  /* The money: ¶4.iii retains April, May, June and August, in all three
   * components (release_scope = all_metrics); the demo's invoices:
   *   April  15 % of $1,866,650.36 + $605,740.65 + $141,400.53 = $392,068.73
   *   May    25 % of $1,861,100.64, 15 % of $602,640.18 + $137,900.37 = $576,356.25
   *   June   25 % of $1,850,000.02, 15 % of $623,720.54 + $143,780.86 = $577,625.22
   *   August 15 % of $1,862,950.88 + $605,740.91 + $140,700.88 = $391,408.90
   * (July met every metric here, which ends the 25 %).  July, held for
   * the A.5 and A.1.f CAPs, is neither at risk nor retained. */
  assert_contains (text, "Permanently retained$1,937,459.10");
  assert_contains (text, "At risk of retention$0.00");
  assert_contains (text, "Invoice componentsCentral and Regional");
  g_assert_cmpuint (count (text, "Signature"), >=, 3);   /* heading and two lines */
  assert_contains (text, "For the State");
  /* The chart: its threshold label and months, drawn as paths and text. */
  assert_contains (text, "≥ 98 %");
  assert_contains (text, "November 2018");
  assert_no_images (pdf);
  assert_text_inside (pdf);
  g_assert_cmpuint (n_pages, ==, 3);
}

/* On 15 July 2018 two central metrics have their windows open: A.1.a
 * (missed April, May and June) and A.1.f (missed June).  Each CAP puts at
 * risk only the months ¶4.iii would retain for its own metric, in all
 * three components: A.1.a April + May + June = $392,068.73 + $576,356.25 +
 * $577,625.22 = $1,546,050.20 (figures above), A.1.f June = $577,625.22.
 * Summing the central component's held money, as the draft once did,
 * counted months held for the other metrics too.
 *
 * Withheld so far is what was withheld on the invoices issued by that day:
 * April to July, July's (its month begun, its results pending) at the
 * escalated 25 % of $1,838,900.69 = $459,725.17, 15 % of $635,500.59 =
 * $95,325.09 and of $139,160.69 = $20,874.10, together $575,924.36;
 * $1,546,050.20 + $575,924.36 = $2,121,974.56.  The store's invoices run
 * to 2019-12, and the draft once counted every one of them
 * ($11,886,932.12), months that had not begun on 15 July 2018. */
static void
test_cap_at_risk (void)
{
  guint32 july = thr_day_from_ymd (2018, 7, 15);
  g_autoptr(ThrDocument) a1a = build_cap_on (find_cap_id ("A.1.a", "2018-04"), july);
  g_autoptr(ThrDocument) a1f = build_cap_on (find_cap_id ("A.1.f", "2018-06"), july);
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;

  pdf = render (a1a, "cap-store-a1a-open.pdf", NULL);
  text = all_text (pdf);
  assert_contains (text, "Withheld so far$2,121,974.56");
  assert_contains (text, "At risk of retention$1,546,050.20");
  g_assert_null (strstr (text, "Permanently retained"));
  g_clear_pointer (&text, g_free);
  g_clear_object (&pdf);

  pdf = render (a1f, "cap-store-a1f-open.pdf", NULL);
  text = all_text (pdf);
  assert_contains (text, "At risk of retention$577,625.22");
  g_assert_null (strstr (text, "Permanently retained"));
}

/* The ledger as of 15 July 2018 ends with July: August's invoice, in the
 * store, is not issued yet, so no month after July withholds anything,
 * whatever range is asked. */
static void
test_ledger_as_of_day (void)
{
  g_autoptr(GError) error = NULL;
  ThrPeriod to;
  g_autoptr(ThrLedger) ledger = NULL;
  GPtrArray *rows;

  g_assert_true (thr_period_parse ("2018-09", &to, NULL));
  ledger = thr_ledger_compute_for_store (demo.store, demo.contract_id, NULL, &to,
                                         thr_day_from_ymd (2018, 7, 15), &error);
  g_assert_no_error (error);
  g_assert_cmpint (thr_ledger_find_row (ledger, "2018-07", "central")->withheld, ==, 45972517);
  g_assert_cmpint (thr_ledger_find_row (ledger, "2018-07", "central")->held, ==, 45972517);
  rows = thr_ledger_get_rows (ledger);
  for (guint i = 0; i < rows->len; i++)
    {
      const ThrLedgerRow *row = g_ptr_array_index (rows, i);

      if (strcmp (row->month_label, "2018-07") > 0)
        {
          g_assert_cmpint (row->invoice, ==, 0);
          g_assert_cmpint (row->withheld, ==, 0);
        }
    }
  g_assert_cmpstr (((ThrLedgerRow *) g_ptr_array_index (rows, rows->len - 1))->month_label, ==, "2018-09");
}

/* A month after the day the ledger is as of says its invoice is not
 * issued yet on that day, not that none was imported (August's is in the
 * store); July, issued, withholds.  The monthly report of August as of 15
 * July prints the same words, read back through poppler. */
static void
test_ledger_not_issued_yet (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = fixed_time ();
  guint32 july = thr_day_from_ymd (2018, 7, 15);
  ThrReportStoreOptions options = { .generated = when, .today = july };
  g_autoptr(ThrLedger) ledger = NULL;
  g_autoptr(ThrDocument) doc = NULL;
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  const ThrLedgerRow *row;
  ThrPeriod to;

  g_assert_true (thr_period_parse ("2018-08", &to, NULL));
  ledger = thr_ledger_compute_for_store (demo.store, demo.contract_id, NULL, &to, july, &error);
  g_assert_no_error (error);
  row = thr_ledger_find_row (ledger, "2018-08", "central");
  assert_contains (row->explanation, "Invoice not yet issued on 2018-07-15: nothing withheld.");
  g_assert_null (strstr (row->explanation, "No invoice imported"));
  row = thr_ledger_find_row (ledger, "2018-07", "central");
  g_assert_cmpint (row->invoice, >, 0);
  g_assert_null (strstr (row->explanation, "not yet issued"));
  /* Without a day before it, August's invoice withholds as before. */
  g_assert_cmpint (thr_ledger_find_row (demo.ledger, "2018-08", "central")->invoice, >, 0);

  doc = thr_report_month_build_for_store (demo.store, demo.contract_id, &to, &options, &error);
  g_assert_no_error (error);
  pdf = render (doc, "month-not-issued.pdf", NULL);
  text = all_text (pdf);
  assert_contains (text, "Invoice not yet issued on 2018-07-15");
  g_assert_null (strstr (text, "No invoice imported"));
}

/* A CAP with 30 actions flows over pages, its table header on each. */
static void
test_cap_many_actions (void)
{
  g_autoptr(GError) error = NULL;
  gint64 id = find_cap_id ("A.5.a", "2018-04");
  g_autoptr(ThrDocument) doc = NULL;
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  guint n_pages, pages_with_header = 0;

  for (guint i = 1; i <= 30; i++)
    {
      g_autofree char *what = g_strdup_printf ("act#%u Retrain the intake team on the two-day review "
                                               "rule and audit a sample of the week's applications", i);
      g_assert_cmpint (thr_cap_add_action (demo.store, id, what, "Nguyễn Thị Minh Khai",
                                           thr_day_from_ymd (2018, 6, i % 28 + 1), &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_true (thr_cap_set_field (demo.store, id, "root_cause",
                                    "Dotación insuficiente en la oficina de admisión durante la "
                                    "migración del sistema de tareas.", &error));
  g_assert_no_error (error);
  doc = build_cap (id);
  pdf = render (doc, "cap-store-30-actions.pdf", &n_pages);
  text = all_text (pdf);
  assert_numbered_words (text, "act#", 30);
  assert_contains (text, "Dotación insuficiente");
  assert_contains (text, "Nguyễn Thị Minh");
  assert_contains (text, "overdue");
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *page = page_text (pdf, p);
      /* "Owner" is only ever the table's header. */
      if (strstr (page, "Owner") != NULL)
        pages_with_header++;
    }
  g_assert_cmpuint (n_pages, >=, 4);
  g_assert_cmpuint (pages_with_header, >=, 2);
  assert_no_images (pdf);
  assert_text_inside (pdf);
}

static ThrDocument *
build_month (const char *label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = fixed_time ();
  ThrReportStoreOptions options = { .generated = when, .today = TODAY };
  ThrDocument *doc;
  ThrPeriod month;

  g_assert_true (thr_period_parse (label, &month, NULL));
  doc = thr_report_month_build_for_store (demo.store, demo.contract_id, &month, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static void
assert_money (const char *text,
              gint64      cents)
{
  g_autofree char *money = thr_report_format_money (cents / 100.0);
  assert_contains (text, money);
}

/* The report's figures are the ledger's, which `ledger --format json`
 * prints: each component's row of the month, and the year's sums. */
static void
test_month_from_store (void)
{
  g_autoptr(ThrDocument) doc = build_month ("2018-04");
  g_autoptr(TestPdf) pdf = render (doc, "month-store-2018-04.pdf", NULL);
  g_autofree char *text = all_text (pdf);
  g_autofree char *flat = thr_test_squeeze_spaces (text);
  GPtrArray *rows = thr_ledger_get_rows (demo.ledger);
  gint64 year_withheld = 0, year_released = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      const ThrLedgerRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (row->month_label, "2018-04"))
        {
          g_autofree char *expected = thr_test_squeeze_spaces (row->explanation);

          g_assert_cmpint (row->state, ==, THR_LEDGER_STATE_RETAINED);
          assert_money (text, row->invoice);
          assert_money (text, row->retained);
          /* The month's amounts in the ledger's own words: the text the
           * ledger page and `ledger` show, written once by thr-ledger.c. */
          g_assert_true (g_str_has_prefix (expected, "¶1."));
          assert_contains (flat, expected);
        }
      if (g_str_equal (row->component, "central") && strncmp (row->month_label, "2018-", 5) == 0 &&
          strcmp (row->month_label, "2018-04") <= 0)
        {
          year_withheld += row->withheld;
          year_released += row->released;
        }
    }
  assert_money (text, year_withheld);
  assert_money (text, year_released);
  assert_contains (text, "Year to date");
  /* ¶1.i: five misses in 2018-04 escalate the central component. */
  assert_contains (text, "withheld at 25 % from May 2018");
  /* The CAPs opened in 2018-04 are open at its end. */
  assert_contains (text, "Open corrective action plans");
  assert_contains (text, "awaiting plan");
  /* Issue 12 point 6: the readings that decided the month's figures, with
   * the contract's notes (A.5.b is recomputed from the demo's calls). */
  assert_contains (text, "Readings of the contract applied");
  assert_contains (text, "flowout_calls = per_formula");
  /* A.1.a's status in the evaluator's words, the metric page's label. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ThrEvaluator) evaluator = thr_evaluator_new_for_store (demo.store, demo.contract_id, &error);
    g_autoptr(GPtrArray) results = NULL;
    g_autofree char *expected = NULL;
    ThrPeriod april;

    g_assert_no_error (error);
    thr_evaluator_set_today (evaluator, TODAY);
    g_assert_true (thr_period_parse ("2018-04", &april, NULL));
    results = thr_evaluator_evaluate_month (evaluator, &april, NULL, &error);
    g_assert_no_error (error);
    expected = thr_test_squeeze_spaces (thr_results_find_worst (results, "A.1.a")->explanation);
    assert_contains (flat, expected);
  }
  assert_no_images (pdf);
  assert_text_inside (pdf);
}

/* A missed dollar threshold is set in bold: its cell must still hold
 * "≥ $120,000" on one line, not break the number. */
static void
test_month_money_threshold (void)
{
  g_autoptr(ThrDocument) doc = build_month ("2018-06");
  g_autoptr(TestPdf) pdf = render (doc, "month-store-2018-06.pdf", NULL);
  g_autofree char *text = all_text (pdf);

  assert_contains (text, "≥ $120,000");
  assert_text_inside (pdf);
}

static void
test_month_late (void)
{
  g_autoptr(ThrDocument) doc = build_month ("2019-12");
  g_autoptr(TestPdf) pdf = render (doc, "month-store-2019-12.pdf", NULL);
  g_autofree char *text = all_text (pdf);

  assert_contains (text, "Withholding ledger");
  assert_contains (text, "Year to date");
  assert_text_inside (pdf);
}


/* Reads an .xlsx back with the importer's reader: rows of fields. */
static GPtrArray *
read_xlsx (const char *path)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  ThrXlsxReader *reader = thr_xlsx_reader_new (path, NULL, &error);

  g_assert_no_error (error);
  while (thr_xlsx_reader_next (reader, &error))
    {
      GStrvBuilder *b = g_strv_builder_new ();
      for (guint i = 0; i < thr_xlsx_reader_get_n_fields (reader); i++)
        g_strv_builder_add (b, thr_xlsx_reader_get_field (reader, i));
      g_ptr_array_add (rows, g_strv_builder_end (b));
      g_strv_builder_unref (b);
    }
  g_assert_no_error (error);
  thr_xlsx_reader_free (reader);
  return rows;
}

static const ThrLedgerRow *
central_row (ThrLedger  *ledger,
             const char *month)
{
  const ThrLedgerRow *row = thr_ledger_find_row (ledger, month, "central");
  g_assert_nonnull (row);
  return row;
}

/* The ledger's export holds the ledger's figures, as CSV and as .xlsx. */
static void
test_export_ledger (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrLedger) ledger = NULL;
  g_autoptr(ThrExportTable) table = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = g_build_filename (demo.dir, "ledger.xlsx", NULL);
  const ThrLedgerRow *april;
  ThrPeriod from, to;

  g_assert_true (thr_period_parse ("2018-04", &from, NULL));
  g_assert_true (thr_period_parse ("2018-06", &to, NULL));
  ledger = thr_ledger_compute_for_store (demo.store, demo.contract_id, &from, &to, TODAY, &error);
  g_assert_no_error (error);
  april = central_row (ledger, "2018-04");
  table = thr_export_ledger_table (ledger);
  g_assert_cmpuint (thr_export_table_get_n_rows (table), ==, 9);   /* 3 months × 3 components */

  csv = thr_export_table_to_csv (table);
  g_assert_true (g_str_has_prefix (csv, "month,component,invoice,rate,withheld,released,retained,held,"
                                        "state,released_with,explanation,readings\r\n2018-04,central,"));
  g_assert_nonnull (strstr (csv, ",retained,,"));
  /* April's training withholding is retained for A.1.a, a Section A
   * metric, only under release_scope = all_metrics, and A.1.a was missed
   * again inside its window under repeat_miss_in_window = extends_hold:
   * the row names both, as `ledger --format json` does. */
  g_assert_nonnull (strstr (csv, ",\"release_scope=all_metrics; repeat_miss_in_window=extends_hold\"\r\n2018-05,central,"));

  g_assert_true (thr_export_table_write (table, THR_EXPORT_XLSX, "Ledger", path, &error));
  g_assert_no_error (error);
  rows = read_xlsx (path);
  g_assert_cmpuint (rows->len, ==, 10);
  {
    char **header = g_ptr_array_index (rows, 0);
    char **first = g_ptr_array_index (rows, 1);

    /* The workbook's header is in words; a month is a date cell, a
     * percentage the fraction with a percent format. */
    g_assert_cmpstr (header[0], ==, "Month");
    g_assert_cmpstr (header[6], ==, "Retained");
    g_assert_cmpstr (first[0], ==, "2018-04-01");
    g_assert_cmpstr (first[1], ==, "central");
    g_assert_cmpfloat_with_epsilon (g_ascii_strtod (first[6], NULL), april->retained / 100.0, 0.001);
    g_assert_cmpstr (first[3], ==, "15%");   /* the fraction 0.15, read back as the user sees it */
    g_assert_cmpstr (first[8], ==, "retained");
    g_assert_cmpstr (header[11], ==, "Readings");
    g_assert_cmpstr (first[11], ==, "repeat_miss_in_window=extends_hold");
  }
  g_unlink (path);
}

static void
test_export_grid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrEvaluator) evaluator = thr_evaluator_new_for_store (demo.store, demo.contract_id, &error);
  g_autoptr(ThrExportTable) table = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = g_build_filename (demo.dir, "grid.xlsx", NULL);
  ThrPeriod from;

  g_assert_no_error (error);
  thr_evaluator_set_today (evaluator, TODAY);
  g_assert_true (thr_period_parse ("2018-03", &from, NULL));
  table = thr_export_grid_table (evaluator, &from, 4, &error);
  g_assert_no_error (error);
  csv = thr_export_table_to_csv (table);
  g_assert_true (g_str_has_prefix (csv, "metric,section,title,2018-03,2018-04,2018-05,2018-06\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nA.1.a,A,Applications reviewed within 2 business days,met,missed,missed,missed\r\n"));
  /* A.1.f: missed only in 2018-06 */
  g_assert_nonnull (strstr (csv, ",met,met,met,missed\r\n"));

  g_assert_true (thr_export_table_write (table, THR_EXPORT_XLSX, "Grid", path, &error));
  g_assert_no_error (error);
  rows = read_xlsx (path);
  g_assert_cmpuint (rows->len, ==, 52);   /* the header and 51 metrics */
  {
    char **a1a = g_ptr_array_index (rows, 1);
    g_assert_cmpstr (a1a[0], ==, "A.1.a");
    g_assert_cmpstr (a1a[4], ==, "missed");
  }
  g_unlink (path);
}

/* The chart alone as PNG, SVG and PDF, drawn by thr_chart_draw. */
static void
test_export_chart (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrEvaluator) evaluator = thr_evaluator_new_for_store (demo.store, demo.contract_id, &error);
  g_autoptr(ThrReportTrend) trend = NULL;
  g_autofree char *png = g_build_filename (demo.dir, "chart.png", NULL);
  g_autofree char *svg = g_build_filename (demo.dir, "chart.svg", NULL);
  g_autofree char *pdf = g_build_filename (demo.dir, "chart.pdf", NULL);
  g_autofree char *svg_text = NULL;
  g_autofree char *uri = NULL;
  const ThrChartData *data;
  cairo_surface_t *image;
  ThrPeriod from;

  g_assert_no_error (error);
  thr_evaluator_set_today (evaluator, TODAY);
  g_assert_true (thr_period_parse ("2018-01", &from, NULL));
  trend = thr_report_trend_new (evaluator, "A.1.a", &from, 12, &error);
  g_assert_no_error (error);
  thr_report_trend_add_windows (trend, demo.ledger);
  data = thr_report_trend_get_data (trend);
  g_assert_cmpuint (data->n_points, ==, 12);
  g_assert_cmpuint (data->n_windows, ==, 1);
  g_assert_cmpuint (data->windows[0].first, ==, 4);   /* 2018-05 … */
  g_assert_cmpuint (data->windows[0].last, ==, 7);    /* … 2018-08 */
  g_assert_cmpint (data->points[3].status, ==, THR_STATUS_MISSED);

  g_assert_true (thr_drawing_export (thr_report_trend_draw_cb, trend, 720, 320, THR_DRAWING_PNG, 2, png, &error));
  g_assert_true (thr_drawing_export (thr_report_trend_draw_cb, trend, 720, 320, THR_DRAWING_SVG, 1, svg, &error));
  g_assert_true (thr_drawing_export (thr_report_trend_draw_cb, trend, 720, 320, THR_DRAWING_PDF, 1, pdf, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1440);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 640);
  cairo_surface_destroy (image);
  g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
  g_assert_nonnull (strstr (svg_text, "<path"));
  g_assert_null (strstr (svg_text, "<image"));
  uri = g_filename_to_uri (pdf, NULL, NULL);
  {
    g_autoptr(TestPdf) doc = poppler_document_new_from_file (uri, NULL, &error);
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
    text = all_text (doc);
    assert_contains (text, "≥ 98 %");
    assert_no_images (doc);
  }
  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf);
}

/* Both documents as a state office needs them (Section 508): tagged,
 * with the chart described in words, the language declared, one face
 * embedded, a clean file. */
static void
assert_document_accessible (ThrDocument *doc,
                            const char  *metric)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = thr_document_render_pdf (doc, NULL, &error);
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *tree = NULL;
  g_autofree char *figure = g_strdup_printf ("figure[Trend of %s, ", metric);
  g_autofree char *catalog = NULL;

  g_assert_no_error (error);
  assert_clean_tagged_pdf (bytes);
  catalog = catalog_of (bytes);
  assert_contains (catalog, "/Lang <feff0065006e002d00550053>");
  pdf = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  tree = structure_of (pdf);
  g_assert_true (g_str_has_prefix (tree, "document\n  heading-1\n"));
  assert_contains (tree, "  table\n    table-row\n      table-heading\n");
  assert_contains (tree, "  heading-2\n");
  /* The description names the metric, its threshold and each month. */
  assert_contains (tree, figure);
  g_assert_true (g_regex_match_simple ("threshold ≥.98 %\\. January 2018: ", tree, 0, 0));
  assert_contains (tree, "April 2018: ");
}

static void
test_cap_accessible (void)
{
  g_autoptr(ThrDocument) doc = build_cap (find_cap_id ("A.1.a", "2018-04"));

  assert_document_accessible (doc, "A.1.a");
}

static void
test_month_accessible (void)
{
  g_autoptr(ThrDocument) doc = build_month ("2018-04");

  assert_document_accessible (doc, "A.1.a");
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  thr_core_init ();
  g_test_add_func ("/report-store/cap", test_cap_from_store);
  g_test_add_func ("/report-store/cap-at-risk", test_cap_at_risk);
  g_test_add_func ("/report-store/ledger-as-of-day", test_ledger_as_of_day);
  g_test_add_func ("/report-store/ledger-not-issued-yet", test_ledger_not_issued_yet);
  g_test_add_func ("/report-store/cap-30-actions", test_cap_many_actions);
  g_test_add_func ("/report-store/month-2018-04", test_month_from_store);
  g_test_add_func ("/report-store/month-2018-06", test_month_money_threshold);
  g_test_add_func ("/report-store/month-2019-12", test_month_late);
  g_test_add_func ("/report-store/cap-accessible", test_cap_accessible);
  g_test_add_func ("/report-store/month-accessible", test_month_accessible);
  g_test_add_func ("/report-store/export-ledger", test_export_ledger);
  g_test_add_func ("/report-store/export-grid", test_export_grid);
  g_test_add_func ("/report-store/export-chart", test_export_chart);
  demo_set_up ();
  status = g_test_run ();
  demo_tear_down ();
  return status;
}
