/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-document.c — building a document: its header, title and blocks
 *
 * Laying it out is thr-document-layout.c's and thr-document-table.c's
 * work; drawing it, to PDF or any cairo_t, thr-document-render.c's.
 */
#define G_LOG_DOMAIN "thr-document"

#include "config.h"

#include <string.h>

#include "thr-document-private.h"

/* Text from imported files may not be UTF-8; Pango wants it to be, and a
 * document should print what it can rather than nothing.  Cairo refuses
 * the noncharacters U+FFFE, U+FFFF and U+FDD0–U+FDEF in a PDF's title
 * ("input string not valid UTF-8", found by tests/fuzz/fuzz-document.c),
 * and control characters other than tab and newline print as nothing
 * useful: each becomes U+FFFD, so the reader sees something was there. */
static gboolean
printable (gunichar c)
{
  if (c == '\t' || c == '\n')
    return TRUE;
  if (c < 0x20 || (c >= 0x7f && c < 0xa0))
    return FALSE;
  return !((c & 0xfffe) == 0xfffe || (c >= 0xfdd0 && c <= 0xfdef));
}

static char *
valid_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, printable (c) ? c : 0xfffd);
    }
  return g_string_free (out, FALSE);
}

static void
block_free (gpointer data)
{
  ThrDocBlock *block = data;
  ThrDocumentTable *t = block->table;

  if (block->draw_destroy)
    block->draw_destroy (block->draw_data);
  if (t)
    {
      g_free (t->widths);
      g_free (t->align);
      g_strfreev (t->headers);
      g_ptr_array_unref (t->rows);
      g_free (t);
    }
  g_free (block->text);
  g_free (block->alt);
  g_free (block);
}

static void
row_free (gpointer data)
{
  ThrDocRow *row = data;

  g_strfreev (row->cells);
  g_free (row);
}

ThrDocument *
thr_document_new (void)
{
  ThrDocument *doc = g_new0 (ThrDocument, 1);

  doc->blocks = g_ptr_array_new_with_free_func (block_free);
  return doc;
}

void
thr_document_free (ThrDocument *doc)
{
  if (doc == NULL)
    return;
  g_ptr_array_unref (doc->blocks);
  g_clear_pointer (&doc->generated, g_date_time_unref);
  g_free (doc->agency);
  g_free (doc->contract);
  g_free (doc->title);
  g_free (doc->language);
  g_free (doc);
}

void
thr_document_set_header (ThrDocument *doc,
                         const char  *agency,
                         const char  *contract)
{
  g_return_if_fail (doc != NULL);

  g_free (doc->agency);
  g_free (doc->contract);
  doc->agency = valid_text (agency);
  doc->contract = valid_text (contract);
}

void
thr_document_set_title (ThrDocument *doc,
                        const char  *title)
{
  g_return_if_fail (doc != NULL);

  g_free (doc->title);
  doc->title = valid_text (title);
}

void
thr_document_set_language (ThrDocument *doc,
                           const char  *language)
{
  g_return_if_fail (doc != NULL);

  g_free (doc->language);
  doc->language = g_strdup (language);
}

void
thr_document_set_generated (ThrDocument *doc,
                            GDateTime   *generated)
{
  g_return_if_fail (doc != NULL);
  g_return_if_fail (generated != NULL);

  g_clear_pointer (&doc->generated, g_date_time_unref);
  doc->generated = g_date_time_ref (generated);
}

static ThrDocBlock *
add_block (ThrDocument     *doc,
           ThrDocBlockKind  kind,
           const char      *text)
{
  ThrDocBlock *block = g_new0 (ThrDocBlock, 1);

  block->kind = kind;
  block->text = valid_text (text);
  g_ptr_array_add (doc->blocks, block);
  return block;
}

void
thr_document_add_title (ThrDocument *doc,
                        const char  *text)
{
  g_return_if_fail (doc != NULL);
  g_return_if_fail (text != NULL);

  add_block (doc, THR_DOC_BLOCK_TITLE, text);
}

void
thr_document_add_heading (ThrDocument *doc,
                          const char  *text)
{
  g_return_if_fail (doc != NULL);
  g_return_if_fail (text != NULL);

  add_block (doc, THR_DOC_BLOCK_HEADING, text);
}

void
thr_document_add_subheading (ThrDocument *doc,
                             const char  *text)
{
  g_return_if_fail (doc != NULL);
  g_return_if_fail (text != NULL);

  add_block (doc, THR_DOC_BLOCK_SUBHEADING, text);
}

void
thr_document_add_paragraph (ThrDocument *doc,
                            const char  *text)
{
  g_return_if_fail (doc != NULL);
  g_return_if_fail (text != NULL);

  add_block (doc, THR_DOC_BLOCK_PARAGRAPH, text);
}

void
thr_document_add_quote (ThrDocument *doc,
                        const char  *text)
{
  g_return_if_fail (doc != NULL);
  g_return_if_fail (text != NULL);

  add_block (doc, THR_DOC_BLOCK_QUOTE, text);
}

static ThrDocumentTable *
table_new (guint               n_columns,
           const double       *widths,
           const char * const *headers,
           gboolean            key_value)
{
  ThrDocumentTable *t = g_new0 (ThrDocumentTable, 1);
  double total = 0;

  t->n_columns = n_columns;
  t->widths = g_memdup2 (widths, n_columns * sizeof (double));
  t->align = g_new0 (ThrDocumentAlign, n_columns);
  t->rows = g_ptr_array_new_with_free_func (row_free);
  t->key_value = key_value;
  if (headers)
    {
      t->headers = g_new0 (char *, n_columns + 1);
      for (guint c = 0; c < n_columns; c++)
        t->headers[c] = valid_text (headers[c] ? headers[c] : "");
    }
  /* Columns wider than the page would run into the margin: scale down. */
  for (guint c = 0; c < n_columns; c++)
    total += t->widths[c];
  if (total > 1.0)
    for (guint c = 0; c < n_columns; c++)
      t->widths[c] /= total;
  return t;
}

ThrDocumentTable *
thr_document_add_table (ThrDocument        *doc,
                        guint               n_columns,
                        const double       *widths,
                        const char * const *headers)
{
  ThrDocBlock *block;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (n_columns > 0, NULL);
  g_return_val_if_fail (widths != NULL, NULL);

  block = add_block (doc, THR_DOC_BLOCK_TABLE, NULL);
  block->table = table_new (n_columns, widths, headers, FALSE);
  return block->table;
}

void
thr_document_table_set_align (ThrDocumentTable *table,
                              guint             column,
                              ThrDocumentAlign  align)
{
  g_return_if_fail (table != NULL);
  g_return_if_fail (column < table->n_columns);

  table->align[column] = align;
}

void
thr_document_table_add_row (ThrDocumentTable    *table,
                            const char * const  *cells,
                            ThrDocumentRowStyle  style)
{
  ThrDocRow *row;

  g_return_if_fail (table != NULL);
  g_return_if_fail (cells != NULL);

  row = g_new0 (ThrDocRow, 1);
  row->style = style;
  row->cells = g_new0 (char *, table->n_columns + 1);
  for (guint c = 0; c < table->n_columns; c++)
    row->cells[c] = valid_text (cells[c] ? cells[c] : "");
  g_ptr_array_add (table->rows, row);
}

void
thr_document_add_key_value (ThrDocument *doc,
                            const char  *key,
                            const char  *value)
{
  static const double widths[] = { 0.32, 0.68 };
  const char *cells[] = { key, value };
  ThrDocBlock *last;

  g_return_if_fail (doc != NULL);
  g_return_if_fail (key != NULL);

  last = doc->blocks->len ? g_ptr_array_index (doc->blocks, doc->blocks->len - 1) : NULL;
  if (last == NULL || last->table == NULL || !last->table->key_value)
    {
      last = add_block (doc, THR_DOC_BLOCK_TABLE, NULL);
      last->table = table_new (2, widths, NULL, TRUE);
    }
  thr_document_table_add_row (last->table, cells, THR_DOCUMENT_ROW_NORMAL);
}

void
thr_document_add_drawing (ThrDocument         *doc,
                          double               height,
                          ThrDocumentDrawFunc  draw,
                          gpointer             user_data,
                          GDestroyNotify       destroy)
{
  ThrDocBlock *block;

  g_return_if_fail (doc != NULL);
  g_return_if_fail (draw != NULL);
  g_return_if_fail (height > 0);

  block = add_block (doc, THR_DOC_BLOCK_DRAWING, NULL);
  block->height = height;
  block->draw = draw;
  block->draw_data = user_data;
  block->draw_destroy = destroy;
}

void
thr_document_add_figure (ThrDocument         *doc,
                         double               height,
                         const char          *alt,
                         ThrDocumentDrawFunc  draw,
                         gpointer             user_data,
                         GDestroyNotify       destroy)
{
  ThrDocBlock *block;

  g_return_if_fail (doc != NULL);
  g_return_if_fail (alt != NULL && *alt != '\0');

  thr_document_add_drawing (doc, height, draw, user_data, destroy);
  block = g_ptr_array_index (doc->blocks, doc->blocks->len - 1);
  block->alt = valid_text (alt);
}

void
thr_document_add_signature (ThrDocument *doc,
                            const char  *party)
{
  g_return_if_fail (doc != NULL);
  g_return_if_fail (party != NULL);

  add_block (doc, THR_DOC_BLOCK_SIGNATURE, party);
}

void
thr_document_add_page_break (ThrDocument *doc)
{
  g_return_if_fail (doc != NULL);

  add_block (doc, THR_DOC_BLOCK_PAGE_BREAK, NULL);
}
