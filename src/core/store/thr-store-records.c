/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-records.c — what an import writes to the store
 *
 * A ThrStoreInserter is the kept prepared statement itself, so setting a
 * value costs what binding a parameter costs and nothing is allocated per row.
 */
#define G_LOG_DOMAIN "thr-store"

#include "thr-store-records.h"
#include "thr-store-kept-private.h"
#include "thr-store-rights.h"
#include "thr-store-sql-private.h"

/* ---- streaming records ---- */

static const char * const insert_sql[] = {
  [THR_STORE_RECORDS_REPORTED] =
    "INSERT INTO reported_values (import_id, row, metric, period, value, numerator, denominator, subject, queue) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
  [THR_STORE_RECORDS_INVOICES] =
    "INSERT INTO invoices (import_id, row, month, component, amount_cents) VALUES (?1, ?2, ?3, ?4, ?5)",
  [THR_STORE_RECORDS_TASKS] =
    "INSERT INTO tasks (import_id, row, contract_id, task_id, type, received_day, received_time, "
    "completed_day, completed_time, due_day, program, category, status, worker, team, score, amount) "
    /* ?11 is left unbound: a due date carries no time. */
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
  [THR_STORE_RECORDS_CALLS] =
    "INSERT INTO calls (import_id, row, contract_id, call_id, queue, offered_day, offered_time, wait_seconds, "
    "outcome, handle_seconds, agent, team) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
  [THR_STORE_RECORDS_REFERENCES] =
    "INSERT INTO reference_values (import_id, row, key, period, value, subject, queue) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
};

#define STMT(inserter) ((ThrDbStmt *) (inserter))

ThrStoreInserter *
thr_store_get_inserter (ThrStore         *self,
                        ThrStoreRecords   records,
                        GError          **error)
{
  g_return_val_if_fail (THR_IS_STORE (self), NULL);
  g_return_val_if_fail ((guint) records < G_N_ELEMENTS (insert_sql), NULL);

  return (ThrStoreInserter *) thr_db_prepare_bulk (thr_store_get_connection (self), insert_sql[records], error);
}

void
thr_store_inserter_set_null (ThrStoreInserter *inserter,
                             int               param)
{
  thr_db_stmt_bind_null (STMT (inserter), param);
}

void
thr_store_inserter_set_int (ThrStoreInserter *inserter,
                            int               param,
                            gint64            value)
{
  thr_db_stmt_bind_int64 (STMT (inserter), param, value);
}

void
thr_store_inserter_set_double (ThrStoreInserter *inserter,
                               int               param,
                               double            value)
{
  thr_db_stmt_bind_double (STMT (inserter), param, value);
}

void
thr_store_inserter_set_text (ThrStoreInserter *inserter,
                             int               param,
                             const char       *text)
{
  /* Every row sets every parameter again, so SQLite need not copy. */
  thr_db_stmt_bind_text_static (STMT (inserter), param, text);
}

void
thr_store_inserter_set_text_copy (ThrStoreInserter *inserter,
                                  int               param,
                                  const char       *text)
{
  thr_db_stmt_bind_text (STMT (inserter), param, text);
}

gboolean
thr_store_inserter_insert (ThrStore          *self,
                           ThrStoreInserter  *inserter,
                           gint64            *rowid_out,
                           GError           **error)
{
  ThrDbStep rc = thr_db_stmt_step (STMT (inserter), error);

  thr_db_stmt_reset (STMT (inserter));
  if (rc == THR_DB_ERROR)
    return FALSE;
  if (rowid_out != NULL)
    *rowid_out = thr_db_last_insert_id (thr_store_get_connection (self));
  return TRUE;
}

/* ---- the import's row ---- */

gboolean
thr_store_insert_import (ThrStore    *self,
                         gint64       contract_id,
                         const char  *kind,
                         const char  *file_name,
                         const char  *imported_at,
                         const char  *profile,
                         const char  *source_format,
                         gint64      *id_out,
                         GError     **error)
{
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  if (!thr_store_check_right (self, THR_STORE_RIGHT_IMPORT, error))
    return FALSE;
  stmt = thr_store_statement (self,
                              /* Ids are never reused after an undo (schema 9's import_ids). */
                              "INSERT INTO imports (id, contract_id, kind, file_name, sha256, imported_at, n_rows, "
                              "profile, source_format) VALUES ((SELECT last + 1 FROM import_ids), "
                              "?1, ?2, ?3, '', ?4, 0, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  thr_db_stmt_bind_text (stmt, 2, kind);
  thr_db_stmt_bind_text (stmt, 3, file_name);
  thr_db_stmt_bind_text (stmt, 4, imported_at);
  thr_db_stmt_bind_text (stmt, 5, profile);
  thr_db_stmt_bind_text (stmt, 6, source_format);
  if (!thr_db_stmt_step_done (stmt, error))
    return FALSE;
  *id_out = thr_db_last_insert_id (thr_store_get_connection (self));
  return TRUE;
}

gboolean
thr_store_finish_import (ThrStore    *self,
                         gint64       import_id,
                         const char  *sha256,
                         guint        n_rows,
                         const char  *notes,
                         const char  *source_format,
                         gint64       first_record,
                         gint64       last_record,
                         GError     **error)
{
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  stmt = thr_store_statement (self,
                              "UPDATE imports SET sha256 = ?1, n_rows = ?2, notes = ?3, source_format = ?5, "
                              "first_record = ?6, last_record = ?7 WHERE id = ?4", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_text (stmt, 1, sha256);
  thr_db_stmt_bind_int64 (stmt, 2, (int) n_rows);
  thr_db_stmt_bind_text (stmt, 3, notes);
  thr_db_stmt_bind_int64 (stmt, 4, import_id);
  thr_db_stmt_bind_text (stmt, 5, source_format);
  /* Left NULL when nothing was added: undo then has nothing to delete. */
  if (first_record != 0)
    {
      thr_db_stmt_bind_int64 (stmt, 6, first_record);
      thr_db_stmt_bind_int64 (stmt, 7, last_record);
    }
  if (!thr_db_stmt_step_done (stmt, error))
    return FALSE;
  /* In the import's transaction: figures counted without these records
   * are forgotten when they land, and kept again if they roll back. */
  return first_record == 0 || _thr_store_forget_kept_for_import (self, import_id, error);
}

gboolean
thr_store_find_import_by_sha256 (ThrStore    *self,
                                 gint64       contract_id,
                                 const char  *sha256,
                                 gint64       except_id,
                                 gint64      *id_out,
                                 char       **file_name_out,
                                 char       **imported_at_out)
{
  ThrDbStmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  stmt = thr_store_statement (self,
                              "SELECT id, imported_at, file_name FROM imports "
                              "WHERE contract_id = ?1 AND sha256 = ?2 AND id <> ?3", NULL);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  thr_db_stmt_bind_text (stmt, 2, sha256);
  thr_db_stmt_bind_int64 (stmt, 3, except_id);
  if (thr_db_stmt_step (stmt, NULL) == THR_DB_ROW)
    {
      found = TRUE;
      *id_out = thr_db_stmt_column_int64 (stmt, 0);
      *imported_at_out = thr_db_stmt_column_dup (stmt, 1);
      *file_name_out = thr_db_stmt_column_dup (stmt, 2);
    }
  thr_db_stmt_reset (stmt);
  return found;
}

gboolean
thr_store_count_replaced (ThrStore  *self,
                          gint64     contract_id,
                          gint64     import_id,
                          guint     *n_out,
                          GError   **error)
{
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  *n_out = 0;
  stmt = thr_store_statement (self,
                              "SELECT COUNT(*) FROM reported_values r WHERE r.import_id = ?1 AND EXISTS ("
                              "  SELECT 1 FROM reported_values o JOIN imports oi ON oi.id = o.import_id "
                              "  WHERE oi.contract_id = ?2 AND o.import_id < ?1 AND o.metric = r.metric "
                              "    AND o.subject = r.subject AND o.period = r.period)", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, import_id);
  thr_db_stmt_bind_int64 (stmt, 2, contract_id);
  if (thr_db_stmt_step (stmt, NULL) == THR_DB_ROW)
    *n_out = (guint) thr_db_stmt_column_int (stmt, 0);
  thr_db_stmt_reset (stmt);
  return TRUE;
}

char *
thr_store_get_hash_key (ThrStore    *self,
                        const char  *fresh,
                        GError     **error)
{
  ThrDbStmt *stmt;
  char *key = NULL;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  /* Only an import hashes personal data, and on a team store only
   * importers may read the key (roles.sql): the first thing an import
   * asks for, so a refused one is refused here, in words. */
  if (!thr_store_check_right (self, THR_STORE_RIGHT_IMPORT, error))
    return NULL;
  stmt = thr_store_statement (self, "INSERT INTO secrets (name, value) VALUES ('hash-key', ?1) "
                                    "ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    return NULL;
  thr_db_stmt_bind_text (stmt, 1, fresh);
  if (!thr_db_stmt_step_done (stmt, error))
    return NULL;
  stmt = thr_store_statement (self, "SELECT value FROM secrets WHERE name = 'hash-key'", error);
  if (stmt == NULL)
    return NULL;
  if (thr_db_stmt_step (stmt, NULL) == THR_DB_ROW)
    key = thr_db_stmt_column_dup (stmt, 0);
  thr_db_stmt_reset (stmt);
  if (key == NULL)
    thr_store_set_error (self, error);
  return key;
}

void
thr_store_set_cache_size (ThrStore *self,
                          guint     kib)
{
  g_return_if_fail (THR_IS_STORE (self));
  thr_db_set_cache_size (thr_store_get_connection (self), kib);
}

/* ---- earlier records, for the duplicate check ---- */

gboolean
thr_store_read_record_id (ThrStore            *self,
                          ThrStoreRecordKind   kind,
                          gint64               rowid,
                          char               **id_out,
                          guint               *row_out,
                          GError             **error)
{
  ThrDbStmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  stmt = thr_store_statement (self, kind == THR_STORE_RECORD_TASK
                                  ? "SELECT task_id, row FROM tasks WHERE id = ?1"
                                  : "SELECT call_id, row FROM calls WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, rowid);
  if (thr_db_stmt_step (stmt, NULL) == THR_DB_ROW)
    {
      *id_out = thr_db_stmt_column_dup (stmt, 0);
      *row_out = (guint) thr_db_stmt_column_int (stmt, 1);
      found = TRUE;
    }
  thr_db_stmt_reset (stmt);
  return found;
}

gboolean
thr_store_each_earlier_record (ThrStore            *self,
                               ThrStoreRecordKind   kind,
                               gint64               contract_id,
                               guint32              first_day,
                               guint32              last_day,
                               gint64               first_record,
                               gint64               last_record,
                               ThrStoreEarlierFunc  func,
                               gpointer             user_data,
                               GError             **error)
{
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  /* By the evaluator's index over the new file's day range. */
  if (kind == THR_STORE_RECORD_TASK)
    stmt = thr_store_statement (self,
                                "SELECT id, task_id, import_id, row FROM tasks INDEXED BY tasks_by_received "
                                "WHERE contract_id = ?1 AND type IN (SELECT DISTINCT type FROM tasks WHERE id BETWEEN ?4 AND ?5) "
                                "AND received_day BETWEEN ?2 AND ?3 AND id < ?4", error);
  else
    stmt = thr_store_statement (self,
                                "SELECT id, call_id, import_id, row FROM calls INDEXED BY calls_by_offered "
                                "WHERE contract_id = ?1 AND offered_day BETWEEN ?2 AND ?3 AND id < ?4", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  thr_db_stmt_bind_int64 (stmt, 2, first_day);
  thr_db_stmt_bind_int64 (stmt, 3, last_day);
  thr_db_stmt_bind_int64 (stmt, 4, first_record);
  thr_db_stmt_bind_int64 (stmt, 5, last_record);
  while ((rc = thr_db_stmt_step (stmt, NULL)) == THR_DB_ROW)
    {
      ThrStoreEarlierRecord record = {
        .rowid = thr_db_stmt_column_int64 (stmt, 0),
        .id = thr_db_stmt_column_text (stmt, 1),
        .import_id = thr_db_stmt_column_int64 (stmt, 2),
        .row = (guint) thr_db_stmt_column_int (stmt, 3),
      };

      func (&record, user_data);
    }
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_DONE)
    return thr_store_set_error (self, error);
  return TRUE;
}

gboolean
thr_store_delete_record (ThrStore            *self,
                         ThrStoreRecordKind   kind,
                         gint64               rowid,
                         gint64               import_id,
                         GError             **error)
{
  ThrDbStmt *del;
  ThrDbStmt *count;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  if (!_thr_store_forget_kept_for_record (self, kind, rowid, error))
    return FALSE;
  del = thr_store_statement (self, kind == THR_STORE_RECORD_TASK ? "DELETE FROM tasks WHERE id = ?1"
                                                               : "DELETE FROM calls WHERE id = ?1", error);
  if (del == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (del, 1, rowid);
  if (!thr_db_stmt_step_done (del, error))
    return FALSE;
  count = thr_store_statement (self, "UPDATE imports SET n_rows = n_rows - 1 WHERE id = ?1", error);
  if (count == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (count, 1, import_id);
  return thr_db_stmt_step_done (count, error);
}
