/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cli-import.c — import, imports, undo, profiles */
#define G_LOG_DOMAIN "thr-cli"

#include "thr-cli.h"

static void
print_result (const ThrImportResult *result,
              const char            *path,
              gboolean               dry_run)
{
  thr_cli_print ("%s %u %s row(s) from %s%s\n", dry_run ? "Would import" : "Imported", result->n_rows,
                 thr_import_kind_to_string (result->kind), path, dry_run ? " (dry run: nothing was written)" : "");
  thr_cli_print ("Read as %s with profile %s\n", result->source_format, result->profile_id);
  if (result->import_id)
    thr_cli_print ("Import %" G_GINT64_FORMAT ", SHA-256 %s\n", result->import_id, result->sha256);
  if (result->n_replaced > 0)
    thr_cli_print ("%s %u figure(s) reported by earlier imports; those stay in history (see “imports”)\n",
                   dry_run ? "Would replace" : "Replaces", result->n_replaced);
  for (guint i = 0; result->notes && result->notes[i]; i++)
    thr_cli_print ("Note: %s\n", result->notes[i]);
  if (result->ignored_columns && result->ignored_columns[0])
    {
      g_autofree char *list = g_strjoinv (", ", result->ignored_columns);
      thr_cli_print ("Ignored columns: %s\n", list);
    }
}

/* The core says what is wrong; where the user makes the choice it calls
 * for (a profile, a kind, replacing records) is this front end's word. */
static GError *
word_import_error (GError *error)
{
  const char *hint = NULL;
  char *message;

  if (error->domain != THR_IMPORT_ERROR)
    return error;
  switch ((ThrImportError) error->code)
    {
    case THR_IMPORT_ERROR_PROFILE_AMBIGUOUS:
      hint = _("; choose one with --profile");
      break;
    case THR_IMPORT_ERROR_PROFILE_UNKNOWN:
      hint = _("; give --profile (see “threshold-cli profiles”) or --kind (metric-report, invoices, tasks, "
               "calls or references)");
      break;
    case THR_IMPORT_ERROR_DUPLICATE_RECORDS:
      hint = _("\nTo replace the earlier records with this file’s, import it again with --replace-duplicates.");
      break;
    case THR_IMPORT_ERROR_INVALID:
    case THR_IMPORT_ERROR_DUPLICATE:
    case THR_IMPORT_ERROR_UNKNOWN_KIND:
    default:
      return error;
    }
  message = g_strconcat (error->message, hint, NULL);
  g_free (error->message);
  error->message = message;
  return error;
}

int
thr_cli_import (ThrCliGlobal  *global,
                int            argc,
                char         **argv)
{
  const ThrCliCommand *command = thr_cli_find_command ("import");
  g_autofree char *kind_text = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *sheet = NULL;
  gboolean dry_run = FALSE;
  gboolean replace = FALSE;
  GOptionEntry entries[] = {
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_text,
      N_("metric-report, invoices, tasks, calls or references (default: from the header)"), "KIND" },
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile,
      N_("Column mapping profile (default: the one the header fits; see “profiles”)"), "NAME" },
    { "sheet", 's', 0, G_OPTION_ARG_STRING, &sheet, N_("The workbook's sheet to read (default: the first)"), "NAME" },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the file and say what would change; write nothing"), NULL },
    { "replace-duplicates", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Replace tasks or calls imported before with the same ids (default: refuse the file)"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_auto(ThrImportResult) result = { 0 };
  ThrImportOptions options = { THR_IMPORT_KIND_AUTO, NULL, NULL, FALSE };
  gint64 contract_id;

  if (!thr_cli_parse_options (command, entries, &argc, &argv))
    return THR_CLI_USAGE;
  if (argc != 2)
    return thr_cli_usage (command, "expected one FILE");
  if (kind_text && !thr_import_kind_from_string (kind_text, &options.kind))
    return thr_cli_usage (command, "unknown --kind");
  options.profile = profile;
  options.sheet = sheet;
  options.dry_run = dry_run;
  options.duplicates = replace ? THR_IMPORT_DUPLICATES_REPLACE : THR_IMPORT_DUPLICATES_REFUSE;

  evaluator = thr_cli_open_evaluator (global, &store, &contract_id, &error);
  if (evaluator == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  if (!thr_import_file_full (store, contract_id, thr_evaluator_get_contract (evaluator), argv[1], &options,
                             NULL, NULL, NULL, &result, &error))
    return thr_cli_fail (word_import_error (g_steal_pointer (&error)));
  print_result (&result, argv[1], dry_run);
  return THR_CLI_OK;
}

int
thr_cli_imports (ThrCliGlobal  *global,
                 int            argc,
                 char         **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 contract_id;

  if (!thr_cli_parse_options (thr_cli_find_command ("imports"), entries, &argc, &argv))
    return THR_CLI_USAGE;
  store = thr_cli_open_store (global, &error);
  if (store == NULL || (contract_id = thr_store_resolve_contract (store, global->contract, &error)) == 0
      || (list = thr_history_list_imports (store, contract_id, &error)) == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < list->len; i++)
    {
      ThrImportInfo *info = g_ptr_array_index (list, i);

      thr_cli_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%u rows\t%s\t%s\t%.12s", info->id, info->imported_at, info->kind,
                     info->n_rows, info->file_name, info->profile ? info->profile : "-", info->sha256);
      if (info->n_replaced > 0)
        thr_cli_print ("\t%u of its figures replaced by later imports", info->n_replaced);
      thr_cli_print ("\n");
      if (info->notes != NULL)
        {
          g_auto(GStrv) notes = g_strsplit (info->notes, "\n", -1);
          for (guint k = 0; notes[k]; k++)
            thr_cli_print ("\tnote: %s\n", notes[k]);
        }
    }
  return THR_CLI_OK;
}

int
thr_cli_undo (ThrCliGlobal  *global,
              int            argc,
              char         **argv)
{
  const ThrCliCommand *command = thr_cli_find_command ("undo");
  g_autofree char *today_text = NULL;
  GOptionEntry entries[] = {
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("Judge as if today were this date"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = NULL;
  gint64 contract_id, import_id;
  char *end = NULL;
  guint32 today = 0;
  ThrCapUndoResult undone = { 0 };

  if (!thr_cli_parse_options (command, entries, &argc, &argv))
    return THR_CLI_USAGE;
  if (argc != 2)
    return thr_cli_usage (command, "expected one IMPORT_ID");
  /* Which failures the import brought is judged as of the program's today,
   * as every other command judges them (0: today in the contract's zone). */
  if (today_text != NULL && !thr_day_parse_iso (today_text, &today))
    return thr_cli_usage (command, "--today is not a date (YYYY-MM-DD)");
  import_id = g_ascii_strtoll (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || import_id <= 0)
    return thr_cli_usage (command, "IMPORT_ID is a number (see “threshold-cli imports”)");
  store = thr_cli_open_store (global, &error);
  if (store == NULL || (contract_id = thr_store_resolve_contract (store, global->contract, &error)) == 0
      || !thr_cap_undo_import (store, contract_id, import_id, today, &undone, &error))
    return thr_cli_fail (g_steal_pointer (&error));
  thr_cli_print ("Removed import %" G_GINT64_FORMAT " and its %u row(s)\n", import_id, undone.n_rows);
  if (undone.n_caps_removed > 0)
    thr_cli_print ("Removed %u CAP(s) of failures only that import brought (nobody had edited them)\n",
                   undone.n_caps_removed);
  if (undone.n_caps_marked > 0)
    thr_cli_print ("Kept %u edited CAP(s), marked “its failure was undone”\n", undone.n_caps_marked);
  return THR_CLI_OK;
}

int
thr_cli_profiles (ThrCliGlobal  *global,
                  int            argc,
                  char         **argv)
{
  const ThrCliCommand *command = thr_cli_find_command ("profiles");
  g_autofree char *save = NULL;
  GOptionEntry entries[] = {
    { "save", 0, 0, G_OPTION_ARG_FILENAME, &save, N_("Check a profile file and keep it among the user's profiles"), "FILE" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (!thr_cli_parse_options (command, entries, &argc, &argv))
    return THR_CLI_USAGE;
  if (save != NULL)
    {
      g_autoptr(ThrProfile) profile = thr_profile_save_user (save, &error);

      if (profile == NULL)
        return thr_cli_fail (g_steal_pointer (&error));
      thr_cli_print ("Saved profile %s as %s\n", thr_profile_get_id (profile), thr_profile_get_origin (profile));
      return THR_CLI_OK;
    }
  list = thr_profile_list (&error);
  if (list == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < list->len; i++)
    {
      ThrProfile *profile = g_ptr_array_index (list, i);
      thr_cli_print ("%s\t%s\t%s\t%s\n", thr_profile_get_id (profile), thr_profile_get_kind (profile),
                     thr_profile_get_origin (profile), thr_profile_get_title (profile));
    }
  return THR_CLI_OK;
}
