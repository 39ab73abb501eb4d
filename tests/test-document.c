/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-document.c — documents read back with poppler: their pages, their
 * text, text inside the printable area, and drawings kept as vectors
 */
#include <glib/gstdio.h>

#include "thr-test-pdf.h"

static void
test_document_basic (void)
{
  g_autoptr(ThrDocument) doc = new_document ();
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  guint n_pages = 0;

  thr_document_set_title (doc, "A test");
  thr_document_add_title (doc, "Monthly performance report 2018-04");
  thr_document_add_heading (doc, "Summary");
  thr_document_add_key_value (doc, "Metric", "A.1.a");
  thr_document_add_key_value (doc, "Status", "✗ missed");
  /* Text is never markup: tags and ampersands print as typed. */
  thr_document_add_paragraph (doc, "<b>not bold</b> & <i>R&D</i>");
  thr_document_add_quote (doc, "98% of all applications shall be reviewed.");
  thr_document_add_signature (doc, "For the Contractor");

  pdf = render (doc, "basic.pdf", &n_pages);
  g_assert_cmpuint (n_pages, ==, 1);
  {
    g_autofree char *title = poppler_document_get_title (pdf);
    g_autofree char *author = poppler_document_get_author (pdf);
    g_autofree char *subject = poppler_document_get_subject (pdf);

    g_assert_cmpstr (title, ==, "A test");
    g_assert_cmpstr (author, ==, "Family and Social Services Administration");
    g_assert_cmpstr (subject, ==, "RFP 16-102");
  }
  text = all_text (pdf);
  assert_contains (text, "Monthly performance report 2018-04");
  assert_contains (text, "A.1.a");
  assert_contains (text, "✗ missed");
  assert_contains (text, "<b>not bold</b> & <i>R&D</i>");
  assert_contains (text, "98% of all applications shall be reviewed.");
  assert_contains (text, "Family and Social Services Administration");
  assert_contains (text, "RFP 16-102");
  assert_contains (text, "Page 1 of 1");
  assert_contains (text, "Generated 2026-11-23 09:30");
  assert_contains (text, "For the Contractor");
  assert_contains (text, "Signature");
  assert_contains (text, "Printed name and title");
  assert_text_inside (pdf);
}

static void
test_document_long_paragraph (void)
{
  g_autoptr(ThrDocument) doc = new_document ();
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *words = numbered_words ("w#", 1500);
  g_autofree char *text = NULL;
  guint n_pages = 0;

  thr_document_add_heading (doc, "Deficiency");
  thr_document_add_paragraph (doc, words);
  thr_document_add_paragraph (doc, "The end.");

  pdf = render (doc, "long-paragraph.pdf", &n_pages);
  g_assert_cmpuint (n_pages, >=, 2);
  text = all_text (pdf);
  /* Every word once, in order, across the page breaks: no line lost to
   * the foot of a page and none drawn twice. */
  assert_numbered_words (text, "w#", 1500);
  assert_contains (text, "The end.");
  for (guint p = 1; p <= n_pages; p++)
    {
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", p, n_pages);
      g_autofree char *page = page_text (pdf, p - 1);

      assert_contains (page, footer);
    }
  assert_text_inside (pdf);
}

static void
test_document_table_header_repeats (void)
{
  static const double widths[] = { 0.08, 0.40, 0.37, 0.15 };
  const char *headers[] = { "No.", "Corrective action", "Owner", "Due date" };
  g_autoptr(ThrDocument) doc = new_document ();
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  ThrDocumentTable *table;
  guint n_pages = 0;

  thr_document_add_heading (doc, "Corrective actions");
  table = thr_document_add_table (doc, G_N_ELEMENTS (widths), widths, headers);
  for (guint i = 1; i <= 90; i++)
    {
      g_autofree char *no = g_strdup_printf ("r#%u", i);
      g_autofree char *action = g_strdup_printf ("Retrain the change-centre staff on the scheduling rules, "
                                                 "batch %u, and audit a sample of their cases", i);
      const char *cells[] = { no, action, i % 3 ? "Contractor" : thr_test_vietnamese, "2018-05-15" };

      thr_document_table_add_row (table, cells, THR_DOCUMENT_ROW_NORMAL);
    }

  pdf = render (doc, "long-table.pdf", &n_pages);
  g_assert_cmpuint (n_pages, >=, 3);
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *page = page_text (pdf, p);

      assert_contains (page, "Corrective action");
      assert_contains (page, "Due date");
      /* On the pages it continues onto, the header row comes first. */
      if (p > 0)
        g_assert_cmpfloat (text_top (pdf, p, "Due date"), <, BODY_TOP + 6);
    }
  text = all_text (pdf);
  assert_numbered_words (text, "r#", 90);
  assert_contains (text, thr_test_vietnamese);
  assert_text_inside (pdf);
}

static void
test_document_tall_row_flows (void)
{
  static const double widths[] = { 0.2, 0.8 };
  const char *headers[] = { "Item", "Root cause" };
  g_autoptr(ThrDocument) doc = new_document ();
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *words = numbered_words ("c#", 1600);
  g_autofree char *text = NULL;
  ThrDocumentTable *table;
  guint n_pages = 0;

  table = thr_document_add_table (doc, G_N_ELEMENTS (widths), widths, headers);
  {
    const char *cells[] = { "one", words };
    thr_document_table_add_row (table, cells, THR_DOCUMENT_ROW_NORMAL);
  }
  {
    const char *cells[] = { "two", "short" };
    thr_document_table_add_row (table, cells, THR_DOCUMENT_ROW_NORMAL);
  }

  pdf = render (doc, "tall-row.pdf", &n_pages);
  g_assert_cmpuint (n_pages, >=, 2);
  text = all_text (pdf);
  assert_numbered_words (text, "c#", 1600);
  assert_contains (text, "short");
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *page = page_text (pdf, p);
      assert_contains (page, "Root cause");
    }
  assert_text_inside (pdf);
}

static void
test_document_unicode (void)
{
  static const double widths[] = { 0.5, 0.5 };
  const char *headers[] = { "Nombre", "Análisis" };
  g_autoptr(ThrDocument) doc = new_document ();
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  ThrDocumentTable *table;

  thr_document_add_heading (doc, thr_test_spanish);
  thr_document_add_paragraph (doc, thr_test_spanish);
  thr_document_add_key_value (doc, "Responsable", thr_test_vietnamese);
  table = thr_document_add_table (doc, 2, widths, headers);
  {
    const char *cells[] = { thr_test_vietnamese, thr_test_spanish };
    thr_document_table_add_row (table, cells, THR_DOCUMENT_ROW_NORMAL);
  }
  thr_document_add_signature (doc, thr_test_vietnamese);

  pdf = render (doc, "unicode.pdf", NULL);
  text = all_text (pdf);
  assert_contains (text, thr_test_spanish);
  assert_contains (text, thr_test_vietnamese);
  assert_contains (text, "Análisis");
  assert_text_inside (pdf);
}

/* The grey level of the page rendered by poppler at one point. */
static double
grey_at (PopplerPage *page,
         double       x,
         double       y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 612, 792);
  cairo_t *cr = cairo_create (surface);
  guint32 pixel;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixel = *(guint32 *) (cairo_image_surface_get_data (surface)
                        + (int) y * cairo_image_surface_get_stride (surface) + (int) x * 4);
  cairo_surface_destroy (surface);
  return (pixel & 0xff) / 255.0;
}

static void
test_document_drawing_is_vector (void)
{
  g_autoptr(ThrDocument) doc = new_document ();
  g_autoptr(TestPdf) pdf = NULL;
  g_autoptr(TestPage) page = NULL;
  DrawLog log = { 0 };
  GList *images;

  thr_document_add_heading (doc, "Trend");
  thr_document_add_drawing (doc, 200, draw_lines_cb, &log, NULL);
  thr_document_add_paragraph (doc, "After the chart.");

  pdf = render (doc, "drawing.pdf", NULL);
  g_assert_cmpuint (log.calls, ==, 1);
  g_assert_cmpfloat (log.width, ==, 612 - 2 * MARGIN_X);
  g_assert_cmpfloat (log.height, ==, 200);

  page = poppler_document_get_page (pdf, 0);
  images = poppler_page_get_image_mapping (page);
  g_assert_null (images);
  poppler_page_free_image_mapping (images);
  /* The box starts under the heading: its middle line is drawn, in black,
   * and the space beside the filled square is not. */
  {
    double top = text_top (pdf, 0, "Trend");
    double box_top = text_top (pdf, 0, "After the chart.") - 200 - 6;

    g_assert_cmpfloat (box_top, >, top);
    g_assert_cmpfloat (grey_at (page, 300, box_top + 100), <, 0.2);
    g_assert_cmpfloat (grey_at (page, 300, box_top + 150), >, 0.9);
  }
}

/* Nothing in a document may run off the page or stop it rendering: an
 * unbreakable token, invalid UTF-8, a one-column table, an empty table,
 * a drawing taller than a page, no blocks at all. */
static void
test_document_edge_cases (void)
{
  static const double one[] = { 1.0 };
  static const double too_wide[] = { 0.8, 0.8 };
  const char *headers[] = { "Only" };
  const char *two[] = { "Left", "Right" };
  g_autoptr(ThrDocument) empty = new_document ();
  g_autoptr(ThrDocument) doc = new_document ();
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *token = g_strnfill (3000, 'x');
  g_autofree char *text = NULL;
  ThrDocumentTable *table;
  DrawLog log = { 0 };
  guint n_pages = 0;

  pdf = render (empty, "empty.pdf", &n_pages);
  g_assert_cmpuint (n_pages, ==, 1);
  g_clear_object (&pdf);

  thr_document_add_title (doc, token);
  thr_document_add_paragraph (doc, token);
  thr_document_add_paragraph (doc, "caf\xe9 Latin-1");
  thr_document_add_key_value (doc, "Key", NULL);
  table = thr_document_add_table (doc, 1, one, headers);
  {
    const char *cells[] = { token };
    thr_document_table_add_row (table, cells, THR_DOCUMENT_ROW_BOLD);
  }
  table = thr_document_add_table (doc, 2, too_wide, two);
  {
    /* Broken across lines of a narrow cell, a number loses no digit. */
    const char *cells[] = { "12345678901234567890123456789012345678901234567890"
                            "12345678901234567890123456789012345678901234567890", "n" };
    thr_document_table_add_row (table, cells, THR_DOCUMENT_ROW_NORMAL);
  }
  thr_document_add_drawing (doc, 5000, draw_lines_cb, &log, NULL);
  thr_document_add_page_break (doc);
  thr_document_add_page_break (doc);
  thr_document_add_paragraph (doc, "last");

  pdf = render (doc, "edge-cases.pdf", &n_pages);
  g_assert_cmpuint (log.calls, ==, 1);
  g_assert_cmpfloat (log.height, ==, BODY_BOTTOM - BODY_TOP);
  text = all_text (pdf);
  assert_contains (text, "caf");
  assert_contains (text, "Latin-1");
  assert_contains (text, "Right");
  {
    g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
    g_autofree char *flat = g_regex_replace_literal (space, text, -1, 0, "", 0, NULL);

    assert_contains (flat, "1234567890123456789012345678901234567890123456789012345678901234567890");
  }
  assert_contains (text, "last");
  assert_text_inside (pdf);
}

/* One word of 200 KB (a CAP field from a received store) took 56 s to lay
 * out: a text is cut at 20,000 characters, saying so, and a long run gets
 * break opportunities, so it lays out in a few pages and well under a
 * second, inside the margins. */
static void
test_document_hostile_text (void)
{
  g_autoptr(ThrDocument) doc = new_document ();
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *word = g_strnfill (200000, 'x');
  g_autofree char *text = NULL;
  guint n_pages = 0;
  gint64 start;

  thr_document_add_key_value (doc, "Root cause", word);
  thr_document_add_paragraph (doc, "after");
  start = g_get_monotonic_time ();
  pdf = render (doc, "hostile-text.pdf", &n_pages);
  g_test_message ("laid out and rendered in %.2f s, %u pages", (g_get_monotonic_time () - start) / 1e6, n_pages);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_assert_cmpuint (n_pages, <=, 12);
  text = all_text (pdf);
  assert_contains (text, "cut here: the text has");
  assert_contains (text, "200000 characters");
  assert_contains (text, "after");
  assert_text_inside (pdf);
}

/* Printing: any cairo_t in points gets the same pages as the PDF. */
static void
test_document_pages_on_any_surface (void)
{
  g_autoptr(ThrDocument) doc = new_document ();
  g_autofree char *words = numbered_words ("w#", 1500);
  g_autoptr(TestPdf) pdf = NULL;
  g_autoptr(ThrDocumentPages) pages = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 612, 792);
  cairo_t *cr = cairo_create (surface);
  guint n_pages = 0, dark = 0;
  guchar *data;
  int stride;

  thr_document_add_heading (doc, "Deficiency");
  thr_document_add_paragraph (doc, words);
  pdf = render (doc, "pages.pdf", &n_pages);

  pages = thr_document_paginate (doc, cr);
  g_assert_cmpuint (thr_document_pages_get_n_pages (pages), ==, n_pages);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  thr_document_pages_draw (pages, cr, n_pages - 1);
  cairo_surface_flush (surface);

  /* Ink in the footer band ("Page N of N") and none in the margins. */
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 746; y < 760; y++)
    for (int x = 54; x < 558; x++)
      dark += data[y * stride + x * 4] < 128;
  g_assert_cmpuint (dark, >, 50);
  for (int y = 0; y < 792; y++)
    for (int x = 0; x < 50; x++)
      g_assert_cmpint (data[y * stride + x * 4], ==, 255);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The same document at the same generation time gives the same bytes:
 * a report regenerated for an auditor can be compared with the one sent. */
static void
test_document_reproducible (void)
{
  g_autoptr(ThrDocument) doc = new_document ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;

  thr_document_add_title (doc, "Monthly performance report 2018-04");
  thr_document_add_paragraph (doc, thr_test_vietnamese);
  thr_document_add_drawing (doc, 100, draw_lines_cb, &(DrawLog) { 0 }, NULL);
  first = thr_document_render_pdf (doc, NULL, &error);
  g_assert_no_error (error);
  second = thr_document_render_pdf (doc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, second));
}

static void
test_document_write_file (void)
{
  g_autoptr(ThrDocument) doc = new_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thr-document-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "out.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  thr_document_add_paragraph (doc, "Hello");
  g_assert_true (thr_document_write_pdf (doc, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_false (thr_document_write_pdf (doc, bad, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_drawing_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thr-drawing-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "chart.SVG", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "chart.pdf", NULL);
  g_autofree char *svg_text = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(TestPdf) pdf = NULL;
  g_autoptr(TestPage) page = NULL;
  ThrDrawingFormat format;
  cairo_surface_t *image;
  DrawLog log = { 0 };
  double w, h;

  g_assert_true (thr_drawing_format_from_path (png, &format));
  g_assert_cmpint (format, ==, THR_DRAWING_PNG);
  g_assert_true (thr_drawing_format_from_path (svg, &format));
  g_assert_cmpint (format, ==, THR_DRAWING_SVG);
  g_assert_false (thr_drawing_format_from_path ("chart.gif", &format));

  /* PNG: two pixels a point, white behind the drawing. */
  g_assert_true (thr_drawing_export (draw_lines_cb, &log, 300, 120, THR_DRAWING_PNG, 2, png, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 600);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 240);
  {
    guchar *data = cairo_image_surface_get_data (image);
    int stride = cairo_image_surface_get_stride (image);

    /* The middle line (y = 60 pt → 120 px) is black; the corner is white. */
    g_assert_cmpint (data[120 * stride + 300 * 4], <, 50);
    g_assert_cmpint (data[230 * stride + 590 * 4], ==, 255);
  }
  cairo_surface_destroy (image);

  /* SVG: paths, no embedded bitmap. */
  g_assert_true (thr_drawing_export (draw_lines_cb, &log, 300, 120, THR_DRAWING_SVG, 2, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
  g_assert_nonnull (strstr (svg_text, "<path"));
  g_assert_null (strstr (svg_text, "<image"));

  /* PDF: one page the size of the box, vector. */
  g_assert_true (thr_drawing_export (draw_lines_cb, &log, 300, 120, THR_DRAWING_PDF, 2, pdf_path, &error));
  g_assert_no_error (error);
  uri = g_filename_to_uri (pdf_path, NULL, &error);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (pdf), ==, 1);
  page = poppler_document_get_page (pdf, 0);
  poppler_page_get_size (page, &w, &h);
  g_assert_cmpfloat (w, ==, 300);
  g_assert_cmpfloat (h, ==, 120);
  g_assert_null (poppler_page_get_image_mapping (page));
  g_assert_cmpuint (log.calls, ==, 3);
  g_assert_cmpfloat (log.width, ==, 300);

  g_unlink (png);
  g_unlink (svg);
  g_unlink (pdf_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  thr_core_init ();

  g_test_add_func ("/document/basic", test_document_basic);
  g_test_add_func ("/document/long-paragraph", test_document_long_paragraph);
  g_test_add_func ("/document/table-header-repeats", test_document_table_header_repeats);
  g_test_add_func ("/document/tall-row-flows", test_document_tall_row_flows);
  g_test_add_func ("/document/unicode", test_document_unicode);
  g_test_add_func ("/document/drawing-is-vector", test_document_drawing_is_vector);
  g_test_add_func ("/document/write-file", test_document_write_file);
  g_test_add_func ("/document/reproducible", test_document_reproducible);
  g_test_add_func ("/document/edge-cases", test_document_edge_cases);
  g_test_add_func ("/document/hostile-text", test_document_hostile_text);
  g_test_add_func ("/document/pages-on-any-surface", test_document_pages_on_any_surface);
  g_test_add_func ("/drawing/export", test_drawing_export);
  return g_test_run ();
}
