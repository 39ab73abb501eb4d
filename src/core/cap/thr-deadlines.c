/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-deadlines.c — the dated items of D2 ¶2–4 judged against a day */
#define G_LOG_DOMAIN "thr-deadlines"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-deadlines.h"
#include "thr-enum-nick.h"

G_DEFINE_BOXED_TYPE (ThrDeadlineItem, thr_deadline_item, thr_deadline_item_copy, thr_deadline_item_free)

ThrDeadlineItem *
thr_deadline_item_copy (const ThrDeadlineItem *deadline)
{
  ThrDeadlineItem *copy;

  g_return_val_if_fail (deadline != NULL, NULL);
  copy = g_memdup2 (deadline, sizeof *deadline);
  copy->key = g_strdup (deadline->key);
  copy->title = g_strdup (deadline->title);
  copy->description = g_strdup (deadline->description);
  return copy;
}

/* The descriptions are the contract's paragraphs in Threshold's words,
 * kept in English in the item (the calendar export and JSON carry them)
 * and marked for the catalogue, so the window shows them translated. */
const char *
thr_deadline_item_get_clause (const ThrDeadlineItem *deadline)
{
  g_return_val_if_fail (deadline != NULL, NULL);
  return deadline->description != NULL ? g_dgettext (GETTEXT_PACKAGE, deadline->description) : "";
}

void
thr_deadline_item_free (ThrDeadlineItem *deadline)
{
  if (deadline == NULL)
    return;
  g_free (deadline->key);
  g_free (deadline->title);
  g_free (deadline->description);
  g_free (deadline);
}

const char *
thr_deadline_kind_to_string (ThrDeadlineKind kind)
{
  return thr_enum_to_nick (THR_TYPE_DEADLINE_KIND, kind);
}

const char *
thr_deadline_state_to_string (ThrDeadlineState state)
{
  return thr_enum_to_nick (THR_TYPE_DEADLINE_STATE, state);
}

static ThrDeadlineState
judge (guint32  day,
       gboolean done,
       guint32  today)
{
  if (done)
    return THR_DEADLINE_DONE;
  if (day == today)
    return THR_DEADLINE_DUE;
  return day < today ? THR_DEADLINE_OVERDUE : THR_DEADLINE_UPCOMING;
}

static void
add (GPtrArray       *list,
     guint32          day,
     ThrDeadlineKind  kind,
     gboolean         done,
     guint32          today,
     gint64           cap_id,
     char            *key,
     char            *title,
     const char      *description)
{
  ThrDeadlineItem *d = g_new0 (ThrDeadlineItem, 1);

  d->day = day;
  d->kind = kind;
  d->state = judge (day, done, today);
  d->cap_id = cap_id;
  d->key = key;
  d->title = title;
  d->description = g_strdup (description);
  g_ptr_array_add (list, d);
}

/* ¶2: "no later than the 15th calendar day of the following month".  The
 * report counts as received once any withholding metric of the month has
 * a met or missed status.  ¶3's example has verification "completed in
 * February" for January: its date is the last day of the following month,
 * done once no metric of the month is left without data.  A month in
 * which no metric withholds (a contract without ¶1–4, such as the staff
 * KPI template) has neither: those dates are D2's own. */
static void
add_month_items (GPtrArray            *list,
                 const ThrLedgerMonth *month,
                 guint32               today)
{
  ThrPeriod next;
  gboolean reported = month->n_met + month->n_missed > 0;

  if (month->n_met + month->n_missed + month->n_pending + month->n_no_data == 0)
    return;
  thr_period_next (&month->month, &next);
  add (list, next.first + 14, THR_DEADLINE_REPORT, reported, today, 0,
       g_strdup_printf ("report/%s", month->label),
       g_strdup_printf ("Contractor's performance report for %s due", month->label),
       N_("D2 ¶2: the Contractor shall submit the requisite reporting to support verification of performance "
          "no later than the 15th calendar day of the following month."));
  add (list, next.last, THR_DEADLINE_VERIFICATION, reported && month->n_no_data == 0, today, 0,
       g_strdup_printf ("verification/%s", month->label),
       g_strdup_printf ("State's verification of %s", month->label),
       N_("D2 ¶3: following verification that every Performance Metric was met, the withheld funds are "
          "claimed with the subsequent month's invoice (January verified in February)."));
}

/* Each month of a window is a checkpoint on the day its result is due
 * (¶2: the 15th of the following month), done once the metric's status
 * for it is known.  Months after a resolution no longer matter. */
static void
add_checkpoints (GPtrArray              *list,
                 const ThrLedgerFailure *failure,
                 guint32                 today)
{
  for (guint i = 0; i < failure->months->len; i++)
    {
      const ThrWindowMonth *wm = &g_array_index (failure->months, ThrWindowMonth, i);
      g_autofree char *label = thr_period_format (&wm->month);
      gboolean known = wm->known && (wm->status == THR_STATUS_MET || wm->status == THR_STATUS_MISSED);
      ThrPeriod next;

      if (failure->outcome == THR_WINDOW_RESOLVED && thr_period_compare (&wm->month, &failure->resolved_in) > 0)
        break;
      thr_period_next (&wm->month, &next);
      add (list, next.first + 14, THR_DEADLINE_WINDOW_CHECKPOINT, known, today, 0,
           g_strdup_printf ("window/%s/%s/%s", failure->metric, failure->failure_label, label),
           g_strdup_printf ("Checkpoint %u of the corrective window for %s (missed %s): result for %s%s%s",
                            i + 1, failure->metric, failure->failure_label, label,
                            known ? ", " : "", known ? thr_status_to_string (wm->status) : ""),
           N_("D2 ¶4.i: the missed Metric must be met for two consecutive months in the four month period; "
              "¶2: each month's reporting is due by the 15th of the following month."));
    }
}

/* ¶4.i: "the four month period immediately following the month in which
 * the Contractor failed"; the window closes on its last day. */
static void
add_window_item (GPtrArray              *list,
                 const ThrLedgerFailure *failure,
                 guint32                 today)
{
  g_autofree char *last = thr_period_format (&failure->window_last);

  add_checkpoints (list, failure, today);

  add (list, failure->window_last.last, THR_DEADLINE_WINDOW_CLOSES, failure->outcome != THR_WINDOW_OPEN, today, 0,
       g_strdup_printf ("window/%s/%s", failure->metric, failure->failure_label),
       g_strdup_printf ("Corrective window for %s (missed %s) closes at the end of %s: %s",
                        failure->metric, failure->failure_label, last,
                        thr_window_outcome_to_string (failure->outcome)),
       N_("D2 ¶4.i: the missed Metric must be met for two consecutive months in the four month period "
          "immediately following the month of the failure."));
}

/* ¶4.i withholds "until Contractor demonstrates that the CAP has been
 * implemented and further successfully meets the missed Metrics for two
 * consecutive months in the four month period".  Once the two months are
 * met the money waits only for the implementation the State records
 * (implemented_on): an item due on the window's last day, done once it is
 * recorded.  Before the two months are met the window's own items say
 * what is due. */
static void
add_implementation_item (GPtrArray              *list,
                         const ThrLedgerFailure *failure,
                         guint32                 today)
{
  g_autofree char *second = NULL;
  g_autofree char *on = NULL;
  gboolean met = failure->outcome == THR_WINDOW_RESOLVED || failure->awaiting_implementation;
  gboolean done = failure->implemented_on != 0 && !failure->awaiting_implementation;

  if (!met)
    return;
  second = thr_period_format (&failure->resolved_in);
  on = failure->implemented_on != 0 ? thr_day_format (failure->implemented_on) : NULL;
  add (list, failure->window_last.last, THR_DEADLINE_IMPLEMENTATION, done, today, 0,
       g_strdup_printf ("implementation/%s/%s", failure->metric, failure->failure_label),
       done ? g_strdup_printf ("CAP for %s (missed %s) implemented on %s", failure->metric,
                               failure->failure_label, on)
            : g_strdup_printf ("CAP for %s (missed %s): met two consecutive months ending %s, awaiting the "
                               "CAP's implementation; its withholding is held until the State records it",
                               failure->metric, failure->failure_label, second),
       N_("D2 ¶4.i: the State continues to withhold until Contractor demonstrates that the CAP has been "
          "implemented and further successfully meets the missed Metrics for two consecutive months in the "
          "four month period."));
}

/* Whether a recorded day has come by today.  Every date is read as of
 * today (--today, the preference): a CAP recorded as submitted, approved,
 * closed or an action done on a later day has not been yet, so its date
 * is still upcoming or overdue on that day, as a record completed after
 * today is still open (docs/domain.md, "Within N days"). */
static gboolean
happened_by (guint32 day,
             guint32 today)
{
  return day != 0 && day <= today;
}

static void
add_cap_items (GPtrArray    *list,
               const ThrCap *cap,
               guint32       today)
{
  /* A CAP a user closed (with its reason) asks nothing more of anybody. */
  gboolean closed = happened_by (cap->closed_on, today);

  if (cap->cap_due != 0)
    add (list, cap->cap_due, THR_DEADLINE_CAP_DUE, closed || happened_by (cap->submitted_on, today), today, cap->id,
         g_strdup_printf ("cap/%" G_GINT64_FORMAT "/due", cap->id),
         g_strdup_printf ("CAP for %s (missed %s) due from the Contractor", cap->metric, cap->failure_month),
         N_("D2 ¶4: the Contractor must submit a Corrective Action Plan within fifteen (15) calendar days "
            "following the documentation of failure."));
  if (cap->review_due != 0)
    add (list, cap->review_due, THR_DEADLINE_REVIEW_DUE, closed || happened_by (cap->approved_on, today), today, cap->id,
         g_strdup_printf ("cap/%" G_GINT64_FORMAT "/review", cap->id),
         g_strdup_printf ("State review of the CAP for %s (missed %s)", cap->metric, cap->failure_month),
         N_("D2 ¶4: the State shall review and make reasonable efforts to approve the CAP within ten (10) "
            "calendar days of the CAP being received."));
  for (guint i = 0; i < cap->actions->len; i++)
    {
      const ThrCapAction *action = g_ptr_array_index (cap->actions, i);

      if (action->due_on == 0)
        continue;
      add (list, action->due_on, THR_DEADLINE_ACTION, closed || happened_by (action->done_on, today), today, cap->id,
           g_strdup_printf ("cap/%" G_GINT64_FORMAT "/action/%" G_GINT64_FORMAT, cap->id, action->id),
           g_strdup_printf ("Corrective action for %s: %s%s%s", cap->metric, action->description,
                            *action->owner ? " — " : "", action->owner),
           N_("A corrective action of the CAP (D2 ¶4.i: the CAP must be shown to be implemented)."));
    }
}

static int
compare_deadlines (gconstpointer a,
                   gconstpointer b)
{
  const ThrDeadlineItem *da = *(ThrDeadlineItem * const *) a;
  const ThrDeadlineItem *db = *(ThrDeadlineItem * const *) b;

  if (da->day != db->day)
    return da->day < db->day ? -1 : 1;
  return g_strcmp0 (da->key, db->key);
}

GPtrArray *
thr_deadlines_collect (ThrLedger *ledger,
                       GPtrArray *caps,
                       guint32    today)
{
  GPtrArray *list;
  GPtrArray *months, *failures;

  g_return_val_if_fail (ledger != NULL, NULL);
  g_return_val_if_fail (today != 0, NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_deadline_item_free);
  months = thr_ledger_get_months (ledger);
  failures = thr_ledger_get_failures (ledger);
  for (guint i = 0; i < months->len; i++)
    add_month_items (list, g_ptr_array_index (months, i), today);
  for (guint i = 0; i < failures->len; i++)
    {
      add_window_item (list, g_ptr_array_index (failures, i), today);
      add_implementation_item (list, g_ptr_array_index (failures, i), today);
    }
  for (guint i = 0; caps != NULL && i < caps->len; i++)
    add_cap_items (list, g_ptr_array_index (caps, i), today);
  g_ptr_array_sort (list, compare_deadlines);
  return list;
}

/* "This week" on the overview: everything not done that is overdue or
 * falls due within @n_days of @today — the State's own dates
 * (verification, CAP reviews) as much as the contractor's. */
GPtrArray *
thr_deadlines_due_within (GPtrArray *items,
                          guint32    today,
                          guint      n_days)
{
  GPtrArray *due = g_ptr_array_new ();

  g_return_val_if_fail (today != 0, due);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      ThrDeadlineItem *item = g_ptr_array_index (items, i);

      if (item->state != THR_DEADLINE_DONE && item->day <= today + n_days)
        g_ptr_array_add (due, item);
    }
  return due;
}
