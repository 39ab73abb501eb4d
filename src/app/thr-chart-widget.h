/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-chart-widget.h — a metric's trend, drawn by the core's thr_chart_draw */
#pragma once

#include <gtk/gtk.h>

#include "thr-core.h"

G_BEGIN_DECLS

#define THR_TYPE_CHART_WIDGET (thr_chart_widget_get_type ())
G_DECLARE_FINAL_TYPE (ThrChartWidget, thr_chart_widget, THR, CHART_WIDGET, GtkWidget)

GtkWidget *thr_chart_widget_new          (void);
/* Copies the data, points and their labels. */
void       thr_chart_widget_set_data     (ThrChartWidget     *self,
                                          const ThrChartData *data);
int        thr_chart_widget_get_selected (ThrChartWidget     *self);
void       thr_chart_widget_set_selected (ThrChartWidget     *self,
                                          int                 selected);
/* What the widget draws (its points are the widget's copies). */
const ThrChartData *thr_chart_widget_get_data (ThrChartWidget *self);
/* The point under the pointer, or -1; it never selects. */
int        thr_chart_widget_get_hover    (ThrChartWidget     *self);
/* What the tooltip says of a point: month, status, both figures, and
 * whether the records reproduce the reported one. */
char      *thr_chart_widget_describe_point (ThrChartWidget   *self,
                                            int               index);

/* Fills a chart style from libadwaita's named colours as the widget sees
 * them, so light and dark styles both work. */
void       thr_chart_style_init_from_widget (ThrChartStyle   *style,
                                             GtkWidget       *widget);

G_END_DECLS
