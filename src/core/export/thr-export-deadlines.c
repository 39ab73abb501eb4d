/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-export-deadlines.c — the contract's dates as an iCalendar file */
#define G_LOG_DOMAIN "thr-export"

#include "config.h"

#include "thr-export-deadlines.h"

static GPtrArray *
events_of (GPtrArray *items,
           gint64     contract_id)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_ics_event_free);

  for (guint i = 0; i < items->len; i++)
    {
      const ThrDeadlineItem *item = g_ptr_array_index (items, i);
      g_autofree char *uid = g_strdup_printf ("%s.%" G_GINT64_FORMAT "@thresholdapp.github.io", item->key, contract_id);
      g_autofree char *description = g_strdup_printf ("%s (%s)\n%s", item->title,
                                                      thr_deadline_state_to_string (item->state), item->description);
      ThrIcsEvent *event = thr_ics_event_new (uid, item->title, description, item->day, 0);

      event->category = g_strdup (thr_deadline_kind_to_string (item->kind));
      g_ptr_array_add (events, event);
    }
  return events;
}

char *
thr_export_deadlines_ics (GPtrArray  *items,
                          gint64      contract_id,
                          const char *calendar_name,
                          GDateTime  *stamp)
{
  g_autoptr(GPtrArray) events = NULL;

  g_return_val_if_fail (items != NULL, NULL);
  g_return_val_if_fail (stamp != NULL, NULL);

  events = events_of (items, contract_id);
  return thr_ics_to_string_named (events, calendar_name, stamp);
}

gboolean
thr_export_deadlines_ics_write (GPtrArray   *items,
                                gint64       contract_id,
                                const char  *calendar_name,
                                GDateTime   *stamp,
                                const char  *path,
                                GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (items != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = thr_export_deadlines_ics (items, contract_id, calendar_name, stamp);
  return g_file_set_contents (path, text, -1, error);
}
