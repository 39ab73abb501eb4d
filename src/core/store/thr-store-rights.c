/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-rights.c — what the person behind a store may do in it */
#define G_LOG_DOMAIN "thr-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-store-rights-private.h"
#include "thr-store-sql-private.h"

/* The group roles of roles.sql, in the order of the query's columns. */
static const struct {
  const char     *role;
  ThrStoreRights  right;
} group_roles[] = {
  { "threshold_editor", THR_STORE_RIGHT_EDIT },
  { "threshold_importer", THR_STORE_RIGHT_IMPORT },
  { "threshold_admin", THR_STORE_RIGHT_ADMIN },
};

/* The tables' owner and a superuser are not held by row-level security
 * (nor is a role that bypasses it): they may do everything.  Anyone else
 * has what the group roles they are a member of give.  Membership is
 * inherited: a login role granted threshold_editor is a member of it. */
#define RIGHTS_SQL \
  "SELECT coalesce ((SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user), false) " \
  "    OR pg_has_role (current_user, (SELECT relowner FROM pg_class WHERE oid = 'contracts'::regclass), 'MEMBER'), " \
  "  EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'threshold_editor' AND pg_has_role (current_user, oid, 'MEMBER')), " \
  "  EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'threshold_importer' AND pg_has_role (current_user, oid, 'MEMBER')), " \
  "  EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'threshold_admin' AND pg_has_role (current_user, oid, 'MEMBER'))"

gboolean
_thr_store_query_rights (ThrStore        *self,
                         ThrStoreRights  *rights_out,
                         GError         **error)
{
  ThrDbStmt *stmt = thr_store_statement (self, RIGHTS_SQL, error);
  ThrStoreRights rights = THR_STORE_RIGHT_READ;

  if (stmt == NULL)
    return FALSE;
  if (thr_db_stmt_step (stmt, error) != THR_DB_ROW)
    {
      thr_db_stmt_reset (stmt);
      return FALSE;
    }
  if (thr_db_stmt_column_int (stmt, 0))
    rights = THR_STORE_RIGHTS_ALL;
  for (guint i = 0; i < G_N_ELEMENTS (group_roles); i++)
    if (thr_db_stmt_column_int (stmt, (int) i + 1))
      rights |= group_roles[i].right;
  thr_db_stmt_reset (stmt);
  *rights_out = rights;
  return TRUE;
}

gboolean
thr_store_can (ThrStore       *self,
               ThrStoreRights  rights)
{
  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  return (thr_store_get_rights (self) & rights) == rights;
}

char *
thr_store_describe_missing_right (ThrStoreRights right)
{
  if (right & THR_STORE_RIGHT_IMPORT)
    return g_strdup (_("Your role on this team store cannot import or undo imports; "
                       "ask an administrator for the importer role"));
  if (right & THR_STORE_RIGHT_EDIT)
    return g_strdup (_("Your role on this team store cannot edit CAPs; "
                       "ask an administrator for the editor role"));
  if (right & THR_STORE_RIGHT_ADMIN)
    return g_strdup (_("Your role on this team store cannot change contracts or calendars; "
                       "ask an administrator for the administrator role"));
  return g_strdup (_("Your role on this team store cannot read it; ask an administrator for the viewer role"));
}

gboolean
thr_store_check_right (ThrStore        *self,
                       ThrStoreRights   right,
                       GError         **error)
{
  g_autofree char *why = NULL;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  if (thr_store_can (self, right))
    return TRUE;
  why = thr_store_describe_missing_right (right);
  g_set_error_literal (error, THR_STORE_ERROR, THR_STORE_ERROR_RIGHTS, why);
  return FALSE;
}
