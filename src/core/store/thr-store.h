/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store.h — the store holding contracts, imports and records
 *
 * A store is one SQLite file, or a team store: a database on a PostgreSQL
 * server (thr_store_is_team_address), with the same tables and the same
 * results.  What follows about files, pages and PRAGMAs is SQLite's; a
 * team store's schema is team/schema.sql, recorded in its schema_version
 * table, and its backups are the server's (pg_dump).
 *
 * WAL, foreign keys, a busy timeout; the schema is versioned by
 * PRAGMA user_version with one migration step per version.  An upgrade
 * runs all its steps in one BEGIN IMMEDIATE … COMMIT, so a store is never
 * left between two versions.  Statements are prepared once and kept.
 *
 * This header and the thr-store-*.h beside it are the store's whole
 * interface: they name no SQLite type and take no SQL, so another backend
 * can stand behind them.  The SQLite connection itself is reached only
 * from store/ (thr-store-sql-private.h).
 *
 * Opening refuses, with THR_STORE_ERROR_NEWER or _NOT_STORE and without
 * writing anything, a store from a newer Threshold, a file that is not
 * SQLite, an SQLite database that is not a store, and (SQLite's own check)
 * a store shorter than its header says.  Before upgrading a store from
 * schema N, it copies it to "FILE.backup-vN".
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define THR_STORE_ERROR (thr_store_error_quark ())
GQuark thr_store_error_quark (void);

typedef enum {
  THR_STORE_ERROR_SQLITE,     /* message from sqlite3_errmsg */
  THR_STORE_ERROR_NEWER,      /* written by a newer Threshold */
  THR_STORE_ERROR_NOT_STORE,  /* not an SQLite file, or damaged */
  THR_STORE_ERROR_NOT_FOUND,  /* no such contract or import */
  THR_STORE_ERROR_EXISTS,
  THR_STORE_ERROR_BUSY,       /* another writer held the store past the busy timeout */
  THR_STORE_ERROR_FOREIGN_SCHEMA, /* a table, column, index, trigger or view Threshold did not create */
  THR_STORE_ERROR_INVALID,    /* a value the store refuses (a closure on a weekend) */
  THR_STORE_ERROR_FOLDER,     /* SQLite cannot lock the store or keep its journal where it is */
  /* A choice the user makes; each front end says where (the CLI's
   * --contract, init and contracts commands). */
  THR_STORE_ERROR_SEVERAL_CONTRACTS, /* no contract was named and the store holds several */
  THR_STORE_ERROR_NO_CONTRACT,       /* the store holds no contract yet */
  THR_STORE_ERROR_UNKNOWN_CONTRACT,  /* no contract has the id or template named */
  THR_STORE_ERROR_TEAM_STORE,        /* what only a store file can do, asked of a team store */
  THR_STORE_ERROR_SERVER,            /* the PostgreSQL server refused, or the connection failed */
  THR_STORE_ERROR_CONFLICT,          /* someone else changed the CAP since it was loaded (thr_cap_*_checked) */
  THR_STORE_ERROR_RIGHTS,            /* the user's role on a team store may not do this (thr-store-rights.h) */
} ThrStoreError;

#define THR_STORE_SCHEMA_VERSION 13

#define THR_TYPE_STORE (thr_store_get_type ())
G_DECLARE_FINAL_TYPE (ThrStore, thr_store, THR, STORE, GObject)

/* Whether @path is a PostgreSQL address (postgresql://…, postgres://…):
 * thr_store_open() then connects to a team store on that server rather
 * than opening a file.  libpq reads what the address leaves out (host,
 * user, password, database) from the PG* environment variables, and
 * "postgresql:///?service=NAME" from the service file; a new, empty
 * database gets the team schema. */
gboolean      thr_store_is_team_address (const char   *path);
ThrStore     *thr_store_open            (const char    *path,
                                         GError       **error);
/* How far the check of a store's pages has gone, from 0 to 1, called in
 * the thread that opens it: only for a file this user's Threshold did not
 * last leave as it is now, whose every page is read (about 3–4 minutes
 * for 6.4 GB), never for one it did, nor for a team store. */
typedef void (*ThrStoreCheckFunc) (double   fraction,
                                   gpointer user_data);
/* thr_store_open(), telling PROGRESS (may be NULL) how far that check
 * has gone; CANCELLABLE ends it (G_IO_ERROR_CANCELLED). */
ThrStore     *thr_store_open_checking   (const char        *path,
                                         ThrStoreCheckFunc  progress,
                                         gpointer           user_data,
                                         GCancellable      *cancellable,
                                         GError           **error);
const char   *thr_store_get_path        (ThrStore      *self);
/* A consistent copy of the whole store at DEST_PATH (replaced if it
 * exists), made with SQLite's online backup API. */
gboolean      thr_store_backup          (ThrStore      *self,
                                         const char    *dest_path,
                                         GError       **error);
/* One transaction around several writes (an import, a CAP edit and its
 * audit line): begin takes the write lock at once, so a second writer
 * waits or fails before anything is written (THR_STORE_ERROR_BUSY). */
gboolean      thr_store_begin           (ThrStore      *self,
                                         GError       **error);
gboolean      thr_store_commit          (ThrStore      *self,
                                         GError       **error);
void          thr_store_rollback        (ThrStore      *self);

/* Contracts held in the store. */
typedef struct {
  gint64  id;
  char   *template_id;
  char   *name;
  char   *created_at;
} ThrStoreContract;

void          thr_store_contract_free   (ThrStoreContract *contract);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrStoreContract, thr_store_contract_free)

gint64        thr_store_add_contract    (ThrStore      *self,
                                         const char    *template_id,
                                         const char    *name,
                                         GBytes        *definition,
                                         GError       **error);
GPtrArray    *thr_store_list_contracts  (ThrStore      *self,
                                         GError       **error);
GBytes       *thr_store_get_definition  (ThrStore      *self,
                                         gint64         contract_id,
                                         GError       **error);
gint64        thr_store_resolve_contract (ThrStore     *self,
                                         const char    *id_or_template,
                                         GError       **error);

/* The earliest and latest months (YYYY-MM) of anything imported for the
 * contract (its reported figures and its records), both NULL when nothing
 * was; FALSE when the store cannot be read. */
gboolean      thr_store_get_month_span  (ThrStore      *self,
                                         gint64         contract_id,
                                         char         **first_out,
                                         char         **last_out,
                                         GError       **error);

/* Imports of a contract, newest first. */
typedef struct {
  gint64  id;
  char   *kind;
  char   *file_name;
  char   *imported_at;
  gint64  n_rows;
} ThrStoreImport;

void          thr_store_import_free     (ThrStoreImport *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrStoreImport, thr_store_import_free)

GPtrArray    *thr_store_list_imports    (ThrStore      *self,
                                         gint64         contract_id,
                                         GError       **error);

/* What a window watching the store compares to see whether another
 * program wrote to it.  The data version changes when another connection
 * commits, never for this connection's own writes; the imports stamp
 * ("COUNT:LAST_ID" of every contract's imports) changes only when an
 * import is made or undone.  -1 and NULL when the store cannot be read. */
gint64        thr_store_get_data_version (ThrStore     *self);
/* On a team store, calls @func (on the thread-default main context)
 * within a fraction of a second of another connection's commit, which
 * the server announces (LISTEN/NOTIFY); remove it with g_source_remove().
 * A store file is watched through its file (THR_STORE_ERROR_TEAM_STORE
 * here). */
guint         thr_store_add_watch       (ThrStore     *self,
                                         GSourceFunc   func,
                                         gpointer      data,
                                         GError      **error);
char         *thr_store_get_imports_stamp (ThrStore    *self);
/* What a person sees change: contracts, imports, CAPs with their actions
 * and audit trail, and calendar closures, as counts and last ids.  The
 * figures an evaluation keeps (thr-store-kept.h) and the days a calendar
 * export published (thr-published.h) are left out, so a window can tell
 * another program's evaluation or export, which change the data version
 * and nothing it shows, from a change to the data. */
char         *thr_store_get_content_stamp (ThrStore    *self);

G_END_DECLS
