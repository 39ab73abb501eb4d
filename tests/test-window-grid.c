/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-grid.c — the compliance grid and the trend chart, as a person uses them
 *
 * On a demo store made here with the core's generator: the metric page's
 * chart acts on the month chosen (hovering only shows a tooltip), its
 * threshold stays off the axis with its label inside the drawing, its
 * legend lists only what it draws in the colours it draws them, a
 * quarterly metric has one point per quarter, and a month whose reported
 * figure the records do not reproduce is flagged.
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
#include "thr-test-util.h"
#include "thr-test-window.h"

static char *tmp_dir;
static char *demo_db;

static void
make_demo_store (void)
{
  ThrDemoOptions options;

  thr_demo_options_init (&options);
  options.tasks_per_month = 300;
  options.calls_per_month = 600;
  demo_db = thr_test_make_demo_store (tmp_dir, &options, NULL);
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
  thr_test_iterate (100);
  return THR_METRIC_PAGE (thr_window_get_page_widget (window, "metric"));
}

/* Moves the pointer over the chart as GTK's motion controller reports it. */
static void
hover (GtkWidget *chart,
       double     x)
{
  for (guint i = 0; i < g_list_model_get_n_items (gtk_widget_observe_controllers (chart)); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (gtk_widget_observe_controllers (chart), i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        {
          g_signal_emit_by_name (controller, "enter", x, 40.0);
          g_signal_emit_by_name (controller, "motion", x, 40.0);
          return;
        }
    }
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
  g_autofree char *reported = NULL;
  ThrChartLayout layout;

  g_assert_true (g_str_has_prefix (readout, "2018-04"));
  chart_layout (chart, &layout);
  hover (chart, thr_chart_layout_x (&layout, june));
  thr_test_iterate (50);

  g_assert_cmpint (thr_chart_widget_get_hover (THR_CHART_WIDGET (chart)), ==, june);
  g_assert_cmpint (thr_chart_widget_get_selected (THR_CHART_WIDGET (chart)), ==, april);
  g_assert_cmpint (thr_window_get_month (window), ==, april);
  g_assert_cmpstr (thr_metric_page_get_readout (page), ==, readout);

  tooltip = thr_chart_widget_describe_point (THR_CHART_WIDGET (chart), june);
  reported = thr_format_value (result->metric->unit, result->reported.value);
  g_test_message ("tooltip: %s", tooltip);
  g_assert_true (g_str_has_prefix (tooltip, "2018-06: "));
  g_assert_nonnull (strstr (tooltip, thr_status_get_label (result->status)));
  g_assert_nonnull (strstr (tooltip, reported));
  thr_test_render_png (window, "chart-hover");

  /* A click chooses the month; the readout follows. */
  thr_chart_widget_set_selected (THR_CHART_WIDGET (chart), june);
  g_assert_true (g_str_has_prefix (thr_metric_page_get_readout (page), "2018-06"));
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

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  adw_init ();
  thr_core_init ();

  tmp_dir = g_dir_make_tmp ("thr-window-grid-XXXXXX", &error);
  g_assert_no_error (error);
  make_demo_store ();

  g_test_add_func ("/window-grid/chart-hover", test_chart_hover);
  g_test_add_func ("/window-grid/chart-threshold", test_chart_threshold);
  g_test_add_func ("/window-grid/chart-quarterly", test_chart_quarterly);
  g_test_add_func ("/window-grid/chart-discrepancy", test_chart_discrepancy);
  status = g_test_run ();
  if (shared_window != NULL)
    gtk_window_destroy (GTK_WINDOW (shared_window));

  if (g_getenv ("THR_KEEP_TMP") == NULL)
    thr_test_remove_dir (tmp_dir);
  g_free (demo_db);
  g_free (tmp_dir);
  return status;
}
