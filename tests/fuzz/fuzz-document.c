/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-document.c — the PDF layout with hostile text in every kind of block
 *
 * A CAP's fields and a report's cells are text someone else typed or sent:
 * one long word, controls, invalid UTF-8, a megabyte of it.  Whatever the
 * bytes, the document lays out, renders to a PDF and says how many pages
 * it has (the layout bounds each text and breaks long words). */
#include "thr-core.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(ThrDocument) doc = thr_document_new ();
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  const double widths[] = { 1, 2, 1 };
  const char * const headers[] = { "Metric", "Text", "Value" };
  const char * const cells[] = { "A.1.a", text, "97 %" };
  ThrDocumentTable *table;
  guint n_pages = 0;

  thr_document_set_header (doc, text, text);
  thr_document_set_title (doc, text);
  thr_document_add_heading (doc, text);
  thr_document_add_key_value (doc, "Root cause", text);
  table = thr_document_add_table (doc, 3, widths, headers);
  thr_document_table_add_row (table, cells, THR_DOCUMENT_ROW_NORMAL);
  pdf = thr_document_render_pdf (doc, &n_pages, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_cmpuint (n_pages, >=, 1);
  return 0;
}
