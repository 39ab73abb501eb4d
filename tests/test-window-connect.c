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
 */
#include <adwaita.h>

#include "thr-connect-dialog.h"
#include "thr-session.h"
#include "thr-test-demo.h"
#include "thr-test-pg.h"
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

/* The encryption chosen reads whole at the dialog's width and at 360 px. */
static void
test_encryption_whole (void)
{
  ThrConnectDialog *dialog = thr_connect_dialog_new (NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  thr_test_wait_for_frame (dialog);
  g_assert_cmpuint (assert_not_ellipsized (GTK_WIDGET (dialog), "Verify certificate and host (verify-full)"), ==, 1);
  thr_test_render_png (dialog, "connect-default");
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 640);
  thr_test_wait_for_frame (dialog);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, 360);
  g_assert_cmpuint (assert_not_ellipsized (GTK_WIDGET (dialog), "Verify certificate and host (verify-full)"), ==, 1);
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

static void
test_connects (void)
{
  g_autoptr(ThrTestPg) pg = thr_test_pg_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) file = NULL;
  g_autoptr(ThrStore) team = NULL;
  g_autofree char *port = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *words = NULL;
  ThrWindow *window;
  GtkWidget *dialog;
  GtkWidget *connect;
  GtkWidget *recent;
  Wanted wanted;
  guint n_months;

  if (pg == NULL)
    return;
  expected = g_strdup_printf ("postgresql:///%s?host=%s&port=%s&user=%s", PQdb (pg->admin), PQhost (pg->admin),
                              PQport (pg->admin), PQuser (pg->admin));
  file = thr_store_open (fixture.demo_db, &error);
  g_assert_no_error (error);
  team = thr_store_open (expected, &error);
  g_assert_no_error (error);
  g_assert_true (thr_store_copy_rows (file, team, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&team);

  window = thr_test_open_window (fixture.demo_db, 1200, 800);
  n_months = thr_session_get_n_months (thr_window_get_session (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.connect-team", NULL));
  dialog = thr_test_wait_for_toplevel (THR_TYPE_CONNECT_DIALOG);
  type_into (dialog, "Host", PQhost (pg->admin));
  type_into (dialog, "Port", PQport (pg->admin));
  type_into (dialog, "Database", PQdb (pg->admin));
  type_into (dialog, "User", PQuser (pg->admin));
  thr_test_wait_for_frame (dialog);
  thr_test_render_png (dialog, "connect");
  connect = find_widget (dialog, is_button_labelled, "C_onnect");
  g_assert_nonnull (connect);
  g_assert_true (gtk_widget_get_sensitive (connect));
  g_signal_emit_by_name (connect, "clicked");

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
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (recent)), ==, words);
  thr_test_wait_for_frame (dialog);
  thr_test_render_png (dialog, "connect-recent");
  g_signal_emit_by_name (recent, "activated");
  wanted.address = expected;
  thr_test_wait_for (showing_team_store_cb, &wanted);
  gtk_window_destroy (GTK_WINDOW (window));
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
  return thr_test_window_run (fixture.tmp_dir, fixture.demo_db);
}
