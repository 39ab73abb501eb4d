/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-hostile.c — hostile and careless files, through threshold-cli, each
 * refused with the message it must give, within a memory and time bound
 *
 * Every input lives in tests/data/hostile/.  Each case runs threshold-cli
 * in a child process whose address space (RLIMIT_AS) and processor time
 * (RLIMIT_CPU) are limited with setrlimit(), so an input that made it
 * allocate or loop without end is killed and fails the test; the child's
 * peak resident size and wall time are checked after it exits as well.
 * Under AddressSanitizer (ASAN_OPTIONS set) the address-space limit cannot
 * be used (its shadow memory is terabytes of reserved addresses), so only
 * the resident size is bounded there, scaled like the time by
 * THR_TEST_SLOWDOWN.
 */
#define G_LOG_DOMAIN "test-hostile"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <archive.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "thr-test-cli.h"
#include "thr-test-util.h"
#include "thr-store-sql-private.h"  /* SQL for fixtures */

typedef struct {
  char *dir;
  char *db;
} Fixture;

typedef struct {
  int     exit_status;   /* -1 when killed by a signal */
  int     signal;
  double  seconds;        /* wall clock */
  double  cpu_seconds;
  glong   max_rss_kib;
  char   *out;
  char   *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static gboolean
sanitized (void)
{
  return g_getenv ("ASAN_OPTIONS") != NULL;
}

static char *
hostile_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "hostile", name, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("thr-hostile-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "store.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* The child's own folders, inside the fixture: the user's profiles
 * (XDG_CONFIG_HOME) and the record of checked stores (XDG_CACHE_HOME). */
static char *
xdg_dir (Fixture    *f,
         const char *which)
{
  return g_build_filename (f->dir, which, NULL);
}

static void
limit (int      resource,
       rlim_t   value)
{
  struct rlimit rl = { value, value };

  if (setrlimit (resource, &rl) != 0)
    _exit (126);
}

/* Runs threshold-cli --db DB ARGS… with at most mem_mib of address space
 * and `seconds` of processor time, and asserts it stayed within both. */
static void
run_bounded (Fixture            *f,
             guint               mem_mib,
             guint               seconds,
             const char * const *args,
             Run                *run)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out_path = g_build_filename (f->dir, "stdout.txt", NULL);
  g_autofree char *err_path = g_build_filename (f->dir, "stderr.txt", NULL);
  g_autofree char *config = xdg_dir (f, "config");
  g_autofree char *cache = xdg_dir (f, "cache");
  guint slowdown = thr_test_slowdown ();
  gint64 start = g_get_monotonic_time ();
  struct rusage usage;
  int status = 0;
  pid_t pid;

  g_ptr_array_add (argv, (char *) g_getenv ("THRESHOLD_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, f->db);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int out = open (out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int err = open (err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int in = open ("/dev/null", O_RDONLY);

      if (out < 0 || err < 0 || in < 0 || dup2 (in, 0) < 0 || dup2 (out, 1) < 0 || dup2 (err, 2) < 0)
        _exit (127);
      if (setenv ("XDG_CONFIG_HOME", config, 1) != 0 || setenv ("XDG_CACHE_HOME", cache, 1) != 0)
        _exit (127);
      limit (RLIMIT_CPU, (rlim_t) seconds * slowdown);
      if (!sanitized ())
        limit (RLIMIT_AS, (rlim_t) mem_mib << 20);
      execv (argv->pdata[0], (char **) argv->pdata);
      _exit (127);
    }
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  run->seconds = (g_get_monotonic_time () - start) / 1e6;
  run->cpu_seconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
                     + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  run->max_rss_kib = usage.ru_maxrss;
  run->exit_status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
  run->signal = WIFSIGNALED (status) ? WTERMSIG (status) : 0;
  g_file_get_contents (out_path, &run->out, NULL, NULL);
  g_file_get_contents (err_path, &run->err, NULL, NULL);
  g_test_message ("%s: exit %d, signal %d, %.2f s (%.2f s processor), %ld KiB resident; stderr: %s",
                  (char *) args[0], run->exit_status, run->signal, run->seconds, run->cpu_seconds,
                  run->max_rss_kib, run->err);

  /* A crash, or the kernel's SIGXCPU/SIGKILL at a limit, is a failure. */
  g_assert_cmpint (run->signal, ==, 0);
  g_assert_cmpint (run->exit_status, !=, 126);
  g_assert_cmpint (run->exit_status, !=, 127);
  /* Processor time is the bound; the wall clock only catches a child
   * that blocks (on a FIFO, say), with room for a busy machine. */
  g_assert_cmpfloat (run->cpu_seconds, <=, (double) seconds * slowdown);
  g_assert_cmpfloat (run->seconds, <=, (double) seconds * slowdown * 4 + 2);
  g_assert_cmpint (run->max_rss_kib, <=, (glong) mem_mib * 1024 * (sanitized () ? 4 : 1));
}

static GBytes *
read_bytes (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return g_bytes_new (NULL, 0);
  return g_bytes_new_take (g_steal_pointer (&data), len);
}

/* The environment of run_setup's threshold-cli, run without bounds (not the subject). */
static GStrv
child_environment (Fixture *f)
{
  g_autofree char *config = xdg_dir (f, "config");
  g_autofree char *cache = xdg_dir (f, "cache");
  GStrv envp = g_get_environ ();

  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config, TRUE);
  return g_environ_setenv (envp, "XDG_CACHE_HOME", cache, TRUE);
}

/* The store the cases start from: what `init --template rfp-16-102`
 * makes, copied from the one store init made in this program
 * (thr_test_cli_init_store): 48 init spawns fewer, and the inputs are the
 * subject here, not init. */
static void
make_store (Fixture *f)
{
  g_autofree char *db = thr_test_cli_init_store (f->dir, "rfp-16-102", NULL);

  g_assert_cmpstr (db, ==, f->db);
}

static void
apply_sql (const char *db_path,
           const char *sql_name)
{
  g_autofree char *path = hostile_path (sql_name);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  char *message = NULL;
  sqlite3 *db = NULL;

  g_file_get_contents (path, &sql, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", path, message);
  sqlite3_close (db);
}

/* Section: a store changed outside Threshold */

typedef struct {
  const char *sql;        /* tests/data/hostile/…, applied to a fresh store */
  const char *message;    /* what the refusal must say */
} StoreCase;

static const StoreCase store_cases[] = {
  { "store-trigger-report-value.sql", "a trigger “keep_vendor_happy” (on “reported_values”) that Threshold did not create" },
  { "store-trigger-invoice.sql", "a trigger “shrink_invoice” (on “invoices”) that Threshold did not create" },
  { "store-view.sql", "a view “met_everything”" },
  { "store-expression-index.sql", "an index “invoices_doubled” (on “invoices”) that Threshold did not create" },
  { "store-extra-column.sql", "the table “invoices” differs from the one Threshold creates" },
  { "store-changed-default.sql", "the table “reported_values” differs from the one Threshold creates" },
  { "store-dropped-column.sql", "the table “caps” differs from the one Threshold creates" },
  { "store-dropped-table.sql", "the table “cap_audit” that Threshold needs is missing" },
  { "store-dropped-index.sql", "the index “tasks_by_received” that Threshold needs is missing" },
};

/* Every command that opens the store refuses it, exit 1, with the
 * object named, and the file stays byte for byte as it was. */
static void
test_store_schema (Fixture       *f,
                   gconstpointer  data)
{
  const StoreCase *c = data;
  g_autofree char *report = hostile_path ("report-50-percent.csv");
  g_autofree char *invoices = hostile_path ("invoice-1000-dollars.csv");
  const char *import_report[] = { "import", report, NULL };
  const char *import_invoices[] = { "import", invoices, NULL };
  const char *evaluate[] = { "evaluate", "--period", "2018-04", "--format", "json", NULL };
  const char *contracts[] = { "contracts", NULL };
  const char * const *commands[] = { import_report, import_invoices, evaluate, contracts };
  g_autoptr(GBytes) before = NULL;

  make_store (f);
  apply_sql (f->db, c->sql);
  before = read_bytes (f->db);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(GBytes) after = NULL;

      run_bounded (f, 512, 10, commands[i], &run);
      g_assert_cmpint (run.exit_status, ==, 1);
      g_assert_nonnull (strstr (run.err, f->db));
      g_assert_nonnull (strstr (run.err, c->message));
      g_assert_nonnull (strstr (run.err, "nothing was changed"));
      after = read_bytes (f->db);
      g_assert_true (g_bytes_equal (before, after));
    }
}

/* The same store without the change imports and reports the true figures. */
static void
test_store_genuine (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *report = hostile_path ("report-50-percent.csv");
  const char *import_report[] = { "import", report, NULL };
  const char *evaluate[] = { "evaluate", "--period", "2018-04", "--format", "json", "--today", "2018-06-01", NULL };
  g_auto(Run) imported = { 0 };
  g_auto(Run) evaluated = { 0 };

  make_store (f);
  run_bounded (f, 512, 10, import_report, &imported);
  g_assert_cmpint (imported.exit_status, ==, 0);
  run_bounded (f, 512, 10, evaluate, &evaluated);
  g_assert_cmpint (evaluated.exit_status, ==, 0);
  g_assert_nonnull (strstr (evaluated.out, "\"value\" : 50"));
}

/* Damaged pages and a free page count larger than the file. */
typedef enum {
  PAGES_FREELIST_COUNT,
  PAGES_SCRAMBLED_TABLE,
} PageDamage;

static gint64
root_page (const char *db_path,
           const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rootpage FROM sqlite_schema WHERE name = '%s'", table);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 page;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return page;
}

static void
test_store_pages (Fixture       *f,
                  gconstpointer  data)
{
  PageDamage damage = GPOINTER_TO_INT (data);
  g_autofree char *calls = g_test_build_filename (G_TEST_DIST, "data", "calls-2018-04.csv", NULL);
  const char *import_calls[] = { "import", calls, NULL };
  const char *contracts[] = { "contracts", NULL };
  g_auto(Run) imported = { 0 };
  g_auto(Run) run = { 0 };
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree guint8 *bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  make_store (f);
  run_bounded (f, 512, 10, import_calls, &imported);
  g_assert_cmpint (imported.exit_status, ==, 0);
  whole = read_bytes (f->db);
  bytes = g_bytes_unref_to_data (g_steal_pointer (&whole), &len);
  if (damage == PAGES_FREELIST_COUNT)
    {
      bytes[36] = 0x00, bytes[37] = 0x10, bytes[38] = 0x00, bytes[39] = 0x00;
    }
  else
    {
      gint64 page = root_page (f->db, "calls");
      gsize page_size = (gsize) bytes[16] << 8 | bytes[17];

      g_assert_cmpuint ((page) * page_size, <=, len);
      /* The b-tree page's cell pointers point past the page. */
      for (gsize i = 8; i < 40; i++)
        bytes[(page - 1) * page_size + i] = 0xff;
    }
  g_file_set_contents (f->db, (char *) bytes, (gssize) len, &error);
  g_assert_no_error (error);
  before = read_bytes (f->db);
  run_bounded (f, 512, 10, contracts, &run);
  g_assert_cmpint (run.exit_status, ==, 1);
  g_assert_nonnull (strstr (run.err, f->db));
  g_assert_nonnull (strstr (run.err, "is damaged"));
  after = read_bytes (f->db);
  g_assert_true (g_bytes_equal (before, after));
}

/* Section: careless and hostile files, imported into a fresh store */

typedef struct {
  const char *file;       /* tests/data/hostile/… */
  const char *where;      /* ":ROW:COLUMN: " the message starts with, after the path */
  const char *message;    /* what it must say */
  guint       mem_mib;
  guint       seconds;
} FileCase;

static const FileCase file_cases[] = {
  { "report-duplicate-metric-period.csv", ":4:1: ", "A.1.a for 2018-04 is given twice in this file (row 2 and here)", 256, 10 },
  { "invoice-duplicate-row.csv", ":3:1: ", "the central invoice for 2018-04 is given twice in this file (row 2 and here)", 256, 10 },
  { "embedded-nul.csv", ":2:3: ", "the file holds a NUL byte", 256, 10 },
  { "calls-wait-1e308.csv", ":2:4: ", "1e+308 is not a plausible wait in seconds (at most 86400", 256, 10 },
  { "report-fractional-count.csv", ":2:4: ", "97.5 is not a whole number, but a numerator is a count", 256, 10 },
  { "report-zero-over-zero.csv", ":2:5: ", "a denominator of 0 gives no figure", 256, 10 },
  { "report-hex-number.csv", ":2:3: ", "“0x10” is not a number", 256, 10 },
  { "report-percent-over-100.csv", ":2:3: ", "A.1.a is a percentage from 0 to 100, but the value is 100.5", 256, 10 },
  { "invoice-past-int64.csv", ":2:3: ", "is not an amount in dollars and cents", 256, 10 },
  { "invoice-over-a-billion.csv", ":2:3: ", "is not a plausible invoice amount for one component in one month (at most $1,000,000,000.00)", 256, 10 },
  { "extra-cell.csv", ":2:4: ", "a value beyond the last column of the header (which has 3 columns)", 256, 10 },
  { "text-after-quote.csv", ":2:3: ", "text after the closing quote of a field", 256, 10 },
  { "tasks-same-id-twice.csv", ":4:1: ", "task “T1” is given twice in this file (row 2 and here)", 256, 10 },
  { "no-line-end.csv", ":2:3: ", "a record longer than 4 MiB, the most Threshold reads (a file without line ends", 256, 2 },
  { "row-of-2000-fields.csv", ":2:1025: ", "a record of more than 1024 fields, the most Threshold reads", 256, 2 },
  /* Read as Windows-1252 it was "a NUL byte", which did not say what it is. */
  { "report-utf16be-no-bom.csv", ":1:1: ", "the file is UTF-16BE text without a byte order mark", 256, 2 },
  /* Workbooks: each refused in under a second of processor time. */
  { "xlsx-zip-bomb.xlsx", ": the workbook was not read: ", "it expands to more than 100 times its size on disk", 256, 1 },
  { "xlsx-row-to-column-xfd.xlsx", ":2:16384: ", "the row reaches column 16384; Threshold reads at most 1024 columns", 256, 1 },
  { "xlsx-long-shared-string.xlsx", ": the workbook was not read: ", "shared string 1 is longer than 32767 characters", 256, 1 },
  { "xlsx-long-inline-cell.xlsx", ":2:1: ", "the cell holds more than 32767 characters", 256, 1 },
  /* OpenDocument spreadsheets: the same reader, the same limits. */
  { "ods-zip-bomb.ods", ": the workbook was not read: ", "it expands to more than 100 times its size on disk", 256, 1 },
  { "ods-cell-repeated-to-column-16384.ods", ":2:16384: ", "the row reaches column 16384; Threshold reads at most 1024 columns", 256, 1 },
  { "ods-row-repeated-2000000-times.ods", ": ", "the sheet reaches row 2000001; a sheet has at most 1048576 rows", 256, 1 },
};

static gint64
count_rows (const char *db_path,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Section: workbooks past the size limits, made at test time
 *
 * tests/make-large-workbook writes each in a second or two: its big part
 * is one deflated mebibyte repeated, so a part of 1,100 MiB is a file of
 * 1 MB (padded with random bytes where the 100-to-1 rule would otherwise
 * refuse it first).  Nothing of the gigabyte class is kept in git.  These
 * run as their own test (test-hostile-workbooks: THR_HOSTILE_WORKBOOKS=1). */

typedef struct {
  const char *name;       /* make-large-workbook's CASE */
  const char *message;
  guint       mem_mib;
  guint       seconds;
  gboolean    lies;       /* libarchive 3.8 refuses it first, as damaged */
} WorkbookCase;

static const WorkbookCase workbook_cases[] = {
  /* Honest headers: refused before a byte is expanded. */
  { "part-over-1gib", "one of its parts expands to more than 1024 MiB, the most Threshold reads from one part", 256, 1 },
  { "total-over-2gib", "its parts expand to more than 2048 MiB together, the most Threshold reads from one workbook", 256, 1 },
  { "shared-strings-count", "it has more than 2000000 shared strings, the most Threshold reads", 256, 1 },
  /* Headers that lie: refused as the bytes stream, memory flat (the
   * worksheet is 1,100 MiB of comments, which libxml2 kept in memory). */
  { "part-over-1gib-lying", "one of its parts expands to more than 1024 MiB, the most Threshold reads from one part", 256, 15, TRUE },
  { "shared-strings-count-lying", "it has more than 2000000 shared strings, the most Threshold reads", 768, 10 },
  { "shared-strings-bytes", "its shared strings hold more than 256 MiB of text, the most Threshold reads", 768, 10 },
};

static void
make_large_workbook (const char *path,
                     const char *name)
{
  g_autofree char *tool = g_test_build_filename (G_TEST_DIST, "make-large-workbook", NULL);
  const char *argv[] = { "python3", tool, path, name, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("make-large-workbook %s: %s", name, err);
}

static void
test_workbook_limit (Fixture       *f,
                     gconstpointer  data)
{
  const WorkbookCase *c = data;
  g_autofree char *name = g_strconcat (c->name, ".xlsx", NULL);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *where = g_strconcat (path, ": the workbook was not read: ", c->message, NULL);
  const char *import[] = { "import", path, NULL };
  g_auto(Run) run = { 0 };
  GStatBuf st;

  make_large_workbook (path, c->name);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, <, 32 << 20);   /* small on disk, whatever it expands to */
  make_store (f);
  run_bounded (f, c->mem_mib, c->seconds, import, &run);
  g_assert_cmpint (run.exit_status, ==, 1);
  /* A part longer than its header says is refused by Threshold's count
   * as it streams, or, with libarchive 3.8 (Debian forky), by libarchive
   * itself, which the message then names as the damage. */
  if (c->lies && archive_version_number () >= 3008000 && !g_str_has_prefix (run.err, where))
    {
      g_autofree char *damaged = g_strconcat (path, ": xl/", NULL);

      g_assert_true (g_str_has_prefix (run.err, damaged));
      g_assert_nonnull (strstr (run.err, " in the workbook is damaged: "));
      g_assert_null (strstr (run.err, "not well-formed XML"));
    }
  else
    g_assert_true (g_str_has_prefix (run.err, where));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM imports"), ==, 0);
}

/* Refused with FILE:ROW:COLUMN and the reason, exit 1, nothing written. */
static void
test_file_refused (Fixture       *f,
                   gconstpointer  data)
{
  const FileCase *c = data;
  g_autofree char *path = hostile_path (c->file);
  g_autofree char *where = g_strconcat (path, c->where, NULL);
  const char *import[] = { "import", path, NULL };
  g_auto(Run) run = { 0 };

  make_store (f);
  run_bounded (f, c->mem_mib, c->seconds, import, &run);
  g_assert_cmpint (run.exit_status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, where));
  g_assert_nonnull (strstr (run.err, c->message));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM imports"), ==, 0);
}

/* The same tasks saved again with CRLF line ends: other bytes, same
 * records.  Refused by default, naming the earlier import; replaced when
 * the user asks; never added a second time. */
static void
test_same_tasks_twice (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *first = hostile_path ("tasks-april.csv");
  g_autofree char *again = hostile_path ("tasks-april-saved-again-crlf.csv");
  g_autofree char *where = g_strconcat (again, ":2:1: ", NULL);
  const char *import_first[] = { "import", first, NULL };
  const char *import_again[] = { "import", again, NULL };
  const char *replace_again[] = { "import", again, "--replace-duplicates", NULL };
  g_auto(Run) run1 = { 0 };
  g_auto(Run) run2 = { 0 };
  g_auto(Run) run3 = { 0 };

  make_store (f);
  run_bounded (f, 256, 10, import_first, &run1);
  g_assert_cmpint (run1.exit_status, ==, 0);

  run_bounded (f, 256, 10, import_again, &run2);
  g_assert_cmpint (run2.exit_status, ==, 1);
  g_assert_true (g_str_has_prefix (run2.err, where));
  g_assert_nonnull (strstr (run2.err, "task “T1” was imported before (import 1, row 2)"));
  g_assert_nonnull (strstr (run2.err, "--replace-duplicates"));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM imports"), ==, 1);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM tasks"), ==, 3);

  run_bounded (f, 256, 10, replace_again, &run3);
  g_assert_cmpint (run3.exit_status, ==, 0);
  g_assert_nonnull (strstr (run3.out, "replaced 3 task record(s) imported before (import 1)"));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM tasks"), ==, 3);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM tasks WHERE import_id = 2"), ==, 3);
  g_assert_cmpint (count_rows (f->db, "SELECT n_rows FROM imports WHERE id = 1"), ==, 0);
}

/* T323329 and T1134096 have the same 32-bit hash, which is all an import
 * keeps of each id: a duplicate beside an id whose hash merely collides
 * with it is still found, within the file and against an earlier import. */
static void
test_ids_whose_hashes_collide (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *first = g_build_filename (f->dir, "first.csv", NULL);
  g_autofree char *second = g_build_filename (f->dir, "second.csv", NULL);
  g_autofree char *twice = g_build_filename (f->dir, "twice.csv", NULL);
  const char *import_first[] = { "import", first, NULL };
  const char *import_second[] = { "import", second, NULL };
  const char *import_twice[] = { "import", twice, NULL };
  g_auto(Run) run1 = { 0 };
  g_auto(Run) run2 = { 0 };
  g_auto(Run) run3 = { 0 };

  g_assert_true (g_file_set_contents (first, "task_id,type,received,completed\n"
                                      "T1134096,application,2018-04-03,2018-04-05\n", -1, NULL));
  /* The colliding id comes first, so a lookup that stops at the first
   * entry of the hash would miss T1134096. */
  g_assert_true (g_file_set_contents (second, "task_id,type,received,completed\n"
                                      "T323329,application,2018-04-02,2018-04-05\n"
                                      "T1134096,application,2018-04-03,2018-04-06\n", -1, NULL));
  /* Sorted by hash, then row: T323329, T1134096, T323329; neighbours
   * differ, the first and the third are the same id. */
  g_assert_true (g_file_set_contents (twice, "task_id,type,received,completed\n"
                                      "T323329,application,2018-05-02,2018-05-05\n"
                                      "T1134096,application,2018-05-03,2018-05-06\n"
                                      "T323329,application,2018-05-04,2018-05-07\n", -1, NULL));
  make_store (f);
  run_bounded (f, 256, 10, import_first, &run1);
  g_assert_cmpint (run1.exit_status, ==, 0);

  run_bounded (f, 256, 10, import_second, &run2);
  g_assert_cmpint (run2.exit_status, ==, 1);
  g_assert_nonnull (strstr (run2.err, ":3:1: task “T1134096” was imported before (import 1, row 2)"));
  g_assert_null (strstr (run2.err, "T323329"));

  run_bounded (f, 256, 10, import_twice, &run3);
  g_assert_cmpint (run3.exit_status, ==, 1);
  g_assert_nonnull (strstr (run3.err, ":4:1: task “T323329” is given twice in this file (row 2 and here)"));
  g_assert_null (strstr (run3.err, "T1134096"));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM tasks"), ==, 1);
}

/* Section: files that are not files, and JSON nested without end */

/* A FIFO blocked the import until someone wrote to it, /dev/zero never
 * ended and a folder was called "empty": each is refused at once, saying
 * what it is. */
static void
test_not_a_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "report.csv", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "April", NULL);
  struct { const char *path; const char *message; } cases[] = {
    { "/dev/zero", "is not a regular file (a pipe, a socket or a device)" },
    { fifo, "is not a regular file (a pipe, a socket or a device)" },
    { folder, "is a folder, not a file" },
  };

  make_store (f);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *import[] = { "import", cases[i].path, NULL };
      g_auto(Run) run = { 0 };

      run_bounded (f, 256, 2, import, &run);
      g_assert_cmpint (run.exit_status, ==, 1);
      g_assert_true (g_str_has_prefix (run.err, cases[i].path));
      g_assert_nonnull (strstr (run.err, cases[i].message));
    }
}

/* Comments and processing instructions are dropped before libxml2 (it
 * kept them in memory); CDATA holding "<!--" is text and read whole, and
 * a row inside a comment is no row. */
static void
test_workbook_comments (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *file = hostile_path ("xlsx-comments-and-cdata.xlsx");
  const char *import[] = { "import", file, NULL };
  g_auto(Run) run = { 0 };

  make_store (f);
  run_bounded (f, 256, 2, import, &run);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Imported 1 metric-report row(s)"));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM reported_values WHERE metric = 'A.1.a' "
                                      "AND period = '2018-04' AND value = 97 AND row = 2"), ==, 1);
}

/* A million empty rows written once with a repeat count (as sheets end)
 * cost nothing; the row after them is row 1,000,002, its month a date
 * cell and its percentage a fraction shown as a percent. */
static void
test_ods_empty_rows (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *file = hostile_path ("ods-empty-rows-then-data.ods");
  const char *import[] = { "import", file, NULL };
  g_auto(Run) run = { 0 };

  make_store (f);
  run_bounded (f, 256, 2, import, &run);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Read as OpenDocument spreadsheet, sheet “Report”"));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM reported_values WHERE metric = 'A.1.a' "
                                      "AND period = '2018-04' AND value = 93.5 AND row = 1000002"), ==, 1);
}

/* A file whose last line has no line end is read whole. */
static void
test_no_final_newline (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *report = hostile_path ("report-no-final-newline.csv");
  const char *import[] = { "import", report, NULL };
  g_auto(Run) run = { 0 };

  make_store (f);
  run_bounded (f, 256, 2, import, &run);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM reported_values WHERE value = 97"), ==, 1);
}

/* A profile nested 200,000 levels deep in the user's folder made every
 * import exit 139 (json-glib recursed off the stack): it is skipped with a
 * warning that names it, and the import goes on with the other profiles. */
static void
test_deep_profile (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *deep = hostile_path ("profile-deeply-nested.json");
  g_autofree char *config = xdg_dir (f, "config");
  g_autofree char *folder = g_build_filename (config, "threshold", "profiles", NULL);
  g_autofree char *target = g_build_filename (folder, "deep.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *report = hostile_path ("report-50-percent.csv");
  const char *import[] = { "import", report, NULL };
  g_auto(Run) run = { 0 };
  gsize len;

  make_store (f);
  g_assert_true (g_file_get_contents (deep, &contents, &len, NULL));
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (target, contents, (gssize) len, NULL));
  run_bounded (f, 256, 2, import, &run);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_nonnull (strstr (run.err, "import profile skipped"));
  g_assert_nonnull (strstr (run.err, target));
  g_assert_nonnull (strstr (run.err, "nested more than 64 levels deep"));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM reported_values"), ==, 1);
}

/* The same nesting in the contract a received store holds: refused with
 * the reason, not a crash. */
static void
test_deep_contract (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *deep = hostile_path ("contract-deeply-nested.json");
  g_autofree char *contents = NULL;
  const char *evaluate[] = { "evaluate", "--period", "2018-04", NULL };
  g_auto(Run) run = { 0 };
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gsize len;

  make_store (f);
  g_assert_true (g_file_get_contents (deep, &contents, &len, NULL));
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE contracts SET definition = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, contents, (int) len, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  run_bounded (f, 256, 2, evaluate, &run);
  g_assert_cmpint (run.exit_status, ==, 1);
  g_assert_nonnull (strstr (run.err, "nested more than 64 levels deep"));
}

/* Section: small things that mislead */

/* A mistyped --db on a read command creates neither the folders nor an
 * empty store, and says so. */
static void
test_mistyped_db (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "typo", NULL);
  const char *contracts[] = { "contracts", NULL };
  const char *evaluate[] = { "evaluate", "--period", "2018-04", NULL };
  const char *ledger[] = { "ledger", NULL };
  const char * const *commands[] = { contracts, evaluate, ledger };

  g_free (f->db);
  f->db = g_build_filename (folder, "stroe.db", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };

      run_bounded (f, 256, 2, commands[i], &run);
      g_assert_cmpint (run.exit_status, ==, 1);
      g_assert_nonnull (strstr (run.err, "no such store; nothing was created"));
      g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
    }
}

static void run_setup (Fixture *f, const char * const *args);

/* A metric id of 10,000 characters: the message quotes its first 80 and
 * says it was cut, not the whole value. */
static void
test_long_value_quoted (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *file = hostile_path ("report-metric-id-10000-characters.csv");
  g_autofree char *x80 = g_strnfill (80, 'X');
  g_autofree char *where = g_strconcat (file, ":2:1: unknown metric “", x80, "…” for contract rfp-16-102\n", NULL);
  const char *import[] = { "import", file, NULL };
  g_auto(Run) run = { 0 };

  make_store (f);
  run_bounded (f, 256, 2, import, &run);
  g_assert_cmpint (run.exit_status, ==, 1);
  g_assert_cmpstr (run.err, ==, where);
}

/* A byte that is not UTF-8 on line 40,002, past the first mebibyte (the
 * decoder works a mebibyte at a time; the message gave the line where
 * that chunk began).  Made here, not kept: 1.7 MB of plain rows. */
static void
test_bad_byte_line (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "tasks-bad-byte.csv", NULL);
  g_autofree char *where = g_strconcat (file, ":40002:2: byte 0xFF is not UTF-8, though the file began as UTF-8", NULL);
  g_autoptr(GString) text = g_string_new ("task_id,type,received,completed,note\nT0,application,2018-04-02,2018-04-05,café\n");
  const char *import[] = { "import", file, NULL };
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i < 40000; i++)
    g_string_append_printf (text, "T%u,application,2018-04-02,2018-04-05,x\n", i);
  g_string_append (text, "T40000,appli\xff" "cation,2018-04-02,2018-04-05,x\n");
  g_assert_cmpuint (text->len, >, 1 << 20);
  g_file_set_contents (file, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);

  make_store (f);
  run_bounded (f, 256, 5, import, &run);
  g_assert_cmpint (run.exit_status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, where));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM imports"), ==, 0);
}

/* Undoing the latest import gave its id to the next one, so "import 2"
 * in a note or an audit trail meant two files.  Ids are never reused. */
static void
test_import_ids_not_reused (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *report = hostile_path ("report-50-percent.csv");
  g_autofree char *invoices = hostile_path ("invoice-1000-dollars.csv");
  g_autofree char *tasks = hostile_path ("tasks-april.csv");
  const char *import_report[] = { "import", report, NULL };
  const char *import_invoices[] = { "import", invoices, NULL };
  const char *import_tasks[] = { "import", tasks, NULL };
  const char *undo[] = { "undo", "2", NULL };
  const char *imports[] = { "imports", NULL };
  g_auto(Run) r1 = { 0 };
  g_auto(Run) r2 = { 0 };
  g_auto(Run) r3 = { 0 };
  g_auto(Run) r4 = { 0 };
  g_auto(Run) r5 = { 0 };

  make_store (f);
  run_bounded (f, 256, 5, import_report, &r1);
  run_bounded (f, 256, 5, import_invoices, &r2);
  g_assert_cmpint (r2.exit_status, ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT max(id) FROM imports"), ==, 2);
  run_bounded (f, 256, 5, undo, &r3);
  g_assert_cmpint (r3.exit_status, ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT max(id) FROM imports"), ==, 1);
  run_bounded (f, 256, 5, import_tasks, &r4);
  g_assert_cmpint (r4.exit_status, ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT max(id) FROM imports"), ==, 3);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM imports WHERE id = 2"), ==, 0);
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM tasks WHERE import_id = 3"), ==, 3);
  run_bounded (f, 256, 5, imports, &r5);
  g_assert_cmpint (r5.exit_status, ==, 0);
  g_assert_nonnull (strstr (r5.out, "tasks-april.csv"));
}

/* A CAP text that starts with "-" is taken after "--", as in every
 * command-line program; before, "--" itself was counted as an argument. */
static void
test_cap_text_after_double_dash (Fixture       *f,
                                 gconstpointer  data)
{
  const char *demo[] = { "demo", "--months", "5", "--tasks", "200", "--calls", "100", NULL };
  const char *set[] = { "caps", "set", "1", "root_cause", "--", "-5 staff left in March", NULL };
  const char *action[] = { "caps", "action", "1", "--owner", "Pat", "--", "--call back every applicant", NULL };
  const char *show[] = { "caps", "--format", "json", NULL };
  g_auto(Run) r1 = { 0 };
  g_auto(Run) r2 = { 0 };
  g_auto(Run) r3 = { 0 };

  run_setup (f, demo);
  run_bounded (f, 512, 10, set, &r1);
  g_assert_cmpint (r1.exit_status, ==, 0);
  run_bounded (f, 512, 10, action, &r2);
  g_assert_cmpint (r2.exit_status, ==, 0);
  run_bounded (f, 512, 10, show, &r3);
  g_assert_cmpint (r3.exit_status, ==, 0);
  g_assert_nonnull (strstr (r3.out, "\"root_cause\" : \"-5 staff left in March\""));
  g_assert_nonnull (strstr (r3.out, "--call back every applicant"));
}

/* Section: files Threshold wrote, read back */

static void
run_in (Fixture            *f,
        const char         *db,
        const char * const *args)
{
  g_autofree char *saved = f->db;

  f->db = g_strdup (db);
  run_setup (f, args);
  g_free (f->db);
  f->db = g_steal_pointer (&saved);
}

/* The rows of reported_values in `copy` that the store at `original` has
 * too, value and counts alike. */
static gint64
matching_reported_values (const char *copy,
                          const char *original)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM main.reported_values c WHERE EXISTS (SELECT 1 FROM o.reported_values r "
    "WHERE r.metric = c.metric AND r.period = c.period AND r.subject = c.subject "
    "AND (r.value IS c.value OR abs(r.value - c.value) < 1e-9) "
    "AND r.numerator IS c.numerator AND r.denominator IS c.denominator)");
  g_autofree char *attach = g_strdup_printf ("ATTACH '%s' AS o", original);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, attach, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* `export metrics` as CSV and as .xlsx: each imports into a new store as a
 * metric report, its rows without a reported figure skipped (they were
 * refused), the contractor's figures read from "Reported" (not "Value",
 * which may be Threshold's recomputation), every one as the first store
 * holds it.  The .xlsx saved as .ods by LibreOffice itself is imported by
 * tests/check-office.py (office-roundtrip), which starts LibreOffice anyway:
 * one start of it in the suite, not two (about 7 s each on two busy cores). */
static void
test_metrics_export_read_back (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (f->dir, "metrics.csv", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "metrics.xlsx", NULL);
  const char *demo[] = { "demo", "--months", "5", "--tasks", "200", "--calls", "100", NULL };
  const char *export_csv[] = { "export", "metrics", "2018-03", "--format", "csv", "-o", csv, NULL };
  const char *export_xlsx[] = { "export", "metrics", "2018-03", "--format", "xlsx", "-o", xlsx, NULL };
  const char *files[] = { csv, xlsx };

  run_setup (f, demo);
  run_setup (f, export_csv);
  run_setup (f, export_xlsx);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *name = g_strdup_printf ("copy-%u.db", i);
      g_autofree char *copy = g_build_filename (f->dir, name, NULL);
      const char *init[] = { "init", "--template", "rfp-16-102", NULL };
      const char *import[] = { "--db", copy, "import", files[i], NULL };
      g_auto(Run) run = { 0 };
      gint64 n;

      run_in (f, copy, init);
      /* run_bounded passes --db f->db first; the second --db wins. */
      run_bounded (f, 256, 10, import, &run);
      g_assert_cmpint (run.exit_status, ==, 0);
      g_assert_nonnull (strstr (run.out, "read as Threshold's metrics export"));
      g_assert_nonnull (strstr (run.out, "skipped 2 row(s) without a reported figure"));
      n = count_rows (copy, "SELECT count(*) FROM reported_values");
      g_assert_cmpint (n, ==, 48);
      g_assert_cmpint (matching_reported_values (copy, f->db), ==, n);
    }
}

/* Section: personal data */

/* Headers that name Social Security numbers however they are spelled:
 * the columns are dropped, each with a note, and nothing of them stored. */
static void
test_ssn_headers (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *file = hostile_path ("tasks-ssn-header-variants.csv");
  const char *import[] = { "import", file, NULL };
  const char *headers[] = { "Soc. Sec. #", "S.S.N.", "SocialSecurityNo", "SSN_Last4" };
  g_auto(Run) run = { 0 };

  make_store (f);
  run_bounded (f, 256, 2, import, &run);
  g_assert_cmpint (run.exit_status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autofree char *note = g_strdup_printf ("dropped column “%s”: it looks like it holds Social Security numbers",
                                               headers[i]);
      g_assert_nonnull (strstr (run.out, note));
    }
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM tasks"), ==, 1);
}

/* A number among other text, with spaces, in full-width digits: refused
 * in a column that is stored, row by row; a date or a phone number is not
 * taken for one. */
static void
test_ssn_in_text (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *file = hostile_path ("tasks-ssn-in-text.csv");
  const char *import[] = { "import", file, NULL };
  g_auto(Run) run = { 0 };

  make_store (f);
  run_bounded (f, 256, 2, import, &run);
  g_assert_cmpint (run.exit_status, ==, 1);
  for (guint row = 2; row <= 5; row++)
    {
      g_autofree char *where = g_strdup_printf ("%s:%u:5: the value (not shown) looks like a Social Security number",
                                                file, row);

      if (row < 5)
        g_assert_nonnull (strstr (run.err, where));
      else
        g_assert_null (strstr (run.err, where));
    }
  g_assert_null (strstr (run.err, "6789"));
  g_assert_cmpint (count_rows (f->db, "SELECT count(*) FROM imports"), ==, 0);
}

/* Section: text that reaches the PDF layout */

static void
run_setup (Fixture            *f,
           const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) envp = child_environment (f);
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("THRESHOLD_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, f->db);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s", err);
}

/* A CAP field of one 200 KB word (a store received, or text pasted into
 * the editor) took 56 s to lay out: now the field is cut at 20,000
 * characters with a note and long runs get break opportunities. */
static void
test_cap_long_word (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *word_path = hostile_path ("cap-root-cause-one-word.txt");
  g_autofree char *word = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "cap.pdf", NULL);
  const char *demo[] = { "demo", "--months", "5", "--tasks", "200", "--calls", "100", NULL };
  const char *report[] = { "report", "cap", "1", "-o", pdf, NULL };
  g_auto(Run) run = { 0 };
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (word_path, &word, &len, NULL));
  g_assert_cmpuint (len, ==, 200000);
  run_setup (f, demo);
  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE caps SET root_cause = ?1 WHERE id = 1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, word, (int) len, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  run_bounded (f, 512, 3, report, &run);
  g_assert_cmpint (run.exit_status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("THRESHOLD_CLI"));

  if (g_getenv ("THR_HOSTILE_WORKBOOKS") != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (workbook_cases); i++)
        {
          g_autofree char *path = g_strdup_printf ("/hostile/workbook/%s", workbook_cases[i].name);

          g_test_add (path, Fixture, &workbook_cases[i], fixture_set_up, test_workbook_limit, fixture_tear_down);
        }
      return g_test_run ();
    }

  for (guint i = 0; i < G_N_ELEMENTS (store_cases); i++)
    {
      g_autofree char *name = g_strndup (store_cases[i].sql, strlen (store_cases[i].sql) - 4);
      g_autofree char *path = g_strdup_printf ("/hostile/store/%s", name);

      g_test_add (path, Fixture, &store_cases[i], fixture_set_up, test_store_schema, fixture_tear_down);
    }
  for (guint i = 0; i < G_N_ELEMENTS (file_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/hostile/file/%s", file_cases[i].file);

      g_test_add (path, Fixture, &file_cases[i], fixture_set_up, test_file_refused, fixture_tear_down);
    }
  g_test_add ("/hostile/file/tasks-saved-again", Fixture, NULL, fixture_set_up, test_same_tasks_twice, fixture_tear_down);
  g_test_add ("/hostile/file/ids-whose-hashes-collide", Fixture, NULL, fixture_set_up, test_ids_whose_hashes_collide,
              fixture_tear_down);
  g_test_add ("/hostile/file/not-a-file", Fixture, NULL, fixture_set_up, test_not_a_file, fixture_tear_down);
  g_test_add ("/hostile/file/xlsx-comments-and-cdata", Fixture, NULL, fixture_set_up, test_workbook_comments,
              fixture_tear_down);
  g_test_add ("/hostile/file/ods-empty-rows-then-data", Fixture, NULL, fixture_set_up, test_ods_empty_rows,
              fixture_tear_down);
  g_test_add ("/hostile/file/no-final-newline", Fixture, NULL, fixture_set_up, test_no_final_newline, fixture_tear_down);
  g_test_add ("/hostile/json/deep-profile", Fixture, NULL, fixture_set_up, test_deep_profile, fixture_tear_down);
  g_test_add ("/hostile/json/deep-contract", Fixture, NULL, fixture_set_up, test_deep_contract, fixture_tear_down);
  g_test_add ("/hostile/file/metrics-export-read-back", Fixture, NULL, fixture_set_up, test_metrics_export_read_back,
              fixture_tear_down);
  g_test_add ("/hostile/cli/mistyped-db", Fixture, NULL, fixture_set_up, test_mistyped_db, fixture_tear_down);
  g_test_add ("/hostile/file/long-value-quoted", Fixture, NULL, fixture_set_up, test_long_value_quoted, fixture_tear_down);
  g_test_add ("/hostile/file/bad-byte-line", Fixture, NULL, fixture_set_up, test_bad_byte_line, fixture_tear_down);
  g_test_add ("/hostile/cli/import-ids-not-reused", Fixture, NULL, fixture_set_up, test_import_ids_not_reused, fixture_tear_down);
  g_test_add ("/hostile/cli/cap-text-after-double-dash", Fixture, NULL, fixture_set_up, test_cap_text_after_double_dash,
              fixture_tear_down);
  g_test_add ("/hostile/privacy/ssn-headers", Fixture, NULL, fixture_set_up, test_ssn_headers, fixture_tear_down);
  g_test_add ("/hostile/privacy/ssn-in-text", Fixture, NULL, fixture_set_up, test_ssn_in_text, fixture_tear_down);
  g_test_add ("/hostile/pdf/cap-one-long-word", Fixture, NULL, fixture_set_up, test_cap_long_word, fixture_tear_down);
  g_test_add ("/hostile/store/genuine", Fixture, NULL, fixture_set_up, test_store_genuine, fixture_tear_down);
  g_test_add ("/hostile/store/freelist-count", Fixture, GINT_TO_POINTER (PAGES_FREELIST_COUNT),
              fixture_set_up, test_store_pages, fixture_tear_down);
  g_test_add ("/hostile/store/scrambled-page", Fixture, GINT_TO_POINTER (PAGES_SCRAMBLED_TABLE),
              fixture_set_up, test_store_pages, fixture_tear_down);
  return g_test_run ();
}
