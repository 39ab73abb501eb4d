/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-demo.h — a demo store made with the core's generator, for the tests */
#pragma once

#include "thr-core.h"

G_BEGIN_DECLS

/* Writes the demo's files for @options into a scratch folder under @dir,
 * imports them into a new store @dir/demo.db (a new database on the test
 * server under THR_TEST_BACKEND=postgresql, thr-test-store.h), removes the
 * files and returns the store's address; *contract_id (may be NULL) gets the contract. */
char *thr_test_make_demo_store (const char           *dir,
                                const ThrDemoOptions *options,
                                gint64               *contract_id);

/* A copy in @dir of the demo store the build made once for the test
 * (make-demo-store, named by THR_TEST_DEMO_DB): for the window tests 24
 * months of 200 tasks and 400 calls, for test-report-store of 1,000 and
 * 4,000.  Returns the copy's address: under
 * THR_TEST_BACKEND=postgresql a new database on the test server, a
 * copy of the one that copy-store's function filled from it once per
 * server (thr_test_store_copy_file). */
char *thr_test_copy_demo_store (const char           *dir);

/* A copy of the closed store file @file (no -wal beside it: every row in
 * the one file) as @dir/demo.db, whose path it returns. */
char *thr_test_copy_store_file (const char           *file,
                                const char           *dir);

/* thr_test_copy_demo_store () into a new folder of its own under @dir:
 * a window destroyed before may outlive it (its threads hold its
 * session) with connections open on the last copy, whose -wal a new copy
 * at the same path would share. */
char *thr_test_copy_demo_store_apart (const char           *dir);

G_END_DECLS
