/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-team-start.c — Threshold started again on the team store it
 * had open last
 *
 * Run by tests/with-keyring under dbus-run-session, so GNOME Keyring's
 * daemon is the Secret Service, and under Xvfb, against the test server
 * (THR_TEST_PG, postgresql suite).  The settings say the last store was a
 * team store; the application starts as a person starts it (no --db): it
 * reads that store's password from the keyring, hands it to the core for
 * the process, and the window opens the store.  A server that does not
 * answer is said so on the window's error page.  (The test server trusts
 * its socket's connections, so the password is checked where the core
 * holds it, thr_team_password_lookup, not by the server.)
 */
#include <string.h>

#include "thr-alert.h"
#include "thr-application.h"
#include "thr-session.h"
#include "thr-team-keyring.h"
#include "thr-test-pg.h"
#include "thr-test-window.h"

static struct {
  ThrTestPg *pg;
  char *address;
  char *tmp_dir;
} fixture;

typedef struct {
  const char *address;
  gboolean    opens;       /* the store opens; otherwise the error page */
  const char *password;    /* kept in the keyring, or NULL */
  gboolean    checked;
} Start;

static ThrWindow *
app_window (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

      window = windows != NULL ? windows->data : NULL;
    }
  return THR_IS_WINDOW (window) ? THR_WINDOW (window) : NULL;
}

static gboolean
settled_cb (gpointer data)
{
  ThrWindow *window = data;

  return thr_test_window_loaded (window) || (!thr_window_get_loading (window) &&
                                             thr_window_get_session (window) == NULL &&
                                             gtk_widget_get_mapped (GTK_WIDGET (window)));
}

static gboolean
error_page_shown_cb (gpointer data)
{
  return thr_test_find_status_page (data, "This Store Cannot Be Opened") != NULL;
}

/* Runs once the application has made its window (after its own activate). */
static void
activated_cb (GApplication *app,
              Start        *start)
{
  ThrWindow *window = app_window (app);
  g_autofree char *held = thr_team_password_lookup (start->address);

  g_assert_nonnull (window);
  g_assert_cmpstr (held, ==, start->password);
  thr_test_wait_for (settled_cb, window);
  if (start->opens)
    {
      ThrSession *session = thr_window_get_session (window);

      thr_test_wait_for (thr_test_window_complete, window);
      g_assert_nonnull (session);
      g_assert_cmpstr (thr_store_get_path (thr_session_get_store (session)), ==, start->address);
      g_assert_cmpuint (thr_session_get_n_months (session), >, 0);
    }
  else
    {
      g_assert_null (thr_window_get_session (window));
      AdwStatusPage *page;
      const char *said, *quote;

      thr_test_wait_for (error_page_shown_cb, window);
      page = thr_test_find_status_page (GTK_WIDGET (window), "This Store Cannot Be Opened");
      said = adw_status_page_get_description (page);
      /* What failed and what to check in our words, and what to do when
       * no password is kept; the server's words quoted apart, without
       * the address (the header bar names the store). */
      g_assert_true (g_str_has_prefix (said, "Threshold could not open this team store."));
      g_assert_nonnull (strstr (said, "no password for this team store in the keyring"));
      g_assert_null (strstr (said, "user=ana"));
      quote = thr_alert_quote_card_get_text (g_object_get_data (G_OBJECT (page), "thr-quote-card"));
      g_assert_true (g_str_has_prefix (quote, "cannot connect to the PostgreSQL server"));
      g_assert_null (strstr (quote, "user=ana"));
      thr_test_render_png (window, "team-start-unreachable");
    }
  start->checked = TRUE;
  thr_test_close_window (window);
  g_application_quit (app);
}

static void
start_on (Start *start)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.thresholdapp.Threshold");
  g_autoptr(ThrApplication) app = thr_application_new ();
  char *argv[] = { "threshold", NULL };

  g_settings_set_string (settings, "last-store", start->address);
  /* Not the one instance of the session: the test owns this one. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activated_cb), start);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (start->checked);
  g_assert_cmpstr (thr_application_get_db_path (app), ==, start->address);
}

static void
test_reopens_with_keyring (void)
{
  g_autoptr(GError) error = NULL;
  Start start = { 0 };

  if (fixture.pg == NULL)
    return;
  g_assert_true (thr_team_keyring_store (fixture.address, "from the keyring ✓", NULL, &error));
  g_assert_no_error (error);
  start.address = fixture.address;
  start.opens = TRUE;
  start.password = "from the keyring ✓";
  start_on (&start);
  thr_team_password_set (fixture.address, NULL);
  g_assert_true (thr_team_keyring_clear (fixture.address, NULL, &error));
}

static void
test_unreachable (void)
{
  g_autofree char *nowhere = g_build_filename (fixture.tmp_dir, "no-server-here", NULL);
  g_autofree char *address = g_strdup_printf ("postgresql:///threshold?host=%s&user=ana", nowhere);
  Start start = { 0 };

  if (fixture.pg == NULL)
    return;
  /* No password kept: none handed over, and the error page says why. */
  start.address = address;
  start.opens = FALSE;
  start.password = NULL;
  start_on (&start);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  fixture.tmp_dir = thr_test_window_init (&argc, &argv, "team-start");
  g_test_add_func ("/window-team-start/reopens-with-keyring", test_reopens_with_keyring);
  g_test_add_func ("/window-team-start/unreachable", test_unreachable);
  fixture.pg = thr_test_pg_new ();
  if (fixture.pg != NULL)
    fixture.address = thr_test_pg_make_demo (fixture.pg, 2);
  status = thr_test_window_run (g_strdup (fixture.tmp_dir), NULL);
  g_clear_pointer (&fixture.pg, thr_test_pg_free);
  thr_test_pg_exit_if_failed ();
  g_free (fixture.address);
  g_free (fixture.tmp_dir);
  return status;
}
