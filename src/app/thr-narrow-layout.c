/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-narrow-layout.c — a bin's layout that fits labels to a narrow widget
 *
 * Labels that keep one line at a laptop's width squeeze their neighbours
 * to a few letters a line when the window is folded narrow, and made to
 * wrap at every width they cost their first layout a few milliseconds
 * (GTK 4.8 measures a wrapping label at many widths).  So a page lets
 * them wrap only while it is narrow, which its own allocation knows:
 * GtkBinLayout's width, which refits them after the frame.
 *
 * That is a frame late where the window itself is narrow: its first
 * measure would ask for the labels' one-line widths, more than the window
 * has (libadwaita 1.10 warns; 1.2 widens the window, which keeps that
 * width).  A page is never wider than its window, so a window narrower
 * than the page's narrow width makes it narrow before its child is
 * measured: when the window is given that width, since GTK then measures
 * it from sizes it keeps (a page measured wide before says its one-line
 * width again without being asked), and at a first measure.
 */
#define G_LOG_DOMAIN "thr-narrow-layout"

#include "config.h"

#include "thr-narrow-layout.h"

struct _ThrNarrowLayout
{
  GtkLayoutManager parent_instance;
  int              narrow_width;
  gboolean         narrow;
  GtkWindow       *window;         /* weak: the widget's window, while rooted */
  int              window_width;   /* the window's width last foreseen */
  ThrNarrowFitFunc fit;
  GPtrArray       *fitted;
  guint            refit_id;
};

G_DEFINE_FINAL_TYPE (ThrNarrowLayout, thr_narrow_layout, GTK_TYPE_LAYOUT_MANAGER)

static void
refit (ThrNarrowLayout *self)
{
  g_clear_handle_id (&self->refit_id, g_source_remove);
  for (guint i = 0; i < self->fitted->len; i++)
    self->fit (g_ptr_array_index (self->fitted, i), self->narrow);
}

static gboolean
refit_cb (gpointer user_data)
{
  ThrNarrowLayout *self = user_data;

  self->refit_id = 0;
  refit (self);
  return G_SOURCE_REMOVE;
}

/* The width the window is being laid out at.  A window that resizes
 * itself (gtk_window_set_default_size) or is resized by the user has its
 * default width before its surface and its allocation do (GTK keeps the
 * default size with the window's size); maximized or fullscreen, the
 * default is the size it will come back to and the surface has the one it
 * is given.  -1 where there is no window or no size yet (the window then
 * takes at least what its content asks). */
static int
window_width (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GdkSurface *surface;
  int width = -1, height;

  if (!GTK_IS_WINDOW (root))
    return -1;
  /* GTK 4.8 writes the height whether asked or not. */
  if (!gtk_window_is_maximized (GTK_WINDOW (root)) && !gtk_window_is_fullscreen (GTK_WINDOW (root)))
    gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  else if ((surface = gtk_native_get_surface (GTK_NATIVE (root))) != NULL)
    width = gdk_surface_get_width (surface);
  return width > 0 ? width : -1;
}

/* Before the child is measured: a window narrower than @narrow_width
 * holds a narrower page, so the page is narrow now, not a frame later.
 * Only a new window width can make it so; the allocation says the rest,
 * which a width that was no window's could otherwise undo every frame. */
static void
foresee_narrow (ThrNarrowLayout *self,
                GtkWidget       *widget)
{
  int width = window_width (widget);

  if (width == self->window_width)
    return;
  self->window_width = width;
  if (width < 0 || width >= self->narrow_width || self->narrow)
    return;
  self->narrow = TRUE;
  refit (self);
}

static void
window_resized_cb (ThrNarrowLayout *self)
{
  foresee_narrow (self, gtk_layout_manager_get_widget (GTK_LAYOUT_MANAGER (self)));
}

static void
thr_narrow_layout_root (GtkLayoutManager *manager)
{
  ThrNarrowLayout *self = THR_NARROW_LAYOUT (manager);
  GtkRoot *root = gtk_widget_get_root (gtk_layout_manager_get_widget (manager));

  if (!GTK_IS_WINDOW (root))
    return;
  g_set_weak_pointer (&self->window, GTK_WINDOW (root));
  g_signal_connect_object (root, "notify::default-width", G_CALLBACK (window_resized_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (root, "notify::maximized", G_CALLBACK (window_resized_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (root, "notify::fullscreened", G_CALLBACK (window_resized_cb), self, G_CONNECT_SWAPPED);
}

static void
thr_narrow_layout_unroot (GtkLayoutManager *manager)
{
  ThrNarrowLayout *self = THR_NARROW_LAYOUT (manager);

  if (self->window != NULL)
    g_signal_handlers_disconnect_by_data (self->window, self);
  g_clear_weak_pointer (&self->window);
}

static void
thr_narrow_layout_measure (GtkLayoutManager *manager,
                           GtkWidget        *widget,
                           GtkOrientation    orientation,
                           int               for_size,
                           int              *minimum,
                           int              *natural,
                           int              *minimum_baseline,
                           int              *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  foresee_narrow (THR_NARROW_LAYOUT (manager), widget);
  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static void
thr_narrow_layout_allocate (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            int               width,
                            int               height,
                            int               baseline)
{
  ThrNarrowLayout *self = THR_NARROW_LAYOUT (manager);
  GtkWidget *child = gtk_widget_get_first_child (widget);
  gboolean narrow = width < self->narrow_width;

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
  if (narrow != self->narrow)
    {
      self->narrow = narrow;
      if (self->refit_id == 0)
        self->refit_id = g_idle_add (refit_cb, self);
    }
}

static void
thr_narrow_layout_dispose (GObject *object)
{
  ThrNarrowLayout *self = THR_NARROW_LAYOUT (object);

  g_clear_handle_id (&self->refit_id, g_source_remove);
  g_clear_weak_pointer (&self->window);
  g_ptr_array_set_size (self->fitted, 0);
  G_OBJECT_CLASS (thr_narrow_layout_parent_class)->dispose (object);
}

static void
thr_narrow_layout_finalize (GObject *object)
{
  ThrNarrowLayout *self = THR_NARROW_LAYOUT (object);

  g_ptr_array_unref (self->fitted);
  G_OBJECT_CLASS (thr_narrow_layout_parent_class)->finalize (object);
}

static void
thr_narrow_layout_class_init (ThrNarrowLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->dispose = thr_narrow_layout_dispose;
  object_class->finalize = thr_narrow_layout_finalize;
  layout_class->measure = thr_narrow_layout_measure;
  layout_class->allocate = thr_narrow_layout_allocate;
  layout_class->root = thr_narrow_layout_root;
  layout_class->unroot = thr_narrow_layout_unroot;
}

static void
thr_narrow_layout_init (ThrNarrowLayout *self)
{
  self->fitted = g_ptr_array_new_with_free_func (g_object_unref);
  self->window_width = -1;
}

GtkLayoutManager *
thr_narrow_layout_new (int              narrow_width,
                       ThrNarrowFitFunc fit)
{
  ThrNarrowLayout *self;

  g_return_val_if_fail (fit != NULL, NULL);

  self = g_object_new (THR_TYPE_NARROW_LAYOUT, NULL);
  self->narrow_width = narrow_width;
  self->fit = fit;
  return GTK_LAYOUT_MANAGER (self);
}

void
thr_narrow_layout_fit (ThrNarrowLayout *self,
                       GtkWidget       *widget)
{
  g_return_if_fail (THR_IS_NARROW_LAYOUT (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  self->fit (widget, self->narrow);
  g_ptr_array_add (self->fitted, g_object_ref (widget));
}

void
thr_narrow_layout_forget (ThrNarrowLayout *self)
{
  g_return_if_fail (THR_IS_NARROW_LAYOUT (self));

  g_ptr_array_set_size (self->fitted, 0);
}
