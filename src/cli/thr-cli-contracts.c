/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cli-contracts.c — templates, init, contracts */
#define G_LOG_DOMAIN "thr-cli"

#include "thr-cli.h"

int
thr_cli_templates (ThrCliGlobal  *global,
                   int            argc,
                   char         **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_auto(GStrv) ids = NULL;

  if (!thr_cli_parse_options (thr_cli_find_command ("templates"), entries, &argc, &argv))
    return THR_CLI_USAGE;

  ids = thr_contract_list_templates ();
  for (guint i = 0; ids[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ThrContract) contract = thr_contract_load_template (ids[i], &error);

      if (contract == NULL)
        return thr_cli_fail (g_steal_pointer (&error));
      thr_cli_print ("%s\t%u metrics\t%s\n", ids[i], thr_contract_get_n_metrics (contract),
                     thr_contract_get_title (contract));
    }
  return THR_CLI_OK;
}

int
thr_cli_init (ThrCliGlobal  *global,
              int            argc,
              char         **argv)
{
  const ThrCliCommand *command = thr_cli_find_command ("init");
  g_autofree char *template_id = NULL;
  g_autofree char *name = NULL;
  GOptionEntry entries[] = {
    { "template", 't', 0, G_OPTION_ARG_STRING, &template_id, N_("Template to start from"), "ID" },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_("A name for the contract"), "TEXT" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrContract) contract = NULL;
  g_autoptr(ThrStore) store = NULL;
  gint64 id;

  if (!thr_cli_parse_options (command, entries, &argc, &argv))
    return THR_CLI_USAGE;
  if (template_id == NULL)
    return thr_cli_usage (command, "--template is required (see “threshold-cli templates”)");

  contract = thr_contract_load_template (template_id, &error);
  if (contract == NULL || (store = thr_cli_create_store (global, &error)) == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  id = thr_store_add_contract (store, template_id, name ? name : thr_contract_get_title (contract),
                               thr_contract_get_definition (contract), &error);
  if (id == 0)
    return thr_cli_fail (g_steal_pointer (&error));
  thr_cli_print ("Created contract %" G_GINT64_FORMAT " (%s) in %s\n", id, template_id, global->db_path);
  return THR_CLI_OK;
}

int
thr_cli_contracts (ThrCliGlobal  *global,
                   int            argc,
                   char         **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (!thr_cli_parse_options (thr_cli_find_command ("contracts"), entries, &argc, &argv))
    return THR_CLI_USAGE;
  store = thr_cli_open_store (global, &error);
  if (store == NULL || (list = thr_store_list_contracts (store, &error)) == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < list->len; i++)
    {
      ThrStoreContract *c = g_ptr_array_index (list, i);
      thr_cli_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", c->id, c->template_id, c->name, c->created_at);
    }
  return THR_CLI_OK;
}
