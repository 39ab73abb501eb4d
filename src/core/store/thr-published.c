/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-published.c — the store's id and the days its calendars last published */
#define G_LOG_DOMAIN "thr-store"

#include "config.h"

#include "thr-period.h"
#include "thr-published.h"
#include "thr-store-sql-private.h"

static char *
read_store_id (ThrStore  *self,
               GError   **error)
{
  ThrDbStmt *stmt = thr_store_statement (self, "SELECT value FROM secrets WHERE name = 'store-id'", error);
  char *id = NULL;
  ThrDbStep rc;

  if (stmt == NULL)
    return NULL;
  rc = thr_db_stmt_step (stmt, NULL);
  if (rc == THR_DB_ROW)
    id = thr_db_stmt_column_dup (stmt, 0);
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_ROW && rc != THR_DB_DONE)
    thr_store_set_error (self, error);
  return id;
}

char *
thr_store_get_store_id (ThrStore  *self,
                        GError   **error)
{
  g_autofree char *fresh = NULL;
  g_autoptr(GError) local_error = NULL;
  ThrDbStmt *stmt;
  char *id;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A store opened read-only (an auditor's copy) that has an id already
   * answers without writing. */
  id = read_store_id (self, &local_error);
  if (id != NULL || local_error != NULL)
    {
      if (local_error)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return id;
    }
  /* A random (version 4) UUID: 122 random bits, so two stores made
   * anywhere never draw the same one, and it reads as a urn:uuid. */
  fresh = g_uuid_string_random ();
  stmt = thr_store_statement (self, "INSERT INTO secrets (name, value) VALUES ('store-id', ?1) "
                                    "ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    return NULL;
  thr_db_stmt_bind_text (stmt, 1, fresh);
  if (!thr_db_stmt_step_done (stmt, error))
    return NULL;
  /* Read back: a second writer may have made it first. */
  return read_store_id (self, error);
}

/* The last published day and sequence of @key; FALSE when never published. */
static gboolean
lookup_published (ThrStore     *self,
                  gint64        contract_id,
                  const char   *key,
                  guint32      *day,
                  guint        *sequence,
                  gboolean     *found,
                  GError      **error)
{
  ThrDbStmt *stmt = thr_store_statement (self,
                                          "SELECT day, sequence FROM published_events "
                                          "WHERE contract_id = ?1 AND key = ?2", error);
  ThrDbStep rc;

  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  thr_db_stmt_bind_text (stmt, 2, key);
  rc = thr_db_stmt_step (stmt, NULL);
  *found = rc == THR_DB_ROW;
  if (*found)
    {
      *found = thr_day_parse_iso (thr_db_stmt_column_text (stmt, 0), day);
      *sequence = (guint) thr_db_stmt_column_int64 (stmt, 1);
    }
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_ROW && rc != THR_DB_DONE)
    return thr_store_set_error (self, error);
  return TRUE;
}

static gboolean
write_published (ThrStore                *self,
                 gint64                   contract_id,
                 const ThrStorePublished *item,
                 GError                 **error)
{
  g_autofree char *day = thr_day_format (item->day);
  ThrDbStmt *stmt = thr_store_statement (self,
                                          "INSERT INTO published_events (contract_id, key, day, sequence) "
                                          "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (contract_id, key) "
                                          "DO UPDATE SET day = excluded.day, sequence = excluded.sequence", error);

  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  thr_db_stmt_bind_text (stmt, 2, item->key);
  thr_db_stmt_bind_text (stmt, 3, day);
  thr_db_stmt_bind_int64 (stmt, 4, item->sequence);
  return thr_db_stmt_step_done (stmt, error);
}

static gboolean
record_one (ThrStore           *self,
            gint64              contract_id,
            ThrStorePublished  *item,
            GError            **error)
{
  guint32 day = 0;
  guint sequence = 0;
  gboolean found = FALSE;

  if (!lookup_published (self, contract_id, item->key, &day, &sequence, &found, error))
    return FALSE;
  item->sequence = !found ? 0 : day == item->day ? sequence : sequence + 1;
  if (found && day == item->day)
    return TRUE;
  return write_published (self, contract_id, item, error);
}

gboolean
thr_store_record_published (ThrStore           *self,
                            gint64              contract_id,
                            ThrStorePublished  *items,
                            guint               n_items,
                            GError            **error)
{
  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  g_return_val_if_fail (items != NULL || n_items == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!thr_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < n_items; i++)
    if (!record_one (self, contract_id, &items[i], error))
      {
        thr_store_rollback (self);
        return FALSE;
      }
  if (!thr_store_commit (self, error))
    {
      thr_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}
