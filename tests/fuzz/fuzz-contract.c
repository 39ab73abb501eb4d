/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-contract.c — the contract loader on any bytes */
#include "thr-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ThrContract) contract = NULL;
  g_autoptr(GError) error = NULL;
  static gboolean initialized;

  if (!initialized)
    {
      thr_core_init ();
      initialized = TRUE;
    }
  bytes = g_bytes_new (data, size);
  contract = thr_contract_new_from_bytes (bytes, "fuzz.json", &error);
  /* Either a contract or an error that says why, never both or neither. */
  g_assert ((contract == NULL) != (error == NULL));
  return 0;
}
