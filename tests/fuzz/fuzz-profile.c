/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-profile.c — the import profile loader (a user's JSON file) on any bytes */
#include "thr-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(ThrProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = thr_profile_new_from_bytes (bytes, "fuzz.json", &error);
  /* Either a profile or an error that says why, never both or neither. */
  g_assert ((profile == NULL) != (error == NULL));
  if (profile != NULL)
    {
      GPtrArray *columns = thr_profile_get_columns (profile);

      g_assert (thr_profile_get_id (profile) != NULL);
      g_assert (thr_profile_get_kind (profile) != NULL);
      for (guint i = 0; i < columns->len; i++)
        {
          const ThrProfileColumn *column = g_ptr_array_index (columns, i);

          g_assert (column->field != NULL);
          g_assert (thr_profile_find_column (profile, column->field) != NULL);
        }
    }
  return 0;
}
