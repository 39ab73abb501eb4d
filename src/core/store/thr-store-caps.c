/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-caps.c — Corrective Action Plans as the store keeps them */
#define G_LOG_DOMAIN "thr-store"

#include "thr-period.h"
#include "thr-store-caps.h"
#include "thr-store-sql-private.h"

/* Dates are kept as ISO text (YYYY-MM-DD); 0 for none or unreadable. */
static guint32
column_day (ThrDbStmt    *stmt,
            int           column)
{
  const char *text = thr_db_stmt_column_text (stmt, column);
  guint32 day = 0;

  if (text == NULL || !thr_day_parse_iso (text, &day))
    return 0;
  return day;
}

void
thr_store_implementation_free (ThrStoreImplementation *implementation)
{
  if (implementation == NULL)
    return;
  g_free (implementation->metric);
  g_free (implementation->failure_month);
  g_free (implementation);
}

GPtrArray *
thr_store_list_implementations (ThrStore  *self,
                                gint64     contract_id,
                                GError   **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_store_implementation_free);
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  stmt = thr_store_statement (self,
                              "SELECT metric, failure_month, implemented_on FROM caps "
                              "WHERE contract_id = ?1 AND implemented_on IS NOT NULL",
                              error);
  if (stmt == NULL)
    return NULL;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  while ((rc = thr_db_stmt_step (stmt, NULL)) == THR_DB_ROW)
    {
      guint32 day = column_day (stmt, 2);
      ThrStoreImplementation *implementation;

      if (day == 0)
        continue;
      implementation = g_new0 (ThrStoreImplementation, 1);
      implementation->metric = thr_db_stmt_column_dup (stmt, 0);
      implementation->failure_month = thr_db_stmt_column_dup (stmt, 1);
      implementation->implemented_on = day;
      g_ptr_array_add (list, implementation);
    }
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_DONE)
    {
      thr_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* ---- CAPs ---- */

/* The columns a caller may read or write by name: the name goes into the
 * statement's text, so it must be one of these, never a caller's word. */
static const char * const cap_columns[] = {
  "documented_on", "submitted_on", "approved_on", "implemented_on", "closed_on",
  "deficiency", "root_cause", "monitoring", "evidence", "signatories", "close_reason",
  "metric", "edited_at", "failure_undone_at", NULL
};

static gboolean
check_cap_column (const char  *field,
                  GError     **error)
{
  if (g_strv_contains (cap_columns, field))
    return TRUE;
  g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND, "a CAP has no field “%s”", field);
  return FALSE;
}

void
thr_store_cap_free (ThrStoreCap *cap)
{
  if (cap == NULL)
    return;
  g_free (cap->metric);
  g_free (cap->failure_month);
  g_free (cap->deficiency);
  g_free (cap->root_cause);
  g_free (cap->monitoring);
  g_free (cap->evidence);
  g_free (cap->signatories);
  g_free (cap->failure_undone_at);
  g_free (cap->close_reason);
  g_free (cap);
}

void
thr_store_cap_action_free (ThrStoreCapAction *action)
{
  if (action == NULL)
    return;
  g_free (action->description);
  g_free (action->owner);
  g_free (action);
}

void
thr_store_cap_audit_free (ThrStoreCapAudit *audit)
{
  if (audit == NULL)
    return;
  g_free (audit->at);
  g_free (audit->field);
  g_free (audit->old_value);
  g_free (audit->new_value);
  g_free (audit->author);
  g_free (audit);
}

static ThrStoreCap *
cap_from_row (ThrDbStmt    *stmt)
{
  ThrStoreCap *cap = g_new0 (ThrStoreCap, 1);

  cap->id = thr_db_stmt_column_int64 (stmt, 0);
  cap->metric = thr_db_stmt_column_dup (stmt, 1);
  cap->failure_month = thr_db_stmt_column_dup (stmt, 2);
  cap->documented_on = column_day (stmt, 3);
  cap->submitted_on = column_day (stmt, 4);
  cap->approved_on = column_day (stmt, 5);
  cap->deficiency = thr_db_stmt_column_dup (stmt, 6);
  cap->root_cause = thr_db_stmt_column_dup (stmt, 7);
  cap->monitoring = thr_db_stmt_column_dup (stmt, 8);
  cap->evidence = thr_db_stmt_column_dup (stmt, 9);
  cap->signatories = thr_db_stmt_column_dup (stmt, 10);
  cap->implemented_on = column_day (stmt, 11);
  cap->edited = !thr_db_stmt_column_is_null (stmt, 12);
  cap->failure_undone_at = thr_db_stmt_column_dup (stmt, 13);
  cap->closed_on = column_day (stmt, 14);
  cap->close_reason = thr_db_stmt_column_dup (stmt, 15);
  cap->row_version = thr_db_stmt_column_int64 (stmt, 16);
  return cap;
}

GPtrArray *
thr_store_list_caps (ThrStore  *self,
                     gint64     contract_id,
                     GError   **error)
{
  g_autoptr(GPtrArray) caps = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_store_cap_free);
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  stmt = thr_store_statement (self,
                              "SELECT id, metric, failure_month, documented_on, submitted_on, approved_on, "
                              "deficiency, root_cause, monitoring, evidence, signatories, implemented_on, "
                              "edited_at, failure_undone_at, closed_on, close_reason, row_version FROM caps "
                              "WHERE contract_id = ?1 ORDER BY failure_month, metric", error);
  if (stmt == NULL)
    return NULL;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  while ((rc = thr_db_stmt_step (stmt, NULL)) == THR_DB_ROW)
    g_ptr_array_add (caps, cap_from_row (stmt));
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_DONE)
    {
      thr_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&caps);
}

GPtrArray *
thr_store_list_cap_actions (ThrStore  *self,
                            gint64     cap_id,
                            GError   **error)
{
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_store_cap_action_free);
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  stmt = thr_store_statement (self,
                              "SELECT id, description, owner, due_on, done_on FROM cap_actions "
                              "WHERE cap_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  thr_db_stmt_bind_int64 (stmt, 1, cap_id);
  while ((rc = thr_db_stmt_step (stmt, NULL)) == THR_DB_ROW)
    {
      ThrStoreCapAction *action = g_new0 (ThrStoreCapAction, 1);

      action->id = thr_db_stmt_column_int64 (stmt, 0);
      action->description = thr_db_stmt_column_dup (stmt, 1);
      action->owner = thr_db_stmt_column_dup (stmt, 2);
      action->due_on = column_day (stmt, 3);
      action->done_on = column_day (stmt, 4);
      g_ptr_array_add (actions, action);
    }
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_DONE)
    {
      thr_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&actions);
}

GPtrArray *
thr_store_list_cap_audit (ThrStore  *self,
                          gint64     cap_id,
                          GError   **error)
{
  g_autoptr(GPtrArray) trail = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_store_cap_audit_free);
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  stmt = thr_store_statement (self,
                              "SELECT at, field, old_value, new_value, author FROM cap_audit WHERE cap_id = ?1 ORDER BY id",
                              error);
  if (stmt == NULL)
    return NULL;
  thr_db_stmt_bind_int64 (stmt, 1, cap_id);
  while ((rc = thr_db_stmt_step (stmt, NULL)) == THR_DB_ROW)
    {
      ThrStoreCapAudit *a = g_new0 (ThrStoreCapAudit, 1);

      a->at = thr_db_stmt_column_dup (stmt, 0);
      a->field = thr_db_stmt_column_dup (stmt, 1);
      a->old_value = thr_db_stmt_column_dup (stmt, 2);
      a->new_value = thr_db_stmt_column_dup (stmt, 3);
      a->author = thr_db_stmt_column_dup (stmt, 4);
      g_ptr_array_add (trail, a);
    }
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_DONE)
    {
      thr_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&trail);
}

gboolean
thr_store_insert_cap (ThrStore    *self,
                      gint64       contract_id,
                      const char  *metric,
                      const char  *failure_month,
                      const char  *documented_on,
                      const char  *created_at,
                      gint64      *id_out,
                      GError     **error)
{
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  *id_out = 0;
  stmt = thr_store_statement (self,
                              "INSERT INTO caps (contract_id, metric, failure_month, documented_on, created_at) "
                              "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  thr_db_stmt_bind_text (stmt, 2, metric);
  thr_db_stmt_bind_text (stmt, 3, failure_month);
  thr_db_stmt_bind_text (stmt, 4, documented_on);
  thr_db_stmt_bind_text (stmt, 5, created_at);
  if (!thr_db_stmt_step_done (stmt, error))
    return FALSE;
  if (thr_db_changes (thr_store_get_connection (self)) > 0)
    *id_out = thr_db_last_insert_id (thr_store_get_connection (self));
  return TRUE;
}

gboolean
thr_store_delete_cap (ThrStore  *self,
                      gint64     cap_id,
                      GError   **error)
{
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  stmt = thr_store_statement (self, "DELETE FROM caps WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, cap_id);
  return thr_db_stmt_step_done (stmt, error);
}

gboolean
thr_store_find_undone_cap (ThrStore    *self,
                           gint64       contract_id,
                           const char  *metric,
                           const char  *failure_month,
                           gint64      *id_out,
                           char       **undone_at_out,
                           GError     **error)
{
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  *id_out = 0;
  *undone_at_out = NULL;
  stmt = thr_store_statement (self,
                              "SELECT id, failure_undone_at FROM caps WHERE contract_id = ?1 AND metric = ?2 "
                              "AND failure_month = ?3 AND failure_undone_at IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  thr_db_stmt_bind_text (stmt, 2, metric);
  thr_db_stmt_bind_text (stmt, 3, failure_month);
  rc = thr_db_stmt_step (stmt, NULL);
  if (rc == THR_DB_ROW)
    {
      *id_out = thr_db_stmt_column_int64 (stmt, 0);
      *undone_at_out = thr_db_stmt_column_dup (stmt, 1);
    }
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_ROW && rc != THR_DB_DONE)
    return thr_store_set_error (self, error);
  return TRUE;
}

gboolean
thr_store_get_cap_field (ThrStore    *self,
                         gint64       cap_id,
                         const char  *field,
                         char       **value_out,
                         GError     **error)
{
  g_autofree char *sql = NULL;
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  *value_out = NULL;
  if (!check_cap_column (field, error))
    return FALSE;
  sql = g_strdup_printf ("SELECT %s FROM caps WHERE id = ?1", field);
  stmt = thr_store_statement (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, cap_id);
  rc = thr_db_stmt_step (stmt, NULL);
  if (rc == THR_DB_ROW)
    *value_out = thr_db_stmt_column_dup (stmt, 0);
  thr_db_stmt_reset (stmt);
  if (rc == THR_DB_DONE)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND, "no CAP %" G_GINT64_FORMAT, cap_id);
      return FALSE;
    }
  if (rc != THR_DB_ROW)
    return thr_store_set_error (self, error);
  return TRUE;
}

gboolean
thr_store_get_cap_version (ThrStore  *self,
                           gint64     cap_id,
                           gint64    *version_out,
                           GError   **error)
{
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  *version_out = 0;
  stmt = thr_store_statement (self, "SELECT row_version FROM caps WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, cap_id);
  rc = thr_db_stmt_step (stmt, NULL);
  if (rc == THR_DB_ROW)
    *version_out = thr_db_stmt_column_int64 (stmt, 0);
  thr_db_stmt_reset (stmt);
  if (rc == THR_DB_DONE)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND, "no CAP %" G_GINT64_FORMAT, cap_id);
      return FALSE;
    }
  if (rc != THR_DB_ROW)
    return thr_store_set_error (self, error);
  return TRUE;
}

gboolean
thr_store_set_cap_field (ThrStore    *self,
                         gint64       cap_id,
                         const char  *field,
                         const char  *value,
                         GError     **error)
{
  g_autofree char *sql = NULL;
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  if (!check_cap_column (field, error))
    return FALSE;
  sql = g_strdup_printf ("UPDATE caps SET %s = ?2 WHERE id = ?1", field);
  stmt = thr_store_statement (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, cap_id);
  thr_db_stmt_bind_text (stmt, 2, value);
  return thr_db_stmt_step_done (stmt, error);
}

gboolean
thr_store_append_cap_audit (ThrStore    *self,
                            gint64       cap_id,
                            const char  *at,
                            const char  *author,
                            const char  *field,
                            const char  *old_value,
                            const char  *new_value,
                            GError     **error)
{
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  stmt = thr_store_statement (self,
                              "INSERT INTO cap_audit (cap_id, at, field, old_value, new_value, author) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, cap_id);
  thr_db_stmt_bind_text (stmt, 2, at);
  thr_db_stmt_bind_text (stmt, 3, field);
  thr_db_stmt_bind_text (stmt, 4, old_value);
  thr_db_stmt_bind_text (stmt, 5, new_value);
  thr_db_stmt_bind_text (stmt, 6, author);
  return thr_db_stmt_step_done (stmt, error);
}

gboolean
thr_store_insert_cap_action (ThrStore    *self,
                             gint64       cap_id,
                             const char  *description,
                             const char  *owner,
                             const char  *due_on,
                             gint64      *id_out,
                             GError     **error)
{
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  *id_out = 0;
  stmt = thr_store_statement (self, "INSERT INTO cap_actions (cap_id, description, owner, due_on) "
                                  "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, cap_id);
  thr_db_stmt_bind_text (stmt, 2, description);
  thr_db_stmt_bind_text (stmt, 3, owner != NULL ? owner : "");
  thr_db_stmt_bind_text (stmt, 4, due_on);
  if (!thr_db_stmt_step_done (stmt, error))
    return FALSE;
  *id_out = thr_db_last_insert_id (thr_store_get_connection (self));
  return TRUE;
}

/* The end of a read of one corrective action by its id: its row, none
 * (an id no action has), or the store's error. */
static gboolean
action_found (ThrStore  *self,
              ThrDbStep  rc,
              gint64     action_id,
              GError   **error)
{
  if (rc == THR_DB_DONE)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND,
                   "no corrective action %" G_GINT64_FORMAT, action_id);
      return FALSE;
    }
  if (rc != THR_DB_ROW)
    return thr_store_set_error (self, error);
  return TRUE;
}

gboolean
thr_store_get_cap_action_done (ThrStore    *self,
                               gint64       action_id,
                               gint64      *cap_id_out,
                               char       **done_on_out,
                               GError     **error)
{
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  *cap_id_out = 0;
  *done_on_out = NULL;
  stmt = thr_store_statement (self, "SELECT cap_id, done_on FROM cap_actions WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, action_id);
  rc = thr_db_stmt_step (stmt, NULL);
  if (rc == THR_DB_ROW)
    {
      *cap_id_out = thr_db_stmt_column_int64 (stmt, 0);
      *done_on_out = thr_db_stmt_column_dup (stmt, 1);
    }
  thr_db_stmt_reset (stmt);
  return action_found (self, rc, action_id, error);
}

/* The action columns a caller may write by name (see cap_columns). */
static const char * const action_columns[] = { "description", "owner", "due_on", "done_on", NULL };

gboolean
thr_store_set_cap_action_field (ThrStore    *self,
                                gint64       action_id,
                                const char  *field,
                                const char  *value,
                                GError     **error)
{
  g_autofree char *sql = NULL;
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  if (!g_strv_contains (action_columns, field))
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_FOUND, "a corrective action has no field “%s”", field);
      return FALSE;
    }
  sql = g_strdup_printf ("UPDATE cap_actions SET %s = ?2 WHERE id = ?1", field);
  stmt = thr_store_statement (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, action_id);
  thr_db_stmt_bind_text (stmt, 2, value);
  return thr_db_stmt_step_done (stmt, error);
}

gboolean
thr_store_set_cap_action_done (ThrStore    *self,
                               gint64       action_id,
                               const char  *done_on,
                               GError     **error)
{
  return thr_store_set_cap_action_field (self, action_id, "done_on", done_on, error);
}

gboolean
thr_store_get_cap_action (ThrStore    *self,
                          gint64       action_id,
                          gint64      *cap_id_out,
                          char       **description_out,
                          char       **owner_out,
                          char       **due_on_out,
                          GError     **error)
{
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  stmt = thr_store_statement (self, "SELECT cap_id, description, owner, due_on FROM cap_actions WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, action_id);
  rc = thr_db_stmt_step (stmt, NULL);
  if (rc == THR_DB_ROW)
    {
      *cap_id_out = thr_db_stmt_column_int64 (stmt, 0);
      *description_out = thr_db_stmt_column_dup (stmt, 1);
      *owner_out = thr_db_stmt_column_dup (stmt, 2);
      *due_on_out = thr_db_stmt_column_dup (stmt, 3);
    }
  thr_db_stmt_reset (stmt);
  return action_found (self, rc, action_id, error);
}

gboolean
thr_store_delete_cap_action (ThrStore  *self,
                             gint64     action_id,
                             GError   **error)
{
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  stmt = thr_store_statement (self, "DELETE FROM cap_actions WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, action_id);
  return thr_db_stmt_step_done (stmt, error);
}
