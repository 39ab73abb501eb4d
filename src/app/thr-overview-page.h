/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-overview-page.h — a month at a glance and the compliance grid */
#pragma once

#include <adwaita.h>

#include "thr-session.h"

G_BEGIN_DECLS

#define THR_TYPE_OVERVIEW_PAGE (thr_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (ThrOverviewPage, thr_overview_page, THR, OVERVIEW_PAGE, GtkWidget)

void     thr_overview_page_set_session (ThrOverviewPage *self,
                                        ThrSession      *session);
void     thr_overview_page_set_month   (ThrOverviewPage *self,
                                        guint            month);
/* Redraws after more months of the history have been evaluated. */
void     thr_overview_page_refresh     (ThrOverviewPage *self);
/* The counts shown: met, missed, pending, no data. */
void     thr_overview_page_get_counts  (ThrOverviewPage *self,
                                        guint            counts[4]);
GtkWidget *thr_overview_page_get_grid  (ThrOverviewPage *self);
/* The money shown, in cents: the month's withholding and its fate, and
 * every month's up to it; zeros until the ledger is computed. */
void     thr_overview_page_get_money   (ThrOverviewPage *self,
                                        ThrLedgerTotals *month,
                                        ThrLedgerTotals *to_date);
/* The money labels as written: withheld, released, held and retained this
 * month (0–3), then to date (4–7). */
const char *thr_overview_page_get_money_text (ThrOverviewPage *self,
                                              guint            index);
/* "This week": contract dates overdue or due within 7 days. */
guint    thr_overview_page_get_n_due_soon (ThrOverviewPage *self);
/* Failing metrics that withhold (the bonus metrics' misses apart, in
 * @n_bonus). */
guint    thr_overview_page_get_n_failing (ThrOverviewPage *self,
                                          guint           *n_bonus);
/* The index-th row of "failing", "held" or "week", or NULL. */
GtkWidget *thr_overview_page_get_row    (ThrOverviewPage *self,
                                         const char      *group,
                                         guint            index);
/* The month as the heading writes it: "December 2019". */
const char *thr_overview_page_get_month_text (ThrOverviewPage *self);

G_END_DECLS
