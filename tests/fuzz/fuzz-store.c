/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-store.c — opening a store file someone else sent, on any bytes
 *
 * The bytes are written to a file and opened as a store: either it opens
 * (then its contracts can be listed) or an error says why, never both or
 * neither, never a crash; and a file that is refused is left as it was. */
#include <glib/gstdio.h>

#include "thr-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
remove_store (const char *dir,
              const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *dir = g_dir_make_tmp ("fuzz-store-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autofree char *after = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gsize after_len = 0;

  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));
  store = thr_store_open (path, &error);
  g_assert ((store == NULL) != (error == NULL));
  if (store != NULL)
    {
      g_autoptr(GPtrArray) contracts = thr_store_list_contracts (store, NULL);
      (void) contracts;
    }
  else
    {
      g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
      g_assert_cmpmem (after, after_len, data, size);
    }
  g_clear_object (&store);
  remove_store (dir, path);
  return 0;
}
