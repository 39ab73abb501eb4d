/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-document-tagged.c — documents for a state office: a tagged PDF
 * (the structure tree read back with poppler, "Tagged: yes" from pdfinfo,
 * the language and the figures' descriptions as readers see them), one
 * embedded face (pdffonts), a clean file (qpdf --check), and the page
 * rules: no heading last on its page, no chart apart from its heading, no
 * totals row alone, no signature apart from what it signs.
 */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "thr-test-pdf.h"

static void
noop_cb (cairo_t  *cr,
         double    width,
         double    height,
         gpointer  user_data)
{
}

/* A drawing that prints a word, so poppler can tell which page it is on. */
static void
labelled_cb (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  user_data)
{
  /* Pango, as the chart writes its labels (cairo's toy text API keeps a
   * font cache that valgrind reports). */
  PangoLayout *layout = pango_cairo_create_layout (cr);

  PangoFontDescription *font = pango_font_description_from_string ("DejaVu Sans 9");

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, user_data, -1);
  cairo_move_to (cr, 10, height / 2);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/* Section: the tagged PDF */

static ThrDocument *
every_block_document (void)
{
  ThrDocument *doc = new_document ();
  const double widths[] = { 0.5, 0.25, 0.25 };
  const char *headers[] = { "Component", "Withheld", "Released" };
  const char *row[] = { "Central", "$15,000.00", "$0.00" };
  const char *total[] = { "Total", "$15,000.00", "$0.00" };
  ThrDocumentTable *table;

  thr_document_set_title (doc, "Tagged");
  thr_document_add_title (doc, "Monthly performance report");
  thr_document_add_key_value (doc, "Month", "April 2018");
  thr_document_add_heading (doc, "Summary");
  thr_document_add_paragraph (doc, "Three metrics were missed.");
  thr_document_add_subheading (doc, "A.1.a");
  thr_document_add_quote (doc, "98% of all applications shall be reviewed.");
  thr_document_add_figure (doc, 120, "Trend of A.1.a: April 2018 90 %, missed", labelled_cb, "chart", NULL);
  thr_document_add_drawing (doc, 40, noop_cb, NULL, NULL);   /* decoration */
  table = thr_document_add_table (doc, 3, widths, headers);
  thr_document_table_add_row (table, row, THR_DOCUMENT_ROW_NORMAL);
  thr_document_table_add_row (table, total, THR_DOCUMENT_ROW_BOLD);
  thr_document_add_signature (doc, "For the Contractor");
  return doc;
}

static void
test_tagged_structure (void)
{
  g_autoptr(ThrDocument) doc = every_block_document ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = thr_document_render_pdf (doc, NULL, &error);
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *tree = NULL;

  g_assert_no_error (error);
  pdf = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  tree = structure_of (pdf);
  g_test_message ("%s", tree);
  g_assert_cmpstr (tree, ==,
                   "document\n"
                   "  heading-1\n"
                   "  table\n"
                   "    table-row\n"
                   "      table-heading\n"
                   "      table-data\n"
                   "  heading-2\n"
                   "  paragraph\n"
                   "  heading-3\n"
                   "  blockquote\n"
                   "  figure[Trend of A.1.a: April 2018 90 %, missed]\n"
                   "  table\n"
                   "    table-row\n"
                   "      table-heading\n"
                   "      table-heading\n"
                   "      table-heading\n"
                   "    table-row\n"
                   "      table-data\n"
                   "      table-data\n"
                   "      table-data\n"
                   "    table-row\n"
                   "      table-data\n"
                   "      table-data\n"
                   "      table-data\n"
                   "  div\n"
                   "    paragraph\n"
                   "    paragraph\n"
                   "    paragraph\n"
                   "    paragraph\n");
  assert_clean_tagged_pdf (bytes);
}

/* The language: the translation's "en-US" by default, or the one set;
 * a reader finds it in the catalog through the incremental update. */
static void
test_tagged_language (void)
{
  g_autoptr(ThrDocument) doc = every_block_document ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) english = thr_document_render_pdf (doc, NULL, &error);
  g_autoptr(GBytes) spanish = NULL;
  g_autofree char *catalog = NULL;

  g_assert_no_error (error);
  catalog = catalog_of (english);
  /* "en-US" in UTF-16BE with its byte order mark */
  assert_contains (catalog, "/Lang <feff0065006e002d00550053>");
  assert_contains (catalog, "/MarkInfo << /Marked true >>");
  assert_contains (catalog, "/StructTreeRoot");
  g_free (catalog);

  thr_document_set_language (doc, "es");
  spanish = thr_document_render_pdf (doc, NULL, &error);
  g_assert_no_error (error);
  catalog = catalog_of (spanish);
  assert_contains (catalog, "/Lang <feff00650073>");
  assert_clean_tagged_pdf (spanish);
}

/* A description in any script reaches the reader as written. */
static void
test_tagged_alt_unicode (void)
{
  g_autoptr(ThrDocument) doc = new_document ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *alt = g_strdup_printf ("Tendencia (%s) — ¶4.i", thr_test_vietnamese);
  g_autofree char *tree = NULL;
  g_autofree char *expected = NULL;

  /* A title that reads like cairo's structure elements is only text. */
  thr_document_set_title (doc, "1 0 obj\n<< /Type /StructElem\n   /S /Figure\n /S /Figure trailer /Root 1 0 R");
  thr_document_add_title (doc, "/Type /StructElem /S /Figure");
  thr_document_add_figure (doc, 100, alt, labelled_cb, "one", NULL);
  thr_document_add_page_break (doc);
  thr_document_add_figure (doc, 100, "second (with parentheses) \\ and a backslash", labelled_cb, "two", NULL);
  bytes = thr_document_render_pdf (doc, NULL, &error);
  g_assert_no_error (error);
  pdf = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  tree = structure_of (pdf);
  expected = g_strdup_printf ("document\n  heading-1\n  figure[%s]\n  figure[second (with parentheses) \\ and a backslash]\n", alt);
  g_assert_cmpstr (tree, ==, expected);
  assert_clean_tagged_pdf (bytes);
}

/* Section: page rules
 *
 * Each rule is checked over a sweep of positions: a blank drawing of
 * height @filler pushes the rest down point by point, through the place
 * where, without the rule, a heading would be the last line of its page,
 * a chart would go on without its heading, a totals row would stand
 * alone or a signature would leave its group. */

static guint
page_of (PopplerDocument *pdf,
         const char      *word)
{
  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      g_autofree char *text = page_text (pdf, i);

      if (strstr (text, word))
        return i;
    }
  g_error ("“%s” is on no page", word);
}

typedef void (*BuildFunc) (ThrDocument *doc);

static PopplerDocument *
render_after_blank (BuildFunc  build,
                    double     room)
{
  g_autoptr(ThrDocument) doc = new_document ();
  guint n_pages = 0;

  thr_document_add_drawing (doc, BODY_BOTTOM - BODY_TOP - 6 - room, noop_cb, NULL, NULL);
  build (doc);
  return render (doc, "rule.pdf", &n_pages);
}

/* For each room left at the foot of the first page, from 4 points to
 * @range: @first and @second are on one page.  @control is the same
 * content without the reason to keep them together (a page break, a
 * plain last row); the positions where @first stays on the first page in
 * @control but goes over in the document are where the rule decided,
 * and there must be some, or the sweep proved nothing.
 *
 * With THR_TEST_FEWER_STEPS (set by tools/run-valgrind) the sweep stops
 * at the first position where the rule decided: the positions before it
 * and the one where it moves the pair walk the layout's branches, which
 * is what memcheck is there for; each position is two PDFs rendered and
 * read back, mostly cairo's, Pango's and poppler's time under memcheck.
 * The plain and sanitizer runs sweep the whole range. */
static void
sweep (BuildFunc    build,
       BuildFunc    control,
       double       range,
       const char  *first,
       const char  *second)
{
  gboolean to_first_decision = g_getenv ("THR_TEST_FEWER_STEPS") != NULL;
  guint decided = 0;
  guint positions = 0;

  for (double room = 4; room <= range && !(to_first_decision && decided > 0); room += 5)
    {
      g_autoptr(TestPdf) pdf = render_after_blank (build, room);
      g_autoptr(TestPdf) plain = render_after_blank (control, room);

      positions++;
      if (page_of (pdf, first) != page_of (pdf, second))
        g_test_message ("%s and %s apart with %g points left", first, second, room);
      g_assert_cmpuint (page_of (pdf, first), ==, page_of (pdf, second));
      if (page_of (plain, first) == 0 && page_of (pdf, first) == 1)
        decided++;
    }
  g_test_message ("%s with %s: the rule decided at %u of %u positions", first, second, decided, positions);
  g_assert_cmpuint (decided, >, 0);
}

static void
heading_then_paragraph (ThrDocument *doc)
{
  thr_document_add_heading (doc, "Heading-X");
  thr_document_add_paragraph (doc, "Para-first words of a paragraph long enough to need more lines than a "
                                   "paragraph kept whole has, so that only its start has to fit under the heading "
                                   "for the heading to stay; the rest may run onto the next page as a long "
                                   "paragraph does. It goes on, and on, about nothing in particular, line after "
                                   "line, until it is clearly longer than eight lines of the page's width, which "
                                   "takes a good many words of body text set at ten points across the whole "
                                   "column; a few more words here, and a few more there, and then some more "
                                   "words again, to be sure of it whatever the font's width, and then the end.");
}

/* A paragraph of a few lines, and the same words run into a long one. */
static void
short_paragraph (ThrDocument *doc)
{
  thr_document_add_paragraph (doc, "KeepAlpha: a ledger explanation of three lines or so, which a reader and a "
                                   "search of the PDF should find in one piece, with no page footer and header "
                                   "in the middle of its sentence; it ends with KeepOmega.");
}

static void
long_paragraph (ThrDocument *doc)
{
  g_autoptr(GString) text = g_string_new ("KeepAlpha: a ledger explanation of three lines or so, which a reader "
                                          "and a search of the PDF should find in one piece, with no page footer "
                                          "and header in the middle of its sentence; it ends with KeepOmega.");

  for (int i = 0; i < 8; i++)
    g_string_append (text, " Then a long paragraph goes on past eight lines, and may break across a page.");
  thr_document_add_paragraph (doc, text->str);
}

static void
heading_alone (ThrDocument *doc)
{
  thr_document_add_heading (doc, "Heading-X");
  thr_document_add_page_break (doc);
  heading_then_paragraph (doc);
}

/* ¶ A short paragraph moves to the next page whole rather than break
 * across the foot of one (Debian forky's fonts broke a ledger
 * explanation of the monthly report there). */
static void
test_rule_short_paragraph_whole (void)
{
  sweep (short_paragraph, long_paragraph, 60, "KeepAlpha", "KeepOmega");
}

static void
test_rule_heading_not_last (void)
{
  sweep (heading_then_paragraph, heading_alone, 100, "Heading-X", "Para-first");
}

static void
subheading_then_table (ThrDocument *doc)
{
  const double widths[] = { 0.6, 0.4 };
  const char *headers[] = { "Metric", "Value" };
  const char *row[] = { "Row-first", "98 %" };
  ThrDocumentTable *table;

  thr_document_add_subheading (doc, "Sub-X");
  table = thr_document_add_table (doc, 2, widths, headers);
  for (guint i = 0; i < 6; i++)
    thr_document_table_add_row (table, row, THR_DOCUMENT_ROW_NORMAL);
}

static void
subheading_alone (ThrDocument *doc)
{
  thr_document_add_subheading (doc, "Sub-X");
  thr_document_add_page_break (doc);
  subheading_then_table (doc);
}

static void
test_rule_subheading_not_last (void)
{
  sweep (subheading_then_table, subheading_alone, 100, "Sub-X", "Row-first");
}

static void
heading_then_chart (ThrDocument *doc)
{
  thr_document_add_heading (doc, "Trend-X");
  thr_document_add_figure (doc, 150, "Trend of A.1.a", labelled_cb, "Chart-X", NULL);
}

static void
chart_heading_alone (ThrDocument *doc)
{
  thr_document_add_heading (doc, "Trend-X");
  thr_document_add_page_break (doc);
  heading_then_chart (doc);
}

static void
test_rule_chart_with_heading (void)
{
  sweep (heading_then_chart, chart_heading_alone, 200, "Trend-X", "Chart-X");
}

static void
add_months_table (ThrDocument         *doc,
                  ThrDocumentRowStyle  last_style)
{
  const double widths[] = { 0.6, 0.4 };
  const char *headers[] = { "Month", "Withheld" };
  ThrDocumentTable *table = thr_document_add_table (doc, 2, widths, headers);

  for (guint i = 1; i <= 8; i++)
    {
      g_autofree char *month = g_strdup_printf ("m#%u", i);
      const char *row[] = { month, "$15,000.00" };

      thr_document_table_add_row (table, row, THR_DOCUMENT_ROW_NORMAL);
    }
  {
    const char *total[] = { "Total-X", "$120,000.00" };

    thr_document_table_add_row (table, total, last_style);
  }
}

static void
table_with_totals (ThrDocument *doc)
{
  add_months_table (doc, THR_DOCUMENT_ROW_BOLD);
}

/* The same last row, not a total: it may stand alone. */
static void
table_with_plain_last_row (ThrDocument *doc)
{
  add_months_table (doc, THR_DOCUMENT_ROW_NORMAL);
}

static void
test_rule_totals_not_alone (void)
{
  sweep (table_with_totals, table_with_plain_last_row, 200, "m#8", "Total-X");
}

static void
signatures (ThrDocument *doc)
{
  thr_document_add_heading (doc, "Signatures-X");
  thr_document_add_key_value (doc, "Signatories", "Who-X");
  thr_document_add_signature (doc, "For the Contractor");
  thr_document_add_signature (doc, "For the State");
}

/* Controls: the same blocks with a page break after the first of a pair,
 * so that nothing keeps the pair together. */
static void
signatures_heading_apart (ThrDocument *doc)
{
  thr_document_add_heading (doc, "Signatures-X");
  thr_document_add_page_break (doc);
  thr_document_add_key_value (doc, "Signatories", "Who-X");
  thr_document_add_signature (doc, "For the Contractor");
  thr_document_add_signature (doc, "For the State");
}

static void
signatories_apart (ThrDocument *doc)
{
  thr_document_add_key_value (doc, "Signatories", "Who-X");
  thr_document_add_page_break (doc);
  thr_document_add_signature (doc, "For the Contractor");
  thr_document_add_signature (doc, "For the State");
}

static void
signatures_without_heading (ThrDocument *doc)
{
  thr_document_add_key_value (doc, "Signatories", "Who-X");
  thr_document_add_signature (doc, "For the Contractor");
  thr_document_add_signature (doc, "For the State");
}

static void
one_signature_apart (ThrDocument *doc)
{
  thr_document_add_signature (doc, "For the Contractor");
  thr_document_add_page_break (doc);
  thr_document_add_signature (doc, "For the State");
}

static void
two_signatures (ThrDocument *doc)
{
  thr_document_add_signature (doc, "For the Contractor");
  thr_document_add_signature (doc, "For the State");
}

/* The heading, who signs, and both signature blocks stay together. */
static void
test_rule_signatures_together (void)
{
  sweep (signatures, signatures_heading_apart, 300, "Signatures-X", "For the State");
  sweep (signatures_without_heading, signatories_apart, 300, "Who-X", "For the State");
  sweep (two_signatures, one_signature_apart, 300, "For the Contractor", "For the State");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/tagged/structure", test_tagged_structure);
  g_test_add_func ("/document/tagged/language", test_tagged_language);
  g_test_add_func ("/document/tagged/alt-unicode", test_tagged_alt_unicode);
  g_test_add_func ("/document/rules/heading-not-last", test_rule_heading_not_last);
  g_test_add_func ("/document/rules/short-paragraph-whole", test_rule_short_paragraph_whole);
  g_test_add_func ("/document/rules/subheading-not-last", test_rule_subheading_not_last);
  g_test_add_func ("/document/rules/chart-with-heading", test_rule_chart_with_heading);
  g_test_add_func ("/document/rules/totals-not-alone", test_rule_totals_not_alone);
  g_test_add_func ("/document/rules/signatures-together", test_rule_signatures_together);
  return g_test_run ();
}
