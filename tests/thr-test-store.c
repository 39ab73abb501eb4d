/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-store.c — a new store for a test, on the backend the run asks for */
#define G_LOG_DOMAIN "thr-test-store"

#include <stdlib.h>

#include "thr-test-store.h"
#include "thr-test-pg.h"
#include "thr-store-sql-private.h"

/* The databases made, dropped by thr_test_store_cleanup(). */
static GPtrArray *databases;

static gboolean
wants_team (void)
{
  return g_strcmp0 (g_getenv ("THR_TEST_BACKEND"), "postgresql") == 0;
}

gboolean
thr_test_store_is_team (void)
{
  const char *server = g_getenv ("THR_TEST_PG");

  return wants_team () && server != NULL && *server != '\0';
}

void
thr_test_store_require_server (void)
{
  if (!wants_team () || thr_test_store_is_team ())
    return;
  /* Before g_test_run() no test is running to skip or fail: the plan
   * itself says so (TAP "1..0 # SKIP", which meson counts as skipped). */
  if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    {
      g_print ("Bail out! THR_TEST_PG is not set under CI=true: the postgresql suite needs the server "
               "that .ci/run starts (tools/pg-server run meson test -C _build --suite postgresql)\n");
      exit (1);
    }
  g_print ("1..0 # SKIP no PostgreSQL server: THR_TEST_PG is not set "
           "(tools/pg-server run meson test -C _build --suite postgresql)\n");
  exit (0);
}

char *
thr_test_store_address (const char *dir,
                        const char *name)
{
  ThrTestPg *pg;

  if (!wants_team ())
    return g_build_filename (dir, name, NULL);
  /* Without a server the test is skipped (failed under CI) and goes on
   * with a file, so it still ends cleanly. */
  if (!thr_test_store_is_team ())
    {
      thr_test_pg_available ();
      return g_build_filename (dir, name, NULL);
    }
  pg = thr_test_pg_new ();
  if (pg == NULL)
    return g_build_filename (dir, name, NULL);
  if (databases == NULL)
    databases = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_test_pg_free);
  g_ptr_array_add (databases, pg);
  return thr_test_pg_address (pg, NULL);
}

char *
thr_test_store_copy_file (const char *file)
{
  ThrTestPg *pg;

  g_assert_true (thr_test_store_is_team ());
  pg = thr_test_pg_new_copy (file);
  g_assert_nonnull (pg);
  if (databases == NULL)
    databases = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_test_pg_free);
  g_ptr_array_add (databases, pg);
  return thr_test_pg_address (pg, NULL);
}

void
thr_test_store_forget_kept (const char *address)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (address, &error);

  g_assert_no_error (error);
  g_assert_true (thr_store_forget_kept_figures (store, 1, &error));
  g_assert_no_error (error);
}

gint64
thr_test_store_value (ThrStore   *store,
                      const char *sql)
{
  g_autoptr(GError) error = NULL;
  ThrDbStmt *stmt = thr_store_statement (store, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  g_assert_cmpint (thr_db_stmt_step (stmt, &error), ==, THR_DB_ROW);
  value = thr_db_stmt_column_int64 (stmt, 0);
  thr_db_stmt_reset (stmt);
  return value;
}

char *
thr_test_store_cap_field (ThrStore   *store,
                          gint64      cap_id,
                          const char *field)
{
  g_autoptr(GError) error = NULL;
  char *value = NULL;

  g_assert_true (thr_store_get_cap_field (store, cap_id, field, &value, &error));
  g_assert_no_error (error);
  return value;
}

void
thr_test_store_expect_server_error (const char *address,
                                    const char *sqlstate)
{
  for (guint i = 0; databases != NULL && i < databases->len; i++)
    {
      ThrTestPg *pg = g_ptr_array_index (databases, i);
      g_autofree char *made = thr_test_pg_address (pg, NULL);

      if (g_str_equal (made, address))
        {
          thr_test_pg_expect_error (pg, sqlstate);
          return;
        }
    }
  g_error ("%s is not a database this test made", address);
}

void
thr_test_store_cleanup (void)
{
  g_clear_pointer (&databases, g_ptr_array_unref);
  /* A server error no test declared, found once the tests had run. */
  thr_test_pg_exit_if_failed ();
}

char *
thr_test_store_copy (ThrStore   *store,
                     const char *dir,
                     const char *name)
{
  g_autofree char *address = thr_test_store_address (dir, name);
  g_autoptr(GError) error = NULL;

  if (!thr_store_is_team_address (address))
    {
      g_assert_true (thr_store_backup (store, address, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_autoptr(ThrStore) copy = thr_store_open (address, &error);

      g_assert_no_error (error);
      g_assert_true (thr_store_copy_rows (store, copy, NULL, &error));
      g_assert_no_error (error);
    }
  return g_steal_pointer (&address);
}

/* ---- fingerprints ---- */

static void
add_text (GChecksum  *sum,
          const char *text)
{
  /* NULL apart from every text; a separator so that "ab","c" ≠ "a","bc". */
  g_checksum_update (sum, (const guchar *) (text != NULL ? text : "\x01"), -1);
  g_checksum_update (sum, (const guchar *) "\x1f", 1);
}

static void
file_rows_sql (sqlite3    *db,
               const char *table,
               GString    *select)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info('%s') ORDER BY cid", table);
  sqlite3_stmt *stmt = NULL;
  gboolean first = TRUE;

  g_string_assign (select, "SELECT ");
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append_printf (select, "%squote(\"%s\")", first ? "" : " || ',' || ", sqlite3_column_text (stmt, 0));
      first = FALSE;
    }
  sqlite3_finalize (stmt);
  g_string_append_printf (select, " FROM \"%s\" ORDER BY 1", table);
}

static void
add_file_query (GChecksum  *sum,
                sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    add_text (sum, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
}

static void
add_file_rows (GChecksum  *sum,
               const char *path)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) select = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  add_file_query (sum, db, "PRAGMA user_version");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint i = 0; i < tables->len; i++)
    {
      add_text (sum, g_ptr_array_index (tables, i));
      file_rows_sql (db, g_ptr_array_index (tables, i), select);
      add_file_query (sum, db, select->str);
    }
  sqlite3_close (db);
}

static void
add_server_query (GChecksum  *sum,
                  PGconn     *conn,
                  const char *sql)
{
  g_autoptr(PGresult) result = thr_test_pg_exec_ok (conn, sql);

  for (int row = 0; row < PQntuples (result); row++)
    add_text (sum, PQgetisnull (result, row, 0) ? NULL : PQgetvalue (result, row, 0));
}

static void
add_server_rows (GChecksum  *sum,
                 const char *address)
{
  g_autoptr(PGconn) conn = PQconnectdb (address);
  g_autoptr(PGresult) tables = NULL;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("connecting to %s: %s", address, PQerrorMessage (conn));
  /* Every table of the store's schema once: a partitioned table with its
   * rows, not its parts again.  schema_version is one of them. */
  tables = thr_test_pg_exec_ok (conn, "SELECT quote_ident (c.relname) FROM pg_class c "
                                      "JOIN pg_namespace n ON n.oid = c.relnamespace "
                                      "WHERE n.nspname = current_schema () AND c.relkind IN ('r', 'p') "
                                      "AND NOT c.relispartition ORDER BY c.relname");
  for (int i = 0; i < PQntuples (tables); i++)
    {
      const char *table = PQgetvalue (tables, i, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT t::text FROM %s t ORDER BY 1", table);

      add_text (sum, table);
      add_server_query (sum, conn, sql);
    }
}

char *
thr_test_store_fingerprint (const char *address)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  if (thr_store_is_team_address (address))
    add_server_rows (sum, address);
  else
    {
      g_autofree char *contents = NULL;
      gsize len = 0;

      g_assert_true (g_file_get_contents (address, &contents, &len, NULL));
      g_checksum_update (sum, (const guchar *) contents, (gssize) len);
      add_file_rows (sum, address);
    }
  return g_strdup (g_checksum_get_string (sum));
}

void
thr_test_store_exec (const char *address,
                     const char *sql)
{
  if (thr_store_is_team_address (address))
    {
      g_autoptr(PGconn) conn = PQconnectdb (address);

      if (PQstatus (conn) != CONNECTION_OK)
        g_error ("connecting to %s: %s", address, PQerrorMessage (conn));
      PQclear (thr_test_pg_exec_ok (conn, sql));
    }
  else
    {
      sqlite3 *db = NULL;
      char *message = NULL;

      g_assert_cmpint (sqlite3_open (address, &db), ==, SQLITE_OK);
      if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
        g_error ("%s: %s", sql, message);
      sqlite3_close (db);
    }
}

gint64
thr_test_store_newest_import (const char *address)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (address, &error);
  g_autoptr(GPtrArray) imports = NULL;
  gint64 newest = 0;

  g_assert_no_error (error);
  imports = thr_history_list_imports (store, 1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < imports->len; i++)
    newest = MAX (newest, ((ThrImportInfo *) g_ptr_array_index (imports, i))->id);
  return newest;
}
