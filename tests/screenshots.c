/* SPDX-License-Identifier: GPL-3.0-or-later */
/* screenshots.c — the metainfo's screenshots, taken from the window
 *
 * Run by tools/take-screenshots under Xvfb: a window of 1366×768 (what it
 * has maximized on the laptops the users have), a copy of the demo store
 * the build makes once for the window tests (THR_TEST_DEMO_DB, which
 * tools/take-screenshots sets), GNOME's interface font, the light style, and the
 * day pinned with the today-override setting so the dates shown do not
 * move.  Writes overview.png, metric.png, cap-editor.png and ledger.png
 * into the folder given.
 */
#include <adwaita.h>

#include "thr-caps-page.h"
#include "thr-core.h"
#include "thr-test-demo.h"
#include "thr-test-style.h"
#include "thr-test-util.h"
#include "thr-test-window.h"

#define SETTINGS_ID "io.github.thresholdapp.Threshold"
/* A day after the demo's last month: its CAPs and deadlines read as of then. */
#define TODAY "2020-01-21"
#define WIDTH 1366
#define HEIGHT 768

static void
save_window (ThrWindow  *window,
             const char *dir,
             const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GtkWidget *widget = GTK_WIDGET (window);
  GtkSnapshot *snapshot;
  GskRenderNode *node = NULL;
  int width = 0, height = 0;

  /* A page draws once it is mapped and allocated: wait for its frames. */
  for (guint tries = 0; node == NULL && tries < 20; tries++)
    {
      thr_test_wait_for_frame (widget);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      g_clear_object (&paintable);
      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  if (node == NULL)
    g_error ("%s: the window drew nothing", name);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("%s: could not be written", path);
  g_print ("%s %d×%d\n", path, width, height);
}

static gint64
first_cap_id (ThrWindow *window)
{
  GPtrArray *caps = thr_session_get_caps (thr_window_get_session (window));

  if (caps == NULL || caps->len == 0)
    g_error ("the demo store has no CAP to show");
  return ((const ThrCap *) g_ptr_array_index (caps, 0))->id;
}

int
main (int argc, char *argv[])
{
  g_autofree char *tmp = NULL;
  g_autofree char *db = NULL;
  g_autoptr(GSettings) settings = NULL;
  ThrWindow *window;
  ThrSession *session;
  const char *out;

  if (argc != 2)
    {
      g_printerr ("usage: %s OUTPUT-FOLDER\n", argv[0]);
      return 2;
    }
  out = argv[1];
  gtk_init ();
  thr_test_adw_init ();
  thr_core_init ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_object_set (gtk_settings_get_default (), "gtk-font-name", "Cantarell 11", NULL);
  settings = g_settings_new (SETTINGS_ID);
  g_settings_set_string (settings, "today-override", TODAY);

  tmp = g_dir_make_tmp ("thr-screenshots-XXXXXX", NULL);
  db = thr_test_copy_demo_store (tmp);

  window = thr_window_new (NULL, db);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  thr_test_wait_for (thr_test_window_complete, window);
  /* Xvfb has no window manager to maximize the window, and the default
   * size counts the frame's resize border: grow it by what it lacks,
   * once a frame has given it its size. */
  thr_test_wait_for_frame (window);
  {
    int width = gtk_widget_get_width (GTK_WIDGET (window));
    int height = gtk_widget_get_height (GTK_WIDGET (window));

    g_assert (width > 0 && height > 0);
    gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
    gtk_window_set_default_size (GTK_WINDOW (window), 2 * WIDTH - width, 2 * HEIGHT - height);
    gtk_window_present (GTK_WINDOW (window));
  }
  session = thr_window_get_session (window);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  save_window (window, out, "overview.png");
  /* A metric that was missed, with its trend and the records behind it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-metric", "(si)", "A.1.a",
                              (gint32) thr_session_find_month (session, "2018-04"));
  save_window (window, out, "metric.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-cap", "x", first_cap_id (window));
  save_window (window, out, "cap-editor.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "ledger");
  save_window (window, out, "ledger.png");

  gtk_window_destroy (GTK_WINDOW (window));
  /* The session's worker threads finish and close the store in idle
   * callbacks nothing outside can see: a pause before its folder goes. */
  thr_test_iterate (200);
  thr_test_remove_dir (tmp);
  return 0;
}
