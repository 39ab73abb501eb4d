/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-report-store.c — loading what the store-backed documents need, and
 * writing them out */
#define G_LOG_DOMAIN "thr-report"

#include "config.h"

#include "thr-report-store-private.h"

gboolean
thr_report_store_load (ThrStore                    *store,
                       gint64                       contract_id,
                       const ThrReportStoreOptions *options,
                       ThrEvaluator               **evaluator_out,
                       ThrLedger                  **owned_out,
                       ThrLedger                  **ledger_out,
                       GError                     **error)
{
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_autoptr(ThrLedger) ledger = NULL;

  g_assert (options != NULL && evaluator_out != NULL && owned_out != NULL && ledger_out != NULL);

  evaluator = thr_evaluator_new_for_store (store, contract_id, error);
  if (evaluator == NULL)
    return FALSE;
  if (options->today != 0)
    thr_evaluator_set_today (evaluator, options->today);
  /* The whole run, whatever month is reported: a later month can decide
   * the fate of an earlier one's withholding (docs/consequences.md). */
  if (options->ledger == NULL)
    {
      ledger = thr_ledger_compute_for_store (store, contract_id, NULL, NULL,
                                             thr_evaluator_get_today (evaluator), error);
      if (ledger == NULL)
        return FALSE;
    }
  *ledger_out = options->ledger ? options->ledger : ledger;
  *evaluator_out = g_steal_pointer (&evaluator);
  *owned_out = g_steal_pointer (&ledger);
  return TRUE;
}

gboolean
thr_report_cap_write_for_store (ThrStore                    *store,
                                gint64                       contract_id,
                                gint64                       cap_id,
                                const char                  *path,
                                const ThrReportStoreOptions *options,
                                GError                     **error)
{
  g_autoptr(ThrDocument) doc = NULL;

  g_return_val_if_fail (THR_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  doc = thr_report_cap_build_for_store (store, contract_id, cap_id, options, error);
  return doc != NULL && thr_document_write_pdf (doc, path, error);
}

gboolean
thr_report_month_write_for_store (ThrStore                    *store,
                                  gint64                       contract_id,
                                  const ThrPeriod             *month,
                                  const char                  *path,
                                  const ThrReportStoreOptions *options,
                                  GError                     **error)
{
  g_autoptr(ThrDocument) doc = NULL;

  g_return_val_if_fail (THR_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  doc = thr_report_month_build_for_store (store, contract_id, month, options, error);
  return doc != NULL && thr_document_write_pdf (doc, path, error);
}
