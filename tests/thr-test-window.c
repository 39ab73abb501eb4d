/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-window.c — what every window test needs: open a store, wait, look */
#include <string.h>

#include <png.h>

#include "thr-alert.h"
#include "thr-cap-editor.h"
#include "thr-import-dialog.h"
#include "thr-preferences-window.h"
#include "thr-test-store.h"
#include "thr-test-style.h"
#include "thr-test-util.h"
#include "thr-test-window.h"

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
thr_test_wait_for (gboolean (*done) (gpointer),
                   gpointer   data)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC * thr_test_slowdown ();
  /* A condition that changes without an event of its own (a size the X
   * server has not confirmed yet) is checked again at least every 20 ms,
   * so a blocking iteration cannot wait past the deadline. */
  guint ticker = g_timeout_add (20, wake_up, NULL);

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (ticker);
}

void
thr_test_close_window (gpointer window)
{
  gpointer weak_window = window;
  gpointer weak_session = THR_IS_WINDOW (window) ? thr_window_get_session (window) : NULL;
  /* Finalizing waits for the session's workers to notice they were
   * cancelled and hand their last result back: a few frames. */
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC * thr_test_slowdown ();
  guint ticker = g_timeout_add (20, wake_up, NULL);

  g_object_add_weak_pointer (G_OBJECT (window), &weak_window);
  if (weak_session != NULL)
    g_object_add_weak_pointer (G_OBJECT (weak_session), &weak_session);
  gtk_window_destroy (GTK_WINDOW (window));
  while ((weak_window != NULL || weak_session != NULL) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (ticker);
  if (weak_window != NULL)
    g_error ("the window was destroyed but not finalized: something still holds a reference to it "
             "(%u left)", G_OBJECT (weak_window)->ref_count);
  if (weak_session != NULL)
    g_error ("the window was finalized but not its session: something still holds a reference to it "
             "(%u left)", G_OBJECT (weak_session)->ref_count);
}

gboolean
thr_test_window_loaded (gpointer window)
{
  return !thr_window_get_loading (window) && thr_window_get_session (window) != NULL;
}

gboolean
thr_test_window_complete (gpointer window)
{
  ThrSession *session;

  if (!thr_test_window_loaded (window))
    return FALSE;
  session = thr_window_get_session (window);
  /* The history hands its last months and the consequences over before
   * it closes its workers; the window then compares the store with the
   * load's (and may read it again): complete is when that is done. */
  return thr_session_is_complete (session) && !thr_window_get_history_running (window) &&
         (thr_session_get_n_months (session) == 0 || thr_session_has_consequences (session));
}

/* GTK 4.24's X11 backend (Debian forky, tools/check-newer-gnome) warns
 * "gdk_frame_timings_submitted() called on submitted frame" under Xvfb,
 * which has no compositor to answer a frame: GDK's own bookkeeping, not
 * anything the window does, and Debian 12's GTK 4.8 never says it.  That
 * one message is neither fatal nor printed, from the start of every window
 * test; every other warning stays fatal. */
static gboolean
is_gdk_frame_warning (const char *domain,
                      const char *message)
{
  return g_strcmp0 (domain, "Gdk") == 0 && message != NULL &&
         strstr (message, "gdk_frame_timings_submitted() called on submitted frame") != NULL;
}

static GLogWriterOutput
drop_gdk_frame_warning_cb (GLogLevelFlags   level,
                           const GLogField *fields,
                           gsize            n_fields,
                           gpointer         data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "GLIB_DOMAIN") && fields[i].length < 0)
      domain = fields[i].value;
    else if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
      message = fields[i].value;
  if (is_gdk_frame_warning (domain, message))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, data);
}

/* g_warning() through the old API is made fatal by g_logv(), which asks this. */
static gboolean
gdk_frame_warning_not_fatal_cb (const char     *domain,
                                GLogLevelFlags  level,
                                const char     *message,
                                gpointer        data)
{
  return !is_gdk_frame_warning (domain, message);
}

__attribute__((constructor)) static void
drop_gdk_frame_warning (void)
{
  g_log_set_writer_func (drop_gdk_frame_warning_cb, NULL, NULL);
  g_test_log_set_fatal_handler (gdk_frame_warning_not_fatal_cb, NULL);
}

ThrWindow *
thr_test_open_window_loaded (const char *db,
                             int         width,
                             int         height)
{
  ThrWindow *window = thr_window_new (NULL, db);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  thr_test_wait_for (thr_test_window_loaded, window);
  return window;
}

ThrWindow *
thr_test_open_window (const char *db,
                      int         width,
                      int         height)
{
  ThrWindow *window = thr_test_open_window_loaded (db, width, height);
  ThrSession *session;

  /* The latest month comes first; the history follows. */
  session = thr_window_get_session (window);
  if (thr_session_get_n_months (session) > 0)
    g_assert_true (thr_session_is_evaluated (session, thr_session_get_n_months (session) - 1));
  thr_test_wait_for (thr_test_window_complete, window);
  /* What the session's properties say agrees with what it answers. */
  {
    gboolean complete, has_consequences;
    guint n_evaluated, ledger_serial;

    session = thr_window_get_session (window);
    g_object_get (session, "complete", &complete, "n-evaluated", &n_evaluated,
                  "has-consequences", &has_consequences, "ledger-serial", &ledger_serial, NULL);
    g_assert_true (complete);
    g_assert_cmpuint (n_evaluated, ==, thr_session_get_n_months (session));
    g_assert_cmpint (has_consequences, ==, thr_session_has_consequences (session));
    g_assert_cmpuint (ledger_serial, ==, thr_session_get_ledger_serial (session));
  }
  /* Laid out and drawn once, with the session complete. */
  thr_test_wait_for_frame (window);
  return window;
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

void
thr_test_render_png_light_and_dark (GtkWidget  *widget,
                                    const char *name)
{
  AdwStyleManager *styles = adw_style_manager_get_default ();
  AdwColorScheme before = adw_style_manager_get_color_scheme (styles);

  thr_test_render_png (widget, name);
  adw_style_manager_set_color_scheme (styles, ADW_COLOR_SCHEME_FORCE_DARK);
  thr_test_render_png (widget, name);
  adw_style_manager_set_color_scheme (styles, before);
}

/* A premultiplied BGRA row (GDK_MEMORY_DEFAULT on a little-endian
 * machine, which every one we build on is) as PNG's straight RGBA. */
static void
unpremultiply_row (const guchar *from,
                   guchar       *to,
                   int           width)
{
  for (int x = 0; x < width; x++, from += 4, to += 4)
    {
      guint alpha = from[3];

      to[3] = alpha;
      for (int c = 0; c < 3; c++)
        to[2 - c] = alpha == 0 ? 0 : MIN (255, (from[c] * 255 + alpha / 2) / alpha);
    }
}

/* Writes @texture to @path at zlib's fastest level without row filters,
 * for a person to look at: gdk_texture_save_to_png's default level took
 * 48 ms of processor time for a window of 1356 × 758 and this 20 ms; the
 * pixels read back are the same, the files up to half as large again.
 * The window tests write about 230 of them a run (session 20). */
static void
save_png_fast (GdkTexture *texture,
               const char *path)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * height);
  g_autofree guchar *row = g_malloc (stride);
  FILE *file = fopen (path, "wb");
  png_structp png;
  png_infop info;

  g_assert_nonnull (file);
  gdk_texture_download (texture, pixels, stride);
  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  g_assert_nonnull (png);
  info = png_create_info_struct (png);
  g_assert_nonnull (info);
  /* libpng reports a failure by longjmp (a full disk): fail the test. */
  if (setjmp (png_jmpbuf (png)))
    g_error ("%s: libpng could not write it", path);
  png_init_io (png, file);
  png_set_compression_level (png, 1);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_IHDR (png, info, width, height, 8, PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info (png, info);
  for (int y = 0; y < height; y++)
    {
      unpremultiply_row (pixels + y * stride, row, width);
      png_write_row (png, row);
    }
  png_write_end (png, NULL);
  png_destroy_write_struct (&png, &info);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* GTK 4.8's cairo renderer paints a border whose four colours differ
 * through a mesh pattern rasterised over the whole box (a row's one-pixel
 * line cost the launch 3.5% of its instructions): every border a page
 * draws has one colour, which style.css gives the borders libadwaita draws
 * on one side only. */
static GskRenderNode *
single_child (GskRenderNode *node)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_TRANSFORM_NODE: return gsk_transform_node_get_child (node);
    case GSK_CLIP_NODE: return gsk_clip_node_get_child (node);
    case GSK_ROUNDED_CLIP_NODE: return gsk_rounded_clip_node_get_child (node);
    case GSK_OPACITY_NODE: return gsk_opacity_node_get_child (node);
    case GSK_COLOR_MATRIX_NODE: return gsk_color_matrix_node_get_child (node);
    case GSK_REPEAT_NODE: return gsk_repeat_node_get_child (node);
    case GSK_SHADOW_NODE: return gsk_shadow_node_get_child (node);
    case GSK_BLUR_NODE: return gsk_blur_node_get_child (node);
    case GSK_DEBUG_NODE: return gsk_debug_node_get_child (node);
    default: return NULL;
    }
}

static void
assert_borders_single_coloured (GskRenderNode *node,
                                const char    *name)
{
  GskRenderNode *child;

  if (gsk_render_node_get_node_type (node) == GSK_BORDER_NODE)
    {
      const GdkRGBA *colors = gsk_border_node_get_colors (node);

      for (guint side = 1; side < 4; side++)
        if (!gdk_rgba_equal (&colors[0], &colors[side]))
          {
            g_autofree char *top = gdk_rgba_to_string (&colors[0]);
            g_autofree char *other = gdk_rgba_to_string (&colors[side]);

            g_error ("%s: a border drawn in %s on one side and %s on another", name, top, other);
          }
    }
  else if (gsk_render_node_get_node_type (node) == GSK_CONTAINER_NODE)
    {
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        assert_borders_single_coloured (gsk_container_node_get_child (node, i), name);
    }
  else if (gsk_render_node_get_node_type (node) == GSK_CROSS_FADE_NODE)
    {
      assert_borders_single_coloured (gsk_cross_fade_node_get_start_child (node), name);
      assert_borders_single_coloured (gsk_cross_fade_node_get_end_child (node), name);
    }
  else if (gsk_render_node_get_node_type (node) == GSK_BLEND_NODE)
    {
      assert_borders_single_coloured (gsk_blend_node_get_bottom_child (node), name);
      assert_borders_single_coloured (gsk_blend_node_get_top_child (node), name);
    }
  else if ((child = single_child (node)) != NULL)
    {
      assert_borders_single_coloured (child, name);
    }
}

void
thr_test_render_png (gpointer    widget,
                     const char *name)
{
  GtkWidget *window = widget;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  int width, height;

  /* A widget draws only once it is mapped and allocated: wait for its
   * frames. */
  thr_test_wait_for (is_mapped, window);
  for (guint tries = 0; ; tries++)
    {
      thr_test_wait_for_frame (window);
      width = gtk_widget_get_width (window);
      height = gtk_widget_get_height (window);
      g_clear_object (&paintable);
      paintable = gtk_widget_paintable_new (window);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL || tries == 20)
        break;
      g_test_message ("%s: nothing drawn yet, waiting", name);
    }
  g_assert_nonnull (node);
  assert_borders_single_coloured (node, name);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (gtk_widget_get_native (window))), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);

  file = g_strdup_printf ("window-%s-%s.png", name,
                          adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "dark" : "light");
  path = g_test_build_filename (G_TEST_BUILT, file, NULL);
  save_png_fast (texture, path);
}

static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

#if ADW_CHECK_VERSION (1, 4, 0)
static AdwNavigationSplitView *
find_split_view (ThrWindow *window)
{
  GtkWidget *found = find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_NAVIGATION_SPLIT_VIEW);

  g_assert_nonnull (found);
  return ADW_NAVIGATION_SPLIT_VIEW (found);
}
#else
static AdwLeaflet *
find_leaflet (ThrWindow *window)
{
  GtkWidget *found = find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_LEAFLET);

  g_assert_nonnull (found);
  return ADW_LEAFLET (found);
}
#endif

gboolean
thr_test_window_is_folded (ThrWindow *window)
{
#if ADW_CHECK_VERSION (1, 4, 0)
  return adw_navigation_split_view_get_collapsed (find_split_view (window));
#else
  return adw_leaflet_get_folded (find_leaflet (window));
#endif
}

void
thr_test_window_show_content (ThrWindow *window)
{
#if ADW_CHECK_VERSION (1, 4, 0)
  adw_navigation_split_view_set_show_content (find_split_view (window), TRUE);
#else
  adw_leaflet_navigate (find_leaflet (window), ADW_NAVIGATION_DIRECTION_FORWARD);
#endif
}

gboolean
thr_test_window_settled (gpointer window)
{
#if ADW_CHECK_VERSION (1, 4, 0)
  /* Collapsed, the split view slides between its pages as a navigation
   * view does, which keeps only the page it shows mapped once done. */
  AdwNavigationSplitView *split = find_split_view (window);

  return !adw_navigation_split_view_get_collapsed (split) ||
         !gtk_widget_get_mapped (GTK_WIDGET (adw_navigation_split_view_get_sidebar (split))) ||
         !gtk_widget_get_mapped (GTK_WIDGET (adw_navigation_split_view_get_content (split)));
#else
  return !adw_leaflet_get_child_transition_running (find_leaflet (window));
#endif
}

/* An alert that has answered and is only fading out (AdwAlertDialog) is
 * not one a person could answer again. */
static GtkWidget *
find_alert_in (GtkWidget *widget)
{
  if (thr_alert_is_alert (widget))
    return thr_alert_is_open (widget) ? widget : NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_alert_in (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
thr_test_find_alert_now (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) top = g_list_model_get_item (toplevels, i);
      GtkWidget *found = find_alert_in (top);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
thr_test_find_alert (void)
{
  for (guint tries = 0; tries < 250 * thr_test_slowdown (); tries++)
    {
      GtkWidget *found = thr_test_find_alert_now ();

      if (found != NULL)
        return found;
      thr_test_iterate (20);
    }
  return NULL;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

void
thr_test_wait_for_frame (gpointer widget)
{
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong id;

  g_assert_true (GTK_IS_WIDGET (widget));
  /* A widget not shown (a page behind a folded sidebar) draws nothing:
   * there is no frame of its to wait for. */
  if (!gtk_widget_get_mapped (widget))
    return;
  gtk_widget_queue_draw (widget);
  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL)
    return;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  thr_test_wait_for (is_true, &painted);
  g_signal_handler_disconnect (clock, id);
}

struct _ThrTestWidthWatch
{
  GtkWidget     *widget;
  GtkWidget     *content;
  GdkFrameClock *clock;
  gulong         after_paint_id;
  int            window_width;
  int            excess;
  guint          n_frames;
};

static int
min_width (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* After the layout and the paint, before any idle: the frame as drawn.
 * The content is measured against what the window was asked, since
 * libadwaita 1.2 widens the window to its content (1.10 warns), and
 * against its own width, less than the window's where the window draws a
 * frame inside it. */
static void
watch_width_cb (GdkFrameClock     *clock,
                ThrTestWidthWatch *watch)
{
  int excess = min_width (watch->content) - MIN (watch->window_width, gtk_widget_get_width (watch->content));

  if (gtk_widget_get_mapped (watch->widget))
    excess = MAX (excess, min_width (watch->widget) - gtk_widget_get_width (watch->widget));
  watch->excess = MAX (watch->excess, excess);
  watch->n_frames++;
}

ThrTestWidthWatch *
thr_test_width_watch_start (GtkWidget *widget,
                            int        window_width)
{
  ThrTestWidthWatch *watch = g_new0 (ThrTestWidthWatch, 1);
  GtkRoot *root = gtk_widget_get_root (widget);

  g_assert_true (ADW_IS_APPLICATION_WINDOW (root));
  watch->widget = g_object_ref (widget);
  watch->content = g_object_ref (adw_application_window_get_content (ADW_APPLICATION_WINDOW (root)));
  watch->clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (root)));
  watch->window_width = window_width;
  watch->excess = G_MININT;
  watch->after_paint_id = g_signal_connect (watch->clock, "after-paint", G_CALLBACK (watch_width_cb), watch);
  return watch;
}

int
thr_test_width_watch_end (ThrTestWidthWatch *watch)
{
  /* Widened once, libadwaita 1.2's window keeps the width. */
  int excess = MAX (watch->excess, gtk_widget_get_width (GTK_WIDGET (gtk_widget_get_root (watch->content))) - watch->window_width);

  /* A watch that saw no frame proves nothing. */
  g_assert_cmpuint (watch->n_frames, >, 0);
  g_signal_handler_disconnect (watch->clock, watch->after_paint_id);
  g_object_unref (watch->clock);
  g_object_unref (watch->content);
  g_object_unref (watch->widget);
  g_free (watch);
  return excess;
}

void
thr_test_assert_icon_buttons_named (GtkWidget *widget)
{
  /* A hidden widget is not announced: every entry row carries an Apply
   * button it shows only when asked to (hidden on libadwaita 1.2, visible
   * but unmapped on 1.10).  GtkCalendar's month arrows are the toolkit's
   * own, with no way to name them in GTK 4.8. */
  if (GTK_IS_CALENDAR (widget) || !gtk_widget_get_visible (widget) ||
      (!gtk_widget_get_mapped (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW) != NULL))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    thr_test_assert_icon_buttons_named (child);
  if ((GTK_IS_BUTTON (widget) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget)))) ||
      (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL))
    if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
      g_error ("an icon button without an accessible name: %s “%s” in %s (tooltip “%s”)",
               G_OBJECT_TYPE_NAME (widget), gtk_widget_get_name (widget),
               G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
               gtk_widget_get_tooltip_text (widget) ? gtk_widget_get_tooltip_text (widget) : "");
}

static gboolean
is_control (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) &&
           gtk_widget_get_focusable (widget);
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_TEXT (widget) ||
         GTK_IS_SWITCH (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SPIN_BUTTON (widget);
}

static gboolean
has_name (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  /* A button with text is named by it (GtkCheckButton too). */
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      *gtk_button_get_label (GTK_BUTTON (widget)) != '\0')
    return TRUE;
  if (GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL)
    return TRUE;
  /* A text entry inside an entry row or a GtkEntry is named through it. */
  if (GTK_IS_TEXT (widget) && gtk_widget_get_parent (widget) != NULL)
    {
      GtkWidget *entry = gtk_widget_get_ancestor (gtk_widget_get_parent (widget), GTK_TYPE_EDITABLE);

      if (entry != NULL)
        return has_name (entry);
    }
  return FALSE;
}

void
thr_test_assert_controls_named (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    thr_test_assert_controls_named (child);
  if (is_control (widget) && !has_name (widget))
    g_error ("a control without an accessible name: %s in %s in %s (tooltip “%s”)",
             G_OBJECT_TYPE_NAME (widget), G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
             G_OBJECT_TYPE_NAME (gtk_widget_get_parent (gtk_widget_get_parent (widget))),
             gtk_widget_get_tooltip_text (widget) ? gtk_widget_get_tooltip_text (widget) : "");
}

GtkWidget *
thr_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) top = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (top, type) && gtk_widget_get_visible (top))
        return top;
    }
  return NULL;
}

static gboolean
toplevel_shown (gpointer type)
{
  return thr_test_find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

GtkWidget *
thr_test_wait_for_toplevel (GType type)
{
  thr_test_wait_for (toplevel_shown, GSIZE_TO_POINTER (type));
  return thr_test_find_toplevel (type);
}

/* The AdwWindowTitle shown furthest right in WINDOW, at *X or beyond. */
static AdwWindowTitle *
find_rightmost_title (GtkWidget *root,
                      GtkWidget *window,
                      double    *x)
{
  AdwWindowTitle *rightmost = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwWindowTitle *found;
      double child_x, child_y;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (ADW_IS_WINDOW_TITLE (child))
        {
          if (gtk_widget_translate_coordinates (child, window, 0, 0, &child_x, &child_y) && child_x >= *x)
            {
              *x = child_x;
              rightmost = ADW_WINDOW_TITLE (child);
            }
        }
      else if ((found = find_rightmost_title (child, window, x)) != NULL)
        rightmost = found;
    }
  return rightmost;
}

const char *
thr_test_content_title (GtkWidget *window)
{
  double x = 0;
  AdwWindowTitle *title = find_rightmost_title (window, window, &x);

  g_assert_nonnull (title);
  return adw_window_title_get_title (title);
}

AdwStatusPage *
thr_test_find_status_page (GtkWidget  *root,
                           const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *found;

      /* A page of the window's stack that is not the one shown. */
      if (!gtk_widget_get_mapped (child))
        continue;
      if (ADW_IS_STATUS_PAGE (child) && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (child)), title) == 0)
        return ADW_STATUS_PAGE (child);
      if ((found = thr_test_find_status_page (child, title)) != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
thr_test_find_label_styled (GtkWidget  *widget,
                            const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = thr_test_find_label_styled (c, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) top = g_list_model_get_item (toplevels, i);
      GtkWidget *found = gtk_widget_get_visible (top) ? find_widget_of_type (top, THR_TYPE_PREFERENCES_WINDOW) : NULL;
      GtkWidget *page = found != NULL ? find_widget_of_type (found, ADW_TYPE_PREFERENCES_PAGE) : NULL;

      /* Shown once its page is: a dialog is in its window, and mapped,
       * before the sheet that slides it in maps what it holds. */
      if (page != NULL && gtk_widget_get_mapped (page))
        return found;
    }
  return NULL;
}

static GtkTextBuffer *
cap_note_buffer (gpointer    editor,
                 const char *field)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (thr_cap_editor_get_field (THR_CAP_EDITOR (editor), field)));
}

char *
thr_test_cap_note_text (gpointer    editor,
                        const char *field)
{
  GtkTextBuffer *buffer = cap_note_buffer (editor, field);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
thr_test_cap_type_note (gpointer    editor,
                        const char *field,
                        const char *text)
{
  gtk_text_buffer_set_text (cap_note_buffer (editor, field), text, -1);
}

static gboolean
preferences_shown (gpointer data)
{
  return find_preferences () != NULL;
}

static gboolean
preferences_gone (gpointer data)
{
  return find_preferences () == NULL;
}

GtkWidget *
thr_test_wait_for_preferences (void)
{
  thr_test_wait_for (preferences_shown, NULL);
  return find_preferences ();
}

void
thr_test_close_preferences (GtkWidget *preferences)
{
  thr_preferences_window_close (THR_PREFERENCES_WINDOW (preferences));
  /* A dialog fades out inside its window before it goes. */
  thr_test_wait_for (preferences_gone, NULL);
}

char *
thr_test_window_init (int          *argc,
                      char       ***argv,
                      const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("thr-%s-XXXXXX", name);
  char *tmp_dir;

  g_test_init (argc, argv, NULL);
  thr_test_store_require_server ();
  thr_test_adw_init ();
  thr_core_init ();
  tmp_dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  return tmp_dir;
}

int
thr_test_window_run (char *tmp_dir,
                     char *demo_db)
{
  int status = g_test_run ();

  /* The test's databases on the server, under THR_TEST_BACKEND=postgresql. */
  thr_test_store_cleanup ();
  if (g_getenv ("THR_KEEP_TMP") == NULL)
    thr_test_remove_dir (tmp_dir);
  g_free (demo_db);
  g_free (tmp_dir);
  return status;
}

void
thr_test_scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  double x, y;

  thr_test_wait_for_frame (scrolled);   /* laid out first */
  g_assert_true (gtk_widget_translate_coordinates (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                                   0, 0, &x, &y));
  gtk_adjustment_set_value (adjustment, y - 300);
  thr_test_wait_for_frame (scrolled);
}

void
thr_test_find_title_labels (GtkWidget  *widget,
                            GtkWidget **title,
                            GtkWidget **subtitle)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (gtk_widget_get_parent (child), "title"))
        {
          if (gtk_widget_has_css_class (child, "title"))
            *title = child;
          else if (gtk_widget_has_css_class (child, "subtitle"))
            *subtitle = child;
        }
      thr_test_find_title_labels (child, title, subtitle);
    }
}

/* What a row or a group is called, for an error message. */
static const char *
title_of (GtkWidget *widget)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (ADW_IS_PREFERENCES_GROUP (widget))
    return adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget));
  return G_OBJECT_TYPE_NAME (widget);
}

void
thr_test_assert_same_place (GtkWidget  *row,
                            GtkWidget  *widget,
                            GtkWidget  *copy,
                            GtkWidget  *copy_widget,
                            const char *what)
{
  graphene_rect_t a, b;

  g_assert_true ((widget == NULL) == (copy_widget == NULL));
  if (widget == NULL || !gtk_widget_get_visible (widget))
    return;
  g_assert_true (gtk_widget_compute_bounds (widget, row, &a));
  g_assert_true (gtk_widget_compute_bounds (copy_widget, copy, &b));
  if (!graphene_rect_equal (&a, &b))
    g_error ("%s of \"%s\": %g,%g %g×%g against a plain %s's %g,%g %g×%g", what, title_of (row), a.origin.x,
             a.origin.y, a.size.width, a.size.height, G_OBJECT_TYPE_NAME (copy), b.origin.x, b.origin.y,
             b.size.width, b.size.height);
  if (GTK_IS_LABEL (widget))
    g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (widget))), ==,
                     pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (copy_widget))));
}

void
thr_test_find_group_labels (GtkWidget  *widget,
                            GtkWidget **title,
                            GtkWidget **description)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (widget, "labels"))
        *(gtk_label_get_wrap (GTK_LABEL (child)) ? description : title) = child;
      if (!GTK_IS_LIST_BOX (child))
        thr_test_find_group_labels (child, title, description);
    }
}

/* A header suffix as large as @group's (a menu button is all there is). */
static GtkWidget *
copy_header_suffix (GtkWidget *group)
{
  GtkWidget *suffix = adw_preferences_group_get_header_suffix (ADW_PREFERENCES_GROUP (group));
  g_auto(GStrv) classes = NULL;
  GtkWidget *copy;

  if (suffix == NULL)
    return NULL;
  g_assert_true (GTK_IS_MENU_BUTTON (suffix));
  copy = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (copy), gtk_menu_button_get_label (GTK_MENU_BUTTON (suffix)));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (copy), gtk_menu_button_get_use_underline (GTK_MENU_BUTTON (suffix)));
  gtk_widget_set_valign (copy, gtk_widget_get_valign (suffix));
  classes = gtk_widget_get_css_classes (suffix);
  gtk_widget_set_css_classes (copy, (const char **) classes);
  return copy;
}

static void
assert_group_header_as_plain (GtkWidget *group)
{
  GtkWidget *plain = adw_preferences_group_new ();
  GtkWidget *title = NULL, *description = NULL, *plain_title = NULL, *plain_description = NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (plain),
                                   adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (plain),
                                         adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (plain), copy_header_suffix (group));
  thr_test_find_group_labels (plain, &plain_title, &plain_description);
  gtk_label_set_wrap_mode (GTK_LABEL (plain_description), PANGO_WRAP_WORD);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (group)), plain, group);
  thr_test_wait_for_frame (GTK_WIDGET (gtk_widget_get_root (group)));
  thr_test_find_group_labels (group, &title, &description);
  g_assert_nonnull (title);
  g_assert_nonnull (description);
  thr_test_assert_same_place (group, title, plain, plain_title, "the title");
  thr_test_assert_same_place (group, description, plain, plain_description, "the description");
  g_assert_cmpint (gtk_widget_get_height (gtk_widget_get_parent (gtk_widget_get_parent (description))), ==,
                   gtk_widget_get_height (gtk_widget_get_parent (gtk_widget_get_parent (plain_description))));
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (plain)), plain);
}

static void
collect_described_groups (GtkWidget *widget,
                          GPtrArray *groups)
{
  if (ADW_IS_PREFERENCES_GROUP (widget) && gtk_widget_get_mapped (widget) &&
      adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget)) != NULL)
    g_ptr_array_add (groups, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_described_groups (child, groups);
}

guint
thr_test_assert_group_headers_as_plain (GtkWidget *widget)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();

  collect_described_groups (widget, groups);
  for (guint i = 0; i < groups->len; i++)
    assert_group_header_as_plain (g_ptr_array_index (groups, i));
  return groups->len;
}

ThrCap *
thr_test_stored_cap (const char *db,
                     gint64      cap_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (db, &error);
  g_autoptr(GPtrArray) caps = NULL;

  g_assert_no_error (error);
  caps = thr_cap_list (store, 1, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < caps->len; i++)
    if (((ThrCap *) g_ptr_array_index (caps, i))->id == cap_id)
      return g_ptr_array_steal_index (caps, i);
  g_assert_not_reached ();
}


guint
thr_test_assert_labels_whole (GtkWidget *widget)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (GTK_IS_LABEL (widget))
    {
      /* What gtk_widget_measure () gives and takes counts the margins;
       * an allocation does not. */
      int width = gtk_widget_get_width (widget) + gtk_widget_get_margin_start (widget) + gtk_widget_get_margin_end (widget);
      int height = gtk_widget_get_height (widget) + gtk_widget_get_margin_top (widget) + gtk_widget_get_margin_bottom (widget);
      int needed = 0;

      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &needed, NULL, NULL, NULL);
      if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))) || height < needed)
        g_error ("“%s” is cut: %d px high of the %d it needs at %d px",
                 gtk_label_get_text (GTK_LABEL (widget)), height, needed, width);
      return 1;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += thr_test_assert_labels_whole (child);
  return n;
}

gboolean
thr_test_import_dialog_settled (gpointer dialog)
{
  const char *step = thr_import_dialog_get_step (dialog);

  return g_str_equal (step, "preview") || g_str_equal (step, "failed");
}
