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

/* Text with every run of white space as one space: a paragraph read back
 * from a PDF is broken into lines where the layout wrapped it, which may be
 * after a hyphen, a dash or an ellipsis ("2018-05…" / "2018-08"), so a space
 * after one is dropped (on both sides of a comparison). */
static inline char *
thr_test_squeeze_spaces (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;
  gunichar previous = 0;

  for (const char *c = text; *c; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);

      if (u == 0x200B)
        continue;
      if (g_unichar_isspace (u))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0 && previous != '-' && previous != 0x2013 && previous != 0x2026)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, u);
      previous = u;
    }
  return g_string_free (out, FALSE);
}
