/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-kept.c — figures recomputed from records, kept in the store
 *
 * See thr-store-kept.h.  The days a record can be counted on are its
 * received, completed and due days (tasks) or its offered day (calls); a
 * scan places a record by one of them, or by a deadline worked out from
 * one, and its reach is the range of that day it reads.  So a record
 * whose days all lie outside a figure's reach cannot change the figure.
 */
#define G_LOG_DOMAIN "thr-store-kept"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-store-kept.h"
#include "thr-store-kept-private.h"
#include "thr-store-rights.h"
#include "thr-store-sql-private.h"

/* ---- reading ---- */

gboolean
thr_store_get_kept_generation (ThrStore  *self,
                               gint64    *generation_out,
                               GError   **error)
{
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  g_return_val_if_fail (generation_out != NULL, FALSE);

  stmt = thr_store_statement (self, "SELECT value FROM kept_generation", error);
  if (stmt == NULL)
    return FALSE;
  rc = thr_db_stmt_step (stmt, NULL);
  *generation_out = rc == THR_DB_ROW ? thr_db_stmt_column_int64 (stmt, 0) : 0;
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_ROW && rc != THR_DB_DONE)
    return thr_store_set_error (self, error);
  return TRUE;
}

gboolean
thr_store_each_kept_figure (ThrStore          *self,
                            gint64             contract_id,
                            guint32            first,
                            guint32            last,
                            ThrStoreKeptFunc   func,
                            gpointer           user_data,
                            GError           **error)
{
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = thr_store_statement (self,
                              "SELECT metric, subject, first_day, last_day, today, reach_first, reach_last, "
                              "present, value, has_ratio, numerator, denominator, n_pending, basis FROM kept_figures "
                              "WHERE contract_id = ?1 AND last_day BETWEEN ?2 AND ?3", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  thr_db_stmt_bind_int64 (stmt, 2, first);
  thr_db_stmt_bind_int64 (stmt, 3, last);
  while ((rc = thr_db_stmt_step (stmt, NULL)) == THR_DB_ROW)
    {
      ThrStoreKeptFigure kept = {
        .metric = thr_db_stmt_column_text (stmt, 0),
        .subject = thr_db_stmt_column_text (stmt, 1),
        .first = (guint32) thr_db_stmt_column_int64 (stmt, 2),
        .last = (guint32) thr_db_stmt_column_int64 (stmt, 3),
        .today = (guint32) thr_db_stmt_column_int64 (stmt, 4),
        .reach_first = (guint32) thr_db_stmt_column_int64 (stmt, 5),
        .reach_last = (guint32) thr_db_stmt_column_int64 (stmt, 6),
        .basis = thr_db_stmt_column_text (stmt, 13),
        .figure = {
          .present = thr_db_stmt_column_int (stmt, 7) != 0,
          .value = thr_db_stmt_column_double (stmt, 8),
          .has_ratio = thr_db_stmt_column_int (stmt, 9) != 0,
          .numerator = thr_db_stmt_column_double (stmt, 10),
          .denominator = thr_db_stmt_column_double (stmt, 11),
          .n_pending = (guint) thr_db_stmt_column_int64 (stmt, 12),
        },
      };

      if (kept.metric != NULL && kept.subject != NULL && kept.basis != NULL)
        func (&kept, user_data);
    }
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_DONE)
    return thr_store_set_error (self, error);
  return TRUE;
}

gint64
thr_store_count_kept_figures (ThrStore *self,
                              gint64    contract_id)
{
  ThrDbStmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (THR_IS_STORE (self), -1);

  stmt = thr_store_statement (self, "SELECT count(*) FROM kept_figures WHERE contract_id = ?1", NULL);
  if (stmt == NULL)
    return -1;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  if (thr_db_stmt_step (stmt, NULL) == THR_DB_ROW)
    n = thr_db_stmt_column_int64 (stmt, 0);
  thr_db_stmt_reset (stmt);
  return n;
}

/* ---- keeping ---- */

static gboolean
insert_kept (ThrStore                 *self,
             gint64                    contract_id,
             const ThrStoreKeptFigure *kept,
             GError                  **error)
{
  ThrDbStmt *stmt = thr_store_statement (self,
                                         "INSERT INTO kept_figures (contract_id, metric, subject, "
                                         "first_day, last_day, today, reach_first, reach_last, basis, present, "
                                         "value, has_ratio, numerator, denominator, n_pending) VALUES "
                                         "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
                                         "ON CONFLICT (contract_id, metric, subject, first_day, last_day) DO UPDATE SET "
                                         "today = excluded.today, reach_first = excluded.reach_first, "
                                         "reach_last = excluded.reach_last, basis = excluded.basis, "
                                         "present = excluded.present, value = excluded.value, "
                                         "has_ratio = excluded.has_ratio, numerator = excluded.numerator, "
                                         "denominator = excluded.denominator, n_pending = excluded.n_pending",
                                         error);

  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  thr_db_stmt_bind_text_static (stmt, 2, kept->metric);
  thr_db_stmt_bind_text_static (stmt, 3, kept->subject);
  thr_db_stmt_bind_int64 (stmt, 4, kept->first);
  thr_db_stmt_bind_int64 (stmt, 5, kept->last);
  thr_db_stmt_bind_int64 (stmt, 6, kept->today);
  thr_db_stmt_bind_int64 (stmt, 7, kept->reach_first);
  thr_db_stmt_bind_int64 (stmt, 8, kept->reach_last);
  thr_db_stmt_bind_text_static (stmt, 9, kept->basis);
  thr_db_stmt_bind_int64 (stmt, 10, kept->figure.present ? 1 : 0);
  thr_db_stmt_bind_double (stmt, 11, kept->figure.value);
  thr_db_stmt_bind_int64 (stmt, 12, kept->figure.has_ratio ? 1 : 0);
  thr_db_stmt_bind_double (stmt, 13, kept->figure.numerator);
  thr_db_stmt_bind_double (stmt, 14, kept->figure.denominator);
  thr_db_stmt_bind_int64 (stmt, 15, kept->figure.n_pending);
  return thr_db_stmt_step_done (stmt, error);
}

/* ---- a refused keep, until someone says it ----
 *
 * The functions that evaluate months themselves (the ledger, the CAPs,
 * the reports, the exports) return their figures, right all the same, and
 * would drop the refusal; only the store they were given sees every keep.
 * So the first refusal stays on the store, as data of the object (all of
 * it here, beside the keep), for whoever shows the store's work to say. */

static GQuark
keep_refusal_quark (void)
{
  return g_quark_from_static_string ("thr-store-keep-refusal");
}

static void
remember_refusal (ThrStore     *self,
                  const GError *error)
{
  GError *copy = g_error_copy (error);

  /* Set only where none is: a later refusal is the same fault again. */
  if (!g_object_replace_qdata (G_OBJECT (self), keep_refusal_quark (), NULL, copy,
                               (GDestroyNotify) g_error_free, NULL))
    g_error_free (copy);
}

GError *
thr_store_take_keep_refusal (ThrStore *self)
{
  g_return_val_if_fail (THR_IS_STORE (self), NULL);
  return g_object_steal_qdata (G_OBJECT (self), keep_refusal_quark ());
}

/* The write lock if it is free within a moment: long enough for another
 * worker of the same evaluation to keep its month, too short to wait
 * behind an import to keep what could simply be scanned again. */
#define KEEP_WAIT_MS 250

static gboolean
try_begin (ThrStore *self)
{
  ThrDb *db = thr_store_get_connection (self);
  g_autoptr(GError) error = NULL;

  if (thr_db_in_transaction (db))
    return FALSE;
  if (!thr_db_try_begin (db, KEEP_WAIT_MS, &error))
    {
      g_debug ("figures not kept: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
thr_store_keep_figures (ThrStore                 *self,
                        gint64                    contract_id,
                        gint64                    generation,
                        const ThrStoreKeptFigure *figures,
                        guint                     n_figures,
                        gboolean                 *kept_out,
                        GError                  **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 now;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  if (kept_out)
    *kept_out = FALSE;
  /* On a team store only importers and administrators write kept figures
   * (roles.sql): anyone else's evaluation keeps nothing, and is not
   * refused for it. */
  if (!thr_store_can (self, THR_STORE_RIGHT_IMPORT) && !thr_store_can (self, THR_STORE_RIGHT_ADMIN))
    return TRUE;
  if (n_figures == 0 || !try_begin (self))
    return TRUE;
  if (!thr_store_get_kept_generation (self, &now, &local_error))
    {
      thr_store_rollback (self);
      remember_refusal (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* An import or an undo came between the scan and now: what the scan
   * saw may be stale, and is not kept. */
  if (now != generation)
    {
      thr_store_rollback (self);
      return TRUE;
    }
  for (guint i = 0; i < n_figures; i++)
    if (!insert_kept (self, contract_id, &figures[i], &local_error))
      goto fail;
  if (!thr_store_commit (self, &local_error))
    goto fail;
  if (kept_out)
    *kept_out = TRUE;
  return TRUE;

fail:
  /* A read-only file, a full disk, a busy or lost server: nothing kept,
   * nothing lost.  A server refusing the figures as sent is a fault of
   * ours that would lose every one of them, and is said (the window in
   * Spanish once sent 22,4 for every double, and only the server's log
   * knew). */
  if (thr_db_last_error_refused (thr_store_get_connection (self)))
    {
      GError *refusal = NULL;

      /* The server's words alone: the window names the store it shows,
       * the CLI puts its address before them. */
      g_set_error (&refusal, THR_STORE_ERROR, THR_STORE_ERROR_SERVER, "%s\n%s",
                   _("The figures worked out could not be kept in the store."),
                   thr_db_last_error_words (thr_store_get_connection (self)));
      thr_store_rollback (self);
      remember_refusal (self, refusal);
      g_propagate_error (error, refusal);
      return FALSE;
    }
  thr_store_rollback (self);
  g_debug ("%s: figures not kept: %s", thr_store_get_path (self), local_error->message);
  return TRUE;
}

/* ---- forgetting ---- */

static gboolean
bump_generation (ThrStore  *self,
                 GError   **error)
{
  ThrDbStmt *stmt = thr_store_statement (self, "UPDATE kept_generation SET value = value + 1", error);

  return stmt != NULL && thr_db_stmt_step_done (stmt, error);
}

static gboolean
forget_reaching (ThrStore  *self,
                 gint64     contract_id,
                 gint64     first_day,
                 gint64     last_day,
                 GError   **error)
{
  ThrDbStmt *stmt = thr_store_statement (self,
                                          "DELETE FROM kept_figures WHERE contract_id = ?1 "
                                          "AND reach_first <= ?3 AND reach_last >= ?2", error);

  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  thr_db_stmt_bind_int64 (stmt, 2, first_day);
  thr_db_stmt_bind_int64 (stmt, 3, last_day);
  return thr_db_stmt_step_done (stmt, error) && bump_generation (self, error);
}

gboolean
thr_store_forget_kept_figures (ThrStore  *self,
                               gint64     contract_id,
                               GError   **error)
{
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  stmt = thr_store_statement (self, "DELETE FROM kept_figures WHERE contract_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  return thr_db_stmt_step_done (stmt, error) && bump_generation (self, error);
}

/* Every day a task or a call can be counted on, over a rowid range of one
 * import.  The records of an import are all of its contract, so the
 * contract comes from the import and the aggregate needs no GROUP BY,
 * whose sorter held a million-row import's rows in memory. */
static const char *
record_days_sql (const char *kind)
{
  if (g_strcmp0 (kind, "tasks") == 0)
    return "SELECT min(min(received_day, coalesce(completed_day, received_day), "
           "coalesce(due_day, received_day))), max(max(received_day, coalesce(completed_day, received_day), "
           "coalesce(due_day, received_day))) FROM tasks WHERE id BETWEEN ?1 AND ?2 AND import_id = ?3";
  if (g_strcmp0 (kind, "calls") == 0)
    return "SELECT min(offered_day), max(offered_day) FROM calls "
           "WHERE id BETWEEN ?1 AND ?2 AND import_id = ?3";
  return NULL;
}

static gboolean
forget_record_days (ThrStore    *self,
                    const char  *kind,
                    gint64       contract_id,
                    gint64       first_record,
                    gint64       last_record,
                    gint64       import_id,
                    GError     **error)
{
  const char *sql = record_days_sql (kind);
  ThrDbStmt *stmt;
  gint64 first_day = 0, last_day = 0;
  gboolean found;
  ThrDbStep rc;

  if (sql == NULL)
    return TRUE;
  stmt = thr_store_statement (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, first_record);
  thr_db_stmt_bind_int64 (stmt, 2, last_record);
  thr_db_stmt_bind_int64 (stmt, 3, import_id);
  rc = thr_db_stmt_step (stmt, NULL);
  /* No row matched: the aggregate's one row holds NULLs. */
  found = rc == THR_DB_ROW && !thr_db_stmt_column_is_null (stmt, 0);
  if (found)
    {
      first_day = thr_db_stmt_column_int64 (stmt, 0);
      last_day = thr_db_stmt_column_int64 (stmt, 1);
    }
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_ROW && rc != THR_DB_DONE)
    return thr_store_set_error (self, error);
  return !found || forget_reaching (self, contract_id, first_day, last_day, error);
}

gboolean
_thr_store_forget_kept_for_import (ThrStore  *self,
                                   gint64     import_id,
                                   GError   **error)
{
  g_autofree char *kind = NULL;
  gint64 contract_id = 0, first_record = 0, last_record = 0;
  ThrDbStmt *stmt;
  ThrDbStep rc;

  stmt = thr_store_statement (self, "SELECT kind, first_record, last_record, contract_id FROM imports WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, import_id);
  rc = thr_db_stmt_step (stmt, NULL);
  if (rc == THR_DB_ROW)
    {
      kind = thr_db_stmt_column_dup (stmt, 0);
      /* Without a range (nothing added, or a store older than ranges) the
       * import's rows are looked for in the whole table. */
      first_record = !thr_db_stmt_column_is_null (stmt, 1) ? thr_db_stmt_column_int64 (stmt, 1) : 0;
      last_record = !thr_db_stmt_column_is_null (stmt, 2) ? thr_db_stmt_column_int64 (stmt, 2) : G_MAXINT64;
      contract_id = thr_db_stmt_column_int64 (stmt, 3);
    }
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_ROW && rc != THR_DB_DONE)
    return thr_store_set_error (self, error);
  /* An import of reported figures, references or invoices adds no record:
   * those are read afresh at every evaluation, never kept. */
  if (kind == NULL)
    return TRUE;
  return forget_record_days (self, kind, contract_id, first_record, last_record, import_id, error);
}

gboolean
_thr_store_forget_kept_for_record (ThrStore            *self,
                                   ThrStoreRecordKind   kind,
                                   gint64               rowid,
                                   GError             **error)
{
  ThrDbStmt *stmt;
  gint64 import_id = 0, contract_id = 0;
  ThrDbStep rc;

  stmt = thr_store_statement (self, kind == THR_STORE_RECORD_TASK
                                  ? "SELECT import_id, contract_id FROM tasks WHERE id = ?1"
                                  : "SELECT import_id, contract_id FROM calls WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, rowid);
  rc = thr_db_stmt_step (stmt, NULL);
  if (rc == THR_DB_ROW)
    {
      import_id = thr_db_stmt_column_int64 (stmt, 0);
      contract_id = thr_db_stmt_column_int64 (stmt, 1);
    }
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_ROW && rc != THR_DB_DONE)
    return thr_store_set_error (self, error);
  if (rc != THR_DB_ROW)
    return TRUE;
  return forget_record_days (self, kind == THR_STORE_RECORD_TASK ? "tasks" : "calls", contract_id, rowid, rowid,
                             import_id, error);
}
