/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-pg.h — a database of its own on the test server, for the
 * postgresql suite
 *
 * THR_TEST_PG is the superuser URI that tools/pg-server prints.  Without
 * it a test skips (and says how to run it), except under CI=true, where it
 * fails: CI must never pass a suite that did not run.
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

typedef struct {
  char *name;      /* the database, made for this test and dropped after */
  char *prefix;    /* for roles made by the test (roles are server-wide) */
  PGconn *admin;   /* a superuser connection to it */
  char *made_in;   /* the test that made it ("" before the tests) */
} ThrTestPg;

/* Whether the server is there; if not, skips or fails the current test. */
gboolean   thr_test_pg_available     (void);
/* A fresh database; NULL (the test skipped or failed) without a server. */
ThrTestPg *thr_test_pg_new           (void);
/* Drops the database and its roles.  First, the server's log must hold no
 * ERROR or FATAL about the database but those declared: inside a test
 * the test fails, after g_test_run () thr_test_pg_exit_if_failed () does. */
void       thr_test_pg_free          (ThrTestPg  *pg);
/* Declares that the test provokes errors of SQLSTATE in PG's database on
 * purpose (a role refused, a conflict, a wrong password): the server's
 * log may hold them.  thr_test_pg_exec_refused () declares its own. */
void       thr_test_pg_expect_error  (ThrTestPg  *pg,
                                      const char *sqlstate);
/* The same in the database CONN is connected to. */
void       thr_test_pg_expect_conn_error (PGconn     *conn,
                                          const char *sqlstate);
/* After the databases freed past g_test_run (): fails the program, in
 * TAP, if the server's log held errors no test declared. */
void       thr_test_pg_exit_if_failed (void);
/* A fresh database holding every row of the store file FILE, as
 * copy-store (thr_store_copy_rows) makes it; NULL as thr_test_pg_new().
 * FILE is only read: the rows come from a scratch copy of it.
 * The rows are copied once per server, file and team schema into a
 * template database (thr_template_…, left on the server), and each copy
 * is CREATE DATABASE … TEMPLATE, a copy of the template's files: a window
 * test's store in a fraction of a second rather than a copy row by row. */
ThrTestPg *thr_test_pg_new_copy      (const char *file);
/* A connection to the test's database as USER (NULL: the superuser). */
PGconn    *thr_test_pg_connect       (ThrTestPg  *pg,
                                      const char *user);
/* Runs a file of src/core/store/team/ (schema.sql, roles.sql). */
void       thr_test_pg_run_team_file (ThrTestPg  *pg,
                                      const char *name);
/* Runs SQL that must succeed; the result of its last statement. */
PGresult  *thr_test_pg_exec_ok       (PGconn     *conn,
                                      const char *sql);
/* Runs SQL that the server must refuse with SQLSTATE. */
void       thr_test_pg_exec_refused  (PGconn     *conn,
                                      const char *sql,
                                      const char *sqlstate);
/* The first column of the first row, as text ("" for NULL). */
char      *thr_test_pg_value         (PGconn     *conn,
                                      const char *sql);
/* A LOGIN role named PREFIX_SUFFIX, a member of GROUP (NULL: of none). */
char      *thr_test_pg_add_user      (ThrTestPg  *pg,
                                      const char *suffix,
                                      const char *group);
/* Grants contract CONTRACT_ID to each role named (a NULL-terminated list),
 * as an administrator does (contract_grants). */
void       thr_test_pg_grant         (ThrTestPg  *pg,
                                      gint64      contract_id,
                                      const char *role,
                                      ...) G_GNUC_NULL_TERMINATED;
/* The test database's libpq address as USER (NULL: the superuser), as a
 * person gives it to threshold-cli --db. */
char      *thr_test_pg_address       (ThrTestPg  *pg,
                                      const char *user);
/* The superuser's address of a demo of MONTHS months made in the test's
 * database by threshold-cli demo (THRESHOLD_CLI), as IT staff would. */
char      *thr_test_pg_make_demo     (ThrTestPg  *pg,
                                      guint       months);
/* Fails the test unless the first value of SQL, as text, is EXPECTED. */
void       thr_test_pg_assert_value  (PGconn     *conn,
                                      const char *sql,
                                      const char *expected);
/* threshold-cli (THRESHOLD_CLI) --db DB ARGS… (a NULL-terminated list; DB
 * NULL: no --db): its exit status, -1 for a signal; its output and errors
 * where asked for, dropped otherwise. */
int        thr_test_pg_cli           (const char  *db,
                                      char       **out,
                                      char       **err,
                                      const char  *first,
                                      ...) G_GNUC_NULL_TERMINATED;
/* The same as a command that must succeed: its output. */
char      *thr_test_pg_cli_ok        (const char *db,
                                      const char *first,
                                      ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrTestPg, thr_test_pg_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)
