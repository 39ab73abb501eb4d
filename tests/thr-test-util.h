/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-util.h — small helpers shared by the tests */
#pragma once

#include <stdlib.h>

#include <glib.h>
#include <glib/gstdio.h>

/* Removes a scratch folder made with g_dir_make_tmp() and its files. */
static inline void
thr_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* THR_TEST_SLOWDOWN under the sanitizers (tools/run-sanitizers): waits
 * for the app's worker threads are that many times longer. */
static inline guint
thr_test_slowdown (void)
{
  const char *factor = g_getenv ("THR_TEST_SLOWDOWN");

  return factor ? MAX (1, atoi (factor)) : 1;
}

/* Runs the main context for about ms milliseconds. */
static inline void
thr_test_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}
