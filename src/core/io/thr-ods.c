/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ods.c — the cells of one sheet of an OpenDocument spreadsheet (.ods)
 *
 * LibreOffice's own format, and its default on GNOME.  An .ods file is a
 * zip, like an .xlsx workbook, so it is read by the same reader: the
 * same zip, the same limits on sizes, expansion and cells (thr-xlsx-parts.c),
 * the same rows of typed cells for the importer.  Only the XML differs:
 * every sheet is a <table:table> of content.xml, each cell says its type
 * (office:value-type: float, percentage, currency, date, time, boolean,
 * string) and holds its value as a machine reads it (office:value,
 * office:date-value, office:time-value), and runs of equal rows or cells
 * are written once with a repeat count.  Whether a time shows its seconds
 * is in the cell's data style, in styles.xml or content.xml's automatic
 * styles.
 */
#define G_LOG_DOMAIN "thr-ods"

#include <stdio.h>
#include <string.h>

#include "thr-values.h"
#include "thr-xlsx-private.h"

#define ODS_MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_TABLE  "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_TEXT   "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_STYLE  "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define MAX_ROWS 1048576u

/* An attribute in its namespace (office:value, table:name, …). */
static char *
attribute (xmlTextReaderPtr  xml,
           const char       *ns,
           const char       *name)
{
  xmlChar *value = xmlTextReaderGetAttributeNs (xml, (const xmlChar *) name, (const xmlChar *) ns);
  char *copy = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* Section: recognising the file */

gboolean
_thr_ods_is_ods (const char *path)
{
  guchar head[128] = { 0 };
  FILE *file = fopen (path, "rb");
  gsize n;

  if (file == NULL)
    return FALSE;
  n = fread (head, 1, sizeof head, file);
  fclose (file);
  /* The first entry of the zip is "mimetype", stored, holding the type. */
  return n > 30 && memcmp (head, "PK\x03\x04", 4) == 0
         && g_strstr_len ((const char *) head + 30, (gssize) n - 30, "mimetype" ODS_MIMETYPE) != NULL;
}

/* Section: styles — which cells show a time without its seconds */

static StyleKind
kind_of_time_style (xmlTextReaderPtr xml)
{
  gboolean seconds = FALSE;
  int rc;

  if (xmlTextReaderIsEmptyElement (xml))
    return STYLE_TIME_HM;
  while ((rc = xmlTextReaderRead (xml)) == 1 && !_thr_xlsx_is_end (xml, "time-style"))
    if (_thr_xlsx_is_start (xml, "seconds"))
      seconds = TRUE;
  return seconds ? STYLE_TIME : STYLE_TIME_HM;
}

/* Reads data styles (name → kind) and cell styles (name → data style)
 * until the end of the element `until`. */
static int
read_styles (ThrXlsxReader    *self,
             xmlTextReaderPtr  xml,
             const char       *until)
{
  int rc;

  while ((rc = xmlTextReaderRead (xml)) == 1 && !_thr_xlsx_is_end (xml, until))
    if (_thr_xlsx_is_start (xml, "time-style"))
      {
        char *name = attribute (xml, NS_STYLE, "name");

        if (name != NULL)
          g_hash_table_replace (self->ods_data_styles, name, GINT_TO_POINTER (kind_of_time_style (xml)));
      }
    else if (_thr_xlsx_is_start (xml, "style"))
      {
        char *name = attribute (xml, NS_STYLE, "name");
        char *data_style = attribute (xml, NS_STYLE, "data-style-name");

        if (name != NULL && data_style != NULL)
          g_hash_table_replace (self->ods_cell_styles, name, data_style);
        else
          g_free (name), g_free (data_style);
      }
  return rc;
}

static gboolean
time_without_seconds (ThrXlsxReader *self,
                      const char    *cell_style)
{
  const char *data_style = cell_style ? g_hash_table_lookup (self->ods_cell_styles, cell_style) : NULL;
  gpointer kind;

  return data_style != NULL && g_hash_table_lookup_extended (self->ods_data_styles, data_style, NULL, &kind)
         && GPOINTER_TO_INT (kind) == STYLE_TIME_HM;
}

/* Section: opening */

static gboolean
not_ods (ThrXlsxReader  *self,
         const char     *why,
         GError        **error)
{
  g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_OPEN, "%s: not an OpenDocument spreadsheet (%s)", self->path, why);
  return FALSE;
}

/* Opens the archive at `name` and an XML reader on it. */
static gboolean
open_part (ThrXlsxReader  *self,
           const char     *name,
           GError        **error)
{
  struct archive_entry *entry;

  g_clear_pointer (&self->xml, xmlFreeTextReader);
  if (!_thr_xlsx_open_archive (self, error))
    return FALSE;
  while (archive_read_next_header (self->archive, &entry) == ARCHIVE_OK)
    if (g_strcmp0 (archive_entry_pathname (entry), name) == 0)
      {
        if (!_thr_xlsx_check_declared_size (self, entry))
          return _thr_xlsx_refuse_limit (self, error);
        self->xml = _thr_xlsx_open_entry_xml (self, name);
        if (self->xml == NULL)
          return _thr_xlsx_malformed (self, name, error);
        return TRUE;
      }
  return not_ods (self, name[0] == 'c' ? "no content.xml" : "no styles.xml", error);
}

/* styles.xml holds the data styles LibreOffice names in content.xml. */
static gboolean
read_styles_part (ThrXlsxReader  *self,
                  GError        **error)
{
  g_autoptr(GError) local = NULL;

  if (!open_part (self, "styles.xml", &local))
    {
      /* A file without styles.xml has no data styles: every time shows
       * its seconds.  A limit or damage is still an error. */
      if (self->limit_error == NULL && g_error_matches (local, THR_XLSX_ERROR, THR_XLSX_ERROR_OPEN))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (read_styles (self, self->xml, "document-styles") < 0)
    return _thr_xlsx_malformed (self, "styles.xml", error);
  g_clear_pointer (&self->xml, xmlFreeTextReader);
  return TRUE;
}

/* Moves content.xml's reader into the sheet named `sheet` (NULL: the
 * first); its names are added to `names` if not NULL. */
static gboolean
find_table (ThrXlsxReader  *self,
            const char     *sheet,
            GPtrArray      *names,
            GError        **error)
{
  int rc = xmlTextReaderRead (self->xml);

  while (rc == 1)
    {
      if (_thr_xlsx_is_start (self->xml, "automatic-styles"))
        {
          if (!xmlTextReaderIsEmptyElement (self->xml) && read_styles (self, self->xml, "automatic-styles") < 0)
            return _thr_xlsx_malformed (self, "content.xml", error);
        }
      else if (_thr_xlsx_is_start (self->xml, "table") && !xmlTextReaderIsEmptyElement (self->xml))
        {
          g_autofree char *name = attribute (self->xml, NS_TABLE, "name");

          if (names != NULL)
            g_ptr_array_add (names, g_strdup (name ? name : ""));
          else if (sheet == NULL || g_strcmp0 (name, sheet) == 0)
            {
              self->sheet_name = g_strdup (name ? name : "");
              return TRUE;
            }
          /* Its rows are not needed: on to the node after the sheet,
           * which Next leaves the reader on. */
          rc = xmlTextReaderNext (self->xml);
          continue;
        }
      rc = xmlTextReaderRead (self->xml);
    }
  if (rc < 0)
    return _thr_xlsx_malformed (self, "content.xml", error);
  if (names != NULL)
    return TRUE;
  if (sheet != NULL)
    {
      g_autofree char *quoted = thr_value_quote (sheet);

      g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_NO_SHEET, "%s: no sheet named %s in the spreadsheet",
                   self->path, quoted);
    }
  else
    g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_NO_SHEET, "%s: the spreadsheet has no sheet", self->path);
  return FALSE;
}

gboolean
_thr_ods_open (ThrXlsxReader  *self,
               const char     *sheet,
               GError        **error)
{
  self->ods = TRUE;
  self->ods_cell_styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->ods_data_styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return read_styles_part (self, error) && open_part (self, "content.xml", error)
         && find_table (self, sheet, NULL, error);
}

GStrv
_thr_ods_sheet_names (ThrXlsxReader  *self,
                      GError        **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  self->ods = TRUE;
  self->ods_cell_styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->ods_data_styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!open_part (self, "content.xml", error) || !find_table (self, NULL, names, error))
    return NULL;
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* Section: cells */

/* A repeat count: 1 when absent or nonsense. */
static guint64
repeat_of (xmlTextReaderPtr  xml,
           const char       *ns,
           const char       *name)
{
  g_autofree char *text = attribute (xml, ns, name);
  guint64 n = text ? g_ascii_strtoull (text, NULL, 10) : 1;

  return n == 0 ? 1 : n;
}

/* The text of a cell's paragraphs, one line each; comments (annotations)
 * are not the value. */
static int
read_cell_text (xmlTextReaderPtr  xml,
                GString          *out)
{
  guint paragraphs = 0;
  int rc = xmlTextReaderRead (xml);

  while (rc == 1 && !_thr_xlsx_is_end (xml, "table-cell") && !_thr_xlsx_is_end (xml, "covered-table-cell"))
    {
      if (_thr_xlsx_is_start (xml, "annotation"))
        {
          /* Next leaves the reader on the node after the comment. */
          rc = xmlTextReaderNext (xml);
          continue;
        }
      if (_thr_xlsx_is_start (xml, "p") && paragraphs++ > 0)
        g_string_append_c (out, '\n');
      else if (_thr_xlsx_is_start (xml, "s"))
        {
          guint64 n = MIN (repeat_of (xml, NS_TEXT, "c"), (guint64) MAX_CELL_CHARS + 1);

          for (guint64 i = 0; i < n; i++)
            g_string_append_c (out, ' ');
        }
      else if (_thr_xlsx_is_start (xml, "tab"))
        g_string_append_c (out, '\t');
      else if (_thr_xlsx_is_start (xml, "line-break"))
        g_string_append_c (out, '\n');
      else if (_thr_xlsx_is_text_node (xml))
        g_string_append (out, (const char *) xmlTextReaderConstValue (xml));
      if (out->len > 4 * (gsize) MAX_CELL_CHARS + 4)
        break;   /* over the limit whatever follows; read_cell says so */
      rc = xmlTextReaderRead (xml);
    }
  return rc;
}

/* "PT01H05M09S" (ISO 8601 duration) as "01:05:09". */
static gboolean
format_duration (const char *text,
                 GString    *out)
{
  double hours = 0, minutes = 0, seconds = 0;
  const char *p = text;
  gint64 total;

  if (p == NULL || *p++ != 'P')
    return FALSE;
  if (*p == 'T')
    p++;
  while (*p)
    {
      char *end = NULL;
      double v = g_ascii_strtod (p, &end);

      if (end == p)
        return FALSE;
      if (*end == 'H')
        hours = v;
      else if (*end == 'M')
        minutes = v;
      else if (*end == 'S')
        seconds = v;
      else
        return FALSE;
      p = end + 1;
    }
  /* "PT1e300H" is no duration a file means, and past int64 for C. */
  if (!(hours * 3600 + minutes * 60 + seconds < 1e12) || hours < 0 || minutes < 0 || seconds < 0)
    return FALSE;
  total = (gint64) (hours * 3600 + minutes * 60 + seconds + 0.5);
  g_string_printf (out, "%02" G_GINT64_FORMAT ":%02d:%02d", total / 3600, (int) (total / 60 % 60), (int) (total % 60));
  return TRUE;
}

/* The value as the importer reads it, from the typed attributes. */
static ThrCellKind
typed_value (ThrXlsxReader    *self,
             xmlTextReaderPtr  xml,
             GString          *value)
{
  g_autofree char *type = attribute (xml, NS_OFFICE, "value-type");
  g_autofree char *number = attribute (xml, NS_OFFICE, "value");

  if (type == NULL || g_str_equal (type, "string"))
    return THR_CELL_TEXT;
  if ((g_str_equal (type, "float") || g_str_equal (type, "currency")) && number != NULL)
    {
      g_string_assign (value, number);
      return THR_CELL_NUMBER;
    }
  if (g_str_equal (type, "percentage") && number != NULL)
    {
      g_string_assign (value, number);
      return _thr_xlsx_format_percent (value);
    }
  if (g_str_equal (type, "date"))
    {
      g_autofree char *date = attribute (xml, NS_OFFICE, "date-value");
      char *dot;

      if (date == NULL)
        return THR_CELL_TEXT;
      g_strdelimit (date, "T", ' ');
      if ((dot = strchr (date, '.')) != NULL)
        *dot = '\0';
      g_string_assign (value, date);
      return THR_CELL_DATE;
    }
  if (g_str_equal (type, "time"))
    {
      g_autofree char *time = attribute (xml, NS_OFFICE, "time-value");
      g_autofree char *style = attribute (xml, NS_TABLE, "style-name");

      if (!format_duration (time, value))
        return THR_CELL_TEXT;
      return time_without_seconds (self, style) ? THR_CELL_TIME_NO_SECONDS : THR_CELL_TIME;
    }
  if (g_str_equal (type, "boolean"))
    {
      g_autofree char *b = attribute (xml, NS_OFFICE, "boolean-value");

      g_string_assign (value, g_strcmp0 (b, "true") == 0 ? "TRUE" : "FALSE");
      return THR_CELL_BOOLEAN;
    }
  return THR_CELL_TEXT;
}

/* Reads one cell (the reader on its start tag) into the row at *column,
 * as many times as it repeats. */
static gboolean
read_cell (ThrXlsxReader  *self,
           guint64        *column,
           GError        **error)
{
  xmlTextReaderPtr xml = self->xml;
  guint64 repeat = repeat_of (xml, NS_TABLE, "number-columns-repeated");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) value = g_string_new (NULL);
  ThrCellKind kind = typed_value (self, xml, value);

  if (!xmlTextReaderIsEmptyElement (xml) && read_cell_text (xml, text) != 1)
    return _thr_xlsx_malformed (self, "content.xml", error);
  if (kind == THR_CELL_TEXT)
    g_string_assign (value, text->str);
  if (value->len == 0)
    {
      /* Empty cells, however many (LibreOffice writes the rest of the
       * row as one cell repeated 1,000 times), only move on. */
      *column += repeat;
      return TRUE;
    }
  if (*column + repeat > MAX_ROW_CELLS)
    {
      g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_MALFORMED,
                   "%s:%u:%u: the row reaches column %" G_GUINT64_FORMAT "; Threshold reads at most %u columns",
                   self->path, self->row, (guint) MIN (*column + repeat, G_MAXUINT), *column + repeat, MAX_ROW_CELLS);
      return FALSE;
    }
  if (value->len > MAX_CELL_CHARS && g_utf8_strlen (value->str, (gssize) value->len) > MAX_CELL_CHARS)
    {
      g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_MALFORMED,
                   "%s:%u:%u: the cell holds more than %u characters, the most a cell holds",
                   self->path, self->row, (guint) *column + 1, MAX_CELL_CHARS);
      return FALSE;
    }
  for (guint64 i = 0; i < repeat; i++)
    _thr_xlsx_put_cell (self, (guint) (*column + i), value->str, kind);
  *column += repeat;
  return TRUE;
}

/* Section: rows */

static gboolean
refuse_rows (ThrXlsxReader  *self,
             guint64         row,
             GError        **error)
{
  g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_MALFORMED,
               "%s: the sheet reaches row %" G_GUINT64_FORMAT "; a sheet has at most %u rows", self->path, row, MAX_ROWS);
  return FALSE;
}

/* Reads the cells of the row the reader is on into the row's fields. */
static gboolean
read_row_cells (ThrXlsxReader  *self,
                GError        **error)
{
  guint64 column = 0;
  int rc;

  g_string_truncate (self->buffer, 0);
  g_array_set_size (self->offsets, 0);
  g_array_set_size (self->kinds, 0);
  if (xmlTextReaderIsEmptyElement (self->xml))
    return TRUE;
  while ((rc = xmlTextReaderRead (self->xml)) == 1 && !_thr_xlsx_is_end (self->xml, "table-row"))
    if ((_thr_xlsx_is_start (self->xml, "table-cell") || _thr_xlsx_is_start (self->xml, "covered-table-cell"))
        && !read_cell (self, &column, error))
      return FALSE;
  if (rc != 1)
    return _thr_xlsx_malformed (self, "content.xml", error);
  return TRUE;
}

gboolean
_thr_ods_next (ThrXlsxReader  *self,
               GError        **error)
{
  int rc;

  /* A row written once with a repeat count comes again, unchanged. */
  if (self->ods_repeat > 0)
    {
      self->ods_repeat--;
      self->row++;
      return TRUE;
    }
  while ((rc = xmlTextReaderRead (self->xml)) == 1 && !_thr_xlsx_is_end (self->xml, "table"))
    if (_thr_xlsx_is_start (self->xml, "table-row"))
      {
        guint64 repeat = repeat_of (self->xml, NS_TABLE, "number-rows-repeated");
        g_autofree char *visibility = attribute (self->xml, NS_TABLE, "visibility");

        guint64 before = self->row;

        /* Messages about its cells name this row. */
        self->row = (guint) MIN (before + 1, (guint64) MAX_ROWS);
        if (!read_row_cells (self, error))
          return FALSE;
        if (self->offsets->len == 0)
          {
            /* Empty rows (a million of them end many sheets) are skipped. */
            self->row = (guint) MIN (before + repeat, (guint64) MAX_ROWS);
            continue;
          }
        if (before + repeat > MAX_ROWS)
          return refuse_rows (self, before + repeat, error);
        self->ods_repeat = (guint) (repeat - 1);
        /* Hidden by hand ("collapse") or by a filter ("filter"). */
        self->row_hidden = visibility != NULL && !g_str_equal (visibility, "visible");
        return TRUE;
      }
  if (rc < 0)
    return _thr_xlsx_malformed (self, "content.xml", error);
  return FALSE;
}
