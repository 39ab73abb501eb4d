/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ledger-input.c — the statuses and invoices the ledger is computed from
 *
 * The input is a plain table so that the engine can be tested without a
 * store: months × metrics of statuses, months × components of invoice
 * cents.  A metric nobody set is no-data, never silently met (docs/domain.md,
 * "Statuses").
 */
#define G_LOG_DOMAIN "thr-ledger"

#include <math.h>

#include "thr-ledger-private.h"

G_DEFINE_QUARK (thr-ledger-error-quark, thr_ledger_error)

ThrLedgerInput *
thr_ledger_input_new (ThrContract *contract)
{
  ThrLedgerInput *input;

  g_return_val_if_fail (THR_IS_CONTRACT (contract), NULL);

  input = g_new0 (ThrLedgerInput, 1);
  input->contract = g_object_ref (contract);
  input->months = g_array_new (FALSE, FALSE, sizeof (ThrPeriod));
  input->labels = g_ptr_array_new_with_free_func (g_free);
  input->statuses = g_array_new (FALSE, FALSE, sizeof (ThrStatus));
  input->invoices = g_array_new (FALSE, TRUE, sizeof (gint64));
  input->figures = g_array_new (FALSE, FALSE, sizeof (double));
  input->implemented = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  input->n_known = G_MAXUINT;
  return input;
}

void
thr_ledger_input_free (ThrLedgerInput *input)
{
  if (input == NULL)
    return;
  g_clear_object (&input->contract);
  g_clear_pointer (&input->months, g_array_unref);
  g_clear_pointer (&input->labels, g_ptr_array_unref);
  g_clear_pointer (&input->statuses, g_array_unref);
  g_clear_pointer (&input->invoices, g_array_unref);
  g_clear_pointer (&input->figures, g_array_unref);
  g_clear_pointer (&input->implemented, g_hash_table_unref);
  g_free (input);
}

gboolean
thr_ledger_input_add_month (ThrLedgerInput   *input,
                            const ThrPeriod  *month,
                            GError          **error)
{
  guint n_metrics, n_components;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (month != NULL, FALSE);

  if (month->kind != THR_PERIOD_MONTH)
    {
      g_set_error (error, THR_LEDGER_ERROR, THR_LEDGER_ERROR_INVALID,
                   "the ledger runs over months, not %s periods", thr_period_kind_to_string (month->kind));
      return FALSE;
    }
  if (input->months->len > 0)
    {
      ThrPeriod expected;

      thr_period_next (&g_array_index (input->months, ThrPeriod, input->months->len - 1), &expected);
      if (thr_period_compare (&expected, month) != 0)
        {
          g_autofree char *want = thr_period_format (&expected);
          g_autofree char *got = thr_period_format (month);

          g_set_error (error, THR_LEDGER_ERROR, THR_LEDGER_ERROR_INVALID,
                       "months must be consecutive: expected %s, got %s", want, got);
          return FALSE;
        }
    }

  g_array_append_val (input->months, *month);
  g_ptr_array_add (input->labels, thr_period_format (month));

  n_metrics = thr_contract_get_n_metrics (input->contract);
  n_components = thr_contract_get_n_components (input->contract);
  for (guint i = 0; i < n_metrics; i++)
    {
      ThrStatus no_data = THR_STATUS_NO_DATA;
      double none = NAN;

      g_array_append_val (input->statuses, no_data);
      g_array_append_val (input->figures, none);
    }
  g_array_set_size (input->invoices, input->invoices->len + n_components);
  return TRUE;
}

static gboolean
find_month (ThrLedgerInput  *input,
            const char      *label,
            guint           *out,
            GError         **error)
{
  for (guint i = 0; i < input->labels->len; i++)
    if (g_strcmp0 (g_ptr_array_index (input->labels, i), label) == 0)
      {
        *out = i;
        return TRUE;
      }
  g_set_error (error, THR_LEDGER_ERROR, THR_LEDGER_ERROR_INVALID,
               "month %s is not in the ledger's run", label);
  return FALSE;
}

static gboolean
find_metric (ThrLedgerInput  *input,
             const char      *id,
             guint           *out,
             GError         **error)
{
  guint n = thr_contract_get_n_metrics (input->contract);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (thr_contract_get_metric (input->contract, i)->id, id) == 0)
      {
        *out = i;
        return TRUE;
      }
  g_set_error (error, THR_LEDGER_ERROR, THR_LEDGER_ERROR_INVALID,
               "the contract has no metric “%s”", id);
  return FALSE;
}

static gboolean
find_component (ThrLedgerInput  *input,
                const char      *id,
                guint           *out,
                GError         **error)
{
  guint n = thr_contract_get_n_components (input->contract);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (thr_contract_get_component (input->contract, i)->id, id) == 0)
      {
        *out = i;
        return TRUE;
      }
  g_set_error (error, THR_LEDGER_ERROR, THR_LEDGER_ERROR_INVALID,
               "the contract has no invoice component “%s”", id);
  return FALSE;
}

/* The index of (month, metric) in the month-major status and figure arrays. */
static gboolean
find_metric_cell (ThrLedgerInput  *input,
                  const char      *month_label,
                  const char      *metric_id,
                  guint           *out,
                  GError         **error)
{
  guint month, metric;

  if (!find_month (input, month_label, &month, error) ||
      !find_metric (input, metric_id, &metric, error))
    return FALSE;
  *out = month * thr_contract_get_n_metrics (input->contract) + metric;
  return TRUE;
}

gboolean
thr_ledger_input_set_status (ThrLedgerInput  *input,
                             const char      *month_label,
                             const char      *metric_id,
                             ThrStatus        status,
                             GError         **error)
{
  guint cell;

  g_return_val_if_fail (input != NULL, FALSE);

  if (!find_metric_cell (input, month_label, metric_id, &cell, error))
    return FALSE;
  g_array_index (input->statuses, ThrStatus, cell) = status;
  return TRUE;
}

gboolean
thr_ledger_input_set_all (ThrLedgerInput  *input,
                          const char      *month_label,
                          ThrStatus        status,
                          GError         **error)
{
  guint month, n;

  g_return_val_if_fail (input != NULL, FALSE);

  if (!find_month (input, month_label, &month, error))
    return FALSE;
  n = thr_contract_get_n_metrics (input->contract);
  for (guint i = 0; i < n; i++)
    g_array_index (input->statuses, ThrStatus, month * n + i) = status;
  return TRUE;
}

gboolean
thr_ledger_input_set_invoice (ThrLedgerInput  *input,
                              const char      *month_label,
                              const char      *component_id,
                              gint64           cents,
                              GError         **error)
{
  guint month, component;

  g_return_val_if_fail (input != NULL, FALSE);

  if (!find_month (input, month_label, &month, error) ||
      !find_component (input, component_id, &component, error))
    return FALSE;
  if (cents < 0)
    {
      g_set_error (error, THR_LEDGER_ERROR, THR_LEDGER_ERROR_INVALID,
                   "an invoice amount cannot be negative");
      return FALSE;
    }
  g_array_index (input->invoices, gint64,
                 month * thr_contract_get_n_components (input->contract) + component) = cents;
  return TRUE;
}

gboolean
thr_ledger_input_set_figure (ThrLedgerInput  *input,
                             const char      *month_label,
                             const char      *metric_id,
                             double           value,
                             GError         **error)
{
  guint cell;

  g_return_val_if_fail (input != NULL, FALSE);

  if (!find_metric_cell (input, month_label, metric_id, &cell, error))
    return FALSE;
  g_array_index (input->figures, double, cell) = value;
  return TRUE;
}

gboolean
thr_ledger_input_set_implemented (ThrLedgerInput  *input,
                                  const char      *metric_id,
                                  const char      *failure_month,
                                  guint32          day,
                                  GError         **error)
{
  g_autofree char *key = NULL;
  ThrPeriod month;
  guint metric;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (failure_month != NULL, FALSE);

  if (!find_metric (input, metric_id, &metric, error))
    return FALSE;
  if (!thr_period_parse_kind (failure_month, THR_PERIOD_MONTH, &month, error))
    return FALSE;
  key = g_strdup_printf ("%s\n%s", metric_id, failure_month);
  if (day == 0)
    g_hash_table_remove (input->implemented, key);
  else
    g_hash_table_insert (input->implemented, g_steal_pointer (&key), GUINT_TO_POINTER (day));
  return TRUE;
}

void
thr_ledger_input_set_as_of (ThrLedgerInput *input,
                            guint32         day)
{
  g_return_if_fail (input != NULL);

  input->as_of = day;
}

/* Section: access for the engine */

guint32
_thr_ledger_input_implemented (ThrLedgerInput *input,
                               const char     *metric,
                               const char     *failure_month)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", metric, failure_month);

  return GPOINTER_TO_UINT (g_hash_table_lookup (input->implemented, key));
}

/* ¶4.i withholds "until Contractor demonstrates that the CAP has been
 * implemented": as of a day (--today, the preference) an implemented_on
 * recorded for a later day has not happened yet, so the money it would
 * release is still held on that day, as a record completed after today is
 * still open (docs/domain.md, "Within N days").  The recorded day is kept
 * in the failure; the engine decides with this one. */
guint32
_thr_ledger_input_implemented_by (ThrLedgerInput *input,
                                  guint32         recorded)
{
  if (input->as_of != 0 && recorded > input->as_of)
    return 0;
  return recorded;
}


guint
_thr_ledger_input_n_months (ThrLedgerInput *input)
{
  return input->months->len;
}

void
_thr_ledger_input_set_n_known (ThrLedgerInput *input,
                               guint           n_known)
{
  input->n_known = n_known;
}

guint
_thr_ledger_input_n_known (ThrLedgerInput *input)
{
  return MIN (input->n_known, input->months->len);
}

ThrStatus
_thr_ledger_input_status (ThrLedgerInput *input,
                          guint           month,
                          guint           metric)
{
  return g_array_index (input->statuses, ThrStatus,
                        month * thr_contract_get_n_metrics (input->contract) + metric);
}

gint64
_thr_ledger_input_invoice (ThrLedgerInput *input,
                           guint           month,
                           guint           component)
{
  return g_array_index (input->invoices, gint64,
                        month * thr_contract_get_n_components (input->contract) + component);
}

double
_thr_ledger_input_figure (ThrLedgerInput *input,
                          guint           month,
                          guint           metric)
{
  return g_array_index (input->figures, double,
                        month * thr_contract_get_n_metrics (input->contract) + metric);
}

const char *
_thr_ledger_input_label (ThrLedgerInput *input,
                         guint           month)
{
  return g_ptr_array_index (input->labels, month);
}

const ThrPeriod *
_thr_ledger_input_month (ThrLedgerInput *input,
                         guint           month)
{
  return &g_array_index (input->months, ThrPeriod, month);
}
