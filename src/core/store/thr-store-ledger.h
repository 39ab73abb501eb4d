/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-ledger.h — what the ledger reads from the store
 *
 * The invoices imported for a contract and the span of their months.  The
 * ledger engine itself never sees the store's tables: it gets these rows.
 */
#pragma once

#include "thr-store.h"

G_BEGIN_DECLS

typedef struct {
  char   *month;          /* YYYY-MM */
  char   *component;      /* central, local_office, training */
  gint64  amount_cents;
} ThrStoreInvoice;

void        thr_store_invoice_free      (ThrStoreInvoice *invoice);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrStoreInvoice, thr_store_invoice_free)

/* The first and last invoiced month (YYYY-MM); both NULL when the
 * contract has no invoice yet. */
gboolean    thr_store_get_invoice_span  (ThrStore   *self,
                                         gint64      contract_id,
                                         char      **first_out,
                                         char      **last_out,
                                         GError    **error);
/* Of ThrStoreInvoice*, in import order: a later import's row for the same
 * month and component comes after, so a reader that keeps the last one
 * takes the corrected invoice. */
GPtrArray  *thr_store_list_invoices     (ThrStore   *self,
                                         gint64      contract_id,
                                         GError    **error);

G_END_DECLS
