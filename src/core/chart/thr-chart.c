/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-chart.c — trend chart and compliance grid on cairo */
#define G_LOG_DOMAIN "thr-chart"

#include <math.h>
#include <pango/pangocairo.h>

#include "thr-chart.h"
#include "thr-chart-private.h"

#define MARGIN_LEFT   56.0
#define MARGIN_RIGHT  64.0
#define MARGIN_TOP    12.0
#define MARGIN_BOTTOM 30.0
#define MARK_RADIUS    5.0

/* ------------------------------------------------------------------ style */

static void
rgba_set (ThrRgba *c, double r, double g, double b)
{
  c->red = r;
  c->green = g;
  c->blue = b;
  c->alpha = 1.0;
}

void
thr_chart_style_init_print (ThrChartStyle *style)
{
  g_return_if_fail (style != NULL);

  rgba_set (&style->foreground, 0, 0, 0);
  rgba_set (&style->background, 1, 1, 1);
  rgba_set (&style->accent, 0.11, 0.35, 0.75);
  rgba_set (&style->success, 0.10, 0.45, 0.20);
  rgba_set (&style->error, 0.75, 0.10, 0.10);
  rgba_set (&style->pending, 0.45, 0.45, 0.45);
  style->font = "Sans 9";
}

void
thr_chart_set_source (cairo_t *cr, const ThrRgba *c, double alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* ------------------------------------------------------------------- axes */

double
thr_chart_axis_map (const ThrChartAxis *axis,
                    double              value)
{
  g_return_val_if_fail (axis != NULL, 0.0);

  if (axis->max <= axis->min)
    return 0.5;
  return (value - axis->min) / (axis->max - axis->min);
}

void
thr_chart_axis_include (ThrChartAxis *axis,
                        double        value)
{
  g_return_if_fail (axis != NULL);

  if (!isfinite (value))
    return;
  if (value < axis->min)
    axis->min = value;
  if (value > axis->max)
    axis->max = value;
}

double
thr_chart_axis_nice (ThrChartAxis *axis,
                     guint         max_ticks)
{
  double span, raw, magnitude, step;

  g_return_val_if_fail (axis != NULL, 1.0);
  g_return_val_if_fail (max_ticks >= 2, 1.0);

  if (axis->max <= axis->min)
    {
      double pad = fabs (axis->min) > 0 ? fabs (axis->min) * 0.1 : 1.0;
      axis->min -= pad;
      axis->max += pad;
    }
  span = axis->max - axis->min;
  raw = span / (max_ticks - 1);
  magnitude = pow (10.0, floor (log10 (raw)));
  if (raw <= magnitude)
    step = magnitude;
  else if (raw <= 2 * magnitude)
    step = 2 * magnitude;
  else if (raw <= 5 * magnitude)
    step = 5 * magnitude;
  else
    step = 10 * magnitude;
  axis->min = floor (axis->min / step) * step;
  axis->max = ceil (axis->max / step) * step;
  return step;
}

const char *
thr_chart_op_symbol (ThrOp op)
{
  switch (op)
    {
    case THR_OP_GE:      return "≥";
    case THR_OP_GT:      return ">";
    case THR_OP_LE:      return "≤";
    case THR_OP_LT:      return "<";
    case THR_OP_BETWEEN: return "↔";
    case THR_OP_WITHIN:
    default:             return "±";
    }
}

/* ----------------------------------------------------------------- layout */

gboolean
thr_chart_point_value (const ThrChartPoint *point,
                       double              *value)
{
  g_return_val_if_fail (point != NULL, FALSE);

  if (point->has_reported)
    *value = point->reported;
  else if (point->has_computed)
    *value = point->computed;
  else
    return FALSE;
  return TRUE;
}

static gboolean
has_point_bands (const ThrChartData *data)
{
  for (guint i = 0; i < data->n_points; i++)
    if (data->points[i].has_band)
      return TRUE;
  return FALSE;
}

void
thr_chart_layout (const ThrChartData *data,
                  double              width,
                  double              height,
                  ThrChartLayout     *layout)
{
  ThrChartAxis y = { INFINITY, -INFINITY };

  g_return_if_fail (data != NULL);
  g_return_if_fail (layout != NULL);

  for (guint i = 0; i < data->n_points; i++)
    {
      if (data->points[i].has_reported)
        thr_chart_axis_include (&y, data->points[i].reported);
      if (data->points[i].has_computed)
        thr_chart_axis_include (&y, data->points[i].computed);
    }
  if (has_point_bands (data))
    {
      for (guint i = 0; i < data->n_points; i++)
        if (data->points[i].has_band)
          {
            thr_chart_axis_include (&y, data->points[i].band_lower);
            thr_chart_axis_include (&y, data->points[i].band_upper);
          }
    }
  else if (data->op == THR_OP_BETWEEN || data->op == THR_OP_WITHIN)
    {
      thr_chart_axis_include (&y, data->lower);
      thr_chart_axis_include (&y, data->upper);
    }
  else
    thr_chart_axis_include (&y, data->target);
  if (!isfinite (y.min))
    y.min = y.max = 0;

  layout->y_step = thr_chart_axis_nice (&y, 6);
  if (data->unit == THR_UNIT_PERCENT)
    {
      y.min = MAX (y.min, 0.0);
      y.max = MIN (y.max, 100.0);
      if (y.max <= y.min)
        y.max = y.min + layout->y_step;
    }
  else if (y.min < 0 && data->unit != THR_UNIT_DOLLARS)
    y.min = 0;

  layout->y = y;
  layout->x.min = 0;
  layout->x.max = MAX (data->n_points, 1);
  layout->left = MARGIN_LEFT;
  layout->top = MARGIN_TOP;
  layout->width = MAX (width - MARGIN_LEFT - MARGIN_RIGHT, 1.0);
  layout->height = MAX (height - MARGIN_TOP - MARGIN_BOTTOM, 1.0);
}

double
thr_chart_layout_x (const ThrChartLayout *layout,
                    double                index)
{
  return layout->left + thr_chart_axis_map (&layout->x, index + 0.5) * layout->width;
}

double
thr_chart_layout_y (const ThrChartLayout *layout,
                    double                value)
{
  return layout->top + (1.0 - thr_chart_axis_map (&layout->y, value)) * layout->height;
}

int
thr_chart_point_at (const ThrChartData *data,
                    double              width,
                    double              height,
                    double              x)
{
  ThrChartLayout layout;
  double t;
  int index;

  g_return_val_if_fail (data != NULL, -1);

  if (data->n_points == 0)
    return -1;
  thr_chart_layout (data, width, height, &layout);
  t = (x - layout.left) / layout.width;
  if (t < 0 || t > 1)
    return -1;
  index = (int) floor (t * layout.x.max);
  return CLAMP (index, 0, (int) data->n_points - 1);
}

/* ---------------------------------------------------------------- drawing */

PangoLayout *
thr_chart_text_new (cairo_t             *cr,
                    const ThrChartStyle *style)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (style->font ? style->font : "Sans 9");

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  return layout;
}

void
thr_chart_show_text (cairo_t     *cr,
                     PangoLayout *layout,
                     const char  *text,
                     double       x,
                     double       y,
                     double       align_x,
                     double       align_y)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, round (x - w * align_x), round (y - h * align_y));
  pango_cairo_show_layout (cr, layout);
}

void
thr_chart_draw_text (cairo_t             *cr,
                     const ThrChartStyle *style,
                     const char          *text,
                     double               x,
                     double               y,
                     double               align_x,
                     double               align_y)
{
  PangoLayout *layout = thr_chart_text_new (cr, style);

  thr_chart_show_text (cr, layout, text, x, y, align_x, align_y);
  g_object_unref (layout);
}

static char *
format_value (ThrUnit unit,
              double  value,
              double  step)
{
  int decimals = step >= 1 ? 0 : (int) ceil (-log10 (step));

  switch (unit)
    {
    case THR_UNIT_PERCENT:
      return g_strdup_printf ("%.*f %%", decimals, value);
    case THR_UNIT_SECONDS:
      return g_strdup_printf ("%.*f s", decimals, value);
    case THR_UNIT_DOLLARS:
      if (fabs (value) >= 1000)
        return g_strdup_printf ("$%.0fk", value / 1000);
      return g_strdup_printf ("$%.0f", value);
    case THR_UNIT_COUNT:
    default:
      return g_strdup_printf ("%.*f", decimals, value);
    }
}

static void
draw_axes (cairo_t              *cr,
           const ThrChartLayout *l,
           const ThrChartData   *data,
           const ThrChartStyle  *style)
{
  guint every;

  cairo_set_line_width (cr, 1.0);
  for (double v = l->y.min; v <= l->y.max + l->y_step * 1e-6; v += l->y_step)
    {
      double y = round (thr_chart_layout_y (l, v)) + 0.5;
      g_autofree char *text = format_value (data->unit, v, l->y_step);

      thr_chart_set_source (cr, &style->foreground, 0.12);
      cairo_move_to (cr, l->left, y);
      cairo_line_to (cr, l->left + l->width, y);
      cairo_stroke (cr);
      thr_chart_set_source (cr, &style->foreground, 0.75);
      thr_chart_draw_text (cr, style, text, l->left - 6, y, 1.0, 0.5);
    }

  /* One month label per 56 px at most. */
  every = data->n_points > 0 ? (guint) ceil (56.0 / (l->width / data->n_points)) : 1;
  every = MAX (every, 1);
  thr_chart_set_source (cr, &style->foreground, 0.75);
  for (guint i = 0; i < data->n_points; i += every)
    if (data->points[i].label != NULL)
      thr_chart_draw_text (cr, style, data->points[i].label, thr_chart_layout_x (l, i),
                 l->top + l->height + 6, 0.5, 0.0);

  thr_chart_set_source (cr, &style->foreground, 0.5);
  cairo_move_to (cr, l->left, l->top + l->height + 0.5);
  cairo_line_to (cr, l->left + l->width, l->top + l->height + 0.5);
  cairo_stroke (cr);
}

static void
draw_windows (cairo_t              *cr,
              const ThrChartLayout *l,
              const ThrChartData   *data,
              const ThrChartStyle  *style)
{
  for (guint i = 0; i < data->n_windows; i++)
    {
      const ThrChartWindow *w = &data->windows[i];
      double x0, x1;

      if (w->first >= data->n_points || w->last < w->first)
        continue;
      x0 = thr_chart_layout_x (l, w->first - 0.5);
      x1 = thr_chart_layout_x (l, MIN (w->last, data->n_points - 1) + 0.5);
      thr_chart_set_source (cr, &style->error, 0.10);
      cairo_rectangle (cr, x0, l->top, x1 - x0, l->height);
      cairo_fill (cr);
    }
}

static void
draw_threshold (cairo_t              *cr,
                const ThrChartLayout *l,
                const ThrChartData   *data,
                const ThrChartStyle  *style)
{
  g_autofree char *text = NULL;
  double right = l->left + l->width;

  cairo_save (cr);
  cairo_rectangle (cr, l->left, l->top, l->width + MARGIN_RIGHT, l->height);
  cairo_clip (cr);
  cairo_set_line_width (cr, 2.0);
  if (has_point_bands (data))
    {
      for (guint i = 0; i < data->n_points; i++)
        {
          const ThrChartPoint *p = &data->points[i];
          double x0 = thr_chart_layout_x (l, i - 0.5), x1 = thr_chart_layout_x (l, i + 0.5);
          double y0, y1;

          if (!p->has_band)
            continue;
          y0 = thr_chart_layout_y (l, p->band_upper);
          y1 = thr_chart_layout_y (l, p->band_lower);
          thr_chart_set_source (cr, &style->foreground, 0.10);
          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
          cairo_fill (cr);
          thr_chart_set_source (cr, &style->foreground, 0.6);
          cairo_move_to (cr, x0, y0);
          cairo_line_to (cr, x1, y0);
          cairo_move_to (cr, x0, y1);
          cairo_line_to (cr, x1, y1);
          cairo_stroke (cr);
        }
    }
  else if (data->op == THR_OP_BETWEEN || data->op == THR_OP_WITHIN)
    {
      double y0 = thr_chart_layout_y (l, data->upper);
      double y1 = thr_chart_layout_y (l, data->lower);

      thr_chart_set_source (cr, &style->foreground, 0.08);
      cairo_rectangle (cr, l->left, y0, l->width, y1 - y0);
      cairo_fill (cr);
      thr_chart_set_source (cr, &style->foreground, 0.6);
      cairo_move_to (cr, l->left, y0);
      cairo_line_to (cr, right, y0);
      cairo_move_to (cr, l->left, y1);
      cairo_line_to (cr, right, y1);
      cairo_stroke (cr);
      text = g_strdup_printf ("%g–%g", data->lower, data->upper);
      thr_chart_draw_text (cr, style, text, right + 4, (y0 + y1) / 2, 0.0, 0.5);
    }
  else
    {
      double y = thr_chart_layout_y (l, data->target);

      thr_chart_set_source (cr, &style->foreground, 0.6);
      cairo_move_to (cr, l->left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
      g_autofree char *target = format_value (data->unit, data->target,
                                              fabs (data->target - round (data->target)) < 1e-9 ? 1 : 0.01);

      text = g_strdup_printf ("%s %s", thr_chart_op_symbol (data->op), target);
      thr_chart_draw_text (cr, style, text, right + 4, y, 0.0, 0.5);
    }
  cairo_restore (cr);
}

static void
draw_series (cairo_t              *cr,
             const ThrChartLayout *l,
             const ThrChartData   *data,
             gboolean              computed)
{
  gboolean pen_down = FALSE;

  for (guint i = 0; i < data->n_points; i++)
    {
      const ThrChartPoint *p = &data->points[i];
      gboolean has = computed ? p->has_computed : p->has_reported;
      double v = computed ? p->computed : p->reported;

      if (!has || p->status == THR_STATUS_PENDING)
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, thr_chart_layout_x (l, i), thr_chart_layout_y (l, v));
      else
        cairo_move_to (cr, thr_chart_layout_x (l, i), thr_chart_layout_y (l, v));
      pen_down = TRUE;
    }
  cairo_stroke (cr);
}

/* Met: a disc.  Missed: a downward triangle.  Pending: a hollow diamond. */
static void
draw_mark (cairo_t             *cr,
           const ThrChartStyle *style,
           ThrStatus            status,
           double               x,
           double               y)
{
  double r = MARK_RADIUS;

  switch (status)
    {
    case THR_STATUS_MET:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      thr_chart_set_source (cr, &style->success, 1.0);
      cairo_fill (cr);
      break;
    case THR_STATUS_MISSED:
      r += 1.5;
      cairo_move_to (cr, x - r, y - r * 0.7);
      cairo_line_to (cr, x + r, y - r * 0.7);
      cairo_line_to (cr, x, y + r);
      cairo_close_path (cr);
      thr_chart_set_source (cr, &style->error, 1.0);
      cairo_fill (cr);
      break;
    case THR_STATUS_PENDING:
    case THR_STATUS_NO_DATA:
    default:
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      thr_chart_set_source (cr, &style->background, 1.0);
      cairo_fill_preserve (cr);
      thr_chart_set_source (cr, &style->pending, 1.0);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      break;
    }
}

void
thr_chart_draw (cairo_t             *cr,
                double               width,
                double               height,
                const ThrChartData  *data,
                const ThrChartStyle *style)
{
  ThrChartLayout l;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (style != NULL);

  thr_chart_layout (data, width, height, &l);

  cairo_save (cr);
  draw_windows (cr, &l, data, style);
  draw_axes (cr, &l, data, style);
  draw_threshold (cr, &l, data, style);

  if (data->selected >= 0 && (guint) data->selected < data->n_points)
    {
      double x = round (thr_chart_layout_x (&l, data->selected)) + 0.5;

      thr_chart_set_source (cr, &style->accent, 0.5);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, x, l.top);
      cairo_line_to (cr, x, l.top + l.height);
      cairo_stroke (cr);
    }

  /* The recomputed series: accent, dashed, with small hollow rings. */
  thr_chart_set_source (cr, &style->accent, 1.0);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
  draw_series (cr, &l, data, TRUE);
  cairo_set_dash (cr, NULL, 0, 0);
  for (guint i = 0; i < data->n_points; i++)
    if (data->points[i].has_computed && data->points[i].has_reported &&
        data->points[i].status != THR_STATUS_PENDING)
      {
        cairo_arc (cr, thr_chart_layout_x (&l, i), thr_chart_layout_y (&l, data->points[i].computed),
                   3.0, 0, 2 * G_PI);
        cairo_stroke (cr);
      }

  /* The governing series: foreground, solid, with status marks. */
  thr_chart_set_source (cr, &style->foreground, 0.8);
  cairo_set_line_width (cr, 2.0);
  draw_series (cr, &l, data, FALSE);

  for (guint i = 0; i < data->n_points; i++)
    {
      double v;

      if (!thr_chart_point_value (&data->points[i], &v))
        continue;
      draw_mark (cr, style, data->points[i].status,
                 thr_chart_layout_x (&l, i), thr_chart_layout_y (&l, v));
    }

  if (data->selected >= 0 && (guint) data->selected < data->n_points)
    {
      double v;

      if (thr_chart_point_value (&data->points[data->selected], &v))
        {
          thr_chart_set_source (cr, &style->accent, 1.0);
          cairo_set_line_width (cr, 2.0);
          cairo_arc (cr, thr_chart_layout_x (&l, data->selected), thr_chart_layout_y (&l, v),
                     MARK_RADIUS + 4, 0, 2 * G_PI);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}
