/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-watch.c — the window picks up another program's import
 *
 * With the window open on a demo store, a second connection (as the CLI
 * would) imports a month the store did not have: the window reads the
 * store again by itself and shows the new month.  A write on the
 * session's own connection (a CAP edit) does not make it reload.  The
 * window's own import, on its dialog's connection, reads the store once,
 * when it is done, even if a change is heard while it waits.
 */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "thr-import-dialog.h"
#include "thr-session.h"
#include "thr-test-demo.h"
#include "thr-test-style.h"
#include "thr-test-util.h"
#include "thr-test-window.h"
#include "thr-window.h"
#include "thr-store-sql-private.h"  /* SQL for fixtures */

static ThrSession *
wait_for_months (ThrWindow *window,
                 guint      n_months)
{
  gint64 end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  ThrSession *session;

  for (;;)
    {
      session = thr_window_get_session (window);
      if (!thr_window_get_loading (window) && session != NULL &&
          thr_session_get_n_months (session) == n_months && thr_session_is_complete (session) &&
          thr_session_has_consequences (session))
        return session;
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      thr_test_iterate (20);
    }
}

/* The way the CLI imports: its own connection to the same file. */
static void
import_elsewhere (const char *db,
                  const char *dir,
                  const char *month)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (db, &error);
  g_autoptr(ThrContract) contract = thr_contract_load_template ("rfp-16-102", &error);
  g_autofree char *csv = g_build_filename (dir, "elsewhere.csv", NULL);
  g_autofree char *text = g_strdup_printf ("metric,period,value\nA.1.e,%s,97.5\n", month);
  g_auto(ThrImportResult) result = { 0 };

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (csv, text, -1, &error));
  g_assert_true (thr_import_file (store, 1, contract, csv, THR_IMPORT_KIND_AUTO, FALSE,
                                  NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_unlink (csv);
}

static void
test_watch (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thr-watch-XXXXXX", &error);
  g_autofree char *db = NULL;
  ThrDemoOptions options;
  ThrSession *session;
  ThrWindow *window;

  thr_demo_options_init (&options);
  options.n_months = 5;
  options.tasks_per_month = 400;
  options.calls_per_month = 1000;
  db = thr_test_make_demo_store (dir, &options, NULL);

  window = thr_window_new (NULL, db);
  gtk_window_present (GTK_WINDOW (window));
  session = wait_for_months (window, 5);

  /* The session's own writes are not news. */
  g_assert_true (thr_store_exec (thr_session_get_store (session),
                                 "UPDATE contracts SET name = name", &error));
  g_assert_no_error (error);
  thr_test_iterate (1500);
  g_assert_true (thr_window_get_session (window) == session);

  import_elsewhere (db, dir, "2018-06");
  session = wait_for_months (window, 6);
  g_assert_cmpstr (thr_session_get_month (session, 5), ==, "2018-06");

  thr_test_close_window (window);
  thr_test_iterate (50);
  thr_test_remove_dir (dir);
}

static void
count_load_cb (ThrWindow  *window,
               GParamSpec *pspec,
               guint      *n_loads)
{
  if (thr_window_get_loading (window))
    (*n_loads)++;
}

static gboolean
dialog_checked (gpointer dialog)
{
  return g_str_equal (thr_import_dialog_get_step (dialog), "preview");
}

/* Another program commits, then holds the store's lock, so the window's
 * import waits while the settle time of the commit it heard goes by: as
 * when an import's end comes late on a busy machine.  The window reads the
 * store once, after its import, and that shows both. */
static void
test_own_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thr-watch-own-XXXXXX", &error);
  g_autofree char *db = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ThrStore) other = NULL;
  ThrDemoOptions options;
  ThrSession *session;
  ThrWindow *window;
  GtkWindow *dialog;
  guint n_loads = 0;

  thr_demo_options_init (&options);
  options.n_months = 5;
  options.tasks_per_month = 400;
  options.calls_per_month = 1000;
  db = thr_test_make_demo_store (dir, &options, NULL);
  csv = g_build_filename (dir, "june.csv", NULL);
  g_assert_true (g_file_set_contents (csv, "metric,period,value\nA.1.e,2018-06,97.5\n", -1, &error));
  file = g_file_new_for_path (csv);

  window = thr_window_new (NULL, db);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_months (window, 5);
  dialog = thr_window_import_file (window, file);
  thr_test_wait_for (dialog_checked, dialog);
  g_signal_connect (window, "notify::loading", G_CALLBACK (count_load_cb), &n_loads);

  import_elsewhere (db, dir, "2018-07");
  other = thr_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (thr_store_exec (other, "BEGIN IMMEDIATE", &error));
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  g_assert_cmpstr (thr_import_dialog_get_step (THR_IMPORT_DIALOG (dialog)), ==, "importing");
  thr_test_iterate (1500);
  g_assert_cmpuint (n_loads, ==, 0);
  g_assert_true (thr_store_exec (other, "ROLLBACK", &error));
  g_assert_no_error (error);

  session = wait_for_months (window, 7);
  g_assert_cmpuint (n_loads, ==, 1);
  g_assert_cmpstr (thr_session_get_month (session, 5), ==, "2018-06");
  g_assert_cmpstr (thr_session_get_month (session, 6), ==, "2018-07");

  g_signal_handlers_disconnect_by_func (window, count_load_cb, &n_loads);
  thr_test_close_window (window);
  g_clear_object (&other);
  thr_test_iterate (50);
  thr_test_remove_dir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  thr_test_adw_init ();
  thr_core_init ();
  g_test_add_func ("/window-watch/another-import", test_watch);
  g_test_add_func ("/window-watch/own-import-read-once", test_own_import);
  return g_test_run ();
}
