/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-chart.c — trend chart and compliance grid on cairo */
#define G_LOG_DOMAIN "thr-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "thr-chart.h"
#include "thr-chart-private.h"
#include "thr-period.h"

#define MARGIN_LEFT   56.0
#define MARGIN_RIGHT  12.0   /* with no threshold label */
#define MARGIN_TOP    12.0
#define MARGIN_BOTTOM 30.0
#define MARK_RADIUS    5.0
#define DEFAULT_FONT  "Sans 9"

/* The threshold keeps this share of the value range between itself and
 * either end of the axis, so its line never sits on the axis. */
#define THRESHOLD_PAD 0.15

#define LEGEND_SWATCH 18.0
#define LEGEND_GAP    14.0

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
  rgba_set (&style->warning, 0.80, 0.45, 0.0);
  style->font = DEFAULT_FONT;
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


/* ------------------------------------------------------------------- text */

PangoLayout *
thr_chart_text_new (cairo_t             *cr,
                    const ThrChartStyle *style)
{
  PangoContext *context = pango_cairo_create_context (cr);
  PangoLayout *layout = thr_chart_text_new_in (context, style);

  g_object_unref (context);
  return layout;
}

PangoLayout *
thr_chart_text_new_in (PangoContext        *context,
                       const ThrChartStyle *style)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (style->font ? style->font : DEFAULT_FONT);

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
  /* No current point left behind: a later arc would join it with a line. */
  cairo_new_path (cr);
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

/* The layout has no cairo_t: text is measured on the default font map,
 * as pango_cairo_create_layout() would lay it out on an image. */
static PangoLayout *
measure_layout_new (const ThrChartStyle *style)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (style && style->font ? style->font
                                                                                         : DEFAULT_FONT);

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  g_object_unref (context);
  return layout;
}

static void
measure_text (PangoLayout *layout,
              const char  *text,
              double      *width,
              double      *height)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
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

gboolean
thr_chart_point_is_drawn (const ThrChartData *data,
                          guint               index)
{
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (index < data->n_points, FALSE);

  /* Points are consecutive months: a to-date value with a month after it
   * belongs to a period that month continues, whose later point stands
   * for it.  Quarterly metrics thus draw one point per quarter. */
  return !data->points[index].to_date || index + 1 == data->n_points;
}

static gboolean
has_point_bands (const ThrChartData *data)
{
  for (guint i = 0; i < data->n_points; i++)
    if (data->points[i].has_band)
      return TRUE;
  return FALSE;
}

/* The chart's fixed threshold values (none for per-point bands). */
static guint
threshold_values (const ThrChartData *data,
                  double              values[2])
{
  if (has_point_bands (data))
    return 0;
  if (data->op == THR_OP_BETWEEN || data->op == THR_OP_WITHIN)
    {
      values[0] = data->lower;
      values[1] = data->upper;
      return 2;
    }
  values[0] = data->target;
  return 1;
}

static char *
threshold_text (const ThrChartData *data)
{
  g_autofree char *target = NULL;

  if (has_point_bands (data))
    return NULL;
  if (data->op == THR_OP_BETWEEN || data->op == THR_OP_WITHIN)
    return g_strdup_printf ("%g–%g", data->lower, data->upper);
  target = format_value (data->unit, data->target,
                         fabs (data->target - round (data->target)) < 1e-9 ? 1 : 0.01);
  return g_strdup_printf ("%s %s", thr_op_get_sign (data->op), target);
}

static void
include_values (const ThrChartData *data,
                ThrChartAxis       *y)
{
  for (guint i = 0; i < data->n_points; i++)
    {
      const ThrChartPoint *p = &data->points[i];

      if (!thr_chart_point_is_drawn (data, i))
        continue;
      if (p->has_reported)
        thr_chart_axis_include (y, p->reported);
      if (p->has_computed)
        thr_chart_axis_include (y, p->computed);
      if (p->has_band)
        {
          thr_chart_axis_include (y, p->band_lower);
          thr_chart_axis_include (y, p->band_upper);
        }
    }
}

/* The value range: the drawn values and the threshold, padded so that the
 * threshold keeps a share of the range on either side, rounded to nice
 * ticks, and held to 0–100 for percentages (0 up for counts and
 * durations) only where that keeps the threshold off the ends. */
static void
layout_values (const ThrChartData *data,
               ThrChartLayout     *layout)
{
  ThrChartAxis y = { INFINITY, -INFINITY };
  double thresholds[2], span, pad, low = INFINITY, high = -INFINITY, lowest_value;
  guint n = threshold_values (data, thresholds);

  include_values (data, &y);
  lowest_value = isfinite (y.min) ? y.min : 0;
  for (guint i = 0; i < n; i++)
    {
      thr_chart_axis_include (&y, thresholds[i]);
      low = MIN (low, thresholds[i]);
      high = MAX (high, thresholds[i]);
    }
  if (!isfinite (y.min))
    y.min = y.max = 0;
  span = y.max - y.min;
  if (span <= 0)
    span = fabs (y.max) > 0 ? fabs (y.max) * 0.2 : 1.0;
  pad = span * THRESHOLD_PAD;
  /* A little room around the values too, so no mark sits on the axis. */
  if (isfinite (lowest_value) && y.max > y.min)
    {
      y.min -= span * 0.04;
      y.max += span * 0.04;
    }
  if (n > 0)
    {
      y.min = MIN (y.min, low - pad);
      y.max = MAX (y.max, high + pad);
    }

  layout->y_step = thr_chart_axis_nice (&y, 6);
  if (data->unit == THR_UNIT_PERCENT && (n == 0 || high <= 100.0 - pad / 2))
    y.max = MIN (y.max, 100.0);
  if ((data->unit != THR_UNIT_DOLLARS || lowest_value >= 0) && (n == 0 || low >= pad / 2))
    y.min = MAX (y.min, 0.0);
  if (y.max <= y.min)
    y.max = y.min + layout->y_step;
  layout->y = y;
}

static gboolean
legend_has (const ThrChartData *data,
            ThrChartLegend      kind)
{
  for (guint i = 0; i < data->n_points; i++)
    {
      const ThrChartPoint *p = &data->points[i];
      double v;
      gboolean valued = thr_chart_point_value (p, &v);
      gboolean judged = p->status != THR_STATUS_PENDING;

      if (!thr_chart_point_is_drawn (data, i))
        continue;
      switch (kind)
        {
        case THR_CHART_LEGEND_MET:
          if (valued && p->status == THR_STATUS_MET)
            return TRUE;
          break;
        case THR_CHART_LEGEND_MISSED:
          if (valued && p->status == THR_STATUS_MISSED)
            return TRUE;
          break;
        case THR_CHART_LEGEND_PENDING:
          if (valued && (p->status == THR_STATUS_PENDING || p->status == THR_STATUS_NO_DATA))
            return TRUE;
          break;
        case THR_CHART_LEGEND_REPORTED:
          if (judged && p->has_reported)
            return TRUE;
          break;
        case THR_CHART_LEGEND_RECOMPUTED:
          if (judged && p->has_computed)
            return TRUE;
          break;
        case THR_CHART_LEGEND_DISCREPANCY:
          if (p->discrepancy && p->has_reported && p->has_computed)
            return TRUE;
          break;
        case THR_CHART_LEGEND_THRESHOLD:
        case THR_CHART_LEGEND_WINDOW:
        case THR_CHART_N_LEGEND:
        default:
          break;
        }
    }
  if (kind == THR_CHART_LEGEND_THRESHOLD)
    return TRUE;
  if (kind == THR_CHART_LEGEND_WINDOW)
    for (guint i = 0; i < data->n_windows; i++)
      if (data->windows[i].first < data->n_points && data->windows[i].last >= data->windows[i].first)
        return TRUE;
  return FALSE;
}

const char *
thr_chart_legend_get_label (ThrChartLegend kind)
{
  switch (kind)
    {
    case THR_CHART_LEGEND_MET:         return C_("chart legend", "Met");
    case THR_CHART_LEGEND_MISSED:      return C_("chart legend", "Missed");
    case THR_CHART_LEGEND_PENDING:     return C_("chart legend", "Pending or no data");
    case THR_CHART_LEGEND_REPORTED:    return C_("chart legend", "Reported");
    case THR_CHART_LEGEND_RECOMPUTED:  return C_("chart legend", "Recomputed from records");
    case THR_CHART_LEGEND_THRESHOLD:   return C_("chart legend", "Threshold");
    case THR_CHART_LEGEND_WINDOW:      return C_("chart legend", "Corrective period");
    case THR_CHART_LEGEND_DISCREPANCY: return C_("chart legend", "Reported and recomputed differ");
    case THR_CHART_N_LEGEND:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The legend's entries flow left to right above the plot, wrapping; the
 * returned height is what they take. */
static double
layout_legend (const ThrChartData *data,
               PangoLayout        *text,
               double              width,
               ThrChartLayout     *layout)
{
  double x = MARGIN_LEFT, y = 4, row_height = 0;

  layout->n_legend = 0;
  for (ThrChartLegend kind = 0; kind < THR_CHART_N_LEGEND; kind++)
    {
      double w, h, entry;

      if (!legend_has (data, kind))
        continue;
      measure_text (text, thr_chart_legend_get_label (kind), &w, &h);
      entry = LEGEND_SWATCH + 4 + w;
      if (x > MARGIN_LEFT && x + entry > width - 4)
        {
          x = MARGIN_LEFT;
          y += row_height + 2;
        }
      row_height = MAX (row_height, h);
      layout->legend[layout->n_legend++] = (ThrChartLegendEntry) { kind, x, y + (h - 10) / 2, LEGEND_SWATCH, 10 };
      x += entry + LEGEND_GAP;
    }
  return layout->n_legend > 0 ? y + row_height + 4 : 0;
}

void
thr_chart_layout_for_style (const ThrChartData  *data,
                            const ThrChartStyle *style,
                            double               width,
                            double               height,
                            ThrChartLayout      *layout)
{
  g_autoptr(PangoLayout) text = NULL;
  g_autofree char *label = NULL;
  double legend_height, right = MARGIN_RIGHT, ly;

  g_return_if_fail (data != NULL);
  g_return_if_fail (layout != NULL);

  memset (layout, 0, sizeof *layout);
  text = measure_layout_new (style);
  layout_values (data, layout);
  legend_height = layout_legend (data, text, width, layout);

  /* The threshold's label sits right of the plot, which makes room for it
   * all, so it is never cut off. */
  label = threshold_text (data);
  if (label != NULL)
    {
      measure_text (text, label, &layout->label_width, &layout->label_height);
      right = MAX (right, layout->label_width + 10);
    }

  layout->x.min = 0;
  layout->x.max = MAX (data->n_points, 1);
  layout->left = MARGIN_LEFT;
  layout->top = MARGIN_TOP + legend_height;
  layout->width = MAX (width - MARGIN_LEFT - right, 1.0);
  layout->height = MAX (height - layout->top - MARGIN_BOTTOM, 1.0);

  if (label != NULL)
    {
      double thresholds[2] = { 0, 0 };
      guint n = threshold_values (data, thresholds);

      ly = n == 2 ? (thr_chart_layout_y (layout, thresholds[0]) + thr_chart_layout_y (layout, thresholds[1])) / 2
                  : thr_chart_layout_y (layout, thresholds[0]);
      ly = CLAMP (ly, layout->label_height / 2, height - layout->label_height / 2);
      layout->label_x = layout->left + layout->width + 6;
      layout->label_y = ly - layout->label_height / 2;
    }
}

void
thr_chart_layout (const ThrChartData *data,
                  double              width,
                  double              height,
                  ThrChartLayout     *layout)
{
  thr_chart_layout_for_style (data, NULL, width, height, layout);
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
thr_chart_layout_point_at (const ThrChartLayout *layout,
                           const ThrChartData   *data,
                           double                x)
{
  double t;
  int index;

  g_return_val_if_fail (layout != NULL, -1);
  g_return_val_if_fail (data != NULL, -1);

  if (data->n_points == 0)
    return -1;
  t = (x - layout->left) / layout->width;
  if (t < 0 || t > 1)
    return -1;
  index = (int) floor (t * layout->x.max);
  return CLAMP (index, 0, (int) data->n_points - 1);
}

int
thr_chart_point_at (const ThrChartData *data,
                    double              width,
                    double              height,
                    double              x)
{
  ThrChartLayout layout;

  g_return_val_if_fail (data != NULL, -1);

  if (data->n_points == 0)
    return -1;
  thr_chart_layout (data, width, height, &layout);
  return thr_chart_layout_point_at (&layout, data, x);
}

/* ---------------------------------------------------------------- drawing */

/* Under the axis, the periods named as the window and the documents name
 * them ("April 2018", "quarter 2 of 2018": thr_period_label_to_words), as
 * many as fit side by side with a gap, and none past the drawing's edges. */
static void
draw_period_labels (cairo_t              *cr,
                    const ThrChartLayout *l,
                    const ThrChartData   *data,
                    const ThrChartStyle  *style)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  PangoLayout *layout = thr_chart_text_new (cr, style);
  double widest = 0, right;
  guint every;

  for (guint i = 0; i < data->n_points; i++)
    {
      char *text = data->points[i].label != NULL ? thr_period_label_to_words (data->points[i].label) : NULL;
      double w = 0, h;

      if (text != NULL)
        measure_text (layout, text, &w, &h);
      widest = MAX (widest, w);
      g_ptr_array_add (words, text);
    }
  every = data->n_points > 0 ? (guint) ceil ((widest + 16) / (l->width / data->n_points)) : 1;
  every = MAX (every, 1);
  right = l->label_width > 0 ? l->label_x + l->label_width : l->left + l->width + MARGIN_RIGHT;
  for (guint i = 0; i < data->n_points; i += every)
    {
      const char *text = g_ptr_array_index (words, i);
      double w, h, x;

      if (text == NULL)
        continue;
      measure_text (layout, text, &w, &h);
      x = CLAMP (thr_chart_layout_x (l, i), w / 2, MAX (w / 2, right - w / 2));
      thr_chart_show_text (cr, layout, text, x, l->top + l->height + 6, 0.5, 0.0);
    }
  g_object_unref (layout);
}

static void
draw_axes (cairo_t              *cr,
           const ThrChartLayout *l,
           const ThrChartData   *data,
           const ThrChartStyle  *style)
{
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

  thr_chart_set_source (cr, &style->foreground, 0.75);
  draw_period_labels (cr, l, data, style);

  thr_chart_set_source (cr, &style->foreground, 0.5);
  cairo_move_to (cr, l->left, l->top + l->height + 0.5);
  cairo_line_to (cr, l->left + l->width, l->top + l->height + 0.5);
  cairo_stroke (cr);
}

/* On a dark background a tenth of the error colour hardly shows. */
static void
window_source (cairo_t             *cr,
               const ThrChartStyle *style)
{
  const ThrRgba *bg = &style->background;
  double luminance = 0.2126 * bg->red + 0.7152 * bg->green + 0.0722 * bg->blue;

  thr_chart_set_source (cr, &style->error, luminance < 0.5 ? 0.24 : 0.10);
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
      window_source (cr, style);
      cairo_rectangle (cr, x0, l->top, x1 - x0, l->height);
      cairo_fill (cr);
    }
}

static void
threshold_source (cairo_t             *cr,
                  const ThrChartStyle *style)
{
  thr_chart_set_source (cr, &style->foreground, 0.6);
  cairo_set_line_width (cr, 2.0);
}

static void
draw_threshold (cairo_t              *cr,
                const ThrChartLayout *l,
                const ThrChartData   *data,
                const ThrChartStyle  *style)
{
  g_autofree char *text = threshold_text (data);
  double right = l->left + l->width;

  /* The lines and bands stay inside the plot; the label is outside it,
   * where the layout made room. */
  cairo_save (cr);
  cairo_rectangle (cr, l->left, l->top, l->width, l->height);
  cairo_clip (cr);
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
          threshold_source (cr, style);
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
      threshold_source (cr, style);
      cairo_move_to (cr, l->left, y0);
      cairo_line_to (cr, right, y0);
      cairo_move_to (cr, l->left, y1);
      cairo_line_to (cr, right, y1);
      cairo_stroke (cr);
    }
  else
    {
      double y = thr_chart_layout_y (l, data->target);

      threshold_source (cr, style);
      cairo_move_to (cr, l->left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  if (text != NULL)
    {
      thr_chart_set_source (cr, &style->foreground, 0.9);
      thr_chart_draw_text (cr, style, text, l->label_x, l->label_y, 0.0, 0.0);
    }
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

      /* A replaced to-date value is skipped with the pen down: the
       * period's points are joined across it. */
      if (!thr_chart_point_is_drawn (data, i))
        continue;
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

static void
reported_source (cairo_t             *cr,
                 const ThrChartStyle *style)
{
  thr_chart_set_source (cr, &style->foreground, 0.8);
  cairo_set_line_width (cr, 2.0);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
recomputed_source (cairo_t             *cr,
                   const ThrChartStyle *style)
{
  thr_chart_set_source (cr, &style->accent, 1.0);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
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

  cairo_new_path (cr);
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

/* A warning triangle, point up, its base centred on (x, y). */
static void
draw_warning_badge (cairo_t             *cr,
                    const ThrChartStyle *style,
                    double               x,
                    double               y)
{
  cairo_move_to (cr, x - 6, y);
  cairo_line_to (cr, x + 6, y);
  cairo_line_to (cr, x, y - 10);
  cairo_close_path (cr);
  thr_chart_set_source (cr, &style->warning, 1.0);
  cairo_fill (cr);
  thr_chart_set_source (cr, &style->background, 1.0);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, x, y - 7);
  cairo_line_to (cr, x, y - 3.5);
  cairo_move_to (cr, x, y - 2);
  cairo_line_to (cr, x, y - 1.2);
  cairo_stroke (cr);
}

/* A reported figure the records do not reproduce within the contract's
 * tolerance: the gap between the two figures is drawn in the warning
 * colour and a badge stands above the higher one. */
static void
draw_discrepancies (cairo_t              *cr,
                    const ThrChartLayout *l,
                    const ThrChartData   *data,
                    const ThrChartStyle  *style)
{
  for (guint i = 0; i < data->n_points; i++)
    {
      const ThrChartPoint *p = &data->points[i];
      double x, yr, yc;

      if (!p->discrepancy || !p->has_reported || !p->has_computed || !thr_chart_point_is_drawn (data, i))
        continue;
      x = thr_chart_layout_x (l, i);
      yr = thr_chart_layout_y (l, p->reported);
      yc = thr_chart_layout_y (l, p->computed);
      thr_chart_set_source (cr, &style->warning, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_set_dash (cr, (double[]) { 2, 2 }, 2, 0);
      cairo_move_to (cr, x, yr);
      cairo_line_to (cr, x, yc);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      draw_warning_badge (cr, style, x, MIN (yr, yc) - MARK_RADIUS - 4);
    }
}

static void
draw_legend_swatch (cairo_t                   *cr,
                    const ThrChartStyle       *style,
                    const ThrChartLegendEntry *e)
{
  double cx = e->x + e->width / 2, cy = e->y + e->height / 2;

  cairo_save (cr);
  switch (e->kind)
    {
    case THR_CHART_LEGEND_MET:
      draw_mark (cr, style, THR_STATUS_MET, cx, cy);
      break;
    case THR_CHART_LEGEND_MISSED:
      draw_mark (cr, style, THR_STATUS_MISSED, cx, cy);
      break;
    case THR_CHART_LEGEND_PENDING:
      draw_mark (cr, style, THR_STATUS_PENDING, cx, cy);
      break;
    case THR_CHART_LEGEND_REPORTED:
    case THR_CHART_LEGEND_RECOMPUTED:
    case THR_CHART_LEGEND_THRESHOLD:
      if (e->kind == THR_CHART_LEGEND_REPORTED)
        reported_source (cr, style);
      else if (e->kind == THR_CHART_LEGEND_RECOMPUTED)
        recomputed_source (cr, style);
      else
        threshold_source (cr, style);
      cairo_move_to (cr, e->x, cy);
      cairo_line_to (cr, e->x + e->width, cy);
      cairo_stroke (cr);
      break;
    case THR_CHART_LEGEND_WINDOW:
      window_source (cr, style);
      cairo_rectangle (cr, e->x, e->y, e->width, e->height);
      cairo_fill (cr);
      break;
    case THR_CHART_LEGEND_DISCREPANCY:
      draw_warning_badge (cr, style, cx, e->y + e->height);
      break;
    case THR_CHART_N_LEGEND:
    default:
      break;
    }
  cairo_restore (cr);
}

static void
draw_legend (cairo_t              *cr,
             const ThrChartLayout *l,
             const ThrChartStyle  *style)
{
  for (guint i = 0; i < l->n_legend; i++)
    {
      const ThrChartLegendEntry *e = &l->legend[i];

      draw_legend_swatch (cr, style, e);
      thr_chart_set_source (cr, &style->foreground, 0.85);
      thr_chart_draw_text (cr, style, thr_chart_legend_get_label (e->kind),
                           e->x + e->width + 4, e->y + e->height / 2, 0.0, 0.5);
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

  thr_chart_layout_for_style (data, style, width, height, &l);

  cairo_save (cr);
  draw_windows (cr, &l, data, style);
  draw_axes (cr, &l, data, style);
  draw_threshold (cr, &l, data, style);
  draw_legend (cr, &l, style);

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
  recomputed_source (cr, style);
  draw_series (cr, &l, data, TRUE);
  cairo_set_dash (cr, NULL, 0, 0);
  for (guint i = 0; i < data->n_points; i++)
    if (data->points[i].has_computed && data->points[i].has_reported &&
        data->points[i].status != THR_STATUS_PENDING && thr_chart_point_is_drawn (data, i))
      {
        cairo_new_sub_path (cr);
        cairo_arc (cr, thr_chart_layout_x (&l, i), thr_chart_layout_y (&l, data->points[i].computed),
                   3.0, 0, 2 * G_PI);
        cairo_stroke (cr);
      }

  /* The governing series: foreground, solid, with status marks. */
  reported_source (cr, style);
  draw_series (cr, &l, data, FALSE);
  draw_discrepancies (cr, &l, data, style);

  for (guint i = 0; i < data->n_points; i++)
    {
      double v;

      if (!thr_chart_point_is_drawn (data, i) || !thr_chart_point_value (&data->points[i], &v))
        continue;
      draw_mark (cr, style, data->points[i].status,
                 thr_chart_layout_x (&l, i), thr_chart_layout_y (&l, v));
    }

  if (data->selected >= 0 && (guint) data->selected < data->n_points)
    {
      double v;

      if (thr_chart_point_is_drawn (data, data->selected) &&
          thr_chart_point_value (&data->points[data->selected], &v))
        {
          thr_chart_set_source (cr, &style->accent, 1.0);
          cairo_set_line_width (cr, 2.0);
          cairo_new_sub_path (cr);
          cairo_arc (cr, thr_chart_layout_x (&l, data->selected), thr_chart_layout_y (&l, v),
                     MARK_RADIUS + 4, 0, 2 * G_PI);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);
}
