/* thr-export.c — the export table model and its CSV writer */
#define G_LOG_DOMAIN "thr-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "thr-csv.h"
#include "thr-export-private.h"

static void
cell_clear (gpointer data)
{
  ThrExportCell *cell = data;

  g_clear_pointer (&cell->text, g_free);
}

ThrExportTable *
thr_export_table_new (const char * const *headers)
{
  ThrExportTable *table;

  g_return_val_if_fail (headers != NULL && headers[0] != NULL, NULL);

  table = g_new0 (ThrExportTable, 1);
  table->headers = g_strdupv ((char **) headers);
  table->n_columns = g_strv_length (table->headers);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  return table;
}

void
thr_export_table_free (ThrExportTable *table)
{
  if (table == NULL)
    return;
  g_strfreev (table->headers);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

guint
thr_export_table_get_n_rows (ThrExportTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->rows->len;
}

void
thr_export_table_begin_row (ThrExportTable *table)
{
  GArray *row;

  g_return_if_fail (table != NULL);

  row = g_array_sized_new (FALSE, TRUE, sizeof (ThrExportCell), table->n_columns);
  g_array_set_clear_func (row, cell_clear);
  g_ptr_array_add (table->rows, row);
}

static ThrExportCell *
next_cell (ThrExportTable *table)
{
  GArray *row;
  ThrExportCell empty = { 0 };

  g_return_val_if_fail (table->rows->len > 0, NULL);
  row = g_ptr_array_index (table->rows, table->rows->len - 1);
  g_return_val_if_fail (row->len < table->n_columns, NULL);
  g_array_append_val (row, empty);
  return &g_array_index (row, ThrExportCell, row->len - 1);
}

void
thr_export_table_add_text (ThrExportTable *table,
                           const char     *text)
{
  ThrExportCell *cell;

  g_return_if_fail (table != NULL);

  cell = next_cell (table);
  if (cell == NULL)
    return;
  /* An empty text is an empty cell, not a zero-length string in the sheet. */
  if (text == NULL || *text == '\0')
    return;
  cell->kind = THR_EXPORT_CELL_TEXT;
  cell->text = g_strdup (text);
}

void
thr_export_table_add_number (ThrExportTable  *table,
                             double           value,
                             ThrExportNumber  kind)
{
  ThrExportCell *cell;

  g_return_if_fail (table != NULL);

  cell = next_cell (table);
  if (cell == NULL)
    return;
  cell->kind = THR_EXPORT_CELL_NUMBER;
  cell->number = value;
  cell->number_kind = kind;
}

void
thr_export_table_add_empty (ThrExportTable *table)
{
  g_return_if_fail (table != NULL);

  next_cell (table);
}

gboolean
thr_export_format_from_string (const char      *text,
                               ThrExportFormat *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (g_strcmp0 (text, "csv") == 0)
    *out = THR_EXPORT_CSV;
  else if (g_strcmp0 (text, "xlsx") == 0)
    *out = THR_EXPORT_XLSX;
  else
    return FALSE;
  return TRUE;
}

/* ---- CSV ------------------------------------------------------------------ */

/* Up to four decimals without trailing zeros, "." as the decimal point:
 * 93.5524, 120000, 0.5. */
static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_ascii_formatd (buf, sizeof buf, "%.4f", value);
  end = buf + strlen (buf) - 1;
  while (end > buf && *end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';
  if (g_str_equal (buf, "-0"))
    g_strlcpy (buf, "0", sizeof buf);
  g_string_append (out, buf);
}

char *
thr_export_table_to_csv (ThrExportTable *table)
{
  GString *out;

  g_return_val_if_fail (table != NULL, NULL);

  out = g_string_new (NULL);
  for (guint c = 0; c < table->n_columns; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      thr_csv_append_field (out, table->headers[c]);
    }
  g_string_append (out, "\r\n");
  for (guint r = 0; r < table->rows->len; r++)
    {
      GArray *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        {
          const ThrExportCell *cell = c < row->len ? &g_array_index (row, ThrExportCell, c) : NULL;

          if (c > 0)
            g_string_append_c (out, ',');
          if (cell && cell->kind == THR_EXPORT_CELL_TEXT)
            thr_csv_append_field (out, cell->text);
          else if (cell && cell->kind == THR_EXPORT_CELL_NUMBER)
            append_number (out, cell->number);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

static gboolean
write_csv (ThrExportTable  *table,
           const char      *path,
           GError         **error)
{
  g_autofree char *csv = thr_export_table_to_csv (table);

  return g_file_set_contents_full (path, csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

gboolean
thr_export_table_write (ThrExportTable   *table,
                        ThrExportFormat   format,
                        const char       *sheet_name,
                        const char       *path,
                        GError          **error)
{
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (format)
    {
    case THR_EXPORT_CSV:
      return write_csv (table, path, error);
    case THR_EXPORT_XLSX:
      return thr_export_table_write_xlsx (table, sheet_name ? sheet_name : _("Sheet"), path, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}
