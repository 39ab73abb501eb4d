/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cli-export.c — export metrics YYYY-MM [--format csv|xlsx] [-o FILE]
 *                    export ledger [--from YYYY-MM] [--to YYYY-MM] [--format csv|xlsx] [-o FILE]
 *                    (CSV: --bom for a UTF-8 byte order mark)
 *                    export grid --from YYYY-MM --to YYYY-MM [--format csv|xlsx] [-o FILE]
 *                    export chart METRIC --from YYYY-MM --to YYYY-MM -o FILE.png|svg|pdf
 */
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

/* The CSV as text, with the byte order mark if asked for. */
static char *
csv_text (ThrExportTable *table,
          ThrExportFlags  flags)
{
  g_autofree char *csv = thr_export_table_to_csv (table);

  return g_strconcat ((flags & THR_EXPORT_FLAGS_CSV_BOM) ? "\xEF\xBB\xBF" : "", csv, NULL);
}

static int
export_metrics (const ThrCliCommand *command,
                ThrCliGlobal        *global,
                const char          *label,
                ThrExportFormat      format,
                ThrExportFlags       flags,
                const char          *output,
                const char          *today_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(ThrExportTable) table = NULL;
  g_autofree char *sheet = NULL;
  int status;

  status = thr_cli_evaluate_month (command, global, label, today_text, &evaluator, &results);
  if (status != THR_CLI_OK)
    return status;

  table = thr_export_metrics_table (results);
  if (output == NULL)
    {
      g_autofree char *csv = csv_text (table, flags);
      g_print ("%s", csv);
      return THR_CLI_OK;
    }
  sheet = g_strdup_printf ("Metrics %s", label);
  if (!thr_export_table_write_full (table, format, flags, sheet, output, &error))
    return thr_cli_fail (g_steal_pointer (&error));
  thr_cli_print ("Wrote %u metric results for %s to %s\n", thr_export_table_get_n_rows (table), label, output);
  return THR_CLI_OK;
}

/* CSV to standard output without -o, else the file in the chosen format. */
static int
write_table (ThrExportTable  *table,
             ThrExportFormat  format,
             ThrExportFlags   flags,
             const char      *sheet,
             const char      *output,
             const char      *what)
{
  g_autoptr(GError) error = NULL;

  if (output == NULL)
    {
      g_autofree char *csv = csv_text (table, flags);
      g_print ("%s", csv);
      return THR_CLI_OK;
    }
  if (!thr_export_table_write_full (table, format, flags, sheet, output, &error))
    return thr_cli_fail (g_steal_pointer (&error));
  thr_cli_print ("Wrote %u %s rows to %s\n", thr_export_table_get_n_rows (table), what, output);
  return THR_CLI_OK;
}

typedef struct {
  const char *from_text;
  const char *to_text;
  const char *today_text;
  ThrPeriod   from;
  ThrPeriod   to;
  guint32     today;
} ExportRange;

static gboolean
parse_range (ExportRange  *range,
             gboolean      required,
             GError      **error)
{
  if (required && (range->from_text == NULL || range->to_text == NULL))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "--from and --to are required");
      return FALSE;
    }
  if ((range->from_text && !thr_period_parse_kind (range->from_text, THR_PERIOD_MONTH, &range->from, error)) ||
      (range->to_text && !thr_period_parse_kind (range->to_text, THR_PERIOD_MONTH, &range->to, error)))
    return FALSE;
  if (range->from_text && range->to_text && thr_period_compare (&range->from, &range->to) > 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "--from is after --to");
      return FALSE;
    }
  if (range->today_text && !thr_day_parse_iso (range->today_text, &range->today))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "--today is not a date (YYYY-MM-DD)");
      return FALSE;
    }
  return TRUE;
}

static guint
count_months (const ExportRange *range)
{
  guint n = 1;

  for (ThrPeriod m = range->from; thr_period_compare (&m, &range->to) < 0; thr_period_next (&m, &m))
    n++;
  return n;
}

static int
export_ledger (ThrCliGlobal      *global,
               const ExportRange *range,
               ThrExportFormat    format,
               ThrExportFlags     flags,
               const char        *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrLedger) ledger = NULL;
  g_autoptr(ThrExportTable) table = NULL;

  ledger = thr_cli_compute_ledger (global, range->from_text ? &range->from : NULL,
                                   range->to_text ? &range->to : NULL, range->today, NULL, NULL, &error);
  if (ledger == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  table = thr_export_ledger_table (ledger);
  return write_table (table, format, flags, "Ledger", output, "ledger");
}

static int
export_grid (ThrCliGlobal      *global,
             const ExportRange *range,
             ThrExportFormat    format,
             ThrExportFlags     flags,
             const char        *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_autoptr(ThrExportTable) table = NULL;

  evaluator = thr_cli_open_evaluator (global, NULL, NULL, &error);
  if (evaluator == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  if (range->today)
    thr_evaluator_set_today (evaluator, range->today);
  table = thr_export_grid_table (evaluator, &range->from, count_months (range), &error);
  if (table == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  return write_table (table, format, flags, "Compliance grid", output, "grid");
}

/* The metric's trend with its corrective windows, drawn by thr_chart_draw
 * as in the app and the CAP draft: 720 × 320 points, PNG at 2 pixels a
 * point. */
static int
export_chart (ThrCliGlobal      *global,
              const char        *metric_id,
              const ExportRange *range,
              const char        *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_autoptr(ThrLedger) ledger = NULL;
  g_autoptr(ThrReportTrend) trend = NULL;
  ThrDrawingFormat drawing;
  gint64 contract_id;

  if (!thr_drawing_format_from_path (output, &drawing))
    return thr_cli_usage (thr_cli_find_command ("export"), "the chart's file must end in .png, .svg or .pdf");
  evaluator = thr_cli_open_evaluator (global, &store, &contract_id, &error);
  if (evaluator == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  if (range->today)
    thr_evaluator_set_today (evaluator, range->today);
  trend = thr_report_trend_new (evaluator, metric_id, &range->from, count_months (range), &error);
  if (trend == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  /* Windows come from the whole run: one opened before --from still shades. */
  ledger = thr_ledger_compute_for_store (store, contract_id, NULL, NULL,
                                         thr_evaluator_get_today (evaluator), &error);
  if (ledger == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  thr_report_trend_add_windows (trend, ledger);
  if (!thr_drawing_export (thr_report_trend_draw_cb, trend, 720, 320, drawing, 2.0, output, &error))
    return thr_cli_fail (g_steal_pointer (&error));
  thr_cli_print ("Wrote the %s chart to %s\n", metric_id, output);
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
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  gboolean bom = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_("csv or xlsx (default: from the file name)"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write here (CSV goes to standard output without it)"), "FILE" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("ledger, grid, chart: first month"), "YYYY-MM" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("ledger, grid, chart: last month"), "YYYY-MM" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("Judge as if today were this date"), "YYYY-MM-DD" },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom, N_("CSV: start with a UTF-8 byte order mark, for Excel on Windows"), NULL },
    { NULL }
  };
  ThrExportFlags flags;
  g_autoptr(GError) error = NULL;
  ThrExportFormat format;
  ExportRange range = { 0 };
  const char *what;

  if (!thr_cli_parse_options (command, entries, &argc, &argv))
    return THR_CLI_USAGE;
  what = argc >= 2 ? argv[1] : "";
  flags = bom ? THR_EXPORT_FLAGS_CSV_BOM : THR_EXPORT_FLAGS_NONE;
  range.from_text = from_text;
  range.to_text = to_text;
  range.today_text = today_text;

  if (g_str_equal (what, "chart"))
    {
      if (argc != 3 || output == NULL)
        return thr_cli_usage (command, "expected “chart METRIC --from YYYY-MM --to YYYY-MM -o FILE”");
      if (!parse_range (&range, TRUE, &error))
        return thr_cli_usage (command, error->message);
      return export_chart (global, argv[2], &range, output);
    }
  if (!choose_format (format_text, output, &format))
    return thr_cli_usage (command, "--format must be csv or xlsx");
  if (format == THR_EXPORT_XLSX && output == NULL)
    return thr_cli_usage (command, "an .xlsx export needs -o FILE");
  if (g_str_equal (what, "metrics") && argc == 3)
    return export_metrics (command, global, argv[2], format, flags, output, today_text);
  if ((g_str_equal (what, "ledger") || g_str_equal (what, "grid")) && argc == 2)
    {
      if (!parse_range (&range, g_str_equal (what, "grid"), &error))
        return thr_cli_usage (command, error->message);
      if (g_str_equal (what, "ledger"))
        return export_ledger (global, &range, format, flags, output);
      return export_grid (global, &range, format, flags, output);
    }
  return thr_cli_usage (command, "expected “metrics YYYY-MM”, “ledger”, “grid” or “chart METRIC”");
}
