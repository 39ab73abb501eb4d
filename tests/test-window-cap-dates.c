/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-cap-dates.c — a plan submitted before its failure was documented
 *
 * The CAP editor saves such a date as typed (the CLI's `caps set` takes it
 * too, and scripts rely on that) and says under it that it is before the
 * failure was documented, in a row of the dates' list right under the
 * date's, in one or two lines at 1366 pixels (as a suffix of the date's
 * row it got the suffix's minimum width, three lines) and within the
 * window at 360; a date after it, or a documentation moved before it,
 * takes the words away.
 */
#include <adwaita.h>

#include "thr-caps-page.h"
#include "thr-cap-editor.h"
#include "thr-core.h"
#include "thr-test-demo.h"
#include "thr-test-window.h"

static char *tmp_dir;
static char *demo_db;

static void
type_date (ThrCapEditor *editor,
           const char   *field,
           const char   *text)
{
  gtk_editable_set_text (GTK_EDITABLE (thr_cap_editor_get_field (editor, field)), text);
  g_assert_true (thr_cap_editor_flush (editor));
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The warning in the row right under the date's, drawn in at most
 * MAX_LINES lines. */
static void
assert_warning_under_date (ThrCapEditor *editor,
                           int           max_lines)
{
  GtkWidget *date = thr_cap_editor_get_field (editor, "submitted_on");
  GtkWidget *label = find_label (GTK_WIDGET (editor), thr_cap_editor_get_field_warning (editor, "submitted_on"));
  GtkWidget *row;
  int lines;

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (label));
  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  g_assert_true (row != NULL && row != date);
  g_assert_true (gtk_widget_get_next_sibling (date) == row);
  lines = pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (label)));
  g_test_message ("the warning: %d line(s), %d px wide", lines, gtk_widget_get_width (label));
  g_assert_cmpint (lines, >=, 1);
  g_assert_cmpint (lines, <=, max_lines);
}

static void
test_submitted_before_documented (void)
{
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  ThrCapEditor *editor;
  g_autoptr(ThrCap) cap = NULL;
  gint64 cap_id;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "caps");
  editor = thr_caps_page_get_editor (THR_CAPS_PAGE (thr_window_get_page_widget (window, "caps")));
  cap_id = thr_cap_editor_get_cap_id (editor);
  cap = thr_test_stored_cap (demo_db, cap_id);
  /* The test demo's CAPs are documented on their month's verification
   * day, with no plan submitted yet. */
  g_assert_cmpuint (cap->documented_on, ==, thr_day_from_ymd (2018, 5, 31));
  g_assert_cmpuint (cap->submitted_on, ==, 0);
  g_clear_pointer (&cap, thr_cap_free);
  g_assert_null (thr_cap_editor_get_field_warning (editor, "submitted_on"));

  /* Before it: saved as typed, not refused, and said beside the date. */
  type_date (editor, "submitted_on", "2018-05-14");
  cap = thr_test_stored_cap (demo_db, cap_id);
  g_assert_cmpuint (cap->submitted_on, ==, thr_day_from_ymd (2018, 5, 14));
  g_clear_pointer (&cap, thr_cap_free);
  g_assert_cmpstr (thr_cap_editor_get_field_warning (editor, "submitted_on"), ==,
                   "Before the failure was documented (2018-05-31)");
  g_assert_null (thr_cap_editor_get_field_error (editor, "submitted_on"));
  /* The editor's lower part (the dates) is laid out the frame after its first. */
  thr_test_wait_for_frame (window);
  thr_test_wait_for_frame (window);
  thr_test_scroll_to (thr_cap_editor_get_field (editor, "submitted_on"));
  assert_warning_under_date (editor, 2);
  thr_test_render_png_light_and_dark (GTK_WIDGET (window), "cap-submitted-early");

  /* The same day as the documentation, or after it: nothing to say. */
  type_date (editor, "submitted_on", "2018-05-31");
  g_assert_null (thr_cap_editor_get_field_warning (editor, "submitted_on"));
  type_date (editor, "submitted_on", "2018-06-11");
  g_assert_null (thr_cap_editor_get_field_warning (editor, "submitted_on"));

  /* The documentation moved after the plan: said again, with its day. */
  type_date (editor, "documented_on", "2018-06-20");
  g_assert_cmpstr (thr_cap_editor_get_field_warning (editor, "submitted_on"), ==,
                   "Before the failure was documented (2018-06-20)");
  /* A date half typed says nothing of the order. */
  gtk_editable_set_text (GTK_EDITABLE (thr_cap_editor_get_field (editor, "documented_on")), "2018-06-2");
  g_assert_null (thr_cap_editor_get_field_warning (editor, "submitted_on"));
  type_date (editor, "documented_on", "2018-05-31");
  g_assert_null (thr_cap_editor_get_field_warning (editor, "submitted_on"));

  /* Shown again when the CAP is opened again from the store. */
  type_date (editor, "submitted_on", "2018-05-14");
  thr_cap_editor_set_cap (editor, cap_id + 1);
  g_assert_null (thr_cap_editor_get_field_warning (editor, "submitted_on"));
  thr_cap_editor_set_cap (editor, cap_id);
  g_assert_cmpstr (thr_cap_editor_get_field_warning (editor, "submitted_on"), ==,
                   "Before the failure was documented (2018-05-31)");
  thr_test_close_window (window);
}

static gboolean
window_folded (gpointer window)
{
  return thr_test_window_is_folded (window);
}

/* Folded to 360 pixels, the words beside the date wrap within the window:
 * no frame asks for more than the window has (libadwaita 1.10 refuses
 * such a frame, 1.2 clips it). */
static void
test_submitted_before_documented_narrow (void)
{
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  ThrCapsPage *page;
  ThrCapEditor *editor;
  ThrTestWidthWatch *watch;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "caps");
  page = THR_CAPS_PAGE (thr_window_get_page_widget (window, "caps"));
  editor = thr_caps_page_get_editor (page);
  thr_test_wait_for (thr_test_window_settled, window);
  type_date (editor, "submitted_on", "2018-05-14");
  g_assert_nonnull (thr_cap_editor_get_field_warning (editor, "submitted_on"));

  watch = thr_test_width_watch_start (GTK_WIDGET (editor), 360);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  thr_test_wait_for (window_folded, window);
  thr_test_window_show_content (window);
  g_assert_true (thr_caps_page_select (page, thr_cap_editor_get_cap_id (editor)));
  thr_test_wait_for (thr_test_window_settled, window);
  thr_test_wait_for_frame (window);
  thr_test_wait_for_frame (window);
  thr_test_scroll_to (thr_cap_editor_get_field (editor, "submitted_on"));
  g_assert_cmpstr (thr_cap_editor_get_field_warning (editor, "submitted_on"), ==,
                   "Before the failure was documented (2018-05-31)");
  g_assert_cmpint (thr_test_width_watch_end (watch), <=, 0);
  assert_warning_under_date (editor, 3);
  thr_test_render_png_light_and_dark (GTK_WIDGET (window), "cap-submitted-early-360");
  /* Put back as the demo had it, for whatever runs after. */
  type_date (editor, "submitted_on", "");
  thr_test_close_window (window);
}

int
main (int argc, char *argv[])
{
  tmp_dir = thr_test_window_init (&argc, &argv, "window-cap-dates");
  demo_db = thr_test_copy_demo_store (tmp_dir);
  g_test_add_func ("/window-cap-dates/submitted-before-documented", test_submitted_before_documented);
  g_test_add_func ("/window-cap-dates/submitted-before-documented-narrow", test_submitted_before_documented_narrow);
  return thr_test_window_run (tmp_dir, demo_db);
}
