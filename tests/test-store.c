/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store.c — old stores are upgraded after a backup; newer, foreign,
 * corrupt and truncated files are refused, unchanged, by the store and by
 * the CLI
 *
 * As test-store-postgresql (THR_TEST_BACKEND=postgresql) the same refusals
 * of a newer and of a foreign store run against a database of their own on
 * the server, a team store's backup is refused for pg_dump, and a
 * statement is prepared on the server only when it runs again.  The rest
 * stays SQLite-only, because its subject is the file: the fixtures are
 * SQLite dumps of schemas 1 to 12 and their upgrade is PRAGMA user_version
 * with a FILE.backup-vN beside it (team stores began at schema 11; its
 * steps, 11 → 12 → 13, are test-team-edit's /team-edit/schema-11-moves-on), and
 * random bytes, text, truncation and a broken header are damage to a file,
 * which a server's database cannot suffer through a client.
 */
#define G_LOG_DOMAIN "test-store"

#include <glib/gstdio.h>

#include "thr-core.h"
#include "thr-store-private.h"
#include "thr-store-schema.h"
#include "thr-store-sql-private.h"  /* SQL for fixtures */
#include "thr-test-store.h"

typedef struct {
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("thr-store-XXXXXX", NULL);
  f->db = thr_test_store_address (f->dir, "store.db");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  thr_test_store_cleanup ();
}

static char *
fixture_sql_path (int version)
{
  g_autofree char *name = g_strdup_printf ("store-v%d.sql", version);
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* Builds a store file from a committed SQL dump, with plain SQLite, as the
 * Threshold of that version left it. */
static void
build_from_fixture (const char *db_path,
                    int         version)
{
  g_autofree char *sql_path = fixture_sql_path (version);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  g_file_get_contents (sql_path, &sql, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql_path, message);
  sqlite3_close (db);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* Every row of the schema-1 tables, hashed in order: the data a user
 * trusted to the old version. */
/* The columns a table has in the store at `path`, as a SELECT list. */
static char *
column_list (sqlite3    *db,
             const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info('%s') ORDER BY cid", table);
  g_autoptr(GString) list = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (list, "%s\"%s\"", list->len ? ", " : "", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* A digest of every row, over the columns the store at `columns_from` has:
 * a migration may add columns, but must keep every value that was there. */
static char *
data_fingerprint_of (const char *path,
                     const char *columns_from)
{
  static const char * const tables[] = {
    "contracts", "imports", "reported_values", "reference_values", "invoices", "tasks", "calls",
    "caps", "cap_actions", "cap_audit",
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = NULL, *reference = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_open_v2 (columns_from, &reference, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *columns = column_list (reference, tables[i]);
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt = NULL;

      if (*columns == '\0')
        continue;   /* the table came with a later schema */
      sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY id", columns, tables[i]);

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const guchar *text = sqlite3_column_text (stmt, c);
            g_checksum_update (sum, text ? text : (const guchar *) "\x01", -1);
            g_checksum_update (sum, (const guchar *) "\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (reference);
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (sum));
}

static char *
data_fingerprint (const char *path)
{
  return data_fingerprint_of (path, path);
}

static GBytes *
read_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

/* What must not change when a store is refused: a file's bytes (it may
 * not even be SQLite), a team store's rows. */
static char *
store_state (Fixture *f)
{
  g_autoptr(GBytes) bytes = NULL;

  if (thr_test_store_is_team ())
    return thr_test_store_fingerprint (f->db);
  bytes = read_bytes (f->db);
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static gboolean
exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Every schema version before this one has a fixture, and each opens,
 * is upgraded after a backup copy, and keeps every row. */
static void
test_fixtures_upgrade (Fixture       *f,
                       gconstpointer  data)
{
  for (int version = 1; version <= THR_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *sql = fixture_sql_path (version);
      g_autofree char *backup = g_strdup_printf ("%s.backup-v%d", f->db, version);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(ThrStore) store = NULL;
      g_autoptr(GPtrArray) contracts = NULL;
      g_autoptr(GError) error = NULL;

      if (version == THR_STORE_SCHEMA_VERSION && !exists (sql))
        continue;
      g_assert_true (exists (sql));  /* a fixture for every released schema */
      g_unlink (f->db);
      g_unlink (backup);
      build_from_fixture (f->db, version);
      g_assert_cmpint (query_int (f->db, "PRAGMA user_version"), ==, version);
      before = data_fingerprint (f->db);

      store = thr_store_open (f->db, &error);
      g_assert_no_error (error);
      contracts = thr_store_list_contracts (store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (contracts->len, ==, 1);
      g_clear_object (&store);

      g_assert_cmpint (query_int (f->db, "PRAGMA user_version"), ==, THR_STORE_SCHEMA_VERSION);
      g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), ==, 0);
      /* Schema 11: an upgraded store keeps no figure yet, and counts no
       * write that forgot one. */
      g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM kept_figures"), ==, 0);
      g_assert_cmpint (query_int (f->db, "SELECT value FROM kept_generation"), ==, 0);
      /* Compared over the columns the fixture's version had. */
      after = version < THR_STORE_SCHEMA_VERSION ? data_fingerprint_of (f->db, backup)
                                                 : data_fingerprint (f->db);
      g_assert_cmpstr (before, ==, after);
      if (version < THR_STORE_SCHEMA_VERSION)
        {
          g_autofree char *kept = data_fingerprint (backup);
          g_assert_cmpint (query_int (backup, "PRAGMA user_version"), ==, version);
          g_assert_cmpstr (kept, ==, before);
        }
      else
        g_assert_false (exists (backup));  /* nothing to upgrade, nothing copied */
    }
}

/* Schema 4 keeps no index on the records' import_id: the upgrade records
 * each earlier import's rowid range, and undo removes exactly that. */
static void
test_upgrade_v3_record_ranges (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  build_from_fixture (f->db, 3);
  store = thr_store_open (f->db, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('tasks_by_import', 'calls_by_import')"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM pragma_foreign_key_list('tasks')"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM imports i WHERE kind IN ('tasks', 'calls') AND "
                                     "last_record - first_record + 1 = n_rows"), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM imports WHERE kind NOT IN ('tasks', 'calls') "
                                     "AND first_record IS NOT NULL"), ==, 0);

  store = thr_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (thr_history_undo_import (store, 1, 3, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 200);
  g_clear_object (&store);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM tasks"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM calls"), ==, 100);
}

/* The query plan of one statement, its details joined by "; ". */
static char *
query_plan (const char *path,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s%s", plan->len ? "; " : "", sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&plan), FALSE);
}

static void
count_row_cb (const ThrStoreRow *row,
              gpointer           user_data)
{
  (*(guint *) user_data)++;
}

/* Schema 13 indexes the tasks by the day they were completed: a scan of a
 * type's completions in a month ranges over that index (before, it read
 * every task of the type), and reads the same rows as a plain count;
 * open tasks, which have no such day, are not in it. */
static void
test_upgrade_v12_completed_index (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = NULL;
  guint n_scanned = 0;

  build_from_fixture (f->db, 12);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM sqlite_schema WHERE name = 'tasks_by_completed'"), ==, 0);
  store = thr_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (thr_store_scan_tasks (store, 1, "redetermination", THR_FIELD_COMPLETED, 736697, 736738,
                                       count_row_cb, &n_scanned, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (query_int (f->db, "PRAGMA user_version"), ==, 13);
  plan = query_plan (f->db, "SELECT task_id FROM tasks WHERE contract_id = 1 AND type = 'redetermination' "
                            "AND completed_day BETWEEN 736697 AND 736738");
  g_assert_nonnull (strstr (plan, "INDEX tasks_by_completed (contract_id=? AND type=? AND completed_day>? AND completed_day<?)"));
  /* 13 redeterminations, 11 of them completed in those days. */
  g_assert_cmpuint (n_scanned, ==, 11);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM tasks NOT INDEXED WHERE type = 'redetermination' "
                                     "AND completed_day BETWEEN 736697 AND 736738"), ==, n_scanned);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM tasks INDEXED BY tasks_by_completed "
                                     "WHERE contract_id = 1 AND type > '' AND completed_day > 0"), ==,
                   query_int (f->db, "SELECT count(*) FROM tasks WHERE completed_day IS NOT NULL"));
}

/* A pretend second step, until the real one lands: the fixture goes from
 * 1 to 2 and its backup holds the store as it was. */
static void
test_upgrade_makes_backup (Fixture       *f,
                           gconstpointer  data)
{
  const char *steps[] = { thr_store_migrations[0], "CREATE TABLE extra (x); INSERT INTO extra VALUES (42);" };
  g_autofree char *backup = g_strconcat (f->db, ".backup-v1", NULL);
  g_autofree char *before = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;

  build_from_fixture (f->db, 1);
  before = data_fingerprint (f->db);
  store = thr_store_open_with_migrations (f->db, steps, 2, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (query_int (f->db, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT x FROM extra"), ==, 42);
  g_assert_true (exists (backup));
  g_assert_cmpint (query_int (backup, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (query_int (backup, "SELECT count(*) FROM sqlite_schema WHERE name = 'extra'"), ==, 0);
  g_assert_cmpint (query_int (backup, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), ==, 0);
  kept = data_fingerprint (backup);
  g_assert_cmpstr (kept, ==, before);
}

/* A step that fails half-way leaves the store exactly at the old version. */
static void
test_failed_upgrade_rolls_back (Fixture       *f,
                                gconstpointer  data)
{
  const char *steps[] = { thr_store_migrations[0], "CREATE TABLE extra (x); INSERT INTO no_such_table VALUES (1);" };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;

  build_from_fixture (f->db, 1);
  before = data_fingerprint (f->db);
  store = thr_store_open_with_migrations (f->db, steps, 2, &error);
  g_assert_null (store);
  g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_SQLITE);
  g_assert_nonnull (strstr (error->message, f->db));
  g_assert_nonnull (strstr (error->message, "left as it was"));

  g_assert_cmpint (query_int (f->db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM sqlite_schema WHERE name = 'extra'"), ==, 0);
  after = data_fingerprint (f->db);
  g_assert_cmpstr (after, ==, before);
}

/* The schema a store is compared with is built once per process; the
 * store's own schema is still read at every opening, so a trigger added
 * between two openings in one process is refused at the second. */
static void
test_schema_checked_at_each_opening (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(ThrStore) store = thr_store_open (f->db, NULL);
  g_autoptr(ThrStore) again = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_nonnull (store);
  g_clear_object (&store);
  store = thr_store_open (f->db, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER keep_vendor_happy AFTER INSERT ON reported_values "
                                     "BEGIN SELECT 1; END", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  again = thr_store_open (f->db, &error);
  g_assert_null (again);
  g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_FOREIGN_SCHEMA);
  g_assert_nonnull (strstr (error->message, "“keep_vendor_happy” (on “reported_values”) that Threshold did not create"));
}

static void
test_backup_copy (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *part = NULL;
  g_autofree char *before = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;

  build_from_fixture (f->db, 1);
  store = thr_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (thr_store_backup (store, copy, &error));
  g_assert_no_error (error);
  /* Replacing an existing copy works too, through the ".part" file. */
  g_assert_true (thr_store_backup (store, copy, &error));
  g_assert_no_error (error);
  part = g_strconcat (copy, ".part", NULL);
  g_assert_false (exists (part));
  before = data_fingerprint (f->db);
  kept = data_fingerprint (copy);
  g_assert_cmpstr (kept, ==, before);
}

/* A team store is backed up on its server (pg_dump): asked for a file
 * copy, the store says so and makes no file. */
static void
test_team_backup_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *part = g_strconcat (copy, ".part", NULL);
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!thr_test_store_is_team ())
    return;  /* no server: skipped (failed under CI) by the set-up */
  store = thr_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_false (thr_store_backup (store, copy, &error));
  g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_TEAM_STORE);
  g_assert_nonnull (strstr (error->message, "pg_dump"));
  g_assert_false (exists (copy));
  g_assert_false (exists (part));
}

/* How many statements the store's own connection has prepared on the
 * server (pg_prepared_statements is the session's own); the count is a
 * kept statement too, so its own runs count as any other's. */
static gint64
prepared_on_server (ThrStore *store)
{
  return thr_test_store_value (store, "SELECT count(*) FROM pg_prepared_statements");
}

/* SELECT ?1 + 1 with VALUE, through the kept statement STMT. */
static gint64
add_one (ThrDbStmt *stmt,
         gint64     value)
{
  g_autoptr(GError) error = NULL;
  gint64 sum;

  thr_db_stmt_bind_int64 (stmt, 1, value);
  g_assert_cmpint (thr_db_stmt_step (stmt, &error), ==, THR_DB_ROW);
  g_assert_no_error (error);
  sum = thr_db_stmt_column_int64 (stmt, 0);
  thr_db_stmt_reset (stmt);
  return sum;
}

/* A statement's first run is one round trip, unnamed, and it is prepared
 * on the server when it runs again (thr-db-pg.c, start ()): across a
 * network each round trip is the server's latency.  Both runs give the
 * statement's rows with its parameters. */
static void
test_team_prepared_when_run_again (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ThrDbStmt *stmt;
  gint64 before, after_first, after_second;

  if (!thr_test_store_is_team ())
    return;  /* no server: skipped (failed under CI) by the set-up */
  store = thr_store_open (f->db, &error);
  g_assert_no_error (error);
  before = prepared_on_server (store);
  stmt = thr_store_statement (store, "SELECT ?1 + 1", &error);
  g_assert_no_error (error);

  g_assert_cmpint (add_one (stmt, 1), ==, 2);
  /* The count's own second run prepared it: one more, not two. */
  after_first = prepared_on_server (store);
  g_assert_cmpint (after_first, ==, before + 1);

  g_assert_cmpint (add_one (stmt, 41), ==, 42);
  after_second = prepared_on_server (store);
  g_assert_cmpint (after_second, ==, after_first + 1);
  g_assert_cmpint (add_one (stmt, -1), ==, 0);
  g_assert_cmpint (prepared_on_server (store), ==, after_second);
}

/* What a damaged-file case writes into the store's place. */
typedef enum {
  DAMAGE_NEWER,
  DAMAGE_RANDOM,
  DAMAGE_TEXT,
  DAMAGE_TRUNCATED,
  DAMAGE_TRUNCATED_AT_PAGE,
  DAMAGE_FOREIGN,
  DAMAGE_BAD_HEADER,
} Damage;

/* A store written by a later Threshold: a file at schema 1 with a newer
 * user_version, or a team store whose schema_version says so. */
static void
make_newer (Fixture *f)
{
  g_autofree char *sql = NULL;

  if (thr_test_store_is_team ())
    {
      g_autoptr(ThrStore) store = NULL;
      g_autoptr(GError) error = NULL;

      store = thr_store_open (f->db, &error);
      g_assert_no_error (error);
      g_clear_object (&store);
      sql = g_strdup_printf ("UPDATE schema_version SET version = %d", THR_STORE_SCHEMA_VERSION + 1);
    }
  else
    {
      build_from_fixture (f->db, 1);
      sql = g_strdup_printf ("PRAGMA user_version = %d", THR_STORE_SCHEMA_VERSION + 1);
    }
  thr_test_store_exec (f->db, sql);
}

static void
make_damaged (Fixture *f,
              Damage   damage)
{
  g_autoptr(GError) error = NULL;

  switch (damage)
    {
    case DAMAGE_NEWER:
      make_newer (f);
      break;
    case DAMAGE_RANDOM:
      {
        g_autoptr(GRand) rand = g_rand_new_with_seed (16102);
        guint8 bytes[65536];

        for (guint i = 0; i < sizeof bytes; i++)
          bytes[i] = (guint8) g_rand_int (rand);
        g_file_set_contents (f->db, (char *) bytes, sizeof bytes, &error);
        break;
      }
    case DAMAGE_TEXT:
      g_file_set_contents (f->db, "task_id,type,received,completed\nT1,application,2018-01-02,\n", -1, &error);
      break;
    case DAMAGE_TRUNCATED:
    case DAMAGE_TRUNCATED_AT_PAGE:
      {
        g_autoptr(GBytes) whole = NULL;
        gsize keep;

        /* Half the file, or (a copy stopped between two pages) ten whole pages. */
        build_from_fixture (f->db, 1);
        whole = read_bytes (f->db);
        keep = damage == DAMAGE_TRUNCATED ? g_bytes_get_size (whole) / 2 : 10 * 4096;
        g_assert_cmpuint (keep, <, g_bytes_get_size (whole));
        g_file_set_contents (f->db, g_bytes_get_data (whole, NULL), (gssize) keep, &error);
        break;
      }
    case DAMAGE_FOREIGN:
      /* Another program's tables, in a file or a database. */
      thr_test_store_exec (f->db, "CREATE TABLE photos (id BIGINT, path TEXT); "
                                  "INSERT INTO photos VALUES (1, 'a.jpg');");
      break;
    case DAMAGE_BAD_HEADER:
      {
        g_autoptr(GBytes) whole = NULL;
        g_autofree guint8 *copy = NULL;
        gsize len;

        /* The magic string intact, the page size field nonsense. */
        build_from_fixture (f->db, 1);
        whole = read_bytes (f->db);
        copy = g_bytes_unref_to_data (g_steal_pointer (&whole), &len);
        copy[16] = 0x01;
        copy[17] = 0x23;
        g_file_set_contents (f->db, (char *) copy, (gssize) len, &error);
        break;
      }
    default:
      g_assert_not_reached ();
    }
  g_assert_no_error (error);
}

static void
test_damaged_store (Fixture       *f,
                    gconstpointer  data)
{
  Damage damage = GPOINTER_TO_INT (data);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;

  make_damaged (f, damage);
  before = store_state (f);
  store = thr_store_open (f->db, &error);
  g_assert_null (store);
  if (damage == DAMAGE_NEWER)
    g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NEWER);
  else
    g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_STORE);
  g_assert_nonnull (strstr (error->message, f->db));
  g_test_message ("%s", error->message);

  after = store_state (f);
  g_assert_cmpstr (before, ==, after);
}

static int
run_cli (Fixture  *f,
         char    **err,
         char    **argv_tail)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("THRESHOLD_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, f->db);
  for (guint i = 0; argv_tail[i]; i++)
    g_ptr_array_add (argv, argv_tail[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  /* A crash is a signal, never an exit status. */
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

/* Every command that opens the store refuses the file with status 1 and a
 * message naming it, and leaves it as it was. */
static void
test_damaged_cli (Fixture       *f,
                  gconstpointer  data)
{
  Damage damage = GPOINTER_TO_INT (data);
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "calls-2018-04.csv", NULL);
  char *contracts[] = { "contracts", NULL };
  char *evaluate[] = { "evaluate", "--period", "2018-01", NULL };
  char *import[] = { "import", csv, NULL };
  char *demo[] = { "demo", "--months", "1", "--tasks", "200", "--calls", "10", NULL };
  char **commands[] = { contracts, evaluate, import, demo };
  g_autofree char *before = NULL;

  g_assert_nonnull (g_getenv ("THRESHOLD_CLI"));
  make_damaged (f, damage);
  before = store_state (f);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;

      g_assert_cmpint (run_cli (f, &err, commands[i]), ==, 1);
      g_assert_nonnull (strstr (err, f->db));
      g_assert_null (strstr (err, "CRITICAL"));
      after = store_state (f);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
add_damage_tests (const char *name,
                  Damage      damage)
{
  g_autofree char *store_path = g_strdup_printf ("/store/refuse/%s", name);
  g_autofree char *cli_path = g_strdup_printf ("/store/refuse-cli/%s", name);

  g_test_add (store_path, Fixture, GINT_TO_POINTER (damage), fixture_set_up, test_damaged_store, fixture_tear_down);
  g_test_add (cli_path, Fixture, GINT_TO_POINTER (damage), fixture_set_up, test_damaged_cli, fixture_tear_down);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (g_strcmp0 (g_getenv ("THR_TEST_BACKEND"), "postgresql") == 0)
    {
      /* What a team store can be: see the top of this file for what stays
       * SQLite-only and why. */
      g_test_add ("/store/team/backup-refused", Fixture, NULL, fixture_set_up, test_team_backup_refused,
                  fixture_tear_down);
      g_test_add ("/store/team/prepared-when-run-again", Fixture, NULL, fixture_set_up,
                  test_team_prepared_when_run_again, fixture_tear_down);
      add_damage_tests ("newer", DAMAGE_NEWER);
      add_damage_tests ("foreign-database", DAMAGE_FOREIGN);
      return g_test_run ();
    }

  g_test_add ("/store/fixtures/upgrade", Fixture, NULL, fixture_set_up, test_fixtures_upgrade, fixture_tear_down);
  g_test_add ("/store/upgrade/v3-record-ranges", Fixture, NULL, fixture_set_up, test_upgrade_v3_record_ranges, fixture_tear_down);
  g_test_add ("/store/upgrade/v12-completed-index", Fixture, NULL, fixture_set_up, test_upgrade_v12_completed_index,
              fixture_tear_down);
  g_test_add ("/store/upgrade/backup", Fixture, NULL, fixture_set_up, test_upgrade_makes_backup, fixture_tear_down);
  g_test_add ("/store/upgrade/failure", Fixture, NULL, fixture_set_up, test_failed_upgrade_rolls_back, fixture_tear_down);
  g_test_add ("/store/backup", Fixture, NULL, fixture_set_up, test_backup_copy, fixture_tear_down);
  g_test_add ("/store/schema/checked-at-each-opening", Fixture, NULL, fixture_set_up,
              test_schema_checked_at_each_opening, fixture_tear_down);
  add_damage_tests ("newer", DAMAGE_NEWER);
  add_damage_tests ("random-bytes", DAMAGE_RANDOM);
  add_damage_tests ("text-file", DAMAGE_TEXT);
  add_damage_tests ("truncated", DAMAGE_TRUNCATED);
  add_damage_tests ("truncated-at-page", DAMAGE_TRUNCATED_AT_PAGE);
  add_damage_tests ("foreign-sqlite", DAMAGE_FOREIGN);
  add_damage_tests ("bad-header", DAMAGE_BAD_HEADER);

  return g_test_run ();
}
