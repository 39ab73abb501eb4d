/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-chart.c — the core's trend chart and compliance grid, by their pixels */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "thr-core.h"

typedef struct {
  guint8 r, g, b, a;
} Pixel;

static Pixel
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p;

  cairo_surface_flush (surface);
  p = *(const guint32 *) (data + y * stride + x * 4);
  return (Pixel) { (p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff, p >> 24 };
}

static gboolean
pixel_is (Pixel p, const ThrRgba *c)
{
  return p.a == 255 &&
         abs (p.r - (int) round (c->red * 255)) <= 2 &&
         abs (p.g - (int) round (c->green * 255)) <= 2 &&
         abs (p.b - (int) round (c->blue * 255)) <= 2;
}

static void
test_style (ThrChartStyle *style)
{
  thr_chart_style_init_print (style);
  style->success = (ThrRgba) { 0, 1, 0, 1 };
  style->error = (ThrRgba) { 1, 0, 0, 1 };
  style->accent = (ThrRgba) { 0, 0, 1, 1 };
  style->pending = (ThrRgba) { 0.5, 0.5, 0, 1 };
  style->background = (ThrRgba) { 1, 1, 1, 1 };
  style->warning = (ThrRgba) { 1, 0.5, 0, 1 };
}

static const ThrChartPoint points[] = {
  { "2018-01", THR_STATUS_MET, TRUE, 97.0, TRUE, 96.5 },
  { "2018-02", THR_STATUS_MISSED, TRUE, 93.0, FALSE, 0 },
  { "2018-03", THR_STATUS_MET, TRUE, 98.0, TRUE, 97.0 },
  { "2018-04", THR_STATUS_PENDING, FALSE, 0, TRUE, 96.0 },
};
static const ThrChartWindow windows[] = { { 1, 2 } };

static ThrChartData
chart_data (void)
{
  return (ThrChartData) {
    .unit = THR_UNIT_PERCENT, .op = THR_OP_GE, .target = 95.0,
    .n_points = G_N_ELEMENTS (points), .points = points,
    .n_windows = G_N_ELEMENTS (windows), .windows = windows,
    .selected = -1,
  };
}

static void
test_chart_axis (void)
{
  ThrChartAxis axis = { 0, 200 };
  double step;

  g_assert_cmpfloat_with_epsilon (thr_chart_axis_map (&axis, 50), 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (thr_chart_axis_map (&axis, 200), 1.0, 1e-9);

  axis = (ThrChartAxis) { 93.2, 98.1 };
  step = thr_chart_axis_nice (&axis, 6);
  g_assert_cmpfloat (step, ==, 1.0);
  g_assert_cmpfloat (axis.min, ==, 93.0);
  g_assert_cmpfloat (axis.max, ==, 99.0);

  axis = (ThrChartAxis) { 0, 0 };
  thr_chart_axis_include (&axis, 12000);
  step = thr_chart_axis_nice (&axis, 6);
  g_assert_cmpfloat (step, ==, 5000.0);
  g_assert_cmpfloat (axis.max, ==, 15000.0);
}

static void
test_chart_pixels (void)
{
  ThrChartData data = chart_data ();
  ThrChartStyle style;
  ThrChartLayout l;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cairo_t *cr = cairo_create (surface);
  int ty, x, y;
  Pixel p;

  test_style (&style);
  thr_chart_draw (cr, 400, 300, &data, &style);
  cairo_destroy (cr);
  thr_chart_layout (&data, 400, 300, &l);

  /* The threshold line is where the axis maps 95, and nowhere near. */
  ty = (int) floor (thr_chart_layout_y (&l, 95.0));
  x = (int) (l.left + 3);
  p = pixel_at (surface, x, ty);
  g_assert_cmpint (p.a, >, 120);
  p = pixel_at (surface, x, ty - 8);
  g_assert_cmpint (p.a, <, 60);

  /* Met and missed points carry their colours (and shapes, below). */
  p = pixel_at (surface, (int) thr_chart_layout_x (&l, 0), (int) thr_chart_layout_y (&l, 97.0));
  g_assert_true (pixel_is (p, &style.success));
  p = pixel_at (surface, (int) thr_chart_layout_x (&l, 1), (int) thr_chart_layout_y (&l, 93.0));
  g_assert_true (pixel_is (p, &style.error));
  /* A missed mark is a downward triangle: wide at the top, empty at the
   * bottom corners, unlike the met disc. */
  p = pixel_at (surface, (int) round (thr_chart_layout_x (&l, 1)) - 4, (int) round (thr_chart_layout_y (&l, 93.0)) - 3);
  g_assert_true (pixel_is (p, &style.error));
  p = pixel_at (surface, (int) thr_chart_layout_x (&l, 1) - 5, (int) thr_chart_layout_y (&l, 93.0) + 5);
  g_assert_false (pixel_is (p, &style.error));

  /* A pending point is hollow: the background inside, its colour on the edge. */
  x = (int) thr_chart_layout_x (&l, 3);
  y = (int) thr_chart_layout_y (&l, 96.0);
  g_assert_true (pixel_is (pixel_at (surface, x, y), &style.background));
  g_assert_cmpint (pixel_at (surface, x, y - 5).r, >, 60);

  /* The corrective window over points 1–2 is shaded with the error colour;
   * point 0's column is not. */
  p = pixel_at (surface, (int) thr_chart_layout_x (&l, 1.5), (int) l.top + 2);
  g_assert_cmpint (p.a, >, 10);
  g_assert_cmpint (p.r, >, p.g);
  p = pixel_at (surface, (int) thr_chart_layout_x (&l, 0), (int) l.top + 2);
  g_assert_cmpint (p.a, <, 10);

  /* Hit testing finds the column under x. */
  g_assert_cmpint (thr_chart_point_at (&data, 400, 300, thr_chart_layout_x (&l, 2)), ==, 2);
  g_assert_cmpint (thr_chart_point_at (&data, 400, 300, 2), ==, -1);

  cairo_surface_destroy (surface);
}

/* A band that moves with each point's reference: the second point's band
 * is drawn where its own bounds map, not the first's. */
static void
test_chart_point_bands (void)
{
  const ThrChartPoint banded[] = {
    { "2019-Q1", THR_STATUS_MET, TRUE, 50, FALSE, 0, TRUE, 45, 55 },
    { "2019-Q2", THR_STATUS_MISSED, TRUE, 50, FALSE, 0, TRUE, 60, 70 },
  };
  ThrChartData data = {
    .unit = THR_UNIT_PERCENT, .op = THR_OP_WITHIN, .n_points = 2, .points = banded, .selected = -1,
  };
  ThrChartStyle style;
  ThrChartLayout l;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cairo_t *cr = cairo_create (surface);
  int x;

  test_style (&style);
  thr_chart_draw (cr, 400, 300, &data, &style);
  cairo_destroy (cr);
  thr_chart_layout (&data, 400, 300, &l);
  g_assert_cmpfloat (l.y.max, >=, 70);

  /* Inside point 1's band (63) but left of its mark: shaded; the same
   * height over point 0 is outside point 0's band: clear. */
  x = (int) thr_chart_layout_x (&l, 1) - 12;
  g_assert_cmpint (pixel_at (surface, x, (int) thr_chart_layout_y (&l, 63)).a, >, 10);
  x = (int) thr_chart_layout_x (&l, 0) - 12;
  g_assert_cmpint (pixel_at (surface, x, (int) thr_chart_layout_y (&l, 63)).a, <, 10);
  g_assert_cmpint (pixel_at (surface, x, (int) thr_chart_layout_y (&l, 52)).a, >, 10);
  cairo_surface_destroy (surface);
}

static const char *grid_rows[] = { "A.1.a", "A.1.b", "B.1" };
static const char *grid_sections[] = { "A", "A", "B" };
static const char *grid_cols[] = { "2018-01", "2018-02", "2018-03", "2018-04" };
static const ThrStatus grid_cells[] = {
  THR_STATUS_MET, THR_STATUS_MISSED, THR_STATUS_MET, THR_STATUS_PENDING,
  THR_STATUS_MET, THR_STATUS_MET, THR_STATUS_NO_DATA, THR_STATUS_PENDING,
  THR_STATUS_MISSED, THR_STATUS_MET, THR_STATUS_MET, THR_STATUS_NO_DATA,
};

static ThrGridData
grid_data (void)
{
  return (ThrGridData) {
    .n_rows = 3, .n_cols = 4,
    .row_labels = grid_rows, .row_sections = grid_sections, .col_labels = grid_cols,
    .cells = grid_cells, .selected_row = -1, .selected_col = -1, .highlight_col = -1,
  };
}

/* The metric column drawn on a fresh image (white, so the text's
 * antialiasing blends with something), its bytes. */
static GBytes *
draw_row_header_bytes (const ThrGridData   *data,
                       const ThrChartStyle *style,
                       double               width)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, 200);
  cairo_t *cr = cairo_create (surface);
  GBytes *bytes;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  thr_grid_draw_row_header (cr, width, data, style);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       cairo_image_surface_get_stride (surface) * cairo_image_surface_get_height (surface));
  cairo_surface_destroy (surface);
  return bytes;
}

/* The metric column with its texts' layouts kept between paints (as the
 * window keeps them) is the column drawn without: at its first paint, at
 * the next, with the cursor moved, narrower (its titles ellipsized
 * elsewhere) and in another font. */
static void
test_grid_layouts_kept (void)
{
  static const char *titles[] = { "Applications reviewed within 2 business days",
                                  "Applications reviewed within 5 business days", "Calls answered" };
  ThrGridData plain = grid_data (), kept = grid_data ();
  ThrChartStyle style;
  guint n_different = 0;
  struct { int selected_row; double width; const char *font; } paints[] = {
    { -1, 300, NULL }, { -1, 300, NULL }, { 1, 300, NULL }, { 1, 140, NULL }, { 1, 140, "Sans 12" }, { 0, 300, NULL },
  };
  g_autoptr(GBytes) first = NULL;

  test_style (&style);
  plain.row_titles = kept.row_titles = titles;
  kept.layouts = thr_grid_layouts_new ();
  for (guint i = 0; i < G_N_ELEMENTS (paints); i++)
    {
      g_autoptr(GBytes) without = NULL;
      g_autoptr(GBytes) with = NULL;

      style.font = paints[i].font ? paints[i].font : "Sans 9";
      plain.selected_row = kept.selected_row = paints[i].selected_row;
      without = draw_row_header_bytes (&plain, &style, paints[i].width);
      with = draw_row_header_bytes (&kept, &style, paints[i].width);
      g_assert_true (g_bytes_equal (without, with));
      if (first == NULL)
        first = g_bytes_ref (without);
      else
        n_different += !g_bytes_equal (first, without);
    }
  /* The paints differ from one another, so the comparison sees text. */
  g_assert_cmpuint (n_different, >=, 3);
  thr_grid_layouts_free (kept.layouts);
}

/* The texts laid out in a context given by the front end (a widget's)
 * follow it: after the context changes (its resolution, then its font
 * options, as a widget's do with the desktop's font settings) the column
 * is drawn as layouts made afresh in the changed context draw it, not as
 * before. */
static void
test_grid_layouts_in_context (void)
{
  static const char *titles[] = { "Applications reviewed within 2 business days",
                                  "Applications reviewed within 5 business days", "Calls answered" };
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  ThrGridData kept = grid_data (), fresh = grid_data ();
  ThrChartStyle style;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GBytes) expected = NULL;

  test_style (&style);
  style.font = "Sans 9";
  kept.row_titles = fresh.row_titles = titles;
  kept.layouts = thr_grid_layouts_new_in (context);
  before = draw_row_header_bytes (&kept, &style, 300);
  again = draw_row_header_bytes (&kept, &style, 300);
  g_assert_true (g_bytes_equal (before, again));
  pango_cairo_context_set_resolution (context, 144);
  after = draw_row_header_bytes (&kept, &style, 300);
  fresh.layouts = thr_grid_layouts_new_in (context);
  expected = draw_row_header_bytes (&fresh, &style, 300);
  g_assert_true (g_bytes_equal (after, expected));
  g_assert_false (g_bytes_equal (before, after));
  thr_grid_layouts_free (fresh.layouts);

  {
    cairo_font_options_t *options = cairo_font_options_create ();
    g_autoptr(GBytes) unhinted = NULL;
    g_autoptr(GBytes) unhinted_fresh = NULL;

    cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_NONE);
    pango_cairo_context_set_font_options (context, options);
    cairo_font_options_destroy (options);
    unhinted = draw_row_header_bytes (&kept, &style, 300);
    fresh.layouts = thr_grid_layouts_new_in (context);
    unhinted_fresh = draw_row_header_bytes (&fresh, &style, 300);
    g_assert_true (g_bytes_equal (unhinted, unhinted_fresh));
    g_assert_false (g_bytes_equal (after, unhinted));
  }
  thr_grid_layouts_free (kept.layouts);
  thr_grid_layouts_free (fresh.layouts);
  g_object_unref (context);
}

/* The month header drawn on a fresh image, its bytes, after the metric
 * column (which shares its kept layouts) when with_column. */
static GBytes *
draw_column_header_bytes (const ThrGridData   *data,
                          const ThrChartStyle *style,
                          double               cw,
                          gboolean             with_column)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (cw * data->n_cols),
                                                         (int) THR_GRID_HEADER_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  GBytes *bytes;

  if (with_column)
    g_bytes_unref (draw_row_header_bytes (data, style, 200));
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  thr_grid_draw_column_header (cr, data, style, cw);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       cairo_image_surface_get_stride (surface) * cairo_image_surface_get_height (surface));
  cairo_surface_destroy (surface);
  return bytes;
}

/* The month header with its texts' layouts kept (as the window keeps
 * them, with the metric column's) is the header drawn without: over two
 * years, so that each month's number shows twice, at its first paint, at
 * the next, after the metric column, with the cursor's month moved, with
 * cells narrow enough to show every other month, and in another font. */
static void
test_grid_header_layouts_kept (void)
{
  static const char *months[] = { "2018-11", "2018-12", "2019-01", "2019-02", "2019-03", "2019-04", "2019-05",
                                  "2019-06", "2019-07", "2019-08", "2019-09", "2019-10", "2019-11", "2019-12" };
  ThrGridData plain = grid_data (), kept = grid_data ();
  ThrChartStyle style;
  guint n_different = 0;
  struct { int selected_col; double cw; const char *font; gboolean with_column; } paints[] = {
    { -1, 40, NULL, FALSE }, { -1, 40, NULL, FALSE }, { -1, 40, NULL, TRUE }, { 3, 40, NULL, FALSE },
    { 3, 24, NULL, TRUE }, { 5, 40, "Sans 12", FALSE },
  };
  g_autoptr(GBytes) first = NULL;

  test_style (&style);
  plain.col_labels = kept.col_labels = months;
  plain.n_cols = kept.n_cols = G_N_ELEMENTS (months);
  kept.layouts = thr_grid_layouts_new ();
  for (guint i = 0; i < G_N_ELEMENTS (paints); i++)
    {
      g_autoptr(GBytes) without = NULL;
      g_autoptr(GBytes) with = NULL;

      style.font = paints[i].font ? paints[i].font : "Sans 9";
      plain.selected_col = kept.selected_col = paints[i].selected_col;
      without = draw_column_header_bytes (&plain, &style, paints[i].cw, paints[i].with_column);
      with = draw_column_header_bytes (&kept, &style, paints[i].cw, paints[i].with_column);
      g_assert_true (g_bytes_equal (without, with));
      if (first == NULL)
        first = g_bytes_ref (without);
      else
        n_different += !g_bytes_equal (first, without);
    }
  /* The paints differ from one another, so the comparison sees text. */
  g_assert_cmpuint (n_different, >=, 3);
  thr_grid_layouts_free (kept.layouts);
}

static guint
count_pixels (cairo_surface_t *surface,
              double x, double y, double w, double h,
              const ThrRgba *color)
{
  guint n = 0;

  for (int j = (int) y; j < (int) (y + h); j++)
    for (int i = (int) x; i < (int) (x + w); i++)
      n += pixel_is (pixel_at (surface, i, j), color);
  return n;
}

static void
test_grid_pixels (void)
{
  ThrGridData data = grid_data ();
  ThrChartStyle style;
  double min_width, height, x, y, w, h;
  guint row, col;
  cairo_surface_t *surface;
  cairo_t *cr;
  Pixel p;

  test_style (&style);
  thr_grid_get_size (&data, &min_width, &height);
  g_assert_cmpfloat (height, ==, THR_GRID_HEADER_HEIGHT + 2 * THR_GRID_SECTION_HEIGHT + 3 * THR_GRID_ROW_HEIGHT);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, (int) height);
  cr = cairo_create (surface);
  thr_grid_draw (cr, 300, height, &data, &style);
  cairo_destroy (cr);

  /* Each cell round-trips through hit testing. */
  for (guint r = 0; r < 3; r++)
    for (guint c = 0; c < 4; c++)
      {
        thr_grid_cell_rect (&data, 300, r, c, &x, &y, &w, &h);
        g_assert_true (thr_grid_cell_at (&data, 300, x + w / 2, y + h / 2, &row, &col));
        g_assert_cmpuint (row, ==, r);
        g_assert_cmpuint (col, ==, c);
      }
  g_assert_false (thr_grid_cell_at (&data, 300, 2, 60, &row, &col));

  /* Missed (row 0, col 1): red tint in the corner and solid red glyph strokes;
   * met (row 0, col 0): green; no data (row 1, col 2): no tint. */
  thr_grid_cell_rect (&data, 300, 0, 1, &x, &y, &w, &h);
  p = pixel_at (surface, (int) x + 2, (int) y + 2);
  g_assert_cmpint (p.a, >, 40);
  g_assert_cmpint (p.r, >, p.g);
  g_assert_cmpuint (count_pixels (surface, x, y, w, h, &style.error), >, 10);
  g_assert_cmpuint (count_pixels (surface, x, y, w, h, &style.success), ==, 0);

  thr_grid_cell_rect (&data, 300, 0, 0, &x, &y, &w, &h);
  g_assert_cmpuint (count_pixels (surface, x, y, w, h, &style.success), >, 10);
  g_assert_cmpuint (count_pixels (surface, x, y, w, h, &style.error), ==, 0);

  thr_grid_cell_rect (&data, 300, 1, 2, &x, &y, &w, &h);
  p = pixel_at (surface, (int) x + 2, (int) y + 2);
  g_assert_cmpint (p.a, ==, 0);
  cairo_surface_destroy (surface);

  /* The chosen month's column is banded in the accent colour. */
  data.highlight_col = 2;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, (int) height);
  cr = cairo_create (surface);
  thr_grid_draw (cr, 300, height, &data, &style);
  cairo_destroy (cr);
  p = pixel_at (surface, (int) x + 2, (int) y + 2);
  g_assert_cmpint (p.a, >, 20);
  g_assert_cmpint (p.b, >, p.r);
  cairo_surface_destroy (surface);

  /* A column not evaluated yet stays blank: no tint, no glyph. */
  {
    const gboolean known[] = { TRUE, FALSE, TRUE, TRUE };

    data.highlight_col = -1;
    data.col_known = known;
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, (int) height);
    cr = cairo_create (surface);
    thr_grid_draw (cr, 300, height, &data, &style);
    cairo_destroy (cr);
    thr_grid_cell_rect (&data, 300, 0, 1, &x, &y, &w, &h);
    g_assert_cmpuint (count_pixels (surface, x, y, w, h, &style.error), ==, 0);
    g_assert_cmpint (pixel_at (surface, (int) x + 2, (int) y + 2).a, ==, 0);
    cairo_surface_destroy (surface);
  }
}

/* Draws @data at (50, 50) on a surface 100 px larger each way, and
 * returns whether anything was drawn outside the chart's own box: what a
 * widget or a page would cut off. */
static gboolean
draws_outside (const ThrChartData  *data,
               const ThrChartStyle *style,
               int                  width,
               int                  height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width + 100, height + 100);
  cairo_t *cr = cairo_create (surface);
  gboolean outside = FALSE;

  cairo_translate (cr, 50, 50);
  thr_chart_draw (cr, width, height, data, style);
  cairo_destroy (cr);
  for (int y = 0; y < height + 100 && !outside; y++)
    for (int x = 0; x < width + 100 && !outside; x++)
      if ((x < 50 || x >= 50 + width || y < 50 || y >= 50 + height) && pixel_at (surface, x, y).a > 0)
        outside = TRUE;
  cairo_surface_destroy (surface);
  return outside;
}

/* The threshold at the very top of the values (100 % of a ≥ 100 %
 * metric), at the very bottom (a count ≤ 0) and at the lowest value
 * (95 % with values 95–100): each line keeps clear of both ends of the
 * axis, and its label, however long, is drawn whole inside the chart. */
static void
test_chart_threshold_off_axis (void)
{
  static const ThrChartPoint full[] = {
    { "2018-01", THR_STATUS_MET, TRUE, 100, FALSE, 0 },
    { "2018-02", THR_STATUS_MISSED, TRUE, 98.5, FALSE, 0 },
  };
  static const ThrChartPoint zero[] = {
    { "2018-01", THR_STATUS_MET, TRUE, 0, FALSE, 0 },
    { "2018-02", THR_STATUS_MISSED, TRUE, 3, FALSE, 0 },
  };
  static const ThrChartPoint low[] = {
    { "2018-01", THR_STATUS_MET, TRUE, 95, FALSE, 0 },
    { "2018-02", THR_STATUS_MET, TRUE, 100, FALSE, 0 },
  };
  static const ThrChartPoint money[] = {
    { "2018-03", THR_STATUS_MET, TRUE, 1250000.55, FALSE, 0 },
    { "2018-06", THR_STATUS_MISSED, TRUE, 118000, FALSE, 0 },
  };
  const ThrChartData cases[] = {
    { .unit = THR_UNIT_PERCENT, .op = THR_OP_GE, .target = 100, .n_points = 2, .points = full, .selected = -1 },
    { .unit = THR_UNIT_COUNT, .op = THR_OP_LE, .target = 0, .n_points = 2, .points = zero, .selected = -1 },
    { .unit = THR_UNIT_PERCENT, .op = THR_OP_GE, .target = 95, .n_points = 2, .points = low, .selected = -1 },
    { .unit = THR_UNIT_DOLLARS, .op = THR_OP_GE, .target = 120000.25, .n_points = 2, .points = money, .selected = -1 },
  };
  ThrChartStyle style;

  test_style (&style);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ThrChartLayout l;
      double y;

      thr_chart_layout_for_style (&cases[i], &style, 400, 260, &l);
      y = thr_chart_layout_y (&l, cases[i].target);
      g_test_message ("case %u: axis %g–%g, threshold at %g in %g–%g", i, l.y.min, l.y.max,
                      y, l.top, l.top + l.height);
      g_assert_cmpfloat (y, >, l.top + 8);
      g_assert_cmpfloat (y, <, l.top + l.height - 8);
      /* The label's box lies in the chart, right of the plot. */
      g_assert_cmpfloat (l.label_width, >, 0);
      g_assert_cmpfloat (l.label_x, >=, l.left + l.width);
      g_assert_cmpfloat (l.label_x + l.label_width, <=, 400);
      g_assert_cmpfloat (l.label_y, >=, 0);
      g_assert_cmpfloat (l.label_y + l.label_height, <=, 260);
      /* …and the pixels agree: nothing is drawn outside the chart. */
      g_assert_false (draws_outside (&cases[i], &style, 400, 260));
    }
}

static gboolean
legend_lists (const ThrChartLayout *l,
              ThrChartLegend        kind,
              const ThrChartLegendEntry **entry)
{
  for (guint i = 0; i < l->n_legend; i++)
    if (l->legend[i].kind == kind)
      {
        if (entry != NULL)
          *entry = &l->legend[i];
        return TRUE;
      }
  return FALSE;
}

static Pixel
swatch_pixel (cairo_surface_t           *surface,
              const ThrChartLegendEntry *e)
{
  return pixel_at (surface, (int) (e->x + e->width / 2), (int) (e->y + e->height / 2));
}

/* The legend lists what is drawn and nothing else, each entry in the
 * colour the chart draws it in. */
static void
test_chart_legend (void)
{
  static const ThrChartPoint reported_only[] = {
    { "2018-01", THR_STATUS_MET, TRUE, 97.0, FALSE, 0 },
    { "2018-02", THR_STATUS_MET, TRUE, 96.0, FALSE, 0 },
  };
  ThrChartData data = chart_data ();
  ThrChartData plain = { .unit = THR_UNIT_PERCENT, .op = THR_OP_GE, .target = 95.0,
                         .n_points = 2, .points = reported_only, .selected = -1 };
  const ThrChartLegendEntry *e = NULL;
  ThrChartStyle style;
  ThrChartLayout l;
  cairo_surface_t *surface;
  cairo_t *cr;

  test_style (&style);
  thr_chart_layout_for_style (&plain, &style, 500, 300, &l);
  g_assert_true (legend_lists (&l, THR_CHART_LEGEND_MET, NULL));
  g_assert_true (legend_lists (&l, THR_CHART_LEGEND_REPORTED, NULL));
  g_assert_true (legend_lists (&l, THR_CHART_LEGEND_THRESHOLD, NULL));
  g_assert_false (legend_lists (&l, THR_CHART_LEGEND_MISSED, NULL));
  g_assert_false (legend_lists (&l, THR_CHART_LEGEND_PENDING, NULL));
  g_assert_false (legend_lists (&l, THR_CHART_LEGEND_RECOMPUTED, NULL));
  g_assert_false (legend_lists (&l, THR_CHART_LEGEND_WINDOW, NULL));
  g_assert_false (legend_lists (&l, THR_CHART_LEGEND_DISCREPANCY, NULL));
  g_assert_cmpuint (l.n_legend, ==, 3);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 500, 300);
  cr = cairo_create (surface);
  thr_chart_draw (cr, 500, 300, &data, &style);
  cairo_destroy (cr);
  thr_chart_layout_for_style (&data, &style, 500, 300, &l);
  g_assert_true (legend_lists (&l, THR_CHART_LEGEND_MET, &e));
  g_assert_true (pixel_is (swatch_pixel (surface, e), &style.success));
  g_assert_true (legend_lists (&l, THR_CHART_LEGEND_MISSED, &e));
  g_assert_true (pixel_is (swatch_pixel (surface, e), &style.error));
  g_assert_true (legend_lists (&l, THR_CHART_LEGEND_RECOMPUTED, &e));
  g_assert_true (pixel_is (swatch_pixel (surface, e), &style.accent));
  g_assert_true (legend_lists (&l, THR_CHART_LEGEND_PENDING, &e));
  /* Hollow, as on the chart: the background inside, the pending colour
   * (olive here) on its edge. */
  g_assert_true (pixel_is (swatch_pixel (surface, e), &style.background));
  {
    Pixel p = pixel_at (surface, (int) (e->x + e->width / 2), (int) (e->y + e->height / 2) - 5);

    g_assert_cmpint (p.r, >, 60);
    g_assert_cmpint (p.b, <, p.r / 2);
  }
  g_assert_true (legend_lists (&l, THR_CHART_LEGEND_WINDOW, &e));
  {
    Pixel p = swatch_pixel (surface, e);

    g_assert_cmpint (p.a, >, 10);
    g_assert_cmpint (p.r, >, p.g);
  }
  g_assert_true (legend_lists (&l, THR_CHART_LEGEND_REPORTED, &e));
  g_assert_cmpint (swatch_pixel (surface, e).a, ==, (int) round (0.8 * 255));
  /* No point of this data is flagged. */
  g_assert_false (legend_lists (&l, THR_CHART_LEGEND_DISCREPANCY, NULL));
  /* Every entry is inside the chart and above the plot. */
  for (guint i = 0; i < l.n_legend; i++)
    {
      g_assert_cmpfloat (l.legend[i].x + l.legend[i].width, <=, 500);
      g_assert_cmpfloat (l.legend[i].y + l.legend[i].height, <=, l.top);
    }
  cairo_surface_destroy (surface);
}

/* A quarterly metric: the months before a quarter's last carry its
 * to-date value and are not drawn; the quarters' points are joined. */
static void
test_chart_quarterly (void)
{
  static const ThrChartPoint quarters[] = {
    { "2018-01", THR_STATUS_PENDING, TRUE, 20, FALSE, 0, .to_date = TRUE },
    { "2018-02", THR_STATUS_PENDING, TRUE, 60, FALSE, 0, .to_date = TRUE },
    { "2018-03", THR_STATUS_MET, TRUE, 80, FALSE, 0 },
    { "2018-04", THR_STATUS_PENDING, TRUE, 10, FALSE, 0, .to_date = TRUE },
    { "2018-05", THR_STATUS_PENDING, TRUE, 30, FALSE, 0, .to_date = TRUE },
    { "2018-06", THR_STATUS_MISSED, TRUE, 40, FALSE, 0 },
    { "2018-07", THR_STATUS_PENDING, TRUE, 15, FALSE, 0, .to_date = TRUE },
  };
  ThrChartData data = { .unit = THR_UNIT_PERCENT, .op = THR_OP_GE, .target = 50,
                        .n_points = G_N_ELEMENTS (quarters), .points = quarters, .selected = -1 };
  ThrChartStyle style;
  ThrChartLayout l;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 500, 300);
  cairo_t *cr = cairo_create (surface);
  guint drawn = 0;
  double x, y;

  test_style (&style);
  for (guint i = 0; i < data.n_points; i++)
    drawn += thr_chart_point_is_drawn (&data, i);
  /* Q1 and Q2 judged, Q3 to date in its latest month. */
  g_assert_cmpuint (drawn, ==, 3);
  g_assert_true (thr_chart_point_is_drawn (&data, 2));
  g_assert_true (thr_chart_point_is_drawn (&data, 5));
  g_assert_true (thr_chart_point_is_drawn (&data, 6));

  thr_chart_draw (cr, 500, 300, &data, &style);
  cairo_destroy (cr);
  thr_chart_layout_for_style (&data, &style, 500, 300, &l);
  /* No mark where February's to-date value would be… */
  g_assert_cmpint (pixel_at (surface, (int) thr_chart_layout_x (&l, 1), (int) thr_chart_layout_y (&l, 60)).a, <, 60);
  /* …and the line from March to June passes April and May. */
  x = thr_chart_layout_x (&l, 4);
  y = thr_chart_layout_y (&l, 80 + (40 - 80) * 2.0 / 3.0);
  {
    gboolean inked = FALSE;

    for (int dy = -2; dy <= 2; dy++)
      inked |= pixel_at (surface, (int) x, (int) y + dy).a > 150;
    g_assert_true (inked);
  }
  cairo_surface_destroy (surface);
}

/* A month whose reported figure the records do not reproduce is flagged
 * in the warning colour; without the flag nothing is. */
static void
test_chart_discrepancy (void)
{
  ThrChartPoint flagged[] = {
    { "2019-05", THR_STATUS_MET, TRUE, 99.0, TRUE, 98.9 },
    { "2019-06", THR_STATUS_MET, TRUE, 99.0, TRUE, 93.0, .discrepancy = TRUE },
  };
  ThrChartData data = { .unit = THR_UNIT_PERCENT, .op = THR_OP_GE, .target = 98,
                        .n_points = 2, .points = flagged, .selected = -1 };
  ThrChartStyle style;
  ThrChartLayout l;
  double x, y0, y1;

  test_style (&style);
  for (int pass = 0; pass < 2; pass++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 500, 300);
      cairo_t *cr = cairo_create (surface);

      flagged[1].discrepancy = pass == 0;
      thr_chart_draw (cr, 500, 300, &data, &style);
      cairo_destroy (cr);
      thr_chart_layout_for_style (&data, &style, 500, 300, &l);
      x = thr_chart_layout_x (&l, 1);
      y0 = thr_chart_layout_y (&l, 99.0);
      y1 = thr_chart_layout_y (&l, 93.0);
      if (pass == 0)
        {
          g_assert_cmpuint (count_pixels (surface, x - 8, y0 - 24, 16, y1 - y0 + 24, &style.warning), >, 10);
          g_assert_true (legend_lists (&l, THR_CHART_LEGEND_DISCREPANCY, NULL));
        }
      else
        {
          g_assert_cmpuint (count_pixels (surface, 0, 0, 500, 300, &style.warning), ==, 0);
          g_assert_false (legend_lists (&l, THR_CHART_LEGEND_DISCREPANCY, NULL));
        }
      cairo_surface_destroy (surface);
    }
}

static void
test_chart_vector (void)
{
  ThrChartData data = chart_data ();
  ThrGridData grid = grid_data ();
  ThrChartStyle style;
  g_autofree char *dir = g_dir_make_tmp ("thr-chart-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.svg", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  cairo_surface_t *surface;
  cairo_t *cr;

  thr_chart_style_init_print (&style);

  surface = cairo_pdf_surface_create (pdf, 595, 842);
  cr = cairo_create (surface);
  thr_chart_draw (cr, 500, 300, &data, &style);
  cairo_translate (cr, 0, 320);
  thr_grid_draw (cr, 500, 200, &grid, &style);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_cmpuint (length, >, 1000);
  g_clear_pointer (&contents, g_free);

  surface = cairo_svg_surface_create (svg, 500, 300);
  cr = cairo_create (surface);
  thr_chart_draw (cr, 500, 300, &data, &style);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "<path"));

  g_unlink (pdf);
  g_unlink (svg);
  g_rmdir (dir);
}

/* A 36-month chart and the 51 × 36 grid draw without a cairo error.  How
 * fast they draw is measured by bench-draw, not here. */
static void
test_chart_large (void)
{
  enum { MONTHS = 36, METRICS = 51 };
  ThrChartPoint many[MONTHS];
  char *labels[MONTHS];
  const char *row_labels[METRICS], *row_sections[METRICS];
  ThrStatus cells[METRICS * MONTHS];
  ThrChartData data = chart_data ();
  ThrGridData grid;
  ThrChartStyle style;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1366, 1400);
  cairo_t *cr = cairo_create (surface);

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
  grid = (ThrGridData) { METRICS, MONTHS, row_labels, row_sections, (const char *const *) labels,
                         cells, NULL, -1, -1, MONTHS - 1 };

  thr_chart_draw (cr, 1100, 360, &data, &style);
  thr_grid_draw (cr, 1100, 1400, &grid, &style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  for (guint i = 0; i < MONTHS; i++)
    g_free (labels[i]);
  cairo_surface_destroy (surface);
}

/* The widget and the documents build their points here: a reported and
 * a recomputed figure, and for a tolerance around a reference the band of
 * that period's own reference. */
static void
test_chart_series_from_results (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrContract) contract = thr_contract_load_template ("mo-im-kpi", &error);
  const ThrMetric *metric;
  ThrResult result = { 0 };
  ThrChartData data;
  ThrChartPoint point;

  g_assert_no_error (error);
  metric = thr_contract_find_metric (contract, "online_utilization");
  g_assert_nonnull (metric);
  g_assert_cmpint (metric->op, ==, THR_OP_WITHIN);

  thr_chart_data_init_for_metric (&data, metric);
  g_assert_cmpint (data.selected, ==, -1);
  g_assert_cmpuint (data.n_points, ==, 0);
  g_assert_cmpfloat_with_epsilon (data.upper - data.lower, 2 * metric->tolerance, 1e-9);

  point = thr_chart_point_for_result ("2018-04", NULL);
  g_assert_cmpint (point.status, ==, THR_STATUS_NO_DATA);
  g_assert_false (point.has_reported || point.has_computed || point.has_band);

  result.metric = metric;
  result.status = THR_STATUS_MISSED;
  result.reported = (ThrFigure) { .present = TRUE, .value = 61.5 };
  result.computed = (ThrFigure) { .present = TRUE, .value = 60.25 };
  result.has_reference = TRUE;
  result.reference = 72.0;
  point = thr_chart_point_for_result ("2018-04", &result);
  g_assert_cmpstr (point.label, ==, "2018-04");
  g_assert_cmpint (point.status, ==, THR_STATUS_MISSED);
  g_assert_cmpfloat (point.reported, ==, 61.5);
  g_assert_cmpfloat (point.computed, ==, 60.25);
  g_assert_true (point.has_band);
  g_assert_cmpfloat_with_epsilon (point.band_lower, 72.0 - metric->tolerance, 1e-9);
  g_assert_cmpfloat_with_epsilon (point.band_upper, 72.0 + metric->tolerance, 1e-9);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/axis", test_chart_axis);
  g_test_add_func ("/chart/pixels", test_chart_pixels);
  g_test_add_func ("/chart/point-bands", test_chart_point_bands);
  g_test_add_func ("/chart/series-from-results", test_chart_series_from_results);
  g_test_add_func ("/chart/threshold-off-axis", test_chart_threshold_off_axis);
  g_test_add_func ("/chart/legend", test_chart_legend);
  g_test_add_func ("/chart/quarterly", test_chart_quarterly);
  g_test_add_func ("/chart/discrepancy", test_chart_discrepancy);
  g_test_add_func ("/chart/grid-pixels", test_grid_pixels);
  g_test_add_func ("/chart/grid-layouts-kept", test_grid_layouts_kept);
  g_test_add_func ("/chart/grid-header-layouts-kept", test_grid_header_layouts_kept);
  g_test_add_func ("/chart/grid-layouts-in-context", test_grid_layouts_in_context);
  g_test_add_func ("/chart/vector", test_chart_vector);
  g_test_add_func ("/chart/large", test_chart_large);

  return g_test_run ();
}
