/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-store-errors.c — what the window says when a store file fails
 *
 * On a copy of the demo store: another program holding the store's write
 * lock (a CLI import, a second window) while the CAP editor saves or the
 * import dialog imports.  Each is said in our words, with no path in them
 * (the header bar names the store) and no card (SQLite has no words of
 * its own here); nothing is half-written, and the same action goes through
 * once the store is free.  (A team store's are in test-window-roles.)  The import dialog's words are not monospace, and after
 * an import the store refused it still says how the dry run read the
 * file's columns.  SQLite failing the store file (a temp trigger of the
 * test's giving the words SQLite gives a failing disk, or an authorizer
 * refusing a read or a write, as SQLite refuses one) while the CAP editor saves, the import
 * dialog imports, an import is undone and a CAP's audit trail is read:
 * each said in our words naming the store by its file name, SQLite's
 * words quoted apart without the path, nothing written.  Each is rendered
 * at 1366 and 360 px, light and dark
 * (window-store-errors-NAME[-360]-light|dark.png).
 */
#include <string.h>

#include <sqlite3.h>

#include "thr-alert.h"
#include "thr-cap-editor.h"
#include "thr-caps-page.h"
#include "thr-import-dialog.h"
#include "thr-session.h"
#include "thr-test-demo.h"
#include "thr-test-store.h"
#include "thr-test-util.h"
#include "thr-test-window.h"
#include "thr-store-sql-private.h"  /* thr_store_exec: another program's lock */

static char *tmp_dir;

static const char busy_save_says[] =
  "Your change was not saved: another program (an import, or Threshold itself) kept writing to this store. "
  "Try again when it has finished.";
static const char busy_import_says[] =
  "Another program (an import, or Threshold itself) kept writing to this store. Import the file again when it "
  "has finished.";

/* Another program's connection to @db holding its write lock, as an
 * import in progress does; let_go () lets it go. */
static ThrStore *
hold_write_lock (const char *db)
{
  g_autoptr(GError) error = NULL;
  ThrStore *other = thr_store_open (db, &error);

  g_assert_no_error (error);
  g_assert_true (thr_store_exec (other, "BEGIN IMMEDIATE", &error));
  g_assert_no_error (error);
  return other;
}

static void
let_go (ThrStore *other)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (thr_store_exec (other, "ROLLBACK", &error));
  g_assert_no_error (error);
  g_object_unref (other);
}

static gboolean
window_folded (gpointer window)
{
  return thr_test_window_is_folded (window);
}

static ThrCapEditor *
show_caps (ThrWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "caps");
  return thr_caps_page_get_editor (THR_CAPS_PAGE (thr_window_get_page_widget (window, "caps")));
}

/* What render_editor scrolls to: the field @field, or (NULL) the card
 * quoting the store's words at the CAP's top. */
static GtkWidget *
shown_part (ThrCapEditor *editor,
            const char   *field)
{
  return field != NULL ? thr_cap_editor_get_field (editor, field) : thr_cap_editor_get_error_card (editor);
}

/* The CAP editor's top as it is now, at 1366 px and folded at 360 px,
 * light and dark, scrolled to its field @field (NULL: its card). */
static void
render_editor (ThrWindow  *window,
               const char *field,
               const char *name)
{
  g_autofree char *narrow = g_strdup_printf ("%s-360", name);
  ThrCapEditor *editor = show_caps (window);
  gint64 cap_id = thr_cap_editor_get_cap_id (editor);

  thr_test_wait_for_frame (window);
  thr_test_scroll_to (shown_part (editor, field));
  thr_test_wait_for_frame (window);
  g_assert_true (gtk_widget_get_mapped (shown_part (editor, field)));
  thr_test_render_png_light_and_dark (GTK_WIDGET (window), name);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  thr_test_wait_for (window_folded, window);
  thr_test_window_show_content (window);
  /* Folded, the CAPs page shows its list until a CAP is chosen. */
  g_assert_true (thr_caps_page_select (THR_CAPS_PAGE (thr_window_get_page_widget (window, "caps")), cap_id));
  thr_test_wait_for (thr_test_window_settled, window);
  thr_test_wait_for_frame (window);
  thr_test_scroll_to (shown_part (editor, field));
  thr_test_wait_for_frame (window);
  g_assert_true (gtk_widget_get_mapped (shown_part (editor, field)));
  g_assert_cmpint (gtk_widget_get_width (shown_part (editor, field)), <=, 360);
  thr_test_render_png_light_and_dark (GTK_WIDGET (window), narrow);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
}

/* ---- a busy store ---- */

/* Another program holds the store while a root cause is saved: the save
 * waits out the busy timeout and fails, and the editor says so in our
 * words at its top, without the store's path and without a card (SQLite
 * has no words of its own here); the field says where to look.  Nothing
 * was written, and the same save goes through once the store is free. */
static void
test_busy_cap_save (void)
{
  g_autofree char *db = thr_test_copy_demo_store_apart (tmp_dir);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ThrWindow *window = thr_test_open_window (db, 1366, 768);
  ThrCapEditor *editor = show_caps (window);
  GtkWidget *notes = thr_cap_editor_get_field (editor, "root_cause");
  const char *error;
  ThrStore *other;

  g_assert_cmpint (thr_cap_editor_get_cap_id (editor), >, 0);
  before = thr_test_store_fingerprint (db);
  other = hold_write_lock (db);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes)), "Intake staff moved to renewals", -1);
  g_assert_false (thr_cap_editor_flush (editor));
  error = thr_cap_editor_get_error (editor);
  g_test_message ("the editor says: %s", error);
  g_assert_cmpstr (error, ==, busy_save_says);
  g_assert_null (thr_cap_editor_get_error_card (editor));
  g_assert_cmpstr (thr_cap_editor_get_field_error (editor, "root_cause"), ==,
                   "Not saved: why is said at the top of this CAP.");
  render_editor (window, "root_cause", "store-errors-busy-cap-save");
  let_go (other);
  after = thr_test_store_fingerprint (db);
  g_assert_cmpstr (after, ==, before);

  /* Free again: saved, and the sentence goes. */
  g_assert_true (thr_cap_editor_flush (editor));
  g_assert_null (thr_cap_editor_get_error (editor));
  g_assert_null (thr_cap_editor_get_field_error (editor, "root_cause"));
  thr_test_close_window (window);
}

static gboolean
dialog_gone (gpointer weak)
{
  return *(gpointer *) weak == NULL;
}

/* Once the store is put right, FILE imported again through WINDOW goes
 * in, newer than NEWEST: the window is still usable.  Destroys WINDOW. */
static void
assert_imports_after (ThrWindow  *window,
                      GFile      *file,
                      const char *db,
                      gint64      newest)
{
  GtkWindow *dialog = thr_window_import_file (window, file);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  thr_test_wait_for (dialog_gone, &dialog);
  g_assert_cmpint (thr_test_store_newest_import (db), >, newest);
  thr_test_close_window (window);
}

/* A label under @root showing @text, or NULL. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The dialog's details are @says (NULL: whatever they are), in the
 * dialog's own type, not monospace (our sentences, not a file's excerpt). */
static void
assert_details (ThrImportDialog *dialog,
                const char      *says)
{
  const char *details = thr_import_dialog_get_details (dialog);
  GtkWidget *label;

  g_test_message ("the dialog says: %s", details);
  if (says != NULL)
    g_assert_cmpstr (details, ==, says);
  label = find_label (GTK_WIDGET (dialog), details);
  g_assert_nonnull (label);
  g_assert_false (gtk_widget_has_css_class (label, "monospace"));
}

/* The dialog at its own size and at 360 px, light and dark, @shown
 * scrolled into view. */
static void
render_dialog (GtkWindow  *dialog,
               GtkWidget  *shown,
               const char *name)
{
  g_autofree char *narrow = g_strdup_printf ("%s-360", name);

  thr_test_wait_for_frame (dialog);
  thr_test_render_png_light_and_dark (GTK_WIDGET (dialog), name);
  gtk_window_set_default_size (dialog, 360, 640);
  thr_test_wait_for_frame (dialog);
  thr_test_iterate (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, 360);
  thr_test_scroll_to (shown);
  thr_test_wait_for_frame (dialog);
  g_assert_true (gtk_widget_get_mapped (shown));
  thr_test_render_png_light_and_dark (GTK_WIDGET (dialog), narrow);
}

/* The file checked, another program takes the store, and the import waits
 * out the busy timeout: the dialog says so in our words (no path, no
 * card), still says how the dry run read the file's columns (not "none of
 * them is in the file"), and nothing was written.  Imported again once
 * the store is free, it goes through: the window is still usable. */
static void
test_busy_import (void)
{
  g_autofree char *db = thr_test_copy_demo_store_apart (tmp_dir);
  g_autofree char *csv = g_build_filename (tmp_dir, "busy.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *columns = NULL;
  g_autoptr(GFile) file = NULL;
  ThrWindow *window;
  GtkWindow *dialog;
  gint64 newest;
  ThrStore *other;

  g_assert_true (g_file_set_contents (csv, "metric,period,numerator,denominator\nA.1.a,2018-06,96,100\n", -1, NULL));
  file = g_file_new_for_path (csv);
  window = thr_test_open_window (db, 1366, 768);
  newest = thr_test_store_newest_import (db);
  dialog = thr_window_import_file (window, file);
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_assert_cmpstr (thr_import_dialog_get_step (THR_IMPORT_DIALOG (dialog)), ==, "preview");
  assert_details (THR_IMPORT_DIALOG (dialog), NULL);
  columns = g_strdup (thr_import_dialog_get_columns_said (THR_IMPORT_DIALOG (dialog)));
  g_assert_cmpstr (columns, ==, "4 fields");

  before = thr_test_store_fingerprint (db);
  other = hold_write_lock (db);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_assert_cmpstr (thr_import_dialog_get_step (THR_IMPORT_DIALOG (dialog)), ==, "failed");
  g_assert_nonnull (strstr (thr_import_dialog_get_summary (THR_IMPORT_DIALOG (dialog)), "nothing was written"));
  assert_details (THR_IMPORT_DIALOG (dialog), busy_import_says);
  g_assert_null (thr_import_dialog_get_error_card (THR_IMPORT_DIALOG (dialog)));
  g_assert_cmpstr (thr_import_dialog_get_columns_said (THR_IMPORT_DIALOG (dialog)), ==, columns);
  g_assert_cmpuint (thr_import_dialog_get_n_preview_rows (THR_IMPORT_DIALOG (dialog)), ==, 1);
  render_dialog (dialog, find_label (GTK_WIDGET (dialog), busy_import_says), "store-errors-busy-import");
  let_go (other);
  after = thr_test_store_fingerprint (db);
  g_assert_cmpstr (after, ==, before);
  gtk_window_destroy (dialog);

  /* The store free, the same file goes in. */
  assert_imports_after (window, file, db, newest);
}

/* A dry run that fails on a cell read the file's header: the columns are
 * said as read, the problem in words, not monospace. */
static void
test_bad_cell_columns (void)
{
  g_autofree char *db = thr_test_copy_demo_store_apart (tmp_dir);
  g_autofree char *csv = g_build_filename (tmp_dir, "bad-cell.csv", NULL);
  g_autoptr(GFile) file = NULL;
  ThrWindow *window;
  GtkWindow *dialog;
  const char *details;

  g_assert_true (g_file_set_contents (csv, "metric,period,numerator,denominator\nA.1.a,2018-13,96,100\n", -1, NULL));
  file = g_file_new_for_path (csv);
  window = thr_test_open_window (db, 1366, 768);
  dialog = thr_window_import_file (window, file);
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_assert_cmpstr (thr_import_dialog_get_step (THR_IMPORT_DIALOG (dialog)), ==, "failed");
  details = thr_import_dialog_get_details (THR_IMPORT_DIALOG (dialog));
  g_assert_true (g_str_has_prefix (details, "Row 2, column period: "));
  assert_details (THR_IMPORT_DIALOG (dialog), details);
  g_assert_cmpstr (thr_import_dialog_get_columns_said (THR_IMPORT_DIALOG (dialog)), ==, "4 fields");
  render_dialog (dialog, find_label (GTK_WIDGET (dialog), details), "store-errors-bad-cell");
  gtk_window_destroy (dialog);
  thr_test_close_window (window);
}

/* ---- a CAP while the store is read again ---- */

typedef struct {
  ThrWindow    *window;
  ThrCapEditor *editor;
  gint64        cap_id;
  ThrSession   *before;
  guint         n_frames;
  guint         n_shown;   /* frames in which the window's session had the CAP */
} ReloadWatch;

/* Each frame while the window reads the store again: the CAP as the
 * window's session has it now (what the CAPs page shows), when it has it,
 * has its review date with its submission; and the editor never shows
 * "When the CAP is submitted" for it. */
static gboolean
check_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  ReloadWatch *watch = data;
  ThrSession *session = thr_window_get_session (watch->window);
  const ThrCap *cap = session != NULL ? thr_session_get_cap_by_id (session, watch->cap_id) : NULL;
  GtkWidget *unsubmitted = find_label (GTK_WIDGET (watch->editor), "When the CAP is submitted");

  watch->n_frames++;
  if (cap != NULL)
    {
      watch->n_shown++;
      g_assert_cmpuint (cap->submitted_on, !=, 0);
      g_assert_cmpuint (cap->review_due, ==, cap->submitted_on + THR_CAP_REVIEW_DAYS);
    }
  g_assert_true (unsubmitted == NULL || !gtk_widget_get_mapped (unsubmitted) ||
                 thr_cap_editor_get_cap_id (watch->editor) != watch->cap_id);
  return G_SOURCE_CONTINUE;
}

static gboolean
read_again (gpointer data)
{
  ReloadWatch *watch = data;

  return thr_window_get_session (watch->window) != watch->before && thr_test_window_complete (watch->window);
}

static gboolean
session_gone (gpointer weak)
{
  return *(gpointer *) weak == NULL;
}

/* Session 17's test-window-postgresql read a CAP whose submitted_on was
 * set and whose review_due was 0 while the window read the store again
 * (its listener lost, a change heard).  No CAP the window holds is so: a
 * CAP is built with both dates (cap_from_row), and a session's CAPs are
 * replaced whole.  Another program's write makes the window read the
 * store again here, and every frame from then until it has, the window's
 * CAP has its review date, and the editor never says it waits for a
 * submission.  (consequence_pages read the session it had taken at its
 * start, which the window had let go of: freed memory.) */
static void
test_review_date_through_reload (void)
{
  g_autofree char *db = thr_test_copy_demo_store_apart (tmp_dir);
  ThrWindow *window = thr_test_open_window (db, 1366, 768);
  ThrCapEditor *editor = show_caps (window);
  ReloadWatch watch = { window, editor, thr_cap_editor_get_cap_id (editor), NULL, 0, 0 };
  gpointer old = NULL;
  const ThrCap *cap;
  guint tick;

  g_assert_cmpint (watch.cap_id, >, 0);
  gtk_editable_set_text (GTK_EDITABLE (thr_cap_editor_get_field (editor, "submitted_on")), "2018-06-14");
  g_assert_true (thr_cap_editor_flush (editor));
  cap = thr_session_get_cap_by_id (thr_window_get_session (window), watch.cap_id);
  g_assert_cmpuint (cap->review_due, ==, cap->submitted_on + THR_CAP_REVIEW_DAYS);

  watch.before = thr_window_get_session (window);
  g_object_add_weak_pointer (G_OBJECT (watch.before), (gpointer *) &old);
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), check_frame_cb, &watch, NULL);
  thr_test_store_exec (db, "CREATE TABLE thr_test_poke (x); DROP TABLE thr_test_poke");
  thr_test_wait_for (read_again, &watch);
  thr_test_wait_for_frame (window);
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);
  g_test_message ("%u frames while the store was read again, the CAP in the window's session in %u",
                  watch.n_frames, watch.n_shown);
  g_assert_cmpuint (watch.n_frames, >, 0);
  g_assert_cmpuint (watch.n_shown, >, 0);
  /* The session a test took before is gone once the window's threads let
   * it go: a pointer to it, not a reference, dangles. */
  thr_test_wait_for (session_gone, &old);
  cap = thr_session_get_cap_by_id (thr_window_get_session (window), watch.cap_id);
  g_assert_nonnull (cap);
  g_assert_cmpuint (cap->review_due, ==, cap->submitted_on + THR_CAP_REVIEW_DAYS);
  thr_test_close_window (window);
}

/* ---- SQLite failing the store file ---- */

/* What SQLite refuses on every store connection opened from now on (the
 * import's and the undo's worker threads open their own), or on the one
 * connection given refuse_change: an action of its authorizer's
 * (SQLITE_INSERT, SQLITE_DELETE, SQLITE_READ) on a table, or none. */
static int refused_action;
static const char *refused_table;

static int
refuse_change (void       *data,
               int         action,
               const char *table,
               const char *column,
               const char *schema,
               const char *trigger)
{
  return action == refused_action && g_strcmp0 (table, refused_table) == 0 ? SQLITE_DENY : SQLITE_OK;
}

static int
refuse_on_open (sqlite3     *db,
                char       **message,
                const void  *api)
{
  sqlite3_set_authorizer (db, refuse_change, NULL);
  return SQLITE_OK;
}

static ThrStore *
window_store (ThrWindow *window)
{
  return thr_session_get_store (thr_window_get_session (window));
}

static void
window_exec (ThrWindow  *window,
             const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (thr_store_exec (window_store (window), sql, &error));
  g_assert_no_error (error);
}

/* The words SQLite gives when the disk fails a write, given by a trigger
 * of the connection's own (temp: the store file's schema is untouched). */
#define FAILING_DISK(when, table) \
  "CREATE TEMP TRIGGER thr_test_disk " when " ON main." table " " \
  "BEGIN SELECT RAISE (ABORT, 'disk I/O error'); END"

/* @quote is SQLite's words alone: not the store's path, nor its folder. */
static void
assert_sqlite_words (const char *quote,
                     const char *db,
                     const char *sqlite_says)
{
  g_autofree char *dir = g_path_get_dirname (db);

  g_assert_nonnull (quote);
  g_test_message ("SQLite says: %s", quote);
  g_assert_nonnull (strstr (quote, sqlite_says));
  g_assert_null (strstr (quote, dir));
}

/* SQLite fails the root cause's save: the editor says in our words at its
 * top that the change was not saved, naming the store by its file name,
 * SQLite's words quoted under them without the path; nothing was
 * written, and the save goes through once the disk is back. */
static void
test_sqlite_cap_save (void)
{
  g_autofree char *db = thr_test_copy_demo_store_apart (tmp_dir);
  g_autofree char *name = g_path_get_basename (db);
  g_autofree char *says = g_strdup_printf ("Your change was not saved: Threshold could not write it to the store "
                                           "“%s”. SQLite's words below say why; copy what you typed before you "
                                           "close the store.", name);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ThrWindow *window = thr_test_open_window (db, 1366, 768);
  ThrCapEditor *editor = show_caps (window);
  GtkWidget *notes = thr_cap_editor_get_field (editor, "root_cause");

  before = thr_test_store_fingerprint (db);
  window_exec (window, FAILING_DISK ("BEFORE UPDATE", "caps"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes)), "Intake staff moved to renewals", -1);
  g_assert_false (thr_cap_editor_flush (editor));
  g_test_message ("the editor says: %s", thr_cap_editor_get_error (editor));
  g_assert_cmpstr (thr_cap_editor_get_error (editor), ==, says);
  g_assert_nonnull (thr_cap_editor_get_error_card (editor));
  assert_sqlite_words (thr_alert_quote_card_get_text (thr_cap_editor_get_error_card (editor)), db, "disk I/O error");
  g_assert_cmpstr (thr_alert_quote_card_get_text (thr_cap_editor_get_error_card (editor)), ==, "disk I/O error");
  g_assert_cmpstr (thr_cap_editor_get_field_error (editor, "root_cause"), ==,
                   "Not saved: why is said at the top of this CAP.");
  render_editor (window, "root_cause", "store-errors-sqlite-cap-save");
  after = thr_test_store_fingerprint (db);
  g_assert_cmpstr (after, ==, before);

  window_exec (window, "DROP TRIGGER temp.thr_test_disk");
  g_assert_true (thr_cap_editor_flush (editor));
  g_assert_null (thr_cap_editor_get_error (editor));
  g_assert_null (thr_cap_editor_get_error_card (editor));
  thr_test_close_window (window);
}

/* SQLite cannot read a CAP's audit trail (an authorizer refuses it, as a
 * damaged page would fail it): the editor says so in our words naming the
 * store, SQLite's words quoted without the path, and shows the CAP; read
 * whole again, the sentence goes. */
static void
test_sqlite_audit_unread (void)
{
  g_autofree char *db = thr_test_copy_demo_store_apart (tmp_dir);
  g_autofree char *name = g_path_get_basename (db);
  g_autofree char *says = g_strdup_printf ("This CAP's audit trail could not be read from the store “%s”: SQLite's "
                                           "words below say why.", name);
  ThrWindow *window = thr_test_open_window (db, 1366, 768);
  ThrCapEditor *editor = show_caps (window);
  ThrCapsPage *page = THR_CAPS_PAGE (thr_window_get_page_widget (window, "caps"));
  gint64 first = thr_cap_editor_get_cap_id (editor);
  GPtrArray *caps = thr_session_get_caps (thr_window_get_session (window));
  gint64 other = ((ThrCap *) g_ptr_array_index (caps, ((ThrCap *) g_ptr_array_index (caps, 0))->id == first
                                                         ? caps->len - 1 : 0))->id;
  GtkWidget *card;

  g_assert_cmpint (other, !=, first);
  refused_action = SQLITE_READ;
  refused_table = "cap_audit";
  sqlite3_set_authorizer (thr_store_get_db (window_store (window)), refuse_change, NULL);
  g_assert_true (thr_caps_page_select (page, other));
  g_assert_cmpint (thr_cap_editor_get_cap_id (editor), ==, other);
  g_test_message ("the editor says: %s", thr_cap_editor_get_error (editor));
  g_assert_cmpstr (thr_cap_editor_get_error (editor), ==, says);
  card = thr_cap_editor_get_error_card (editor);
  g_assert_nonnull (card);
  assert_sqlite_words (thr_alert_quote_card_get_text (card), db, "cap_audit");
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (gtk_widget_get_first_child (card))));
  render_editor (window, NULL, "store-errors-sqlite-audit");

  sqlite3_set_authorizer (thr_store_get_db (window_store (window)), NULL, NULL);
  refused_table = NULL;
  g_assert_true (thr_caps_page_select (page, first));
  g_assert_null (thr_cap_editor_get_error (editor));
  g_assert_cmpuint (thr_cap_editor_get_n_audit (editor), >, 0);
  thr_test_close_window (window);
}

/* The file checked, SQLite fails the import's write: the dialog says in
 * our words that the store named could not take it, SQLite's words quoted
 * without the path, the columns as the dry run read them; nothing was
 * written, and the same file goes in once the disk is back. */
static void
test_sqlite_import (void)
{
  g_autofree char *db = thr_test_copy_demo_store_apart (tmp_dir);
  g_autofree char *name = g_path_get_basename (db);
  g_autofree char *says = g_strdup_printf ("Threshold could not write to the store “%s”: SQLite's words below say "
                                           "why. Import the file again once that is put right.", name);
  g_autofree char *csv = g_build_filename (tmp_dir, "disk.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = NULL;
  ThrWindow *window;
  GtkWindow *dialog;
  GtkWidget *card;
  gint64 newest;

  g_assert_true (g_file_set_contents (csv, "metric,period,numerator,denominator\nA.1.a,2018-06,96,100\n", -1, NULL));
  file = g_file_new_for_path (csv);
  window = thr_test_open_window (db, 1366, 768);
  newest = thr_test_store_newest_import (db);
  dialog = thr_window_import_file (window, file);
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  g_assert_cmpstr (thr_import_dialog_get_step (THR_IMPORT_DIALOG (dialog)), ==, "preview");

  before = thr_test_store_fingerprint (db);
  refused_action = SQLITE_INSERT;
  refused_table = "imports";
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  thr_test_wait_for (thr_test_import_dialog_settled, dialog);
  refused_table = NULL;
  g_assert_cmpstr (thr_import_dialog_get_step (THR_IMPORT_DIALOG (dialog)), ==, "failed");
  g_assert_nonnull (strstr (thr_import_dialog_get_summary (THR_IMPORT_DIALOG (dialog)), "nothing was written"));
  assert_details (THR_IMPORT_DIALOG (dialog), says);
  card = thr_import_dialog_get_error_card (THR_IMPORT_DIALOG (dialog));
  g_assert_nonnull (card);
  g_assert_cmpstr (thr_alert_quote_card_get_text (card), ==, "not authorized");
  g_assert_cmpstr (thr_import_dialog_get_columns_said (THR_IMPORT_DIALOG (dialog)), ==, "4 fields");
  render_dialog (dialog, card, "store-errors-sqlite-import");
  after = thr_test_store_fingerprint (db);
  g_assert_cmpstr (after, ==, before);
  gtk_window_destroy (dialog);

  assert_imports_after (window, file, db, newest);
}

static gboolean
alert_shown (gpointer data)
{
  return thr_test_find_alert_now () != NULL;
}

/* SQLite fails the undo of the newest import: a dialog, not the raw
 * message in a toast, says in our words that nothing was changed in the
 * store named, SQLite's words quoted without the path; the store is as
 * it was (the undo and its CAPs are one transaction).  Rendered at its
 * size and at 360 px. */
static void
test_sqlite_undo (void)
{
  g_autofree char *db = thr_test_copy_demo_store_apart (tmp_dir);
  g_autofree char *name = g_path_get_basename (db);
  g_autofree char *says = g_strdup_printf ("Nothing was changed in the store “%s”: SQLite's words below say why.",
                                           name);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ThrWindow *window = thr_test_open_window (db, 1366, 768);
  gint64 newest = thr_test_store_newest_import (db);
  GtkWidget *alert;

  before = thr_test_store_fingerprint (db);
  refused_action = SQLITE_DELETE;
  refused_table = "imports";
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-import", "x", newest);
  thr_test_wait_for (alert_shown, NULL);
  refused_table = NULL;
  alert = thr_test_find_alert_now ();
  g_assert_cmpstr (thr_alert_get_heading (alert), ==, "The Import Could Not Be Undone");
  g_test_message ("the dialog says: %s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (alert)));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (alert)), ==, says);
  g_assert_cmpstr (thr_alert_get_quote (alert), ==, "not authorized");
  thr_test_render_png_light_and_dark (alert, "store-errors-sqlite-undo");
  thr_test_wait_for_frame (alert);
  g_assert_cmpuint (thr_test_assert_labels_whole (alert), >=, 2);
  gtk_window_set_default_size (GTK_WINDOW (alert), 360, -1);
  thr_test_iterate (300);
  thr_test_wait_for_frame (alert);
  g_assert_cmpint (gtk_widget_get_width (alert), <=, 360);
  g_assert_cmpuint (thr_test_assert_labels_whole (alert), >=, 2);
  thr_test_render_png_light_and_dark (alert, "store-errors-sqlite-undo-360");
  thr_alert_respond (alert, "close");
  thr_test_iterate (50);
  after = thr_test_store_fingerprint (db);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (thr_test_store_newest_import (db), ==, newest);
  thr_test_close_window (window);
}

int
main (int argc, char *argv[])
{
  tmp_dir = thr_test_window_init (&argc, &argv, "store-errors");
  g_test_add_func ("/window-store-errors/busy-cap-save", test_busy_cap_save);
  g_test_add_func ("/window-store-errors/busy-import", test_busy_import);
  g_test_add_func ("/window-store-errors/bad-cell-columns", test_bad_cell_columns);
  g_test_add_func ("/window-store-errors/review-date-through-reload", test_review_date_through_reload);
  g_test_add_func ("/window-store-errors/sqlite-cap-save", test_sqlite_cap_save);
  g_test_add_func ("/window-store-errors/sqlite-audit-unread", test_sqlite_audit_unread);
  g_test_add_func ("/window-store-errors/sqlite-import", test_sqlite_import);
  g_test_add_func ("/window-store-errors/sqlite-undo", test_sqlite_undo);
  sqlite3_auto_extension ((void (*) (void)) refuse_on_open);
  return thr_test_window_run (tmp_dir, NULL);
}
