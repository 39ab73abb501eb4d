/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-tables.c — the tables where people compare, headless
 *
 * The ledger page's table (a GtkColumnView): its columns, its year
 * subtotals against the core's thr_ledger_sum_by_year(), every ledger row
 * once under its year, sorting by a column inside each year, the
 * explanation on demand, find and "missed only", and what a screen reader
 * is told.  A metric's values and the records that missed their deadline
 * as sortable tables, with the days late the core counts.  Screenshots at
 * 1366 and 360 px, light and dark.
 */
#include <string.h>

#include <math.h>

#include "thr-caps-page.h"
#include "thr-deadlines-page.h"
#include "thr-ledger-page.h"
#include "thr-metric-page.h"
#include "thr-metrics-page.h"
#include "thr-table-view.h"
#include "thr-test-demo.h"
#include "thr-test-store.h"
#include "thr-test-style.h"
#include "thr-test-util.h"
#include "thr-test-window.h"

static char *tmp_dir;
static char *demo_db;

static const char * const ledger_columns[] = {
  "Month", "Component", "Invoice", "Rate", "Withheld", "Released", "Held", "Retained", "Status",
};

/* Narrow, the sidebar comes first; the page is one step on. */
static gboolean
window_folded (gpointer window)
{
  return thr_test_window_is_folded (window);
}

static gboolean
window_unfolded (gpointer window)
{
  return !thr_test_window_is_folded (window);
}

static gboolean
widget_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
editor_hidden (gpointer page)
{
  return !thr_caps_page_is_editor_shown (page);
}

/* Folds @window narrow, where the page shown fits every frame, the first
 * too, and renders it light and dark. */
static void
render_narrow (ThrWindow  *window,
               const char *name)
{
  GtkWidget *page = thr_window_get_page_widget (window, thr_window_get_page (window));
  ThrTestWidthWatch *watch = thr_test_width_watch_start (page, 360);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  thr_test_wait_for (window_folded, window);
  thr_test_window_show_content (window);
  thr_test_wait_for (thr_test_window_settled, window);
  thr_test_wait_for_frame (window);
  g_assert_cmpint (thr_test_width_watch_end (watch), <=, 0);
  thr_test_render_png_light_and_dark (GTK_WIDGET (window), name);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  thr_test_wait_for (window_unfolded, window);
  /* libadwaita 1.10's split view shows the content again a frame after. */
  thr_test_wait_for (thr_test_window_settled, window);
  thr_test_wait_for (widget_mapped, page);
}

static ThrLedgerView *
show_ledger (ThrWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "ledger");
  thr_test_wait_for_frame (window);
  return thr_ledger_page_get_view (THR_LEDGER_PAGE (thr_window_get_page_widget (window, "ledger")));
}

static GtkColumnViewColumn *
column (GtkColumnView *column_view,
        guint          i)
{
  GtkColumnViewColumn *c = g_list_model_get_item (gtk_column_view_get_columns (column_view), i);

  g_object_unref (c);   /* the column view holds it */
  return c;
}

static void
assert_columns (GtkColumnView *column_view)
{
  GListModel *columns = gtk_column_view_get_columns (column_view);

  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, G_N_ELEMENTS (ledger_columns));
  for (guint i = 0; i < G_N_ELEMENTS (ledger_columns); i++)
    {
      g_assert_cmpstr (gtk_column_view_column_get_title (column (column_view, i)), ==, ledger_columns[i]);
      g_assert_nonnull (gtk_column_view_column_get_sorter (column (column_view, i)));
    }
  /* A table a screen reader can walk, with a name. */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (column_view)), ==,
                   GTK_ACCESSIBLE_ROLE_TREE_GRID);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (column_view), GTK_ACCESSIBLE_PROPERTY_LABEL, "Ledger");
}

/* Years in the view's order, each followed by its rows; returns the
 * number of month rows. */
static guint
assert_years_hold_their_rows (ThrLedgerView *view,
                              ThrLedger     *ledger)
{
  g_autoptr(GArray) years = thr_ledger_sum_by_year (ledger, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *year = NULL;
  guint n_years = 0, n_rows = 0;

  for (guint i = 0; i < thr_ledger_view_get_n_items (view); i++)
    {
      ThrLedgerItem *item = thr_ledger_view_get_item (view, i);

      if (thr_ledger_item_is_year (item))
        {
          const ThrLedgerYear *expected = NULL;

          year = thr_ledger_item_get_period (item);
          for (guint y = 0; y < years->len; y++)
            if (g_array_index (years, ThrLedgerYear, y).year == atoi (year))
              expected = &g_array_index (years, ThrLedgerYear, y);
          g_assert_nonnull (expected);
          g_assert_cmpmem (thr_ledger_item_get_totals (item), sizeof (ThrLedgerTotals),
                           &expected->totals, sizeof expected->totals);
          n_years++;
          continue;
        }
      {
        const ThrLedgerRow *row = thr_ledger_find_row (ledger, thr_ledger_item_get_period (item),
                                                       thr_ledger_item_get_component (item));
        g_autofree char *key = g_strdup_printf ("%s/%s", row->month_label, row->component);

        g_assert_nonnull (year);
        g_assert_true (g_str_has_prefix (row->month_label, year));
        g_assert_cmpint (thr_ledger_item_get_totals (item)->withheld, ==, row->withheld);
        g_assert_cmpint (thr_ledger_item_get_totals (item)->held, ==, row->held);
        g_assert_cmpstr (thr_ledger_item_get_explanation (item), ==, row->explanation);
        g_assert_true (g_hash_table_add (seen, g_steal_pointer (&key)));
        n_rows++;
      }
    }
  g_assert_cmpuint (n_years, ==, years->len);
  return n_rows;
}

/* Sorted by withheld, ascending: the years by their subtotal, and the
 * rows inside each year. */
static void
assert_sorted_by_withheld (ThrLedgerView *view)
{
  gint64 last_year = G_MININT64, last_row = G_MININT64;

  for (guint i = 0; i < thr_ledger_view_get_n_items (view); i++)
    {
      ThrLedgerItem *item = thr_ledger_view_get_item (view, i);
      gint64 withheld = thr_ledger_item_get_totals (item)->withheld;

      if (thr_ledger_item_is_year (item))
        {
          g_assert_cmpint (withheld, >=, last_year);
          last_year = withheld;
          last_row = G_MININT64;
        }
      else
        {
          g_assert_cmpint (withheld, >=, last_row);
          last_row = withheld;
        }
    }
}

static gboolean
explanation_shown_cb (gpointer view)
{
  return thr_ledger_view_get_explanation_shown (view) != NULL;
}

static void
assert_explains (ThrLedgerView *view,
                 ThrLedger     *ledger)
{
  const ThrLedgerRow *retained = NULL;
  GPtrArray *rows = thr_ledger_get_rows (ledger);

  for (guint i = 0; i < rows->len && retained == NULL; i++)
    if (((ThrLedgerRow *) g_ptr_array_index (rows, i))->state == THR_LEDGER_STATE_RETAINED)
      retained = g_ptr_array_index (rows, i);
  g_assert_nonnull (retained);
  for (guint i = 0; i < thr_ledger_view_get_n_items (view); i++)
    {
      ThrLedgerItem *item = thr_ledger_view_get_item (view, i);

      if (thr_ledger_item_is_year (item))
        {
          g_assert_false (thr_ledger_view_explain (view, i));
          continue;
        }
      if (g_strcmp0 (thr_ledger_item_get_period (item), retained->month_label) != 0 ||
          g_strcmp0 (thr_ledger_item_get_component (item), retained->component) != 0)
        continue;
      /* As Enter on the row does. */
      g_signal_emit_by_name (thr_ledger_view_get_column_view (view), "activate", i);
      thr_test_wait_for (explanation_shown_cb, view);
      g_assert_cmpstr (thr_ledger_view_get_explanation_shown (view), ==, retained->explanation);
      g_assert_nonnull (strstr (retained->explanation, "¶"));
      return;
    }
  g_assert_not_reached ();
}

/* The table's own list: where GTK binds its keys. */
static GtkWidget *
ledger_list (GtkColumnView *column_view)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (column_view)); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_VIEW (c))
      return c;
  g_assert_not_reached ();
}

/* Presses @keyval in @widget as far as its key controllers in the capture
 * phase go: what GTK runs before the widget's own bindings. */
static void
capture_key (GtkWidget *widget,
             guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
      g_assert_false (handled);
    }
}

/* End pressed in the table, as GTK delivers it: the table's key
 * controllers in the capture phase first, then the list's binding. */
static void
press_end (GtkColumnView *column_view)
{
  GtkWidget *list = ledger_list (column_view);
  gboolean pressed = FALSE;

  capture_key (GTK_WIDGET (column_view), GDK_KEY_End);
  {
    g_autoptr(GListModel) list_controllers = gtk_widget_observe_controllers (list);

    for (guint i = 0; i < g_list_model_get_n_items (list_controllers) && !pressed; i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (list_controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
          continue;
        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !pressed; j++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
            GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

            if (GTK_IS_KEYVAL_TRIGGER (trigger) && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_End &&
                gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
              pressed = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, list,
                                                      gtk_shortcut_get_arguments (shortcut));
          }
      }
  }
  g_assert_true (pressed);
}

/* The table's line that holds @widget: the list's child above it. */
static GtkWidget *
table_line_of (GtkWidget *widget)
{
  while (widget != NULL && !GTK_IS_LIST_VIEW (gtk_widget_get_parent (widget)))
    widget = gtk_widget_get_parent (widget);
  g_assert_nonnull (widget);
  return widget;
}

static gboolean
ledger_all_built_cb (gpointer view)
{
  return thr_ledger_view_get_n_rows_built (view) == thr_ledger_view_get_n_items (view);
}

/* The ledger's first visit builds the lines the first screen shows, not all of them
 * (GTK 4.8 builds every line of a list under 200, 2.5 ms each); the rest
 * come a chunk a frame, and at once when End in the table or find needs
 * them: End reaches the last line, find counts every line. */
static void
test_ledger_built_in_chunks (void)
{
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  ThrLedgerView *view = show_ledger (window);
  GtkColumnView *column_view = thr_ledger_view_get_column_view (view);
  guint n_items = thr_ledger_view_get_n_items (view);
  ThrLedgerItem *last;
  GtkWidget *button, *focus;
  ThrSearchBar *bar;

  g_assert_cmpuint (n_items, >, 40);
  /* The demo's ten corrective periods fill the first screen above the
   * table: it builds none of its lines then. */
  g_assert_cmpuint (thr_ledger_page_get_n_windows (THR_LEDGER_PAGE (thr_window_get_page_widget (window, "ledger"))), ==, 10);
  g_assert_cmpuint (thr_ledger_view_get_n_rows_built (view), ==, 0);
  last = thr_ledger_view_get_item (view, n_items - 1);
  g_assert_null (g_object_get_data (G_OBJECT (last), "thr-explain-button"));

  gtk_widget_grab_focus (GTK_WIDGET (column_view));
  press_end (column_view);
  g_assert_cmpuint (thr_ledger_view_get_n_rows_built (view), ==, n_items);
  thr_test_wait_for_frame (window);
  button = g_object_get_data (G_OBJECT (last), "thr-explain-button");
  g_assert_nonnull (button);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (table_line_of (focus) == table_line_of (button));
  thr_test_close_window (window);

  /* Left alone, the rest come a chunk a frame. */
  window = thr_test_open_window (demo_db, 1366, 768);
  view = show_ledger (window);
  g_assert_cmpuint (thr_ledger_view_get_n_rows_built (view), <, thr_ledger_view_get_n_items (view));
  thr_test_wait_for (ledger_all_built_cb, view);
  thr_test_close_window (window);

  /* Find: every line it keeps is built. */
  window = thr_test_open_window (demo_db, 1366, 768);
  view = show_ledger (window);
  g_assert_cmpuint (thr_ledger_view_get_n_rows_built (view), <, thr_ledger_view_get_n_items (view));
  bar = thr_ledger_page_get_search_bar (THR_LEDGER_PAGE (thr_window_get_page_widget (window, "ledger")));
  thr_search_bar_set_text (bar, "2018");
  g_assert_cmpuint (thr_ledger_view_get_n_items (view), >, 24);
  g_assert_cmpuint (thr_ledger_view_get_n_rows_built (view), ==, thr_ledger_view_get_n_items (view));
  thr_test_close_window (window);
}

static gboolean
metrics_all_built_cb (gpointer page)
{
  return thr_metrics_page_get_n_rows_built (page) == thr_metrics_page_get_n_rows (page);
}

/* The first list box of rows under @widget (a preferences group has an
 * empty one of its own). */
static GtkWidget *
first_list_box (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget) && ADW_IS_ACTION_ROW (gtk_widget_get_first_child (widget)))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = first_list_box (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Metrics page's first visit lays out a screenful of its 51 rows, the
 * first sections' first; the rest come a few a frame, and all at once for
 * Down in the first section (the rows below are reached) and for find. */
static void
test_metrics_built_in_chunks (void)
{
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  ThrMetricsPage *page = THR_METRICS_PAGE (thr_window_get_page_widget (window, "metrics"));
  ThrSearchBar *bar = thr_metrics_page_get_search_bar (page);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "metrics");
  thr_test_wait_for_frame (window);
  g_assert_cmpuint (thr_metrics_page_get_n_rows (page), ==, 51);
  g_assert_cmpuint (thr_metrics_page_get_n_rows_built (page), >=, 9);
  g_assert_cmpuint (thr_metrics_page_get_n_rows_built (page), <=, 18);
  capture_key (first_list_box (GTK_WIDGET (page)), GDK_KEY_Down);
  g_assert_cmpuint (thr_metrics_page_get_n_rows_built (page), ==, 51);
  thr_test_close_window (window);

  window = thr_test_open_window (demo_db, 1366, 768);
  page = THR_METRICS_PAGE (thr_window_get_page_widget (window, "metrics"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "metrics");
  thr_test_wait_for_frame (window);
  g_assert_cmpuint (thr_metrics_page_get_n_rows_built (page), <, 51);
  thr_test_wait_for (metrics_all_built_cb, page);
  /* Built a frame at a time, the page looks as it did built at once. */
  render_narrow (window, "tables-metrics-360");
  thr_test_close_window (window);

  window = thr_test_open_window (demo_db, 1366, 768);
  page = THR_METRICS_PAGE (thr_window_get_page_widget (window, "metrics"));
  bar = thr_metrics_page_get_search_bar (page);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "metrics");
  thr_test_wait_for_frame (window);
  g_assert_cmpuint (thr_metrics_page_get_n_rows_built (page), <, 51);
  thr_search_bar_set_text (bar, "a.");
  g_assert_cmpuint (thr_metrics_page_get_n_shown (page), >, 18);
  g_assert_cmpuint (thr_metrics_page_get_n_rows_built (page), ==, thr_metrics_page_get_n_shown (page));
  thr_test_close_window (window);
}

/* Counts the clauses under the dates of @widget that ask for their one-line
 * width as natural width and break lines between words only, and asserts
 * each is laid out within its row and wraps to at most two lines, and
 * that each date's title breaks between words only, each line within it. */
static guint
count_clauses_unwrapped (GtkWidget *widget,
                         GtkWidget *row)
{
  guint n = 0;

  if (ADW_IS_ACTION_ROW (widget))
    row = widget;
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "subtitle") && gtk_widget_get_mapped (widget))
    {
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (widget));

      g_assert_nonnull (row);
      g_assert_cmpint (gtk_widget_get_width (widget), <=, gtk_widget_get_width (row));
      g_assert_cmpint (pango_layout_get_line_count (layout), <=, 2);
      n += gtk_label_get_natural_wrap_mode (GTK_LABEL (widget)) == GTK_NATURAL_WRAP_NONE &&
           gtk_label_get_wrap_mode (GTK_LABEL (widget)) == PANGO_WRAP_WORD;
    }
  /* The date's title breaks between words too. */
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title") && gtk_widget_get_mapped (widget) &&
      row != NULL && gtk_widget_get_ancestor (row, ADW_TYPE_EXPANDER_ROW) == NULL)
    {
      PangoRectangle logical;

      pango_layout_get_pixel_extents (gtk_label_get_layout (GTK_LABEL (widget)), NULL, &logical);
      g_assert_cmpint (gtk_label_get_wrap_mode (GTK_LABEL (widget)), ==, PANGO_WRAP_WORD);
      g_assert_cmpint (logical.width, <=, gtk_widget_get_width (widget));
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_clauses_unwrapped (c, row);
  return n;
}

static guint
count_mapped_action_rows (GtkWidget *widget)
{
  guint n = ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_mapped_action_rows (c);
  return n;
}

static guint
deadlines_n_dates (ThrDeadlinesPage *page)
{
  return thr_deadlines_page_get_n_shown (page, THR_DEADLINE_OVERDUE) + thr_deadlines_page_get_n_shown (page, THR_DEADLINE_DUE) +
         thr_deadlines_page_get_n_shown (page, THR_DEADLINE_UPCOMING);
}

static gboolean
deadlines_all_built_cb (gpointer page)
{
  return thr_deadlines_page_get_n_rows_built (page) == deadlines_n_dates (page);
}

/* The Deadlines page's first visit lays out a screenful of the demo's
 * dates not done (about 3.5 ms a row), the overdue first; the rest come a
 * few a frame, and all at once for Down in the first group and for find,
 * which counts every row. */
static void
test_deadlines_built_in_chunks (void)
{
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  ThrDeadlinesPage *page = THR_DEADLINES_PAGE (thr_window_get_page_widget (window, "deadlines"));
  GPtrArray *items = thr_session_get_deadlines (thr_window_get_session (window));
  ThrSearchBar *bar;
  guint n_dates;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "deadlines");
  thr_test_wait_for_frame (window);
  n_dates = deadlines_n_dates (page);
  g_assert_cmpuint (thr_deadlines_page_get_n_shown (page, THR_DEADLINE_OVERDUE), >, 12);
  g_assert_cmpuint (thr_deadlines_page_get_n_rows_built (page), >=, 6);
  g_assert_cmpuint (thr_deadlines_page_get_n_rows_built (page), <=, 12);
  g_assert_cmpuint (count_mapped_action_rows (GTK_WIDGET (page)), ==, thr_deadlines_page_get_n_rows_built (page) + 1);
  capture_key (first_list_box (GTK_WIDGET (page)), GDK_KEY_Down);
  g_assert_cmpuint (thr_deadlines_page_get_n_rows_built (page), ==, n_dates);
  thr_test_close_window (window);

  /* Left alone, the rest come by themselves, in the order of the page. */
  window = thr_test_open_window (demo_db, 1366, 768);
  page = THR_DEADLINES_PAGE (thr_window_get_page_widget (window, "deadlines"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "deadlines");
  thr_test_wait_for_frame (window);
  g_assert_cmpuint (thr_deadlines_page_get_n_rows_built (page), <, n_dates);
  thr_test_wait_for (deadlines_all_built_cb, page);
  thr_test_wait_for_frame (window);
  g_assert_cmpuint (count_mapped_action_rows (GTK_WIDGET (page)), ==, n_dates + 1);
  /* Built a frame at a time, the page looks as it did built at once. */
  thr_test_render_png_light_and_dark (GTK_WIDGET (window), "tables-deadlines");
  thr_test_close_window (window);

  /* Find builds and counts every date, the dates done too. */
  window = thr_test_open_window (demo_db, 1366, 768);
  page = THR_DEADLINES_PAGE (thr_window_get_page_widget (window, "deadlines"));
  items = thr_session_get_deadlines (thr_window_get_session (window));
  bar = thr_deadlines_page_get_search_bar (page);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "deadlines");
  thr_test_wait_for_frame (window);
  g_assert_cmpuint (thr_deadlines_page_get_n_rows_built (page), <, n_dates);
  thr_search_bar_set_text (bar, "");
  g_assert_cmpuint (thr_deadlines_page_get_n_rows_built (page), ==, n_dates);
  g_assert_cmpuint (thr_search_bar_get_n_rows_shown (bar), ==, items->len);
  thr_search_bar_set_missed_only (bar, TRUE);
  g_assert_cmpuint (thr_search_bar_get_n_rows_shown (bar), ==, thr_deadlines_page_get_n_shown (page, THR_DEADLINE_OVERDUE));
  thr_test_close_window (window);
}

/* The Deadlines page's clauses wrap at the row's width but ask for their
 * one-line width as natural width (what halves their layout's cost on
 * GTK 4.8, docs/benchmarks.md); shown in the window and at 360 pixels. */
static void
test_deadlines_clauses_natural_width (void)
{
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  GtkWidget *page = thr_window_get_page_widget (window, "deadlines");
  guint n_rows;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "deadlines");
  thr_test_wait_for (deadlines_all_built_cb, page);
  thr_test_wait_for_frame (window);
  n_rows = count_mapped_action_rows (page);
  g_assert_cmpuint (thr_deadlines_page_get_n_shown (THR_DEADLINES_PAGE (page), THR_DEADLINE_OVERDUE), >, 0);
  g_assert_cmpuint (n_rows, >=, thr_deadlines_page_get_n_shown (THR_DEADLINES_PAGE (page), THR_DEADLINE_OVERDUE));
  g_assert_cmpuint (count_clauses_unwrapped (page, NULL), ==, n_rows - 1);  /* but the dates done's expander */
  render_narrow (window, "tables-deadlines-360");
  g_assert_cmpuint (count_clauses_unwrapped (page, NULL), ==, n_rows - 1);
  thr_test_close_window (window);
}

/* The labels of a corrective period's row: its title, and the state on
 * its right. */
static void
window_row_labels (GtkWidget  *row,
                   GtkWidget **title,
                   GtkWidget **outcome)
{
  *title = thr_test_find_label_styled (row, "title");
  *outcome = g_object_get_data (G_OBJECT (row), "thr-outcome");
  g_assert_nonnull (*title);
  g_assert_nonnull (*outcome);
}

static void
collect_window_rows (GtkWidget *widget,
                     GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (widget) && g_object_get_data (G_OBJECT (widget), "thr-outcome") != NULL)
    g_ptr_array_add (rows, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_window_rows (c, rows);
}

static guint
label_lines (GtkWidget *label)
{
  return pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (label)));
}

static gboolean
outcomes_wrap (GPtrArray *rows,
               gboolean   wrap)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *title, *outcome;

      window_row_labels (g_ptr_array_index (rows, i), &title, &outcome);
      if (gtk_label_get_wrap (GTK_LABEL (outcome)) != wrap)
        return FALSE;
    }
  return TRUE;
}

static gboolean
outcomes_wrap_cb (gpointer rows)
{
  return outcomes_wrap (rows, TRUE);
}

static gboolean
outcomes_one_line_cb (gpointer rows)
{
  return outcomes_wrap (rows, FALSE);
}

/* Counts the wrapping titles and subtitles of the corrective periods'
 * rows under @widget that break lines between words only, and asserts each is laid
 * out within its row, no line of it wider than the label. */
static guint
count_wrapping_at_words (GtkWidget *widget,
                         GtkWidget *row)
{
  guint n = 0;

  if (ADW_IS_ACTION_ROW (widget) && g_object_get_data (G_OBJECT (widget), "thr-outcome") != NULL)
    row = widget;
  if (row != NULL && GTK_IS_LABEL (widget) && gtk_label_get_wrap (GTK_LABEL (widget)) && gtk_widget_get_mapped (widget) &&
      (gtk_widget_has_css_class (widget, "title") || gtk_widget_has_css_class (widget, "subtitle")))
    {
      PangoRectangle logical;

      pango_layout_get_pixel_extents (gtk_label_get_layout (GTK_LABEL (widget)), NULL, &logical);
      g_assert_cmpint (gtk_widget_get_width (widget), <=, gtk_widget_get_width (row));
      g_assert_cmpint (logical.width, <=, gtk_widget_get_width (widget));
      n += gtk_label_get_wrap_mode (GTK_LABEL (widget)) == PANGO_WRAP_WORD;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_wrapping_at_words (c, row);
  return n;
}

/* The Ledger's corrective periods' titles and subtitles break lines
 * between words only (what makes their first layout cheaper on GTK 4.8,
 * docs/benchmarks.md), and still fit their rows, at 1366 and 360 pixels. */
static void
test_ledger_corrective_periods_wrap_at_words (void)
{
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  GtkWidget *page;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  show_ledger (window);
  page = thr_window_get_page_widget (window, "ledger");
  collect_window_rows (page, rows);
  g_assert_cmpuint (rows->len, ==, 10);
  /* A title and a subtitle a row. */
  g_assert_cmpuint (count_wrapping_at_words (page, NULL), ==, 2 * rows->len);
  render_narrow (window, "tables-ledger-wrap-360");
  g_assert_cmpuint (count_wrapping_at_words (page, NULL), ==, 2 * rows->len);
  thr_test_close_window (window);
}

/* The Ledger's corrective periods: at 1366 pixels the state beside each
 * title keeps one line; folded narrow it wraps to lines of its own rather
 * than squeeze the title to a few letters a line. */
static void
test_ledger_corrective_periods_fit (void)
{
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  GtkWidget *page;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint n_wrapped = 0;

  show_ledger (window);
  page = thr_window_get_page_widget (window, "ledger");
  collect_window_rows (page, rows);
  g_assert_cmpuint (rows->len, ==, 10);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *title, *outcome;

      window_row_labels (g_ptr_array_index (rows, i), &title, &outcome);
      g_assert_cmpuint (label_lines (outcome), ==, 1);
      g_assert_cmpuint (label_lines (title), ==, 1);
    }
  /* The corrective periods' group and the months' have a description. */
  g_assert_cmpuint (thr_test_assert_group_headers_as_plain (page), ==, 2);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  thr_test_wait_for (window_folded, window);
  thr_test_window_show_content (window);
  thr_test_wait_for (thr_test_window_settled, window);
  thr_test_wait_for (outcomes_wrap_cb, rows);
  thr_test_wait_for_frame (window);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *title, *outcome;

      window_row_labels (g_ptr_array_index (rows, i), &title, &outcome);
      /* "A.1.a missed in April 2018" in two lines at most, beside a state
       * no wider than itself. */
      g_assert_cmpuint (label_lines (title), <=, 2);
      g_assert_cmpint (gtk_widget_get_width (title), >=, gtk_widget_get_width (outcome));
      n_wrapped += label_lines (outcome) > 1;
    }
  g_assert_cmpuint (n_wrapped, >, 0);
  g_assert_cmpuint (thr_test_assert_group_headers_as_plain (page), ==, 2);
  thr_test_render_png_light_and_dark (GTK_WIDGET (window), "tables-ledger-360");

  /* Wide again, one line again. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  thr_test_wait_for (window_unfolded, window);
  thr_test_wait_for (thr_test_window_settled, window);
  thr_test_wait_for (outcomes_one_line_cb, rows);
  thr_test_wait_for_frame (window);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *title, *outcome;

      window_row_labels (g_ptr_array_index (rows, i), &title, &outcome);
      g_assert_false (gtk_label_get_wrap (GTK_LABEL (outcome)));
      g_assert_cmpuint (label_lines (outcome), ==, 1);
    }
  thr_test_render_png (window, "tables-ledger-corrective");
  thr_test_close_window (window);
}

static void
test_ledger_table (void)
{
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  ThrLedger *ledger = thr_session_get_ledger (thr_window_get_session (window));
  ThrLedgerView *view = show_ledger (window);
  ThrLedgerPage *page = THR_LEDGER_PAGE (thr_window_get_page_widget (window, "ledger"));
  GtkColumnView *column_view = thr_ledger_view_get_column_view (view);
  ThrSearchBar *bar = thr_ledger_page_get_search_bar (page);
  guint n_rows = thr_ledger_get_rows (ledger)->len;

  assert_columns (column_view);
  /* Newest first: the first line is the last year's subtotal. */
  g_assert_true (thr_ledger_item_is_year (thr_ledger_view_get_item (view, 0)));
  g_assert_cmpuint (assert_years_hold_their_rows (view, ledger), ==, n_rows);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  thr_test_render_png (window, "tables-ledger-1366");
  render_narrow (window, "tables-ledger-360");

  gtk_column_view_sort_by_column (column_view, column (column_view, 4), GTK_SORT_ASCENDING);
  assert_sorted_by_withheld (view);
  g_assert_cmpuint (assert_years_hold_their_rows (view, ledger), ==, n_rows);
  gtk_column_view_sort_by_column (column_view, column (column_view, 0), GTK_SORT_DESCENDING);

  assert_explains (view, ledger);

  /* "Missed only" leaves fewer rows in the table, each under its year. */
  thr_search_bar_set_missed_only (bar, TRUE);
  g_assert_cmpuint (thr_ledger_view_get_n_rows_shown (view), <, n_rows);
  g_assert_cmpuint (assert_years_hold_their_rows (view, ledger), ==, thr_ledger_view_get_n_rows_shown (view));
  thr_search_bar_set_missed_only (bar, FALSE);
  g_assert_cmpuint (assert_years_hold_their_rows (view, ledger), ==, n_rows);
  thr_search_bar_toggle (bar);
  g_assert_false (thr_search_bar_get_shown (bar));

  /* The table, scrolled to the row explained. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  thr_test_render_png (window, "tables-ledger-1366-table");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  thr_test_close_window (window);
}

/* A table view whose column view is labelled @label. */
static gboolean
is_table_labelled (GtkWidget  *widget,
                   const char *label)
{
  g_autofree char *mismatch = NULL;

  if (!THR_IS_TABLE_VIEW (widget))
    return FALSE;
  /* The mismatch GTK describes is ours to free: LeakSanitizer found it
   * once the fast unwinder no longer let lsan.supp's GTK entry hide it. */
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (thr_table_view_get_column_view (THR_TABLE_VIEW (widget))),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  return mismatch == NULL;
}

static ThrTableView *
find_table (GtkWidget  *widget,
            const char *label)
{
  if (is_table_labelled (widget, label))
    return THR_TABLE_VIEW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      ThrTableView *found = find_table (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
assert_sorted (ThrTableView *view,
               guint         column,
               gboolean      ascending)
{
  for (guint i = 1; i < thr_table_view_get_n_items (view); i++)
    {
      int order = thr_table_item_compare (thr_table_view_get_item (view, i - 1),
                                          thr_table_view_get_item (view, i), column);

      g_assert_cmpint (ascending ? order : -order, <=, 0);
    }
}

/* A.1.a's values: a row per evaluated month, newest first, each as the
 * session's result says; sortable by its figures. */
static void
assert_values (ThrWindow     *window,
               ThrMetricPage *page)
{
  ThrSession *session = thr_window_get_session (window);
  ThrTableView *values = find_table (GTK_WIDGET (page), "Values of A.1.a");
  guint n_missed = 0;

  g_assert_nonnull (values);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (thr_table_view_get_column_view (values))),
                   ==, GTK_ACCESSIBLE_ROLE_TREE_GRID);
  g_assert_cmpuint (thr_table_view_get_n_items (values), ==, thr_metric_page_get_n_values (page));
  g_assert_cmpuint (thr_table_view_get_n_items (values), ==, thr_session_get_n_months (session));
  for (guint i = 0; i < thr_table_view_get_n_items (values); i++)
    {
      ThrTableItem *item = thr_table_view_get_item (values, i);
      guint month = thr_session_get_n_months (session) - 1 - i;
      const ThrResult *result = thr_session_get_result (session, month, "A.1.a");
      ThrPeriod period;
      g_autofree char *words = NULL;

      g_assert_true (thr_period_parse (thr_session_get_month (session, month), &period, NULL));
      words = thr_period_format_words (&period);
      g_assert_cmpstr (thr_table_item_get_text (item, 0), ==, words);
      if (result->reported.present)
        g_assert_cmpfloat (thr_table_item_get_key (item, 2), ==, result->reported.value);
      else
        g_assert_true (isnan (thr_table_item_get_key (item, 2)));
      g_assert_cmpint (g_strcmp0 (thr_table_item_get_css_class (item, 3), "warning") == 0, ==, result->discrepancy);
      n_missed += result->status == THR_STATUS_MISSED;
    }
  g_assert_cmpuint (n_missed, >, 0);
  /* By status, the missed months first; by the reported figure. */
  thr_table_view_sort_by (values, 1, GTK_SORT_ASCENDING);
  for (guint i = 0; i < n_missed; i++)
    g_assert_cmpstr (thr_table_item_get_css_class (thr_table_view_get_item (values, i), 1), ==, "error");
  thr_table_view_sort_by (values, 2, GTK_SORT_ASCENDING);
  assert_sorted (values, 2, TRUE);
  thr_table_view_sort_by (values, 0, GTK_SORT_DESCENDING);
}

/* The records of April 2018 that missed their deadline: each with the
 * days late the core counts, the latest first when sorted so. */
static void
assert_records (ThrWindow     *window,
                ThrMetricPage *page)
{
  ThrSession *session = thr_window_get_session (window);
  ThrTableView *table;
  GPtrArray *records;
  guint32 today = thr_session_get_today (session);

  gtk_widget_activate_action (GTK_WIDGET (page), "metric.list-records", NULL);
  records = thr_metric_page_get_records (page);
  g_assert_nonnull (records);
  g_assert_cmpuint (records->len, >, 0);
  table = find_table (GTK_WIDGET (page), "Records of A.1.a that missed their deadline in 2018-04");
  g_assert_nonnull (table);
  g_assert_cmpuint (thr_table_view_get_n_items (table), ==, MIN (records->len, 100));
  for (guint i = 0; i < thr_table_view_get_n_items (table); i++)
    {
      const ThrMissedRecord *record = g_ptr_array_index (records, i);
      ThrTableItem *item = thr_table_view_get_item (table, i);
      g_autofree char *late = g_strdup_printf ("%u", thr_missed_record_days_late (record, today));

      g_assert_cmpstr (thr_table_item_get_text (item, 0), ==, record->task_id);
      g_assert_cmpstr (thr_table_item_get_text (item, 5), ==, late);
      g_assert_cmpuint (thr_missed_record_days_late (record, today), >, 0);
    }
  thr_table_view_sort_by (table, 5, GTK_SORT_DESCENDING);
  assert_sorted (table, 5, FALSE);
}

static void
test_metric_tables (void)
{
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);
  ThrMetricPage *page;
  int min_width = 0;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-metric", "(si)", "A.1.a", (gint32) 3);
  thr_test_wait_for_frame (window);
  page = THR_METRIC_PAGE (thr_window_get_page_widget (window, "metric"));
  g_assert_cmpstr (thr_metric_page_get_metric (page), ==, "A.1.a");
  assert_values (window, page);
  assert_records (window, page);
  thr_test_render_png (window, "tables-metric-1366");
  /* The page fits what a 360 px window gives it on libadwaita 1.10. */
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 350);
  render_narrow (window, "tables-metric-360");
  thr_test_close_window (window);
}

/* Every icon button says what it does to a screen reader, the search
 * bar's close button too (thr_test_assert_icon_buttons_named). */
static void
test_icon_buttons_named (void)
{
  static const char * const pages[] = { "metrics", "caps", "deadlines", "ledger" };
  ThrWindow *window = thr_test_open_window (demo_db, 1366, 768);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i]);
      thr_test_wait_for_frame (window);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
      thr_test_wait_for_frame (window);
      /* Every row, once the pages have built them a screenful first. */
      if (g_str_equal (pages[i], "ledger"))
        thr_test_wait_for (ledger_all_built_cb,
                           thr_ledger_page_get_view (THR_LEDGER_PAGE (thr_window_get_page_widget (window, "ledger"))));
      if (g_str_equal (pages[i], "metrics"))
        thr_test_wait_for (metrics_all_built_cb, thr_window_get_page_widget (window, "metrics"));
      thr_test_assert_icon_buttons_named (thr_window_get_page_widget (window, pages[i]));
      gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL);
    }
  thr_test_assert_icon_buttons_named (GTK_WIDGET (window));
  thr_test_close_window (window);
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;
  return FALSE;
}

/* The shortcuts window, built when first asked for (Ctrl+? or the main
 * menu), says "Page Up", not GTK's key name. */
static void
test_shortcut_key_names (void)
{
  g_autoptr(GtkApplication) application = gtk_application_new ("io.github.thresholdapp.Threshold",
                                                               G_APPLICATION_NON_UNIQUE);
  g_autoptr(GError) error = NULL;
  GtkShortcutsWindow *overlay;
  ThrWindow *window;

  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  window = thr_window_new (application, demo_db);
  /* Not built with the window: its first frame does not need it. */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-shortcuts", NULL);
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (shows_label (GTK_WIDGET (overlay), "Page Up"));
  g_assert_true (shows_label (GTK_WIDGET (overlay), "Page Down"));
  g_assert_false (shows_label (GTK_WIDGET (overlay), "Page_Up"));
  g_assert_false (shows_label (GTK_WIDGET (overlay), "Page_Down"));
  gtk_window_present (GTK_WINDOW (window));
  thr_test_wait_for (thr_test_window_complete, window);
  thr_test_close_window (window);
}

static guint
count_back_buttons (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += count_back_buttons (child);
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))) &&
      g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (gtk_button_get_child (GTK_BUTTON (widget)))), "go-previous-symbolic") == 0)
    n++;
  return n;
}

/* At 360 px a CAP's editor has one back button, the window's: it returns
 * to the list of CAPs, then to the sidebar. */
static void
test_caps_one_back_button (void)
{
  ThrWindow *window = thr_test_open_window (demo_db, 360, 720);
  GPtrArray *caps = thr_session_get_caps (thr_window_get_session (window));
  ThrCapsPage *page;
  ThrTestWidthWatch *watch;
  int min_width = 0;

  g_assert_nonnull (caps);
  g_assert_cmpuint (caps->len, >, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "caps");
  page = THR_CAPS_PAGE (thr_window_get_page_widget (window, "caps"));
  /* Folded, the sidebar comes first; the page is one step on, its first
   * frame and every other within the window. */
  watch = thr_test_width_watch_start (GTK_WIDGET (thr_caps_page_get_editor (page)), 360);
  thr_test_wait_for (window_folded, window);
  thr_test_window_show_content (window);
  thr_test_wait_for (thr_test_window_settled, window);
  thr_test_wait_for (widget_mapped, page);
  g_assert_true (thr_caps_page_select (page, ((ThrCap *) g_ptr_array_index (caps, 0))->id));
  thr_test_wait_for (thr_test_window_settled, window);
  thr_test_wait_for_frame (window);
  g_assert_cmpint (thr_test_width_watch_end (watch), <=, 0);
  thr_test_render_png (window, "tables-caps-360");
  g_assert_true (thr_caps_page_is_editor_shown (page));
  /* The page fits what a 360 px window gives it (350 px on libadwaita
   * 1.10, which fails loudly where a child asks for more; 1.2 would
   * widen the window instead). */
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 350);
  g_assert_cmpuint (count_back_buttons (GTK_WIDGET (window)), ==, 1);
  thr_test_render_png (window, "tables-caps-360");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  thr_test_wait_for (editor_hidden, page);
  thr_test_wait_for (thr_test_window_settled, window);
  g_assert_cmpstr (thr_window_get_page (window), ==, "caps");
  g_assert_cmpuint (count_back_buttons (GTK_WIDGET (window)), ==, 1);
  thr_test_close_window (window);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  thr_test_store_require_server ();
  thr_test_adw_init ();
  thr_core_init ();

  tmp_dir = g_dir_make_tmp ("thr-window-tables-XXXXXX", &error);
  g_assert_no_error (error);
  demo_db = thr_test_copy_demo_store (tmp_dir);

  g_test_add_func ("/window/tables/ledger", test_ledger_table);
  g_test_add_func ("/window/tables/ledger-built-in-chunks", test_ledger_built_in_chunks);
  g_test_add_func ("/window/tables/ledger-corrective-periods-wrap-at-words", test_ledger_corrective_periods_wrap_at_words);
  g_test_add_func ("/window/tables/ledger-corrective-periods-fit", test_ledger_corrective_periods_fit);
  g_test_add_func ("/window/tables/metrics-built-in-chunks", test_metrics_built_in_chunks);
  g_test_add_func ("/window/tables/deadlines-built-in-chunks", test_deadlines_built_in_chunks);
  g_test_add_func ("/window/tables/deadlines-clauses-natural-width", test_deadlines_clauses_natural_width);
  g_test_add_func ("/window/tables/metric", test_metric_tables);
  /* On a team store (test-window-tables-postgresql) the tables, which read
   * the store; the rest is the window's own, the same on either backend. */
  if (!thr_test_store_is_team ())
    {
      g_test_add_func ("/window/icon-buttons-named", test_icon_buttons_named);
      g_test_add_func ("/window/shortcut-key-names", test_shortcut_key_names);
      g_test_add_func ("/window/caps-one-back-button", test_caps_one_back_button);
    }
  status = g_test_run ();
  thr_test_store_cleanup ();

  if (g_getenv ("THR_KEEP_TMP") == NULL)
    thr_test_remove_dir (tmp_dir);
  g_free (demo_db);
  g_free (tmp_dir);
  return status;
}
