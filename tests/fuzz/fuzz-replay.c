/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-replay.c — a main() for the fuzz targets without libFuzzer
 *
 *   replay-TARGET FILE|DIR …
 *
 * Feeds each file (each file of each directory, sorted) to
 * LLVMFuzzerTestOneInput once, so that any compiler builds the targets
 * and the default suite (and the sanitizer and valgrind runs) replays the
 * seed corpora and every input that once crashed (tests/data/fuzz/). */
#include <stdlib.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
replay_file (const char *path,
             guint      *n)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s", error->message);
  LLVMFuzzerTestOneInput ((const guint8 *) contents, len);
  (*n)++;
}

static int
compare_cb (gconstpointer a,
            gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

int
main (int argc, char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) names = NULL;
      const char *name;

      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          replay_file (argv[i], &n);
          continue;
        }
      dir = g_dir_open (argv[i], 0, NULL);
      g_assert (dir != NULL);
      names = g_ptr_array_new_with_free_func (g_free);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      g_ptr_array_sort (names, compare_cb);
      for (guint k = 0; k < names->len; k++)
        replay_file (g_ptr_array_index (names, k), &n);
    }
  g_print ("replayed %u inputs\n", n);
  return n > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
