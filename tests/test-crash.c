/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-crash.c — SIGKILL an import at many points; the store must survive
 *
 * A store holding earlier data receives a large tasks import, which
 * threshold-cli runs in one BEGIN IMMEDIATE … COMMIT.  Each trial kills the
 * import with SIGKILL, then checks that the store opens, that
 * PRAGMA integrity_check says "ok", that every row imported earlier is
 * unchanged (row counts and a SHA-256 over the rows), and that the killed
 * import is either wholly absent or — when the kill landed after COMMIT,
 * during the checkpoint — wholly present.  Never partly.
 *
 * Kill points: two thirds are spread over the measured time before COMMIT
 * (while rows are read and inserted); the rest wait for the -wal file to
 * reach a fraction of the size the whole import writes, so they land while
 * COMMIT writes its frames or while the checkpoint copies them back.
 *
 *   THR_CRASH_TRIALS  number of kills (default 20)
 *   THR_CRASH_ROWS    rows in the killed import (default 100000)
 *
 * SQLite-only: its subject is the file (the -wal's frames, COMMIT and the
 * checkpoint written by the killed process itself, integrity_check).  On a
 * team store the killed client only drops its connection and the server
 * rolls its transaction back; that an import's rows go all or nothing
 * there is test-team-store's /team-store/refused-import-leaves-nothing.
 */
#define G_LOG_DOMAIN "test-crash"

#include <signal.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "thr-core.h"
#include "thr-store-sql-private.h"  /* SQL for fixtures */

typedef struct {
  char   *dir;
  char   *base;       /* the store with the earlier data, never touched */
  char   *tasks;      /* the large CSV the trials import */
  guint   n_rows;
  gint64  base_max_import;
  char   *base_print; /* fingerprint of the earlier data */
  gint64  base_tasks;
  double  import_seconds;
  gint64  csv_bytes;
  gint64  wal_bytes;  /* roughly what a whole import writes to the -wal */
} Crash;

static Crash crash;

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *text = g_getenv (name);
  return text && *text ? (guint) g_ascii_strtoull (text, NULL, 10) : fallback;
}

static void
run_cli_sync (const char *first,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("THRESHOLD_CLI"));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("threshold-cli failed: %s", err);
}

static GPid
spawn_import (const char *db)
{
  const char *argv[] = { g_getenv ("THRESHOLD_CLI"), "--db", db, "import", crash.tasks, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;
  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (from, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (to, contents, (gssize) len, &error);
  g_assert_no_error (error);
}

static void
remove_store (const char *db)
{
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
assert_integrity (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* Hashes every column of every row the query returns, in order. */
static void
hash_query (GChecksum  *sum,
            sqlite3    *db,
            const char *sql,
            gint64      max_import)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, max_import);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      {
        const guchar *text = sqlite3_column_text (stmt, i);
        g_checksum_update (sum, text ? text : (const guchar *) "\x01NULL", -1);
        g_checksum_update (sum, (const guchar *) "\x1f", 1);
      }
  sqlite3_finalize (stmt);
}

/* Everything that existed before the killed import began. */
static char *
fingerprint (sqlite3 *db,
             gint64   max_import)
{
  static const char * const queries[] = {
    "SELECT * FROM contracts ORDER BY id",
    "SELECT * FROM imports WHERE id <= ?1 ORDER BY id",
    "SELECT * FROM reported_values WHERE import_id <= ?1 ORDER BY id",
    "SELECT * FROM reference_values WHERE import_id <= ?1 ORDER BY id",
    "SELECT * FROM invoices WHERE import_id <= ?1 ORDER BY id",
    "SELECT * FROM tasks WHERE import_id <= ?1 ORDER BY id",
    "SELECT * FROM calls WHERE import_id <= ?1 ORDER BY id",
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    hash_query (sum, db, queries[i], max_import);
  return g_strdup (g_checksum_get_string (sum));
}

typedef enum { KILLED_NOTHING_VISIBLE, KILLED_ALL_VISIBLE } Outcome;

static const char * const outcome_text[] = {
  "not visible",
  "wholly visible (the kill came after COMMIT)",
};

/* Opens through the store code (so migrations and the schema check run),
 * then checks the file and the earlier data.  Returns what became of the
 * killed import. */
static Outcome
check_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (path, &error);
  g_autofree char *print = NULL;
  sqlite3 *db;
  gint64 n_new_imports, n_tasks;

  g_assert_no_error (error);
  db = thr_store_get_db (store);
  assert_integrity (db);
  print = fingerprint (db, crash.base_max_import);
  g_assert_cmpstr (print, ==, crash.base_print);

  n_new_imports = query_int (db, "SELECT count(*) FROM imports") - crash.base_max_import;
  n_tasks = query_int (db, "SELECT count(*) FROM tasks");
  if (n_new_imports == 0)
    {
      g_assert_cmpint (n_tasks, ==, crash.base_tasks);
      return KILLED_NOTHING_VISIBLE;
    }
  /* Killed after COMMIT: then all of it, with its bookkeeping. */
  g_assert_cmpint (n_new_imports, ==, 1);
  g_assert_cmpint (n_tasks, ==, crash.base_tasks + crash.n_rows);
  g_assert_cmpint (query_int (db, "SELECT n_rows FROM imports ORDER BY id DESC LIMIT 1"), ==, crash.n_rows);
  return KILLED_ALL_VISIBLE;
}

static void
prepare_base (void)
{
  g_autofree char *big = NULL;
  g_autofree char *rows = g_strdup_printf ("%u", crash.n_rows);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = NULL;
  sqlite3 *db;

  crash.dir = g_dir_make_tmp ("thr-crash-XXXXXX", &error);
  g_assert_no_error (error);
  crash.base = g_build_filename (crash.dir, "base.db", NULL);
  big = g_build_filename (crash.dir, "big", NULL);
  crash.tasks = g_build_filename (big, "tasks.csv", NULL);

  /* Earlier data: a whole demo month of every kind. */
  run_cli_sync ("--db", crash.base, "demo", "--months", "2", "--tasks", "2000", "--calls", "1000", NULL);
  /* The killed import: a different seed, so its SHA-256 differs. */
  run_cli_sync ("demo", "--months", "1", "--seed", "7", "--tasks", rows, "--calls", "200",
                "--write-to", big, NULL);

  store = thr_store_open (crash.base, &error);
  g_assert_no_error (error);
  db = thr_store_get_db (store);
  crash.base_max_import = query_int (db, "SELECT max(id) FROM imports");
  crash.base_tasks = query_int (db, "SELECT count(*) FROM tasks");
  crash.base_print = fingerprint (db, crash.base_max_import);
  crash.csv_bytes = file_size (crash.tasks);
  g_assert_cmpint (crash.base_tasks, >, 0);
}

/* Uninterrupted imports, to learn how long the trials should wait: the
 * time until COMMIT starts writing the WAL, and how much it writes.  The
 * first run warms the page cache, so the faster of two is kept. */
static void
calibrate (void)
{
  g_autofree char *db = g_build_filename (crash.dir, "calibrate.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);

  crash.import_seconds = G_MAXDOUBLE;
  for (guint run = 0; run < 2; run++)
    {
      gint64 start, max_wal = 0, commit_at = 0;
      int status = 0;
      GPid pid;

      copy_file (crash.base, db);
      start = g_get_monotonic_time ();
      pid = spawn_import (db);
      while (waitpid (pid, &status, WNOHANG) == 0)
        {
          gint64 size = file_size (wal);

          if (size > 0 && commit_at == 0)
            commit_at = g_get_monotonic_time ();
          max_wal = MAX (max_wal, size);
          g_usleep (500);
        }
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      if (commit_at == 0)
        commit_at = g_get_monotonic_time ();
      crash.import_seconds = MIN (crash.import_seconds, (commit_at - start) / 1e6);
      crash.wal_bytes = MAX (max_wal, file_size (db) - file_size (crash.base));
      g_assert_cmpint (check_store (db), ==, KILLED_ALL_VISIBLE);
      remove_store (db);
    }
  g_test_message ("an uninterrupted import of %u rows reaches COMMIT after %.2f s and writes about %"
                  G_GINT64_FORMAT " bytes to the WAL", crash.n_rows, crash.import_seconds, crash.wal_bytes);
}

typedef struct {
  gint64  read_at_least;  /* once the process has read this many bytes, */
  double  after_seconds;  /* kill this long after that, or … */
  gint64  wal_at_least;   /* … once the -wal holds this many bytes */
} KillPoint;

/* Bytes the process has read so far (/proc/PID/io "rchar"); -1 when the
 * kernel does not say. */
static gint64
bytes_read_by (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/io", (int) pid);
  g_autofree char *text = NULL;
  const char *rchar;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (rchar = strstr (text, "rchar:")) == NULL)
    return -1;
  return g_ascii_strtoll (rchar + 6, NULL, 10);
}

static gboolean
reached (GPid             pid,
         const KillPoint *point,
         const char      *wal,
         gint64          *read_since)
{
  gint64 now = g_get_monotonic_time ();
  gint64 n_read;

  if (point->wal_at_least > 0)
    return file_size (wal) >= point->wal_at_least;
  if (*read_since == 0)
    {
      n_read = bytes_read_by (pid);
      if (n_read >= 0 && n_read < point->read_at_least)
        return FALSE;
      *read_since = now;
    }
  return (now - *read_since) / 1e6 >= point->after_seconds;
}

/* Returns TRUE when the kill landed, FALSE when the import had finished. */
static gboolean
kill_at (const char      *db,
         const KillPoint *point)
{
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  gint64 read_since = 0;
  int status = 0;
  GPid pid = spawn_import (db);

  for (;;)
    {
      if (waitpid (pid, &status, WNOHANG) == pid)
        return FALSE;
      if (reached (pid, point, wal, &read_since))
        break;
      g_usleep (200);
    }
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  /* It may have exited on its own in the instant before the signal. */
  return WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL;
}

/* Kills before COMMIT follow the reader's progress through the CSV, which
 * it reads in 1 MiB chunks: wait until the chunk that holds the target
 * byte has been read, then for the target's share of the time a chunk
 * takes.  Progress rather than a clock, so a loaded machine does not push
 * every kill past COMMIT. */
static KillPoint
kill_point (guint i,
            guint n)
{
  const gint64 chunk = 1 << 20;
  guint n_wal = n / 3;
  guint n_time = n - n_wal;
  KillPoint point = { 0 };

  if (i < n_time)
    {
      gint64 target = (gint64) (crash.csv_bytes * (i + 0.5) / n_time);
      double seconds_per_chunk = crash.import_seconds * chunk / MAX (crash.csv_bytes, chunk);

      point.read_at_least = (target / chunk) * chunk + 1;
      point.after_seconds = seconds_per_chunk * (target % chunk) / chunk;
    }
  else
    /* From the first frames of COMMIT to the checkpoint after it. */
    point.wal_at_least = MAX (4096, crash.wal_bytes * (i - n_time + 1) / (n_wal + 1));
  return point;
}

static void
test_crash_trials (void)
{
  guint n = env_uint ("THR_CRASH_TRIALS", 20);
  guint none = 0, all = 0;
  g_autofree char *db = g_build_filename (crash.dir, "trial.db", NULL);

  for (guint i = 0; i < n; i++)
    {
      KillPoint point = kill_point (i, n);
      gboolean killed = FALSE;
      Outcome outcome;

      /* A kill that arrives after the import finished tests nothing: try
       * again earlier. */
      for (guint attempt = 0; attempt < 4 && !killed; attempt++)
        {
          remove_store (db);
          copy_file (crash.base, db);
          killed = kill_at (db, &point);
          if (!killed)
            {
              point.read_at_least /= 2;
              point.after_seconds /= 2;
              point.wal_at_least /= 2;
              check_store (db);
            }
        }
      g_assert_true (killed);
      outcome = check_store (db);
      if (outcome == KILLED_NOTHING_VISIBLE)
        none++;
      else
        all++;
      if (point.wal_at_least)
        g_test_message ("trial %u: killed with %" G_GINT64_FORMAT " bytes in the WAL; import %s", i + 1,
                        point.wal_at_least, outcome_text[outcome]);
      else
        g_test_message ("trial %u: killed %.3f s after reading %" G_GINT64_FORMAT " bytes; import %s",
                        i + 1, point.after_seconds, point.read_at_least, outcome_text[outcome]);
    }
  remove_store (db);
  g_test_message ("%u of %u kills clean: %u left nothing of the import, %u came after COMMIT and "
                  "left all of it", none + all, n, none, all);
}

/* The store still takes the same import after all that. */
static void
test_import_after_crash (void)
{
  g_autofree char *db = g_build_filename (crash.dir, "after.db", NULL);
  KillPoint point = { .read_at_least = crash.csv_bytes / 2 };

  copy_file (crash.base, db);
  if (kill_at (db, &point))
    g_assert_cmpint (check_store (db), ==, KILLED_NOTHING_VISIBLE);
  run_cli_sync ("--db", db, "import", crash.tasks, NULL);
  g_assert_cmpint (check_store (db), ==, KILLED_ALL_VISIBLE);
  remove_store (db);
}

static void
clean_up (void)
{
  g_autofree char *big = g_path_get_dirname (crash.tasks);
  g_autoptr(GDir) d = g_dir_open (big, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (big, name, NULL);
      g_unlink (path);
    }
  g_rmdir (big);
  remove_store (crash.base);
  g_rmdir (crash.dir);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  crash.n_rows = env_uint ("THR_CRASH_ROWS", 100000);
  prepare_base ();
  calibrate ();

  g_test_add_func ("/crash/sigkill-trials", test_crash_trials);
  g_test_add_func ("/crash/import-after-crash", test_import_after_crash);
  status = g_test_run ();
  clean_up ();
  return status;
}
