/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store.c — one SQLite file holding contracts, imports and records */
#define G_LOG_DOMAIN "thr-store"

#include <errno.h>

#include <glib/gstdio.h>

#include "thr-store.h"
#include "thr-db-private.h"
#include "thr-store-check-private.h"
#include "thr-store-private.h"
#include "thr-store-rights-private.h"
#include "thr-store-schema.h"
#include "thr-store-scan.h"
#include "thr-store-sql-private.h"
#include "thr-period.h"
#include "thr-person.h"
#include "thr-team-schema.h"

struct _ThrStore
{
  GObject              parent_instance;
  char                *path;
  ThrDb               *db;
  const char * const  *migrations;   /* thr_store_migrations, except in tests */
  guint                n_migrations;
  gboolean             checked;      /* opened: schema and pages checked, or made here */
  ThrStoreRights       rights;       /* every right on a file; the server's roles on a team store */
};

/* The connection's settings (see configure_connection). */
/* SQLite's header has a field for the program whose file it is
 * (application_id, offset 68): "THRS".  The store's MIME type
 * (data/io.github.thresholdapp.Threshold.mime.xml.in) recognises a store by
 * it, whatever its file is called. */
#define APPLICATION_ID_PRAGMA "PRAGMA application_id = 1414025811"

#define CONNECTION_PRAGMAS \
  "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;"


G_DEFINE_FINAL_TYPE (ThrStore, thr_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (thr-store-error-quark, thr_store_error)

G_STATIC_ASSERT (G_N_ELEMENTS (thr_store_migrations) == THR_STORE_SCHEMA_VERSION);

void
thr_store_contract_free (ThrStoreContract *contract)
{
  if (contract == NULL)
    return;
  g_free (contract->template_id);
  g_free (contract->name);
  g_free (contract->created_at);
  g_free (contract);
}

static void
thr_store_finalize (GObject *object)
{
  ThrStore *self = THR_STORE (object);

  g_clear_object (&self->db);
  /* Closed, so the last checkpoint is in the file: what it is now is what
   * this Threshold left, and need not have its pages read next time. */
  if (self->checked)
    _thr_store_remember_checked (self->path);
  g_clear_pointer (&self->path, g_free);
  G_OBJECT_CLASS (thr_store_parent_class)->finalize (object);
}

static void
thr_store_class_init (ThrStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = thr_store_finalize;
}

static void
thr_store_init (ThrStore *self)
{
  self->rights = THR_STORE_RIGHTS_ALL;
}

gboolean
thr_store_set_error (ThrStore  *self,
                     GError   **error)
{
  return thr_db_set_error (self->db, error);
}

gboolean
thr_store_exec (ThrStore    *self,
                const char  *sql,
                GError     **error)
{
  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  return thr_db_exec (self->db, sql, error);
}

sqlite3_stmt *
thr_store_prepare (ThrStore    *self,
                   const char  *sql,
                   GError     **error)
{
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  stmt = thr_db_prepare (self->db, sql, error);
  return stmt != NULL ? stmt->sqlite : NULL;
}

gboolean
thr_store_step_done (ThrStore      *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return thr_store_set_error (self, error);
  return TRUE;
}

gboolean
thr_store_begin (ThrStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  return thr_db_begin (self->db, error);
}

gboolean
thr_store_commit (ThrStore  *self,
                  GError   **error)
{
  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  return thr_db_commit (self->db, error);
}

void
thr_store_rollback (ThrStore *self)
{
  g_return_if_fail (THR_IS_STORE (self));
  thr_db_rollback (self->db);
}

static int
read_user_version (ThrStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (thr_store_get_db (self), "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
check_not_newer (ThrStore  *self,
                 int        version,
                 GError   **error)
{
  if (version < 0)
    return thr_store_set_error (self, error);
  if ((guint) version > self->n_migrations)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NEWER,
                   "%s was written by a newer version of Threshold (store schema %d; this version "
                   "knows up to %u); it was not opened, so nothing was changed: update Threshold to open it",
                   self->path, version, self->n_migrations);
      return FALSE;
    }
  return TRUE;
}

/* Version 0 is a new, empty file.  An SQLite database that already holds
 * tables but no version is someone else's: creating ours beside them would
 * change a file the user never meant to give us. */
static gboolean
check_empty (ThrStore  *self,
             GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  if (sqlite3_prepare_v2 (thr_store_get_db (self), "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (n < 0)
    return thr_store_set_error (self, error);
  if (n > 0)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_STORE,
                   "%s is an SQLite database but not a Threshold store; nothing was changed", self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
backup_before_migrating (ThrStore  *self,
                         int        version,
                         GError   **error)
{
  g_autofree char *dest = g_strdup_printf ("%s.backup-v%d", self->path, version);
  g_autoptr(GError) local = NULL;

  if (thr_store_backup (self, dest, &local))
    return TRUE;
  g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_SQLITE,
               "%s was not upgraded, because its backup copy could not be made: %s",
               self->path, local->message);
  return FALSE;
}

/* Runs with the write lock held, so exactly the store that is backed up is
 * the one upgraded, and two processes opening an old store at once cannot
 * both run the same step. */
static gboolean
migrate_locked (ThrStore  *self,
                GError   **error)
{
  int version = read_user_version (self);

  if (!check_not_newer (self, version, error))
    return FALSE;
  if (version == 0 && !check_empty (self, error))
    return FALSE;
  if (version > 0 && (guint) version < self->n_migrations
      && !backup_before_migrating (self, version, error))
    return FALSE;

  for (; (guint) version < self->n_migrations; version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!thr_store_exec (self, self->migrations[version], error)
          || !thr_store_exec (self, set_version, error))
        {
          g_prefix_error (error, "upgrading the store from schema %d failed, so it was left as it was: ",
                          version);
          return FALSE;
        }
    }
  /* A new or upgraded store says whose file it is; one already at the
   * current schema is not written to only for that. */
  return thr_store_exec (self, APPLICATION_ID_PRAGMA, error);
}

/* Every step runs in one transaction: a failed upgrade leaves the store
 * at the version it had, never between two versions. */
static gboolean
migrate (ThrStore  *self,
         GError   **error)
{
  int version = read_user_version (self);

  if (!check_not_newer (self, version, error))
    return FALSE;
  if ((guint) version == self->n_migrations)
    return TRUE;

  /* A step may rebuild a table and its indexes.  CREATE INDEX sorts
   * through temporary files, which temp_store = MEMORY would keep in RAM
   * (half a gigabyte for three months of records), and its sorter may use
   * as much as the page cache: so the upgrade runs with temporary files
   * and a small cache, and the connection's settings come back after. */
  if (!thr_store_exec (self, "PRAGMA temp_store = FILE; PRAGMA cache_size = -16384;", error))
    return FALSE;
  if (!thr_store_begin (self, error))
    return FALSE;
  if (!migrate_locked (self, error) || !thr_store_commit (self, error))
    {
      thr_store_rollback (self);
      return FALSE;
    }
  return thr_store_exec (self, CONNECTION_PRAGMAS, error);
}

/* Settings of this connection only: nothing here writes to the file, so
 * they are safe before we know the file is ours. */
static gboolean
configure_connection (ThrStore  *self,
                      GError   **error)
{
  sqlite3 *sqlite = thr_store_get_db (self);

  /* Stores travel (an auditor receives one by mail), so the schema inside
   * is not trusted: views and triggers in it may not call functions with
   * side effects, and nothing may corrupt the file on purpose through
   * writable_schema or the like.  Threshold itself uses neither. */
  sqlite3_db_config (sqlite, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (sqlite, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  return thr_store_exec (self, CONNECTION_PRAGMAS, error);
}

/* Switching to WAL rewrites the file header, so it waits until the file
 * is known to be a store (or a new, empty one).  A store's schema must be
 * exactly the one this version creates at its version, before any step
 * of an upgrade runs over it (thr-store-check.c). */
static gboolean
check_ours (ThrStore           *self,
            ThrStoreCheckFunc   progress,
            gpointer            user_data,
            GCancellable       *cancellable,
            GError            **error)
{
  int version = read_user_version (self);
  /* The build wrote down the schema of this file's own steps (the
   * address is this file's copy of them); a test's steps have none. */
  gboolean built_in = self->migrations == thr_store_migrations;

  if (!check_not_newer (self, version, error))
    return FALSE;
  if (version == 0)
    return check_empty (self, error);
  if (!_thr_store_check_schema (thr_store_get_db (self), self->path, self->migrations, (guint) version,
                                built_in, error)
      || !_thr_store_check_pages (thr_store_get_db (self), self->path, progress, user_data, cancellable, error))
    return FALSE;
  return TRUE;
}

gboolean
thr_store_is_team_address (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return g_ascii_strncasecmp (path, "postgresql://", 13) == 0 ||
         g_ascii_strncasecmp (path, "postgres://", 11) == 0;
}

/* ---- a team store on PostgreSQL ---- */

/* The version a team store records (its schema_version table), 0 when
 * the database has no store yet, -1 when it holds tables of something
 * else; sets @error when it cannot be read. */
static int
read_team_version (ThrStore  *self,
                   GError   **error)
{
  ThrDbStmt *stmt;
  gboolean has_version;
  gint64 n_tables;
  int version;

  stmt = thr_db_prepare (self->db, "SELECT to_regclass('schema_version') IS NOT NULL, "
                         "(SELECT count(*) FROM pg_tables WHERE schemaname = current_schema())", error);
  if (stmt == NULL || thr_db_stmt_step (stmt, error) != THR_DB_ROW)
    return -2;
  has_version = thr_db_stmt_column_int (stmt, 0) != 0;
  n_tables = thr_db_stmt_column_int64 (stmt, 1);
  thr_db_stmt_reset (stmt);
  if (!has_version)
    return n_tables == 0 ? 0 : -1;

  stmt = thr_db_prepare (self->db, "SELECT max(version) FROM schema_version", error);
  if (stmt == NULL || thr_db_stmt_step (stmt, error) != THR_DB_ROW)
    return -2;
  version = thr_db_stmt_column_is_null (stmt, 0) ? -1 : thr_db_stmt_column_int (stmt, 0);
  thr_db_stmt_reset (stmt);
  return version;
}

/* 11 → 12 gave SQLite's CAPs the row_version a team store's had from the
 * start: nothing to change on the server but the number.  12 → 13 adds
 * the index of tasks by the day they were completed (team/schema.sql).
 * Both are done by whoever may (the owner: an administrator's first open),
 * in one statement list, which the server runs as one transaction; a user
 * whose role may not create an index or change the number opens the store
 * all the same: its tables are the same, only a scan by completion day is
 * slower until the owner opens it. */
static void
upgrade_team_schema (ThrStore *self)
{
  g_autoptr(GError) local = NULL;

  if (!thr_db_exec (self->db,
                    "CREATE INDEX IF NOT EXISTS tasks_by_completed ON tasks (contract_id, type, completed_day) "
                    "WHERE completed_day IS NOT NULL; "
                    "UPDATE schema_version SET version = 13",
                    &local))
    g_debug ("%s stays at its schema until its owner opens it: %s", self->path, local->message);
}

/* A new database gets the team schema (team/schema.sql, which runs in
 * one transaction of its own); a database of something else, or of a
 * newer Threshold, is refused without a change. */
static gboolean
prepare_team_schema (ThrStore  *self,
                     GError   **error)
{
  int version = read_team_version (self, error);

  if (version == -2)
    return FALSE;
  if (version == -1)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_STORE,
                   "%s holds tables but not a Threshold store; nothing was changed", self->path);
      return FALSE;
    }
  if (version == 0)
    {
      if (!thr_db_exec (self->db, thr_team_schema_sql, error))
        {
          g_prefix_error (error, "making the team store's tables failed, so nothing was made: ");
          return FALSE;
        }
      return TRUE;
    }
  if (version > THR_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NEWER,
                   "%s was written by a newer version of Threshold (store schema %d; this version "
                   "knows up to %d); nothing was changed: update Threshold to open it",
                   self->path, version, THR_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (version == 11 || version == 12)
    {
      upgrade_team_schema (self);
      return TRUE;
    }
  if (version < THR_STORE_SCHEMA_VERSION)
    {
      /* Team stores began at schema 11: no older one exists. */
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_STORE,
                   "%s: a team store of schema %d, which no Threshold made; nothing was changed",
                   self->path, version);
      return FALSE;
    }
  return TRUE;
}

static ThrStore *
open_team_store (const char  *address,
                 GError     **error)
{
  g_autoptr(ThrStore) self = g_object_new (THR_TYPE_STORE, NULL);

  self->migrations = thr_store_migrations;
  self->n_migrations = G_N_ELEMENTS (thr_store_migrations);
  self->db = thr_db_open_postgresql (address, error);
  if (self->db == NULL)
    return NULL;
  /* Shown in messages and titles: the address without its password. */
  self->path = g_strdup (thr_db_get_path (self->db));
  /* Every row this connection changes names the person as well as the
   * database role: the same name the CAP's audit trail writes. */
  if (!thr_db_set_person (self->db, thr_person_get_name (), error)
      || !prepare_team_schema (self, error)
      || !_thr_store_query_rights (self, &self->rights, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* ---- opening ---- */

static ThrStore *
open_file (const char          *path,
           const char * const  *migrations,
           guint                n_migrations,
           ThrStoreCheckFunc    progress,
           gpointer             user_data,
           GCancellable        *cancellable,
           GError             **error)
{
  g_autoptr(ThrStore) self = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  /* Never taken as a file name: "postgresql://host/db" would quietly
   * become a new SQLite store in a folder named "postgresql:". */
  if (thr_store_is_team_address (path))
    return open_team_store (path, error);

  self = g_object_new (THR_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->migrations = migrations;
  self->n_migrations = n_migrations;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: cannot create the folder: %s", dir, g_strerror (saved));
      return NULL;
    }

  self->db = thr_db_open_sqlite (path, error);
  if (self->db == NULL)
    return NULL;
  /* A store cut short (a failed copy, a full disk) needs no check of our
   * own: SQLite refuses a file shorter than its header says, as corrupt. */
  if (!configure_connection (self, error)
      || !check_ours (self, progress, user_data, cancellable, error)
      || !thr_store_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", error)
      || !migrate (self, error))
    return NULL;

  self->checked = TRUE;
  return g_steal_pointer (&self);
}

ThrStore *
thr_store_open_with_migrations (const char          *path,
                                const char * const  *migrations,
                                guint                n_migrations,
                                GError             **error)
{
  return open_file (path, migrations, n_migrations, NULL, NULL, NULL, error);
}

ThrStore *
thr_store_open (const char  *path,
                GError     **error)
{
  return thr_store_open_checking (path, NULL, NULL, NULL, error);
}

ThrStore *
thr_store_open_checking (const char         *path,
                         ThrStoreCheckFunc   progress,
                         gpointer            user_data,
                         GCancellable       *cancellable,
                         GError            **error)
{
  return open_file (path, thr_store_migrations, G_N_ELEMENTS (thr_store_migrations),
                    progress, user_data, cancellable, error);
}

/* The online backup API copies a consistent snapshot.  It reads through a
 * connection of its own: the backup API refuses a source connection that
 * holds a write transaction, and the upgrade holds one so that the copy is
 * exactly the store it upgrades (WAL lets a reader in beside the writer).
 * The copy is written beside the target and renamed over it, so a crash
 * never leaves a half-written file under that name. */
static int
copy_database (const char  *from,
               const char  *to,
               char       **message)
{
  sqlite3 *source = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (from, &source, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_open_v2 (to, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (source, THR_DB_BUSY_TIMEOUT_MS);
      backup = sqlite3_backup_init (dest, "main", source, "main");
      if (backup != NULL)
        {
          sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
        }
      rc = sqlite3_errcode (dest);
    }
  if (rc != SQLITE_OK)
    *message = g_strdup (dest ? sqlite3_errmsg (dest) : source ? sqlite3_errmsg (source) : sqlite3_errstr (rc));
  sqlite3_close (dest);
  sqlite3_close (source);
  return rc;
}

gboolean
thr_store_backup (ThrStore    *self,
                  const char  *dest_path,
                  GError     **error)
{
  g_autofree char *part = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (thr_db_is_postgresql (self->db))
    {
      /* The server's own tools do this better (pg_dump). */
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_TEAM_STORE,
                   "%s: a team store is backed up on its server (pg_dump), not copied to a file", self->path);
      return FALSE;
    }
  part = g_strconcat (dest_path, ".part", NULL);
  g_unlink (part);
  if (copy_database (self->path, part, &message) != SQLITE_OK)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_SQLITE, "%s: %s", part, message);
      g_unlink (part);
      return FALSE;
    }
  if (g_rename (part, dest_path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: cannot rename to %s: %s", part, dest_path, g_strerror (saved));
      g_unlink (part);
      return FALSE;
    }
  return TRUE;
}

ThrStoreRights
thr_store_get_rights (ThrStore *self)
{
  g_return_val_if_fail (THR_IS_STORE (self), THR_STORE_RIGHT_NONE);
  return self->rights;
}

const char *
thr_store_get_path (ThrStore *self)
{
  g_return_val_if_fail (THR_IS_STORE (self), NULL);
  return self->path;
}

sqlite3 *
thr_store_get_db (ThrStore *self)
{
  g_return_val_if_fail (THR_IS_STORE (self), NULL);
  return thr_db_get_sqlite (self->db);
}

ThrDb *
thr_store_get_connection (ThrStore *self)
{
  g_return_val_if_fail (THR_IS_STORE (self), NULL);
  return self->db;
}

ThrDbStmt *
thr_store_statement (ThrStore    *self,
                     const char  *sql,
                     GError     **error)
{
  g_return_val_if_fail (THR_IS_STORE (self), NULL);
  return thr_db_prepare (self->db, sql, error);
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format_iso8601 (now);
}

gint64
thr_store_add_contract (ThrStore    *self,
                        const char  *template_id,
                        const char  *name,
                        GBytes      *definition,
                        GError     **error)
{
  g_autofree char *created = now_iso ();
  ThrDbStmt *stmt;
  gsize len;
  const char *data;
  gint64 id;

  g_return_val_if_fail (THR_IS_STORE (self), 0);
  g_return_val_if_fail (template_id != NULL && name != NULL && definition != NULL, 0);

  if (!thr_store_check_right (self, THR_STORE_RIGHT_ADMIN, error))
    return 0;
  stmt = thr_store_statement (self,
                              "INSERT INTO contracts (template, name, definition, created_at) "
                              "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL || !thr_store_begin (self, error))
    return 0;
  data = g_bytes_get_data (definition, &len);
  thr_db_stmt_bind_text (stmt, 1, template_id);
  thr_db_stmt_bind_text (stmt, 2, name);
  thr_db_stmt_bind_text_len (stmt, 3, data, (int) len);
  thr_db_stmt_bind_text (stmt, 4, created);
  if (!thr_db_stmt_step_done (stmt, error))
    {
      thr_store_rollback (self);
      return 0;
    }
  id = thr_db_last_insert_id (self->db);
  if (!thr_store_commit (self, error))
    {
      thr_store_rollback (self);
      return 0;
    }
  return id;
}

GPtrArray *
thr_store_list_contracts (ThrStore  *self,
                          GError   **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_store_contract_free);
  ThrDbStmt *stmt;
  int rc;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  stmt = thr_store_statement (self, "SELECT id, template, name, created_at FROM contracts ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = thr_db_stmt_step (stmt, NULL)) == THR_DB_ROW)
    {
      ThrStoreContract *c = g_new0 (ThrStoreContract, 1);

      c->id = thr_db_stmt_column_int64 (stmt, 0);
      c->template_id = thr_db_stmt_column_dup (stmt, 1);
      c->name = thr_db_stmt_column_dup (stmt, 2);
      c->created_at = thr_db_stmt_column_dup (stmt, 3);
      g_ptr_array_add (list, c);
    }
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_DONE)
    {
      thr_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

GBytes *
thr_store_get_definition (ThrStore  *self,
                          gint64     contract_id,
                          GError   **error)
{
  ThrDbStmt *stmt;
  GBytes *bytes = NULL;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  stmt = thr_store_statement (self, "SELECT definition FROM contracts WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  if (thr_db_stmt_step (stmt, NULL) == THR_DB_ROW)
    {
      const char *text = thr_db_stmt_column_text (stmt, 0);

      bytes = g_bytes_new (text, thr_db_stmt_column_length (stmt, 0));
    }
  else
    g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND,
                 "%s: no contract with id %" G_GINT64_FORMAT, self->path, contract_id);
  thr_db_stmt_reset (stmt);
  return bytes;
}

/* An id ("2") picks by id, a template ("rfp-16-102") by template; none
 * picks the only contract, which is the common case. */
gint64
thr_store_resolve_contract (ThrStore    *self,
                            const char  *id_or_template,
                            GError     **error)
{
  g_autoptr(GPtrArray) list = thr_store_list_contracts (self, error);
  gint64 found = 0;

  if (list == NULL)
    return 0;

  for (guint i = 0; i < list->len; i++)
    {
      ThrStoreContract *c = g_ptr_array_index (list, i);
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, c->id);

      if (id_or_template == NULL
          || g_str_equal (id_text, id_or_template)
          || g_str_equal (c->template_id, id_or_template))
        {
          if (found != 0)
            {
              g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_SEVERAL_CONTRACTS,
                           "%s holds several contracts", self->path);
              return 0;
            }
          found = c->id;
        }
    }
  if (found == 0 && id_or_template != NULL)
    g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_UNKNOWN_CONTRACT,
                 "%s: no contract “%s”", self->path, id_or_template);
  else if (found == 0)
    g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NO_CONTRACT, "%s holds no contract yet", self->path);
  return found;
}

/* The earliest and latest months (YYYY-MM) of the contractor's reported
 * figures, both NULL for none: one pass over them. */
static gboolean
reported_span (ThrStore    *self,
               gint64       contract_id,
               char       **first,
               char       **last,
               GError     **error)
{
  ThrDbStmt *stmt = thr_store_statement (self,
                                         "SELECT min(r.period), max(r.period) FROM reported_values r JOIN imports i "
                                         "ON i.id = r.import_id WHERE i.contract_id = ?1 "
                                         "AND r.period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'",
                                         error);
  int rc;

  *first = *last = NULL;
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  rc = thr_db_stmt_step (stmt, error);
  if (rc == THR_DB_ROW && !thr_db_stmt_column_is_null (stmt, 0))
    {
      *first = thr_db_stmt_column_dup (stmt, 0);
      *last = thr_db_stmt_column_dup (stmt, 1);
    }
  thr_db_stmt_reset (stmt);
  return rc != THR_DB_ERROR;
}

/* The earlier (@latest FALSE) or later of a reported month and a record
 * day's month; either may be missing. */
static char *
month_of_both (const char *reported,
               guint32     recorded_day,
               gboolean    latest)
{
  g_autofree char *recorded = NULL;
  ThrPeriod month;

  if (recorded_day == 0)
    return g_strdup (reported);
  thr_period_for_day (THR_PERIOD_MONTH, recorded_day, &month);
  recorded = thr_period_format (&month);
  if (reported == NULL || (strcmp (recorded, reported) > 0) == latest)
    return g_steal_pointer (&recorded);
  return g_strdup (reported);
}

/* The months of anything imported for a contract: its reported figures
 * and its records, whose metrics are computed from them when no figure is
 * reported (a store of tasks alone has its months too). */
gboolean
thr_store_get_month_span (ThrStore  *self,
                          gint64     contract_id,
                          char     **first_out,
                          char     **last_out,
                          GError   **error)
{
  g_autofree char *reported_first = NULL;
  g_autofree char *reported_last = NULL;
  guint32 first = 0, last = 0;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  *first_out = *last_out = NULL;
  if (!reported_span (self, contract_id, &reported_first, &reported_last, error) ||
      !thr_store_records_day_span (self, contract_id, &first, &last, error))
    return FALSE;
  *first_out = month_of_both (reported_first, first, FALSE);
  *last_out = month_of_both (reported_last, last, TRUE);
  return TRUE;
}

void
thr_store_import_free (ThrStoreImport *import)
{
  if (import == NULL)
    return;
  g_free (import->kind);
  g_free (import->file_name);
  g_free (import->imported_at);
  g_free (import);
}

GPtrArray *
thr_store_list_imports (ThrStore  *self,
                        gint64     contract_id,
                        GError   **error)
{
  g_autoptr(GPtrArray) imports = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_store_import_free);
  ThrDbStmt *stmt;
  int rc;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  stmt = thr_store_statement (self,
                              "SELECT id, kind, file_name, imported_at, n_rows FROM imports "
                              "WHERE contract_id = ?1 ORDER BY id DESC",
                              error);
  if (stmt == NULL)
    return NULL;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  while ((rc = thr_db_stmt_step (stmt, NULL)) == THR_DB_ROW)
    {
      ThrStoreImport *import = g_new0 (ThrStoreImport, 1);

      import->id = thr_db_stmt_column_int64 (stmt, 0);
      import->kind = thr_db_stmt_column_dup (stmt, 1);
      import->file_name = thr_db_stmt_column_dup (stmt, 2);
      import->imported_at = thr_db_stmt_column_dup (stmt, 3);
      import->n_rows = thr_db_stmt_column_int64 (stmt, 4);
      g_ptr_array_add (imports, import);
    }
  if (rc != THR_DB_DONE)
    {
      thr_store_set_error (self, error);
      thr_db_stmt_reset (stmt);
      return NULL;
    }
  thr_db_stmt_reset (stmt);
  return g_steal_pointer (&imports);
}

gint64
thr_store_get_data_version (ThrStore *self)
{
  g_return_val_if_fail (THR_IS_STORE (self), -1);
  return thr_db_get_data_version (self->db);
}

guint
thr_store_add_watch (ThrStore     *self,
                     GSourceFunc   func,
                     gpointer      data,
                     GError      **error)
{
  g_return_val_if_fail (THR_IS_STORE (self), 0);
  return thr_db_add_watch (self->db, func, data, error);
}

char *
thr_store_get_imports_stamp (ThrStore *self)
{
  ThrDbStmt *stmt;
  char *stamp = NULL;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  stmt = thr_store_statement (self, "SELECT COUNT(*) || ':' || IFNULL(MAX(id), 0) FROM imports", NULL);
  if (stmt != NULL && thr_db_stmt_step (stmt, NULL) == THR_DB_ROW)
    stamp = thr_db_stmt_column_dup (stmt, 0);
  if (stmt != NULL)
    thr_db_stmt_reset (stmt);
  return stamp;
}

char *
thr_store_get_content_stamp (ThrStore *self)
{
  ThrDbStmt *stmt;
  char *stamp = NULL;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  /* Every change to a CAP writes its audit trail.  What a calendar export
   * records (the published days and their SEQUENCE) shows nowhere but in
   * the next calendar, so another program's export changes nothing here. */
  stmt = thr_store_statement (self,
                              "SELECT (SELECT COUNT(*) || ':' || IFNULL(MAX(id), 0) FROM contracts) || '/' || "
                              "(SELECT COUNT(*) || ':' || IFNULL(MAX(id), 0) FROM imports) || '/' || "
                              "(SELECT COUNT(*) || ':' || IFNULL(MAX(id), 0) || ':' || IFNULL(MAX(edited_at), '') "
                              "   FROM caps) || '/' || "
                              "(SELECT COUNT(*) || ':' || IFNULL(MAX(id), 0) FROM cap_actions) || '/' || "
                              "(SELECT COUNT(*) || ':' || IFNULL(MAX(id), 0) FROM cap_audit) || '/' || "
                              "(SELECT COUNT(*) || ':' || IFNULL(MAX(id), 0) FROM calendar_closures)", NULL);
  if (stmt != NULL && thr_db_stmt_step (stmt, NULL) == THR_DB_ROW)
    stamp = thr_db_stmt_column_dup (stmt, 0);
  if (stmt != NULL)
    thr_db_stmt_reset (stmt);
  return stamp;
}
