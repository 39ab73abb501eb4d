/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-roles.c — the window as each role of a team store sees it
 *
 * A small demo on the test server (THR_TEST_PG, postgresql suite), made by
 * the tables' owner, with roles.sql and four login users granted its
 * contract: a viewer, an editor, an importer and an administrator
 * (docs/team-store.md, "Roles").  A window opened as each of them offers
 * only what the role may do: every control of an action the role may not
 * take is disabled and its tooltip says why, naming the role to ask for;
 * the disabled action refuses its keyboard shortcut as well.  What the
 * server still refuses (a role taken back while the window is open, a
 * lost connection, a rule of the server's) the CAP editor and the import
 * dialog say in our words, the server's quoted apart.
 */
#include <string.h>

#include "thr-alert.h"
#include "thr-cap-editor.h"
#include "thr-caps-page.h"
#include "thr-import-dialog.h"
#include "thr-preferences-window.h"
#include "thr-session.h"
#include "thr-test-pg.h"
#include "thr-test-util.h"
#include "thr-test-window.h"

static struct {
  ThrTestPg *pg;
  char *tmp_dir;
} fixture;

typedef struct {
  const char *suffix;    /* the login role's, after the test's prefix */
  const char *group;
  gboolean    can_import;
  gboolean    can_edit;
  gboolean    can_admin;
} Role;

static const Role roles[] = {
  { "viewer", "threshold_viewer", FALSE, FALSE, FALSE },
  { "editor", "threshold_editor", FALSE, TRUE, FALSE },
  { "importer", "threshold_importer", TRUE, FALSE, FALSE },
  { "admin", "threshold_admin", FALSE, FALSE, TRUE },
};

/* ---- helpers ---- */

/* Every actionable widget under @root whose action is @action. */
static void
collect_actionables (GtkWidget  *root,
                     const char *action,
                     GPtrArray  *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_ACTIONABLE (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        g_ptr_array_add (found, child);
      collect_actionables (child, action, found);
    }
}

/* Every control of @action under @root is enabled when @allowed; when
 * not, it is disabled and its tooltip is @why.  At least @min_controls. */
static void
assert_controls (GtkWidget  *root,
                 const char *action,
                 gboolean    allowed,
                 const char *why,
                 guint       min_controls)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_actionables (root, action, found);
  g_assert_cmpuint (found->len, >=, min_controls);
  for (guint i = 0; i < found->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (found, i);
      g_autofree char *tooltip = gtk_widget_get_tooltip_text (control) ? g_strdup (gtk_widget_get_tooltip_text (control)) : NULL;

      if (gtk_widget_get_sensitive (control) != allowed)
        g_error ("%s: a control of %s is %s", G_OBJECT_TYPE_NAME (control), action,
                 allowed ? "disabled" : "enabled");
      if (!allowed)
        g_assert_cmpstr (tooltip, ==, why);
      else
        g_assert_cmpstr (tooltip, !=, why);
    }
}

static gint64
first_import_id (void)
{
  g_autofree char *id = thr_test_pg_value (fixture.pg->admin, "SELECT min(id) FROM imports");

  return g_ascii_strtoll (id, NULL, 10);
}

/* Activating @action (as its keyboard shortcut does) asks nothing when
 * @refused: GTK does not run a disabled action.  Otherwise its question
 * is shown, and cancelled. */
static void
assert_action_refused (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter,
                       gboolean    refused)
{
  g_autoptr(GVariant) held = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;
  GtkWidget *alert;

  g_assert_null (thr_test_find_alert_now ());
  g_assert_true (gtk_widget_activate_action_variant (widget, action, held));
  alert = refused ? thr_test_find_alert_now () : thr_test_find_alert ();
  if (refused)
    {
      g_assert_null (alert);
      return;
    }
  g_assert_nonnull (alert);
  thr_alert_respond (alert, "cancel");
}

static gboolean
editor_shows_cap_cb (gpointer data)
{
  return thr_cap_editor_get_cap_id (data) > 0;
}

/* The editor shows what is below its timeline a frame after its first:
 * the dates are there for every role. */
static gboolean
editor_shows_below_cb (gpointer data)
{
  return gtk_widget_is_visible (thr_cap_editor_get_field (data, "submitted_on"));
}

/* ---- each role ---- */

static void
check_imports (ThrWindow  *window,
               const Role *role)
{
  g_autofree char *why = thr_store_describe_missing_right (THR_STORE_RIGHT_IMPORT);

  /* The header's button (and the Imports page's), then every Undo of the
   * history; Ctrl+I and an undo by its action are refused. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "imports");
  assert_controls (GTK_WIDGET (window), "win.import", role->can_import, why, 2);
  assert_controls (GTK_WIDGET (window), "win.ask-undo-import", role->can_import, why, 1);
  g_assert_true (g_str_has_prefix (why, "Your role on this team store cannot import"));
  g_assert_nonnull (strstr (why, "importer role"));
  assert_action_refused (GTK_WIDGET (window), "win.ask-undo-import", g_variant_new_int64 (first_import_id ()),
                         !role->can_import);
}

static void
check_cap_editor (ThrWindow  *window,
                  const Role *role)
{
  g_autofree char *why = thr_store_describe_missing_right (THR_STORE_RIGHT_EDIT);
  ThrCapEditor *editor;
  GtkWidget *notes;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "caps");
  editor = thr_caps_page_get_editor (THR_CAPS_PAGE (thr_window_get_page_widget (window, "caps")));
  thr_test_wait_for (editor_shows_cap_cb, editor);
  thr_test_wait_for (editor_shows_below_cb, editor);
  assert_controls (GTK_WIDGET (editor), "cap.ask-close", role->can_edit, why, 1);
  notes = thr_cap_editor_get_field (editor, "root_cause");
  g_assert_cmpint (gtk_text_view_get_editable (GTK_TEXT_VIEW (notes)), ==, role->can_edit);
  g_assert_cmpint (gtk_editable_get_editable (GTK_EDITABLE (thr_cap_editor_get_field (editor, "submitted_on"))), ==,
                   role->can_edit);
  /* Adding an action is hidden, not offered empty. */
  g_assert_cmpint (gtk_widget_is_visible (thr_cap_editor_get_field (editor, "new_description")), ==, role->can_edit);
  /* C_lose CAP… and its mnemonic ask nothing of an editor-less role. */
  gtk_widget_grab_focus (notes);
  assert_action_refused (GTK_WIDGET (editor), "cap.ask-close", NULL, !role->can_edit);
  if (!role->can_edit)
    {
      g_assert_cmpstr (gtk_widget_get_tooltip_text (notes), ==, why);
      g_assert_nonnull (strstr (why, "editor role"));
    }
}

static gboolean
is_closure_row (GtkWidget *widget)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Closed on (YYYY-MM-DD)") == 0;
}

static GtkWidget *
find_closure_row (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = is_closure_row (child) ? child : find_closure_row (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
check_closures (ThrWindow  *window,
                const Role *role)
{
  GtkWidget *preferences;
  GtkWidget *row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  preferences = thr_test_wait_for_preferences ();
  row = find_closure_row (preferences);
  g_assert_nonnull (row);
  g_assert_cmpint (gtk_widget_get_visible (row), ==, role->can_admin);
  thr_test_close_preferences (preferences);
}

static void
test_role (gconstpointer data)
{
  const Role *role = data;
  g_autofree char *user = NULL;
  g_autofree char *address = NULL;
  g_autofree char *name = NULL;
  ThrWindow *window;

  if (fixture.pg == NULL)
    return;
  user = g_strdup_printf ("%s_%s", fixture.pg->prefix, role->suffix);
  address = thr_test_pg_address (fixture.pg, user);
  window = thr_test_open_window (address, 1366, 768);
  g_assert_cmpuint (thr_store_get_rights (thr_session_get_store (thr_window_get_session (window))) &
                    ~THR_STORE_RIGHT_READ, ==,
                    (role->can_import ? THR_STORE_RIGHT_IMPORT : 0) | (role->can_edit ? THR_STORE_RIGHT_EDIT : 0) |
                    (role->can_admin ? THR_STORE_RIGHT_ADMIN : 0));
  check_imports (window, role);
  check_cap_editor (window, role);
  check_closures (window, role);
  name = g_strdup_printf ("roles-%s", role->suffix);
  thr_test_wait_for_frame (window);
  thr_test_render_png (window, name);
  thr_test_close_window (window);
}

/* ---- a save the server refuses ---- */

/* Two editors whose saves fail after their window opened: one whose role
 * is taken back (a reviewer now, as a viewer), one whose connection the
 * server ends, as when it stops. */
static const Role lapsed = { "lapsed", "threshold_editor", FALSE, TRUE, FALSE };
static const Role cut = { "cut", "threshold_editor", FALSE, TRUE, FALSE };

static gboolean
window_folded (gpointer window)
{
  return thr_test_window_is_folded (window);
}

/* The CAP editor of a window opened as @role, showing a CAP. */
static ThrCapEditor *
open_cap_editor (const Role *role,
                 ThrWindow **window,
                 char      **address)
{
  g_autofree char *user = g_strdup_printf ("%s_%s", fixture.pg->prefix, role->suffix);
  ThrCapEditor *editor;

  *address = thr_test_pg_address (fixture.pg, user);
  *window = thr_test_open_window (*address, 1366, 768);
  gtk_widget_activate_action (GTK_WIDGET (*window), "win.show-page", "s", "caps");
  editor = thr_caps_page_get_editor (THR_CAPS_PAGE (thr_window_get_page_widget (*window, "caps")));
  thr_test_wait_for (editor_shows_cap_cb, editor);
  thr_test_wait_for (editor_shows_below_cb, editor);
  return editor;
}

/* Types a root cause and saves it now, which the server refuses. */
static void
save_root_cause_refused (ThrCapEditor *editor)
{
  GtkWidget *notes = thr_cap_editor_get_field (editor, "root_cause");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes)), "Staffing shortfall in intake", -1);
  g_assert_false (thr_cap_editor_flush (editor));
}

/* The top of the editor says @says (without the store's address) and
 * quotes the server's words, among them @server_says, in a selectable
 * card. */
static void
assert_refusal_said (ThrCapEditor *editor,
                     const char   *address,
                     const char   *says,
                     const char   *server_says)
{
  const char *error = thr_cap_editor_get_error (editor);
  GtkWidget *card = thr_cap_editor_get_error_card (editor);
  const char *quote;

  g_assert_nonnull (error);
  g_test_message ("the editor says: %s", error);
  g_assert_true (g_str_has_prefix (error, says));
  g_assert_null (strstr (error, "postgresql:"));
  g_assert_nonnull (card);
  quote = thr_alert_quote_card_get_text (card);
  g_test_message ("the server says: %s", quote);
  g_assert_nonnull (strstr (quote, server_says));
  g_assert_false (g_str_has_prefix (quote, "postgresql:"));
  g_assert_null (strstr (quote, address));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (gtk_widget_get_first_child (card))));
}

/* The editor says in our words (@says, without the store's address) that
 * the change was not saved and what to do; the server's words, among them
 * @server_says, are quoted under it in a selectable card, and the field
 * says where to look; read whole at 1366 and 360 px, light and dark
 * (window-NAME[-360]-light|dark.png). */
static void
assert_save_failure_said (ThrWindow    *window,
                          ThrCapEditor *editor,
                          const char   *address,
                          const char   *says,
                          const char   *server_says,
                          const char   *name)
{
  g_autofree char *narrow = g_strdup_printf ("%s-360", name);
  GtkWidget *card = thr_cap_editor_get_error_card (editor);

  assert_refusal_said (editor, address, says, server_says);
  g_assert_cmpstr (thr_cap_editor_get_field_error (editor, "root_cause"), ==,
                   "Not saved: the team store's words are at the top of this CAP.");
  thr_test_wait_for_frame (window);
  g_assert_true (gtk_widget_get_mapped (card));
  thr_test_render_png_light_and_dark (GTK_WIDGET (window), name);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  thr_test_wait_for (window_folded, window);
  thr_test_window_show_content (window);
  /* Folded, the CAPs page shows its list until a CAP is chosen. */
  g_assert_true (thr_caps_page_select (THR_CAPS_PAGE (thr_window_get_page_widget (window, "caps")),
                                       thr_cap_editor_get_cap_id (editor)));
  /* Not settled: a window whose connection was lost reads nothing more. */
  thr_test_iterate (300);
  thr_test_wait_for_frame (window);
  thr_test_scroll_to (card);
  thr_test_wait_for_frame (window);
  g_assert_true (gtk_widget_get_mapped (card));
  g_assert_cmpint (gtk_widget_get_width (card), <=, 360);
  thr_test_render_png_light_and_dark (GTK_WIDGET (window), narrow);
}

/* An editor made a viewer while the window is open: the server refuses
 * the save (42501), which the window could not foresee. */
static void
test_cap_save_refused (void)
{
  g_autofree char *address = NULL;
  g_autofree char *user = NULL;
  g_autofree char *sql = NULL;
  ThrCapEditor *editor;
  ThrWindow *window;

  if (fixture.pg == NULL)
    return;
  editor = open_cap_editor (&lapsed, &window, &address);
  user = g_strdup_printf ("%s_%s", fixture.pg->prefix, lapsed.suffix);
  sql = g_strdup_printf ("REVOKE threshold_editor FROM %s; GRANT threshold_viewer TO %s", user, user);
  PQclear (thr_test_pg_exec_ok (fixture.pg->admin, sql));
  thr_test_pg_expect_error (fixture.pg, "42501");
  save_root_cause_refused (editor);
  assert_save_failure_said (window, editor, address,
                            "Your change was not saved: the team store's server did not let your database role "
                            "change this CAP. Ask whoever runs it for the editor role",
                            "Permission denied for table caps", "cap-save-refused");
  thr_test_close_window (window);
}

static const char lost_says[] = "Your change was not saved: the team store's server failed, or the connection to it "
                                "was lost.";

/* The server ends the window's connection (a lost connection; as when it
 * stops, but for the listener's): the save fails with libpq's words. */
static void
test_cap_save_server_lost (void)
{
  g_autofree char *address = NULL;
  g_autofree char *sql = NULL;
  ThrCapEditor *editor;
  ThrWindow *window;

  if (fixture.pg == NULL)
    return;
  editor = open_cap_editor (&cut, &window, &address);
  /* Not its listener's (LISTEN): a lost listener is listened again
   * (test-team-edit's /team-edit/hears-again-after-losing-listener), and
   * this test is about the store's own connection. */
  sql = g_strdup_printf ("SELECT count (pg_terminate_backend (pid)) FROM pg_stat_activity "
                         "WHERE usename = '%s_%s' AND query NOT LIKE 'LISTEN%%'",
                         fixture.pg->prefix, cut.suffix);
  PQclear (thr_test_pg_exec_ok (fixture.pg->admin, sql));
  thr_test_pg_expect_error (fixture.pg, "57P01");
  /* An action added, then the CAP closed: each said as a field's save. */
  gtk_editable_set_text (GTK_EDITABLE (thr_cap_editor_get_field (editor, "new_description")), "Hire two intake workers");
  gtk_widget_activate_action (GTK_WIDGET (editor), "cap.add-action", NULL);
  assert_refusal_said (editor, address, lost_says, "server closed the connection unexpectedly");
  /* libpq's words after the first: the close's own refusal is shown. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "cap.close", "s", "Withdrawn: the report was corrected");
  assert_refusal_said (editor, address, lost_says, "no connection to the server");
  save_root_cause_refused (editor);
  assert_save_failure_said (window, editor, address, lost_says, "no connection to the server",
                            "cap-save-server-lost");
  thr_test_close_window (window);
}

/* ---- an import the server refuses ---- */

static const Role refused_importer = { "refused_importer", "threshold_importer", TRUE, FALSE, FALSE };

/* The server refuses the import once the file was checked (a trigger of
 * the test's database refuses new imports with a message, a detail and a
 * hint, as a server's rule would).  The dialog says so in our words, the
 * server's quoted apart without the store's address; read whole at its
 * own size and at 360 px, light and dark
 * (window-import-refused[-360]-light|dark.png). */
static void
test_import_refused (void)
{
  g_autofree char *user = NULL;
  g_autofree char *address = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GFile) file = NULL;
  const char *details;
  const char *quote;
  GtkWidget *card;
  ThrWindow *window;
  GtkWindow *dialog;

  if (fixture.pg == NULL)
    return;
  user = g_strdup_printf ("%s_%s", fixture.pg->prefix, refused_importer.suffix);
  address = thr_test_pg_address (fixture.pg, user);
  csv = g_build_filename (fixture.tmp_dir, "refused.csv", NULL);
  g_assert_true (g_file_set_contents (csv, "metric,period,numerator,denominator\nA.1.a,2020-01,96,100\n", -1, NULL));
  file = g_file_new_for_path (csv);
  window = thr_test_open_window (address, 1366, 768);
  dialog = thr_window_import_file (window, file);
  g_assert_nonnull (dialog);
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_assert_cmpstr (thr_import_dialog_get_step (THR_IMPORT_DIALOG (dialog)), ==, "preview");
  PQclear (thr_test_pg_exec_ok (fixture.pg->admin,
                                "CREATE FUNCTION refuse_import () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                                "RAISE EXCEPTION 'imports are closed for the year-end audit' "
                                "USING DETAIL = 'The audit freezes the contract until 15 January.', "
                                "HINT = 'Ask the contract office to reopen imports.'; END $$; "
                                "CREATE TRIGGER refuse_import BEFORE INSERT ON imports "
                                "FOR EACH ROW EXECUTE FUNCTION refuse_import ()"));
  thr_test_pg_expect_error (fixture.pg, "P0001");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_assert_cmpstr (thr_import_dialog_get_step (THR_IMPORT_DIALOG (dialog)), ==, "failed");
  g_assert_nonnull (strstr (thr_import_dialog_get_summary (THR_IMPORT_DIALOG (dialog)), "nothing was written"));
  details = thr_import_dialog_get_details (THR_IMPORT_DIALOG (dialog));
  g_test_message ("the dialog says: %s", details);
  g_assert_true (g_str_has_prefix (details, "The team store's server refused the import or failed, or the "
                                            "connection to it was lost: its words below say which."));
  g_assert_null (strstr (details, "postgresql:"));
  /* The columns were not the problem: the dry run's reading stays. */
  g_assert_cmpstr (thr_import_dialog_get_columns_said (THR_IMPORT_DIALOG (dialog)), ==, "4 fields");
  card = thr_import_dialog_get_error_card (THR_IMPORT_DIALOG (dialog));
  g_assert_nonnull (card);
  quote = thr_alert_quote_card_get_text (card);
  g_test_message ("the server says: %s", quote);
  g_assert_nonnull (strstr (quote, "mports are closed for the year-end audit"));
  g_assert_nonnull (strstr (quote, "The audit freezes the contract until 15 January."));
  g_assert_nonnull (strstr (quote, "Ask the contract office to reopen imports."));
  g_assert_false (g_str_has_prefix (quote, "postgresql:"));
  g_assert_null (strstr (quote, address));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (gtk_widget_get_first_child (card))));
  thr_test_wait_for_frame (dialog);
  g_assert_true (gtk_widget_get_mapped (card));
  thr_test_render_png_light_and_dark (GTK_WIDGET (dialog), "import-refused");
  gtk_window_set_default_size (dialog, 360, 640);
  thr_test_wait_for_frame (dialog);
  thr_test_iterate (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, 360);
  thr_test_scroll_to (card);
  thr_test_wait_for_frame (dialog);
  g_assert_true (gtk_widget_get_mapped (card));
  thr_test_render_png_light_and_dark (GTK_WIDGET (dialog), "import-refused-360");
  gtk_window_destroy (dialog);
  thr_test_close_window (window);
  /* The next tests import. */
  PQclear (thr_test_pg_exec_ok (fixture.pg->admin, "DROP TRIGGER refuse_import ON imports; "
                                                   "DROP FUNCTION refuse_import ()"));
}

/* ---- a busy store, a lost server, refusals ---- */

static const Role busy_editor = { "busy_editor", "threshold_editor", FALSE, TRUE, FALSE };
static const Role busy_importer = { "busy_importer", "threshold_importer", TRUE, FALSE, FALSE };

/* The server's words quoted in @card (or @quote): among them @server_says,
 * without the store's address or the core's sentence around them. */
static void
assert_server_words (const char *quote,
                     const char *address,
                     const char *server_says)
{
  g_assert_nonnull (quote);
  g_test_message ("the server says: %s", quote);
  g_assert_nonnull (strstr (quote, server_says));
  g_assert_null (strstr (quote, "postgresql:"));
  g_assert_null (strstr (quote, address));
  /* The core's own sentence ("… is busy: another person or program …"),
   * which our sentence replaces. */
  g_assert_null (strstr (quote, "is busy"));
  g_assert_null (strstr (quote, "another person"));
  /* Nor its sentence for a lost connection, which ours says already. */
  g_assert_null (strstr (quote, "the connection to the PostgreSQL server failed"));
}

static GtkWindow *
open_import (ThrWindow  *window,
             const char *name,
             const char *contents)
{
  g_autofree char *csv = g_build_filename (fixture.tmp_dir, name, NULL);
  g_autoptr(GFile) file = NULL;
  GtkWindow *dialog;

  g_assert_true (g_file_set_contents (csv, contents, -1, NULL));
  file = g_file_new_for_path (csv);
  dialog = thr_window_import_file (window, file);
  g_assert_nonnull (dialog);
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_test_message ("checked: %s", thr_import_dialog_get_details (THR_IMPORT_DIALOG (dialog)));
  g_assert_cmpstr (thr_import_dialog_get_step (THR_IMPORT_DIALOG (dialog)), ==, "preview");
  g_assert_cmpstr (thr_import_dialog_get_columns_said (THR_IMPORT_DIALOG (dialog)), ==, "4 fields");
  return dialog;
}

/* The import dialog failed: our sentence @says (no address), the server's
 * words in the card, the columns as the dry run read them; rendered at its
 * own size and at 360 px, light and dark (window-NAME[-360]-…png). */
static void
assert_import_failure_said (GtkWindow  *dialog,
                            const char *address,
                            const char *says,
                            const char *server_says,
                            const char *name)
{
  g_autofree char *narrow = g_strdup_printf ("%s-360", name);
  const char *details;
  GtkWidget *card;

  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_assert_cmpstr (thr_import_dialog_get_step (THR_IMPORT_DIALOG (dialog)), ==, "failed");
  g_assert_nonnull (strstr (thr_import_dialog_get_summary (THR_IMPORT_DIALOG (dialog)), "nothing was written"));
  details = thr_import_dialog_get_details (THR_IMPORT_DIALOG (dialog));
  g_test_message ("the dialog says: %s", details);
  g_assert_cmpstr (details, ==, says);
  g_assert_cmpstr (thr_import_dialog_get_columns_said (THR_IMPORT_DIALOG (dialog)), ==, "4 fields");
  card = thr_import_dialog_get_error_card (THR_IMPORT_DIALOG (dialog));
  g_assert_nonnull (card);
  assert_server_words (thr_alert_quote_card_get_text (card), address, server_says);
  thr_test_wait_for_frame (dialog);
  g_assert_true (gtk_widget_get_mapped (card));
  thr_test_render_png_light_and_dark (GTK_WIDGET (dialog), name);
  gtk_window_set_default_size (dialog, 360, 640);
  thr_test_wait_for_frame (dialog);
  thr_test_iterate (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, 360);
  thr_test_scroll_to (card);
  thr_test_wait_for_frame (dialog);
  g_assert_true (gtk_widget_get_mapped (card));
  thr_test_render_png_light_and_dark (GTK_WIDGET (dialog), narrow);
}

/* The window's failure dialog: @heading, our sentence @body, the server's
 * words quoted; rendered (window-NAME-light|dark.png) and closed. */
static gboolean
alert_shown (gpointer data)
{
  return thr_test_find_alert_now () != NULL;
}

static void
assert_alert_said (const char *heading,
                   const char *body,
                   const char *address,
                   const char *server_says,
                   const char *name)
{
  GtkWidget *alert;

  /* An undo waits out the busy timeout in its thread first. */
  thr_test_wait_for (alert_shown, NULL);
  alert = thr_test_find_alert_now ();

  g_assert_nonnull (alert);
  g_assert_cmpstr (thr_alert_get_heading (alert), ==, heading);
  g_test_message ("the dialog says: %s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (alert)));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (alert)), ==, body);
  assert_server_words (thr_alert_get_quote (alert), address, server_says);
  thr_test_render_png_light_and_dark (alert, name);
  thr_test_wait_for_frame (alert);
  g_assert_cmpuint (thr_test_assert_labels_whole (alert), >=, 2);
  thr_alert_respond (alert, "close");
  thr_test_iterate (50);
}

static ThrWindow *
open_as (const Role *role,
         char      **address)
{
  g_autofree char *user = g_strdup_printf ("%s_%s", fixture.pg->prefix, role->suffix);

  *address = thr_test_pg_address (fixture.pg, user);
  return thr_test_open_window (*address, 1366, 768);
}

static const char busy_undo_says[] =
  "Someone else was writing to the team store, so nothing was changed. Try again in a moment.";

/* Someone else holds the team store's write lock (the advisory lock every
 * writer takes, thr-db-pg.c) past the busy timeout while an editor saves a
 * root cause and an importer imports and undoes: each is said in our words,
 * and only the server's words are quoted, not the store's address nor the
 * core's sentence around them; nothing was written. */
static void
test_busy (void)
{
  g_autofree char *editor_address = NULL;
  g_autofree char *importer_address = NULL;
  g_autofree char *n_imports = NULL;
  g_autofree char *n_values = NULL;
  g_autofree char *undo_id = NULL;
  ThrWindow *editor_window, *importer_window;
  ThrCapEditor *editor;
  GtkWindow *dialog;

  if (fixture.pg == NULL)
    return;
  editor = open_cap_editor (&busy_editor, &editor_window, &editor_address);
  importer_window = open_as (&busy_importer, &importer_address);
  dialog = open_import (importer_window, "busy.csv", "metric,period,numerator,denominator\nA.1.a,2020-02,96,100\n");
  n_imports = thr_test_pg_value (fixture.pg->admin, "SELECT count(*) FROM imports");
  n_values = thr_test_pg_value (fixture.pg->admin, "SELECT count(*) FROM reported_values");
  PQclear (thr_test_pg_exec_ok (fixture.pg->admin, "BEGIN; SELECT pg_advisory_xact_lock (5523538)"));
  thr_test_pg_expect_error (fixture.pg, "55P03");

  save_root_cause_refused (editor);
  assert_server_words (thr_alert_quote_card_get_text (thr_cap_editor_get_error_card (editor)), editor_address,
                       "lock timeout");
  assert_save_failure_said (editor_window, editor, editor_address,
                            "Your change was not saved: someone else was writing to the team store.", "lock timeout",
                            "cap-save-busy");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  assert_import_failure_said (dialog, importer_address,
                              "Someone else was writing to the team store. Import the file again in a moment.",
                              "lock timeout", "import-busy");
  gtk_window_destroy (dialog);

  undo_id = thr_test_pg_value (fixture.pg->admin, "SELECT max(id) FROM imports");
  gtk_widget_activate_action (GTK_WIDGET (importer_window), "win.undo-import", "x",
                              g_ascii_strtoll (undo_id, NULL, 10));
  assert_alert_said ("The Import Could Not Be Undone", busy_undo_says, importer_address, "lock timeout",
                     "undo-busy");

  PQclear (thr_test_pg_exec_ok (fixture.pg->admin, "ROLLBACK"));
  thr_test_pg_assert_value (fixture.pg->admin, "SELECT count(*) FROM imports", n_imports);
  thr_test_pg_assert_value (fixture.pg->admin, "SELECT count(*) FROM reported_values", n_values);
  thr_test_close_window (editor_window);
  thr_test_close_window (importer_window);
}

static gboolean
dialog_gone (gpointer weak)
{
  return *(gpointer *) weak == NULL;
}

/* The server stops the import's connection partway, after the import's
 * own row and while its figures are written (a trigger ends its own
 * backend, as a server going down would): nothing is half-written, the
 * dialog says so clearly, and the window is still usable: the same file,
 * imported again once the server is back, goes in. */
static void
test_import_server_lost (void)
{
  g_autofree char *address = NULL;
  g_autofree char *n_imports = NULL;
  g_autofree char *n_values = NULL;
  g_autofree char *after = NULL;
  ThrWindow *window;
  GtkWindow *dialog;
  const char contents[] = "metric,period,numerator,denominator\nA.1.a,2020-03,96,100\nA.1.b,2020-03,90,100\n";

  if (fixture.pg == NULL)
    return;
  window = open_as (&busy_importer, &address);
  dialog = open_import (window, "lost.csv", contents);
  n_imports = thr_test_pg_value (fixture.pg->admin, "SELECT count(*) FROM imports");
  n_values = thr_test_pg_value (fixture.pg->admin, "SELECT count(*) FROM reported_values");
  PQclear (thr_test_pg_exec_ok (fixture.pg->admin,
                                "CREATE FUNCTION thr_test_stop () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                                "PERFORM pg_terminate_backend (pg_backend_pid ()); RETURN NEW; END $$; "
                                "CREATE TRIGGER thr_test_stop BEFORE INSERT ON reported_values "
                                "FOR EACH ROW EXECUTE FUNCTION thr_test_stop ()"));
  thr_test_pg_expect_error (fixture.pg, "57P01");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  assert_import_failure_said (dialog, address,
                              "The team store's server refused the import or failed, or the connection to it was "
                              "lost: its words below say which. Import the file again once that is put right.",
                              "server closed the connection unexpectedly", "import-server-lost");
  gtk_window_destroy (dialog);
  thr_test_pg_assert_value (fixture.pg->admin, "SELECT count(*) FROM imports", n_imports);
  thr_test_pg_assert_value (fixture.pg->admin, "SELECT count(*) FROM reported_values", n_values);

  PQclear (thr_test_pg_exec_ok (fixture.pg->admin, "DROP TRIGGER thr_test_stop ON reported_values; "
                                                   "DROP FUNCTION thr_test_stop ()"));
  dialog = open_import (window, "lost.csv", contents);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  thr_test_wait_for (dialog_gone, &dialog);
  after = thr_test_pg_value (fixture.pg->admin, "SELECT count(*) FROM imports");
  g_assert_cmpint (atoi (after), ==, atoi (n_imports) + 1);
  thr_test_wait_for (thr_test_window_complete, window);
  g_assert_null (thr_test_find_alert_now ());
  thr_test_close_window (window);
}

/* The server refuses an undo (a rule of its own, as a trigger): the
 * failed-undo dialog says so in our words, the server's quoted, and the
 * import is still there, whole. */
static void
test_undo_refused (void)
{
  g_autofree char *address = NULL;
  g_autofree char *n_imports = NULL;
  g_autofree char *n_values = NULL;
  ThrWindow *window;

  if (fixture.pg == NULL)
    return;
  window = open_as (&busy_importer, &address);
  n_imports = thr_test_pg_value (fixture.pg->admin, "SELECT count(*) FROM imports");
  n_values = thr_test_pg_value (fixture.pg->admin, "SELECT count(*) FROM reported_values");
  PQclear (thr_test_pg_exec_ok (fixture.pg->admin,
                                "CREATE FUNCTION thr_test_keep () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                                "RAISE EXCEPTION 'imports are kept until the audit ends' "
                                "USING HINT = 'Ask the contract office.'; END $$; "
                                "CREATE TRIGGER thr_test_keep BEFORE DELETE ON imports "
                                "FOR EACH ROW EXECUTE FUNCTION thr_test_keep ()"));
  thr_test_pg_expect_error (fixture.pg, "P0001");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-import", "x", first_import_id ());
  assert_alert_said ("The Import Could Not Be Undone",
                     "Nothing was undone: the team store holds the import as it did. Try again when its server is "
                     "back; if it refused, whoever runs it can say why from its words below.",
                     address, "mports are kept until the audit ends", "undo-refused");
  PQclear (thr_test_pg_exec_ok (fixture.pg->admin, "DROP TRIGGER thr_test_keep ON imports; "
                                                   "DROP FUNCTION thr_test_keep ()"));
  thr_test_pg_assert_value (fixture.pg->admin, "SELECT count(*) FROM imports", n_imports);
  thr_test_pg_assert_value (fixture.pg->admin, "SELECT count(*) FROM reported_values", n_values);
  thr_test_close_window (window);
}

static gboolean
has_contract (gpointer window)
{
  ThrSession *session = thr_window_get_session (window);

  return !thr_window_get_loading (window) && session != NULL && thr_session_get_contract_id (session) != 0;
}

/* A new team store whose server refuses a new contract (a trigger): the
 * failed-contract dialog says so in our words, the server's quoted, and
 * no contract is written; once it allows it, the same start goes in. */
static void
test_contract_refused (void)
{
  g_autoptr(ThrTestPg) empty = thr_test_pg_new ();
  g_autofree char *address = NULL;
  ThrWindow *window;

  if (empty == NULL)
    return;
  address = thr_test_pg_address (empty, NULL);
  window = thr_test_open_window (address, 1366, 768);
  PQclear (thr_test_pg_exec_ok (empty->admin,
                                "CREATE FUNCTION thr_test_refuse () RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                                "RAISE EXCEPTION 'new contracts wait for the procurement office'; END $$; "
                                "CREATE TRIGGER thr_test_refuse BEFORE INSERT ON contracts "
                                "FOR EACH ROW EXECUTE FUNCTION thr_test_refuse ()"));
  thr_test_pg_expect_error (empty, "P0001");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-contract", "s", "rfp-16-102");
  assert_alert_said ("The Contract Could Not Be Started",
                     "Nothing was written to the team store. Try again when its server is back; if it refused, "
                     "whoever runs it can say why from its words below.",
                     address, "ew contracts wait for the procurement office", "contract-refused");
  thr_test_pg_assert_value (empty->admin, "SELECT count(*) FROM contracts", "0");
  PQclear (thr_test_pg_exec_ok (empty->admin, "DROP TRIGGER thr_test_refuse ON contracts"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-contract", "s", "rfp-16-102");
  thr_test_wait_for (has_contract, window);
  thr_test_pg_assert_value (empty->admin, "SELECT count(*) FROM contracts", "1");
  thr_test_close_window (window);
  thr_test_iterate (50);
}

/* ---- the audit trail ---- */

static const Role audit_viewer = { "audit_viewer", "threshold_viewer", FALSE, FALSE, FALSE };

/* The server ends the window's connection, then another CAP is shown: its
 * audit trail cannot be read, which the editor says in our words at its
 * top, libpq's quoted under them without the store's address; the CAP
 * itself is shown, from what the window had read. */
static void
test_audit_server_lost (void)
{
  g_autofree char *address = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  ThrCapEditor *editor;
  ThrCapsPage *page;
  ThrWindow *window;
  GtkWidget *card;

  if (fixture.pg == NULL)
    return;
  first = thr_test_pg_value (fixture.pg->admin, "SELECT min(id) FROM caps");
  last = thr_test_pg_value (fixture.pg->admin, "SELECT max(id) FROM caps");
  g_assert_cmpint (atoi (first), <, atoi (last));
  editor = open_cap_editor (&audit_viewer, &window, &address);
  page = THR_CAPS_PAGE (thr_window_get_page_widget (window, "caps"));
  g_assert_true (thr_caps_page_select (page, g_ascii_strtoll (first, NULL, 10)));
  g_assert_null (thr_cap_editor_get_error (editor));
  g_assert_cmpuint (thr_cap_editor_get_n_audit (editor), >, 0);
  /* Not its listener's: see test_cap_save_server_lost. */
  sql = g_strdup_printf ("SELECT count (pg_terminate_backend (pid)) FROM pg_stat_activity "
                         "WHERE usename = '%s_%s' AND query NOT LIKE 'LISTEN%%'",
                         fixture.pg->prefix, audit_viewer.suffix);
  PQclear (thr_test_pg_exec_ok (fixture.pg->admin, sql));
  thr_test_pg_expect_error (fixture.pg, "57P01");
  g_assert_true (thr_caps_page_select (page, g_ascii_strtoll (last, NULL, 10)));
  g_assert_cmpint (thr_cap_editor_get_cap_id (editor), ==, g_ascii_strtoll (last, NULL, 10));
  g_test_message ("the editor says: %s", thr_cap_editor_get_error (editor));
  g_assert_cmpstr (thr_cap_editor_get_error (editor), ==,
                   "This CAP's audit trail could not be read: the team store's server failed, or the connection to "
                   "it was lost. Open the store again when the server is back.");
  card = thr_cap_editor_get_error_card (editor);
  g_assert_nonnull (card);
  assert_server_words (thr_alert_quote_card_get_text (card), address, "connection");
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (gtk_widget_get_first_child (card))));
  thr_test_wait_for_frame (window);
  thr_test_scroll_to (card);
  thr_test_wait_for_frame (window);
  g_assert_true (gtk_widget_get_mapped (card));
  thr_test_render_png_light_and_dark (GTK_WIDGET (window), "cap-audit-server-lost");
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  thr_test_wait_for (window_folded, window);
  thr_test_window_show_content (window);
  g_assert_true (thr_caps_page_select (page, g_ascii_strtoll (last, NULL, 10)));
  thr_test_iterate (300);
  thr_test_wait_for_frame (window);
  card = thr_cap_editor_get_error_card (editor);
  g_assert_nonnull (card);
  thr_test_scroll_to (card);
  thr_test_wait_for_frame (window);
  g_assert_true (gtk_widget_get_mapped (card));
  g_assert_cmpint (gtk_widget_get_width (card), <=, 360);
  thr_test_render_png_light_and_dark (GTK_WIDGET (window), "cap-audit-server-lost-360");
  thr_test_close_window (window);
}

/* ---- a document the server refuses ---- */

static const Role doc_viewer = { "doc_viewer", "threshold_viewer", FALSE, FALSE, FALSE };

/* A viewer whose role is taken back while the window is open: the monthly
 * report written in the background and a CAP printed cannot be read from
 * the team store; each failure is said in our words, what followed the
 * store's address quoted apart, and no file is written.  (What follows
 * it is the server's refusal of a table or the core's "no contract with
 * id 1", row-level security no longer showing it, whichever read came
 * first: either is quoted, neither with the address.) */
static void
test_document_refused (void)
{
  g_autofree char *address = NULL;
  g_autofree char *user = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *pdf = g_build_filename (fixture.tmp_dir, "refused-month.pdf", NULL);
  g_autofree char *cap_id = NULL;
  ThrWindow *window;

  if (fixture.pg == NULL)
    return;
  window = open_as (&doc_viewer, &address);
  cap_id = thr_test_pg_value (fixture.pg->admin, "SELECT min(id) FROM caps");
  user = g_strdup_printf ("%s_%s", fixture.pg->prefix, doc_viewer.suffix);
  sql = g_strdup_printf ("REVOKE threshold_viewer FROM %s", user);
  PQclear (thr_test_pg_exec_ok (fixture.pg->admin, sql));
  thr_test_pg_expect_error (fixture.pg, "42501");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.write-month-pdf", "(ss)", "2020-03", pdf));
  assert_alert_said ("The Monthly Report Could Not Be Exported",
                     "The document could not be read from the team store, so nothing was made. Try again when its "
                     "server is back; if it refused, whoever runs it can say why from its words below.",
                     address, "", "document-refused");
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print-cap", "x",
                                             g_ascii_strtoll (cap_id, NULL, 10)));
  assert_alert_said ("The CAP Could Not Be Printed",
                     "The document could not be read from the team store, so nothing was made. Try again when its "
                     "server is back; if it refused, whoever runs it can say why from its words below.",
                     address, "", "print-refused");
  thr_test_close_window (window);
}

/* ---- the team ---- */

/* The users whose changes the server refuses or fails, each test's own. */
static const Role *const changers[] = { &lapsed, &cut, &refused_importer, &busy_editor, &busy_importer, &audit_viewer,
                                        &doc_viewer };

static void
make_team (void)
{
  g_autofree char *owner = NULL;
  g_autofree char *n_caps = NULL;

  fixture.pg = thr_test_pg_new ();
  if (fixture.pg == NULL)
    return;
  owner = thr_test_pg_make_demo (fixture.pg, 3);
  thr_test_pg_run_team_file (fixture.pg, "roles.sql");
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *user = thr_test_pg_add_user (fixture.pg, roles[i].suffix, roles[i].group);

      thr_test_pg_grant (fixture.pg, 1, user, NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (changers); i++)
    {
      const Role *role = changers[i];
      g_autofree char *user = thr_test_pg_add_user (fixture.pg, role->suffix, role->group);

      thr_test_pg_grant (fixture.pg, 1, user, NULL);
    }
  /* The demo's misses opened CAPs, which every role reads. */
  n_caps = thr_test_pg_value (fixture.pg->admin, "SELECT count(*) FROM caps");
  g_assert_cmpint (atoi (n_caps), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  fixture.tmp_dir = thr_test_window_init (&argc, &argv, "roles");
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autofree char *path = g_strdup_printf ("/window-roles/%s", roles[i].suffix);

      g_test_add_data_func (path, &roles[i], test_role);
    }
  g_test_add_func ("/window-roles/cap-save-refused", test_cap_save_refused);
  g_test_add_func ("/window-roles/cap-save-server-lost", test_cap_save_server_lost);
  g_test_add_func ("/window-roles/import-refused", test_import_refused);
  g_test_add_func ("/window-roles/busy", test_busy);
  g_test_add_func ("/window-roles/import-server-lost", test_import_server_lost);
  g_test_add_func ("/window-roles/undo-refused", test_undo_refused);
  g_test_add_func ("/window-roles/contract-refused", test_contract_refused);
  g_test_add_func ("/window-roles/audit-server-lost", test_audit_server_lost);
  g_test_add_func ("/window-roles/document-refused", test_document_refused);
  make_team ();
  status = thr_test_window_run (fixture.tmp_dir, NULL);
  g_clear_pointer (&fixture.pg, thr_test_pg_free);
  thr_test_pg_exit_if_failed ();
  return status;
}
