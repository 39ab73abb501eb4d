/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-check.c — the check of a store's pages tells how far it has gone
 *
 * A store this user's Threshold did not leave as it is has every page read
 * before use (thr-store-check.c), minutes for a large one: the opening
 * reports how far that reading has gone, can be cancelled, and reports
 * nothing for a store it need not read again.
 *
 * Its schema is compared with the rows the build wrote down first, and
 * with a reference built in memory only when they differ: a genuine store
 * needs none, a changed one is still refused, and rows that do not match
 * a genuine store leave the decision to the reference.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "thr-core.h"
#include "thr-store-check-private.h"
#include "thr-test-demo.h"

typedef struct {
  char   *dir;
  char   *db;      /* a demo store never opened at this path: its pages are read */
} Fixture;

typedef struct {
  GArray       *fractions;
  GCancellable *cancellable;
  double        cancel_at;   /* cancel once past it; 0: never */
} Progress;

/* One demo store for every test, copied: a copy is a new file (another
 * inode), which no opening has recorded as checked. */
static char *made_store;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) from = g_file_new_for_path (made_store);
  g_autoptr(GFile) to = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-store-check-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "copy.db", NULL);
  to = g_file_new_for_path (f->db);
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (f->db);
  g_rmdir (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_array_append_val (progress->fractions, fraction);
  if (progress->cancel_at > 0 && fraction > progress->cancel_at)
    g_cancellable_cancel (progress->cancellable);
}

static ThrStore *
open_store (const char  *path,
            Progress    *progress,
            GError     **error)
{
  progress->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  return thr_store_open_checking (path, progress_cb, progress, progress->cancellable, error);
}

static double
fraction_at (Progress *progress,
             guint     i)
{
  return g_array_index (progress->fractions, double, i);
}

/* From 0 to 1, always up, in many steps and without a jump at the end:
 * the estimate of the pages to read was right. */
static void
test_progress_rises (Fixture       *f,
                     gconstpointer  data)
{
  Progress progress = { 0 };
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  store = open_store (f->db, &progress, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  n = progress.fractions->len;
  g_test_message ("%u reports", n);
  g_assert_cmpuint (n, >=, 20);
  g_assert_cmpfloat (fraction_at (&progress, 0), ==, 0.0);
  g_assert_cmpfloat (fraction_at (&progress, n - 1), ==, 1.0);
  for (guint i = 1; i < n; i++)
    g_assert_cmpfloat (fraction_at (&progress, i), >, fraction_at (&progress, i - 1));
  g_assert_cmpfloat (fraction_at (&progress, n - 2), >=, 0.9);
  /* Half-way is reported, not skipped. */
  for (guint i = 1; i < n; i++)
    if (fraction_at (&progress, i) >= 0.5)
      {
        g_assert_cmpfloat (fraction_at (&progress, i), <, 0.6);
        break;
      }
  g_array_unref (progress.fractions);
}

/* Closed, the store is recorded as this Threshold left it: its pages are
 * not read again, and nothing is reported. */
static void
test_unchanged_not_checked (Fixture       *f,
                            gconstpointer  data)
{
  Progress first = { 0 };
  Progress second = { 0 };
  g_autoptr(ThrStore) again = NULL;
  g_autoptr(GError) error = NULL;
  ThrStore *store = open_store (f->db, &first, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (first.fractions->len, >, 0);
  g_object_unref (store);
  again = open_store (f->db, &second, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpuint (second.fractions->len, ==, 0);
  g_array_unref (first.fractions);
  g_array_unref (second.fractions);
}

/* Cancelled half-way: no store, the file as it was, and the next opening
 * checks it whole. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress cancelled = { NULL, cancellable, 0.3 };
  Progress next = { 0 };
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len_before, len_after;

  g_assert_true (g_file_get_contents (f->db, &before, &len_before, NULL));
  store = open_store (f->db, &cancelled, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (store);
  g_clear_error (&error);
  g_assert_cmpfloat (g_array_index (cancelled.fractions, double, cancelled.fractions->len - 1), <, 0.5);
  g_assert_true (g_file_get_contents (f->db, &after, &len_after, NULL));
  g_assert_cmpmem (before, len_before, after, len_after);

  store = open_store (f->db, &next, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpfloat (g_array_index (next.fractions, double, next.fractions->len - 1), ==, 1.0);
  g_array_unref (cancelled.fractions);
  g_array_unref (next.fractions);
}

/* A page damaged in the middle is found by the counted reading too. */
static void
test_damaged_page (Fixture       *f,
                   gconstpointer  data)
{
  Progress progress = { 0 };
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize len;
  gsize page = 4096;

  g_assert_true (g_file_get_contents (f->db, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, 100 * page);
  /* A b-tree page's header made nonsense: neither of the four kinds. */
  for (gsize at = len / page / 2; at < len / page; at++)
    if (bytes[at * page] == 0x0d)
      {
        memset (bytes + at * page, 0x77, 16);
        break;
      }
  g_assert_true (g_file_set_contents (f->db, bytes, (gssize) len, NULL));
  store = open_store (f->db, &progress, &error);
  g_assert_null (store);
  g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_STORE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "is damaged"));
  g_assert_cmpfloat (g_array_index (progress.fractions, double, progress.fractions->len - 1), <, 1.0);
  g_array_unref (progress.fractions);
}

/* Section: the schema against the rows the build wrote down */

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The file's own rows, spelled as the build spells its rows; their
 * strings live in CHUNK. */
static GArray *
rows_of (const char   *path,
         GStringChunk *chunk)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (SchemaRow));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *sql = _thr_store_normalize_sql ((const char *) sqlite3_column_text (stmt, 3));
      SchemaRow row = {
        g_string_chunk_insert (chunk, (const char *) sqlite3_column_text (stmt, 0)),
        g_string_chunk_insert (chunk, (const char *) sqlite3_column_text (stmt, 1)),
        g_string_chunk_insert (chunk, (const char *) sqlite3_column_text (stmt, 2)),
        g_string_chunk_insert (chunk, sql),
      };

      g_array_append_val (rows, row);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (rows->len, >, 30);
  return rows;
}

/* Opens the store and says whether the reference was built to decide. */
static ThrStore *
open_counting_built (const char  *path,
                     gboolean    *built,
                     GError     **error)
{
  guint before = _thr_store_check_n_built ();
  ThrStore *store = thr_store_open (path, error);

  *built = _thr_store_check_n_built () != before;
  return store;
}

/* A genuine store of the current version matches the rows this build
 * wrote down with this SQLite: no reference is built. */
static void
test_schema_rows_match (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean built = TRUE;

  store = open_counting_built (f->db, &built, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_false (built);
}

typedef struct {
  const char *change;    /* SQL run on the genuine store */
  const char *refusal;   /* in the message */
} SchemaChange;

static const SchemaChange one_change[] = {
  { "DROP INDEX imports_by_sha; CREATE INDEX imports_by_sha ON imports (sha256, contract_id)",
    "the index “imports_by_sha” differs" },
  { "ALTER TABLE imports ADD COLUMN note TEXT", "the table “imports” differs" },
  { "CREATE INDEX imports_by_name ON imports (file_name)", "an index “imports_by_name” (on “imports”)" },
  { "DROP INDEX kept_by_last_day", "the index “kept_by_last_day” that Threshold needs is missing" },
};

/* A schema that differs from the rows in one place goes to the reference,
 * which refuses it as before. */
static void
test_schema_one_change_refused (Fixture       *f,
                                gconstpointer  data)
{
  const SchemaChange *change = data;
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean built = FALSE;

  exec_sql (f->db, change->change);
  store = open_counting_built (f->db, &built, &error);
  g_assert_null (store);
  g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_FOREIGN_SCHEMA);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, change->refusal));
  g_assert_true (built);
}

/* Rows that do not match a genuine store (a different SQLite at the
 * build, say) never refuse it: the reference built in memory decides. */
static void
test_schema_stale_rows_decided_by_reference (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (4096);
  g_autoptr(GArray) rows = rows_of (f->db, chunk);
  SchemaRow *changed = NULL;
  g_autoptr(GError) error = NULL;
  ThrStore *store;
  gboolean built = FALSE;

  /* The file's own rows, as they are: the hook is used, no reference. */
  _thr_store_check_set_rows ((const SchemaRow *) rows->data, rows->len);
  store = open_counting_built (f->db, &built, &error);
  g_assert_no_error (error);
  g_assert_false (built);
  g_object_unref (store);

  /* One statement spelled otherwise. */
  for (guint i = 0; i < rows->len && changed == NULL; i++)
    if (g_str_equal (g_array_index (rows, SchemaRow, i).name, "imports_by_sha"))
      changed = &g_array_index (rows, SchemaRow, i);
  g_assert_nonnull (changed);
  changed->sql = "CREATE INDEX imports_by_sha ON imports(\"contract_id\",sha256)";
  store = open_counting_built (f->db, &built, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (built);
  g_object_unref (store);

  /* One row fewer. */
  _thr_store_check_set_rows ((const SchemaRow *) rows->data, rows->len - 1);
  store = open_counting_built (f->db, &built, &error);
  _thr_store_check_set_rows (NULL, 0);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (built);
  g_object_unref (store);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *cache = NULL;
  ThrDemoOptions options;
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("test-store-check-demo-XXXXXX", NULL);
  /* A record of checked stores of its own: the suite's other tests, run
   * beside it, write theirs to the one they share. */
  cache = g_build_filename (dir, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  thr_demo_options_init (&options);
  options.n_months = 3;
  made_store = thr_test_make_demo_store (dir, &options, NULL);

  g_test_add ("/store-check/progress-rises", Fixture, NULL, fixture_set_up, test_progress_rises, fixture_tear_down);
  g_test_add ("/store-check/unchanged-not-checked", Fixture, NULL, fixture_set_up, test_unchanged_not_checked,
              fixture_tear_down);
  g_test_add ("/store-check/cancelled", Fixture, NULL, fixture_set_up, test_cancelled, fixture_tear_down);
  g_test_add ("/store-check/damaged-page", Fixture, NULL, fixture_set_up, test_damaged_page, fixture_tear_down);
  g_test_add ("/store-check/schema/rows-match", Fixture, NULL, fixture_set_up, test_schema_rows_match,
              fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (one_change); i++)
    {
      g_autofree char *path = g_strdup_printf ("/store-check/schema/one-change-refused/%u", i);

      g_test_add (path, Fixture, &one_change[i], fixture_set_up, test_schema_one_change_refused, fixture_tear_down);
    }
  g_test_add ("/store-check/schema/stale-rows-decided-by-reference", Fixture, NULL, fixture_set_up,
              test_schema_stale_rows_decided_by_reference, fixture_tear_down);
  status = g_test_run ();

  {
    g_autofree char *wal = g_strconcat (made_store, "-wal", NULL);
    g_autofree char *shm = g_strconcat (made_store, "-shm", NULL);
    g_autofree char *record = g_build_filename (cache, "threshold", "checked-stores.ini", NULL);
    g_autofree char *lock = g_strconcat (record, ".lock", NULL);
    g_autofree char *record_dir = g_path_get_dirname (record);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (made_store);
    g_unlink (record);
    g_unlink (lock);
    g_rmdir (record_dir);
    g_rmdir (cache);
    g_rmdir (dir);
    g_free (made_store);
  }
  return status;
}
