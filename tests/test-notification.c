/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-notification.c — the deadlines notification, over D-Bus
 *
 * GtDBusQueue starts a private session bus and owns the freedesktop
 * notification service on it; the window, in a registered application on
 * that bus, sends its start-up notification there, as it does on a
 * desktop.  The demo store's dates are years past, so the notification
 * must say how many are overdue; clicking it shows the deadlines.
 */
#include <adwaita.h>
#include <libglib-testing/dbus-queue.h>
#include <libglib-testing/signal-logger.h>

#include "thr-test-dbus.h"
#include "thr-test-demo.h"
#include "thr-test-util.h"
#include "thr-session.h"
#include "thr-window.h"

#define FDO_PATH  "/org/freedesktop/Notifications"
#define FDO_NAME  "org.freedesktop.Notifications"

/* Up for the whole run: see main(). */
static GtDBusQueue *bus_queue;

static const char fdo_xml[] =
  "<node><interface name='org.freedesktop.Notifications'>"
  "<method name='Notify'>"
  "<arg type='s' direction='in'/><arg type='u' direction='in'/><arg type='s' direction='in'/>"
  "<arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "<arg type='a{sv}' direction='in'/><arg type='i' direction='in'/><arg type='u' direction='out'/>"
  "</method>"
  "<method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "<method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "</interface></node>";

/* The window's work runs in threads that report to the main context, and
 * the queue's service runs in its own thread: iterate until it has a call. */
static void
wait_for_call (GtDBusQueue *queue)
{
  gint64 end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (gt_dbus_queue_get_n_messages (queue) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

static void
wait_until_loaded (ThrWindow *window)
{
  gint64 end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  ThrSession *session;

  do
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
      session = thr_window_get_session (window);
    }
  while (thr_window_get_loading (window) || session == NULL ||
         !thr_session_is_complete (session) || !thr_session_has_consequences (session));
}

/* Five demo months: the five CAPs of 2018-04 are documented at its
 * verification (2018-05-31) and, being recent, never submitted, so they
 * are years overdue. */
static char *
make_store (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = NULL;
  ThrDemoOptions options;
  gint64 contract_id;
  char *db;

  thr_demo_options_init (&options);
  options.n_months = 5;
  options.tasks_per_month = 1000;
  options.calls_per_month = 2000;
  db = thr_test_make_demo_store (dir, &options, &contract_id);
  store = thr_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (thr_demo_settle_caps (store, contract_id, &error));
  g_assert_no_error (error);
  return db;
}

typedef struct
{
  const char *db;
  gboolean    deadlines_shown;
} Check;

static void
wait_for_flag (const gboolean *flag)
{
  gint64 end = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (!*flag)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
}

/* The notification's default action: app.show-deadlines. */
static void
show_deadlines_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  Check *check = user_data;

  check->deadlines_shown = TRUE;
}

/* The test runs inside the application's activate, as the program's
 * windows do: g_application_run() then ends with "shutdown", which is what
 * lets GTK drop the application's reference to itself (its action muxer
 * holds the application from startup to shutdown).  A registered
 * application that never shuts down is never finalized, keeps its session
 * bus connection, and GTestDBus then waits 30 s for that connection at the
 * end (GLib 2.90 waits until the test is killed). */
static void
check_notification_cb (GApplication *app,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GtDBusQueue *queue = bus_queue;
  Check *check = user_data;
  const char *db = check->db;
  g_autoptr(GDBusConnection) server = NULL;
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(GDBusMethodInvocation) call = NULL;
  g_autoptr(GVariant) hints = NULL;
  g_autofree char *app_name = NULL, *icon = NULL, *summary = NULL, *body = NULL;
  g_auto(GStrv) actions = NULL;
  guint replaces;
  gint timeout;
  ThrWindow *window;

  /* The queue's bus is the session bus of this process. */
  g_assert_nonnull (g_application_get_dbus_connection (app));

  window = thr_window_new (GTK_APPLICATION (app), db);
  gt_signal_logger_connect (logger, window, "notify::loading");
  gtk_window_present (GTK_WINDOW (window));
  wait_for_call (queue);

  /* The store was read before the notification went out. */
  g_assert_cmpuint (gt_signal_logger_get_n_emissions (logger), >=, 1);
  gt_signal_logger_assert_notify_emission_pop (logger, window, "loading");
  g_assert_false (thr_window_get_loading (window));

  g_assert_true (gt_dbus_queue_pop_message (queue, &call));
  g_assert_cmpstr (g_dbus_method_invocation_get_object_path (call), ==, FDO_PATH);
  g_assert_cmpstr (g_dbus_method_invocation_get_interface_name (call), ==, FDO_NAME);
  g_assert_cmpstr (g_dbus_method_invocation_get_method_name (call), ==, "Notify");
  g_variant_get (g_dbus_method_invocation_get_parameters (call), "(susss^as@a{sv}i)",
                 &app_name, &replaces, &icon, &summary, &body, &actions, &hints, &timeout);
  g_test_message ("notification: %s — %s", summary, body);
  /* "N contract dates overdue": the demo's months ended years ago. */
  g_assert_nonnull (strstr (summary, "overdue"));
  g_assert_nonnull (strstr (body, "overdue"));
  /* Its default action opens the deadlines. */
  g_assert_true (g_strv_contains ((const char * const *) actions, "default"));
  server = g_object_ref (g_dbus_method_invocation_get_connection (call));
  g_dbus_method_invocation_return_value (g_steal_pointer (&call), g_variant_new ("(u)", 1));

  /* The person clicks it: the server names the default action, GLib
   * activates app.show-deadlines, then forgets the notification.  (A
   * notification still open when the application is gone keeps GLib
   * 2.74's backend alive, and that backend crashes if the server then
   * leaves the bus: a desktop closes its notifications, so the test does.) */
  g_dbus_connection_emit_signal (server, NULL, FDO_PATH, FDO_NAME, "ActionInvoked",
                                 g_variant_new ("(us)", 1, "default"), &error);
  g_assert_no_error (error);
  wait_for_flag (&check->deadlines_shown);

  /* One notification per start, not one each time the store is read. */
  thr_window_open_store (window, db);
  wait_until_loaded (window);
  gt_dbus_queue_assert_no_messages (queue);

  /* Its last window gone, the application's run ends. */
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Set when the application is finalized. */
static void
note_finalized_cb (gpointer  data,
                   GObject  *where_the_object_was)
{
  gboolean *finalized = data;

  *finalized = TRUE;
}

static void
test_notification_sent (void)
{
  g_autoptr(GError) error = NULL;
  GtDBusQueue *queue = bus_queue;
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (fdo_xml, &error);
  g_autofree char *dir = g_dir_make_tmp ("thr-notification-XXXXXX", &error);
  g_autofree char *db = make_store (dir);
  g_autoptr(GSimpleAction) show_deadlines = g_simple_action_new ("show-deadlines", NULL);
  AdwApplication *app;
  Check check = { NULL, FALSE };
  gboolean finalized = FALSE;
  guint name_id, object_id;

  g_assert_no_error (error);
  name_id = gt_dbus_queue_own_name (queue, FDO_NAME);
  object_id = gt_dbus_queue_export_object (queue, FDO_PATH, node->interfaces[0], &error);
  g_assert_no_error (error);

  app = adw_application_new ("io.github.thresholdapp.Threshold.NotificationTest", G_APPLICATION_NON_UNIQUE);
  check.db = db;
  g_signal_connect (show_deadlines, "activate", G_CALLBACK (show_deadlines_cb), &check);
  g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (show_deadlines));
  g_signal_connect (app, "activate", G_CALLBACK (check_notification_cb), &check);
  g_object_weak_ref (G_OBJECT (app), note_finalized_cb, &finalized);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
  g_object_unref (app);
  /* Nothing keeps it, and so its bus connection, alive past its run. */
  g_assert_true (finalized);

  gt_dbus_queue_unexport_object (queue, object_id);
  gt_dbus_queue_unown_name (queue, name_id);
  thr_test_remove_dir (dir);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  thr_test_dbus_fork_watcher ();
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();
  thr_core_init ();
  g_test_add_func ("/notification/deadlines", test_notification_sent);

  bus_queue = gt_dbus_queue_new ();
  if (!gt_dbus_queue_connect (bus_queue, &error))
    g_error ("no private session bus: %s", error->message);
  status = g_test_run ();
  /* GTestDBus takes the bus down once the session bus connection is gone:
   * the application, finalized, no longer holds it. */
  gt_dbus_queue_disconnect (bus_queue, TRUE);
  gt_dbus_queue_free (bus_queue);
  return status;
}
