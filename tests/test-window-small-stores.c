/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-window-small-stores.c — stores a person starts with, not the demo
 *
 * A store made by `threshold-cli init` and one small import, as a program
 * manager's first store is: the CAPs page with no CAP says why from the
 * core (thr_cap_describe_none), for a contract that withholds nothing (the
 * Missouri KPI page, one of its metrics missed) and for one that withholds
 * but has nothing missed (RFP 16-102, one metric reported and met); and a
 * store of task records alone, whose months come from the records
 * (thr_store_get_month_span): its metrics computed from them, no data where
 * nothing can be computed, and a CAP for the month computed as missed.
 * Each page is rendered at 1366 × 768 and folded at 360 px, light and
 * dark (window-small-*.png in the build's tests folder) to be looked at.
 */
#include <string.h>

#include <adwaita.h>

#include "thr-caps-page.h"
#include "thr-overview-page.h"
#include "thr-core.h"
#include "thr-session.h"
#include "thr-test-util.h"
#include "thr-test-window.h"

static char *tmp_dir;

static void
cli (const char *db,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli_path = g_getenv ("THRESHOLD_CLI");
  const char *arg;
  va_list args;
  int status;

  g_assert_nonnull (cli_path);
  g_ptr_array_add (argv, (char *) cli_path);
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (char *) db);
  va_start (args, db);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* A new store @name made from @template, with @text imported from a file
 * @file of the store's folder. */
static char *
make_store (const char *name,
            const char *template,
            const char *file,
            const char *text)
{
  g_autofree char *dir = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  char *db = g_build_filename (dir, "store.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  cli (db, "init", "--template", template, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  cli (db, "import", path, NULL);
  return db;
}

static gboolean
window_folded (gpointer window)
{
  return thr_test_window_is_folded (window) && thr_test_window_settled (window);
}

static gboolean
window_unfolded (gpointer window)
{
  return !thr_test_window_is_folded (window) && thr_test_window_settled (window);
}

typedef void (*PageCheck) (ThrWindow *window);

/* Shows @page, renders it as window-small-NAME at the window's size, then
 * folded at 360 px (the page itself, not the list of pages), calling
 * @check (may be NULL) at each size; and puts the window back to
 * 1366 × 768. */
static void
render_page_checked (ThrWindow  *window,
                     const char *page,
                     const char *name,
                     PageCheck   check)
{
  g_autofree char *narrow = g_strdup_printf ("%s-360", name);
  g_autofree char *wide = g_strdup (name);
  ThrTestWidthWatch *watch;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page);
  g_assert_cmpstr (thr_window_get_page (window), ==, page);
  thr_test_wait_for (thr_test_window_settled, window);
  thr_test_wait_for_frame (window);
  if (check != NULL)
    check (window);
  thr_test_render_png_light_and_dark (GTK_WIDGET (window), wide);

  watch = thr_test_width_watch_start (thr_window_get_page_widget (window, page), 360);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  thr_test_wait_for (window_folded, window);
  thr_test_window_show_content (window);
  thr_test_wait_for (thr_test_window_settled, window);
  thr_test_wait_for_frame (window);
  g_assert_cmpint (thr_test_width_watch_end (watch), <=, 0);
  if (check != NULL)
    check (window);
  thr_test_render_png_light_and_dark (GTK_WIDGET (window), narrow);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  thr_test_wait_for (window_unfolded, window);
  /* The sidebar slides back in as the window unfolds (libadwaita 1.2's
   * leaflet says when a page's slide runs, not this one's): wait it out,
   * or the next picture catches it halfway. */
  thr_test_iterate (500);
  thr_test_wait_for_frame (window);
}

static void
render_page (ThrWindow  *window,
             const char *page,
             const char *name)
{
  render_page_checked (window, page, name, NULL);
}

/* The label under @widget whose text begins with @prefix, or NULL. */
static GtkWidget *
find_label_starting (GtkWidget  *widget,
                     const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_starting (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The CAPs list's row says its next date in words that do not repeat
 * the metric and month of its title, whole (wrapped, not "…, 8 years
 * o…") at the page's width and at 360 px. */
static void
assert_cap_row_whole (ThrWindow *window)
{
  ThrCapsPage *page = THR_CAPS_PAGE (thr_window_get_page_widget (window, "caps"));
  GtkWidget *next = find_label_starting (GTK_WIDGET (page), "The contractor's CAP, ");

  g_assert_cmpuint (thr_caps_page_get_n_rows (page), ==, 1);
  if (next == NULL)
    {
      GtkWidget *any = find_label_starting (GTK_WIDGET (page), "A.1.a · May 2018");

      any = any ? gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (any)) : NULL;

      g_error ("no next date in the CAP's row; a label says “%s”", any ? gtk_label_get_text (GTK_LABEL (any)) : "");
    }
  g_test_message ("the CAP's next date: %s, %d px wide", gtk_label_get_text (GTK_LABEL (next)),
                  gtk_widget_get_width (next));
  g_assert_true (g_str_has_suffix (gtk_label_get_text (GTK_LABEL (next)), " overdue"));
  g_assert_true (gtk_widget_get_mapped (next));
  /* The row's title, its state and its next date. */
  g_assert_cmpuint (thr_test_assert_labels_whole (gtk_widget_get_parent (next)), ==, 3);
}

/* The CAPs page has no CAP and says why in the core's words, whole at
 * the page's width and at 360 px. */
static void
assert_no_caps (ThrWindow  *window,
                const char *why,
                const char *name)
{
  ThrSession *session = thr_window_get_session (window);
  AdwStatusPage *empty, *editor_page;

  g_assert_cmpstr (thr_cap_describe_none (thr_session_get_contract (session)), ==, why);
  g_assert_cmpuint (thr_session_get_caps (session)->len, ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "caps");
  thr_test_wait_for_frame (window);
  g_assert_cmpuint (thr_caps_page_get_n_rows (THR_CAPS_PAGE (thr_window_get_page_widget (window, "caps"))), ==, 0);
  empty = thr_test_find_status_page (thr_window_get_page_widget (window, "caps"), "No CAPs");
  g_assert_nonnull (empty);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (empty)));
  g_assert_cmpstr (adw_status_page_get_description (empty), ==, why);
  /* Nothing to choose, so no editor beside the list asking for a choice. */
  editor_page = thr_test_find_status_page (thr_window_get_page_widget (window, "caps"), "No CAP Chosen");
  g_assert_true (editor_page == NULL || !gtk_widget_get_mapped (GTK_WIDGET (editor_page)));
  render_page (window, "caps", name);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (empty)));
  g_assert_true (editor_page == NULL || !gtk_widget_get_mapped (GTK_WIDGET (editor_page)));
}

static void
test_kpi_no_caps (void)
{
  g_autofree char *db = make_store ("kpi", "mo-im-kpi", "kpi.csv",
                                    "metric,period,value,subject,queue\n"
                                    "online_utilization,2024-08,65,worker:A,\n"
                                    "online_utilization,2024-08,64.9,worker:C,\n"
                                    "transaction_time,2024-08,901,worker:B,\n"
                                    "completion_rate,2024-08,95.5,group:E,MAGI\n");
  ThrWindow *window = thr_test_open_window (db, 1366, 768);

  g_assert_cmpuint (thr_session_get_n_months (thr_window_get_session (window)), ==, 1);
  assert_no_caps (window, "This contract withholds no money, so a missed metric opens no CAP.",
                  "small-kpi-caps");
  thr_test_close_window (window);
}

static void
test_rfp_no_caps (void)
{
  /* A.1.k "will exceed 95 %": 99 is met; the other metrics have no data,
   * which holds money but opens no CAP. */
  g_autofree char *db = make_store ("rfp", "rfp-16-102", "report.csv", "metric,period,value\nA.1.k,2018-04,99\n");
  ThrWindow *window = thr_test_open_window (db, 1366, 768);
  ThrSession *session = thr_window_get_session (window);

  g_assert_cmpuint (thr_session_get_n_months (session), ==, 1);
  g_assert_cmpint (thr_session_get_result (session, 0, "A.1.k")->status, ==, THR_STATUS_MET);
  assert_no_caps (window, "No metric that withholds money has been missed, so no plan is needed.",
                  "small-rfp-caps");
  thr_test_close_window (window);
}

/* Three months of tasks (April to June 2018, 403 rows) and nothing else:
 * applications, documents, changes and A.1.e's quality reviews, May's
 * applications late often enough to miss A.1.a. */
static char *
tasks_csv (void)
{
  GString *text = g_string_new ("task_id,type,received,completed,category,score\n");
  static const struct { const char *type; guint per_day; } kinds[] = {
    { "application", 3 }, { "document", 2 }, { "change", 1 },
  };
  guint n = 0;

  for (guint month = 4; month <= 6; month++)
    for (guint32 day = thr_day_from_ymd (2018, month, 1); day <= thr_day_month_end (thr_day_from_ymd (2018, month, 1)); day++)
      {
        g_autofree char *date = thr_day_format (day);
        int weekday = thr_day_weekday (day);

        if (weekday > 5)
          continue;
        for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
          for (guint i = 0; i < kinds[k].per_day; i++)
            {
              /* Done the next business day, or one application a day
               * four business days later from May 1 to 24 (a third of
               * May's late, none due in June). */
              gboolean late = month == 5 && k == 0 && i == 0 && day <= thr_day_from_ymd (2018, 5, 24);
              guint32 done = day + (weekday == 5 ? 3 : 1);
              g_autofree char *done_date = NULL;

              if (late)
                done = day + (weekday == 1 ? 4 : 6);
              done_date = thr_day_format (done);
              g_string_append_printf (text, "T%u,%s,%s 09:00,%s 15:00,,\n", ++n, kinds[k].type, date, done_date);
            }
        if (weekday == 3)
          {
            n++;
            g_string_append_printf (text, "T%u,quality_review,%s 10:00,%s 16:00,A.1.e,%u\n", n, date, date,
                                    96 + n % 4);
          }
      }
  return g_string_free (text, FALSE);
}

/* The overview's "What Is Failing" of a store without an invoice: the
 * misses, not the dozens of metrics without data that hold nothing (no
 * row "$0.00 held until its figures are verified"): June has none, so the
 * list says that nothing is missed or held; May has A.1.a's miss alone,
 * whose corrective period is said without "$0.00". */
static void
assert_failing_without_invoice (ThrWindow *window)
{
  ThrOverviewPage *overview = THR_OVERVIEW_PAGE (thr_window_get_page_widget (window, "overview"));
  guint counts[4], n_bonus;
  GtkWidget *row;
  const char *subtitle;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");
  thr_overview_page_get_counts (overview, counts);
  g_assert_cmpuint (counts[1], ==, 0);
  g_assert_cmpuint (counts[3], >=, 40);
  g_assert_cmpuint (thr_overview_page_get_n_failing (overview, &n_bonus), ==, 0);
  g_assert_cmpuint (n_bonus, ==, 0);
  g_assert_null (thr_overview_page_get_row (overview, "failing", 0));
  g_assert_nonnull (find_label_starting (GTK_WIDGET (overview),
                                         "No metric with a withholding was missed, and none without data holds money"));
  g_assert_null (find_label_starting (GTK_WIDGET (overview), "No data · "));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.previous-month", NULL);
  g_assert_cmpint (thr_window_get_month (window), ==, 1);
  g_assert_cmpuint (thr_overview_page_get_n_failing (overview, &n_bonus), ==, 1);
  row = thr_overview_page_get_row (overview, "failing", 0);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "A.1.a · "));
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_test_message ("May's failing row: %s", subtitle);
  g_assert_nonnull (strstr (subtitle, " against "));
  g_assert_nonnull (strstr (subtitle, "Nothing withheld · to be met two months in a row by the end of September 2018"));
  g_assert_null (strstr (subtitle, "$0.00"));
  g_assert_null (thr_overview_page_get_row (overview, "failing", 1));
  render_page (window, "overview", "small-tasks-overview-may");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-month", NULL);
  g_assert_cmpint (thr_window_get_month (window), ==, 2);
}

static void
test_records_alone (void)
{
  g_autofree char *csv = tasks_csv ();
  g_autofree char *db = make_store ("tasks", "rfp-16-102", "tasks.csv", csv);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.thresholdapp.Threshold");
  const char *months[] = { "2018-04", "2018-05", "2018-06" };
  ThrWindow *window;
  ThrSession *session;
  const ThrCap *cap;

  /* As a store is opened the first time: no month shown before (the
   * setting is the window's, not the store's: the tests before left
   * their own). */
  g_settings_reset (settings, "last-month");
  window = thr_test_open_window (db, 1366, 768);
  session = thr_window_get_session (window);

  g_assert_cmpuint (thr_session_get_n_months (session), ==, G_N_ELEMENTS (months));
  for (guint m = 0; m < G_N_ELEMENTS (months); m++)
    {
      g_assert_cmpstr (thr_session_get_month (session, m), ==, months[m]);
      /* Computed from the records, reported by nobody. */
      g_assert_cmpint (thr_session_get_result (session, m, "A.1.a")->status, ==,
                       m == 1 ? THR_STATUS_MISSED : THR_STATUS_MET);
      g_assert_cmpint (thr_session_get_result (session, m, "A.1.b")->status, ==, THR_STATUS_MET);
      g_assert_cmpint (thr_session_get_result (session, m, "A.1.e")->status, ==, THR_STATUS_MET);
      /* No SNAP expedited application, no call: nothing to compute. */
      g_assert_cmpint (thr_session_get_result (session, m, "A.1.c")->status, ==, THR_STATUS_NO_DATA);
      g_assert_cmpint (thr_session_get_result (session, m, "A.5.a")->status, ==, THR_STATUS_NO_DATA);
    }
  /* The latest month with records first. */
  g_assert_cmpuint (thr_window_get_month (window), ==, G_N_ELEMENTS (months) - 1);
  cap = thr_session_find_cap (session, "A.1.a", "2018-05");
  g_assert_nonnull (cap);
  g_assert_cmpuint (thr_caps_page_get_n_rows (THR_CAPS_PAGE (thr_window_get_page_widget (window, "caps"))), ==,
                    thr_session_get_caps (session)->len);
  assert_failing_without_invoice (window);
  render_page (window, "overview", "small-tasks-overview");
  render_page (window, "metrics", "small-tasks-metrics");
  render_page (window, "ledger", "small-tasks-ledger");
  render_page_checked (window, "caps", "small-tasks-caps", assert_cap_row_whole);
  thr_test_close_window (window);
}

int
main (int argc, char *argv[])
{
  tmp_dir = thr_test_window_init (&argc, &argv, "window-small-stores");
  g_test_add_func ("/window-small-stores/kpi-no-caps", test_kpi_no_caps);
  g_test_add_func ("/window-small-stores/rfp-no-caps", test_rfp_no_caps);
  g_test_add_func ("/window-small-stores/records-alone", test_records_alone);
  return thr_test_window_run (tmp_dir, NULL);
}
