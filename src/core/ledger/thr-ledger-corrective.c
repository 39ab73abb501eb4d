/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ledger-corrective.c — failures and their corrective windows (D2 ¶4.i)
 *
 * "… until Contractor demonstrates that the CAP has been implemented and
 * further successfully meets the missed Metrics for two consecutive months
 * in the four month period immediately following the month in which the
 * Contractor failed to meet the missed Metric(s) (for example, if
 * Contractor fails to meet one Metric in April 2018, Contractor shall have
 * until August 2018 …)"
 *
 * The second pass of the ledger: for every metric that withholds, each
 * miss that is not already inside an earlier window of the same metric
 * opens a failure; its window is judged resolved, failed or open.
 */
#define G_LOG_DOMAIN "thr-ledger"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-ledger-private.h"

/* Section: labels */

/* The label of a month index that may lie beyond the run. */
char *
_thr_ledger_label_after (ThrLedgerCtx *ctx,
                         guint         month)
{
  ThrPeriod p = *_thr_ledger_input_month (ctx->in, MIN (month, ctx->n_months - 1));

  for (guint i = ctx->n_months - 1; i < month; i++)
    thr_period_next (&p, &p);
  return thr_period_format (&p);
}

char *
_thr_ledger_join_labels (GPtrArray *labels)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (labels, i));
  return g_string_free (s, FALSE);
}

void
_thr_ledger_note_reading (GPtrArray  *readings,
                          const char *key)
{
  for (guint i = 0; i < readings->len; i++)
    if (g_str_equal (g_ptr_array_index (readings, i), key))
      return;
  g_ptr_array_add (readings, g_strdup (key));
}

/* Section: windows */

void
_thr_ledger_failure_free (ThrLedgerFailure *failure)
{
  g_free (failure->metric);
  g_free (failure->component);
  g_free (failure->failure_label);
  g_clear_pointer (&failure->months, g_array_unref);
  g_clear_pointer (&failure->repeat_misses, g_ptr_array_unref);
  g_clear_pointer (&failure->retained, g_ptr_array_unref);
  g_free (failure->waiting_for);
  g_free (failure->explanation);
  g_clear_pointer (&failure->readings, g_ptr_array_unref);
  g_free (failure);
}

static void
period_at (ThrLedgerCtx *ctx,
           guint         month,
           ThrPeriod    *out)
{
  g_autofree char *label = _thr_ledger_label_after (ctx, month);

  thr_period_parse_kind (label, THR_PERIOD_MONTH, out, NULL);
}

static int
month_number (guint32 day)
{
  int y, m;

  thr_day_to_ymd (day, &y, &m, NULL);
  return y * 12 + m - 1;
}

static gboolean
judged_by_period (ThrLedgerCtx *ctx,
                  guint         metric)
{
  ThrPeriodKind kind = _thr_ledger_metric_at (ctx, metric)->period;

  return kind != THR_PERIOD_MONTH && kind != THR_PERIOD_WEEK;
}

/* How a window month counts for a metric.  A monthly (or weekly) metric
 * has its own status; a pending one means the month is not over, so the
 * window cannot be judged yet.
 *
 * A quarterly or yearly metric is judged once, in the last month of its
 * period.  Under period_status_in_window = covers_months the judgment
 * stands for every month the period covers, so a quarter met after a
 * missed one gives the window met months; until that judgment is in, the
 * month is undecided (the money waits, it is not retained).  Under
 * judged_month_only a month other than the judging one is pending and so
 * simply not a met month: a quarterly metric can then never be met two
 * consecutive months. */
static void
window_month (ThrLedgerCtx   *ctx,
              guint           metric,
              guint           j,
              ThrWindowMonth *wm,
              guint          *judged_out,
              gboolean       *undecided)
{
  const ThrMetric *m = _thr_ledger_metric_at (ctx, metric);
  guint judged = j;

  period_at (ctx, j, &wm->month);
  if (judged_by_period (ctx, metric) && ctx->covers_months)
    {
      ThrPeriod covering;

      thr_period_enclosing (m->period, &wm->month, &covering);
      judged = j + (guint) (month_number (covering.last) - month_number (wm->month.first));
    }
  period_at (ctx, judged, &wm->judged_in);
  *judged_out = judged;
  /* A month the data does not reach yet (past its last month, even when
   * a range's --to put it in the run) is not known: the window waits. */
  wm->known = judged < ctx->n_known;
  if (wm->known)
    wm->status = _thr_ledger_status_at (ctx, judged, metric);
  if (!wm->known)
    *undecided = TRUE;
  else if (wm->status == THR_STATUS_PENDING && (!judged_by_period (ctx, metric) || ctx->covers_months))
    *undecided = TRUE;
}

/* What an undecided window waits for, for its explanation. */
static char *
waiting_for (ThrLedgerCtx         *ctx,
             guint                 metric,
             const ThrWindowMonth *wm)
{
  const ThrMetric *m = _thr_ledger_metric_at (ctx, metric);
  g_autofree char *month = thr_period_format (&wm->judged_in);
  g_autofree char *period = NULL;
  ThrPeriod covering;

  if (!judged_by_period (ctx, metric) || !ctx->covers_months)
    /* Translators: %s is a month, YYYY-MM */
    return g_strdup_printf (_("the result of %s"), month);
  thr_period_enclosing (m->period, &wm->month, &covering);
  period = thr_period_format (&covering);
  /* Translators: a quarter or year (2018-Q2, 2018), then the month it is judged in;
   * keep “period_status_in_window” as it is: it names a setting of the contract file */
  return g_strdup_printf (_("the judgment of %s, due in %s, which stands for each month it covers "
                            "(reading period_status_in_window = covers_months)"), period, month);
}

static void
describe_failure (ThrLedgerCtx  *ctx,
                  ThrLedgerWork *w)
{
  ThrLedgerFailure *f = w->pub;
  GString *s = g_string_new (NULL);
  g_autofree char *first = thr_period_format (&f->window_first);
  g_autofree char *last = thr_period_format (&f->window_last);

  /* Translators: metric, failure month, first and last month of the corrective window */
  g_string_append_printf (s, _("¶4: %s missed in %s opens a CAP. ¶4.i: corrective period %s…%s"),
                          f->metric, f->failure_label, first, last);
  for (guint i = 0; i < f->months->len; i++)
    {
      ThrWindowMonth *wm = &g_array_index (f->months, ThrWindowMonth, i);
      g_autofree char *l = thr_period_format (&wm->month);

      g_string_append_printf (s, "%s %s %s", i == 0 ? ":" : ",", l,
                              wm->known ? thr_status_get_label (wm->status) : _("not yet known"));
    }
  g_string_append (s, ".");
  if (judged_by_period (ctx, w->metric))
    {
      _thr_ledger_note_reading (f->readings, "period_status_in_window");
      if (ctx->covers_months)
        /* Translators: keep “period_status_in_window” as it is: it names a setting of the contract file */
        g_string_append (s, _(" Each month takes the status of the judged period that covers it "
                              "(reading period_status_in_window = covers_months)."));
      else
        g_string_append (s, _(" Only the month in which the period is judged counts; the other months "
                              "are not met months (reading period_status_in_window = judged_month_only)."));
    }
  if (f->repeat_misses->len > 0)
    {
      _thr_ledger_note_reading (f->readings, "repeat_miss_in_window");
      /* Translators: keep “repeat_miss_in_window” as it is: it names a setting of the contract file */
      g_string_append_printf (s, _(" Missed again inside the window (reading repeat_miss_in_window = %s)."),
                              thr_contract_get_interpretation (ctx->contract, "repeat_miss_in_window"));
    }
  switch (f->outcome)
    {
    case THR_WINDOW_OPEN:
      if (f->waiting_for != NULL)
        /* Translators: %s says what the window waits for, e.g. “the judgment of 2018-Q2 …” */
        g_string_append_printf (s, _(" Open: waits for %s."), f->waiting_for);
      else
        g_string_append (s, _(" Open: not yet met two consecutive months."));
      break;
    case THR_WINDOW_RESOLVED:
      {
        g_autofree char *r = thr_period_format (&f->resolved_in);
        g_autofree char *on = f->implemented_on != 0 ? thr_day_format (f->implemented_on) : NULL;

        if (f->awaiting_implementation && f->implemented_on != 0 && ctx->in->as_of != 0 &&
            f->implemented_on > ctx->in->as_of)
          {
            g_autofree char *as_of = thr_day_format (ctx->in->as_of);

            /* Translators: the second consecutive met month, the CAP's recorded implementation
             * date, then the day the ledger is as of (--today) */
            g_string_append_printf (s, _(" Met two consecutive months, the second in %s, but ¶4.i also asks that "
                                         "“the CAP has been implemented”: it is recorded as implemented on %s, "
                                         "after %s, so as of that day everything withheld for it stays held."),
                                    r, on, as_of);
          }
        else if (f->awaiting_implementation)
          /* Translators: %s is the second consecutive met month; keep “unimplemented_cap” as it is */
          g_string_append_printf (s, _(" Met two consecutive months, the second in %s, but ¶4.i also asks that "
                                       "“the CAP has been implemented”: no implemented_on date is recorded, so "
                                       "everything withheld for it stays held (reading unimplemented_cap = %s)."),
                                  r, thr_contract_get_interpretation (ctx->contract, "unimplemented_cap"));
        else
          /* Translators: the second consecutive met month, then the CAP's implementation date */
          g_string_append_printf (s, _(" ¶4.ii: resolved in %s, the second consecutive met month, with the CAP "
                                       "implemented on %s; everything withheld for it is released."), r, on);
      }
      break;
    case THR_WINDOW_FAILED:
      if (f->awaiting_implementation)
        {
          g_autofree char *months = _thr_ledger_join_labels (f->retained);
          /* Translators: the months whose withholding is retained; keep “unimplemented_cap” as it is */
          g_string_append_printf (s, _(" Met two consecutive months, but the CAP was not implemented within the "
                                       "corrective period; the withholding of %s is permanently retained "
                                       "(reading unimplemented_cap = retained)."), months);
          break;
        }
      {
        g_autofree char *months = _thr_ledger_join_labels (f->retained);
        g_string_append_printf (s, _(" ¶4.iii: failed, never met two consecutive months; the withholding "
                                     "of %s is permanently retained."), months);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  f->explanation = g_string_free (s, FALSE);
}

static ThrLedgerFailure *
failure_new (ThrLedgerCtx *ctx,
             guint         metric,
             guint         first)
{
  ThrLedgerFailure *f = g_new0 (ThrLedgerFailure, 1);

  f->metric = g_strdup (_thr_ledger_metric_at (ctx, metric)->id);
  f->component = g_strdup (_thr_ledger_metric_at (ctx, metric)->component);
  f->failure = *_thr_ledger_input_month (ctx->in, first);
  f->failure_label = g_strdup (_thr_ledger_label_at (ctx, first));
  f->months = g_array_new (FALSE, FALSE, sizeof (ThrWindowMonth));
  f->repeat_misses = g_ptr_array_new_with_free_func (g_free);
  f->retained = g_ptr_array_new_with_free_func (g_free);
  f->readings = g_ptr_array_new_with_free_func (g_free);
  f->outcome = THR_WINDOW_OPEN;
  f->implemented_on = _thr_ledger_input_implemented (ctx->in, f->metric, f->failure_label);
  return f;
}

/* Month index of a day relative to the run, negative before it. */
static int
run_index (ThrLedgerCtx *ctx,
           guint32       day)
{
  return month_number (day) - month_number (_thr_ledger_input_month (ctx->in, 0)->first);
}

static void
fail_for_implementation (ThrLedgerCtx  *ctx,
                         ThrLedgerWork *w,
                         guint          window_last)
{
  ThrLedgerFailure *f = w->pub;

  f->outcome = THR_WINDOW_FAILED;
  g_ptr_array_add (f->retained, g_strdup (f->failure_label));
  for (guint i = 0; i < f->repeat_misses->len; i++)
    g_ptr_array_add (f->retained, g_strdup (g_ptr_array_index (f->repeat_misses, i)));
  w->window_last = window_last;
  w->hold_last = MIN (window_last, ctx->n_known - 1);
}

/* ¶4.i withholds "until Contractor demonstrates that the CAP has been
 * implemented and further successfully meets the missed Metrics for two
 * consecutive months": the two met months are not enough, the release
 * also waits for the CAP's implemented_on date, recorded by the State.  It
 * goes with the first invoice after both hold: the month after the second
 * met month is verified (as in ¶3's example), or the month of the
 * implementation if that is later; the months in between stay held.
 *
 * When the window ends with the months met but no implementation recorded
 * in it, the text does not say what follows (¶4.iii retains only for
 * failing to meet the metric): under unimplemented_cap = stays_held the
 * money waits for the implementation, under retained the window fails. */
static void
await_implementation (ThrLedgerCtx  *ctx,
                      ThrLedgerWork *w,
                      guint          window_last)
{
  ThrLedgerFailure *f = w->pub;
  ThrPeriod last_month;
  gboolean window_over = window_last < ctx->n_known;
  /* Recorded for a day after the ledger's: not implemented yet. */
  guint32 on = _thr_ledger_input_implemented_by (ctx->in, f->implemented_on);
  gboolean in_time;

  period_at (ctx, window_last, &last_month);
  in_time = on != 0 && on <= last_month.last;
  if (!in_time && (window_over || on != 0))
    _thr_ledger_note_reading (f->readings, "unimplemented_cap");
  if (on == 0 || (!in_time && ctx->unimplemented_retained))
    f->awaiting_implementation = TRUE;

  if (!in_time && ctx->unimplemented_retained && (window_over || on != 0))
    fail_for_implementation (ctx, w, window_last);
  else if (on == 0)
    w->hold_last = ctx->n_known - 1;
  else
    {
      int after = MAX ((int) w->resolved, run_index (ctx, on) - 1);

      w->resolved = (guint) after;
      w->window_last = w->resolved;
      w->hold_last = MIN (w->resolved, ctx->n_known - 1);
    }
}

/* Walks the window after a failure in month `first` and decides it:
 * resolved at the second of two consecutive met months, failed once the
 * window is over without them, open while it is not over. */
static ThrLedgerWork
judge_window (ThrLedgerCtx *ctx,
              guint         metric,
              guint         first)
{
  ThrLedgerWork w = { 0 };
  ThrLedgerFailure *f = failure_new (ctx, metric, first);
  gboolean prev_met = FALSE, undecided = FALSE;
  guint anchor = first, last_judged = first;

  w.pub = f;
  w.metric = metric;
  w.first = first;

  for (guint j = first + 1; j <= anchor + 4; j++)
    {
      ThrWindowMonth wm = { 0 };
      gboolean was_undecided = undecided;
      guint judged;

      window_month (ctx, metric, j, &wm, &judged, &undecided);
      g_array_append_val (f->months, wm);
      last_judged = MAX (last_judged, judged);
      if (undecided && !was_undecided)
        f->waiting_for = waiting_for (ctx, metric, &wm);
      if (!wm.known)
        continue;

      if (wm.status == THR_STATUS_MET && prev_met && f->outcome == THR_WINDOW_OPEN && !undecided)
        {
          f->outcome = THR_WINDOW_RESOLVED;
          f->resolved_in = wm.month;
          /* The release waits for the judgment that made the month met. */
          w.resolved = MAX (j, judged);
          break;
        }
      prev_met = wm.status == THR_STATUS_MET;
      if (wm.status == THR_STATUS_MISSED)
        {
          g_ptr_array_add (f->repeat_misses, thr_period_format (&wm.month));
          /* restarts_window: a repeat miss anchors a new four-month window. */
          if (ctx->restart_window)
            anchor = j;
        }
    }

  period_at (ctx, first + 1, &f->window_first);
  if (f->outcome == THR_WINDOW_RESOLVED)
    {
      g_clear_pointer (&f->waiting_for, g_free);
      period_at (ctx, anchor + 4, &f->window_last);
      w.scan_from = w.resolved + 1;
      w.window_last = w.resolved;
      w.hold_last = w.resolved;
      await_implementation (ctx, &w, anchor + 4);
    }
  else
    {
      w.window_last = anchor + 4;
      period_at (ctx, w.window_last, &f->window_last);
      if (!undecided)
        {
          f->outcome = THR_WINDOW_FAILED;
          g_ptr_array_add (f->retained, g_strdup (f->failure_label));
          for (guint i = 0; i < f->repeat_misses->len; i++)
            g_ptr_array_add (f->retained, g_strdup (g_ptr_array_index (f->repeat_misses, i)));
          w.hold_last = w.window_last;
          /* What the failure releases waits for the judgment of its last
           * month (a quarter's may come after the window). */
          w.window_last = MAX (w.window_last, last_judged);
        }
      else
        w.hold_last = ctx->n_known - 1;
    }
  if (f->outcome != THR_WINDOW_RESOLVED)
    w.scan_from = w.hold_last + 1;
  f->hold_last = *_thr_ledger_input_month (ctx->in, w.hold_last);
  describe_failure (ctx, &w);
  return w;
}

/* ¶4: a missed metric opens a CAP unless it is already held by an earlier
 * failure of the same metric, whose window it then joins (a repeat miss). */
void
_thr_ledger_find_failures (ThrLedgerCtx *ctx)
{
  /* ¶4's CAP goes with a withholding: a contract whose invoices have no
   * components (the KPI page) withholds nothing and opens none. */
  if (ctx->n_components == 0)
    return;
  for (guint m = 0; m < ctx->n_metrics; m++)
    {
      if (!_thr_ledger_withholds (ctx, _thr_ledger_metric_at (ctx, m)))
        continue;
      for (guint i = 0; i < ctx->n_known; i++)
        {
          ThrLedgerWork w;

          if (_thr_ledger_status_at (ctx, i, m) != THR_STATUS_MISSED || !_thr_ledger_measured (ctx, i, m))
            continue;
          w = judge_window (ctx, m, i);
          g_array_append_val (ctx->work, w);
          if (w.pub->outcome == THR_WINDOW_OPEN)
            break;
          i = w.scan_from - 1;
        }
    }
}

int
_thr_ledger_compare_work (gconstpointer a,
              gconstpointer b)
{
  const ThrLedgerWork *wa = a, *wb = b;

  if (wa->first != wb->first)
    return wa->first < wb->first ? -1 : 1;
  return wa->metric < wb->metric ? -1 : wa->metric > wb->metric;
}
