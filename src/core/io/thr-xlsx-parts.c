/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-xlsx-parts.c — the zip and the small parts of an .xlsx workbook
 *
 * Before the worksheet can be streamed, four small parts say how to read
 * it: the workbook (sheet names and the 1900 or 1904 date system), its
 * relationships (which part holds which sheet), the styles (which number
 * formats are dates or times) and the shared strings.  They may come in
 * any order in the zip, so one pass reads them all.
 */
#define G_LOG_DOMAIN "thr-xlsx"

#include <string.h>

#include "thr-values.h"
#include "thr-xlsx-private.h"

/* Section: reading a zip entry through libxml2 */

/* The size and expansion limits, for a part of part_bytes when the parts
 * read in this pass come to total_bytes. */
static gboolean
check_sizes (ThrXlsxReader *self,
             gint64         part_bytes,
             gint64         total_bytes)
{
  if (part_bytes > MAX_PART_BYTES)
    self->limit_error = g_strdup_printf ("one of its parts expands to more than %" G_GINT64_FORMAT " MiB, "
                                         "the most Threshold reads from one part", MAX_PART_BYTES >> 20);
  else if (total_bytes > MAX_TOTAL_BYTES)
    self->limit_error = g_strdup_printf ("its parts expand to more than %" G_GINT64_FORMAT " MiB together, "
                                         "the most Threshold reads from one workbook", MAX_TOTAL_BYTES >> 20);
  else if (total_bytes > EXPANSION_GRACE && self->size > 0 && total_bytes / self->size > MAX_EXPANSION)
    self->limit_error = g_strdup_printf ("it expands to more than %d times its size on disk (a \"zip bomb\"); "
                                         "Threshold reads at most %d to 1", MAX_EXPANSION, MAX_EXPANSION);
  return self->limit_error == NULL;
}

/* Every expanded byte passes here, so the limits hold whatever the zip's
 * headers claim. */
static gboolean
check_expansion (ThrXlsxReader *self)
{
  return check_sizes (self, self->part_bytes, self->total_bytes);
}

gboolean
_thr_xlsx_check_declared_size (ThrXlsxReader        *self,
                               struct archive_entry *entry)
{
  gint64 size;

  if (!archive_entry_size_is_set (entry))
    return TRUE;
  size = archive_entry_size (entry);
  self->declared_bytes += MAX (size, 0);
  return check_sizes (self, size, self->declared_bytes);
}

/* Section: comments and processing instructions kept from libxml2
 *
 * xmlTextReader keeps every comment and processing instruction of an
 * element until the element ends: a worksheet holding 300 MiB of
 * comments inside <sheetData> took 630 MiB of memory, and one of 1 GiB
 * (which the size limits let through) would take 2 GiB.  No part of a
 * workbook means anything by them, so they are dropped from the bytes
 * before libxml2 sees them.  In well-formed XML "<" stands only at the
 * start of markup (text and attribute values escape it), so telling
 * "<!--", "<?" and "<![CDATA[" apart needs no parsing; CDATA is passed
 * whole, since it may hold "<!--" as text.  The <?xml … ?> declaration at
 * the start of a part is kept: it may name the encoding. */

static const char COMMENT_OPEN[] = "<!--";
static const char CDATA_OPEN[] = "<![CDATA[";

/* Bytes read from the zip at a time (libxml2 asks for 4 at first). */
#define FILTER_CHUNK (64 * 1024)

static void
filter_reset (ThrXlsxReader *self)
{
  self->filter_state = FILTER_TEXT;
  self->filter_run = 0;
  self->filter_pending_len = 0;
}

static void
emit (char  *out,
      gsize *out_len,
      char   c)
{
  out[(*out_len)++] = c;
}

/* Whether pending is the start of what opens a comment, a PI or CDATA. */
static gboolean
pending_may_open (ThrXlsxReader *self)
{
  const char *p = self->filter_pending;
  guint n = self->filter_pending_len;

  return (n <= strlen (COMMENT_OPEN) && memcmp (p, COMMENT_OPEN, n) == 0)
         || (n <= strlen (CDATA_OPEN) && memcmp (p, CDATA_OPEN, n) == 0) || (n <= 2 && memcmp (p, "<?", n) == 0);
}

/* A '<' and the bytes after it, one at a time, until they say what opens;
 * offset is where c is in the part. */
static void
filter_pending_byte (ThrXlsxReader *self,
                     char           c,
                     gint64         offset,
                     char          *out,
                     gsize         *out_len)
{
  self->filter_pending[self->filter_pending_len++] = c;
  if (self->filter_pending_len == 4 && memcmp (self->filter_pending, COMMENT_OPEN, 4) == 0)
    self->filter_state = FILTER_COMMENT;
  else if (self->filter_pending_len == 2 && memcmp (self->filter_pending, "<?", 2) == 0)
    {
      /* Only the declaration, first in the part (after a byte order mark). */
      gboolean declaration = self->filter_lt_offset <= 3;

      self->filter_state = declaration ? FILTER_DECLARATION : FILTER_PI;
      if (declaration)
        emit (out, out_len, '<'), emit (out, out_len, '?');
    }
  else if (self->filter_pending_len == 9 && memcmp (self->filter_pending, CDATA_OPEN, 9) == 0)
    {
      memcpy (out + *out_len, CDATA_OPEN, 9);
      *out_len += 9;
      self->filter_state = FILTER_CDATA;
    }
  else if (pending_may_open (self))
    return;
  else
    {
      /* Ordinary markup: out it goes, but a '<' last may open something. */
      guint keep = c == '<' ? 1 : 0;

      memcpy (out + *out_len, self->filter_pending, self->filter_pending_len - keep);
      *out_len += self->filter_pending_len - keep;
      self->filter_pending_len = keep;
      if (keep)
        self->filter_lt_offset = offset;
      return;
    }
  self->filter_pending_len = 0;
  self->filter_run = 0;
}

/* Inside a comment, PI or CDATA: TRUE at the byte that closes it. */
static gboolean
filter_closes (ThrXlsxReader *self,
               char           c,
               char           run_char,
               guint          run_needed)
{
  if (c == '>' && self->filter_run >= run_needed)
    return TRUE;
  self->filter_run = c == run_char ? self->filter_run + 1 : 0;
  return FALSE;
}

/* Filters in[0 .. n), the bytes of the part from start, into out. */
static gsize
filter_markup (ThrXlsxReader *self,
               const char    *in,
               gsize          n,
               gint64         start,
               char          *out)
{
  gsize out_len = 0;

  for (gsize i = 0; i < n; i++)
    {
      char c = in[i];

      switch (self->filter_state)
        {
        case FILTER_TEXT:
          if (self->filter_pending_len > 0)
            filter_pending_byte (self, c, start + (gint64) i, out, &out_len);
          else if (c == '<')
            {
              self->filter_pending[self->filter_pending_len++] = c;
              self->filter_lt_offset = start + (gint64) i;
            }
          else
            {
              /* The run up to the next '<', in one copy. */
              const char *lt = memchr (in + i, '<', n - i);
              gsize run = lt ? (gsize) (lt - (in + i)) : n - i;

              memcpy (out + out_len, in + i, run);
              out_len += run;
              i += run - 1;
            }
          break;
        case FILTER_COMMENT:
          if (filter_closes (self, c, '-', 2))
            filter_reset (self);
          break;
        case FILTER_PI:
          if (filter_closes (self, c, '?', 1))
            filter_reset (self);
          break;
        case FILTER_DECLARATION:
        case FILTER_CDATA:
          emit (out, &out_len, c);
          if (filter_closes (self, c, self->filter_state == FILTER_CDATA ? ']' : '?',
                             self->filter_state == FILTER_CDATA ? 2 : 1))
            filter_reset (self);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return out_len;
}

/* Reads and filters the next chunk of the part into filter_out; FALSE on
 * an error or a limit, and at the end with nothing left to give. */
static gboolean
filter_next_chunk (ThrXlsxReader *self)
{
  la_ssize_t n;
  gint64 start = self->part_bytes;

  if (self->filter_in == NULL)
    {
      self->filter_in = g_malloc (FILTER_CHUNK);
      self->filter_out = g_malloc (FILTER_CHUNK + sizeof self->filter_pending);
    }
  self->filter_out_len = self->filter_out_pos = 0;
  n = archive_read_data (self->archive, self->filter_in, FILTER_CHUNK);
  if (n < 0)
    {
      /* The archive's own reason (newer libarchive finds a part longer
       * than its header says), not a vague "not well-formed XML". */
      if (self->xml_error == NULL && archive_error_string (self->archive) != NULL)
        self->xml_error = g_strdup (archive_error_string (self->archive));
      return FALSE;
    }
  if (n == 0)
    {
      /* A '<' the part ends with is XML's problem, not the filter's. */
      memcpy (self->filter_out, self->filter_pending, self->filter_pending_len);
      self->filter_out_len = self->filter_pending_len;
      self->filter_pending_len = 0;
      self->filter_at_end = TRUE;
      return TRUE;
    }
  self->part_bytes += n;
  self->total_bytes += n;
  if (!check_expansion (self))
    return FALSE;
  self->filter_out_len = filter_markup (self, self->filter_in, (gsize) n, start, self->filter_out);
  return TRUE;
}

static int
archive_read_cb (void *context,
                 char *buffer,
                 int   len)
{
  ThrXlsxReader *self = context;
  gsize give;

  if (self->limit_error != NULL)
    return -1;
  /* A chunk of nothing but comment gives nothing, but 0 would be the end. */
  while (self->filter_out_pos == self->filter_out_len)
    {
      if (self->filter_at_end)
        return 0;
      if (!filter_next_chunk (self))
        return -1;
    }
  give = MIN ((gsize) len, self->filter_out_len - self->filter_out_pos);
  memcpy (buffer, self->filter_out + self->filter_out_pos, give);
  self->filter_out_pos += give;
  return (int) give;
}

gboolean
_thr_xlsx_refuse_limit (ThrXlsxReader  *self,
                        GError        **error)
{
  g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_MALFORMED, "%s: the workbook was not read: %s",
               self->path, self->limit_error);
  return FALSE;
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
xmlTextReaderPtr
_thr_xlsx_open_entry_xml (ThrXlsxReader *self,
                          const char    *name)
{
  xmlTextReaderPtr xml;

  self->part_bytes = 0;
  filter_reset (self);
  self->filter_out_len = self->filter_out_pos = 0;
  self->filter_at_end = FALSE;
  xml = xmlReaderForIO (archive_read_cb, archive_close_cb, self, name, NULL, XML_PARSE_NONET);

  if (xml != NULL)
    xmlTextReaderSetErrorHandler (xml, xml_error_cb, self);
  return xml;
}

gboolean
_thr_xlsx_malformed (ThrXlsxReader  *self,
                     const char     *part,
                     GError        **error)
{
  if (self->limit_error != NULL)
    return _thr_xlsx_refuse_limit (self, error);
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

gboolean
_thr_xlsx_is_start (xmlTextReaderPtr  xml,
                    const char       *name)
{
  return xmlTextReaderNodeType (xml) == XML_READER_TYPE_ELEMENT && name_is (xml, name);
}

gboolean
_thr_xlsx_is_end (xmlTextReaderPtr  xml,
                  const char       *name)
{
  return xmlTextReaderNodeType (xml) == XML_READER_TYPE_END_ELEMENT && name_is (xml, name);
}

char *
_thr_xlsx_attribute (xmlTextReaderPtr  xml,
                     const char       *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (xml, (const xmlChar *) name);
  char *copy = value ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

gboolean
_thr_xlsx_is_text_node (xmlTextReaderPtr xml)
{
  int type = xmlTextReaderNodeType (xml);

  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA
         || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE;
}

/* Appends the text of <t> elements up to the end of the element `until`,
 * leaving out phonetic runs (<rPh>), which are not part of the value. */
int
_thr_xlsx_read_rich_text (xmlTextReaderPtr  xml,
                          const char       *until,
                          GString          *out)
{
  gboolean in_t = FALSE, in_phonetic = FALSE;
  int rc;

  if (xmlTextReaderIsEmptyElement (xml))
    return 1;
  while ((rc = xmlTextReaderRead (xml)) == 1 && !_thr_xlsx_is_end (xml, until))
    {
      if (_thr_xlsx_is_start (xml, "rPh"))
        in_phonetic = !xmlTextReaderIsEmptyElement (xml);
      else if (_thr_xlsx_is_end (xml, "rPh"))
        in_phonetic = FALSE;
      else if (_thr_xlsx_is_start (xml, "t"))
        in_t = !xmlTextReaderIsEmptyElement (xml);
      else if (_thr_xlsx_is_end (xml, "t"))
        in_t = FALSE;
      else if (in_t && !in_phonetic && _thr_xlsx_is_text_node (xml))
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
    if (_thr_xlsx_is_start (xml, "workbookPr"))
      {
        g_autofree char *v = _thr_xlsx_attribute (xml, "date1904");
        self->date1904 = v != NULL && (g_str_equal (v, "1") || g_ascii_strcasecmp (v, "true") == 0);
      }
    else if (_thr_xlsx_is_start (xml, "sheet"))
      {
        xmlChar *rid = xmlTextReaderGetAttributeNs (xml, (const xmlChar *) "id", (const xmlChar *) REL_NS);
        char *name = _thr_xlsx_attribute (xml, "name");

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
    if (_thr_xlsx_is_start (xml, "Relationship"))
      {
        g_autofree char *id = _thr_xlsx_attribute (xml, "Id");
        g_autofree char *target = _thr_xlsx_attribute (xml, "Target");

        if (id == NULL || target == NULL)
          continue;
        /* Targets are relative to xl/, or absolute from the package root. */
        g_hash_table_replace (info->targets, g_steal_pointer (&id),
                              target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL));
      }
  return rc;
}

static gboolean
check_shared_string (ThrXlsxReader *self,
                     GString       *text)
{
  self->shared_bytes += (gint64) text->len;
  if (self->shared->len >= MAX_SHARED_STRINGS)
    self->limit_error = g_strdup_printf ("it has more than %u shared strings, the most Threshold reads",
                                         MAX_SHARED_STRINGS);
  else if (self->shared_bytes > MAX_SHARED_BYTES)
    self->limit_error = g_strdup_printf ("its shared strings hold more than %" G_GINT64_FORMAT " MiB of text, "
                                         "the most Threshold reads", MAX_SHARED_BYTES >> 20);
  else if (g_utf8_strlen (text->str, (gssize) text->len) > MAX_CELL_CHARS)
    self->limit_error = g_strdup_printf ("shared string %u is longer than %u characters, the most a cell holds",
                                         self->shared->len, MAX_CELL_CHARS);
  return self->limit_error == NULL;
}

/* The count <sst> declares: past the limit, refused before reading one. */
static gboolean
check_declared_count (ThrXlsxReader    *self,
                      xmlTextReaderPtr  xml)
{
  g_autofree char *count = _thr_xlsx_attribute (xml, "uniqueCount");

  if (count != NULL && g_ascii_strtoull (count, NULL, 10) > MAX_SHARED_STRINGS)
    self->limit_error = g_strdup_printf ("it has more than %u shared strings, the most Threshold reads",
                                         MAX_SHARED_STRINGS);
  return self->limit_error == NULL;
}

static int
read_shared_strings (ThrXlsxReader    *self,
                     xmlTextReaderPtr  xml)
{
  int rc;

  while ((rc = xmlTextReaderRead (xml)) == 1)
    if (_thr_xlsx_is_start (xml, "sst") && !check_declared_count (self, xml))
      return -1;
    else if (_thr_xlsx_is_start (xml, "si"))
      {
        GString *text = g_string_new (NULL);

        rc = _thr_xlsx_read_rich_text (xml, "si", text);
        if (rc != 1 || !check_shared_string (self, text))
          {
            g_string_free (text, TRUE);
            return -1;
          }
        g_ptr_array_add (self->shared, g_string_free (text, FALSE));
      }
  return rc;
}

/* A format is a date if it shows a day or a year, a time if it shows
 * hours, minutes or seconds, a percentage if it has a "%" outside quotes
 * (which multiplies the value by 100 on screen). */
static StyleKind
classify_format_code (const char *code)
{
  gboolean quoted = FALSE, bracket = FALSE, has_day = FALSE, has_time = FALSE;
  gboolean has_seconds = FALSE, has_percent = FALSE;

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
        {
          /* [h]:mm:ss, [m]:ss: a duration; [$$-409] and [Red] are not. */
          has_time = has_time || c == 'h' || c == 's' || (c == 'm' && p[-1] == '[');
          has_seconds = has_seconds || c == 's';
        }
      else if (c == 'd' || c == 'y')
        has_day = TRUE;
      else if (c == 'h' || c == 's' || c == 'm')
        {
          has_time = TRUE;
          has_seconds = has_seconds || c == 's';
        }
      else if (c == '%')
        has_percent = TRUE;
    }
  if (has_day)
    return STYLE_DATE;
  if (has_time)
    return has_seconds ? STYLE_TIME : STYLE_TIME_HM;
  return has_percent ? STYLE_PERCENT : STYLE_PLAIN;
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
  if (id == 18 || id == 20)
    return STYLE_TIME_HM;   /* h:mm AM/PM, h:mm */
  if (id == 19 || id == 21 || (id >= 45 && id <= 47))
    return STYLE_TIME;
  if (id == 9 || id == 10)
    return STYLE_PERCENT;   /* 0%, 0.00% */
  return STYLE_PLAIN;
}

static int
read_styles (ThrXlsxReader    *self,
             xmlTextReaderPtr  xml)
{
  gboolean in_cell_xfs = FALSE;
  int rc;

  while ((rc = xmlTextReaderRead (xml)) == 1)
    if (_thr_xlsx_is_start (xml, "numFmt"))
      {
        g_autofree char *id = _thr_xlsx_attribute (xml, "numFmtId");
        g_autofree char *code = _thr_xlsx_attribute (xml, "formatCode");

        if (id && code)
          g_hash_table_replace (self->custom_formats, GUINT_TO_POINTER ((guint) g_ascii_strtoull (id, NULL, 10)),
                                GINT_TO_POINTER (classify_format_code (code)));
      }
    else if (_thr_xlsx_is_start (xml, "cellXfs"))
      in_cell_xfs = !xmlTextReaderIsEmptyElement (xml);
    else if (_thr_xlsx_is_end (xml, "cellXfs"))
      in_cell_xfs = FALSE;
    else if (in_cell_xfs && _thr_xlsx_is_start (xml, "xf"))
      {
        g_autofree char *id = _thr_xlsx_attribute (xml, "numFmtId");
        StyleKind kind = classify_format_id (self, id ? (guint) g_ascii_strtoull (id, NULL, 10) : 0);

        g_array_append_val (self->styles, kind);
      }
  return rc;
}

gboolean
_thr_xlsx_open_archive (ThrXlsxReader  *self,
                        GError        **error)
{
  g_clear_pointer (&self->archive, archive_read_free);
  self->total_bytes = 0;
  self->declared_bytes = 0;
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
is_small_part (const char *name)
{
  return name != NULL && (g_str_equal (name, "xl/workbook.xml") || g_str_equal (name, "xl/_rels/workbook.xml.rels")
                          || g_str_equal (name, "xl/sharedStrings.xml") || g_str_equal (name, "xl/styles.xml"));
}

/* The sizes the headers of the small parts declare, all of them before
 * any is read: parts of 1,000 MiB each that come to more than the total
 * are refused at once, not after expanding the first two.  Reading the
 * headers alone skips the data (libarchive seeks past it). */
static gboolean
check_declared_sizes_first (ThrXlsxReader  *self,
                            GError        **error)
{
  struct archive_entry *entry;

  if (!_thr_xlsx_open_archive (self, error))
    return FALSE;
  while (archive_read_next_header (self->archive, &entry) == ARCHIVE_OK)
    if (is_small_part (archive_entry_pathname (entry)) && !_thr_xlsx_check_declared_size (self, entry))
      return _thr_xlsx_refuse_limit (self, error);
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

  if (!check_declared_sizes_first (self, error) || !_thr_xlsx_open_archive (self, error))
    return FALSE;
  while ((rc = archive_read_next_header (self->archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      xmlTextReaderPtr xml;
      int xml_rc = 0;

      if (!is_small_part (name))
        continue;
      if (!_thr_xlsx_check_declared_size (self, entry))
        return _thr_xlsx_refuse_limit (self, error);
      xml = _thr_xlsx_open_entry_xml (self, name);
      if (xml == NULL)
        return _thr_xlsx_malformed (self, name, error);
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
        return _thr_xlsx_malformed (self, name, error);
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
  g_autofree char *quoted = NULL;

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
        {
          g_autofree char *name = thr_value_quote (g_ptr_array_index (info->sheet_names, i));

          g_string_append_printf (names, "%s%s", i ? ", " : "", name);
        }
      quoted = thr_value_quote (sheet);
      g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_NO_SHEET, "%s: no sheet named %s (the workbook has %s)",
                   self->path, quoted, names->len ? names->str : "no sheets");
    }
  else
    g_set_error (error, THR_XLSX_ERROR, THR_XLSX_ERROR_NO_SHEET, "%s: the workbook has no worksheet", self->path);
  return FALSE;
}


gboolean
_thr_xlsx_read_workbook (ThrXlsxReader  *self,
                         const char     *sheet,
                         GError        **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  WorkbookInfo info = { names, rids, targets };

  return read_small_parts (self, &info, error) && choose_sheet (self, &info, sheet, error);
}

/* Only the worksheets that have a part are offered: choose_sheet refuses
 * the others. */
GStrv
_thr_xlsx_read_sheet_names (ThrXlsxReader  *self,
                            GError        **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  WorkbookInfo info = { names, rids, targets };

  if (!read_small_parts (self, &info, error))
    return NULL;
  for (guint i = 0; i < names->len; i++)
    if (g_hash_table_contains (targets, g_ptr_array_index (rids, i)))
      g_strv_builder_add (builder, g_ptr_array_index (names, i));
  return g_strv_builder_end (builder);
}
