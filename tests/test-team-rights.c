/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-team-rights.c — each role's rights through threshold-cli, on a
 * real PostgreSQL server
 *
 * A small demo made by the tables' owner (the superuser), roles.sql, and
 * real login users: a viewer, an editor, an importer, and an editor with
 * no contract granted.  Contract 1 is granted to the first three; contract
 * 2 to nobody.  Each runs threshold-cli --db as themselves: what a role
 * may do works, what it may not is refused before anything is written,
 * with a sentence that says which role to ask for, and the server's own
 * rows prove nothing changed.
 */
#define G_LOG_DOMAIN "test-team-rights"

#include <string.h>
#include <sys/wait.h>

#include "thr-core.h"
#include "thr-test-pg.h"

static struct {
  ThrTestPg *pg;
  char *owner;       /* the superuser's address */
  char *viewer;
  char *editor;
  char *importer;
  char *outsider;
  char *editor_name;
} team;

/* ---- helpers ---- */

static char *
address_as (const char *user)
{
  const char *host = PQhost (team.pg->admin);

  return g_strdup_printf ("postgresql:///%s?host=%s&port=%s&user=%s", PQdb (team.pg->admin),
                          host != NULL ? host : "", PQport (team.pg->admin), user);
}

/* threshold-cli --db DB ARGS…: its exit status, output and errors. */
static int
cli (const char  *db,
     char       **out,
     char       **err,
     const char  *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("THRESHOLD_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (char *) db);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

#define cli_ok(db, ...) cli_must_succeed (db, __VA_ARGS__, NULL)

static char *
cli_must_succeed (const char *db,
                  const char *first,
                  ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("THRESHOLD_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, (char *) db);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("threshold-cli --db %s %s failed: %s", db, first, err);
  return out;
}

static char *
server_value (const char *sql)
{
  return thr_test_pg_value (team.pg->admin, sql);
}

static void
assert_server (const char *sql,
               const char *expected)
{
  g_autofree char *value = server_value (sql);

  if (g_strcmp0 (value, expected) != 0)
    g_error ("%s: %s, not %s", sql, value, expected);
}

static char *
calls_file (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "calls-2018-04.csv", NULL);
}

/* ---- tests ---- */

static void
test_viewer_reads (void)
{
  g_autofree char *as_owner = NULL;
  g_autofree char *as_viewer = NULL;
  g_autofree char *contracts = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *file = calls_file ();
  g_autofree char *n_imports = NULL;

  if (team.pg == NULL)
    return;
  /* Every figure shows as the owner sees it, though a viewer keeps no
   * figure and opens no CAP. */
  as_owner = cli_ok (team.owner, "--contract", "1", "evaluate", "--period", "2018-03", "--format", "json");
  as_viewer = cli_ok (team.viewer, "evaluate", "--period", "2018-03", "--format", "json");
  g_assert_nonnull (strstr (as_owner, "\"results\""));
  g_assert_cmpstr (as_viewer, ==, as_owner);
  g_clear_pointer (&as_owner, g_free);
  g_clear_pointer (&as_viewer, g_free);
  as_owner = cli_ok (team.owner, "--contract", "1", "ledger", "--format", "json");
  as_viewer = cli_ok (team.viewer, "ledger", "--format", "json");
  g_assert_cmpstr (as_viewer, ==, as_owner);
  g_free (cli_ok (team.viewer, "caps", "--format", "json"));
  /* Only the granted contract. */
  contracts = cli_ok (team.viewer, "contracts");
  g_assert_nonnull (strstr (contracts, "Granted"));
  g_assert_null (strstr (contracts, "Not granted"));

  /* Writes are refused in words, and nothing is written. */
  n_imports = server_value ("SELECT count(*) FROM imports");
  g_assert_cmpint (cli (team.viewer, &out, &err, "import", file, "--kind", "calls", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "cannot import"));
  g_assert_nonnull (strstr (err, "importer role"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli (team.viewer, &out, &err, "caps", "set", "1", "root_cause", "Staff left", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "cannot edit CAPs"));
  assert_server ("SELECT count(*) FROM imports", n_imports);
  assert_server ("SELECT root_cause FROM caps WHERE id = 1", "");
}

static void
test_not_granted (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (team.pg == NULL)
    return;
  /* An editor granted nothing sees no contract at all, and cannot name
   * one by its id. */
  g_assert_cmpint (cli (team.outsider, &out, &err, "contracts", NULL), ==, 0);
  g_assert_null (strstr (out, "Granted"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli (team.outsider, &out, &err, "--contract", "1", "evaluate", "--period", "2018-03", NULL), !=, 0);
  g_assert_null (strstr (out, "A.1.a"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (cli (team.outsider, &out, &err, "caps", "set", "1", "root_cause", "Mine", NULL), !=, 0);
  assert_server ("SELECT root_cause FROM caps WHERE id = 1", "");
}

static void
test_importer_imports (void)
{
  g_autofree char *file = calls_file ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *max_before = NULL;
  g_autofree char *import_id = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *undo_out = NULL;

  if (team.pg == NULL)
    return;
  max_before = server_value ("SELECT max(id) FROM calls");
  g_free (cli_ok (team.importer, "import", file, "--kind", "calls"));
  import_id = server_value ("SELECT max(id) FROM imports");
  /* Into contract 1's part, with ids after every other record's, as one
   * run that undo can take back. */
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " 8",
                              g_ascii_strtoll (max_before, NULL, 10) + 1, g_ascii_strtoll (max_before, NULL, 10) + 8);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT min(id) || ' ' || max(id) || ' ' || count(*) FROM calls_c1 "
                                            "WHERE import_id = %s", import_id);
    assert_server (sql, expected);
  }
  /* An importer edits no CAP. */
  g_assert_cmpint (cli (team.importer, &out, &err, "caps", "set", "1", "root_cause", "Staff left", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "editor role"));
  /* And undoes its import. */
  undo_out = cli_ok (team.importer, "undo", import_id);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM calls WHERE import_id = %s", import_id);
    assert_server (sql, "0");
  }
}

static void
test_editor_edits (void)
{
  g_autofree char *file = calls_file ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *n_imports = NULL;

  if (team.pg == NULL)
    return;
  g_free (cli_ok (team.editor, "caps", "set", "1", "root_cause", "Two workers left in March"));
  assert_server ("SELECT root_cause FROM caps WHERE id = 1", "Two workers left in March");
  assert_server ("SELECT changed_by_role FROM caps WHERE id = 1", team.editor_name);
  n_imports = server_value ("SELECT count(*) FROM imports");
  g_assert_cmpint (cli (team.editor, &out, &err, "import", file, "--kind", "calls", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "cannot import"));
  assert_server ("SELECT count(*) FROM imports", n_imports);
  /* A refused import also leaves no record behind. */
  assert_server ("SELECT count(*) FROM calls WHERE call_id = 'C1' AND queue = 'Main'", "0");
}

/* ---- the team ---- */

static void
make_team (void)
{
  g_autofree char *grants = NULL;
  g_autofree char *viewer = NULL;
  g_autofree char *importer = NULL;
  g_autofree char *outsider = NULL;

  team.pg = thr_test_pg_new ();
  if (team.pg == NULL)
    return;
  team.owner = address_as (PQuser (team.pg->admin));
  g_free (cli_ok (team.owner, "demo", "--months", "3", "--tasks", "200", "--calls", "100"));
  g_free (cli_ok (team.owner, "init", "--template", "mo-im-kpi", "--name", "Not granted"));
  PQclear (thr_test_pg_exec_ok (team.pg->admin, "UPDATE contracts SET name = 'Granted' WHERE id = 1"));
  thr_test_pg_run_team_file (team.pg, "roles.sql");

  viewer = thr_test_pg_add_user (team.pg, "viewer", "threshold_viewer");
  team.editor_name = thr_test_pg_add_user (team.pg, "editor", "threshold_editor");
  importer = thr_test_pg_add_user (team.pg, "importer", "threshold_importer");
  outsider = thr_test_pg_add_user (team.pg, "outsider", "threshold_editor");
  grants = g_strdup_printf ("INSERT INTO contract_grants (contract_id, grantee) VALUES (1, '%s'), (1, '%s'), (1, '%s')",
                            viewer, team.editor_name, importer);
  PQclear (thr_test_pg_exec_ok (team.pg->admin, grants));
  team.viewer = address_as (viewer);
  team.editor = address_as (team.editor_name);
  team.importer = address_as (importer);
  team.outsider = address_as (outsider);
}

static void
free_team (void)
{
  g_clear_pointer (&team.pg, thr_test_pg_free);
  g_free (team.owner);
  g_free (team.viewer);
  g_free (team.editor);
  g_free (team.importer);
  g_free (team.outsider);
  g_free (team.editor_name);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* One team for every test: the demo is the slow part.  The tests that
   * write come after those that check nothing was written. */
  g_test_add_func ("/team-rights/viewer-reads", test_viewer_reads);
  g_test_add_func ("/team-rights/not-granted", test_not_granted);
  g_test_add_func ("/team-rights/importer-imports", test_importer_imports);
  g_test_add_func ("/team-rights/editor-edits", test_editor_edits);
  make_team ();
  status = g_test_run ();
  free_team ();
  return status;
}
