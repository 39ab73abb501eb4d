/* SPDX-License-Identifier: GPL-3.0-or-later */
/* make-demo-store.c — the demo store the window tests share, made once per build
 *
 *   make-demo-store OUTPUT TASKS-PER-MONTH CALLS-PER-MONTH [MONTHS]
 *
 * Each window test copies it (thr_test_copy_demo_store) rather than making
 * its own: the same data for every test, generated and imported once.
 */
#include <errno.h>

#include <glib/gstdio.h>

#include "thr-test-demo.h"
#include "thr-test-util.h"

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  ThrDemoOptions options;

  if (argc != 4 && argc != 5)
    {
      g_printerr ("usage: %s OUTPUT TASKS-PER-MONTH CALLS-PER-MONTH [MONTHS]\n", argv[0]);
      return 2;
    }
  thr_core_init ();
  /* Beside the output, so that the finished store is renamed into place
   * and a build interrupted halfway leaves no store that looks whole. */
  dir = g_strdup_printf ("%s.tmp-XXXXXX", argv[1]);
  if (g_mkdtemp (dir) == NULL)
    {
      g_printerr ("%s: %s\n", dir, g_strerror (errno));
      return 1;
    }
  thr_demo_options_init (&options);
  options.tasks_per_month = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  options.calls_per_month = (guint) g_ascii_strtoull (argv[3], NULL, 10);
  if (argc == 5)
    options.n_months = (int) g_ascii_strtoll (argv[4], NULL, 10);
  db = thr_test_make_demo_store (dir, &options, NULL);
  if (g_rename (db, argv[1]) != 0)
    {
      g_printerr ("%s: %s\n", argv[1], g_strerror (errno));
      return 1;
    }
  thr_test_remove_dir (dir);
  return 0;
}
