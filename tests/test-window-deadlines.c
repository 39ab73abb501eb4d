/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-deadlines.c — the Deadlines page's first visit shows a whole screen of dates
 *
 * The dates are built a screenful first, then a few a frame
 * (thr-chunked-list).  The screenful is what the page's height shows: in
 * the frame that first shows the page, the dates built reach below the
 * bottom of the scrolled area (or are all of them), and not much further.
 * Each date's title and clause are laid out without AdwActionRow's box
 * (thr-row-titles.c) and land where a plain AdwActionRow puts them; so do
 * the Metrics page's rows and the Ledger's corrective periods.
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
  thr_test_close_window (window);
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

/* The date rows of the lists (not the dates done), in order. */
static void
collect_row_widgets (GtkWidget *widget,
                     GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_EXPANDER_ROW (child))
        continue;
      if (ADW_IS_ACTION_ROW (child) && GTK_IS_LIST_BOX (widget))
        g_ptr_array_add (rows, child);
      else
        collect_row_widgets (child, rows);
    }
}

static GtkWidget *
copy_mark (GtkWidget *mark)
{
  g_auto(GStrv) classes = gtk_widget_get_css_classes (mark);
  GtkWidget *same;

  if (GTK_IS_LABEL (mark))
    {
      GtkLabel *label = GTK_LABEL (mark);

      same = gtk_label_new (gtk_label_get_label (label));
      gtk_label_set_xalign (GTK_LABEL (same), gtk_label_get_xalign (label));
      /* The Ledger's outcome, wrapped in a narrow window. */
      gtk_label_set_justify (GTK_LABEL (same), gtk_label_get_justify (label));
      gtk_label_set_wrap (GTK_LABEL (same), gtk_label_get_wrap (label));
      gtk_label_set_wrap_mode (GTK_LABEL (same), gtk_label_get_wrap_mode (label));
      gtk_label_set_width_chars (GTK_LABEL (same), gtk_label_get_width_chars (label));
      gtk_label_set_max_width_chars (GTK_LABEL (same), gtk_label_get_max_width_chars (label));
    }
  else if (GTK_IS_IMAGE (mark))
    same = gtk_image_new_from_icon_name (gtk_image_get_icon_name (GTK_IMAGE (mark)));
  else
    {
      same = gtk_box_new (gtk_orientable_get_orientation (GTK_ORIENTABLE (mark)), 0);
      for (GtkWidget *child = gtk_widget_get_first_child (mark); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        gtk_box_append (GTK_BOX (same), copy_mark (child));
    }
  gtk_widget_set_css_classes (same, (const char **) classes);
  gtk_widget_set_valign (same, gtk_widget_get_valign (mark));
  return same;
}

/* How a page's rows were made before thr-row-titles.c. */
typedef struct {
  const char *page;
  gboolean    wrap_at_words;     /* the title and subtitle broken between words only */
  gboolean    subtitle_one_line; /* the subtitle's natural width its one line */
  gboolean    narrow_only;       /* its titles wrap only in a narrow window */
} RowsWere;

static const RowsWere deadlines_rows = { "deadlines", TRUE, TRUE, FALSE };
/* Plain AdwActionRows, breaking between characters too. */
static const RowsWere metrics_rows = { "metrics", FALSE, FALSE, TRUE };
/* The corrective periods, broken between words (wrap_at_words). */
static const RowsWere ledger_rows = { "ledger", TRUE, FALSE, TRUE };

/* A plain AdwActionRow saying what @row says, made as the page's rows
 * were before thr-row-titles.c, with copies of its marks. */
static GtkWidget *
plain_copy (GtkWidget      *row,
            const RowsWere *were)
{
  GtkWidget *copy = adw_action_row_new ();
  GtkWidget *header = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  GtkWidget *title = NULL, *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (copy), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (copy), adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (copy), adw_action_row_get_subtitle_lines (ADW_ACTION_ROW (row)));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (copy), gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  thr_test_find_title_labels (copy, &title, &subtitle);
  if (were->wrap_at_words)
    {
      gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD);
      gtk_label_set_wrap_mode (GTK_LABEL (subtitle), PANGO_WRAP_WORD);
    }
  if (were->subtitle_one_line)
    gtk_label_set_natural_wrap_mode (GTK_LABEL (subtitle), GTK_NATURAL_WRAP_NONE);
  for (GtkWidget *side = gtk_widget_get_first_child (header); side != NULL; side = gtk_widget_get_next_sibling (side))
    if (gtk_widget_has_css_class (side, "suffixes"))
      for (GtkWidget *mark = gtk_widget_get_first_child (side); mark != NULL; mark = gtk_widget_get_next_sibling (mark))
        adw_action_row_add_suffix (ADW_ACTION_ROW (copy), copy_mark (mark));
  return copy;
}

/* Every row of @were's page built (a date, a metric, a corrective
 * period), beside a plain AdwActionRow saying the same in a group of the
 * same width, has its title and subtitle at the same place and size, in
 * as many lines, and is as tall. */
static void
check_rows_as_action_rows (const RowsWere *were,
                           int             width,
                           int             height)
{
  g_autofree char *db = thr_test_copy_demo_store (tmp_dir);
  ThrWindow *window = thr_test_open_window (db, width, height);
  GtkWidget *page;
  GtkWidget *box;
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) copies = g_ptr_array_new ();
  guint lines = 0;

  if (thr_test_window_is_folded (window))
    {
      thr_test_window_show_content (window);
      thr_test_wait_for (thr_test_window_settled, window);
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", were->page);
  thr_test_wait_for_frame (window);
  /* The Ledger fits its outcomes to a narrow page the frame after. */
  thr_test_wait_for_frame (window);
  page = thr_window_get_page_widget (window, were->page);
  {
    g_autofree char *name = g_strdup_printf ("%s-%d", were->page, width);

    thr_test_render_png (window, name);
  }
  collect_row_widgets (page, rows);
  g_assert_cmpuint (rows->len, >=, 2);
  box = gtk_widget_get_parent (gtk_widget_get_ancestor (g_ptr_array_index (rows, 0), ADW_TYPE_PREFERENCES_GROUP));
  gtk_box_append (GTK_BOX (box), group);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *copy = plain_copy (g_ptr_array_index (rows, i), were);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), copy);
      g_ptr_array_add (copies, copy);
    }
  thr_test_wait_for_frame (window);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i), *copy = g_ptr_array_index (copies, i);
      GtkWidget *title = NULL, *subtitle = NULL, *copy_title = NULL, *copy_subtitle = NULL;

      thr_test_find_title_labels (row, &title, &subtitle);
      thr_test_find_title_labels (copy, &copy_title, &copy_subtitle);
      g_assert_nonnull (title);
      g_assert_nonnull (subtitle);
      thr_test_assert_same_place (row, title, copy, copy_title, "the title");
      thr_test_assert_same_place (row, subtitle, copy, copy_subtitle, "the subtitle");
      g_assert_cmpint (gtk_widget_get_width (row), ==, gtk_widget_get_width (copy));
      g_assert_cmpint (gtk_widget_get_height (row), ==, gtk_widget_get_height (copy));
      lines += pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (title)));
      lines += pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (subtitle)));
    }
  g_test_message ("%s at %d×%d: %u rows, %u lines of titles and subtitles as a plain AdwActionRow's", were->page,
                  width, height, rows->len, lines);
  /* Some of them wrap, or the comparison says little. */
  if (!were->narrow_only || width < 600)
    g_assert_cmpuint (lines, >, 2 * rows->len);
  gtk_box_remove (GTK_BOX (box), group);
  thr_test_close_window (window);
}

static void
test_rows_laptop (void)
{
  check_rows_as_action_rows (&deadlines_rows, 1366, 768);
}

static void
test_rows_narrow (void)
{
  check_rows_as_action_rows (&deadlines_rows, 360, 740);
}

static void
test_metrics_rows_laptop (void)
{
  check_rows_as_action_rows (&metrics_rows, 1366, 768);
}

static void
test_metrics_rows_narrow (void)
{
  check_rows_as_action_rows (&metrics_rows, 360, 740);
}

static void
test_ledger_rows_laptop (void)
{
  check_rows_as_action_rows (&ledger_rows, 1366, 768);
}

static void
test_ledger_rows_narrow (void)
{
  check_rows_as_action_rows (&ledger_rows, 360, 740);
}

int
main (int argc, char *argv[])
{
  tmp_dir = thr_test_window_init (&argc, &argv, "window-deadlines");
  g_test_add_func ("/window-deadlines/first-visit-1366x768", test_first_visit_laptop);
  g_test_add_func ("/window-deadlines/first-visit-1000x980", test_first_visit_tall);
  g_test_add_func ("/window-deadlines/first-visit-360x740", test_first_visit_narrow);
  g_test_add_func ("/window-deadlines/rows-as-action-rows-1366x768", test_rows_laptop);
  g_test_add_func ("/window-deadlines/rows-as-action-rows-360x740", test_rows_narrow);
  g_test_add_func ("/window-deadlines/metrics-rows-as-action-rows-1366x768", test_metrics_rows_laptop);
  g_test_add_func ("/window-deadlines/metrics-rows-as-action-rows-360x740", test_metrics_rows_narrow);
  g_test_add_func ("/window-deadlines/ledger-rows-as-action-rows-1366x768", test_ledger_rows_laptop);
  g_test_add_func ("/window-deadlines/ledger-rows-as-action-rows-360x740", test_ledger_rows_narrow);
  return thr_test_window_run (tmp_dir, demo_db);
}
