/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ledger-item.h — one line of the ledger table: a month's component or a year's subtotal */
#pragma once

#include <glib-object.h>

#include "thr-core.h"
#include "thr-search-item.h"

G_BEGIN_DECLS

#define THR_TYPE_LEDGER_ITEM (thr_ledger_item_get_type ())
G_DECLARE_FINAL_TYPE (ThrLedgerItem, thr_ledger_item, THR, LEDGER_ITEM, GObject)

/* The item copies what it shows, so it outlives the ledger it came from. */
/* COMPONENT_TITLE is the component's full title, SHORT_TITLE what fits a
 * table's cell. */
ThrLedgerItem         *thr_ledger_item_new_row         (const ThrLedgerRow  *row,
                                                        const char          *component_title,
                                                        const char          *short_title,
                                                        gboolean             month_missed);
/* A year's subtotal; its rows are added with thr_ledger_item_add_child. */
ThrLedgerItem         *thr_ledger_item_new_year        (const ThrLedgerYear *year);
void                   thr_ledger_item_add_child       (ThrLedgerItem       *self,
                                                        ThrLedgerItem       *child);

gboolean               thr_ledger_item_is_year         (ThrLedgerItem       *self);
/* "2018-04" for a month's row, "2018" for a year. */
const char            *thr_ledger_item_get_period      (ThrLedgerItem       *self);
/* "April 2018", or "2018 total". */
const char            *thr_ledger_item_get_title       (ThrLedgerItem       *self);
/* The component's id and its title (NULL for a year). */
const char            *thr_ledger_item_get_component   (ThrLedgerItem       *self);
const char            *thr_ledger_item_get_component_title (ThrLedgerItem   *self);
const char            *thr_ledger_item_get_component_short (ThrLedgerItem   *self);
double                 thr_ledger_item_get_rate        (ThrLedgerItem       *self);
gboolean               thr_ledger_item_get_escalated   (ThrLedgerItem       *self);
const ThrLedgerTotals *thr_ledger_item_get_totals      (ThrLedgerItem       *self);
ThrLedgerState         thr_ledger_item_get_state       (ThrLedgerItem       *self);
/* The row's explanation (with its paragraphs), NULL for a year. */
const char            *thr_ledger_item_get_explanation (ThrLedgerItem       *self);
/* What find and "missed only" look at (a year: NULL). */
ThrSearchItem         *thr_ledger_item_get_search_item (ThrLedgerItem       *self);
/* A year's rows (ThrLedgerItem), NULL for a row. */
GListModel            *thr_ledger_item_get_children    (ThrLedgerItem       *self);

G_END_DECLS
