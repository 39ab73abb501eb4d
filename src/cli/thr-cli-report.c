/* thr-cli-report.c — report month YYYY-MM -o FILE.pdf · report cap ID -o FILE.pdf */
#define G_LOG_DOMAIN "thr-cli"

#include "thr-cli.h"

static int
report_month (const ThrCliCommand  *command,
              ThrCliGlobal         *global,
              const char           *label,
              const char           *output,
              const char           *agency,
              const char           *today_text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrEvaluator) evaluator = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(ThrDocument) doc = NULL;
  ThrReportMonthOptions options = { .agency = agency };
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

  /* The ledger and CAP sections stay out until the consequences engine
   * can fill them: the report prints no figure it cannot back. */
  doc = thr_report_month_build (thr_evaluator_get_contract (evaluator), &month, results, &options);
  if (!thr_document_write_pdf (doc, output, &error))
    return thr_cli_fail (g_steal_pointer (&error));
  g_print ("Wrote the %s report to %s\n", label, output);
  return THR_CLI_OK;
}

int
thr_cli_report (ThrCliGlobal  *global,
                int            argc,
                char         **argv)
{
  const ThrCliCommand *command = thr_cli_find_command ("report");
  g_autofree char *output = NULL;
  g_autofree char *agency = NULL;
  g_autofree char *today_text = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF here"), "FILE.pdf" },
    { "agency", 0, 0, G_OPTION_ARG_STRING, &agency, N_("Agency named in every page's header"), "TEXT" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("Judge as if today were this date"), "YYYY-MM-DD" },
    { NULL }
  };

  if (!thr_cli_parse_options (command, entries, &argc, &argv))
    return THR_CLI_USAGE;
  if (argc != 3)
    return thr_cli_usage (command, "expected “month YYYY-MM” or “cap ID”");
  if (output == NULL)
    return thr_cli_usage (command, "-o FILE.pdf is required");

  if (g_str_equal (argv[1], "month"))
    return report_month (command, global, argv[2], output, agency, today_text);
  if (g_str_equal (argv[1], "cap"))
    {
      g_printerr ("threshold-cli report cap: CAP reports are not available until the "
                  "consequences engine lands\n");
      return THR_CLI_FAILED;
    }
  return thr_cli_usage (command, "expected “month YYYY-MM” or “cap ID”");
}
