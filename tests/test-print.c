/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-print.c — a document printed through GtkPrintOperation
 *
 * GTK_PRINT_OPERATION_ACTION_EXPORT runs the whole operation (begin-print,
 * draw-page for every page) without a dialog and writes a PDF, which
 * poppler reads back: the same pages, words and margins as the document's
 * own PDF.  Runs under Xvfb, as the window tests do.
 */
#include <glib/gstdio.h>

#include "thr-print.h"
#include "thr-test-pdf.h"

/* Two pages and a bit: a heading, a long table and a signature block. */
static ThrDocument *
long_document (void)
{
  static const double widths[] = { 0.2, 0.8 };
  const char *headers[] = { "No.", "Action" };
  ThrDocument *doc = new_document ();
  ThrDocumentTable *table;

  thr_document_set_title (doc, "Printed");
  thr_document_add_title (doc, "Corrective Action Plan CAP-9");
  thr_document_add_paragraph (doc, thr_test_spanish);
  table = thr_document_add_table (doc, G_N_ELEMENTS (widths), widths, headers);
  for (guint i = 1; i <= 90; i++)
    {
      g_autofree char *no = g_strdup_printf ("%u", i);
      g_autofree char *what = g_strdup_printf ("row#%u %s", i, thr_test_vietnamese);
      const char *cells[] = { no, what };

      thr_document_table_add_row (table, cells, THR_DOCUMENT_ROW_NORMAL);
    }
  thr_document_add_signature (doc, "For the State");
  return doc;
}

static void
test_print_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thr-print-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(ThrDocument) reference = long_document ();
  g_autoptr(TestPdf) expected = NULL;
  g_autoptr(TestPdf) printed = NULL;
  g_autofree char *text = NULL;
  GtkPrintOperationResult result;
  guint n_pages;

  g_assert_no_error (error);
  expected = render (reference, "print-reference.pdf", &n_pages);
  g_assert_cmpuint (n_pages, >=, 3);

  result = thr_print_document (long_document (), NULL, GTK_PRINT_OPERATION_ACTION_EXPORT, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);

  printed = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (printed), ==, n_pages);
  text = all_text (printed);
  assert_numbered_words (text, "row#", 90);
  assert_contains (text, thr_test_spanish);
  assert_contains (text, "Page 1 of");
  assert_contains (text, "For the State");
  /* Letter paper, and the text where the document put it: points, full page. */
  for (guint p = 0; p < n_pages; p++)
    {
      g_autoptr(TestPage) page = poppler_document_get_page (printed, p);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat_with_epsilon (w, 612, 0.5);
      g_assert_cmpfloat_with_epsilon (h, 792, 0.5);
    }
  assert_text_inside (printed);
  g_assert_cmpfloat_with_epsilon (text_top (printed, 0, "Corrective Action Plan"),
                                  text_top (expected, 0, "Corrective Action Plan"), 1.0);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  thr_core_init ();
  g_test_add_func ("/print/export", test_print_export);
  return g_test_run ();
}
