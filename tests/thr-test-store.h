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
/* The address of a new, empty store: DIR/NAME, or a new database. */
char     *thr_test_store_address  (const char *dir,
                                   const char *name);
/* The first column of the first row of SQL, as an integer. */
gint64    thr_test_store_value    (ThrStore   *store,
                                   const char *sql);
/* Drops the databases made; call after the last store is closed. */
void      thr_test_store_cleanup  (void);

G_END_DECLS
