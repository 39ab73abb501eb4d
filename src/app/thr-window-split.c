/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-window-split.c — the sidebar and the content side by side
 *
 * The template (thr-window.ui) is written for libadwaita 1.2, Debian 12's:
 * an AdwLeaflet folds the sidebar and the content into one column when
 * the window is narrow.  libadwaita 1.4 deprecates the leaflet; the HIG's
 * widgets there are AdwNavigationSplitView, collapsed by an AdwBreakpoint,
 * with each side an AdwToolbarView that holds its header bar as a top bar.
 * On 1.4 and later (the Flatpak's GNOME runtime) the split view is built
 * at init from the template's own sidebar and content, so one .ui file
 * serves both; the rest of the window asks these functions, never the
 * leaflet or the split view, whether the window is folded and which side
 * to show.
 */
#define G_LOG_DOMAIN "thr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-window-private.h"

/* The leaflet folds below the sum of its sides' minimum widths: the
 * sidebar's 240 px, the separator's 1 px and the content's 360 px. */
#define FOLD_BELOW "max-width: 600px"

#if ADW_CHECK_VERSION (1, 4, 0)
/* A vertical box whose first child is its header bar becomes a toolbar
 * view with that header bar on top and the rest of the box as content. */
static GtkWidget *
toolbar_view_from_box (GtkWidget *box,
                       gboolean   is_content)
{
  GtkWidget *header = gtk_widget_get_first_child (box);
  GtkWidget *view = adw_toolbar_view_new ();

  g_assert (ADW_IS_HEADER_BAR (header));

  g_object_ref (header);
  gtk_box_remove (GTK_BOX (box), header);
  /* The template binds these to the leaflet's folded; in a split view
   * the header bar itself hides the buttons of the side they are not on. */
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), TRUE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), TRUE);
  /* The window's own Back button (win.back) also leads from a metric to
   * the page it was opened from; a second, automatic one would only go
   * to the sidebar. */
  if (is_content)
    adw_header_bar_set_show_back_button (ADW_HEADER_BAR (header), FALSE);
  adw_toolbar_view_add_top_bar (ADW_TOOLBAR_VIEW (view), header);
  g_object_unref (header);
  adw_toolbar_view_set_content (ADW_TOOLBAR_VIEW (view), box);
  return view;
}

static void
collapsed_cb (ThrWindow *self)
{
  _thr_window_folded_changed (self);
}

static void
build_split_view (ThrWindow *self)
{
  g_autoptr(GtkWidget) sidebar = g_object_ref (self->sidebar);
  g_autoptr(GtkWidget) content = g_object_ref (self->content);
  AdwNavigationPage *sidebar_page;
  AdwNavigationPage *content_page;
  AdwBreakpoint *breakpoint;

  /* The leaflet stays alive as a template child, unparented and never
   * folded again; nothing reads it once the split view exists. */
  adw_leaflet_remove (self->leaflet, sidebar);
  adw_leaflet_remove (self->leaflet, content);
  adw_toast_overlay_set_child (self->toast_overlay, NULL);

  /* The template's minimum widths make the leaflet fold at 601 px; the
   * split view has its own sidebar widths and folds by the breakpoint,
   * and a window with breakpoints must fit its content at its smallest
   * (360 px, less any frame the window draws inside it). */
  gtk_widget_set_size_request (sidebar, -1, -1);
  gtk_widget_set_size_request (content, -1, -1);
  sidebar_page = adw_navigation_page_new (toolbar_view_from_box (sidebar, FALSE), _("Threshold"));
  content_page = adw_navigation_page_new (toolbar_view_from_box (content, TRUE), _("Threshold"));
  self->split_view = adw_navigation_split_view_new ();
  adw_navigation_split_view_set_sidebar (ADW_NAVIGATION_SPLIT_VIEW (self->split_view), sidebar_page);
  adw_navigation_split_view_set_content (ADW_NAVIGATION_SPLIT_VIEW (self->split_view), content_page);
  adw_toast_overlay_set_child (self->toast_overlay, self->split_view);
  g_signal_connect_object (self->split_view, "notify::collapsed", G_CALLBACK (collapsed_cb), self,
                           G_CONNECT_SWAPPED);

  breakpoint = adw_breakpoint_new (adw_breakpoint_condition_parse (FOLD_BELOW));
  adw_breakpoint_add_setters (breakpoint, G_OBJECT (self->split_view), "collapsed", TRUE, NULL);
  adw_application_window_add_breakpoint (ADW_APPLICATION_WINDOW (self), breakpoint);
}
#endif

void
_thr_window_split_init (ThrWindow *self)
{
  g_assert (THR_IS_WINDOW (self));

#if ADW_CHECK_VERSION (1, 4, 0)
  build_split_view (self);
#endif
}

gboolean
_thr_window_is_folded (ThrWindow *self)
{
  g_assert (THR_IS_WINDOW (self));

#if ADW_CHECK_VERSION (1, 4, 0)
  return adw_navigation_split_view_get_collapsed (ADW_NAVIGATION_SPLIT_VIEW (self->split_view));
#else
  return adw_leaflet_get_folded (self->leaflet);
#endif
}

void
_thr_window_show_content (ThrWindow *self)
{
  g_assert (THR_IS_WINDOW (self));

#if ADW_CHECK_VERSION (1, 4, 0)
  adw_navigation_split_view_set_show_content (ADW_NAVIGATION_SPLIT_VIEW (self->split_view), TRUE);
#else
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
#endif
}

void
_thr_window_show_sidebar (ThrWindow *self)
{
  g_assert (THR_IS_WINDOW (self));

#if ADW_CHECK_VERSION (1, 4, 0)
  adw_navigation_split_view_set_show_content (ADW_NAVIGATION_SPLIT_VIEW (self->split_view), FALSE);
#else
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
#endif
}
