/* thr-export-xlsx.c — an export table as one .xlsx worksheet (libxlsxwriter)
 *
 * Numbers stay numbers with a number format, so a spreadsheet can sum and
 * chart them; the header row is bold, frozen and filtered.  Percentages
 * keep Threshold's 0–100 scale with a literal "%" in the format: Excel's
 * own percent format would multiply them by 100.
 */
#define G_LOG_DOMAIN "thr-export"

#include "config.h"

#include <errno.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "thr-export-private.h"

#define MIN_COLUMN_WIDTH  8.0
#define MAX_COLUMN_WIDTH 60.0
#define MAX_SHEET_NAME   31     /* Excel's limit */

typedef struct {
  lxw_format *header;
  lxw_format *numbers[THR_EXPORT_NUMBER_DOLLARS + 1];
} Formats;

static void
add_formats (lxw_workbook *workbook,
             Formats      *formats)
{
  static const char *codes[] = {
    [THR_EXPORT_NUMBER_PLAIN] = "General",
    [THR_EXPORT_NUMBER_INTEGER] = "#,##0",
    [THR_EXPORT_NUMBER_PERCENT] = "0.00\" %\"",
    [THR_EXPORT_NUMBER_SECONDS] = "0.0\" s\"",
    [THR_EXPORT_NUMBER_DOLLARS] = "\"$\"#,##0.00",
  };

  formats->header = workbook_add_format (workbook);
  format_set_bold (formats->header);
  format_set_bottom (formats->header, LXW_BORDER_THIN);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      formats->numbers[i] = workbook_add_format (workbook);
      format_set_num_format (formats->numbers[i], codes[i]);
    }
}

/* Excel refuses some characters in sheet names and more than 31 of them. */
static char *
sheet_name_for (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p && g_utf8_strlen (out->str, -1) < MAX_SHEET_NAME; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, strchr ("[]:*?/\\", (int) c) && c < 128 ? '-' : c);
    }
  if (out->len == 0)
    g_string_append (out, "Sheet1");
  return g_string_free (out, FALSE);
}

static double
text_width (const char *text)
{
  return text ? (double) g_utf8_strlen (text, -1) + 2 : 0;
}

static void
write_cells (lxw_worksheet  *sheet,
             ThrExportTable *table,
             const Formats  *formats,
             double         *widths)
{
  for (guint c = 0; c < table->n_columns; c++)
    {
      worksheet_write_string (sheet, 0, c, table->headers[c], formats->header);
      widths[c] = text_width (table->headers[c]);
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      GArray *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < row->len; c++)
        {
          const ThrExportCell *cell = &g_array_index (row, ThrExportCell, c);

          if (cell->kind == THR_EXPORT_CELL_TEXT)
            {
              worksheet_write_string (sheet, r + 1, c, cell->text, NULL);
              widths[c] = MAX (widths[c], text_width (cell->text));
            }
          else if (cell->kind == THR_EXPORT_CELL_NUMBER)
            {
              worksheet_write_number (sheet, r + 1, c, cell->number, formats->numbers[cell->number_kind]);
              widths[c] = MAX (widths[c], 12);
            }
        }
    }
}

static gboolean
fill_workbook (lxw_workbook    *workbook,
               ThrExportTable  *table,
               const char      *sheet_name,
               GError         **error)
{
  g_autofree char *name = sheet_name_for (sheet_name);
  g_autofree double *widths = g_new0 (double, table->n_columns);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, name);
  Formats formats;

  if (sheet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” cannot name a worksheet"), name);
      return FALSE;
    }
  add_formats (workbook, &formats);
  write_cells (sheet, table, &formats, widths);
  for (guint c = 0; c < table->n_columns; c++)
    worksheet_set_column (sheet, c, c, CLAMP (widths[c], MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH), NULL);
  /* The header stays in view while scrolling, and filters each column. */
  worksheet_freeze_panes (sheet, 1, 0);
  worksheet_autofilter (sheet, 0, 0, table->rows->len, table->n_columns - 1);
  return TRUE;
}

/* libxlsxwriter writes straight to its file name: it writes a temporary
 * file beside @path, renamed over @path only once complete. */
gboolean
thr_export_table_write_xlsx (ThrExportTable  *table,
                             const char      *sheet_name,
                             const char      *path,
                             GError         **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s.XXXXXX", path);
  lxw_workbook *workbook;
  lxw_error status;
  int fd;

  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  workbook = workbook_new (tmp);
  if (workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s"), path);
      g_unlink (tmp);
      return FALSE;
    }
  if (!fill_workbook (workbook, table, sheet_name, error))
    {
      workbook_close (workbook);
      g_unlink (tmp);
      return FALSE;
    }
  status = workbook_close (workbook);
  if (status != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s: %s"), path,
                   lxw_strerror (status));
      g_unlink (tmp);
      return FALSE;
    }
  /* g_mkstemp() made it private; an export is an ordinary file. */
  g_chmod (tmp, 0644);
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write %s: %s"), path, g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}
