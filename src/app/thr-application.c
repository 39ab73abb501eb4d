/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-application.c — the AdwApplication: options, actions, windows
 *
 * One instance per session: `threshold FILE…` run again (the desktop
 * file's %F, a file dropped on the icon) hands its files to the running
 * window through GApplication's open.  `--db FILE` names a store of its
 * own, so it starts an instance of its own (G_APPLICATION_NON_UNIQUE).
 */
#define G_LOG_DOMAIN "thr-application"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-application.h"
#include "thr-core.h"
#include "thr-team-keyring.h"
#include "thr-window.h"

struct _ThrApplication
{
  AdwApplication  parent_instance;
  char           *db_path;
};

G_DEFINE_FINAL_TYPE (ThrApplication, thr_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open this store file instead of the default one"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { NULL }
};

static char *
default_db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "threshold", "threshold.db", NULL);
}

/* The store opened last, when there is one and no --db was given. */
static char *
last_store_path (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE) : NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *path = NULL;

  if (schema == NULL)
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  path = g_settings_get_string (settings, "last-store");
  /* A team store is reopened whether or not its server answers: the
   * window's error page says so, and offers to connect to another. */
  if (thr_store_is_team_address (path))
    return g_steal_pointer (&path);
  if (path[0] == '\0' || !g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  return g_steal_pointer (&path);
}

/* The password of a team store opened at start, from the keyring, for
 * this process.  None kept is no error here: the server may take a
 * certificate or Kerberos instead, and if it wants a password, its
 * refusal is shown on the window's error page in its own words. */
static void
hand_over_team_password (const char *address)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *held = NULL;

  if (!thr_store_is_team_address (address) || (held = thr_team_password_lookup (address)) != NULL)
    return;
  if (!thr_team_keyring_hand_over (address, &error) && error != NULL)
    g_message ("cannot read the password of %s from the keyring: %s", address, error->message);
}

static int
thr_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  ThrApplication *self = THR_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("threshold %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_free (self->db_path);
      /* A team store's address is no file name. */
      self->db_path = thr_store_is_team_address (db) ? g_strdup (db) : g_canonicalize_filename (db, NULL);
      /* Not registered yet, so the flags may still change. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  else
    {
      g_autofree char *last = last_store_path ();

      if (last != NULL)
        {
          g_free (self->db_path);
          self->db_path = g_steal_pointer (&last);
        }
    }
  return -1;
}

/* The running window, or a new one presented once its store has loaded. */
static ThrWindow *
ensure_window (ThrApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  ThrWindow *new_window;

  if (THR_IS_WINDOW (window))
    {
      gtk_window_present (window);
      return THR_WINDOW (window);
    }
  hand_over_team_password (self->db_path);
  new_window = thr_window_new (GTK_APPLICATION (self), self->db_path);
  thr_window_present_when_loaded (new_window, 500);
  return new_window;
}

static void
thr_application_activate (GApplication *app)
{
  ensure_window (THR_APPLICATION (app));
}

static void
thr_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  thr_window_open_files (ensure_window (THR_APPLICATION (app)), files, n_files);
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "The Threshold developers", NULL };

#if ADW_CHECK_VERSION (1, 5, 0)
  /* libadwaita 1.5 and later (the Flatpak's runtime): the adaptive dialog. */
  adw_show_about_dialog (GTK_WIDGET (gtk_application_get_active_window (app)),
#else
  adw_show_about_window (gtk_application_get_active_window (app),
#endif
                         "application-name", _("Threshold"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "comments", _("Contract performance metrics, withholding and corrective action plans"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

/* The deadline notification's default action. */
static void
show_deadlines_activated_cb (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (user_data));
  window = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "deadlines");
}

static void
read_icon_theme_thread (GTask        *task,
                        gpointer      source,
                        gpointer      theme,
                        GCancellable *cancellable)
{
  gtk_icon_theme_has_icon (theme, "go-next-symbolic");
}

/* GTK starts reading the icon theme on a thread of its own as its default
 * style is parsed, and then GtkApplication's startup and adw_init () each
 * add a resource path to the theme, which throws that reading away: the
 * window's first icon read the theme again on the main thread, 68 M
 * instructions of the launch's 717 M (callgrind; a bare window draws no
 * icon before its first frame).  It is read again here, on a worker, while
 * the window is built. */
static void
read_icon_theme_again (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, g_object_ref (theme), g_object_unref);
  g_task_run_in_thread (task, read_icon_theme_thread);
}

static void
thr_application_startup (GApplication *app)
{
  static const GActionEntry actions[] = {
    { "quit", quit_activated_cb },
    { "about", about_activated_cb },
    { "show-deadlines", show_deadlines_activated_cb },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  /* As GtkApplication gives the shortcuts window it builds itself
   * (thr-window.c builds ours when first asked for). */
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  thr_core_init ();
  /* The store loads in its thread while GTK and libadwaita start (about
   * 90 ms of processor time before any window): the first frame then
   * never waits for it.  A team store waits for its password from the
   * keyring, which ensure_window hands over. */
  if (!thr_store_is_team_address (THR_APPLICATION (app)->db_path))
    thr_window_preload (THR_APPLICATION (app)->db_path);
  G_APPLICATION_CLASS (thr_application_parent_class)->startup (app);
  read_icon_theme_again ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), actions, G_N_ELEMENTS (actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-shortcuts", shortcuts_accels);
}

/* Quitting (app.quit, Ctrl+Q) ends the main loop with the windows still
 * open, and GTK never destroys them: their stores were never closed, so
 * SQLite left its write-ahead log beside the file and the store was not
 * recorded as checked, and the next launch read every page of it again
 * (330 ms of processor time on a copy of the demo).  The windows go
 * first, then what their cancelled work still has to say, so that each
 * session lets its store go. */
/* Cancelled work still running on a thread (a month half evaluated, an
 * icon being loaded) holds its window or session until the main loop hears
 * that it ended, and only then is the store closed: so the loop runs on
 * until every session is gone, or a few seconds have passed. */
#define SHUTDOWN_WAIT_USEC (5 * G_USEC_PER_SEC)

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_for_sessions (void)
{
  gint64 until = g_get_monotonic_time () + SHUTDOWN_WAIT_USEC;
  guint wake_id = g_timeout_add (10, wake_cb, NULL);

  while (thr_session_count_alive () > 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake_id);
}

static void
thr_application_shutdown (GApplication *app)
{
  GtkWindow *window;

  while ((window = gtk_application_get_active_window (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (window);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  wait_for_sessions ();
  G_APPLICATION_CLASS (thr_application_parent_class)->shutdown (app);
}

static void
thr_application_finalize (GObject *object)
{
  ThrApplication *self = THR_APPLICATION (object);

  g_clear_pointer (&self->db_path, g_free);
  G_OBJECT_CLASS (thr_application_parent_class)->finalize (object);
}

static void
thr_application_class_init (ThrApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = thr_application_finalize;
  app_class->handle_local_options = thr_application_handle_local_options;
  app_class->startup = thr_application_startup;
  app_class->shutdown = thr_application_shutdown;
  app_class->activate = thr_application_activate;
  app_class->open = thr_application_open;
}

static void
thr_application_init (ThrApplication *self)
{
  self->db_path = default_db_path ();
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

ThrApplication *
thr_application_new (void)
{
  return g_object_new (THR_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/thresholdapp/Threshold",
                       NULL);
}

const char *
thr_application_get_db_path (ThrApplication *self)
{
  g_return_val_if_fail (THR_IS_APPLICATION (self), NULL);
  return self->db_path;
}
