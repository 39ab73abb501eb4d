/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cli-copy-store.c — copy-store FROM TO
 *
 * A store file into a team store on PostgreSQL, or back, or file to file:
 * every row with its id, in one transaction of TO, which must be new or
 * hold no contract.  Then the copy is checked: every table holds as many
 * rows as the original, and each contract's ledger, computed from each
 * store, has the same checksum.
 */
#define G_LOG_DOMAIN "thr-cli"

#include <glib/gi18n.h>

#include "thr-cli.h"

static ThrStore *
open_original (ThrCliGlobal  *global,
               const char    *from,
               GError       **error)
{
  if (!thr_store_is_team_address (from) && !g_file_test (from, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s: no such store; nothing was copied"), from);
      return NULL;
    }
  return thr_cli_track_store (global, thr_store_open (from, error));
}

static gboolean
check_counts (ThrStore  *from,
              ThrStore  *to,
              GError   **error)
{
  g_autofree char *original = thr_store_count_rows (from, error);
  g_autofree char *copy = original ? thr_store_count_rows (to, error) : NULL;

  if (copy == NULL)
    return FALSE;
  if (!g_str_equal (original, copy))
    {
      g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_INVALID,
                   _("the copy does not hold the rows of the original (%s; the copy: %s)"), original, copy);
      return FALSE;
    }
  thr_cli_print (_("Rows: %s\n"), copy);
  return TRUE;
}

static gboolean
check_ledgers (ThrStore  *from,
               ThrStore  *to,
               GError   **error)
{
  g_autoptr(GPtrArray) contracts = thr_store_list_contracts (from, error);

  if (contracts == NULL)
    return FALSE;
  for (guint i = 0; i < contracts->len; i++)
    {
      const ThrStoreContract *contract = g_ptr_array_index (contracts, i);
      g_autoptr(ThrLedger) original = thr_ledger_compute_for_store (from, contract->id, NULL, NULL, 0, error);
      g_autoptr(ThrLedger) copy = original ? thr_ledger_compute_for_store (to, contract->id, NULL, NULL, 0, error)
                                           : NULL;
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, contract->id);
      g_autofree char *original_sum = NULL;
      g_autofree char *copy_sum = NULL;

      if (copy == NULL)
        return FALSE;
      original_sum = thr_ledger_checksum (original);
      copy_sum = thr_ledger_checksum (copy);
      if (!g_str_equal (original_sum, copy_sum))
        {
          g_set_error (error, THR_STORE_ERROR, THR_STORE_ERROR_INVALID,
                       _("contract %s: the copy’s ledger differs from the original’s (SHA-256 %s, the copy’s %s)"),
                       id, original_sum, copy_sum);
          return FALSE;
        }
      thr_cli_print (_("Ledger of contract %s: SHA-256 %s in both\n"), id, copy_sum);
    }
  return TRUE;
}

int
thr_cli_copy_store (ThrCliGlobal  *global,
                    int            argc,
                    char         **argv)
{
  const ThrCliCommand *command = thr_cli_find_command ("copy-store");
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) from = NULL;
  g_autoptr(ThrStore) to = NULL;
  g_autofree char *n_text = NULL;
  guint64 n_rows = 0;

  if (!thr_cli_parse_options (command, entries, &argc, &argv))
    return THR_CLI_USAGE;
  if (argc != 3)
    return thr_cli_usage (command, _("give the store to copy and the store to copy it into"));

  from = open_original (global, argv[1], &error);
  if (from == NULL || (to = thr_cli_track_store (global, thr_store_open (argv[2], &error))) == NULL)
    return thr_cli_fail (g_steal_pointer (&error));
  if (!thr_store_copy_rows (from, to, &n_rows, &error))
    return thr_cli_fail (g_steal_pointer (&error));
  n_text = g_strdup_printf ("%" G_GUINT64_FORMAT, n_rows);
  thr_cli_print (_("Copied %s rows from %s to %s\n"), n_text, thr_store_get_path (from), thr_store_get_path (to));
  if (!check_counts (from, to, &error) || !check_ledgers (from, to, &error))
    return thr_cli_fail (g_steal_pointer (&error));
  return THR_CLI_OK;
}
