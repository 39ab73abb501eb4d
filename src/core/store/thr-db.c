/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-db.c — the store's connection: the SQLite backend of the seam */
#define G_LOG_DOMAIN "thr-store"

#include "thr-db-pg-private.h"

G_DEFINE_FINAL_TYPE (ThrDb, thr_db, G_TYPE_OBJECT)

/* ---- private helpers ---- */

static void
stmt_free (gpointer data)
{
  ThrDbStmt *stmt = data;

  if (stmt->sqlite != NULL)
    sqlite3_finalize (stmt->sqlite);
  else
    _thr_db_pg_free_stmt (stmt);
  g_free (stmt);
}

/* How long a writer waits for another to finish before giving up:
 * THR_DB_BUSY_TIMEOUT_MS, unless THRESHOLD_BUSY_TIMEOUT_MS (milliseconds,
 * 1 to 60000) says otherwise.  Only the tests set it, so that a test of
 * what a busy store says need not wait out five seconds for each refusal
 * (test-window-roles waited 15 s of its 35 s for three). */
static guint
busy_timeout_ms (void)
{
  static gsize once = 0;
  static guint timeout_ms = THR_DB_BUSY_TIMEOUT_MS;

  if (g_once_init_enter (&once))
    {
      const char *set = g_getenv ("THRESHOLD_BUSY_TIMEOUT_MS");
      guint64 ms;

      if (set != NULL && g_ascii_string_to_unsigned (set, 10, 1, 60000, &ms, NULL))
        timeout_ms = (guint) ms;
      g_once_init_leave (&once, 1);
    }
  return timeout_ms;
}

/* The codes of a folder where SQLite cannot work: a lock refused (a FUSE
 * folder such as the document portal answers ENOSYS), shared memory that
 * cannot be mapped, or a journal that cannot be created. */
static gboolean
is_folder_error (int code)
{
  switch (code)
    {
    case SQLITE_IOERR_LOCK:
    case SQLITE_IOERR_RDLOCK:
    case SQLITE_IOERR_UNLOCK:
    case SQLITE_IOERR_CHECKRESERVEDLOCK:
    case SQLITE_IOERR_SHMOPEN:
    case SQLITE_IOERR_SHMSIZE:
    case SQLITE_IOERR_SHMLOCK:
    case SQLITE_IOERR_SHMMAP:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_READONLY_CANTINIT:
    case SQLITE_READONLY_CANTLOCK:
    case SQLITE_READONLY_DIRECTORY:
    case SQLITE_PROTOCOL:
      return TRUE;
    default:
      return FALSE;
    }
}

/* ---- class and instance ---- */

static void
thr_db_finalize (GObject *object)
{
  ThrDb *self = THR_DB (object);

  /* Statements first: SQLite refuses to close a connection that still
   * has some. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->sqlite, sqlite3_close);
  _thr_db_pg_close (self);
  g_clear_pointer (&self->path, g_free);
  G_OBJECT_CLASS (thr_db_parent_class)->finalize (object);
}

static void
thr_db_class_init (ThrDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = thr_db_finalize;
  /* SQLite counts every allocation under a global mutex for
   * sqlite3_memory_used(), which nothing here reads; an import makes
   * several allocations a row.  Only possible before SQLite is first
   * used; if something else in the process used it already, this fails
   * harmlessly and the counting stays. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
}

static void
thr_db_init (ThrDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_free);
}

/* ---- public API ---- */

ThrDb *
thr_db_open_sqlite (const char  *path,
                    GError     **error)
{
  g_autoptr(ThrDb) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (THR_TYPE_DB, NULL);
  self->path = g_strdup (path);
  /* NOMUTEX: a store, like its kept statements, is used by one thread at
   * a time (the app's threads open stores of their own), so SQLite need
   * not lock the connection on every bind and step. */
  if (sqlite3_open_v2 (path, &self->sqlite, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      thr_db_set_error (self, error);
      return NULL;
    }
  sqlite3_busy_timeout (self->sqlite, (int) busy_timeout_ms ());
  sqlite3_extended_result_codes (self->sqlite, 1);
  return g_steal_pointer (&self);
}

ThrDb *
thr_db_open_postgresql (const char  *address,
                        GError     **error)
{
  g_autoptr(ThrDb) self = NULL;

  g_return_val_if_fail (address != NULL, NULL);

  self = g_object_new (THR_TYPE_DB, NULL);
  if (!_thr_db_pg_connect (self, address, error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
thr_db_is_postgresql (ThrDb *self)
{
  g_return_val_if_fail (THR_IS_DB (self), FALSE);
  return self->pg != NULL;
}

const char *
thr_db_get_path (ThrDb *self)
{
  g_return_val_if_fail (THR_IS_DB (self), NULL);
  return self->path;
}

sqlite3 *
thr_db_get_sqlite (ThrDb *self)
{
  g_return_val_if_fail (THR_IS_DB (self), NULL);
  return self->sqlite;
}

gboolean
thr_db_set_person (ThrDb       *self,
                   const char  *name,
                   GError     **error)
{
  g_return_val_if_fail (THR_IS_DB (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->pg == NULL)
    return TRUE;
  return _thr_db_pg_set_person (self, name, error);
}

gboolean
thr_db_last_error_refused (ThrDb *self)
{
  const char *state = self->pg_sqlstate;

  /* Classes 22 (data exception), 23 (integrity) and 42 (syntax, names),
   * the role's rights (42501) aside: a busy, full, read-only or lost
   * server says so in other classes. */
  if (self->pg == NULL || g_str_equal (state, "42501"))
    return FALSE;
  return g_str_has_prefix (state, "22") || g_str_has_prefix (state, "23") || g_str_has_prefix (state, "42");
}

const char *
thr_db_last_error_words (ThrDb *self)
{
  return self->pg != NULL ? self->pg_error : NULL;
}

gboolean
thr_db_set_error (ThrDb   *self,
                  GError **error)
{
  int code;

  if (self->sqlite == NULL)
    return _thr_db_pg_set_error (self, error);
  code = sqlite3_extended_errcode (self->sqlite);
  if ((code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT)
    {
      /* SQLite's own words ("file is not a database") do not tell a user
       * what to do; say which file and that it is not, or no longer, a store. */
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_STORE,
                   "%s is not a Threshold store, or it is damaged (%s)",
                   self->path, sqlite3_errmsg (self->sqlite));
      return FALSE;
    }
  if (is_folder_error (code))
    {
      /* SQLite says "disk I/O error" or "unable to open database file";
       * the user needs to know it is the folder, not the store. */
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_FOLDER,
                   "%s: SQLite cannot lock this store or keep its journal beside it in this folder (%s), "
                   "as in a sandbox's document portal, a network share or a read-only folder; nothing was "
                   "written. Open it with Open a Store…, which copies it into Threshold's own folder, "
                   "or copy it to a local folder", self->path, sqlite3_errmsg (self->sqlite));
      return FALSE;
    }
  g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_SQLITE, "%s: %s", self->path, sqlite3_errmsg (self->sqlite));
  return FALSE;
}

gboolean
thr_db_exec (ThrDb       *self,
             const char  *sql,
             GError     **error)
{
  g_return_val_if_fail (THR_IS_DB (self), FALSE);

  if (self->sqlite == NULL)
    return _thr_db_pg_exec (self, sql, error);
  if (sqlite3_exec (self->sqlite, sql, NULL, NULL, NULL) != SQLITE_OK)
    return thr_db_set_error (self, error);
  return TRUE;
}

static ThrDbStmt *
prepare_pg (ThrDb       *self,
            const char  *sql,
            gboolean     streamed,
            gboolean     bulk,
            GError     **error)
{
  ThrDbStmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      _thr_db_pg_reset (stmt);
      _thr_db_pg_clear_bindings (stmt);
      return stmt;
    }
  stmt = g_new0 (ThrDbStmt, 1);
  stmt->db = self;
  if (!_thr_db_pg_init_stmt (self, stmt, sql, streamed, bulk, error))
    {
      _thr_db_pg_free_stmt (stmt);
      g_free (stmt);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

ThrDbStmt *
thr_db_prepare_streamed (ThrDb       *self,
                         const char  *sql,
                         GError     **error)
{
  g_return_val_if_fail (THR_IS_DB (self), NULL);

  if (self->pg != NULL)
    return prepare_pg (self, sql, TRUE, FALSE, error);
  return thr_db_prepare (self, sql, error);
}

ThrDbStmt *
thr_db_prepare_bulk (ThrDb       *self,
                     const char  *sql,
                     GError     **error)
{
  g_return_val_if_fail (THR_IS_DB (self), NULL);

  if (self->pg != NULL)
    return prepare_pg (self, sql, FALSE, TRUE, error);
  return thr_db_prepare (self, sql, error);
}

ThrDbStmt *
thr_db_prepare (ThrDb       *self,
                const char  *sql,
                GError     **error)
{
  ThrDbStmt *stmt;
  sqlite3_stmt *prepared;

  g_return_val_if_fail (THR_IS_DB (self), NULL);

  if (self->pg != NULL)
    return prepare_pg (self, sql, FALSE, FALSE, error);
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt->sqlite);
      sqlite3_clear_bindings (stmt->sqlite);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->sqlite, sql, -1, SQLITE_PREPARE_PERSISTENT, &prepared, NULL) != SQLITE_OK)
    {
      thr_db_set_error (self, error);
      return NULL;
    }
  stmt = g_new0 (ThrDbStmt, 1);
  stmt->db = self;
  stmt->sqlite = prepared;
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
thr_db_stmt_step_done (ThrDbStmt  *stmt,
                       GError    **error)
{
  ThrDbStep step = thr_db_stmt_step (stmt, error);

  thr_db_stmt_reset (stmt);
  return step != THR_DB_ERROR;
}

gboolean
thr_db_begin (ThrDb   *self,
              GError **error)
{
  g_return_val_if_fail (THR_IS_DB (self), FALSE);

  if (self->pg != NULL)
    return _thr_db_pg_begin (self, busy_timeout_ms (), error);
  /* IMMEDIATE takes the write lock now, so a second writer waits for the
   * busy timeout or fails here rather than half-way through an import. */
  if (sqlite3_exec (self->sqlite, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  if ((sqlite3_extended_errcode (self->sqlite) & 0xff) == SQLITE_BUSY)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_BUSY,
                   "%s is busy: another program (an import, or Threshold itself) kept writing to it "
                   "for %d seconds; nothing was written, try again when it has finished",
                   self->path, (int) (busy_timeout_ms () + 999) / 1000);
      return FALSE;
    }
  return thr_db_set_error (self, error);
}

gboolean
thr_db_try_begin (ThrDb   *self,
                  guint    wait_ms,
                  GError **error)
{
  int rc;

  g_return_val_if_fail (THR_IS_DB (self), FALSE);

  if (self->pg != NULL)
    return _thr_db_pg_begin (self, wait_ms, error);
  sqlite3_busy_timeout (self->sqlite, (int) wait_ms);
  rc = sqlite3_exec (self->sqlite, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  sqlite3_busy_timeout (self->sqlite, (int) busy_timeout_ms ());
  if (rc != SQLITE_OK)
    return thr_db_set_error (self, error);
  return TRUE;
}

gboolean
thr_db_commit (ThrDb   *self,
               GError **error)
{
  g_return_val_if_fail (THR_IS_DB (self), FALSE);

  if (self->pg != NULL)
    return _thr_db_pg_commit (self, error);
  return thr_db_exec (self, "COMMIT", error);
}

void
thr_db_rollback (ThrDb *self)
{
  g_return_if_fail (THR_IS_DB (self));

  if (self->pg != NULL)
    _thr_db_pg_rollback (self);
  else if (!sqlite3_get_autocommit (self->sqlite))
    sqlite3_exec (self->sqlite, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
thr_db_in_transaction (ThrDb *self)
{
  g_return_val_if_fail (THR_IS_DB (self), FALSE);

  if (self->pg != NULL)
    return self->pg_in_transaction;
  return !sqlite3_get_autocommit (self->sqlite);
}

gint64
thr_db_last_insert_id (ThrDb *self)
{
  g_return_val_if_fail (THR_IS_DB (self), 0);

  if (self->pg != NULL)
    return self->last_insert_id;
  return sqlite3_last_insert_rowid (self->sqlite);
}

void
thr_db_set_cache_size (ThrDb *self,
                       guint  kib)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (THR_IS_DB (self));

  if (self->sqlite == NULL)
    return;
  sql = g_strdup_printf ("PRAGMA cache_size = -%u", kib);
  thr_db_exec (self, sql, NULL);
}

gint64
thr_db_get_data_version (ThrDb *self)
{
  ThrDbStmt *stmt;
  gint64 version = -1;

  g_return_val_if_fail (THR_IS_DB (self), -1);

  if (self->sqlite == NULL)
    return _thr_db_pg_get_data_version (self);
  stmt = thr_db_prepare (self, "PRAGMA data_version", NULL);
  if (stmt != NULL && thr_db_stmt_step (stmt, NULL) == THR_DB_ROW)
    version = thr_db_stmt_column_int64 (stmt, 0);
  if (stmt != NULL)
    thr_db_stmt_reset (stmt);
  return version;
}

guint
thr_db_add_watch (ThrDb        *self,
                  GSourceFunc   func,
                  gpointer      data,
                  GError      **error)
{
  g_return_val_if_fail (THR_IS_DB (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  if (self->pg == NULL)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_TEAM_STORE,
                   "%s: a store file is watched through its file, not by notices", self->path);
      return 0;
    }
  return _thr_db_pg_add_watch (self, func, data, error);
}

gint64
thr_db_changes (ThrDb *self)
{
  g_return_val_if_fail (THR_IS_DB (self), 0);

  if (self->pg != NULL)
    return self->changes;
  return sqlite3_changes64 (self->sqlite);
}
