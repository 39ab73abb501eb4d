/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-grid.c — the compliance grid: metrics × months, grouped by section
 *
 * Each cell shows its status twice: by a tint and by a glyph (met ✓,
 * missed ✗, pending ○, no data –), so the grid reads without colour.
 * The grid is drawn in three parts (month header, metric column, body)
 * that thr_grid_draw puts together for a page, and that the window lays
 * out on their own so the headers stay in view while the body scrolls.
 */
#define G_LOG_DOMAIN "thr-grid"

#include <math.h>
#include <string.h>

#include "thr-chart.h"
#include "thr-chart-private.h"

#define STALE_ALPHA 0.4

double
thr_grid_get_label_width (const ThrGridData *data)
{
  g_return_val_if_fail (data != NULL, THR_GRID_LABEL_WIDTH);
  return data->label_width > 0 ? data->label_width : THR_GRID_LABEL_WIDTH;
}

static double
cell_width (const ThrGridData *data,
            double             width)
{
  double w;

  if (data->n_cols == 0)
    return THR_GRID_MIN_CELL;
  w = floor ((width - thr_grid_get_label_width (data)) / data->n_cols);
  return CLAMP (w, THR_GRID_MIN_CELL, THR_GRID_MAX_CELL);
}

static gboolean
starts_section (const ThrGridData *data,
                guint              row)
{
  if (data->row_sections == NULL)
    return row == 0;
  return row == 0 || g_strcmp0 (data->row_sections[row], data->row_sections[row - 1]) != 0;
}

double
thr_grid_body_row_top (const ThrGridData *data,
                       guint              row,
                       gboolean           with_heading)
{
  double y = 0;

  g_return_val_if_fail (data != NULL, 0);

  for (guint r = 0; r <= row && r < data->n_rows; r++)
    {
      if (starts_section (data, r))
        y += THR_GRID_SECTION_HEIGHT;
      if (r < row)
        y += THR_GRID_ROW_HEIGHT;
    }
  if (with_heading && row < data->n_rows && starts_section (data, row))
    y -= THR_GRID_SECTION_HEIGHT;
  return y;
}

double
thr_grid_get_body_height (const ThrGridData *data)
{
  g_return_val_if_fail (data != NULL, 0);
  return data->n_rows ? thr_grid_body_row_top (data, data->n_rows - 1, FALSE) + THR_GRID_ROW_HEIGHT : 0;
}

void
thr_grid_get_size (const ThrGridData *data,
                   double            *min_width,
                   double            *height)
{
  g_return_if_fail (data != NULL);

  if (min_width)
    *min_width = thr_grid_get_label_width (data) + data->n_cols * THR_GRID_MIN_CELL;
  if (height)
    *height = THR_GRID_HEADER_HEIGHT + thr_grid_get_body_height (data);
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
  *x = thr_grid_get_label_width (data) + col * cw;
  *y = THR_GRID_HEADER_HEIGHT + thr_grid_body_row_top (data, row, FALSE);
  *w = cw;
  *h = THR_GRID_ROW_HEIGHT;
}

gboolean
thr_grid_body_cell_at (const ThrGridData *data,
                       double             cw,
                       double             x,
                       double             y,
                       guint             *row,
                       guint             *col)
{
  double top = 0;

  g_return_val_if_fail (data != NULL, FALSE);

  if (x < 0 || x >= cw * data->n_cols)
    return FALSE;
  for (guint r = 0; r < data->n_rows; r++)
    {
      if (starts_section (data, r))
        top += THR_GRID_SECTION_HEIGHT;
      if (y >= top && y < top + THR_GRID_ROW_HEIGHT)
        {
          *row = r;
          *col = (guint) (x / cw);
          return TRUE;
        }
      top += THR_GRID_ROW_HEIGHT;
    }
  return FALSE;
}

gboolean
thr_grid_cell_at (const ThrGridData *data,
                  double             width,
                  double             x,
                  double             y,
                  guint             *row,
                  guint             *col)
{
  g_return_val_if_fail (data != NULL, FALSE);

  return thr_grid_body_cell_at (data, cell_width (data, width), x - thr_grid_get_label_width (data),
                                y - THR_GRID_HEADER_HEIGHT, row, col);
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

static gboolean
col_stale (const ThrGridData *data,
           guint              c)
{
  return data->col_stale != NULL && data->col_stale[c];
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

/* ------------------------------------------------------------ the header */

static void layouts_suit (ThrGridLayouts *kept, cairo_t *cr, const ThrChartStyle *style);
static void show_aligned (cairo_t *cr, const ThrGridData *data, const ThrChartStyle *style, PangoLayout *layout,
                          const char *text, double x, double y, double align_x, double align_y);

void
thr_grid_draw_column_header (cairo_t             *cr,
                             const ThrGridData   *data,
                             const ThrChartStyle *style,
                             double               cw)
{
  PangoLayout *text;
  guint every = cw >= 28 ? 1 : 2;
  double cx0, cy0, cx1, cy1;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (style != NULL);

  cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);
  cairo_save (cr);
  if (data->highlight_col >= 0 && (guint) data->highlight_col < data->n_cols)
    {
      thr_chart_set_source (cr, &style->accent, 0.18);
      cairo_rectangle (cr, data->highlight_col * cw, 0, cw, THR_GRID_HEADER_HEIGHT);
      cairo_fill (cr);
    }
  /* The cursor's month is underlined: the header says which column the
   * keyboard is in. */
  if (data->selected_col >= 0 && (guint) data->selected_col < data->n_cols)
    {
      thr_chart_set_source (cr, &style->accent, 1.0);
      cairo_rectangle (cr, data->selected_col * cw + 2, THR_GRID_HEADER_HEIGHT - 3, cw - 4, 3);
      cairo_fill (cr);
    }
  text = thr_chart_text_new (cr, style);
  if (data->layouts != NULL)
    layouts_suit (data->layouts, cr, style);
  for (guint c = 0; c < data->n_cols; c++)
    {
      const char *label = data->col_labels ? data->col_labels[c] : NULL;
      double cx = c * cw + cw / 2;
      gboolean known = data->col_known == NULL || data->col_known[c];
      char year[5] = { 0 };

      if (label == NULL || strlen (label) < 7 || cx + cw < cx0 - 40 || cx - cw > cx1)
        continue;
      thr_chart_set_source (cr, &style->foreground, 0.75);
      if (c == 0 || strcmp (label + 5, "01") == 0)
        {
          memcpy (year, label, 4);
          show_aligned (cr, data, style, text, year, cx - cw / 2 + 2, 2, 0.0, 0.0);
        }
      if (c % every == 0 || (int) c == data->selected_col)
        {
          thr_chart_set_source (cr, &style->foreground,
                                (int) c == data->selected_col ? 1.0 : known && !col_stale (data, c) ? 0.75 : 0.3);
          show_aligned (cr, data, style, text, label + 5, cx, THR_GRID_HEADER_HEIGHT - 4, 0.5, 1.0);
        }
    }
  g_object_unref (text);
  cairo_restore (cr);
}

/* ------------------------------------------------------ the metric column */

/* Each text at each width it is shown at; shaping a text is most of what
 * drawing the column costs. */
struct _ThrGridLayouts {
  GHashTable           *by_text;   /* "width\x1ftext" → PangoLayout */
  /* What they were laid out for: the font, and what PangoCairo takes
   * from a cairo_t (its font options and its target's, its matrix less
   * the translation). */
  char                 *font;
  cairo_font_options_t *options;
  cairo_matrix_t        matrix;
  PangoContext         *context;   /* theirs, as pango_cairo_create_layout () makes one,
                                    * or the one given to thr_grid_layouts_new_in () */
  gboolean              given;
  guint                 serial;    /* the given context's, when they were laid out, */
  double                dpi;       /* and its resolution, which its serial leaves out */
};

/* More than a few widths' worth (the window was resized): start again. */
#define LAYOUTS_MAX 1024

ThrGridLayouts *
thr_grid_layouts_new (void)
{
  ThrGridLayouts *layouts = g_new0 (ThrGridLayouts, 1);

  layouts->by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  return layouts;
}

/* The texts laid out in @context, a front end's (a widget's), rather than
 * in one made from each cairo_t: its own text is laid out there, so the
 * grid's shares its fonts (one fontset and one fontconfig substitution
 * less, and glyphs the front end's text has already loaded).  They are
 * laid out again when the context changes: its serial (its font options,
 * its font map) or its resolution, which Pango changes without a serial. */
ThrGridLayouts *
thr_grid_layouts_new_in (PangoContext *context)
{
  ThrGridLayouts *layouts;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  layouts = thr_grid_layouts_new ();
  layouts->context = g_object_ref (context);
  layouts->given = TRUE;
  layouts->serial = pango_context_get_serial (context);
  layouts->dpi = pango_cairo_context_get_resolution (context);
  return layouts;
}

void
thr_grid_layouts_free (ThrGridLayouts *layouts)
{
  if (layouts == NULL)
    return;
  g_hash_table_unref (layouts->by_text);
  g_free (layouts->font);
  g_clear_pointer (&layouts->options, cairo_font_options_destroy);
  g_clear_object (&layouts->context);
  g_free (layouts);
}

/* The layouts kept are dropped when they were made for another font or
 * another cairo_t's look.  Checked here rather than by
 * pango_cairo_update_layout () on each: setting a context's matrix marks
 * it changed even to the same matrix, and each layout would be shaped
 * again. */
static void
layouts_suit_given (ThrGridLayouts      *kept,
                    const ThrChartStyle *style)
{
  guint serial = pango_context_get_serial (kept->context);
  double dpi = pango_cairo_context_get_resolution (kept->context);

  if (serial == kept->serial && dpi == kept->dpi && kept->font != NULL &&
      g_strcmp0 (kept->font, style->font) == 0 && g_hash_table_size (kept->by_text) <= LAYOUTS_MAX)
    return;
  /* A layout would follow its context's serial by itself, but not its
   * resolution: each is made again. */
  g_hash_table_remove_all (kept->by_text);
  g_free (kept->font);
  kept->font = g_strdup (style->font);
  kept->serial = serial;
  kept->dpi = dpi;
}

static void
layouts_suit (ThrGridLayouts      *kept,
              cairo_t             *cr,
              const ThrChartStyle *style)
{
  cairo_font_options_t *options;
  cairo_font_options_t *own;
  cairo_matrix_t matrix;

  if (kept->given)
    {
      layouts_suit_given (kept, style);
      return;
    }
  options = cairo_font_options_create ();
  own = cairo_font_options_create ();
  cairo_surface_get_font_options (cairo_get_target (cr), options);
  cairo_get_font_options (cr, own);
  cairo_font_options_merge (options, own);
  cairo_font_options_destroy (own);
  cairo_get_matrix (cr, &matrix);
  matrix.x0 = matrix.y0 = 0;
  if (kept->options != NULL && cairo_font_options_equal (options, kept->options) &&
      memcmp (&matrix, &kept->matrix, sizeof matrix) == 0 && g_strcmp0 (kept->font, style->font) == 0 &&
      g_hash_table_size (kept->by_text) <= LAYOUTS_MAX)
    {
      cairo_font_options_destroy (options);
      return;
    }
  g_hash_table_remove_all (kept->by_text);
  g_free (kept->font);
  kept->font = g_strdup (style->font);
  g_clear_pointer (&kept->options, cairo_font_options_destroy);
  kept->options = options;
  kept->matrix = matrix;
  g_clear_object (&kept->context);
  kept->context = pango_cairo_create_context (cr);
}

/* @text laid out at @width (pixels; -1: unbounded), ellipsized at its
 * end: @layout itself when nothing is kept, else the one kept (made on
 * @cr the first time). */
static PangoLayout *
layout_text (cairo_t             *cr,
             const ThrGridData   *data,
             const ThrChartStyle *style,
             PangoLayout         *layout,
             const char          *text,
             int                  width)
{
  ThrGridLayouts *kept = data->layouts;
  g_autofree char *key = NULL;
  PangoLayout *found;

  if (kept == NULL)
    {
      pango_layout_set_width (layout, width < 0 ? -1 : width * PANGO_SCALE);
      pango_layout_set_text (layout, text, -1);
      return layout;
    }
  key = g_strdup_printf ("%d\x1f%s", width, text);
  found = g_hash_table_lookup (kept->by_text, key);
  if (found != NULL)
    return found;
  found = thr_chart_text_new_in (kept->context, style);
  pango_layout_set_ellipsize (found, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (found, width < 0 ? -1 : width * PANGO_SCALE);
  pango_layout_set_text (found, text, -1);
  g_hash_table_insert (kept->by_text, g_steal_pointer (&key), found);
  return found;
}

/* @text at (@x, @y) as thr_chart_show_text () puts it, in the layout kept
 * for it when the grid keeps its texts: the month header shows each
 * month's number in two years, and is drawn again at every month that
 * arrives. */
static void
show_aligned (cairo_t             *cr,
              const ThrGridData   *data,
              const ThrChartStyle *style,
              PangoLayout         *layout,
              const char          *text,
              double               x,
              double               y,
              double               align_x,
              double               align_y)
{
  int w, h;

  if (data->layouts == NULL)
    {
      thr_chart_show_text (cr, layout, text, x, y, align_x, align_y);
      return;
    }
  layout = layout_text (cr, data, style, layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, round (x - w * align_x), round (y - h * align_y));
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

static void
show_clipped (cairo_t             *cr,
              const ThrGridData   *data,
              const ThrChartStyle *style,
              PangoLayout         *layout,
              const char          *text,
              double               x,
              double               y,
              double               width)
{
  int w, h;

  layout = layout_text (cr, data, style, layout, text, (int) MAX (width, 1));
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, round (x), round (y - h / 2.0));
  pango_cairo_show_layout (cr, layout);
  cairo_new_path (cr);
}

/* The ids' column: as wide as the widest id, at most half the column.
 * The ids are measured as the lines of one layout, whose width is its
 * widest line's: one layout instead of one per id (51 in RFP 16-102),
 * none of which was drawn (the ids shown are laid out at their column's
 * width). */
static double
id_width (cairo_t             *cr,
          const ThrGridData   *data,
          const ThrChartStyle *style,
          PangoLayout         *layout,
          double               width)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  int widest = 0, h;

  for (guint r = 0; data->row_labels && r < data->n_rows; r++)
    {
      if (data->row_labels[r] == NULL)
        continue;
      if (ids->len > 0)
        g_string_append_c (ids, '\n');
      g_string_append (ids, data->row_labels[r]);
    }
  if (ids->len > 0)
    pango_layout_get_pixel_size (layout_text (cr, data, style, layout, ids->str, -1), &widest, &h);
  return MIN (widest + 10.0, width / 2);
}

void
thr_grid_draw_row_header (cairo_t             *cr,
                          double               width,
                          const ThrGridData   *data,
                          const ThrChartStyle *style)
{
  PangoLayout *text;
  double cx0, clip_y0, cx1, clip_y1, ids, top = 0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (style != NULL);

  cairo_clip_extents (cr, &cx0, &clip_y0, &cx1, &clip_y1);
  cairo_save (cr);
  text = thr_chart_text_new (cr, style);
  pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
  if (data->layouts != NULL)
    layouts_suit (data->layouts, cr, style);
  ids = id_width (cr, data, style, text, width);
  for (guint r = 0; r < data->n_rows; r++)
    {
      if (starts_section (data, r))
        {
          const char *section = data->row_sections ? data->row_sections[r] : NULL;

          if (section != NULL && top + THR_GRID_SECTION_HEIGHT >= clip_y0 && top <= clip_y1)
            {
              thr_chart_set_source (cr, &style->foreground, 1.0);
              show_clipped (cr, data, style, text, section, 4, top + THR_GRID_SECTION_HEIGHT / 2 + 2, width - 8);
            }
          top += THR_GRID_SECTION_HEIGHT;
        }
      if (top + THR_GRID_ROW_HEIGHT >= clip_y0 && top <= clip_y1)
        {
          gboolean cursor = (int) r == data->selected_row;

          if (cursor)
            {
              thr_chart_set_source (cr, &style->accent, 0.18);
              cairo_rectangle (cr, 0, top, width, THR_GRID_ROW_HEIGHT);
              cairo_fill (cr);
              thr_chart_set_source (cr, &style->accent, 1.0);
              cairo_rectangle (cr, width - 3, top + 2, 3, THR_GRID_ROW_HEIGHT - 4);
              cairo_fill (cr);
            }
          thr_chart_set_source (cr, &style->foreground, 0.06);
          cairo_rectangle (cr, 0, top + THR_GRID_ROW_HEIGHT - 1, width, 1);
          cairo_fill (cr);
          if (data->row_labels && data->row_labels[r])
            {
              thr_chart_set_source (cr, &style->foreground, cursor ? 1.0 : 0.9);
              show_clipped (cr, data, style, text, data->row_labels[r], 4, top + THR_GRID_ROW_HEIGHT / 2, ids - 6);
            }
          if (data->row_titles && data->row_titles[r])
            {
              thr_chart_set_source (cr, &style->foreground, cursor ? 0.9 : 0.65);
              show_clipped (cr, data, style, text, data->row_titles[r], ids, top + THR_GRID_ROW_HEIGHT / 2,
                            width - ids - 6);
            }
        }
      top += THR_GRID_ROW_HEIGHT;
    }
  g_object_unref (text);
  cairo_restore (cr);
}

/* -------------------------------------------------------------- the body */

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
                  double x = c * cw;

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
                   double               clip_x0,
                   double               clip_x1,
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
          double x = c * cw;

          if (!cell_shown (data, r, c) || x + cw < clip_x0 || x > clip_x1)
            continue;
          if (status > THR_STATUS_NO_DATA)
            status = THR_STATUS_NO_DATA;
          cairo_set_source_surface (cr, sprites[status], x, tops[r]);
          if (col_stale (data, c))
            {
              cairo_save (cr);
              cairo_rectangle (cr, x, tops[r], cw, THR_GRID_ROW_HEIGHT);
              cairo_clip (cr);
              cairo_paint_with_alpha (cr, STALE_ALPHA);
              cairo_restore (cr);
              continue;
            }
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
thr_grid_draw_body (cairo_t             *cr,
                    const ThrGridData   *data,
                    const ThrChartStyle *style,
                    double               cw)
{
  g_autofree double *tops = NULL;
  double x1 = cw * data->n_cols, top = 0;
  double clip_x0, clip_x1, clip_y0, clip_y1;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (style != NULL);

  cairo_clip_extents (cr, &clip_x0, &clip_y0, &clip_x1, &clip_y1);
  tops = g_new (double, MAX (data->n_rows, 1));

  cairo_save (cr);
  if (data->highlight_col >= 0 && (guint) data->highlight_col < data->n_cols)
    {
      thr_chart_set_source (cr, &style->accent, 0.18);
      cairo_rectangle (cr, data->highlight_col * cw, 0, cw, thr_grid_get_body_height (data));
      cairo_fill (cr);
    }
  /* The row rules, then the section rules, as one path each. */
  for (guint r = 0; r < data->n_rows; r++)
    {
      if (starts_section (data, r))
        top += THR_GRID_SECTION_HEIGHT;
      tops[r] = top;
      top += THR_GRID_ROW_HEIGHT;
      if (tops[r] + THR_GRID_ROW_HEIGHT < clip_y0 || tops[r] > clip_y1)
        continue;
      cairo_rectangle (cr, 0, tops[r] + THR_GRID_ROW_HEIGHT - 1, x1, 1);
    }
  thr_chart_set_source (cr, &style->foreground, 0.06);
  cairo_fill (cr);

  if (is_vector (cr))
    draw_cells_vector (cr, data, style, tops, cw, clip_y0, clip_y1);
  else
    draw_cells_raster (cr, data, style, tops, cw, clip_x0, clip_x1, clip_y0, clip_y1);
  if (data->selected_row >= 0 && data->selected_col >= 0 &&
      (guint) data->selected_row < data->n_rows && (guint) data->selected_col < data->n_cols)
    {
      double x = data->selected_col * cw, y = tops[data->selected_row];

      thr_chart_set_source (cr, &style->accent, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_rectangle (cr, x + 1, y + 1, cw - 2, THR_GRID_ROW_HEIGHT - 2);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* ------------------------------------------------------------ the whole */

void
thr_grid_draw (cairo_t             *cr,
               double               width,
               double               height,
               const ThrGridData   *data,
               const ThrChartStyle *style)
{
  double cw, lw;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (style != NULL);

  cw = cell_width (data, width);
  lw = thr_grid_get_label_width (data);
  cairo_save (cr);
  cairo_translate (cr, lw, 0);
  thr_grid_draw_column_header (cr, data, style, cw);
  cairo_translate (cr, -lw, THR_GRID_HEADER_HEIGHT);
  thr_grid_draw_row_header (cr, lw, data, style);
  cairo_translate (cr, lw, 0);
  thr_grid_draw_body (cr, data, style, cw);
  cairo_restore (cr);
}
