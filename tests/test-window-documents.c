/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-documents.c — the window's documents, read back with poppler
 *
 * A CAP exported as PDF through the window's write action (the one the
 * Export PDF… file chooser activates) and printed through
 * GtkPrintOperation (exported to PDF, as test-print does), and the
 * monthly report exported from the overview's action: each PDF is read
 * back and must name the CAP, its metric, or the month.  A file that
 * cannot be written is a dialog (thr-alert.c), never a silent toast.
 */
#include <stdlib.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "thr-alert.h"
#include "thr-cap-editor.h"
#include "thr-caps-page.h"
#include "thr-core.h"
#include "thr-test-demo.h"
#include "thr-test-pdf.h"
#include "thr-test-store.h"
#include "thr-test-style.h"
#include "thr-test-util.h"
#include "thr-test-window.h"

static char *tmp_dir;
static char *demo_db;

static void
make_demo_store (void)
{

  demo_db = thr_test_copy_demo_store (tmp_dir);
}

/* The documents are written in a worker thread, whole or not at all
 * (the core writes a temporary file and renames it). */
static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static void
wait_for_file (const char *path)
{
  thr_test_wait_for (file_exists, (gpointer) path);
}

static char *
pdf_text (const char *path,
          int        *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  g_autoptr(TestPdf) pdf = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  *n_pages = poppler_document_get_n_pages (pdf);
  return all_text (pdf);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* GtkFileChooserNative shows a GtkFileChooserDialog where there is no portal. */
static GtkWidget *
find_file_chooser (void)
{
  return thr_test_wait_for_toplevel (GTK_TYPE_FILE_CHOOSER);
}

/* The first CAP the session opened, as the CAPs page lists it. */
static const ThrCap *
first_cap (ThrWindow *window)
{
  GPtrArray *caps = thr_session_get_caps (thr_window_get_session (window));

  g_assert_nonnull (caps);
  g_assert_cmpuint (caps->len, >, 0);
  return g_ptr_array_index (caps, 0);
}

static void
test_documents_cap_pdf (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "cap.pdf", NULL);
  g_autofree char *printed = g_build_filename (tmp_dir, "cap-printed.pdf", NULL);
  g_autofree char *cap_name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *printed_text = NULL;
  g_autoptr(GError) error = NULL;
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  /* Nothing here changes the store's data, so the window must not read it
   * again: the CAP below belongs to this session. */
  g_autoptr(ThrSession) session = g_object_ref (thr_window_get_session (window));
  ThrCapsPage *caps_page;
  const ThrCap *cap;
  gint64 start;
  int n_pages, n_printed;

  cap = first_cap (window);
  cap_name = g_strdup_printf ("CAP-%" G_GINT64_FORMAT, cap->id);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-cap", "x", cap->id);
  caps_page = THR_CAPS_PAGE (thr_window_get_page_widget (window, "caps"));
  g_assert_true (THR_IS_CAPS_PAGE (caps_page));
  thr_test_render_png (window, "cap-documents");

  /* The editor's Export PDF… button asks where, with the CAP's name. */
  {
    g_autofree char *chosen = g_build_filename (tmp_dir, "chosen.pdf", NULL);
    g_autofree char *typed = NULL;
    GtkWidget *button = find_button (GTK_WIDGET (caps_page), "_Export PDF…");
    GtkWidget *chooser;
    g_autofree char *name = NULL;

    g_assert_nonnull (button);
    g_assert_true (gtk_widget_is_sensitive (button));
    g_signal_emit_by_name (button, "clicked");
    chooser = find_file_chooser ();
    g_assert_nonnull (chooser);
    name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
    g_assert_true (g_str_has_prefix (name, cap_name));
    /* Typed as a whole path, as a person may; the folder is not loaded yet. */
    typed = g_build_filename (tmp_dir, "chosen", NULL);
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), typed);
    /* The chooser takes the typed name in its own idle work, with nothing
     * to observe from outside: a fixed pause. */
    thr_test_iterate (100);
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    /* The suffix is added when the name has none. */
    wait_for_file (chosen);
  }

  /* What the file chooser's response activates. */
  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.write-cap-pdf", "(xs)", cap->id, path));
  /* The window stays responsive: the action returns before the document is done. */
  g_test_message ("write-cap-pdf returned in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  wait_for_file (path);
  g_test_message ("CAP written in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  text = pdf_text (path, &n_pages);
  g_assert_true (thr_window_get_session (window) == session);
  g_assert_cmpint (n_pages, >=, 1);
  assert_contains (text, cap_name);
  assert_contains (text, cap->metric);
  {
    /* Documents write months in words. */
    g_autofree char *failure_month = thr_report_format_period (cap->failure_month);

    assert_contains (text, failure_month);
  }
  /* No failure is to come: nothing to wait on but a pause in which one
   * would have been shown. */
  thr_test_iterate (100);
  g_assert_null (thr_test_find_alert_now ());

  /* Printing draws the same document. */
  g_assert_cmpint (thr_window_print_cap (window, cap->id, printed, &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (thr_window_get_session (window) == session);
  printed_text = pdf_text (printed, &n_printed);
  g_assert_cmpint (n_printed, ==, n_pages);
  assert_contains (printed_text, cap_name);
  assert_contains (printed_text, cap->metric);

  g_clear_object (&session);
  thr_test_close_window (window);
}

static void
test_documents_month_pdf (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "month.pdf", NULL);
  g_autofree char *nowhere = g_build_filename (tmp_dir, "no-such-dir", "month.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *month_words = NULL;
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  const char *month = thr_session_get_month (thr_window_get_session (window), thr_window_get_month (window));
  GtkWidget *alert;
  gint64 start;
  int n_pages;

  g_assert_cmpstr (thr_window_get_page (window), ==, "overview");
  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.write-month-pdf", "(ss)", month, path));
  wait_for_file (path);
  g_test_message ("monthly report written in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  text = pdf_text (path, &n_pages);
  g_assert_cmpint (n_pages, >=, 2);
  month_words = thr_report_format_period (month);
  assert_contains (text, month_words);
  assert_contains (text, "A.1.a");

  /* Printed, the same report. */
  {
    g_autofree char *printed = g_build_filename (tmp_dir, "month-printed.pdf", NULL);
    g_autofree char *printed_text = NULL;
    g_autoptr(GError) error = NULL;
    int n_printed;

    g_assert_cmpint (thr_window_print_month (window, printed, &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
    g_assert_no_error (error);
    printed_text = pdf_text (printed, &n_printed);
    g_assert_cmpint (n_printed, ==, n_pages);
    assert_contains (printed_text, month_words);
    assert_contains (printed_text, "A.1.a");
  }

  /* A folder that does not exist: a dialog says why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.write-month-pdf", "(ss)", month, nowhere));
  alert = thr_test_find_alert ();
  g_assert_nonnull (alert);
  g_assert_nonnull (strstr (thr_alert_get_heading (alert), "Monthly Report"));
  thr_test_render_png (alert, "export-failed");
  thr_alert_respond (alert, "close");
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  thr_test_close_window (window);
}

static char *config_dir;
static char *documents_dir;

/* The export chooser opens in the Documents folder: an empty one here
 * (through XDG user-dirs, set before GLib reads them), so that the test
 * neither lists nor depends on the Documents folder of whoever runs it. */
static void
use_empty_documents_folder (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dirs = NULL;
  g_autofree char *file = NULL;

  config_dir = g_build_filename (tmp_dir, "config", NULL);
  documents_dir = g_build_filename (tmp_dir, "Documents", NULL);
  g_assert_cmpint (g_mkdir_with_parents (config_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (documents_dir, 0700), ==, 0);
  dirs = g_strdup_printf ("XDG_DOCUMENTS_DIR=\"%s\"\n", documents_dir);
  file = g_build_filename (config_dir, "user-dirs.dirs", NULL);
  g_assert_true (g_file_set_contents (file, dirs, -1, &error));
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  tmp_dir = g_dir_make_tmp ("thr-window-documents-XXXXXX", &error);
  g_assert_no_error (error);
  use_empty_documents_folder ();
  g_test_init (&argc, &argv, NULL);
  thr_test_store_require_server ();
  thr_test_adw_init ();
  thr_core_init ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  make_demo_store ();

  g_test_add_func ("/window-documents/cap-pdf", test_documents_cap_pdf);
  g_test_add_func ("/window-documents/month-pdf", test_documents_month_pdf);
  status = g_test_run ();
  /* The file chooser's folder listings run in GIO's threads: let their
   * results come back and be freed before the process ends. */
  thr_test_iterate (500 * thr_test_slowdown ());
  /* The test's database on the server, under THR_TEST_BACKEND=postgresql. */
  thr_test_store_cleanup ();

  if (g_getenv ("THR_KEEP_TMP") == NULL)
    {
      thr_test_remove_dir (config_dir);
      thr_test_remove_dir (documents_dir);
      thr_test_remove_dir (tmp_dir);
    }
  g_free (config_dir);
  g_free (documents_dir);
  g_free (demo_db);
  g_free (tmp_dir);
  return status;
}
