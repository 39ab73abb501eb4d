/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-sheet.c — rows of cells from a CSV file or an .xlsx worksheet
 *
 * The importer reads every source through this one interface, so a
 * problem is reported as FILE:ROW:COLUMN whether it came from a CSV line
 * or from cell AA12 of a worksheet.
 */
#define G_LOG_DOMAIN "thr-sheet"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "thr-csv.h"
#include "thr-values.h"
#include "thr-sheet.h"
#include "thr-xlsx.h"

struct _ThrSheetReader
{
  ThrCsvReader  *csv;
  ThrXlsxReader *xlsx;
  char          *path;
};

/* Only a regular file is read: opening a FIFO blocks until someone
 * writes to it, /dev/zero never ends, and a folder read as a file looked
 * "empty".  Each gets a message that says what it is. */
static gboolean
check_regular_file (const char  *path,
                    GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "%s is a folder, not a file; choose a file in it", path);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   "%s is not a regular file (a pipe, a socket or a device); save the data to a file and import that",
                   path);
      return FALSE;
    }
  return TRUE;
}

/* The first bytes of the file, enough to tell a zip, a legacy .xls and
 * an HTML page apart. */
static gsize
read_magic (const char *path,
            guchar     *magic,
            gsize       size)
{
  FILE *file = g_fopen (path, "rb");
  gsize n;

  if (file == NULL)
    return 0;
  n = fread (magic, 1, size, file);
  fclose (file);
  return n;
}

/* An HTML table saved with an .xls name (as web reports export "Excel"):
 * after a byte order mark and blanks, a tag that starts a page. */
static gboolean
looks_like_html (const guchar *magic,
                 gsize         n)
{
  g_autofree char *head = NULL;
  gsize i = 0;

  if (n >= 3 && memcmp (magic, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < n && g_ascii_isspace (magic[i]))
    i++;
  head = g_ascii_strdown ((const char *) magic + i, n - i);
  return g_str_has_prefix (head, "<!doctype html") || g_str_has_prefix (head, "<html")
         || g_str_has_prefix (head, "<table") || g_str_has_prefix (head, "<?xml version=\"1.0\"?>\n<?mso-application");
}

/* A legacy Excel workbook (an OLE2 compound file, D0 CF 11 E0) or an HTML
 * page is not parsed as CSV: that would import nonsense or fail far
 * from the reason. */
static gboolean
refuse_other_formats (const char    *path,
                      const guchar  *magic,
                      gsize          n,
                      GError       **error)
{
  const char *what = NULL;

  if (n >= 8 && memcmp (magic, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
    what = "a legacy Excel workbook (.xls, Excel 97–2003)";
  else if (looks_like_html (magic, n))
    what = "a web page (HTML) saved with a spreadsheet's name";
  if (what == NULL)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "%s:1:1: this is %s, which Threshold does not read; open it in your spreadsheet and save it "
               "as .xlsx or CSV", path, what);
  return FALSE;
}

ThrSheetReader *
thr_sheet_reader_open (const char  *path,
                       const char  *sheet,
                       GError     **error)
{
  g_autoptr(ThrSheetReader) self = g_new0 (ThrSheetReader, 1);
  guchar magic[65] = { 0 };
  gsize n;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_regular_file (path, error))
    return NULL;
  self->path = g_strdup (path);
  n = read_magic (path, magic, sizeof magic - 1);
  if (!refuse_other_formats (path, magic, n, error))
    return NULL;
  if (n >= 4 && memcmp (magic, "PK\x03\x04", 4) == 0)
    self->xlsx = thr_xlsx_reader_new (path, sheet, error);
  else if (sheet != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s: a sheet was chosen, but this is not an Excel workbook", path);
      return NULL;
    }
  else
    self->csv = thr_csv_reader_new (path, error);
  if (self->csv == NULL && self->xlsx == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

void
thr_sheet_reader_free (ThrSheetReader *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->csv, thr_csv_reader_free);
  g_clear_pointer (&self->xlsx, thr_xlsx_reader_free);
  g_free (self->path);
  g_free (self);
}

gboolean
thr_sheet_reader_next (ThrSheetReader  *self,
                       GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->csv ? thr_csv_reader_next (self->csv, error) : thr_xlsx_reader_next (self->xlsx, error);
}

guint
thr_sheet_reader_get_n_fields (ThrSheetReader *self)
{
  return self->csv ? thr_csv_reader_get_n_fields (self->csv) : thr_xlsx_reader_get_n_fields (self->xlsx);
}

const char *
thr_sheet_reader_get_field (ThrSheetReader *self,
                            guint           index)
{
  return self->csv ? thr_csv_reader_get_field (self->csv, index) : thr_xlsx_reader_get_field (self->xlsx, index);
}

ThrCellKind
thr_sheet_reader_get_field_kind (ThrSheetReader *self,
                                 guint           index)
{
  return self->xlsx ? thr_xlsx_reader_get_field_kind (self->xlsx, index) : THR_CELL_TEXT;
}

gboolean
thr_sheet_reader_get_row_hidden (ThrSheetReader *self)
{
  return self->xlsx != NULL && thr_xlsx_reader_get_row_hidden (self->xlsx);
}

guint
thr_sheet_reader_get_row (ThrSheetReader *self)
{
  return self->csv ? thr_csv_reader_get_line (self->csv) : thr_xlsx_reader_get_row (self->xlsx);
}

const char *
thr_sheet_reader_get_path (ThrSheetReader *self)
{
  return self->path;
}

const char *
thr_sheet_reader_get_sha256 (ThrSheetReader *self)
{
  return self->csv ? thr_csv_reader_get_sha256 (self->csv) : thr_xlsx_reader_get_sha256 (self->xlsx);
}

gint64
thr_sheet_reader_get_bytes_read (ThrSheetReader *self)
{
  return self->csv ? thr_csv_reader_get_bytes_read (self->csv) : thr_xlsx_reader_get_bytes_read (self->xlsx);
}

gint64
thr_sheet_reader_get_size (ThrSheetReader *self)
{
  return self->csv ? thr_csv_reader_get_size (self->csv) : thr_xlsx_reader_get_size (self->xlsx);
}

gboolean
thr_sheet_reader_is_workbook (ThrSheetReader *self)
{
  return self->xlsx != NULL;
}

gboolean
thr_sheet_reader_get_date1904 (ThrSheetReader *self)
{
  return self->xlsx != NULL && thr_xlsx_reader_get_date1904 (self->xlsx);
}

char *
thr_sheet_reader_describe (ThrSheetReader *self)
{
  static const struct { char c; const char *name; } delimiters[] = {
    { ',', "comma" }, { ';', "semicolon" }, { '\t', "tab" },
  };
  const char *delimiter = "comma";

  g_return_val_if_fail (self != NULL, NULL);

  if (self->xlsx)
    {
      g_autofree char *sheet = thr_value_quote (thr_xlsx_reader_get_sheet_name (self->xlsx));

      if (thr_xlsx_reader_is_ods (self->xlsx))
        return g_strdup_printf ("OpenDocument spreadsheet, sheet %s", sheet);
      return g_strdup_printf ("Excel workbook, sheet %s%s", sheet,
                              thr_xlsx_reader_get_date1904 (self->xlsx) ? ", 1904 date system" : "");
    }
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i].c == thr_csv_reader_get_delimiter (self->csv))
      delimiter = delimiters[i].name;
  return g_strdup_printf ("CSV, %s, %s separated", thr_csv_reader_get_encoding (self->csv), delimiter);
}
