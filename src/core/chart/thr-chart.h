/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-chart.h — a metric's trend and the compliance grid, drawn on any cairo_t
 *
 * The same functions draw into the app's widgets (through
 * gtk_snapshot_append_cairo), into PDF documents and into tests' image
 * surfaces.  Axes map values to 0..1 and know nothing of drawing; the
 * layout turns 0..1 into device units; drawing only reads the layout.
 * Colours come from a ThrChartStyle that the caller fills: the app from
 * libadwaita's named colours (so dark mode works), documents with print
 * colours.  Status is shown by shape or glyph as well as by colour.
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

#include "thr-contract.h"
#include "thr-result.h"

G_BEGIN_DECLS

typedef struct {
  double red, green, blue, alpha;
} ThrRgba;

typedef struct {
  ThrRgba     foreground;   /* axes, labels, the reported series */
  ThrRgba     background;   /* what the chart is drawn on (for hollow marks) */
  ThrRgba     accent;       /* the recomputed series, the selection */
  ThrRgba     success;      /* met */
  ThrRgba     error;        /* missed, corrective windows */
  ThrRgba     pending;      /* pending and no data */
  ThrRgba     warning;      /* a reported figure the records do not reproduce */
  const char *font;         /* a Pango font description such as "Sans 9" */
} ThrChartStyle;

/* Print colours: black on white, dark green, dark red, blue. */
void     thr_chart_style_init_print (ThrChartStyle *style);

/* An axis maps [min, max] to [0, 1]. */
typedef struct {
  double min;
  double max;
} ThrChartAxis;

double   thr_chart_axis_map         (const ThrChartAxis *axis,
                                     double              value);
/* Widens the axis to hold value. */
void     thr_chart_axis_include     (ThrChartAxis       *axis,
                                     double              value);
/* Rounds the ends out to a "nice" step (1, 2, 5 × 10^k) giving about
 * max_ticks ticks; returns the step. */
double   thr_chart_axis_nice        (ThrChartAxis       *axis,
                                     guint               max_ticks);

/* ---------------------------------------------------------------- trend */

typedef struct {
  const char *label;        /* "2018-04" */
  ThrStatus   status;
  gboolean    has_reported;
  double      reported;
  gboolean    has_computed;
  double      computed;
  /* WITHIN against a reference that changes by period (a Quarterly
   * Statewide Average): this point's own band, drawn instead of one
   * band for the whole chart. */
  gboolean    has_band;
  double      band_lower;
  double      band_upper;
  /* The value covers the period so far (a quarter or a year not over in
   * this month): only the latest such point of a period is drawn, so a
   * quarterly metric has one point per quarter. */
  gboolean    to_date;
  /* Reported and recomputed differ by more than the contract's
   * discrepancy_tolerance (ThrResult.discrepancy): flagged. */
  gboolean    discrepancy;
} ThrChartPoint;

/* Points first..last (inclusive) lie inside a corrective window. */
typedef struct {
  guint first;
  guint last;
} ThrChartWindow;

typedef struct {
  ThrUnit               unit;
  ThrOp                 op;
  double                target;     /* GE/GT/LE/LT */
  double                lower;      /* BETWEEN, WITHIN (reference ± tolerance) */
  double                upper;
  guint                 n_points;
  const ThrChartPoint  *points;
  guint                 n_windows;
  const ThrChartWindow *windows;
  int                   selected;   /* a point index, or -1 */
} ThrChartData;

/* The threshold of @metric, and no points yet (thr-chart-series.c). */
void          thr_chart_data_init_for_metric (ThrChartData    *data,
                                              const ThrMetric *metric);
/* The point for @result (NULL: no data) in the period @label, which the
 * point borrows. */
ThrChartPoint thr_chart_point_for_result     (const char      *label,
                                              const ThrResult *result);

/* What the legend can list; it lists only what the chart draws. */
typedef enum {
  THR_CHART_LEGEND_MET,
  THR_CHART_LEGEND_MISSED,
  THR_CHART_LEGEND_PENDING,
  THR_CHART_LEGEND_REPORTED,
  THR_CHART_LEGEND_RECOMPUTED,
  THR_CHART_LEGEND_THRESHOLD,
  THR_CHART_LEGEND_WINDOW,
  THR_CHART_LEGEND_DISCREPANCY,
  THR_CHART_N_LEGEND
} ThrChartLegend;

typedef struct {
  ThrChartLegend kind;
  double         x, y, width, height;  /* the swatch; its words follow it */
} ThrChartLegendEntry;

typedef struct {
  ThrChartAxis x;      /* point index i is at x = i + 0.5 on [0, n_points] */
  ThrChartAxis y;
  double       y_step;
  double       left, top, width, height;  /* the plot area in device units */
  /* The threshold's label (its line or band's words), inside the drawing. */
  double       label_x, label_y, label_width, label_height;
  guint               n_legend;
  ThrChartLegendEntry legend[THR_CHART_N_LEGEND];
} ThrChartLayout;

/* Lays the chart out for text in style->font (NULL: "Sans 9"). */
void     thr_chart_layout_for_style (const ThrChartData  *data,
                                     const ThrChartStyle *style,
                                     double               width,
                                     double               height,
                                     ThrChartLayout      *layout);
void     thr_chart_layout           (const ThrChartData  *data,
                                     double               width,
                                     double               height,
                                     ThrChartLayout      *layout);
/* The legend's words for an entry, translated. */
const char *thr_chart_legend_get_label (ThrChartLegend kind);
/* Whether point @index is drawn: not a to-date value that a later point
 * of the same period replaces. */
gboolean thr_chart_point_is_drawn   (const ThrChartData  *data,
                                     guint                index);
double   thr_chart_layout_x         (const ThrChartLayout *layout,
                                     double               index);
double   thr_chart_layout_y         (const ThrChartLayout *layout,
                                     double               value);
/* The value that governs the point's status (reported, else computed). */
gboolean thr_chart_point_value      (const ThrChartPoint *point,
                                     double              *value);
/* The point nearest to device x, or -1 outside the plot. */
int      thr_chart_point_at         (const ThrChartData  *data,
                                     double               width,
                                     double               height,
                                     double               x);
/* The same, in a layout already made (thr_chart_layout_for_style). */
int      thr_chart_layout_point_at  (const ThrChartLayout *layout,
                                     const ThrChartData  *data,
                                     double               x);

void     thr_chart_draw             (cairo_t             *cr,
                                     double               width,
                                     double               height,
                                     const ThrChartData  *data,
                                     const ThrChartStyle *style);

/* ----------------------------------------------------------------- grid */

/* The metric column's and the month header's texts laid out, kept between
 * paints by a front end that paints them again and again (the window, at
 * each month that arrives and as the cells scroll); both are drawn the
 * same with or without them. */
typedef struct _ThrGridLayouts ThrGridLayouts;

ThrGridLayouts *thr_grid_layouts_new  (void);
ThrGridLayouts *thr_grid_layouts_new_in (PangoContext *context);
void            thr_grid_layouts_free (ThrGridLayouts *layouts);

typedef struct {
  guint              n_rows;
  guint              n_cols;
  const char *const *row_labels;    /* metric ids */
  const char *const *row_sections;  /* a heading is drawn where this changes */
  const char *const *col_labels;    /* months, YYYY-MM */
  const ThrStatus   *cells;         /* n_rows × n_cols, row by row */
  const gboolean    *col_known;     /* NULL, or per column: FALSE leaves it blank (not evaluated yet) */
  int                selected_row;  /* or -1: the keyboard's cell, ringed */
  int                selected_col;
  int                highlight_col; /* or -1: the chosen month, banded */
  const gboolean    *cell_measured; /* NULL, or n_rows × n_cols: FALSE leaves the cell blank
                                     * (before the metric's first period) */
  const char *const *row_titles;    /* NULL, or the metrics' names, drawn beside their ids */
  double             label_width;   /* the metric column's width; 0: THR_GRID_LABEL_WIDTH */
  const gboolean    *col_stale;     /* NULL, or per column: TRUE fades the column (statuses
                                     * from before an import, being evaluated again) */
  ThrGridLayouts    *layouts;       /* NULL, or the headers' texts kept laid out */
} ThrGridData;

#define THR_GRID_LABEL_WIDTH   64.0
#define THR_GRID_HEADER_HEIGHT 34.0
#define THR_GRID_SECTION_HEIGHT 24.0
#define THR_GRID_ROW_HEIGHT    22.0
#define THR_GRID_MIN_CELL      22.0
#define THR_GRID_MAX_CELL      56.0

/* The height the grid needs, and the width below which cells get cramped. */
void     thr_grid_get_size          (const ThrGridData   *data,
                                     double              *min_width,
                                     double              *height);
/* The cell under (x, y) in a grid drawn width wide. */
gboolean thr_grid_cell_at           (const ThrGridData   *data,
                                     double               width,
                                     double               x,
                                     double               y,
                                     guint               *row,
                                     guint               *col);
/* The rectangle of a cell. */
void     thr_grid_cell_rect         (const ThrGridData   *data,
                                     double               width,
                                     guint                row,
                                     guint                col,
                                     double              *x,
                                     double              *y,
                                     double              *cell_width,
                                     double              *cell_height);
void     thr_grid_draw              (cairo_t             *cr,
                                     double               width,
                                     double               height,
                                     const ThrGridData   *data,
                                     const ThrChartStyle *style);

/* The grid in three parts, for a front end that keeps the month header
 * and the metric column in view while the cells scroll under them.  Each
 * part is drawn from its own origin: the month header THR_GRID_HEADER_HEIGHT
 * tall from x = 0 at the first month; the metric column label_width wide
 * and the body from y = 0 at the first section heading; cells are
 * cell_width wide. */
double   thr_grid_get_label_width   (const ThrGridData   *data);
double   thr_grid_get_body_height   (const ThrGridData   *data);
/* The top of a row in the body, and of the section heading above it when
 * the row starts a section. */
double   thr_grid_body_row_top      (const ThrGridData   *data,
                                     guint                row,
                                     gboolean             with_heading);
gboolean thr_grid_body_cell_at      (const ThrGridData   *data,
                                     double               cell_width,
                                     double               x,
                                     double               y,
                                     guint               *row,
                                     guint               *col);
void     thr_grid_draw_column_header (cairo_t            *cr,
                                      const ThrGridData  *data,
                                      const ThrChartStyle *style,
                                      double              cell_width);
void     thr_grid_draw_row_header   (cairo_t             *cr,
                                     double               width,
                                     const ThrGridData   *data,
                                     const ThrChartStyle *style);
void     thr_grid_draw_body         (cairo_t             *cr,
                                     const ThrGridData   *data,
                                     const ThrChartStyle *style,
                                     double               cell_width);

G_END_DECLS
