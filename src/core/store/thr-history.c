/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-history.c — the imports a contract holds, and undoing one
 *
 * Nothing is overwritten: a new version of a month's report is a new
 * import whose figures the evaluator prefers (later imports win), so the
 * old version stays in history and undoing the new one brings it back.
 */
#define G_LOG_DOMAIN "thr-history"

#include "thr-history.h"
#include "thr-store-kept-private.h"
#include "thr-store-rights.h"
#include "thr-store-sql-private.h"

void
thr_import_info_free (ThrImportInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->kind);
  g_free (info->file_name);
  g_free (info->sha256);
  g_free (info->imported_at);
  g_free (info->profile);
  g_free (info->source_format);
  g_free (info->notes);
  g_free (info);
}

gboolean
thr_history_import_times (ThrStore    *store,
                          gint64       contract_id,
                          GPtrArray  **imported_at,
                          GHashTable **first_report,
                          GError     **error)
{
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) firsts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (store), FALSE);

  stmt = thr_store_statement (store, "SELECT imported_at FROM imports WHERE contract_id = ?1 ORDER BY imported_at, id",
                              error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  while ((rc = thr_db_stmt_step (stmt, NULL)) == THR_DB_ROW)
    g_ptr_array_add (times, thr_db_stmt_column_dup (stmt, 0));
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_DONE)
    return thr_store_set_error (store, error);

  stmt = thr_store_statement (store,
                              "SELECT r.period, MIN(i.imported_at) FROM reported_values r "
                              "JOIN imports i ON i.id = r.import_id WHERE i.contract_id = ?1 GROUP BY r.period",
                              error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  while ((rc = thr_db_stmt_step (stmt, NULL)) == THR_DB_ROW)
    g_hash_table_insert (firsts, thr_db_stmt_column_dup (stmt, 0), thr_db_stmt_column_dup (stmt, 1));
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_DONE)
    return thr_store_set_error (store, error);

  *imported_at = g_steal_pointer (&times);
  *first_report = g_steal_pointer (&firsts);
  return TRUE;
}

GPtrArray *
thr_history_list_imports (ThrStore  *store,
                          gint64     contract_id,
                          GError   **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_import_info_free);
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (store), NULL);

  stmt = thr_store_statement (store,
                              "SELECT i.id, i.kind, i.file_name, i.sha256, i.imported_at, i.n_rows, i.profile, "
                              "  i.source_format, i.notes, "
                              "  (SELECT COUNT(*) FROM reported_values r WHERE r.import_id = i.id AND EXISTS ("
                              "     SELECT 1 FROM reported_values l JOIN imports li ON li.id = l.import_id "
                              "     WHERE li.contract_id = i.contract_id AND l.import_id > i.id "
                              "       AND l.metric = r.metric AND l.subject = r.subject AND l.period = r.period)) "
                              "FROM imports i WHERE i.contract_id = ?1 ORDER BY i.id", error);
  if (stmt == NULL)
    return NULL;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  while ((rc = thr_db_stmt_step (stmt, NULL)) == THR_DB_ROW)
    {
      ThrImportInfo *info = g_new0 (ThrImportInfo, 1);

      info->id = thr_db_stmt_column_int64 (stmt, 0);
      info->kind = thr_db_stmt_column_dup (stmt, 1);
      info->file_name = thr_db_stmt_column_dup (stmt, 2);
      info->sha256 = thr_db_stmt_column_dup (stmt, 3);
      info->imported_at = thr_db_stmt_column_dup (stmt, 4);
      info->n_rows = (guint) thr_db_stmt_column_int (stmt, 5);
      info->profile = thr_db_stmt_column_dup (stmt, 6);
      info->source_format = thr_db_stmt_column_dup (stmt, 7);
      info->notes = thr_db_stmt_column_dup (stmt, 8);
      info->n_replaced = (guint) thr_db_stmt_column_int (stmt, 9);
      g_ptr_array_add (list, info);
    }
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_DONE)
    {
      thr_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The raw record tables keep no index on import_id (migration 3 → 4):
 * an import's records are one rowid range, recorded in imports, so
 * deleting them reads only those rows.  The import_id test keeps the
 * delete exact even if the range held someone else's row.  Fixed texts
 * only, one per table. */
static const char *
delete_records_sql (const char *kind,
                    gboolean    have_range)
{
  if (g_strcmp0 (kind, "tasks") == 0)
    return have_range ? "DELETE FROM tasks WHERE id BETWEEN ?2 AND ?3 AND import_id = ?1"
                      : "DELETE FROM tasks WHERE import_id = ?1";
  if (g_strcmp0 (kind, "calls") == 0)
    return have_range ? "DELETE FROM calls WHERE id BETWEEN ?2 AND ?3 AND import_id = ?1"
                      : "DELETE FROM calls WHERE import_id = ?1";
  return NULL;   /* the smaller tables go by ON DELETE CASCADE, through their index */
}

static gboolean
delete_records (ThrStore     *store,
                gint64        import_id,
                const char   *kind,
                ThrDbStmt    *import_row,
                GError      **error)
{
  gboolean have_range = !thr_db_stmt_column_is_null (import_row, 2);
  const char *sql = delete_records_sql (kind, have_range);
  ThrDbStmt *stmt;

  if (sql == NULL)
    return TRUE;
  /* An import that added no rows has no range, and nothing to delete. */
  if (!have_range && thr_db_stmt_column_int64 (import_row, 0) == 0)
    return TRUE;
  stmt = thr_store_statement (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, import_id);
  if (have_range)
    {
      thr_db_stmt_bind_int64 (stmt, 2, thr_db_stmt_column_int64 (import_row, 2));
      thr_db_stmt_bind_int64 (stmt, 3, thr_db_stmt_column_int64 (import_row, 3));
    }
  return thr_db_stmt_step_done (stmt, error);
}

gboolean
thr_history_undo_import_within (ThrStore  *store,
                                gint64     contract_id,
                                gint64     import_id,
                                guint     *n_rows_out,
                                GError   **error)
{
  g_autofree char *kind = NULL;
  ThrDbStmt *stmt;
  guint n_rows = 0;
  gboolean found = FALSE, deleted = FALSE;

  g_return_val_if_fail (THR_IS_STORE (store), FALSE);

  stmt = thr_store_statement (store,
                              "SELECT n_rows, kind, first_record, last_record FROM imports "
                              "WHERE id = ?1 AND contract_id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, import_id);
  thr_db_stmt_bind_int64 (stmt, 2, contract_id);
  if (thr_db_stmt_step (stmt, NULL) == THR_DB_ROW)
    {
      found = TRUE;
      n_rows = (guint) thr_db_stmt_column_int (stmt, 0);
      kind = thr_db_stmt_column_dup (stmt, 1);
      /* Read before its records go, in the same transaction. */
      deleted = _thr_store_forget_kept_for_import (store, import_id, error)
                && delete_records (store, import_id, kind, stmt, error);
    }
  thr_db_stmt_reset (stmt);
  if (!found)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND,
                   "no import %" G_GINT64_FORMAT " in this contract (see “threshold-cli imports”)", import_id);
      return FALSE;
    }
  if (!deleted)
    return FALSE;
  /* The other tables' records go with it: they reference imports
   * ON DELETE CASCADE. */
  stmt = thr_store_statement (store, "DELETE FROM imports WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, import_id);
  if (!thr_db_stmt_step_done (stmt, error))
    return FALSE;
  if (n_rows_out)
    *n_rows_out = n_rows;
  return TRUE;
}

gboolean
thr_history_undo_import (ThrStore  *store,
                         gint64     contract_id,
                         gint64     import_id,
                         guint     *n_rows_out,
                         GError   **error)
{
  g_return_val_if_fail (THR_IS_STORE (store), FALSE);

  if (!thr_store_check_right (store, THR_STORE_RIGHT_IMPORT, error) || !thr_store_begin (store, error))
    return FALSE;
  if (thr_history_undo_import_within (store, contract_id, import_id, n_rows_out, error) &&
      thr_store_commit (store, error))
    return TRUE;
  thr_store_rollback (store);
  return FALSE;
}
