/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-team-roles.c — rights on a team store, enforced by the server
 *
 * schema.sql and roles.sql on a real PostgreSQL server; then real login
 * users, each a member of one of the group roles, try what their role may
 * and may not do.  Every refusal asserted here is the server's (SQLSTATE
 * 42501, insufficient privilege or a row-level security policy), not the
 * program's: a user with psql gets the same answers.
 *
 * Contract 1 is granted to the viewer, the editor and the importer;
 * contract 2 to nobody; the outsider has no grant at all.
 */
#define G_LOG_DOMAIN "test-team-roles"

#include <string.h>

#include "thr-test-pg.h"

typedef struct {
  ThrTestPg *pg;
  PGconn *viewer;
  PGconn *editor;
  PGconn *importer;
  PGconn *admin;
  PGconn *outsider;
  char *viewer_name;
  char *editor_name;
  char *outsider_name;
} Fixture;

/* Two contracts, each with an import, figures, records, a CAP. */
static const char fill[] =
  "INSERT INTO contracts (template, name, definition, created_at) VALUES"
  "  ('rfp-16-102', 'Granted', '{}', '2018-01-01'), ('rfp-16-102', 'Other', '{}', '2018-01-01');"
  "INSERT INTO imports (id, contract_id, kind, file_name, sha256, imported_at, n_rows) VALUES"
  "  (1, 1, 'metric-report', 'a.csv', 'aa', '2018-05-02', 1), (2, 2, 'metric-report', 'b.csv', 'bb', '2018-05-02', 1);"
  "INSERT INTO reported_values (import_id, row, metric, period, value) VALUES"
  "  (1, 2, 'A.1.a', '2018-04', 97.5), (2, 2, 'A.1.a', '2018-04', 91.0), (2, 3, 'A.1.b', '2018-04', 99.0);"
  "INSERT INTO tasks (import_id, contract_id, row, task_id, type, received_day) VALUES"
  "  (1, 1, 2, 'T1', 'change', 736800), (2, 2, 2, 'T2', 'change', 736800);"
  "INSERT INTO caps (contract_id, metric, failure_month, created_at) VALUES"
  "  (1, 'A.1.a', '2018-04', '2018-05-02'), (2, 'A.1.a', '2018-04', '2018-05-02');"
  "INSERT INTO cap_audit (cap_id, at, field) VALUES (1, '2018-05-02', 'opened'), (2, '2018-05-02', 'opened');"
  "INSERT INTO kept_figures VALUES (1, 'A.1.a', '', 736785, 736815, 0, 736700, 736815, 'b1', 1, 97.5, 1, 39, 40, 0);"
  "INSERT INTO secrets VALUES ('hash-key', 'k3y'), ('store-id', 'store-1');";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *importer = NULL;
  g_autofree char *admin = NULL;

  f->pg = thr_test_pg_new ();
  if (f->pg == NULL)
    return;
  thr_test_pg_run_team_file (f->pg, "schema.sql");
  thr_test_pg_run_team_file (f->pg, "roles.sql");
  PQclear (thr_test_pg_exec_ok (f->pg->admin, fill));

  f->viewer_name = thr_test_pg_add_user (f->pg, "viewer", "threshold_viewer");
  f->editor_name = thr_test_pg_add_user (f->pg, "editor", "threshold_editor");
  importer = thr_test_pg_add_user (f->pg, "importer", "threshold_importer");
  admin = thr_test_pg_add_user (f->pg, "admin", "threshold_admin");
  f->outsider_name = thr_test_pg_add_user (f->pg, "outsider", "threshold_editor");
  thr_test_pg_grant (f->pg, 1, f->viewer_name, f->editor_name, importer, NULL);

  f->viewer = thr_test_pg_connect (f->pg, f->viewer_name);
  f->editor = thr_test_pg_connect (f->pg, f->editor_name);
  f->importer = thr_test_pg_connect (f->pg, importer);
  f->admin = thr_test_pg_connect (f->pg, admin);
  f->outsider = thr_test_pg_connect (f->pg, f->outsider_name);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->viewer, PQfinish);
  g_clear_pointer (&f->editor, PQfinish);
  g_clear_pointer (&f->importer, PQfinish);
  g_clear_pointer (&f->admin, PQfinish);
  g_clear_pointer (&f->outsider, PQfinish);
  g_clear_pointer (&f->pg, thr_test_pg_free);
  g_free (f->viewer_name);
  g_free (f->editor_name);
  g_free (f->outsider_name);
}

/* What a user sees of every table that holds contract data. */
static void
assert_sees (PGconn     *conn,
             const char *contracts,
             const char *n_reported,
             const char *n_tasks,
             const char *n_caps)
{
  thr_test_pg_assert_value (conn, "SELECT coalesce (string_agg (id::text, ',' ORDER BY id), '') FROM contracts", contracts);
  thr_test_pg_assert_value (conn, "SELECT count(*) FROM reported_values", n_reported);
  thr_test_pg_assert_value (conn, "SELECT count(*) FROM tasks", n_tasks);
  thr_test_pg_assert_value (conn, "SELECT count(*) FROM caps", n_caps);
  thr_test_pg_assert_value (conn, "SELECT count(*) FROM cap_audit", n_caps);
}

static void
test_viewer_reads_only (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const writes[] = {
    "INSERT INTO caps (contract_id, metric, failure_month, created_at) VALUES (1, 'A.2', '2018-04', 'now')",
    "UPDATE caps SET deficiency = 'late' WHERE id = 1",
    "DELETE FROM caps WHERE id = 1",
    "INSERT INTO cap_audit (cap_id, at, field) VALUES (1, 'now', 'deficiency')",
    "INSERT INTO imports (id, contract_id, kind, file_name, sha256, imported_at, n_rows) "
    "  VALUES (3, 1, 'tasks', 'c.csv', 'cc', 'now', 0)",
    "DELETE FROM imports WHERE id = 1",
    "INSERT INTO reported_values (import_id, row, metric, period, value) VALUES (1, 9, 'A.1.b', '2018-04', 1)",
    "DELETE FROM tasks",
    "UPDATE contracts SET name = 'Mine'",
    "INSERT INTO contract_grants (contract_id, grantee) VALUES (2, current_user::regrole)",
    "INSERT INTO calendar_closures (calendar, day, reason, added_at) VALUES ('indiana', '2018-12-26', 'x', 'now')",
    /* The kept figures are read in place of the records: a viewer who
     * could write one would decide what everyone else is shown. */
    "INSERT INTO kept_figures VALUES (1, 'A.1.b', '', 1, 2, 0, 1, 2, 'b1', 1, 100, 0, 0, 0, 0)",
    "UPDATE kept_figures SET value = 100",
    "DELETE FROM kept_figures",
    "UPDATE kept_generation SET value = value + 1",
    "UPDATE schema_version SET version = 12",
  };

  if (f->pg == NULL)
    return;
  assert_sees (f->viewer, "1", "1", "1", "1");
  thr_test_pg_assert_value (f->viewer, "SELECT value FROM kept_figures", "97.5");
  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    thr_test_pg_exec_refused (f->viewer, writes[i], "42501");
  /* The key that hashes personal data stays with the importers. */
  thr_test_pg_assert_value (f->viewer, "SELECT string_agg (name, ',') FROM secrets", "store-id");
  thr_test_pg_exec_refused (f->viewer, "INSERT INTO secrets VALUES ('hash-key', 'mine')", "42501");
  /* Nothing changed, seen by the owner. */
  thr_test_pg_assert_value (f->pg->admin, "SELECT count(*) || ' ' || max (value) FROM kept_figures", "1 97.5");
  thr_test_pg_assert_value (f->pg->admin, "SELECT deficiency || row_version FROM caps WHERE id = 1", "1");
}

static void
test_not_granted (Fixture       *f,
                  gconstpointer  data)
{
  if (f->pg == NULL)
    return;
  /* An editor with no grant sees nothing and changes nothing. */
  assert_sees (f->outsider, "", "0", "0", "0");
  thr_test_pg_assert_value (f->outsider, "SELECT count(*) FROM imports", "0");
  thr_test_pg_assert_value (f->outsider, "SELECT count(*) FROM kept_figures", "0");
  thr_test_pg_assert_value (f->outsider, "WITH saved AS (UPDATE caps SET deficiency = 'x' RETURNING id) SELECT count(*) FROM saved",
                "0");
  thr_test_pg_exec_refused (f->outsider, "INSERT INTO caps (contract_id, metric, failure_month, created_at) "
                                         "VALUES (2, 'A.2', '2018-04', 'now')", "42501");
  /* Contract 2 is nobody's: the granted editor does not reach it either,
   * not even by naming its rows. */
  thr_test_pg_assert_value (f->editor, "SELECT count(*) FROM caps WHERE contract_id = 2", "0");
  thr_test_pg_assert_value (f->editor, "SELECT count(*) FROM reported_values WHERE import_id = 2", "0");
  thr_test_pg_assert_value (f->editor, "WITH saved AS (UPDATE caps SET deficiency = 'x' WHERE id = 2 RETURNING id) "
                           "SELECT count(*) FROM saved", "0");
  thr_test_pg_exec_refused (f->editor, "INSERT INTO cap_actions (cap_id, description) VALUES (2, 'Hire')", "42501");
  thr_test_pg_assert_value (f->pg->admin, "SELECT deficiency FROM caps WHERE id = 2", "");
}

static void
test_editor (Fixture       *f,
             gconstpointer  data)
{
  if (f->pg == NULL)
    return;
  PQclear (thr_test_pg_exec_ok (f->editor,
                                "SET threshold.person = 'Ana Ruiz';"
                                "UPDATE caps SET deficiency = 'Late notices' WHERE id = 1 AND row_version = 1;"
                                "INSERT INTO cap_actions (cap_id, description) VALUES (1, 'Hire two workers');"
                                "INSERT INTO cap_audit (cap_id, at, field, new_value, author) "
                                "  VALUES (1, 'now', 'deficiency', 'Late notices', 'Ana Ruiz');"));
  thr_test_pg_assert_value (f->pg->admin, "SELECT deficiency || ' ' || row_version || ' ' || changed_by_name FROM caps WHERE id = 1",
                "Late notices 2 Ana Ruiz");
  thr_test_pg_assert_value (f->pg->admin, "SELECT changed_by_role FROM caps WHERE id = 1", f->editor_name);
  thr_test_pg_assert_value (f->pg->admin, "SELECT author_role FROM cap_audit WHERE field = 'deficiency'", f->editor_name);
  /* Not an importer, and the audit trail is written once. */
  thr_test_pg_exec_refused (f->editor, "INSERT INTO imports (id, contract_id, kind, file_name, sha256, imported_at, n_rows) "
                                       "VALUES (3, 1, 'tasks', 'c.csv', 'cc', 'now', 0)", "42501");
  thr_test_pg_exec_refused (f->editor, "DELETE FROM imports WHERE id = 1", "42501");
  thr_test_pg_exec_refused (f->editor, "DELETE FROM caps WHERE id = 1", "42501");
  thr_test_pg_exec_refused (f->editor, "UPDATE cap_audit SET new_value = 'x'", "42501");
  thr_test_pg_exec_refused (f->editor, "DELETE FROM cap_audit", "42501");
  thr_test_pg_exec_refused (f->editor, "INSERT INTO kept_figures VALUES (1, 'A.1.b', '', 1, 2, 0, 1, 2, 'b1', 1, 100, 0, 0, 0, 0)",
                            "42501");
}

static void
test_importer (Fixture       *f,
               gconstpointer  data)
{
  if (f->pg == NULL)
    return;
  /* An import into the granted contract, all of it, then its undo. */
  PQclear (thr_test_pg_exec_ok (f->importer,
                                "BEGIN;"
                                "INSERT INTO imports (id, contract_id, kind, file_name, sha256, imported_at, n_rows) "
                                "  VALUES (3, 1, 'metric-report', 'c.csv', 'cc', 'now', 1);"
                                "INSERT INTO reported_values (import_id, row, metric, period, value) "
                                "  VALUES (3, 2, 'A.1.b', '2018-05', 98);"
                                "INSERT INTO tasks (import_id, contract_id, row, task_id, type, received_day) "
                                "  VALUES (3, 1, 3, 'T3', 'change', 736830);"
                                "DELETE FROM kept_figures WHERE contract_id = 1;"
                                "UPDATE kept_generation SET value = value + 1;"
                                "COMMIT;"));
  thr_test_pg_assert_value (f->pg->admin, "SELECT last FROM import_ids", "3");
  thr_test_pg_assert_value (f->pg->admin, "SELECT count(*) FROM reported_values WHERE import_id = 3", "1");
  thr_test_pg_assert_value (f->importer, "SELECT value FROM secrets WHERE name = 'hash-key'", "k3y");
  PQclear (thr_test_pg_exec_ok (f->importer,
                                "INSERT INTO kept_figures VALUES (1, 'A.1.a', '', 736785, 736815, 0, 736700, 736815, "
                                "  'b1', 1, 97.5, 1, 39, 40, 0);"
                                "UPDATE caps SET failure_undone_at = 'now' WHERE id = 1;"
                                "DELETE FROM tasks WHERE import_id = 3;"
                                "DELETE FROM imports WHERE id = 3;"));
  thr_test_pg_assert_value (f->pg->admin, "SELECT count(*) FROM reported_values WHERE import_id = 3", "0");

  /* Not into a contract not granted, not even through its import. */
  thr_test_pg_exec_refused (f->importer, "INSERT INTO imports (id, contract_id, kind, file_name, sha256, imported_at, n_rows) "
                                         "VALUES (4, 2, 'metric-report', 'd.csv', 'dd', 'now', 1)", "42501");
  thr_test_pg_exec_refused (f->importer, "INSERT INTO reported_values (import_id, row, metric, period, value) "
                                         "VALUES (2, 9, 'A.1.b', '2018-05', 1)", "42501");
  thr_test_pg_exec_refused (f->importer, "INSERT INTO tasks (import_id, contract_id, row, task_id, type, received_day) "
                                         "VALUES (2, 2, 9, 'T9', 'change', 736830)", "42501");
  thr_test_pg_exec_refused (f->importer, "INSERT INTO kept_figures VALUES (2, 'A.1.a', '', 1, 2, 0, 1, 2, 'b1', 1, 100, 0, 0, 0, 0)",
                            "42501");
  thr_test_pg_assert_value (f->importer, "WITH gone AS (DELETE FROM imports WHERE id = 2 RETURNING id) SELECT count(*) FROM gone", "0");
  /* Nor an editor of CAPs, nor an administrator. */
  thr_test_pg_exec_refused (f->importer, "UPDATE caps SET deficiency = 'x' WHERE id = 1", "42501");
  thr_test_pg_exec_refused (f->importer, "INSERT INTO contracts (template, name, definition, created_at) "
                                         "VALUES ('rfp-16-102', 'New', '{}', 'now')", "42501");
  thr_test_pg_assert_value (f->pg->admin, "SELECT count(*) FROM imports WHERE id = 2", "1");
}

/* COPY … FROM STDIN of ROWS; the SQLSTATE of its refusal, or NULL. */
static char *
copy_in (PGconn     *conn,
         const char *sql,
         const char *rows)
{
  g_autoptr(PGresult) start = PQexec (conn, sql);
  g_autoptr(PGresult) end = NULL;

  if (PQresultStatus (start) != PGRES_COPY_IN)
    return g_strdup (PQresultErrorField (start, PG_DIAG_SQLSTATE));
  g_assert_cmpint (PQputCopyData (conn, rows, (int) strlen (rows)), ==, 1);
  g_assert_cmpint (PQputCopyEnd (conn, NULL), ==, 1);
  end = PQgetResult (conn);
  g_assert_null (PQgetResult (conn));
  if (PQresultStatus (end) != PGRES_COMMAND_OK)
    return g_strdup (PQresultErrorField (end, PG_DIAG_SQLSTATE));
  return NULL;
}

static void
assert_copy (PGconn     *conn,
             const char *table,
             const char *expected_sqlstate)
{
  g_autofree char *sql = g_strdup_printf ("COPY %s (import_id, contract_id, row, task_id, type, received_day) "
                                          "FROM STDIN (FORMAT csv)", table);
  g_autofree char *sqlstate = NULL;
  const char *contract = g_str_has_suffix (table, "_c2") ? "2" : "1";
  g_autofree char *rows = g_strdup_printf ("1,%s,2,T7,change,736830\n1,%s,3,T8,change,736831\n", contract, contract);

  if (expected_sqlstate != NULL)
    thr_test_pg_expect_conn_error (conn, expected_sqlstate);
  sqlstate = copy_in (conn, sql, rows);
  if (g_strcmp0 (sqlstate, expected_sqlstate) != 0)
    g_error ("%s as %s: %s, not %s", sql, PQuser (conn), sqlstate ? sqlstate : "copied",
             expected_sqlstate ? expected_sqlstate : "copied");
}

/* PostgreSQL refuses COPY FROM into a table with row-level security for a
 * user its policies hold: an importer COPYs into its contract's partition,
 * and only into a contract it is granted. */
static void
test_importer_copies (Fixture       *f,
                      gconstpointer  data)
{
  if (f->pg == NULL)
    return;
  assert_copy (f->importer, "tasks", "0A000");
  assert_copy (f->importer, "tasks_c1", NULL);
  thr_test_pg_assert_value (f->viewer, "SELECT count(*) FROM tasks WHERE task_id IN ('T7', 'T8')", "2");
  thr_test_pg_assert_value (f->importer, "SELECT string_agg (id::text, ',' ORDER BY id) FROM tasks WHERE task_id IN ('T7', 'T8')",
                "3,4");
  /* Not into a contract not granted; not for anyone but importers; and
   * a partition is written, never read, straight. */
  assert_copy (f->importer, "tasks_c2", "42501");
  assert_copy (f->viewer, "tasks_c1", "42501");
  assert_copy (f->editor, "tasks_c1", "42501");
  thr_test_pg_exec_refused (f->importer, "SELECT count(*) FROM tasks_c2", "42501");
  thr_test_pg_exec_refused (f->importer, "SELECT count(*) FROM tasks_c1", "42501");
  thr_test_pg_exec_refused (f->importer, "DELETE FROM tasks_c2", "42501");
  thr_test_pg_assert_value (f->pg->admin, "SELECT count(*) FROM tasks", "4");
  /* A contract made later gets its partitions, and the grant reaches them. */
  PQclear (thr_test_pg_exec_ok (f->admin, "INSERT INTO contracts (template, name, definition, created_at) "
                                          "VALUES ('mo-im-kpi', 'Third', '{}', 'now')"));
  assert_copy (f->importer, "tasks_c3", "42501");
  PQclear (thr_test_pg_exec_ok (f->admin, "INSERT INTO contract_grants (contract_id, grantee) "
                                          "VALUES (3, 'threshold_importer')"));
  g_assert_null (copy_in (f->importer, "COPY calls_c3 (import_id, contract_id, row, call_id, queue, offered_day, "
                                       "wait_seconds, outcome) FROM STDIN (FORMAT csv)",
                         "1,3,2,C1,main,736830,12.5,0\n"));
  thr_test_pg_assert_value (f->importer, "SELECT count(*) FROM calls WHERE contract_id = 3", "1");
}

static void
test_admin_and_grants (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *grant = NULL;

  if (f->pg == NULL)
    return;
  /* The administrator sees every contract, makes one and grants it. */
  thr_test_pg_assert_value (f->admin, "SELECT string_agg (id::text, ',' ORDER BY id) FROM contracts", "1,2");
  grant = g_strdup_printf ("INSERT INTO contracts (template, name, definition, created_at) "
                           "  VALUES ('mo-im-kpi', 'Third', '{}', 'now');"
                           "INSERT INTO contract_grants (contract_id, grantee) VALUES (3, '%s');"
                           "INSERT INTO calendar_closures (calendar, day, reason, added_at) "
                           "  VALUES ('indiana', '2018-12-26', 'Governor', 'now');", f->outsider_name);
  PQclear (thr_test_pg_exec_ok (f->admin, grant));
  thr_test_pg_assert_value (f->outsider, "SELECT string_agg (id::text, ',') FROM contracts", "3");
  /* Whoever sees a grant sees only their own. */
  thr_test_pg_assert_value (f->outsider, "SELECT count(*) FROM contract_grants", "1");
  /* A grant to a group role reaches its members. */
  PQclear (thr_test_pg_exec_ok (f->admin, "INSERT INTO contract_grants (contract_id, grantee) "
                                          "VALUES (2, 'threshold_viewer')"));
  assert_sees (f->viewer, "1,2", "3", "2", "2");
  PQclear (thr_test_pg_exec_ok (f->admin, "DELETE FROM contract_grants WHERE contract_id = 2"));
  assert_sees (f->viewer, "1", "1", "1", "1");
  /* An administrator does not write CAPs or import. */
  thr_test_pg_exec_refused (f->admin, "UPDATE caps SET deficiency = 'x'", "42501");
  thr_test_pg_exec_refused (f->admin, "DELETE FROM imports", "42501");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/team-roles/viewer-reads-only", Fixture, NULL, fixture_set_up, test_viewer_reads_only, fixture_tear_down);
  g_test_add ("/team-roles/not-granted", Fixture, NULL, fixture_set_up, test_not_granted, fixture_tear_down);
  g_test_add ("/team-roles/editor", Fixture, NULL, fixture_set_up, test_editor, fixture_tear_down);
  g_test_add ("/team-roles/importer", Fixture, NULL, fixture_set_up, test_importer, fixture_tear_down);
  g_test_add ("/team-roles/importer-copies", Fixture, NULL, fixture_set_up, test_importer_copies, fixture_tear_down);
  g_test_add ("/team-roles/admin-and-grants", Fixture, NULL, fixture_set_up, test_admin_and_grants, fixture_tear_down);
  return g_test_run ();
}
