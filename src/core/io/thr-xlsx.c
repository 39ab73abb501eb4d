/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-xlsx.c — a streaming reader for the cells of one .xlsx worksheet
 *
 * An .xlsx file is a zip (read with libarchive) of XML parts (read with
 * libxml2's xmlTextReader, which never builds a tree).  The small parts —
 * the workbook (sheet names, the 1900 or 1904 date system), its
 * relationships (which file holds which sheet), the styles (which cells
 * are dates) and the shared strings — are read first; the worksheet is
 * then streamed row by row, so a sheet of a million rows needs no more
 * memory than one row and the shared strings.
 */
#define G_LOG_DOMAIN "thr-xlsx"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "thr-period.h"
#include "thr-values.h"
#include "thr-xlsx-private.h"

G_DEFINE_QUARK (thr-xlsx-error-quark, thr_xlsx_error)

static gboolean
open_sheet (ThrXlsxReader  *self,
            GError        **error)
{
  struct archive_entry *entry;

  if (!_thr_xlsx_open_archive (self, error))
    return FALSE;
  while (archive_read_next_header (self->archive, &entry) == ARCHIVE_OK)
    if (g_strcmp0 (archive_entry_pathname (entry), self->sheet_part) == 0)
      {
        if (!_thr_xlsx_check_declared_size (self, entry))
          return _thr_xlsx_refuse_limit (self, error);
        self->xml = _thr_xlsx_open_entry_xml (self, self->sheet_part);
        if (self->xml == NULL)
          return _thr_xlsx_malformed (self, self->sheet_part, error);
        return TRUE;
      }
  {
    g_autofree char *part = thr_value_quote (self->sheet_part);
    g_autofree char *sheet = thr_value_quote (self->sheet_name);

    g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_OPEN, "%s: the workbook names %s for sheet %s, but has no such part",
                 self->path, part, sheet);
  }
  return FALSE;
}

static gboolean
hash_file (ThrXlsxReader  *self,
           GError        **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guchar *chunk = g_malloc (1 << 16);
  FILE *file = fopen (self->path, "rb");
  gsize n;

  if (file == NULL)
    {
      g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_OPEN, "%s: %s", self->path, g_strerror (errno));
      return FALSE;
    }
  while ((n = fread (chunk, 1, 1 << 16, file)) > 0)
    {
      g_checksum_update (checksum, chunk, n);
      self->size += (gint64) n;
    }
  fclose (file);
  self->sha256 = g_strdup (g_checksum_get_string (checksum));
  return TRUE;
}

ThrXlsxReader *
thr_xlsx_reader_new (const char  *path,
                     const char  *sheet,
                     GError     **error)
{
  g_autoptr(ThrXlsxReader) self = g_new0 (ThrXlsxReader, 1);

  g_return_val_if_fail (path != NULL, NULL);

  self->path = g_strdup (path);
  self->shared = g_ptr_array_new_with_free_func (g_free);
  self->styles = g_array_new (FALSE, FALSE, sizeof (StyleKind));
  self->custom_formats = g_hash_table_new (NULL, NULL);
  self->buffer = g_string_sized_new (256);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  self->kinds = g_array_new (FALSE, FALSE, sizeof (guint8));

  if (!hash_file (self, error))
    return NULL;
  if (_thr_ods_is_ods (path))
    return _thr_ods_open (self, sheet, error) ? g_steal_pointer (&self) : NULL;
  if (!_thr_xlsx_read_workbook (self, sheet, error) || !open_sheet (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

GStrv
thr_xlsx_list_sheets (const char  *path,
                      GError     **error)
{
  g_autoptr(ThrXlsxReader) self = g_new0 (ThrXlsxReader, 1);
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  /* What thr_xlsx_reader_free releases, without hashing or opening a sheet. */
  self->path = g_strdup (path);
  self->size = g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
  self->shared = g_ptr_array_new_with_free_func (g_free);
  self->styles = g_array_new (FALSE, FALSE, sizeof (StyleKind));
  self->custom_formats = g_hash_table_new (NULL, NULL);
  self->buffer = g_string_sized_new (16);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  self->kinds = g_array_new (FALSE, FALSE, sizeof (guint8));
  if (_thr_ods_is_ods (path))
    return _thr_ods_sheet_names (self, error);
  return _thr_xlsx_read_sheet_names (self, error);
}

void
thr_xlsx_reader_free (ThrXlsxReader *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->xml, xmlFreeTextReader);
  g_clear_pointer (&self->archive, archive_read_free);
  g_clear_pointer (&self->shared, g_ptr_array_unref);
  g_clear_pointer (&self->styles, g_array_unref);
  g_clear_pointer (&self->custom_formats, g_hash_table_unref);
  g_clear_pointer (&self->ods_cell_styles, g_hash_table_unref);
  g_clear_pointer (&self->ods_data_styles, g_hash_table_unref);
  g_string_free (self->buffer, TRUE);
  g_array_unref (self->offsets);
  g_array_unref (self->kinds);
  g_free (self->xml_error);
  g_free (self->limit_error);
  g_free (self->filter_in);
  g_free (self->filter_out);
  g_free (self->path);
  g_free (self->sheet_name);
  g_free (self->sheet_part);
  g_free (self->sha256);
  g_free (self);
}

/* Section: the worksheet, row by row */

guint
thr_xlsx_column_from_reference (const char  *reference,
                                const char **rest)
{
  guint column = 0;
  const char *p = reference;

  for (; g_ascii_isalpha (*p); p++)
    {
      column = column * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (column > MAX_COLUMN)
        return 0;
    }
  if (rest)
    *rest = p;
  return column;
}

/* Appends a field at 0-based column, padding skipped cells with "". */
gboolean
_thr_xlsx_put_cell (ThrXlsxReader *self,
                    guint          column,
                    const char    *text,
                    ThrCellKind    kind)
{
  guint8 text_kind = THR_CELL_TEXT, cell_kind = kind;

  if (column < self->offsets->len)
    return FALSE;
  while (self->offsets->len <= column)
    {
      guint start = self->buffer->len;

      g_array_append_val (self->offsets, start);
      g_array_append_val (self->kinds, text_kind);
      if (self->offsets->len <= column)
        g_string_append_c (self->buffer, '\0');
    }
  g_array_index (self->kinds, guint8, column) = cell_kind;
  g_string_append (self->buffer, text);
  g_string_append_c (self->buffer, '\0');
  return TRUE;
}

/* The value as the user sees it: 0.985 in a percent format is "98.5%". */
ThrCellKind
_thr_xlsx_format_percent (GString *value)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  char *end = NULL;
  double fraction = g_ascii_strtod (value->str, &end);

  if (end == value->str || *end != '\0')
    return THR_CELL_TEXT;
  /* Fifteen significant digits: 0.985 × 100 is 98.5, not 98.50000000000001. */
  g_string_assign (value, g_ascii_formatd (number, sizeof number, "%.15g", fraction * 100.0));
  g_string_append_c (value, '%');
  return THR_CELL_PERCENT;
}

static ThrCellKind
format_serial (ThrXlsxReader *self,
               StyleKind      style,
               GString       *value)
{
  double serial = g_ascii_strtod (value->str, NULL);
  guint32 day;
  int seconds;

  if (style == STYLE_PERCENT)
    return _thr_xlsx_format_percent (value);
  if (style == STYLE_TIME_HM)
    style = STYLE_TIME;   /* the same value; read_cell keeps what was shown */
  if (!thr_value_from_excel_serial (serial, self->date1904, &day, &seconds))
    return THR_CELL_NUMBER;   /* left as the number; the importer says what is wrong */
  g_string_truncate (value, 0);
  if (style == STYLE_DATE)
    {
      int y, m, d;

      thr_day_to_ymd (day, &y, &m, &d);
      g_string_append_printf (value, "%04d-%02d-%02d", y, m, d);
      if (seconds > 0)
        g_string_append_c (value, ' ');
    }
  if (style == STYLE_TIME || seconds > 0)
    {
      /* A duration of more than a day keeps counting hours. */
      gint64 hours = style == STYLE_TIME ? (gint64) (serial * 24.0 + 0.5 / 3600) : seconds / 3600;

      g_string_append_printf (value, "%02" G_GINT64_FORMAT ":%02d:%02d", hours, (seconds / 60) % 60, seconds % 60);
    }
  return style == STYLE_DATE ? THR_CELL_DATE : THR_CELL_TIME;
}

/* Reads one <c> element, the reader being on its start tag. */
static gboolean
read_cell (ThrXlsxReader  *self,
           guint          *next_column,
           GError        **error)
{
  xmlTextReaderPtr xml = self->xml;
  g_autofree char *ref = _thr_xlsx_attribute (xml, "r");
  g_autofree char *type = _thr_xlsx_attribute (xml, "t");
  g_autofree char *style = _thr_xlsx_attribute (xml, "s");
  g_autoptr(GString) value = g_string_new (NULL);
  ThrCellKind kind = THR_CELL_TEXT;
  guint column = ref ? thr_xlsx_column_from_reference (ref, NULL) : *next_column + 1;
  gboolean in_v = FALSE;
  int rc = 1;

  if (column == 0)
    {
      g_autofree char *quoted = thr_value_quote (ref);

      g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_MALFORMED, "%s:%u: impossible cell reference %s",
                   self->path, self->row, quoted);
      return FALSE;
    }
  /* Skipped cells are filled in: one cell at XFD1 would make 16,384. */
  if (column > MAX_ROW_CELLS)
    {
      g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_MALFORMED,
                   "%s:%u:%u: the row reaches column %u; Threshold reads at most %u columns", self->path,
                   self->row, column, column, MAX_ROW_CELLS);
      return FALSE;
    }
  if (!xmlTextReaderIsEmptyElement (xml))
    while ((rc = xmlTextReaderRead (xml)) == 1 && !_thr_xlsx_is_end (xml, "c"))
      {
        if (_thr_xlsx_is_start (xml, "is"))
          rc = _thr_xlsx_read_rich_text (xml, "is", value);
        else if (_thr_xlsx_is_start (xml, "v"))
          in_v = !xmlTextReaderIsEmptyElement (xml);
        else if (_thr_xlsx_is_end (xml, "v"))
          in_v = FALSE;
        else if (in_v && _thr_xlsx_is_text_node (xml))
          g_string_append (value, (const char *) xmlTextReaderConstValue (xml));
        if (rc != 1)
          break;
      }
  if (rc != 1)
    return _thr_xlsx_malformed (self, self->sheet_part, error);
  if (value->len > MAX_CELL_CHARS && g_utf8_strlen (value->str, (gssize) value->len) > MAX_CELL_CHARS)
    {
      g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_MALFORMED,
                   "%s:%u:%u: the cell holds more than %u characters, the most a cell holds",
                   self->path, self->row, column, MAX_CELL_CHARS);
      return FALSE;
    }

  if (g_strcmp0 (type, "s") == 0)
    {
      guint64 index = g_ascii_strtoull (value->str, NULL, 10);

      if (value->len == 0 || index >= self->shared->len)
        {
          g_autofree char *quoted = thr_value_quote (value->str);

          g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_MALFORMED,
                       "%s:%u:%u: the cell refers to shared string %s, which the workbook does not have",
                       self->path, self->row, column, quoted);
          return FALSE;
        }
      g_string_assign (value, g_ptr_array_index (self->shared, index));
    }
  else if (g_strcmp0 (type, "b") == 0)
    {
      g_string_assign (value, g_str_equal (value->str, "1") ? "TRUE" : "FALSE");
      kind = THR_CELL_BOOLEAN;
    }
  else if ((type == NULL || g_str_equal (type, "n")) && value->len > 0)
    {
      guint64 s = style ? g_ascii_strtoull (style, NULL, 10) : 0;
      StyleKind style_kind = s < self->styles->len ? g_array_index (self->styles, StyleKind, s) : STYLE_PLAIN;

      kind = style_kind != STYLE_PLAIN ? format_serial (self, style_kind, value) : THR_CELL_NUMBER;
      if (kind == THR_CELL_TIME && style_kind == STYLE_TIME_HM)
        kind = THR_CELL_TIME_NO_SECONDS;
    }

  if (!_thr_xlsx_put_cell (self, column - 1, value->str, kind))
    {
      g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_MALFORMED, "%s:%u:%u: cell %s comes after a cell to its right",
                   self->path, self->row, column, ref ? ref : "");
      return FALSE;
    }
  *next_column = column;
  return TRUE;
}

gboolean
thr_xlsx_reader_next (ThrXlsxReader  *self,
                      GError        **error)
{
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->ods)
    return _thr_ods_next (self, error);
  g_string_truncate (self->buffer, 0);
  g_array_set_size (self->offsets, 0);
  g_array_set_size (self->kinds, 0);
  while ((rc = xmlTextReaderRead (self->xml)) == 1)
    if (_thr_xlsx_is_start (self->xml, "row"))
      break;
  if (rc == 0)
    return FALSE;
  if (rc < 0)
    return _thr_xlsx_malformed (self, self->sheet_part, error);

  {
    g_autofree char *r = _thr_xlsx_attribute (self->xml, "r");
    guint next_column = 0;
    guint64 number = r ? g_ascii_strtoull (r, NULL, 10) : self->row + 1;

    if (number == 0 || number > 1048576 || number <= self->row)
      {
        g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_MALFORMED, "%s:%u: row number %s is out of order",
                     self->path, self->row, r ? r : "");
        return FALSE;
      }
    self->row = (guint) number;
    {
      /* Hidden by hand or by a filter (Excel writes both the same way). */
      g_autofree char *hidden = _thr_xlsx_attribute (self->xml, "hidden");
      self->row_hidden = hidden != NULL && (g_str_equal (hidden, "1") || g_str_equal (hidden, "true"));
    }
    if (xmlTextReaderIsEmptyElement (self->xml))
      return TRUE;
    while ((rc = xmlTextReaderRead (self->xml)) == 1 && !_thr_xlsx_is_end (self->xml, "row"))
      if (_thr_xlsx_is_start (self->xml, "c") && !read_cell (self, &next_column, error))
        return FALSE;
  }
  if (rc != 1)
    return _thr_xlsx_malformed (self, self->sheet_part, error);
  return TRUE;
}

guint
thr_xlsx_reader_get_n_fields (ThrXlsxReader *self)
{
  return self->offsets->len;
}

const char *
thr_xlsx_reader_get_field (ThrXlsxReader *self,
                           guint          index)
{
  g_return_val_if_fail (index < self->offsets->len, NULL);
  return self->buffer->str + g_array_index (self->offsets, guint, index);
}

ThrCellKind
thr_xlsx_reader_get_field_kind (ThrXlsxReader *self,
                                guint          index)
{
  g_return_val_if_fail (index < self->kinds->len, THR_CELL_TEXT);
  return g_array_index (self->kinds, guint8, index);
}

gboolean
thr_xlsx_reader_get_row_hidden (ThrXlsxReader *self)
{
  return self->row_hidden;
}

guint
thr_xlsx_reader_get_row (ThrXlsxReader *self)
{
  return self->row;
}

gboolean
thr_xlsx_reader_is_ods (ThrXlsxReader *self)
{
  return self->ods;
}

const char *
thr_xlsx_reader_get_sheet_name (ThrXlsxReader *self)
{
  return self->sheet_name;
}

gboolean
thr_xlsx_reader_get_date1904 (ThrXlsxReader *self)
{
  return self->date1904;
}

const char *
thr_xlsx_reader_get_sha256 (ThrXlsxReader *self)
{
  return self->sha256;
}

gint64
thr_xlsx_reader_get_bytes_read (ThrXlsxReader *self)
{
  return self->archive ? archive_filter_bytes (self->archive, -1) : 0;
}

gint64
thr_xlsx_reader_get_size (ThrXlsxReader *self)
{
  return self->size;
}
