/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-window-find.c — Ctrl+F on the page shown
 *
 * win.find shows (or hides) the search bar of the Metrics, CAPs,
 * Deadlines or Ledger page, whichever is shown; each page filters its own
 * rows (ThrSearchBar).
 */
#define G_LOG_DOMAIN "thr-window"

#include "config.h"

#include "thr-window-private.h"

static ThrSearchBar *
shown_search_bar (ThrWindow *self)
{
  const char *page = thr_window_get_page (self);

  if (page == NULL)
    return NULL;
  if (g_str_equal (page, "metrics") && self->metrics_page != NULL)
    return thr_metrics_page_get_search_bar (self->metrics_page);
  if (g_str_equal (page, "caps") && self->caps_page != NULL)
    return thr_caps_page_get_search_bar (self->caps_page);
  if (g_str_equal (page, "deadlines") && self->deadlines_page != NULL)
    return thr_deadlines_page_get_search_bar (self->deadlines_page);
  if (g_str_equal (page, "ledger") && self->ledger_page != NULL)
    return thr_ledger_page_get_search_bar (self->ledger_page);
  return NULL;
}

static void
find_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  ThrSearchBar *bar = shown_search_bar (THR_WINDOW (widget));

  if (bar != NULL)
    thr_search_bar_toggle (bar);
}

void
_thr_window_class_find_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
}
