/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-report-cap-store.c — a CAP draft filled from the store
 *
 * The CAP (dates, texts, actions) comes from thr-cap; its failure's
 * corrective window and the money from the ledger; the failure month's
 * figure and each window month's value from the evaluator, through the
 * trend that also draws the chart.
 */
#define G_LOG_DOMAIN "thr-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-cap.h"
#include "thr-ledger-stakes.h"
#include "thr-report-cap.h"
#include "thr-report-store-private.h"
#include "thr-report-trend.h"

#define CHART_HEIGHT 210.0

static ThrCap *
find_cap (GPtrArray *caps,
          gint64     cap_id)
{
  for (guint i = 0; i < caps->len; i++)
    {
      ThrCap *cap = g_ptr_array_index (caps, i);
      if (cap->id == cap_id)
        return cap;
    }
  return NULL;
}

/* The chart's months: around the failure, inside the ledger's run. */
static ThrReportTrend *
make_trend (ThrEvaluator  *evaluator,
            ThrLedger     *ledger,
            const ThrCap  *cap,
            GError       **error)
{
  GPtrArray *months = thr_ledger_get_months (ledger);
  const ThrLedgerMonth *run_first = months->len ? g_ptr_array_index (months, 0) : NULL;
  const ThrLedgerMonth *run_last = months->len ? g_ptr_array_index (months, months->len - 1) : NULL;
  ThrReportTrend *trend;
  ThrPeriod failure, first;
  guint n_months;

  if (!thr_period_parse_kind (cap->failure_month, THR_PERIOD_MONTH, &failure, error))
    return NULL;
  thr_report_trend_range_around (&failure, run_first ? &run_first->month : NULL,
                                 run_last ? &run_last->month : NULL, &first, &n_months);
  trend = thr_report_trend_new (evaluator, cap->metric, &first, n_months, error);
  if (trend != NULL && cap->failure != NULL)
    thr_report_trend_add_window (trend, cap->failure, TRUE);
  return trend;
}

static const char *
action_status (const ThrCapAction  *action,
               guint32              today,
               char               **storage)
{
  g_autofree char *done = NULL;

  if (action->done_on != 0)
    {
      done = thr_day_format (action->done_on);
      /* Translators: an action's status, with the day it was done */
      *storage = g_strdup_printf (_("done %s"), done);
      return *storage;
    }
  if (action->due_on != 0 && action->due_on < today)
    return _("overdue");
  return _("open");
}

static GPtrArray *
make_actions (const ThrCap *cap,
              guint32       today)
{
  GPtrArray *actions = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_report_cap_action_free);

  for (guint i = 0; i < cap->actions->len; i++)
    {
      const ThrCapAction *a = g_ptr_array_index (cap->actions, i);
      g_autofree char *storage = NULL;
      const char *status = action_status (a, today, &storage);

      g_ptr_array_add (actions, thr_report_cap_action_new (a->description, a->owner, a->due_on, status));
    }
  return actions;
}

/* The window's months known so far, each with the metric's value. */
static GPtrArray *
make_window (const ThrLedgerFailure *failure,
             ThrReportTrend         *trend)
{
  GPtrArray *window = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_report_cap_month_free);

  for (guint i = 0; i < failure->months->len; i++)
    {
      const ThrWindowMonth *wm = &g_array_index (failure->months, ThrWindowMonth, i);
      g_autofree char *label = thr_period_format (&wm->month);
      const ThrResult *r = thr_report_trend_get_result (trend, label);

      if (!wm->known)
        continue;
      g_ptr_array_add (window, thr_report_cap_month_new (label, wm->status, r && r->value.present,
                                                         r ? r->value.value : 0));
    }
  return window;
}

/* The titles of the invoice components whose withholding the failure
 * holds, joined for one line of the document. */
static char *
money_components (ThrContract            *contract,
                  ThrLedger              *ledger,
                  const ThrLedgerFailure *failure,
                  guint                  *n)
{
  g_autoptr(GString) titles = g_string_new (NULL);

  for (guint i = 0; i < thr_contract_get_n_components (contract); i++)
    {
      const ThrComponent *component = thr_contract_get_component (contract, i);

      if (!thr_ledger_failure_holds_component (ledger, failure, component->id))
        continue;
      (*n)++;
      if (titles->len > 0)
        g_string_append (titles, "; ");
      g_string_append (titles, component->title);
    }
  return g_string_free (g_steal_pointer (&titles), FALSE);
}

/* The ledger says what this CAP's window decides (¶4.iii retains the
 * failure month and the months it is missed again, nothing a failure of
 * another metric holds); the document only shows it. */
static void
fill_money (ThrReportCapOptions    *o,
            ThrContract            *contract,
            ThrLedger              *ledger,
            const ThrLedgerFailure *failure,
            char                  **components)
{
  ThrLedgerFailureMoney money;

  thr_ledger_failure_money (ledger, failure, &money);
  o->has_money = TRUE;
  o->withheld = money.withheld;
  o->released = money.released;
  o->at_risk = money.at_risk;
  o->retained = money.retained;
  *components = money_components (contract, ledger, failure, &o->n_money_components);
  o->money_component = *components;
}

ThrDocument *
thr_report_cap_build_for_store (ThrStore                    *store,
                                gint64                       contract_id,
                                gint64                       cap_id,
                                const ThrReportStoreOptions *options,
                                GError                     **error)
{
  static const ThrReportStoreOptions defaults = { 0 };
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_autoptr(ThrLedger) owned_ledger = NULL;
  ThrLedger *ledger;
  g_autoptr(GPtrArray) caps = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GPtrArray) window = NULL;
  g_autoptr(ThrReportTrend) trend = NULL;
  g_autofree char *cap_name = NULL;
  g_autofree char *window_first = NULL;
  g_autofree char *window_last = NULL;
  g_autofree char *chart_alt = NULL;
  g_autofree char *components = NULL;
  ThrReportCapOptions o = { 0 };
  const ThrResult *failure;
  ThrContract *contract;
  ThrCap *cap;

  g_return_val_if_fail (THR_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  if (!thr_report_store_load (store, contract_id, options, &evaluator, &owned_ledger, &ledger, error))
    return NULL;
  contract = thr_evaluator_get_contract (evaluator);
  caps = thr_cap_list (store, contract_id, ledger, error);
  if (caps == NULL)
    return NULL;
  cap = find_cap (caps, cap_id);
  if (cap == NULL)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, cap_id);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* A format macro inside _() would hide the message from xgettext. */
                   _("There is no CAP %s for this contract"), id_text);
      return NULL;
    }
  trend = make_trend (evaluator, ledger, cap, error);
  if (trend == NULL)
    return NULL;
  failure = thr_report_trend_get_result (trend, cap->failure_month);
  if (failure == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The contract has no result for %s in %s"), cap->metric, cap->failure_month);
      return NULL;
    }

  /* The CAP's number as the app and the CLI show it. */
  cap_name = g_strdup_printf ("CAP-%" G_GINT64_FORMAT, cap->id);
  actions = make_actions (cap, thr_evaluator_get_today (evaluator));
  o.agency = options->agency;
  o.generated = options->generated;
  o.cap_id = cap_name;
  o.failure = failure;
  o.documented = cap->documented_on;
  o.cap_due = cap->cap_due;
  o.submitted = cap->submitted_on;
  o.review_due = cap->review_due;
  o.approved = cap->approved_on;
  o.deficiency = cap->deficiency;
  o.root_cause = cap->root_cause;
  o.monitoring = cap->monitoring;
  o.evidence = cap->evidence;
  o.signatories = cap->signatories;
  o.actions = actions;
  if (cap->failure != NULL)
    {
      window = make_window (cap->failure, trend);
      window_first = thr_period_format (&cap->failure->window_first);
      window_last = thr_period_format (&cap->failure->window_last);
      o.window = window;
      o.window_first = window_first;
      o.window_last = window_last;
      o.outcome = cap->failure->explanation;
      fill_money (&o, contract, ledger, cap->failure, &components);
    }
  o.chart = thr_report_trend_draw_cb;
  o.chart_height = CHART_HEIGHT;
  chart_alt = thr_report_trend_describe (trend);
  o.chart_alt = chart_alt;
  /* The document draws the chart when it is written, so it owns the
   * trend from here on; the failure result the options point into lives
   * in the trend, which outlives the build. */
  o.chart_destroy = (GDestroyNotify) thr_report_trend_free;
  o.chart_data = g_steal_pointer (&trend);
  return thr_report_cap_build (contract, &o);
}
