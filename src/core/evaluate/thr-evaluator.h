/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-evaluator.h — every metric of a contract for a month */
#pragma once

#include "thr-calendar.h"
#include "thr-contract.h"
#include "thr-result.h"
#include "thr-store.h"

G_BEGIN_DECLS

#define THR_TYPE_EVALUATOR (thr_evaluator_get_type ())
G_DECLARE_FINAL_TYPE (ThrEvaluator, thr_evaluator, THR, EVALUATOR, GObject)

ThrEvaluator *thr_evaluator_new             (ThrStore        *store,
                                             gint64           contract_id,
                                             ThrContract     *contract,
                                             ThrCalendar     *calendar);
/* Loads the contract and its calendar as the store holds them. */
ThrEvaluator *thr_evaluator_new_for_store   (ThrStore        *store,
                                             gint64           contract_id,
                                             GError         **error);
ThrContract  *thr_evaluator_get_contract    (ThrEvaluator    *self);
ThrCalendar  *thr_evaluator_get_calendar    (ThrEvaluator    *self);
/* The day against which "the period is not over" and "deadline still
 * ahead" are judged; defaults to today in the contract's time zone. */
void          thr_evaluator_set_today       (ThrEvaluator    *self,
                                             guint32          day);
guint32       thr_evaluator_get_today       (ThrEvaluator    *self);
/* Whether figures recomputed from records are read from and kept in the
 * store (thr-store-kept.h); on by default.  Off, every month is scanned
 * afresh and nothing is written: the reference a test compares with.
 * A keep the server refuses is left on the store, the results delivered
 * all the same (thr_store_take_keep_refusal). */
void          thr_evaluator_set_keep_figures (ThrEvaluator   *self,
                                             gboolean         keep);
/* Whether each result gets its explanation (on by default).  Off for a
 * caller that reads only statuses and values, such as the ledger over
 * many months: writing the explanations, in the reader's language, was
 * most of what evaluating a month from kept figures cost.  Nothing else
 * in a result changes. */
void          thr_evaluator_set_explain     (ThrEvaluator    *self,
                                             gboolean         explain);
/* The explanation of a result that @month's evaluation with explanations
 * off left without one, the very text an evaluator with them on writes;
 * nothing when it has one.  @contract is the one it was judged by. */
void          thr_result_explain            (ThrResult       *result,
                                             ThrContract     *contract,
                                             const ThrPeriod *month);

/* A ThrResult per metric (per subject for per-subject metrics), in the
 * contract's order. */
GPtrArray    *thr_evaluator_evaluate_month  (ThrEvaluator    *self,
                                             const ThrPeriod *month,
                                             GCancellable    *cancellable,
                                             GError         **error);

/* The results of each of @months, as thr_evaluator_evaluate_month ()
 * gives them (a GPtrArray of ThrResult per month, in the order asked), the
 * records read once for them all: a first evaluation of many months reads
 * every record about once, not once for each month whose clauses look at
 * it.  The figures are those of one month at a time, to the last bit. */
GPtrArray    *thr_evaluator_evaluate_months (ThrEvaluator    *self,
                                             const ThrPeriod *months,
                                             guint            n_months,
                                             GCancellable    *cancellable,
                                             GError         **error);

/* A month's results (a GPtrArray of ThrResult, which the function takes),
 * @month its index among the months asked. */
typedef void (*ThrMonthResultsFunc) (guint      month,
                                     GPtrArray *results,
                                     gpointer   user_data);

/* As thr_evaluator_evaluate_months (), each month handed to @func as soon
 * as it is done, on the calling thread: first the months whose figures
 * were all kept, then the others as the shared scans go past their
 * records, oldest first.  On an error some months may have been handed
 * over already. */
gboolean      thr_evaluator_evaluate_months_each (ThrEvaluator        *self,
                                                  const ThrPeriod     *months,
                                                  guint                n_months,
                                                  ThrMonthResultsFunc  func,
                                                  gpointer             user_data,
                                                  GCancellable        *cancellable,
                                                  GError             **error);

/* Only the months among @months whose every figure is kept, handed to
 * @func as thr_evaluator_evaluate_months_each () hands them: nothing is
 * scanned, and the others are left for it.  What a window shows at once
 * when it opens a store it has shown before. */
gboolean      thr_evaluator_evaluate_kept_months (ThrEvaluator        *self,
                                                  const ThrPeriod     *months,
                                                  guint                n_months,
                                                  ThrMonthResultsFunc  func,
                                                  gpointer             user_data,
                                                  GError             **error);

/* A record behind a "within N days" figure that missed its deadline. */
typedef struct {
  char    *task_id;
  char    *type;
  guint32  received;   /* day */
  guint32  deadline;   /* day */
  guint32  completed;  /* day, or 0 when still open */
} ThrMissedRecord;

void          thr_missed_record_free        (ThrMissedRecord *record);
/* Calendar days from the deadline to the completion, or to @today for a
 * record still open (0 if @today is 0 then: unknown). */
guint32       thr_missed_record_days_late   (const ThrMissedRecord *record,
                                             guint32          today);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrMissedRecord, thr_missed_record_free)

/* The records a "within N days" metric counts as missed in the metric's
 * period that holds month (to month's end), in the order read: the
 * drill-down behind the recomputed figure.  Other metrics have no such
 * records: G_IO_ERROR_NOT_SUPPORTED. */
GPtrArray    *thr_evaluator_list_missed     (ThrEvaluator    *self,
                                             const char      *metric_id,
                                             const ThrPeriod *month,
                                             GCancellable    *cancellable,
                                             GError         **error);

G_END_DECLS
