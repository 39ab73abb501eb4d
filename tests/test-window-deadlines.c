/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-deadlines.c — the Deadlines page's first visit shows a whole screen of dates
 *
 * The dates are built a screenful first, then a few a frame
 * (thr-chunked-list).  The screenful is what the page's height shows: in
 * the frame that first shows the page, the dates built reach below the
 * bottom of the scrolled area (or are all of them), and not much further.
 */
#include <adwaita.h>

#include "thr-core.h"
#include "thr-deadlines-page.h"
#include "thr-test-demo.h"
#include "thr-test-window.h"

static char *tmp_dir;
static char *demo_db;

typedef struct {
  ThrWindow *window;
  gboolean   seen;
  guint      n_built;
  guint      n_dates;
  double     visible;        /* the scrolled area's height */
  double     last_top;       /* of the last date built, in the scrolled content */
  double     last_bottom;
  double     before_last_top;
} FirstFrame;

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The rows of the dates' lists (not the dates done, in their expander),
 * in order: their tops and bottoms in @content. */
static void
collect_rows (GtkWidget *widget,
              GtkWidget *content,
              GArray    *tops,
              GArray    *bottoms)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (ADW_IS_EXPANDER_ROW (child))
        continue;
      if (GTK_IS_LIST_BOX_ROW (child) && GTK_IS_LIST_BOX (widget)
          && gtk_widget_compute_bounds (child, content, &bounds))
        {
          double top = bounds.origin.y;
          double bottom = bounds.origin.y + bounds.size.height;

          g_array_append_val (tops, top);
          g_array_append_val (bottoms, bottom);
          continue;
        }
      collect_rows (child, content, tops, bottoms);
    }
}

static void
after_paint_cb (GdkFrameClock *clock,
                FirstFrame    *first)
{
  GtkWidget *page = thr_window_get_page_widget (first->window, "deadlines");
  GtkWidget *scrolled;
  GtkWidget *content;
  g_autoptr(GArray) tops = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bottoms = g_array_new (FALSE, FALSE, sizeof (double));

  if (first->seen || page == NULL || !gtk_widget_get_mapped (page))
    return;
  first->seen = TRUE;
  scrolled = find_type (page, GTK_TYPE_SCROLLED_WINDOW);
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  first->visible = gtk_adjustment_get_page_size (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
  first->n_built = thr_deadlines_page_get_n_rows_built (THR_DEADLINES_PAGE (page));
  for (int state = 0; state < 3; state++)
    first->n_dates += thr_deadlines_page_get_n_shown (THR_DEADLINES_PAGE (page), state);
  collect_rows (content, content, tops, bottoms);
  g_assert_cmpuint (tops->len, ==, first->n_built);
  g_assert_cmpuint (tops->len, >=, 2);
  first->last_top = g_array_index (tops, double, tops->len - 1);
  first->last_bottom = g_array_index (bottoms, double, tops->len - 1);
  first->before_last_top = g_array_index (tops, double, tops->len - 2);
}

static gboolean
first_frame_seen (gpointer data)
{
  FirstFrame *first = data;

  return first->seen;
}

static void
check_first_visit (int width,
                   int height)
{
  g_autofree char *db = thr_test_copy_demo_store (tmp_dir);
  ThrWindow *window = thr_test_open_window (db, width, height);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  FirstFrame first = { window };

  /* Folded, the content is shown first, as a person's tap on the
   * sidebar does: the page is then shown on the spot. */
  if (thr_test_window_is_folded (window))
    {
      thr_test_window_show_content (window);
      thr_test_wait_for (thr_test_window_settled, window);
    }
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &first);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "deadlines");
  gtk_widget_queue_draw (GTK_WIDGET (window));
  thr_test_wait_for (first_frame_seen, &first);
  g_signal_handlers_disconnect_by_data (clock, &first);

  g_test_message ("%d×%d: %u of %u dates built in the first frame, the last from %.0f to %.0f px, "
                  "%.0f px shown", width, height, first.n_built, first.n_dates, first.last_top,
                  first.last_bottom, first.visible);
  /* The test demo has more dates than a screen shows. */
  g_assert_cmpuint (first.n_built, <, first.n_dates);
  /* Nothing in the scrolled area waits for a later frame ... */
  g_assert_cmpfloat (first.last_bottom, >=, first.visible);
  /* ... and no more than a row past it is built. */
  g_assert_cmpfloat (first.before_last_top, <, first.visible);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_first_visit_laptop (void)
{
  check_first_visit (1366, 768);
}

static void
test_first_visit_tall (void)
{
  check_first_visit (1000, 980);
}

static void
test_first_visit_narrow (void)
{
  check_first_visit (360, 740);
}

int
main (int argc, char *argv[])
{
  tmp_dir = thr_test_window_init (&argc, &argv, "window-deadlines");
  g_test_add_func ("/window-deadlines/first-visit-1366x768", test_first_visit_laptop);
  g_test_add_func ("/window-deadlines/first-visit-1000x980", test_first_visit_tall);
  g_test_add_func ("/window-deadlines/first-visit-360x740", test_first_visit_narrow);
  return thr_test_window_run (tmp_dir, demo_db);
}
