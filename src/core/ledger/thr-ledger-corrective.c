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
  g_free (failure->explanation);
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

/* A window is judged month by month.  A pending status in a monthly (or
 * weekly) metric means the month is not over yet, so the window cannot be
 * judged; for a quarter or a year a pending month simply is not a met
 * month. */
static gboolean
month_undecided (ThrLedgerCtx *ctx,
                 guint         metric,
                 ThrStatus     status)
{
  ThrPeriodKind kind = _thr_ledger_metric_at (ctx, metric)->period;

  return status == THR_STATUS_PENDING && (kind == THR_PERIOD_MONTH || kind == THR_PERIOD_WEEK);
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
  g_string_append_printf (s, _("¶4: %s missed in %s opens a CAP. ¶4.i: corrective window %s…%s"),
                          f->metric, f->failure_label, first, last);
  for (guint i = 0; i < f->months->len; i++)
    {
      ThrWindowMonth *wm = &g_array_index (f->months, ThrWindowMonth, i);
      g_autofree char *l = thr_period_format (&wm->month);

      g_string_append_printf (s, "%s %s %s", i == 0 ? ":" : ",", l,
                              wm->known ? thr_status_get_label (wm->status) : _("not yet known"));
    }
  g_string_append (s, ".");
  if (f->repeat_misses->len > 0)
    /* Translators: keep “repeat_miss_in_window” as it is: it names a setting of the contract file */
    g_string_append_printf (s, _(" Missed again inside the window (reading repeat_miss_in_window = %s)."),
                            thr_contract_get_interpretation (ctx->contract, "repeat_miss_in_window"));
  switch (f->outcome)
    {
    case THR_WINDOW_OPEN:
      g_string_append (s, _(" Open: not yet met two consecutive months."));
      break;
    case THR_WINDOW_RESOLVED:
      {
        g_autofree char *r = thr_period_format (&f->resolved_in);
        g_string_append_printf (s, _(" ¶4.ii: resolved in %s, the second consecutive met month; "
                                     "everything withheld for it is released."), r);
      }
      break;
    case THR_WINDOW_FAILED:
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

/* Walks the window after a failure in month `first` and decides it:
 * resolved at the second of two consecutive met months, failed once the
 * window is over without them, open while it is not over. */
static ThrLedgerWork
judge_window (ThrLedgerCtx *ctx,
              guint         metric,
              guint         first)
{
  ThrLedgerWork w = { 0 };
  ThrLedgerFailure *f = g_new0 (ThrLedgerFailure, 1);
  gboolean prev_met = FALSE, undecided = FALSE;
  guint anchor = first;

  w.pub = f;
  w.metric = metric;
  w.first = first;
  f->metric = g_strdup (_thr_ledger_metric_at (ctx, metric)->id);
  f->component = g_strdup (_thr_ledger_metric_at (ctx, metric)->component);
  f->failure = *_thr_ledger_input_month (ctx->in, first);
  f->failure_label = g_strdup (_thr_ledger_label_at (ctx, first));
  f->months = g_array_new (FALSE, FALSE, sizeof (ThrWindowMonth));
  f->repeat_misses = g_ptr_array_new_with_free_func (g_free);
  f->retained = g_ptr_array_new_with_free_func (g_free);
  f->outcome = THR_WINDOW_OPEN;

  for (guint j = first + 1; j <= anchor + 4; j++)
    {
      ThrWindowMonth wm = { 0 };

      period_at (ctx, j, &wm.month);
      wm.known = j < ctx->n_months;
      if (wm.known)
        wm.status = _thr_ledger_status_at (ctx, j, metric);
      g_array_append_val (f->months, wm);
      if (!wm.known)
        {
          undecided = TRUE;
          continue;
        }
      if (month_undecided (ctx, metric, wm.status))
        undecided = TRUE;

      if (wm.status == THR_STATUS_MET && prev_met && f->outcome == THR_WINDOW_OPEN && !undecided)
        {
          f->outcome = THR_WINDOW_RESOLVED;
          f->resolved_in = wm.month;
          w.resolved = j;
          break;
        }
      prev_met = wm.status == THR_STATUS_MET;
      if (wm.status == THR_STATUS_MISSED)
        {
          g_ptr_array_add (f->repeat_misses, g_strdup (_thr_ledger_label_at (ctx, j)));
          /* restarts_window: a repeat miss anchors a new four-month window. */
          if (ctx->restart_window)
            anchor = j;
        }
    }

  period_at (ctx, first + 1, &f->window_first);
  if (f->outcome == THR_WINDOW_RESOLVED)
    {
      w.window_last = w.resolved;
      w.hold_last = w.resolved;
      period_at (ctx, anchor + 4, &f->window_last);
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
        }
      else
        w.hold_last = ctx->n_months - 1;
    }
  f->hold_last = *_thr_ledger_input_month (ctx->in, w.hold_last);
  describe_failure (ctx, &w);
  return w;
}

/* ¶4: a missed metric opens a CAP unless it is already held by an earlier
 * failure of the same metric, whose window it then joins (a repeat miss). */
void
_thr_ledger_find_failures (ThrLedgerCtx *ctx)
{
  for (guint m = 0; m < ctx->n_metrics; m++)
    {
      if (!_thr_ledger_withholds (_thr_ledger_metric_at (ctx, m)))
        continue;
      for (guint i = 0; i < ctx->n_months; i++)
        {
          ThrLedgerWork w;

          if (_thr_ledger_status_at (ctx, i, m) != THR_STATUS_MISSED)
            continue;
          w = judge_window (ctx, m, i);
          g_array_append_val (ctx->work, w);
          if (w.pub->outcome == THR_WINDOW_OPEN)
            break;
          i = w.hold_last;
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
