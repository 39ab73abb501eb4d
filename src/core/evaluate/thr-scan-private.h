/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-scan-private.h — recomputing metrics from raw records */
#pragma once

#include "thr-calendar.h"
#include "thr-contract.h"
#include "thr-result.h"
#include "thr-store.h"

G_BEGIN_DECLS

/* One metric over one window of days; the scan fills the tallies. */
typedef struct {
  const ThrMetric *metric;
  guint32          first;
  guint32          last;
  /* a per-subject result: only records whose subject_field holds
   * subject_value count (THR_FIELD_INVALID: every record) */
  ThrRecordField   subject_field;
  const char      *subject_value;
  /* tallies */
  double           numerator;
  double           denominator;
  double           sum;
  guint            n;
  guint            n_pending;
  /* calls */
  guint            offered, answered, answered_in_time, abandoned_long, abandoned_short, flowouts;
  double           wait_answered;
  /* drill-down: when set, WITHIN appends a ThrMissedRecord* per record it
   * counts as missed */
  GPtrArray       *missed;
} ThrScanJob;

gboolean thr_scan_run        (ThrStore       *store,
                                 gint64          contract_id,
                                 ThrCalendar    *calendar,
                                 guint32         today,
                                 ThrScanJob  *jobs,
                                 guint           n_jobs,
                                 GCancellable   *cancellable,
                                 GError        **error);
/* Called once the jobs of @step (and of every step before it) have every
 * row they count: their figures can be taken. */
typedef void (*ThrScanStepFunc) (guint    step,
                                 gpointer user_data);
/* thr_scan_run () in steps: steps[j] (0 … n_steps − 1) is job j's, and
 * @step_done is called for each step in turn as soon as the scans have
 * read what its jobs and those of the steps before need.  The jobs'
 * figures are those of thr_scan_run (), to the last bit; steps in the
 * order of their jobs' days make the scans read each row once in all. */
gboolean thr_scan_run_steps  (ThrStore        *store,
                              gint64           contract_id,
                              ThrCalendar     *calendar,
                              guint32          today,
                              ThrScanJob      *jobs,
                              guint            n_jobs,
                              const guint     *steps,
                              guint            n_steps,
                              ThrScanStepFunc  step_done,
                              gpointer         user_data,
                              GCancellable    *cancellable,
                              GError         **error);
void     thr_scan_job_figure (const ThrScanJob *job,
                                 ThrFigure           *out);
/* The record days the job's scan reads (received, due, completed or
 * offered, whichever places a record for its metric) under @calendar: a
 * record whose days all lie outside them cannot change its figure.
 * first > last when no record can (a deadline that never falls in the
 * job's period). */
void     thr_scan_job_reach  (const ThrScanJob *job,
                              ThrCalendar      *calendar,
                              guint32          *first,
                              guint32          *last);
/* The days whose being business days or not can change the job's figure
 * (a closure, a holiday): for every record the job can count, those from
 * its anchor to its deadline, rolled forward.  FALSE when the figure reads
 * no business day at all (a deadline in calendar days, a mean or a count
 * by date); [0, G_MAXUINT32] when it cannot be bounded. */
gboolean thr_scan_job_calendar_reach (const ThrScanJob *job,
                                      guint32          *first,
                                      guint32          *last);
/* The day the figure depends on, for a figure that depends on it, else
 * 0.  As of today a record dated after it has not happened (a task
 * received or completed after it, a call offered after it), and a
 * "within N days" figure counts an open record as missed only once its
 * deadline has passed: the figure is the same whatever today is once
 * today is on or after every event of the records it counts and after
 * every deadline it counts.  @records_last is the last event of the
 * contract's records (thr_store_records_last_event ()), the bound of the
 * figures whose own days bound none (a deadline counted from a due day);
 * with completions when thr_scan_job_reads_later_completions (). */
guint32  thr_scan_job_today  (const ThrScanJob *job,
                              guint32           today,
                              guint32           records_last);
/* Whether the job's figure reads a completion that its period does not
 * bound (a filter on the completion of a record placed by its receipt),
 * so that @records_last must hold the records' completions too. */
gboolean thr_scan_job_reads_later_completions (const ThrScanJob *job);
/* How the record scans read the tasks: by the evaluator's choice (each
 * range through its index, or one pass over the table when the ranges
 * cover most of it), or, for tests that compare the two, always one way.
 * THR_SCAN_PLAN_RANGES is the reference: each row of a range is offered
 * to every job of its scan, whose own checks place it, where the others
 * offer it only to the jobs whose days hold it. */
typedef enum {
  THR_SCAN_PLAN_CHOOSE,
  THR_SCAN_PLAN_RANGES,
  THR_SCAN_PLAN_ONE_PASS,
} ThrScanPlan;

void     thr_scan_set_plan   (ThrScanPlan plan);
/* How many passes over the tasks this process has made, for tests. */
guint    thr_scan_count_one_passes (void);
/* How many scans a month's window has split, their first days read
 * through their index and the rest in the pass, for tests. */
guint    thr_scan_count_split_scans (void);
/* How many rows the pass of a month's window has handed the scans left
 * out of it (their index reading the others), for tests. */
guint    thr_scan_count_rows_around (void);
/* How many task rows the scans have been handed in this process (the
 * pass's and the ranges'), for tests. */
guint64  thr_scan_count_rows_read (void);

guint32  thr_scan_deadline   (const ThrDeadline   *deadline,
                                 ThrCalendar         *calendar,
                                 guint32              anchor);

G_END_DECLS
