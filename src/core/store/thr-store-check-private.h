/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-check-private.h — checking a store's schema and pages on open */
#pragma once

#include <glib.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "thr-store.h"
#include "thr-store-check-normalize.h"

G_BEGIN_DECLS

typedef struct {
  char *type;
  char *name;
  char *table;
  char *sql;     /* normalised, see _thr_store_normalize_sql() */
} SchemaEntry;

/* A row of sqlite_schema as the build wrote it down
 * (thr-store-schema-rows.h), its statement normalised. */
typedef struct {
  const char *type;
  const char *name;
  const char *table;
  const char *sql;
} SchemaRow;

/* Refuses (THR_STORE_ERROR_FOREIGN_SCHEMA) any table, column, index,
 * trigger or view that differs from what MIGRATIONS create at VERSION.
 * BUILT_IN: MIGRATIONS are thr_store_migrations, whose schema at the
 * current version the build wrote down; a store that matches those rows
 * needs no reference built in memory. */
gboolean  _thr_store_check_schema     (sqlite3             *db,
                                       const char          *path,
                                       const char * const  *migrations,
                                       guint                version,
                                       gboolean             built_in,
                                       GError             **error);
/* For tests only: the rows the build wrote down, replaced by ROWS (NULL
 * gives the build's back), and how many openings of this process were
 * decided by the reference built in memory. */
void      _thr_store_check_set_rows   (const SchemaRow     *rows,
                                       guint                n_rows);
guint     _thr_store_check_n_built    (void);
/* quick_check and the free page count, unless this user's Threshold
 * recorded the file as it is now (_thr_store_remember_checked); PROGRESS
 * (may be NULL) is called from 0 to 1 as the pages are read, and
 * CANCELLABLE ends the reading (G_IO_ERROR_CANCELLED). */
gboolean  _thr_store_check_pages      (sqlite3             *db,
                                       const char          *path,
                                       ThrStoreCheckFunc    progress,
                                       gpointer             user_data,
                                       GCancellable        *cancellable,
                                       GError             **error);
void      _thr_store_remember_checked (const char          *path);

G_END_DECLS
