/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-report-store-private.h — what the store-backed documents share */
#pragma once

#include "thr-evaluator.h"
#include "thr-ledger.h"
#include "thr-report-store.h"

G_BEGIN_DECLS

/* The evaluator and the whole run's ledger of a contract, judged as of
 * options->today (0: today in the contract's time zone).  *ledger_out is
 * options->ledger when given, else one computed here and also returned in
 * *owned_out for the caller to free. */
gboolean thr_report_store_load (ThrStore                    *store,
                                gint64                       contract_id,
                                const ThrReportStoreOptions *options,
                                ThrEvaluator               **evaluator_out,
                                ThrLedger                  **owned_out,
                                ThrLedger                  **ledger_out,
                                GError                     **error);

G_END_DECLS
