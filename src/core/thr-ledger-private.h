/* thr-ledger-private.h — what the ledger's files share */
#pragma once

#include "thr-ledger.h"

G_BEGIN_DECLS

struct _ThrLedgerInput {
  ThrContract *contract;
  GArray      *months;     /* of ThrPeriod, consecutive */
  GPtrArray   *labels;     /* of char*, "YYYY-MM" */
  GArray      *statuses;   /* of ThrStatus, n_months × n_metrics, row-major by month */
  GArray      *invoices;   /* of gint64, n_months × n_components */
  GArray      *figures;    /* of double, n_months × n_metrics, NAN when absent */
};

struct _ThrLedger {
  ThrContract *contract;
  GPtrArray   *months;     /* of ThrLedgerMonth* */
  GPtrArray   *rows;       /* of ThrLedgerRow* */
  GPtrArray   *failures;   /* of ThrLedgerFailure* */
  GPtrArray   *lines;      /* of ThrLedgerLine* */
};

guint      _thr_ledger_input_n_months   (ThrLedgerInput *input);
ThrStatus  _thr_ledger_input_status     (ThrLedgerInput *input,
                                         guint           month,
                                         guint           metric);
gint64     _thr_ledger_input_invoice    (ThrLedgerInput *input,
                                         guint           month,
                                         guint           component);
double     _thr_ledger_input_figure     (ThrLedgerInput *input,
                                         guint           month,
                                         guint           metric);
const char *_thr_ledger_input_label     (ThrLedgerInput *input,
                                         guint           month);
const ThrPeriod *_thr_ledger_input_month (ThrLedgerInput *input,
                                         guint           month);

/* Money metrics (thr-ledger-money.c): appends ThrLedgerLine* to lines;
 * rows are the finished rows, for the fees of a year. */
void       _thr_ledger_add_money_lines  (ThrLedgerInput *input,
                                         GPtrArray      *rows,
                                         GPtrArray      *lines);

G_END_DECLS
