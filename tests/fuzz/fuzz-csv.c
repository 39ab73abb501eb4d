/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-csv.c — the CSV reader and its decoding, on any bytes */
#include "thr-core.h"
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *path = fuzz_write_input (data, size, ".csv");
  g_autoptr(ThrCsvReader) csv = thr_csv_reader_new (path, NULL);
  g_autoptr(GError) error = NULL;

  if (csv == NULL)
    return 0;
  while (thr_csv_reader_next (csv, &error))
    for (guint i = 0; i < thr_csv_reader_get_n_fields (csv); i++)
      {
        const char *field = thr_csv_reader_get_field (csv, i);
        /* Whatever the encoding, what comes out is UTF-8. */
        g_assert (g_utf8_validate (field, -1, NULL));
      }
  return 0;
}
