/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ledger-store.c — feeds the ledger from a store
 *
 * Each month of the run is evaluated with ThrEvaluator and the invoices are
 * read from the store; the pure engine in thr-ledger.c does the rest.  The
 * run covers every imported invoice month up to today's (and the asked
 * range, if wider) whatever range the caller asks for: escalation and corrective windows
 * carry over from earlier months, and a later month can decide an earlier
 * one's fate (a window that fails retains the failure month).  What lies
 * outside the range is dropped afterwards.
 */
#define G_LOG_DOMAIN "thr-ledger"

#include <string.h>

#include "thr-evaluator.h"
#include "thr-ledger-private.h"
#include "thr-store-caps.h"
#include "thr-store-ledger.h"

/* Later imports override earlier ones for the same month and component,
 * as a corrected invoice file replaces the first.  An invoice of a month
 * after @issued_by's is not issued yet as of that day (see
 * thr_ledger_compute_for_store_with ()). */
static gboolean
load_invoices (ThrStore         *store,
               gint64            contract_id,
               const ThrPeriod  *issued_by,
               ThrLedgerInput   *input,
               GError          **error)
{
  g_autoptr(GPtrArray) invoices = thr_store_list_invoices (store, contract_id, error);

  if (invoices == NULL)
    return FALSE;
  for (guint i = 0; i < invoices->len; i++)
    {
      const ThrStoreInvoice *invoice = g_ptr_array_index (invoices, i);
      ThrPeriod month;

      if (thr_period_parse_kind (invoice->month, THR_PERIOD_MONTH, &month, NULL) &&
          thr_period_compare (&month, issued_by) > 0)
        continue;
      /* Months outside the run are simply not part of this ledger. */
      thr_ledger_input_set_invoice (input, invoice->month, invoice->component, invoice->amount_cents, NULL);
    }
  return TRUE;
}

/* ¶4.i: the CAPs' implementation dates, recorded by the State (caps set
 * ID implemented_on, or the CAP editor).  A CAP of a failure the data no
 * longer shows is simply not used. */
static gboolean
load_implementations (ThrStore        *store,
                      gint64           contract_id,
                      ThrLedgerInput  *input,
                      GError         **error)
{
  g_autoptr(GPtrArray) implementations = thr_store_list_implementations (store, contract_id, error);

  if (implementations == NULL)
    return FALSE;
  for (guint i = 0; i < implementations->len; i++)
    {
      const ThrStoreImplementation *implementation = g_ptr_array_index (implementations, i);

      thr_ledger_input_set_implemented (input, implementation->metric, implementation->failure_month,
                                        implementation->implemented_on, NULL);
    }
  return TRUE;
}

static gboolean
load_month (ThrEvaluator          *evaluator,
            ThrLedgerInput        *input,
            const ThrPeriod       *month,
            ThrLedgerResultsFunc   results_func,
            gpointer               user_data,
            GError               **error)
{
  g_autoptr(GPtrArray) results = results_func != NULL ? results_func (month, user_data) : NULL;
  g_autofree char *label = thr_period_format (month);
  ThrContract *contract = thr_evaluator_get_contract (evaluator);

  if (results == NULL)
    results = thr_evaluator_evaluate_month (evaluator, month, NULL, error);
  if (results == NULL)
    return FALSE;
  if (!thr_ledger_input_add_month (input, month, error))
    return FALSE;

  for (guint i = 0; i < results->len; i++)
    {
      const ThrResult *r = g_ptr_array_index (results, i);

      /* Money metrics are judged in the last month of their period. */
      if (r->value.present && r->status != THR_STATUS_PENDING && r->status != THR_STATUS_NO_DATA &&
          (r->subject == NULL || *r->subject == '\0'))
        thr_ledger_input_set_figure (input, label, r->metric->id, r->value.value, NULL);
    }
  /* A metric judged per subject is missed if any subject missed it. */
  for (guint m = 0; m < thr_contract_get_n_metrics (contract); m++)
    {
      const ThrMetric *metric = thr_contract_get_metric (contract, m);
      const ThrResult *r = thr_results_find_worst (results, metric->id);

      if (r != NULL && !thr_ledger_input_set_status (input, label, metric->id, r->status, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
outside (const ThrPeriod *month,
         const ThrPeriod *from,
         const ThrPeriod *to)
{
  return (from != NULL && thr_period_compare (month, from) < 0) ||
         (to != NULL && thr_period_compare (month, to) > 0);
}

/* The months a ledger covers: those of the invoices and those of the
 * data (reported figures, records).  ¶4's CAP follows a missed metric
 * whether or not its month's invoice was imported yet: without one the
 * month withholds nothing, but its failure is still found. */
static gboolean
invoice_and_data_span (ThrStore   *store,
                       gint64      contract_id,
                       char      **first,
                       char      **last,
                       GError    **error)
{
  g_autofree char *data_first = NULL;
  g_autofree char *data_last = NULL;

  if (!thr_store_get_invoice_span (store, contract_id, first, last, error) ||
      !thr_store_get_month_span (store, contract_id, &data_first, &data_last, error))
    return FALSE;
  if (data_last == NULL)
    return TRUE;
  if (*first == NULL || strcmp (data_first, *first) < 0)
    {
      g_free (*first);
      *first = g_steal_pointer (&data_first);
    }
  if (*last == NULL || strcmp (data_last, *last) > 0)
    {
      g_free (*last);
      *last = g_steal_pointer (&data_last);
    }
  return TRUE;
}

/* Shows [from, to] of a ledger computed over all the data: rows, months
 * and money lines judged in the range, and the failures whose hold
 * overlaps it. */
static void
keep_range (ThrLedger       *ledger,
            const ThrPeriod *from,
            const ThrPeriod *to)
{
  for (guint i = ledger->rows->len; i > 0; i--)
    if (outside (&((ThrLedgerRow *) g_ptr_array_index (ledger->rows, i - 1))->month, from, to))
      g_ptr_array_remove_index (ledger->rows, i - 1);
  for (guint i = ledger->months->len; i > 0; i--)
    if (outside (&((ThrLedgerMonth *) g_ptr_array_index (ledger->months, i - 1))->month, from, to))
      g_ptr_array_remove_index (ledger->months, i - 1);
  for (guint i = ledger->lines->len; i > 0; i--)
    if (outside (&((ThrLedgerLine *) g_ptr_array_index (ledger->lines, i - 1))->month, from, to))
      g_ptr_array_remove_index (ledger->lines, i - 1);
  for (guint i = ledger->failures->len; i > 0; i--)
    {
      const ThrLedgerFailure *f = g_ptr_array_index (ledger->failures, i - 1);

      if ((to != NULL && thr_period_compare (&f->failure, to) > 0) ||
          (from != NULL && thr_period_compare (&f->hold_last, from) < 0))
        g_ptr_array_remove_index (ledger->failures, i - 1);
    }
}

static void
month_of_label (const char *label,
                ThrPeriod  *out)
{
  thr_period_parse_kind (label, THR_PERIOD_MONTH, out, NULL);
}

ThrLedger *
thr_ledger_compute_for_store (ThrStore         *store,
                              gint64            contract_id,
                              const ThrPeriod  *from,
                              const ThrPeriod  *to,
                              guint32           today,
                              GError          **error)
{
  return thr_ledger_compute_for_store_with (store, contract_id, from, to, today, NULL, NULL, error);
}

/* The ledger of @contract_id's months in @store as of @today (0: the
 * evaluator's), each month's results from @results_func where it has
 * them, otherwise evaluated by @evaluator. */
static ThrLedger *
compute_with_evaluator (ThrStore              *store,
                        gint64                 contract_id,
                        ThrEvaluator          *evaluator,
                        const ThrPeriod       *from,
                        const ThrPeriod       *to,
                        guint32                today,
                        ThrLedgerResultsFunc   results_func,
                        gpointer               user_data,
                        GError               **error)
{
  g_autoptr(ThrLedgerInput) input = NULL;
  g_autofree char *first_label = NULL;
  g_autofree char *last_label = NULL;
  ThrPeriod start, end, data_end, month, issued_by;
  guint n_known = 0;
  ThrLedger *ledger;

  g_return_val_if_fail (from == NULL || from->kind == THR_PERIOD_MONTH, NULL);
  g_return_val_if_fail (to == NULL || to->kind == THR_PERIOD_MONTH, NULL);

  if (from != NULL && to != NULL && thr_period_compare (to, from) < 0)
    {
      g_set_error (error, THR_LEDGER_ERROR, THR_LEDGER_ERROR_INVALID,
                   "the ledger's range ends before it starts");
      return NULL;
    }

  if (today != 0)
    thr_evaluator_set_today (evaluator, today);
  /* load_month () reads statuses and values only. */
  thr_evaluator_set_explain (evaluator, FALSE);
  if (!invoice_and_data_span (store, contract_id, &first_label, &last_label, error))
    return NULL;

  /* As of a day (--today, the preference) the ledger holds the invoices
   * issued by then.  ¶1: "Each month, the State shall withhold a portion
   * of the Contractor's monthly invoice amount": a month's invoice exists
   * from that month on (its withholding is then held, "pending
   * verification", until the month is judged), never before the month
   * has begun.  So a later month's invoice in the store is not part of
   * the ledger of an earlier day, and the run ends at today's month. */
  thr_period_for_day (THR_PERIOD_MONTH, thr_evaluator_get_today (evaluator), &issued_by);
  start = end = issued_by;
  if (first_label != NULL)
    {
      month_of_label (first_label, &start);
      month_of_label (last_label, &end);
      if (thr_period_compare (&end, &issued_by) > 0)
        end = issued_by;
      if (thr_period_compare (&start, &end) > 0)
        start = end;
    }
  /* The data's last month (or today's): a --to past it adds rows, not
   * knowledge.  Its months have no invoice and no figures; were their
   * statuses (no data) read by the corrective windows, asking for a
   * longer range would turn a miss in the data's last month from held
   * into retained (¶4.iii) — "the range only narrows what is shown". */
  data_end = end;
  if (from != NULL && thr_period_compare (from, &start) < 0)
    start = *from;
  if (to != NULL && thr_period_compare (to, &end) > 0)
    end = *to;
  if (thr_period_compare (&end, &start) < 0)
    {
      g_set_error (error, THR_LEDGER_ERROR, THR_LEDGER_ERROR_INVALID,
                   "the ledger's range ends before it starts");
      return NULL;
    }

  input = thr_ledger_input_new (thr_evaluator_get_contract (evaluator));
  thr_ledger_input_set_as_of (input, thr_evaluator_get_today (evaluator));
  for (month = start; thr_period_compare (&month, &end) <= 0; thr_period_next (&month, &month))
    {
      if (!load_month (evaluator, input, &month, results_func, user_data, error))
        return NULL;
      if (thr_period_compare (&month, &data_end) <= 0)
        n_known++;
    }
  _thr_ledger_input_set_n_known (input, n_known);
  if (!load_invoices (store, contract_id, &issued_by, input, error) ||
      !load_implementations (store, contract_id, input, error))
    return NULL;

  ledger = thr_ledger_compute (input);
  keep_range (ledger, from, to);
  return ledger;
}

ThrLedger *
thr_ledger_compute_for_store_with (ThrStore              *store,
                                   gint64                 contract_id,
                                   const ThrPeriod       *from,
                                   const ThrPeriod       *to,
                                   guint32                today,
                                   ThrLedgerResultsFunc   results_func,
                                   gpointer               user_data,
                                   GError               **error)
{
  g_autoptr(ThrEvaluator) evaluator = NULL;

  g_return_val_if_fail (THR_IS_STORE (store), NULL);

  evaluator = thr_evaluator_new_for_store (store, contract_id, error);
  if (evaluator == NULL)
    return NULL;
  return compute_with_evaluator (store, contract_id, evaluator, from, to, today, results_func, user_data, error);
}

ThrLedger *
thr_ledger_compute_for_contract (ThrStore              *store,
                                 gint64                 contract_id,
                                 ThrContract           *contract,
                                 ThrCalendar           *calendar,
                                 const ThrPeriod       *from,
                                 const ThrPeriod       *to,
                                 guint32                today,
                                 ThrLedgerResultsFunc   results_func,
                                 gpointer               user_data,
                                 GError               **error)
{
  g_autoptr(ThrEvaluator) evaluator = NULL;

  g_return_val_if_fail (THR_IS_STORE (store), NULL);

  evaluator = thr_evaluator_new (store, contract_id, contract, calendar);
  return compute_with_evaluator (store, contract_id, evaluator, from, to, today, results_func, user_data, error);
}
