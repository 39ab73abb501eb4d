/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-copy.c — stores in and out of Threshold's own folder
 *
 * See thr-store-copy.h for why.  Nothing here writes to the file a store
 * is copied from; every copy is made under a ".part" name and renamed
 * only once it is whole and checked, so a failure leaves no half-copied
 * store behind under the name asked for.
 */
#define G_LOG_DOMAIN "thr-store-copy"

#include <errno.h>

#include <glib/gstdio.h>

#include "thr-store-copy.h"
#include "thr-store-sql-private.h"

static const char *sidecars[] = { "", "-wal", "-shm", "-journal" };

static gboolean
has_dir_prefix (const char *path,
                const char *dir)
{
  gsize len = strlen (dir);

  return strncmp (path, dir, len) == 0 && (path[len] == '/' || path[len] == '\0');
}

gboolean
thr_store_path_is_portal (const char *path)
{
  g_autofree char *canonical = NULL;
  g_autofree char *host_docs = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  canonical = g_canonicalize_filename (path, NULL);
  /* The host's mount point, and where Flatpak shows it inside the sandbox. */
  host_docs = g_build_filename (g_get_user_runtime_dir (), "doc", NULL);
  return has_dir_prefix (canonical, host_docs) || has_dir_prefix (canonical, "/run/flatpak/doc");
}

char *
thr_store_free_path (const char *dir,
                     const char *basename)
{
  g_autofree char *path = g_build_filename (dir, basename, NULL);
  const char *dot = strrchr (basename, '.');
  g_autofree char *stem = g_strndup (basename, dot && dot != basename ? (gsize) (dot - basename) : strlen (basename));
  const char *ext = dot && dot != basename ? dot : "";

  g_return_val_if_fail (dir != NULL && basename != NULL, NULL);

  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u%s", stem, n, ext);

      g_free (path);
      path = g_build_filename (dir, name, NULL);
    }
  return g_steal_pointer (&path);
}

static void
remove_with_sidecars (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *file = g_strconcat (path, sidecars[i], NULL);
      g_unlink (file);
    }
}

/* Errors that say SQLite cannot share, lock or journal the file where it
 * is, rather than that the file is not a store. */
static gboolean
is_folder_error (int code)
{
  switch (code & 0xff)
    {
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_PROTOCOL:
      return TRUE;
    default:
      return FALSE;
    }
}

/* SQLite's backup API, reading SOURCE read-only.  Returns the SQLite code;
 * *message is set on failure. */
static int
backup_from (const char  *source,
             const char  *dest,
             char       **message)
{
  sqlite3 *from = NULL;
  sqlite3 *to = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (source, &from, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_open_v2 (dest, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (from, 1);
      sqlite3_busy_timeout (from, 5000);
      backup = sqlite3_backup_init (to, "main", from, "main");
      if (backup != NULL)
        {
          sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
        }
      /* The backup's own error is on the destination connection; a read
       * that failed (a lock refused) is on the source. */
      rc = sqlite3_extended_errcode (to);
      if (rc == SQLITE_OK)
        rc = sqlite3_extended_errcode (from);
    }
  if (rc != SQLITE_OK)
    *message = g_strdup (to && sqlite3_errcode (to) != SQLITE_OK ? sqlite3_errmsg (to)
                         : from ? sqlite3_errmsg (from) : sqlite3_errstr (rc));
  sqlite3_close (to);
  sqlite3_close (from);
  return rc;
}

/* The copy is made under PART; errors name SOURCE, the file the user chose. */
static void
rename_in_error (GError     *error,
                 const char *part,
                 const char *source)
{
  g_auto(GStrv) pieces = g_strsplit (error->message, part, -1);

  g_free (error->message);
  error->message = g_strjoinv (source, pieces);
}

static gboolean
stage_copy (const char    *source,
            const char    *part,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *message = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  int rc = backup_from (source, part, &message);

  if (rc == SQLITE_OK)
    return TRUE;
  remove_with_sidecars (part);
  if (!is_folder_error (rc))
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_STORE,
                   "%s could not be copied: %s; nothing was changed", source, message);
      return FALSE;
    }
  /* SQLite cannot lock the file where it is (a document portal), so no
   * other SQLite can be writing it through there either: its bytes are
   * read as they are.  A store caught half-way through a checkpoint by
   * a writer outside would fail the page check that follows. */
  g_debug ("%s: SQLite cannot read it in place (%s); copying its bytes", source, message);
  from = g_file_new_for_path (source);
  to = g_file_new_for_path (part);
  if (!g_file_copy (from, to, G_FILE_COPY_NONE, cancellable, NULL, NULL, error))
    {
      g_prefix_error (error, "%s could not be copied: ", source);
      return FALSE;
    }
  return TRUE;
}

/* Opening the copy runs every check of a store (and upgrades it).  Its
 * upgrade backup is not kept: the original is the backup. */
static gboolean
check_copy (const char  *part,
            const char  *source,
            GError     **error)
{
  g_autoptr(ThrStore) store = thr_store_open (part, error);

  for (int v = 1; v < THR_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *backup = g_strdup_printf ("%s.backup-v%d", part, v);
      g_unlink (backup);
    }
  if (store == NULL)
    {
      rename_in_error (*error, part, source);
      return FALSE;
    }
  return TRUE;
}

gboolean
thr_store_copy_in (const char    *source,
                   const char    *dest,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *part = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_EXISTS,
                   "%s already exists; it was left as it was", dest);
      return FALSE;
    }
  dir = g_path_get_dirname (dest);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: cannot create the folder: %s", dir, g_strerror (saved));
      return FALSE;
    }
  part = g_strconcat (dest, ".part", NULL);
  remove_with_sidecars (part);
  if (!stage_copy (source, part, cancellable, error) || !check_copy (part, source, error))
    {
      remove_with_sidecars (part);
      return FALSE;
    }
  if (g_rename (part, dest) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: cannot rename to %s: %s", part, dest, g_strerror (saved));
      remove_with_sidecars (part);
      return FALSE;
    }
  return TRUE;
}

/* A copy that needs nothing beside it: the backup keeps the store's WAL
 * flag in its header, which a reader in a read-only folder could not
 * honour. */
static gboolean
make_single_file (const char  *path,
                  GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_SQLITE, "%s: %s", path,
                 db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

gboolean
thr_store_save_copy (ThrStore      *self,
                     GFile         *dest,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *staging = NULL;
  g_autoptr(GFile) from = NULL;
  gboolean ok;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (dest), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  staging = g_strconcat (thr_store_get_path (self), ".copy", NULL);
  remove_with_sidecars (staging);
  from = g_file_new_for_path (staging);
  ok = thr_store_backup (self, staging, error) &&
       make_single_file (staging, error) &&
       g_file_copy (from, dest, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, error);
  remove_with_sidecars (staging);
  return ok;
}
