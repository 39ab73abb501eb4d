/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-xlsx.c — the .xlsx reader (zip and XML) on any bytes */
#include "thr-core.h"
#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *path = fuzz_write_input (data, size, ".xlsx");
  g_autoptr(ThrXlsxReader) xlsx = thr_xlsx_reader_new (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  guint rows = 0;

  if (xlsx == NULL)
    return 0;
  /* A row can be a million cells wide; a few thousand rows say enough. */
  while (rows++ < 5000 && thr_xlsx_reader_next (xlsx, &error))
    for (guint i = 0; i < thr_xlsx_reader_get_n_fields (xlsx); i++)
      g_assert (thr_xlsx_reader_get_field (xlsx, i) != NULL);
  return 0;
}
