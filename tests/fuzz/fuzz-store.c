/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-store.c — opening a store file someone else sent, on any bytes
 *
 * The bytes are written to a file and opened as a store: either it opens
 * (then its contracts can be listed) or an error says why, never both or
 * neither, never a crash; and a file that is refused is left as it was. */
#include <glib/gstdio.h>

#include "thr-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Everything the opening left in @dir: the store, its journal or WAL, and
 * the backup (FILE.backup-vN) an upgrade of an older schema leaves beside it. */
static void
remove_store (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

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
  remove_store (dir);
  return 0;
}
