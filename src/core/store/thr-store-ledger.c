/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-ledger.c — what the ledger reads from the store */
#define G_LOG_DOMAIN "thr-store"

#include "thr-store-ledger.h"
#include "thr-store-sql-private.h"

void
thr_store_invoice_free (ThrStoreInvoice *invoice)
{
  if (invoice == NULL)
    return;
  g_free (invoice->month);
  g_free (invoice->component);
  g_free (invoice);
}

gboolean
thr_store_get_invoice_span (ThrStore   *self,
                            gint64      contract_id,
                            char      **first_out,
                            char      **last_out,
                            GError    **error)
{
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  g_return_val_if_fail (first_out != NULL && last_out != NULL, FALSE);

  *first_out = *last_out = NULL;
  stmt = thr_store_statement (self,
                              "SELECT MIN(v.month), MAX(v.month) FROM invoices v "
                              "JOIN imports i ON i.id = v.import_id WHERE i.contract_id = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  rc = thr_db_stmt_step (stmt, NULL);
  if (rc == THR_DB_ROW && !thr_db_stmt_column_is_null (stmt, 0))
    {
      *first_out = thr_db_stmt_column_dup (stmt, 0);
      *last_out = thr_db_stmt_column_dup (stmt, 1);
    }
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_ROW)
    return thr_store_set_error (self, error);
  return TRUE;
}

GPtrArray *
thr_store_list_invoices (ThrStore  *self,
                         gint64     contract_id,
                         GError   **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_store_invoice_free);
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  stmt = thr_store_statement (self,
                              "SELECT v.month, v.component, v.amount_cents FROM invoices v "
                              "JOIN imports i ON i.id = v.import_id WHERE i.contract_id = ?1 "
                              "ORDER BY v.import_id, v.id",
                              error);
  if (stmt == NULL)
    return NULL;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  while ((rc = thr_db_stmt_step (stmt, NULL)) == THR_DB_ROW)
    {
      ThrStoreInvoice *invoice = g_new0 (ThrStoreInvoice, 1);

      invoice->month = thr_db_stmt_column_dup (stmt, 0);
      invoice->component = thr_db_stmt_column_dup (stmt, 1);
      invoice->amount_cents = thr_db_stmt_column_int64 (stmt, 2);
      g_ptr_array_add (list, invoice);
    }
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_DONE)
    {
      thr_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}
