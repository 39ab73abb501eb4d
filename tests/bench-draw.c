/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-draw.c — how long the core takes to draw a 36-month chart and
 * the 51 × 36 compliance grid, against one 60 Hz frame (16.7 ms)
 *
 * A benchmark, not a test: it prints its figures (best of RUNS, by the
 * thread's processor time so that other work on a shared machine does
 * not count, with the wall time beside it) and says whether each is
 * within the frame; it fails only if drawing fails.
 */
#include <time.h>

#include "thr-core.h"

#define RUNS     20
#define FRAME_MS 16.7

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

int
main (void)
{
  enum { MONTHS = 36, METRICS = 51 };
  static const ThrChartWindow windows[] = { { 4, 7 }, { 20, 23 } };
  ThrChartPoint many[MONTHS];
  char *labels[MONTHS];
  const char *row_labels[METRICS], *row_sections[METRICS];
  ThrStatus cells[METRICS * MONTHS];
  ThrChartData data = { .unit = THR_UNIT_PERCENT, .op = THR_OP_GE, .target = 95.0, .selected = -1 };
  ThrGridData grid;
  ThrChartStyle style;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1366, 1400);
  double best_chart = G_MAXDOUBLE, best_grid = G_MAXDOUBLE;
  double wall_chart = G_MAXDOUBLE, wall_grid = G_MAXDOUBLE;
  int status = 0;

  thr_chart_style_init_print (&style);
  for (guint i = 0; i < MONTHS; i++)
    {
      labels[i] = g_strdup_printf ("%04u-%02u", 2018 + i / 12, 1 + i % 12);
      many[i] = (ThrChartPoint) { labels[i], i % 7 == 3 ? THR_STATUS_MISSED : THR_STATUS_MET,
                                  TRUE, 94 + (i % 5), TRUE, 93.5 + (i % 6) };
    }
  for (guint r = 0; r < METRICS; r++)
    {
      row_labels[r] = "A.1.a";
      row_sections[r] = r < 40 ? "A" : r < 45 ? "B" : "C";
    }
  for (guint i = 0; i < METRICS * MONTHS; i++)
    cells[i] = (ThrStatus) (i % 4);
  data.points = many;
  data.n_points = MONTHS;
  data.windows = windows;
  data.n_windows = G_N_ELEMENTS (windows);
  grid = (ThrGridData) { METRICS, MONTHS, row_labels, row_sections, (const char *const *) labels,
                         cells, NULL, -1, -1, MONTHS - 1 };

  for (guint run = 0; run < RUNS; run++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 w0 = g_get_monotonic_time (), w1, w2;
      double c0 = cpu_ms (), c1, c2;

      thr_chart_draw (cr, 1100, 360, &data, &style);
      w1 = g_get_monotonic_time ();
      c1 = cpu_ms ();
      thr_grid_draw (cr, 1100, 1400, &grid, &style);
      w2 = g_get_monotonic_time ();
      c2 = cpu_ms ();
      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
        status = 1;
      cairo_destroy (cr);
      best_chart = MIN (best_chart, c1 - c0);
      best_grid = MIN (best_grid, c2 - c1);
      wall_chart = MIN (wall_chart, (w1 - w0) / 1000.0);
      wall_grid = MIN (wall_grid, (w2 - w1) / 1000.0);
    }
  g_print ("36-month chart: %.2f ms processor, %.2f ms wall (best of %d): %s one 60 Hz frame\n",
           best_chart, wall_chart, RUNS, best_chart < FRAME_MS ? "within" : "OVER");
  g_print ("%ux%u grid: %.2f ms processor, %.2f ms wall (best of %d): %s one 60 Hz frame\n",
           METRICS, MONTHS, best_grid, wall_grid, RUNS, best_grid < FRAME_MS ? "within" : "OVER");

  for (guint i = 0; i < MONTHS; i++)
    g_free (labels[i]);
  cairo_surface_destroy (surface);
  return status;
}
