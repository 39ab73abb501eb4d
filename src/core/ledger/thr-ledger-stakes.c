/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ledger-stakes.c — what a month's failing metrics put at stake, and why money is held
 *
 * Nothing here decides a fate: the rows' states, and which metrics hold
 * each held row (row->held_by), come from decide_fate () in thr-ledger.c;
 * the corrective windows from thr-ledger-corrective.c.  This file sums
 * them per metric and per reason.
 */
#define G_LOG_DOMAIN "thr-ledger"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-format.h"
#include "thr-ledger-private.h"
#include "thr-ledger-stakes.h"

/* Section: private helpers */

static int
month_index (ThrLedger       *ledger,
             const ThrPeriod *month)
{
  for (guint i = 0; i < ledger->months->len; i++)
    {
      const ThrLedgerMonth *m = g_ptr_array_index (ledger->months, i);

      if (m->month.first == month->first)
        return (int) i;
    }
  return -1;
}

static ThrStatus
status_at (ThrLedger *ledger,
           guint      month,
           guint      metric)
{
  guint n = thr_contract_get_n_metrics (ledger->contract);

  return g_array_index (ledger->statuses, ThrStatus, month * n + metric);
}

static gboolean
measured_at (ThrLedger *ledger,
             guint      month,
             guint      metric)
{
  const ThrLedgerMonth *m = g_ptr_array_index (ledger->months, month);

  return thr_metric_is_measured (thr_contract_get_metric (ledger->contract, metric), m->month.last);
}

/* Under money_metric_misses = own_consequence a missed A.3.b or C.6 has
 * its bonus or damages line and holds nothing (see note_money_misses ()). */
static gboolean
has_own_consequence (ThrLedger       *ledger,
                     const ThrMetric *metric)
{
  gboolean money = g_strcmp0 (metric->consequence, "bonus") == 0 ||
                   g_strcmp0 (metric->consequence, "bonus_damages") == 0;

  return money && g_strcmp0 (thr_contract_get_interpretation (ledger->contract, "money_metric_misses"),
                             "withholding_too") != 0;
}

static guint
months_in_a_row (ThrLedger *ledger,
                 guint      month,
                 guint      metric)
{
  ThrStatus status = status_at (ledger, month, metric);
  guint n = 1;

  while (month >= n && measured_at (ledger, month - n, metric) && status_at (ledger, month - n, metric) == status)
    n++;
  return n;
}

static gboolean
names_metric (const ThrLedgerRow *row,
              const char         *metric)
{
  return row->held_by != NULL && g_strv_contains ((const char * const *) row->held_by, metric);
}

/* The failure whose corrective window covers @month for @metric: the
 * latest one that began on or before it. */
static const ThrLedgerFailure *
failure_covering (ThrLedger       *ledger,
                  const char      *metric,
                  const ThrPeriod *month)
{
  const ThrLedgerFailure *found = NULL;

  for (guint i = 0; i < ledger->failures->len; i++)
    {
      const ThrLedgerFailure *f = g_ptr_array_index (ledger->failures, i);

      if (g_str_equal (f->metric, metric) && f->failure.first <= month->first &&
          (found == NULL || f->failure.first > found->failure.first))
        found = f;
    }
  return found;
}

/* ¶4.iii: "permanently retain the withheld funds for all months during
 * the four month corrective period during which the Contractor failed to
 * meet the missed Metric(s)" — the failure month and the window's misses
 * known by @month. */
static gboolean
retained_if_failed (const ThrLedgerFailure *f,
                    const ThrPeriod        *row_month,
                    const ThrPeriod        *month)
{
  if (row_month->first == f->failure.first)
    return TRUE;
  for (guint k = 0; k < f->months->len; k++)
    {
      const ThrWindowMonth *wm = &g_array_index (f->months, ThrWindowMonth, k);

      if (wm->month.first == row_month->first)
        return wm->known && wm->status == THR_STATUS_MISSED && wm->month.first <= month->first;
    }
  return FALSE;
}

/* ¶4.iii retains the months named in a failed window's list. */
static gboolean
retains_month (const ThrLedgerFailure *f,
               const char             *label)
{
  for (guint i = 0; i < f->retained->len; i++)
    if (g_str_equal (g_ptr_array_index (f->retained, i), label))
      return TRUE;
  return FALSE;
}

static void
sum_stake (ThrLedger       *ledger,
           ThrLedgerStake  *stake,
           const ThrPeriod *month)
{
  const ThrLedgerFailure *f = failure_covering (ledger, stake->metric, month);
  gboolean open = f != NULL && f->outcome == THR_WINDOW_OPEN && month->first <= f->window_last.last;

  if (open)
    {
      stake->has_window = TRUE;
      stake->failure = f->failure;
      stake->window_last = f->window_last;
    }
  for (guint i = 0; i < ledger->rows->len; i++)
    {
      const ThrLedgerRow *row = g_ptr_array_index (ledger->rows, i);

      if (row->month.first > month->first || row->state != THR_LEDGER_STATE_HELD ||
          !names_metric (row, stake->metric))
        continue;
      stake->held += row->held;
      if (open && row->hold == THR_LEDGER_HOLD_CORRECTIVE_WINDOW && retained_if_failed (f, &row->month, month))
        stake->at_risk += row->held;
    }
}

/* A miss is always at stake: it opens a CAP (¶4) whether or not an
 * invoice was withheld.  A metric without data holds money only while its
 * month is invoiced and not verified (¶3), or inside a corrective window
 * still open; a store of records or reported figures without an invoice
 * has dozens of metrics with no data and nothing withheld, which would
 * bury the misses under rows of $0.00 "held".  The overview counts them
 * apart ("Without Data"); here they are not stakes. */
static gboolean
puts_at_stake (const ThrLedgerStake *stake)
{
  if (stake->status == THR_STATUS_MISSED)
    return TRUE;
  /* A bonus or damages metric withholds nothing: no data, nothing held. */
  return stake->held > 0 || stake->at_risk > 0 || stake->has_window;
}

static int
stake_rank (const ThrLedgerStake *s)
{
  if (s->own_consequence)
    return 2;
  return s->status == THR_STATUS_MISSED ? 0 : 1;
}

static int
compare_stakes (gconstpointer a,
                gconstpointer b)
{
  const ThrLedgerStake *x = *(ThrLedgerStake * const *) a;
  const ThrLedgerStake *y = *(ThrLedgerStake * const *) b;
  gint64 mx = x->held + x->at_risk;
  gint64 my = y->held + y->at_risk;

  if (stake_rank (x) != stake_rank (y))
    return stake_rank (x) - stake_rank (y);
  if (mx != my)
    return mx > my ? -1 : 1;
  return 0;   /* g_ptr_array_sort is stable: the contract's order */
}

static gboolean
same_metrics (GStrv a,
              GStrv b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

static gboolean
all_without_data (ThrLedger *ledger,
                  guint      month,
                  GStrv      metrics)
{
  for (guint k = 0; metrics != NULL && metrics[k] != NULL; k++)
    for (guint m = 0; m < thr_contract_get_n_metrics (ledger->contract); m++)
      if (g_str_equal (thr_contract_get_metric (ledger->contract, m)->id, metrics[k]) &&
          status_at (ledger, month, m) != THR_STATUS_NO_DATA)
        return FALSE;
  return TRUE;
}

/* Section: public API */

G_DEFINE_BOXED_TYPE (ThrLedgerStake, thr_ledger_stake, thr_ledger_stake_copy, thr_ledger_stake_free)
G_DEFINE_BOXED_TYPE (ThrLedgerHeldReason, thr_ledger_held_reason, thr_ledger_held_reason_copy,
                     thr_ledger_held_reason_free)

ThrLedgerStake *
thr_ledger_stake_copy (const ThrLedgerStake *stake)
{
  ThrLedgerStake *copy;

  g_return_val_if_fail (stake != NULL, NULL);
  copy = g_memdup2 (stake, sizeof *stake);
  copy->metric = g_strdup (stake->metric);
  return copy;
}

ThrLedgerHeldReason *
thr_ledger_held_reason_copy (const ThrLedgerHeldReason *reason)
{
  ThrLedgerHeldReason *copy;

  g_return_val_if_fail (reason != NULL, NULL);
  copy = g_memdup2 (reason, sizeof *reason);
  copy->metrics = g_strdupv (reason->metrics);
  return copy;
}

void
thr_ledger_stake_free (ThrLedgerStake *stake)
{
  if (stake == NULL)
    return;
  g_free (stake->metric);
  g_free (stake);
}

GPtrArray *
thr_ledger_stakes_for_month (ThrLedger       *ledger,
                             const ThrPeriod *month)
{
  GPtrArray *stakes = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_ledger_stake_free);
  int i;

  g_return_val_if_fail (ledger != NULL, stakes);
  g_return_val_if_fail (month != NULL, stakes);

  i = month_index (ledger, month);
  if (i < 0)
    return stakes;
  for (guint m = 0; m < thr_contract_get_n_metrics (ledger->contract); m++)
    {
      const ThrMetric *metric = thr_contract_get_metric (ledger->contract, m);
      ThrStatus status = status_at (ledger, i, m);
      ThrLedgerStake *stake;

      if (!measured_at (ledger, i, m) || (status != THR_STATUS_MISSED && status != THR_STATUS_NO_DATA))
        continue;
      stake = g_new0 (ThrLedgerStake, 1);
      stake->metric = g_strdup (metric->id);
      stake->status = status;
      stake->months_in_a_row = months_in_a_row (ledger, i, m);
      stake->own_consequence = has_own_consequence (ledger, metric);
      if (!stake->own_consequence)
        sum_stake (ledger, stake, month);
      if (!puts_at_stake (stake))
        {
          thr_ledger_stake_free (stake);
          continue;
        }
      g_ptr_array_add (stakes, stake);
    }
  g_ptr_array_sort (stakes, compare_stakes);
  return stakes;
}

void
thr_ledger_held_reason_free (ThrLedgerHeldReason *reason)
{
  if (reason == NULL)
    return;
  g_strfreev (reason->metrics);
  g_free (reason);
}

GPtrArray *
thr_ledger_held_reasons (ThrLedger       *ledger,
                         const ThrPeriod *from,
                         const ThrPeriod *to)
{
  GPtrArray *reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_ledger_held_reason_free);

  g_return_val_if_fail (ledger != NULL, reasons);

  /* Newest month first: the reasons of the latest months are the ones a
   * manager can still act on. */
  for (guint r = ledger->rows->len; r-- > 0;)
    {
      const ThrLedgerRow *row = g_ptr_array_index (ledger->rows, r);
      ThrLedgerHeldReason *reason = NULL;

      if (row->held == 0 || (from != NULL && row->month.first < from->first) ||
          (to != NULL && row->month.first > to->first))
        continue;
      for (guint k = 0; k < reasons->len && reason == NULL; k++)
        {
          ThrLedgerHeldReason *other = g_ptr_array_index (reasons, k);

          if (other->month.first == row->month.first && other->hold == row->hold &&
              same_metrics (other->metrics, row->held_by))
            reason = other;
        }
      if (reason == NULL)
        {
          reason = g_new0 (ThrLedgerHeldReason, 1);
          reason->month = row->month;
          reason->hold = row->hold;
          reason->metrics = g_strdupv (row->held_by);
          reason->no_data = row->hold == THR_LEDGER_HOLD_VERIFICATION &&
                            all_without_data (ledger, month_index (ledger, &row->month), row->held_by);
          g_ptr_array_add (reasons, reason);
        }
      reason->held += row->held;
    }
  return reasons;
}

char *
thr_ledger_held_reason_describe (const ThrLedgerHeldReason *reason)
{
  g_autofree char *month = NULL;
  g_autofree char *metrics = NULL;
  guint n;

  g_return_val_if_fail (reason != NULL, NULL);

  month = thr_period_format_words (&reason->month);
  n = reason->metrics ? g_strv_length (reason->metrics) : 0;
  metrics = n > 0 ? g_strjoinv (", ", reason->metrics) : g_strdup ("");
  switch (reason->hold)
    {
    case THR_LEDGER_HOLD_VERIFICATION:
      if (reason->no_data)
        /* Translators: metric ids, then a month ("March 2019") */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s has no data for %s", "%s have no data for %s", n),
                                metrics, month);
      /* Translators: metric ids, then a month ("March 2019") */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s is not judged yet for %s",
                                           "%s are not judged yet for %s", n), metrics, month);
    case THR_LEDGER_HOLD_CORRECTIVE_WINDOW:
      /* Translators: metric ids, then a month ("March 2019") */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s's corrective period is still open for %s",
                                           "The corrective periods of %s are still open for %s", n), metrics, month);
    case THR_LEDGER_HOLD_IMPLEMENTATION:
      /* Translators: a month ("March 2019"), then metric ids */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s waits for the implementation of the CAP of %s",
                                           "%s waits for the implementation of the CAPs of %s", n), month, metrics);
    case THR_LEDGER_HOLD_FAILED_WINDOW:
      /* Translators: a month ("March 2019"), then metric ids */
      return g_strdup_printf (_("%s was met inside the failed corrective period of %s, but not every metric was "
                                "met"), month, metrics);
    case THR_LEDGER_HOLD_OTHER:
    case THR_LEDGER_HOLD_NONE:
    default:
      /* Translators: a month ("March 2019") */
      return g_strdup_printf (_("Not every metric was met in %s"), month);
    }
}

gboolean
thr_ledger_failure_holds_component (ThrLedger              *ledger,
                                    const ThrLedgerFailure *failure,
                                    const char             *component_id)
{
  g_return_val_if_fail (ledger != NULL, FALSE);
  g_return_val_if_fail (failure != NULL, FALSE);
  g_return_val_if_fail (component_id != NULL, FALSE);

  /* ¶3 releases a month only when "all Performance Metrics" are met, so a
   * miss holds every component; release_scope = component reads it as
   * the metrics of the component's own section. */
  if (g_strcmp0 (thr_contract_get_interpretation (ledger->contract, "release_scope"), "component") == 0)
    return g_str_equal (failure->component, component_id);
  return TRUE;
}

/* ¶4.ii: "Following verification that the missed Metric(s) have been met
 * for two consecutive months … Contractor may invoice the State for
 * release of all withheld funds", and ¶3 releases a month only
 * "following verification that Contractor successfully met the
 * requirements for all Performance Metrics in a given month".  A window
 * met and implemented has done its part; its months' money is released
 * only once nothing else holds them, so the rows decide. */
static ThrLedgerFailureState
state_of_met_window (ThrLedger              *ledger,
                     const ThrLedgerFailure *failure)
{
  gboolean unverified = FALSE;

  for (guint i = 0; i < ledger->rows->len; i++)
    {
      const ThrLedgerRow *row = g_ptr_array_index (ledger->rows, i);

      if (row->month.first < failure->failure.first || row->month.first > failure->hold_last.first ||
          !thr_ledger_failure_holds_component (ledger, failure, row->component))
        continue;
      if (row->state == THR_LEDGER_STATE_RETAINED ||
          (row->state == THR_LEDGER_STATE_HELD && row->hold != THR_LEDGER_HOLD_VERIFICATION))
        return THR_LEDGER_FAILURE_STATE_HELD_FOR_OTHERS;
      unverified |= row->state == THR_LEDGER_STATE_HELD;
    }
  return unverified ? THR_LEDGER_FAILURE_STATE_AWAITING_VERIFICATION : THR_LEDGER_FAILURE_STATE_RELEASED;
}

ThrLedgerFailureState
thr_ledger_failure_get_state (ThrLedger              *ledger,
                              const ThrLedgerFailure *failure)
{
  g_return_val_if_fail (ledger != NULL, THR_LEDGER_FAILURE_STATE_OPEN);
  g_return_val_if_fail (failure != NULL, THR_LEDGER_FAILURE_STATE_OPEN);

  switch (failure->outcome)
    {
    case THR_WINDOW_FAILED:
      return THR_LEDGER_FAILURE_STATE_RETAINED;
    case THR_WINDOW_RESOLVED:
      if (!thr_ledger_failure_is_released (failure))
        return THR_LEDGER_FAILURE_STATE_AWAITING_IMPLEMENTATION;
      return state_of_met_window (ledger, failure);
    case THR_WINDOW_OPEN:
    default:
      return THR_LEDGER_FAILURE_STATE_OPEN;
    }
}

const char *
thr_ledger_failure_state_get_label (ThrLedgerFailureState state)
{
  switch (state)
    {
    case THR_LEDGER_FAILURE_STATE_RETAINED:
      return _("Failed — retained");
    case THR_LEDGER_FAILURE_STATE_AWAITING_IMPLEMENTATION:
      return _("Met — held until the CAP is implemented");
    case THR_LEDGER_FAILURE_STATE_AWAITING_VERIFICATION:
      return _("Met — held until its months are verified");
    case THR_LEDGER_FAILURE_STATE_HELD_FOR_OTHERS:
      return _("Met — held or retained for other CAPs");
    case THR_LEDGER_FAILURE_STATE_RELEASED:
      return _("Resolved — released");
    case THR_LEDGER_FAILURE_STATE_OPEN:
    default:
      return _("Open");
    }
}

/* Only what this failure decides: a month held or retained because
 * another metric failed is that metric's money, not this CAP's. */
void
thr_ledger_failure_money (ThrLedger              *ledger,
                          const ThrLedgerFailure *failure,
                          ThrLedgerFailureMoney  *money)
{
  g_return_if_fail (ledger != NULL);
  g_return_if_fail (failure != NULL);
  g_return_if_fail (money != NULL);

  *money = (ThrLedgerFailureMoney) { 0 };
  for (guint i = 0; i < ledger->rows->len; i++)
    {
      const ThrLedgerRow *row = g_ptr_array_index (ledger->rows, i);

      if (row->month.first < failure->failure.first || row->month.first > failure->hold_last.first ||
          !thr_ledger_failure_holds_component (ledger, failure, row->component))
        continue;
      money->withheld += row->withheld;
      money->released += row->released;
      if (failure->outcome == THR_WINDOW_OPEN && row->state == THR_LEDGER_STATE_HELD &&
          retained_if_failed (failure, &row->month, &failure->hold_last))
        money->at_risk += row->held;
      if (failure->outcome == THR_WINDOW_FAILED && retains_month (failure, row->month_label))
        money->retained += row->retained;
    }
}
