/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-deadline-notification.h — the desktop notification sent at start
 *
 * A seam: the text and the GNotification are built here from the
 * deadlines, so that tests can check them without a session bus; the
 * window only sends what this returns.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define THR_DEADLINE_NOTIFICATION_ID "deadlines"

/* FALSE (and nothing set) when no deadline is due or overdue. */
gboolean       thr_deadline_notification_text (GPtrArray  *deadlines,
                                               guint32     today,
                                               guint      *n_due,
                                               guint      *n_overdue,
                                               char      **title,
                                               char      **body);
/* NULL when nothing is due or overdue.  Its default action is
 * app.show-deadlines. */
GNotification *thr_deadline_notification_new  (GPtrArray  *deadlines,
                                               guint32     today);

G_END_DECLS
