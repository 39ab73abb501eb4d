/* test-cli.c — threshold-cli as scripts use it: output, exit statuses, and
 * a store left byte-for-byte as it was when an import is refused */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "thr-core.h"

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
  f->db = g_build_filename (f->dir, "store.db", NULL);
  g_assert_cmpint (run_cli (f, &out, NULL, "init", "--template", "rfp-16-102", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Created contract 1"));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
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
}

static GBytes *
read_store (Fixture *f)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (f->db, &contents, &len, NULL));
  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

static void
assert_refused (Fixture     *f,
                const char  *file,
                const char **expected)
{
  g_autofree char *path = data_path (file);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GBytes) before = read_store (f);
  g_autoptr(GBytes) after = NULL;

  g_assert_cmpint (run_cli (f, &out, &err, "import", path, NULL), ==, 1);
  for (guint i = 0; expected[i]; i++)
    {
      g_autofree char *line = g_strdup_printf ("%s:%s", path, expected[i]);
      if (strstr (err, line) == NULL)
        g_error ("expected “%s” in:\n%s", line, err);
    }
  after = read_store (f);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS) && g_str_has_suffix (out, "Imported"));
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
  g_autoptr(GBytes) before = read_store (f);
  g_autoptr(GBytes) after = NULL;

  g_assert_cmpint (run_cli (f, &out, NULL, "import", path, "--dry-run", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Would import 8 calls row(s)"));
  after = read_store (f);
  g_assert_true (g_bytes_equal (before, after));
  /* …and a real import afterwards is not taken for a duplicate. */
  g_assert_cmpint (run_cli (f, NULL, NULL, "import", path, NULL), ==, 0);
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
  g_assert_cmpint (run_cli (f, &out, NULL, "undo", "2", NULL), ==, 0);
  g_assert_cmpint (run_cli (f, &after, NULL, "imports", NULL), ==, 0);
  g_assert_null (strstr (after, "genesys"));
  g_assert_cmpint (run_cli (f, NULL, &err, "undo", "2", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "no import 2"));
  g_assert_cmpint (run_cli (f, &profiles, NULL, "profiles", NULL), ==, 0);
  g_assert_nonnull (strstr (profiles, "cisco-call-detail\tcalls\tbuilt-in"));
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

static void
test_usage_and_help (Fixture *f, gconstpointer data)
{
  const char *commands[] = { "templates", "init", "contracts", "import", "imports", "undo", "profiles", "evaluate",
                             "business-days", "demo" };
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
  ADD ("/cli/imports-and-undo", test_imports_and_undo);
  ADD ("/cli/usage", test_usage_and_help);
  return g_test_run ();
}
