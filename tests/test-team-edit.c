/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-team-edit.c — several people at once on a team store
 *
 * On a real PostgreSQL server, through the store's own API as the program
 * uses it: each change records the database role and the person's name
 * (read back by the server's superuser, so what is asserted is what the
 * server kept); a connection watching the store hears another's import
 * within a second.
 */
#define G_LOG_DOMAIN "test-team-edit"

#include <stdlib.h>

#include <glib/gstdio.h>

#include <time.h>

#include "thr-core.h"
#include "thr-store-sql-private.h"
#include "thr-test-pg.h"

typedef struct {
  ThrTestPg   *pg;
  ThrContract *contract;
  char      *editor;       /* a login role in threshold_editor, granted contract 1 */
  gint64     contract_id;
  gint64     cap_id;
} Fixture;

/* ---- helpers ---- */

static ThrStore *
open_as (Fixture    *f,
         const char *user)
{
  g_autofree char *address = thr_test_pg_address (f->pg, user);
  g_autoptr(GError) error = NULL;
  ThrStore *store = thr_store_open (address, &error);

  g_assert_no_error (error);
  return store;
}

/* The store made by the program (the schema), one contract and one CAP,
 * then the roles and an editor granted the contract. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;

  f->pg = thr_test_pg_new ();
  if (f->pg == NULL)
    return;
  f->contract = thr_contract_load_template ("rfp-16-102", &error);
  g_assert_no_error (error);
  store = open_as (f, NULL);
  f->contract_id = thr_store_add_contract (store, "rfp-16-102", "Team", thr_contract_get_definition (f->contract),
                                           &error);
  g_assert_no_error (error);
  g_assert_true (thr_store_begin (store, &error));
  g_assert_true (thr_store_insert_cap (store, f->contract_id, "A.1.a", "2018-04", "2018-05-02",
                                       "2018-05-02T12:00:00Z", &f->cap_id, &error));
  g_assert_true (thr_store_commit (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  thr_test_pg_run_team_file (f->pg, "roles.sql");
  f->editor = thr_test_pg_add_user (f->pg, "editor", "threshold_editor");
  thr_test_pg_grant (f->pg, f->contract_id, f->editor, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->pg, thr_test_pg_free);
  g_clear_object (&f->contract);
  g_free (f->editor);
}

/* ---- tests ---- */

/* The editor's change of a CAP: the server names the editor's role and
 * the person's name on the CAP's row and on its audit line, and the
 * program's own contract was stamped with the superuser's role. */
static void
test_change_names_role_and_person (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *person = NULL;
  g_autofree char *editor = NULL;
  g_autofree char *stamp = NULL;

  if (f->pg == NULL)
    return;
  person = g_strdup (thr_cap_get_author ());
  editor = g_strdup (f->editor);

  thr_test_pg_assert_value (f->pg->admin, "SELECT created_by_role FROM contracts", PQuser (f->pg->admin));
  thr_test_pg_assert_value (f->pg->admin, "SELECT created_by_name FROM contracts", person);

  store = open_as (f, f->editor);
  g_assert_true (thr_cap_set_field (store, f->cap_id, "root_cause", "Two trainers left in March", &error));
  g_assert_no_error (error);

  thr_test_pg_assert_value (f->pg->admin, "SELECT root_cause FROM caps", "Two trainers left in March");
  thr_test_pg_assert_value (f->pg->admin, "SELECT changed_by_role FROM caps", editor);
  thr_test_pg_assert_value (f->pg->admin, "SELECT changed_by_name FROM caps", person);
  thr_test_pg_assert_value (f->pg->admin, "SELECT author_role FROM cap_audit WHERE field = 'root_cause'", editor);
  thr_test_pg_assert_value (f->pg->admin, "SELECT author FROM cap_audit WHERE field = 'root_cause'", person);

  /* An action is stamped the same way. */
  g_assert_cmpint (thr_cap_add_action (store, f->cap_id, "Hire two trainers", "Ana Ruiz", 0, &error), >, 0);
  g_assert_no_error (error);
  stamp = g_strconcat (editor, "/", person, NULL);
  thr_test_pg_assert_value (f->pg->admin, "SELECT changed_by_role || '/' || changed_by_name FROM cap_actions", stamp);
}

/* A team store made at schema 11 (which already had the CAPs' row
 * version that 11 → 12 gave store files) or 12 (before the index of tasks
 * by completion day) opens, and is recorded as 13 with that index once its
 * owner opens it.  An editor may neither create the index nor change the
 * number, and opens it all the same. */
static void
test_schema_11_moves_on (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const versions[] = { "11", "12" };
  g_autoptr(ThrStore) store = NULL;

  if (f->pg == NULL)
    return;
  /* The editor's opening tries the index and is refused, not the owner. */
  thr_test_pg_expect_error (f->pg, "42501");
  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *set = g_strdup_printf ("UPDATE schema_version SET version = %s", versions[i]);

      PQclear (thr_test_pg_exec_ok (f->pg->admin, "DROP INDEX tasks_by_completed"));
      PQclear (thr_test_pg_exec_ok (f->pg->admin, set));
      store = open_as (f, f->editor);
      g_clear_object (&store);
      thr_test_pg_assert_value (f->pg->admin, "SELECT version FROM schema_version", versions[i]);
      thr_test_pg_assert_value (f->pg->admin, "SELECT to_regclass ('tasks_by_completed') IS NULL", "t");
      store = open_as (f, NULL);
      g_clear_object (&store);
      thr_test_pg_assert_value (f->pg->admin, "SELECT version FROM schema_version", "13");
      thr_test_pg_assert_value (f->pg->admin, "SELECT indexdef FROM pg_indexes WHERE indexname = 'tasks_by_completed'",
                                "CREATE INDEX tasks_by_completed ON ONLY public.tasks USING btree "
                                "(contract_id, type, completed_day) WHERE (completed_day IS NOT NULL)");
    }
}

static gboolean
heard_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_CONTINUE;
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
loop_starved_cb (gpointer data)
{
  g_error ("%s within 10 s", (const char *) data);
  return G_SOURCE_REMOVE;
}

static double
process_cpu_seconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

/* Iterates until *FLAG is set; fails saying WHAT after 10 s. */
static void
wait_for_flag (gboolean   *flag,
               const char *what)
{
  guint give_up = g_timeout_add_seconds (10, loop_starved_cb, (gpointer) what);

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (give_up);
}

/* A one-row metric report imported on IMPORTER's connection. */
static void
import_a_report (Fixture  *f,
                 ThrStore *importer)
{
  g_autoptr(GError) error = NULL;
  g_auto(ThrImportResult) result = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("thr-team-edit-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "report.csv", NULL);
  g_assert_true (g_file_set_contents (path, "metric,period,value\nA.1.a,2018-04,90\n", -1, &error));
  g_assert_true (thr_import_file (importer, f->contract_id, f->contract, path, THR_IMPORT_KIND_AUTO, FALSE, NULL,
                                  NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);
}

/* One connection watches (as a window does), another imports: the first
 * hears it within a second, and its data version moves on. */
static void
test_hears_other_import (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(ThrStore) watcher = NULL;
  g_autoptr(ThrStore) importer = NULL;
  g_autoptr(GError) error = NULL;
  const char *slowdown = g_getenv ("THR_TEST_SLOWDOWN");
  gboolean heard = FALSE;
  gint64 version, started, took;
  guint watch;

  if (f->pg == NULL)
    return;
  watcher = open_as (f, NULL);
  importer = open_as (f, NULL);
  version = thr_store_get_data_version (watcher);
  g_assert_cmpint (version, >=, 0);
  watch = thr_store_add_watch (watcher, heard_cb, &heard, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (watch, >, 0);

  started = g_get_monotonic_time ();
  import_a_report (f, importer);
  wait_for_flag (&heard, "another connection's import was not heard");
  took = g_get_monotonic_time () - started;
  g_source_remove (watch);
  g_test_message ("heard the import %.0f ms after it began", took / 1000.0);
  g_assert_cmpint (took, <, G_USEC_PER_SEC * (slowdown != NULL ? MAX (1, atoi (slowdown)) : 1));
  g_assert_cmpint (thr_store_get_data_version (watcher), >, version);
}

/* The server ends the listening connection (a restart, an administrator):
 * its socket, readable at its end for good, must not keep the main loop
 * busy (a window would never draw again), and the watch listens again,
 * counting what it may have missed as a change, then hears commits. */
static void
test_hears_again_after_losing_listener (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(ThrStore) watcher = NULL;
  g_autoptr(ThrStore) importer = NULL;
  g_autoptr(GError) error = NULL;
  gboolean heard = FALSE, waited = FALSE;
  gint64 version;
  double cpu;
  guint watch;

  if (f->pg == NULL)
    return;
  watcher = open_as (f, NULL);
  importer = open_as (f, NULL);
  version = thr_store_get_data_version (watcher);
  watch = thr_store_add_watch (watcher, heard_cb, &heard, &error);
  g_assert_no_error (error);

  /* This test's database only: the suite's other tests listen beside it. */
  PQclear (thr_test_pg_exec_ok (f->pg->admin, "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                                              "WHERE query = 'LISTEN threshold_changed' "
                                              "AND datname = current_database ()"));
  thr_test_pg_expect_error (f->pg, "57P01");
  /* Before it listens again (2 s), the loop waits, not spins. */
  cpu = process_cpu_seconds ();
  g_timeout_add (1500, set_flag_cb, &waited);
  wait_for_flag (&waited, "the main loop did not reach its timeout");
  g_assert_cmpfloat (process_cpu_seconds () - cpu, <, 0.75);
  wait_for_flag (&heard, "the watch did not listen again");
  g_assert_cmpint (thr_store_get_data_version (watcher), >, version);

  heard = FALSE;
  import_a_report (f, importer);
  wait_for_flag (&heard, "another connection's import was not heard after listening again");
  g_source_remove (watch);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  thr_core_init ();

  g_test_add ("/team-edit/change-names-role-and-person", Fixture, NULL, fixture_set_up,
              test_change_names_role_and_person, fixture_tear_down);
  g_test_add ("/team-edit/hears-other-import", Fixture, NULL, fixture_set_up, test_hears_other_import,
              fixture_tear_down);
  g_test_add ("/team-edit/hears-again-after-losing-listener", Fixture, NULL, fixture_set_up,
              test_hears_again_after_losing_listener, fixture_tear_down);
  g_test_add ("/team-edit/schema-11-moves-on", Fixture, NULL, fixture_set_up, test_schema_11_moves_on,
              fixture_tear_down);
  return g_test_run ();
}
