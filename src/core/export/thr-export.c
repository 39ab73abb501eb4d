/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-export.c — the export table model and its CSV writer */
#define G_LOG_DOMAIN "thr-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "thr-csv.h"
#include "thr-export-private.h"
#include "thr-period.h"

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
  g_strfreev (table->titles);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

void
thr_export_table_set_titles (ThrExportTable     *table,
                             const char * const *titles)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (titles != NULL && g_strv_length ((char **) titles) == table->n_columns);

  g_strfreev (table->titles);
  table->titles = g_strdupv ((char **) titles);
}

void
thr_export_table_set_titles_translated (ThrExportTable     *table,
                                        const char * const *msgids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) titles = NULL;

  for (guint i = 0; msgids[i]; i++)
    g_strv_builder_add (builder, _(msgids[i]));
  titles = g_strv_builder_end (builder);
  thr_export_table_set_titles (table, (const char * const *) titles);
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

/* Excel's limit on a cell's text; a longer one is cut, saying so, rather
 * than left for the spreadsheet to cut silently or refuse the file. */
#define MAX_CELL_CHARS 32767

static char *
bounded_text (const char *text)
{
  g_autofree char *note = NULL;
  glong n = g_utf8_strlen (text, -1);
  const char *end;

  if (n <= MAX_CELL_CHARS)
    return g_strdup (text);
  /* Translators: %ld is the length of the whole text in characters */
  note = g_strdup_printf (_(" … [cut: the text has %ld characters, more than a spreadsheet cell holds]"), n);
  end = g_utf8_offset_to_pointer (text, MAX_CELL_CHARS - g_utf8_strlen (note, -1));
  return g_strdup_printf ("%.*s%s", (int) (end - text), text, note);
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
  cell->text = bounded_text (text);
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

void
thr_export_table_add_boolean (ThrExportTable *table,
                              gboolean        value)
{
  ThrExportCell *cell;

  g_return_if_fail (table != NULL);

  cell = next_cell (table);
  if (cell == NULL)
    return;
  cell->kind = THR_EXPORT_CELL_BOOLEAN;
  cell->number = value ? 1 : 0;
}

void
thr_export_table_add_period (ThrExportTable *table,
                             const char     *label)
{
  ThrExportCell *cell;
  ThrPeriod period;

  g_return_if_fail (table != NULL);

  cell = next_cell (table);
  if (cell == NULL || label == NULL || *label == '\0')
    return;
  cell->kind = THR_EXPORT_CELL_TEXT;
  cell->text = g_strdup (label);
  if (!thr_period_parse (label, &period, NULL))
    return;
  if (period.kind == THR_PERIOD_MONTH)
    cell->kind = THR_EXPORT_CELL_MONTH;
  else if (period.kind == THR_PERIOD_WEEK)
    cell->kind = THR_EXPORT_CELL_DAY;
  cell->number = period.first;
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

/* Money is exact dollars with cents (3000.00), never a rounded double. */
static void
append_cell (GString             *out,
             const ThrExportCell *cell)
{
  if (cell->kind == THR_EXPORT_CELL_BOOLEAN)
    g_string_append (out, cell->number != 0 ? "true" : "false");
  else if (cell->text != NULL)
    thr_csv_append_field (out, cell->text);
  else if (cell->kind == THR_EXPORT_CELL_NUMBER && cell->number_kind == THR_EXPORT_NUMBER_DOLLARS)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.2f", cell->number == 0 ? 0 : cell->number));
    }
  else if (cell->kind == THR_EXPORT_CELL_NUMBER)
    append_number (out, cell->number);
}

char *
thr_export_table_to_csv_full (ThrExportTable *table,
                              ThrExportFlags  flags)
{
  const char *eol = (flags & THR_EXPORT_FLAGS_CSV_LF) ? "\n" : "\r\n";
  GString *out;

  g_return_val_if_fail (table != NULL, NULL);

  out = g_string_new ((flags & THR_EXPORT_FLAGS_CSV_BOM) ? "\xEF\xBB\xBF" : NULL);
  for (guint c = 0; c < table->n_columns; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      thr_csv_append_field (out, table->headers[c]);
    }
  g_string_append (out, eol);
  for (guint r = 0; r < table->rows->len; r++)
    {
      GArray *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          if (c < row->len)
            append_cell (out, &g_array_index (row, ThrExportCell, c));
        }
      g_string_append (out, eol);
    }
  return g_string_free (out, FALSE);
}

char *
thr_export_table_to_csv (ThrExportTable *table)
{
  return thr_export_table_to_csv_full (table, THR_EXPORT_FLAGS_NONE);
}

static gboolean
write_csv (ThrExportTable  *table,
           ThrExportFlags   flags,
           const char      *path,
           GError         **error)
{
  g_autofree char *table_csv = thr_export_table_to_csv (table);
  g_autofree char *csv = (flags & THR_EXPORT_FLAGS_CSV_BOM) ? g_strconcat ("\xEF\xBB\xBF", table_csv, NULL)
                                                           : g_steal_pointer (&table_csv);

  return g_file_set_contents_full (path, csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

gboolean
thr_export_table_write (ThrExportTable   *table,
                        ThrExportFormat   format,
                        const char       *sheet_name,
                        const char       *path,
                        GError          **error)
{
  return thr_export_table_write_full (table, format, THR_EXPORT_FLAGS_NONE, sheet_name, path, error);
}

gboolean
thr_export_table_write_full (ThrExportTable   *table,
                             ThrExportFormat   format,
                             ThrExportFlags    flags,
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
      return write_csv (table, flags, path, error);
    case THR_EXPORT_XLSX:
      return thr_export_table_write_xlsx (table, sheet_name ? sheet_name : _("Sheet"), path, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}
