/* thr-cli-calendar.c — business-days */
#define G_LOG_DOMAIN "thr-cli"

#include "thr-cli.h"

int
thr_cli_business_days (ThrCliGlobal  *global,
                       int            argc,
                       char         **argv)
{
  const ThrCliCommand *command = thr_cli_find_command ("business-days");
  g_autofree char *calendar_id = NULL;
  GOptionEntry entries[] = {
    { "calendar", 'c', 0, G_OPTION_ARG_STRING, &calendar_id, N_("Calendar (indiana, missouri)"), "ID" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrCalendar) calendar = NULL;
  guint32 from, to;

  if (!thr_cli_parse_options (command, entries, &argc, &argv))
    return THR_CLI_USAGE;
  if (calendar_id == NULL)
    return thr_cli_usage (command, "--calendar is required");
  if (argc != 3)
    return thr_cli_usage (command, "expected two dates");
  if (!thr_day_parse_iso (argv[1], &from))
    return thr_cli_usage (command, "FROM is not a date (YYYY-MM-DD)");
  if (!thr_day_parse_iso (argv[2], &to))
    return thr_cli_usage (command, "TO is not a date (YYYY-MM-DD)");

  calendar = thr_calendar_load_builtin (calendar_id, &error);
  if (calendar == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  thr_cli_print ("%d\n", thr_calendar_count_business_days (calendar, from, to));
  return THR_CLI_OK;
}
