/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-grid.c — the compliance grid and the trend chart, as a person uses them
 *
 * On a demo store made here with the core's generator: the metric page's
 * chart acts on the month chosen (hovering only shows a tooltip), its
 * threshold stays off the axis with its label inside the drawing, its
 * legend lists only what it draws in the colours it draws them, a
 * quarterly metric has one point per quarter, and a month whose reported
 * figure the records do not reproduce is flagged.  The overview's grid
 * reads like a spreadsheet: a cursor the arrow keys move, headers that
 * say its row and month to assistive technology and stay in view while
 * the mouse wheel scrolls the cells, months filled in as they are
 * evaluated, and no blank grid while the store is read again.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "thr-chart-widget.h"
#include "thr-format.h"
#include "thr-grid-widget.h"
#include "thr-metric-page.h"
#include "thr-overview-page.h"
#include "thr-test-demo.h"
#include "thr-test-store.h"
#include "thr-test-style.h"
#include "thr-test-util.h"
#include "thr-test-window.h"

static char *tmp_dir;
static char *demo_db;

static void
make_demo_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(ThrLedger) ledger = NULL;
  gint64 contract_id = 0;
  ThrDemoOptions options;

  thr_demo_options_init (&options);
  options.tasks_per_month = 300;
  options.calls_per_month = 600;
  demo_db = thr_test_make_demo_store (tmp_dir, &options, &contract_id);

  /* Every CAP the ledger opens, as `threshold-cli caps` would, so that a
   * metric has more than one corrective period to list (A.5.d). */
  store = thr_store_open (demo_db, &error);
  g_assert_no_error (error);
  ledger = thr_ledger_compute_for_store (store, contract_id, NULL, NULL, thr_day_from_ymd (2020, 6, 1), &error);
  g_assert_no_error (error);
  g_assert_true (thr_cap_sync (store, contract_id, ledger, NULL, &error));
  g_assert_no_error (error);
}

static ThrWindow *shared_window;

/* One window on the demo store serves the tests that only look. */
static ThrWindow *
open_demo (void)
{
  if (shared_window == NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new ("io.github.thresholdapp.Threshold");

      g_settings_reset (settings, "last-month");
      shared_window = thr_test_open_window (demo_db, 1366, 768);
    }
  return shared_window;
}

static ThrMetricPage *
show_metric (ThrWindow  *window,
             const char *metric,
             const char *month)
{
  int index = thr_session_find_month (thr_window_get_session (window), month);

  g_assert_cmpint (index, >=, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-metric", "(si)", metric, (gint32) index);
  g_assert_cmpstr (thr_window_get_page (window), ==, "metric");
  thr_test_wait_for_frame (window);
  return THR_METRIC_PAGE (thr_window_get_page_widget (window, "metric"));
}

/* Moves the pointer over the chart as GTK's motion controller reports it. */
static void
hover (GtkWidget *chart,
       double     x)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (chart);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        {
          g_signal_emit_by_name (controller, "enter", x, 40.0);
          g_signal_emit_by_name (controller, "motion", x, 40.0);
          return;
        }
    }
  g_assert_not_reached ();
}

/* Presses the primary button over the chart as its click gesture reports it. */
static void
click (GtkWidget *chart,
       double     x)
{
  GListModel *controllers = gtk_widget_observe_controllers (chart);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        {
          g_signal_emit_by_name (controller, "pressed", 1, x, 40.0);
          g_object_unref (controllers);
          return;
        }
    }
  g_object_unref (controllers);
  g_assert_not_reached ();
}

static void
chart_layout (GtkWidget      *chart,
              ThrChartLayout *layout)
{
  ThrChartStyle style;

  thr_chart_style_init_from_widget (&style, chart);
  thr_chart_layout_for_style (thr_chart_widget_get_data (THR_CHART_WIDGET (chart)), &style,
                              gtk_widget_get_width (chart), gtk_widget_get_height (chart), layout);
}

typedef struct
{
  GtkWidget *chart;
  int        index;
} Hovered;

static gboolean
chart_hovers (gpointer data)
{
  Hovered *hovered = data;

  return thr_chart_widget_get_hover (THR_CHART_WIDGET (hovered->chart)) == hovered->index;
}

/* Hovering 2018-06 while 2018-04 is chosen: the tooltip tells 2018-06's
 * figures, and the page (its readout, its selection, the window's month
 * and so "Start a CAP") stays on 2018-04. */
static void
test_chart_hover (void)
{
  ThrWindow *window = open_demo ();
  ThrSession *session = thr_window_get_session (window);
  ThrMetricPage *page = show_metric (window, "A.1.a", "2018-04");
  GtkWidget *chart = thr_metric_page_get_chart (page);
  int april = thr_session_find_month (session, "2018-04");
  int june = thr_session_find_month (session, "2018-06");
  const ThrResult *result = thr_session_get_result (session, june, "A.1.a");
  g_autofree char *readout = g_strdup (thr_metric_page_get_readout (page));
  g_autofree char *tooltip = NULL;
  Hovered hovered;
  g_autofree char *reported = NULL;
  ThrChartLayout layout;

  g_assert_true (g_str_has_prefix (readout, "April 2018"));
  /* A monthly metric's period is the month: it is not said twice. */
  g_assert_null (strstr (readout, "period"));
  g_assert_true (g_str_has_prefix (readout, "April 2018 · ✗ Missed · reported "));
  g_assert_true (g_str_has_prefix (thr_metric_page_get_legend (page),
                                   "Corrective periods: April 2018 → May 2018–August 2018 (Failed). "));
  chart_layout (chart, &layout);
  hover (chart, thr_chart_layout_x (&layout, june));
  hovered.chart = chart;
  hovered.index = june;
  thr_test_wait_for (chart_hovers, &hovered);

  g_assert_cmpint (thr_chart_widget_get_hover (THR_CHART_WIDGET (chart)), ==, june);
  g_assert_cmpint (thr_chart_widget_get_selected (THR_CHART_WIDGET (chart)), ==, april);
  g_assert_cmpint (thr_window_get_month (window), ==, april);
  g_assert_cmpstr (thr_metric_page_get_readout (page), ==, readout);

  tooltip = thr_chart_widget_describe_point (THR_CHART_WIDGET (chart), june);
  reported = thr_format_value (result->metric->unit, result->reported.value);
  g_test_message ("tooltip: %s", tooltip);
  g_assert_true (g_str_has_prefix (tooltip, "June 2018: "));
  g_assert_nonnull (strstr (tooltip, thr_status_get_label (result->status)));
  g_assert_nonnull (strstr (tooltip, reported));
  thr_test_render_png (window, "chart-hover");

  /* A click chooses the month: the readout and the window's month (its
   * heading) follow. */
  click (chart, thr_chart_layout_x (&layout, june));
  g_assert_cmpint (thr_chart_widget_get_selected (THR_CHART_WIDGET (chart)), ==, june);
  g_assert_true (g_str_has_prefix (thr_metric_page_get_readout (page), "June 2018"));
  g_assert_cmpint (thr_window_get_month (window), ==, june);
  /* …and so do the arrow keys. */
  gtk_widget_activate_action (chart, "chart.move", "i", -1);
  g_assert_cmpint (thr_window_get_month (window), ==, june - 1);

  /* A.5.d's three corrective periods, April 2018's, February 2019's and
   * May 2019's, parted in the line under its chart. */
  page = show_metric (window, "A.5.d", "2019-02");
  g_test_message ("legend: %s", thr_metric_page_get_legend (page));
  g_assert_true (g_str_has_prefix (thr_metric_page_get_legend (page),
                                   "Corrective periods: April 2018 → May 2018–August 2018 ("));
  g_assert_nonnull (strstr (thr_metric_page_get_legend (page), "); February 2019 → March 2019–June 2019 ("));
  g_assert_nonnull (strstr (thr_metric_page_get_legend (page), "); May 2019 → June 2019–September 2019 ("));
}

/* B.2 (≥ 100 %), whose values reach the threshold: its line keeps clear
 * of both ends of the axis and its label is inside the widget. */
static void
test_chart_threshold (void)
{
  ThrWindow *window = open_demo ();
  ThrMetricPage *page = show_metric (window, "B.2", "2019-12");
  GtkWidget *chart = thr_metric_page_get_chart (page);
  const ThrChartData *data = thr_chart_widget_get_data (THR_CHART_WIDGET (chart));
  ThrChartLayout layout;
  double y;

  g_assert_cmpfloat (data->target, ==, 100.0);
  chart_layout (chart, &layout);
  y = thr_chart_layout_y (&layout, data->target);
  g_assert_cmpfloat (y, >, layout.top + 8);
  g_assert_cmpfloat (y, <, layout.top + layout.height - 8);
  g_assert_cmpfloat (layout.label_x, >=, layout.left + layout.width);
  g_assert_cmpfloat (layout.label_x + layout.label_width, <=, gtk_widget_get_width (chart));
  g_assert_cmpfloat (layout.label_y, >=, 0);
  g_assert_cmpfloat (layout.label_y + layout.label_height, <=, gtk_widget_get_height (chart));
  thr_test_render_png (window, "chart-threshold");
}

static gboolean
legend_lists (const ThrChartLayout *layout,
              ThrChartLegend        kind)
{
  for (guint i = 0; i < layout->n_legend; i++)
    if (layout->legend[i].kind == kind)
      return TRUE;
  return FALSE;
}

/* A.3.b is judged per quarter: one point per quarter, every one of them
 * in the quarter's last month; its legend lists no recomputed series (it
 * has none) and no corrective period unless one is drawn. */
static void
test_chart_quarterly (void)
{
  ThrWindow *window = open_demo ();
  ThrSession *session = thr_window_get_session (window);
  ThrMetricPage *page = show_metric (window, "A.3.b", "2019-12");
  GtkWidget *chart = thr_metric_page_get_chart (page);
  const ThrChartData *data = thr_chart_widget_get_data (THR_CHART_WIDGET (chart));
  ThrChartLayout layout;
  guint drawn = 0, computed = 0;

  g_assert_cmpuint (data->n_points, ==, thr_session_get_n_months (session));
  for (guint i = 0; i < data->n_points; i++)
    {
      if (data->points[i].has_computed)
        computed++;
      if (!thr_chart_point_is_drawn (data, i))
        continue;
      drawn++;
      g_assert_cmpint (atoi (data->points[i].label + 5) % 3, ==, 0);
    }
  g_assert_cmpuint (drawn, ==, data->n_points / 3);
  /* A quarter judged in its last month: the readout names the quarter. */
  g_assert_nonnull (strstr (thr_metric_page_get_readout (page), "December 2019 · "));
  g_assert_nonnull (strstr (thr_metric_page_get_readout (page), " · period "));
  chart_layout (chart, &layout);
  g_assert_true (legend_lists (&layout, THR_CHART_LEGEND_THRESHOLD));
  g_assert_cmpint (legend_lists (&layout, THR_CHART_LEGEND_RECOMPUTED), ==, computed > 0);
  g_assert_cmpint (legend_lists (&layout, THR_CHART_LEGEND_WINDOW), ==, data->n_windows > 0);
  thr_test_render_png (window, "chart-quarterly");
}

/* The demo's deliberate discrepancy, A.1.a in 2019-06: the chart's point
 * is flagged, its legend says what the flag means, its tooltip says it. */
static void
test_chart_discrepancy (void)
{
  ThrWindow *window = open_demo ();
  ThrSession *session = thr_window_get_session (window);
  ThrMetricPage *page = show_metric (window, "A.1.a", "2019-06");
  GtkWidget *chart = thr_metric_page_get_chart (page);
  const ThrChartData *data = thr_chart_widget_get_data (THR_CHART_WIDGET (chart));
  int june = thr_session_find_month (session, "2019-06");
  g_autofree char *tooltip = NULL;
  ThrChartLayout layout;

  for (guint i = 0; i < data->n_points; i++)
    {
      const ThrResult *result = thr_session_get_result (session, i, "A.1.a");

      g_assert_cmpint (data->points[i].discrepancy, ==, result != NULL && result->discrepancy);
    }
  g_assert_true (data->points[june].discrepancy);
  chart_layout (chart, &layout);
  g_assert_true (legend_lists (&layout, THR_CHART_LEGEND_DISCREPANCY));
  tooltip = thr_chart_widget_describe_point (THR_CHART_WIDGET (chart), june);
  g_assert_nonnull (strstr (tooltip, "do not reproduce"));
  thr_test_render_png (window, "chart-discrepancy");
}

/* ------------------------------------------------------------------ grid */

static ThrGridWidget *
overview_grid (ThrWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  thr_test_wait_for_frame (window);
  return THR_GRID_WIDGET (thr_overview_page_get_grid (THR_OVERVIEW_PAGE (thr_window_get_page_widget (window, "overview"))));
}

/* Presses @keyval on @widget the way GTK does: through the shortcut its
 * class binds to that key. */
static void
press_key (GtkWidget *widget,
           guint      keyval)
{
  GListModel *controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              g_object_unref (controllers);
              return;
            }
        }
    }
  g_object_unref (controllers);
  g_error ("no shortcut for %s", gdk_keyval_name (keyval));
}

static void
assert_label (GtkWidget  *widget,
              const char *label)
{
  g_autofree char *mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label);

  if (mismatch != NULL)
    g_error ("%s: %s", G_OBJECT_TYPE_NAME (widget), mismatch);
}

static char *
words (const char *month)
{
  ThrPeriod period;

  g_assert_true (thr_period_parse (month, &period, NULL));
  return thr_period_format_words (&period);
}

/* The pixel (premultiplied ARGB) of @widget as it draws itself. */
static guint32
widget_pixel (GtkWidget *widget,
              int        x,
              int        y)
{
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint32 *pixels = g_new0 (guint32, (gsize) width * height);
  GskRenderNode *node;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  return pixels[y * width + x];
}

/* The arrow keys move a visible cursor; the headers say its row and
 * month through the accessible API, and it is scrolled into view. */
static void
test_grid_cursor (void)
{
  ThrWindow *window = open_demo ();
  ThrSession *session = thr_window_get_session (window);
  ThrGridWidget *grid = overview_grid (window);
  GtkWidget *body = thr_grid_widget_get_body (grid);
  GtkScrolledWindow *scroller = thr_grid_widget_get_scroller (grid);
  int last = thr_session_get_n_months (session) - 1, shown = thr_window_get_month (window), row, col;
  g_autofree char *month = NULL;
  g_autofree char *row_label = NULL;
  g_autofree char *cell_label = NULL;
  const ThrMetric *metric;
  GtkAdjustment *h;
  ThrChartStyle style;
  double cw;
  guint32 pixel;

  /* The cursor starts in the window's month. */
  g_assert_cmpint (shown, >, 0);
  thr_grid_widget_get_cursor (grid, &row, &col);
  g_assert_cmpint (row, ==, 0);
  g_assert_cmpint (col, ==, shown);
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_ROLE_GRID));
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (thr_grid_widget_get_row_header (grid)),
                                               GTK_ACCESSIBLE_ROLE_ROW_HEADER));
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (thr_grid_widget_get_column_header (grid)),
                                               GTK_ACCESSIBLE_ROLE_COLUMN_HEADER));

  gtk_widget_grab_focus (body);
  press_key (GTK_WIDGET (grid), GDK_KEY_Down);
  press_key (GTK_WIDGET (grid), GDK_KEY_Down);
  press_key (GTK_WIDGET (grid), GDK_KEY_Left);
  thr_grid_widget_get_cursor (grid, &row, &col);
  g_assert_cmpint (row, ==, 2);
  g_assert_cmpint (col, ==, shown - 1);

  metric = thr_contract_find_metric (thr_session_get_contract (session), thr_grid_widget_get_metric (grid, 2));
  month = words (thr_session_get_month (session, shown - 1));
  row_label = g_strdup_printf ("%s %s", metric->id, metric->title);
  cell_label = g_strdup_printf ("%s, %s: %s", metric->id, month,
                                thr_grid_widget_get_status (grid, 2, shown - 1) == THR_STATUS_MET ? "met"
                                : thr_grid_widget_get_status (grid, 2, shown - 1) == THR_STATUS_MISSED ? "missed"
                                : thr_grid_widget_get_status (grid, 2, shown - 1) == THR_STATUS_PENDING ? "pending"
                                : "without data");
  assert_label (thr_grid_widget_get_row_header (grid), row_label);
  assert_label (thr_grid_widget_get_column_header (grid), month);
  assert_label (body, cell_label);
  g_assert_null (gtk_test_accessible_check_relation (GTK_ACCESSIBLE (body), GTK_ACCESSIBLE_RELATION_ROW_INDEX, 3));
  g_assert_null (gtk_test_accessible_check_relation (GTK_ACCESSIBLE (body), GTK_ACCESSIBLE_RELATION_COL_INDEX, shown));

  /* Home goes to the first month, scrolled into view. */
  press_key (GTK_WIDGET (grid), GDK_KEY_Home);
  thr_test_wait_for_frame (grid);
  thr_grid_widget_get_cursor (grid, &row, &col);
  g_assert_cmpint (col, ==, 0);
  h = gtk_scrolled_window_get_hadjustment (scroller);
  g_assert_cmpfloat (gtk_adjustment_get_value (h), ==, 0);
  press_key (GTK_WIDGET (grid), GDK_KEY_End);
  thr_test_wait_for_frame (grid);
  cw = gtk_widget_get_width (body) / (double) thr_session_get_n_months (session);
  g_assert_cmpfloat (gtk_adjustment_get_value (h) + gtk_adjustment_get_page_size (h), >=, floor (cw) * (last + 1) - 1);

  /* The cursor is drawn: its ring is in the accent colour (row 0 sits
   * under its section's heading). */
  press_key (GTK_WIDGET (grid), GDK_KEY_Up);
  press_key (GTK_WIDGET (grid), GDK_KEY_Up);
  thr_test_wait_for_frame (grid);
  thr_chart_style_init_from_widget (&style, body);
  cw = floor (cw);
  pixel = widget_pixel (body, (int) (last * cw + 1), (int) (THR_GRID_SECTION_HEIGHT + THR_GRID_ROW_HEIGHT / 2));
  g_test_message ("cursor ring pixel %08x, accent %g %g %g", pixel, style.accent.red, style.accent.green, style.accent.blue);
  g_assert_cmpint (abs ((int) ((pixel >> 16) & 0xff) - (int) round (style.accent.red * 255)), <=, 3);
  g_assert_cmpint (abs ((int) ((pixel >> 8) & 0xff) - (int) round (style.accent.green * 255)), <=, 3);
  g_assert_cmpint (abs ((int) (pixel & 0xff) - (int) round (style.accent.blue * 255)), <=, 3);
  thr_test_render_png (window, "grid-cursor");
}

typedef struct {
  GtkAdjustment *adjustment;
  double         from;
} Moved;

static gboolean
adjustment_moved (gpointer data)
{
  Moved *moved = data;

  return gtk_adjustment_get_value (moved->adjustment) != moved->from;
}

/* The mouse wheel scrolls the cells, and the metric column follows
 * (they share the vertical adjustment). */
static void
test_grid_wheel (void)
{
  ThrWindow *window = open_demo ();
  ThrGridWidget *grid = overview_grid (window);
  GtkScrolledWindow *scroller = thr_grid_widget_get_scroller (grid);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (scroller);
  GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (scroller));
  double before = gtk_adjustment_get_value (v);
  gboolean scrolled = FALSE;
  Moved moved;

  g_test_message ("grid %d tall, scroller %d, body %d; page %g of %g", gtk_widget_get_height (GTK_WIDGET (grid)),
                  gtk_widget_get_height (GTK_WIDGET (scroller)), gtk_widget_get_height (thr_grid_widget_get_body (grid)),
                  gtk_adjustment_get_page_size (v), gtk_adjustment_get_upper (v));
  g_assert_cmpfloat (gtk_adjustment_get_upper (v), >, gtk_adjustment_get_page_size (v));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !scrolled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        continue;
      g_signal_emit_by_name (controller, "scroll", 0.0, 3.0, &handled);
      scrolled = handled;
    }
  g_object_unref (controllers);
  g_assert_true (scrolled);
  moved.adjustment = v;
  moved.from = before;
  thr_test_wait_for (adjustment_moved, &moved);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), >, before);
  thr_test_render_png (window, "grid-scrolled");
  gtk_adjustment_set_value (v, 0);
}

typedef struct {
  ThrGridWidget *grid;
  guint          announced;
  guint          shown_at_once;
} FillCheck;

/* Connected after the grid's own handler: by the time a month is
 * announced, its column is drawn from the new results. */
static void
month_evaluated_cb (ThrSession *session,
                    guint       month,
                    FillCheck  *check)
{
  gboolean stale = TRUE;

  check->announced++;
  if (thr_grid_widget_is_month_shown (check->grid, month, &stale) && !stale)
    check->shown_at_once++;
}

static gboolean
session_replaced (gpointer data)
{
  gpointer *pair = data;

  return thr_window_get_session (pair[0]) != pair[1] && thr_test_window_loaded (pair[0]);
}

/* Every month drawn, and none faded as not evaluated again. */
static gboolean
grid_fresh (gpointer grid)
{
  guint n_months = thr_session_get_n_months (thr_window_get_session (THR_WINDOW (gtk_widget_get_root (grid))));

  for (guint m = 0; m < n_months; m++)
    {
      gboolean stale = TRUE;

      if (!thr_grid_widget_is_month_shown (grid, m, &stale) || stale)
        return FALSE;
    }
  return TRUE;
}

/* Each month is drawn the moment the session announces it, not when the
 * window's low-priority refresh gets a turn; and reading the store again
 * (as after an import) keeps every month on screen, faded until evaluated
 * again, instead of a blank grid. */
static void
test_grid_fill (void)
{
  ThrWindow *window;
  ThrSession *session;
  ThrGridWidget *grid;
  FillCheck check = { 0 };
  guint n_months, n_stale = 0;
  gpointer pair[2];
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (ThrStatus));

  /* Kept, every month would come with the load, none from the history. */
  thr_test_store_forget_kept (demo_db);
  window = thr_test_open_window_loaded (demo_db, 1366, 768);
  session = thr_window_get_session (window);
  grid = THR_GRID_WIDGET (thr_overview_page_get_grid (THR_OVERVIEW_PAGE (thr_window_get_page_widget (window, "overview"))));
  check.grid = grid;
  g_signal_connect_after (session, "month-evaluated", G_CALLBACK (month_evaluated_cb), &check);
  thr_test_wait_for (thr_test_window_complete, window);
  g_signal_handlers_disconnect_by_func (session, month_evaluated_cb, &check);
  n_months = thr_session_get_n_months (session);
  g_test_message ("%u months announced, %u drawn at once", check.announced, check.shown_at_once);
  g_assert_cmpuint (check.announced, >, 0);
  g_assert_cmpuint (check.shown_at_once, ==, check.announced);

  for (guint r = 0; r < thr_grid_widget_get_n_rows (grid); r++)
    for (guint m = 0; m < n_months; m++)
      {
        ThrStatus status = thr_grid_widget_get_status (grid, r, m);

        g_array_append_val (before, status);
      }
  pair[0] = window;
  pair[1] = session;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL);
  thr_test_wait_for (session_replaced, pair);
  for (guint m = 0; m < n_months; m++)
    {
      gboolean stale = FALSE;

      g_assert_true (thr_grid_widget_is_month_shown (grid, m, &stale));
      n_stale += stale;
    }
  g_test_message ("after reading the store again: %u of %u months shown from before", n_stale, n_months);
  for (guint r = 0; r < thr_grid_widget_get_n_rows (grid); r++)
    for (guint m = 0; m < n_months; m++)
      g_assert_cmpint (thr_grid_widget_get_status (grid, r, m), ==, g_array_index (before, ThrStatus, r * n_months + m));
  thr_test_render_png (window, "grid-reloading");
  thr_test_wait_for (thr_test_window_complete, window);
  thr_test_wait_for (grid_fresh, grid);
  for (guint m = 0; m < n_months; m++)
    {
      gboolean stale = TRUE;

      g_assert_true (thr_grid_widget_is_month_shown (grid, m, &stale));
      g_assert_false (stale);
    }
  thr_test_close_window (window);
}

/* Shown, allocated, and its cells' scrolled window told how much shows. */
static gboolean
grid_laid_out (gpointer grid)
{
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (thr_grid_widget_get_scroller (grid));

  return gtk_widget_get_mapped (grid) && gtk_widget_get_width (grid) > 0 && gtk_adjustment_get_page_size (h) > 0;
}

static gboolean
narrow_enough (gpointer window)
{
  return gtk_widget_get_width (window) <= 400;
}

/* At 360 px in the dark style: the metric column narrows, the cells
 * scroll under the headers, and the window's month (the latest) is
 * scrolled into view. */
static void
test_grid_narrow_dark (void)
{
  AdwStyleManager *styles = adw_style_manager_get_default ();
  ThrWindow *window;
  ThrGridWidget *grid;
  GtkAdjustment *h;
  int month, width;
  double cw;

  adw_style_manager_set_color_scheme (styles, ADW_COLOR_SCHEME_FORCE_DARK);
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.thresholdapp.Threshold");

    g_settings_reset (settings, "last-month");
  }
  window = thr_test_open_window (demo_db, 360, 720);
  thr_test_wait_for (narrow_enough, window);
  grid = overview_grid (window);
  /* Folded: the page is a step forward from the sidebar. */
  thr_test_window_show_content (window);
  thr_test_wait_for (grid_laid_out, grid);
  month = thr_window_get_month (window);
  g_assert_cmpint (month, ==, (int) thr_session_get_n_months (thr_window_get_session (window)) - 1);
  gtk_widget_grab_focus (thr_grid_widget_get_body (grid));
  thr_test_wait_for (grid_laid_out, grid);

  width = gtk_widget_get_width (GTK_WIDGET (grid));
  g_assert_cmpint (width, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (thr_grid_widget_get_row_header (grid)), <, width / 2);
  h = gtk_scrolled_window_get_hadjustment (thr_grid_widget_get_scroller (grid));
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), >, gtk_adjustment_get_page_size (h));
  cw = floor (gtk_widget_get_width (thr_grid_widget_get_body (grid)) / (double) (month + 1));
  g_assert_cmpfloat (gtk_adjustment_get_value (h), <=, month * cw);
  g_assert_cmpfloat (gtk_adjustment_get_value (h) + gtk_adjustment_get_page_size (h), >=, (month + 1) * cw - 1);
  thr_test_render_png (window, "grid-narrow");
  thr_test_close_window (window);
  adw_style_manager_set_color_scheme (styles, ADW_COLOR_SCHEME_DEFAULT);
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

  tmp_dir = g_dir_make_tmp ("thr-window-grid-XXXXXX", &error);
  g_assert_no_error (error);
  make_demo_store ();

  g_test_add_func ("/window-grid/chart-hover", test_chart_hover);
  g_test_add_func ("/window-grid/chart-threshold", test_chart_threshold);
  g_test_add_func ("/window-grid/chart-quarterly", test_chart_quarterly);
  g_test_add_func ("/window-grid/chart-discrepancy", test_chart_discrepancy);
  g_test_add_func ("/window-grid/grid-cursor", test_grid_cursor);
  g_test_add_func ("/window-grid/grid-wheel", test_grid_wheel);
  g_test_add_func ("/window-grid/grid-fill", test_grid_fill);
  g_test_add_func ("/window-grid/grid-narrow-dark", test_grid_narrow_dark);
  status = g_test_run ();
  if (shared_window != NULL)
    thr_test_close_window (shared_window);
  thr_test_store_cleanup ();

  if (g_getenv ("THR_KEEP_TMP") == NULL)
    thr_test_remove_dir (tmp_dir);
  g_free (demo_db);
  g_free (tmp_dir);
  return status;
}
