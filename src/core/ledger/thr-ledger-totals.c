/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ledger-totals.c — the ledger's money summed over months and components */
#define G_LOG_DOMAIN "thr-ledger"

#include <string.h>

#include "thr-ledger-totals.h"

G_DEFINE_BOXED_TYPE (ThrLedgerTotals, thr_ledger_totals, thr_ledger_totals_copy, thr_ledger_totals_free)

ThrLedgerTotals *
thr_ledger_totals_copy (const ThrLedgerTotals *totals)
{
  g_return_val_if_fail (totals != NULL, NULL);
  return g_memdup2 (totals, sizeof *totals);
}

void
thr_ledger_totals_free (ThrLedgerTotals *totals)
{
  g_free (totals);
}

static gboolean
row_selected (const ThrLedgerRow *row,
              const ThrPeriod    *from,
              const ThrPeriod    *to,
              const char         *component)
{
  if (from != NULL && thr_period_compare (&row->month, from) < 0)
    return FALSE;
  if (to != NULL && thr_period_compare (&row->month, to) > 0)
    return FALSE;
  return component == NULL || g_strcmp0 (row->component, component) == 0;
}

static int
row_year (const ThrLedgerRow *row)
{
  int year, month, day;

  thr_day_to_ymd (row->month.first, &year, &month, &day);
  return year;
}

static void
add_row (ThrLedgerTotals    *totals,
         const ThrLedgerRow *row)
{
  totals->invoice += row->invoice;
  totals->withheld += row->withheld;
  totals->released += row->released;
  totals->held += row->held;
  totals->retained += row->retained;
}

void
thr_ledger_sum (ThrLedger       *ledger,
                const ThrPeriod *from,
                const ThrPeriod *to,
                const char      *component,
                ThrLedgerTotals *totals)
{
  GPtrArray *rows;

  g_return_if_fail (ledger != NULL);
  g_return_if_fail (totals != NULL);

  memset (totals, 0, sizeof *totals);
  rows = thr_ledger_get_rows (ledger);
  for (guint i = 0; i < rows->len; i++)
    {
      const ThrLedgerRow *row = g_ptr_array_index (rows, i);

      if (row_selected (row, from, to, component))
        add_row (totals, row);
    }
}

GArray *
thr_ledger_sum_by_year (ThrLedger  *ledger,
                        const char *component)
{
  GArray *years;
  GPtrArray *rows;

  g_return_val_if_fail (ledger != NULL, NULL);

  years = g_array_new (FALSE, TRUE, sizeof (ThrLedgerYear));
  rows = thr_ledger_get_rows (ledger);
  /* The rows are in month order, so a year's rows are consecutive. */
  for (guint i = 0; i < rows->len; i++)
    {
      const ThrLedgerRow *row = g_ptr_array_index (rows, i);
      int year = row_year (row);

      if (years->len == 0 || g_array_index (years, ThrLedgerYear, years->len - 1).year != year)
        g_array_append_val (years, ((ThrLedgerYear) { .year = year }));
      if (row_selected (row, NULL, NULL, component))
        add_row (&g_array_index (years, ThrLedgerYear, years->len - 1).totals, row);
    }
  return years;
}

gint64
thr_ledger_released_with (ThrLedger       *ledger,
                          const ThrPeriod *month)
{
  g_autofree char *label = NULL;
  GPtrArray *rows;
  gint64 sum = 0;

  g_return_val_if_fail (ledger != NULL, 0);
  g_return_val_if_fail (month != NULL, 0);

  label = thr_period_format (month);
  rows = thr_ledger_get_rows (ledger);
  for (guint i = 0; i < rows->len; i++)
    {
      const ThrLedgerRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->released_with, label) == 0)
        sum += row->released;
    }
  return sum;
}
