/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-db-private.h — the store's connection and statements, whatever the backend
 *
 * The files of src/core/store/ speak SQL through this seam only: a
 * ThrDb is one connection (today an SQLite file; a PostgreSQL team store
 * or a PostgreSQL team store, thr-db-pg.c), a ThrDbStmt one prepared
 * statement that the connection keeps.  Failures are GErrors in the
 * store's own domain and codes (THR_STORE_ERROR), worded for a user.
 *
 * SQL handed to it is written so both backends accept it: numbered
 * parameters (?1, ?2 …, which PostgreSQL spells $1, $2 …), ON CONFLICT …
 * DO NOTHING rather than INSERT OR IGNORE.  Where the dialects differ the
 * seam has one function per backend, never a test spread through the store.
 *
 * The statement accessors are inline: the scan of raw records reads
 * millions of columns, and each read must cost what sqlite3_column_*
 * costs, not a call more.
 */
#pragma once

#include <sqlite3.h>

#include "thr-store.h"

G_BEGIN_DECLS

/* How long a writer waits for another to finish before giving up. */
#define THR_DB_BUSY_TIMEOUT_MS 5000
/* The highest ?N a statement may use. */
#define THR_DB_MAX_PARAMS 32

#define THR_TYPE_DB (thr_db_get_type ())
G_DECLARE_FINAL_TYPE (ThrDb, thr_db, THR, DB, GObject)

typedef struct _ThrDbStmt ThrDbStmt;
typedef struct _ThrDbPgStmt ThrDbPgStmt;

/* What stepping a statement gave. */
typedef enum {
  THR_DB_ERROR = -1,  /* the error is set */
  THR_DB_DONE  = 0,
  THR_DB_ROW   = 1,
} ThrDbStep;

/* What a column of the current row holds. */
typedef enum {
  THR_DB_NULL,
  THR_DB_INTEGER,
  THR_DB_FLOAT,
  THR_DB_TEXT,
} ThrDbKind;

struct _ThrDbStmt
{
  ThrDb        *db;       /* not owned: the connection keeps its statements */
  sqlite3_stmt *sqlite;   /* NULL on PostgreSQL */
  ThrDbPgStmt  *pg;       /* NULL on SQLite */
};

/* PostgreSQL's side of the accessors below (thr-db-pg.c). */
void          _thr_db_pg_bind           (ThrDbStmt     *stmt,
                                         int            param,
                                         char          *value);
void          _thr_db_pg_clear_bindings (ThrDbStmt     *stmt);
ThrDbStep     _thr_db_pg_step           (ThrDbStmt     *stmt,
                                         GError       **error);
void          _thr_db_pg_reset          (ThrDbStmt     *stmt);
const char   *_thr_db_pg_value          (ThrDbStmt     *stmt,
                                         int            column);
gsize         _thr_db_pg_length         (ThrDbStmt     *stmt,
                                         int            column);
gint64        _thr_db_pg_int64          (ThrDbStmt     *stmt,
                                         int            column);
double        _thr_db_pg_double         (ThrDbStmt     *stmt,
                                         int            column);
ThrDbKind     _thr_db_pg_kind           (ThrDbStmt     *stmt,
                                         int            column);

/* ---- the connection ---- */

/* Opens (creating it if need be) the SQLite file @path with the busy
 * timeout and extended result codes set; nothing is read or written yet. */
ThrDb        *thr_db_open_sqlite        (const char    *path,
                                         GError       **error);
/* Connects to the PostgreSQL server a libpq address names
 * (postgresql://…, postgres://…, with what it leaves out taken from the
 * PG* environment variables and the service file). */
ThrDb        *thr_db_open_postgresql    (const char    *address,
                                         GError       **error);
gboolean      thr_db_is_postgresql      (ThrDb         *self);
const char   *thr_db_get_path           (ThrDb         *self);
/* The SQLite connection, for what only an SQLite file has (its header
 * checks, the online backup) and for tests' fixtures; NULL on another
 * backend. */
sqlite3      *thr_db_get_sqlite         (ThrDb         *self);

/* Names the person behind the connection's changes: on a team store the
 * server writes it beside the database role in every row changed
 * (threshold.person, read by the schema's threshold_person()); a store
 * file has no such columns and the call does nothing. */
gboolean      thr_db_set_person         (ThrDb         *self,
                                         const char    *name,
                                         GError       **error);
/* Whether the last failure was the PostgreSQL server refusing what was
 * sent as wrong (a value, a constraint, the statement itself), a fault of
 * the program rather than of the server's state; never for SQLite. */
gboolean      thr_db_last_error_refused (ThrDb         *self);
/* The server's own words for the last failure (its message, then the
 * detail and the hint each on a line), without the store's address that
 * thr_db_set_error () puts before them; NULL for SQLite. */
const char   *thr_db_last_error_words   (ThrDb         *self);
/* Sets @error from the connection's last failure; returns FALSE. */
gboolean      thr_db_set_error          (ThrDb         *self,
                                         GError       **error);
/* Runs one or more statements that return no rows. */
gboolean      thr_db_exec               (ThrDb         *self,
                                         const char    *sql,
                                         GError       **error);
/* A kept prepared statement for @sql, reset and with no parameter bound. */
ThrDbStmt    *thr_db_prepare            (ThrDb         *self,
                                         const char    *sql,
                                         GError       **error);
/* The same, for a scan that may return millions of rows: the server
 * sends them one at a time rather than all at once (SQLite steps through
 * its file that way anyway). */
ThrDbStmt    *thr_db_prepare_streamed   (ThrDb         *self,
                                         const char    *sql,
                                         GError       **error);
/* The same, for an INSERT … VALUES (?1, …) that an import runs for each
 * of its rows: on a team store the rows travel with COPY … FROM STDIN,
 * and its ids (thr_db_last_insert_id) are given by the store, as
 * SQLite gives them (the largest so far, plus one).  A failure of a row
 * may then be told by the next statement, or the commit. */
ThrDbStmt    *thr_db_prepare_bulk       (ThrDb         *self,
                                         const char    *sql,
                                         GError       **error);
/* begin takes the write lock at once (THR_STORE_ERROR_BUSY when another
 * writer keeps it past the busy timeout); rollback does nothing outside
 * a transaction. */
gboolean      thr_db_begin              (ThrDb         *self,
                                         GError       **error);
gboolean      thr_db_commit             (ThrDb         *self,
                                         GError       **error);
void          thr_db_rollback           (ThrDb         *self);
/* begin, waiting at most @wait_ms for another writer. */
gboolean      thr_db_try_begin          (ThrDb         *self,
                                         guint          wait_ms,
                                         GError       **error);
gboolean      thr_db_in_transaction     (ThrDb         *self);
/* The id of the row the last INSERT made, and how many rows the last
 * INSERT, UPDATE or DELETE changed. */
gint64        thr_db_last_insert_id     (ThrDb         *self);
gint64        thr_db_changes            (ThrDb         *self);
/* How much of the store the connection keeps in memory (SQLite's page
 * cache; the server manages its own). */
void          thr_db_set_cache_size     (ThrDb         *self,
                                         guint          kib);
/* A number that changes when another connection commits (SQLite's
 * data_version; on a team store, the other connections' commits heard,
 * counted from the first call). */
gint64        thr_db_get_data_version   (ThrDb         *self);
/* Team stores: calls @func on the thread-default main context when
 * another connection's commit is heard (thr-db-pg-notify.c); a source id. */
guint         thr_db_add_watch          (ThrDb         *self,
                                         GSourceFunc    func,
                                         gpointer       data,
                                         GError       **error);

/* ---- a statement ---- */

static inline void
thr_db_stmt_bind_null (ThrDbStmt *stmt,
                       int        param)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    sqlite3_bind_null (stmt->sqlite, param);
  else
    _thr_db_pg_bind (stmt, param, NULL);
}

static inline void
thr_db_stmt_bind_int64 (ThrDbStmt *stmt,
                        int        param,
                        gint64     value)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    sqlite3_bind_int64 (stmt->sqlite, param, value);
  else
    _thr_db_pg_bind (stmt, param, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

static inline void
thr_db_stmt_bind_double (ThrDbStmt *stmt,
                         int        param,
                         double     value)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    sqlite3_bind_double (stmt->sqlite, param, value);
  else
    {
      /* Not printf: under a locale that writes 22,4 (the window in
       * Spanish) the server refused every decimal value. */
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      _thr_db_pg_bind (stmt, param, g_strdup (g_ascii_formatd (text, sizeof text, "%.17g", value)));
    }
}

/* Copies @text (NULL binds SQL NULL); @len -1 for a nul-terminated one. */
static inline void
thr_db_stmt_bind_text_len (ThrDbStmt  *stmt,
                           int         param,
                           const char *text,
                           int         len)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    sqlite3_bind_text (stmt->sqlite, param, text, len, SQLITE_TRANSIENT);
  else
    _thr_db_pg_bind (stmt, param, text == NULL ? NULL : len < 0 ? g_strdup (text) : g_strndup (text, (gsize) len));
}

static inline void
thr_db_stmt_bind_text (ThrDbStmt  *stmt,
                       int         param,
                       const char *text)
{
  thr_db_stmt_bind_text_len (stmt, param, text, -1);
}

/* Does not copy @text, which must stay as it is until the statement is
 * stepped and reset: what an import's per-row inserts use. */
static inline void
thr_db_stmt_bind_text_static (ThrDbStmt  *stmt,
                              int         param,
                              const char *text)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    sqlite3_bind_text (stmt->sqlite, param, text, -1, SQLITE_STATIC);
  else
    _thr_db_pg_bind (stmt, param, g_strdup (text));
}

static inline ThrDbStep
thr_db_stmt_step (ThrDbStmt  *stmt,
                  GError    **error)
{
  int rc;

  if (G_UNLIKELY (stmt->sqlite == NULL))
    return _thr_db_pg_step (stmt, error);
  rc = sqlite3_step (stmt->sqlite);
  if (G_LIKELY (rc == SQLITE_ROW))
    return THR_DB_ROW;
  if (rc == SQLITE_DONE)
    return THR_DB_DONE;
  thr_db_set_error (stmt->db, error);
  return THR_DB_ERROR;
}

/* Steps a statement whose rows are not needed, and resets it. */
gboolean      thr_db_stmt_step_done     (ThrDbStmt     *stmt,
                                         GError       **error);

static inline void
thr_db_stmt_reset (ThrDbStmt *stmt)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    sqlite3_reset (stmt->sqlite);
  else
    _thr_db_pg_reset (stmt);
}

static inline gboolean
thr_db_stmt_column_is_null (ThrDbStmt *stmt,
                            int        column)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    return sqlite3_column_type (stmt->sqlite, column) == SQLITE_NULL;
  return _thr_db_pg_value (stmt, column) == NULL;
}

static inline gint64
thr_db_stmt_column_int64 (ThrDbStmt *stmt,
                          int        column)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    return sqlite3_column_int64 (stmt->sqlite, column);
  return _thr_db_pg_int64 (stmt, column);
}

static inline int
thr_db_stmt_column_int (ThrDbStmt *stmt,
                        int        column)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    return sqlite3_column_int (stmt->sqlite, column);
  return (int) _thr_db_pg_int64 (stmt, column);
}

static inline double
thr_db_stmt_column_double (ThrDbStmt *stmt,
                           int        column)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    return sqlite3_column_double (stmt->sqlite, column);
  return _thr_db_pg_double (stmt, column);
}

/* NULL for SQL NULL; valid until the next step or reset. */
static inline const char *
thr_db_stmt_column_text (ThrDbStmt *stmt,
                         int        column)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    return (const char *) sqlite3_column_text (stmt->sqlite, column);
  return _thr_db_pg_value (stmt, column);
}

/* The length in bytes of a text column (read it first). */
static inline gsize
thr_db_stmt_column_length (ThrDbStmt *stmt,
                           int        column)
{
  if (G_LIKELY (stmt->sqlite != NULL))
    return (gsize) sqlite3_column_bytes (stmt->sqlite, column);
  return _thr_db_pg_length (stmt, column);
}

static inline ThrDbKind
thr_db_stmt_column_kind (ThrDbStmt *stmt,
                         int        column)
{
  if (G_UNLIKELY (stmt->sqlite == NULL))
    return _thr_db_pg_kind (stmt, column);
  switch (sqlite3_column_type (stmt->sqlite, column))
    {
    case SQLITE_NULL:
      return THR_DB_NULL;
    case SQLITE_INTEGER:
      return THR_DB_INTEGER;
    case SQLITE_FLOAT:
      return THR_DB_FLOAT;
    default:
      return THR_DB_TEXT;
    }
}

/* A copy of a text column, NULL for SQL NULL. */
static inline char *
thr_db_stmt_column_dup (ThrDbStmt *stmt,
                        int        column)
{
  return g_strdup (thr_db_stmt_column_text (stmt, column));
}

G_END_DECLS
