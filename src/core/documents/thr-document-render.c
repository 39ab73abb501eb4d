/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-document-render.c — drawing laid-out pages, and the PDF
 *
 * Drawing happens after the whole document is laid out, so every footer
 * knows the page count.  Layout and drawing share one PangoContext made
 * from the target cairo_t at 72 dpi, so text is measured exactly as it is
 * drawn: one unit is one point.
 */
#define G_LOG_DOMAIN "thr-document"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "thr-document-pdf-update.h"
#include "thr-document-private.h"

static void
draw_text (cairo_t        *cr,
           const ThrDocOp *op)
{
  PangoLayoutIter *iter = pango_layout_get_iter (op->layout);
  double first_top = 0;
  int i = 0;

  do
    {
      PangoRectangle logical;
      double baseline;

      if (i >= op->first_line + op->n_lines)
        break;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      if (i == op->first_line)
        first_top = (double) logical.y / PANGO_SCALE;
      if (i >= op->first_line)
        {
          cairo_move_to (cr, op->x + (double) logical.x / PANGO_SCALE,
                         op->y + baseline - first_top);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      i++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_drawing (cairo_t        *cr,
              const ThrDocOp *op)
{
  cairo_save (cr);
  cairo_translate (cr, op->x, op->y);
  /* The callback owns its box and nothing else on the page. */
  cairo_rectangle (cr, 0, 0, op->w, op->h);
  cairo_clip (cr);
  cairo_new_path (cr);
  op->block->draw (cr, op->w, op->h, op->block->draw_data);
  cairo_restore (cr);
}

static void
draw_op (cairo_t        *cr,
         const ThrDocOp *op)
{
  cairo_set_source_rgb (cr, 0, 0, 0);
  switch (op->kind)
    {
    case THR_DOC_OP_TEXT:
      draw_text (cr, op);
      break;
    case THR_DOC_OP_RULE:
      cairo_set_source_rgb (cr, op->grey, op->grey, op->grey);
      cairo_set_line_width (cr, op->line_width);
      cairo_move_to (cr, op->x, op->y);
      cairo_line_to (cr, op->x + op->w, op->y + op->h);
      cairo_stroke (cr);
      break;
    case THR_DOC_OP_FILL:
      cairo_set_source_rgb (cr, op->grey, op->grey, op->grey);
      cairo_rectangle (cr, op->x, op->y, op->w, op->h);
      cairo_fill (cr);
      break;
    case THR_DOC_OP_DRAWING:
      draw_drawing (cr, op);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* ---- The structure of the tagged PDF ----------------------------------
 *
 * Each block's content on a page is one structure element (a paragraph
 * that runs onto the next page is two P, as a word processor writes it):
 * the title H1, headings H2, subheadings H3, paragraphs P, quoted clauses
 * BlockQuote, tables (key–value blocks too) Table of TR of TH and TD, a
 * drawing given a description Figure, a signature block a Div of P.  The
 * running header and footer and decorative drawings stay outside any
 * element: cairo 1.16 has no Artifact tag.  On surfaces other than PDF,
 * cairo ignores the tags. */

typedef struct {
  const ThrDocBlock *block;    /* the block whose element is open */
  const char        *element;  /* its tag, or NULL when it has none */
  gboolean           row_open;
  int                row;
} TagState;

static const char *
element_of (const ThrDocBlock *block)
{
  if (block == NULL)
    return NULL;
  switch (block->kind)
    {
    case THR_DOC_BLOCK_TITLE:      return "H1";
    case THR_DOC_BLOCK_HEADING:    return "H2";
    case THR_DOC_BLOCK_SUBHEADING: return "H3";
    case THR_DOC_BLOCK_PARAGRAPH:  return "P";
    case THR_DOC_BLOCK_QUOTE:      return "BlockQuote";
    case THR_DOC_BLOCK_TABLE:      return "Table";
    case THR_DOC_BLOCK_DRAWING:    return block->alt ? "Figure" : NULL;
    case THR_DOC_BLOCK_SIGNATURE:  return "Div";
    case THR_DOC_BLOCK_PAGE_BREAK:
    default:                       return NULL;
    }
}

static void
close_row (cairo_t  *cr,
           TagState *state)
{
  if (state->row_open)
    cairo_tag_end (cr, "TR");
  state->row_open = FALSE;
}

static void
close_element (cairo_t  *cr,
               TagState *state)
{
  close_row (cr, state);
  if (state->element)
    cairo_tag_end (cr, state->element);
  state->block = NULL;
  state->element = NULL;
}

static void
open_element (cairo_t           *cr,
              TagState          *state,
              const ThrDocBlock *block)
{
  state->block = block;
  state->element = element_of (block);
  if (state->element)
    cairo_tag_begin (cr, state->element, NULL);
}

/* A cell's text as TH (the header row, or a key–value block's key) or
 * TD, inside the TR of its row. */
static const char *
cell_element (cairo_t        *cr,
              TagState       *state,
              const ThrDocOp *op)
{
  if (!state->row_open || state->row != op->row)
    {
      close_row (cr, state);
      cairo_tag_begin (cr, "TR", NULL);
      state->row_open = TRUE;
      state->row = op->row;
    }
  return op->row < 0 || (op->block->table->key_value && op->column == 0) ? "TH" : "TD";
}

static void
draw_tagged_op (cairo_t        *cr,
                TagState       *state,
                const ThrDocOp *op)
{
  const char *inner = NULL;

  if (op->block != state->block)
    {
      close_element (cr, state);
      open_element (cr, state, op->block);
    }
  if (op->kind == THR_DOC_OP_TEXT && state->element != NULL)
    {
      if (op->block->kind == THR_DOC_BLOCK_TABLE)
        inner = cell_element (cr, state, op);
      else if (op->block->kind == THR_DOC_BLOCK_SIGNATURE)
        inner = "P";
    }
  if (inner)
    cairo_tag_begin (cr, inner, NULL);
  draw_op (cr, op);
  if (inner)
    cairo_tag_end (cr, inner);
}

/* A running header shows one line of half the text width, about 60
 * characters: more is cut before Pango sees it.  An agency or contract
 * name of 64 KiB (a received store) was shaped whole on every page, 26 s
 * a page (found by fuzz-document). */
#define MAX_RUNNING_CHARS 200

/* One line of small grey text, at the left or the right of the text width. */
static void
draw_running_text (cairo_t          *cr,
                   PangoContext     *pango,
                   const char       *text,
                   double            y,
                   double            width,
                   ThrDocumentAlign  align)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *cut = NULL;
  double x = THR_DOC_MARGIN_X;

  if (text == NULL || *text == '\0')
    return;
  if (g_utf8_strlen (text, MAX_RUNNING_CHARS * 4 + 4) > MAX_RUNNING_CHARS)
    text = cut = g_utf8_substring (text, 0, MAX_RUNNING_CHARS);
  layout = thr_document_text_layout (pango, THR_DOC_FONT_SMALL, text, width, THR_DOCUMENT_ALIGN_LEFT);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (align == THR_DOCUMENT_ALIGN_RIGHT)
    {
      PangoRectangle logical;

      pango_layout_get_extents (layout, NULL, &logical);
      x = THR_DOCUMENT_PAGE_WIDTH - THR_DOC_MARGIN_X - (double) logical.width / PANGO_SCALE;
    }
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_header_footer (cairo_t      *cr,
                    PangoContext *pango,
                    ThrDocument  *doc,
                    guint         page,
                    guint         n_pages)
{
  double half = THR_DOC_TEXT_WIDTH / 2 - 6;
  g_autofree char *when = g_date_time_format (doc->generated, "%Y-%m-%d %H:%M");
  /* Translators: the footer of every page of a generated document. */
  g_autofree char *generated = g_strdup_printf (_("Generated %s"), when);
  /* Translators: page numbers in a document's footer. */
  g_autofree char *numbers = g_strdup_printf (_("Page %u of %u"), page, n_pages);

  draw_running_text (cr, pango, doc->agency, THR_DOC_HEADER_Y, half, THR_DOCUMENT_ALIGN_LEFT);
  draw_running_text (cr, pango, doc->contract, THR_DOC_HEADER_Y, half, THR_DOCUMENT_ALIGN_RIGHT);
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, THR_DOC_MARGIN_X, THR_DOC_HEADER_Y + 14);
  cairo_line_to (cr, THR_DOCUMENT_PAGE_WIDTH - THR_DOC_MARGIN_X, THR_DOC_HEADER_Y + 14);
  cairo_move_to (cr, THR_DOC_MARGIN_X, THR_DOC_FOOTER_Y);
  cairo_line_to (cr, THR_DOCUMENT_PAGE_WIDTH - THR_DOC_MARGIN_X, THR_DOC_FOOTER_Y);
  cairo_stroke (cr);
  draw_running_text (cr, pango, generated, THR_DOC_FOOTER_Y + 4, half, THR_DOCUMENT_ALIGN_LEFT);
  draw_running_text (cr, pango, numbers, THR_DOC_FOOTER_Y + 4, half, THR_DOCUMENT_ALIGN_RIGHT);
}

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Newer cairo (1.18 in Debian forky and the GNOME runtime) writes PDF 1.5
 * and later with object streams and a cross-reference stream, where the
 * objects that thr_document_pdf_add_language_and_alt() updates cannot be
 * found by their "N 0 obj" headers.  PDF 1.4, the version that brought
 * tagged PDF (ISO 32000-1 §14.8), keeps them as cairo 1.16 (Debian 12)
 * writes them, with a classic cross-reference table. */
static void
keep_classic_cross_reference (cairo_surface_t *surface)
{
  if (cairo_version () >= CAIRO_VERSION_ENCODE (1, 17, 6))
    cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_4);
}

static void
set_metadata (cairo_surface_t *surface,
              ThrDocument     *doc)
{
  g_autofree char *created = g_date_time_format_iso8601 (doc->generated);

  if (doc->title)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->title);
  if (doc->agency)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, doc->agency);
  if (doc->contract)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, doc->contract);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Threshold " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
}

static PangoContext *
create_pango_context (cairo_t *cr)
{
  PangoContext *pango = pango_cairo_create_context (cr);

  /* One Pango unit of size is one point of the PDF. */
  pango_cairo_context_set_resolution (pango, 72.0);
  /* Positions as the font designs them: no rounding to device pixels. */
  pango_context_set_round_glyph_positions (pango, FALSE);
  return pango;
}

struct _ThrDocumentPages {
  ThrDocument  *doc;
  PangoContext *pango;
  GPtrArray    *pages;    /* of GPtrArray of ThrDocOp* */
};

ThrDocumentPages *
thr_document_paginate (ThrDocument *doc,
                       cairo_t     *cr)
{
  ThrDocumentPages *pages;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (cr != NULL, NULL);

  if (doc->generated == NULL)
    doc->generated = g_date_time_new_now_local ();
  pages = g_new0 (ThrDocumentPages, 1);
  pages->doc = doc;
  pages->pango = create_pango_context (cr);
  pages->pages = thr_document_layout (doc, pages->pango);
  return pages;
}

guint
thr_document_pages_get_n_pages (ThrDocumentPages *pages)
{
  g_return_val_if_fail (pages != NULL, 0);

  return pages->pages->len;
}

void
thr_document_pages_draw (ThrDocumentPages *pages,
                         cairo_t          *cr,
                         guint             index)
{
  GPtrArray *ops;

  g_return_if_fail (pages != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (index < pages->pages->len);

  ops = g_ptr_array_index (pages->pages, index);
  cairo_save (cr);
  draw_header_footer (cr, pages->pango, pages->doc, index + 1, pages->pages->len);
  {
    TagState state = { NULL };

    for (guint i = 0; i < ops->len; i++)
      draw_tagged_op (cr, &state, g_ptr_array_index (ops, i));
    close_element (cr, &state);
  }
  cairo_restore (cr);
}

void
thr_document_pages_free (ThrDocumentPages *pages)
{
  if (pages == NULL)
    return;
  /* Layouts first: they hold the context. */
  g_ptr_array_unref (pages->pages);
  g_object_unref (pages->pango);
  g_free (pages);
}

/* Bookmarks for the headings of page @index: headings at the top level,
 * subheadings under the heading before them. */
static void
add_outline (cairo_surface_t  *surface,
             ThrDocumentPages *pages,
             guint             index,
             int              *parent)
{
  GPtrArray *ops = g_ptr_array_index (pages->pages, index);

  for (guint i = 0; i < ops->len; i++)
    {
      const ThrDocOp *op = g_ptr_array_index (ops, i);
      g_autofree char *link = NULL;
      int id;

      if (op->kind != THR_DOC_OP_TEXT || op->outline == 0)
        continue;
      /* Integer positions: no decimal comma from the user's locale. */
      link = g_strdup_printf ("page=%u pos=[%d %d]", index + 1, (int) op->x, (int) op->y);
      id = cairo_pdf_surface_add_outline (surface, op->outline == 1 ? CAIRO_PDF_OUTLINE_ROOT : *parent,
                                          op->block->text, link, 0);
      if (op->outline == 1)
        *parent = id;
    }
}

static const char *
document_language (ThrDocument *doc)
{
  if (doc->language)
    return doc->language;
  /* Translators: the BCP 47 language tag that generated PDF documents
   * declare for screen readers: "es" for Spanish.  Not shown. */
  return _("en-US");
}

/* What cairo 1.16 cannot write (thr-document-pdf-update.c). */
static gboolean
add_language_and_alt (ThrDocument  *doc,
                      GByteArray   *bytes,
                      GError      **error)
{
  g_autoptr(GPtrArray) alt_texts = g_ptr_array_new ();

  for (guint i = 0; i < doc->blocks->len; i++)
    {
      const ThrDocBlock *block = g_ptr_array_index (doc->blocks, i);

      if (block->kind == THR_DOC_BLOCK_DRAWING && block->alt)
        g_ptr_array_add (alt_texts, block->alt);
    }
  return thr_document_pdf_add_language_and_alt (bytes, document_language (doc), alt_texts, error);
}

GBytes *
thr_document_render_pdf (ThrDocument  *doc,
                         guint        *n_pages_out,
                         GError      **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  ThrDocumentPages *pages;
  cairo_surface_t *surface;
  cairo_status_t status;
  int outline_parent = CAIRO_PDF_OUTLINE_ROOT;
  guint n_pages;
  cairo_t *cr;

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (doc->generated == NULL)
    doc->generated = g_date_time_new_now_local ();
  surface = cairo_pdf_surface_create_for_stream (append_bytes_cb, bytes,
                                                 THR_DOCUMENT_PAGE_WIDTH, THR_DOCUMENT_PAGE_HEIGHT);
  keep_classic_cross_reference (surface);
  set_metadata (surface, doc);
  cr = cairo_create (surface);

  pages = thr_document_paginate (doc, cr);
  n_pages = thr_document_pages_get_n_pages (pages);
  /* The root of the structure tree: every page's elements are its children. */
  cairo_tag_begin (cr, "Document", NULL);
  for (guint p = 0; p < n_pages; p++)
    {
      thr_document_pages_draw (pages, cr, p);
      add_outline (surface, pages, p, &outline_parent);
      if (p + 1 == n_pages)
        cairo_tag_end (cr, "Document");
      cairo_show_page (cr);
    }
  thr_document_pages_free (pages);

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the document: %s"), cairo_status_to_string (status));
      return NULL;
    }
  if (!add_language_and_alt (doc, bytes, error))
    return NULL;
  if (n_pages_out)
    *n_pages_out = n_pages;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

gboolean
thr_document_write_pdf (ThrDocument  *doc,
                        const char   *path,
                        GError      **error)
{
  g_autoptr(GBytes) pdf = NULL;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pdf = thr_document_render_pdf (doc, NULL, error);
  if (pdf == NULL)
    return FALSE;
  return g_file_set_contents_full (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}
