/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-open.c — files given to Threshold: `threshold FILE…`
 *
 * The window takes the files in turn: an import dialog for each data
 * file, the next once the last has closed; a store file opens the store,
 * and one from a document portal is copied into Threshold's folder first,
 * the original left as it was.  Then the application itself: started
 * with a file on its command line it opens the import dialog, and a
 * second `threshold FILE` (the real binary, on a private session bus)
 * hands its file to the running window and exits.
 */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "thr-alert.h"
#include "thr-application.h"
#include "thr-core.h"
#include "thr-import-dialog.h"
#include "thr-test-dbus.h"
#include "thr-test-demo.h"
#include "thr-test-style.h"
#include "thr-test-util.h"
#include "thr-test-window.h"

static char *tmp_dir;
static char *demo_db;
static char *portal_dir;

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static char *
write_invoices (const char *name)
{
  return write_file (name, "month,component,amount\n2018-01,central,1000.00\n");
}

/* The import dialog open now, or NULL; fails if there is more than one. */
static ThrImportDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* owned by GTK */
  ThrImportDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (THR_IS_IMPORT_DIALOG (window))
        {
          g_assert_null (found);
          found = THR_IMPORT_DIALOG (window);
        }
    }
  return found;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static void
assert_dialog_for (const char *path)
{
  ThrImportDialog *dialog;
  g_autoptr(GFile) expected = g_file_new_for_path (path);

  thr_test_wait_for (dialog_shown, NULL);
  dialog = find_dialog ();
  g_assert_true (g_file_equal (thr_import_dialog_get_file (dialog), expected));
}

/* No dialog for @file: none, or the next file's, which may open at once. */
static gboolean
dialog_gone (gpointer file)
{
  ThrImportDialog *dialog = find_dialog ();

  return dialog == NULL || !g_file_equal (thr_import_dialog_get_file (dialog), file);
}

static void
close_dialog (void)
{
  ThrImportDialog *dialog = find_dialog ();
  g_autoptr(GFile) file = g_object_ref (thr_import_dialog_get_file (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  thr_test_wait_for (dialog_gone, file);
}

static gboolean
no_main_window (gpointer data)
{
  return thr_test_find_toplevel (THR_TYPE_WINDOW) == NULL;
}

static const char *
window_store_path (ThrWindow *window)
{
  return thr_store_get_path (thr_session_get_store (thr_window_get_session (window)));
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* Two data files: one dialog, then the other once it has closed. */
static void
test_imports_in_turn (void)
{
  g_autofree char *first = write_invoices ("first.csv");
  g_autofree char *second = write_invoices ("second.csv");
  GFile *files[2] = { g_file_new_for_path (first), g_file_new_for_path (second) };
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);

  thr_window_open_files (window, files, 2);
  assert_dialog_for (first);
  /* The second waits for the first: nothing is to happen, so a pause in
   * which it would. */
  thr_test_iterate (300);
  assert_dialog_for (first);
  close_dialog ();
  assert_dialog_for (second);
  close_dialog ();
  g_assert_null (find_dialog ());

  g_object_unref (files[0]);
  g_object_unref (files[1]);
  thr_test_close_window (window);
  g_unlink (first);
  g_unlink (second);
}

/* A store file opens the store; the data file after it is imported into
 * that store, once it has loaded. */
static void
test_store_then_import (void)
{
  g_autofree char *other = g_build_filename (tmp_dir, "other.threshold", NULL);
  g_autofree char *csv = write_invoices ("into-other.csv");
  GFile *files[2] = { g_file_new_for_path (other), g_file_new_for_path (csv) };
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  g_autoptr(GError) error = NULL;

  /* A store with a contract and no data. */
  {
    g_autoptr(ThrStore) store = thr_store_open (other, &error);
    g_autoptr(ThrContract) contract = thr_contract_load_template ("rfp-16-102", &error);

    g_assert_no_error (error);
    g_assert_cmpint (thr_store_add_contract (store, "rfp-16-102", "Other", thr_contract_get_definition (contract),
                                             &error), >, 0);
  }
  g_assert_true (thr_window_is_store_file (files[0]));
  g_assert_false (thr_window_is_store_file (files[1]));

  thr_window_open_files (window, files, 2);
  assert_dialog_for (csv);
  g_assert_true (thr_test_window_loaded (window));
  g_assert_cmpstr (window_store_path (window), ==, other);
  close_dialog ();

  g_object_unref (files[0]);
  g_object_unref (files[1]);
  thr_test_close_window (window);
  thr_test_wait_for (no_main_window, NULL);
  g_unlink (csv);
}

static ThrWindow *portal_window;
static const char *portal_copy;

static gboolean
on_the_copy (gpointer data)
{
  return thr_test_window_loaded (portal_window) && g_strcmp0 (window_store_path (portal_window), portal_copy) == 0;
}

/* A store in a document portal's folder is copied in, not opened there. */
static void
test_portal_store_copied_in (void)
{
  g_autofree char *inside = g_build_filename (portal_dir, "auditor.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "threshold", "auditor.db", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);

  {
    g_autoptr(ThrStore) demo = thr_store_open (demo_db, &error);

    g_assert_no_error (error);
    g_assert_true (thr_store_backup (demo, inside, &error));
    g_assert_no_error (error);
  }
  before = file_checksum (inside);
  file = g_file_new_for_path (inside);
  thr_window_open_files (window, &file, 1);
  portal_window = window;
  portal_copy = expected;
  thr_test_wait_for (on_the_copy, NULL);
  g_assert_cmpstr (window_store_path (window), ==, expected);
  g_assert_cmpuint (thr_session_get_n_months (thr_window_get_session (window)), >, 0);
  after = file_checksum (inside);
  g_assert_cmpstr (before, ==, after);

  thr_test_close_window (window);
  thr_test_wait_for (no_main_window, NULL);
  g_unlink (inside);
}

/* A file from a document portal that is not a store is not copied in:
 * the window says so in a dialog that names the file and quotes the
 * core's reason, keeps its store, and leaves nothing in its folder. */
static void
test_portal_copy_failed (void)
{
  g_autofree char *inside = g_build_filename (portal_dir, "minutes.db", NULL);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "threshold", "minutes.db", NULL);
  g_autofree char *part = g_strconcat (expected, ".part", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  GtkWidget *alert;

  g_assert_true (g_file_set_contents (inside, "minutes of the last meeting\n", -1, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (inside);
  thr_window_open_files (window, &file, 1);
  alert = thr_test_find_alert ();
  g_assert_nonnull (alert);
  g_assert_cmpstr (thr_alert_get_heading (alert), ==, "The Store Was Not Opened");
  g_test_message ("the alert quotes: %s", thr_alert_get_quote (alert));
  g_assert_nonnull (strstr (thr_alert_get_quote (alert), "minutes.db could not be copied"));
  thr_test_render_png (alert, "open-copy-failed");
  thr_alert_respond (alert, "close");
  g_assert_cmpstr (window_store_path (window), ==, demo_db);
  g_assert_false (g_file_test (expected, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));

  thr_test_close_window (window);
  thr_test_wait_for (no_main_window, NULL);
  g_unlink (inside);
}

/* ------------------------------------------------------- the application */

typedef struct {
  ThrApplication *app;
  char           *first;
  char           *second;
  int             step;
  GSubprocess    *child;
  gboolean        child_done;
  ThrWindow      *window;
} AppRun;

static void
child_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AppRun *run = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error));
  g_assert_no_error (error);
  run->child_done = TRUE;
}

static gboolean
dialog_is_for (const char *path)
{
  ThrImportDialog *dialog = find_dialog ();
  g_autoptr(GFile) expected = g_file_new_for_path (path);

  return dialog != NULL && g_file_equal (thr_import_dialog_get_file (dialog), expected);
}

/* One step each time it is called, once what the step waits for is there. */
static gboolean
app_step_cb (gpointer user_data)
{
  AppRun *run = user_data;
  g_autoptr(GError) error = NULL;
  GList *windows;

  switch (run->step)
    {
    case 0: /* started with the first file: its dialog */
      if (!dialog_is_for (run->first))
        return G_SOURCE_CONTINUE;
      run->window = THR_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (run->app)));
      run->child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                                     g_getenv ("THRESHOLD_APP"), run->second, NULL);
      g_assert_no_error (error);
      g_subprocess_wait_check_async (run->child, NULL, child_done_cb, run);
      run->step++;
      return G_SOURCE_CONTINUE;
    case 1: /* the second process handed its file over and left */
      if (!run->child_done)
        return G_SOURCE_CONTINUE;
      g_assert_true (dialog_is_for (run->first));
      gtk_window_destroy (GTK_WINDOW (find_dialog ()));
      run->step++;
      return G_SOURCE_CONTINUE;
    case 2: /* the second file's dialog, on the same window */
      if (!dialog_is_for (run->second))
        return G_SOURCE_CONTINUE;
      windows = gtk_application_get_windows (GTK_APPLICATION (run->app));
      g_assert_cmpuint (g_list_length (windows), ==, 1);
      g_assert_true (windows->data == (gpointer) run->window);
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (find_dialog ())) == GTK_WINDOW (run->window));
      gtk_window_destroy (GTK_WINDOW (find_dialog ()));
      thr_test_close_window (run->window);
      g_application_quit (G_APPLICATION (run->app));
      return G_SOURCE_REMOVE;
    default:
      g_assert_not_reached ();
    }
}

/* The application sends its notification of overdue dates when it
 * starts; something must answer it on the private bus (test-notification
 * checks what it says). */
static const char notifications_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'><arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "<arg type='u' direction='out'/></method></interface></node>";

static void
notify_called_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(u)", 1));
}

static GDBusConnection *
serve_notifications (GTestDBus *bus)
{
  static const GDBusInterfaceVTable vtable = { notify_called_cb };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  GDBusConnection *connection;

  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_dbus_connection_register_object (connection, "/org/freedesktop/Notifications",
                                                       node->interfaces[0], &vtable, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (connection, "org.freedesktop.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                NULL, NULL, NULL, NULL);
  return connection;
}

/* The session bus of test_application_open, left to the end of the
 * process (see there; releasing it even once stopped overflows the stack
 * under ASan): held here it stays reachable, so LeakSanitizer does not
 * report it.  Volatile, so that the compiler keeps a store never read. */
static GTestDBus *volatile left_bus;

static void
test_application_open (void)
{
  g_autoptr(GDBusConnection) notifications = NULL;
  GTestDBus *bus = left_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  AppRun run = { 0 };
  g_autofree char *default_db = g_build_filename (g_get_user_data_dir (), "threshold", "threshold.db", NULL);
  g_autoptr(GError) error = NULL;
  char *argv[3];
  int status;

  g_assert_nonnull (g_getenv ("THRESHOLD_APP"));
  /* The store the application opens when given none. */
  {
    g_autofree char *dir = g_path_get_dirname (default_db);

    g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  }
  {
    g_autoptr(ThrStore) demo = thr_store_open (demo_db, &error);

    g_assert_no_error (error);
    g_assert_true (thr_store_backup (demo, default_db, &error));
    g_assert_no_error (error);
  }
  g_test_dbus_up (bus);
  notifications = serve_notifications (bus);
  run.app = thr_application_new ();
  run.first = write_invoices ("given-first.csv");
  run.second = write_invoices ("given-second.csv");
  argv[0] = (char *) "threshold";
  argv[1] = run.first;
  argv[2] = NULL;
  g_timeout_add (50, app_step_cb, &run);
  status = g_application_run (G_APPLICATION (run.app), 2, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.child_done);

  /* The child's last D-Bus replies arrive in idle callbacks with nothing
   * to observe: a pause before it is dropped. */
  thr_test_iterate (100);
  g_clear_object (&run.child);
  /* GTK keeps the application, and so its bus connection, until the
   * process ends: the bus is stopped without waiting for that connection
   * to go (as g_test_dbus_down would), and its closing must not end the
   * process.  The GTestDBus itself is left to the end of this process
   * (it runs alone): its finalize would wait for that connection too. */
  {
    g_autoptr(GDBusConnection) session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

    g_dbus_connection_set_exit_on_close (session, FALSE);
  }
  g_clear_object (&run.app);
  g_dbus_connection_close_sync (notifications, NULL, NULL);
  g_clear_object (&notifications);
  g_test_dbus_stop (bus);
  g_unlink (run.first);
  g_unlink (run.second);
  g_free (run.first);
  g_free (run.second);
  g_unlink (default_db);
}

static void
test_application_open_isolated (void)
{
  if (g_test_subprocess ())
    {
      test_application_open ();
      return;
    }
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC * thr_test_slowdown (),
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int argc, char *argv[])
{
  g_autofree char *runtime = NULL;
  g_autofree char *data_home = NULL;
  ThrDemoOptions options;
  int rc;

  /* Before GLib reads them: the portal folder where the portal mounts it,
   * and a data folder of this test's own. */
  tmp_dir = g_dir_make_tmp ("thr-window-open-XXXXXX", NULL);
  runtime = g_build_filename (tmp_dir, "runtime", NULL);
  data_home = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  portal_dir = g_build_filename (runtime, "doc", "f00d", NULL);
  g_assert_cmpint (g_mkdir_with_parents (portal_dir, 0700), ==, 0);

  /* Before GTK: the private bus of /application/open-files. */
  thr_test_dbus_fork_watcher ();
  gtk_test_init (&argc, &argv, NULL);
  thr_test_adw_init ();
  thr_core_init ();

  thr_demo_options_init (&options);
  options.n_months = 3;
  options.tasks_per_month = 200;
  options.calls_per_month = 200;
  demo_db = thr_test_make_demo_store (tmp_dir, &options, NULL);

  g_test_add_func ("/window-open/imports-in-turn", test_imports_in_turn);
  g_test_add_func ("/window-open/store-then-import", test_store_then_import);
  g_test_add_func ("/window-open/portal-store-copied-in", test_portal_store_copied_in);
  g_test_add_func ("/window-open/portal-copy-failed", test_portal_copy_failed);
  /* In a process of its own: it registers the application on a bus of
   * its own, which GTK keeps until the process ends. */
  g_test_add_func ("/application/open-files", test_application_open_isolated);
  rc = g_test_run ();

  remove_tree (tmp_dir);
  g_free (portal_dir);
  g_free (demo_db);
  g_free (tmp_dir);
  return rc;
}
