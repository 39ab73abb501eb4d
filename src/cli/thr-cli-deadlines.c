/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cli-deadlines.c — deadlines [--today YYYY-MM-DD] [--format text|json|ics]
 *
 * The iCalendar output follows RFC 5545: CRLF line ends, content lines
 * folded at 75 octets (never inside a UTF-8 character), TEXT values
 * escaped, one all-day VEVENT per item with a stable UID.
 */
#define G_LOG_DOMAIN "thr-cli"

#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "thr-cli.h"

/* Section: iCalendar */

/* The core writes the calendar (thr-export-deadlines.c): UIDs unique to
 * this store, SEQUENCE for dates that moved, titles naming the contract. */

/* The contract's name in the store, for the calendar and its titles. */
static char *
contract_name (ThrStore *store,
               gint64    contract_id)
{
  g_autoptr(GPtrArray) contracts = thr_store_list_contracts (store, NULL);

  for (guint i = 0; contracts != NULL && i < contracts->len; i++)
    {
      const ThrStoreContract *contract = g_ptr_array_index (contracts, i);

      if (contract->id == contract_id)
        return g_strdup (contract->name);
    }
  return g_strdup_printf ("%" G_GINT64_FORMAT, contract_id);
}

static gboolean
print_ics (ThrStore     *store,
           GPtrArray    *items,
           gint64        contract_id,
           ThrIcsFlags   flags,
           GError      **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *name = contract_name (store, contract_id);
  g_autofree char *text = thr_export_deadlines_ics (store, contract_id, name, items, flags, now, error);

  if (text == NULL)
    return FALSE;
  fputs (text, stdout);
  return TRUE;
}

/* Section: text and JSON */

static void
print_json (GPtrArray *items,
            guint32    today)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *today_text = thr_day_format (today);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "today");
  json_builder_add_string_value (b, today_text);
  json_builder_set_member_name (b, "deadlines");
  json_builder_begin_array (b);
  for (guint i = 0; i < items->len; i++)
    {
      const ThrDeadlineItem *item = g_ptr_array_index (items, i);
      g_autofree char *date = thr_day_format (item->day);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "date");
      json_builder_add_string_value (b, date);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, thr_deadline_kind_to_string (item->kind));
      json_builder_set_member_name (b, "state");
      json_builder_add_string_value (b, thr_deadline_state_to_string (item->state));
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, item->key);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, item->title);
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, item->description);
      json_builder_set_member_name (b, "cap");
      if (item->cap_id != 0)
        json_builder_add_int_value (b, item->cap_id);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  thr_cli_print_json (root);
}

static void
print_text (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      const ThrDeadlineItem *item = g_ptr_array_index (items, i);
      g_autofree char *date = thr_day_format (item->day);

      thr_cli_print ("%s  %-8s  %-13s  %s\n", date, thr_deadline_state_to_string (item->state),
                     thr_deadline_kind_to_string (item->kind), item->title);
    }
}

/* --omit-done: what a calendar or a script still has to act on. */
static void
drop_done (GPtrArray *items)
{
  for (guint i = items->len; i > 0; i--)
    {
      const ThrDeadlineItem *item = g_ptr_array_index (items, i - 1);

      if (item->state == THR_DEADLINE_DONE)
        g_ptr_array_remove_index (items, i - 1);
    }
}

int
thr_cli_deadlines (ThrCliGlobal  *global,
                   int            argc,
                   char         **argv)
{
  const ThrCliCommand *command = thr_cli_find_command ("deadlines");
  g_autofree char *format_text = NULL;
  g_autofree char *today_text = NULL;
  gboolean omit_done = FALSE, alarm = FALSE;
  GOptionEntry entries[] = {
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("Judge as if today were this date"), "YYYY-MM-DD" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_("text (default), json or ics"), "FORMAT" },
    { "omit-done", 0, 0, G_OPTION_ARG_NONE, &omit_done, N_("Leave out the dates that are done"), NULL },
    { "alarm", 0, 0, G_OPTION_ARG_NONE, &alarm, N_("With --format ics, a reminder the day before each open date"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrLedger) ledger = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GPtrArray) caps = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gboolean ics;
  ThrCliFormat format = THR_CLI_FORMAT_TEXT;
  guint32 today = 0;
  gint64 contract_id;

  if (!thr_cli_parse_options (command, entries, &argc, &argv))
    return THR_CLI_USAGE;
  ics = g_strcmp0 (format_text, "ics") == 0;
  if (!ics && (!thr_cli_parse_format (format_text, &format, &error) || format == THR_CLI_FORMAT_CSV))
    return thr_cli_usage (command, "unknown format (expected text, json or ics)");
  if (today_text != NULL && !thr_day_parse_iso (today_text, &today))
    return thr_cli_usage (command, "--today is not a date (YYYY-MM-DD)");

  ledger = thr_cli_compute_ledger (global, NULL, NULL, today, &store, &contract_id, &error);
  if (ledger == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  if (today == 0)
    {
      g_autoptr(GBytes) definition = thr_store_get_definition (store, contract_id, NULL);
      g_autoptr(ThrContract) contract = definition ? thr_contract_new_from_bytes (definition, "store", NULL) : NULL;

      today = thr_day_today_in (contract != NULL ? thr_contract_get_timezone (contract) : NULL);
    }
  if (!thr_cap_sync_on (store, contract_id, ledger, today, NULL, &error))
    return thr_cli_fail (g_steal_pointer (&error));
  caps = thr_cap_list (store, contract_id, ledger, &error);
  if (caps == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  items = thr_deadlines_collect (ledger, caps, today);
  /* The calendar leaves done dates out itself: it still records them,
   * so their later moves are counted. */
  if (omit_done && !ics)
    drop_done (items);

  if (ics)
    {
      ThrIcsFlags flags = (alarm ? THR_ICS_FLAGS_ALARM : 0) | (omit_done ? THR_ICS_FLAGS_OMIT_DONE : 0);

      if (!print_ics (store, items, contract_id, flags, &error))
        return thr_cli_fail (g_steal_pointer (&error));
    }
  else if (format == THR_CLI_FORMAT_JSON)
    print_json (items, today);
  else
    print_text (items);
  return THR_CLI_OK;
}
