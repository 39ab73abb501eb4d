/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-tooltip.c — a tooltip set without asking the display server anything
 *
 * gtk_widget_set_tooltip_text () on a visible widget asks at once where
 * the pointer is, in case the tooltip should show now: under X11 a round
 * trip to the server (XIQueryPointer) for every call.  The ledger's table
 * sets one on several cells of every row it binds, the ledger's and the
 * deadlines' rows on each row they build: hundreds of round trips, most
 * of a page's first showing on a busy machine.  Set while the widget is
 * hidden, the tooltip is the same (its text, its accessible description)
 * and nothing is asked; a pointer already over the widget sees it at its
 * next move, as over any widget that was just built.
 */
#define G_LOG_DOMAIN "thr-tooltip"

#include "config.h"

#include "thr-tooltip.h"

/* TEXT (NULL or "" for none) as WIDGET's tooltip; nothing is done when it
 * is the tooltip already. */
void
thr_tooltip_set_text (GtkWidget  *widget,
                      const char *text)
{
  gboolean visible;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return;
  visible = gtk_widget_get_visible (widget);
  if (visible)
    gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  if (visible)
    gtk_widget_set_visible (widget, TRUE);
}
