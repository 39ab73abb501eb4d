/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-concurrency.c — two writers, and a reader beside a writer
 *
 * Two imports at once: the second waits for the first (busy timeout) or,
 * if the first holds the store longer than that, fails with a message that
 * says so; either way nothing is corrupted and nothing is half-written.  A
 * connection kept open, as the app keeps one, reads while an import runs
 * and sees the new rows once it has committed.
 *
 * As test-concurrency-postgresql (THR_TEST_BACKEND=postgresql) the same
 * three run against a database of their own on the test server, where the
 * writers' advisory lock and its lock_timeout stand for SQLite's write
 * lock and busy timeout, and the server's MVCC for the WAL's readers.
 */
#define G_LOG_DOMAIN "test-concurrency"

#include <glib/gstdio.h>

#include "thr-core.h"
#include "thr-store-sql-private.h"  /* SQL for fixtures */
#include "thr-test-store.h"

typedef struct {
  char   *dir;
  char   *db;
  char   *tasks[2];   /* two different large tasks files */
  gint64  n_tasks;    /* the rows of each */
  gint64  base_tasks;
} Shared;

static Shared shared;

static GSubprocess *
spawn_cli (const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("THRESHOLD_CLI"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  return process;
}

/* Waits; returns the exit status, the process's stderr in *err. */
static int
finish (GSubprocess  *process,
        char        **err)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static void
run_ok (GSubprocess *process)
{
  g_autofree char *err = NULL;
  g_autoptr(GSubprocess) owned = process;

  if (finish (owned, &err) != 0)
    g_error ("threshold-cli failed: %s", err);
}

static gint64
count (ThrStore   *store,
       const char *sql)
{
  return thr_test_store_value (store, sql);
}

/* A new store with a month of the demo: a new file, or a new database. */
static void
fresh_store (void)
{
  if (shared.db != NULL && !thr_store_is_team_address (shared.db))
    {
      g_autofree char *wal = g_strconcat (shared.db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (shared.db, "-shm", NULL);

      g_unlink (shared.db);
      g_unlink (wal);
      g_unlink (shm);
    }
  g_free (shared.db);
  shared.db = thr_test_store_address (shared.dir, "store.db");
  run_ok (spawn_cli ("--db", shared.db, "demo", "--months", "1", "--tasks", "500", "--calls", "100", NULL));
}

static void
assert_intact (ThrStore *store)
{
  /* A file's pages are SQLite's to check; the server keeps its own. */
  if (!thr_test_store_is_team ())
    g_assert_cmpint (count (store, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), ==, 0);
  /* Every import's bookkeeping matches the rows it left. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM imports i WHERE kind = 'tasks' AND n_rows <> "
                                 "(SELECT count(*) FROM tasks t WHERE t.import_id = i.id)"), ==, 0);
}

static void
test_two_imports (void)
{
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autofree char *err_first = NULL;
  g_autofree char *err_second = NULL;
  char *err[2];
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status[2];
  gint64 expected;

  fresh_store ();
  /* One import may wait in vain for the other's write lock (55P03). */
  if (thr_test_store_is_team ())
    thr_test_store_expect_server_error (shared.db, "55P03");
  first = spawn_cli ("--db", shared.db, "import", shared.tasks[0], NULL);
  second = spawn_cli ("--db", shared.db, "import", shared.tasks[1], NULL);
  status[0] = finish (first, &err_first);
  status[1] = finish (second, &err_second);
  err[0] = err_first;
  err[1] = err_second;

  /* Each import either succeeded or said plainly that the store was busy. */
  expected = shared.base_tasks;
  for (guint i = 0; i < 2; i++)
    {
      g_test_message ("import %u: exit status %d %s", i + 1, status[i], err[i]);
      if (status[i] == 0)
        expected += shared.n_tasks;
      else
        {
          g_assert_cmpint (status[i], ==, 1);
          g_assert_nonnull (strstr (err[i], "is busy"));
          g_assert_nonnull (strstr (err[i], shared.db));
        }
    }
  g_assert_true (status[0] == 0 || status[1] == 0);

  store = thr_store_open (shared.db, &error);
  g_assert_no_error (error);
  assert_intact (store);
  g_assert_cmpint (count (store, "SELECT count(*) FROM tasks"), ==, expected);
}

/* A writer that never lets go: the import gives up after the busy timeout
 * with a clear message and writes nothing; once the lock is gone it works. */
static void
test_busy_message (void)
{
  g_autoptr(GSubprocess) import = NULL;
  g_autofree char *err = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(ThrStore) holder = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  fresh_store ();
  holder = thr_store_open (shared.db, &error);
  g_assert_no_error (error);
  g_assert_true (thr_store_begin (holder, &error));
  /* The import's wait for the write lock, ended by the server. */
  if (thr_test_store_is_team ())
    thr_test_store_expect_server_error (shared.db, "55P03");

  start = g_get_monotonic_time ();
  import = spawn_cli ("--db", shared.db, "import", shared.tasks[0], NULL);
  g_assert_cmpint (finish (import, &err), ==, 1);
  g_test_message ("%s(after %.1f s)", err, (g_get_monotonic_time () - start) / 1e6);
  g_assert_nonnull (strstr (err, shared.db));
  g_assert_nonnull (strstr (err, "is busy"));
  g_assert_nonnull (strstr (err, "nothing was written"));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 4 * G_USEC_PER_SEC);

  thr_store_rollback (holder);
  g_clear_object (&holder);
  store = thr_store_open (shared.db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM tasks"), ==, shared.base_tasks);

  run_ok (spawn_cli ("--db", shared.db, "import", shared.tasks[0], NULL));
  g_assert_cmpint (count (store, "SELECT count(*) FROM tasks"), ==, shared.base_tasks + shared.n_tasks);
  assert_intact (store);
}

static void
exited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) data = TRUE;
}

/* As the app does: one connection kept open.  While the CLI imports, it
 * still reads (WAL readers never wait for the writer) and sees the old
 * rows; after the commit its same prepared statement sees the new ones. */
static void
test_reader_beside_import (void)
{
  g_autoptr(GSubprocess) import = NULL;
  g_autoptr(ThrStore) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  guint n_reads = 0;
  gint64 slowest = 0;
  gboolean exited = FALSE;

  fresh_store ();
  app = thr_store_open (shared.db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (app, "SELECT count(*) FROM tasks"), ==, shared.base_tasks);

  import = spawn_cli ("--db", shared.db, "import", shared.tasks[1], NULL);
  g_subprocess_wait_async (import, NULL, exited_cb, &exited);
  while (!exited)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 n = count (app, "SELECT count(*) FROM tasks");

      slowest = MAX (slowest, g_get_monotonic_time () - start);
      g_assert_true (n == shared.base_tasks || n == shared.base_tasks + shared.n_tasks);
      n_reads++;
      g_usleep (20000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_assert_cmpint (finish (import, &err), ==, 0);
  g_test_message ("%u reads during the import, the slowest %.3f s", n_reads, slowest / 1e6);
  g_assert_cmpint (slowest, <, G_USEC_PER_SEC);
  g_assert_cmpint (count (app, "SELECT count(*) FROM tasks"), ==, shared.base_tasks + shared.n_tasks);
  assert_intact (app);
}

static void
prepare (void)
{
  g_autoptr(GError) error = NULL;

  g_autofree char *n_tasks = NULL;

  shared.dir = g_dir_make_tmp ("thr-concurrency-XXXXXX", &error);
  g_assert_no_error (error);
  /* The imports run in the CLI, outside memcheck; under it
   * (THR_TEST_FEWER_STEPS, set by tools/run-valgrind) this process's
   * reads, counts and integrity checks walk the same code on a tenth of
   * the rows, and which import waits or gives up is asserted as ever. */
  shared.n_tasks = g_getenv ("THR_TEST_FEWER_STEPS") != NULL ? 10000 : 100000;
  n_tasks = g_strdup_printf ("%" G_GINT64_FORMAT, shared.n_tasks);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/files-%u", shared.dir, i);
      g_autofree char *seed = g_strdup_printf ("%u", 100 + i);

      run_ok (spawn_cli ("demo", "--months", "1", "--seed", seed, "--tasks", n_tasks, "--calls", "100",
                         "--write-to", dir, NULL));
      shared.tasks[i] = g_build_filename (dir, "tasks.csv", NULL);
    }
  fresh_store ();
  {
    g_autoptr(ThrStore) store = thr_store_open (shared.db, &error);
    g_assert_no_error (error);
    shared.base_tasks = count (store, "SELECT count(*) FROM tasks");
  }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  prepare ();

  g_test_add_func ("/concurrency/two-imports", test_two_imports);
  g_test_add_func ("/concurrency/busy-message", test_busy_message);
  g_test_add_func ("/concurrency/reader-beside-import", test_reader_beside_import);
  status = g_test_run ();

  thr_test_store_cleanup ();
  remove_tree (shared.dir);
  g_free (shared.db);
  return status;
}
