/* thr-cli-export.c — export metrics YYYY-MM [--format csv|xlsx] [-o FILE] */
#define G_LOG_DOMAIN "thr-cli"

#include "thr-cli.h"

/* --format wins; else the file's extension; else CSV. */
static gboolean
choose_format (const char       *format_text,
               const char       *output,
               ThrExportFormat  *format)
{
  if (format_text)
    return thr_export_format_from_string (format_text, format);
  *format = output && g_str_has_suffix (output, ".xlsx") ? THR_EXPORT_XLSX : THR_EXPORT_CSV;
  return TRUE;
}

static int
export_metrics (const ThrCliCommand *command,
                ThrCliGlobal        *global,
                const char          *label,
                ThrExportFormat      format,
                const char          *output,
                const char          *today_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(ThrExportTable) table = NULL;
  g_autofree char *sheet = NULL;
  ThrPeriod month;
  guint32 today;

  if (!thr_period_parse_kind (label, THR_PERIOD_MONTH, &month, &error))
    return thr_cli_usage (command, error->message);
  if (today_text && !thr_day_parse_iso (today_text, &today))
    return thr_cli_usage (command, "--today is not a date (YYYY-MM-DD)");

  evaluator = thr_cli_open_evaluator (global, NULL, NULL, &error);
  if (evaluator == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  if (today_text)
    thr_evaluator_set_today (evaluator, today);
  results = thr_evaluator_evaluate_month (evaluator, &month, NULL, &error);
  if (results == NULL)
    return thr_cli_fail (g_steal_pointer (&error));

  table = thr_export_metrics_table (results);
  if (output == NULL)
    {
      g_autofree char *csv = thr_export_table_to_csv (table);
      g_print ("%s", csv);
      return THR_CLI_OK;
    }
  sheet = g_strdup_printf ("Metrics %s", label);
  if (!thr_export_table_write (table, format, sheet, output, &error))
    return thr_cli_fail (g_steal_pointer (&error));
  g_print ("Wrote %u metric results for %s to %s\n", thr_export_table_get_n_rows (table), label, output);
  return THR_CLI_OK;
}

int
thr_cli_export (ThrCliGlobal  *global,
                int            argc,
                char         **argv)
{
  const ThrCliCommand *command = thr_cli_find_command ("export");
  g_autofree char *output = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *today_text = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_("csv or xlsx (default: from the file name)"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write here (CSV goes to standard output without it)"), "FILE" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("Judge as if today were this date"), "YYYY-MM-DD" },
    { NULL }
  };
  ThrExportFormat format;

  if (!thr_cli_parse_options (command, entries, &argc, &argv))
    return THR_CLI_USAGE;
  if (argc != 3 || !g_str_equal (argv[1], "metrics"))
    return thr_cli_usage (command, "expected “metrics YYYY-MM”");
  if (!choose_format (format_text, output, &format))
    return thr_cli_usage (command, "--format must be csv or xlsx");
  if (format == THR_EXPORT_XLSX && output == NULL)
    return thr_cli_usage (command, "an .xlsx export needs -o FILE");
  return export_metrics (command, global, argv[2], format, output, today_text);
}
