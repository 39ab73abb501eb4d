/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-sql-private.h — the store's connection, for store/ and test fixtures
 *
 * Only the files of src/core/store/ include this header: every other
 * module reaches the store through the typed functions of the public
 * thr-store-*.h headers, which name no SQLite type, so a second backend
 * can stand behind the same interface.  Tests include it to build
 * fixtures (a damaged row, an old schema) that no public function makes.
 */
#pragma once

#include <sqlite3.h>

#include "thr-db-private.h"
#include "thr-store.h"

G_BEGIN_DECLS

/* How long a writer waits for another to finish before giving up. */
#define THR_STORE_BUSY_TIMEOUT_MS THR_DB_BUSY_TIMEOUT_MS

/* The store's connection (thr-db-private.h) and a kept statement on it:
 * what the store's files speak SQL through. */
ThrDb        *thr_store_get_connection  (ThrStore      *self);
ThrDbStmt    *thr_store_statement       (ThrStore      *self,
                                         const char    *sql,
                                         GError       **error);

sqlite3      *thr_store_get_db          (ThrStore      *self);
/* A cached prepared statement, reset and with bindings cleared. */
sqlite3_stmt *thr_store_prepare         (ThrStore      *self,
                                         const char    *sql,
                                         GError       **error);
gboolean      thr_store_exec            (ThrStore      *self,
                                         const char    *sql,
                                         GError       **error);
/* Sets @error from the connection's last error; returns FALSE. */
gboolean      thr_store_set_error       (ThrStore      *self,
                                         GError       **error);
/* Steps a statement that returns no row (or whose row is not needed). */
gboolean      thr_store_step_done       (ThrStore      *self,
                                         sqlite3_stmt  *stmt,
                                         GError       **error);

/* A copy of a text column, NULL for SQL NULL. */
static inline char *
_thr_store_column_text (sqlite3_stmt *stmt,
                        int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

G_END_DECLS
