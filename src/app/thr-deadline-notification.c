/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-deadline-notification.c — what is due and overdue, in a notification */
#define G_LOG_DOMAIN "thr-deadline-notification"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-core.h"
#include "thr-deadline-notification.h"
#include "thr-format.h"

gboolean
thr_deadline_notification_text (GPtrArray  *deadlines,
                                guint32     today,
                                guint      *n_due,
                                guint      *n_overdue,
                                char      **title,
                                char      **body)
{
  const ThrDeadlineItem *first = NULL;
  guint due = 0, overdue = 0;
  g_autofree char *when = NULL;

  g_return_val_if_fail (deadlines != NULL, FALSE);

  for (guint i = 0; i < deadlines->len; i++)
    {
      const ThrDeadlineItem *item = g_ptr_array_index (deadlines, i);

      if (item->state == THR_DEADLINE_DUE)
        due++;
      else if (item->state == THR_DEADLINE_OVERDUE)
        overdue++;
      else
        continue;
      /* The most urgent: the oldest overdue, or the first due. */
      if (first == NULL)
        first = item;
    }
  if (n_due)
    *n_due = due;
  if (n_overdue)
    *n_overdue = overdue;
  if (first == NULL)
    return FALSE;

  if (overdue > 0 && due > 0)
    /* Translators: "3 contract dates overdue, 1 due today" */
    *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contract date overdue, %u due today",
                                           "%u contract dates overdue, %u due today", overdue),
                              overdue, due);
  else if (overdue > 0)
    *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contract date overdue",
                                           "%u contract dates overdue", overdue), overdue);
  else
    *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contract date due today",
                                           "%u contract dates due today", due), due);
  when = thr_format_relative_day (first->day, today, TRUE);
  /* Translators: the most urgent deadline's title, then "2 days overdue" */
  *body = g_strdup_printf (_("%s — %s"), first->title, when);
  return TRUE;
}

GNotification *
thr_deadline_notification_new (GPtrArray *deadlines,
                               guint32    today)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  GNotification *notification;

  if (!thr_deadline_notification_text (deadlines, today, NULL, NULL, &title, &body))
    return NULL;
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action (notification, "app.show-deadlines");
  return notification;
}
