/* thr-cli-import.c — import FILE [--kind KIND] [--dry-run] */
#define G_LOG_DOMAIN "thr-cli"

#include "thr-cli.h"

int
thr_cli_import (ThrCliGlobal  *global,
                int            argc,
                char         **argv)
{
  const ThrCliCommand *command = thr_cli_find_command ("import");
  g_autofree char *kind_text = NULL;
  g_autofree char *profile = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_text,
      "metric-report, invoices, tasks, calls or references (default: from the header)", "KIND" },
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile, "Column mapping profile (canonical only, for now)", "NAME" },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, "Check the file and say what would change; write nothing", NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_auto(ThrImportResult) result = { 0 };
  ThrImportKind kind = THR_IMPORT_KIND_AUTO;
  gint64 contract_id;

  if (!thr_cli_parse_options (command, entries, &argc, &argv))
    return THR_CLI_USAGE;
  if (argc != 2)
    return thr_cli_usage (command, "expected one FILE");
  if (kind_text && !thr_import_kind_from_string (kind_text, &kind))
    return thr_cli_usage (command, "unknown --kind");
  if (profile && !g_str_equal (profile, "canonical"))
    return thr_cli_usage (command, "unknown --profile (only “canonical” ships so far)");

  evaluator = thr_cli_open_evaluator (global, &store, &contract_id, &error);
  if (evaluator == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  if (!thr_import_file (store, contract_id, thr_evaluator_get_contract (evaluator), argv[1], kind,
                        dry_run, NULL, NULL, NULL, &result, &error))
    return thr_cli_fail (g_steal_pointer (&error));

  g_print ("%s %u %s row(s) from %s%s\n", dry_run ? "Would import" : "Imported", result.n_rows,
           thr_import_kind_to_string (result.kind), argv[1],
           dry_run ? " (dry run: nothing was written)" : "");
  if (result.import_id)
    g_print ("Import %" G_GINT64_FORMAT ", SHA-256 %s\n", result.import_id, result.sha256);
  if (result.ignored_columns && result.ignored_columns[0])
    {
      g_autofree char *list = g_strjoinv (", ", result.ignored_columns);
      g_print ("Ignored columns: %s\n", list);
    }
  return THR_CLI_OK;
}
