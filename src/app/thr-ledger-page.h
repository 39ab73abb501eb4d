/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ledger-page.h — withholding per month and invoice component */
#pragma once

#include <adwaita.h>

#include "thr-ledger-view.h"
#include "thr-search-bar.h"
#include "thr-session.h"

G_BEGIN_DECLS

#define THR_TYPE_LEDGER_PAGE (thr_ledger_page_get_type ())
G_DECLARE_FINAL_TYPE (ThrLedgerPage, thr_ledger_page, THR, LEDGER_PAGE, GtkWidget)

/* Builds the page from the session's ledger (a placeholder until the
 * session has its consequences). */
void     thr_ledger_page_set_session     (ThrLedgerPage *self,
                                          ThrSession    *session);
/* What the page shows for a month, summed over its components:
 * FIELD is "invoice", "withheld", "released", "held" or "retained".
 * -1 when the month is not shown. */
gint64   thr_ledger_page_get_shown_total (ThrLedgerPage *self,
                                          const char    *month_label,
                                          const char    *field);
/* The totals on the page's cards (thr_ledger_sum() of every month). */
void     thr_ledger_page_get_totals      (ThrLedgerPage   *self,
                                          ThrLedgerTotals *totals);
/* The corrective windows listed. */
guint    thr_ledger_page_get_n_windows   (ThrLedgerPage *self);

/* Find (Ctrl+F) and "missed only" (windows not resolved, months with a miss). */
ThrSearchBar *thr_ledger_page_get_search_bar (ThrLedgerPage *self);
/* Rows left by find and "missed only": corrective windows and month rows. */
guint         thr_ledger_page_get_n_rows_shown (ThrLedgerPage *self);
/* The table of months. */
ThrLedgerView *thr_ledger_page_get_view     (ThrLedgerPage *self);

G_END_DECLS
