/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-role-hint.c — saying on a control why a team store's role may not use it
 *
 * A control the person's role on a team store may not use is disabled,
 * and its tooltip says why in words, naming the role to ask for.  The
 * same widget serves a store file, where every right is held, and a
 * session can change stores: so the control's own tooltip ("Import a
 * File") is kept aside and comes back when the right does.  GTK 4 shows
 * the tooltip of an insensitive widget, so the reason is read where the
 * person points.
 */
#define G_LOG_DOMAIN "thr-role-hint"

#include "config.h"

#include "thr-role-hint.h"

#define OWN_TOOLTIP "thr-own-tooltip"

void
thr_role_hint_set (GtkWidget  *widget,
                   const char *why)
{
  const char *own;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  own = g_object_get_data (G_OBJECT (widget), OWN_TOOLTIP);
  if (why != NULL)
    {
      if (own == NULL)
        {
          const char *tooltip = gtk_widget_get_tooltip_text (widget);

          g_object_set_data_full (G_OBJECT (widget), OWN_TOOLTIP, g_strdup (tooltip ? tooltip : ""), g_free);
        }
      gtk_widget_set_tooltip_text (widget, why);
      return;
    }
  if (own == NULL)
    return;
  gtk_widget_set_tooltip_text (widget, own[0] != '\0' ? own : NULL);
  g_object_set_data (G_OBJECT (widget), OWN_TOOLTIP, NULL);
}
