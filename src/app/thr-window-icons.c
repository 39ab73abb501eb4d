/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-window-icons.c — the spinner's icon, loaded before a spinner is drawn
 *
 * A spinner is drawn while a store loads slowly (the loading page) and
 * while the overview's earlier months are evaluated.  GTK 4.8 draws a
 * spinner from the icon its style names (Adwaita's
 * process-working-symbolic, which exists only as an SVG) and, unlike an
 * image's icon, which GTK starts loading on a worker thread when the image
 * gets its style, loads that icon on the main thread the first time it is
 * drawn: in that frame's paint, librsvg renders the SVG once for each of
 * the colours of a symbolic icon.  So it is looked up here, on a worker
 * thread, as the spinner's style will look it up (its name, 16 pixels,
 * the window's scale, no direction, no flags), and drawn once there,
 * which loads its picture; GTK's own lookup in the frame then finds the
 * same GtkIconPaintable in the icon theme's cache, picture and all (or
 * waits on its lock for the worker to finish it): about 19 million
 * instructions (librsvg's and gdk-pixbuf's) that the frame's paint does
 * not run on the main thread.
 *
 * It is asked for only when a spinner is about to be shown, not for every
 * window: a store whose months are all kept opens without one, and the
 * worker's 25 million instructions would compete with the opening for the
 * processors of a busy machine.  GTK draws the same picture either way;
 * with a theme whose spinner is drawn otherwise, the worker loads an icon
 * nobody asks for.
 */
#define G_LOG_DOMAIN "thr-window"

#include "thr-window-private.h"

#define SPINNER_ICON "process-working-symbolic"
#define SPINNER_SIZE 16

typedef struct {
  GtkIconTheme *theme;
  int           scale;
} SpinnerIconLoad;

static void
spinner_icon_load_free (SpinnerIconLoad *load)
{
  g_object_unref (load->theme);
  g_free (load);
}

static void
load_spinner_icon_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  SpinnerIconLoad *load = task_data;
  g_autoptr(GtkIconPaintable) icon = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  /* Reading the theme, if GTK's own thread has not done it yet, happens
   * here too rather than on the main thread. */
  icon = gtk_icon_theme_lookup_icon (load->theme, SPINNER_ICON, NULL, SPINNER_SIZE, load->scale, GTK_TEXT_DIR_NONE, 0);
  gdk_paintable_snapshot (GDK_PAINTABLE (icon), snapshot, SPINNER_SIZE, SPINNER_SIZE);
  node = gtk_snapshot_free_to_node (snapshot);
  g_task_return_pointer (task, g_steal_pointer (&icon), g_object_unref);
}

/* The window keeps the icon: the theme's cache lets an icon go with its
 * last reference. */
static void
spinner_icon_loaded_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  ThrWindow *self = THR_WINDOW (object);

  g_clear_object (&self->spinner_icon);
  self->spinner_icon = g_task_propagate_pointer (G_TASK (result), NULL);
}

/* Called as a spinner is put on a page, so that the worker has the
 * page's layout to load the icon in; once for each window. */
void
_thr_window_preload_spinner_icon (ThrWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  SpinnerIconLoad *load;
  g_autoptr(GTask) task = NULL;

  if (self->spinner_icon_asked)
    return;
  self->spinner_icon_asked = TRUE;
  load = g_new0 (SpinnerIconLoad, 1);
  task = g_task_new (self, NULL, spinner_icon_loaded_cb, NULL);

  /* The theme is set up here, on the main thread, as GTK requires. */
  load->theme = g_object_ref (gtk_icon_theme_get_for_display (gtk_widget_get_display (widget)));
  load->scale = gtk_widget_get_scale_factor (widget);
  g_task_set_task_data (task, load, (GDestroyNotify) spinner_icon_load_free);
  g_task_run_in_thread (task, load_spinner_icon_thread);
}
