/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window.c — the main window, headless under Xvfb
 *
 * Builds the window on a demo store made here with the core's generator,
 * moves between pages through their actions, checks what each page
 * shows against an evaluation made independently here, and renders each
 * page to a PNG in the build directory, in the light and the dark style.
 */
#include <stdlib.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "thr-alert.h"
#include "thr-cap-editor.h"
#include "thr-caps-page.h"
#include "thr-core.h"
#include "thr-deadline-notification.h"
#include "thr-deadlines-page.h"
#include "thr-format.h"
#include "thr-grid-widget.h"
#include "thr-import-dialog.h"
#include "thr-imports-page.h"
#include "thr-ledger-page.h"
#include "thr-metric-page.h"
#include "thr-metrics-page.h"
#include "thr-overview-page.h"
#include "thr-test-demo.h"
#include "thr-test-store.h"
#include "thr-test-style.h"
#include "thr-test-util.h"
#include "thr-test-window.h"
#include "thr-window.h"
#include "thr-store-sql-private.h"  /* SQL for fixtures */

static char *tmp_dir;
static char *demo_db;

/* The demo store the build made once (make-demo-store), copied. */
static void
make_demo_store (void)
{
  demo_db = thr_test_copy_demo_store (tmp_dir);
}

/* Evaluators whose results the tests hold (the results point into their
 * contracts); released at the end of main().  Keeping one on its own store
 * made a reference cycle that LeakSanitizer reported. */
static GPtrArray *kept_evaluators;

static GPtrArray *
evaluate_independently (const char *month_label)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (demo_db, &error);
  g_autoptr(ThrEvaluator) evaluator = thr_evaluator_new_for_store (store, 1, &error);
  ThrPeriod month;

  g_assert_no_error (error);
  g_assert_true (thr_period_parse (month_label, &month, NULL));
  /* The evaluator's results point into its contract, so keep it alive. */
  if (kept_evaluators == NULL)
    kept_evaluators = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (kept_evaluators, g_object_ref (evaluator));
  return thr_evaluator_evaluate_month (evaluator, &month, NULL, &error);
}

/* The ledger, CAPs and deadlines as the core makes them, independently. */
typedef struct {
  ThrStore  *store;
  ThrLedger *ledger;
  GPtrArray *caps;
  GPtrArray *deadlines;
} Consequences;

static void
consequences_clear (Consequences *c)
{
  g_clear_pointer (&c->deadlines, g_ptr_array_unref);
  g_clear_pointer (&c->caps, g_ptr_array_unref);
  g_clear_pointer (&c->ledger, thr_ledger_free);
  g_clear_object (&c->store);
}

static void
consequences_independently (Consequences *c,
                            guint32       today)
{
  g_autoptr(GError) error = NULL;

  c->store = thr_store_open (demo_db, &error);
  g_assert_no_error (error);
  c->ledger = thr_ledger_compute_for_store (c->store, 1, NULL, NULL, today, &error);
  g_assert_no_error (error);
  c->caps = thr_cap_list (c->store, 1, c->ledger, &error);
  g_assert_no_error (error);
  c->deadlines = thr_deadlines_collect (c->ledger, c->caps, today);
}

static gint64
ledger_sum (ThrLedger  *ledger,
            const char *month,
            gsize       offset)
{
  GPtrArray *rows = thr_ledger_get_rows (ledger);
  gint64 sum = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      const ThrLedgerRow *row = g_ptr_array_index (rows, i);

      if (g_str_equal (row->month_label, month))
        sum += G_STRUCT_MEMBER (gint64, row, offset);
    }
  return sum;
}

typedef struct
{
  ThrCapEditor *editor;
  guint         n_audit;
} AuditWait;

static gboolean
audited_to (gpointer data)
{
  AuditWait *wait = data;

  return thr_cap_editor_get_n_audit (wait->editor) >= wait->n_audit;
}

static gboolean
no_alert (gpointer data)
{
  return thr_test_find_alert_now () == NULL;
}

static gboolean
no_main_window (gpointer data)
{
  return thr_test_find_toplevel (THR_TYPE_WINDOW) == NULL;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child : find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_descendants (GtkWidget *widget,
                   GType      type)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += G_TYPE_CHECK_INSTANCE_TYPE (child, type) + count_descendants (child, type);
  return n;
}

/* CAPs, deadlines and ledger, each against the core's own answer. */
static void
consequence_pages (ThrWindow *window,
                   gboolean   dark)
{
  /* A reference: a change heard (on a team store, a listener lost and
   * listened again) makes the window read the store again and let this
   * session go, which a borrowed pointer would then read freed (session
   * 17: a CAP with its submission and no review date).  The CAPs are read
   * from the window's session of the moment below. */
  g_autoptr(ThrSession) session = g_object_ref (thr_window_get_session (window));
  ThrOverviewPage *overview = THR_OVERVIEW_PAGE (thr_window_get_page_widget (window, "overview"));
  ThrLedgerPage *ledger_page;
  ThrCapsPage *caps_page;
  ThrCapEditor *editor;
  ThrDeadlinesPage *deadlines_page;
  GtkWidget *done;
  guint n_rows;
  Consequences c = { 0 };
  ThrLedgerTotals month_money, to_date;
  guint n_audit, counts[4] = { 0 };
  const ThrCap *cap;
  g_autofree char *root_cause = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  gboolean audited = FALSE;
  AuditWait wait;

  g_assert_true (thr_session_has_consequences (session));
  consequences_independently (&c, thr_session_get_today (session));

  /* Overview, 2018-04: this month's withholding and retention as the ledger has them. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  thr_overview_page_get_money (overview, &month_money, &to_date);
  g_assert_cmpstr (thr_session_get_month (session, thr_window_get_month (window)), ==, "2018-04");
  g_assert_cmpint (month_money.withheld, ==, ledger_sum (c.ledger, "2018-04", G_STRUCT_OFFSET (ThrLedgerRow, withheld)));
  g_assert_cmpint (month_money.held, ==, ledger_sum (c.ledger, "2018-04", G_STRUCT_OFFSET (ThrLedgerRow, held)));
  g_assert_cmpint (month_money.retained, ==, ledger_sum (c.ledger, "2018-04", G_STRUCT_OFFSET (ThrLedgerRow, retained)));
  g_assert_cmpint (month_money.withheld, >, 0);
  g_assert_cmpint (to_date.withheld, >=, month_money.withheld);
  thr_test_render_png (window, "overview-2018-04");

  /* Ledger: 2018-04's retained total is the core's; every window listed. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "ledger");
  g_assert_cmpstr (thr_window_get_page (window), ==, "ledger");
  ledger_page = THR_LEDGER_PAGE (thr_window_get_page_widget (window, "ledger"));
  g_assert_cmpint (thr_ledger_page_get_shown_total (ledger_page, "2018-04", "retained"), ==,
                   ledger_sum (c.ledger, "2018-04", G_STRUCT_OFFSET (ThrLedgerRow, retained)));
  g_assert_cmpint (thr_ledger_page_get_shown_total (ledger_page, "2018-04", "withheld"), ==,
                   ledger_sum (c.ledger, "2018-04", G_STRUCT_OFFSET (ThrLedgerRow, withheld)));
  g_assert_cmpuint (thr_ledger_page_get_n_windows (ledger_page), ==, thr_ledger_get_failures (c.ledger)->len);
  g_assert_cmpuint (thr_ledger_page_get_n_windows (ledger_page), >, 0);
  thr_test_render_png (window, "ledger");

  /* Deadlines: as many of each state as the core counts. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "deadlines");
  deadlines_page = THR_DEADLINES_PAGE (thr_window_get_page_widget (window, "deadlines"));
  for (guint i = 0; i < c.deadlines->len; i++)
    counts[((ThrDeadlineItem *) g_ptr_array_index (c.deadlines, i))->state]++;
  for (int state = 0; state < 4; state++)
    g_assert_cmpuint (thr_deadlines_page_get_n_shown (deadlines_page, state), ==, counts[state]);
  g_assert_cmpuint (c.deadlines->len, >, 0);
  thr_test_render_png (window, "deadlines");
  /* The dates done are built when their expander opens, every one of them. */
  done = find_descendant (GTK_WIDGET (deadlines_page), ADW_TYPE_EXPANDER_ROW);
  g_assert_nonnull (done);
  /* Before: only the expander's own header row. */
  n_rows = count_descendants (done, ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (n_rows, <=, 1);
  g_assert_cmpuint (counts[THR_DEADLINE_DONE], >, 0);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (done), TRUE);
  g_assert_cmpuint (count_descendants (done, ADW_TYPE_ACTION_ROW), ==, n_rows + counts[THR_DEADLINE_DONE]);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (done), FALSE);

  /* CAPs: one row per CAP; "Start a CAP" from A.1.a's missed 2018-04 opens its CAP. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "caps");
  caps_page = THR_CAPS_PAGE (thr_window_get_page_widget (window, "caps"));
  g_assert_cmpuint (thr_caps_page_get_n_rows (caps_page), ==, c.caps->len);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-metric", "(si)", "A.1.a", (gint32) 3);
  g_assert_cmpuint (thr_metric_page_get_n_windows (THR_METRIC_PAGE (thr_window_get_page_widget (window, "metric"))), >, 0);
  thr_test_render_png (window, "metric-windows");
  gtk_widget_activate_action (thr_window_get_page_widget (window, "metric"), "metric.start-cap", NULL);
  g_assert_cmpstr (thr_window_get_page (window), ==, "caps");
  editor = thr_caps_page_get_editor (caps_page);
  cap = thr_session_get_cap_by_id (thr_window_get_session (window), thr_cap_editor_get_cap_id (editor));
  g_assert_nonnull (cap);
  g_assert_cmpstr (cap->metric, ==, "A.1.a");
  g_assert_cmpstr (cap->failure_month, ==, "2018-04");
  g_assert_cmpuint (thr_cap_editor_get_n_timeline (editor), >=, 5 + 4);

  /* Typing saves after a pause, through the audited core call. */
  n_audit = thr_cap_editor_get_n_audit (editor);
  root_cause = g_strdup_printf ("Staffing shortfall (%s test)", dark ? "dark" : "light");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (thr_cap_editor_get_field (editor, "root_cause"))),
                            root_cause, -1);
  wait.editor = editor;
  wait.n_audit = n_audit + 1;
  thr_test_wait_for (audited_to, &wait);
  g_assert_cmpuint (thr_cap_editor_get_n_audit (editor), ==, n_audit + 1);
  consequences_clear (&c);
  consequences_independently (&c, thr_session_get_today (session));
  for (guint i = 0; i < c.caps->len; i++)
    {
      const ThrCap *stored = g_ptr_array_index (c.caps, i);

      if (stored->id == thr_cap_editor_get_cap_id (editor))
        g_assert_cmpstr (stored->root_cause, ==, root_cause);
    }
  audit = thr_cap_get_audit (c.store, thr_cap_editor_get_cap_id (editor), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      const ThrCapAudit *entry = g_ptr_array_index (audit, i);

      if (g_str_equal (entry->field, "root_cause") && g_strcmp0 (entry->new_value, root_cause) == 0)
        audited = TRUE;
    }
  g_assert_true (audited);
  /* A half-typed date is not saved; a whole one is. */
  gtk_editable_set_text (GTK_EDITABLE (thr_cap_editor_get_field (editor, "submitted_on")), "2018-05-1");
  /* Nothing is to happen, so there is no condition to wait on: the pause
   * after which the editor saves (SAVE_DELAY_MS, 400 ms), and more. */
  thr_test_iterate (600);
  g_assert_cmpuint (thr_cap_editor_get_n_audit (editor), ==, n_audit + 1);
  gtk_editable_set_text (GTK_EDITABLE (thr_cap_editor_get_field (editor, "submitted_on")), dark ? "2018-05-15" : "2018-05-14");
  g_assert_true (thr_cap_editor_flush (editor));
  g_assert_cmpuint (thr_cap_editor_get_n_audit (editor), ==, n_audit + 2);
  thr_test_wait_for (thr_test_window_complete, window);
  cap = thr_session_get_cap_by_id (thr_window_get_session (window), thr_cap_editor_get_cap_id (editor));
  g_assert_nonnull (cap);
  g_assert_cmpuint (cap->review_due, ==, cap->submitted_on + THR_CAP_REVIEW_DAYS);
  thr_test_render_png (window, "caps");
  consequences_clear (&c);
}

static gboolean
window_is_narrow (gpointer window)
{
  return gtk_widget_get_width (window) <= 400;
}

static void
pages_for_style (gboolean dark)
{
  ThrWindow *window;
  ThrOverviewPage *overview;
  ThrMetricPage *metric_page;
  ThrGridWidget *grid;
  ThrSession *session;
  g_autoptr(GPtrArray) expected = NULL;
  guint counts[4], want[4] = { 0 };
  const char *readout_before;
  g_autofree char *readout = NULL;
  int last, c6_row = -1;

  g_autoptr(GSettings) settings = g_settings_new ("io.github.thresholdapp.Threshold");
  g_autofree char *last_month = NULL;

  g_settings_reset (settings, "last-month");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = thr_test_open_window (demo_db, 1366, 768);
  session = thr_window_get_session (window);

  /* Overview: the latest month with data, counts as the evaluator says. */
  g_assert_cmpstr (thr_window_get_page (window), ==, "overview");
  g_assert_cmpuint (thr_session_get_n_months (session), ==, 24);
  last = thr_window_get_month (window);
  g_assert_cmpstr (thr_session_get_month (session, last), ==, "2019-12");
  expected = evaluate_independently ("2019-12");
  for (guint i = 0; i < expected->len; i++)
    want[((ThrResult *) g_ptr_array_index (expected, i))->status]++;
  overview = THR_OVERVIEW_PAGE (thr_window_get_page_widget (window, "overview"));
  thr_overview_page_get_counts (overview, counts);
  for (guint s = 0; s < 4; s++)
    g_assert_cmpuint (counts[s], ==, want[s]);
  g_assert_cmpuint (counts[THR_STATUS_MET] + counts[THR_STATUS_MISSED], ==, 51);

  /* The grid has every metric, and C.6's 2019-12 cell says what the evaluator says. */
  grid = THR_GRID_WIDGET (thr_overview_page_get_grid (overview));
  g_assert_cmpuint (thr_grid_widget_get_n_rows (grid), ==, 51);
  for (guint r = 0; r < 51; r++)
    if (g_str_equal (thr_grid_widget_get_metric (grid, r), "C.6"))
      c6_row = r;
  g_assert_cmpint (c6_row, >=, 0);
  for (guint i = 0; i < expected->len; i++)
    {
      ThrResult *result = g_ptr_array_index (expected, i);
      if (g_str_equal (result->metric->id, "C.6"))
        g_assert_cmpint (thr_grid_widget_get_status (grid, c6_row, last), ==, result->status);
    }
  thr_test_render_png (window, "overview");

  /* The grid tells assistive technology the month's counts, which metrics
   * missed, and the selected cell (read back through GTK's test
   * accessibility backend, GTK_A11Y=test). */
  {
    g_autoptr(GString) want_text = g_string_new (NULL);
    g_autofree char *mismatch = NULL;
    gboolean any = FALSE;

    g_string_printf (want_text, "51 metrics over 24 months. 2019-12: %u met, %u missed, %u pending, %u without data.",
                     counts[THR_STATUS_MET], counts[THR_STATUS_MISSED], counts[THR_STATUS_PENDING],
                     counts[THR_STATUS_NO_DATA]);
    for (guint r = 0; r < 51; r++)
      if (thr_grid_widget_get_status (grid, r, last) == THR_STATUS_MISSED)
        {
          g_string_append (want_text, any ? ", " : " Missed: ");
          g_string_append (want_text, thr_grid_widget_get_metric (grid, r));
          any = TRUE;
        }
    if (any)
      g_string_append_c (want_text, '.');
    g_string_append_printf (want_text, " Selected: A.1.a in 2019-12, %s.",
                            thr_grid_widget_get_status (grid, 0, last) == THR_STATUS_MET ? "met" : "missed");
    mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                   want_text->str);
    g_assert_null (mismatch);
  }

  /* The keyboard reaches every cell: from A.1.a in the chosen month, two
   * rows down and one month back, then Enter opens that metric and month. */
  gtk_widget_activate_action (GTK_WIDGET (grid), "grid.move", "(ii)", 2, -1);
  gtk_widget_activate_action (GTK_WIDGET (grid), "grid.activate", NULL);
  g_assert_cmpstr (thr_window_get_page (window), ==, "metric");
  g_assert_cmpstr (thr_metric_page_get_metric (THR_METRIC_PAGE (thr_window_get_page_widget (window, "metric"))),
                   ==, thr_grid_widget_get_metric (grid, 2));
  g_assert_cmpint (thr_window_get_month (window), ==, last - 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  g_assert_cmpstr (thr_window_get_page (window), ==, "overview");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-month", NULL);
  g_assert_cmpint (thr_window_get_month (window), ==, last);

  /* Months move through their actions and stop at the ends. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-month", NULL);
  g_assert_cmpint (thr_window_get_month (window), ==, last - 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-month", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-month", NULL);
  g_assert_cmpint (thr_window_get_month (window), ==, last);

  /* A metric and month, as a grid cell opens them. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-metric", "(si)", "A.5.a", (gint32) 3);
  g_assert_cmpstr (thr_window_get_page (window), ==, "metric");
  metric_page = THR_METRIC_PAGE (thr_window_get_page_widget (window, "metric"));
  g_assert_cmpstr (thr_metric_page_get_metric (metric_page), ==, "A.5.a");
  g_assert_cmpuint (thr_metric_page_get_n_values (metric_page), ==, 24);
  readout_before = thr_metric_page_get_readout (metric_page);
  g_assert_nonnull (readout_before);
  g_assert_true (g_str_has_prefix (readout_before, "April 2018"));
  g_assert_nonnull (strstr (readout_before, " s"));  /* ASA is in seconds */
  /* The explanation, written when the page shows it, is the evaluator's. */
  {
    g_autoptr(GPtrArray) april = evaluate_independently ("2018-04");

    g_assert_cmpstr (thr_metric_page_get_explanation (metric_page), ==,
                     thr_results_find_worst (april, "A.5.a")->explanation);
  }
  thr_test_render_png (window, "metric");
  /* The keyboard moves the chart's point; the readout follows. */
  gtk_widget_activate_action (thr_metric_page_get_chart (metric_page), "chart.move", "i", -1);
  readout = g_strdup (thr_metric_page_get_readout (metric_page));
  g_assert_true (g_str_has_prefix (readout, "March 2018"));
  {
    g_autoptr(GPtrArray) march = evaluate_independently ("2018-03");

    g_assert_cmpstr (thr_metric_page_get_explanation (metric_page), ==,
                     thr_results_find_worst (march, "A.5.a")->explanation);
    /* a weekly metric's month, its weeks named */
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-metric", "(si)", "A.5.d", (gint32) 2);
    g_assert_cmpstr (thr_metric_page_get_explanation (metric_page), ==,
                     thr_results_find_worst (march, "A.5.d")->explanation);
    g_assert_nonnull (strstr (thr_metric_page_get_explanation (metric_page), "week"));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-metric", "(si)", "A.5.a", (gint32) 2);
  }
  /* The chart is an image to assistive technology, named after the
   * metric, whose description states its values and the selected point. */
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (thr_metric_page_get_chart (metric_page)),
                                               GTK_ACCESSIBLE_ROLE_IMG));
  {
    guint chart_counts[4] = { 0 };
    g_autoptr(GString) missed = g_string_new (NULL);
    g_autofree char *want_text = NULL;
    g_autofree char *mismatch = NULL;
    g_autofree char *label = NULL;

    for (guint m = 0; m < 24; m++)
      {
        const ThrResult *result = thr_session_get_result (session, m, "A.5.a");

        chart_counts[result->status]++;
        if (result->status == THR_STATUS_MISSED)
          g_string_append_printf (missed, " %s", thr_session_get_month (session, m));
      }
    want_text = g_strdup_printf ("A.5.a over 24 months: %u met, %u missed, %u pending, %u without data. Missed:%s %s",
                                 chart_counts[THR_STATUS_MET], chart_counts[THR_STATUS_MISSED],
                                 chart_counts[THR_STATUS_PENDING], chart_counts[THR_STATUS_NO_DATA],
                                 missed->len ? missed->str : " none", readout);
    mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (thr_metric_page_get_chart (metric_page)),
                                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, want_text);
    g_assert_null (mismatch);
    label = g_strdup_printf ("Trend of %s", thr_contract_find_metric (thr_session_get_contract (session), "A.5.a")->title);
    g_clear_pointer (&mismatch, g_free);
    mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (thr_metric_page_get_chart (metric_page)),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL, label);
    g_assert_null (mismatch);
  }
  /* A.1.a in 2018-04 (missed): the records behind the recomputed figure
   * are as many as its denominator less its numerator, and export. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-metric", "(si)", "A.1.a", (gint32) 3);
  {
    const ThrResult *result = thr_session_get_result (session, 3, "A.1.a");
    g_autofree char *csv_path = g_build_filename (tmp_dir, dark ? "missed-dark.csv" : "missed.csv", NULL);
    g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    GPtrArray *records;

    g_assert_cmpint (result->status, ==, THR_STATUS_MISSED);
    g_assert_true (result->computed.present && result->computed.has_ratio);
    g_assert_null (thr_metric_page_get_records (metric_page));
    gtk_widget_activate_action (GTK_WIDGET (metric_page), "metric.list-records", NULL);
    records = thr_metric_page_get_records (metric_page);
    g_assert_nonnull (records);
    g_assert_cmpuint (records->len, ==, (guint) (result->computed.denominator - result->computed.numerator));
    g_assert_cmpuint (records->len, >, 0);
    thr_test_render_png (window, "metric-missed");
    g_assert_true (thr_metric_page_write_records (metric_page, csv, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (csv_path, &text, NULL, NULL));
    lines = g_strsplit (text, "\r\n", -1);
    g_assert_cmpstr (lines[0], ==, "task_id,type,received,deadline,completed,days_late");
    g_assert_cmpuint (g_strv_length (lines), ==, records->len + 2);
  }

  /* Back returns to where the metric was opened from. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  g_assert_cmpstr (thr_window_get_page (window), ==, "overview");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "metrics");
  g_assert_cmpstr (thr_window_get_page (window), ==, "metrics");
  g_assert_cmpuint (thr_metrics_page_get_n_rows (THR_METRICS_PAGE (thr_window_get_page_widget (window, "metrics"))), ==, 51);
  /* …for the month the metric was opened in (2018-04), as the overview counts it. */
  g_assert_cmpint (thr_window_get_month (window), ==, 3);
  thr_overview_page_get_counts (overview, counts);
  g_assert_cmpuint (thr_metrics_page_get_n_missed (THR_METRICS_PAGE (thr_window_get_page_widget (window, "metrics"))),
                    ==, counts[THR_STATUS_MISSED]);
  g_assert_cmpuint (counts[THR_STATUS_MISSED], >, 0);
  thr_test_render_png (window, "metrics");

  consequence_pages (window, dark);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "imports");
  g_assert_cmpstr (thr_window_get_page (window), ==, "imports");
  g_assert_cmpuint (thr_imports_page_get_n_imports (THR_IMPORTS_PAGE (thr_window_get_page_widget (window, "imports"))), ==, 4);
  thr_test_render_png (window, "imports");

  /* Narrow: the leaflet folds and the content keeps working. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  /* The X server confirms the new size when it gets to it: several hundred
   * milliseconds under the sanitizers on a busy machine. */
  if (!g_getenv ("THR_DEBUG_WIDTH"))
    thr_test_wait_for (window_is_narrow, window);
  else
    {
      GtkWidget *w = thr_window_get_page_widget (window, "overview");

      thr_test_wait_for_frame (window);
      for (; w; w = gtk_widget_get_parent (w))
        {
          int min, nat;
          gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          g_printerr ("%s min %d nat %d\n", G_OBJECT_TYPE_NAME (w), min, nat);
          for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
            {
              gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
              g_printerr ("   child %s min %d\n", G_OBJECT_TYPE_NAME (c), min);
            }
        }
    }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  thr_test_render_png (window, "overview-narrow");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-metric", "(si)", "A.2.c", (gint32) last);
  thr_test_render_png (window, "metric-narrow");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  thr_test_wait_for (thr_test_window_settled, window);
  thr_test_render_png (window, "sidebar-narrow");
  thr_test_close_window (window);

  /* The month shown last comes back with the next window. */
  last_month = g_settings_get_string (settings, "last-month");
  g_assert_cmpstr (last_month, ==, "2019-12");
  g_settings_set_string (settings, "last-month", "2018-04");
  window = thr_test_open_window (demo_db, 1366, 768);
  g_assert_cmpstr (thr_session_get_month (thr_window_get_session (window), thr_window_get_month (window)), ==, "2018-04");
  thr_test_close_window (window);

  /* ...but only to its own store: another opens on its latest month. */
  g_settings_set_string (settings, "last-store", "/elsewhere/another.db");
  window = thr_test_open_window (demo_db, 1366, 768);
  g_assert_cmpstr (thr_session_get_month (thr_window_get_session (window), thr_window_get_month (window)), ==, "2019-12");
  thr_test_close_window (window);
  g_settings_reset (settings, "last-store");
}

static void
test_window_pages_light (void)
{
  pages_for_style (FALSE);
}

static void
test_window_pages_dark (void)
{
  pages_for_style (TRUE);
}

static void
test_window_empty_states (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "empty.db", NULL);
  ThrWindow *window;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = thr_test_open_window (path, 1366, 768);
  g_assert_cmpstr (thr_window_get_page (window), ==, "no-contract");
  thr_test_render_png (window, "no-contract");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-contract", "s", "rfp-16-102");
  thr_test_wait_for (thr_test_window_complete, window);
  g_assert_cmpint (thr_session_get_contract_id (thr_window_get_session (window)), !=, 0);
  g_assert_cmpstr (thr_window_get_page (window), ==, "no-data");
  thr_test_render_png (window, "no-data");
  thr_test_close_window (window);
}

static gboolean
load_failed (gpointer window)
{
  return !thr_window_get_loading (window);
}

/* The sidebar's list of pages (its first row is the overview's). */
static GtkListBox *
find_sidebar_list (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget) && gtk_widget_get_first_child (widget) != NULL &&
      g_strcmp0 (gtk_widget_get_name (gtk_widget_get_first_child (widget)), "overview") == 0)
    return GTK_LIST_BOX (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkListBox *list = find_sidebar_list (child);

      if (list != NULL)
        return list;
    }
  return NULL;
}

static GtkListBoxRow *
sidebar_selected_row (GtkWidget *window)
{
  GtkListBox *list = find_sidebar_list (window);

  g_assert_nonnull (list);
  return gtk_list_box_get_selected_row (list);
}

/* A file that is not a store: the error page says why and leads on, and
 * the sidebar highlights no page, since none can be shown. */
static void
test_window_not_a_store (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "not-a-store.db", NULL);
  ThrWindow *window;
  AdwStatusPage *page;
  GtkWidget *card;

  g_assert_true (g_file_set_contents (path, "metric,period,value\nA.1.a,2018-01,99\n", -1, NULL));
  window = thr_window_new (NULL, path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  thr_test_wait_for (load_failed, window);
  g_assert_null (thr_window_get_session (window));
  g_assert_cmpstr (thr_window_get_page (window), ==, "error");
  g_assert_null (sidebar_selected_row (GTK_WIDGET (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "metrics");
  g_assert_cmpstr (thr_window_get_page (window), ==, "error");
  /* Neither the page the window opened on nor the one asked for. */
  g_assert_null (sidebar_selected_row (GTK_WIDGET (window)));
  /* The header bar names the store that failed, not a page. */
  thr_test_wait_for_frame (window);
  g_assert_cmpstr (thr_test_content_title (GTK_WIDGET (window)), ==, "not-a-store.db");
  /* Our words name the file, not its path; the core's sentence, which
   * says what to do, is quoted under the buttons. */
  page = thr_test_find_status_page (GTK_WIDGET (window), "This Store Cannot Be Opened");
  g_assert_nonnull (page);
  g_assert_true (g_str_has_prefix (adw_status_page_get_description (page),
                                   "“not-a-store.db” is not a Threshold store, or it is damaged."));
  g_assert_null (strstr (adw_status_page_get_description (page), tmp_dir));
  card = g_object_get_data (G_OBJECT (page), "thr-quote-card");
  g_assert_nonnull (card);
  g_assert_true (g_str_has_prefix (thr_alert_quote_card_get_text (card), path));
  g_assert_nonnull (strstr (thr_alert_quote_card_get_text (card), "is not a Threshold store"));
  thr_test_render_png (window, "error");
  thr_test_close_window (window);
}

static gboolean
window_reloaded (gpointer window)
{
  return thr_test_window_complete (window) && thr_session_get_n_months (thr_window_get_session (window)) == 25;
}

static gboolean
undo_toast_shown (gpointer window)
{
  return thr_window_get_undo_toast (window) != NULL;
}

static ThrSession *old_session;

/* The window holds another session than old_session, fully loaded. */
static gboolean
reloaded_since (gpointer window)
{
  return thr_test_window_complete (window) && thr_window_get_session (window) != old_session;
}

static gboolean
window_months_24 (gpointer window)
{
  return thr_test_window_complete (window) && thr_session_get_n_months (thr_window_get_session (window)) == 24;
}

static void
test_window_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *good = g_build_filename (tmp_dir, "report-2020-01.csv", NULL);
  g_autofree char *bad = g_build_filename (tmp_dir, "bad.csv", NULL);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autofree char *replace = g_build_filename (tmp_dir, "report-2018-04.csv", NULL);
  g_autoptr(GFile) replace_file = g_file_new_for_path (replace);
  ThrWindow *window;
  GtkWindow *dialog;
  GtkWidget *alert;
  AdwToast *toast;
  g_autoptr(GVariant) undo_target = NULL;
  gint64 import_id;

  {
    g_autoptr(ThrStore) demo = thr_store_open (demo_db, &error);

    g_assert_no_error (error);
    copy = thr_test_store_copy (demo, tmp_dir, "import.db");
  }
  g_assert_true (g_file_set_contents (good, "metric,period,numerator,denominator\nA.1.a,2020-01,96,100\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "metric,period,numerator,denominator\nA.1.a,2020-13,96,100\n", -1, NULL));
  g_assert_true (g_file_set_contents (replace, "metric,period,numerator,denominator\nA.1.a,2018-04,96,100\n", -1, NULL));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = thr_test_open_window (copy, 1366, 768);

  /* A bad file: every problem, with its row and column; nothing written. */
  dialog = thr_window_import_file (window, bad_file);
  g_assert_nonnull (dialog);
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_assert_cmpstr (thr_import_dialog_get_step (THR_IMPORT_DIALOG (dialog)), ==, "failed");
  g_assert_nonnull (strstr (thr_import_dialog_get_summary (THR_IMPORT_DIALOG (dialog)), "nothing was written"));
  /* Said as a person reads it, the bad cell marked, no path. */
  g_assert_true (g_str_has_prefix (thr_import_dialog_get_details (THR_IMPORT_DIALOG (dialog)), "Row 2, column period: "));
  g_assert_null (strstr (thr_import_dialog_get_details (THR_IMPORT_DIALOG (dialog)), tmp_dir));
  g_assert_true (thr_import_dialog_is_cell_marked (THR_IMPORT_DIALOG (dialog), 2, 2));
  g_assert_false (thr_import_dialog_is_cell_marked (THR_IMPORT_DIALOG (dialog), 2, 1));
  thr_test_render_png (GTK_WIDGET (dialog), "import-failed");
  gtk_window_destroy (dialog);

  /* A figure for a month imported before: said before anything is written. */
  dialog = thr_window_import_file (window, replace_file);
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_assert_cmpstr (thr_import_dialog_get_step (THR_IMPORT_DIALOG (dialog)), ==, "preview");
  g_assert_true (g_str_has_prefix (thr_import_dialog_get_details (THR_IMPORT_DIALOG (dialog)),
                                   "Importing replaces 1 reported figure imported before"));
  thr_test_render_png (GTK_WIDGET (dialog), "import-replaces");
  gtk_window_destroy (dialog);

  /* A good file: the preview counts its rows, then the import adds a month. */
  dialog = thr_window_import_file (window, good_file);
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_assert_cmpstr (thr_import_dialog_get_step (THR_IMPORT_DIALOG (dialog)), ==, "preview");
  g_assert_nonnull (strstr (thr_import_dialog_get_summary (THR_IMPORT_DIALOG (dialog)), "1 row"));
  g_assert_cmpuint (thr_import_dialog_get_n_preview_rows (THR_IMPORT_DIALOG (dialog)), ==, 1);
  /* How it is read: the detected profile, the kind, the four columns. */
  g_assert_cmpstr (thr_import_dialog_get_profile (THR_IMPORT_DIALOG (dialog)), ==, "canonical-metric-report");
  g_assert_cmpstr (thr_import_dialog_get_kind (THR_IMPORT_DIALOG (dialog)), ==, "metric-report");
  g_assert_cmpuint (thr_import_dialog_get_n_mapped_columns (THR_IMPORT_DIALOG (dialog)), ==, 4);
  g_assert_null (thr_import_dialog_get_sheets (THR_IMPORT_DIALOG (dialog)));
  thr_test_render_png (GTK_WIDGET (dialog), "import-preview");
  g_assert_cmpuint (thr_session_get_n_months (thr_window_get_session (window)), ==, 24);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);

  /* The toast says what changed.  It is read as soon as the import has
   * committed: it goes after 10 s, which the reload that follows can take
   * under the sanitizers on a busy machine. */
  thr_test_wait_for (undo_toast_shown, window);
  toast = thr_window_get_undo_toast (window);
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "Imported 1 row of metric-report"));
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.undo-import");
  undo_target = g_variant_ref (adw_toast_get_action_target_value (toast));
  import_id = g_variant_get_int64 (undo_target);

  thr_test_wait_for (window_reloaded, window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "imports");
  g_assert_cmpuint (thr_imports_page_get_n_imports (THR_IMPORTS_PAGE (thr_window_get_page_widget (window, "imports"))), ==, 5);
  g_assert_cmpstr (thr_session_get_month (thr_window_get_session (window), 24), ==, "2020-01");
  thr_test_render_png (window, "imports-after");

  /* Its Undo undoes the import through the core. */
  g_assert_cmpint (import_id, ==, thr_test_store_newest_import (copy));
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.undo-import", undo_target);
  /* Dismissed at once (if it has not gone already): its Undo cannot be
   * pressed twice. */
  g_assert_null (thr_window_get_undo_toast (window));
  thr_test_wait_for (window_months_24, window);
  g_assert_cmpint (thr_test_store_newest_import (copy), <, import_id);
  g_assert_cmpint (thr_session_find_month (thr_window_get_session (window), "2020-01"), <, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "imports");
  g_assert_cmpuint (thr_imports_page_get_n_imports (THR_IMPORTS_PAGE (thr_window_get_page_widget (window, "imports"))), ==, 4);

  /* A history row asks first; Cancel keeps the import, Undo removes it. */
  import_id = thr_test_store_newest_import (copy);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.ask-undo-import", "x", import_id);
  alert = thr_test_find_alert ();
  g_assert_nonnull (alert);
  thr_test_render_png (alert, "undo-confirm");
  thr_alert_respond (alert, "cancel");
  thr_test_wait_for (no_alert, NULL);
  g_assert_false (thr_window_get_loading (window));
  g_assert_cmpint (thr_test_store_newest_import (copy), ==, import_id);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.ask-undo-import", "x", import_id);
  alert = thr_test_find_alert ();
  g_assert_nonnull (alert);
  /* Kept alive, so that a new session cannot take its address. */
  old_session = g_object_ref (thr_window_get_session (window));
  thr_alert_respond (alert, "undo");
  thr_test_wait_for (reloaded_since, window);
  g_clear_object (&old_session);
  g_assert_cmpint (thr_test_store_newest_import (copy), <, import_id);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "imports");
  g_assert_cmpuint (thr_imports_page_get_n_imports (THR_IMPORTS_PAGE (thr_window_get_page_widget (window, "imports"))), ==, 3);
  thr_test_close_window (window);
}

/* One task the store holds, written out again as a file would bring it. */
static void
write_task_from_store (const char *db_path,
                       const char *csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (db_path, &error);
  g_autofree char *text = NULL;
  ThrDbStmt *stmt;
  int y, m, d;

  g_assert_no_error (error);
  stmt = thr_store_statement (store, "SELECT task_id, type, received_day FROM tasks ORDER BY id LIMIT 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (thr_db_stmt_step (stmt, &error), ==, THR_DB_ROW);
  thr_day_to_ymd ((guint32) thr_db_stmt_column_int64 (stmt, 2), &y, &m, &d);
  text = g_strdup_printf ("task_id,type,received,completed\r\n%s,%s,%04d-%02d-%02d,\r\n",
                          thr_db_stmt_column_text (stmt, 0), thr_db_stmt_column_text (stmt, 1), y, m, d);
  thr_db_stmt_reset (stmt);
  g_assert_true (g_file_set_contents (csv, text, -1, NULL));
}

static gboolean
dialog_checking (gpointer dialog)
{
  return g_str_equal (thr_import_dialog_get_step (dialog), "checking");
}

/* Choosing another profile or sheet checks the file again, and nothing
 * is written until Import. */
static void
test_window_import_choices (void)
{
  g_autofree char *report = g_build_filename (tmp_dir, "report-choices.csv", NULL);
  g_autoptr(GFile) report_file = g_file_new_for_path (report);
  g_autofree char *again = g_build_filename (tmp_dir, "tasks-again.csv", NULL);
  g_autoptr(GFile) again_file = g_file_new_for_path (again);
  g_autofree char *unknown = g_build_filename (tmp_dir, "unknown-header.csv", NULL);
  g_autoptr(GFile) unknown_file = g_file_new_for_path (unknown);
  g_autoptr(GFile) workbook = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "import", "tasks-1904.xlsx", NULL));
  gint64 before = thr_test_store_newest_import (demo_db);
  ThrImportDialog *dialog;
  ThrWindow *window;
  const char * const *sheets;

  g_assert_true (g_file_set_contents (report, "metric,period,numerator,denominator\nA.1.a,2020-01,96,100\n", -1, NULL));
  write_task_from_store (demo_db, again);
  g_assert_true (g_file_set_contents (unknown, "colour,flavour\nblue,mint\n", -1, NULL));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = thr_test_open_window (demo_db, 1366, 768);

  /* A profile of another kind cannot read the header; detection again can. */
  dialog = THR_IMPORT_DIALOG (thr_window_import_file (window, report_file));
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_assert_cmpstr (thr_import_dialog_get_step (dialog), ==, "preview");
  thr_import_dialog_choose_profile (dialog, "canonical-calls");
  g_assert_cmpstr (thr_import_dialog_get_step (dialog), ==, "checking");
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_assert_cmpstr (thr_import_dialog_get_step (dialog), ==, "failed");
  g_assert_cmpstr (thr_import_dialog_get_kind (dialog), ==, "calls");
  g_assert_nonnull (strstr (thr_import_dialog_get_summary (dialog), "nothing was written"));
  thr_test_render_png (GTK_WIDGET (dialog), "import-other-profile");
  thr_import_dialog_choose_profile (dialog, NULL);
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_assert_cmpstr (thr_import_dialog_get_step (dialog), ==, "preview");
  g_assert_cmpstr (thr_import_dialog_get_profile (dialog), ==, "canonical-metric-report");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A workbook: its first sheet holds notes; the "Tasks" sheet holds tasks. */
  dialog = THR_IMPORT_DIALOG (thr_window_import_file (window, workbook));
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  sheets = thr_import_dialog_get_sheets (dialog);
  g_assert_nonnull (sheets);
  g_assert_cmpstr (sheets[0], ==, "Notes");
  g_assert_cmpstr (sheets[1], ==, "Tasks");
  g_assert_null (sheets[2]);
  g_assert_cmpstr (thr_import_dialog_get_step (dialog), ==, "failed");
  thr_import_dialog_choose_sheet (dialog, "Tasks");
  g_assert_true (dialog_checking (dialog));
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_assert_cmpstr (thr_import_dialog_get_step (dialog), ==, "preview");
  g_assert_cmpstr (thr_import_dialog_get_kind (dialog), ==, "tasks");
  g_assert_cmpuint (thr_import_dialog_get_n_preview_rows (THR_IMPORT_DIALOG (dialog)), ==, 2);
  g_assert_nonnull (strstr (thr_import_dialog_get_summary (dialog), "2 rows of tasks"));
  thr_test_render_png (GTK_WIDGET (dialog), "import-sheet");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A header no profile reads: the dialog says where to choose one, in
   * its own words, never with a command-line option. */
  dialog = THR_IMPORT_DIALOG (thr_window_import_file (window, unknown_file));
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_assert_cmpstr (thr_import_dialog_get_step (dialog), ==, "failed");
  g_assert_nonnull (strstr (thr_import_dialog_get_details (dialog), "cannot tell what this file holds"));
  g_assert_nonnull (strstr (thr_import_dialog_get_details (dialog), "“How the File Is Read”"));
  g_assert_null (strstr (thr_import_dialog_get_details (dialog), "--"));
  thr_test_render_png (GTK_WIDGET (dialog), "import-unknown-header");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Tasks the store holds already: refused, naming the earlier import,
   * until the user chooses to replace them with the dialog's switch. */
  dialog = THR_IMPORT_DIALOG (thr_window_import_file (window, again_file));
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_assert_cmpstr (thr_import_dialog_get_step (dialog), ==, "failed");
  g_assert_nonnull (strstr (thr_import_dialog_get_details (dialog), "was imported before"));
  g_assert_nonnull (strstr (thr_import_dialog_get_details (dialog), "“Replace Records Imported Before”"));
  g_assert_null (strstr (thr_import_dialog_get_details (dialog), "--"));
  thr_import_dialog_set_replace_duplicates (dialog, TRUE);
  g_assert_true (dialog_checking (dialog));
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_assert_cmpstr (thr_import_dialog_get_step (dialog), ==, "preview");
  g_assert_nonnull (strstr (thr_import_dialog_get_summary (dialog), "1 row of tasks"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Only checks: the store holds no new import. */
  g_assert_cmpint (thr_test_store_newest_import (demo_db), ==, before);
  thr_test_close_window (window);
}

/* "Open the Demo" from an empty store generates the demo store under
 * $XDG_DATA_HOME (the build directory here) and opens it. */
static void
test_window_open_demo (void)
{
  g_autofree char *empty = g_build_filename (tmp_dir, "empty-for-demo.db", NULL);
  g_autofree char *demo = g_build_filename (g_get_user_data_dir (), "threshold", "demo.db", NULL);
  g_autofree char *wal = g_strconcat (demo, "-wal", NULL);
  g_autofree char *shm = g_strconcat (demo, "-shm", NULL);
  ThrWindow *window;

  g_assert_true (g_str_has_prefix (demo, g_getenv ("G_TEST_BUILDDIR")));
  g_unlink (demo);
  g_unlink (wal);
  g_unlink (shm);
  window = thr_test_open_window (empty, 1366, 768);
  g_assert_cmpstr (thr_window_get_page (window), ==, "no-contract");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL);
  g_assert_cmpstr (thr_window_get_page (window), ==, "loading");
  thr_test_wait_for (thr_test_window_complete, window);
  g_assert_cmpstr (thr_session_get_path (thr_window_get_session (window)), ==, demo);
  g_assert_cmpstr (thr_window_get_page (window), ==, "overview");
  g_assert_cmpuint (thr_session_get_n_months (thr_window_get_session (window)), ==, 24);
  thr_test_close_window (window);
}

/* A "today" inside the latest month makes its monthly metrics pending. */
static void
test_window_today_override (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.thresholdapp.Threshold");
  ThrWindow *window;
  ThrOverviewPage *overview;
  guint counts[4];

  g_settings_reset (settings, "last-month");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = thr_test_open_window (demo_db, 1366, 768);
  overview = THR_OVERVIEW_PAGE (thr_window_get_page_widget (window, "overview"));
  thr_overview_page_get_counts (overview, counts);
  g_assert_cmpuint (counts[THR_STATUS_PENDING], ==, 0);

  /* What the preferences window writes; the window reloads by itself. */
  g_settings_set_string (settings, "today-override", "2019-12-15");
  g_assert_true (thr_window_get_loading (window));
  thr_test_wait_for (thr_test_window_complete, window);
  thr_overview_page_get_counts (overview, counts);
  g_assert_cmpstr (thr_session_get_month (thr_window_get_session (window), thr_window_get_month (window)), ==, "2019-12");
  g_assert_cmpuint (counts[THR_STATUS_PENDING], >, 40);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  {
    GtkWidget *top = thr_test_wait_for_preferences ();

    thr_test_render_png (top, "preferences");
    thr_test_close_preferences (top);
  }
  g_settings_reset (settings, "today-override");
  thr_test_close_window (window);
}

static GtkWidget *
find_combo_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_COMBO_ROW (widget) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_combo_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Deadlines on a day that CALENDAR_ID closes, counted here. */
static guint
closed_deadlines (ThrSession *session,
                  const char *calendar_id)
{
  g_autoptr(ThrCalendar) calendar = thr_calendar_load_builtin (calendar_id, NULL);
  GPtrArray *items = thr_session_get_deadlines (session);
  guint n = 0;

  g_assert_nonnull (calendar);
  for (guint i = 0; i < items->len; i++)
    if (!thr_calendar_is_business_day (calendar, ((ThrDeadlineItem *) g_ptr_array_index (items, i))->day))
      n++;
  return n;
}

/* The number format and the holiday calendar, from GSettings and from the
 * preferences window's rows. */
static void
assert_setting (GSettings  *settings,
                const char *key,
                const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_window_preferences_format (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.thresholdapp.Threshold");
  g_autofree char *comma_point = NULL;
  ThrWindow *window;
  ThrOverviewPage *overview;
  ThrDeadlinesPage *deadlines;
  GtkWidget *preferences = NULL, *row;
  ThrLedgerTotals month_money, to_date;
  const char *text;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = thr_test_open_window (demo_db, 1366, 768);
  overview = THR_OVERVIEW_PAGE (thr_window_get_page_widget (window, "overview"));
  thr_overview_page_get_money (overview, &month_money, &to_date);
  g_assert_cmpint (to_date.withheld, >=, 100000);

  /* C.UTF-8 groups nothing, so the locale format still groups with commas. */
  comma_point = g_strdup (thr_overview_page_get_money_text (overview, 4));
  g_assert_nonnull (strstr (comma_point, ","));
  g_assert_nonnull (strstr (comma_point, "."));
  g_assert_cmpint (strrchr (comma_point, '.') - comma_point, >, strrchr (comma_point, ',') - comma_point);

  g_settings_set_string (settings, "number-format", "point-comma");
  text = thr_overview_page_get_money_text (overview, 4);
  g_assert_cmpstr (text, !=, comma_point);
  g_assert_cmpint (strrchr (text, ',') - text, >, strrchr (text, '.') - text);
  g_assert_cmpint (strlen (text), ==, strlen (comma_point));
  thr_test_render_png (window, "overview-point-comma");

  /* The preferences window's row writes the key. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  preferences = thr_test_wait_for_preferences ();
  g_assert_nonnull (preferences);
  row = find_combo_row (preferences, "_Number Format");
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  assert_setting (settings, "number-format", "comma-point");
  g_assert_cmpstr (thr_overview_page_get_money_text (overview, 4), ==, comma_point);

  /* The holiday calendar marks deadlines; the contract's is Indiana's. */
  deadlines = THR_DEADLINES_PAGE (thr_window_get_page_widget (window, "deadlines"));
  g_assert_cmpuint (thr_deadlines_page_get_n_marked (deadlines), ==,
                    closed_deadlines (thr_window_get_session (window), "indiana"));
  row = find_combo_row (preferences, "_Holiday Calendar");
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  thr_test_render_png (preferences, "preferences-format");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  assert_setting (settings, "holiday-calendar", "missouri");
  g_assert_cmpuint (thr_deadlines_page_get_n_marked (deadlines), ==,
                    closed_deadlines (thr_window_get_session (window), "missouri"));
  g_assert_cmpuint (thr_deadlines_page_get_n_marked (deadlines), >, 0);
  thr_test_close_preferences (preferences);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "deadlines");
  thr_test_render_png (window, "deadlines-missouri");

  g_settings_reset (settings, "number-format");
  g_settings_reset (settings, "holiday-calendar");
  thr_test_close_window (window);
}

static GtkWidget *
find_row (GtkWidget  *widget,
          GType       type,
          const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button_by_tooltip (GtkWidget  *widget,
                        const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_by_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
open_preferences (ThrWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  return thr_test_wait_for_preferences ();
}

/* Every control of the preferences window has a name a screen reader
 * says (test-window-es checks the same in Spanish). */
static void
test_window_preferences_named (void)
{
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  GtkWidget *preferences = open_preferences (window);

#if ADW_CHECK_VERSION (1, 5, 0)
  /* The HIG's dialog, inside the main window. */
  g_assert_true (ADW_IS_PREFERENCES_DIALOG (preferences));
  g_assert_true (gtk_widget_get_root (preferences) == GTK_ROOT (window));
#else
  /* libadwaita 1.2: a window of its own over the main window. */
  g_assert_true (ADW_IS_PREFERENCES_WINDOW (preferences));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (preferences)));
#endif
  thr_test_wait_for_frame (preferences);
  thr_test_assert_controls_named (preferences);
  thr_test_close_preferences (preferences);
  thr_test_close_window (window);
}

static guint
deadlines_marked (ThrWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "deadlines");
  thr_test_wait_for_frame (window);
  return thr_deadlines_page_get_n_marked (THR_DEADLINES_PAGE (thr_window_get_page_widget (window, "deadlines")));
}

/* Preferences › Closures writes a closure into the store; the window
 * evaluates again and the deadline on that day is marked as falling on a
 * closed day.  Removing it puts everything back. */
static void
test_window_preferences_closures (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.thresholdapp.Threshold");
  ThrWindow *window;
  GtkWidget *preferences, *date_row, *reason_row, *remove;
  g_autoptr(GPtrArray) closures = NULL;
  g_autofree char *date = NULL;
  ThrCalendar *calendar;
  GPtrArray *items;
  guint32 day = 0;
  guint before, on_day = 0;

  g_settings_reset (settings, "holiday-calendar");
  window = thr_test_open_window (demo_db, 1366, 768);
  before = deadlines_marked (window);
  /* A deadline on a business day of the contract's calendar. */
  calendar = thr_store_load_calendar (thr_session_get_store (thr_window_get_session (window)), "indiana", NULL);
  items = thr_session_get_deadlines (thr_window_get_session (window));
  for (guint i = 0; i < items->len && day == 0; i++)
    {
      guint32 d = ((ThrDeadlineItem *) g_ptr_array_index (items, i))->day;
      int year;

      thr_day_to_ymd (d, &year, NULL, NULL);
      if (thr_calendar_is_business_day (calendar, d) && year <= thr_calendar_get_last_year (calendar))
        day = d;
    }
  g_object_unref (calendar);
  g_assert_cmpuint (day, !=, 0);
  for (guint i = 0; i < items->len; i++)
    on_day += ((ThrDeadlineItem *) g_ptr_array_index (items, i))->day == day;
  date = thr_day_format (day);

  preferences = open_preferences (window);
  date_row = find_row (preferences, ADW_TYPE_ENTRY_ROW, "Closed on (YYYY-MM-DD)");
  reason_row = find_row (preferences, ADW_TYPE_ENTRY_ROW, "Reason, such as the executive order");
  g_assert_nonnull (date_row);
  g_assert_nonnull (reason_row);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (gtk_widget_get_parent (date_row)))));
  gtk_editable_set_text (GTK_EDITABLE (date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (reason_row), "Closed by executive order");
  g_signal_emit_by_name (reason_row, "apply");
  closures = thr_store_list_closures (thr_session_get_store (thr_window_get_session (window)), "indiana", NULL);
  g_assert_cmpuint (closures->len, ==, 1);
  g_assert_cmpuint (((ThrStoreClosure *) g_ptr_array_index (closures, 0))->day, ==, day);
  g_assert_nonnull (find_row (preferences, ADW_TYPE_ACTION_ROW, date));
  thr_test_wait_for (thr_test_window_complete, window);
  g_assert_cmpuint (deadlines_marked (window), ==, before + on_day);
  thr_test_render_png (preferences, "preferences-closures");

  remove = find_button_by_tooltip (preferences, "Remove this closure");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  g_clear_pointer (&closures, g_ptr_array_unref);
  closures = thr_store_list_closures (thr_session_get_store (thr_window_get_session (window)), "indiana", NULL);
  g_assert_cmpuint (closures->len, ==, 0);
  thr_test_wait_for (thr_test_window_complete, window);
  g_assert_cmpuint (deadlines_marked (window), ==, before);
  thr_test_close_preferences (preferences);
  thr_test_close_window (window);
}

static gboolean
has_descendant (GtkWidget *widget,
                GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_descendant (child, type))
      return TRUE;
  return FALSE;
}

/* As has_descendant (), leaving out what is hidden (and all it holds). */
static gboolean
has_unhidden_descendant (GtkWidget *widget,
                         GType      type)
{
  if (!gtk_widget_get_visible (widget))
    return FALSE;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (has_unhidden_descendant (child, type))
      return TRUE;
  return FALSE;
}

/* Only the overview is built for the first frame; a page is built on its
 * first visit, with the session the window holds. */
static void
test_window_lazy_pages (void)
{
  GType later[] = { THR_TYPE_METRICS_PAGE, THR_TYPE_METRIC_PAGE, THR_TYPE_CAPS_PAGE,
                    THR_TYPE_DEADLINES_PAGE, THR_TYPE_LEDGER_PAGE, THR_TYPE_IMPORTS_PAGE };
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);

  g_assert_true (has_descendant (GTK_WIDGET (window), THR_TYPE_OVERVIEW_PAGE));
  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    g_assert_false (has_descendant (GTK_WIDGET (window), later[i]));
  /* Nor are the status pages but the loading page (this window was shown
   * while it loaded), hidden once the store is open: GTK styles every
   * child of a stack that is not hidden, the one it shows or not. */
  g_assert_false (has_unhidden_descendant (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE));
  {
    GtkStack *stack = GTK_STACK (gtk_widget_get_parent (thr_window_get_page_widget (window, "overview")));

    g_assert_null (gtk_stack_get_child_by_name (stack, "error"));
    g_assert_null (gtk_stack_get_child_by_name (stack, "no-contract"));
    g_assert_null (gtk_stack_get_child_by_name (stack, "no-data"));
  }
  /* The overview's groups and money cards wait for the consequences,
   * which come after the first frame; they are built when they come. */
  {
    GtkWidget *page = g_object_ref_sink (g_object_new (THR_TYPE_OVERVIEW_PAGE, NULL));

    g_assert_false (has_descendant (page, ADW_TYPE_PREFERENCES_GROUP));
    g_assert_cmpstr (thr_overview_page_get_money_text (THR_OVERVIEW_PAGE (page), 0), ==, "");
    /* Nor is the Export button below the grid shown before the page's
     * first frame is drawn; it is after. */
    g_assert_false (has_unhidden_descendant (page, GTK_TYPE_MENU_BUTTON));
    g_object_unref (page);
    g_assert_true (has_descendant (thr_window_get_page_widget (window, "overview"), ADW_TYPE_PREFERENCES_GROUP));
    g_assert_true (has_unhidden_descendant (thr_window_get_page_widget (window, "overview"), GTK_TYPE_MENU_BUTTON));
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "ledger");
  g_assert_cmpstr (thr_window_get_page (window), ==, "ledger");
  g_assert_true (has_descendant (GTK_WIDGET (window), THR_TYPE_LEDGER_PAGE));
  g_assert_false (has_descendant (GTK_WIDGET (window), THR_TYPE_CAPS_PAGE));
  /* Built late, it shows the session's ledger all the same. */
  g_assert_cmpint (thr_ledger_page_get_shown_total (THR_LEDGER_PAGE (thr_window_get_page_widget (window, "ledger")),
                                                    "2018-04", "withheld"), >, 0);
  thr_test_close_window (window);
}

static gboolean
window_shown_loaded (gpointer window)
{
  return gtk_widget_get_mapped (window) && thr_test_window_loaded (window);
}

static GtkStack *
window_stack (ThrWindow *window)
{
  return GTK_STACK (gtk_widget_get_parent (thr_window_get_page_widget (window, "overview")));
}

/* The loading page is built only when a window is shown before its store
 * has loaded: a window presented once it has (the application's way, when
 * the load takes less than the window waits) never builds it. */
static void
test_window_loading_page (void)
{
  ThrWindow *window = thr_window_new (NULL, demo_db);

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  thr_window_present_when_loaded (window, 60000);
  thr_test_wait_for (window_shown_loaded, window);
  g_assert_null (gtk_stack_get_child_by_name (window_stack (window), "loading"));
  g_assert_cmpstr (thr_window_get_page (window), ==, "overview");
  thr_test_wait_for (thr_test_window_complete, window);
  thr_test_close_window (window);

  /* Shown while it loads (the load's answer comes through the main loop,
   * which has not run): the page is built as the window is mapped. */
  window = thr_window_new (NULL, demo_db);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  g_assert_true (thr_window_get_loading (window));
  g_assert_null (gtk_stack_get_child_by_name (window_stack (window), "loading"));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (thr_window_get_loading (window));
  g_assert_cmpstr (thr_window_get_page (window), ==, "loading");
  thr_test_wait_for (thr_test_window_complete, window);
  g_assert_cmpstr (thr_window_get_page (window), ==, "overview");
  g_assert_false (gtk_widget_get_visible (gtk_stack_get_child_by_name (window_stack (window), "loading")));
  thr_test_close_window (window);
}

/* Relative dates read as the deadlines page writes them. */
static void
test_window_relative_days (void)
{
  guint32 today = thr_day_from_ymd (2019, 12, 15);
  struct { int delta; gboolean overdue; const char *text; } cases[] = {
    { 0, FALSE, "today" }, { 1, FALSE, "tomorrow" }, { 3, FALSE, "in 3 days" },
    { -1, TRUE, "1 day overdue" }, { -2, TRUE, "2 days overdue" }, { -1, FALSE, "yesterday" },
    { -5, FALSE, "5 days ago" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = thr_format_relative_day (today + cases[i].delta, today, cases[i].overdue);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  {
    g_autofree char *a = thr_format_money (123456789);
    g_autofree char *b = thr_format_money (-5);
    g_autofree char *c = thr_format_money (0);

    g_assert_cmpstr (a, ==, "$1,234,567.89");
    g_assert_cmpstr (b, ==, "−$0.05");
    g_assert_cmpstr (c, ==, "$0.00");
  }
}

/* The number formats, as thr-format writes every value in the window. */
static void
test_window_number_format (void)
{
  struct { ThrNumberFormat format; double value; int decimals; const char *text; } cases[] = {
    { THR_NUMBER_FORMAT_COMMA_POINT, 1234.5, 2, "1,234.50" },
    { THR_NUMBER_FORMAT_POINT_COMMA, 1234.5, 2, "1.234,50" },
    { THR_NUMBER_FORMAT_COMMA_POINT, 48000, -1, "48,000" },
    { THR_NUMBER_FORMAT_POINT_COMMA, 0.25, -1, "0,25" },
    { THR_NUMBER_FORMAT_COMMA_POINT, -1234567.891, 1, "−1,234,567.9" },
    { THR_NUMBER_FORMAT_COMMA_POINT, -0.004, 2, "0.00" },
    { THR_NUMBER_FORMAT_POINT_COMMA, 999.999, 2, "1.000,00" },
  };
  ThrNumberFormat kept = thr_format_get_number_format ();
  ThrNumberFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;

      thr_format_set_number_format (cases[i].format);
      text = thr_format_number (cases[i].value, cases[i].decimals);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
  thr_format_set_number_format (THR_NUMBER_FORMAT_POINT_COMMA);
  {
    g_autofree char *money = thr_format_money (-123456789);
    g_autofree char *percent = thr_format_value (THR_UNIT_PERCENT, 96.5);
    g_autofree char *seconds = thr_format_value (THR_UNIT_SECONDS, 1234.5);

    g_assert_cmpstr (money, ==, "−$1.234.567,89");
    g_assert_cmpstr (percent, ==, "96,50 %");
    g_assert_cmpstr (seconds, ==, "1.234,5 s");
  }
  g_assert_true (thr_format_number_format_from_string ("point-comma", &format));
  g_assert_cmpint (format, ==, THR_NUMBER_FORMAT_POINT_COMMA);
  g_assert_false (thr_format_number_format_from_string ("roman", &format));
  thr_format_set_number_format (kept);
}

/* The notification the app sends at start, checked through its seam
 * (thr_deadline_notification_text/new) rather than over D-Bus. */
static void
test_window_deadline_notification (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_deadline_item_free);
  g_autoptr(GPtrArray) done_only = g_ptr_array_new ();
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  guint32 today = thr_day_from_ymd (2019, 12, 15);
  guint n_due, n_overdue;
  struct { int delta; ThrDeadlineState state; const char *title; } made[] = {
    { -4, THR_DEADLINE_OVERDUE, "CAP due for A.1.a (2019-10)" },
    { -2, THR_DEADLINE_DONE, "Report for 2019-10" },
    { -1, THR_DEADLINE_OVERDUE, "Review due" },
    { 0, THR_DEADLINE_DUE, "Report for 2019-11" },
    { 3, THR_DEADLINE_UPCOMING, "Window closes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    {
      ThrDeadlineItem *item = g_new0 (ThrDeadlineItem, 1);

      item->day = today + made[i].delta;
      item->state = made[i].state;
      item->title = g_strdup (made[i].title);
      item->key = g_strdup_printf ("test/%u", i);
      g_ptr_array_add (items, item);
      if (made[i].state == THR_DEADLINE_DONE || made[i].state == THR_DEADLINE_UPCOMING)
        g_ptr_array_add (done_only, item);
    }
  g_assert_true (thr_deadline_notification_text (items, today, &n_due, &n_overdue, &title, &body));
  g_assert_cmpuint (n_due, ==, 1);
  g_assert_cmpuint (n_overdue, ==, 2);
  g_assert_cmpstr (title, ==, "2 contract dates overdue, 1 due today");
  g_assert_cmpstr (body, ==, "CAP due for A.1.a (2019-10) — 4 days overdue");
  notification = thr_deadline_notification_new (items, today);
  g_assert_true (G_IS_NOTIFICATION (notification));
  /* Nothing due or overdue: no notification at all. */
  g_assert_null (thr_deadline_notification_new (done_only, today));
}

/* Closing keeps the window's size for next time. */
static void
test_window_size_kept (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.thresholdapp.Threshold");
  ThrWindow *window = thr_test_open_window (demo_db, 1100, 700);

  gtk_window_close (GTK_WINDOW (window));
  thr_test_wait_for (no_main_window, NULL);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1100);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

/* The keyboard shortcuts window (thr-shortcuts-window.ui, built by
 * win.show-shortcuts when first asked for). */
static void
test_window_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/thresholdapp/Threshold/thr-shortcuts-window.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_set_default_size (GTK_WINDOW (overlay), 1000, 700);
  gtk_window_present (GTK_WINDOW (overlay));
  thr_test_render_png (overlay, "shortcuts");
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* Every test runs on a store file and again on a team store
 * (test-window-postgresql, thr_test_copy_demo_store), but for four whose
 * store's backend cannot change what they check, which would add a fifth
 * of the run on the server: not-a-store, shortcuts and open-demo open no
 * team store (a file that is not a store, none, the demo made as a file),
 * and pages-dark reads and writes what pages-light does, in the other
 * style.
 *
 * The file-store run is four meson tests, test-window-part1 to -part4
 * (THR_TEST_PART=1 to 4, each the tests of that part), so that meson runs
 * them beside each other and beside the other window tests.  pages-light
 * and pages-dark have a part each: they are the two whose GTK leaks (render
 * nodes, tests/lsan.supp) need ASan's slow unwinder to be matched, so under
 * tools/run-sanitizers only parts 1 and 2 pay for it (tests/meson.build);
 * the other fifteen leak nothing with the fast unwinder and run at a
 * quarter of the time (part 1 with the slow one: 100 s at load 13, the
 * fast one 24 s).  Parts 3 and 4 are balanced on the plain run's times at
 * load 10-11 (open-demo 14 s, preferences-closures 13 s, import 10 s,
 * preferences-format 8 s, the others 6 s or less: about 39 and 24 s).
 * Without THR_TEST_PART (the postgresql suite's test-window-postgresql, a
 * run by hand) every test runs. */
#define N_WINDOW_PARTS 4
static const struct {
  const char *path;
  GTestFunc   func;
  gboolean    file_only;
  guint       part;
} window_tests[] = {
  { "/window/pages-light", test_window_pages_light, FALSE, 1 },
  { "/window/pages-dark", test_window_pages_dark, TRUE, 2 },
  { "/window/empty-states", test_window_empty_states, FALSE, 3 },
  { "/window/not-a-store", test_window_not_a_store, TRUE, 3 },
  { "/window/import", test_window_import, FALSE, 3 },
  { "/window/import-choices", test_window_import_choices, FALSE, 3 },
  { "/window/today-override", test_window_today_override, FALSE, 3 },
  { "/window/preferences-format", test_window_preferences_format, FALSE, 4 },
  { "/window/preferences-closures", test_window_preferences_closures, FALSE, 4 },
  { "/window/preferences-named", test_window_preferences_named, FALSE, 4 },
  { "/window/lazy-pages", test_window_lazy_pages, FALSE, 3 },
  { "/window/loading-page", test_window_loading_page, FALSE, 4 },
  { "/window/relative-days", test_window_relative_days, FALSE, 4 },
  { "/window/number-format", test_window_number_format, FALSE, 4 },
  { "/window/deadline-notification", test_window_deadline_notification, FALSE, 4 },
  { "/window/shortcuts", test_window_shortcuts, TRUE, 4 },
  { "/window/size-kept", test_window_size_kept, FALSE, 4 },
  { "/window/open-demo", test_window_open_demo, TRUE, 3 },
};

static gboolean
in_part (guint part)
{
  const char *wanted = g_getenv ("THR_TEST_PART");

  return wanted == NULL || part == g_ascii_strtoull (wanted, NULL, 10);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  thr_test_store_require_server ();
  thr_test_adw_init ();
  thr_core_init ();

  tmp_dir = g_dir_make_tmp ("thr-window-XXXXXX", &error);
  g_assert_no_error (error);
  make_demo_store ();

  for (guint i = 0; i < G_N_ELEMENTS (window_tests); i++)
    {
      /* A test in no part would run in none of the four meson tests. */
      g_assert_cmpuint (window_tests[i].part, >=, 1);
      g_assert_cmpuint (window_tests[i].part, <=, N_WINDOW_PARTS);
      if (in_part (window_tests[i].part)
          && (!window_tests[i].file_only || !thr_test_store_is_team ()))
        g_test_add_func (window_tests[i].path, window_tests[i].func);
    }
  status = g_test_run ();
  thr_test_store_cleanup ();
  g_clear_pointer (&kept_evaluators, g_ptr_array_unref);

  if (g_getenv ("THR_KEEP_TMP") == NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (tmp_dir);
    }
  g_free (demo_db);
  g_free (tmp_dir);
  return status;
}
