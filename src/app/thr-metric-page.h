/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-metric-page.h — one metric: trend, clause, values, explanation */
#pragma once

#include <gtk/gtk.h>

#include "thr-session.h"

G_BEGIN_DECLS

#define THR_TYPE_METRIC_PAGE (thr_metric_page_get_type ())
G_DECLARE_FINAL_TYPE (ThrMetricPage, thr_metric_page, THR, METRIC_PAGE, GtkWidget)

void        thr_metric_page_set_session (ThrMetricPage *self,
                                         ThrSession    *session);
void        thr_metric_page_show        (ThrMetricPage *self,
                                         const char    *metric_id,
                                         guint          month);
/* Refills chart and values after more months are evaluated. */
void        thr_metric_page_refresh     (ThrMetricPage *self);
const char *thr_metric_page_get_metric  (ThrMetricPage *self);
/* The exact figures of the selected point, as shown under the chart. */
const char *thr_metric_page_get_readout (ThrMetricPage *self);
const char *thr_metric_page_get_explanation (ThrMetricPage *self);
/* The line under the chart: the corrective periods it shades, and how to
 * choose a month. */
const char *thr_metric_page_get_legend  (ThrMetricPage *self);
GtkWidget  *thr_metric_page_get_chart   (ThrMetricPage *self);
/* Rows in the table of values. */
guint       thr_metric_page_get_n_values (ThrMetricPage *self);

/* The records listed by metric.list-records (ThrMissedRecord*), or NULL. */
GPtrArray  *thr_metric_page_get_records (ThrMetricPage *self);
/* Writes the listed records as CSV. */
gboolean    thr_metric_page_write_records (ThrMetricPage *self,
                                           GFile         *file,
                                           GError       **error);

/* The corrective windows shaded on the chart. */
guint        thr_metric_page_get_n_windows (ThrMetricPage *self);

G_END_DECLS
