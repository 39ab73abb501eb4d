/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-cli.c — a small store driven through threshold-cli */
#include <math.h>
#include <sys/wait.h>

#include "thr-test-cli.h"
#include "thr-test-store.h"
#include "thr-test-util.h"

void
thr_test_cli_store_init (ThrTestCliStore *store,
                         const char      *prefix,
                         const char      *template_id)
{
  g_autofree char *pattern = g_strconcat (prefix, "-XXXXXX", NULL);
  g_autofree char *err = NULL;

  store->dir = g_dir_make_tmp (pattern, NULL);
  g_assert_nonnull (store->dir);
  store->db = thr_test_store_address (store->dir, "store.db");
  if (thr_test_cli (store, NULL, &err, "init", "--template", template_id, NULL) != 0)
    g_error ("init --template %s failed:\n%s", template_id, err);
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
