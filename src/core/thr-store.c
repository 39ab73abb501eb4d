/* thr-store.c — one SQLite file holding contracts, imports and records */
#define G_LOG_DOMAIN "thr-store"

#include <errno.h>

#include <glib/gstdio.h>

#include "thr-store.h"
#include "thr-store-schema.h"

struct _ThrStore
{
  GObject      parent_instance;
  char        *path;
  sqlite3     *db;
  GHashTable  *statements;   /* SQL text → sqlite3_stmt* */
};

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
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
thr_store_finalize (GObject *object)
{
  ThrStore *self = THR_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
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
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

gboolean
thr_store_set_error (ThrStore  *self,
                     GError   **error)
{
  int code = sqlite3_extended_errcode (self->db);
  ThrStoreError kind = THR_STORE_ERROR_SQLITE;

  if ((code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT)
    kind = THR_STORE_ERROR_NOT_STORE;
  g_set_error (error, THR_STORE_ERROR, kind, "%s: %s", self->path, sqlite3_errmsg (self->db));
  return FALSE;
}

gboolean
thr_store_exec (ThrStore    *self,
                const char  *sql,
                GError     **error)
{
  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return thr_store_set_error (self, error);
  return TRUE;
}

sqlite3_stmt *
thr_store_prepare (ThrStore    *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      thr_store_set_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
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
  /* IMMEDIATE takes the write lock now, so a second writer waits for the
   * busy timeout or fails here rather than half-way through an import. */
  return thr_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
thr_store_commit (ThrStore  *self,
                  GError   **error)
{
  return thr_store_exec (self, "COMMIT", error);
}

void
thr_store_rollback (ThrStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static int
read_user_version (ThrStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
migrate (ThrStore  *self,
         GError   **error)
{
  int version = read_user_version (self);

  if (version < 0)
    return thr_store_set_error (self, error);
  if (version > THR_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NEWER,
                   "%s was written by a newer version of Threshold (schema %d; this one knows up to %d)",
                   self->path, version, THR_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (; version < THR_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!thr_store_begin (self, error))
        return FALSE;
      if (!thr_store_exec (self, thr_store_migrations[version], error)
          || !thr_store_exec (self, set_version, error)
          || !thr_store_commit (self, error))
        {
          thr_store_rollback (self);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
configure_connection (ThrStore  *self,
                      GError   **error)
{
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);
  return thr_store_exec (self,
                         "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = NORMAL;"
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA temp_store = MEMORY;"
                         "PRAGMA cache_size = -65536;",
                         error);
}

ThrStore *
thr_store_open (const char  *path,
                GError     **error)
{
  g_autoptr(ThrStore) self = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (THR_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: cannot create the folder: %s", dir, g_strerror (saved));
      return NULL;
    }

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      thr_store_set_error (self, error);
      return NULL;
    }
  if (!configure_connection (self, error) || !migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
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
  return self->db;
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
  sqlite3_stmt *stmt;
  gsize len;
  const char *data;
  gint64 id;

  g_return_val_if_fail (THR_IS_STORE (self), 0);
  g_return_val_if_fail (template_id != NULL && name != NULL && definition != NULL, 0);

  stmt = thr_store_prepare (self,
                            "INSERT INTO contracts (template, name, definition, created_at) "
                            "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL || !thr_store_begin (self, error))
    return 0;
  data = g_bytes_get_data (definition, &len);
  sqlite3_bind_text (stmt, 1, template_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, data, (int) len, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, created, -1, SQLITE_TRANSIENT);
  if (!thr_store_step_done (self, stmt, error))
    {
      thr_store_rollback (self);
      return 0;
    }
  id = sqlite3_last_insert_rowid (self->db);
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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  stmt = thr_store_prepare (self, "SELECT id, template, name, created_at FROM contracts ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ThrStoreContract *c = g_new0 (ThrStoreContract, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->template_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      c->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      c->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (list, c);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
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
  sqlite3_stmt *stmt;
  GBytes *bytes = NULL;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  stmt = thr_store_prepare (self, "SELECT definition FROM contracts WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, contract_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  else
    g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND,
                 "%s: no contract with id %" G_GINT64_FORMAT, self->path, contract_id);
  sqlite3_reset (stmt);
  return bytes;
}

/* "--contract 2" picks by id; "--contract rfp-16-102" by template; no
 * argument picks the only contract, which is the common case. */
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
              g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND,
                           "%s holds several contracts: choose one with --contract ID",
                           self->path);
              return 0;
            }
          found = c->id;
        }
    }
  if (found == 0)
    g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND,
                 id_or_template
                 ? "%s: no contract “%s”; run “threshold-cli contracts” to list them"
                 : "%s holds no contract yet; create one with “threshold-cli init --template ID”",
                 self->path, id_or_template);
  return found;
}

char *
thr_store_latest_month (ThrStore  *self,
                        gint64     contract_id,
                        GError   **error)
{
  sqlite3_stmt *stmt;
  char *month = NULL;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  stmt = thr_store_prepare (self,
                            "SELECT max(r.period) FROM reported_values r JOIN imports i ON i.id = r.import_id "
                            "WHERE i.contract_id = ?1 AND r.period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, contract_id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    month = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return month;
}

char *
thr_store_first_month (ThrStore  *self,
                        gint64     contract_id,
                        GError   **error)
{
  sqlite3_stmt *stmt;
  char *month = NULL;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  stmt = thr_store_prepare (self,
                            "SELECT min(r.period) FROM reported_values r JOIN imports i ON i.id = r.import_id "
                            "WHERE i.contract_id = ?1 AND r.period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, contract_id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    month = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return month;
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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  stmt = thr_store_prepare (self,
                            "SELECT id, kind, file_name, imported_at, n_rows FROM imports "
                            "WHERE contract_id = ?1 ORDER BY id DESC",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, contract_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ThrStoreImport *import = g_new0 (ThrStoreImport, 1);

      import->id = sqlite3_column_int64 (stmt, 0);
      import->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      import->file_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      import->imported_at = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      import->n_rows = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (imports, import);
    }
  if (rc != SQLITE_DONE)
    {
      thr_store_set_error (self, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&imports);
}
