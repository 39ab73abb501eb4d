/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-report-month-store.c — the monthly report filled from the store
 *
 * The month's results from the evaluator; the month's ledger and the year
 * to date per invoice component; the ¶1.i escalation the month brings on;
 * and the CAPs still open at the end of the month with their next date.
 */
#define G_LOG_DOMAIN "thr-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-cap.h"
#include "thr-ledger-totals.h"
#include "thr-report-format.h"
#include "thr-report-month.h"
#include "thr-report-store-private.h"
#include "thr-report-trend.h"

#define N_MISSED_TO_ESCALATE 3   /* ¶1.i: "three (3) or more" */
#define CHART_MONTHS        12   /* a missed metric's chart: the year up to the month */

static GPtrArray *
new_lines (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) thr_report_ledger_line_free);
}

static ThrReportLedgerLine *
line_from_totals (const char            *component,
                  double                 rate,
                  const ThrLedgerTotals *t)
{
  return thr_report_ledger_line_new (component, t->invoice, rate, t->withheld, t->released, t->retained, t->held);
}

/* Per component, in the contract's order, the month's row and the year
 * from January to the month; then each table's total line (component
 * NULL).  Every sum is thr_ledger_sum(), as on the overview, the ledger
 * page and in `ledger --format json`. */
static void
fill_ledger (ThrReportMonthOptions *o,
             ThrContract           *contract,
             ThrLedger             *ledger,
             const ThrPeriod       *month)
{
  g_autofree char *label = thr_period_format (month);
  ThrLedgerTotals totals;
  ThrPeriod january;
  int year, m, d;

  thr_day_to_ymd (month->first, &year, &m, &d);
  thr_period_for_day (THR_PERIOD_MONTH, thr_day_from_ymd (year, 1, 1), &january);
  o->ledger_month = new_lines ();
  o->ledger_year = new_lines ();
  for (guint c = 0; c < thr_contract_get_n_components (contract); c++)
    {
      const ThrComponent *component = thr_contract_get_component (contract, c);
      const ThrLedgerRow *row = thr_ledger_find_row (ledger, label, component->id);

      if (row != NULL)
        {
          ThrReportLedgerLine *line = thr_report_ledger_line_new (component->title, row->invoice, row->rate,
                                                                  row->withheld, row->released,
                                                                  row->retained, row->held);

          line->explanation = g_strdup (row->explanation);
          g_ptr_array_add (o->ledger_month, line);
        }
      /* A year's rows mix rates (15 %, 25 % when escalated): no one figure. */
      thr_ledger_sum (ledger, &january, month, component->id, &totals);
      g_ptr_array_add (o->ledger_year, line_from_totals (component->title, -1, &totals));
    }
  thr_ledger_sum (ledger, month, month, NULL, &totals);
  g_ptr_array_add (o->ledger_month, line_from_totals (NULL, -1, &totals));
  thr_ledger_sum (ledger, &january, month, NULL, &totals);
  g_ptr_array_add (o->ledger_year, line_from_totals (NULL, -1, &totals));
}

static const ThrLedgerMonth *
find_month (ThrLedger       *ledger,
            const ThrPeriod *month)
{
  GPtrArray *months = thr_ledger_get_months (ledger);

  for (guint i = 0; i < months->len; i++)
    {
      const ThrLedgerMonth *lm = g_ptr_array_index (months, i);
      if (thr_period_compare (&lm->month, month) == 0)
        return lm;
    }
  return NULL;
}

/* The ledger, as of a day, runs to that day's month (the invoices issued
 * by then).  A month reported after it gets a run that reaches it, so
 * that its own rows say its invoice is not issued yet (thr-ledger.c)
 * rather than the report showing no row at all.  NULL with @error set
 * when that run fails; @ledger itself when it already reaches @month. */
static ThrLedger *
ledger_reaching (ThrStore         *store,
                 gint64            contract_id,
                 ThrEvaluator     *evaluator,
                 ThrLedger        *ledger,
                 const ThrPeriod  *month,
                 ThrLedger       **owned,
                 GError          **error)
{
  ThrPeriod today_month;

  thr_period_for_day (THR_PERIOD_MONTH, thr_evaluator_get_today (evaluator), &today_month);
  if (find_month (ledger, month) != NULL || thr_period_compare (month, &today_month) <= 0)
    return ledger;
  g_clear_pointer (owned, thr_ledger_free);
  *owned = thr_ledger_compute_for_store (store, contract_id, NULL, month, thr_evaluator_get_today (evaluator), error);
  return *owned;
}

static const ThrComponent *
escalating_component (ThrContract *contract)
{
  for (guint c = 0; c < thr_contract_get_n_components (contract); c++)
    {
      const ThrComponent *component = thr_contract_get_component (contract, c);
      if (component->escalated_rate > component->rate)
        return component;
    }
  return NULL;
}

/* What ¶1.i makes of the month, and where the fates come from. */
static char *
make_note (ThrContract     *contract,
           ThrLedger       *ledger,
           const ThrPeriod *month)
{
  const ThrLedgerMonth *lm = find_month (ledger, month);
  const ThrComponent *component = escalating_component (contract);
  GString *note = g_string_new (NULL);

  if (lm != NULL && component != NULL && lm->n_missed >= N_MISSED_TO_ESCALATE)
    {
      ThrPeriod next;
      g_autofree char *next_label = NULL;
      g_autofree char *next_words = NULL;
      g_autofree char *month_words = NULL;

      thr_period_next (month, &next);
      next_label = thr_period_format (&next);
      next_words = thr_report_format_period (next_label);
      month_words = thr_report_format_period (lm->label);
      /* Translators: ¶1.i escalation; the count of missed metrics, the month,
       * the component, the rate, the next month */
      g_string_append_printf (note, _("¶1.i: %u metrics were missed in %s, three or more, so the %s "
                                      "component is withheld at %g %% from %s until a month in which "
                                      "every metric is met. "),
                              lm->n_missed, month_words, component->title, component->escalated_rate,
                              next_words);
    }
  else if (lm != NULL && component != NULL && lm->escalated)
    g_string_append_printf (note, _("¶1.i: the %s component is withheld at %g %% this month after "
                                    "an earlier month with three or more missed metrics. "),
                            component->title, component->escalated_rate);
  g_string_append (note, _("Released, held and retained amounts are as the data imported so far "
                           "decides them (D2 ¶3–4)."));
  return g_string_free (note, FALSE);
}

/* A CAP is still open at the end of @month when its window has not been
 * decided by then, whatever later months brought. */
static gboolean
open_at (const ThrCap    *cap,
         const ThrPeriod *month)
{
  const ThrLedgerFailure *f = cap->failure;

  if (f == NULL || thr_period_compare (&f->failure, month) > 0)
    return FALSE;
  switch (f->outcome)
    {
    case THR_WINDOW_RESOLVED: return thr_period_compare (&f->resolved_in, month) > 0;
    case THR_WINDOW_FAILED:   return thr_period_compare (&f->window_last, month) > 0;
    case THR_WINDOW_OPEN:
    default:                  return TRUE;
    }
}

static ThrReportCap *
report_cap_for (const ThrCap *cap)
{
  g_autofree char *id = g_strdup_printf ("CAP-%" G_GINT64_FORMAT, cap->id);

  if (cap->submitted_on == 0)
    return thr_report_cap_new (id, cap->metric, cap->failure_month, _("awaiting plan"),
                               _("CAP due"), cap->cap_due);
  if (cap->approved_on == 0)
    return thr_report_cap_new (id, cap->metric, cap->failure_month, _("plan submitted"),
                               _("State review due"), cap->review_due);
  return thr_report_cap_new (id, cap->metric, cap->failure_month, _("plan approved"),
                             _("Window closes"), cap->failure->window_last.last);
}

static GPtrArray *
make_open_caps (GPtrArray       *caps,
                const ThrPeriod *month)
{
  GPtrArray *open = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_report_cap_free);

  for (guint i = 0; i < caps->len; i++)
    {
      const ThrCap *cap = g_ptr_array_index (caps, i);
      if (open_at (cap, month))
        g_ptr_array_add (open, report_cap_for (cap));
    }
  return open;
}

/* The missed metrics' ids, each once (a metric judged per subject can
 * miss for several). */
static GStrv
missed_ids (GPtrArray *results)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < results->len; i++)
    {
      const ThrResult *r = g_ptr_array_index (results, i);

      if (r->status == THR_STATUS_MISSED && g_hash_table_add (seen, r->metric->id))
        g_strv_builder_add (ids, r->metric->id);
    }
  return g_strv_builder_end (ids);
}

/* A chart for each missed metric: the twelve months up to @month (from
 * the ledger's first month when the run is shorter), its corrective
 * windows shaded and @month ringed. */
static GPtrArray *
make_missed_charts (ThrEvaluator     *evaluator,
                    ThrLedger        *ledger,
                    GPtrArray        *results,
                    const ThrPeriod  *month,
                    GError          **error)
{
  g_auto(GStrv) ids = missed_ids (results);
  g_autoptr(GPtrArray) trends = NULL;
  g_autofree char *label = thr_period_format (month);
  GPtrArray *months = thr_ledger_get_months (ledger);
  GPtrArray *charts = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_report_metric_chart_free);
  ThrPeriod first;
  guint n_months = CHART_MONTHS;

  if (ids[0] == NULL)
    return charts;
  thr_period_for_day (THR_PERIOD_MONTH, thr_day_add_months (month->first, 1 - CHART_MONTHS), &first);
  if (months->len > 0)
    {
      const ThrLedgerMonth *run_first = g_ptr_array_index (months, 0);

      while (n_months > 1 && thr_period_compare (&first, &run_first->month) < 0)
        {
          thr_period_next (&first, &first);
          n_months--;
        }
    }
  trends = thr_report_trends_new (evaluator, (const char * const *) ids, &first, n_months, error);
  if (trends == NULL)
    {
      g_ptr_array_unref (charts);
      return NULL;
    }
  for (guint i = 0; i < trends->len; i++)
    {
      ThrReportTrend *trend = g_ptr_array_index (trends, i);

      thr_report_trend_add_windows (trend, ledger);
      thr_report_trend_select (trend, label);
    }
  for (guint i = 0; ids[i] != NULL; i++)
    {
      ThrReportTrend *trend = g_ptr_array_steal_index (trends, 0);
      ThrReportMetricChart *chart = thr_report_metric_chart_new (ids[i], thr_report_trend_draw_cb, trend,
                                                                 (GDestroyNotify) thr_report_trend_free);

      chart->alt = thr_report_trend_describe (trend);
      g_ptr_array_add (charts, chart);
    }
  return charts;
}

ThrDocument *
thr_report_month_build_for_store (ThrStore                    *store,
                                  gint64                       contract_id,
                                  const ThrPeriod             *month,
                                  const ThrReportStoreOptions *options,
                                  GError                     **error)
{
  static const ThrReportStoreOptions defaults = { 0 };
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_autoptr(ThrLedger) owned_ledger = NULL;
  ThrLedger *ledger;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) caps = NULL;
  g_autoptr(GPtrArray) ledger_month = NULL;
  g_autoptr(GPtrArray) ledger_year = NULL;
  g_autoptr(GPtrArray) open_caps = NULL;
  g_autoptr(GPtrArray) missed_charts = NULL;
  g_autofree char *note = NULL;
  ThrReportMonthOptions o = { 0 };
  ThrContract *contract;

  g_return_val_if_fail (THR_IS_STORE (store), NULL);
  g_return_val_if_fail (month != NULL && month->kind == THR_PERIOD_MONTH, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  if (!thr_report_store_load (store, contract_id, options, &evaluator, &owned_ledger, &ledger, error))
    return NULL;
  contract = thr_evaluator_get_contract (evaluator);
  results = thr_evaluator_evaluate_month (evaluator, month, NULL, error);
  if (results == NULL)
    return NULL;

  o.agency = options->agency;
  o.generated = options->generated;
  /* A contract without invoice components (the KPI template) has no
   * ledger and no CAPs: those sections stay out rather than print zeros. */
  if (thr_contract_get_n_components (contract) > 0)
    {
      ledger = ledger_reaching (store, contract_id, evaluator, ledger, month, &owned_ledger, error);
      if (ledger == NULL)
        return NULL;
      caps = thr_cap_list (store, contract_id, ledger, error);
      if (caps == NULL)
        return NULL;
      fill_ledger (&o, contract, ledger, month);
      ledger_month = o.ledger_month;
      ledger_year = o.ledger_year;
      note = make_note (contract, ledger, month);
      o.ledger_note = note;
      open_caps = make_open_caps (caps, month);
      o.open_caps = open_caps;
    }
  missed_charts = make_missed_charts (evaluator, ledger, results, month, error);
  if (missed_charts == NULL)
    return NULL;
  o.missed_charts = missed_charts;
  return thr_report_month_build (contract, month, results, &o);
}
