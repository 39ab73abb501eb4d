/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-db-pg-private.h — the PostgreSQL backend of the store's seam
 *
 * Only thr-db.c and thr-db-pg.c include this: the store's other files
 * see ThrDb and ThrDbStmt (thr-db-private.h) and never learn which
 * backend answers.
 */
#pragma once

#include <libpq-fe.h>

#include "thr-db-private.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* The connection, shared by its two backends' files. */
struct _ThrDb
{
  GObject     parent_instance;
  char       *path;           /* the file, or the address without its password */
  GHashTable *statements;     /* SQL text → ThrDbStmt* */

  sqlite3    *sqlite;         /* SQLite: NULL on PostgreSQL */

  PGconn     *pg;             /* PostgreSQL: NULL on SQLite */
  char       *pg_error;       /* the last failure's message */
  char        pg_sqlstate[6]; /* and its SQLSTATE */
  gboolean    pg_in_transaction;
  guint       n_statements;   /* names the server's prepared statements */
  ThrDbStmt  *streaming;      /* the streamed statement rows are coming for */
  ThrDbStmt  *copying;        /* the bulk insert a COPY … FROM STDIN is open for */
  GString    *copy_row;       /* one row of it, as COPY's text format */
  gboolean    held_by_policies; /* row-level security holds the user (not the owner) */
  gint64      last_insert_id;
  gint64      changes;
  char       *pg_address;     /* as given, password included: never shown */
  PGconn     *listener;       /* hears other connections' commits (thr-db-pg-notify.c) */
  gint64      data_version;   /* how many of them it heard */
};

/* A statement's PostgreSQL side. */
struct _ThrDbPgStmt
{
  char      *name;         /* of the server-side prepared statement */
  char      *sql;          /* translated: $n placeholders, PostgreSQL's words */
  int        n_params;     /* distinct placeholders, numbered densely */
  int        param_of[THR_DB_MAX_PARAMS + 1]; /* ?N → its $n - 1, -1 if unused */
  char     **values;       /* n_params owned texts, NULL for SQL NULL */
  gboolean   prepared;     /* on the server */
  gboolean   ran_once;     /* unnamed, before it was prepared */
  gboolean   returns_id;   /* an INSERT given "RETURNING id" */
  gboolean   streamed;     /* rows fetched one at a time (single-row mode) */
  gboolean   running;      /* stepped since the last reset */
  gboolean   in_flight;    /* streamed rows still coming from the server */
  GQueue     buffered;     /* PGresult* read ahead when another statement ran */
  PGresult  *result;       /* what the current row is read from */
  int        row;          /* the current row in result */

  /* A bulk insert: its rows go to the server with COPY … FROM STDIN. */
  char      *copy_table;
  char      *copy_sql;     /* "COPY table (id, columns…) FROM STDIN" */
  int       *copy_slots;   /* the value each column after id takes */
  int        n_copy_slots;
  gboolean   copy_gives_ids; /* the rows bring no id of their own */
  gboolean   copy_has_ids;   /* the table has an id column */
  gint64     next_id;      /* the id the next row is given */
  gint64     first_id;     /* the id the open COPY gave first */
  char      *copy_columns; /* "id, columns…" of the COPY */
  int        copy_contract_slot; /* the value naming the row's contract, -1 if none */
  gboolean   copy_into_part;     /* this COPY goes into its contract's part */
};

gboolean   _thr_db_pg_connect      (ThrDb        *self,
                                    const char   *address,
                                    GError      **error);
void       _thr_db_pg_close        (ThrDb        *self);
/* thr-db-pg-notify.c */
const char *_thr_db_pg_notify_sql  (void);
gint64     _thr_db_pg_get_data_version (ThrDb    *self);
guint      _thr_db_pg_add_watch    (ThrDb        *self,
                                    GSourceFunc   func,
                                    gpointer      data,
                                    GError      **error);
void       _thr_db_pg_notify_close (ThrDb        *self);
gboolean   _thr_db_pg_set_person   (ThrDb        *self,
                                    const char   *name,
                                    GError      **error);
gboolean   _thr_db_pg_set_error    (ThrDb        *self,
                                    GError      **error);
gboolean   _thr_db_pg_free_connection (ThrDb     *self,
                                    GError      **error);
gboolean   _thr_db_pg_exec         (ThrDb        *self,
                                    const char   *sql,
                                    GError      **error);
gboolean   _thr_db_pg_init_stmt    (ThrDb        *self,
                                    ThrDbStmt    *stmt,
                                    const char   *sql,
                                    gboolean      streamed,
                                    gboolean      bulk,
                                    GError      **error);
void       _thr_db_pg_free_stmt    (ThrDbStmt    *stmt);
gboolean   _thr_db_pg_begin        (ThrDb        *self,
                                    guint         wait_ms,
                                    GError      **error);
gboolean   _thr_db_pg_commit       (ThrDb        *self,
                                    GError      **error);
void       _thr_db_pg_rollback     (ThrDb        *self);
/* The SQL that PostgreSQL runs for SQLite's @sql (placeholders, words
 * only SQLite knows); sets *returns_id for an INSERT that gives its id. */
char      *_thr_db_pg_translate    (const char   *sql,
                                    int          *param_of,
                                    int          *n_params,
                                    gboolean     *returns_id);

G_END_DECLS
