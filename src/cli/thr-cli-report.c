/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cli-report.c — report month YYYY-MM -o FILE.pdf · report cap ID -o FILE.pdf */
#define G_LOG_DOMAIN "thr-cli"

#include "thr-cli.h"

static int
report_month (const ThrCliCommand          *command,
              ThrCliGlobal                 *global,
              const char                   *label,
              const char                   *output,
              const ThrReportStoreOptions  *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = NULL;
  ThrPeriod month;
  gint64 contract_id;

  if (!thr_period_parse_kind (label, THR_PERIOD_MONTH, &month, &error))
    return thr_cli_usage (command, error->message);
  store = thr_cli_open_store (global, &error);
  if (store == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  contract_id = thr_store_resolve_contract (store, global->contract, &error);
  if (contract_id == 0)
    return thr_cli_fail (g_steal_pointer (&error));
  if (!thr_report_month_write_for_store (store, contract_id, &month, output, options, &error))
    return thr_cli_fail (g_steal_pointer (&error));
  thr_cli_print ("Wrote the %s report to %s\n", label, output);
  return THR_CLI_OK;
}

/* As `caps` does, a CAP is first opened for every failure that has none,
 * so the ids the listing shows are the ids this command takes. */
static int
report_cap (const ThrCliCommand          *command,
            ThrCliGlobal                 *global,
            const char                   *id_text,
            const char                   *output,
            const ThrReportStoreOptions  *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(ThrLedger) ledger = NULL;
  guint64 cap_id;
  gint64 contract_id;

  if (!g_ascii_string_to_unsigned (id_text, 10, 1, G_MAXINT64, &cap_id, NULL))
    return thr_cli_usage (command, "the CAP id is a number, as `caps` lists it");
  ledger = thr_cli_compute_ledger (global, NULL, NULL, options->today, &store, &contract_id, &error);
  if (ledger == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  if (!thr_cap_sync_on (store, contract_id, ledger, options->today, NULL, &error))
    return thr_cli_fail (g_steal_pointer (&error));
  {
    ThrReportStoreOptions with_ledger = *options;

    with_ledger.ledger = ledger;
    if (!thr_report_cap_write_for_store (store, contract_id, (gint64) cap_id, output, &with_ledger, &error))
      return thr_cli_fail (g_steal_pointer (&error));
  }
  thr_cli_print ("Wrote CAP %s to %s\n", id_text, output);
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
  ThrReportStoreOptions options = { 0 };
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

  if (today_text && !thr_day_parse_iso (today_text, &options.today))
    return thr_cli_usage (command, "--today is not a date (YYYY-MM-DD)");
  options.agency = agency;

  if (g_str_equal (argv[1], "month"))
    return report_month (command, global, argv[2], output, &options);
  if (g_str_equal (argv[1], "cap"))
    return report_cap (command, global, argv[2], output, &options);
  return thr_cli_usage (command, "expected “month YYYY-MM” or “cap ID”");
}
