/* thr-test-util.h — small helpers shared by the tests */
#pragma once

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
