/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-pg.c — a database of its own on the test server */
#define G_LOG_DOMAIN "thr-test-pg"

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "thr-core.h"
#include "thr-test-cli.h"
#include "thr-test-pg.h"

/* The roles tests made, dropped with their database; the errors each
 * database's tests provoke on purpose; whether a database's server log
 * held others, found after the tests had run. */
static struct {
  GPtrArray  *roles;
  GHashTable *expected;   /* database name -> GHashTable of SQLSTATEs */
  gboolean    unexpected_after_tests;
} state;

static PGconn *
connect_to (const char *dbname,
            const char *user)
{
  const char *keys[] = { "dbname", "dbname", "user", NULL };
  const char *values[] = { g_getenv ("THR_TEST_PG"), dbname, user, NULL };
  PGconn *conn;

  if (user == NULL)
    keys[2] = NULL;
  conn = PQconnectdbParams (keys, values, 1);
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("connecting to %s as %s: %s", dbname, user ? user : "the superuser", PQerrorMessage (conn));
  return conn;
}

static PGconn *maintenance_conn;

static void
close_maintenance (void)
{
  g_clear_pointer (&maintenance_conn, PQfinish);
}

/* The server's maintenance database, on one connection the program keeps:
 * each connection costs the server its start (27 ms of processor time on
 * the CI machine, session 26), and each database a test made and dropped
 * took two, 487 of the postgresql suite's 1,976.  One the server ended is
 * made again. */
static PGconn *
maintenance (void)
{
  if (maintenance_conn != NULL && PQstatus (maintenance_conn) != CONNECTION_OK)
    close_maintenance ();
  if (maintenance_conn == NULL)
    {
      static gboolean registered;

      maintenance_conn = connect_to ("postgres", NULL);
      if (!registered)
        atexit (close_maintenance);
      registered = TRUE;
    }
  return maintenance_conn;
}

gboolean
thr_test_pg_available (void)
{
  const char *uri = g_getenv ("THR_TEST_PG");

  if (uri != NULL && *uri != '\0')
    return TRUE;
  /* CI starts a server for this suite: a test that finds none there is a
   * broken pipeline, not a test to pass over. */
  if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    g_test_fail_printf ("THR_TEST_PG is not set under CI=true: the postgresql suite needs the server "
                        "that .ci/run starts (tools/pg-server run meson test -C _build --suite postgresql)");
  else
    g_test_skip ("no PostgreSQL server: THR_TEST_PG is not set "
                 "(tools/pg-server run meson test -C _build --suite postgresql)");
  return FALSE;
}

/* A new database, empty or (TEMPLATE not NULL) a copy of TEMPLATE. */
static ThrTestPg *
new_database (PGconn     *server,
              const char *template)
{
  static guint counter;
  g_autoptr(ThrTestPg) pg = g_new0 (ThrTestPg, 1);
  g_autofree char *sql = NULL;
  g_autofree char *program = g_path_get_basename (g_get_prgname ());

  /* Tests run in parallel on one server: the name tells them apart. */
  pg->name = g_strdup_printf ("thr_%s_%d_%u", program, (int) getpid (), counter++);
  g_strdelimit (pg->name, "-.", '_');
  pg->prefix = g_strdup (pg->name);
  pg->made_in = g_strdup (g_test_get_path ());
  /* FILE_COPY: the template's files copied as they are, faster here than
   * logging each block (WAL_LOG, the default since PostgreSQL 15): an
   * empty database made and dropped took the server 65 ms of processor
   * time rather than 115 (template1 is the template then). */
  sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s STRATEGY FILE_COPY", pg->name,
                         template != NULL ? template : "template1");
  PQclear (thr_test_pg_exec_ok (server, sql));
  pg->admin = connect_to (pg->name, NULL);
  return g_steal_pointer (&pg);
}

ThrTestPg *
thr_test_pg_new (void)
{
  if (!thr_test_pg_available ())
    return NULL;
  return new_database (maintenance (), NULL);
}

/* ---- copies of a store file, through a template database ---- */

/* A store file and what SQLite may have left beside it. */
static void
remove_store_file (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

/* The template's name: a digest of the file's bytes and of the team
 * schema, so a rebuilt demo or a changed schema.sql makes a new template
 * on a server that outlives the build (a developer's own). */
static char *
template_name (const char *file)
{
  g_autofree char *schema_path = g_test_build_filename (G_TEST_DIST, "..", "src", "core", "store", "team",
                                                        "schema.sql", NULL);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *paths[] = { file, schema_path };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *contents = NULL;
      gsize len = 0;
      g_autoptr(GError) error = NULL;

      g_file_get_contents (paths[i], &contents, &len, &error);
      g_assert_no_error (error);
      g_checksum_update (sum, (const guchar *) contents, (gssize) len);
    }
  return g_strdup_printf ("thr_template_%.16s", g_checksum_get_string (sum));
}

/* A store opened from a scratch copy of FILE, so that FILE, which other
 * tests may be reading (the build's demo), is never opened as a store,
 * which could write beside it. */
static ThrStore *
open_scratch_copy (const char *file,
                   char      **scratch_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) from = g_file_new_for_path (file);
  g_autoptr(GFile) to = NULL;
  ThrStore *store;
  int fd = g_file_open_tmp ("thr-template-XXXXXX.db", scratch_path, &error);

  g_assert_no_error (error);
  close (fd);
  to = g_file_new_for_path (*scratch_path);
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  store = thr_store_open (*scratch_path, &error);
  g_assert_no_error (error);
  return store;
}

/* TEMPLATE filled from FILE by copy-store's function, then marked a
 * template that nobody may connect to: CREATE DATABASE … TEMPLATE refuses
 * a template with connections, and the mark says the copy is whole. */
static void
fill_template (PGconn     *server,
               const char *template,
               const char *file)
{
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s STRATEGY FILE_COPY", template);
  g_autofree char *mark = g_strdup_printf ("ALTER DATABASE %s IS_TEMPLATE true ALLOW_CONNECTIONS false", template);
  g_autofree char *address = NULL;
  g_autofree char *scratch = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) from = open_scratch_copy (file, &scratch);
  g_autoptr(ThrStore) to = NULL;
  const char *host = PQhost (server);

  PQclear (thr_test_pg_exec_ok (server, create));
  address = g_strdup_printf ("postgresql:///%s?host=%s&port=%s&user=%s", template, host != NULL ? host : "",
                             PQport (server), PQuser (server));
  to = thr_store_open (address, &error);
  g_assert_no_error (error);
  /* The error first: it says what the server refused. */
  thr_store_copy_rows (from, to, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&to);
  g_clear_object (&from);
  remove_store_file (scratch);
  PQclear (thr_test_pg_exec_ok (server, mark));
}

/* Makes TEMPLATE from FILE unless a whole one is there.  Tests in parallel
 * want the same one: the first to take the lock makes it, the others wait
 * and find it made.  One left half-made by a test that died is not a
 * template yet, and is made again. */
static void
ensure_template (PGconn     *server,
                 const char *template,
                 const char *file)
{
  g_autofree char *state_sql = g_strdup_printf ("SELECT datistemplate FROM pg_database WHERE datname = '%s'",
                                                template);
  g_autoptr(PGresult) found = NULL;

  PQclear (thr_test_pg_exec_ok (server, "SELECT pg_advisory_lock (7402)"));
  found = thr_test_pg_exec_ok (server, state_sql);
  if (PQntuples (found) == 0 || g_strcmp0 (PQgetvalue (found, 0, 0), "t") != 0)
    {
      if (PQntuples (found) > 0)
        {
          g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", template);

          PQclear (thr_test_pg_exec_ok (server, drop));
        }
      fill_template (server, template, file);
    }
  PQclear (thr_test_pg_exec_ok (server, "SELECT pg_advisory_unlock (7402)"));
}

ThrTestPg *
thr_test_pg_new_copy (const char *file)
{
  g_autofree char *template = NULL;

  if (!thr_test_pg_available ())
    return NULL;
  template = template_name (file);
  ensure_template (maintenance (), template, file);
  return new_database (maintenance (), template);
}

/* ---- the server's log ---- */

/* What tools/pg-server puts before each line of the server's log: the
 * database a line is about, and the error's SQLSTATE. */
#define LOG_LINE_PREFIX "%m [%p] db=%d sqlstate=%e "
#define MAX_ERRORS_SAID 8

static void
expect_in (const char *database,
           const char *sqlstate)
{
  GHashTable *states;

  if (state.expected == NULL)
    state.expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  states = g_hash_table_lookup (state.expected, database);
  if (states == NULL)
    {
      states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (state.expected, g_strdup (database), states);
    }
  g_hash_table_add (states, g_strdup (sqlstate));
}

void
thr_test_pg_expect_error (ThrTestPg  *pg,
                          const char *sqlstate)
{
  expect_in (pg->name, sqlstate);
}

void
thr_test_pg_expect_conn_error (PGconn     *conn,
                               const char *sqlstate)
{
  expect_in (PQdb (conn), sqlstate);
}

static gboolean
is_expected (const char *database,
             const char *sqlstate)
{
  GHashTable *states = state.expected ? g_hash_table_lookup (state.expected, database) : NULL;

  return states != NULL && g_hash_table_contains (states, sqlstate);
}

/* The server's log: THR_TEST_PG_LOG, or server.log beside the data
 * folder, where tools/pg-server has it; NULL (said once) for a server
 * that logs elsewhere or without the prefix, whose errors go unchecked. */
static char *
server_log_path (PGconn *admin)
{
  static gboolean said;
  const char *path = g_getenv ("THR_TEST_PG_LOG");
  g_autofree char *prefix = thr_test_pg_value (admin, "SHOW log_line_prefix");
  g_autofree char *data = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *found = NULL;

  if (path != NULL && *path != '\0')
    found = g_strdup (path);
  else
    {
      data = thr_test_pg_value (admin, "SHOW data_directory");
      parent = g_path_get_dirname (data);
      found = g_build_filename (parent, "server.log", NULL);
    }
  if (g_strcmp0 (prefix, LOG_LINE_PREFIX) != 0 || !g_file_test (found, G_FILE_TEST_IS_REGULAR))
    {
      if (!said)
        g_test_message ("the server's errors are not checked: no log at %s with log_line_prefix '%s' "
                        "(tools/pg-server starts one so)", found, LOG_LINE_PREFIX);
      said = TRUE;
      return NULL;
    }
  return g_steal_pointer (&found);
}

/* The ERROR and FATAL lines of the log about DATABASE whose SQLSTATE the
 * test did not declare, or NULL.  The server writes a line before it
 * answers the client, so whatever the test was refused is there. */
static char *
unexpected_errors (const char *log,
                   const char *database)
{
  g_autofree char *contents = NULL;
  g_autofree char *tag = g_strdup_printf (" db=%s sqlstate=", database);
  g_autoptr(GString) found = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_more = 0;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (log, &contents, NULL, &error))
    g_error ("reading the server's log: %s", error->message);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *at = strstr (lines[i], tag);
      char sqlstate[6] = { 0 };

      if (at == NULL)
        continue;
      at += strlen (tag);
      if (strlen (at) < 6)
        continue;
      memcpy (sqlstate, at, 5);
      at += 6;
      if (!g_str_has_prefix (at, "ERROR:") && !g_str_has_prefix (at, "FATAL:"))
        continue;
      /* A COPY the client ended itself (PQputCopyEnd with its reason: an
       * import that found a bad row, or was cancelled) is no refusal. */
      if (g_str_equal (sqlstate, "57014") && g_str_has_prefix (at, "ERROR:  COPY from stdin failed: "))
        continue;
      /* A connection the client closed while the server still sent to it
       * (class 08: a window destroyed with a worker's read under way) is
       * the client going away, not a refusal of what it sent. */
      if (g_str_has_prefix (sqlstate, "08"))
        continue;
      if (is_expected (database, sqlstate))
        continue;
      /* Each message once, and the first few: a refusal repeats. */
      if (g_hash_table_size (seen) >= MAX_ERRORS_SAID)
        n_more += !g_hash_table_contains (seen, at);
      else if (g_hash_table_add (seen, (gpointer) at))
        g_string_append_printf (found, "\n#   %s (SQLSTATE %s)", at, sqlstate);
    }
  if (n_more > 0)
    g_string_append_printf (found, "\n#   and %u lines more", n_more);
  return found->len > 0 ? g_string_free (g_steal_pointer (&found), FALSE) : NULL;
}

/* Fails the test when the server logged an error in PG's database that
 * the test did not declare: a refusal the program under test may not
 * have passed on (the window in Spanish once sent 22,4 for every double,
 * and only the log said so).  Checked before the database is dropped,
 * which ends its connections (FATAL 57P01, expected). */
static void
check_server_log (ThrTestPg *pg)
{
  g_autofree char *log = server_log_path (pg->admin);
  g_autofree char *errors = log != NULL ? unexpected_errors (log, pg->name) : NULL;
  const char *running = g_test_get_path ();

  if (errors == NULL)
    return;
  if (running != NULL && *running != '\0')
    {
      g_test_fail_printf ("the PostgreSQL server logged errors in this test's database %s (a test that provokes "
                          "one declares it: thr_test_pg_expect_error):%s", pg->name, errors);
      return;
    }
  /* After g_test_run (): said in TAP, and the program fails in
   * thr_test_pg_check_failed (). */
  g_print ("# the PostgreSQL server logged errors in the database %s, made %s%s (a test that provokes one "
           "declares it: thr_test_pg_expect_error):%s\n",
           pg->name, *pg->made_in != '\0' ? "by " : "before the tests", pg->made_in, errors);
  state.unexpected_after_tests = TRUE;
}

void
thr_test_pg_exit_if_failed (void)
{
  if (!state.unexpected_after_tests)
    return;
  g_print ("Bail out! the PostgreSQL server logged errors the tests did not expect (above)\n");
  exit (1);
}

void
thr_test_pg_free (ThrTestPg *pg)
{
  PGconn *server;
  g_autofree char *sql = NULL;

  if (pg == NULL)
    return;
  check_server_log (pg);
  g_clear_pointer (&pg->admin, PQfinish);
  server = maintenance ();
  sql = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", pg->name);
  PQclear (thr_test_pg_exec_ok (server, sql));
  for (guint i = 0; state.roles != NULL && i < state.roles->len; i++)
    {
      const char *role = g_ptr_array_index (state.roles, i);
      g_autofree char *drop = NULL;

      if (!g_str_has_prefix (role, pg->prefix))
        continue;
      drop = g_strdup_printf ("DROP ROLE %s", role);
      PQclear (thr_test_pg_exec_ok (server, drop));
      g_ptr_array_remove_index (state.roles, i--);
    }
  if (state.roles != NULL && state.roles->len == 0)
    g_clear_pointer (&state.roles, g_ptr_array_unref);
  if (state.expected != NULL)
    g_hash_table_remove (state.expected, pg->name);
  g_free (pg->name);
  g_free (pg->prefix);
  g_free (pg->made_in);
  g_free (pg);
}

PGconn *
thr_test_pg_connect (ThrTestPg  *pg,
                     const char *user)
{
  return connect_to (pg->name, user);
}

void
thr_test_pg_run_team_file (ThrTestPg  *pg,
                           const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "src", "core", "store", "team", name, NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  PGconn *server = maintenance ();

  g_file_get_contents (path, &sql, NULL, &error);
  g_assert_no_error (error);
  /* roles.sql changes the server's roles, which every test database
   * shares; two at once can collide on the same catalogue rows.  The lock
   * is taken in the maintenance database, which every test can see. */
  PQclear (thr_test_pg_exec_ok (server, "SELECT pg_advisory_lock (7401)"));
  PQclear (thr_test_pg_exec_ok (pg->admin, sql));
  PQclear (thr_test_pg_exec_ok (server, "SELECT pg_advisory_unlock (7401)"));
}

PGresult *
thr_test_pg_exec_ok (PGconn     *conn,
                     const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    g_error ("%s\n  failed as %s: %s", sql, PQuser (conn), PQresultErrorMessage (result));
  return result;
}

void
thr_test_pg_exec_refused (PGconn     *conn,
                          const char *sql,
                          const char *sqlstate)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);

  /* Refused on purpose: the server's log says so too. */
  expect_in (PQdb (conn), sqlstate);
  if (PQresultStatus (result) != PGRES_FATAL_ERROR)
    g_error ("%s\n  as %s: the server did not refuse it", sql, PQuser (conn));
  g_assert_cmpstr (PQresultErrorField (result, PG_DIAG_SQLSTATE), ==, sqlstate);
}

char *
thr_test_pg_value (PGconn     *conn,
                   const char *sql)
{
  g_autoptr(PGresult) result = thr_test_pg_exec_ok (conn, sql);

  g_assert_cmpint (PQntuples (result), >=, 1);
  return g_strdup (PQgetvalue (result, 0, 0));
}

char *
thr_test_pg_add_user (ThrTestPg  *pg,
                      const char *suffix,
                      const char *group)
{
  g_autofree char *role = g_strdup_printf ("%s_%s", pg->prefix, suffix);
  g_autofree char *sql = NULL;

  sql = group != NULL ? g_strdup_printf ("CREATE ROLE %s LOGIN IN ROLE %s", role, group)
                      : g_strdup_printf ("CREATE ROLE %s LOGIN", role);
  PQclear (thr_test_pg_exec_ok (pg->admin, sql));
  if (state.roles == NULL)
    state.roles = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (state.roles, g_strdup (role));
  return g_steal_pointer (&role);
}

void
thr_test_pg_grant (ThrTestPg  *pg,
                   gint64      contract_id,
                   const char *role,
                   ...)
{
  g_autoptr(GString) sql = g_string_new ("INSERT INTO contract_grants (contract_id, grantee) VALUES ");
  va_list roles;

  va_start (roles, role);
  for (const char *r = role; r != NULL; r = va_arg (roles, const char *))
    g_string_append_printf (sql, "%s(%" G_GINT64_FORMAT ", '%s')", r == role ? "" : ", ", contract_id, r);
  va_end (roles);
  PQclear (thr_test_pg_exec_ok (pg->admin, sql->str));
}

char *
thr_test_pg_address (ThrTestPg  *pg,
                     const char *user)
{
  const char *host = PQhost (pg->admin);

  return g_strdup_printf ("postgresql:///%s?host=%s&port=%s&user=%s", PQdb (pg->admin), host != NULL ? host : "",
                          PQport (pg->admin), user != NULL ? user : PQuser (pg->admin));
}

char *
thr_test_pg_make_demo (ThrTestPg *pg,
                       guint      months)
{
  g_autofree char *address = thr_test_pg_address (pg, NULL);
  g_autofree char *count = g_strdup_printf ("%u", months);
  g_autofree char *out = thr_test_pg_cli_ok (address, "demo", "--months", count, NULL);

  return g_steal_pointer (&address);
}

void
thr_test_pg_assert_value (PGconn     *conn,
                          const char *sql,
                          const char *expected)
{
  g_autofree char *value = thr_test_pg_value (conn, sql);

  if (g_strcmp0 (value, expected) != 0)
    g_error ("%s\n  as %s gave “%s”, not “%s”", sql, PQuser (conn), value, expected);
}

int
thr_test_pg_cli (const char  *db,
                 char       **out,
                 char       **err,
                 const char  *first,
                 ...)
{
  va_list args;
  int status;

  va_start (args, first);
  status = thr_test_cli_run_valist (db, out, err, first, args);
  va_end (args);
  return status;
}

char *
thr_test_pg_cli_ok (const char *db,
                    const char *first,
                    ...)
{
  g_autofree char *err = NULL;
  char *out = NULL;
  va_list args;
  int status;

  va_start (args, first);
  status = thr_test_cli_run_valist (db, &out, &err, first, args);
  va_end (args);
  if (status != 0)
    g_error ("threshold-cli --db %s %s failed: %s", db, first, err);
  return out;
}
