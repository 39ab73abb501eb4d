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

#include <archive.h>
#include <archive_entry.h>
#include <libxml/xmlreader.h>

#include "thr-period.h"
#include "thr-values.h"
#include "thr-xlsx.h"

#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define MAX_COLUMN 16384u
/* Guards against a hostile file: far more than any report needs. */
#define MAX_SHARED_STRINGS 10000000u

typedef enum {
  STYLE_PLAIN,
  STYLE_DATE,
  STYLE_TIME,     /* a time of day or a duration: no day, month or year */
} StyleKind;

struct _ThrXlsxReader
{
  char              *path;
  char              *sheet_name;
  char              *sheet_part;
  gboolean           date1904;
  GPtrArray         *shared;          /* char * */
  GArray            *styles;          /* StyleKind per cellXfs index */
  GHashTable        *custom_formats;  /* numFmtId → StyleKind */
  struct archive    *archive;
  xmlTextReaderPtr   xml;
  char              *xml_error;
  GString           *buffer;          /* the row's fields, NUL separated */
  GArray            *offsets;
  guint              row;
  char              *sha256;
  gint64             size;
};

G_DEFINE_QUARK (thr-xlsx-error-quark, thr_xlsx_error)

/* Section: reading a zip entry through libxml2 */

static int
archive_read_cb (void *context,
                 char *buffer,
                 int   len)
{
  la_ssize_t n = archive_read_data (context, buffer, len);

  return n < 0 ? -1 : (int) n;
}

static int
archive_close_cb (void *context)
{
  return 0;
}

static void
xml_error_cb (void                    *data,
              const char              *msg,
              xmlParserSeverities      severity,
              xmlTextReaderLocatorPtr  locator)
{
  ThrXlsxReader *self = data;

  if (self->xml_error == NULL && (severity == XML_PARSER_SEVERITY_ERROR || severity == XML_PARSER_SEVERITY_VALIDITY_ERROR))
    self->xml_error = g_strstrip (g_strdup (msg));
}

/* An XML reader over the archive's current entry. */
static xmlTextReaderPtr
open_entry_xml (ThrXlsxReader *self,
                const char    *name)
{
  xmlTextReaderPtr xml = xmlReaderForIO (archive_read_cb, archive_close_cb, self->archive, name, NULL,
                                         XML_PARSE_NONET);

  if (xml != NULL)
    xmlTextReaderSetErrorHandler (xml, xml_error_cb, self);
  return xml;
}

static gboolean
malformed (ThrXlsxReader  *self,
           const char     *part,
           GError        **error)
{
  g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_MALFORMED, "%s: %s in the workbook is damaged: %s",
               self->path, part, self->xml_error ? self->xml_error : "not well-formed XML");
  return FALSE;
}

static gboolean
name_is (xmlTextReaderPtr  xml,
         const char       *name)
{
  return g_strcmp0 ((const char *) xmlTextReaderConstLocalName (xml), name) == 0;
}

static gboolean
is_start (xmlTextReaderPtr  xml,
          const char       *name)
{
  return xmlTextReaderNodeType (xml) == XML_READER_TYPE_ELEMENT && name_is (xml, name);
}

static gboolean
is_end (xmlTextReaderPtr  xml,
        const char       *name)
{
  return xmlTextReaderNodeType (xml) == XML_READER_TYPE_END_ELEMENT && name_is (xml, name);
}

static char *
attribute (xmlTextReaderPtr  xml,
           const char       *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (xml, (const xmlChar *) name);
  char *copy = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

static gboolean
is_text_node (xmlTextReaderPtr xml)
{
  int type = xmlTextReaderNodeType (xml);

  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA
         || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE;
}

/* Appends the text of <t> elements up to the end of the element `until`,
 * leaving out phonetic runs (<rPh>), which are not part of the value. */
static int
read_rich_text (xmlTextReaderPtr  xml,
                const char       *until,
                GString          *out)
{
  gboolean in_t = FALSE, in_phonetic = FALSE;
  int rc;

  if (xmlTextReaderIsEmptyElement (xml))
    return 1;
  while ((rc = xmlTextReaderRead (xml)) == 1 && !is_end (xml, until))
    {
      if (is_start (xml, "rPh"))
        in_phonetic = !xmlTextReaderIsEmptyElement (xml);
      else if (is_end (xml, "rPh"))
        in_phonetic = FALSE;
      else if (is_start (xml, "t"))
        in_t = !xmlTextReaderIsEmptyElement (xml);
      else if (is_end (xml, "t"))
        in_t = FALSE;
      else if (in_t && !in_phonetic && is_text_node (xml))
        g_string_append (out, (const char *) xmlTextReaderConstValue (xml));
    }
  return rc;
}

/* Section: the small parts */

typedef struct {
  GPtrArray  *sheet_names;
  GPtrArray  *sheet_rids;
  GHashTable *targets;     /* relationship id → part name */
} WorkbookInfo;

static int
read_workbook (ThrXlsxReader    *self,
               xmlTextReaderPtr  xml,
               WorkbookInfo     *info)
{
  int rc;

  while ((rc = xmlTextReaderRead (xml)) == 1)
    if (is_start (xml, "workbookPr"))
      {
        g_autofree char *v = attribute (xml, "date1904");
        self->date1904 = v != NULL && (g_str_equal (v, "1") || g_ascii_strcasecmp (v, "true") == 0);
      }
    else if (is_start (xml, "sheet"))
      {
        xmlChar *rid = xmlTextReaderGetAttributeNs (xml, (const xmlChar *) "id", (const xmlChar *) REL_NS);
        char *name = attribute (xml, "name");

        g_ptr_array_add (info->sheet_names, name ? name : g_strdup (""));
        g_ptr_array_add (info->sheet_rids, g_strdup (rid ? (const char *) rid : ""));
        xmlFree (rid);
      }
  return rc;
}

static int
read_relationships (xmlTextReaderPtr  xml,
                    WorkbookInfo     *info)
{
  int rc;

  while ((rc = xmlTextReaderRead (xml)) == 1)
    if (is_start (xml, "Relationship"))
      {
        g_autofree char *id = attribute (xml, "Id");
        g_autofree char *target = attribute (xml, "Target");

        if (id == NULL || target == NULL)
          continue;
        /* Targets are relative to xl/, or absolute from the package root. */
        g_hash_table_replace (info->targets, g_steal_pointer (&id),
                              target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL));
      }
  return rc;
}

static int
read_shared_strings (ThrXlsxReader    *self,
                     xmlTextReaderPtr  xml)
{
  int rc;

  while ((rc = xmlTextReaderRead (xml)) == 1)
    if (is_start (xml, "si"))
      {
        GString *text = g_string_new (NULL);

        rc = read_rich_text (xml, "si", text);
        g_ptr_array_add (self->shared, g_string_free (text, FALSE));
        if (rc != 1 || self->shared->len > MAX_SHARED_STRINGS)
          return -1;
      }
  return rc;
}

static StyleKind
classify_format_code (const char *code)
{
  gboolean quoted = FALSE, bracket = FALSE, has_day = FALSE, has_time = FALSE;

  for (const char *p = code; *p; p++)
    {
      char c = g_ascii_tolower (*p);

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\\' && p[1])
        p++;
      else if (c == '[')
        bracket = TRUE;
      else if (c == ']')
        bracket = FALSE;
      else if (bracket)
        has_time = has_time || c == 'h' || c == 's';   /* [h]:mm:ss, a duration */
      else if (c == 'd' || c == 'y')
        has_day = TRUE;
      else if (c == 'h' || c == 's' || c == 'm')
        has_time = TRUE;
    }
  return has_day ? STYLE_DATE : has_time ? STYLE_TIME : STYLE_PLAIN;
}

static StyleKind
classify_format_id (ThrXlsxReader *self,
                    guint          id)
{
  gpointer custom;

  if (g_hash_table_lookup_extended (self->custom_formats, GUINT_TO_POINTER (id), NULL, &custom))
    return GPOINTER_TO_INT (custom);
  /* Excel's built-in formats: 14–17 and 22 are dates, 18–21 and 45–47
   * times; 27–36 and 50–58 are the East Asian dates. */
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
    return STYLE_DATE;
  if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
    return STYLE_TIME;
  return STYLE_PLAIN;
}

static int
read_styles (ThrXlsxReader    *self,
             xmlTextReaderPtr  xml)
{
  gboolean in_cell_xfs = FALSE;
  int rc;

  while ((rc = xmlTextReaderRead (xml)) == 1)
    if (is_start (xml, "numFmt"))
      {
        g_autofree char *id = attribute (xml, "numFmtId");
        g_autofree char *code = attribute (xml, "formatCode");

        if (id && code)
          g_hash_table_replace (self->custom_formats, GUINT_TO_POINTER ((guint) g_ascii_strtoull (id, NULL, 10)),
                                GINT_TO_POINTER (classify_format_code (code)));
      }
    else if (is_start (xml, "cellXfs"))
      in_cell_xfs = !xmlTextReaderIsEmptyElement (xml);
    else if (is_end (xml, "cellXfs"))
      in_cell_xfs = FALSE;
    else if (in_cell_xfs && is_start (xml, "xf"))
      {
        g_autofree char *id = attribute (xml, "numFmtId");
        StyleKind kind = classify_format_id (self, id ? (guint) g_ascii_strtoull (id, NULL, 10) : 0);

        g_array_append_val (self->styles, kind);
      }
  return rc;
}

static gboolean
open_archive (ThrXlsxReader  *self,
              GError        **error)
{
  g_clear_pointer (&self->archive, archive_read_free);
  self->archive = archive_read_new ();
  archive_read_support_format_zip (self->archive);
  if (archive_read_open_filename (self->archive, self->path, 1 << 16) != ARCHIVE_OK)
    {
      const char *why = archive_error_string (self->archive);

      g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_OPEN, "%s: not an Excel workbook (%s)",
                   self->path, why ? why : "not a zip archive");
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_small_parts (ThrXlsxReader  *self,
                  WorkbookInfo   *info,
                  GError        **error)
{
  struct archive_entry *entry;
  gboolean have_workbook = FALSE;
  int rc;

  if (!open_archive (self, error))
    return FALSE;
  while ((rc = archive_read_next_header (self->archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      xmlTextReaderPtr xml;
      int xml_rc = 0;

      if (name == NULL)
        continue;
      if (!g_str_equal (name, "xl/workbook.xml") && !g_str_equal (name, "xl/_rels/workbook.xml.rels")
          && !g_str_equal (name, "xl/sharedStrings.xml") && !g_str_equal (name, "xl/styles.xml"))
        continue;
      xml = open_entry_xml (self, name);
      if (xml == NULL)
        return malformed (self, name, error);
      if (g_str_equal (name, "xl/workbook.xml"))
        {
          have_workbook = TRUE;
          xml_rc = read_workbook (self, xml, info);
        }
      else if (g_str_equal (name, "xl/_rels/workbook.xml.rels"))
        xml_rc = read_relationships (xml, info);
      else if (g_str_equal (name, "xl/sharedStrings.xml"))
        xml_rc = read_shared_strings (self, xml);
      else
        xml_rc = read_styles (self, xml);
      xmlFreeTextReader (xml);
      if (xml_rc < 0)
        return malformed (self, name, error);
    }
  if (rc != ARCHIVE_EOF || !have_workbook)
    {
      const char *why = rc != ARCHIVE_EOF ? archive_error_string (self->archive) : "no xl/workbook.xml";

      g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_OPEN, "%s: not an Excel workbook (%s)", self->path,
                   why ? why : "not a zip archive");
      return FALSE;
    }
  return TRUE;
}

static gboolean
choose_sheet (ThrXlsxReader  *self,
              WorkbookInfo   *info,
              const char     *sheet,
              GError        **error)
{
  for (guint i = 0; i < info->sheet_names->len; i++)
    {
      const char *name = g_ptr_array_index (info->sheet_names, i);
      const char *target;

      if (sheet != NULL && !g_str_equal (name, sheet))
        continue;
      target = g_hash_table_lookup (info->targets, g_ptr_array_index (info->sheet_rids, i));
      if (target == NULL)
        break;
      self->sheet_name = g_strdup (name);
      self->sheet_part = g_strdup (target);
      return TRUE;
    }
  if (sheet != NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < info->sheet_names->len; i++)
        g_string_append_printf (names, "%s“%s”", i ? ", " : "", (char *) g_ptr_array_index (info->sheet_names, i));
      g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_NO_SHEET, "%s: no sheet named “%s” (the workbook has %s)",
                   self->path, sheet, names->len ? names->str : "no sheets");
    }
  else
    g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_NO_SHEET, "%s: the workbook has no worksheet", self->path);
  return FALSE;
}

static gboolean
open_sheet (ThrXlsxReader  *self,
            GError        **error)
{
  struct archive_entry *entry;

  if (!open_archive (self, error))
    return FALSE;
  while (archive_read_next_header (self->archive, &entry) == ARCHIVE_OK)
    if (g_strcmp0 (archive_entry_pathname (entry), self->sheet_part) == 0)
      {
        self->xml = open_entry_xml (self, self->sheet_part);
        if (self->xml == NULL)
          return malformed (self, self->sheet_part, error);
        return TRUE;
      }
  g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_OPEN, "%s: the workbook names %s for sheet “%s”, but has no such part",
               self->path, self->sheet_part, self->sheet_name);
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
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  WorkbookInfo info = { names, rids, targets };

  g_return_val_if_fail (path != NULL, NULL);

  self->path = g_strdup (path);
  self->shared = g_ptr_array_new_with_free_func (g_free);
  self->styles = g_array_new (FALSE, FALSE, sizeof (StyleKind));
  self->custom_formats = g_hash_table_new (NULL, NULL);
  self->buffer = g_string_sized_new (256);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (guint));

  if (!hash_file (self, error) || !read_small_parts (self, &info, error)
      || !choose_sheet (self, &info, sheet, error) || !open_sheet (self, error))
    return NULL;
  return g_steal_pointer (&self);
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
  g_string_free (self->buffer, TRUE);
  g_array_unref (self->offsets);
  g_free (self->xml_error);
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
static gboolean
put_cell (ThrXlsxReader *self,
          guint          column,
          const char    *text)
{
  if (column < self->offsets->len)
    return FALSE;
  while (self->offsets->len <= column)
    {
      guint start = self->buffer->len;

      g_array_append_val (self->offsets, start);
      if (self->offsets->len <= column)
        g_string_append_c (self->buffer, '\0');
    }
  g_string_append (self->buffer, text);
  g_string_append_c (self->buffer, '\0');
  return TRUE;
}

static void
format_serial (ThrXlsxReader *self,
               StyleKind      style,
               GString       *value)
{
  double serial = g_ascii_strtod (value->str, NULL);
  guint32 day;
  int seconds;

  if (!thr_value_from_excel_serial (serial, self->date1904, &day, &seconds))
    return;   /* left as the number; the importer says what is wrong */
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
}

/* Reads one <c> element, the reader being on its start tag. */
static gboolean
read_cell (ThrXlsxReader  *self,
           guint          *next_column,
           GError        **error)
{
  xmlTextReaderPtr xml = self->xml;
  g_autofree char *ref = attribute (xml, "r");
  g_autofree char *type = attribute (xml, "t");
  g_autofree char *style = attribute (xml, "s");
  g_autoptr(GString) value = g_string_new (NULL);
  guint column = ref ? thr_xlsx_column_from_reference (ref, NULL) : *next_column + 1;
  gboolean in_v = FALSE;
  int rc = 1;

  if (column == 0)
    {
      g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_MALFORMED, "%s:%u: impossible cell reference “%s”",
                   self->path, self->row, ref);
      return FALSE;
    }
  if (!xmlTextReaderIsEmptyElement (xml))
    while ((rc = xmlTextReaderRead (xml)) == 1 && !is_end (xml, "c"))
      {
        if (is_start (xml, "is"))
          rc = read_rich_text (xml, "is", value);
        else if (is_start (xml, "v"))
          in_v = !xmlTextReaderIsEmptyElement (xml);
        else if (is_end (xml, "v"))
          in_v = FALSE;
        else if (in_v && is_text_node (xml))
          g_string_append (value, (const char *) xmlTextReaderConstValue (xml));
        if (rc != 1)
          break;
      }
  if (rc != 1)
    return malformed (self, self->sheet_part, error);

  if (g_strcmp0 (type, "s") == 0)
    {
      guint64 index = g_ascii_strtoull (value->str, NULL, 10);

      if (value->len == 0 || index >= self->shared->len)
        {
          g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_MALFORMED,
                       "%s:%u:%u: the cell refers to shared string %s, which the workbook does not have",
                       self->path, self->row, column, value->str);
          return FALSE;
        }
      g_string_assign (value, g_ptr_array_index (self->shared, index));
    }
  else if (g_strcmp0 (type, "b") == 0)
    g_string_assign (value, g_str_equal (value->str, "1") ? "TRUE" : "FALSE");
  else if ((type == NULL || g_str_equal (type, "n")) && style != NULL && value->len > 0)
    {
      guint64 s = g_ascii_strtoull (style, NULL, 10);

      if (s < self->styles->len && g_array_index (self->styles, StyleKind, s) != STYLE_PLAIN)
        format_serial (self, g_array_index (self->styles, StyleKind, s), value);
    }

  if (!put_cell (self, column - 1, value->str))
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

  g_string_truncate (self->buffer, 0);
  g_array_set_size (self->offsets, 0);
  while ((rc = xmlTextReaderRead (self->xml)) == 1)
    if (is_start (self->xml, "row"))
      break;
  if (rc == 0)
    return FALSE;
  if (rc < 0)
    return malformed (self, self->sheet_part, error);

  {
    g_autofree char *r = attribute (self->xml, "r");
    guint next_column = 0;
    guint64 number = r ? g_ascii_strtoull (r, NULL, 10) : self->row + 1;

    if (number == 0 || number > 1048576 || number <= self->row)
      {
        g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_MALFORMED, "%s:%u: row number %s is out of order",
                     self->path, self->row, r ? r : "");
        return FALSE;
      }
    self->row = (guint) number;
    if (xmlTextReaderIsEmptyElement (self->xml))
      return TRUE;
    while ((rc = xmlTextReaderRead (self->xml)) == 1 && !is_end (self->xml, "row"))
      if (is_start (self->xml, "c") && !read_cell (self, &next_column, error))
        return FALSE;
  }
  if (rc != 1)
    return malformed (self, self->sheet_part, error);
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

guint
thr_xlsx_reader_get_row (ThrXlsxReader *self)
{
  return self->row;
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
