/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c — threshold-cli as scripts use it: output, exit statuses, and
 * a store left as it was when an import is refused
 *
 * "As it was" is every row of every table (and, for a file, every byte),
 * read with the backend's own client (thr_test_store_fingerprint), so the
 * same contract is checked on a team store: as test-cli-postgresql
 * (THR_TEST_BACKEND=postgresql) every --db is a database of its own on the
 * test server.
 */
#include <math.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "thr-core.h"
#include "thr-test-cli.h"
#include "thr-test-util.h"
#include "thr-test-store.h"

typedef struct {
  char *dir;
  char *db;
} Fixture;

static int
run_cli (Fixture     *f,
         char       **out,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("THRESHOLD_CLI"));
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, f->db);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* Output not asked for must not reach our TAP stream. */
  g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                (out ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL) | (err ? 0 : G_SPAWN_STDERR_TO_DEV_NULL),
                NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;

  f->dir = g_dir_make_tmp ("thr-cli-XXXXXX", NULL);
  f->db = thr_test_cli_init_store (f->dir, "rfp-16-102", &out);
  g_assert_nonnull (strstr (out, "Created contract 1"));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  thr_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  thr_test_store_cleanup ();
}

/* What "nothing was written" compares: the store's rows, a file's bytes. */
static char *
read_store (Fixture *f)
{
  return thr_test_store_fingerprint (f->db);
}

static void
assert_refused (Fixture     *f,
                const char  *file,
                const char **expected)
{
  g_autofree char *path = data_path (file);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *before = read_store (f);
  g_autofree char *after = NULL;

  g_assert_cmpint (run_cli (f, &out, &err, "import", path, NULL), ==, 1);
  for (guint i = 0; expected[i]; i++)
    {
      g_autofree char *line = g_strdup_printf ("%s:%s", path, expected[i]);
      if (strstr (err, line) == NULL)
        g_error ("expected “%s” in:\n%s", line, err);
    }
  after = read_store (f);
  g_assert_cmpstr (before, ==, after);
  /* Nothing claims an import: not even a partial "Imported N rows". */
  g_assert_null (strstr (out, "Imported"));
}

static void
test_refuses_missing_column (Fixture *f, gconstpointer data)
{
  const char *expected[] = { "1:4: missing required column “completed” for a tasks file", NULL };
  assert_refused (f, "bad-missing-column.csv", expected);
}

static void
test_refuses_impossible_dates (Fixture *f, gconstpointer data)
{
  const char *expected[] = {
    "3:3: “2018-02-30 09:00:00” is not a valid date",
    "4:4: completed on 2018-02-27 10:00:00, before it was received",
    NULL
  };
  assert_refused (f, "bad-dates.csv", expected);
}

static void
test_refuses_bad_report (Fixture *f, gconstpointer data)
{
  const char *expected[] = {
    "3:1: unknown metric “Z.9.z” for contract rfp-16-102",
    "4:2: A.3.b is measured per quarter, but “2018-04” is a month",
    "5:4: the numerator 120 is larger than the denominator 100",
    "6:3: “abc” is not a number",
    NULL
  };
  assert_refused (f, "bad-report.csv", expected);
}

static JsonObject *
find_result (JsonArray  *results,
             const char *id)
{
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *r = json_array_get_object_element (results, i);
      if (g_str_equal (json_object_get_string_member (r, "metric"), id))
        return r;
    }
  g_assert_not_reached ();
}

/* calls-2018-04.csv, April: offered 7 (C6 is May's), answered C1 C2 C5 C8
 * with waits 30 + 90 + 60 + 61 = 241; C3 abandoned at 15 s is short (≤ 15),
 * C4 at 16 s is not.  ASA 241/4 = 60.25; service level 2/(4 + 1) = 40 %;
 * abandonment 1/(7 − 1) = 16.67 %. */
static void
test_evaluate_calls_json (Fixture *f, gconstpointer data)
{
  g_autofree char *path = data_path ("calls-2018-04.csv");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *asa, *sl, *ab;
  JsonArray *results;

  g_assert_cmpint (run_cli (f, &out, &err, "import", path, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, &out, &err, "evaluate", "--period", "2018-04", "--format", "json", NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "period"), ==, "2018-04");
  results = json_object_get_array_member (root, "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 51);

  asa = find_result (results, "A.5.a");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (asa, "value"), 60.25, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (asa, "status"), ==, "met");
  g_assert_cmpstr (json_object_get_string_member (asa, "op"), ==, "<=");
  g_assert_false (json_object_get_boolean_member (asa, "discrepancy"));   /* nothing reported */
  g_assert_cmpstr (json_object_get_string_member (asa, "unit"), ==, "seconds");
  sl = find_result (results, "A.5.b");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (sl, "value"), 40.0, 1e-9);
  g_assert_cmpfloat (json_object_get_double_member (sl, "numerator"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (sl, "denominator"), ==, 5);
  ab = find_result (results, "A.5.c");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (ab, "value"), 100.0 / 6.0, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (ab, "status"), ==, "missed");
  g_assert_cmpstr (json_object_get_string_member (find_result (results, "A.1.a"), "status"), ==, "no-data");
}

static void
test_duplicate_import_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *path = data_path ("calls-2018-04.csv");
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (f, NULL, NULL, "import", path, NULL), ==, 0);
  g_assert_cmpint (run_cli (f, NULL, &err, "import", path, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already imported as import 1"));
}

static void
test_dry_run_writes_nothing (Fixture *f, gconstpointer data)
{
  g_autofree char *path = data_path ("calls-2018-04.csv");
  g_autofree char *out = NULL;
  g_autofree char *before = read_store (f);
  g_autofree char *after = NULL;
  g_autofree char *imported = NULL;

  g_assert_cmpint (run_cli (f, &out, NULL, "import", path, "--dry-run", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Would import 8 calls row(s)"));
  after = read_store (f);
  g_assert_cmpstr (before, ==, after);
  /* …and a real import afterwards is not taken for a duplicate; the
   * comparison above sees it. */
  g_assert_cmpint (run_cli (f, NULL, NULL, "import", path, NULL), ==, 0);
  imported = read_store (f);
  g_assert_cmpstr (imported, !=, before);
}

static void
test_imports_and_undo (Fixture *f, gconstpointer data)
{
  g_autofree char *calls = data_path ("calls-2018-04.csv");
  g_autofree char *genesys = g_test_build_filename (G_TEST_DIST, "data", "import", "genesys-conversations.csv", NULL);
  g_autofree char *out = NULL, *list = NULL, *after = NULL, *err = NULL, *profiles = NULL;

  g_assert_cmpint (run_cli (f, NULL, NULL, "import", calls, NULL), ==, 0);
  g_assert_cmpint (run_cli (f, &out, NULL, "import", genesys, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Read as CSV, UTF-8, comma separated with profile genesys-conversations"));
  g_assert_nonnull (strstr (out, "Note: dropped column “Customer SSN”"));
  g_assert_cmpint (run_cli (f, &list, NULL, "imports", NULL), ==, 0);
  g_assert_nonnull (strstr (list, "1\t"));
  g_assert_nonnull (strstr (list, "\tcalls\t3 rows\tgenesys-conversations.csv\tgenesys-conversations\t"));
  g_assert_nonnull (strstr (list, "\tnote: dropped column “ANI”, as profile genesys-conversations says\n"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, &out, NULL, "undo", "2", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, &after, NULL, "imports", NULL), ==, 0);
  g_assert_null (strstr (after, "genesys"));
  g_assert_cmpint (run_cli (f, NULL, &err, "undo", "2", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no import 2"));
  g_assert_cmpint (run_cli (f, &profiles, NULL, "profiles", NULL), ==, 0);
  g_assert_nonnull (strstr (profiles, "cisco-call-detail\tcalls\tbuilt-in"));
}

/* The store says it holds several contracts (an error code); the CLI says
 * which option chooses one. */
static void
test_several_contracts (Fixture *f, gconstpointer data)
{
  g_autofree char *err = NULL;
  g_autofree char *expected = g_strconcat (f->db, " holds several contracts: choose one with --contract ID\n", NULL);

  g_assert_cmpint (run_cli (f, NULL, NULL, "init", "--template", "mo-im-kpi", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, NULL, &err, "imports", NULL), ==, 1);
  g_assert_cmpstr (err, ==, expected);
  g_assert_cmpint (run_cli (f, NULL, NULL, "--contract", "rfp-16-102", "imports", NULL), ==, 0);
}

/* The core says what is wrong with a header; the CLI says which of its
 * options makes the choice (the window words it for its dialog). */
static void
test_import_unknown_header (Fixture *f, gconstpointer data)
{
  g_autofree char *unknown = g_test_build_filename (G_TEST_DIST, "data", "import", "bad-unknown-header.csv", NULL);
  g_autofree char *where = g_strconcat (unknown, ":1:1: cannot tell what this file holds from its header; give "
                                        "--profile (see “threshold-cli profiles”) or --kind", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (f, NULL, &err, "import", unknown, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, where));
}

static void
test_business_days (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL, *err = NULL;

  g_assert_cmpint (run_cli (f, &out, NULL, "business-days", "--calendar", "indiana", "2018-11-05", "2018-11-07", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "1\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, &out, NULL, "business-days", "--calendar", "missouri", "2021-12-30", "2022-01-03", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "1\n");
  g_assert_cmpint (run_cli (f, NULL, &err, "business-days", "--calendar", "indiana", "2018-02-30", "2018-03-01", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "FROM is not a date"));
}

static JsonNode *
evaluate_json (Fixture    *f,
               const char *period,
               const char *today)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_cmpint (run_cli (f, &out, NULL, "evaluate", "--period", period, "--today", today,
                            "--format", "json", NULL), ==, 0);
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  return root;
}

/* A closure added with `calendar add-closure` moves every deadline after
 * it: business-days and the A.1.a deadline of a task received Monday
 * 2018-03-05 and done Thursday the 8th (due Wednesday the 7th; with
 * Tuesday the 6th closed, due Thursday). */
static void
test_calendar_closures (Fixture *f, gconstpointer data)
{
  g_autofree char *tasks = g_build_filename (f->dir, "tasks.csv", NULL);
  g_autofree char *out = NULL, *err = NULL, *list = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autofree char *store_before = NULL;
  g_autofree char *store_after = NULL;
  JsonObject *a, *closure;

  g_assert_true (g_file_set_contents (tasks,
                                      "task_id,type,received,completed\n"
                                      "T1,application,2018-03-05 09:00:00,2018-03-08 10:00:00\n"
                                      "T2,application,2018-03-05 09:00:00,2018-03-07 10:00:00\n", -1, NULL));
  g_assert_cmpint (run_cli (f, NULL, NULL, "import", tasks, NULL), ==, 0);
  before = evaluate_json (f, "2018-03", "2018-04-20");
  a = find_result (json_object_get_array_member (json_node_get_object (before), "results"), "A.1.a");
  g_assert_cmpfloat (json_object_get_double_member (a, "numerator"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (a, "status"), ==, "missed");
  g_assert_cmpint (run_cli (f, &out, NULL, "business-days", "--calendar", "indiana", "2018-03-05", "2018-03-08", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "3\n");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f, &out, NULL, "calendar", "add-closure", "--calendar", "indiana", "2018-03-06",
                            "Executive order: state offices closed", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Closed 2018-03-06 on the indiana calendar\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, &out, NULL, "business-days", "--calendar", "indiana", "2018-03-05", "2018-03-08", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "2\n");
  g_clear_pointer (&out, g_free);
  after = evaluate_json (f, "2018-03", "2018-04-20");
  a = find_result (json_object_get_array_member (json_node_get_object (after), "results"), "A.1.a");
  g_assert_cmpfloat (json_object_get_double_member (a, "numerator"), ==, 2);
  g_assert_cmpfloat (json_object_get_double_member (a, "denominator"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (a, "status"), ==, "met");
  /* Missouri's counts are untouched. */
  g_assert_cmpint (run_cli (f, &out, NULL, "business-days", "--calendar", "missouri", "2018-03-05", "2018-03-08", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "3\n");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f, &list, NULL, "calendar", "closures", "--format", "json", NULL), ==, 0);
  listed = json_from_string (list, NULL);
  g_assert_nonnull (listed);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (listed), "closures")), ==, 1);
  closure = json_array_get_object_element (json_object_get_array_member (json_node_get_object (listed), "closures"), 0);
  g_assert_cmpstr (json_object_get_string_member (closure, "calendar"), ==, "indiana");
  g_assert_cmpstr (json_object_get_string_member (closure, "date"), ==, "2018-03-06");
  g_assert_cmpstr (json_object_get_string_member (closure, "reason"), ==, "Executive order: state offices closed");

  /* Refused, and nothing written: a weekend, a holiday, a second time. */
  store_before = read_store (f);
  g_assert_cmpint (run_cli (f, NULL, &err, "calendar", "add-closure", "--calendar", "indiana", "2018-03-10", "x", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "2018-03-10 is a weekend day"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, NULL, &err, "calendar", "add-closure", "--calendar", "indiana", "2018-03-30", "x", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "already closed on the indiana calendar (Good Friday)"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, NULL, &err, "calendar", "add-closure", "--calendar", "indiana", "2018-03-06", "x", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, NULL, &err, "calendar", "add-closure", "--calendar", "indiana", "2018-03-07", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, NULL, &err, "calendar", "add-closure", "2018-03-07", "x", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--calendar is required"));
  g_clear_pointer (&err, g_free);
  store_after = read_store (f);
  g_assert_cmpstr (store_before, ==, store_after);

  /* Removed, the deadline is back where it was. */
  g_assert_cmpint (run_cli (f, &out, NULL, "calendar", "remove-closure", "--calendar", "indiana", "2018-03-06", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, NULL, &err, "calendar", "remove-closure", "--calendar", "indiana", "2018-03-06", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no closure of the indiana calendar on 2018-03-06"));
  g_assert_cmpint (run_cli (f, &out, NULL, "business-days", "--calendar", "indiana", "2018-03-05", "2018-03-08", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "3\n");
}

/* The staff KPI template through the CLI's JSON: a month whose quarter has
 * no Quarterly Statewide Average yet is judged against the latest published
 * one and says so; a weekly band shows the week outside it; a group's
 * figure is recomputed from the tasks that name its team. */
static void
test_kpi_json (Fixture *f, gconstpointer data)
{
  g_autofree char *kpi_db = thr_test_store_address (f->dir, "kpi.db");
  g_autofree char *qsa = g_build_filename (f->dir, "qsa.csv", NULL);
  g_autofree char *report = g_build_filename (f->dir, "kpi.csv", NULL);
  g_autofree char *tasks = g_build_filename (f->dir, "new-staff.csv", NULL);
  Fixture k = { f->dir, kpi_db };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *results;
  JsonObject *util = NULL, *fcr = NULL, *training = NULL, *accuracy = NULL, *completion = NULL, *readings0;
  JsonArray *range;

  g_assert_true (g_file_set_contents (qsa, "key,period,value,queue\n"
                                      "qsa:online_utilization,2024-Q3,70,\n"
                                      "qsa:first_contact_resolution,2024-Q3,60,\n"
                                      "qsa:completion_rate_low,2024-Q3,82,MAGI\n"
                                      "qsa:completion_rate_high,2024-Q3,95,MAGI\n", -1, NULL));
  g_assert_true (g_file_set_contents (report, "metric,period,value,numerator,denominator,subject,queue\n"
                                      "completion_rate,2024-10,79,,,group:North,MAGI\n"
                                      "online_utilization,2024-10,72,,,group:North,\n"
                                      "first_contact_resolution,2024-09-29,56,,,worker:Ann,\n"
                                      "first_contact_resolution,2024-10-06,72,,,worker:Ann,\n"
                                      "first_contact_resolution,2024-10-13,61,,,worker:Ann,\n"
                                      "first_contact_resolution,2024-10-20,58,,,worker:Ann,\n"
                                      "payment_accuracy,2024-10,94.99,,,,\n"
                                      "training_enrollment,2024-10,,2,2,group:North,\n", -1, NULL));
  g_assert_true (g_file_set_contents (tasks, "task_id,type,received,completed,worker,team\n"
                                      "N1,new_staff,2024-09-20,2024-10-01,Cy,North\n"
                                      "N2,new_staff,2024-10-01,2024-10-16,Di,North\n"
                                      "N3,new_staff,2024-10-05,2024-10-10,Ed,South\n", -1, NULL));
  g_assert_cmpint (run_cli (&k, NULL, NULL, "init", "--template", "mo-im-kpi", NULL), ==, 0);
  g_assert_cmpint (run_cli (&k, NULL, NULL, "import", qsa, "--kind", "references", NULL), ==, 0);
  g_assert_cmpint (run_cli (&k, NULL, NULL, "import", report, NULL), ==, 0);
  g_assert_cmpint (run_cli (&k, NULL, NULL, "import", tasks, NULL), ==, 0);
  root = evaluate_json (&k, "2024-10", "2024-11-20");
  results = json_object_get_array_member (json_node_get_object (root), "results");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *r = json_array_get_object_element (results, i);
      const char *id = json_object_get_string_member (r, "metric");

      if (g_str_equal (id, "online_utilization"))
        util = r;
      else if (g_str_equal (id, "first_contact_resolution"))
        fcr = r;
      else if (g_str_equal (id, "training_enrollment"))
        training = r;
      else if (g_str_equal (id, "payment_accuracy"))
        accuracy = r;
      else if (g_str_equal (id, "completion_rate"))
        completion = r;
    }
  /* The MAGI queue's range, 82–95: 79 is below it. */
  g_assert_nonnull (completion);
  g_assert_cmpstr (json_object_get_string_member (completion, "queue"), ==, "MAGI");
  g_assert_cmpstr (json_object_get_string_member (completion, "status"), ==, "missed");
  range = json_object_get_array_member (completion, "target");
  g_assert_cmpfloat (json_array_get_double_element (range, 0), ==, 82);
  g_assert_cmpfloat (json_array_get_double_element (range, 1), ==, 95);
  g_assert_cmpstr (json_object_get_string_member (completion, "op"), ==, "between");
  g_assert_nonnull (util);
  g_assert_cmpstr (json_object_get_string_member (util, "subject"), ==, "group:North");
  g_assert_cmpstr (json_object_get_string_member (util, "status"), ==, "met");
  g_assert_cmpfloat (json_object_get_double_member (util, "target"), ==, 70);
  g_assert_cmpstr (json_object_get_string_member (util, "reference_period"), ==, "2024-Q3");
  readings0 = json_array_get_object_element (json_object_get_array_member (util, "readings"), 0);
  g_assert_cmpstr (json_object_get_string_member (readings0, "key"), ==, "missing_reference_quarter");
  g_assert_cmpstr (json_object_get_string_member (readings0, "value"), ==, "latest_published");

  g_assert_nonnull (fcr);
  g_assert_cmpstr (json_object_get_string_member (fcr, "status"), ==, "missed");
  g_assert_cmpfloat (json_object_get_double_member (fcr, "value"), ==, 72);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (fcr, "weeks")), ==, 4);

  g_assert_nonnull (accuracy);
  g_assert_cmpstr (json_object_get_string_member (accuracy, "status"), ==, "missed");
  g_assert_cmpfloat (json_object_get_double_member (accuracy, "target"), ==, 95);

  g_assert_nonnull (training);
  g_assert_cmpstr (json_object_get_string_member (training, "subject"), ==, "group:North");
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (training, "computed"), "numerator"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (training, "computed"), "denominator"), ==, 2);
  g_assert_true (json_object_get_boolean_member (training, "discrepancy"));
}

static void
test_report (Fixture *f, gconstpointer data)
{
  g_autofree char *calls = data_path ("calls-2018-04.csv");
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *out = NULL, *err = NULL, *contents = NULL;

  g_assert_cmpint (run_cli (f, NULL, NULL, "import", calls, NULL), ==, 0);
  g_assert_cmpint (run_cli (f, &out, NULL, "report", "month", "2018-04", "-o", pdf, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Wrote the 2018-04 report"));
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  /* CAP drafts: an unknown id fails, a malformed one is a usage error
   * (test-report-store reads real drafts back). */
  g_assert_cmpint (run_cli (f, NULL, &err, "report", "cap", "999", "-o", pdf, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "There is no CAP 999"));
  g_assert_cmpint (run_cli (f, NULL, NULL, "report", "cap", "x", "-o", pdf, NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, NULL, "report", "month", "2018-13", "-o", pdf, NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, NULL, "report", "month", "2018-04", NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, NULL, "report", "week", "2018-04", "-o", pdf, NULL), ==, 2);
}

static void
test_export_metrics (Fixture *f, gconstpointer data)
{
  g_autofree char *calls = data_path ("calls-2018-04.csv");
  g_autofree char *xlsx = g_build_filename (f->dir, "metrics.xlsx", NULL);
  g_autofree char *out = NULL, *contents = NULL;

  g_assert_cmpint (run_cli (f, NULL, NULL, "import", calls, NULL), ==, 0);
  g_assert_cmpint (run_cli (f, &out, NULL, "export", "metrics", "2018-04", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "metric,subject,period,status,value,op,target,"));
  /* ASA 241/4 = 60.25 s against ≤ 150 s, from the calls alone. */
  g_assert_nonnull (strstr (out, "\r\nA.5.a,,2018-04,met,60.25,<=,150,seconds,241,4,computed,,60.25,,,,,false,A,"));
  g_assert_nonnull (strstr (out, "\r\nA.1.a,,2018-04,no-data,,>=,98,"));

  /* evaluate --format csv prints the same table through the same writer,
   * its first thirteen columns those it always had, with LF line ends. */
  {
    g_autofree char *evaluated = NULL;
    g_auto(GStrv) crlf_lines = g_strsplit (out, "\r\n", -1);
    g_autofree char *as_lf = g_strjoinv ("\n", crlf_lines);

    g_assert_cmpint (run_cli (f, &evaluated, NULL, "evaluate", "--period", "2018-04", "--format", "csv", NULL), ==, 0);
    g_assert_true (g_str_has_prefix (evaluated, "metric,subject,period,status,value,op,target,unit,numerator,"
                                                "denominator,source,reported,computed,lower,upper,tolerance,"
                                                "difference,to_date,section,title,queue\n"));
    g_assert_null (strchr (evaluated, '\r'));
    g_assert_cmpstr (evaluated, ==, as_lf);
  }
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f, &out, NULL, "export", "metrics", "2018-04", "-o", xlsx, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Wrote 51 metric results for 2018-04"));
  g_assert_true (g_file_get_contents (xlsx, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "PK"));

  g_assert_cmpint (run_cli (f, NULL, NULL, "export", "metrics", "2018-04", "--format", "pdf", NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, NULL, "export", "metrics", "2018-04", "--format", "xlsx", NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, NULL, "export", "ledger", "2018-04", NULL), ==, 2);
}

/* The grid, the ledger and a chart from the command line (test-report-store
 * checks their contents against the demo store). */
static void
test_export_grid_chart (Fixture *f, gconstpointer data)
{
  g_autofree char *calls = data_path ("calls-2018-04.csv");
  g_autofree char *svg = g_build_filename (f->dir, "chart.svg", NULL);
  g_autofree char *gif = g_build_filename (f->dir, "chart.gif", NULL);
  g_autofree char *out = NULL, *contents = NULL;

  g_assert_cmpint (run_cli (f, NULL, NULL, "import", calls, NULL), ==, 0);
  g_assert_cmpint (run_cli (f, &out, NULL, "export", "grid", "--from", "2018-03", "--to", "2018-04", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "metric,section,title,2018-03,2018-04\r\n"));
  g_assert_nonnull (strstr (out, "\r\nA.5.a,A,Average speed to answer,no-data,met\r\n"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, &out, NULL, "export", "ledger", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "month,component,invoice,rate,withheld,released,retained,held,"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli (f, &out, NULL, "export", "chart", "A.5.a", "--from", "2018-01", "--to", "2018-06",
                            "-o", svg, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Wrote the A.5.a chart"));
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));

  g_assert_cmpint (run_cli (f, NULL, NULL, "export", "grid", "--from", "2018-03", NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, NULL, "export", "grid", "--from", "2018-05", "--to", "2018-04", NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, NULL, "export", "chart", "A.5.a", "--from", "2018-01", "--to", "2018-06",
                            "-o", gif, NULL), ==, 2);
  g_assert_cmpint (run_cli (f, NULL, NULL, "export", "chart", "Z.9", "--from", "2018-01", "--to", "2018-06",
                            "-o", svg, NULL), ==, 1);
}

static void
test_usage_and_help (Fixture *f, gconstpointer data)
{
  const char *commands[] = { "templates", "init", "contracts", "import", "imports", "undo", "profiles", "evaluate",
                             "business-days", "calendar", "demo", "ledger", "caps", "deadlines", "report", "export" };
  g_autofree char *out = NULL, *err = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *help = NULL;
      g_assert_cmpint (run_cli (f, &help, NULL, commands[i], "--help", NULL), ==, 0);
      g_assert_nonnull (strstr (help, commands[i]));
    }
  g_assert_cmpint (run_cli (f, NULL, &err, "frobnicate", NULL), ==, 2);
  g_assert_cmpint (run_cli (f, &out, NULL, "templates", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "rfp-16-102\t51 metrics"));
  g_assert_nonnull (strstr (out, "mo-im-kpi"));
}

/* Section: ledger, caps and deadlines */

static void
import_consequence_data (Fixture *f)
{
  g_autofree char *invoices = g_build_filename (f->dir, "invoices.csv", NULL);
  g_autofree char *report = g_build_filename (f->dir, "report.csv", NULL);

  g_assert_true (g_file_set_contents (invoices,
                                      "month,component,amount\n"
                                      "2018-04,central,100000.00\n"
                                      "2018-04,training,20000.10\n"
                                      "2018-05,central,100000.00\n", -1, NULL));
  /* A.1.a missed in April, met in May: one open corrective window. */
  g_assert_true (g_file_set_contents (report,
                                      "metric,period,value\n"
                                      "A.1.a,2018-04,90\n"
                                      "A.1.a,2018-05,99\n", -1, NULL));
  g_assert_cmpint (run_cli (f, NULL, NULL, "import", invoices, NULL), ==, 0);
  g_assert_cmpint (run_cli (f, NULL, NULL, "import", report, NULL), ==, 0);
}

static JsonNode *
run_json (Fixture    *f,
          const char *first,
          ...)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[8] = { first };
  guint n = 1;
  va_list args;

  va_start (args, first);
  while (n < G_N_ELEMENTS (argv) - 1 && (argv[n] = va_arg (args, const char *)) != NULL)
    n++;
  va_end (args);
  g_assert_cmpint (run_cli (f, &out, NULL, argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], argv[6], NULL), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* withheld = released + held + retained in cents, for every row. */
static void
test_ledger_json (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *rows, *failures;
  JsonObject *training;

  import_consequence_data (f);
  root = run_json (f, "ledger", "--format", "json", "--today", "2018-07-20", NULL);
  rows = json_object_get_array_member (json_node_get_object (root), "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 6);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "months")), ==, 2);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      gint64 withheld = llround (json_object_get_double_member (row, "withheld") * 100);
      gint64 sum = llround (json_object_get_double_member (row, "released") * 100) +
                   llround (json_object_get_double_member (row, "held") * 100) +
                   llround (json_object_get_double_member (row, "retained") * 100);

      g_assert_cmpint (withheld, ==, sum);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (row, "explanation"), "¶1."));
    }
  /* 15 % of $20,000.10 = $3,000.015 → $3,000.02 (half away from zero). */
  training = json_array_get_object_element (rows, 2);
  g_assert_cmpstr (json_object_get_string_member (training, "component"), ==, "training");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (training, "withheld"), 3000.02, 1e-9);
  g_assert_cmpstr (json_object_get_string_member (training, "state"), ==, "held");
  failures = json_object_get_array_member (json_node_get_object (root), "failures");
  g_assert_cmpuint (json_array_get_length (failures), ==, 1);

  {
    g_autofree char *csv = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_cmpint (run_cli (f, &csv, NULL, "ledger", "--format", "csv", "--today", "2018-07-20", NULL), ==, 0);
    lines = g_strsplit (csv, "\n", -1);
    g_assert_cmpstr (lines[0], ==, "month,component,invoice,rate,withheld,released,retained,held,state,released_with,"
                                   "explanation,readings");
    g_assert_cmpuint (g_strv_length (lines), ==, 1 + 6 + 1);
    g_assert_true (g_str_has_prefix (lines[3], "2018-04,training,20000.10,15,3000.02,0.00,0.00,3000.02,held,,"));
    /* A Section A miss holds the training withholding only under the
     * reading release_scope = all_metrics: the row names it; the central
     * row, held by its own section's metric, names none. */
    g_assert_true (g_str_has_suffix (lines[3], ",release_scope=all_metrics"));
    g_assert_true (g_str_has_suffix (lines[1], ").\",")); /* the explanation, quoted, then no reading */
  }
  g_assert_cmpint (run_cli (f, NULL, NULL, "ledger", "--from", "2018-05", "--to", "2018-04", NULL), ==, 1);
  g_assert_cmpint (run_cli (f, NULL, NULL, "ledger", "--from", "May", NULL), ==, 2);

  /* Money is written as exact dollars with cents, not a binary double. */
  {
    g_autofree char *out = NULL;
    g_assert_cmpint (run_cli (f, &out, NULL, "ledger", "--format", "json", "--today", "2018-07-20", NULL), ==, 0);
    g_assert_nonnull (strstr (out, "\"invoice\" : 20000.10,"));
    g_assert_nonnull (strstr (out, "\"withheld\" : 3000.02,"));
    g_assert_nonnull (strstr (out, "\"released\" : 0.00,"));
  }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (failures, 0), "outcome"), ==, "open");
}

static void
test_caps_json (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = NULL;
  JsonArray *caps;
  JsonObject *cap;

  import_consequence_data (f);
  g_assert_cmpint (run_cli (f, NULL, NULL, "caps", "set", "1", "documented_on", "2018-06-05", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, NULL, NULL, "caps", "set", "1", "submitted_on", "2018-06-18", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, &out, NULL, "caps", "action", "1", "Retrain intake; add a reviewer",
                            "--owner", "Vendor QA", "--due", "2018-07-01", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Added action 1 to CAP 1"));
  g_assert_cmpint (run_cli (f, NULL, NULL, "caps", "set", "1", "colour", "red", NULL), ==, 1);
  g_assert_cmpint (run_cli (f, NULL, NULL, "caps", "done", "1", "2018-06-30", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, NULL, NULL, "caps", "done", "1", "June", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, &out, NULL, "caps", "audit", "1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "submitted_on"));
  g_assert_nonnull (strstr (out, "2018-06-18"));
  g_assert_nonnull (strstr (out, "action 1 done_on"));
  /* In words too, naming who made the change. */
  g_assert_nonnull (strstr (out, "The submission date set by "));
  g_assert_nonnull (strstr (out, thr_cap_get_author ()));

  root = run_json (f, "caps", "--format", "json", "--today", "2018-07-20", NULL);
  caps = json_object_get_array_member (json_node_get_object (root), "caps");
  g_assert_cmpuint (json_array_get_length (caps), ==, 1);
  cap = json_array_get_object_element (caps, 0);
  g_assert_cmpstr (json_object_get_string_member (cap, "metric"), ==, "A.1.a");
  g_assert_cmpstr (json_object_get_string_member (cap, "failure_month"), ==, "2018-04");
  g_assert_cmpstr (json_object_get_string_member (cap, "cap_due"), ==, "2018-06-20");
  g_assert_cmpstr (json_object_get_string_member (cap, "review_due"), ==, "2018-06-28");
  g_assert_cmpstr (json_object_get_string_member (cap, "outcome"), ==, "open");
  g_assert_cmpstr (json_object_get_string_member (cap, "window_last"), ==, "2018-08");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cap, "actions")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (cap, "actions"), 0),
                                                  "done_on"), ==, "2018-06-30");
}

/* Section: issue 12, the consequences through the CLI */

/* A value that meets a metric. */
static double
meeting_value (const ThrMetric *m)
{
  switch (m->op)
    {
    case THR_OP_GE: return m->target;
    case THR_OP_GT: return m->target + 1;
    case THR_OP_LE: return m->target;
    case THR_OP_LT: return m->target - 1;
    case THR_OP_BETWEEN: return (m->lower + m->upper) / 2;
    case THR_OP_WITHIN:
    default: return m->reference_value;
    }
}

static void
put_row (GString         *csv,
         const ThrMetric *m,
         const char      *period,
         const char      *override_metric,
         const char      *override_period,
         double           override_value)
{
  double value = g_strcmp0 (m->id, override_metric) == 0 && g_strcmp0 (period, override_period) == 0
                 ? override_value : meeting_value (m);
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (csv, "%s,%s,%s\n", m->id, period, g_ascii_dtostr (text, sizeof text, value));
}

/* A contractor's report in which every RFP 16-102 metric is met in each
 * month of [first, first + n), except one figure; quarterly and yearly
 * metrics in the last month of their period, the weekly one per week
 * (the month that holds its Saturday).  Also the month's invoices. */
static void
import_full_months (Fixture    *f,
                    const char *first,
                    guint       n,
                    const char *override_metric,
                    const char *override_period,
                    double      override_value)
{
  g_autoptr(ThrContract) contract = thr_contract_load_template ("rfp-16-102", NULL);
  g_autoptr(GString) csv = g_string_new ("metric,period,value\n");
  g_autoptr(GString) invoices = g_string_new ("month,component,amount\n");
  g_autofree char *report_path = g_build_filename (f->dir, "full-report.csv", NULL);
  g_autofree char *invoice_path = g_build_filename (f->dir, "full-invoices.csv", NULL);
  ThrPeriod month;

  g_assert_true (thr_period_parse_kind (first, THR_PERIOD_MONTH, &month, NULL));
  for (guint i = 0; i < n; i++, thr_period_next (&month, &month))
    {
      g_autofree char *label = thr_period_format (&month);

      g_string_append_printf (invoices, "%s,central,100000.00\n%s,local_office,50000.00\n%s,training,20000.00\n",
                              label, label, label);
      for (guint k = 0; k < thr_contract_get_n_metrics (contract); k++)
        {
          const ThrMetric *m = thr_contract_get_metric (contract, k);
          ThrPeriod p;

          if (m->period == THR_PERIOD_MONTH)
            put_row (csv, m, label, override_metric, override_period, override_value);
          else if (m->period == THR_PERIOD_WEEK)
            for (guint32 d = month.first; d <= month.last; d++)
              {
                g_autofree char *week = NULL;
                if (thr_day_weekday (d) != 6)   /* Saturday */
                  continue;
                week = thr_day_format (d - 6);
                put_row (csv, m, week, override_metric, override_period, override_value);
              }
          else
            {
              g_autofree char *period = NULL;
              thr_period_enclosing (m->period, &month, &p);
              if (!thr_period_is_last_month (&p, &month))
                continue;
              period = thr_period_format (&p);
              put_row (csv, m, period, override_metric, override_period, override_value);
            }
        }
    }
  g_assert_true (g_file_set_contents (report_path, csv->str, -1, NULL));
  g_assert_true (g_file_set_contents (invoice_path, invoices->str, -1, NULL));
  g_assert_cmpint (run_cli (f, NULL, NULL, "import", invoice_path, NULL), ==, 0);
  g_assert_cmpint (run_cli (f, NULL, NULL, "import", report_path, NULL), ==, 0);
}

static JsonObject *
ledger_row (JsonNode   *root,
            const char *month,
            const char *component)
{
  JsonArray *rows = json_object_get_array_member (json_node_get_object (root), "rows");

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_str_equal (json_object_get_string_member (row, "month"), month) &&
          g_str_equal (json_object_get_string_member (row, "component"), component))
        return row;
    }
  g_error ("no ledger row %s %s", month, component);
}

static void
assert_row (JsonNode   *root,
            const char *month,
            const char *component,
            const char *state,
            gint64      cents,
            const char *released_with)
{
  JsonObject *row = ledger_row (root, month, component);
  const char *with = json_object_get_null_member (row, "released_with") ? NULL
                     : json_object_get_string_member (row, "released_with");

  g_assert_cmpstr (json_object_get_string_member (row, "state"), ==, state);
  g_assert_cmpint (llround (json_object_get_double_member (row, state) * 100), ==, cents);
  g_assert_cmpstr (with, ==, released_with);
}

/* The value a row's readings give a key, or NULL. */
static const char *
reading_of (JsonObject *object,
            const char *key)
{
  JsonArray *readings = json_object_get_array_member (object, "readings");

  for (guint i = 0; i < json_array_get_length (readings); i++)
    {
      JsonObject *r = json_array_get_object_element (readings, i);
      if (g_str_equal (json_object_get_string_member (r, "key"), key))
        return json_object_get_string_member (r, "value");
    }
  return NULL;
}

/* Points 1 and 2: A.3.c (TANF, $30,000 a quarter) missed in 2018-Q1 with
 * $20,000, met in 2018-Q2.  The window April–July counts April and May
 * met through the Q2 judgment (reading period_status_in_window =
 * covers_months).  Without the CAP's implementation everything from
 * March stays held; implemented on 2018-04-25 (caps set), March–June are
 * released with July's invoice — nothing retained. */
static void
test_quarterly_cure_json (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) caps = NULL;
  g_autofree char *audit = NULL;
  JsonObject *failure, *cap;

  import_full_months (f, "2018-01", 8, "A.3.c", "2018-Q1", 20000);
  before = run_json (f, "ledger", "--format", "json", "--today", "2018-09-20", NULL);
  assert_row (before, "2018-02", "central", "released", 1500000, "2018-03");
  assert_row (before, "2018-03", "central", "held", 1500000, NULL);
  assert_row (before, "2018-06", "training", "held", 300000, NULL);
  g_assert_nonnull (strstr (json_object_get_string_member (ledger_row (before, "2018-04", "central"), "explanation"),
                            "awaiting the CAP's implementation"));
  failure = json_array_get_object_element (json_object_get_array_member (json_node_get_object (before), "failures"), 0);
  g_assert_cmpstr (json_object_get_string_member (failure, "metric"), ==, "A.3.c");
  g_assert_cmpstr (json_object_get_string_member (failure, "outcome"), ==, "resolved");
  g_assert_cmpstr (json_object_get_string_member (failure, "resolved_in"), ==, "2018-05");
  g_assert_true (json_object_get_boolean_member (failure, "awaiting_implementation"));
  g_assert_cmpstr (reading_of (failure, "period_status_in_window"), ==, "covers_months");
  g_assert_cmpstr (reading_of (ledger_row (before, "2018-03", "local_office"), "period_status_in_window"), ==,
                   "covers_months");
  g_assert_cmpstr (reading_of (ledger_row (before, "2018-03", "local_office"), "release_scope"), ==, "all_metrics");

  /* Listing opens the CAP; the State records its implementation. */
  caps = run_json (f, "caps", "--format", "json", "--today", "2018-09-20", NULL);
  cap = json_array_get_object_element (json_object_get_array_member (json_node_get_object (caps), "caps"), 0);
  g_assert_cmpint (json_object_get_int_member (cap, "id"), ==, 1);
  g_assert_true (json_object_get_null_member (cap, "implemented_on"));
  g_assert_cmpstr (reading_of (cap, "period_status_in_window"), ==, "covers_months");
  g_assert_cmpint (run_cli (f, NULL, NULL, "caps", "set", "1", "implemented_on", "2018-04-25", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, NULL, NULL, "caps", "set", "1", "implemented_on", "April", NULL), ==, 1);
  g_assert_cmpint (run_cli (f, &audit, NULL, "caps", "audit", "1", NULL), ==, 0);
  g_assert_nonnull (strstr (audit, "implemented_on"));
  g_assert_nonnull (strstr (audit, "2018-04-25"));

  after = run_json (f, "ledger", "--format", "json", "--today", "2018-09-20", NULL);
  for (guint m = 3; m <= 6; m++)
    {
      g_autofree char *label = g_strdup_printf ("2018-%02u", m);
      assert_row (after, label, "central", "released", 1500000, "2018-07");
      assert_row (after, label, "local_office", "released", 750000, "2018-07");
      assert_row (after, label, "training", "released", 300000, "2018-07");
    }
  assert_row (after, "2018-07", "central", "released", 1500000, "2018-08");
  g_assert_nonnull (strstr (json_object_get_string_member (ledger_row (after, "2018-03", "central"), "explanation"),
                            "CAP implemented on 2018-04-25"));
}

/* Point 3: on 2018-08-10 August's monthly metrics are not judged (the
 * month is not over): August releases nothing, "awaiting verification",
 * although its report says every metric is met. */
static void
test_awaiting_verification_json (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;

  import_full_months (f, "2018-07", 2, NULL, NULL, 0);
  root = run_json (f, "ledger", "--format", "json", "--today", "2018-08-10", NULL);
  assert_row (root, "2018-07", "central", "released", 1500000, "2018-08");
  assert_row (root, "2018-08", "central", "held", 1500000, NULL);
  assert_row (root, "2018-08", "training", "held", 300000, NULL);
  g_assert_nonnull (strstr (json_object_get_string_member (ledger_row (root, "2018-08", "central"), "explanation"),
                            "awaiting verification"));
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "ledger", "--format", "json", "--today", "2018-09-02", NULL);
  assert_row (root, "2018-08", "central", "released", 1500000, "2018-09");
}

/* Point 5 through the CLI: four FY2019 quarters each $2,000,000 over
 * the A.3.b baseline pay $200,000.00 each; the FY2019 true-up is $0.00,
 * decided by the reading bonus_cap = cap_on_excess. */
static void
test_snap_true_up_json (Fixture *f, gconstpointer data)
{
  g_autofree char *invoices = g_build_filename (f->dir, "invoices.csv", NULL);
  g_autofree char *report = g_build_filename (f->dir, "report.csv", NULL);
  g_autoptr(GString) text = g_string_new ("month,component,amount\n");
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = NULL;
  JsonArray *lines;
  JsonObject *true_up;

  for (guint m = 0; m < 12; m++)
    g_string_append_printf (text, "%04u-%02u,central,100000.00\n", 2018 + (m + 6) / 12, (m + 6) % 12 + 1);
  g_assert_true (g_file_set_contents (invoices, text->str, -1, NULL));
  g_assert_true (g_file_set_contents (report,
                                      "metric,period,value\n"
                                      "A.3.b,2018-Q3,2120000\n"
                                      "A.3.b,2018-Q4,2120000\n"
                                      "A.3.b,2019-Q1,2120000\n"
                                      "A.3.b,2019-Q2,2120000\n", -1, NULL));
  g_assert_cmpint (run_cli (f, NULL, NULL, "import", invoices, NULL), ==, 0);
  g_assert_cmpint (run_cli (f, NULL, NULL, "import", report, NULL), ==, 0);
  root = run_json (f, "ledger", "--format", "json", "--today", "2019-08-01", NULL);
  lines = json_object_get_array_member (json_node_get_object (root), "lines");
  g_assert_cmpuint (json_array_get_length (lines), ==, 5);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (llround (json_object_get_double_member (json_array_get_object_element (lines, i), "amount") * 100),
                     ==, 20000000);
  true_up = json_array_get_object_element (lines, 4);
  g_assert_cmpstr (json_object_get_string_member (true_up, "kind"), ==, "true_up");
  g_assert_cmpstr (json_object_get_string_member (true_up, "period"), ==, "FY2019");
  g_assert_cmpint (llround (json_object_get_double_member (true_up, "amount") * 100), ==, 0);
  g_assert_cmpstr (reading_of (true_up, "bonus_cap"), ==, "cap_on_excess");
  g_assert_cmpint (run_cli (f, &out, NULL, "ledger", "--format", "json", "--today", "2019-08-01", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"amount\" : 0.00,"));

  /* The CSV keeps its promise of one row per month and component (scripts
   * sum its money columns): the bonus and true-up lines are the JSON's. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, &out, NULL, "ledger", "--format", "csv", "--today", "2019-08-01", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "month,component,invoice,rate,withheld,released,retained,held,state,"
                                        "released_with,explanation,readings\n"));
  {
    g_auto(GStrv) csv_lines = g_strsplit (out, "\n", -1);

    for (guint i = 1; csv_lines[i] != NULL && *csv_lines[i] != '\0'; i++)
      g_assert_true (strstr (csv_lines[i], ",central,") != NULL || strstr (csv_lines[i], ",local_office,") != NULL
                     || strstr (csv_lines[i], ",training,") != NULL);
  }
}

/* Point 6: evaluate's JSON carries, for a status a reading decided, the
 * reading's key and value, and its explanation the contract's note. */
static void
test_evaluate_readings_json (Fixture *f, gconstpointer data)
{
  g_autofree char *path = data_path ("calls-2018-04.csv");
  g_autoptr(JsonNode) root = NULL;
  JsonArray *results;
  JsonObject *sl;

  g_assert_cmpint (run_cli (f, NULL, NULL, "import", path, NULL), ==, 0);
  root = run_json (f, "evaluate", "--period", "2018-04", "--format", "json", NULL);
  results = json_object_get_array_member (json_node_get_object (root), "results");
  sl = find_result (results, "A.5.b");
  g_assert_cmpstr (reading_of (sl, "flowout_calls"), ==, "per_formula");
  g_assert_cmpstr (reading_of (sl, "short_abandon_seconds"), ==, "15");
  g_assert_nonnull (strstr (json_object_get_string_member (sl, "explanation"),
                            "Reading flowout_calls = per_formula: A.5.b:"));
  g_assert_null (reading_of (find_result (results, "A.1.a"), "record_period"));   /* nothing computed */
}

/* Point 4: C.6's first period is 2018.  December 2017 evaluates 50
 * metrics, not C.6 (its 2017 row in the report is ignored); the ledger
 * releases December 2017 without it and pays no 2017 bonus; the grid
 * export leaves its cell empty. */
static void
test_first_period_json (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) ledger = NULL;
  g_autofree char *grid = g_build_filename (f->dir, "grid.csv", NULL);
  g_autofree char *csv = NULL;
  JsonArray *results;

  import_full_months (f, "2017-12", 13, NULL, NULL, 0);
  root = run_json (f, "evaluate", "--period", "2017-12", "--format", "json", "--today", "2019-02-01", NULL);
  results = json_object_get_array_member (json_node_get_object (root), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 50);
  for (guint i = 0; i < json_array_get_length (results); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, i), "metric"), !=, "C.6");
  g_clear_pointer (&root, json_node_unref);
  root = run_json (f, "evaluate", "--period", "2018-12", "--format", "json", "--today", "2019-02-01", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "results")), ==, 51);

  ledger = run_json (f, "ledger", "--format", "json", "--today", "2019-02-01", NULL);
  assert_row (ledger, "2017-12", "training", "released", 300000, "2018-01");
  results = json_object_get_array_member (json_node_get_object (ledger), "lines");
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *line = json_array_get_object_element (results, i);

      if (g_str_equal (json_object_get_string_member (line, "metric"), "C.6"))
        g_assert_cmpstr (json_object_get_string_member (line, "period"), ==, "2018");
      else   /* A.3.b at its baseline: the FY2018 true-up of nothing */
        g_assert_cmpstr (json_object_get_string_member (line, "period"), ==, "FY2018");
    }
  g_assert_cmpuint (json_array_get_length (results), ==, 2);

  g_assert_cmpint (run_cli (f, NULL, NULL, "export", "grid", "--from", "2017-12", "--to", "2018-01", "--format", "csv",
                            "-o", grid, NULL), ==, 0);
  g_assert_true (g_file_get_contents (grid, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, "\nC.6,C,New-hire training completion,,pending"));
}

/* Point 7 through the CLI: the report (import 2) opened A.1.a's CAP for
 * April.  Edited (caps set), then the report undone: the CAP is kept,
 * `caps --format json` shows it "undone" with failure_undone_at; not
 * edited, it is removed with the import. */
static void
test_undo_caps_json (Fixture *f, gconstpointer data)
{
  for (guint edited = 0; edited < 2; edited++)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *out = NULL;
      JsonArray *caps;

      if (edited)
        {
          fixture_tear_down (f, NULL);
          fixture_set_up (f, NULL);
        }
      import_consequence_data (f);
      root = run_json (f, "caps", "--format", "json", "--today", "2018-07-20", NULL);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "caps")),
                        ==, 1);
      g_clear_pointer (&root, json_node_unref);
      if (edited)
        g_assert_cmpint (run_cli (f, NULL, NULL, "caps", "set", "1", "root_cause", "Intake short-staffed", NULL), ==, 0);
      g_assert_cmpint (run_cli (f, &out, NULL, "undo", "2", NULL), ==, 0);
      g_assert_nonnull (strstr (out, edited ? "Kept 1 edited CAP(s), marked “its failure was undone”"
                                            : "Removed 1 CAP(s) of failures only that import brought"));
      root = run_json (f, "caps", "--format", "json", "--today", "2018-07-20", NULL);
      caps = json_object_get_array_member (json_node_get_object (root), "caps");
      g_assert_cmpuint (json_array_get_length (caps), ==, edited ? 1 : 0);
      if (edited)
        {
          JsonObject *cap = json_array_get_object_element (caps, 0);

          g_assert_cmpstr (json_object_get_string_member (cap, "outcome"), ==, "undone");
          g_assert_false (json_object_get_null_member (cap, "failure_undone_at"));
          g_assert_true (json_object_get_boolean_member (cap, "edited"));
        }
    }
}

/* undo judges which failures the import brought as of the program's
 * today, like every other command: as of 2018-04-20 April is not over, so
 * its A.1.a figure is no failure yet and the CAP opened as of 2018-07-20 is
 * not the undone import's to remove; as of 2018-07-20 it is, and goes. */
static void
test_undo_today (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  import_consequence_data (f);
  root = run_json (f, "caps", "--format", "json", "--today", "2018-07-20", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "caps")), ==, 1);
  g_clear_pointer (&root, json_node_unref);

  g_assert_cmpint (run_cli (f, NULL, &err, "undo", "2", "--today", "April", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--today is not a date (YYYY-MM-DD)"));
  g_assert_cmpint (run_cli (f, &out, NULL, "undo", "2", "--today", "2018-04-20", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Removed import 2 and its 2 row(s)"));
  g_assert_null (strstr (out, "CAP"));
  root = run_json (f, "caps", "--format", "json", "--today", "2018-04-20", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "caps")), ==, 1);
  g_clear_pointer (&root, json_node_unref);

  fixture_tear_down (f, NULL);
  fixture_set_up (f, NULL);
  import_consequence_data (f);
  root = run_json (f, "caps", "--format", "json", "--today", "2018-07-20", NULL);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, &out, NULL, "undo", "2", "--today", "2018-07-20", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Removed 1 CAP(s) of failures only that import brought"));
}

static JsonObject *
find_member_with (JsonArray  *array,
                  const char *member,
                  const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, member), value) == 0)
        return o;
    }
  return NULL;
}

/* A CAP's documentation day and its implementation, through the CLI.
 * April's A.1.a results imported today (years after its window,
 * May–August 2018) are history: the CAP is documented on April's
 * verification day, 2018-05-31, and names the reading that said so; as
 * of 2018-07-20 the same import is the month's report, taken that day,
 * and no reading decides it.  Met in May and June, the window waits for
 * the CAP's implementation: a deadline due 2018-08-31, in the JSON and
 * the .ics, done once implemented_on is recorded. */
static void
test_caps_history_and_implementation (Fixture *f, gconstpointer data)
{
  g_autofree char *june = NULL;
  g_autofree char *june_invoice = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *ics = NULL;
  JsonObject *cap, *item, *reading;
  JsonArray *readings;

  import_consequence_data (f);
  root = run_json (f, "caps", "--format", "json", NULL);
  cap = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "caps"), 0);
  g_assert_cmpstr (json_object_get_string_member (cap, "documented_on"), ==, "2018-05-31");
  g_assert_cmpstr (json_object_get_string_member (cap, "cap_due"), ==, "2018-06-15");
  readings = json_object_get_array_member (cap, "readings");
  reading = find_member_with (readings, "key", "late_results_documented_on");
  g_assert_nonnull (reading);
  g_assert_cmpstr (json_object_get_string_member (reading, "value"), ==, "verification_day");
  g_clear_pointer (&root, json_node_unref);

  fixture_tear_down (f, NULL);
  fixture_set_up (f, NULL);
  import_consequence_data (f);
  root = run_json (f, "caps", "--format", "json", "--today", "2018-07-20", NULL);
  cap = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "caps"), 0);
  g_assert_cmpstr (json_object_get_string_member (cap, "documented_on"), ==, "2018-07-20");
  g_assert_null (find_member_with (json_object_get_array_member (cap, "readings"), "key",
                                   "late_results_documented_on"));
  g_clear_pointer (&root, json_node_unref);

  /* f->dir is the second store's folder now. */
  june = g_build_filename (f->dir, "june.csv", NULL);
  june_invoice = g_build_filename (f->dir, "june-invoices.csv", NULL);
  g_assert_true (g_file_set_contents (june, "metric,period,value\nA.1.a,2018-06,99.5\n", -1, NULL));
  g_assert_cmpint (run_cli (f, NULL, NULL, "import", june, NULL), ==, 0);
  g_assert_true (g_file_set_contents (june_invoice, "month,component,amount\n2018-06,central,100000.00\n", -1, NULL));
  g_assert_cmpint (run_cli (f, NULL, NULL, "import", june_invoice, NULL), ==, 0);
  root = run_json (f, "deadlines", "--format", "json", "--today", "2018-07-20", NULL);
  item = find_member_with (json_object_get_array_member (json_node_get_object (root), "deadlines"), "kind",
                           "implementation");
  g_assert_nonnull (item);
  g_assert_cmpstr (json_object_get_string_member (item, "date"), ==, "2018-08-31");
  g_assert_cmpstr (json_object_get_string_member (item, "state"), ==, "upcoming");
  g_assert_nonnull (strstr (json_object_get_string_member (item, "title"), "awaiting the CAP's implementation"));
  g_assert_cmpint (run_cli (f, &ics, NULL, "deadlines", "--format", "ics", "--today", "2018-07-20", NULL), ==, 0);
  /* Categories are words, as calendar programs show them. */
  g_assert_nonnull (strstr (ics, "CATEGORIES:Corrective action plan implemented"));
  g_clear_pointer (&root, json_node_unref);

  g_assert_cmpint (run_cli (f, NULL, NULL, "caps", "set", "1", "implemented_on", "2018-07-02", NULL), ==, 0);
  root = run_json (f, "deadlines", "--format", "json", "--today", "2018-07-20", NULL);
  item = find_member_with (json_object_get_array_member (json_node_get_object (root), "deadlines"), "kind",
                           "implementation");
  g_assert_cmpstr (json_object_get_string_member (item, "state"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (item, "title"), ==,
                   "CAP for A.1.a (missed 2018-04) implemented on 2018-07-02");
}

/* Unfolds RFC 5545 content lines, checking the octet limit and CRLF. */
static GPtrArray *
unfold_ics (const char *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) raw = NULL;
  gsize n;

  g_assert_true (g_str_has_suffix (text, "\r\n"));
  raw = g_strsplit (text, "\r\n", -1);
  n = g_strv_length (raw);
  g_assert_cmpstr (raw[n - 1], ==, "");   /* everything ended with CRLF */
  for (gsize i = 0; i + 1 < n; i++)
    {
      g_assert_cmpuint (strlen (raw[i]), <=, 75);
      g_assert_null (strchr (raw[i], '\n'));
      g_assert_true (g_utf8_validate (raw[i], -1, NULL));   /* no fold inside a character */
      if (raw[i][0] == ' ')
        {
          char *joined;

          g_assert_cmpuint (lines->len, >, 0);
          joined = g_strconcat (g_ptr_array_index (lines, lines->len - 1), raw[i] + 1, NULL);
          g_free (g_ptr_array_index (lines, lines->len - 1));
          lines->pdata[lines->len - 1] = joined;
        }
      else
        g_ptr_array_add (lines, g_strdup (raw[i]));
    }
  return lines;
}

static char *
unescape_ics (const char *value)
{
  GString *s = g_string_new (NULL);

  for (const char *p = value; *p; p++)
    {
      if (*p != '\\')
        {
          g_assert_true (*p != ';' && *p != ',');   /* must have been escaped */
          g_string_append_c (s, *p);
          continue;
        }
      p++;
      g_assert_true (*p == '\\' || *p == ';' || *p == ',' || *p == 'n' || *p == 'N');
      g_string_append_c (s, *p == 'n' || *p == 'N' ? '\n' : *p);
    }
  return g_string_free (s, FALSE);
}

/* The calendar parsed back agrees with the JSON list item for item. */
static void
test_deadlines_ics (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GHashTable) uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *out = NULL;
  JsonArray *items;
  guint event = 0, depth = 0;
  gboolean has_uid = FALSE, has_stamp = FALSE, has_start = FALSE;

  import_consequence_data (f);
  g_assert_cmpint (run_cli (f, NULL, NULL, "caps", "action", "1", "Retrain intake; add a reviewer, then audit",
                            "--due", "2018-07-01", NULL), ==, 0);
  root = run_json (f, "deadlines", "--format", "json", "--today", "2018-06-20", NULL);
  items = json_object_get_array_member (json_node_get_object (root), "deadlines");
  g_assert_cmpuint (json_array_get_length (items), >, 5);
  g_assert_cmpint (run_cli (f, &out, NULL, "deadlines", "--format", "ics", "--today", "2018-06-20", NULL), ==, 0);

  lines = unfold_ics (out);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "BEGIN:VCALENDAR");
  g_assert_cmpstr (g_ptr_array_index (lines, lines->len - 1), ==, "END:VCALENDAR");
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *colon = strchr (line, ':');

      g_assert_nonnull (colon);
      if (g_str_equal (line, "BEGIN:VEVENT"))
        {
          depth++;
          has_uid = has_stamp = has_start = FALSE;
        }
      else if (g_str_equal (line, "END:VEVENT"))
        {
          g_assert_true (has_uid && has_stamp && has_start);
          depth--;
          event++;
        }
      else if (g_str_has_prefix (line, "UID:"))
        {
          has_uid = TRUE;
          g_assert_true (g_hash_table_add (uids, g_strdup (colon + 1)));   /* unique */
        }
      else if (g_str_has_prefix (line, "DTSTAMP:"))
        has_stamp = g_regex_match_simple ("^DTSTAMP:\\d{8}T\\d{6}Z$", line, 0, 0);
      else if (g_str_has_prefix (line, "DTSTART;VALUE=DATE:"))
        {
          JsonObject *item = json_array_get_object_element (items, event);
          g_autofree char *date = g_strdup (json_object_get_string_member (item, "date"));

          /* "2018-05-15" → "20180515" */
          memmove (date + 4, date + 5, 3);
          memmove (date + 6, date + 8, 3);
          g_assert_cmpstr (colon + 1, ==, date);
          has_start = TRUE;
        }
      else if (g_str_has_prefix (line, "SUMMARY:"))
        {
          g_autofree char *summary = unescape_ics (colon + 1);
          JsonObject *item = json_array_get_object_element (items, event);
          g_autofree char *titled = g_strdup_printf ("RFP 16-102 Eligibility Services, Staffing, and Training: %s",
                                                     json_object_get_string_member (item, "title"));
          /* The title names the contract, so merged calendars tell contracts apart. */
          g_assert_cmpstr (summary, ==, titled);
        }
      else if (g_str_has_prefix (line, "DESCRIPTION:"))
        g_free (unescape_ics (colon + 1));
    }
  g_assert_cmpuint (depth, ==, 0);
  g_assert_cmpuint (event, ==, json_array_get_length (items));
  {
    gboolean found = FALSE;

    for (guint i = 0; i < lines->len; i++)
      found |= strstr (g_ptr_array_index (lines, i), "Retrain intake\\; add a reviewer\\, then audit") != NULL;
    g_assert_true (found);
  }
}

/* A subject named like a formula is written so that a spreadsheet shows
 * it as text instead of running it. */
static void
test_csv_formula_guard (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "kpi.csv", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "metric,period,value,subject\n"
                                      "online_utilization,2024-07,72,\"=HYPERLINK(\"\"http://x\"\")\"\n"
                                      "online_utilization,2024-07,70,-Ann\n", -1, NULL));
  g_assert_cmpint (run_cli (f, NULL, NULL, "init", "--template", "mo-im-kpi", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, NULL, &err, "--contract", "mo-im-kpi", "import", path, NULL), ==, 0);
  g_assert_cmpint (run_cli (f, &out, NULL, "--contract", "mo-im-kpi", "evaluate", "--period", "2024-07",
                            "--format", "csv", NULL), ==, 0);
  g_assert_nonnull (strstr (out, ",\"'=HYPERLINK(\"\"http://x\"\")\","));
  g_assert_nonnull (strstr (out, ",\"'-Ann\","));
  g_assert_null (strstr (out, ",=HYPERLINK"));
}

/* Text from files and the store (a file name, a subject, a contract's
 * name, a value an error quotes) reaches the terminal without its escape
 * sequences; JSON keeps the text, escaped its own way. */
static void
assert_no_escape (const char *text)
{
  if (strchr (text, '\x1b') != NULL)
    g_error ("an ESC byte reached the terminal:\n%s", text);
}

static void
test_text_output_sanitized (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "\x1b[31mkpi.csv", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad\x1b]0;title\x07.csv", NULL);
  const char *argv_sets[][6] = {
    { "--contract", "mo-im-kpi", "evaluate", "--period", "2024-07", NULL },
    { "--contract", "mo-im-kpi", "imports", NULL },
    { "contracts", NULL },
  };
  g_autofree char *out = NULL, *err = NULL;

  g_assert_true (g_file_set_contents (path,
                                      "metric,period,value,subject\n"
                                      "online_utilization,2024-07,72,\"\x1b[31mAnn\x1b[0m\"\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad, "metric,period,value\n\x1b[2Jx,2024-07,\x1b[31m\n", -1, NULL));
  g_assert_cmpint (run_cli (f, &out, &err, "init", "--template", "mo-im-kpi", "--name", "\x1b[31mRed\xc2\x9b", NULL), ==, 0);
  assert_no_escape (out);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, &out, &err, "--contract", "mo-im-kpi", "import", path, NULL), ==, 0);
  assert_no_escape (out);
  g_assert_nonnull (strstr (out, "\xef\xbf\xbd[31mkpi.csv"));   /* U+FFFD in its place */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, &out, &err, "--contract", "mo-im-kpi", "import", bad, NULL), ==, 1);
  assert_no_escape (err);
  g_assert_null (strchr (err, '\x07'));
  g_assert_nonnull (strstr (err, ".csv:2:"));
  for (guint i = 0; i < G_N_ELEMENTS (argv_sets); i++)
    {
      const char **a = argv_sets[i];

      g_clear_pointer (&out, g_free);
      g_assert_cmpint (run_cli (f, &out, NULL, a[0], a[1], a[2], a[3], a[4], a[5]), ==, 0);
      assert_no_escape (out);
      g_assert_null (strstr (out, "\xc2\x9b"));    /* C1 CSI */
    }
  g_assert_nonnull (strstr (out, "\xef\xbf\xbd[31mRed\xef\xbf\xbd"));   /* contracts */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli (f, &out, NULL, "--contract", "mo-im-kpi", "evaluate", "--period", "2024-07",
                            "--format", "json", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\\u001b[31mAnn"));
}

/* A PostgreSQL address is a team store, never taken for a file name
 * (which made a new store in a folder called "postgresql:"); a server
 * that is not there is said to be so, and a password in the address is
 * never shown. */
static void
test_team_store_address (Fixture *f, gconstpointer data)
{
  /* Unix sockets in a folder where no server listens: refused at once,
   * whatever runs on this machine's port 5432. */
  g_autofree char *plain = g_strdup_printf ("postgresql:///threshold?host=%s", f->dir);
  g_autofree char *with_password = g_strdup_printf ("postgres://agency:s3cret@/contracts?host=%s", f->dir);
  g_autofree char *shown = g_strdup_printf ("postgres://agency@/contracts?host=%s", f->dir);
  const char *addresses[] = { plain, with_password, NULL };
  const char *expected[] = { plain, shown, NULL };
  g_autofree char *cwd = g_get_current_dir ();

  g_assert_cmpint (g_chdir (f->dir), ==, 0);
  for (guint i = 0; addresses[i] != NULL; i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *folder = g_strndup (addresses[i], strchr (addresses[i], ':') - addresses[i] + 1);

      g_free (f->db);
      f->db = g_strdup (addresses[i]);
      g_assert_cmpint (run_cli (f, NULL, &err, "contracts", NULL), !=, 0);
      g_assert_nonnull (strstr (err, expected[i]));
      g_assert_nonnull (strstr (err, "cannot connect to the PostgreSQL server"));
      g_assert_null (strstr (err, "s3cret"));
      g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
    }
  g_assert_cmpint (g_chdir (cwd), ==, 0);
}

/* A team store's server that refuses the figures an evaluation keeps (as
 * it refused 22,4 from the window in Spanish): every command that
 * evaluates months, itself or through the ledger and the CAPs, prints what
 * it worked out as it would have, says the refusal on stderr with the
 * store's address, and exits with 3; once the server takes the figures,
 * the same output and 0. */
static void
test_refused_keep_said (Fixture *f, gconstpointer data)
{
  g_autofree char *calls = data_path ("calls-2018-04.csv");
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  const char *commands[][9] = {
    { "evaluate", "--period", "2018-04", "--format", "json", NULL },
    { "ledger", "--today", "2018-05-20", "--format", "json", NULL },
    { "caps", "--today", "2018-05-20", "--format", "json", NULL },
    { "report", "month", "2018-04", "-o", pdf, NULL },
    { "export", "metrics", "2018-04", NULL },
  };
  g_autoptr(GPtrArray) refused = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (run_cli (f, NULL, NULL, "import", calls, NULL), ==, 0);
  thr_test_store_exec (f->db, "ALTER TABLE kept_figures ADD CONSTRAINT thr_test_refuses CHECK (n_pending < 0) "
                              "NOT VALID");
  thr_test_store_expect_server_error (f->db, "23514");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char **c = commands[i];
      char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (f, &out, &err, c[0], c[1], c[2], c[3], c[4], c[5], c[6], NULL), ==, 3);
      if (strstr (err, f->db) == NULL || strstr (err, "could not be kept") == NULL ||
          strstr (err, "thr_test_refuses") == NULL || strstr (err, "ERROR:") != NULL)
        g_error ("%s: stderr says “%s”, not the refusal of %s", c[0], err, f->db);
      g_ptr_array_add (refused, out);
    }
  thr_test_store_exec (f->db, "ALTER TABLE kept_figures DROP CONSTRAINT thr_test_refuses");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char **c = commands[i];
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_cli (f, &out, &err, c[0], c[1], c[2], c[3], c[4], c[5], c[6], NULL), ==, 0);
      g_assert_cmpstr (err, ==, "");
      g_assert_cmpstr (out, ==, g_ptr_array_index (refused, i));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/cli/refuses/missing-column", test_refuses_missing_column);
  ADD ("/cli/refuses/impossible-dates", test_refuses_impossible_dates);
  ADD ("/cli/refuses/bad-report", test_refuses_bad_report);
  ADD ("/cli/refuses/duplicate", test_duplicate_import_refused);
  ADD ("/cli/dry-run", test_dry_run_writes_nothing);
  ADD ("/cli/evaluate-calls-json", test_evaluate_calls_json);
  ADD ("/cli/business-days", test_business_days);
  ADD ("/cli/calendar-closures", test_calendar_closures);
  ADD ("/cli/kpi-json", test_kpi_json);
  ADD ("/cli/imports-and-undo", test_imports_and_undo);
  ADD ("/cli/import-unknown-header", test_import_unknown_header);
  ADD ("/cli/several-contracts", test_several_contracts);
  ADD ("/cli/report", test_report);
  ADD ("/cli/export-metrics", test_export_metrics);
  ADD ("/cli/export-grid-chart", test_export_grid_chart);
  ADD ("/cli/usage", test_usage_and_help);
  ADD ("/cli/csv-formula-guard", test_csv_formula_guard);
  ADD ("/cli/text-output-sanitized", test_text_output_sanitized);
  ADD ("/cli/ledger-json", test_ledger_json);
  ADD ("/cli/caps-json", test_caps_json);
  ADD ("/cli/deadlines-ics", test_deadlines_ics);
  ADD ("/cli/quarterly-cure-json", test_quarterly_cure_json);
  ADD ("/cli/awaiting-verification-json", test_awaiting_verification_json);
  ADD ("/cli/snap-true-up-json", test_snap_true_up_json);
  ADD ("/cli/evaluate-readings-json", test_evaluate_readings_json);
  ADD ("/cli/first-period-json", test_first_period_json);
  ADD ("/cli/undo-caps-json", test_undo_caps_json);
  ADD ("/cli/undo-today", test_undo_today);
  ADD ("/cli/caps-history-and-implementation", test_caps_history_and_implementation);
  ADD ("/cli/team-store-address", test_team_store_address);
  /* Only a server refuses a value as sent: a file's failures to keep
   * (read-only, full) lose nothing and are not said. */
  if (thr_test_store_is_team ())
    ADD ("/cli/refused-keep-said", test_refused_keep_said);
  return g_test_run ();
}
