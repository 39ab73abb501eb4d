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
  as_owner = thr_test_pg_cli_ok (team.owner, "--contract", "1", "evaluate", "--period", "2018-03", "--format", "json", NULL);
  as_viewer = thr_test_pg_cli_ok (team.viewer, "evaluate", "--period", "2018-03", "--format", "json", NULL);
  g_assert_nonnull (strstr (as_owner, "\"results\""));
  g_assert_cmpstr (as_viewer, ==, as_owner);
  g_clear_pointer (&as_owner, g_free);
  g_clear_pointer (&as_viewer, g_free);
  as_owner = thr_test_pg_cli_ok (team.owner, "--contract", "1", "ledger", "--format", "json", NULL);
  as_viewer = thr_test_pg_cli_ok (team.viewer, "ledger", "--format", "json", NULL);
  g_assert_cmpstr (as_viewer, ==, as_owner);
  g_free (thr_test_pg_cli_ok (team.viewer, "caps", "--format", "json", NULL));
  /* Only the granted contract. */
  contracts = thr_test_pg_cli_ok (team.viewer, "contracts", NULL);
  g_assert_nonnull (strstr (contracts, "Granted"));
  g_assert_null (strstr (contracts, "Not granted"));

  /* Writes are refused in words, and nothing is written. */
  n_imports = thr_test_pg_value (team.pg->admin, "SELECT count(*) FROM imports");
  g_assert_cmpint (thr_test_pg_cli (team.viewer, &out, &err, "import", file, "--kind", "calls", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "cannot import"));
  g_assert_nonnull (strstr (err, "importer role"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (thr_test_pg_cli (team.viewer, &out, &err, "caps", "set", "1", "root_cause", "Staff left", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "cannot edit CAPs"));
  thr_test_pg_assert_value (team.pg->admin, "SELECT count(*) FROM imports", n_imports);
  thr_test_pg_assert_value (team.pg->admin, "SELECT root_cause FROM caps WHERE id = 1", "");
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
  g_assert_cmpint (thr_test_pg_cli (team.outsider, &out, &err, "contracts", NULL), ==, 0);
  g_assert_null (strstr (out, "Granted"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (thr_test_pg_cli (team.outsider, &out, &err, "--contract", "1", "evaluate", "--period", "2018-03", NULL), !=, 0);
  g_assert_null (strstr (out, "A.1.a"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (thr_test_pg_cli (team.outsider, &out, &err, "caps", "set", "1", "root_cause", "Mine", NULL), !=, 0);
  thr_test_pg_assert_value (team.pg->admin, "SELECT root_cause FROM caps WHERE id = 1", "");
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
  max_before = thr_test_pg_value (team.pg->admin, "SELECT max(id) FROM calls");
  g_free (thr_test_pg_cli_ok (team.importer, "import", file, "--kind", "calls", NULL));
  import_id = thr_test_pg_value (team.pg->admin, "SELECT max(id) FROM imports");
  /* Into contract 1's part, with ids after every other record's, as one
   * run that undo can take back. */
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " 8",
                              g_ascii_strtoll (max_before, NULL, 10) + 1, g_ascii_strtoll (max_before, NULL, 10) + 8);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT min(id) || ' ' || max(id) || ' ' || count(*) FROM calls_c1 "
                                            "WHERE import_id = %s", import_id);
    thr_test_pg_assert_value (team.pg->admin, sql, expected);
  }
  /* An importer edits no CAP. */
  g_assert_cmpint (thr_test_pg_cli (team.importer, &out, &err, "caps", "set", "1", "root_cause", "Staff left", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "editor role"));
  /* And undoes its import. */
  undo_out = thr_test_pg_cli_ok (team.importer, "undo", import_id, NULL);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM calls WHERE import_id = %s", import_id);
    thr_test_pg_assert_value (team.pg->admin, sql, "0");
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
  g_free (thr_test_pg_cli_ok (team.editor, "caps", "set", "1", "root_cause", "Two workers left in March", NULL));
  thr_test_pg_assert_value (team.pg->admin, "SELECT root_cause FROM caps WHERE id = 1", "Two workers left in March");
  thr_test_pg_assert_value (team.pg->admin, "SELECT changed_by_role FROM caps WHERE id = 1", team.editor_name);
  n_imports = thr_test_pg_value (team.pg->admin, "SELECT count(*) FROM imports");
  g_assert_cmpint (thr_test_pg_cli (team.editor, &out, &err, "import", file, "--kind", "calls", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "cannot import"));
  thr_test_pg_assert_value (team.pg->admin, "SELECT count(*) FROM imports", n_imports);
  /* A refused import also leaves no record behind. */
  thr_test_pg_assert_value (team.pg->admin, "SELECT count(*) FROM calls WHERE call_id = 'C1' AND queue = 'Main'", "0");
}

/* ---- the team ---- */

static void
make_team (void)
{
  g_autofree char *viewer = NULL;
  g_autofree char *importer = NULL;
  g_autofree char *outsider = NULL;

  team.pg = thr_test_pg_new ();
  if (team.pg == NULL)
    return;
  team.owner = thr_test_pg_address (team.pg, PQuser (team.pg->admin));
  g_free (thr_test_pg_cli_ok (team.owner, "demo", "--months", "3", "--tasks", "200", "--calls", "100", NULL));
  g_free (thr_test_pg_cli_ok (team.owner, "init", "--template", "mo-im-kpi", "--name", "Not granted", NULL));
  PQclear (thr_test_pg_exec_ok (team.pg->admin, "UPDATE contracts SET name = 'Granted' WHERE id = 1"));
  thr_test_pg_run_team_file (team.pg, "roles.sql");

  viewer = thr_test_pg_add_user (team.pg, "viewer", "threshold_viewer");
  team.editor_name = thr_test_pg_add_user (team.pg, "editor", "threshold_editor");
  importer = thr_test_pg_add_user (team.pg, "importer", "threshold_importer");
  outsider = thr_test_pg_add_user (team.pg, "outsider", "threshold_editor");
  thr_test_pg_grant (team.pg, 1, viewer, team.editor_name, importer, NULL);
  team.viewer = thr_test_pg_address (team.pg, viewer);
  team.editor = thr_test_pg_address (team.pg, team.editor_name);
  team.importer = thr_test_pg_address (team.pg, importer);
  team.outsider = thr_test_pg_address (team.pg, outsider);
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
  thr_test_pg_exit_if_failed ();
  return status;
}
