/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-store.c — a new store for a test, on the backend the run asks for */
#define G_LOG_DOMAIN "thr-test-store"

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

char *
thr_test_store_address (const char *dir,
                        const char *name)
{
  ThrTestPg *pg;
  const char *host;

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
  host = PQhost (pg->admin);
  return g_strdup_printf ("postgresql:///%s?host=%s&port=%s&user=%s", PQdb (pg->admin), host ? host : "",
                          PQport (pg->admin), PQuser (pg->admin));
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

void
thr_test_store_cleanup (void)
{
  g_clear_pointer (&databases, g_ptr_array_unref);
}
