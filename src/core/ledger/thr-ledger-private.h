/* SPDX-License-Identifier: GPL-3.0-or-later */
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
  GHashTable  *implemented; /* "metric\nYYYY-MM" → day of the CAP's implementation */
  guint32      as_of;      /* the day the ledger is as of, 0 = not said */
  guint        n_known;    /* the first months, those of the data; G_MAXUINT = all */
};

struct _ThrLedger {
  ThrContract *contract;
  GPtrArray   *months;     /* of ThrLedgerMonth* */
  GPtrArray   *rows;       /* of ThrLedgerRow* */
  GPtrArray   *failures;   /* of ThrLedgerFailure* */
  GPtrArray   *lines;      /* of ThrLedgerLine* */
  GArray      *statuses;   /* of ThrStatus, n_months × n_metrics, as the input gave them */
};

guint      _thr_ledger_input_n_months   (ThrLedgerInput *input);
/* Months after the first n_known are in the run only because a range
 * asked for them (--to past the data): shown, but no status of theirs is
 * known to the corrective windows. */
void       _thr_ledger_input_set_n_known (ThrLedgerInput *input,
                                         guint           n_known);
guint      _thr_ledger_input_n_known    (ThrLedgerInput *input);
ThrStatus  _thr_ledger_input_status     (ThrLedgerInput *input,
                                         guint           month,
                                         guint           metric);
gint64     _thr_ledger_input_invoice    (ThrLedgerInput *input,
                                         guint           month,
                                         guint           component);
double     _thr_ledger_input_figure     (ThrLedgerInput *input,
                                         guint           month,
                                         guint           metric);
guint32    _thr_ledger_input_implemented (ThrLedgerInput *input,
                                         const char     *metric,
                                         const char     *failure_month);
/* The recorded implementation day if it has come by the ledger's day,
 * else 0. */
guint32    _thr_ledger_input_implemented_by (ThrLedgerInput *input,
                                            guint32         recorded);
const char *_thr_ledger_input_label     (ThrLedgerInput *input,
                                         guint           month);
const ThrPeriod *_thr_ledger_input_month (ThrLedgerInput *input,
                                         guint           month);

/* Money metrics (thr-ledger-money.c): appends ThrLedgerLine* to lines;
 * rows are the finished rows, for the fees of a year. */
void       _thr_ledger_add_money_lines  (ThrLedgerInput *input,
                                         GPtrArray      *rows,
                                         GPtrArray      *lines);

/* Section: the engine's working state, shared by thr-ledger.c and
 * thr-ledger-corrective.c */

/* A failure being worked out, with its months as indices into the run. */
typedef struct {
  ThrLedgerFailure *pub;
  guint             metric;        /* position in the contract */
  guint             first;         /* the failure month */
  guint             window_last;   /* may be beyond the run */
  guint             hold_last;     /* ≤ n_months − 1 */
  guint             resolved;      /* RESOLVED only: the month whose verification the release waits for */
  guint             scan_from;     /* where the search for this metric's next failure resumes */
} ThrLedgerWork;

typedef struct {
  ThrLedgerInput *in;
  ThrContract    *contract;
  guint           n_months;
  guint           n_known;             /* ≤ n_months: the months of the data */
  guint           n_metrics;
  guint           n_components;
  gboolean        scope_component;     /* release_scope = component */
  gboolean        restart_window;      /* repeat_miss_in_window = restarts_window */
  gboolean        met_month_released;  /* met_month_in_failed_window = released */
  gboolean        covers_months;       /* period_status_in_window = covers_months */
  gboolean        unimplemented_retained; /* unimplemented_cap = retained */
  gboolean        money_withholds;     /* money_metric_misses = withholding_too */
  gboolean       *escalated;           /* per month */
  guint          *escalated_by;        /* per month: the month with ≥ 3 misses */
  GArray         *work;                /* of ThrLedgerWork */
} ThrLedgerCtx;

static inline const ThrMetric *
_thr_ledger_metric_at (ThrLedgerCtx *ctx,
                       guint         position)
{
  return thr_contract_get_metric (ctx->contract, position);
}

/* A metric with a money consequence of its own (A.3.b, C.6). */
static inline gboolean
_thr_ledger_is_money_metric (const ThrMetric *metric)
{
  return g_strcmp0 (metric->consequence, "bonus") == 0 || g_strcmp0 (metric->consequence, "bonus_damages") == 0;
}

/* Whether a metric's misses take part in ¶1.i and ¶3–4: the withholding
 * metrics, and the money metrics too under money_metric_misses =
 * withholding_too. */
static inline gboolean
_thr_ledger_withholds (ThrLedgerCtx    *ctx,
                       const ThrMetric *metric)
{
  return metric->consequence == NULL || g_str_equal (metric->consequence, "withholding") ||
         (ctx->money_withholds && _thr_ledger_is_money_metric (metric));
}

/* Whether the contract measures a metric in month i: not before its
 * first period (C.6 from 2018), when it has no status and no money. */
static inline gboolean
_thr_ledger_measured (ThrLedgerCtx *ctx,
                      guint         month,
                      guint         metric)
{
  return thr_metric_is_measured (_thr_ledger_metric_at (ctx, metric), _thr_ledger_input_month (ctx->in, month)->last);
}

static inline ThrStatus
_thr_ledger_status_at (ThrLedgerCtx *ctx,
                       guint         month,
                       guint         metric)
{
  return _thr_ledger_input_status (ctx->in, month, metric);
}

static inline const char *
_thr_ledger_label_at (ThrLedgerCtx *ctx,
                      guint         month)
{
  return _thr_ledger_input_label (ctx->in, month);
}

/* The label of a month index that may lie beyond the run. */
char      *_thr_ledger_label_after      (ThrLedgerCtx   *ctx,
                                         guint           month);
/* Adds an interpretation's key to a list of the readings that decided a
 * figure, once. */
void       _thr_ledger_note_reading     (GPtrArray      *readings,
                                         const char     *key);
/* "2018-04, 2018-05" */
char      *_thr_ledger_join_labels      (GPtrArray      *labels);
void       _thr_ledger_failure_free     (ThrLedgerFailure *failure);
/* Pass 2: fills ctx->work with every failure and its window. */
void       _thr_ledger_find_failures    (ThrLedgerCtx   *ctx);
int        _thr_ledger_compare_work     (gconstpointer   a,
                                         gconstpointer   b);

G_END_DECLS
