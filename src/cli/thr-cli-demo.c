/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cli-demo.c — demo [--months N] [--seed N]: the demo contract and data */
#define G_LOG_DOMAIN "thr-cli"

#include <glib/gstdio.h>

#include "thr-cli.h"

static const char *demo_files[] = { "metric-report.csv", "invoices.csv", "tasks.csv", "calls.csv" };

static gint64
demo_contract (ThrStore  *store,
               GError   **error)
{
  g_autoptr(GPtrArray) contracts = thr_store_list_contracts (store, error);
  g_autoptr(ThrContract) contract = NULL;

  if (contracts == NULL)
    return 0;
  if (contracts->len > 0)
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_EXISTS,
                   "%s already holds a contract; the demo needs an empty store (use --db NEW.db)",
                   thr_store_get_path (store));
      return 0;
    }
  contract = thr_contract_load_template ("rfp-16-102", error);
  if (contract == NULL)
    return 0;
  return thr_store_add_contract (store, "rfp-16-102", thr_demo_contract_name (),
                                 thr_contract_get_definition (contract), error);
}

static gboolean
import_demo_files (ThrStore     *store,
                   gint64        contract_id,
                   const char   *dir,
                   GError      **error)
{
  g_autoptr(ThrEvaluator) evaluator = thr_evaluator_new_for_store (store, contract_id, error);

  if (evaluator == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (demo_files); i++)
    {
      g_autofree char *path = g_build_filename (dir, demo_files[i], NULL);
      g_auto(ThrImportResult) result = { 0 };

      if (!thr_import_file (store, contract_id, thr_evaluator_get_contract (evaluator), path,
                            THR_IMPORT_KIND_AUTO, FALSE, NULL, NULL, NULL, &result, error))
        return FALSE;
      thr_cli_print ("Imported %u rows from %s\n", result.n_rows, demo_files[i]);
    }
  return TRUE;
}

static void
remove_demo_files (const char *dir)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_files); i++)
    {
      g_autofree char *path = g_build_filename (dir, demo_files[i], NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
thr_cli_demo (ThrCliGlobal  *global,
              int            argc,
              char         **argv)
{
  const ThrCliCommand *command = thr_cli_find_command ("demo");
  ThrDemoOptions options;
  int months = 0, tasks = 0, calls = 0;
  gint64 seed = -1;
  g_autofree char *keep = NULL;
  GOptionEntry entries[] = {
    { "months", 'm', 0, G_OPTION_ARG_INT, &months, N_("Months of data (default 24, from 2018-01)"), "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Random seed (default 16102)"), "N" },
    { "tasks", 0, 0, G_OPTION_ARG_INT, &tasks, N_("Task records a month"), "N" },
    { "calls", 0, 0, G_OPTION_ARG_INT, &calls, N_("Call records a month"), "N" },
    { "write-to", 0, 0, G_OPTION_ARG_FILENAME, &keep, N_("Only write the CSV files to this folder"), "DIR" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autofree char *dir = NULL;
  gint64 contract_id;
  gboolean ok;

  if (!thr_cli_parse_options (command, entries, &argc, &argv))
    return THR_CLI_USAGE;
  if (months < 0 || tasks < 0 || calls < 0)
    return thr_cli_usage (command, "counts cannot be negative");

  thr_demo_options_init (&options);
  if (months)
    options.n_months = months;
  if (seed >= 0)
    options.seed = (guint64) seed;
  if (tasks)
    options.tasks_per_month = tasks;
  if (calls)
    options.calls_per_month = calls;

  if (keep)
    {
      if (g_mkdir_with_parents (keep, 0700) != 0 || !thr_demo_write (&options, keep, NULL, &error))
        return thr_cli_fail (error ? g_steal_pointer (&error)
                                   : g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "%s: cannot create", keep));
      thr_cli_print ("Wrote the demo files to %s\n", keep);
      return THR_CLI_OK;
    }

  store = thr_cli_create_store (global, &error);
  if (store == NULL || (contract_id = demo_contract (store, &error)) == 0)
    return thr_cli_fail (g_steal_pointer (&error));
  dir = g_dir_make_tmp ("threshold-demo-XXXXXX", &error);
  if (dir == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  ok = thr_demo_write (&options, dir, NULL, &error) && import_demo_files (store, contract_id, dir, &error) &&
       thr_demo_settle_caps (store, contract_id, &error);
  remove_demo_files (dir);
  if (!ok)
    return thr_cli_fail (g_steal_pointer (&error));
  thr_cli_print ("Demo contract %" G_GINT64_FORMAT " is ready in %s\n", contract_id, global->db_path);
  return THR_CLI_OK;
}
