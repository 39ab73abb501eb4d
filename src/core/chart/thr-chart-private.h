/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-chart-private.h — drawing helpers shared by the chart and the grid */
#pragma once

#include <pango/pangocairo.h>

#include "thr-chart.h"

G_BEGIN_DECLS

void thr_chart_set_source (cairo_t             *cr,
                           const ThrRgba       *color,
                           double               alpha);
/* Draws text with its (align_x, align_y) fraction at (x, y). */
void thr_chart_draw_text  (cairo_t             *cr,
                           const ThrChartStyle *style,
                           const char          *text,
                           double               x,
                           double               y,
                           double               align_x,
                           double               align_y);

/* One layout to reuse for many short texts. */
PangoLayout *thr_chart_text_new  (cairo_t             *cr,
                                  const ThrChartStyle *style);
/* The same in a context made once for many layouts
 * (pango_cairo_create_context ()). */
PangoLayout *thr_chart_text_new_in (PangoContext        *context,
                                    const ThrChartStyle *style);
void         thr_chart_show_text (cairo_t             *cr,
                                  PangoLayout         *layout,
                                  const char          *text,
                                  double               x,
                                  double               y,
                                  double               align_x,
                                  double               align_y);

G_END_DECLS
