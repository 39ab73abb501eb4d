/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-export-deadlines.c — the contract's dates as a calendar that merges
 *
 * One writer for `threshold-cli deadlines --format ics` and the window's
 * Export.
 * A program manager imports the file into Outlook, GNOME Calendar or
 * Google beside other calendars, and imports it again next month: every
 * event keeps its UID (the deadline's key, the contract and the store's
 * own id, so two stores never collide), and a date that moved carries a
 * higher SEQUENCE so the client replaces its old copy instead of keeping
 * both or ignoring the change.
 */
#define G_LOG_DOMAIN "thr-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-export-deadlines.h"
#include "thr-published.h"

const char *
thr_ics_category_for_kind (ThrDeadlineKind kind)
{
  switch (kind)
    {
    /* Translators: calendar categories of the contract's dates */
    case THR_DEADLINE_REPORT: return _("Contractor report due");
    case THR_DEADLINE_VERIFICATION: return _("State verification");
    case THR_DEADLINE_CAP_DUE: return _("Corrective action plan due");
    case THR_DEADLINE_REVIEW_DUE: return _("Corrective action plan review");
    case THR_DEADLINE_ACTION: return _("Corrective action");
    case THR_DEADLINE_WINDOW_CHECKPOINT: return _("Corrective period checkpoint");
    case THR_DEADLINE_WINDOW_CLOSES: return _("Corrective period closes");
    case THR_DEADLINE_IMPLEMENTATION: return _("Corrective action plan implemented");
    default: g_return_val_if_reached (NULL);
    }
}

static gboolean
wanted (const ThrDeadlineItem *item,
        ThrIcsFlags            flags)
{
  return !(flags & THR_ICS_FLAGS_OMIT_DONE) || item->state != THR_DEADLINE_DONE;
}

static ThrIcsEvent *
event_for_item (const ThrDeadlineItem *item,
                gint64                 contract_id,
                const char            *contract_name,
                const char            *store_id,
                guint                  sequence,
                ThrIcsFlags            flags)
{
  g_autofree char *uid = g_strdup_printf ("%s.%" G_GINT64_FORMAT ".%s@thresholdapp.github.io",
                                          item->key, contract_id, store_id);
  /* Translators: a calendar event's title: the contract, then the date's title */
  g_autofree char *summary = g_strdup_printf (_("%s: %s"), contract_name, item->title);
  g_autofree char *description = g_strdup_printf ("%s (%s)\n%s", item->title,
                                                  thr_deadline_state_to_string (item->state), item->description);
  /* No reminder for what is done already. */
  guint alarm = (flags & THR_ICS_FLAGS_ALARM) && item->state != THR_DEADLINE_DONE ? 1 : 0;
  ThrIcsEvent *event = thr_ics_event_new (uid, summary, description, item->day, alarm);

  event->category = g_strdup (thr_ics_category_for_kind (item->kind));
  event->sequence = sequence;
  /* The store publishes the calendar: its id is the organizer's address. */
  event->organizer = g_strdup_printf ("urn:uuid:%s", store_id);
  return event;
}

char *
thr_export_deadlines_ics (ThrStore    *store,
                          gint64       contract_id,
                          const char  *contract_name,
                          GPtrArray   *items,
                          ThrIcsFlags  flags,
                          GDateTime   *stamp,
                          GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_ics_event_free);
  g_autoptr(GArray) published = g_array_new (FALSE, TRUE, sizeof (ThrStorePublished));
  g_autofree char *store_id = NULL;
  g_autofree char *calendar_name = NULL;
  guint n = 0;

  g_return_val_if_fail (THR_IS_STORE (store), NULL);
  g_return_val_if_fail (contract_name != NULL, NULL);
  g_return_val_if_fail (items != NULL, NULL);
  g_return_val_if_fail (stamp != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store_id = thr_store_get_store_id (store, error);
  if (store_id == NULL)
    return NULL;
  for (guint i = 0; i < items->len; i++)
    {
      const ThrDeadlineItem *item = g_ptr_array_index (items, i);
      ThrStorePublished p = { .key = item->key, .day = item->day };

      g_array_append_val (published, p);
    }
  /* Every item is recorded, done ones too: a date left out today and
   * exported again later must still count its moves. */
  if (!thr_store_record_published (store, contract_id, (ThrStorePublished *) published->data,
                                   published->len, error))
    return NULL;
  for (guint i = 0; i < items->len; i++)
    {
      const ThrDeadlineItem *item = g_ptr_array_index (items, i);

      if (!wanted (item, flags))
        continue;
      g_ptr_array_add (events, event_for_item (item, contract_id, contract_name, store_id,
                                               g_array_index (published, ThrStorePublished, i).sequence, flags));
      n++;
    }
  g_debug ("%u of %u dates in the calendar", n, items->len);
  calendar_name = g_strdup_printf ("Threshold — %s", contract_name);
  return thr_ics_to_string_named (events, calendar_name, stamp);
}

gboolean
thr_export_deadlines_ics_write (ThrStore    *store,
                                gint64       contract_id,
                                const char  *contract_name,
                                GPtrArray   *items,
                                ThrIcsFlags  flags,
                                GDateTime   *stamp,
                                const char  *path,
                                GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  text = thr_export_deadlines_ics (store, contract_id, contract_name, items, flags, stamp, error);
  if (text == NULL)
    return FALSE;
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}
