/* thr-export-xlsx-parts.c — the XML parts of a one-sheet .xlsx
 *
 * Styles: cellXfs 0 is the default, 1 the bold bordered header, 2 + k the
 * number kind k with its format; every format is declared as a custom
 * numFmt (164 and up) so no reader has to know Excel's built-in ids.
 * Text goes to the shared strings table, each distinct string once.
 */
#define G_LOG_DOMAIN "thr-export"

#include "config.h"

#include "thr-export-private.h"

#define MIN_COLUMN_WIDTH  8.0
#define MAX_COLUMN_WIDTH 60.0
#define MAX_SHEET_NAME   31     /* Excel's limit */
#define FIRST_CUSTOM_FMT 164    /* ids below are Excel's built-in formats */
#define XF_HEADER         1
#define XF_NUMBER_BASE    2

static const char *number_codes[] = {
  [THR_EXPORT_NUMBER_PLAIN] = NULL,   /* General */
  [THR_EXPORT_NUMBER_INTEGER] = "#,##0",
  [THR_EXPORT_NUMBER_PERCENT] = "0.00\" %\"",
  [THR_EXPORT_NUMBER_SECONDS] = "0.0\" s\"",
  [THR_EXPORT_NUMBER_DOLLARS] = "\"$\"#,##0.00",
};

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
#define NS_MAIN  "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL   "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG   "http://schemas.openxmlformats.org/package/2006/relationships"

/* Excel refuses some characters in sheet names and more than 31 of them. */
static char *
sheet_name_for (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name ? name : ""; *p && g_utf8_strlen (out->str, -1) < MAX_SHEET_NAME;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, c < 128 && strchr ("[]:*?/\\", (int) c) ? '-' : c);
    }
  if (out->len == 0)
    g_string_append (out, "Sheet1");
  return g_string_free (out, FALSE);
}

/* "A", "B", … "Z", "AA" … */
static void
append_column (GString *out,
               guint    column)
{
  char letters[8];
  int n = 0;

  for (column++; column > 0; column = (column - 1) / 26)
    letters[n++] = 'A' + (column - 1) % 26;
  while (n > 0)
    g_string_append_c (out, letters[--n]);
}

static void
append_ref (GString *out,
            guint    column,
            guint    row)
{
  append_column (out, column);
  g_string_append_printf (out, "%u", row + 1);
}

/* XML text: markup escaped, and the control characters XML 1.0 forbids
 * dropped rather than written into a file Excel would call corrupt. */
static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  for (const char *p = escaped; *p; p++)
    if ((guchar) *p >= 0x20 || *p == '\t' || *p == '\n' || *p == '\r')
      g_string_append_c (out, *p);
}

static char *
content_types (void)
{
  return g_strdup (XML_HEAD
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
    "</Types>");
}

static char *
package_rels (void)
{
  return g_strdup (XML_HEAD "<Relationships xmlns=\"" NS_PKG "\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\" Target=\"xl/workbook.xml\"/>"
    "</Relationships>");
}

static char *
workbook_rels (void)
{
  return g_strdup (XML_HEAD "<Relationships xmlns=\"" NS_PKG "\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" NS_REL "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "</Relationships>");
}

/* The filter's range is also a hidden defined name, as Excel writes it. */
static char *
workbook (ThrExportTable *table,
          const char     *sheet_name)
{
  g_autofree char *name = sheet_name_for (sheet_name);
  g_autoptr(GString) quoted = g_string_new (NULL);
  GString *out = g_string_new (XML_HEAD "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
                               "<bookViews><workbookView/></bookViews><sheets><sheet name=\"");

  append_escaped (out, name);
  g_string_append (out, "\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
                        "<definedNames><definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">'");
  /* A quote inside a quoted sheet name is doubled. */
  for (const char *p = name; *p; p++)
    g_string_append (quoted, *p == '\'' ? "''" : (char[]) { *p, 0 });
  append_escaped (out, quoted->str);
  g_string_append (out, "'!$A$1:$");
  append_column (out, table->n_columns - 1);
  g_string_append_printf (out, "$%u</definedName></definedNames></workbook>", table->rows->len + 1);
  return g_string_free (out, FALSE);
}

static char *
styles (void)
{
  GString *out = g_string_new (XML_HEAD "<styleSheet xmlns=\"" NS_MAIN "\"><numFmts count=\"4\">");
  guint n_xfs = XF_NUMBER_BASE + G_N_ELEMENTS (number_codes);

  for (guint k = 0; k < G_N_ELEMENTS (number_codes); k++)
    if (number_codes[k] != NULL)
      {
        g_string_append_printf (out, "<numFmt numFmtId=\"%u\" formatCode=\"", FIRST_CUSTOM_FMT + k);
        append_escaped (out, number_codes[k]);
        g_string_append (out, "\"/>");
      }
  g_string_append (out, "</numFmts>"
    "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
    "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
    "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
    "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
    "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
    "<border><left/><right/><top/><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border></borders>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>");
  g_string_append_printf (out, "<cellXfs count=\"%u\">"
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyBorder=\"1\"/>",
    n_xfs);
  for (guint k = 0; k < G_N_ELEMENTS (number_codes); k++)
    g_string_append_printf (out, "<xf numFmtId=\"%u\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                                 "applyNumberFormat=\"1\"/>",
                            number_codes[k] ? FIRST_CUSTOM_FMT + k : 0);
  g_string_append (out, "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
                        "</cellStyles></styleSheet>");
  return g_string_free (out, FALSE);
}

/* Shared strings: the index of @text, adding it the first time. */
static guint
intern (GHashTable *index,
        GPtrArray  *strings,
        const char *text)
{
  gpointer found;

  if (g_hash_table_lookup_extended (index, text, NULL, &found))
    return GPOINTER_TO_UINT (found);
  g_ptr_array_add (strings, (gpointer) text);
  g_hash_table_insert (index, (gpointer) text, GUINT_TO_POINTER (strings->len - 1));
  return strings->len - 1;
}

static void
append_text_cell (GString    *out,
                  guint       column,
                  guint       row,
                  guint       string,
                  gboolean    header)
{
  g_string_append (out, "<c r=\"");
  append_ref (out, column, row);
  g_string_append_printf (out, "\"%s t=\"s\"><v>%u</v></c>", header ? " s=\"1\"" : "", string);
}

static void
append_number_cell (GString             *out,
                    guint                column,
                    guint                row,
                    const ThrExportCell *cell)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, "<c r=\"");
  append_ref (out, column, row);
  /* Fifteen significant digits, as Excel keeps: 93.55, not 93.549999… */
  g_string_append_printf (out, "\" s=\"%u\"><v>%s</v></c>", XF_NUMBER_BASE + cell->number_kind,
                          g_ascii_formatd (number, sizeof number, "%.15g", cell->number));
}

static double
text_width (const char *text)
{
  return text ? (double) g_utf8_strlen (text, -1) + 2 : 0;
}

static void
append_rows (GString        *out,
             ThrExportTable *table,
             GHashTable     *index,
             GPtrArray      *strings,
             double         *widths)
{
  g_string_append (out, "<sheetData><row r=\"1\">");
  for (guint c = 0; c < table->n_columns; c++)
    {
      append_text_cell (out, c, 0, intern (index, strings, table->headers[c]), TRUE);
      widths[c] = text_width (table->headers[c]);
    }
  g_string_append (out, "</row>");
  for (guint r = 0; r < table->rows->len; r++)
    {
      GArray *row = g_ptr_array_index (table->rows, r);

      g_string_append_printf (out, "<row r=\"%u\">", r + 2);
      for (guint c = 0; c < row->len; c++)
        {
          const ThrExportCell *cell = &g_array_index (row, ThrExportCell, c);

          if (cell->kind == THR_EXPORT_CELL_TEXT)
            {
              append_text_cell (out, c, r + 1, intern (index, strings, cell->text), FALSE);
              widths[c] = MAX (widths[c], text_width (cell->text));
            }
          else if (cell->kind == THR_EXPORT_CELL_NUMBER)
            {
              append_number_cell (out, c, r + 1, cell);
              widths[c] = MAX (widths[c], 12);
            }
        }
      g_string_append (out, "</row>");
    }
  g_string_append (out, "</sheetData>");
}

static char *
worksheet (ThrExportTable *table,
           GPtrArray      *strings)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree double *widths = g_new0 (double, table->n_columns);
  g_autoptr(GString) data = g_string_new (NULL);
  GString *out = g_string_new (XML_HEAD "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">");

  append_rows (data, table, index, strings, widths);
  /* The header stays in view while scrolling. */
  g_string_append (out, "<sheetViews><sheetView tabSelected=\"1\" workbookViewId=\"0\">"
                        "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                        "<selection pane=\"bottomLeft\"/></sheetView></sheetViews>"
                        "<sheetFormatPr defaultRowHeight=\"15\"/><cols>");
  for (guint c = 0; c < table->n_columns; c++)
    g_string_append_printf (out, "<col min=\"%u\" max=\"%u\" width=\"%.1f\" customWidth=\"1\"/>", c + 1, c + 1,
                            CLAMP (widths[c], MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH));
  g_string_append (out, "</cols>");
  g_string_append_len (out, data->str, data->len);
  /* …and filters every column. */
  g_string_append (out, "<autoFilter ref=\"A1:");
  append_ref (out, table->n_columns - 1, table->rows->len);
  g_string_append (out, "\"/></worksheet>");
  return g_string_free (out, FALSE);
}

static char *
shared_strings (GPtrArray *strings)
{
  GString *out = g_string_new (XML_HEAD);

  g_string_append_printf (out, "<sst xmlns=\"" NS_MAIN "\" count=\"%u\" uniqueCount=\"%u\">",
                          strings->len, strings->len);
  for (guint i = 0; i < strings->len; i++)
    {
      const char *text = g_ptr_array_index (strings, i);
      gsize len = strlen (text);
      /* Leading or trailing blanks survive only when marked. */
      gboolean keep = len > 0 && (g_ascii_isspace (text[0]) || g_ascii_isspace (text[len - 1]));

      g_string_append (out, keep ? "<si><t xml:space=\"preserve\">" : "<si><t>");
      append_escaped (out, text);
      g_string_append (out, "</t></si>");
    }
  g_string_append (out, "</sst>");
  return g_string_free (out, FALSE);
}

GPtrArray *
thr_export_xlsx_parts (ThrExportTable *table,
                       const char     *sheet_name)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();   /* borrowed from @table */
  char *sheet = worksheet (table, strings);

  g_ptr_array_add (parts, g_strdup ("[Content_Types].xml"));
  g_ptr_array_add (parts, content_types ());
  g_ptr_array_add (parts, g_strdup ("_rels/.rels"));
  g_ptr_array_add (parts, package_rels ());
  g_ptr_array_add (parts, g_strdup ("xl/workbook.xml"));
  g_ptr_array_add (parts, workbook (table, sheet_name));
  g_ptr_array_add (parts, g_strdup ("xl/_rels/workbook.xml.rels"));
  g_ptr_array_add (parts, workbook_rels ());
  g_ptr_array_add (parts, g_strdup ("xl/styles.xml"));
  g_ptr_array_add (parts, styles ());
  g_ptr_array_add (parts, g_strdup ("xl/sharedStrings.xml"));
  g_ptr_array_add (parts, shared_strings (strings));
  g_ptr_array_add (parts, g_strdup ("xl/worksheets/sheet1.xml"));
  g_ptr_array_add (parts, sheet);
  return parts;
}
