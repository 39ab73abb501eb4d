/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-startup.c — launch to first frame: the demo overview against a bare window
 *
 * The issue asks that the time from launch to the first frame of the demo
 * overview be no more than 1.3× that of a bare AdwApplicationWindow
 * holding a label, measured in the same run.  Each run spawns this program
 * again as a child that opens one window and exits after the first frame
 * that shows it (for Threshold: the first frame after the overview has
 * its data); the parent times the child from spawn to exit.  Medians of
 * seven alternating runs.  Run under xvfb-run.
 */
#include <adwaita.h>
#include <glib/gstdio.h>

#include "thr-bench-window.h"
#include "thr-core.h"
#include "thr-window.h"

static const char *demo_files[] = { "metric-report.csv", "invoices.csv", "tasks.csv", "calls.csv" };

/* ---- the child ---- */

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
  exit (0);
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

static double
time_child (const char *self,
            const char *mode,
            const char *db)
{
  const char *argv[] = { self, "--child", mode, db, NULL };
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  enum { RUNS = 7 };
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  double bare[RUNS], app[RUNS], ratio;

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    thr_bench_window_run (argv[2], argv[3], setup_cb);

  thr_core_init ();
  dir = g_dir_make_tmp ("thr-bench-startup-XXXXXX", NULL);
  db = make_demo (dir);
  if (g_getenv ("THR_BENCH_KEEP"))
    {
      g_print ("%s\n", db);
      return 0;
    }
  /* Warm the caches once each. */
  time_child (argv[0], "bare", db);
  time_child (argv[0], "app", db);
  for (guint i = 0; i < RUNS; i++)
    {
      bare[i] = time_child (argv[0], "bare", db);
      app[i] = time_child (argv[0], "app", db);
    }
  qsort (bare, RUNS, sizeof (double), compare_doubles);
  qsort (app, RUNS, sizeof (double), compare_doubles);
  ratio = app[RUNS / 2] / bare[RUNS / 2];
  g_print ("launch to first frame, median of %d: bare window %.0f ms, demo overview %.0f ms, ratio %.2f (limit 1.3)\n",
           RUNS, bare[RUNS / 2], app[RUNS / 2], ratio);

  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return ratio <= 1.3 ? 0 : 1;
}
