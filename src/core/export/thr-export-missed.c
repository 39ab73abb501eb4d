/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-export-missed.c — the records behind a "within N days" figure, as a table
 *
 * The metric page's "Export the Records" writes this table through the
 * same writers as every other export, so its fields get the same quoting
 * and formula guard.
 */
#define G_LOG_DOMAIN "thr-export"

#include "config.h"

#include "thr-export.h"

static const char * const missed_columns[] = {
  "task_id", "type", "received", "deadline", "completed", "days_late", NULL,
};

static void
add_day (ThrExportTable *table,
         guint32         day)
{
  g_autofree char *text = day != 0 ? thr_day_format (day) : NULL;

  if (text != NULL)
    thr_export_table_add_text (table, text);
  else
    thr_export_table_add_empty (table);
}

ThrExportTable *
thr_export_missed_table (GPtrArray *records,
                         guint32    today)
{
  ThrExportTable *table;

  g_return_val_if_fail (records != NULL, NULL);

  table = thr_export_table_new (missed_columns);
  for (guint i = 0; i < records->len; i++)
    {
      const ThrMissedRecord *record = g_ptr_array_index (records, i);

      thr_export_table_begin_row (table);
      thr_export_table_add_text (table, record->task_id);
      thr_export_table_add_text (table, record->type);
      add_day (table, record->received);
      add_day (table, record->deadline);
      add_day (table, record->completed);
      if (record->completed != 0 || today != 0)
        thr_export_table_add_number (table, thr_missed_record_days_late (record, today), THR_EXPORT_NUMBER_INTEGER);
      else
        thr_export_table_add_empty (table);
    }
  return table;
}
