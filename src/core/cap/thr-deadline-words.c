/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-deadline-words.c — a contract date as a person reads it
 *
 * The words are built from the item's stable key ("report/2018-04",
 * "window/A.1.a/2018-04/2018-07", "cap/3/due" …, thr-deadlines.c), its
 * kind and day, and for a CAP's dates the CAP itself.
 */
#define G_LOG_DOMAIN "thr-deadlines"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-deadline-words.h"

/* Section: private helpers */

/* "2018-04" → "April 2018"; NULL when it is not a month. */
static char *
month_words (const char *label)
{
  ThrPeriod month;

  if (label == NULL || !thr_period_parse_kind (label, THR_PERIOD_MONTH, &month, NULL))
    return NULL;
  return thr_period_format_words (&month);
}

static const ThrCap *
find_cap (GPtrArray  *caps,
          const char *id_text)
{
  gint64 id = g_ascii_strtoll (id_text, NULL, 10);

  for (guint i = 0; caps != NULL && i < caps->len; i++)
    {
      const ThrCap *cap = g_ptr_array_index (caps, i);

      if (cap->id == id)
        return cap;
    }
  return NULL;
}

static const ThrCapAction *
find_action (const ThrCap *cap,
             const char   *action_id)
{
  gint64 id = g_ascii_strtoll (action_id, NULL, 10);

  for (guint i = 0; i < cap->actions->len; i++)
    {
      const ThrCapAction *action = g_ptr_array_index (cap->actions, i);

      if (action->id == id)
        return action;
    }
  return NULL;
}

static char *
describe_action (const ThrCap *cap,
                 const char   *action_id)
{
  const ThrCapAction *action = find_action (cap, action_id);

  if (action == NULL)
    return NULL;
  if (action->owner != NULL && *action->owner)
    /* Translators: a metric, the action's description, who does it */
    return g_strdup_printf (_("Corrective action for %s: %s — %s"), cap->metric, action->description,
                            action->owner);
  /* Translators: a metric, then the action's description */
  return g_strdup_printf (_("Corrective action for %s: %s"), cap->metric, action->description);
}

/* "cap/ID/due", "cap/ID/review", "cap/ID/action/AID" */
static char *
describe_cap_item (const ThrDeadlineItem *item,
                   char                 **parts,
                   GPtrArray             *caps)
{
  const ThrCap *cap = parts[1] != NULL ? find_cap (caps, parts[1]) : NULL;
  g_autofree char *failure = NULL;

  if (cap == NULL)
    return NULL;
  failure = month_words (cap->failure_month);
  if (failure == NULL)
    return NULL;
  switch (item->kind)
    {
    case THR_DEADLINE_CAP_DUE:
      /* Translators: a metric, then the month it was missed ("June 2018"); D2 ¶4 */
      return g_strdup_printf (_("The contractor's CAP for %s, missed in %s"), cap->metric, failure);
    case THR_DEADLINE_REVIEW_DUE:
      /* Translators: a metric, then the month it was missed ("June 2018"); D2 ¶4 */
      return g_strdup_printf (_("The State's review of the CAP for %s, missed in %s"), cap->metric, failure);
    case THR_DEADLINE_ACTION:
      return parts[2] != NULL && parts[3] != NULL ? describe_action (cap, parts[3]) : NULL;
    case THR_DEADLINE_REPORT:
    case THR_DEADLINE_VERIFICATION:
    case THR_DEADLINE_WINDOW_CHECKPOINT:
    case THR_DEADLINE_WINDOW_CLOSES:
    case THR_DEADLINE_IMPLEMENTATION:
    default:
      return NULL;
    }
}

/* "window/METRIC/FAILURE[/MONTH]" */
static char *
describe_window_item (const ThrDeadlineItem *item,
                      char                 **parts)
{
  g_autofree char *failure = parts[1] != NULL ? month_words (parts[2]) : NULL;
  g_autofree char *month = NULL;
  ThrPeriod last;

  if (failure == NULL)
    return NULL;
  if (item->kind == THR_DEADLINE_WINDOW_CHECKPOINT)
    {
      month = parts[3] != NULL ? month_words (parts[3]) : NULL;
      if (month == NULL)
        return NULL;
      /* Translators: a metric, a month ("July 2018"), the month it was missed; D2 ¶4.i */
      return g_strdup_printf (_("%s's result for %s, in its corrective period (missed in %s)"), parts[1], month,
                              failure);
    }
  thr_period_for_day (THR_PERIOD_MONTH, item->day, &last);
  month = thr_period_format_words (&last);
  /* Translators: a metric, the month it was missed, the window's last month; D2 ¶4.i */
  return g_strdup_printf (_("%s's corrective period (missed in %s) closes at the end of %s"), parts[1], failure,
                          month);
}

/* "cap/ID/due", "cap/ID/review", "cap/ID/action/AID", where the CAP is
 * named already. */
static char *
describe_in_cap (const ThrDeadlineItem *item,
                 char                 **parts,
                 GPtrArray             *caps)
{
  const ThrCap *cap = parts[1] != NULL ? find_cap (caps, parts[1]) : NULL;
  const ThrCapAction *action;

  if (cap == NULL)
    return NULL;
  switch (item->kind)
    {
    case THR_DEADLINE_CAP_DUE:
      /* D2 ¶4: the CAP is due from the contractor */
      return g_strdup (_("The contractor's CAP"));
    case THR_DEADLINE_REVIEW_DUE:
      /* D2 ¶4: the State reviews the CAP */
      return g_strdup (_("The State's review of the CAP"));
    case THR_DEADLINE_ACTION:
      action = parts[2] != NULL && parts[3] != NULL ? find_action (cap, parts[3]) : NULL;
      if (action == NULL)
        return NULL;
      if (action->owner != NULL && *action->owner)
        /* Translators: a corrective action's description, then who does it */
        return g_strdup_printf (_("Action: %s — %s"), action->description, action->owner);
      /* Translators: a corrective action's description */
      return g_strdup_printf (_("Action: %s"), action->description);
    case THR_DEADLINE_REPORT:
    case THR_DEADLINE_VERIFICATION:
    case THR_DEADLINE_WINDOW_CHECKPOINT:
    case THR_DEADLINE_WINDOW_CLOSES:
    case THR_DEADLINE_IMPLEMENTATION:
    default:
      return NULL;
    }
}

/* Section: public API */

char *
thr_deadline_item_describe (const ThrDeadlineItem *item,
                            GPtrArray             *caps)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *month = NULL;
  char *words = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  parts = g_strsplit (item->key, "/", 5);
  switch (item->kind)
    {
    case THR_DEADLINE_REPORT:
      if ((month = month_words (parts[1])) != NULL)
        /* Translators: a month ("July 2018"); D2 ¶2 */
        words = g_strdup_printf (_("The contractor's report for %s"), month);
      break;
    case THR_DEADLINE_VERIFICATION:
      if ((month = month_words (parts[1])) != NULL)
        /* Translators: a month ("July 2018"); D2 ¶3 */
        words = g_strdup_printf (_("The State's verification of %s"), month);
      break;
    case THR_DEADLINE_WINDOW_CHECKPOINT:
    case THR_DEADLINE_WINDOW_CLOSES:
      words = describe_window_item (item, parts);
      break;
    case THR_DEADLINE_IMPLEMENTATION:
      /* "implementation/METRIC/FAILURE" */
      if (parts[1] != NULL && (month = month_words (parts[2])) != NULL)
        /* Translators: a metric, then the month it was missed ("June 2018"); D2 ¶4.i */
        words = g_strdup_printf (_("The CAP for %s, missed in %s, shown to be implemented"), parts[1], month);
      break;
    case THR_DEADLINE_CAP_DUE:
    case THR_DEADLINE_REVIEW_DUE:
    case THR_DEADLINE_ACTION:
    default:
      words = describe_cap_item (item, parts, caps);
      break;
    }
  return words != NULL ? words : g_strdup (item->title);
}

char *
thr_deadline_item_describe_in_cap (const ThrDeadlineItem *item,
                                   GPtrArray             *caps)
{
  g_auto(GStrv) parts = NULL;
  char *words;

  g_return_val_if_fail (item != NULL, NULL);

  parts = g_strsplit (item->key, "/", 5);
  words = item->cap_id != 0 ? describe_in_cap (item, parts, caps) : NULL;
  return words != NULL ? words : thr_deadline_item_describe (item, caps);
}
