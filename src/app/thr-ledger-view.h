/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ledger-view.h — the ledger as a table: months by component, with year subtotals */
#pragma once

#include <adwaita.h>

#include "thr-ledger-item.h"
#include "thr-search-bar.h"

G_BEGIN_DECLS

#define THR_TYPE_LEDGER_VIEW (thr_ledger_view_get_type ())
G_DECLARE_FINAL_TYPE (ThrLedgerView, thr_ledger_view, THR, LEDGER_VIEW, GtkWidget)

/* YEARS holds a ThrLedgerItem per year (thr_ledger_item_new_year) with
 * its month rows as children; NULL empties the table. */
void           thr_ledger_view_set_years         (ThrLedgerView *self,
                                                  GListModel    *years);
/* Rows are shown while BAR's find and "missed only" match them. */
void           thr_ledger_view_set_search_bar    (ThrLedgerView *self,
                                                  ThrSearchBar  *bar);
GtkColumnView *thr_ledger_view_get_column_view   (ThrLedgerView *self);
/* Month rows shown (years not counted). */
guint          thr_ledger_view_get_n_rows_shown  (ThrLedgerView *self);
/* The lines of the table as sorted and shown now, years included;
 * the item is borrowed. */
guint          thr_ledger_view_get_n_items       (ThrLedgerView *self);
/* The lines the table has built so far: a screenful at the first visit,
 * every line a few frames later or at once when find, Enter or a key that
 * moves past them needs them (thr-chunked-list). */
guint          thr_ledger_view_get_n_rows_built  (ThrLedgerView *self);
/* How many lines the first visit builds (16 unless told): fewer when
 * rows above the table fill the first screen.  No effect once shown. */
void           thr_ledger_view_set_first_lines   (ThrLedgerView *self,
                                                  guint          n_lines);
ThrLedgerItem *thr_ledger_view_get_item          (ThrLedgerView *self,
                                                  guint          position);
/* Shows the explanation of the line at POSITION (as activating it does);
 * FALSE for a year's subtotal, which has none. */
gboolean       thr_ledger_view_explain           (ThrLedgerView *self,
                                                  guint          position);
/* The explanation shown now, or NULL. */
const char    *thr_ledger_view_get_explanation_shown (ThrLedgerView *self);

G_END_DECLS
