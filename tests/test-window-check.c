/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-check.c — the loading page shows the check of a store's pages
 *
 * A store this user's Threshold did not leave as it is has every page read
 * before use (minutes for a large one): the window's loading page shows a
 * bar with "Checking the store's pages… N %" and says why, rising to
 * 100 %; a store it left as it is opens without it.
 */
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "thr-core.h"
#include "thr-test-demo.h"
#include "thr-test-window.h"

static char *tmp_dir;
static char *made_store;   /* never opened at the paths the tests copy it to */

typedef struct {
  GArray *fractions;   /* the bar's, each time it changed while shown */
  guint   n_hidden;    /* changes while the bar or the loading page was not shown */
} Seen;

static GtkWidget *
find_progress_bar (GtkWidget *widget)
{
  if (GTK_IS_PROGRESS_BAR (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_progress_bar (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The bar is on the loading page, and that page is the one shown. */
static gboolean
shown_on_loading_page (GtkWidget *bar)
{
  GtkWidget *page = gtk_widget_get_ancestor (bar, ADW_TYPE_STATUS_PAGE);
  GtkWidget *stack = gtk_widget_get_ancestor (page, GTK_TYPE_STACK);

  return gtk_widget_get_visible (bar) && gtk_stack_get_visible_child (GTK_STACK (stack)) == page
         && g_strcmp0 (adw_status_page_get_description (ADW_STATUS_PAGE (page)),
                       "A store received from someone else, or changed outside Threshold, is checked before "
                       "it is used.") == 0;
}

static void
fraction_cb (GtkProgressBar *bar,
             GParamSpec     *pspec,
             Seen           *seen)
{
  double fraction = gtk_progress_bar_get_fraction (bar);
  g_autofree char *expected = g_strdup_printf ("Checking the store’s pages… %d %%", (int) (fraction * 100));

  if (!shown_on_loading_page (GTK_WIDGET (bar)))
    {
      seen->n_hidden++;
      return;
    }
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, expected);
  /* GtkProgressBar notifies a fraction set to the value it has: two
   * reports of the same page count are the bar standing, not falling. */
  if (seen->fractions->len > 0
      && fraction == g_array_index (seen->fractions, double, seen->fractions->len - 1))
    return;
  g_array_append_val (seen->fractions, fraction);
}

static char *
copy_store (const char *name)
{
  g_autoptr(GFile) from = g_file_new_for_path (made_store);
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GFile) to = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* A copy of the store this Threshold closed as it is now (the core
 * records it), whose pages need not be read again. */
static char *
copy_store_left (const char *name)
{
  char *db = copy_store (name);
  g_autoptr(GError) error = NULL;
  ThrStore *store = thr_store_open (db, &error);

  g_assert_no_error (error);
  g_object_unref (store);
  return db;
}

static GtkWidget *
watch_bar (ThrWindow *window,
           Seen      *seen)
{
  GtkWidget *bar = find_progress_bar (GTK_WIDGET (window));

  g_assert_nonnull (bar);
  seen->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (bar, "notify::fraction", G_CALLBACK (fraction_cb), seen);
  return bar;
}

static void
stop_watching (GtkWidget *bar,
               Seen      *seen)
{
  g_signal_handlers_disconnect_by_data (bar, seen);
  /* Loaded: the loading page and its bar are gone. */
  g_assert_false (gtk_widget_get_mapped (bar));
}

/* A store received while the window shows another: the check is shown
 * as it reads the pages, rising to 100 %, and the store then opens. */
static void
test_check_shown (void)
{
  g_autofree char *shown = copy_store_left ("shown.db");
  g_autofree char *received = copy_store ("received.db");
  ThrWindow *window = thr_test_open_window (shown, 1000, 700);
  Seen seen = { 0 };
  GtkWidget *bar = watch_bar (window, &seen);
  guint n;

  thr_window_open_store (window, received);
  thr_test_wait_for (thr_test_window_loaded, window);
  stop_watching (bar, &seen);
  n = seen.fractions->len;
  g_test_message ("%u fractions shown, the first %g", n, n ? g_array_index (seen.fractions, double, 0) : -1.0);
  g_assert_cmpuint (seen.n_hidden, ==, 0);
  g_assert_cmpuint (n, >=, 2);
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (g_array_index (seen.fractions, double, i), >, g_array_index (seen.fractions, double, i - 1));
  /* Shown before the end, whenever the window's turn came. */
  g_assert_cmpfloat (g_array_index (seen.fractions, double, 0), <, 1.0);
  g_assert_cmpfloat (g_array_index (seen.fractions, double, n - 1), ==, 1.0);
  g_assert_cmpstr (thr_session_get_path (thr_window_get_session (window)), ==, received);
  thr_test_close_window (window);
  g_array_unref (seen.fractions);
}

/* The first store a window opens, as the application starts: left as it
 * is, its pages are not read and no bar is shown. */
static void
test_unchanged_store_not_checked (void)
{
  g_autofree char *db = copy_store_left ("left.db");
  ThrWindow *window = thr_window_new (NULL, db);
  Seen seen = { 0 };
  GtkWidget *bar;

  /* The loading page, and its bar, are built as a window that is still
   * loading is shown (the load's answer comes through the main loop). */
  gtk_window_present (GTK_WINDOW (window));
  bar = watch_bar (window, &seen);
  thr_test_wait_for (thr_test_window_loaded, window);
  stop_watching (bar, &seen);
  g_assert_cmpuint (seen.fractions->len + seen.n_hidden, ==, 0);
  g_assert_cmpuint (thr_session_get_n_months (thr_window_get_session (window)), ==, 12);
  thr_test_close_window (window);
  g_array_unref (seen.fractions);
}

int
main (int argc, char *argv[])
{
  ThrDemoOptions options;

  tmp_dir = thr_test_window_init (&argc, &argv, "window-check");
  /* Big enough for the check to take a tenth of a second or so (23 MB),
   * during which the window reports it as it goes. */
  thr_demo_options_init (&options);
  options.n_months = 12;
  made_store = thr_test_make_demo_store (tmp_dir, &options, NULL);

  g_test_add_func ("/window-check/shown", test_check_shown);
  g_test_add_func ("/window-check/unchanged-store-not-checked", test_unchanged_store_not_checked);
  return thr_test_window_run (tmp_dir, made_store);
}
