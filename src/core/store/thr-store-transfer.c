/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-transfer.c — a whole store copied into another, across backends
 *
 * Each table is read row by row from one store (streamed from a server)
 * and written into the other with its bulk insert (COPY on a server), in
 * the order of their foreign keys.  Values keep their kind: an integer
 * stays an integer and a double travels with all its digits, so the copy
 * evaluates to the same bytes.
 */
#define G_LOG_DOMAIN "thr-store"

#include "thr-store-transfer.h"
#include "thr-store-sql-private.h"

/* Every table of schema 12 but the kept figures, parents first, with the
 * columns both backends share (a team store adds who made a change,
 * which its server fills in). */
static const struct {
  const char *table;
  const char *columns;
  guint       n_columns;
  const char *on_conflict;   /* rows a new store already has */
} tables[] = {
  { "contracts", "id, template, name, definition, created_at", 5, NULL },
  { "imports", "id, contract_id, kind, file_name, sha256, imported_at, n_rows, profile, notes, source_format, "
    "first_record, last_record", 12, NULL },
  { "reported_values", "id, import_id, row, metric, subject, period, value, numerator, denominator, queue", 10, NULL },
  { "reference_values", "id, import_id, row, key, subject, period, value, queue", 8, NULL },
  { "invoices", "id, import_id, row, month, component, amount_cents", 6, NULL },
  { "tasks", "id, import_id, contract_id, row, task_id, type, received_day, received_time, completed_day, "
    "completed_time, due_day, program, category, status, worker, team, score, amount", 18, NULL },
  { "calls", "id, import_id, contract_id, row, call_id, queue, offered_day, offered_time, wait_seconds, outcome, "
    "handle_seconds, agent, team", 13, NULL },
  { "caps", "id, contract_id, metric, failure_month, documented_on, submitted_on, approved_on, deficiency, "
    "root_cause, monitoring, evidence, signatories, created_at, implemented_on, edited_at, failure_undone_at, "
    "closed_on, close_reason", 18, NULL },
  { "cap_actions", "id, cap_id, description, owner, due_on, done_on", 6, NULL },
  { "cap_audit", "id, cap_id, at, field, old_value, new_value, author", 7, NULL },
  { "calendar_closures", "id, calendar, day, reason, added_at", 5, NULL },
  /* The key that hashes personal data and the store's id come along, so
   * digests and published calendar events stay the same. */
  { "secrets", "name, value", 2, " ON CONFLICT (name) DO UPDATE SET value = excluded.value" },
  { "published_events", "contract_id, key, day, sequence", 4, NULL },
};

/* ---- private helpers ---- */

static void
bind_like (ThrDbStmt *insert,
           int        param,
           ThrDbStmt *select,
           int        column)
{
  switch (thr_db_stmt_column_kind (select, column))
    {
    case THR_DB_NULL:
      thr_db_stmt_bind_null (insert, param);
      break;
    case THR_DB_INTEGER:
      thr_db_stmt_bind_int64 (insert, param, thr_db_stmt_column_int64 (select, column));
      break;
    case THR_DB_FLOAT:
      thr_db_stmt_bind_double (insert, param, thr_db_stmt_column_double (select, column));
      break;
    case THR_DB_TEXT:
    default:
      thr_db_stmt_bind_text_len (insert, param, thr_db_stmt_column_text (select, column),
                                 (int) thr_db_stmt_column_length (select, column));
      break;
    }
}

static char *
insert_sql (guint i)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT INTO %s (%s) VALUES (", tables[i].table, tables[i].columns);
  for (guint c = 0; c < tables[i].n_columns; c++)
    g_string_append_printf (sql, c > 0 ? ", ?%u" : "?%u", c + 1);
  g_string_append_c (sql, ')');
  if (tables[i].on_conflict != NULL)
    g_string_append (sql, tables[i].on_conflict);
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static gboolean
copy_table (ThrStore  *from,
            ThrStore  *to,
            guint      i,
            guint64   *n_rows,
            GError   **error)
{
  g_autofree char *select_sql = g_strdup_printf ("SELECT %s FROM %s", tables[i].columns, tables[i].table);
  g_autofree char *insert = insert_sql (i);
  ThrDbStmt *select, *write;
  ThrDbStep step;

  select = thr_db_prepare_streamed (thr_store_get_connection (from), select_sql, error);
  write = thr_db_prepare_bulk (thr_store_get_connection (to), insert, error);
  if (select == NULL || write == NULL)
    return FALSE;
  while ((step = thr_db_stmt_step (select, error)) == THR_DB_ROW)
    {
      for (guint c = 0; c < tables[i].n_columns; c++)
        bind_like (write, (int) c + 1, select, (int) c);
      if (!thr_db_stmt_step_done (write, error))
        {
          thr_db_stmt_reset (select);
          return FALSE;
        }
      (*n_rows)++;
    }
  thr_db_stmt_reset (select);
  return step == THR_DB_DONE;
}

/* The import ids never reused after an undo (schema 9) continue where
 * the original's did. */
static gboolean
copy_import_ids (ThrStore  *from,
                 ThrStore  *to,
                 GError   **error)
{
  ThrDbStmt *read = thr_store_statement (from, "SELECT last FROM import_ids", error);
  ThrDbStmt *write;
  gint64 last;

  if (read == NULL || thr_db_stmt_step (read, error) != THR_DB_ROW)
    return FALSE;
  last = thr_db_stmt_column_int64 (read, 0);
  thr_db_stmt_reset (read);
  write = thr_store_statement (to, "UPDATE import_ids SET last = ?1", error);
  if (write == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (write, 1, last);
  return thr_db_stmt_step_done (write, error);
}

static gboolean
check_empty (ThrStore  *to,
             GError   **error)
{
  ThrDbStmt *stmt = thr_store_statement (to, "SELECT count(*) FROM contracts", error);
  gint64 n;

  if (stmt == NULL || thr_db_stmt_step (stmt, error) != THR_DB_ROW)
    return FALSE;
  n = thr_db_stmt_column_int64 (stmt, 0);
  thr_db_stmt_reset (stmt);
  if (n > 0)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_EXISTS,
                   "%s already holds contracts: a store is copied only into a new, empty one; "
                   "nothing was copied", thr_store_get_path (to));
      return FALSE;
    }
  return TRUE;
}

/* ---- public API ---- */

gboolean
thr_store_copy_rows (ThrStore  *from,
                     ThrStore  *to,
                     guint64   *n_rows_out,
                     GError   **error)
{
  guint64 n_rows = 0;

  g_return_val_if_fail (THR_IS_STORE (from) && THR_IS_STORE (to), FALSE);

  if (!thr_store_begin (to, error))
    return FALSE;
  if (!check_empty (to, error))
    {
      thr_store_rollback (to);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      if (!copy_table (from, to, i, &n_rows, error))
        {
          g_prefix_error (error, "copying the table %s failed, so nothing was copied: ", tables[i].table);
          thr_store_rollback (to);
          return FALSE;
        }
    }
  if (!copy_import_ids (from, to, error) || !thr_store_commit (to, error))
    {
      thr_store_rollback (to);
      return FALSE;
    }
  if (n_rows_out != NULL)
    *n_rows_out = n_rows;
  return TRUE;
}

char *
thr_store_count_rows (ThrStore  *self,
                      GError   **error)
{
  g_autoptr(GString) counts = g_string_new (NULL);

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i].table);
      ThrDbStmt *stmt = thr_store_statement (self, sql, error);

      if (stmt == NULL || thr_db_stmt_step (stmt, error) != THR_DB_ROW)
        return NULL;
      g_string_append_printf (counts, "%s%s %" G_GINT64_FORMAT, i > 0 ? ", " : "", tables[i].table,
                              thr_db_stmt_column_int64 (stmt, 0));
      thr_db_stmt_reset (stmt);
    }
  return g_string_free (g_steal_pointer (&counts), FALSE);
}
