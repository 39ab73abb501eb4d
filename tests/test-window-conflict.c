/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-conflict.c — the CAP editor when someone else saved first
 *
 * On a demo store: the CAP shown is changed behind the editor's back, its
 * next save is refused, and the person is asked, in a dialog that says
 * who changed what, whether to reload or to overwrite; each answer is
 * checked against what the store holds.
 *
 * The change behind its back is made on the window's own connection, as
 * another writer would make it but without the window noticing it
 * (its watch hears other connections' commits only, and would reload the
 * whole window while the dialog is up): what is under test is the
 * editor's answer to a save refused by the store, which the core's tests
 * (test-cap's /cap/concurrent-edit) show for two real connections.
 */
#include <string.h>

#include "thr-alert.h"
#include "thr-cap-editor.h"
#include "thr-caps-page.h"
#include "thr-session.h"
#include "thr-test-demo.h"
#include "thr-test-util.h"
#include "thr-test-window.h"
#include "thr-test-store.h"

static char *tmp_dir;
static char *demo_db;

/* The conflict dialog, shown now, with the words a person reads. */
static GtkWidget *
conflict_alert (void)
{
  GtkWidget *alert = thr_test_find_alert ();

  g_assert_nonnull (alert);
  g_assert_cmpstr (thr_alert_get_heading (alert), ==, "Someone Else Changed This CAP");
#if !ADW_CHECK_VERSION (1, 5, 0)
  {
    const char *body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (alert));

    g_autofree char *by = g_strdup_printf (" by %s on ", thr_cap_get_author ());

    /* Who changed what and when, from the trail: "(Root cause set by
     * NAME on 1 December 2026 at 16:41)". */
    g_assert_nonnull (strstr (body, "(Root cause "));
    g_assert_nonnull (strstr (body, by));
    g_assert_nonnull (strstr (body, " at "));
    g_assert_nonnull (strstr (body, "your change was not saved"));
  }
#endif
  return alert;
}

static void
test_reload_or_overwrite (void)
{
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  ThrCapEditor *editor;
  ThrStore *store;
  GtkWidget *alert;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *shown = NULL;
  gint64 cap_id;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "caps");
  editor = thr_caps_page_get_editor (THR_CAPS_PAGE (thr_window_get_page_widget (window, "caps")));
  cap_id = thr_cap_editor_get_cap_id (editor);
  g_assert_cmpint (cap_id, >, 0);
  store = thr_session_get_store (thr_window_get_session (window));

  /* Typed here while someone else saves the root cause: the save is
   * refused, and the store keeps theirs. */
  thr_test_cap_type_note (editor, "root_cause", "Mine: intake moved to renewals");
  g_assert_true (thr_cap_set_field (store, cap_id, "root_cause", "Theirs: two trainers left", &error));
  g_assert_no_error (error);
  g_assert_false (thr_cap_editor_flush (editor));
  alert = conflict_alert ();
  thr_test_render_png (alert, "cap-conflict");
  stored = thr_test_store_cap_field (store, cap_id, "root_cause");
  g_assert_cmpstr (stored, ==, "Theirs: two trainers left");

  /* Reload: the editor shows theirs, and drops what was refused. */
  thr_alert_respond (alert, "reload");
  shown = thr_test_cap_note_text (editor, "root_cause");
  g_assert_cmpstr (shown, ==, "Theirs: two trainers left");
  g_assert_true (thr_cap_editor_flush (editor));
  g_clear_pointer (&stored, g_free);
  stored = thr_test_store_cap_field (store, cap_id, "root_cause");
  g_assert_cmpstr (stored, ==, "Theirs: two trainers left");

  /* Again, and Overwrite: mine is saved over theirs. */
  thr_test_cap_type_note (editor, "root_cause", "Mine: intake moved to renewals");
  g_assert_true (thr_cap_set_field (store, cap_id, "root_cause", "Theirs again", &error));
  g_assert_false (thr_cap_editor_flush (editor));
  thr_alert_respond (conflict_alert (), "overwrite");
  g_clear_pointer (&stored, g_free);
  stored = thr_test_store_cap_field (store, cap_id, "root_cause");
  g_assert_cmpstr (stored, ==, "Mine: intake moved to renewals");
  g_assert_null (thr_test_find_alert_now ());

  /* A corrective action's save is checked the same way, and Overwrite
   * runs it again. */
  g_assert_true (thr_cap_set_field (store, cap_id, "root_cause", "Theirs, a third time", &error));
  gtk_editable_set_text (GTK_EDITABLE (thr_cap_editor_get_field (editor, "new_description")), "Hire two trainers");
  gtk_widget_activate_action (GTK_WIDGET (editor), "cap.add-action", NULL);
  g_assert_cmpint (thr_test_store_value (store, "SELECT count(*) FROM cap_actions WHERE description = 'Hire two trainers'"),
                   ==, 0);
  thr_alert_respond (conflict_alert (), "overwrite");
  g_assert_cmpint (thr_test_store_value (store, "SELECT count(*) FROM cap_actions WHERE description = 'Hire two trainers'"),
                   ==, 1);

  thr_test_close_window (window);
}

int
main (int argc, char *argv[])
{
  tmp_dir = thr_test_window_init (&argc, &argv, "window-conflict");
  demo_db = thr_test_copy_demo_store (tmp_dir);

  g_test_add_func ("/window/cap-conflict", test_reload_or_overwrite);
  return thr_test_window_run (tmp_dir, demo_db);
}
