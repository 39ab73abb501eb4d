/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-check.c — a store received from someone else is checked before use
 *
 * A store is a file that travels (an auditor receives one by mail), and
 * SQLite runs whatever schema the file holds: a trigger on reported_values
 * could turn every reported 50 % into 100 % as it is imported, while the
 * import history still shows the genuine file's hash.  So before anything
 * reads or writes it, the whole schema — every table, column, constraint,
 * index, trigger and view — is compared with the one this version of
 * Threshold creates for the store's schema version, built afresh in
 * memory by the same migration steps.  Any difference is refused.
 *
 * The file's pages are checked too (PRAGMA quick_check, and the free page
 * count against the page count), so a damaged store is refused with a
 * clear message rather than failing half-way through a command.  Reading
 * every page costs about 0.4 s per 80 MB, so a store that this user's
 * Threshold last left unchanged (same device, inode, size and
 * modification time, recorded in the user's cache folder) is not read
 * again; any other file is.
 */
#define G_LOG_DOMAIN "thr-store"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "thr-db-private.h"
#include "thr-store-check-private.h"
#include "thr-store-schema-rows.h"
#include "thr-store.h"
#include "thr-store-sql-private.h"

/* Section: the schema */

static void
schema_entry_free (gpointer data)
{
  SchemaEntry *entry = data;

  g_free (entry->type);
  g_free (entry->name);
  g_free (entry->table);
  g_free (entry->sql);
  g_free (entry);
}

/* Every object in sqlite_schema, keyed by "type name"; N_ROWS (may be
 * NULL) counts the rows read, so that two rows of one key are seen. */
static GHashTable *
read_schema (sqlite3  *db,
             guint    *n_rows,
             char    **message)
{
  GHashTable *schema = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, schema_entry_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema", -1, &stmt, NULL) != SQLITE_OK)
    {
      *message = g_strdup (sqlite3_errmsg (db));
      g_hash_table_unref (schema);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SchemaEntry *entry = g_new0 (SchemaEntry, 1);

      entry->type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      entry->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->table = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->sql = _thr_store_normalize_sql ((const char *) sqlite3_column_text (stmt, 3));
      g_hash_table_replace (schema, g_strdup_printf ("%s %s", entry->type, entry->name), entry);
      if (n_rows != NULL)
        (*n_rows)++;
    }
  if (rc != SQLITE_DONE)
    {
      *message = g_strdup (sqlite3_errmsg (db));
      g_clear_pointer (&schema, g_hash_table_unref);
    }
  sqlite3_finalize (stmt);
  return schema;
}

/* The schema this version creates at `version`, by its own steps, in memory. */
static GHashTable *
reference_schema (const char * const  *migrations,
                  guint                version,
                  char               **message)
{
  GHashTable *schema = NULL;
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      *message = g_strdup (db ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }
  for (guint i = 0; i < version; i++)
    if (sqlite3_exec (db, migrations[i], NULL, NULL, NULL) != SQLITE_OK)
      {
        *message = g_strdup_printf ("schema step %u: %s", i, sqlite3_errmsg (db));
        sqlite3_close (db);
        return NULL;
      }
  schema = read_schema (db, NULL, message);
  sqlite3_close (db);
  return schema;
}

/* The reference schemas built in this process, one per set of steps and
 * version: every connection a window opens (its load, each history
 * worker, the ledger's) would otherwise run every step again, 4.4 ms of
 * the 25 ms a `threshold-cli contracts` takes.  Kept by the steps' text,
 * not their address.  Only what the file is compared with is kept; the
 * file's own schema is read at every opening. */
typedef struct {
  GStrv       steps;    /* a copy: a caller's steps may live on its stack */
  GHashTable *schema;
} KnownReference;

static gboolean
same_steps (GStrv                steps,
            const char * const  *migrations,
            guint                version)
{
  if (g_strv_length (steps) != version)
    return FALSE;
  for (guint i = 0; i < version; i++)
    if (strcmp (steps[i], migrations[i]) != 0)
      return FALSE;
  return TRUE;
}

static GHashTable *
known_reference_schema (const char * const  *migrations,
                        guint                version,
                        char               **message)
{
  static GMutex lock;
  static GArray *known;   /* of KnownReference, never freed */
  GHashTable *schema = NULL;

  g_mutex_lock (&lock);
  if (known == NULL)
    known = g_array_new (FALSE, FALSE, sizeof (KnownReference));
  for (guint i = 0; i < known->len && schema == NULL; i++)
    {
      KnownReference *entry = &g_array_index (known, KnownReference, i);

      if (same_steps (entry->steps, migrations, version))
        schema = g_hash_table_ref (entry->schema);
    }
  if (schema == NULL && (schema = reference_schema (migrations, version, message)) != NULL)
    {
      KnownReference entry = { g_new0 (char *, version + 1), g_hash_table_ref (schema) };

      for (guint i = 0; i < version; i++)
        entry.steps[i] = g_strdup (migrations[i]);
      g_array_append_val (known, entry);
    }
  g_mutex_unlock (&lock);
  return schema;
}

static const char *
kind_name (const char *type)
{
  if (g_strcmp0 (type, "trigger") == 0)
    return "a trigger";
  if (g_strcmp0 (type, "view") == 0)
    return "a view";
  if (g_strcmp0 (type, "index") == 0)
    return "an index";
  return "a table";
}

static const char *
kind_the (const char *type)
{
  if (g_strcmp0 (type, "trigger") == 0)
    return "the trigger";
  if (g_strcmp0 (type, "view") == 0)
    return "the view";
  if (g_strcmp0 (type, "index") == 0)
    return "the index";
  return "the table";
}

static gboolean
refuse_schema (const char  *path,
               const char  *what,
               GError     **error)
{
  g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_FOREIGN_SCHEMA,
               "%s was not opened: %s. A store changed outside Threshold could alter figures as they are "
               "imported or read, so Threshold uses only the schema it creates itself; nothing was changed. "
               "Ask whoever sent the store for the file as Threshold wrote it",
               path, what);
  return FALSE;
}

/* The first difference, said the way a user can act on: an object added,
 * one missing, or one changed (a column added, dropped or retyped). */
static gboolean
compare_schemas (const char  *path,
                 GHashTable  *found,
                 GHashTable  *expected,
                 GError     **error)
{
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (found), (GCompareFunc) g_strcmp0);
  g_autoptr(GList) wanted = g_list_sort (g_hash_table_get_keys (expected), (GCompareFunc) g_strcmp0);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      SchemaEntry *entry = g_hash_table_lookup (found, l->data);
      SchemaEntry *ours = g_hash_table_lookup (expected, l->data);
      g_autofree char *what = NULL;

      if (ours == NULL)
        what = g_strdup_printf ("it holds %s “%s” (on “%s”) that Threshold did not create",
                                kind_name (entry->type), entry->name, entry->table);
      else if (g_strcmp0 (entry->table, ours->table) != 0 || g_strcmp0 (entry->sql, ours->sql) != 0)
        what = g_strdup_printf ("%s “%s” differs from the one Threshold creates (a column or constraint "
                                "was added, dropped or changed)", kind_the (entry->type), entry->name);
      if (what != NULL)
        return refuse_schema (path, what, error);
    }
  /* A missing table first: its indexes went with it. */
  for (guint pass = 0; pass < 2; pass++)
    for (GList *l = wanted; l != NULL; l = l->next)
      {
        SchemaEntry *ours = g_hash_table_lookup (expected, l->data);
        g_autofree char *what = NULL;

        if (g_hash_table_contains (found, l->data) || (pass == 0) != g_str_equal (ours->type, "table"))
          continue;
        what = g_strdup_printf ("%s “%s” that Threshold needs is missing", kind_the (ours->type), ours->name);
        return refuse_schema (path, what, error);
      }
  return TRUE;
}

/* Section: the rows the build wrote down
 *
 * Building the reference runs every step in memory: 24.7 of the 36.8
 * million instructions of a `threshold-cli contracts` on the demo store
 * (callgrind, session 19), paid by every spawn.  The build runs the same
 * steps against the same SQLite and writes the rows down
 * (thr-store-schema-rows.c), so a current store is first compared with
 * them: every row equal, and as many, and it is ours.  Any difference,
 * even one a newer SQLite at run time would spell its own way, goes to the
 * reference built here, which decides as it always has: the rows can only
 * spare that work, never accept what it would refuse. */

static const SchemaRow *compiled_rows = thr_store_schema_rows;
static guint n_compiled_rows = G_N_ELEMENTS (thr_store_schema_rows);
static guint n_built;   /* openings decided by the reference in memory */

void
_thr_store_check_set_rows (const SchemaRow *rows,
                           guint            n_rows)
{
  compiled_rows = rows != NULL ? rows : thr_store_schema_rows;
  n_compiled_rows = rows != NULL ? n_rows : G_N_ELEMENTS (thr_store_schema_rows);
}

guint
_thr_store_check_n_built (void)
{
  return g_atomic_int_get (&n_built);
}

static gboolean
same_as_compiled (GHashTable *found,
                  guint       n_found)
{
  if (n_found != n_compiled_rows || g_hash_table_size (found) != n_compiled_rows)
    return FALSE;
  for (guint i = 0; i < n_compiled_rows; i++)
    {
      const SchemaRow *row = &compiled_rows[i];
      g_autofree char *key = g_strdup_printf ("%s %s", row->type, row->name);
      SchemaEntry *entry = g_hash_table_lookup (found, key);

      if (entry == NULL || g_strcmp0 (entry->table, row->table) != 0 || g_strcmp0 (entry->sql, row->sql) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Section: the schema check */

gboolean
_thr_store_check_schema (sqlite3             *db,
                         const char          *path,
                         const char * const  *migrations,
                         guint                version,
                         gboolean             built_in,
                         GError             **error)
{
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GHashTable) expected = NULL;
  g_autofree char *message = NULL;
  guint n_found = 0;

  found = read_schema (db, &n_found, &message);
  if (found == NULL)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_STORE,
                   "%s is not a Threshold store, or it is damaged (%s)", path, message);
      return FALSE;
    }
  if (built_in && version == THR_STORE_SCHEMA_ROWS_VERSION && same_as_compiled (found, n_found))
    return TRUE;
  g_atomic_int_inc (&n_built);
  expected = known_reference_schema (migrations, version, &message);
  if (expected == NULL)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_SQLITE,
                   "%s: the schema to compare it with could not be built: %s", path, message);
      return FALSE;
    }
  return compare_schemas (path, found, expected, error);
}

/* Section: the pages */

static gint64
pragma_int (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
refuse_damaged (const char  *path,
                const char  *what,
                GError     **error)
{
  g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_STORE,
               "%s is damaged (%s); it was not opened, so nothing was changed: use a backup copy "
               "(Threshold keeps FILE.backup-vN beside a store it upgraded)", path, what);
  return FALSE;
}

/* Section: reading the pages with a count of them
 *
 * quick_check walks every b-tree in one step of SQLite's program, so a
 * progress handler is not called until that walk is over (SQLite 3.40),
 * and a large store (6.4 GB: 3–4 minutes) would show nothing.  So the
 * check runs on a connection of its own, whose file counts the pages read
 * through it: first every page in use, once, as the walk goes past it;
 * then the pages of the tables again, as it reads each row for its NOT
 * NULL columns (with a cache of a few pages, so every one is read).  The
 * count against that estimate is the check's progress. */

#define CHECK_VFS_NAME "threshold-check"
#define TABLE_INTERIOR 0x05
#define TABLE_LEAF 0x0d

typedef struct {
  ThrStoreCheckFunc  progress;
  gpointer           user_data;
  GCancellable      *cancellable;
  gint64             in_use;        /* pages the walk reads once */
  int                page_size;
  gint64             reads;         /* pages read so far */
  gint64             table_reads;   /* of them, pages of a table's b-tree, while walking */
  gboolean           walked;        /* the walk is over: the rows are being read */
  gint64             table_pages;   /* counted in the walk */
  int                shown;         /* the last per mille reported (0 at the start) */
} PageCount;

typedef struct {
  sqlite3_file   base;
  sqlite3_file  *real;    /* the default VFS's file, after this struct */
  PageCount     *count;   /* the store and its WAL, or NULL */
} CountingFile;

/* The check runs in the thread that opens the store, and the files of
 * its connection are opened there: they take its count from here. */
static _Thread_local PageCount *opening_count;

static sqlite3_vfs *
default_vfs (void)
{
  return sqlite3_vfs_find (NULL);
}

static double
fraction_read (PageCount *count)
{
  gint64 tables = count->walked ? count->table_pages
                                : count->table_reads * count->in_use / MAX (count->reads, 1);

  return MIN ((double) count->reads / (double) MAX (count->in_use + tables, 1), 1.0);
}

/* Whole per mille only, never backwards, never 100 % before it is done. */
static void
report (PageCount *count)
{
  int now = MIN ((int) (fraction_read (count) * 1000), 999);

  if (now <= count->shown || count->progress == NULL)
    return;
  count->shown = now;
  count->progress (now / 1000.0, count->user_data);
}

static gboolean
check_cancelled (PageCount *count)
{
  return count->cancellable != NULL && g_cancellable_is_cancelled (count->cancellable);
}

static void
count_page (PageCount   *count,
            const void  *data,
            int          amount,
            sqlite3_int64 offset)
{
  const guint8 *page = data;
  guint8 kind = page[offset == 0 ? 100 : 0];

  if (amount != count->page_size)
    return;
  count->reads++;
  if (!count->walked && (kind == TABLE_LEAF || kind == TABLE_INTERIOR))
    count->table_reads++;
  report (count);
}

static int
counting_read (sqlite3_file  *file,
               void          *data,
               int            amount,
               sqlite3_int64  offset)
{
  CountingFile *self = (CountingFile *) file;
  int rc;

  /* A cancelled opening ends the walk with a read error (checked below). */
  if (self->count != NULL && check_cancelled (self->count))
    return SQLITE_IOERR_READ;
  rc = self->real->pMethods->xRead (self->real, data, amount, offset);
  if (rc == SQLITE_OK && self->count != NULL)
    count_page (self->count, data, amount, offset);
  return rc;
}

static int
counting_close (sqlite3_file *file)
{
  CountingFile *self = (CountingFile *) file;

  return self->real->pMethods->xClose (self->real);
}

#define FORWARD(name, args, call) \
  static int counting_##name args { CountingFile *self = (CountingFile *) file; \
                                    return self->real->pMethods->x##call; }

FORWARD (write, (sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset),
         Write (self->real, data, amount, offset))
FORWARD (truncate, (sqlite3_file *file, sqlite3_int64 size), Truncate (self->real, size))
FORWARD (sync, (sqlite3_file *file, int flags), Sync (self->real, flags))
FORWARD (file_size, (sqlite3_file *file, sqlite3_int64 *size), FileSize (self->real, size))
FORWARD (lock, (sqlite3_file *file, int level), Lock (self->real, level))
FORWARD (unlock, (sqlite3_file *file, int level), Unlock (self->real, level))
FORWARD (check_reserved_lock, (sqlite3_file *file, int *out), CheckReservedLock (self->real, out))
FORWARD (file_control, (sqlite3_file *file, int op, void *arg), FileControl (self->real, op, arg))
FORWARD (sector_size, (sqlite3_file *file), SectorSize (self->real))
FORWARD (device_characteristics, (sqlite3_file *file), DeviceCharacteristics (self->real))
FORWARD (shm_map, (sqlite3_file *file, int region, int size, int extend, void volatile **out),
         ShmMap (self->real, region, size, extend, out))
FORWARD (shm_lock, (sqlite3_file *file, int offset, int n, int flags), ShmLock (self->real, offset, n, flags))
FORWARD (shm_unmap, (sqlite3_file *file, int delete_flag), ShmUnmap (self->real, delete_flag))

static void
counting_shm_barrier (sqlite3_file *file)
{
  CountingFile *self = (CountingFile *) file;

  self->real->pMethods->xShmBarrier (self->real);
}

/* Version 2: without xFetch, every page comes through xRead. */
static const sqlite3_io_methods counting_methods = {
  2, counting_close, counting_read, counting_write, counting_truncate, counting_sync,
  counting_file_size, counting_lock, counting_unlock, counting_check_reserved_lock,
  counting_file_control, counting_sector_size, counting_device_characteristics,
  counting_shm_map, counting_shm_lock, counting_shm_barrier, counting_shm_unmap,
  NULL, NULL,
};

static int
counting_open (sqlite3_vfs  *vfs,
               const char   *name,
               sqlite3_file *file,
               int           flags,
               int          *out_flags)
{
  CountingFile *self = (CountingFile *) file;
  sqlite3_vfs *real = default_vfs ();
  int rc;

  self->real = (sqlite3_file *) (self + 1);
  self->count = (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL)) != 0 ? opening_count : NULL;
  rc = real->xOpen (real, name, self->real, flags, out_flags);
  self->base.pMethods = self->real->pMethods != NULL ? &counting_methods : NULL;
  return rc;
}

static int
counting_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return default_vfs ()->xDelete (default_vfs (), name, sync_dir);
}

static int
counting_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return default_vfs ()->xAccess (default_vfs (), name, flags, out);
}

static int
counting_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return default_vfs ()->xFullPathname (default_vfs (), name, n, out);
}

static int
counting_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return default_vfs ()->xRandomness (default_vfs (), n, out);
}

static int
counting_sleep (sqlite3_vfs *vfs, int microseconds)
{
  return default_vfs ()->xSleep (default_vfs (), microseconds);
}

static int
counting_current_time (sqlite3_vfs *vfs, double *out)
{
  return default_vfs ()->xCurrentTime (default_vfs (), out);
}

static int
counting_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  return default_vfs ()->xGetLastError (default_vfs (), n, out);
}

static int
counting_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return default_vfs ()->xCurrentTimeInt64 (default_vfs (), out);
}

static const char *
counting_vfs_name (void)
{
  static sqlite3_vfs vfs;
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      sqlite3_vfs *real = default_vfs ();

      vfs.iVersion = 2;
      vfs.szOsFile = (int) sizeof (CountingFile) + real->szOsFile;
      vfs.mxPathname = real->mxPathname;
      vfs.zName = CHECK_VFS_NAME;
      vfs.xOpen = counting_open;
      vfs.xDelete = counting_delete;
      vfs.xAccess = counting_access;
      vfs.xFullPathname = counting_full_pathname;
      vfs.xRandomness = counting_randomness;
      vfs.xSleep = counting_sleep;
      vfs.xCurrentTime = counting_current_time;
      vfs.xGetLastError = counting_last_error;
      vfs.xCurrentTimeInt64 = counting_current_time_int64;
      sqlite3_vfs_register (&vfs, 0);
      g_once_init_leave (&registered, 1);
    }
  return CHECK_VFS_NAME;
}

/* The walk is over once the rows are read (the first step after it):
 * from then on the tables' pages are known. */
static int
rows_progress_cb (void *data)
{
  PageCount *count = data;

  if (!count->walked)
    {
      count->walked = TRUE;
      count->table_pages = count->table_reads;
    }
  report (count);
  return check_cancelled (count);
}

/* A connection of the check's own to the store, whose files count. */
static sqlite3 *
open_counting (const char  *path,
               char       **message)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, counting_vfs_name ());
  if (rc != SQLITE_OK)
    {
      *message = g_strdup (db != NULL ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }
  /* The same distrust of the file as the store's own connection. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_busy_timeout (db, THR_DB_BUSY_TIMEOUT_MS);
  sqlite3_exec (db, "PRAGMA cache_size = 16; PRAGMA mmap_size = 0", NULL, NULL, NULL);
  return db;
}

/* Section: the check */

/* The first line quick_check(1) returns: "ok", or what is wrong. */
static char *
quick_check (const char  *path,
             PageCount   *count)
{
  g_autofree char *message = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *first = NULL;
  const char *prefix = "*** in database main ***\n";

  /* The WAL is opened at the first read, not with the connection. */
  opening_count = count;
  db = open_counting (path, &message);
  if (db == NULL)
    {
      opening_count = NULL;
      return g_steal_pointer (&message);
    }
  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      /* Reading the schema to prepare it is not part of the walk. */
      count->reads = count->table_reads = 0;
      sqlite3_progress_handler (db, 1000, rows_progress_cb, count);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        first = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  if (first == NULL)
    first = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  opening_count = NULL;
  if (first != NULL && g_str_has_prefix (first, prefix))
    memmove (first, first + strlen (prefix), strlen (first) - strlen (prefix) + 1);
  return first;
}

/* The free page count in the header must fit the file; quick_check then
 * walks every b-tree and the free list (it skips only the comparison of
 * each index with its table, which is what makes it quick). */
static gboolean
check_pages (sqlite3           *db,
             const char        *path,
             ThrStoreCheckFunc  progress,
             gpointer           user_data,
             GCancellable      *cancellable,
             GError           **error)
{
  gint64 pages = pragma_int (db, "PRAGMA page_count");
  gint64 free_pages = pragma_int (db, "PRAGMA freelist_count");
  PageCount count = { progress, user_data, cancellable, pages - free_pages,
                      (int) pragma_int (db, "PRAGMA page_size"), 0, 0, FALSE, 0, 0 };
  g_autofree char *first = NULL;

  if (pages < 0 || free_pages < 0 || free_pages >= MAX (pages, 1))
    {
      g_autofree char *what = g_strdup_printf ("its header counts %" G_GINT64_FORMAT " free pages of %"
                                               G_GINT64_FORMAT, free_pages, pages);
      return refuse_damaged (path, what, error);
    }
  if (progress != NULL)
    progress (0.0, user_data);
  first = quick_check (path, &count);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (g_strcmp0 (first, "ok") != 0)
    return refuse_damaged (path, first ? first : "unreadable", error);
  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;
}

/* Section: the record of stores this user's Threshold left as they were */

/* Stores remembered; one more checks its pages again, nothing worse. */
#define MAX_REMEMBERED 64

static char *
stamp_file (void)
{
  return g_build_filename (g_get_user_cache_dir (), "threshold", "checked-stores.ini", NULL);
}

static char *
stamp_of (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
                          ".%09ld", (guint64) st.st_dev, (guint64) st.st_ino, (gint64) st.st_size,
                          (gint64) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec);
}

static char *
stamp_key (const char *path)
{
  g_autofree char *real = realpath (path, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, real ? real : path, -1);
}

static gboolean
stamp_matches (const char *path)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *file = stamp_file ();
  g_autofree char *key = stamp_key (path);
  g_autofree char *now = stamp_of (path);
  g_autofree char *kept = NULL;

  if (now == NULL || !g_key_file_load_from_file (keys, file, G_KEY_FILE_NONE, NULL))
    return FALSE;
  kept = g_key_file_get_string (keys, "stores", key, NULL);
  return g_strcmp0 (kept, now) == 0;
}

/* Keys are kept in the order they were last written: the oldest go first. */
static void
forget_oldest (GKeyFile *keys)
{
  gsize n = 0;
  g_auto(GStrv) names = g_key_file_get_keys (keys, "stores", &n, NULL);

  for (gsize i = 0; names != NULL && n >= MAX_REMEMBERED && i <= n - MAX_REMEMBERED; i++)
    g_key_file_remove_key (keys, "stores", names[i], NULL);
}

/* Held while the record is read and written again; -1 if it cannot be
 * had, and the record is then written without it (it is only a cache). */
static int
lock_record (const char *file)
{
  g_autofree char *path = g_strconcat (file, ".lock", NULL);
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    return -1;
  while (flock (fd, LOCK_EX) != 0)
    if (errno != EINTR)
      {
        close (fd);
        return -1;
      }
  return fd;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Only a cache: a lost write means one more check, never a skipped one.
 * So the record is replaced whole (a new file renamed over it: a reader
 * never sees half of one) but not synced to the disk, as
 * g_file_set_contents would: its two fsyncs cost 9–25 ms of every CLI
 * spawn at a load of 15 (strace, session 19).  A crash can only leave the
 * record as it was before, or empty; either only fails to match. */
static void
replace_record (const char *file,
                const char *data,
                gsize       len)
{
  g_autofree char *part = g_strconcat (file, ".XXXXXX", NULL);
  int fd = g_mkstemp_full (part, O_RDWR | O_CLOEXEC, 0600);
  gboolean written;

  if (fd < 0)
    return;
  written = write_all (fd, data, len);
  if (close (fd) != 0 || !written || g_rename (part, file) != 0)
    g_unlink (part);
}

void
_thr_store_remember_checked (const char *path)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *file = stamp_file ();
  g_autofree char *dir = g_path_get_dirname (file);
  g_autofree char *key = stamp_key (path);
  g_autofree char *now = stamp_of (path);
  g_autofree char *data = NULL;
  gsize len;
  int lock;

  if (now == NULL || g_mkdir_with_parents (dir, 0700) != 0)
    return;
  /* The window and the CLI may remember stores at the same moment: each
   * reads, adds its own and writes, and without the lock the second write
   * would drop the first one's store, whose next opening would read every
   * page again (minutes for a large store). */
  lock = lock_record (file);
  g_key_file_load_from_file (keys, file, G_KEY_FILE_NONE, NULL);
  g_key_file_remove_key (keys, "stores", key, NULL);
  forget_oldest (keys);
  g_key_file_set_string (keys, "stores", key, now);
  data = g_key_file_to_data (keys, &len, NULL);
  replace_record (file, data, len);
  if (lock >= 0)
    close (lock);   /* and with it the lock */
}

gboolean
_thr_store_check_pages (sqlite3           *db,
                        const char        *path,
                        ThrStoreCheckFunc  progress,
                        gpointer           user_data,
                        GCancellable      *cancellable,
                        GError           **error)
{
  if (stamp_matches (path))
    return TRUE;
  return check_pages (db, path, progress, user_data, cancellable, error);
}
