/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-demo.c — one demo month at benchmark size: 1,000,000 tasks and
 * 500,000 calls.  Prints the time taken and the size of each file. */
#include <glib/gstdio.h>

#include "thr-core.h"

static const char * const demo_files[] = {
  "metric-report.csv", "invoices.csv", "tasks.csv", "calls.csv",
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autofree char *dir = NULL;
  ThrDemoOptions options;
  double elapsed;

  thr_demo_options_init (&options);
  options.n_months = 1;
  options.tasks_per_month = 1000000;
  options.calls_per_month = 500000;

  dir = g_dir_make_tmp ("thr-bench-demo-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  timer = g_timer_new ();
  if (!thr_demo_write (&options, dir, NULL, &error))
    g_error ("%s", error->message);
  elapsed = g_timer_elapsed (timer, NULL);

  g_print ("demo: 1 month, %u tasks, %u calls in %.3f s\n",
           options.tasks_per_month, options.calls_per_month, elapsed);
  for (guint i = 0; i < G_N_ELEMENTS (demo_files); i++)
    {
      g_autofree char *path = g_build_filename (dir, demo_files[i], NULL);
      GStatBuf st;

      if (g_stat (path, &st) == 0)
        g_print ("  %-18s %12lld bytes\n", demo_files[i], (long long) st.st_size);
      g_unlink (path);
    }
  g_rmdir (dir);
  return 0;
}
