/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-grid.c — the compliance grid: metrics × months, grouped by section
 *
 * Each cell shows its status twice: by a tint and by a glyph (met ✓,
 * missed ✗, pending ○, no data –), so the grid reads without colour.
 */
#define G_LOG_DOMAIN "thr-grid"

#include <math.h>
#include <string.h>

#include "thr-chart.h"
#include "thr-chart-private.h"

#define MAX_CELL 56.0

static double
cell_width (const ThrGridData *data,
            double             width)
{
  double w;

  if (data->n_cols == 0)
    return THR_GRID_MIN_CELL;
  w = floor ((width - THR_GRID_LABEL_WIDTH) / data->n_cols);
  return CLAMP (w, THR_GRID_MIN_CELL, MAX_CELL);
}

static gboolean
starts_section (const ThrGridData *data,
                guint              row)
{
  if (data->row_sections == NULL)
    return row == 0;
  return row == 0 || g_strcmp0 (data->row_sections[row], data->row_sections[row - 1]) != 0;
}

/* The top of each row; the section heading, if any, sits just above it. */
static double
row_top (const ThrGridData *data,
         guint              row)
{
  double y = THR_GRID_HEADER_HEIGHT;

  for (guint r = 0; r <= row && r < data->n_rows; r++)
    {
      if (starts_section (data, r))
        y += THR_GRID_SECTION_HEIGHT;
      if (r < row)
        y += THR_GRID_ROW_HEIGHT;
    }
  return y;
}

void
thr_grid_get_size (const ThrGridData *data,
                   double            *min_width,
                   double            *height)
{
  g_return_if_fail (data != NULL);

  if (min_width)
    *min_width = THR_GRID_LABEL_WIDTH + data->n_cols * THR_GRID_MIN_CELL;
  if (height)
    *height = data->n_rows ? row_top (data, data->n_rows - 1) + THR_GRID_ROW_HEIGHT
                           : THR_GRID_HEADER_HEIGHT;
}

void
thr_grid_cell_rect (const ThrGridData *data,
                    double             width,
                    guint              row,
                    guint              col,
                    double            *x,
                    double            *y,
                    double            *w,
                    double            *h)
{
  double cw;

  g_return_if_fail (data != NULL);

  cw = cell_width (data, width);
  *x = THR_GRID_LABEL_WIDTH + col * cw;
  *y = row_top (data, row);
  *w = cw;
  *h = THR_GRID_ROW_HEIGHT;
}

gboolean
thr_grid_cell_at (const ThrGridData *data,
                  double             width,
                  double             x,
                  double             y,
                  guint             *row,
                  guint             *col)
{
  double cw, top = THR_GRID_HEADER_HEIGHT;

  g_return_val_if_fail (data != NULL, FALSE);

  cw = cell_width (data, width);
  if (x < THR_GRID_LABEL_WIDTH || x >= THR_GRID_LABEL_WIDTH + cw * data->n_cols)
    return FALSE;
  for (guint r = 0; r < data->n_rows; r++)
    {
      if (starts_section (data, r))
        top += THR_GRID_SECTION_HEIGHT;
      if (y >= top && y < top + THR_GRID_ROW_HEIGHT)
        {
          *row = r;
          *col = (guint) ((x - THR_GRID_LABEL_WIDTH) / cw);
          return TRUE;
        }
      top += THR_GRID_ROW_HEIGHT;
    }
  return FALSE;
}

/* A cell is blank in a month not evaluated yet, and before its metric's
 * first period. */
static gboolean
cell_shown (const ThrGridData *data,
            guint              r,
            guint              c)
{
  return (data->col_known == NULL || data->col_known[c]) &&
         (data->cell_measured == NULL || data->cell_measured[r * data->n_cols + c]);
}

/* Adds the glyph of a status to the current path. */
static void
glyph_path (cairo_t   *cr,
            ThrStatus  status,
            double     cx,
            double     cy,
            double     s)
{
  switch (status)
    {
    case THR_STATUS_MET:
      cairo_move_to (cr, cx - s * 0.45, cy);
      cairo_line_to (cr, cx - s * 0.1, cy + s * 0.35);
      cairo_line_to (cr, cx + s * 0.5, cy - s * 0.4);
      break;
    case THR_STATUS_MISSED:
      cairo_move_to (cr, cx - s * 0.4, cy - s * 0.4);
      cairo_line_to (cr, cx + s * 0.4, cy + s * 0.4);
      cairo_move_to (cr, cx + s * 0.4, cy - s * 0.4);
      cairo_line_to (cr, cx - s * 0.4, cy + s * 0.4);
      break;
    case THR_STATUS_PENDING:
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, s * 0.35, 0, 2 * G_PI);
      break;
    case THR_STATUS_NO_DATA:
    default:
      cairo_move_to (cr, cx - s * 0.25, cy);
      cairo_line_to (cr, cx + s * 0.25, cy);
      break;
    }
}

static void
status_look (const ThrChartStyle  *style,
             ThrStatus             status,
             const ThrRgba       **color,
             double               *tint_alpha,
             double               *line_width)
{
  switch (status)
    {
    case THR_STATUS_MET:     *color = &style->success; *tint_alpha = 0.18; *line_width = 2.0; break;
    case THR_STATUS_MISSED:  *color = &style->error;   *tint_alpha = 0.30; *line_width = 2.5; break;
    case THR_STATUS_PENDING: *color = &style->pending; *tint_alpha = 0.10; *line_width = 2.0; break;
    case THR_STATUS_NO_DATA:
    default:                 *color = &style->pending; *tint_alpha = 0.0;  *line_width = 2.0; break;
    }
}

static void
draw_header (cairo_t             *cr,
             PangoLayout         *text,
             const ThrGridData   *data,
             const ThrChartStyle *style,
             double               cw)
{
  guint every = cw >= 28 ? 1 : 2;

  thr_chart_set_source (cr, &style->foreground, 0.75);
  for (guint c = 0; c < data->n_cols; c++)
    {
      const char *label = data->col_labels ? data->col_labels[c] : NULL;
      double cx = THR_GRID_LABEL_WIDTH + c * cw + cw / 2;
      char year[5] = { 0 };

      if (label == NULL || strlen (label) < 7)
        continue;
      if (c == 0 || strcmp (label + 5, "01") == 0)
        {
          memcpy (year, label, 4);
          thr_chart_show_text (cr, text, year, cx - cw / 2 + 2, 2, 0.0, 0.0);
        }
      if (c % every == 0)
        {
          gboolean known = data->col_known == NULL || data->col_known[c];

          thr_chart_set_source (cr, &style->foreground, known ? 0.75 : 0.3);
          thr_chart_show_text (cr, text, label + 5, cx, THR_GRID_HEADER_HEIGHT - 2, 0.5, 1.0);
          thr_chart_set_source (cr, &style->foreground, 0.75);
        }
    }
}

/* On vector surfaces cells are drawn status by status, as paths: one
 * fill for the tints and one stroke for the glyphs of each status. */
static void
draw_cells_vector (cairo_t             *cr,
            const ThrGridData   *data,
            const ThrChartStyle *style,
            const double        *tops,
            double               cw,
            double               clip_y0,
            double               clip_y1)
{
  double s = MIN (cw, THR_GRID_ROW_HEIGHT) * 0.6;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (ThrStatus status = THR_STATUS_MET; status <= THR_STATUS_NO_DATA; status++)
    {
      const ThrRgba *color;
      double tint, line_width;

      status_look (style, status, &color, &tint, &line_width);
      for (int pass = 0; pass < 2; pass++)
        {
          if (pass == 0 && tint == 0.0)
            continue;
          for (guint r = 0; r < data->n_rows; r++)
            {
              double top = tops[r];

              if (top + THR_GRID_ROW_HEIGHT < clip_y0 || top > clip_y1)
                continue;
              for (guint c = 0; c < data->n_cols; c++)
                {
                  double x = THR_GRID_LABEL_WIDTH + c * cw;

                  if (data->cells[r * data->n_cols + c] != status || !cell_shown (data, r, c))
                    continue;
                  if (pass == 0)
                    cairo_rectangle (cr, x + 1, top + 1, cw - 2, THR_GRID_ROW_HEIGHT - 2);
                  else
                    glyph_path (cr, status, x + cw / 2, top + THR_GRID_ROW_HEIGHT / 2, s);
                }
            }
          if (pass == 0)
            {
              thr_chart_set_source (cr, color, tint);
              cairo_fill (cr);
            }
          else
            {
              thr_chart_set_source (cr, color, status == THR_STATUS_NO_DATA ? 0.8 : 1.0);
              cairo_set_line_width (cr, line_width);
              cairo_stroke (cr);
            }
        }
    }
}

/* On raster surfaces each status is drawn once into a small image, which
 * every cell of that status then paints: stroking 1 800 glyphs costs
 * about 25 ms, painting them about 2 ms. */
static void
draw_cells_raster (cairo_t             *cr,
                   const ThrGridData   *data,
                   const ThrChartStyle *style,
                   const double        *tops,
                   double               cw,
                   double               clip_y0,
                   double               clip_y1)
{
  cairo_surface_t *sprites[THR_STATUS_NO_DATA + 1];
  double sx = 1, sy = 0, scale;
  double s = MIN (cw, THR_GRID_ROW_HEIGHT) * 0.6;
  int pw, ph;

  cairo_user_to_device_distance (cr, &sx, &sy);
  scale = MAX (hypot (sx, sy), 1.0);
  pw = (int) ceil (cw * scale);
  ph = (int) ceil (THR_GRID_ROW_HEIGHT * scale);

  for (ThrStatus status = THR_STATUS_MET; status <= THR_STATUS_NO_DATA; status++)
    {
      const ThrRgba *color;
      double tint, line_width;
      cairo_t *sc;

      status_look (style, status, &color, &tint, &line_width);
      sprites[status] = cairo_surface_create_similar_image (cairo_get_target (cr), CAIRO_FORMAT_ARGB32, pw, ph);
      cairo_surface_set_device_scale (sprites[status], scale, scale);
      sc = cairo_create (sprites[status]);
      if (tint > 0)
        {
          thr_chart_set_source (sc, color, tint);
          cairo_rectangle (sc, 1, 1, cw - 2, THR_GRID_ROW_HEIGHT - 2);
          cairo_fill (sc);
        }
      cairo_set_line_cap (sc, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_width (sc, line_width);
      thr_chart_set_source (sc, color, status == THR_STATUS_NO_DATA ? 0.8 : 1.0);
      glyph_path (sc, status, cw / 2, THR_GRID_ROW_HEIGHT / 2, s);
      cairo_stroke (sc);
      cairo_destroy (sc);
    }

  for (guint r = 0; r < data->n_rows; r++)
    {
      if (tops[r] + THR_GRID_ROW_HEIGHT < clip_y0 || tops[r] > clip_y1)
        continue;
      for (guint c = 0; c < data->n_cols; c++)
        {
          ThrStatus status = data->cells[r * data->n_cols + c];
          double x = THR_GRID_LABEL_WIDTH + c * cw;

          if (!cell_shown (data, r, c))
            continue;
          if (status > THR_STATUS_NO_DATA)
            status = THR_STATUS_NO_DATA;
          cairo_set_source_surface (cr, sprites[status], x, tops[r]);
          cairo_rectangle (cr, x, tops[r], cw, THR_GRID_ROW_HEIGHT);
          cairo_fill (cr);
        }
    }

  for (ThrStatus status = THR_STATUS_MET; status <= THR_STATUS_NO_DATA; status++)
    cairo_surface_destroy (sprites[status]);
}

static gboolean
is_vector (cairo_t *cr)
{
  switch ((int) cairo_surface_get_type (cairo_get_target (cr)))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
    case CAIRO_SURFACE_TYPE_SCRIPT:
      return TRUE;
    default:
      return FALSE;
    }
}

void
thr_grid_draw (cairo_t             *cr,
               double               width,
               double               height,
               const ThrGridData   *data,
               const ThrChartStyle *style)
{
  g_autofree double *tops = NULL;
  PangoLayout *text;
  double cw, top = THR_GRID_HEADER_HEIGHT;
  double x1, cx0, cx1, clip_y0, clip_y1;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (style != NULL);

  cw = cell_width (data, width);
  x1 = THR_GRID_LABEL_WIDTH + cw * data->n_cols;
  cairo_clip_extents (cr, &cx0, &clip_y0, &cx1, &clip_y1);
  tops = g_new (double, MAX (data->n_rows, 1));

  cairo_save (cr);
  if (data->highlight_col >= 0 && (guint) data->highlight_col < data->n_cols)
    {
      double total;

      thr_grid_get_size (data, NULL, &total);
      thr_chart_set_source (cr, &style->accent, 0.18);
      cairo_rectangle (cr, THR_GRID_LABEL_WIDTH + data->highlight_col * cw, 0, cw, total);
      cairo_fill (cr);
    }
  text = thr_chart_text_new (cr, style);
  draw_header (cr, text, data, style, cw);

  for (guint r = 0; r < data->n_rows; r++)
    {
      if (starts_section (data, r))
        {
          const char *section = data->row_sections ? data->row_sections[r] : NULL;

          if (section != NULL)
            {
              thr_chart_set_source (cr, &style->foreground, 1.0);
              thr_chart_show_text (cr, text, section, 4, top + THR_GRID_SECTION_HEIGHT - 3, 0.0, 1.0);
            }
          top += THR_GRID_SECTION_HEIGHT;
        }
      tops[r] = top;
      top += THR_GRID_ROW_HEIGHT;

      /* Only rows inside the clip: a scrolled grid draws what shows. */
      if (tops[r] + THR_GRID_ROW_HEIGHT < clip_y0 || tops[r] > clip_y1)
        continue;
      cairo_rectangle (cr, 0, tops[r] + THR_GRID_ROW_HEIGHT - 1, x1, 1);
      if (data->row_labels && data->row_labels[r])
        {
          cairo_save (cr);
          thr_chart_set_source (cr, &style->foreground, 0.9);
          thr_chart_show_text (cr, text, data->row_labels[r], 4,
                               tops[r] + THR_GRID_ROW_HEIGHT / 2, 0.0, 0.5);
          cairo_restore (cr);
        }
    }
  /* cairo_save/restore keep the row rules' rectangles in the path. */
  thr_chart_set_source (cr, &style->foreground, 0.06);
  cairo_fill (cr);
  g_object_unref (text);

  if (is_vector (cr))
    draw_cells_vector (cr, data, style, tops, cw, clip_y0, clip_y1);
  else
    draw_cells_raster (cr, data, style, tops, cw, clip_y0, clip_y1);
  if (data->selected_row >= 0 && data->selected_col >= 0 &&
      (guint) data->selected_row < data->n_rows && (guint) data->selected_col < data->n_cols)
    {
      double x, y, w, h;

      thr_grid_cell_rect (data, width, data->selected_row, data->selected_col, &x, &y, &w, &h);
      thr_chart_set_source (cr, &style->accent, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_rectangle (cr, x + 1, y + 1, w - 2, h - 2);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}
