/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ledger.c — withholding, escalation, release and retention (D2 ¶1–4)
 *
 * Three passes over the run of months:
 *   1. the rate of each month (¶1, escalation after three misses, ¶1.i);
 *   2. each metric's failures and their corrective windows (¶4, ¶4.i);
 *   3. the fate of each month × component's withholding: retained (¶4.iii),
 *      held (¶4.i, or ¶3 unverified), or released (¶3, ¶4.ii).
 * A withholding is never split: it is released, held or retained whole,
 * so withheld = released + held + retained holds by construction.
 *
 * Only metrics whose consequence is "withholding" take part; the money
 * metrics (A.3.b, C.6) have their own lines (thr-ledger-money.c).
 * Readings of ambiguous text come from the contract's interpretations and
 * are named in the explanations.
 */
#define G_LOG_DOMAIN "thr-ledger"

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "thr-enum-nick.h"
#include "thr-ledger-private.h"
#include "thr-format.h"
#include "thr-values.h"

/* Section: small helpers */

gint64
thr_ledger_percent_of_cents (gint64 cents,
                             double percent)
{
  /* The rate as basis points so the product stays in integers; the result
   * is rounded half away from zero (a half cent goes to the larger amount
   * in magnitude), the usual rule for money. */
  gint64 bp = llround (percent * 100.0);
  gint64 product = cents * bp;
  gint64 quotient = product / 10000;
  gint64 remainder = product % 10000;

  if (2 * (remainder < 0 ? -remainder : remainder) >= 10000)
    quotient += product < 0 ? -1 : 1;
  return quotient;
}

const char *
thr_ledger_state_to_string (ThrLedgerState state)
{
  return thr_enum_to_nick (THR_TYPE_LEDGER_STATE, state);
}

const char *
thr_window_outcome_to_string (ThrWindowOutcome outcome)
{
  return thr_enum_to_nick (THR_TYPE_WINDOW_OUTCOME, outcome);
}

const char *
thr_ledger_line_kind_to_string (ThrLedgerLineKind kind)
{
  return thr_enum_to_nick (THR_TYPE_LEDGER_LINE_KIND, kind);
}

/* Whether a metric's misses hold a component's withholding.  ¶3 asks for
 * "all Performance Metrics"; the reading release_scope = component asks
 * only for the metrics of the component's own section. */
static gboolean
in_scope (ThrLedgerCtx    *ctx,
          const ThrMetric *metric,
          const char      *component)
{
  if (!_thr_ledger_withholds (ctx, metric))
    return FALSE;
  return component == NULL || !ctx->scope_component || g_strcmp0 (metric->component, component) == 0;
}

/* A metric judged once a quarter or a year is "pending" in the months
 * before the judging one: its period is still running, which does not
 * hold a month back.  A monthly or weekly metric that is pending has not
 * been judged for the month itself. */
static gboolean
period_to_date (const ThrMetric *metric,
                ThrStatus        status)
{
  return status == THR_STATUS_PENDING && metric->period != THR_PERIOD_MONTH && metric->period != THR_PERIOD_WEEK;
}

/* ¶3: "Following verification that Contractor successfully met the
 * requirements for all Performance Metrics in a given month".  A metric
 * whose quarter or year is still running does not hold the month back; a
 * missed one, one with no data or a monthly one not yet judged does.
 * component NULL = all. */
static gboolean
month_all_met (ThrLedgerCtx *ctx,
               guint         month,
               const char   *component)
{
  for (guint m = 0; m < ctx->n_metrics; m++)
    {
      const ThrMetric *metric = _thr_ledger_metric_at (ctx, m);
      ThrStatus s;

      if (!in_scope (ctx, metric, component) || !_thr_ledger_measured (ctx, month, m))
        continue;
      s = _thr_ledger_status_at (ctx, month, m);
      if (s != THR_STATUS_MET && !period_to_date (metric, s))
        return FALSE;
    }
  return TRUE;
}

/* Ids of the in-scope monthly or weekly metrics not yet judged for the
 * month: pending (the month is not over) or without data. */
static char *
metrics_unverified (ThrLedgerCtx *ctx,
                    guint         month,
                    const char   *component,
                    guint        *n_out,
                    gboolean     *other_section)
{
  GString *s = g_string_new (NULL);
  guint n = 0;

  *other_section = FALSE;
  for (guint m = 0; m < ctx->n_metrics; m++)
    {
      const ThrMetric *metric = _thr_ledger_metric_at (ctx, m);
      ThrStatus status = _thr_ledger_status_at (ctx, month, m);

      if (!in_scope (ctx, metric, component) || !_thr_ledger_measured (ctx, month, m) ||
          status == THR_STATUS_MET || status == THR_STATUS_MISSED || period_to_date (metric, status))
        continue;
      g_string_append_printf (s, "%s%s", n++ > 0 ? ", " : "", metric->id);
      if (g_strcmp0 (metric->component, component) != 0)
        *other_section = TRUE;
    }
  *n_out = n;
  return g_string_free (s, FALSE);
}

/* Ids of the in-scope metrics with a given status, "A.1.a, B.2". */
static char *
metrics_with_status (ThrLedgerCtx *ctx,
                     guint         month,
                     const char   *component,
                     ThrStatus     status,
                     guint        *n_out)
{
  GString *s = g_string_new (NULL);
  guint n = 0;

  for (guint m = 0; m < ctx->n_metrics; m++)
    if (in_scope (ctx, _thr_ledger_metric_at (ctx, m), component) && _thr_ledger_measured (ctx, month, m) &&
        _thr_ledger_status_at (ctx, month, m) == status)
      {
        g_string_append_printf (s, "%s%s", n++ > 0 ? ", " : "", _thr_ledger_metric_at (ctx, m)->id);
      }
  if (n_out != NULL)
    *n_out = n;
  return g_string_free (s, FALSE);
}

/* Section: pass 1, the rate (¶1.i escalation) */

/* ¶1.i: "unless the Contractor fails to meet three (3) or more Performance
 * Metrics in a single month, in which event the withholding percentage for
 * subsequent months shall increase to 25% until resolution has been
 * achieved as described in paragraph 3" — read (docs/domain.md) as: from the
 * month after such a month, until a month in which every metric is met;
 * that month is still withheld at 25 %, the next one at 15 %.  The run's
 * first month starts unescalated: months before the run are not known. */
static void
compute_escalation (ThrLedgerCtx *ctx)
{
  gboolean escalated = FALSE;
  guint by = 0;

  for (guint i = 0; i < ctx->n_months; i++)
    {
      guint n_missed = 0;

      ctx->escalated[i] = escalated;
      ctx->escalated_by[i] = by;

      g_free (metrics_with_status (ctx, i, NULL, THR_STATUS_MISSED, &n_missed));
      if (n_missed >= 3)
        {
          escalated = TRUE;
          by = i;
        }
      else if (month_all_met (ctx, i, NULL))
        escalated = FALSE;
    }
}

/* Section: pass 3, the fate of each month's withholding */

/* The failures that say one thing about a month, in words, and the
 * readings that made them say it. */
typedef struct {
  GString   *text;
  GPtrArray *readings;
  GPtrArray *metrics;     /* ids of the metrics it names, once each */
} Because;

typedef struct {
  Because  retained_by;    /* ¶4.iii: failed windows that missed this month */
  Because  open_by;        /* ¶4.i: windows not yet decided */
  Because  unimplemented;  /* ¶4.i: met two months, the CAP not implemented */
  Because  resolved_by;    /* ¶4.ii */
  Because  failed_met_by;  /* failed windows in which this month was not a miss */
  guint    release_after;  /* the last month whose verification the release waits for */
} Fate;

static void
because_init (Because *b)
{
  b->text = g_string_new (NULL);
  b->readings = g_ptr_array_new_with_free_func (g_free);
  b->metrics = g_ptr_array_new_with_free_func (g_free);
}

static void
because_clear (Because *b)
{
  g_string_free (b->text, TRUE);
  g_ptr_array_unref (b->readings);
  g_ptr_array_unref (b->metrics);
}

static void
fate_init (Fate  *fate,
           guint  i)
{
  because_init (&fate->retained_by);
  because_init (&fate->open_by);
  because_init (&fate->unimplemented);
  because_init (&fate->resolved_by);
  because_init (&fate->failed_met_by);
  fate->release_after = i;
}

static void
fate_clear (Fate *fate)
{
  because_clear (&fate->retained_by);
  because_clear (&fate->open_by);
  because_clear (&fate->unimplemented);
  because_clear (&fate->resolved_by);
  because_clear (&fate->failed_met_by);
}

static void
append_item (Because    *b,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
append_item (Because    *b,
             const char *format,
             ...)
{
  va_list args;

  if (b->text->len > 0)
    g_string_append (b->text, "; ");
  va_start (args, format);
  g_string_append_vprintf (b->text, format, args);
  va_end (args);
}

/* The metric is one of those a Because names (the row's held_by). */
static void
note_metric (Because    *b,
             const char *metric)
{
  if (!g_ptr_array_find_with_equal_func (b->metrics, metric, g_str_equal, NULL))
    g_ptr_array_add (b->metrics, g_strdup (metric));
}

static void
add_readings (GPtrArray *to,
              GPtrArray *from)
{
  for (guint r = 0; r < from->len; r++)
    _thr_ledger_note_reading (to, g_ptr_array_index (from, r));
}

/* ¶4.iii: "permanently retain the withheld funds for all months during
 * the four month corrective period during which the Contractor failed to
 * meet the missed Metric(s)": the failure month and the window's misses. */
static gboolean
failure_retains (const ThrLedgerFailure *f,
                 const char             *label)
{
  for (guint i = 0; i < f->retained->len; i++)
    if (g_str_equal (g_ptr_array_index (f->retained, i), label))
      return TRUE;
  return FALSE;
}

/* A miss of another section's metric decides this component's money only
 * under release_scope = all_metrics: say so where it does. */
static void
note_scope (ThrLedgerCtx    *ctx,
            const ThrMetric *metric,
            const char      *component,
            Because         *b)
{
  if (g_strcmp0 (metric->component, component) != 0)
    {
      _thr_ledger_note_reading (b->readings, "release_scope");
      /* Translators: keep “release_scope” as it is: it names a setting of the contract file */
      g_string_append_printf (b->text, _(", a %s metric, which holds every component (reading release_scope = %s)"),
                              metric->component, thr_contract_get_interpretation (ctx->contract, "release_scope"));
    }
}

static void
fate_of_failed (ThrLedgerCtx  *ctx,
                ThrLedgerWork *w,
                guint          i,
                const char    *component,
                Fate          *fate)
{
  ThrLedgerFailure *f = w->pub;
  g_autofree char *first = thr_period_format (&f->window_first);
  g_autofree char *last = thr_period_format (&f->window_last);

  if (failure_retains (f, _thr_ledger_label_at (ctx, i)))
    {
      g_autofree char *again = _thr_ledger_join_labels (f->repeat_misses);
      g_autofree char *months = _thr_ledger_join_labels (f->retained);

      if (f->awaiting_implementation)
        /* Translators: metric, failure month, first and last month of the corrective window,
         * the months whose withholding is retained; keep “unimplemented_cap” as it is */
        append_item (&fate->retained_by, _("%s missed in %s; met two consecutive months but its CAP was not "
                                           "implemented within the corrective period %s…%s (reading "
                                           "unimplemented_cap = retained), so the withholding of %s is retained"),
                     f->metric, f->failure_label, first, last, months);
      else if (*again)
        /* Translators: metric, failure month, later missed months, first and last month of
         * the corrective window, the months whose withholding is retained */
        append_item (&fate->retained_by, _("%s missed in %s and again in %s; its corrective period %s…%s failed "
                                           "(never met two consecutive months), so the withholding of %s is retained"),
                     f->metric, f->failure_label, again, first, last, months);
      else
        /* Translators: metric, failure month, first and last month of the corrective window,
         * the months whose withholding is retained */
        append_item (&fate->retained_by, _("%s missed in %s (not again); its corrective period %s…%s failed "
                                           "(never met two consecutive months), so the withholding of %s is retained"),
                     f->metric, f->failure_label, first, last, months);
      note_scope (ctx, _thr_ledger_metric_at (ctx, w->metric), component, &fate->retained_by);
      note_metric (&fate->retained_by, f->metric);
      add_readings (fate->retained_by.readings, f->readings);
    }
  else
    {
      /* Translators: metric, failure month, first and last month of the corrective window */
      append_item (&fate->failed_met_by, _("%s (missed in %s; not missed here; window %s…%s failed)"),
                   f->metric, f->failure_label, first, last);
      note_metric (&fate->failed_met_by, f->metric);
      note_scope (ctx, _thr_ledger_metric_at (ctx, w->metric), component, &fate->failed_met_by);
      add_readings (fate->failed_met_by.readings, f->readings);
      fate->release_after = MAX (fate->release_after, w->window_last);
    }
}

static void
fate_of_resolved (ThrLedgerCtx  *ctx,
                  ThrLedgerWork *w,
                  const char    *component,
                  Fate          *fate)
{
  ThrLedgerFailure *f = w->pub;
  g_autofree char *r = thr_period_format (&f->resolved_in);

  if (f->awaiting_implementation)
    {
      if (f->implemented_on != 0 && ctx->in->as_of != 0 && f->implemented_on > ctx->in->as_of)
        {
          g_autofree char *on = thr_day_format (f->implemented_on);
          g_autofree char *as_of = thr_day_format (ctx->in->as_of);

          /* Translators: metric, failure month, the second consecutive met month, the CAP's
           * recorded implementation date, then the day the ledger is as of (--today) */
          append_item (&fate->unimplemented, _("%s (missed in %s; met two consecutive months ending %s; awaiting the "
                                               "CAP's implementation, recorded for %s, after %s)"),
                       f->metric, f->failure_label, r, on, as_of);
        }
      else
        /* Translators: metric, failure month, the second consecutive met month */
        append_item (&fate->unimplemented, _("%s (missed in %s; met two consecutive months ending %s; awaiting the "
                                             "CAP's implementation: no implemented_on date recorded)"),
                     f->metric, f->failure_label, r);
      note_scope (ctx, _thr_ledger_metric_at (ctx, w->metric), component, &fate->unimplemented);
      note_metric (&fate->unimplemented, f->metric);
      add_readings (fate->unimplemented.readings, f->readings);
      return;
    }
  if (f->implemented_on != 0)
    {
      g_autofree char *on = thr_day_format (f->implemented_on);
      /* Translators: metric, failure month, the second consecutive met month, the CAP's implementation date */
      append_item (&fate->resolved_by, _("%s (missed in %s; met two consecutive months ending %s; CAP implemented "
                                         "on %s)"), f->metric, f->failure_label, r, on);
    }
  else
    /* Translators: metric, failure month, the second consecutive met month */
    append_item (&fate->resolved_by, _("%s (missed in %s; met two consecutive months ending %s)"),
                 f->metric, f->failure_label, r);
  /* Under release_scope = component another section's window would not
   * delay this component's release at all. */
  note_scope (ctx, _thr_ledger_metric_at (ctx, w->metric), component, &fate->resolved_by);
  add_readings (fate->resolved_by.readings, f->readings);
  fate->release_after = MAX (fate->release_after, w->resolved);
}

/* Sorts the failures that hold month i of a component by what they say
 * about it. */
static void
collect_fate (ThrLedgerCtx *ctx,
              guint         i,
              const char   *component,
              Fate         *fate)
{
  fate_init (fate, i);
  for (guint k = 0; k < ctx->work->len; k++)
    {
      ThrLedgerWork *w = &g_array_index (ctx->work, ThrLedgerWork, k);
      ThrLedgerFailure *f = w->pub;

      if (!in_scope (ctx, _thr_ledger_metric_at (ctx, w->metric), component) || i < w->first || i > w->hold_last)
        continue;

      switch (f->outcome)
        {
        case THR_WINDOW_FAILED:
          fate_of_failed (ctx, w, i, component, fate);
          break;
        case THR_WINDOW_OPEN:
          {
            g_autofree char *first = thr_period_format (&f->window_first);
            g_autofree char *last = thr_period_format (&f->window_last);

            if (f->waiting_for != NULL)
              /* Translators: metric, failure month, first and last month of the corrective window,
               * then what the window waits for (“the judgment of 2018-Q2 …”) */
              append_item (&fate->open_by, _("%s (missed in %s; window %s…%s still open, waiting for %s)"),
                           f->metric, f->failure_label, first, last, f->waiting_for);
            else
              /* Translators: metric, failure month, first and last month of the corrective window */
              append_item (&fate->open_by, _("%s (missed in %s; window %s…%s still open)"),
                           f->metric, f->failure_label, first, last);
            note_scope (ctx, _thr_ledger_metric_at (ctx, w->metric), component, &fate->open_by);
            note_metric (&fate->open_by, f->metric);
            add_readings (fate->open_by.readings, f->readings);
          }
          break;
        case THR_WINDOW_RESOLVED:
          fate_of_resolved (ctx, w, component, fate);
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

static void
settle (ThrLedgerRow   *row,
        ThrLedgerState  state,
        Because        *b)
{
  row->state = state;
  if (state == THR_LEDGER_STATE_RETAINED)
    row->retained = row->withheld;
  else if (state == THR_LEDGER_STATE_HELD)
    row->held = row->withheld;
  if (b != NULL)
    add_readings (row->readings, b->readings);
}

/* A held row says why and which metrics hold it, for the overview's
 * "held because" lines (thr-ledger-stakes.c). */
static void
settle_held (ThrLedgerRow  *row,
             ThrLedgerHold  hold,
             Because       *b,
             const char    *metric_list)
{
  settle (row, THR_LEDGER_STATE_HELD, b);
  row->hold = hold;
  if (b != NULL && b->metrics->len > 0)
    {
      g_ptr_array_add (b->metrics, NULL);
      row->held_by = g_strdupv ((char **) b->metrics->pdata);
      g_ptr_array_remove_index (b->metrics, b->metrics->len - 1);
    }
  else if (metric_list != NULL && *metric_list)
    row->held_by = g_strsplit (metric_list, ", ", -1);
}

static void
release_row (ThrLedgerCtx *ctx,
             ThrLedgerRow *row,
             guint         after,
             GString      *why)
{
  /* ¶3: verified in the month after, claimed "with the subsequent month's
   * invoice"; ¶4.ii likewise after the resolving month is verified. */
  row->state = THR_LEDGER_STATE_RELEASED;
  row->released = row->withheld;
  row->released_with = _thr_ledger_label_after (ctx, after + 1);
  /* Translators: %s is a month, YYYY-MM */
  g_string_append_printf (why, _(" Released with the %s invoice."), row->released_with);
}

/* The order is the contract's: a retention is final (¶4.iii); an open
 * window (¶4.i) or a CAP not implemented (¶4.i) holds; a month not yet
 * verified releases nothing (¶3 "following verification"); then what
 * releases (¶3, ¶4.ii). */
static void
decide_fate (ThrLedgerCtx *ctx,
             guint         i,
             ThrLedgerRow *row,
             GString      *why)
{
  const char *scope = thr_contract_get_interpretation (ctx->contract, "release_scope");
  const char *met_reading = thr_contract_get_interpretation (ctx->contract, "met_month_in_failed_window");
  g_autofree char *unverified = NULL;
  guint n_unverified = 0;
  gboolean unverified_elsewhere = FALSE;
  gboolean all_met;
  Fate fate;

  collect_fate (ctx, i, row->component, &fate);
  unverified = metrics_unverified (ctx, i, row->component, &n_unverified, &unverified_elsewhere);
  all_met = month_all_met (ctx, i, row->component);

  if (fate.retained_by.text->len > 0)
    {
      settle (row, THR_LEDGER_STATE_RETAINED, &fate.retained_by);
      g_string_append_printf (why, _(" ¶4.iii: permanently retained — %s."), fate.retained_by.text->str);
    }
  else if (fate.open_by.text->len > 0)
    {
      settle_held (row, THR_LEDGER_HOLD_CORRECTIVE_WINDOW, &fate.open_by, NULL);
      g_string_append_printf (why, _(" ¶4.i: held pending the CAP of %s."), fate.open_by.text->str);
    }
  else if (fate.unimplemented.text->len > 0)
    {
      settle_held (row, THR_LEDGER_HOLD_IMPLEMENTATION, &fate.unimplemented, NULL);
      /* Translators: %s lists metrics and their failures */
      g_string_append_printf (why, _(" ¶4.i: held until Contractor “demonstrates that the CAP has been "
                                     "implemented” — %s."), fate.unimplemented.text->str);
    }
  else if (n_unverified > 0)
    {
      settle_held (row, THR_LEDGER_HOLD_VERIFICATION, NULL, unverified);
      /* Translators: a month, then a list of metric ids */
      g_string_append_printf (why, _(" ¶3: held, awaiting verification — %s not yet judged for %s "
                                     "(pending or no data; a metric with no data is never met)."),
                              unverified, row->month_label);
      if (unverified_elsewhere)
        {
          _thr_ledger_note_reading (row->readings, "release_scope");
          /* Translators: keep “release_scope” as it is: it names a setting of the contract file */
          g_string_append_printf (why, _(" Another section's metric holds this component too (reading "
                                         "release_scope = %s)."), scope);
        }
    }
  else if (fate.failed_met_by.text->len > 0 && !ctx->met_month_released && !all_met)
    {
      settle_held (row, THR_LEDGER_HOLD_FAILED_WINDOW, &fate.failed_met_by, NULL);
      _thr_ledger_note_reading (row->readings, "met_month_in_failed_window");
      /* Translators: keep “met_month_in_failed_window” as it is: it names a setting of the contract file */
      g_string_append_printf (why, _(" Held — ¶4.iii does not retain a month of a failed window in which the "
                                     "metric was not missed, ¶4.ii does not release it, and ¶3 does not either "
                                     "because not every metric was met (reading met_month_in_failed_window = %s): %s."),
                              met_reading, fate.failed_met_by.text->str);
    }
  else if (all_met || fate.resolved_by.text->len > 0 || fate.failed_met_by.text->len > 0)
    {
      if (fate.resolved_by.text->len > 0)
        {
          add_readings (row->readings, fate.resolved_by.readings);
          g_string_append_printf (why, " ¶4.ii: %s.", fate.resolved_by.text->str);
        }
      if (fate.failed_met_by.text->len > 0)
        {
          add_readings (row->readings, fate.failed_met_by.readings);
          _thr_ledger_note_reading (row->readings, "met_month_in_failed_window");
          g_string_append_printf (why, _(" Not a missed month of a failed window, so not retained by ¶4.iii "
                                         "(reading met_month_in_failed_window = %s): %s."), met_reading,
                                  fate.failed_met_by.text->str);
        }
      if (all_met)
        {
          _thr_ledger_note_reading (row->readings, "release_scope");
          /* Translators: keep “release_scope” as it is: it names a setting of the contract file */
          g_string_append_printf (why, _(" ¶3: every metric met in %s (reading release_scope = %s)."),
                                  row->month_label, scope);
        }
      release_row (ctx, row, fate.release_after, why);
    }
  else
    {
      /* Every missed metric-month lies in some failure's hold, so this is
       * not reached; hold rather than release money on a logic slip. */
      settle_held (row, THR_LEDGER_HOLD_OTHER, NULL, NULL);
      g_string_append (why, _(" Held: not every metric was met."));
    }
  fate_clear (&fate);
}

/* Under money_metric_misses = own_consequence a missed A.3.b or C.6 has
 * its own money line and nothing else: it is not one of ¶1.i's "three (3)
 * or more Performance Metrics" and opens no CAP under ¶4, so it neither
 * raises the next month's rate nor holds this one.  Said on the rows it
 * would otherwise have decided: this month's and the next's. */
static void
note_money_misses (ThrLedgerCtx *ctx,
                   guint         i,
                   ThrLedgerRow *row,
                   GString      *why)
{
  if (ctx->money_withholds)
    return;
  for (guint k = (i > 0 ? i - 1 : 0); k <= i; k++)
    for (guint m = 0; m < ctx->n_metrics; m++)
      {
        const ThrMetric *metric = _thr_ledger_metric_at (ctx, m);

        if (!_thr_ledger_is_money_metric (metric) || !_thr_ledger_measured (ctx, k, m) ||
            _thr_ledger_status_at (ctx, k, m) != THR_STATUS_MISSED)
          continue;
        _thr_ledger_note_reading (row->readings, "money_metric_misses");
        /* Translators: a metric and a month; keep “money_metric_misses” as it is */
        g_string_append_printf (why, _(" %s, missed in %s, has a money consequence of its own: it does not count "
                                       "toward ¶1.i's three misses, opens no CAP and holds nothing (reading "
                                       "money_metric_misses = own_consequence)."),
                                metric->id, _thr_ledger_label_at (ctx, k));
      }
}

/* ¶1 withholds "a portion of the Contractor's monthly invoice amount":
 * a month's invoice is issued from that month on, so as of an earlier
 * day there is none to withhold from, whether or not the store already
 * holds it (thr_ledger_compute_for_store () leaves such invoices out). */
static void
note_no_invoice (ThrLedgerCtx    *ctx,
                 const ThrPeriod *month,
                 GString         *why)
{
  ThrPeriod as_of_month;

  if (ctx->in->as_of != 0)
    {
      thr_period_for_day (THR_PERIOD_MONTH, ctx->in->as_of, &as_of_month);
      if (thr_period_compare (month, &as_of_month) > 0)
        {
          g_autofree char *day = thr_day_format (ctx->in->as_of);

          /* Translators: a day (2018-07-15), the ledger's "today" */
          g_string_append_printf (why, _(" Invoice not yet issued on %s: nothing withheld."), day);
          return;
        }
    }
  g_string_append (why, _(" No invoice imported for this month: nothing withheld."));
}

/* "i." from the component's clause, for citing ¶1.i, ¶1.ii, ¶1.iii. */
static char *
component_paragraph (const ThrComponent *component)
{
  const char *clause = component->clause;
  const char *dot = clause != NULL ? strchr (clause, '.') : NULL;

  if (dot == NULL || dot - clause > 4)
    return g_strdup ("¶1");
  return g_strdup_printf ("¶1.%.*s", (int) (dot - clause), clause);
}

static ThrLedgerRow *
make_row (ThrLedgerCtx *ctx,
          guint         i,
          guint         c)
{
  const ThrComponent *component = thr_contract_get_component (ctx->contract, c);
  ThrLedgerRow *row = g_new0 (ThrLedgerRow, 1);
  g_autofree char *paragraph = component_paragraph (component);
  g_autofree char *invoice = NULL;
  g_autofree char *withheld = NULL;
  GString *why = g_string_new (NULL);

  row->month = *_thr_ledger_input_month (ctx->in, i);
  row->month_label = g_strdup (_thr_ledger_label_at (ctx, i));
  row->readings = g_ptr_array_new_with_free_func (g_free);
  row->component = g_strdup (component->id);
  row->invoice = _thr_ledger_input_invoice (ctx->in, i, c);
  row->escalated = ctx->escalated[i] && component->escalated_rate != component->rate;
  row->rate = row->escalated ? component->escalated_rate : component->rate;
  row->withheld = thr_ledger_percent_of_cents (row->invoice, row->rate);

  invoice = thr_format_money (row->invoice);
  withheld = thr_format_money (row->withheld);
  /* Translators: paragraph (¶1.i), rate, invoice amount, amount withheld (both with their currency sign) */
  g_string_append_printf (why, _("%s: %g %% of %s withheld = %s"), paragraph, row->rate, invoice, withheld);
  if (row->escalated)
    {
      g_autofree char *missed = metrics_with_status (ctx, ctx->escalated_by[i], NULL, THR_STATUS_MISSED, NULL);
      /* Translators: a month, then the metrics missed in it */
      g_string_append_printf (why, _(" (escalated: three or more metrics missed in %s — %s; 25 %% until a "
                                     "month in which every metric is met)"),
                              _thr_ledger_label_at (ctx, ctx->escalated_by[i]), missed);
    }
  g_string_append_c (why, '.');
  note_money_misses (ctx, i, row, why);

  if (row->invoice == 0)
    {
      row->state = THR_LEDGER_STATE_NONE;
      note_no_invoice (ctx, &row->month, why);
    }
  else
    decide_fate (ctx, i, row, why);
  row->explanation = g_string_free (why, FALSE);
  g_assert (row->withheld == row->released + row->held + row->retained);
  return row;
}

/* Section: the ledger */

static void
month_free (ThrLedgerMonth *month)
{
  g_free (month->label);
  g_free (month);
}

static ThrLedgerMonth *
make_month (ThrLedgerCtx *ctx,
            guint         i)
{
  ThrLedgerMonth *month = g_new0 (ThrLedgerMonth, 1);

  month->month = *_thr_ledger_input_month (ctx->in, i);
  month->label = g_strdup (_thr_ledger_label_at (ctx, i));
  month->escalated = ctx->escalated[i];
  for (guint m = 0; m < ctx->n_metrics; m++)
    {
      if (!_thr_ledger_withholds (ctx, _thr_ledger_metric_at (ctx, m)) || !_thr_ledger_measured (ctx, i, m))
        continue;
      switch (_thr_ledger_status_at (ctx, i, m))
        {
        case THR_STATUS_MET: month->n_met++; break;
        case THR_STATUS_MISSED: month->n_missed++; break;
        case THR_STATUS_PENDING: month->n_pending++; break;
        case THR_STATUS_NO_DATA: month->n_no_data++; break;
        default: g_assert_not_reached ();
        }
    }
  return month;
}

static void
row_free (ThrLedgerRow *row)
{
  g_free (row->month_label);
  g_free (row->component);
  g_free (row->released_with);
  g_free (row->explanation);
  g_clear_pointer (&row->readings, g_ptr_array_unref);
  g_strfreev (row->held_by);
  g_free (row);
}

static void
line_free (ThrLedgerLine *line)
{
  g_free (line->metric);
  g_free (line->period_label);
  g_free (line->explanation);
  g_clear_pointer (&line->readings, g_ptr_array_unref);
  g_free (line);
}

ThrLedger *
thr_ledger_compute (ThrLedgerInput *input)
{
  ThrLedger *ledger;
  ThrLedgerCtx ctx = { 0 };

  g_return_val_if_fail (input != NULL, NULL);

  ledger = g_new0 (ThrLedger, 1);
  ledger->contract = g_object_ref (input->contract);
  ledger->months = g_ptr_array_new_with_free_func ((GDestroyNotify) month_free);
  ledger->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  ledger->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) _thr_ledger_failure_free);
  ledger->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  ledger->statuses = g_array_copy (input->statuses);

  ctx.in = input;
  ctx.contract = input->contract;
  ctx.n_months = _thr_ledger_input_n_months (input);
  ctx.n_known = _thr_ledger_input_n_known (input);
  ctx.n_metrics = thr_contract_get_n_metrics (input->contract);
  ctx.n_components = thr_contract_get_n_components (input->contract);
  ctx.scope_component = g_strcmp0 (thr_contract_get_interpretation (ctx.contract, "release_scope"), "component") == 0;
  ctx.restart_window = g_strcmp0 (thr_contract_get_interpretation (ctx.contract, "repeat_miss_in_window"),
                                  "restarts_window") == 0;
  ctx.covers_months = g_strcmp0 (thr_contract_get_interpretation (ctx.contract, "period_status_in_window"),
                                 "covers_months") == 0;
  ctx.unimplemented_retained = g_strcmp0 (thr_contract_get_interpretation (ctx.contract, "unimplemented_cap"),
                                          "retained") == 0;
  ctx.money_withholds = g_strcmp0 (thr_contract_get_interpretation (ctx.contract, "money_metric_misses"),
                                   "withholding_too") == 0;
  ctx.met_month_released = g_strcmp0 (thr_contract_get_interpretation (ctx.contract, "met_month_in_failed_window"),
                                      "released") == 0;
  if (ctx.n_months == 0)
    return ledger;

  ctx.escalated = g_new0 (gboolean, ctx.n_months);
  ctx.escalated_by = g_new0 (guint, ctx.n_months);
  ctx.work = g_array_new (FALSE, FALSE, sizeof (ThrLedgerWork));

  compute_escalation (&ctx);
  _thr_ledger_find_failures (&ctx);
  g_array_sort (ctx.work, _thr_ledger_compare_work);
  for (guint i = 0; i < ctx.n_months; i++)
    {
      g_ptr_array_add (ledger->months, make_month (&ctx, i));
      for (guint c = 0; c < ctx.n_components; c++)
        g_ptr_array_add (ledger->rows, make_row (&ctx, i, c));
    }
  for (guint k = 0; k < ctx.work->len; k++)
    g_ptr_array_add (ledger->failures, g_array_index (ctx.work, ThrLedgerWork, k).pub);
  _thr_ledger_add_money_lines (input, ledger->rows, ledger->lines);

  g_free (ctx.escalated);
  g_free (ctx.escalated_by);
  g_array_unref (ctx.work);
  return ledger;
}

void
thr_ledger_free (ThrLedger *ledger)
{
  if (ledger == NULL)
    return;
  g_clear_object (&ledger->contract);
  g_clear_pointer (&ledger->months, g_ptr_array_unref);
  g_clear_pointer (&ledger->rows, g_ptr_array_unref);
  g_clear_pointer (&ledger->failures, g_ptr_array_unref);
  g_clear_pointer (&ledger->lines, g_ptr_array_unref);
  g_clear_pointer (&ledger->statuses, g_array_unref);
  g_free (ledger);
}

ThrContract *
thr_ledger_get_contract (ThrLedger *ledger)
{
  g_return_val_if_fail (ledger != NULL, NULL);
  return ledger->contract;
}

GPtrArray *
thr_ledger_get_rows (ThrLedger *ledger)
{
  g_return_val_if_fail (ledger != NULL, NULL);
  return ledger->rows;
}

GPtrArray *
thr_ledger_get_months (ThrLedger *ledger)
{
  g_return_val_if_fail (ledger != NULL, NULL);
  return ledger->months;
}

GPtrArray *
thr_ledger_get_failures (ThrLedger *ledger)
{
  g_return_val_if_fail (ledger != NULL, NULL);
  return ledger->failures;
}

GPtrArray *
thr_ledger_get_lines (ThrLedger *ledger)
{
  g_return_val_if_fail (ledger != NULL, NULL);
  return ledger->lines;
}

const ThrLedgerRow *
thr_ledger_find_row (ThrLedger  *ledger,
                     const char *month_label,
                     const char *component_id)
{
  g_return_val_if_fail (ledger != NULL, NULL);

  for (guint i = 0; i < ledger->rows->len; i++)
    {
      const ThrLedgerRow *row = g_ptr_array_index (ledger->rows, i);

      if (g_strcmp0 (row->month_label, month_label) == 0 && g_strcmp0 (row->component, component_id) == 0)
        return row;
    }
  return NULL;
}

char *
thr_ledger_checksum (ThrLedger *ledger)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  GPtrArray *rows;

  g_return_val_if_fail (ledger != NULL, NULL);

  rows = thr_ledger_get_rows (ledger);
  for (guint i = 0; i < rows->len; i++)
    {
      const ThrLedgerRow *row = g_ptr_array_index (rows, i);
      char rate[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *line = g_strdup_printf ("%s\t%s\t%" G_GINT64_FORMAT "\t%s\t%d\t%" G_GINT64_FORMAT "\t%"
                                               G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT
                                               "\t%s\t%s\t%s\n",
                                               row->month_label, row->component, row->invoice,
                                               g_ascii_dtostr (rate, sizeof rate, row->rate), row->escalated,
                                               row->withheld, row->released, row->held, row->retained,
                                               thr_ledger_state_to_string (row->state),
                                               row->released_with ? row->released_with : "",
                                               row->explanation ? row->explanation : "");

      g_checksum_update (checksum, (const guchar *) line, -1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

/* ¶4.i asks that "the CAP has been implemented and further successfully
 * meets the missed Metrics for two consecutive months"; only then does
 * ¶4.ii let the Contractor "invoice the State for release of all withheld
 * funds".  Meeting the metric alone releases nothing. */
gboolean
thr_ledger_failure_is_released (const ThrLedgerFailure *failure)
{
  g_return_val_if_fail (failure != NULL, FALSE);

  return failure->outcome == THR_WINDOW_RESOLVED && !failure->awaiting_implementation;
}
