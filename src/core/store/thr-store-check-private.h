/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-check-private.h — checking a store's schema and pages on open */
#pragma once

#include <glib.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "thr-store.h"

G_BEGIN_DECLS

typedef struct {
  char *type;
  char *name;
  char *table;
  char *sql;     /* normalised, see _thr_store_normalize_sql() */
} SchemaEntry;

char     *_thr_store_normalize_sql    (const char          *sql);
/* Refuses (THR_STORE_ERROR_FOREIGN_SCHEMA) any table, column, index,
 * trigger or view that differs from what MIGRATIONS create at VERSION. */
gboolean  _thr_store_check_schema     (sqlite3             *db,
                                       const char          *path,
                                       const char * const  *migrations,
                                       guint                version,
                                       GError             **error);
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
