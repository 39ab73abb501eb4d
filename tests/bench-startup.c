/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-startup.c — launch to first frame: the demo overview against a bare window
 *
 * The issue asks that the time from launch to the first frame of the demo
 * overview be no more than 1.3× that of a bare AdwApplicationWindow
 * holding a label, measured in the same run.  Each run spawns this program
 * again as a child that opens one window and exits after the first frame
 * that shows it (for Threshold: the first frame after the overview has
 * its data, then closes its store); the parent times the child from spawn
 * to that frame, which the child gives on the monotonic clock they share.  Medians of
 * seven alternating runs.  Run under xvfb-run.
 *
 * The bare window is timed twice: as a child of this program, which links
 * what Threshold links, and as bench-startup-bare, a program that links GTK
 * and libadwaita only, as a bare window's program would.
 *
 * Both are timed again as a user launches them, with their applications:
 * Threshold's own ThrApplication (`--child application`) against the bare
 * window in an AdwApplication (bench-startup-bare --application).
 *
 * The demo is timed in two states.  As made (its records imported, no
 * month evaluated) and as each child leaves it, exiting at the first
 * frame, its load evaluates the latest month and the overview shows the
 * history's spinner: a first launch.  A copy whose months are all kept
 * (`--child keep` opened it once and waited for the history and the
 * consequences, as any launch that stays open a few seconds does) loads
 * every month and the ledger, and its first frame shows the whole grid and
 * the money: every later launch, and the one a user makes most.
 *
 * Beside the wall-clock time, which the other processes of a busy machine
 * stretch, each child says the processor time its main thread and all its
 * threads took up to that frame (the store's load runs beside the main
 * thread, on the other core).
 */
#include <stdlib.h>
#include <time.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "thr-bench-window.h"
#include "thr-core.h"
#include "thr-window.h"

static const char *demo_files[] = { "metric-report.csv", "invoices.csv", "tasks.csv", "calls.csv" };

/* ---- the child ---- */

static double
cpu_ms (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* THR_BENCH_FRAME=FILE.png keeps what the timed frame shows, after the
 * timing, so that a change to the start-up can be seen to leave the first
 * frame as it was (THR_BENCH_WIDTH gives the window another width than
 * 1366 pixels, ADW_DEBUG_COLOR_SCHEME=prefer-dark the dark style);
 * THR_BENCH_NODE=FILE also keeps its render nodes, in GSK's text format,
 * to see what the frame asks the renderer to draw. */
static void
save_frame (GtkWidget  *window,
            const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (window), gtk_widget_get_height (window));
  node = gtk_snapshot_free_to_node (snapshot);
  if (g_getenv ("THR_BENCH_NODE") != NULL)
    gsk_render_node_write_to_file (node, g_getenv ("THR_BENCH_NODE"), NULL);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("could not save the frame to %s", path);
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  thr_bench_window_trace ("after-paint");
  if (THR_IS_WINDOW (window) &&
      (thr_window_get_loading (THR_WINDOW (window)) ||
       g_strcmp0 (thr_window_get_page (THR_WINDOW (window)), "overview") != 0))
    return;
  thr_bench_window_trace ("done");
  /* The frame's time on the monotonic clock the parent shares: the child
   * then closes its store, which is not part of the launch. */
  g_print ("%.3f %.3f %" G_GINT64_FORMAT "\n", cpu_ms (CLOCK_THREAD_CPUTIME_ID), cpu_ms (CLOCK_PROCESS_CPUTIME_ID),
           g_get_monotonic_time ());
  if (g_getenv ("THR_BENCH_FRAME") != NULL)
    save_frame (window, g_getenv ("THR_BENCH_FRAME"));
  thr_bench_window_exit (window);
}

/* --child keep: once every month is in and the consequences are worked
 * out, the store keeps them all; then the child closes it. */
static gboolean
kept_all_cb (gpointer window)
{
  ThrSession *session = thr_window_get_session (THR_WINDOW (window));

  if (thr_window_get_loading (THR_WINDOW (window)) || session == NULL ||
      !thr_session_is_complete (session) || !thr_session_has_consequences (session))
    return G_SOURCE_CONTINUE;
  thr_bench_window_exit (window);
  return G_SOURCE_REMOVE;
}

static void
keep_setup_cb (GtkWidget *window,
               gboolean   bare)
{
  g_timeout_add (20, kept_all_cb, window);
}

static void
realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), window);
}

static void
setup_cb (GtkWidget *window,
          gboolean   bare)
{
  if (g_getenv ("THR_BENCH_WIDTH") != NULL)
    gtk_window_set_default_size (GTK_WINDOW (window), atoi (g_getenv ("THR_BENCH_WIDTH")), 768);
  if (!bare)
    g_signal_connect_swapped (window, "notify::loading", G_CALLBACK (thr_bench_window_trace), (gpointer) "loaded");
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
}

/* ---- the parent ---- */

static char *
make_demo (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(ThrStore) store = thr_store_open (db, &error);
  g_autoptr(ThrContract) contract = thr_contract_load_template ("rfp-16-102", &error);
  ThrDemoOptions options;
  gint64 id;

  g_assert_no_error (error);
  thr_demo_options_init (&options);
  id = thr_store_add_contract (store, "rfp-16-102", "RFP 16-102 demo (generated data)",
                               thr_contract_get_definition (contract), &error);
  g_assert_no_error (error);
  g_assert_true (thr_demo_write (&options, dir, NULL, &error));
  for (guint i = 0; i < G_N_ELEMENTS (demo_files); i++)
    {
      g_autofree char *path = g_build_filename (dir, demo_files[i], NULL);
      g_auto(ThrImportResult) result = { 0 };

      g_assert_true (thr_import_file (store, id, contract, path, THR_IMPORT_KIND_AUTO, FALSE,
                                      NULL, NULL, NULL, &result, &error));
      g_unlink (path);
    }
  return g_steal_pointer (&db);
}

typedef struct {
  double wall;     /* spawn to the frame */
  double main;     /* the child's main thread's processor time */
  double process;  /* all its threads' */
} Run;

enum { RUNS = 7 };

static Run
time_argv (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 start = g_get_monotonic_time ();
  Run run = { 0 };
  gint64 frame = 0;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpint (sscanf (out, "%lf %lf %" G_GINT64_FORMAT, &run.main, &run.process, &frame), ==, 3);
  run.wall = (frame - start) / 1000.0;
  return run;
}

static Run
time_child (const char *self,
            const char *mode,
            const char *db)
{
  const char *argv[] = { self, "--child", mode, db, NULL };

  return time_argv (argv);
}

static char *
load_average (void)
{
  char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("unknown\n");
  return text;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

typedef struct {
  double wall[RUNS], main[RUNS], process[RUNS];
} Runs;

static void
keep_run (Runs  *runs,
          guint  i,
          Run    run)
{
  runs->wall[i] = run.wall, runs->main[i] = run.main, runs->process[i] = run.process;
}

static void
sort_runs (Runs *runs)
{
  qsort (runs->wall, RUNS, sizeof (double), compare_doubles);
  qsort (runs->main, RUNS, sizeof (double), compare_doubles);
  qsort (runs->process, RUNS, sizeof (double), compare_doubles);
}

/* The medians of APP against those of BARE; the wall-clock ratio. */
static double
print_against (const Runs *app,
               const Runs *bare,
               const char *what,
               const char *app_what)
{
  double ratio = app->wall[RUNS / 2] / bare->wall[RUNS / 2];

  g_print ("launch to first frame, median of %d: %s %.0f ms, %s %.0f ms, ratio %.2f (limit 1.3)\n",
           RUNS, what, bare->wall[RUNS / 2], app_what, app->wall[RUNS / 2], ratio);
  g_print ("  processor time to that frame: main thread %.1f ms against %.1f ms (%.2f), "
           "all threads %.1f ms against %.1f ms (%.2f)\n",
           app->main[RUNS / 2], bare->main[RUNS / 2], app->main[RUNS / 2] / bare->main[RUNS / 2],
           app->process[RUNS / 2], bare->process[RUNS / 2], app->process[RUNS / 2] / bare->process[RUNS / 2]);
  return ratio;
}

/* A copy of the demo whose every month and consequence the store keeps. */
static char *
make_kept_copy (const char *self,
                const char *db)
{
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *kept = g_build_filename (dir, "kept.db", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (db);
  g_autoptr(GFile) to = g_file_new_for_path (kept);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { self, "--child", "keep", kept, NULL };
  int status;

  g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&kept);
}

/* The store and SQLite's files beside it. */
static void
remove_store (const char *db)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db, suffixes[i], NULL);

      g_unlink (path);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *here = g_path_get_dirname (argv[0]);
  g_autofree char *bare_program = g_build_filename (here, "bench-startup-bare", NULL);
  const char *bare_argv[] = { bare_program, NULL };
  const char *bare_application_argv[] = { bare_program, "--application", NULL };
  Runs bare, own, app, own_application, application, app_kept, application_kept;
  double ratios[5];
  gboolean met = TRUE;

  if (argc == 4 && g_str_equal (argv[1], "--child") && g_str_equal (argv[2], "keep"))
    thr_bench_window_run (argv[2], argv[3], keep_setup_cb);
  if (argc == 4 && g_str_equal (argv[1], "--child") && g_str_has_suffix (argv[2], "application"))
    thr_bench_window_run_application (argv[2], argv[3], setup_cb);
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    thr_bench_window_run (argv[2], argv[3], setup_cb);

  thr_core_init ();
  dir = g_dir_make_tmp ("thr-bench-startup-XXXXXX", NULL);
  thr_bench_use_cache_in (dir);
  db = make_demo (dir);
  kept = make_kept_copy (argv[0], db);
  /* THR_BENCH_KEEP: the two stores, to time or profile a child by hand. */
  if (g_getenv ("THR_BENCH_KEEP"))
    {
      g_print ("%s\n%s\n", db, kept);
      return 0;
    }
  /* Warm the caches once each. */
  time_child (argv[0], "bare", db);
  time_argv (bare_argv);
  time_child (argv[0], "app", db);
  time_argv (bare_application_argv);
  time_child (argv[0], "application", db);
  time_child (argv[0], "app", kept);
  time_child (argv[0], "application", kept);
  for (guint i = 0; i < RUNS; i++)
    {
      keep_run (&bare, i, time_child (argv[0], "bare", db));
      keep_run (&own, i, time_argv (bare_argv));
      keep_run (&app, i, time_child (argv[0], "app", db));
      keep_run (&own_application, i, time_argv (bare_application_argv));
      keep_run (&application, i, time_child (argv[0], "application", db));
      keep_run (&app_kept, i, time_child (argv[0], "app", kept));
      keep_run (&application_kept, i, time_child (argv[0], "application", kept));
    }
  sort_runs (&bare);
  sort_runs (&own);
  sort_runs (&app);
  sort_runs (&own_application);
  sort_runs (&application);
  sort_runs (&app_kept);
  sort_runs (&application_kept);
  ratios[0] = print_against (&app, &bare, "bare window in this program", "demo overview, first launch");
  /* The reference: this program's bare window pays for loading
   * every library Threshold links, the other's does not. */
  ratios[1] = print_against (&app, &own, "bare window in a program of its own (GTK and libadwaita only)",
                             "demo overview, first launch");
  /* As a user launches: Threshold's application (its start-up, style.css,
   * actions and accelerators) against a bare window's AdwApplication. */
  ratios[2] = print_against (&application, &own_application,
                             "with their applications: bare AdwApplication's window in a program of its own",
                             "demo overview, first launch");
  ratios[3] = print_against (&app_kept, &own, "bare window in a program of its own (GTK and libadwaita only)",
                             "demo overview, months kept");
  ratios[4] = print_against (&application_kept, &own_application,
                             "with their applications: bare AdwApplication's window in a program of its own",
                             "demo overview, months kept");
  {
    g_autofree char *load = load_average ();
    g_print ("load average: %s", load);
  }

  remove_store (db);
  remove_store (kept);
  thr_bench_remove_cache_in (dir);
  g_rmdir (dir);
  for (guint i = 0; i < G_N_ELEMENTS (ratios); i++)
    met = met && ratios[i] <= 1.3;
  return met ? 0 : 1;
}
