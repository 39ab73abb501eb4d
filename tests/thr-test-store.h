/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-store.h — a new store for a test, on the backend the run asks for
 *
 * Under THR_TEST_BACKEND=postgresql (the postgresql suite's second run of
 * the store, import, evaluation, ledger and CAP tests, with THR_TEST_PG
 * naming the server) each store a test makes is a database of its own on
 * the server; otherwise it is a file in the test's folder.  The tests'
 * own SQL goes through the store's connection (thr-store-sql-private.h),
 * so it runs on either.
 */
#pragma once

#include "thr-core.h"

G_BEGIN_DECLS

/* Whether this run's stores are team stores on the server (asked for, and a
 * server named by THR_TEST_PG). */
gboolean  thr_test_store_is_team  (void);
/* A whole test program that runs only against the server (a window test
 * registered as *-postgresql): without THR_TEST_PG it reports every test
 * skipped, in TAP, and exits, or fails under CI=true.  Call after
 * g_test_init(), before any test or store is made.  Does nothing when the
 * run asks for files. */
void      thr_test_store_require_server (void);
/* The address of a new, empty store: DIR/NAME, or a new database. */
char     *thr_test_store_address  (const char *dir,
                                   const char *name);
/* A new database on the server (thr_test_store_is_team() must be true)
 * holding every row of the store file FILE, as copy-store makes it; its
 * address.  Made from a template the first test to ask fills
 * (thr_test_pg_new_copy), so it costs a file copy on the server. */
char     *thr_test_store_copy_file (const char *file);
/* Forgets every figure the store at ADDRESS keeps for its first
 * contract: opened again, its months are scanned afresh, by the history. */
void      thr_test_store_forget_kept (const char *address);
/* The first column of the first row of SQL, as an integer. */
gint64    thr_test_store_value    (ThrStore   *store,
                                   const char *sql);
/* A CAP's FIELD as STORE holds it now (thr_store_get_cap_field), which
 * must be readable. */
char     *thr_test_store_cap_field (ThrStore   *store,
                                    gint64      cap_id,
                                    const char *field);
/* A copy of STORE as a new store beside it (DIR/NAME, or a new
 * database), every row but the kept figures' own: thr_store_backup()
 * for a file, thr_store_copy_rows() (copy-store) into a new database. */
char     *thr_test_store_copy     (ThrStore   *store,
                                   const char *dir,
                                   const char *name);
/* A digest of every row of every table, and of the schema's version, of
 * the store at ADDRESS, read with the backend's own client (sqlite3,
 * libpq) without opening it as a store, which could change it; for a
 * file also of its bytes.  Two equal digests: nothing was written. */
char     *thr_test_store_fingerprint (const char *address);
/* Runs SQL that must succeed on the store at ADDRESS with the backend's
 * own client: a fixture no public function makes (a newer schema, a
 * foreign table). */
void      thr_test_store_exec     (const char *address,
                                   const char *sql);
/* Declares that the test provokes errors of SQLSTATE on purpose in the
 * database at ADDRESS, made here (thr_test_pg_expect_error). */
void      thr_test_store_expect_server_error (const char *address,
                                              const char *sqlstate);
/* The id of the newest import of contract 1 in the store at ADDRESS, read
 * on a connection of its own (0: none). */
gint64    thr_test_store_newest_import (const char *address);
/* Drops the databases made; call after the last store is closed. */
void      thr_test_store_cleanup  (void);

G_END_DECLS
