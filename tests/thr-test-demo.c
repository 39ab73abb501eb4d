/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-demo.c — a demo store made with the core's generator, for the tests */
#include <glib/gstdio.h>

#include "thr-test-demo.h"
#include "thr-test-store.h"

static const char * const demo_files[] = { "metric-report.csv", "invoices.csv", "tasks.csv", "calls.csv" };

static void
import_files (ThrStore    *store,
              gint64       contract_id,
              ThrContract *contract,
              const char  *csv_dir)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_files); i++)
    {
      g_autofree char *path = g_build_filename (csv_dir, demo_files[i], NULL);
      g_auto(ThrImportResult) result = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_true (thr_import_file (store, contract_id, contract, path, THR_IMPORT_KIND_AUTO, FALSE,
                                      NULL, NULL, NULL, &result, &error));
      g_assert_no_error (error);
      g_unlink (path);
    }
}

char *
thr_test_copy_store_file (const char *file,
                          const char *dir)
{
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *wal = g_strconcat (file, "-wal", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (file);
  g_autoptr(GFile) to = g_file_new_for_path (db);
  g_autoptr(GError) error = NULL;

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&db);
}

char *
thr_test_copy_demo_store (const char *dir)
{
  const char *shared = g_getenv ("THR_TEST_DEMO_DB");

  g_assert_nonnull (shared);
  /* A database on the server made from a template that copy-store's
   * function filled once per server, from a scratch copy of the file. */
  if (thr_test_store_is_team ())
    return thr_test_store_copy_file (shared);
  /* The shared file is never opened as a store, which could write beside
   * it while other tests copy it. */
  return thr_test_copy_store_file (shared, dir);
}

char *
thr_test_copy_demo_store_apart (const char *dir)
{
  static guint n_copies;
  g_autofree char *name = g_strdup_printf ("test-%u", ++n_copies);
  g_autofree char *apart = g_build_filename (dir, name, NULL);

  g_assert_cmpint (g_mkdir (apart, 0700), ==, 0);
  return thr_test_copy_demo_store (apart);
}

char *
thr_test_make_demo_store (const char           *dir,
                          const ThrDemoOptions *options,
                          gint64               *contract_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_dir = g_build_filename (dir, "csv", NULL);
  g_autofree char *db = thr_test_store_address (dir, "demo.db");
  g_autoptr(ThrContract) contract = thr_contract_load_template ("rfp-16-102", &error);
  g_autoptr(ThrStore) store = NULL;
  gint64 id;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (csv_dir, 0700), ==, 0);
  g_assert_true (thr_demo_write (options, csv_dir, NULL, &error));
  g_assert_no_error (error);
  store = thr_store_open (db, &error);
  g_assert_no_error (error);
  id = thr_store_add_contract (store, "rfp-16-102", "RFP 16-102 test",
                               thr_contract_get_definition (contract), &error);
  g_assert_no_error (error);
  import_files (store, id, contract, csv_dir);
  g_rmdir (csv_dir);
  if (contract_id != NULL)
    *contract_id = id;
  return g_steal_pointer (&db);
}
