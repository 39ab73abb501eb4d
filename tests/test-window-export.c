/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-export.c — exports from the window, headless
 *
 * win.write-data writes each format where the test says (as the file
 * chooser would): the metrics, ledger and grid as CSV byte for byte what
 * `threshold-cli export` writes and as workbooks the core's reader reads
 * back with as many rows, the deadlines as the calendar `deadlines
 * --format ics` writes (apart from its time stamps), the chart as PNG,
 * SVG and PDF; after each a toast offers to open the file.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "thr-alert.h"
#include "thr-test-demo.h"
#include "thr-test-util.h"
#include "thr-test-window.h"

static char *tmp_dir;
static char *demo_db;

static char *
run_cli (const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *) g_getenv ("THRESHOLD_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, demo_db);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (argv->pdata[0]);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("threshold-cli failed: %s", err);
  return g_steal_pointer (&out);
}

typedef struct {
  ThrWindow  *window;
  const char *uri;
} ToastWait;

static gboolean
exported (gpointer data)
{
  ToastWait *wait = data;
  AdwToast *toast = thr_window_get_export_toast (wait->window);
  GVariant *target = toast ? adw_toast_get_action_target_value (toast) : NULL;

  return target != NULL && g_str_equal (g_variant_get_string (target, NULL), wait->uri);
}

/* Writes WHAT through the window's action and waits for its toast, which
 * must offer to open the file; returns the file's path. */
static char *
export (ThrWindow  *window,
        const char *what,
        const char *suffix)
{
  g_autofree char *name = g_strdup_printf ("%s.%s", what, suffix);
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  ToastWait wait = { window, uri };
  AdwToast *toast;

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.write-data", "(ss)", what, path);
  thr_test_wait_for (exported, &wait);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  toast = thr_window_get_export_toast (window);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.open-exported");
  g_assert_nonnull (strstr (adw_toast_get_title (toast), name));
  return path;
}

static char *
contents (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static guint
count_lines (const char *text,
             const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += prefix ? g_str_has_prefix (lines[i], prefix) : lines[i][0] != '\0';
  return n;
}

/* The rows of a workbook, as the core's importer reads them. */
static guint
workbook_rows (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrSheetReader) reader = thr_sheet_reader_open (path, NULL, &error);
  guint n = 0;

  g_assert_no_error (error);
  g_assert_true (thr_sheet_reader_is_workbook (reader));
  while (thr_sheet_reader_next (reader, &error))
    n++;
  g_assert_no_error (error);
  return n;
}

/* A table as CSV (same bytes as the CLI) and as a workbook (as many rows). */
static void
check_table (ThrWindow  *window,
             const char *what,
             const char *cli_csv)
{
  g_autofree char *csv_what = g_strdup_printf ("%s-csv", what);
  g_autofree char *xlsx_what = g_strdup_printf ("%s-xlsx", what);
  g_autofree char *csv_path = export (window, csv_what, "csv");
  g_autofree char *xlsx_path = export (window, xlsx_what, "xlsx");
  g_autofree char *csv = contents (csv_path);

  g_assert_cmpstr (csv, ==, cli_csv);
  g_assert_cmpuint (count_lines (csv, NULL), >, 1);
  g_assert_cmpuint (workbook_rows (xlsx_path), ==, count_lines (csv, NULL));
}

/* The calendar without its DTSTAMP lines, which say when it was written. */
static char *
without_stamps (const char *ics)
{
  g_auto(GStrv) lines = g_strsplit (ics, "\r\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "DTSTAMP:"))
      g_string_append_printf (out, "%s\n", lines[i]);
  return g_string_free (out, FALSE);
}

/* The session read again after another connection's commit lists its
 * deadlines once its consequences are in. */
static gboolean
has_deadlines (gpointer data)
{
  ThrSession *session = thr_window_get_session (data);

  return session != NULL && thr_session_get_deadlines (session) != NULL;
}


/* The exports a page offers where its data is: every win.export-data
 * target of its menu buttons' menus and of its buttons. */
static void
collect_menu_exports (GMenuModel *model,
                      GPtrArray  *targets)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *action = NULL;
      g_autofree char *target = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        collect_menu_exports (section, targets);
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
          g_str_equal (action, "win.export-data") &&
          g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_TARGET, "s", &target))
        g_ptr_array_add (targets, g_steal_pointer (&target));
    }
}

/* What a menu button offers is what its menu shows once opened: the
 * overview's export button, as the window's, is given its menu only
 * then.  It is opened as a person would, scrolled into view first (a
 * popover anchored below the screen has no monitor to open on). */
static void
collect_opened_menu_exports (GtkMenuButton *button,
                             GPtrArray     *targets)
{
  gboolean opened = gtk_menu_button_get_menu_model (button) == NULL && gtk_widget_get_mapped (GTK_WIDGET (button));

  if (opened)
    {
      if (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_SCROLLED_WINDOW) != NULL)
        thr_test_scroll_to (GTK_WIDGET (button));
      gtk_menu_button_popup (button);
    }
  if (gtk_menu_button_get_menu_model (button) != NULL)
    collect_menu_exports (gtk_menu_button_get_menu_model (button), targets);
  if (opened)
    gtk_menu_button_popdown (button);
}

static void
collect_exports (GtkWidget *widget,
                 GPtrArray *targets)
{
  if (GTK_IS_MENU_BUTTON (widget))
    collect_opened_menu_exports (GTK_MENU_BUTTON (widget), targets);
  else if (GTK_IS_BUTTON (widget) &&
           g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.export-data") == 0)
    g_ptr_array_add (targets, g_variant_dup_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget)), NULL));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_exports (child, targets);
}

static void
assert_page_exports (ThrWindow          *window,
                     const char         *page,
                     const char * const *expected)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);

  collect_exports (thr_window_get_page_widget (window, page), targets);
  g_ptr_array_add (targets, NULL);
  for (guint i = 0; expected[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) targets->pdata, expected[i]))
      g_error ("the %s page does not offer the export %s", page, expected[i]);
}

static void
test_exports (void)
{
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  ThrSession *session = thr_window_get_session (window);
  g_autofree char *today = thr_day_format (thr_session_get_today (session));
  const char *month = thr_session_get_month (session, thr_window_get_month (window));
  const char *first = thr_session_get_month (session, 0);
  const char *last = thr_session_get_month (session, thr_session_get_n_months (session) - 1);
  g_autofree char *cli_metrics = run_cli ("export", "metrics", month, "--today", today, NULL);
  g_autofree char *cli_ledger = run_cli ("export", "ledger", "--today", today, NULL);
  g_autofree char *cli_grid = run_cli ("export", "grid", "--from", first, "--to", last, "--today", today, NULL);
  g_autofree char *cli_ics = run_cli ("deadlines", "--format", "ics", "--today", today, NULL);
  g_autofree char *ics_path = NULL, *ics = NULL, *ours = NULL, *theirs = NULL;
  g_autofree char *png = NULL, *svg = NULL, *pdf = NULL, *svg_text = NULL, *pdf_text = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  /* Each export is offered on the page that shows its data. */
  {
    static const char * const overview[] = { "grid-xlsx", "grid-csv", NULL };
    static const char * const metrics[] = { "metrics-xlsx", "metrics-csv", NULL };
    static const char * const ledger[] = { "ledger-xlsx", "ledger-csv", NULL };
    static const char * const deadlines[] = { "deadlines-ics", NULL };
    static const char * const metric[] = { "chart-png", "chart-svg", "chart-pdf", NULL };

    assert_page_exports (window, "overview", overview);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "metrics");
    assert_page_exports (window, "metrics", metrics);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "ledger");
    assert_page_exports (window, "ledger", ledger);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "deadlines");
    assert_page_exports (window, "deadlines", deadlines);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-metric", "(si)", "A.1.a",
                                (gint32) thr_window_get_month (window));
    assert_page_exports (window, "metric", metric);
    thr_test_render_png (window, "export-metric-page");
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  }

  check_table (window, "metrics", cli_metrics);
  check_table (window, "ledger", cli_ledger);
  check_table (window, "grid", cli_grid);

  /* The deadlines: every date of the session, as the CLI writes them. */
  ics_path = export (window, "deadlines-ics", "ics");
  ics = contents (ics_path);
  g_assert_true (g_str_has_prefix (ics, "BEGIN:VCALENDAR\r\n"));
  /* The CLI's first calendar recorded what it published (for SEQUENCE):
   * a commit of another connection that changes nothing the window shows,
   * so the window keeps its session and its deadlines. */
  g_assert_true (thr_window_get_session (window) == session);
  g_assert_true (has_deadlines (window));
  g_assert_cmpuint (count_lines (ics, "BEGIN:VEVENT"), ==, thr_session_get_deadlines (session)->len);
  ours = without_stamps (ics);
  theirs = without_stamps (cli_ics);
  g_assert_cmpstr (ours, ==, theirs);

  /* The chart of the metric shown: 720 × 320 points, PNG at 2 pixels a point. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-metric", "(si)", "A.1.a", (gint32) thr_window_get_month (window));
  g_assert_cmpstr (thr_window_get_page (window), ==, "metric");
  png = export (window, "chart-png", "png");
  texture = gdk_texture_new_from_filename (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1440);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 640);
  svg = export (window, "chart-svg", "svg");
  svg_text = contents (svg);
  g_assert_nonnull (strstr (svg_text, "<svg"));
  pdf = export (window, "chart-pdf", "pdf");
  pdf_text = contents (pdf);
  g_assert_true (g_str_has_prefix (pdf_text, "%PDF-"));
  thr_test_render_png (window, "export-toast");

  /* The export moved away before Open was pressed: a dialog names it and
   * its folder, with GIO's reason quoted, not a toast that vanishes. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (pdf);
    g_autofree char *uri = g_file_get_uri (file);
    GtkWidget *alert;

    g_assert_cmpint (g_unlink (pdf), ==, 0);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.open-exported", "s", uri);
    alert = thr_test_find_alert ();
    g_assert_nonnull (alert);
    g_assert_cmpstr (thr_alert_get_heading (alert), ==, "The Export Was Not Opened");
    g_assert_nonnull (strstr (thr_alert_get_body (alert), "“chart-pdf.pdf” in “"));
    g_assert_nonnull (strstr (thr_alert_get_body (alert), tmp_dir));
    g_test_message ("the alert quotes: %s", thr_alert_get_quote (alert));
    g_assert_nonnull (thr_alert_get_quote (alert));
    thr_test_render_png (alert, "export-open-failed");
    thr_alert_respond (alert, "close");
  }

  thr_test_close_window (window);
}

int
main (int argc, char *argv[])
{
  tmp_dir = thr_test_window_init (&argc, &argv, "window-export");
  demo_db = thr_test_copy_demo_store (tmp_dir);

  g_test_add_func ("/window/exports", test_exports);
  return thr_test_window_run (tmp_dir, demo_db);
}
