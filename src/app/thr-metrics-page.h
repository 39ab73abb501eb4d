/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-metrics-page.h — every metric of the contract, by section */
#pragma once

#include <adwaita.h>

#include "thr-search-bar.h"
#include "thr-session.h"

G_BEGIN_DECLS

#define THR_TYPE_METRICS_PAGE (thr_metrics_page_get_type ())
G_DECLARE_FINAL_TYPE (ThrMetricsPage, thr_metrics_page, THR, METRICS_PAGE, AdwBin)

void   thr_metrics_page_set_session (ThrMetricsPage *self,
                                     ThrSession     *session,
                                     guint           month);
guint  thr_metrics_page_get_n_rows  (ThrMetricsPage *self);
/* Rows whose status in the page's month is missed. */
guint  thr_metrics_page_get_n_missed (ThrMetricsPage *self);
/* Rows left by the search bar's words and "missed only". */
guint  thr_metrics_page_get_n_shown  (ThrMetricsPage *self);
/* Rows the page has built so far: a screenful at the first visit, every
 * row a few frames later or at once for find or a key that moves past
 * them (thr-chunked-list). */
guint  thr_metrics_page_get_n_rows_built (ThrMetricsPage *self);
gboolean thr_metrics_page_is_shown   (ThrMetricsPage *self,
                                      const char     *metric_id);
ThrSearchBar *thr_metrics_page_get_search_bar (ThrMetricsPage *self);

G_END_DECLS
