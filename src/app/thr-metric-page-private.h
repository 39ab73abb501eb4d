/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-metric-page-private.h — what the metric page's files share */
#pragma once

#include <adwaita.h>

#include "thr-chart-widget.h"
#include "thr-metric-page.h"
#include "thr-table-view.h"

G_BEGIN_DECLS

struct _ThrMetricPage
{
  GtkWidget        parent_instance;
  ThrSession      *session;
  const ThrMetric *metric;
  char            *readout;
  guint            n_values;
  guint            n_windows;       /* corrective windows shaded */

  GtkScrolledWindow *scroller;
  GtkLabel        *title_label;
  GtkLabel        *target_label;
  ThrChartWidget  *chart;
  GtkLabel        *readout_label;
  GtkLabel        *legend_label;
  GtkButton       *cap_button;
  GtkMenuButton   *export_button;
  GMenuModel      *chart_export_menu;
  GtkLabel        *explanation_label;
  GtkLabel        *clause_label;
  ThrTableView    *values_view;
  GtkWidget       *records_group;
  GtkButton       *records_button;
  GtkLabel        *records_label;
  GtkWidget       *records_frame;
  ThrTableView    *records_view;

  char            *summary;        /* the chart's description, without the selection */
  GPtrArray       *records;        /* ThrMissedRecord*, for records_month */
  int              records_month;
};

/* thr-metric-page.c: a figure and a status as the page writes them */
char       *_thr_metric_page_format_figure (const ThrMetric *metric,
                                            const ThrFigure *figure);
const char *_thr_metric_page_status_label  (ThrStatus        status);

/* thr-metric-page-values.c: the table of values */
void     _thr_metric_page_setup_values   (ThrMetricPage   *self);
void     _thr_metric_page_fill_values    (ThrMetricPage   *self);

/* thr-metric-page-records.c: the records behind a recomputed figure */
void     _thr_metric_page_setup_records  (ThrMetricPage   *self);
gboolean _thr_metric_page_has_records    (const ThrMetric *metric);
void     _thr_metric_page_clear_records  (ThrMetricPage   *self);
void     _thr_metric_page_update_records (ThrMetricPage   *self);
void     _thr_metric_page_list_records_cb   (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *param);
void     _thr_metric_page_export_records_cb (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *param);

G_END_DECLS
