/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-cli.c — a small store driven through threshold-cli */
#include <math.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "thr-test-cli.h"
#include "thr-test-store.h"
#include "thr-test-util.h"

/* The stores `init --template ID` made once in this program, by ID.  A
 * sanitized spawn costs 120-240 ms of processor time, and the CLI tests
 * made one store per case, 118 inits in test-cli-contract, test-cli and
 * test-hostile; a copy of the file holds the same rows.  init itself is
 * still run (here, and by the cases that add a second contract), and on a
 * team store, where a new database getting the store's tables is what the
 * postgresql suite checks, every store is made by init as before. */
typedef struct {
  char *dir;
  char *db;
  char *out;  /* init's standard output */
} Template;

static GHashTable *templates;

static void
remove_templates (void)
{
  GHashTableIter iter;
  Template *t;

  g_hash_table_iter_init (&iter, templates);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &t))
    thr_test_remove_dir (t->dir);
}

static void
run_init (const char  *db,
          const char  *template_id,
          char       **out)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *err = NULL;

  g_ptr_array_add (args, "init");
  g_ptr_array_add (args, "--template");
  g_ptr_array_add (args, (char *) template_id);
  if (thr_test_cli_run_args (db, NULL, args, out, &err) != 0)
    g_error ("init --template %s failed:\n%s", template_id, err);
}

static const Template *
template_store (const char *template_id)
{
  Template *t;
  g_autofree char *wal = NULL;

  if (templates == NULL)
    {
      templates = g_hash_table_new (g_str_hash, g_str_equal);
      atexit (remove_templates);
    }
  t = g_hash_table_lookup (templates, template_id);
  if (t != NULL)
    return t;
  t = g_new0 (Template, 1);
  t->dir = g_dir_make_tmp ("thr-cli-template-XXXXXX", NULL);
  g_assert_nonnull (t->dir);
  t->db = g_build_filename (t->dir, "store.db", NULL);
  run_init (t->db, template_id, &t->out);
  /* init closed the store: every row is in the one file, none in a -wal. */
  wal = g_strconcat (t->db, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_hash_table_insert (templates, g_strdup (template_id), t);
  return t;
}

char *
thr_test_cli_init_store (const char  *dir,
                         const char  *template_id,
                         char       **out)
{
  const Template *t;
  g_autofree char *db = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  g_autoptr(GError) error = NULL;

  if (thr_test_store_is_team ())
    {
      db = thr_test_store_address (dir, "store.db");
      run_init (db, template_id, out);
      return g_steal_pointer (&db);
    }
  t = template_store (template_id);
  db = g_build_filename (dir, "store.db", NULL);
  from = g_file_new_for_path (t->db);
  to = g_file_new_for_path (db);
  g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_strdup (t->out);
  return g_steal_pointer (&db);
}

void
thr_test_cli_store_init (ThrTestCliStore *store,
                         const char      *prefix,
                         const char      *template_id)
{
  g_autofree char *pattern = g_strconcat (prefix, "-XXXXXX", NULL);

  store->dir = g_dir_make_tmp (pattern, NULL);
  g_assert_nonnull (store->dir);
  store->db = thr_test_cli_init_store (store->dir, template_id, NULL);
}

void
thr_test_cli_store_clear (ThrTestCliStore *store)
{
  thr_test_remove_dir (store->dir);
  g_clear_pointer (&store->dir, g_free);
  g_clear_pointer (&store->db, g_free);
  thr_test_store_cleanup ();
}

int
thr_test_cli_run_args (const char  *db,
                       char       **envp,
                       GPtrArray   *args,
                       char       **out,
                       char       **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("THRESHOLD_CLI"));
  g_assert_nonnull (argv->pdata[0]);
  if (db != NULL)
    {
      g_ptr_array_add (argv, "--db");
      g_ptr_array_add (argv, (char *) db);
    }
  for (guint i = 0; i < args->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (args, i));
  g_ptr_array_add (argv, NULL);
  /* Output not asked for must not reach the TAP stream. */
  g_spawn_sync (NULL, (char **) argv->pdata, envp,
                (out ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL) | (err ? 0 : G_SPAWN_STDERR_TO_DEV_NULL),
                NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static GPtrArray *
collect_args (const char *first,
              va_list     args)
{
  GPtrArray *list = g_ptr_array_new ();

  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (list, (char *) arg);
  return list;
}

int
thr_test_cli_run_valist (const char  *db,
                         char       **out,
                         char       **err,
                         const char  *first,
                         va_list      args)
{
  g_autoptr(GPtrArray) list = collect_args (first, args);

  return thr_test_cli_run_args (db, NULL, list, out, err);
}

int
thr_test_cli (const ThrTestCliStore *store,
              char                 **out,
              char                 **err,
              const char            *first,
              ...)
{
  va_list ap;
  int status;

  va_start (ap, first);
  status = thr_test_cli_run_valist (store->db, out, err, first, ap);
  va_end (ap);
  return status;
}

JsonNode *
thr_test_cli_json (const ThrTestCliStore *store,
                   const char            *first,
                   ...)
{
  g_autoptr(GPtrArray) args = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  va_list ap;

  va_start (ap, first);
  args = collect_args (first, ap);
  va_end (ap);
  if (thr_test_cli_run_args (store->db, NULL, args, &out, &err) != 0)
    g_error ("%s %s failed:\n%s", first, args->len > 1 ? (char *) g_ptr_array_index (args, 1) : "", err);
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  return root;
}

char *
thr_test_cli_write_file (const ThrTestCliStore *store,
                         const char            *name,
                         const char            *text)
{
  char *path = g_build_filename (store->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

void
thr_test_cli_import_ok (const ThrTestCliStore *store,
                        const char            *name,
                        const char            *text)
{
  g_autofree char *path = thr_test_cli_write_file (store, name, text);
  g_autofree char *err = NULL;

  if (thr_test_cli (store, NULL, &err, "import", path, NULL) != 0)
    g_error ("import %s refused:\n%s", name, err);
}

JsonObject *
thr_test_cli_result_of (JsonNode   *root,
                        const char *metric)
{
  JsonArray *results = json_object_get_array_member (json_node_get_object (root), "results");

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *r = json_array_get_object_element (results, i);

      if (g_str_equal (json_object_get_string_member (r, "metric"), metric))
        return r;
    }
  g_error ("no result for %s", metric);
}

static void
assert_count (JsonObject *r,
              const char *member,
              double      expected)
{
  if (expected < 0)
    g_assert_true (json_object_get_null_member (r, member));
  else
    g_assert_cmpfloat (json_object_get_double_member (r, member), ==, expected);
}

void
thr_test_cli_assert_result (JsonNode   *root,
                            const char *metric,
                            const char *status,
                            double      value,
                            double      numerator,
                            double      denominator)
{
  JsonObject *r = thr_test_cli_result_of (root, metric);

  g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, status);
  if (isnan (value))
    g_assert_true (json_object_get_null_member (r, "value"));
  else
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (r, "value"), value, 1e-9);
  assert_count (r, "numerator", numerator);
  assert_count (r, "denominator", denominator);
}
