/* thr-report-store-private.h — what the store-backed documents share */
#pragma once

#include "thr-evaluator.h"
#include "thr-ledger.h"
#include "thr-report-store.h"

G_BEGIN_DECLS

/* The evaluator and the whole run's ledger of a contract, judged as of
 * @today (0: today in the contract's time zone). */
gboolean thr_report_store_load (ThrStore      *store,
                                gint64         contract_id,
                                guint32        today,
                                ThrEvaluator **evaluator_out,
                                ThrLedger    **ledger_out,
                                GError       **error);

G_END_DECLS
