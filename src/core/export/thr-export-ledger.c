/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-export-ledger.c — the ledger and the compliance grid as export tables
 *
 * The ledger's columns follow `ledger --format csv`, so that a script reads
 * the export and the command alike; money is dollars (a number with the
 * dollar format in .xlsx), the rate a percent on the 0–100 scale.  The
 * last column names the readings of the contract that decided the row's
 * money (key=value; …), as `ledger --format json` does.  The
 * grid is one row per metric and one column per month, each cell the
 * month's status as a word, as the app's grid shows it.
 */
#define G_LOG_DOMAIN "thr-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-export-private.h"

static const char * const ledger_columns[] = {
  "month", "component", "invoice", "rate", "withheld", "released", "retained", "held",
  "state", "released_with", "explanation", "readings", NULL,
};

static const char * const ledger_titles[] = {
  N_("Month"), N_("Component"), N_("Invoice"), N_("Rate"), N_("Withheld"), N_("Released"), N_("Retained"),
  N_("Held"), N_("State"), N_("Released with"), N_("Explanation"), N_("Readings"), NULL,
};

static void
add_money (ThrExportTable *table,
           gint64          cents)
{
  thr_export_table_add_number (table, cents / 100.0, THR_EXPORT_NUMBER_DOLLARS);
}

ThrExportTable *
thr_export_ledger_table (ThrLedger *ledger)
{
  ThrExportTable *table;
  GPtrArray *rows;

  g_return_val_if_fail (ledger != NULL, NULL);

  table = thr_export_table_new (ledger_columns);
  thr_export_table_set_titles_translated (table, ledger_titles);
  rows = thr_ledger_get_rows (ledger);
  for (guint i = 0; i < rows->len; i++)
    {
      const ThrLedgerRow *row = g_ptr_array_index (rows, i);
      char *readings;

      thr_export_table_begin_row (table);
      thr_export_table_add_period (table, row->month_label);
      thr_export_table_add_text (table, row->component);
      add_money (table, row->invoice);
      thr_export_table_add_number (table, row->rate, THR_EXPORT_NUMBER_PERCENT);
      add_money (table, row->withheld);
      add_money (table, row->released);
      add_money (table, row->retained);
      add_money (table, row->held);
      thr_export_table_add_text (table, thr_ledger_state_to_string (row->state));
      thr_export_table_add_period (table, row->released_with);
      thr_export_table_add_text (table, row->explanation);
      readings = thr_contract_format_readings (thr_ledger_get_contract (ledger), row->readings);
      thr_export_table_add_text (table, readings);
      g_free (readings);
    }
  return table;
}

/* A metric judged per subject takes the worst of its subjects, as the
 * ledger does (thr_results_find_worst()). */
static ThrStatus
status_of (GPtrArray  *results,
           const char *metric_id)
{
  const ThrResult *r = thr_results_find_worst (results, metric_id);

  return r != NULL ? r->status : THR_STATUS_NO_DATA;
}

ThrExportTable *
thr_export_grid_table (ThrEvaluator     *evaluator,
                       const ThrPeriod  *first,
                       guint             n_months,
                       GError          **error)
{
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) months = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(ThrExportTable) table = NULL;
  ThrContract *contract;
  ThrPeriod month;

  g_return_val_if_fail (THR_IS_EVALUATOR (evaluator), NULL);
  g_return_val_if_fail (first != NULL && first->kind == THR_PERIOD_MONTH, NULL);
  g_return_val_if_fail (n_months > 0, NULL);

  contract = thr_evaluator_get_contract (evaluator);
  g_ptr_array_add (headers, g_strdup ("metric"));
  g_ptr_array_add (headers, g_strdup ("section"));
  g_ptr_array_add (headers, g_strdup ("title"));
  g_ptr_array_add (titles, g_strdup (_("Metric")));
  g_ptr_array_add (titles, g_strdup (_("Section")));
  g_ptr_array_add (titles, g_strdup (_("Title")));
  month = *first;
  for (guint m = 0; m < n_months; m++)
    {
      GPtrArray *results = thr_evaluator_evaluate_month (evaluator, &month, NULL, error);

      if (results == NULL)
        return NULL;
      g_ptr_array_add (months, results);
      g_ptr_array_add (headers, thr_period_format (&month));
      g_ptr_array_add (titles, thr_period_format_words (&month));
      thr_period_next (&month, &month);
    }
  g_ptr_array_add (headers, NULL);
  g_ptr_array_add (titles, NULL);

  table = thr_export_table_new ((const char * const *) headers->pdata);
  thr_export_table_set_titles (table, (const char * const *) titles->pdata);
  for (guint i = 0; i < thr_contract_get_n_metrics (contract); i++)
    {
      const ThrMetric *metric = thr_contract_get_metric (contract, i);

      thr_export_table_begin_row (table);
      thr_export_table_add_text (table, metric->id);
      thr_export_table_add_text (table, metric->section);
      thr_export_table_add_text (table, metric->title);
      month = *first;
      for (guint m = 0; m < n_months; m++, thr_period_next (&month, &month))
        {
          /* Before the metric's first period there is no result: an
           * empty cell, never "no-data". */
          if (!thr_metric_is_measured (metric, month.last))
            thr_export_table_add_text (table, "");
          else
            thr_export_table_add_text (table, thr_status_to_string (status_of (g_ptr_array_index (months, m),
                                                                               metric->id)));
        }
    }
  return g_steal_pointer (&table);
}
