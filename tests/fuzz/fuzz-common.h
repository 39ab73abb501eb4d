/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-common.h — the readers take paths, so each input goes to a file */
#pragma once

#include <stdio.h>
#include <unistd.h>

#include <glib.h>

/* One file per process, rewritten for every input. */
static inline const char *
fuzz_write_input (const guint8 *data,
                  size_t        size,
                  const char   *suffix)
{
  static char *path;
  FILE *file;

  if (path == NULL)
    path = g_strdup_printf ("%s/thr-fuzz-%d%s", g_get_tmp_dir (), (int) getpid (), suffix);
  file = fopen (path, "wb");
  g_assert (file != NULL);
  if (size > 0)
    g_assert (fwrite (data, 1, size, file) == size);
  fclose (file);
  return path;
}
