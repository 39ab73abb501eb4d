/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cli-calendar.c — business-days, and the closures a user records
 *
 * Both read the calendar as every deadline does: the built-in file with
 * the store's closures added (thr_store_load_calendar).
 */
#define G_LOG_DOMAIN "thr-cli"

#include "thr-cli.h"

/* business-days must not create a store file just to count days: without
 * one, the built-in calendar alone is the answer.  A team store is no file
 * and always has its closures read. */
static ThrCalendar *
load_calendar (ThrCliGlobal  *global,
               const char    *calendar_id,
               GError       **error)
{
  g_autoptr(ThrStore) store = NULL;

  if (!thr_store_is_team_address (global->db_path) && !g_file_test (global->db_path, G_FILE_TEST_EXISTS))
    return thr_calendar_load_builtin (calendar_id, error);
  store = thr_cli_open_store (global, error);
  if (store == NULL)
    return NULL;
  return thr_store_load_calendar (store, calendar_id, error);
}

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

  calendar = load_calendar (global, calendar_id, &error);
  if (calendar == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  thr_cli_print ("%d\n", thr_calendar_count_business_days (calendar, from, to));
  return THR_CLI_OK;
}

static int
add_closure (const ThrCliCommand *command,
             ThrCliGlobal        *global,
             const char          *calendar_id,
             int                  argc,
             char               **argv)
{
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  guint32 day;

  if (argc != 4)
    return thr_cli_usage (command, "add-closure takes a date and a reason");
  if (!thr_day_parse_iso (argv[2], &day))
    return thr_cli_usage (command, "DATE is not a date (YYYY-MM-DD)");
  store = thr_cli_open_store (global, &error);
  if (store == NULL || !thr_store_add_closure (store, calendar_id, day, argv[3], &error))
    return thr_cli_fail (g_steal_pointer (&error));
  date = thr_day_format (day);
  /* Translators: date, calendar id */
  thr_cli_print (_("Closed %s on the %s calendar\n"), date, calendar_id);
  return THR_CLI_OK;
}

static int
remove_closure (const ThrCliCommand *command,
                ThrCliGlobal        *global,
                const char          *calendar_id,
                int                  argc,
                char               **argv)
{
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  guint32 day;

  if (argc != 3)
    return thr_cli_usage (command, "remove-closure takes a date");
  if (!thr_day_parse_iso (argv[2], &day))
    return thr_cli_usage (command, "DATE is not a date (YYYY-MM-DD)");
  store = thr_cli_open_store (global, &error);
  if (store == NULL || !thr_store_remove_closure (store, calendar_id, day, &error))
    return thr_cli_fail (g_steal_pointer (&error));
  date = thr_day_format (day);
  /* Translators: date, calendar id */
  thr_cli_print (_("Reopened %s on the %s calendar\n"), date, calendar_id);
  return THR_CLI_OK;
}

static void
print_closures_json (GPtrArray *closures)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "closures");
  json_builder_begin_array (b);
  for (guint i = 0; i < closures->len; i++)
    {
      const ThrStoreClosure *closure = g_ptr_array_index (closures, i);
      g_autofree char *date = thr_day_format (closure->day);

      json_builder_begin_object (b);
      thr_cli_json_add_string (b, "calendar", closure->calendar);
      thr_cli_json_add_string (b, "date", date);
      thr_cli_json_add_string (b, "reason", closure->reason);
      thr_cli_json_add_string (b, "added_at", closure->added_at);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  thr_cli_print_json (root);
}

/* Only the closures the store holds: those of the calendar files are
 * listed with their holidays. */
static int
list_closures (const ThrCliCommand *command,
               ThrCliGlobal        *global,
               const char          *calendar_id,
               const char          *format_text,
               int                  argc)
{
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GPtrArray) closures = NULL;
  g_autoptr(GError) error = NULL;
  ThrCliFormat format;

  if (argc != 2)
    return thr_cli_usage (command, "closures takes no arguments");
  if (!thr_cli_parse_format (format_text, &format, &error) || format == THR_CLI_FORMAT_CSV)
    return thr_cli_usage (command, error ? error->message : "--format is text or json");
  store = thr_cli_open_store (global, &error);
  if (store == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  closures = thr_store_list_closures (store, calendar_id, &error);
  if (closures == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  if (format == THR_CLI_FORMAT_JSON)
    {
      print_closures_json (closures);
      return THR_CLI_OK;
    }
  for (guint i = 0; i < closures->len; i++)
    {
      const ThrStoreClosure *closure = g_ptr_array_index (closures, i);
      g_autofree char *date = thr_day_format (closure->day);

      thr_cli_print ("%s\t%s\t%s\n", closure->calendar, date, closure->reason);
    }
  return THR_CLI_OK;
}

int
thr_cli_calendar (ThrCliGlobal  *global,
                  int            argc,
                  char         **argv)
{
  const ThrCliCommand *command = thr_cli_find_command ("calendar");
  g_autofree char *calendar_id = NULL;
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "calendar", 'c', 0, G_OPTION_ARG_STRING, &calendar_id, N_("Calendar (indiana, missouri)"), "ID" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format of closures: text or json"), "FORMAT" },
    { NULL }
  };

  if (!thr_cli_parse_options (command, entries, &argc, &argv))
    return THR_CLI_USAGE;
  if (argc < 2)
    return thr_cli_usage (command, "expected add-closure, remove-closure or closures");
  if (g_str_equal (argv[1], "closures"))
    return list_closures (command, global, calendar_id, format, argc);
  if (calendar_id == NULL)
    return thr_cli_usage (command, "--calendar is required");
  if (g_str_equal (argv[1], "add-closure"))
    return add_closure (command, global, calendar_id, argc, argv);
  if (g_str_equal (argv[1], "remove-closure"))
    return remove_closure (command, global, calendar_id, argc, argv);
  return thr_cli_usage (command, "expected add-closure, remove-closure or closures");
}
