/* test-document.c — documents read back with poppler: their pages, their
 * text, text inside the printable area, and drawings kept as vectors
 *
 * Set THR_TEST_OUTPUT_DIR to keep every PDF the tests write, to look at.
 */
#include <glib/gstdio.h>
#include <poppler.h>

#include "thr-core.h"

/* The printable bands of a page (thr-document-private.h), with a point of
 * slack for glyph extents: header, body and footer. */
#define MARGIN_X     54.0
#define BODY_TOP     68.0
#define BODY_BOTTOM 736.0
#define SLACK         1.0

/* poppler-glib 22.12 has no autoptr cleanups and later versions may:
 * aliases keep ours from clashing with theirs. */
typedef PopplerDocument TestPdf;
typedef PopplerPage     TestPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdf, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPage, g_object_unref)

static const char spanish[] = "Corrección, análisis, señal";
static const char vietnamese[] = "Nguyễn Thị Minh Khai Trần Phương Thảo";

/* ---- Helpers ------------------------------------------------------------- */

static GDateTime *
fixed_time (void)
{
  return g_date_time_new_utc (2026, 11, 23, 9, 30, 0);
}

static ThrDocument *
new_document (void)
{
  ThrDocument *doc = thr_document_new ();
  g_autoptr(GDateTime) when = fixed_time ();

  thr_document_set_header (doc, "Family and Social Services Administration", "RFP 16-102");
  thr_document_set_generated (doc, when);
  return doc;
}

static void
keep_pdf (GBytes     *pdf,
          const char *name)
{
  const char *dir = g_getenv ("THR_TEST_OUTPUT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL);
}

static PopplerDocument *
render (ThrDocument *doc,
        const char  *name,
        guint       *n_pages_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = thr_document_render_pdf (doc, n_pages_out, &error);
  PopplerDocument *poppler;

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  keep_pdf (pdf, name);
  poppler = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_assert_no_error (error);
  if (n_pages_out)
    g_assert_cmpint (poppler_document_get_n_pages (poppler), ==, *n_pages_out);
  return poppler;
}

static char *
page_text (PopplerDocument *pdf,
           int              index)
{
  g_autoptr(TestPage) page = poppler_document_get_page (pdf, index);

  return poppler_page_get_text (page);
}

static char *
all_text (PopplerDocument *pdf)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      g_autofree char *text = page_text (pdf, i);

      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

/* Every visible character lies in the header band, the body or the footer
 * band, between the side margins: nothing is clipped or runs off the page. */
static void
assert_text_inside (PopplerDocument *pdf)
{
  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      g_autoptr(TestPage) page = poppler_document_get_page (pdf, p);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree PopplerRectangle *rects = NULL;
      guint n_rects = 0;
      const char *c = text;

      g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
      for (guint i = 0; i < n_rects && *c; i++, c = g_utf8_next_char (c))
        {
          const PopplerRectangle *r = &rects[i];
          gboolean header = r->y1 >= 30 && r->y2 <= 50;
          gboolean body = r->y1 >= BODY_TOP - SLACK && r->y2 <= BODY_BOTTOM + SLACK;
          gboolean footer = r->y1 >= 744 && r->y2 <= 762;

          if (g_unichar_isspace (g_utf8_get_char (c)))
            continue;
          if (r->x1 < MARGIN_X - SLACK || r->x2 > 612 - MARGIN_X + SLACK || !(header || body || footer))
            g_error ("page %d: “%.12s…” at (%.1f, %.1f)–(%.1f, %.1f) is outside the printable area",
                     p + 1, c, r->x1, r->y1, r->x2, r->y2);
        }
    }
}

/* The y (from the top) of the first character of @needle on page @index. */
static double
text_top (PopplerDocument *pdf,
          int              index,
          const char      *needle)
{
  g_autoptr(TestPage) page = poppler_document_get_page (pdf, index);
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  g_assert_cmpuint (g_utf8_pointer_to_offset (text, at), <, n_rects);
  return rects[g_utf8_pointer_to_offset (text, at)].y1;
}

/* Words "w#1" … "w#N" of @text, in order, each once.  Poppler may run a
 * cell's text into its neighbour's, so words are found by a pattern that
 * only they match ("#" appears nowhere else) rather than split at spaces. */
static void
assert_numbered_words (const char *text,
                       const char *prefix,
                       guint       n)
{
  g_autofree char *pattern = g_strdup_printf ("%s([0-9]+)(?![0-9])", prefix);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint next = 1;

  g_regex_match (regex, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *number = g_match_info_fetch (match, 1);

      g_assert_cmpuint (g_ascii_strtoull (number, NULL, 10), ==, next);
      next++;
    }
  g_assert_cmpuint (next - 1, ==, n);
}

static char *
numbered_words (const char *prefix,
                guint       n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (out, "%s%s%u", i > 1 ? " " : "", prefix, i);
  return g_string_free (out, FALSE);
}

/* The PDF's outline as lines "depth title page". */
static void
append_outline (GString          *out,
                PopplerIndexIter *iter,
                int               depth)
{
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      PopplerIndexIter *child = poppler_index_iter_get_child (iter);

      g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
      g_string_append_printf (out, "%d %s p%d\n", depth, action->any.title,
                              action->goto_dest.dest ? action->goto_dest.dest->page_num : -1);
      if (child)
        {
          append_outline (out, child, depth + 1);
          poppler_index_iter_free (child);
        }
      poppler_action_free (action);
    }
  while (poppler_index_iter_next (iter));
}

static char *
outline_of (PopplerDocument *pdf)
{
  PopplerIndexIter *iter = poppler_index_iter_new (pdf);
  GString *out = g_string_new (NULL);

  if (iter)
    {
      append_outline (out, iter, 0);
      poppler_index_iter_free (iter);
    }
  return g_string_free (out, FALSE);
}

/* ---- Tests --------------------------------------------------------------- */

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
      const char *cells[] = { no, action, i % 3 ? "Contractor" : vietnamese, "2018-05-15" };

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
  assert_contains (text, vietnamese);
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

  thr_document_add_heading (doc, spanish);
  thr_document_add_paragraph (doc, spanish);
  thr_document_add_key_value (doc, "Responsable", vietnamese);
  table = thr_document_add_table (doc, 2, widths, headers);
  {
    const char *cells[] = { vietnamese, spanish };
    thr_document_table_add_row (table, cells, THR_DOCUMENT_ROW_NORMAL);
  }
  thr_document_add_signature (doc, vietnamese);

  pdf = render (doc, "unicode.pdf", NULL);
  text = all_text (pdf);
  assert_contains (text, spanish);
  assert_contains (text, vietnamese);
  assert_contains (text, "Análisis");
  assert_text_inside (pdf);
}

typedef struct {
  guint  calls;
  double width;
  double height;
} DrawLog;

static void
draw_lines_cb (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  DrawLog *log = user_data;

  log->calls++;
  log->width = width;
  log->height = height;
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 4);
  cairo_move_to (cr, 0, height / 2);
  cairo_line_to (cr, width, height / 2);
  cairo_stroke (cr);
  cairo_rectangle (cr, 10, 10, 40, 40);
  cairo_fill (cr);
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

/* ---- The monthly report over demo data ------------------------------------ */

typedef struct {
  char         *dir;
  ThrStore     *store;
  ThrEvaluator *evaluator;
  GPtrArray    *results;
  ThrPeriod     month;
} ReportFixture;

static void
report_set_up (ReportFixture *f,
               gconstpointer  data)
{
  static const char *files[] = { "metric-report.csv", "invoices.csv", "tasks.csv", "calls.csv" };
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrContract) contract = thr_contract_load_template ("rfp-16-102", &error);
  g_autofree char *db = NULL;
  ThrDemoOptions options;
  gint64 id;

  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("thr-report-XXXXXX", &error);
  g_assert_no_error (error);
  thr_demo_options_init (&options);
  options.n_months = 4;
  options.tasks_per_month = 400;
  options.calls_per_month = 2000;
  g_assert_true (thr_demo_write (&options, f->dir, NULL, &error));
  g_assert_no_error (error);

  db = g_build_filename (f->dir, "store.db", NULL);
  f->store = thr_store_open (db, &error);
  g_assert_no_error (error);
  id = thr_store_add_contract (f->store, "rfp-16-102", "demo", thr_contract_get_definition (contract), &error);
  g_assert_no_error (error);
  f->evaluator = thr_evaluator_new_for_store (f->store, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, files[i], NULL);
      g_auto(ThrImportResult) result = { 0 };

      g_assert_true (thr_import_file (f->store, id, thr_evaluator_get_contract (f->evaluator), path,
                                      THR_IMPORT_KIND_AUTO, FALSE, NULL, NULL, NULL, &result, &error));
      g_assert_no_error (error);
    }
  thr_evaluator_set_today (f->evaluator, thr_day_from_ymd (2019, 12, 31));
  g_assert_true (thr_period_parse_kind ("2018-04", THR_PERIOD_MONTH, &f->month, &error));
  f->results = thr_evaluator_evaluate_month (f->evaluator, &f->month, NULL, &error);
  g_assert_no_error (error);
}

static void
report_tear_down (ReportFixture *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_pointer (&f->results, g_ptr_array_unref);
  g_clear_object (&f->evaluator);
  g_clear_object (&f->store);
  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
test_report_month (ReportFixture *f,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) when = fixed_time ();
  ThrReportMonthOptions options = { .agency = "Family and Social Services Administration", .generated = when };
  g_autoptr(ThrDocument) doc = thr_report_month_build (thr_evaluator_get_contract (f->evaluator),
                                                       &f->month, f->results, &options);
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  guint n_pages = 0, n_missed = 0;

  pdf = render (doc, "report-month.pdf", &n_pages);
  g_assert_cmpuint (n_pages, >=, 2);
  text = all_text (pdf);
  assert_contains (text, "Monthly performance report 2018-04");
  assert_contains (text, "RFP 16-102 Eligibility Services, Staffing, and Training");
  assert_contains (text, "Family and Social Services Administration");
  for (guint i = 0; i < f->results->len; i++)
    {
      const ThrResult *r = g_ptr_array_index (f->results, i);

      assert_contains (text, r->metric->id);
      n_missed += r->status == THR_STATUS_MISSED;
    }
  /* The demo misses A.1.a in April 2018; the status is a glyph and a word. */
  g_assert_cmpuint (n_missed, >, 0);
  assert_contains (text, "A.1.a");
  assert_contains (text, "✗ missed");
  assert_contains (text, "✓ met");
  assert_contains (text, "Missed metrics");
  summary = g_strdup_printf ("✗ missed%u\n", n_missed);
  assert_contains (text, summary);
  /* Bookmarks: headings at the top, the contract's sections and the
   * misses under theirs, each pointing at its page. */
  {
    g_autofree char *outline = outline_of (pdf);

    assert_contains (outline, "0 Monthly performance report 2018-04 p1\n0 Summary p1\n0 Metrics p1\n"
                              "1 A — Central and Regional Change Center Eligibility Determination Operations p1\n");
    assert_contains (outline, "0 Missed metrics p");
    assert_contains (outline, "1 ✗ A.1.a — Applications reviewed within 2 business days p");
  }
  /* No engine, no section: nothing is made up. */
  g_assert_null (strstr (text, "ledger"));
  g_assert_null (strstr (text, "corrective action plan"));
  {
    g_autofree char *last = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
    assert_contains (text, last);
  }
  assert_text_inside (pdf);
}

static void
test_report_month_seams (ReportFixture *f,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) when = fixed_time ();
  g_autoptr(GPtrArray) month = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_report_ledger_line_free);
  g_autoptr(GPtrArray) caps = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_report_cap_free);
  ThrReportMonthOptions options = { .generated = when, .ledger_month = month, .open_caps = caps,
                                    .chart = draw_lines_cb, .chart_height = 150 };
  g_autoptr(ThrDocument) doc = NULL;
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  DrawLog log = { 0 };

  g_ptr_array_add (month, thr_report_ledger_line_new ("Training Services", 823456, 15, 123518, 0, 0, 123518));
  options.chart_data = &log;

  doc = thr_report_month_build (thr_evaluator_get_contract (f->evaluator), &f->month, f->results, &options);
  pdf = render (doc, "report-month-seams.pdf", NULL);
  text = all_text (pdf);
  g_assert_cmpuint (log.calls, ==, 1);
  assert_contains (text, "Withholding ledger");
  assert_contains (text, "This month");
  g_assert_null (strstr (text, "Year to date"));
  assert_contains (text, "$8,234.56");
  assert_contains (text, "$1,235.18");
  assert_contains (text, "No corrective action plan is open.");

  /* …and a CAP when one is open. */
  g_ptr_array_add (caps, thr_report_cap_new ("CAP-7", "A.1.a", "2018-04", "awaiting plan", "CAP due",
                                             thr_day_from_ymd (2018, 5, 30)));
  g_clear_pointer (&doc, thr_document_free);
  g_clear_object (&pdf);
  g_clear_pointer (&text, g_free);
  doc = thr_report_month_build (thr_evaluator_get_contract (f->evaluator), &f->month, f->results, &options);
  pdf = render (doc, "report-month-cap.pdf", NULL);
  text = all_text (pdf);
  assert_contains (text, "CAP-7");
  assert_contains (text, "2018-05-30");
  assert_contains (text, "awaiting plan");
  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      g_autoptr(TestPage) page = poppler_document_get_page (pdf, p);
      GList *images = poppler_page_get_image_mapping (page);

      g_assert_null (images);
    }
  assert_text_inside (pdf);
}

static const ThrResult *
find_result (GPtrArray  *results,
             const char *id)
{
  for (guint i = 0; i < results->len; i++)
    {
      const ThrResult *r = g_ptr_array_index (results, i);

      if (g_str_equal (r->metric->id, id))
        return r;
    }
  g_assert_not_reached ();
}

static void
test_report_cap_long (ReportFixture *f,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) when = fixed_time ();
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_report_cap_action_free);
  g_autoptr(GPtrArray) window = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_report_cap_month_free);
  const ThrResult *failure = find_result (f->results, "A.1.a");
  ThrReportCapOptions options = {
    .agency = "Family and Social Services Administration", .generated = when, .cap_id = "CAP-7",
    .failure = failure, .documented = thr_day_from_ymd (2018, 5, 15), .cap_due = thr_day_from_ymd (2018, 5, 30),
    .review_due = thr_day_from_ymd (2018, 6, 9), .deficiency = spanish, .root_cause = "Staffing fell short; reviewed with Nguyễn Thị Minh Khai Trần Phương Thảo.",
    .monitoring = "Weekly sample audits.", .actions = actions, .window = window, .has_money = TRUE,
    .withheld = 1234567, .at_risk = 2345678, .chart = draw_lines_cb, .chart_height = 160,
  };
  g_autoptr(ThrDocument) doc = NULL;
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  DrawLog log = { 0 };
  guint n_pages = 0, n_table_pages = 0;

  g_assert_cmpint (failure->status, ==, THR_STATUS_MISSED);
  options.chart_data = &log;
  for (guint i = 1; i <= 30; i++)
    {
      g_autofree char *what = g_strdup_printf ("a#%u Retrain the change-centre staff on the scheduling rules, "
                                               "then audit a sample of twenty of their cases each week", i);

      g_ptr_array_add (actions, thr_report_cap_action_new (what, i % 2 ? vietnamese : "Contractor QA",
                                                           thr_day_from_ymd (2018, 6, i % 28 + 1), "open"));
    }
  g_ptr_array_add (window, thr_report_cap_month_new ("2018-05", THR_STATUS_MISSED, TRUE, 97.1));
  g_ptr_array_add (window, thr_report_cap_month_new ("2018-06", THR_STATUS_MET, TRUE, 98.4));

  doc = thr_report_cap_build (thr_evaluator_get_contract (f->evaluator), &options);
  pdf = render (doc, "cap-long.pdf", &n_pages);
  g_assert_cmpuint (n_pages, >=, 3);
  g_assert_cmpuint (log.calls, ==, 1);
  text = all_text (pdf);
  assert_contains (text, "Corrective Action Plan CAP-7");
  assert_contains (text, "A.1.a Applications reviewed within 2 business days");
  assert_contains (text, "98% of all applications shall be");
  {
    g_autofree char *result = g_strdup_printf ("%.2f %% (%.0f of %.0f) against ≥", failure->value.value,
                                               failure->value.numerator, failure->value.denominator);
    assert_contains (text, result);
  }
  assert_contains (text, "2018-05-15");
  assert_contains (text, "2018-05-30");
  assert_contains (text, "2018-06-09");
  assert_contains (text, spanish);
  assert_contains (text, vietnamese);
  assert_contains (text, "Nguyễn Thị Minh");   /* an owner, wrapped in its column */
  assert_contains (text, "$12,345.67");
  assert_contains (text, "$23,456.78");
  assert_contains (text, "✗ missed");
  assert_contains (text, "✓ met");
  assert_contains (text, "For the Contractor");
  assert_contains (text, "For the State");
  assert_numbered_words (text, "a#", 30);
  /* Every page the actions table runs over repeats its header. */
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *page = page_text (pdf, p);
      g_autoptr(TestPage) pp = poppler_document_get_page (pdf, p);

      g_assert_null (poppler_page_get_image_mapping (pp));
      if (strstr (page, "a#") == NULL)
        continue;
      n_table_pages++;
      assert_contains (page, "Corrective action");
      assert_contains (page, "Owner");
    }
  g_assert_cmpuint (n_table_pages, >=, 2);
  /* The heading stays with the start of its table, not alone at a page foot. */
  for (guint p = 0; p < n_pages; p++)
    {
      g_autofree char *page = page_text (pdf, p);

      if (strstr (page, "Corrective actions"))
        assert_contains (page, "a#1 ");
    }
  assert_text_inside (pdf);
}

static void
test_report_cap_blank (ReportFixture *f,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) when = fixed_time ();
  ThrReportCapOptions options = { .generated = when, .cap_id = "CAP-8",
                                  .failure = find_result (f->results, "A.5.a") };
  g_autoptr(ThrDocument) doc = thr_report_cap_build (thr_evaluator_get_contract (f->evaluator), &options);
  g_autoptr(TestPdf) pdf = NULL;
  g_autofree char *text = NULL;
  guint n_pages = 0;

  pdf = render (doc, "cap-blank.pdf", &n_pages);
  text = all_text (pdf);
  assert_contains (text, "Corrective Action Plan CAP-8");
  assert_contains (text, "Deficiency");
  assert_contains (text, "Root cause");
  assert_contains (text, "Monitoring");
  assert_contains (text, "s against ≤");
  /* What the caller did not give is left out, not made up. */
  g_assert_null (strstr (text, "Money at stake"));
  g_assert_null (strstr (text, "Corrective window"));
  g_assert_null (strstr (text, "CAP due"));
  g_assert_null (strstr (text, "$"));
  assert_text_inside (pdf);
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
  g_test_add_func ("/document/edge-cases", test_document_edge_cases);
  g_test_add_func ("/document/pages-on-any-surface", test_document_pages_on_any_surface);
  g_test_add_func ("/drawing/export", test_drawing_export);
  g_test_add ("/report/month", ReportFixture, NULL, report_set_up, test_report_month, report_tear_down);
  g_test_add ("/report/cap-long", ReportFixture, NULL, report_set_up, test_report_cap_long, report_tear_down);
  g_test_add ("/report/cap-blank", ReportFixture, NULL, report_set_up, test_report_cap_blank, report_tear_down);
  g_test_add ("/report/month-seams", ReportFixture, NULL, report_set_up, test_report_month_seams,
              report_tear_down);
  return g_test_run ();
}
