/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ledger-stakes.h — what a month's failing metrics put at stake, and why money is held
 *
 * The overview answers "what is failing, and what money is at stake" from
 * these two lists, so that the window shows figures the ledger computed
 * and adds none of its own.  Both read a computed ledger; neither changes
 * it.
 */
#pragma once

#include "thr-ledger.h"

G_BEGIN_DECLS

/* A metric missed, or without data, in a month, and the money it decides. */
typedef struct {
  char      *metric;           /* "B.3" */
  ThrStatus  status;           /* MISSED or NO_DATA in the month */
  guint      months_in_a_row;  /* months with this status, ending with the month (≥ 1) */
  gboolean   own_consequence;  /* a bonus or damages metric (C.6, A.3.b) whose miss withholds
                                * nothing (reading money_metric_misses = own_consequence) */
  gint64     held;             /* cents withheld in months up to this one that it holds now */
  gint64     at_risk;          /* cents ¶4.iii retains if its corrective window fails: the
                                * withholding of the failure month and of its misses so far */
  gboolean   has_window;       /* an open corrective window (¶4.i) decides the money … */
  ThrPeriod  failure;          /* … of the failure in this month … */
  ThrPeriod  window_last;      /* … by the end of this month */
} ThrLedgerStake;

#define THR_TYPE_LEDGER_STAKE (thr_ledger_stake_get_type ())
GType           thr_ledger_stake_get_type (void) G_GNUC_CONST;
ThrLedgerStake *thr_ledger_stake_copy    (const ThrLedgerStake *stake);
void       thr_ledger_stake_free        (ThrLedgerStake *stake);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrLedgerStake, thr_ledger_stake_free)

/* Of ThrLedgerStake*: every metric missed in @month, and every metric
 * without data in it that holds money (its month invoiced and not
 * verified, ¶3) or has a corrective window open — withholding misses
 * first, most money first, then metrics without data, then the misses
 * of metrics with a money consequence of their own.  A metric without data that holds nothing is not a stake.  Empty
 * when @month is not in the ledger. */
GPtrArray *thr_ledger_stakes_for_month  (ThrLedger       *ledger,
                                         const ThrPeriod *month);

/* Money held in one month for one reason (summed over its components). */
typedef struct {
  ThrPeriod      month;
  ThrLedgerHold  hold;
  GStrv          metrics;      /* the metrics that hold it */
  gboolean       no_data;      /* HOLD_VERIFICATION: every one of them has no data (else some are pending) */
  gint64         held;         /* cents */
} ThrLedgerHeldReason;

#define THR_TYPE_LEDGER_HELD_REASON (thr_ledger_held_reason_get_type ())
GType                thr_ledger_held_reason_get_type (void) G_GNUC_CONST;
ThrLedgerHeldReason *thr_ledger_held_reason_copy     (const ThrLedgerHeldReason *reason);
void       thr_ledger_held_reason_free  (ThrLedgerHeldReason *reason);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrLedgerHeldReason, thr_ledger_held_reason_free)

/* Of ThrLedgerHeldReason*, newest month first: why the money of the
 * months from @from to @to (either NULL: unbounded) is held.  Their
 * amounts add up to thr_ledger_sum()'s held for the same months. */
GPtrArray *thr_ledger_held_reasons      (ThrLedger       *ledger,
                                         const ThrPeriod *from,
                                         const ThrPeriod *to);
/* "B.3 has no data for March 2019", "A.1.a's corrective window is still
 * open (missed in April 2018)" … in the user's language. */
char      *thr_ledger_held_reason_describe (const ThrLedgerHeldReason *reason);

/* The money one failure's corrective window decides (¶4.i–iii), summed
 * over the invoice components its metric holds: every component under
 * the reading release_scope = all_metrics, its own under component.  A
 * CAP shows these and computes none of its own. */
typedef struct {
  gint64  withheld;   /* cents withheld in the months the failure holds … */
  gint64  released;   /* … of which released … */
  gint64  at_risk;    /* … still held, and retained by ¶4.iii if the window fails: the failure
                       * month and the window's misses so far (an open window only) … */
  gint64  retained;   /* … and retained by ¶4.iii for this failure (a failed window only) */
} ThrLedgerFailureMoney;

/* Whether @failure's metric holds @component_id's withholding. */
gboolean   thr_ledger_failure_holds_component (ThrLedger              *ledger,
                                               const ThrLedgerFailure *failure,
                                               const char             *component_id);
void       thr_ledger_failure_money     (ThrLedger              *ledger,
                                         const ThrLedgerFailure *failure,
                                         ThrLedgerFailureMoney  *money);
/* What became of the money @failure held, from its window's outcome and
 * the rows of the months it held: RELEASED only when every one of them
 * is released.  A window met and implemented whose months still wait
 * for their verification, or are held or retained for another metric,
 * says so. */
ThrLedgerFailureState thr_ledger_failure_get_state (ThrLedger              *ledger,
                                                    const ThrLedgerFailure *failure);
/* The state in words, in the user's language ("Resolved — released"). */
const char *thr_ledger_failure_state_get_label (ThrLedgerFailureState state);

G_END_DECLS
