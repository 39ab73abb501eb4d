/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-team-store.c — the store on a real PostgreSQL server, beside SQLite
 *
 * The acceptance check of the team store: the same 24-month demo made
 * with threshold-cli in a store file and in a database on the server
 * gives byte-identical evaluate (every month), ledger and caps JSON.
 * Then what opening a team store refuses, through the server itself.
 */
#define G_LOG_DOMAIN "test-team-store"

#include <sys/wait.h>

#include <glib/gstdio.h>

#include "thr-core.h"
#include "thr-test-pg.h"

/* ---- helpers ---- */

/* threshold-cli copy-store FROM TO: its exit status and output. */
static int
copy_store (const char  *from,
            const char  *to,
            char       **out,
            char       **err)
{
  return thr_test_pg_cli (NULL, out, err, "copy-store", from, to, NULL);
}

/* ---- tests ---- */

static void
test_demo_same_on_both_backends (void)
{
  g_autoptr(ThrTestPg) pg = thr_test_pg_new ();
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *team = NULL;
  const char *commands[][3] = { { "ledger", NULL }, { "caps", NULL } };
  guint n_missed = 0;

  if (pg == NULL)
    return;
  dir = g_dir_make_tmp ("thr-team-XXXXXX", NULL);
  file = g_build_filename (dir, "store.db", NULL);
  team = thr_test_pg_address (pg, NULL);

  /* The demo's 24 months and every rule they exercise (misses, CAPs,
   * releases, retentions), with fewer raw records a month than the
   * default so the test stays short. */
  for (guint b = 0; b < 2; b++)
    g_free (thr_test_pg_cli_ok (b == 0 ? file : team, "demo", "--months", "24", "--tasks", "400", "--calls", "800", NULL));

  for (int month = 0; month < 24; month++)
    {
      g_autofree char *period = g_strdup_printf ("%d-%02d", 2018 + month / 12, month % 12 + 1);
      g_autofree char *on_file = thr_test_pg_cli_ok (file, "evaluate", "--period", period, "--format", "json", NULL);
      g_autofree char *on_team = thr_test_pg_cli_ok (team, "evaluate", "--period", period, "--format", "json", NULL);

      g_assert_nonnull (strstr (on_file, "\"results\""));
      g_assert_cmpstr (on_team, ==, on_file);
      if (strstr (on_file, "\"missed\"") != NULL)
        n_missed++;
    }
  /* The comparison means something only if months were missed. */
  g_assert_cmpuint (n_missed, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *on_file = thr_test_pg_cli_ok (file, commands[i][0], "--format", "json", NULL);
      g_autofree char *on_team = thr_test_pg_cli_ok (team, commands[i][0], "--format", "json", NULL);

      g_assert_cmpuint (strlen (on_file), >, 100);
      g_assert_cmpstr (on_team, ==, on_file);
    }

  g_unlink (file);
  g_rmdir (dir);
}

/* A database holding someone else's tables is not made a store. */
static void
test_refuses_foreign_database (void)
{
  g_autoptr(ThrTestPg) pg = thr_test_pg_new ();
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *n_tables = NULL;

  if (pg == NULL)
    return;
  PQclear (thr_test_pg_exec_ok (pg->admin, "CREATE TABLE payroll (id BIGINT)"));
  address = thr_test_pg_address (pg, NULL);
  store = thr_store_open (address, &error);
  g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_STORE);
  g_assert_null (store);
  n_tables = thr_test_pg_value (pg->admin, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
  g_assert_cmpstr (n_tables, ==, "1");
}

/* A new database gets the team schema once; a store of a newer schema
 * is refused without a change. */
static void
test_schema_made_once_and_newer_refused (void)
{
  g_autoptr(ThrTestPg) pg = thr_test_pg_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *version = NULL;
  ThrStore *store;

  if (pg == NULL)
    return;
  address = thr_test_pg_address (pg, NULL);
  for (guint i = 0; i < 2; i++)
    {
      store = thr_store_open (address, &error);
      g_assert_no_error (error);
      g_assert_nonnull (store);
      g_object_unref (store);
    }
  version = thr_test_pg_value (pg->admin, "SELECT version FROM schema_version");
  g_assert_cmpint (atoi (version), ==, THR_STORE_SCHEMA_VERSION);

  PQclear (thr_test_pg_exec_ok (pg->admin, "UPDATE schema_version SET version = version + 1"));
  store = thr_store_open (address, &error);
  g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NEWER);
  g_assert_null (store);
}

/* An import refused at its third row leaves nothing on the server: its
 * first rows were written in the import's transaction, which is rolled
 * back. */
static void
test_refused_import_leaves_nothing (void)
{
  g_autoptr(ThrTestPg) pg = thr_test_pg_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *err = NULL;
  g_autofree char *n_imports = NULL;
  g_autofree char *n_tasks = NULL;
  int status = 0;

  if (pg == NULL)
    return;
  address = thr_test_pg_address (pg, NULL);
  g_free (thr_test_pg_cli_ok (address, "init", "--template", "rfp-16-102", NULL));
  dir = g_dir_make_tmp ("thr-team-XXXXXX", NULL);
  csv = g_build_filename (dir, "tasks.csv", NULL);
  g_assert_true (g_file_set_contents (csv,
                                      "task_id,type,received,completed\n"
                                      "T1,application,2018-01-03,2018-01-04\n"
                                      "T2,application,2018-01-03,2018-01-05\n"
                                      "T3,application,2018-02-30,2018-03-01\n", -1, &error));
  {
    const char *argv[] = { g_getenv ("THRESHOLD_CLI"), "--db", address, "import", csv, "--kind", "tasks", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) != 0);
  g_assert_nonnull (strstr (err, "tasks.csv:4:"));
  n_imports = thr_test_pg_value (pg->admin, "SELECT count(*) FROM imports");
  n_tasks = thr_test_pg_value (pg->admin, "SELECT count(*) FROM tasks");
  g_assert_cmpstr (n_imports, ==, "0");
  g_assert_cmpstr (n_tasks, ==, "0");
  g_unlink (csv);
  g_rmdir (dir);
}

/* copy-store from FROM into TO (which it makes), then checks TO: the
 * rows it printed, the same ledger, CAPs and evaluation as FROM's, and a
 * second copy into it refused. */
static void
check_copy (const char *from,
            const char *to)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *again = NULL;
  const char *commands[] = { "ledger", "caps", NULL };

  g_assert_cmpint (copy_store (from, to, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Rows: contracts 1, imports 4,"));
  g_assert_nonnull (strstr (out, "Ledger of contract 1: SHA-256 "));
  for (guint i = 0; commands[i] != NULL; i++)
    {
      g_autofree char *original = thr_test_pg_cli_ok (from, commands[i], "--format", "json", NULL);
      g_autofree char *copy = thr_test_pg_cli_ok (to, commands[i], "--format", "json", NULL);

      g_assert_cmpstr (copy, ==, original);
    }
  {
    g_autofree char *original = thr_test_pg_cli_ok (from, "evaluate", "--period", "2018-05", "--format", "json", NULL);
    g_autofree char *copy = thr_test_pg_cli_ok (to, "evaluate", "--period", "2018-05", "--format", "json", NULL);

    g_assert_cmpstr (copy, ==, original);
  }
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (copy_store (from, to, NULL, &err), !=, 0);
  g_assert_nonnull (strstr (err, "already holds contracts"));
}

static char *
make_demo_file (const char *dir,
                const char *name)
{
  char *file = g_build_filename (dir, name, NULL);

  g_free (thr_test_pg_cli_ok (file, "demo", "--months", "6", "--tasks", "300", "--calls", "600", NULL));
  return file;
}

/* No server needed: a store file into another, the same checks. */
static void
test_copy_store_file_to_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("thr-team-XXXXXX", NULL);
  g_autofree char *file = make_demo_file (dir, "laptop.db");
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);

  check_copy (file, copy);
  g_unlink (file);
  g_unlink (copy);
  g_rmdir (dir);
}

/* A laptop's store into a team store, and back into a new file. */
static void
test_copy_store_round_trip (void)
{
  g_autoptr(ThrTestPg) pg = thr_test_pg_new ();
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *back = NULL;
  g_autofree char *team = NULL;
  g_autofree char *n_tasks = NULL;

  if (pg == NULL)
    return;
  dir = g_dir_make_tmp ("thr-team-XXXXXX", NULL);
  file = make_demo_file (dir, "laptop.db");
  back = g_build_filename (dir, "back.db", NULL);
  team = thr_test_pg_address (pg, NULL);

  check_copy (file, team);
  /* 300 tasks a month for 6 months, every one on the server. */
  n_tasks = thr_test_pg_value (pg->admin, "SELECT count(*) FROM tasks");
  g_assert_cmpstr (n_tasks, ==, "1800");
  check_copy (team, back);
  g_unlink (file);
  g_unlink (back);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/team-store/demo-same-on-both-backends", test_demo_same_on_both_backends);
  g_test_add_func ("/team-store/refuses-foreign-database", test_refuses_foreign_database);
  g_test_add_func ("/team-store/schema-made-once-newer-refused", test_schema_made_once_and_newer_refused);
  g_test_add_func ("/team-store/refused-import-leaves-nothing", test_refused_import_leaves_nothing);
  g_test_add_func ("/team-store/copy-store-file-to-file", test_copy_store_file_to_file);
  g_test_add_func ("/team-store/copy-store-round-trip", test_copy_store_round_trip);
  return g_test_run ();
}
