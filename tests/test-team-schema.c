/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-team-schema.c — the team store's schema against the SQLite store's
 *
 * src/core/store/team/schema.sql is the SQLite store's schema, at its
 * current version, in PostgreSQL's dialect.  This test reads the SQLite
 * schema that thr_store_open() makes (every migration applied) and the one
 * schema.sql makes on a real server, and compares tables, columns, types,
 * NOT NULL, unique keys, foreign keys and indexes; then runs the same
 * statements on both and compares what each keeps, refuses and cascades.
 * A migration added to the SQLite store without its line in schema.sql
 * fails here.
 */
#define G_LOG_DOMAIN "test-team-schema"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "thr-core.h"
#include "thr-test-pg.h"

/* Columns only the team store has: who made a change, the CAP's version. */
static const char * const team_only_columns[] = {
  "created_by_role", "created_by_name", "imported_by_role", "imported_by_name",
  "changed_by_role", "changed_by_name", "author_role",
  "added_by_role", "added_by_name", NULL,
};

typedef struct {
  char *dir;
  sqlite3 *lite;
  ThrTestPg *pg;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autofree char *path = NULL;

  f->pg = thr_test_pg_new ();
  if (f->pg == NULL)
    return;
  thr_test_pg_run_team_file (f->pg, "schema.sql");

  f->dir = g_dir_make_tmp ("test-team-schema-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "store.db", NULL);
  store = thr_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &f->lite), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (f->lite, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->pg, thr_test_pg_free);
  g_clear_pointer (&f->lite, sqlite3_close);
  if (f->dir != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, "store.db", NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_remove (wal);
      g_remove (shm);
      g_remove (path);
      g_rmdir (f->dir);
      g_free (f->dir);
    }
}

/* Every row of a SQLite query, each as its columns joined by '|'. */
static GPtrArray *
lite_rows (sqlite3    *db,
           const char *sql)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (row, "%s%s", i > 0 ? "|" : "", text ? text : "");
        }
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  sqlite3_finalize (stmt);
  return rows;
}

/* The same for the server. */
static GPtrArray *
pg_rows (PGconn     *conn,
         const char *sql)
{
  g_autoptr(PGresult) result = thr_test_pg_exec_ok (conn, sql);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  for (int r = 0; r < PQntuples (result); r++)
    {
      GString *row = g_string_new (NULL);

      for (int i = 0; i < PQnfields (result); i++)
        g_string_append_printf (row, "%s%s", i > 0 ? "|" : "", PQgetvalue (result, r, i));
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  return rows;
}

static gboolean
rows_contain (GPtrArray  *rows,
              const char *row)
{
  return g_ptr_array_find_with_equal_func (rows, row, g_str_equal, NULL);
}

static GPtrArray *
lite_tables (sqlite3 *db)
{
  return lite_rows (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                        "AND name NOT LIKE 'sqlite_%' ORDER BY name");
}

static const char *
pg_type_for (const char *sqlite_type)
{
  if (g_str_equal (sqlite_type, "INTEGER"))
    return "bigint";
  if (g_str_equal (sqlite_type, "REAL"))
    return "double precision";
  if (g_str_equal (sqlite_type, "TEXT"))
    return "text";
  g_error ("a SQLite column of type %s: say what it is on the server", sqlite_type);
}

static void
test_same_version (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) version = NULL;
  g_autofree char *expected = NULL;

  if (f->pg == NULL)
    return;
  version = lite_rows (f->lite, "PRAGMA user_version");
  g_assert_cmpstr (g_ptr_array_index (version, 0), ==, G_STRINGIFY (THR_STORE_SCHEMA_VERSION));
  expected = thr_test_pg_value (f->pg->admin, "SELECT version FROM schema_version");
  g_assert_cmpstr (expected, ==, g_ptr_array_index (version, 0));
  /* One row, always. */
  thr_test_pg_exec_refused (f->pg->admin, "INSERT INTO schema_version (version) VALUES (12)", "23505");
}

static void
test_same_columns (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) server_columns = NULL;
  guint n_columns = 0;

  if (f->pg == NULL)
    return;
  tables = lite_tables (f->lite);
  g_assert_cmpuint (tables->len, >=, 16);
  /* name|type|nullable|identity of every column of the server's tables. */
  /* A key SQLite gives (its rowid) comes from an identity or, on the
   * partitioned record tables, from a sequence; partitions are parts of
   * their table, not tables of their own. */
  server_columns = pg_rows (f->pg->admin,
                            "SELECT table_name || '.' || column_name, data_type, is_nullable, "
                            "  CASE WHEN is_identity = 'YES' OR column_default LIKE 'nextval(%' THEN 'YES' ELSE 'NO' END "
                            "FROM information_schema.columns WHERE table_schema = 'public' "
                            "  AND table_name NOT IN (SELECT relname FROM pg_class WHERE relispartition)");
  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = g_ptr_array_index (tables, t);
      g_autofree char *sql = g_strdup_printf ("SELECT name, type, \"notnull\", pk FROM pragma_table_info ('%s')", table);
      g_autoptr(GPtrArray) columns = lite_rows (f->lite, sql);

      for (guint c = 0; c < columns->len; c++)
        {
          g_auto(GStrv) col = g_strsplit (g_ptr_array_index (columns, c), "|", -1);
          gboolean pk = !g_str_equal (col[3], "0");
          gboolean rowid = pk && g_str_equal (col[1], "INTEGER")
                           && g_str_equal (col[0], "id");
          /* A key column is NOT NULL on the server (SQLite lets a TEXT
           * key be NULL, a quirk it keeps for old files). */
          g_autofree char *expected = g_strdup_printf ("%s.%s|%s|%s|%s", table, col[0], pg_type_for (col[1]),
                                                       g_str_equal (col[2], "1") || pk ? "NO" : "YES",
                                                       rowid ? "YES" : "NO");

          if (!rows_contain (server_columns, expected))
            g_error ("schema.sql lacks the column %s (SQLite: %s%s%s)", expected, col[1],
                     g_str_equal (col[2], "1") ? " NOT NULL" : "", pk ? " PRIMARY KEY" : "");
          n_columns++;
        }
    }
  /* Nothing on the server that SQLite lacks but the team's own columns,
   * and schema_version. */
  for (guint i = 0; i < server_columns->len; i++)
    {
      g_auto(GStrv) col = g_strsplit (g_ptr_array_index (server_columns, i), "|", -1);
      g_auto(GStrv) name = g_strsplit (col[0], ".", 2);
      g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s') WHERE name = '%s'",
                                              name[0], name[1]);
      g_autoptr(GPtrArray) found = lite_rows (f->lite, sql);

      if (found->len == 0 && !g_strv_contains (team_only_columns, name[1])
          && !g_str_equal (name[0], "schema_version"))
        g_error ("schema.sql has %s, which the SQLite store does not", col[0]);
    }
  g_assert_cmpuint (server_columns->len, >, n_columns);
}

static void
test_same_keys_and_indexes (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) server_fks = NULL;
  g_autoptr(GPtrArray) server_unique = NULL;
  g_autoptr(GPtrArray) server_indexes = NULL;
  g_autoptr(GPtrArray) lite_indexes = NULL;
  guint n_fks = 0;

  if (f->pg == NULL)
    return;
  tables = lite_tables (f->lite);
  server_fks = pg_rows (f->pg->admin,
                        "SELECT conrelid::regclass::text, a.attname, confrelid::regclass::text, "
                        "  CASE confdeltype WHEN 'c' THEN 'CASCADE' ELSE 'NO ACTION' END "
                        "FROM pg_constraint JOIN pg_attribute a ON a.attrelid = conrelid AND a.attnum = conkey[1] "
                        "WHERE contype = 'f'");
  server_unique = pg_rows (f->pg->admin,
                           "SELECT c.relname || '(' || string_agg (a.attname, ',' ORDER BY k.ord) || ')' "
                           "FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid, "
                           "  unnest (i.indkey) WITH ORDINALITY k (attnum, ord) "
                           "  JOIN pg_attribute a ON a.attnum = k.attnum "
                           "WHERE a.attrelid = i.indrelid AND i.indisunique "
                           "GROUP BY c.relname, i.indexrelid");
  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = g_ptr_array_index (tables, t);
      g_autofree char *fk_sql = g_strdup_printf ("SELECT '%s', \"from\", \"table\", on_delete "
                                                 "FROM pragma_foreign_key_list ('%s')", table, table);
      g_autofree char *unique_sql = g_strdup_printf ("SELECT name FROM pragma_index_list ('%s') WHERE \"unique\"",
                                                     table);
      g_autoptr(GPtrArray) fks = lite_rows (f->lite, fk_sql);
      g_autoptr(GPtrArray) uniques = lite_rows (f->lite, unique_sql);

      for (guint i = 0; i < fks->len; i++, n_fks++)
        if (!rows_contain (server_fks, g_ptr_array_index (fks, i)))
          g_error ("schema.sql lacks the foreign key %s", (char *) g_ptr_array_index (fks, i));
      for (guint i = 0; i < uniques->len; i++)
        {
          g_autofree char *cols_sql = g_strdup_printf ("SELECT group_concat (name, ',') FROM "
                                                       "(SELECT name FROM pragma_index_info ('%s') ORDER BY seqno)",
                                                       (char *) g_ptr_array_index (uniques, i));
          g_autoptr(GPtrArray) cols = lite_rows (f->lite, cols_sql);
          g_autofree char *key = g_strdup_printf ("%s(%s)", table, (char *) g_ptr_array_index (cols, 0));

          if (!rows_contain (server_unique, key))
            g_error ("schema.sql lacks the unique key %s", key);
        }
    }
  /* The server's foreign keys are SQLite's, no more. */
  g_assert_cmpuint (server_fks->len, ==, n_fks);

  /* Every index SQLite was asked for, by name, on the same columns, as
   * partial as it is. */
  lite_indexes = lite_rows (f->lite, "SELECT name, tbl_name, sql FROM sqlite_master "
                                     "WHERE type = 'index' AND sql IS NOT NULL");
  /* A partitioned table's index is defined "ON ONLY" the table, and made
   * on each part. */
  server_indexes = pg_rows (f->pg->admin, "SELECT indexname, replace (indexdef, ' ON ONLY ', ' ON ') "
                                          "FROM pg_indexes WHERE schemaname = 'public'");
  for (guint i = 0; i < lite_indexes->len; i++)
    {
      g_auto(GStrv) index = g_strsplit (g_ptr_array_index (lite_indexes, i), "|", 3);
      g_autofree char *cols_sql = g_strdup_printf ("SELECT group_concat (name, ', ') FROM "
                                                   "(SELECT name FROM pragma_index_info ('%s') ORDER BY seqno)",
                                                   index[0]);
      g_autoptr(GPtrArray) cols = lite_rows (f->lite, cols_sql);
      g_autofree char *def = g_strdup_printf ("%s|CREATE INDEX %s ON public.%s USING btree (%s)", index[0], index[0],
                                              index[1], (char *) g_ptr_array_index (cols, 0));
      gboolean found = FALSE;

      for (guint j = 0; j < server_indexes->len && !found; j++)
        {
          const char *server = g_ptr_array_index (server_indexes, j);

          found = g_str_has_prefix (server, def)
                  && (strstr (index[2], " WHERE ") != NULL) == (strstr (server, " WHERE ") != NULL);
        }
      if (!found)
        g_error ("schema.sql lacks the index %s", def);
    }
}

/* Portable statements, run on both stores. */
static const char * const fill[] = {
  "INSERT INTO contracts (template, name, definition, created_at) VALUES ('rfp-16-102', 'A', '{}', '2018-01-01')",
  "INSERT INTO contracts (template, name, definition, created_at) VALUES ('mo-im-kpi', 'B', '{}', '2018-01-01')",
  "INSERT INTO imports (id, contract_id, kind, file_name, sha256, imported_at, n_rows) "
  "  VALUES (1, 1, 'metric-report', 'a.csv', 'aa', '2018-05-02', 1)",
  "INSERT INTO imports (id, contract_id, kind, file_name, sha256, imported_at, n_rows, first_record, last_record) "
  "  VALUES (2, 1, 'tasks', 't.csv', 'bb', '2018-05-02', 1, 1, 1)",
  "INSERT INTO imports (id, contract_id, kind, file_name, sha256, imported_at, n_rows) "
  "  VALUES (3, 2, 'metric-report', 'b.csv', 'cc', '2018-05-02', 1)",
  "INSERT INTO reported_values (import_id, row, metric, period, value) VALUES (1, 2, 'A.1.a', '2018-04', 97.5)",
  "INSERT INTO reported_values (import_id, row, metric, period, numerator, denominator, queue) "
  "  VALUES (3, 2, 'K.1', '2018-04', 3, 4, 'snap')",
  "INSERT INTO reference_values (import_id, row, key, period, value) VALUES (1, 3, 'qsa', '2018-Q2', 80.25)",
  "INSERT INTO invoices (import_id, row, month, component, amount_cents) VALUES (1, 4, '2018-04', 'central', 12345600)",
  "INSERT INTO tasks (import_id, contract_id, row, task_id, type, received_day, due_day) "
  "  VALUES (2, 1, 2, 'T1', 'change', 736800, 736810)",
  "INSERT INTO calls (import_id, contract_id, row, call_id, queue, offered_day, wait_seconds, outcome) "
  "  VALUES (2, 1, 3, 'C1', 'main', 736800, 12.5, 0)",
  "INSERT INTO caps (contract_id, metric, failure_month, created_at) VALUES (1, 'A.1.a', '2018-04', '2018-05-02')",
  "INSERT INTO caps (contract_id, metric, failure_month, created_at) VALUES (2, 'K.1', '2018-04', '2018-05-02')",
  "INSERT INTO cap_actions (cap_id, description) VALUES (1, 'Hire two workers')",
  "INSERT INTO cap_audit (cap_id, at, field, author) VALUES (1, '2018-05-02T10:00:00', 'opened', 'Ana Ruiz')",
  "INSERT INTO published_events (contract_id, key, day) VALUES (1, 'cap/1/due', '2018-05-17')",
  "INSERT INTO kept_figures VALUES (1, 'A.1.a', '', 736785, 736815, 0, 736700, 736815, 'b1', 1, 97.5, 1, 39, 40, 0)",
  "INSERT INTO calendar_closures (calendar, day, reason, added_at) VALUES ('indiana', '2018-12-24', 'Governor', '2018-12-01')",
  "UPDATE kept_generation SET value = value + 1",
};

/* Whether two rows hold the same values: numbers as numbers (SQLite
 * writes 3.0 where the server writes 3; the store reads both as 3). */
static gboolean
same_fields (const char *a,
             const char *b)
{
  g_auto(GStrv) fa = g_strsplit (a, "|", -1);
  g_auto(GStrv) fb = g_strsplit (b, "|", -1);

  if (g_strv_length (fa) != g_strv_length (fb))
    return FALSE;
  for (guint i = 0; fa[i] != NULL; i++)
    {
      char *end_a = NULL;
      char *end_b = NULL;
      double va = g_ascii_strtod (fa[i], &end_a);
      double vb = g_ascii_strtod (fb[i], &end_b);

      if (g_str_equal (fa[i], fb[i]))
        continue;
      if (*fa[i] == '\0' || *end_a != '\0' || *fb[i] == '\0' || *end_b != '\0' || va != vb)
        return FALSE;
    }
  return TRUE;
}

static void
compare_rows (Fixture    *f,
              const char *sql,
              const char *when)
{
  g_autoptr(GPtrArray) lite = lite_rows (f->lite, sql);
  g_autoptr(GPtrArray) server = pg_rows (f->pg->admin, sql);

  g_assert_cmpuint (lite->len, ==, server->len);
  for (guint i = 0; i < lite->len; i++)
    if (!same_fields (g_ptr_array_index (lite, i), g_ptr_array_index (server, i)))
      g_error ("%s, %s: SQLite gives %s, the server %s", when, sql,
               (char *) g_ptr_array_index (lite, i), (char *) g_ptr_array_index (server, i));
}

/* The number of rows of every table, on both. */
static void
compare_counts (Fixture    *f,
                const char *when)
{
  g_autoptr(GPtrArray) tables = lite_tables (f->lite);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", (char *) g_ptr_array_index (tables, t));

      compare_rows (f, sql, when);
    }
}

static void
run_both (Fixture    *f,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (f->lite, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQLite: %s: %s", sql, message);
  PQclear (thr_test_pg_exec_ok (f->pg->admin, sql));
}

static void
refused_by_both (Fixture    *f,
                 const char *sql,
                 const char *sqlstate)
{
  g_assert_cmpint (sqlite3_exec (f->lite, sql, NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  thr_test_pg_exec_refused (f->pg->admin, sql, sqlstate);
}

static void
test_same_behaviour (Fixture       *f,
                     gconstpointer  data)
{
  if (f->pg == NULL)
    return;
  compare_counts (f, "a new store");
  for (guint i = 0; i < G_N_ELEMENTS (fill); i++)
    run_both (f, fill[i]);
  compare_counts (f, "filled");
  /* Values read back the same (ids given by each side, doubles, cents). */
  compare_rows (f, "SELECT id, contract_id, metric, failure_month FROM caps ORDER BY id", "filled");
  compare_rows (f, "SELECT metric, value, numerator, denominator, queue FROM reported_values ORDER BY id", "filled");
  compare_rows (f, "SELECT amount_cents FROM invoices", "filled");
  compare_rows (f, "SELECT last FROM import_ids", "filled");

  /* What both refuse. */
  refused_by_both (f, "INSERT INTO reported_values (import_id, row, metric, period) VALUES (99, 1, 'A.1.a', '2018-04')",
                   "23503");
  refused_by_both (f, "INSERT INTO caps (contract_id, metric, failure_month, created_at) "
                      "VALUES (1, 'A.1.a', '2018-04', '2018-06-01')", "23505");
  refused_by_both (f, "INSERT INTO contracts (template, name, created_at) VALUES ('x', 'y', 'z')", "23502");
  refused_by_both (f, "INSERT INTO calendar_closures (calendar, day, reason, added_at) "
                      "VALUES ('indiana', '2018-12-24', 'again', '2018-12-02')", "23505");
  compare_counts (f, "after the refusals");

  /* Undoing an import takes its figures with it; raw records go by their
   * run of ids, as the store's undo does, not by a cascade. */
  run_both (f, "DELETE FROM imports WHERE id = 1");
  compare_counts (f, "import 1 deleted");
  /* A contract takes everything of its own with it. */
  run_both (f, "DELETE FROM contracts WHERE id = 1");
  compare_counts (f, "contract 1 deleted");
  compare_rows (f, "SELECT count(*) FROM caps WHERE contract_id = 1", "contract 1 deleted");
}

/* What only the team store does: the CAP's version and who changed what. */
static void
test_row_version_and_authors (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *version = NULL;
  g_autofree char *who = NULL;
  g_autofree char *stale = NULL;

  if (f->pg == NULL)
    return;
  PQclear (thr_test_pg_exec_ok (f->pg->admin,
                                "SET threshold.person = 'Ana Ruiz';"
                                "INSERT INTO contracts (template, name, definition, created_at) VALUES ('t', 'A', '{}', 'now');"
                                "INSERT INTO caps (contract_id, metric, failure_month, created_at) VALUES (1, 'A.1.a', '2018-04', 'now');"
                                "INSERT INTO imports (id, contract_id, kind, file_name, sha256, imported_at, n_rows) "
                                "  VALUES (5, 1, 'tasks', 't.csv', 'aa', 'now', 0);"));
  version = thr_test_pg_value (f->pg->admin, "SELECT row_version FROM caps");
  g_assert_cmpstr (version, ==, "1");
  who = thr_test_pg_value (f->pg->admin, "SELECT imported_by_role || '/' || imported_by_name FROM imports");
  g_assert_cmpstr (who, ==, "postgres/Ana Ruiz");
  g_clear_pointer (&who, g_free);

  /* Bo saves from version 1 and wins; Ana's save, also from version 1,
   * changes nothing, and the row says who got there first. */
  PQclear (thr_test_pg_exec_ok (f->pg->admin, "SET threshold.person = 'Bo Lee';"
                                "UPDATE caps SET deficiency = 'late' WHERE id = 1 AND row_version = 1"));
  PQclear (thr_test_pg_exec_ok (f->pg->admin, "SET threshold.person = 'Ana Ruiz'"));
  stale = thr_test_pg_value (f->pg->admin, "WITH saved AS (UPDATE caps SET deficiency = 'slow' "
                                           "WHERE id = 1 AND row_version = 1 RETURNING id) SELECT count(*) FROM saved");
  g_assert_cmpstr (stale, ==, "0");
  who = thr_test_pg_value (f->pg->admin, "SELECT row_version || ' ' || changed_by_name || ' ' || deficiency FROM caps");
  g_assert_cmpstr (who, ==, "2 Bo Lee late");
  g_clear_pointer (&who, g_free);
  /* A client cannot write someone else's name into the row. */
  PQclear (thr_test_pg_exec_ok (f->pg->admin, "UPDATE caps SET changed_by_name = 'Someone', row_version = 1"));
  who = thr_test_pg_value (f->pg->admin, "SELECT row_version || ' ' || changed_by_name FROM caps");
  g_assert_cmpstr (who, ==, "3 Ana Ruiz");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/team-schema/version", Fixture, NULL, fixture_set_up, test_same_version, fixture_tear_down);
  g_test_add ("/team-schema/columns", Fixture, NULL, fixture_set_up, test_same_columns, fixture_tear_down);
  g_test_add ("/team-schema/keys-and-indexes", Fixture, NULL, fixture_set_up, test_same_keys_and_indexes,
              fixture_tear_down);
  g_test_add ("/team-schema/behaviour", Fixture, NULL, fixture_set_up, test_same_behaviour, fixture_tear_down);
  g_test_add ("/team-schema/row-version", Fixture, NULL, fixture_set_up, test_row_version_and_authors,
              fixture_tear_down);
  return g_test_run ();
}
