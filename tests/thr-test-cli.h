/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-cli.h — a small store driven through threshold-cli, as the
 * command-line contract's hidden cases drive it: init, CSV files written
 * and imported, JSON read back. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  char *dir;  /* a temporary folder: the store (on SQLite) and the files written */
  char *db;   /* the store's address on the run's backend (thr_test_store_address) */
} ThrTestCliStore;

/* A new store from `init --template TEMPLATE` in a folder named from
 * PREFIX ("thr-cli-asof") (thr_test_cli_init_store); thr_test_cli_store_clear
 * removes both. */
void        thr_test_cli_store_init    (ThrTestCliStore  *store,
                                        const char       *prefix,
                                        const char       *template_id);
void        thr_test_cli_store_clear   (ThrTestCliStore  *store);
/* The address of a new store in DIR (DIR/store.db, or a new database on
 * the test server) holding what `init --template TEMPLATE_ID` makes;
 * *out (may be NULL) gets init's standard output.  On files init runs
 * once per program and template and each store is a copy of its file
 * (*out is that run's, which names the file copied); a team store runs
 * init each time. */
char       *thr_test_cli_init_store    (const char       *dir,
                                        const char       *template_id,
                                        char            **out);

/* Runs threshold-cli with ARGS (--db DB first unless DB is NULL) in ENVP
 * (NULL: ours); its exit status, its output in *out and *err when asked. */
int         thr_test_cli_run_args      (const char       *db,
                                        char            **envp,
                                        GPtrArray        *args,
                                        char            **out,
                                        char            **err);
/* The same with the arguments from FIRST up to NULL. */
int         thr_test_cli_run_valist    (const char       *db,
                                        char            **out,
                                        char            **err,
                                        const char       *first,
                                        va_list           args);
/* The same on STORE. */
int         thr_test_cli               (const ThrTestCliStore *store,
                                        char            **out,
                                        char            **err,
                                        const char       *first,
                                        ...) G_GNUC_NULL_TERMINATED;
/* The command's standard output parsed as JSON; it must succeed. */
JsonNode   *thr_test_cli_json          (const ThrTestCliStore *store,
                                        const char       *first,
                                        ...) G_GNUC_NULL_TERMINATED;

/* TEXT written to NAME in the store's folder; its path. */
char       *thr_test_cli_write_file    (const ThrTestCliStore *store,
                                        const char       *name,
                                        const char       *text);
/* TEXT written to NAME and imported; the import must be accepted. */
void        thr_test_cli_import_ok     (const ThrTestCliStore *store,
                                        const char       *name,
                                        const char       *text);

/* METRIC's object in `evaluate --format json`'s results (fails if none). */
JsonObject *thr_test_cli_result_of     (JsonNode         *root,
                                        const char       *metric);
/* Its status, value, numerator and denominator (a NAN value or a
 * negative count: null). */
void        thr_test_cli_assert_result (JsonNode         *root,
                                        const char       *metric,
                                        const char       *status,
                                        double            value,
                                        double            numerator,
                                        double            denominator);

G_END_DECLS
