/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-document-layout.c — pagination: blocks in, pages of positioned operations out
 *
 * Text is laid out by Pango at the width it will be drawn at, then placed
 * line by line: a long paragraph or a table cell that does not fit
 * continues on the next page from the line where it stopped, so nothing is
 * ever clipped; a short paragraph moves to the next page whole.
 * Each text operation names a range of lines of a PangoLayout; drawing shows
 * exactly those lines at the place layout chose.
 */
#define G_LOG_DOMAIN "thr-document"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "thr-document-private.h"

#define HEADING_GAP_ABOVE 10.0
#define HEADING_GAP_BELOW  4.0
#define QUOTE_INDENT      14.0
#define SIGNATURE_HEIGHT  78.0
#define SIGNATURE_GAP_ABOVE 18.0
/* A paragraph of at most this many lines is never split across a page
 * break: a reader (and a search of the PDF's text) finds it whole, with
 * no footer and header in the middle of a sentence. */
#define KEEP_WHOLE_LINES   8

static void
op_free (gpointer data)
{
  ThrDocOp *op = data;

  g_clear_object (&op->layout);
  g_free (op);
}

void
thr_doc_layout_new_page (ThrDocLayout *l)
{
  l->page = g_ptr_array_new_with_free_func (op_free);
  g_ptr_array_add (l->pages, l->page);
  l->y = THR_DOC_BODY_TOP;
}

gboolean
thr_doc_layout_at_page_top (ThrDocLayout *l)
{
  return l->y <= THR_DOC_BODY_TOP;
}

ThrDocOp *
thr_doc_layout_add_op (ThrDocLayout *l,
                       ThrDocOpKind  kind,
                       double        x,
                       double        y,
                       double        w,
                       double        h)
{
  ThrDocOp *op = g_new0 (ThrDocOp, 1);

  op->kind = kind;
  op->x = x;
  op->y = y;
  op->w = w;
  op->h = h;
  /* Every operation knows its block: drawing tags each block's content
   * as one structure element of the tagged PDF. */
  op->block = l->block;
  g_ptr_array_add (l->page, op);
  return op;
}

void
thr_doc_layout_add_rule (ThrDocLayout *l,
                         double        x,
                         double        y,
                         double        w,
                         double        grey,
                         double        line_width)
{
  ThrDocOp *op = thr_doc_layout_add_op (l, THR_DOC_OP_RULE, x, y, w, 0);

  op->grey = grey;
  op->line_width = line_width;
}

/* Lines [first, first + n) of @layout with the top of line @first at y. */
ThrDocOp *
thr_doc_layout_add_text (ThrDocLayout *l,
                         PangoLayout  *layout,
                         double        x,
                         double        y,
                         int           first,
                         int           n)
{
  ThrDocOp *op = thr_doc_layout_add_op (l, THR_DOC_OP_TEXT, x, y, 0, 0);

  op->layout = g_object_ref (layout);
  op->first_line = first;
  op->n_lines = n;
  return op;
}

static const char *
font_string (ThrDocFont font)
{
  /* One face wherever Threshold runs: DejaVu Sans is in Debian
   * (fonts-dejavu-core) and in the Flatpak's runtime (the freedesktop
   * SDK's dejavu-fonts, under the GNOME runtime), and it has every glyph
   * the documents print (✓ ✗ ¶, Vietnamese).  Cantarell, GNOME's face, is
   * in the runtime but not in a plain Debian install, so the same report
   * would be set in two faces and break its pages in two places.  Cairo
   * embeds the subset it uses: the PDF reads the same everywhere. */
  switch (font)
    {
    case THR_DOC_FONT_BOLD:       return "DejaVu Sans Bold 10";
    case THR_DOC_FONT_TITLE:      return "DejaVu Sans Bold 18";
    case THR_DOC_FONT_HEADING:    return "DejaVu Sans Bold 13";
    case THR_DOC_FONT_SUBHEADING: return "DejaVu Sans Bold 10.5";
    case THR_DOC_FONT_QUOTE:      return "DejaVu Sans Italic 9.5";
    case THR_DOC_FONT_SMALL:      return "DejaVu Sans 8";
    case THR_DOC_FONT_TABLE:      return "DejaVu Sans 8.5";
    case THR_DOC_FONT_TABLE_BOLD: return "DejaVu Sans Bold 8.5";
    case THR_DOC_FONT_BODY:
    default:                      return "DejaVu Sans 10";
    }
}

/* Any one text in a document (a CAP field, a table cell) prints at most
 * this many characters, about eight pages of body text; the rest is left
 * out with a note.  The store keeps all of it. */
#define MAX_FIELD_CHARS 20000
/* A run this long without a space gets a break opportunity (U+200B, zero
 * width) after every this many characters: Pango's line breaking is
 * quadratic in the length of an unbreakable run (one word of 200 KB took
 * 56 s to lay out), and a number or an id this long is not read as one. */
#define MAX_RUN_CHARS 48

static char *
prepare_text (const char *raw)
{
  g_autofree char *text = g_utf8_make_valid (raw, -1);
  GString *out = g_string_sized_new (strlen (text) + 16);
  glong n_chars = 0, run = 0;
  const char *p;

  for (p = text; *p != '\0' && n_chars < MAX_FIELD_CHARS; p = g_utf8_next_char (p), n_chars++)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x200B || c == '-' || c == '/')
        run = 0;
      else if (++run > MAX_RUN_CHARS)
        {
          g_string_append_unichar (out, 0x200B);
          run = 1;
        }
      g_string_append_unichar (out, c);
    }
  if (*p != '\0')
    /* Translators: %ld is the number of characters of the whole text */
    g_string_append_printf (out, _(" … [cut here: the text has %ld characters, more than a document prints; "
                                   "the store keeps all of it]"), g_utf8_strlen (text, -1));
  return g_string_free (out, FALSE);
}

PangoLayout *
thr_document_text_layout (PangoContext     *pango,
                          ThrDocFont        font,
                          const char       *text,
                          double            width,
                          ThrDocumentAlign  align)
{
  PangoLayout *layout = pango_layout_new (pango);
  g_autofree char *prepared = prepare_text (text ? text : "");
  PangoFontDescription *desc = pango_font_description_from_string (font_string (font));
  PangoAttrList *attrs;
  static const PangoAlignment alignments[] = {
    [THR_DOCUMENT_ALIGN_LEFT] = PANGO_ALIGN_LEFT,
    [THR_DOCUMENT_ALIGN_CENTER] = PANGO_ALIGN_CENTER,
    [THR_DOCUMENT_ALIGN_RIGHT] = PANGO_ALIGN_RIGHT,
  };

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  /* Plain text, never markup: user text prints as typed. */
  pango_layout_set_text (layout, prepared, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  /* Breaking inside a word beats running past the column or the margin;
   * but without the hyphen Pango would add, which inside a number or an
   * id ("3513679", "A.1.a") would read as a minus or a dash. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  /* No ligatures where cairo maps an "ffi" or "fi" glyph back to the
   * ligature's own character (U+FB03, U+FB01; cairo 1.18 does, 1.16 gives
   * back the letters): a search of the PDF for "Staffing" or "first", its
   * text copied out, or a screen reader would not find the word written.
   * Cairo 1.16 (Debian 12) keeps its ligatures, and its pages as they were. */
  if (cairo_version () >= CAIRO_VERSION_ENCODE (1, 17, 6))
    pango_attr_list_insert (attrs, pango_attr_font_features_new ("liga 0, clig 0, dlig 0"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_alignment (layout, alignments[align]);
  return layout;
}

ThrDocLineBox *
thr_doc_measure_lines (PangoLayout *layout,
                       int         *n_out)
{
  int n = pango_layout_get_line_count (layout);
  ThrDocLineBox *boxes = g_new0 (ThrDocLineBox, MAX (n, 1));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int i = 0;

  do
    {
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      boxes[i].top = (double) logical.y / PANGO_SCALE;
      boxes[i].bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      i++;
    }
  while (i < n && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  *n_out = i;
  return boxes;
}

/* How many lines from @first fit in @avail points. */
int
thr_doc_lines_that_fit (const ThrDocLineBox *lines,
                        int                  n,
                        int                  first,
                        double               avail)
{
  int fit = 0;

  while (first + fit < n && lines[first + fit].bottom - lines[first].top <= avail)
    fit++;
  return fit;
}

/* A text block at @x, flowing over as many pages as it needs.  A block
 * does not leave a single line at the foot of a page or at the head of
 * the next one when it can help it. */
static void
flow_text (ThrDocLayout *l,
           PangoLayout  *layout,
           double        x,
           gboolean      quote_rule)
{
  int n, i = 0;
  g_autofree ThrDocLineBox *lines = thr_doc_measure_lines (layout, &n);

  while (i < n)
    {
      int fit = thr_doc_lines_that_fit (lines, n, i, THR_DOC_BODY_BOTTOM - l->y);
      int left;

      if (fit == 0 && thr_doc_layout_at_page_top (l))
        fit = 1;   /* a line taller than a page: place it rather than loop */
      if (!thr_doc_layout_at_page_top (l) && (fit == 0 || (i == 0 && fit == 1 && n > 1)))
        {
          thr_doc_layout_new_page (l);
          continue;
        }
      left = n - i - fit;
      if (left == 1 && fit >= 3)
        fit--;
      thr_doc_layout_add_text (l, layout, x, l->y, i, fit);
      if (quote_rule)
        {
          ThrDocOp *bar = thr_doc_layout_add_op (l, THR_DOC_OP_FILL, THR_DOC_MARGIN_X + 2, l->y, 2,
                                  lines[i + fit - 1].bottom - lines[i].top);
          bar->grey = 0.7;
        }
      l->y += lines[i + fit - 1].bottom - lines[i].top;
      i += fit;
      if (i < n)
        thr_doc_layout_new_page (l);
    }
}

/* A short paragraph that does not fit under what is on the page starts
 * the next one. */
static void
keep_whole (ThrDocLayout *l,
            PangoLayout  *layout)
{
  int n;
  g_autofree ThrDocLineBox *lines = thr_doc_measure_lines (layout, &n);

  if (n <= KEEP_WHOLE_LINES && !thr_doc_layout_at_page_top (l) &&
      thr_doc_lines_that_fit (lines, n, 0, THR_DOC_BODY_BOTTOM - l->y) < n)
    thr_doc_layout_new_page (l);
}

static void
lay_out_paragraph (ThrDocLayout      *l,
                   const ThrDocBlock *block,
                   ThrDocFont         font,
                   double             indent)
{
  g_autoptr(PangoLayout) layout =
    thr_document_text_layout (l->pango, font, block->text, THR_DOC_TEXT_WIDTH - indent,
                              THR_DOCUMENT_ALIGN_LEFT);

  keep_whole (l, layout);
  flow_text (l, layout, THR_DOC_MARGIN_X + indent, indent > 0);
  l->y += THR_DOC_PARAGRAPH_GAP;
}

/* The heading's first line becomes a bookmark in the PDF's outline. */
static void
mark_outline (ThrDocLayout      *l,
              const ThrDocBlock *block,
              int                level)
{
  for (guint p = 0; p < l->pages->len; p++)
    {
      GPtrArray *ops = g_ptr_array_index (l->pages, p);

      for (guint i = 0; i < ops->len; i++)
        {
          ThrDocOp *op = g_ptr_array_index (ops, i);

          if (op->kind == THR_DOC_OP_TEXT && op->block == block)
            {
              op->outline = level;
              return;
            }
        }
    }
}

static void
lay_out_heading (ThrDocLayout      *l,
                 const ThrDocBlock *block,
                 ThrDocFont         font,
                 double             keep)
{
  g_autoptr(PangoLayout) layout =
    thr_document_text_layout (l->pango, font, block->text, THR_DOC_TEXT_WIDTH,
                              THR_DOCUMENT_ALIGN_LEFT);
  PangoRectangle logical;
  double height;

  pango_layout_get_extents (layout, NULL, &logical);
  height = (double) logical.height / PANGO_SCALE;
  if (!thr_doc_layout_at_page_top (l))
    l->y += HEADING_GAP_ABOVE;
  /* A heading stays with the start of what it heads. */
  if (!thr_doc_layout_at_page_top (l) && l->y + height + HEADING_GAP_BELOW + keep > THR_DOC_BODY_BOTTOM)
    thr_doc_layout_new_page (l);
  flow_text (l, layout, THR_DOC_MARGIN_X, FALSE);
  mark_outline (l, block, font == THR_DOC_FONT_SUBHEADING ? 2 : 1);
  l->y += font == THR_DOC_FONT_TITLE ? 2 * HEADING_GAP_BELOW : HEADING_GAP_BELOW;
}

/* ---- Drawings and signatures ------------------------------------------ */

static void
lay_out_drawing (ThrDocLayout      *l,
                 const ThrDocBlock *block)
{
  /* A box taller than the page body is shrunk to it: a drawing is not split. */
  double height = MIN (block->height, THR_DOC_BODY_BOTTOM - THR_DOC_BODY_TOP);

  if (l->y + height > THR_DOC_BODY_BOTTOM)
    thr_doc_layout_new_page (l);
  thr_doc_layout_add_op (l, THR_DOC_OP_DRAWING, THR_DOC_MARGIN_X, l->y, THR_DOC_TEXT_WIDTH, height);
  l->y += height + THR_DOC_PARAGRAPH_GAP;
}

static void
add_label (ThrDocLayout *l,
           ThrDocFont    font,
           const char   *text,
           double        x,
           double        y,
           double        width)
{
  g_autoptr(PangoLayout) layout =
    thr_document_text_layout (l->pango, font, text, width, THR_DOCUMENT_ALIGN_LEFT);

  thr_doc_layout_add_text (l, layout, x, y, 0, pango_layout_get_line_count (layout));
}

static const ThrDocBlock *
block_at (GPtrArray *blocks,
          guint      index)
{
  return index < blocks->len ? g_ptr_array_index (blocks, index) : NULL;
}

/* Signature blocks in a row sign the same thing (the Contractor's and the
 * State's): they are one group, never split across pages. */
static double
signature_group_height (GPtrArray *blocks,
                        guint      first)
{
  double h = 0;

  for (guint i = first; block_at (blocks, i) && block_at (blocks, i)->kind == THR_DOC_BLOCK_SIGNATURE; i++)
    h += (i > first ? THR_DOC_PARAGRAPH_GAP : 0) + SIGNATURE_GAP_ABOVE + SIGNATURE_HEIGHT;
  return h;
}

/* The party, then lines to sign and date, and one for the printed name. */
static void
lay_out_signature (ThrDocLayout      *l,
                   GPtrArray         *blocks,
                   guint              index)
{
  const ThrDocBlock *block = g_ptr_array_index (blocks, index);
  const ThrDocBlock *before = index > 0 ? block_at (blocks, index - 1) : NULL;
  double x = THR_DOC_MARGIN_X, sign_w = 290, date_x = x + 320, date_w = THR_DOC_TEXT_WIDTH - 320;
  double group = before && before->kind == THR_DOC_BLOCK_SIGNATURE ? 0 : signature_group_height (blocks, index);

  /* Room above to sign in; the block is never split, nor its group when
   * the group fits on a page. */
  if (!thr_doc_layout_at_page_top (l))
    l->y += SIGNATURE_GAP_ABOVE;
  if (l->y + SIGNATURE_HEIGHT > THR_DOC_BODY_BOTTOM
      || (!thr_doc_layout_at_page_top (l) && l->y - SIGNATURE_GAP_ABOVE + group > THR_DOC_BODY_BOTTOM
          && group <= THR_DOC_BODY_BOTTOM - THR_DOC_BODY_TOP))
    thr_doc_layout_new_page (l);
  add_label (l, THR_DOC_FONT_BOLD, block->text, x, l->y, THR_DOC_TEXT_WIDTH);
  thr_doc_layout_add_rule (l, x, l->y + 36, sign_w, 0, 0.6);
  thr_doc_layout_add_rule (l, date_x, l->y + 36, date_w, 0, 0.6);
  add_label (l, THR_DOC_FONT_SMALL, _("Signature"), x, l->y + 38, sign_w);
  add_label (l, THR_DOC_FONT_SMALL, _("Date"), date_x, l->y + 38, date_w);
  thr_doc_layout_add_rule (l, x, l->y + 66, sign_w, 0, 0.6);
  add_label (l, THR_DOC_FONT_SMALL, _("Printed name and title"), x, l->y + 68, sign_w);
  l->y += SIGNATURE_HEIGHT + THR_DOC_PARAGRAPH_GAP;
}

static double
text_start_height (ThrDocLayout *l,
                   ThrDocFont    font,
                   const char   *text,
                   double        width,
                   int           n_lines)
{
  g_autoptr(PangoLayout) layout =
    thr_document_text_layout (l->pango, font, text, width, THR_DOCUMENT_ALIGN_LEFT);
  int n;
  g_autofree ThrDocLineBox *lines = thr_doc_measure_lines (layout, &n);

  n = MIN (n, n_lines);
  return lines[n - 1].bottom - lines[0].top;
}

/* What of a paragraph a heading keeps with it: all of a short one, which
 * moves whole (keep_whole ()), two lines of a longer one. */
static double
paragraph_start_height (ThrDocLayout *l,
                        ThrDocFont    font,
                        const char   *text,
                        double        width)
{
  g_autoptr(PangoLayout) layout = thr_document_text_layout (l->pango, font, text, width, THR_DOCUMENT_ALIGN_LEFT);
  int n = pango_layout_get_line_count (layout);

  return text_start_height (l, font, text, width, n <= KEEP_WHOLE_LINES ? n : 2);
}

static double table_with_signatures (ThrDocLayout *l,
                                     GPtrArray    *blocks,
                                     guint         index);

/* How much of the block at @index must fit under a heading for the
 * heading to stay on this page: a short paragraph, two lines of a long one, a table's
 * header and first row, a whole drawing, the whole group of signature
 * blocks (and a short table of who signs before them). */
static double
start_height (ThrDocLayout *l,
              GPtrArray    *blocks,
              guint         index)
{
  const ThrDocBlock *block = block_at (blocks, index);
  double h = 0;

  if (block == NULL)
    return 0;
  if (block->kind == THR_DOC_BLOCK_SIGNATURE)
    return MIN (signature_group_height (blocks, index), THR_DOC_BODY_BOTTOM - THR_DOC_BODY_TOP);
  if (block->kind == THR_DOC_BLOCK_TABLE && table_with_signatures (l, blocks, index) > 0)
    return MIN (table_with_signatures (l, blocks, index), THR_DOC_BODY_BOTTOM - THR_DOC_BODY_TOP);
  switch (block->kind)
    {
    case THR_DOC_BLOCK_PARAGRAPH:
      h = paragraph_start_height (l, THR_DOC_FONT_BODY, block->text, THR_DOC_TEXT_WIDTH);
      break;
    case THR_DOC_BLOCK_QUOTE:
      h = paragraph_start_height (l, THR_DOC_FONT_QUOTE, block->text, THR_DOC_TEXT_WIDTH - QUOTE_INDENT);
      break;
    case THR_DOC_BLOCK_HEADING:
    case THR_DOC_BLOCK_SUBHEADING:
      h = HEADING_GAP_ABOVE + text_start_height (l, THR_DOC_FONT_SUBHEADING, block->text,
                                                 THR_DOC_TEXT_WIDTH, 1) + 2 * 12;
      break;
    case THR_DOC_BLOCK_TABLE:
      h = thr_doc_table_start_height (l, block->table);
      break;
    case THR_DOC_BLOCK_DRAWING:
      h = block->height;
      break;
    case THR_DOC_BLOCK_SIGNATURE:   /* a group, above */
    case THR_DOC_BLOCK_TITLE:
    case THR_DOC_BLOCK_PAGE_BREAK:
    default:
      break;
    }
  return MIN (h, THR_DOC_MAX_KEEP);
}

/* A key–value table of at most a few short rows right before signature
 * blocks (who signs) goes with them: its height and theirs; else 0. */
static double
table_with_signatures (ThrDocLayout *l,
                       GPtrArray    *blocks,
                       guint         index)
{
  const ThrDocBlock *block = block_at (blocks, index);
  const ThrDocBlock *next = block_at (blocks, index + 1);
  double h;

  if (block == NULL || block->kind != THR_DOC_BLOCK_TABLE || !block->table->key_value
      || next == NULL || next->kind != THR_DOC_BLOCK_SIGNATURE)
    return 0;
  h = thr_doc_table_height (l, block->table);
  if (h > THR_DOC_MAX_KEEP)
    return 0;
  return h + THR_DOC_PARAGRAPH_GAP + 2 + signature_group_height (blocks, index + 1);
}

static void
lay_out_block (ThrDocLayout *l,
               GPtrArray    *blocks,
               guint         index)
{
  const ThrDocBlock *block = g_ptr_array_index (blocks, index);

  l->block = block;
  switch (block->kind)
    {
    case THR_DOC_BLOCK_TITLE:
      lay_out_heading (l, block, THR_DOC_FONT_TITLE, start_height (l, blocks, index + 1));
      break;
    case THR_DOC_BLOCK_HEADING:
      lay_out_heading (l, block, THR_DOC_FONT_HEADING, start_height (l, blocks, index + 1));
      break;
    case THR_DOC_BLOCK_SUBHEADING:
      lay_out_heading (l, block, THR_DOC_FONT_SUBHEADING, start_height (l, blocks, index + 1));
      break;
    case THR_DOC_BLOCK_PARAGRAPH: lay_out_paragraph (l, block, THR_DOC_FONT_BODY, 0); break;
    case THR_DOC_BLOCK_QUOTE:     lay_out_paragraph (l, block, THR_DOC_FONT_QUOTE, QUOTE_INDENT); break;
    case THR_DOC_BLOCK_TABLE:
      /* Who signs stays with the signatures. */
      if (!thr_doc_layout_at_page_top (l) && table_with_signatures (l, blocks, index) > 0
          && l->y + table_with_signatures (l, blocks, index) > THR_DOC_BODY_BOTTOM)
        thr_doc_layout_new_page (l);
      thr_doc_lay_out_table (l, block->table);
      break;
    case THR_DOC_BLOCK_DRAWING:   lay_out_drawing (l, block); break;
    case THR_DOC_BLOCK_SIGNATURE: lay_out_signature (l, blocks, index); break;
    case THR_DOC_BLOCK_PAGE_BREAK:
      if (!thr_doc_layout_at_page_top (l))
        thr_doc_layout_new_page (l);
      break;
    default:
      g_assert_not_reached ();
    }
}

GPtrArray *
thr_document_layout (ThrDocument  *doc,
                     PangoContext *pango)
{
  ThrDocLayout l = { .pango = pango };

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (pango), NULL);

  l.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  thr_doc_layout_new_page (&l);
  for (guint i = 0; i < doc->blocks->len; i++)
    lay_out_block (&l, doc->blocks, i);
  return l.pages;
}
