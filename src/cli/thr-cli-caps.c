/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cli-caps.c — caps [--format text|json]
 *                   caps set ID FIELD VALUE
 *                   caps action ID TEXT [--owner NAME] [--due YYYY-MM-DD]
 *                   caps done ACTION-ID YYYY-MM-DD
 *                   caps audit ID
 *
 * Listing first opens a CAP for every failure of the ledger that has none
 * (D2 ¶4: "the Contractor must submit a Corrective Action Plan"), so the
 * list is always complete for the data imported.
 */
#define G_LOG_DOMAIN "thr-cli"

#include <json-glib/json-glib.h>

#include "thr-cli.h"

static void
add_day (JsonBuilder *b,
         const char  *name,
         guint32      day)
{
  g_autofree char *text = day != 0 ? thr_day_format (day) : NULL;
  thr_cli_json_add_string (b, name, text);
}

static void
add_cap (JsonBuilder  *b,
         ThrContract  *contract,
         const ThrCap *cap)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, cap->id);
  thr_cli_json_add_string (b, "metric", cap->metric);
  thr_cli_json_add_string (b, "failure_month", cap->failure_month);
  thr_cli_json_add_string (b, "outcome", thr_cap_outcome_to_string (thr_cap_get_outcome (cap)));
  add_day (b, "documented_on", cap->documented_on);
  add_day (b, "cap_due", cap->cap_due);
  add_day (b, "submitted_on", cap->submitted_on);
  add_day (b, "review_due", cap->review_due);
  add_day (b, "approved_on", cap->approved_on);
  add_day (b, "implemented_on", cap->implemented_on);
  json_builder_set_member_name (b, "edited");
  json_builder_add_boolean_value (b, cap->edited);
  thr_cli_json_add_string (b, "failure_undone_at", cap->failure_undone_at);
  add_day (b, "closed_on", cap->closed_on);
  thr_cli_json_add_string (b, "close_reason", cap->close_reason);
  if (cap->failure != NULL)
    thr_cli_json_add_window (b, contract, cap->failure, cap->readings);
  else
    thr_cli_json_add_readings (b, contract, cap->readings);
  thr_cli_json_add_string (b, "deficiency", cap->deficiency);
  thr_cli_json_add_string (b, "root_cause", cap->root_cause);
  thr_cli_json_add_string (b, "monitoring", cap->monitoring);
  thr_cli_json_add_string (b, "evidence", cap->evidence);
  thr_cli_json_add_string (b, "signatories", cap->signatories);
  json_builder_set_member_name (b, "actions");
  json_builder_begin_array (b);
  for (guint i = 0; i < cap->actions->len; i++)
    {
      const ThrCapAction *a = g_ptr_array_index (cap->actions, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, a->id);
      thr_cli_json_add_string (b, "description", a->description);
      thr_cli_json_add_string (b, "owner", a->owner);
      add_day (b, "due_on", a->due_on);
      add_day (b, "done_on", a->done_on);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
print_json (GPtrArray   *caps,
            ThrContract *contract)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "caps");
  json_builder_begin_array (b);
  for (guint i = 0; i < caps->len; i++)
    add_cap (b, contract, g_ptr_array_index (caps, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  thr_cli_print_json (root);
}

static const char *
day_or_dash (guint32  day,
             char   **storage)
{
  *storage = day != 0 ? thr_day_format (day) : g_strdup ("—");
  return *storage;
}

static void
print_text (GPtrArray   *caps,
            ThrContract *contract)
{
  if (caps->len == 0)
    thr_cli_print ("No CAPs. %s\n", thr_cap_describe_none (contract));
  for (guint i = 0; i < caps->len; i++)
    {
      const ThrCap *cap = g_ptr_array_index (caps, i);
      g_autofree char *d = NULL, *due = NULL, *s = NULL, *r = NULL, *a = NULL, *im = NULL;

      thr_cli_print ("CAP %" G_GINT64_FORMAT "  %s missed %s  outcome %s\n", cap->id, cap->metric,
                     cap->failure_month, thr_cap_outcome_to_string (thr_cap_get_outcome (cap)));
      thr_cli_print ("  documented %s, due %s, submitted %s, review due %s, approved %s, implemented %s\n",
                     day_or_dash (cap->documented_on, &d), day_or_dash (cap->cap_due, &due),
                     day_or_dash (cap->submitted_on, &s), day_or_dash (cap->review_due, &r),
                     day_or_dash (cap->approved_on, &a), day_or_dash (cap->implemented_on, &im));
      if (cap->failure != NULL)
        thr_cli_print ("  %s\n", cap->failure->explanation);
      else if (cap->failure_undone_at != NULL)
        thr_cli_print ("  its failure was undone (%s): the import that showed it was removed; kept because it "
                       "was edited\n", cap->failure_undone_at);
      if (cap->closed_on != 0)
        {
          g_autofree char *closed = thr_day_format (cap->closed_on);

          thr_cli_print ("  closed %s: %s\n", closed, cap->close_reason ? cap->close_reason : "");
        }
      for (guint k = 0; k < cap->actions->len; k++)
        {
          const ThrCapAction *action = g_ptr_array_index (cap->actions, k);
          g_autofree char *ad = NULL, *dd = NULL;

          thr_cli_print ("  action %" G_GINT64_FORMAT ": %s (%s) due %s, done %s\n", action->id, action->description,
                         *action->owner ? action->owner : "no owner", day_or_dash (action->due_on, &ad),
                         day_or_dash (action->done_on, &dd));
        }
    }
}

static int
print_audit (ThrStore *store,
             gint64    cap_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trail = thr_cap_get_audit (store, cap_id, &error);

  if (trail == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < trail->len; i++)
    {
      const ThrCapAudit *a = g_ptr_array_index (trail, i);
      /* The words the window shows, in the local time zone. */
      g_autofree char *words = thr_cap_audit_describe (a, NULL);

      thr_cli_print ("%s  %-22s  %s → %s\n", a->at, a->field, a->old_value ? a->old_value : "∅",
                     a->new_value ? a->new_value : "∅");
      thr_cli_print ("    %s\n", words);
    }
  return THR_CLI_OK;
}

static gboolean
parse_id (const char *text,
          gint64     *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

/* The editing subcommands; argv[0] is the subcommand. */
static int
run_edit (const ThrCliCommand  *command,
          ThrStore             *store,
          int                   argc,
          char                **argv,
          const char           *owner,
          guint32               due)
{
  g_autoptr(GError) error = NULL;
  const char *sub = argv[0];
  gint64 id;
  guint32 day;

  if (argc < 2 || !parse_id (argv[1], &id))
    return thr_cli_usage (command, "expected an id after the subcommand");
  if (g_str_equal (sub, "audit") && argc == 2)
    return print_audit (store, id);
  if (g_str_equal (sub, "set") && argc == 4)
    {
      if (!thr_cap_set_field (store, id, argv[2], argv[3], &error))
        return thr_cli_fail (g_steal_pointer (&error));
      return THR_CLI_OK;
    }
  if (g_str_equal (sub, "action") && argc == 3)
    {
      gint64 action = thr_cap_add_action (store, id, argv[2], owner, due, &error);
      if (action == 0)
        return thr_cli_fail (g_steal_pointer (&error));
      thr_cli_print ("Added action %" G_GINT64_FORMAT " to CAP %" G_GINT64_FORMAT "\n", action, id);
      return THR_CLI_OK;
    }
  if (g_str_equal (sub, "done") && argc == 3)
    {
      if (!thr_day_parse_iso (argv[2], &day))
        return thr_cli_usage (command, "the done date is not a date (YYYY-MM-DD)");
      if (!thr_cap_set_action_done (store, id, day, &error))
        return thr_cli_fail (g_steal_pointer (&error));
      return THR_CLI_OK;
    }
  return thr_cli_usage (command, "unknown subcommand or wrong number of arguments");
}

int
thr_cli_caps (ThrCliGlobal  *global,
              int            argc,
              char         **argv)
{
  const ThrCliCommand *command = thr_cli_find_command ("caps");
  g_autofree char *format_text = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *due_text = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, N_("text (default) or json"), "FORMAT" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("Judge as if today were this date"), "YYYY-MM-DD" },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, N_("action: who carries it out"), "NAME" },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due_text, N_("action: its due date"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrLedger) ledger = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GPtrArray) caps = NULL;
  ThrCliFormat format;
  guint32 today = 0, due = 0;
  gint64 contract_id;

  if (!thr_cli_parse_options (command, entries, &argc, &argv))
    return THR_CLI_USAGE;
  if (!thr_cli_parse_format (format_text, &format, &error) || format == THR_CLI_FORMAT_CSV)
    return thr_cli_usage (command, error ? error->message : "csv is not offered for CAPs");
  if (today_text != NULL && !thr_day_parse_iso (today_text, &today))
    return thr_cli_usage (command, "--today is not a date (YYYY-MM-DD)");
  if (due_text != NULL && !thr_day_parse_iso (due_text, &due))
    return thr_cli_usage (command, "--due is not a date (YYYY-MM-DD)");

  ledger = thr_cli_compute_ledger (global, NULL, NULL, today, &store, &contract_id, &error);
  if (ledger == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  if (!thr_cap_sync_on (store, contract_id, ledger, today, NULL, &error))
    return thr_cli_fail (g_steal_pointer (&error));
  if (argc > 1)
    return run_edit (command, store, argc - 1, argv + 1, owner, due);

  caps = thr_cap_list (store, contract_id, ledger, &error);
  if (caps == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  if (format == THR_CLI_FORMAT_JSON)
    print_json (caps, thr_ledger_get_contract (ledger));
  else
    print_text (caps, thr_ledger_get_contract (ledger));
  return THR_CLI_OK;
}
