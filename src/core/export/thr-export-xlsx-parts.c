/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-export-xlsx-parts.c — the XML parts of a one-sheet .xlsx
 *
 * Styles: cellXfs 0 is the default, 1 the bold bordered header, 2 long
 * text wrapped, 3 + f the number format f; every format is declared as a
 * custom numFmt (164 and up) so no reader has to know Excel's built-in
 * ids.  Cells are what the user expects to compute with: a percentage is
 * the fraction with a "%" format (0.9355 shown "93.55%", so =E2>=98%
 * works), a month is a date shown "Apr 2018", money has a currency
 * format, a yes/no is a boolean.  Text goes to the shared strings table,
 * each distinct string once.  The sheet prints landscape, one page wide,
 * with the header row repeated on every page.
 */
#define G_LOG_DOMAIN "thr-export"

#include "config.h"

#include <string.h>

#include "thr-csv.h"
#include "thr-export-private.h"
#include "thr-period.h"

#define MIN_COLUMN_WIDTH  8.0
#define MAX_COLUMN_WIDTH 60.0
#define MAX_SHEET_NAME   31     /* Excel's limit */
#define FIRST_CUSTOM_FMT 164    /* ids below are Excel's built-in formats */
#define XF_HEADER         1
#define XF_WRAP           2
#define XF_FORMAT_BASE    3
/* After the formats: text a spreadsheet would take for a formula if the
 * cell were edited ("=…", "+…", "-2+3…", "@…"), kept as text by Excel's
 * quote prefix (the apostrophe OWASP advises, not shown), plain and
 * wrapped. */
#define XF_QUOTED         (XF_FORMAT_BASE + N_FORMATS)
#define XF_QUOTED_WRAP    (XF_QUOTED + 1)

typedef enum {
  FMT_GENERAL,
  FMT_INTEGER,
  FMT_PERCENT,
  FMT_SECONDS,
  FMT_DOLLARS,
  FMT_POINTS,
  FMT_MONTH,
  FMT_DAY,
  N_FORMATS
} Format;

static const char *format_codes[N_FORMATS] = {
  [FMT_GENERAL] = NULL,
  [FMT_INTEGER] = "#,##0",
  [FMT_PERCENT] = "0.00%",
  [FMT_SECONDS] = "0.0\" s\"",
  /* [$$-409] marks US dollars, so LibreOffice and Excel file it under
   * Currency rather than as a custom format with a "$" in it. */
  [FMT_DOLLARS] = "[$$-409]#,##0.00;-[$$-409]#,##0.00",
  [FMT_POINTS] = "0.00\" pp\"",
  [FMT_MONTH] = "mmm yyyy",
  [FMT_DAY] = "yyyy-mm-dd",
};

static Format
format_for_cell (const ThrExportCell *cell)
{
  static const Format number_formats[] = {
    [THR_EXPORT_NUMBER_PLAIN] = FMT_GENERAL,
    [THR_EXPORT_NUMBER_INTEGER] = FMT_INTEGER,
    [THR_EXPORT_NUMBER_PERCENT] = FMT_PERCENT,
    [THR_EXPORT_NUMBER_SECONDS] = FMT_SECONDS,
    [THR_EXPORT_NUMBER_DOLLARS] = FMT_DOLLARS,
    [THR_EXPORT_NUMBER_POINTS] = FMT_POINTS,
  };

  if (cell->kind == THR_EXPORT_CELL_MONTH)
    return FMT_MONTH;
  if (cell->kind == THR_EXPORT_CELL_DAY)
    return FMT_DAY;
  if (cell->kind == THR_EXPORT_CELL_NUMBER && cell->number_kind < G_N_ELEMENTS (number_formats))
    return number_formats[cell->number_kind];
  return FMT_GENERAL;
}

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

/* Whether XML 1.0 allows the character at all (its Char production):
 * not the C0 controls other than tab, line feed and carriage return, not
 * U+FFFE or U+FFFF.  Surrogates cannot come out of valid UTF-8. */
static gboolean
xml_char (gunichar c)
{
  if (c < 0x20)
    return c == '\t' || c == '\n' || c == '\r';
  return c != 0xfffe && c != 0xffff;
}

/* XML text: markup escaped, bytes that are not UTF-8 replaced, and the
 * characters XML 1.0 forbids dropped rather than written into a file
 * Excel would call corrupt. */
static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autoptr(GString) allowed = g_string_sized_new (strlen (valid));
  g_autofree char *escaped = NULL;

  /* Before escaping: g_markup_escape_text writes a control character as
   * a reference ("&#x7;"), which XML 1.0 forbids just the same. */
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (xml_char (c))
        g_string_append_unichar (allowed, c);
    }
  escaped = g_markup_escape_text (allowed->str, (gssize) allowed->len);
  g_string_append (out, escaped);
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
    {
      /* One append per case: newer GLib (2.90 in Debian forky) defines
       * g_string_append as a macro, whose arguments a compound literal's
       * comma would split in three. */
      if (*p == '\'')
        g_string_append (quoted, "''");
      else
        g_string_append_c (quoted, *p);
    }
  append_escaped (out, quoted->str);
  g_string_append (out, "'!$A$1:$");
  append_column (out, table->n_columns - 1);
  g_string_append_printf (out, "$%u</definedName>", table->rows->len + 1);
  /* The header row is printed at the top of every page. */
  g_string_append (out, "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'");
  append_escaped (out, quoted->str);
  g_string_append (out, "'!$1:$1</definedName></definedNames></workbook>");
  return g_string_free (out, FALSE);
}

static char *
styles (void)
{
  GString *out = g_string_new (XML_HEAD "<styleSheet xmlns=\"" NS_MAIN "\">");
  guint n_custom = 0;

  for (guint f = 0; f < N_FORMATS; f++)
    n_custom += format_codes[f] != NULL;
  g_string_append_printf (out, "<numFmts count=\"%u\">", n_custom);
  for (guint f = 0; f < N_FORMATS; f++)
    if (format_codes[f] != NULL)
      {
        g_string_append_printf (out, "<numFmt numFmtId=\"%u\" formatCode=\"", FIRST_CUSTOM_FMT + f);
        append_escaped (out, format_codes[f]);
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
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyBorder=\"1\"/>"
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">"
    "<alignment vertical=\"top\" wrapText=\"1\"/></xf>",
    XF_QUOTED_WRAP + 1);
  for (guint f = 0; f < N_FORMATS; f++)
    g_string_append_printf (out, "<xf numFmtId=\"%u\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
                                 "applyNumberFormat=\"1\"/>",
                            format_codes[f] ? FIRST_CUSTOM_FMT + f : 0);
  g_string_append (out,
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" quotePrefix=\"1\"/>"
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" quotePrefix=\"1\" applyAlignment=\"1\">"
    "<alignment vertical=\"top\" wrapText=\"1\"/></xf>");
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
                  guint       style)
{
  g_string_append (out, "<c r=\"");
  append_ref (out, column, row);
  if (style != 0)
    g_string_append_printf (out, "\" s=\"%u", style);
  g_string_append_printf (out, "\" t=\"s\"><v>%u</v></c>", string);
}

/* Excel's serial day: days since 1899-12-30 (every date Threshold writes
 * is after the phantom 1900-02-29). */
static double
excel_serial (double day)
{
  return day - thr_day_from_ymd (1899, 12, 30);
}

static void
append_value_cell (GString             *out,
                   guint                column,
                   guint                row,
                   const ThrExportCell *cell)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  double value = cell->number;

  if (cell->kind == THR_EXPORT_CELL_MONTH || cell->kind == THR_EXPORT_CELL_DAY)
    value = excel_serial (cell->number);
  else if (cell->kind == THR_EXPORT_CELL_NUMBER && cell->number_kind == THR_EXPORT_NUMBER_PERCENT)
    value = cell->number / 100.0;   /* the spreadsheet's percent is a fraction */
  g_string_append (out, "<c r=\"");
  append_ref (out, column, row);
  if (cell->kind == THR_EXPORT_CELL_BOOLEAN)
    {
      g_string_append_printf (out, "\" t=\"b\"><v>%d</v></c>", cell->number != 0);
      return;
    }
  /* Fifteen significant digits, as Excel keeps: 93.55, not 93.549999… */
  g_string_append_printf (out, "\" s=\"%u\"><v>%s</v></c>", XF_FORMAT_BASE + format_for_cell (cell),
                          g_ascii_formatd (number, sizeof number, "%.15g", value));
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
  char **titles = table->titles ? table->titles : table->headers;

  g_string_append (out, "<sheetData><row r=\"1\">");
  for (guint c = 0; c < table->n_columns; c++)
    {
      append_text_cell (out, c, 0, intern (index, strings, titles[c]), XF_HEADER);
      widths[c] = text_width (titles[c]);
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
              /* Text too long for the widest column wraps within it. */
              gboolean wrap = text_width (cell->text) > MAX_COLUMN_WIDTH;
              guint style = thr_csv_looks_like_formula (cell->text) ? (wrap ? XF_QUOTED_WRAP : XF_QUOTED)
                                                                    : (wrap ? XF_WRAP : 0);

              append_text_cell (out, c, r + 1, intern (index, strings, cell->text), style);
              widths[c] = MAX (widths[c], text_width (cell->text));
            }
          else if (cell->kind != THR_EXPORT_CELL_EMPTY)
            {
              append_value_cell (out, c, r + 1, cell);
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
  GString *out = g_string_new (XML_HEAD "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
                               /* Printed one page wide (with fitToWidth below). */
                               "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>");

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
  /* Landscape, one page wide and as many long as it takes; page numbers
   * in the footer. */
  g_string_append (out, "\"/><pageMargins left=\"0.5\" right=\"0.5\" top=\"0.75\" bottom=\"0.75\" "
                        "header=\"0.3\" footer=\"0.3\"/>"
                        "<pageSetup orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
                        "<headerFooter><oddFooter>&amp;C&amp;P / &amp;N</oddFooter></headerFooter></worksheet>");
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
