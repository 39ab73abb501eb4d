/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-connect.c — "Connect to a Team Store…" against a real server
 *
 * The demo store is copied into a database on the test server (THR_TEST_PG,
 * postgresql suite); the window, open on the demo file, is told to
 * connect through the dialog a person uses: the server's socket folder,
 * port, database and user typed into its fields.  The window then shows
 * the team store: its session reads the server, with the same months as
 * the file.  A socket folder takes no sslmode (libpq ignores TLS there);
 * a remote host gets verify-full unless the person chooses otherwise.
 * A user the server asks for a password logs in with the one typed into
 * the dialog, and a wrong one shows the server's refusal.
 */
#include <string.h>

#include <adwaita.h>

#include "thr-alert.h"

#include "thr-connect-dialog.h"
#include "thr-session.h"
#include "thr-test-demo.h"
#include "thr-test-pg.h"
#include "thr-test-util.h"
#include "thr-test-window.h"

static struct {
  char *demo_db;
  char *tmp_dir;
} fixture;

typedef struct {
  ThrWindow  *window;
  const char *address;
} Wanted;

static gboolean
showing_team_store_cb (gpointer data)
{
  Wanted *wanted = data;
  ThrSession *session = thr_window_get_session (wanted->window);

  return thr_test_window_complete (wanted->window) && session != NULL
         && g_strcmp0 (thr_store_get_path (thr_session_get_store (session)), wanted->address) == 0;
}

/* The first widget under @root, depth first, that @matches. */
static GtkWidget *
find_widget (GtkWidget  *root,
             gboolean  (*matches) (GtkWidget *, const char *),
             const char *word)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = matches (child, word) ? child : find_widget (child, matches, word);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_entry_row_titled (GtkWidget  *widget,
                     const char *title)
{
  return ADW_IS_ENTRY_ROW (widget)
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_button_labelled (GtkWidget  *widget,
                    const char *label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* A recent store's row: its address beneath the words for it. */
static gboolean
is_row_subtitled (GtkWidget  *widget,
                  const char *subtitle)
{
  return ADW_IS_ACTION_ROW (widget)
         && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), subtitle) == 0;
}

/* The address opened last, and the first of the recent team stores. */
static void
assert_remembered (const char *address)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.thresholdapp.Threshold");
  g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-team-stores");
  g_autofree char *last = g_settings_get_string (settings, "last-store");

  g_assert_nonnull (recent[0]);
  g_assert_cmpstr (recent[0], ==, address);
  g_assert_cmpstr (last, ==, address);
}

/* No shown label of @root whose text is @text is cut short ("…"). */
static guint
assert_not_ellipsized (GtkWidget  *root,
                       const char *text)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        {
          if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (child))))
            g_error ("\"%s\" is cut short at %d px", text, gtk_widget_get_width (root));
          n++;
        }
      n += assert_not_ellipsized (child, text);
    }
  return n;
}

/* The encryption chosen and the dialog's title read whole at the dialog's
 * width and at 360 px. */
static void
test_encryption_whole (void)
{
  ThrConnectDialog *dialog = thr_connect_dialog_new (NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  thr_test_wait_for_frame (dialog);
  g_assert_cmpuint (assert_not_ellipsized (GTK_WIDGET (dialog), "Verify certificate and host (verify-full)"), ==, 1);
  g_assert_cmpuint (assert_not_ellipsized (GTK_WIDGET (dialog), "Connect to a Team Store"), ==, 1);
  thr_test_render_png (dialog, "connect-default");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 640);
  thr_test_wait_for_frame (dialog);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, 360);
  g_assert_cmpuint (assert_not_ellipsized (GTK_WIDGET (dialog), "Verify certificate and host (verify-full)"), ==, 1);
  g_assert_cmpuint (assert_not_ellipsized (GTK_WIDGET (dialog), "Connect to a Team Store"), ==, 1);
  thr_test_render_png (dialog, "connect-360");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
type_into (GtkWidget  *dialog,
           const char *row_title,
           const char *text)
{
  GtkWidget *row = find_widget (dialog, is_entry_row_titled, row_title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
test_address_words (void)
{
  g_autoptr(ThrConnectDialog) dialog = g_object_ref_sink (thr_connect_dialog_new (NULL));
  g_autofree char *remote = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *words = NULL;

  type_into (GTK_WIDGET (dialog), "Host", "db.agency.example");
  type_into (GTK_WIDGET (dialog), "Database", "threshold");
  type_into (GTK_WIDGET (dialog), "User", "ana ruiz");
  remote = thr_connect_dialog_get_address (dialog);
  g_assert_cmpstr (remote, ==, "postgresql:///threshold?host=db.agency.example&user=ana%20ruiz&sslmode=verify-full");
  /* A typed address wins, and keeps the sslmode it names. */
  type_into (GTK_WIDGET (dialog), "Address", "postgresql://db.agency.example/t?sslmode=verify-ca");
  typed = thr_connect_dialog_get_address (dialog);
  g_assert_cmpstr (typed, ==, "postgresql://db.agency.example/t?sslmode=verify-ca");
  /* The words the window and the recent stores show for an address. */
  words = thr_connect_dialog_describe_address (remote);
  g_assert_cmpstr (words, ==, "threshold on db.agency.example");
  g_clear_pointer (&words, g_free);
  words = thr_connect_dialog_describe_address ("postgresql://ana@db.agency.example/training?sslmode=verify-full");
  g_assert_cmpstr (words, ==, "training on db.agency.example");
  g_clear_pointer (&words, g_free);
  words = thr_connect_dialog_describe_address ("postgresql:///?service=threshold");
  g_assert_null (words);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* "Connect to a Team Store…" from @window, with the test server's socket
 * folder, port and database, @user and @password (NULL: none) typed in;
 * the dialog is drawn to window-NAME-light.png before Connect.  A
 * password the desktop's keyring does not take (the tests run without
 * one) is said in an alert, closed here. */
static void
connect_through_dialog (ThrWindow  *window,
                        ThrTestPg  *pg,
                        const char *user,
                        const char *password,
                        const char *name)
{
  GtkWidget *dialog;
  GtkWidget *connect;
  GtkWidget *alert;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.connect-team", NULL));
  dialog = thr_test_wait_for_toplevel (THR_TYPE_CONNECT_DIALOG);
  type_into (dialog, "Host", PQhost (pg->admin));
  type_into (dialog, "Port", PQport (pg->admin));
  type_into (dialog, "Database", PQdb (pg->admin));
  type_into (dialog, "User", user);
  if (password != NULL)
    type_into (dialog, "Password", password);
  thr_test_wait_for_frame (dialog);
  thr_test_render_png (dialog, name);
  connect = find_widget (dialog, is_button_labelled, "C_onnect");
  g_assert_nonnull (connect);
  g_assert_true (gtk_widget_get_sensitive (connect));
  g_signal_emit_by_name (connect, "clicked");
  alert = thr_test_find_alert_now ();
  if (alert != NULL)
    {
      g_assert_cmpstr (thr_alert_get_heading (alert), ==, "The Password Was Not Kept");
      thr_alert_respond (alert, "close");
    }
}

static void
test_connects (void)
{
  g_autoptr(ThrTestPg) pg = thr_test_pg_new_copy (g_getenv ("THR_TEST_DEMO_DB"));
  g_autofree char *expected = NULL;
  g_autofree char *words = NULL;
  ThrWindow *window;
  GtkWidget *dialog;
  GtkWidget *recent;
  Wanted wanted;
  guint n_months;

  if (pg == NULL)
    return;
  expected = thr_test_pg_address (pg, NULL);

  window = thr_test_open_window (fixture.demo_db, 1200, 800);
  n_months = thr_session_get_n_months (thr_window_get_session (window));
  connect_through_dialog (window, pg, PQuser (pg->admin), NULL, "connect");

  wanted.window = window;
  wanted.address = expected;
  thr_test_wait_for (showing_team_store_cb, &wanted);
  g_assert_cmpuint (thr_session_get_n_months (thr_window_get_session (window)), ==, n_months);

  /* Remembered by its address, which holds no password, and offered by
   * the next dialog, after another store: chosen there, it connects. */
  assert_remembered (expected);
  thr_window_open_store (window, fixture.demo_db);
  wanted.address = fixture.demo_db;
  thr_test_wait_for (showing_team_store_cb, &wanted);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.connect-team", NULL));
  dialog = thr_test_wait_for_toplevel (THR_TYPE_CONNECT_DIALOG);
  recent = find_widget (dialog, is_row_subtitled, expected);
  g_assert_nonnull (recent);
  words = g_strdup_printf ("%s on this computer", PQdb (pg->admin));
  thr_test_wait_for_frame (window);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (recent)), ==, words);
  thr_test_wait_for_frame (dialog);
  thr_test_render_png (dialog, "connect-recent");
  g_signal_emit_by_name (recent, "activated");
  wanted.address = expected;
  thr_test_wait_for (showing_team_store_cb, &wanted);
  thr_test_close_window (window);
}

static gboolean
error_page_shown_cb (gpointer window)
{
  return thr_test_find_status_page (window, "This Store Cannot Be Opened") != NULL;
}

/* The error page says in our words that the team store could not be
 * opened and what to check, without its address first; the server's
 * words, which say what went wrong (@server_says among them), are quoted
 * apart in a selectable card; each read whole at the window's width and
 * at 360 px, light and dark (window-NAME[-360]-light|dark.png). */
static void
assert_open_error_said (ThrWindow     *window,
                        AdwStatusPage *page,
                        const char    *server_says,
                        const char    *name)
{
  g_autofree char *narrow = g_strdup_printf ("%s-360", name);
  const char *description = adw_status_page_get_description (page);
  GtkWidget *card = g_object_get_data (G_OBJECT (page), "thr-quote-card");
  const char *quote;
  int width, height;

  g_test_message ("the error page says: %s", description);
  g_assert_true (g_str_has_prefix (description, "Threshold could not open this team store. Check its address, "
                                                "your user name and password, and that the server is running"));
  g_assert_null (strstr (description, "postgresql:"));
  g_assert_nonnull (card);
  quote = thr_alert_quote_card_get_text (card);
  g_test_message ("the server says: %s", quote);
  g_assert_nonnull (strstr (quote, server_says));
  /* The address is the header bar's; the card quotes what went wrong. */
  g_assert_false (g_str_has_prefix (quote, "postgresql:"));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (gtk_widget_get_first_child (card))));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  thr_test_wait_for_frame (window);
  g_assert_true (gtk_widget_get_mapped (card));
  g_assert_cmpuint (thr_test_assert_labels_whole (GTK_WIDGET (page)), >=, 3);
  thr_test_render_png_light_and_dark (GTK_WIDGET (window), name);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  thr_test_wait_for_frame (window);
  thr_test_iterate (300);
  thr_test_window_show_content (window);
  thr_test_wait_for_frame (window);
  thr_test_iterate (300);
  g_assert_true (gtk_widget_get_mapped (card));
  g_assert_cmpuint (thr_test_assert_labels_whole (GTK_WIDGET (page)), >=, 3);
  g_assert_cmpint (gtk_widget_get_width (card), <=, 360);
  thr_test_render_png_light_and_dark (GTK_WIDGET (window), narrow);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  thr_test_wait_for_frame (window);
  thr_test_iterate (300);
}

typedef struct {
  AdwStatusPage *page;
  GtkWidget     *card;   /* the card quoting the error before */
} Quoted;

static gboolean
new_card_cb (gpointer data)
{
  Quoted *quoted = data;
  GtkWidget *card = g_object_get_data (G_OBJECT (quoted->page), "thr-quote-card");

  return card != NULL && card != quoted->card;
}

/* A database the server does not hold and a server that is not running
 * (nothing listens on the port): the error page says the same in our
 * words, and quotes what the server, or libpq for it, said. */
static void
test_open_errors (void)
{
  g_autoptr(ThrTestPg) pg = thr_test_pg_new_copy (g_getenv ("THR_TEST_DEMO_DB"));
  g_autofree char *missing = NULL;
  g_autofree char *stopped = NULL;
  AdwStatusPage *page;
  ThrWindow *window;
  Quoted quoted;

  if (pg == NULL)
    return;
  missing = g_strdup_printf ("postgresql:///thr_no_such_database?host=%s&port=%s&user=%s", PQhost (pg->admin),
                             PQport (pg->admin), PQuser (pg->admin));
  /* A port of the same socket folder where no server listens. */
  stopped = g_strdup_printf ("postgresql:///%s?host=%s&port=1&user=%s", PQdb (pg->admin), PQhost (pg->admin),
                             PQuser (pg->admin));
  window = thr_test_open_window (fixture.demo_db, 1200, 800);
  thr_test_pg_expect_error (pg, "3D000");
  thr_window_open_store (window, missing);
  thr_test_wait_for (error_page_shown_cb, window);
  page = thr_test_find_status_page (GTK_WIDGET (window), "This Store Cannot Be Opened");
  assert_open_error_said (window, page, "database \"thr_no_such_database\" does not exist",
                          "connect-missing-database");

  quoted.page = page;
  quoted.card = g_object_get_data (G_OBJECT (page), "thr-quote-card");
  thr_window_open_store (window, stopped);
  thr_test_wait_for (new_card_cb, &quoted);
  assert_open_error_said (window, page, ".s.PGSQL.1\" failed", "connect-stopped-server");
  /* One card, the last error's: the missing database's is gone. */
  g_assert_null (strstr (thr_alert_quote_card_get_text (g_object_get_data (G_OBJECT (page), "thr-quote-card")),
                         "does not exist"));
  thr_test_close_window (window);
}

/* A user whom the server asks for a password (tools/pg-server: a member of
 * thr_password_login, scram-sha-256): a wrong one is refused by the
 * server, in its words on the window's error page; the right one, typed
 * into the dialog, opens the store, the server's notices included. */
static void
test_password (void)
{
  g_autoptr(ThrTestPg) pg = thr_test_pg_new_copy (g_getenv ("THR_TEST_DEMO_DB"));
  g_autofree char *user = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *words = NULL;
  AdwStatusPage *page;
  ThrWindow *window;
  Wanted wanted;

  if (pg == NULL)
    return;
  thr_test_pg_run_team_file (pg, "roles.sql");
  user = thr_test_pg_add_user (pg, "pw", "thr_password_login");
  sql = g_strdup_printf ("ALTER ROLE %s PASSWORD 'correct horse ✓'; GRANT threshold_viewer TO %s", user, user);
  PQclear (thr_test_pg_exec_ok (pg->admin, sql));
  thr_test_pg_grant (pg, 1, user, NULL);
  expected = thr_test_pg_address (pg, user);

  window = thr_test_open_window (fixture.demo_db, 1200, 800);
  /* The wrong password, refused on purpose. */
  thr_test_pg_expect_error (pg, "28P01");
  connect_through_dialog (window, pg, user, "wrong horse", "connect-password");
  thr_test_wait_for (error_page_shown_cb, window);
  g_assert_null (thr_window_get_session (window));
  page = thr_test_find_status_page (GTK_WIDGET (window), "This Store Cannot Be Opened");
  assert_open_error_said (window, page, "password authentication failed", "connect-wrong-password");
  /* The header bar names the team store that refused, not a page. */
  words = g_strdup_printf ("%s on this computer", PQdb (pg->admin));
  g_assert_cmpstr (thr_test_content_title (GTK_WIDGET (window)), ==, words);

  connect_through_dialog (window, pg, user, "correct horse ✓", "connect-password-again");
  wanted.window = window;
  wanted.address = expected;
  thr_test_wait_for (showing_team_store_cb, &wanted);
  g_assert_cmpuint (thr_session_get_n_months (thr_window_get_session (window)), >, 0);
  /* The connection that hears colleagues' changes logged in too. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM pg_stat_activity WHERE usename = '%s' AND query LIKE 'LISTEN%%'", user);
  thr_test_pg_assert_value (pg->admin, sql, "1");
  thr_test_close_window (window);
  thr_team_password_set (expected, NULL);
}

int
main (int   argc,
      char *argv[])
{
  fixture.tmp_dir = thr_test_window_init (&argc, &argv, "connect");
  fixture.demo_db = thr_test_copy_demo_store (fixture.tmp_dir);
  g_test_add_func ("/window-connect/address", test_address_words);
  g_test_add_func ("/window-connect/encryption-whole", test_encryption_whole);
  g_test_add_func ("/window-connect/connects", test_connects);
  g_test_add_func ("/window-connect/password", test_password);
  g_test_add_func ("/window-connect/open-errors", test_open_errors);
  return thr_test_window_run (fixture.tmp_dir, fixture.demo_db);
}
