/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ledger.h — what Attachment D2 ¶1–4 make of a run of months
 *
 * The engine is pure: it takes, for consecutive months, every metric's
 * status and every invoice component's amount, and computes per month and
 * component the withholding and its fate (released, held, retained), and
 * per metric failure its corrective window and outcome.  No SQL inside;
 * thr_ledger_compute_for_store() is the thin loader that feeds it from a
 * store.  The rules and the readings of ambiguous text are in
 * docs/consequences.md and in the contract's "interpretations".
 *
 * Money is integer cents.  For every row:
 *   withheld = released + held + retained
 */
#pragma once

#include "thr-calendar.h"
#include "thr-contract.h"
#include "thr-ledger-enums.h"
#include "thr-result.h"
#include "thr-store.h"

G_BEGIN_DECLS

#define THR_LEDGER_ERROR (thr_ledger_error_quark ())
GQuark thr_ledger_error_quark (void);

typedef enum {
  THR_LEDGER_ERROR_INVALID,   /* months out of order, unknown metric or component */
} ThrLedgerError;

typedef enum {
  THR_LEDGER_STATE_NONE,      /* nothing withheld (no invoice) */
  THR_LEDGER_STATE_RELEASED,
  THR_LEDGER_STATE_HELD,
  THR_LEDGER_STATE_RETAINED,
} ThrLedgerState;

typedef enum {
  THR_WINDOW_OPEN,
  THR_WINDOW_RESOLVED,
  THR_WINDOW_FAILED,
} ThrWindowOutcome;

/* What became of the money a corrective window held, as the Ledger page
 * names it (thr_ledger_failure_get_state ()). */
typedef enum {
  THR_LEDGER_FAILURE_STATE_OPEN,                    /* ¶4.i: the window is open, its months held */
  THR_LEDGER_FAILURE_STATE_RETAINED,                /* ¶4.iii: the window failed */
  THR_LEDGER_FAILURE_STATE_AWAITING_IMPLEMENTATION, /* ¶4.i: met twice, the CAP's implementation not recorded */
  THR_LEDGER_FAILURE_STATE_AWAITING_VERIFICATION,   /* met and implemented, a month it held not yet verified (¶3) */
  THR_LEDGER_FAILURE_STATE_HELD_FOR_OTHERS,         /* met and implemented, its months held or retained for
                                                     * other metrics' failures */
  THR_LEDGER_FAILURE_STATE_RELEASED,                /* ¶4.ii: met, implemented, every month it held released */
} ThrLedgerFailureState;

/* Why a row's withholding is held (decide_fate's branches, in order). */
typedef enum {
  THR_LEDGER_HOLD_NONE,               /* not held */
  THR_LEDGER_HOLD_CORRECTIVE_WINDOW,  /* ¶4.i: a corrective window still open */
  THR_LEDGER_HOLD_IMPLEMENTATION,     /* ¶4.i: met twice, the CAP's implementation not recorded */
  THR_LEDGER_HOLD_VERIFICATION,       /* ¶3: metrics not yet judged for the month (no data, pending) */
  THR_LEDGER_HOLD_FAILED_WINDOW,      /* a met month of a failed window, not every metric met */
  THR_LEDGER_HOLD_OTHER,
} ThrLedgerHold;

/* One month and one invoice component. */
typedef struct {
  ThrPeriod       month;
  char           *month_label;     /* "2018-04" */
  char           *component;       /* "central" */
  gint64          invoice;         /* cents */
  double          rate;            /* percent withheld */
  gboolean        escalated;       /* ¶1.i 25 % */
  gint64          withheld;
  gint64          released;
  gint64          held;
  gint64          retained;
  ThrLedgerState  state;
  char           *released_with;   /* month label of the invoice that claims it, or NULL */
  char           *explanation;
  GPtrArray      *readings;        /* keys of the interpretations that decided it */
  ThrLedgerHold   hold;            /* HELD: why */
  GStrv           held_by;         /* HELD: the metrics that hold it, or NULL */
} ThrLedgerRow;

/* How a month of the run stands, over the metrics that withhold. */
typedef struct {
  ThrPeriod  month;
  char      *label;
  guint      n_met;
  guint      n_missed;
  guint      n_pending;
  guint      n_no_data;
  gboolean   escalated;   /* withheld at the escalated rate (¶1.i) */
} ThrLedgerMonth;

/* A month of a corrective window and the metric's status in it.  For a
 * quarterly or yearly metric under the reading period_status_in_window =
 * covers_months, the status is that of the judgment of the period that
 * covers the month, made in judged_in (the period's last month). */
typedef struct {
  ThrPeriod  month;
  ThrStatus  status;
  gboolean   known;               /* FALSE: the judgment is beyond the run */
  ThrPeriod  judged_in;           /* the month whose judgment gives the status */
} ThrWindowMonth;

/* A missed metric-month that opened a corrective window (¶4, ¶4.i). */
typedef struct {
  char             *metric;        /* "A.1.a" */
  char             *component;
  ThrPeriod         failure;       /* the failure month */
  char             *failure_label;
  ThrPeriod         window_first;  /* the four months after the failure … */
  ThrPeriod         window_last;   /* … (later if a repeat miss restarts it) */
  GArray           *months;        /* of ThrWindowMonth, failure month excluded */
  GPtrArray        *repeat_misses; /* labels of months missed again inside the window */
  ThrWindowOutcome  outcome;
  ThrPeriod         resolved_in;   /* RESOLVED: the second consecutive met month */
  GPtrArray        *retained;      /* FAILED: labels of the months retained */
  ThrPeriod         hold_last;     /* the last month this failure holds */
  char             *waiting_for;   /* OPEN: the judgment the window waits for, or NULL */
  guint32           implemented_on; /* the CAP's implementation (¶4.i), 0 = not recorded */
  gboolean          awaiting_implementation; /* met two consecutive months, but no implementation
                                              * in time: held (or, under the reading
                                              * unimplemented_cap = retained, FAILED) */
  char             *explanation;
  GPtrArray        *readings;      /* keys of the interpretations that decided it */
} ThrLedgerFailure;

/* A money line from a metric with its own consequence (A.3.b, C.6). */
typedef enum {
  THR_LEDGER_LINE_BONUS,      /* owed to the contractor, amount ≥ 0 */
  THR_LEDGER_LINE_DAMAGES,    /* owed to the State, amount ≥ 0 */
  THR_LEDGER_LINE_TRUE_UP,    /*< nick=true_up >*/
                              /* the fiscal year's settlement less the quarters':
                               * positive owed to the contractor, negative to the State */
} ThrLedgerLineKind;

typedef struct {
  char              *metric;
  ThrPeriod          month;         /* the month in which it was judged */
  char              *period_label;  /* "2018-Q2", "2018", or "FY2019" for a true-up */
  ThrLedgerLineKind  kind;
  gint64             amount;        /* cents */
  char              *explanation;
  GPtrArray         *readings;      /* keys of the interpretations that decided it */
} ThrLedgerLine;

/* Input: the statuses and invoices of consecutive months. */
typedef struct _ThrLedgerInput ThrLedgerInput;

ThrLedgerInput *thr_ledger_input_new           (ThrContract     *contract);
void            thr_ledger_input_free          (ThrLedgerInput  *input);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrLedgerInput, thr_ledger_input_free)
/* Appends the next month; months must be consecutive.  Every metric starts
 * as no-data (never silently met). */
gboolean        thr_ledger_input_add_month     (ThrLedgerInput  *input,
                                                const ThrPeriod *month,
                                                GError         **error);
gboolean        thr_ledger_input_set_status    (ThrLedgerInput  *input,
                                                const char      *month_label,
                                                const char      *metric_id,
                                                ThrStatus        status,
                                                GError         **error);
/* Every metric of the month at once, then exceptions with set_status. */
gboolean        thr_ledger_input_set_all       (ThrLedgerInput  *input,
                                                const char      *month_label,
                                                ThrStatus        status,
                                                GError         **error);
gboolean        thr_ledger_input_set_invoice   (ThrLedgerInput  *input,
                                                const char      *month_label,
                                                const char      *component_id,
                                                gint64           cents,
                                                GError         **error);
/* A money metric's judged figure for the period that ends in month_label:
 * A.3.b a quarter's retention in dollars, C.6 a year's completion percent. */
gboolean        thr_ledger_input_set_figure    (ThrLedgerInput  *input,
                                                const char      *month_label,
                                                const char      *metric_id,
                                                double           value,
                                                GError         **error);

/* ¶4.i: the day the State recorded that the CAP of the failure of
 * metric_id in failure_month was implemented.  Release under ¶4.ii waits
 * for it. */
gboolean        thr_ledger_input_set_implemented (ThrLedgerInput *input,
                                                const char      *metric_id,
                                                const char      *failure_month,
                                                guint32          day,
                                                GError         **error);

/* The day the ledger is as of ("today"): a month after that day's month
 * has no invoice issued yet, and its rows say so rather than that none
 * was imported; a CAP implemented after that day is not implemented yet. */
void            thr_ledger_input_set_as_of     (ThrLedgerInput  *input,
                                                guint32          day);

/* Output. */
typedef struct _ThrLedger ThrLedger;

ThrLedger      *thr_ledger_compute             (ThrLedgerInput  *input);
ThrLedger      *thr_ledger_compute_for_store   (ThrStore        *store,
                                                gint64           contract_id,
                                                const ThrPeriod *from,
                                                const ThrPeriod *to,
                                                guint32          today,
                                                GError         **error);
/* A month's results the caller has already evaluated (a new reference, or
 * NULL to have the ledger evaluate the month itself).  They must come
 * from the same store, contract and today; explanations are not read. */
typedef GPtrArray *(*ThrLedgerResultsFunc)      (const ThrPeriod *month,
                                                gpointer         user_data);
/* As thr_ledger_compute_for_store (), taking each month's results from
 * @results_func where it has them, so that a caller that evaluated the
 * months already (the window's history) does not evaluate them twice. */
ThrLedger      *thr_ledger_compute_for_store_with (ThrStore           *store,
                                                gint64              contract_id,
                                                const ThrPeriod    *from,
                                                const ThrPeriod    *to,
                                                guint32             today,
                                                ThrLedgerResultsFunc results_func,
                                                gpointer            user_data,
                                                GError            **error);
/* As thr_ledger_compute_for_store_with (), on the contract and calendar
 * the caller's results were evaluated with (as thr_evaluator_get_contract ()
 * and thr_evaluator_get_calendar () give them), rather than on those read
 * and parsed from the store again. */
ThrLedger      *thr_ledger_compute_for_contract (ThrStore           *store,
                                                 gint64              contract_id,
                                                 ThrContract        *contract,
                                                 ThrCalendar        *calendar,
                                                 const ThrPeriod    *from,
                                                 const ThrPeriod    *to,
                                                 guint32             today,
                                                 ThrLedgerResultsFunc results_func,
                                                 gpointer            user_data,
                                                 GError            **error);
void            thr_ledger_free                (ThrLedger       *ledger);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrLedger, thr_ledger_free)

/* Of ThrLedgerRow*, by month then in the contract's component order. */
GPtrArray      *thr_ledger_get_rows            (ThrLedger       *ledger);
/* The SHA-256 (hex) of every row's month, component, money, rate, state
 * and explanation: two stores with the same ledger give the same one. */
char           *thr_ledger_checksum            (ThrLedger       *ledger);
/* Of ThrLedgerMonth*, in order. */
GPtrArray      *thr_ledger_get_months          (ThrLedger       *ledger);
/* Of ThrLedgerFailure*, by failure month then metric. */
GPtrArray      *thr_ledger_get_failures        (ThrLedger       *ledger);
/* Whether @failure's withholding is released under ¶4.ii: its window met
 * two consecutive months AND the CAP was implemented.  A window met but
 * awaiting the implementation still holds the money. */
gboolean        thr_ledger_failure_is_released (const ThrLedgerFailure *failure);
/* Of ThrLedgerLine*. */
GPtrArray      *thr_ledger_get_lines           (ThrLedger       *ledger);
ThrContract    *thr_ledger_get_contract        (ThrLedger       *ledger);
const ThrLedgerRow *thr_ledger_find_row        (ThrLedger       *ledger,
                                                const char      *month_label,
                                                const char      *component_id);

const char     *thr_ledger_state_to_string     (ThrLedgerState   state);
const char     *thr_window_outcome_to_string   (ThrWindowOutcome outcome);
const char     *thr_ledger_line_kind_to_string (ThrLedgerLineKind kind);
/* Percent of cents, half away from zero: 15 % of 1 cent = 0, of 10 = 2. */
gint64          thr_ledger_percent_of_cents    (gint64           cents,
                                                double           percent);

G_END_DECLS
