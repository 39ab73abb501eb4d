/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ledger-totals.h — the ledger's money summed: one definition for every front end
 *
 * The overview's cards, the ledger page's totals, the monthly report's
 * year to date and `ledger --format json`'s "totals" are all this sum, so
 * they agree to the cent.  Money is counted by the month it was withheld
 * in, with the fate the ledger gives it now:
 *   withheld = released + held + retained
 * for any selection of rows.
 */
#pragma once

#include "thr-ledger.h"

G_BEGIN_DECLS

typedef struct {
  gint64 invoice;
  gint64 withheld;
  gint64 released;
  gint64 held;
  gint64 retained;
} ThrLedgerTotals;

/* Totals are a value: a boxed type, so a table's row can hold them as a
 * property. */
#define THR_TYPE_LEDGER_TOTALS (thr_ledger_totals_get_type ())
GType            thr_ledger_totals_get_type (void) G_GNUC_CONST;
ThrLedgerTotals *thr_ledger_totals_copy     (const ThrLedgerTotals *totals);
void             thr_ledger_totals_free     (ThrLedgerTotals       *totals);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrLedgerTotals, thr_ledger_totals_free)

/* One calendar year of the ledger's months and its sum: the subtotals
 * of the ledger table. */
typedef struct {
  int             year;
  ThrLedgerTotals totals;
} ThrLedgerYear;

/* The rows of months from @from to @to (either NULL: unbounded) and of
 * @component (NULL: every component). */
void    thr_ledger_sum               (ThrLedger         *ledger,
                                      const ThrPeriod   *from,
                                      const ThrPeriod   *to,
                                      const char        *component,
                                      ThrLedgerTotals   *totals);
/* The calendar years the ledger's months fall in, in order, each with
 * the sum of its rows of @component (NULL: every component), as
 * thr_ledger_sum() of its January to December.  Of ThrLedgerYear. */
GArray *thr_ledger_sum_by_year       (ThrLedger         *ledger,
                                      const char        *component);
/* Money the invoice of @month pays out: withholdings of earlier months
 * released with it (¶3, ¶4.ii).  Not part of the sums above, which count
 * money by the month it was withheld in. */
gint64  thr_ledger_released_with     (ThrLedger         *ledger,
                                      const ThrPeriod   *month);

G_END_DECLS
