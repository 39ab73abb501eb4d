/* thr-document-layout.c — pagination: blocks in, pages of positioned operations out
 *
 * Text is laid out by Pango at the width it will be drawn at, then placed
 * line by line: a paragraph or a table cell that does not fit continues on
 * the next page from the line where it stopped, so nothing is ever clipped.
 * Each text operation names a range of lines of a PangoLayout; drawing shows
 * exactly those lines at the place layout chose.
 */
#define G_LOG_DOMAIN "thr-document"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-document-private.h"

#define PARAGRAPH_GAP      6.0
#define HEADING_GAP_ABOVE 10.0
#define HEADING_GAP_BELOW  4.0
#define MAX_KEEP         220.0   /* a heading keeps at most this much of what follows */
#define CELL_PAD_X         3.0
#define CELL_PAD_Y         2.5
#define QUOTE_INDENT      14.0
#define SIGNATURE_HEIGHT  78.0
#define SIGNATURE_GAP_ABOVE 18.0

typedef struct {
  double top;        /* logical top of the line, from the layout's top */
  double bottom;
} LineBox;

typedef struct {
  PangoContext      *pango;
  GPtrArray         *pages;
  GPtrArray         *page;    /* the current page's operations */
  double             y;
  const ThrDocBlock *block;   /* the block being laid out */
} Layout;

static void
op_free (gpointer data)
{
  ThrDocOp *op = data;

  g_clear_object (&op->layout);
  g_free (op);
}

static void
new_page (Layout *l)
{
  l->page = g_ptr_array_new_with_free_func (op_free);
  g_ptr_array_add (l->pages, l->page);
  l->y = THR_DOC_BODY_TOP;
}

static gboolean
at_page_top (Layout *l)
{
  return l->y <= THR_DOC_BODY_TOP;
}

static ThrDocOp *
add_op (Layout       *l,
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
  g_ptr_array_add (l->page, op);
  return op;
}

static void
add_rule (Layout *l,
          double  x,
          double  y,
          double  w,
          double  grey,
          double  line_width)
{
  ThrDocOp *op = add_op (l, THR_DOC_OP_RULE, x, y, w, 0);

  op->grey = grey;
  op->line_width = line_width;
}

/* Lines [first, first + n) of @layout with the top of line @first at y. */
static void
add_text (Layout      *l,
          PangoLayout *layout,
          double       x,
          double       y,
          int          first,
          int          n)
{
  ThrDocOp *op = add_op (l, THR_DOC_OP_TEXT, x, y, 0, 0);

  op->layout = g_object_ref (layout);
  op->first_line = first;
  op->n_lines = n;
  op->block = l->block;
}

static const char *
font_string (ThrDocFont font)
{
  /* Cantarell is GNOME's face; DejaVu Sans covers what it lacks (✓ ✗,
   * Vietnamese) and stands in where Cantarell is not installed. */
  switch (font)
    {
    case THR_DOC_FONT_BOLD:       return "Cantarell,DejaVu Sans Bold 10";
    case THR_DOC_FONT_TITLE:      return "Cantarell,DejaVu Sans Bold 18";
    case THR_DOC_FONT_HEADING:    return "Cantarell,DejaVu Sans Bold 13";
    case THR_DOC_FONT_SUBHEADING: return "Cantarell,DejaVu Sans Bold 10.5";
    case THR_DOC_FONT_QUOTE:      return "Cantarell,DejaVu Sans Italic 9.5";
    case THR_DOC_FONT_SMALL:      return "Cantarell,DejaVu Sans 8";
    case THR_DOC_FONT_TABLE:      return "Cantarell,DejaVu Sans 8.5";
    case THR_DOC_FONT_TABLE_BOLD: return "Cantarell,DejaVu Sans Bold 8.5";
    case THR_DOC_FONT_BODY:
    default:                      return "Cantarell,DejaVu Sans 10";
    }
}

PangoLayout *
thr_document_text_layout (PangoContext     *pango,
                          ThrDocFont        font,
                          const char       *text,
                          double            width,
                          ThrDocumentAlign  align)
{
  PangoLayout *layout = pango_layout_new (pango);
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
  pango_layout_set_text (layout, text ? text : "", -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  /* Breaking inside a word beats running past the column or the margin;
   * but without the hyphen Pango would add, which inside a number or an
   * id ("3513679", "A.1.a") would read as a minus or a dash. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_alignment (layout, alignments[align]);
  return layout;
}

static LineBox *
measure_lines (PangoLayout *layout,
               int         *n_out)
{
  int n = pango_layout_get_line_count (layout);
  LineBox *boxes = g_new0 (LineBox, MAX (n, 1));
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
static int
lines_that_fit (const LineBox *lines,
                int            n,
                int            first,
                double         avail)
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
flow_text (Layout      *l,
           PangoLayout *layout,
           double       x,
           gboolean     quote_rule)
{
  int n, i = 0;
  g_autofree LineBox *lines = measure_lines (layout, &n);

  while (i < n)
    {
      int fit = lines_that_fit (lines, n, i, THR_DOC_BODY_BOTTOM - l->y);
      int left;

      if (fit == 0 && at_page_top (l))
        fit = 1;   /* a line taller than a page: place it rather than loop */
      if (!at_page_top (l) && (fit == 0 || (i == 0 && fit == 1 && n > 1)))
        {
          new_page (l);
          continue;
        }
      left = n - i - fit;
      if (left == 1 && fit >= 3)
        fit--;
      add_text (l, layout, x, l->y, i, fit);
      if (quote_rule)
        {
          ThrDocOp *bar = add_op (l, THR_DOC_OP_FILL, THR_DOC_MARGIN_X + 2, l->y, 2,
                                  lines[i + fit - 1].bottom - lines[i].top);
          bar->grey = 0.7;
        }
      l->y += lines[i + fit - 1].bottom - lines[i].top;
      i += fit;
      if (i < n)
        new_page (l);
    }
}

static void
lay_out_paragraph (Layout            *l,
                   const ThrDocBlock *block,
                   ThrDocFont         font,
                   double             indent)
{
  g_autoptr(PangoLayout) layout =
    thr_document_text_layout (l->pango, font, block->text, THR_DOC_TEXT_WIDTH - indent,
                              THR_DOCUMENT_ALIGN_LEFT);

  flow_text (l, layout, THR_DOC_MARGIN_X + indent, indent > 0);
  l->y += PARAGRAPH_GAP;
}

/* The heading's first line becomes a bookmark in the PDF's outline. */
static void
mark_outline (Layout            *l,
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
lay_out_heading (Layout            *l,
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
  if (!at_page_top (l))
    l->y += HEADING_GAP_ABOVE;
  /* A heading stays with the start of what it heads. */
  if (!at_page_top (l) && l->y + height + HEADING_GAP_BELOW + keep > THR_DOC_BODY_BOTTOM)
    new_page (l);
  flow_text (l, layout, THR_DOC_MARGIN_X, FALSE);
  mark_outline (l, block, font == THR_DOC_FONT_SUBHEADING ? 2 : 1);
  l->y += font == THR_DOC_FONT_TITLE ? 2 * HEADING_GAP_BELOW : HEADING_GAP_BELOW;
}

/* ---- Tables ---------------------------------------------------------- */

typedef struct {
  PangoLayout *layout;
  LineBox     *lines;
  int          n_lines;
  int          next;      /* first line not yet placed */
} Cell;

typedef struct {
  const ThrDocumentTable *table;
  double                  pad_x;   /* key–value text lines up with paragraphs */
  double                 *x;       /* column left edges */
  double                 *w;       /* column widths */
  Cell                   *header;  /* NULL for key–value blocks */
  double                  header_height;
} TableGeometry;

static void
cells_clear (Cell  *cells,
             guint  n)
{
  for (guint i = 0; cells && i < n; i++)
    {
      g_clear_object (&cells[i].layout);
      g_free (cells[i].lines);
    }
  g_free (cells);
}

static Cell *
make_cells (Layout              *l,
            const TableGeometry *g,
            char * const        *texts,
            ThrDocFont           font)
{
  const ThrDocumentTable *t = g->table;
  Cell *cells = g_new0 (Cell, t->n_columns);

  for (guint c = 0; c < t->n_columns; c++)
    {
      ThrDocFont f = (t->key_value && c == 0) ? THR_DOC_FONT_BOLD : font;

      cells[c].layout = thr_document_text_layout (l->pango, f, texts[c],
                                                  MAX (g->w[c] - 2 * g->pad_x - (t->key_value && c == 0 ? 8 : 0), 1),
                                                  t->align[c]);
      cells[c].lines = measure_lines (cells[c].layout, &cells[c].n_lines);
    }
  return cells;
}

static double
cells_remaining_height (const Cell *cells,
                        guint       n)
{
  double h = 0;

  for (guint c = 0; c < n; c++)
    if (cells[c].next < cells[c].n_lines)
      h = MAX (h, cells[c].lines[cells[c].n_lines - 1].bottom - cells[c].lines[cells[c].next].top);
  return h;
}

static gboolean
cells_done (const Cell *cells,
            guint       n)
{
  for (guint c = 0; c < n; c++)
    if (cells[c].next < cells[c].n_lines)
      return FALSE;
  return TRUE;
}

/* Places as much of each cell as fits in @avail; the height used. */
static double
place_cells (Layout              *l,
             const TableGeometry *g,
             Cell                *cells,
             double               avail,
             gboolean             force)
{
  double used = 0;

  for (guint c = 0; c < g->table->n_columns; c++)
    {
      Cell *cell = &cells[c];
      int fit;

      if (cell->next >= cell->n_lines)
        continue;
      fit = lines_that_fit (cell->lines, cell->n_lines, cell->next, avail);
      if (fit == 0 && force)
        fit = 1;
      if (fit == 0)
        continue;
      add_text (l, cell->layout, g->x[c] + g->pad_x, l->y + CELL_PAD_Y, cell->next, fit);
      used = MAX (used, cell->lines[cell->next + fit - 1].bottom - cell->lines[cell->next].top);
      cell->next += fit;
    }
  return used;
}

static void
place_header (Layout              *l,
              const TableGeometry *g)
{
  ThrDocOp *fill;

  if (g->header == NULL)
    return;
  fill = add_op (l, THR_DOC_OP_FILL, THR_DOC_MARGIN_X, l->y, THR_DOC_TEXT_WIDTH, g->header_height);
  fill->grey = 0.88;
  for (guint c = 0; c < g->table->n_columns; c++)
    add_text (l, g->header[c].layout, g->x[c] + CELL_PAD_X, l->y + CELL_PAD_Y,
              0, g->header[c].n_lines);
  l->y += g->header_height;
  add_rule (l, THR_DOC_MARGIN_X, l->y, THR_DOC_TEXT_WIDTH, 0.2, 0.8);
}

static void
table_new_page (Layout              *l,
                const TableGeometry *g)
{
  new_page (l);
  place_header (l, g);
}

static void
place_row (Layout              *l,
           const TableGeometry *g,
           Cell                *cells,
           ThrDocumentRowStyle  style)
{
  guint n = g->table->n_columns;
  double room_on_fresh_page = THR_DOC_BODY_BOTTOM - THR_DOC_BODY_TOP - g->header_height;
  double needed = cells_remaining_height (cells, n) + 2 * CELL_PAD_Y;

  /* A row that fits on a page is never split; one taller than a page
   * flows on, line by line, under the repeated header. */
  if (l->y + needed > THR_DOC_BODY_BOTTOM && needed <= room_on_fresh_page)
    table_new_page (l, g);
  for (;;)
    {
      double top = l->y;
      gboolean fresh = top <= THR_DOC_BODY_TOP + g->header_height;
      double used = place_cells (l, g, cells, THR_DOC_BODY_BOTTOM - top - 2 * CELL_PAD_Y, fresh);

      if (used == 0 && !fresh)
        {
          table_new_page (l, g);   /* not one line fits: no empty slice */
          continue;
        }
      l->y = top + used + 2 * CELL_PAD_Y;
      if (!g->table->key_value)
        add_rule (l, THR_DOC_MARGIN_X, l->y, THR_DOC_TEXT_WIDTH, style == THR_DOCUMENT_ROW_BOLD ? 0.2 : 0.75, 0.4);
      if (cells_done (cells, n))
        break;
      table_new_page (l, g);
    }
}

static void
table_geometry_init (Layout                 *l,
                     TableGeometry          *g,
                     const ThrDocumentTable *t)
{
  double x = THR_DOC_MARGIN_X;

  g->table = t;
  g->pad_x = t->key_value ? 0 : CELL_PAD_X;
  g->x = g_new0 (double, t->n_columns);
  g->w = g_new0 (double, t->n_columns);
  for (guint c = 0; c < t->n_columns; c++)
    {
      g->x[c] = x;
      g->w[c] = t->widths[c] * THR_DOC_TEXT_WIDTH;
      x += g->w[c];
    }
  g->header = t->headers ? make_cells (l, g, t->headers, THR_DOC_FONT_TABLE_BOLD) : NULL;
  g->header_height = g->header ? cells_remaining_height (g->header, t->n_columns) + 2 * CELL_PAD_Y : 0;
}

static ThrDocFont
row_font (const ThrDocumentTable *t,
          const ThrDocRow        *row)
{
  if (row->style == THR_DOCUMENT_ROW_BOLD)
    return THR_DOC_FONT_TABLE_BOLD;
  return t->key_value ? THR_DOC_FONT_BODY : THR_DOC_FONT_TABLE;
}

static void
table_geometry_clear (TableGeometry *g)
{
  cells_clear (g->header, g->table->n_columns);
  g_free (g->x);
  g_free (g->w);
}

/* The header and the first row: what must fit for a table to start. */
static double
table_start_height (Layout              *l,
                    const TableGeometry *g)
{
  const ThrDocumentTable *t = g->table;
  const ThrDocRow *first;
  Cell *cells;
  double h;

  if (t->rows->len == 0)
    return g->header_height;
  first = g_ptr_array_index (t->rows, 0);
  cells = make_cells (l, g, first->cells, row_font (t, first));
  h = g->header_height + cells_remaining_height (cells, t->n_columns) + 2 * CELL_PAD_Y;
  cells_clear (cells, t->n_columns);
  return MIN (h, MAX_KEEP);
}

static void
lay_out_table (Layout                 *l,
               const ThrDocumentTable *t)
{
  TableGeometry g = { 0 };

  table_geometry_init (l, &g, t);
  /* The header does not sit alone at the foot of a page. */
  if (!at_page_top (l) && l->y + table_start_height (l, &g) > THR_DOC_BODY_BOTTOM)
    new_page (l);
  place_header (l, &g);
  for (guint r = 0; r < t->rows->len; r++)
    {
      const ThrDocRow *row = g_ptr_array_index (t->rows, r);
      Cell *cells = make_cells (l, &g, row->cells, row_font (t, row));

      place_row (l, &g, cells, row->style);
      cells_clear (cells, t->n_columns);
    }
  l->y += PARAGRAPH_GAP + 2;
  table_geometry_clear (&g);
}

/* ---- Drawings and signatures ------------------------------------------ */

static void
lay_out_drawing (Layout            *l,
                 const ThrDocBlock *block)
{
  /* A box taller than the page body is shrunk to it: a drawing is not split. */
  double height = MIN (block->height, THR_DOC_BODY_BOTTOM - THR_DOC_BODY_TOP);
  ThrDocOp *op;

  if (l->y + height > THR_DOC_BODY_BOTTOM)
    new_page (l);
  op = add_op (l, THR_DOC_OP_DRAWING, THR_DOC_MARGIN_X, l->y, THR_DOC_TEXT_WIDTH, height);
  op->block = block;
  l->y += height + PARAGRAPH_GAP;
}

static void
add_label (Layout     *l,
           ThrDocFont  font,
           const char *text,
           double      x,
           double      y,
           double      width)
{
  g_autoptr(PangoLayout) layout =
    thr_document_text_layout (l->pango, font, text, width, THR_DOCUMENT_ALIGN_LEFT);

  add_text (l, layout, x, y, 0, pango_layout_get_line_count (layout));
}

/* The party, then lines to sign and date, and one for the printed name. */
static void
lay_out_signature (Layout            *l,
                   const ThrDocBlock *block)
{
  double x = THR_DOC_MARGIN_X, sign_w = 290, date_x = x + 320, date_w = THR_DOC_TEXT_WIDTH - 320;

  /* Room above to sign in, and the block is never split. */
  if (!at_page_top (l))
    l->y += SIGNATURE_GAP_ABOVE;
  if (l->y + SIGNATURE_HEIGHT > THR_DOC_BODY_BOTTOM)
    new_page (l);
  add_label (l, THR_DOC_FONT_BOLD, block->text, x, l->y, THR_DOC_TEXT_WIDTH);
  add_rule (l, x, l->y + 36, sign_w, 0, 0.6);
  add_rule (l, date_x, l->y + 36, date_w, 0, 0.6);
  add_label (l, THR_DOC_FONT_SMALL, _("Signature"), x, l->y + 38, sign_w);
  add_label (l, THR_DOC_FONT_SMALL, _("Date"), date_x, l->y + 38, date_w);
  add_rule (l, x, l->y + 66, sign_w, 0, 0.6);
  add_label (l, THR_DOC_FONT_SMALL, _("Printed name and title"), x, l->y + 68, sign_w);
  l->y += SIGNATURE_HEIGHT + PARAGRAPH_GAP;
}

static double
text_start_height (Layout     *l,
                   ThrDocFont  font,
                   const char *text,
                   double      width,
                   int         n_lines)
{
  g_autoptr(PangoLayout) layout =
    thr_document_text_layout (l->pango, font, text, width, THR_DOCUMENT_ALIGN_LEFT);
  int n;
  g_autofree LineBox *lines = measure_lines (layout, &n);

  n = MIN (n, n_lines);
  return lines[n - 1].bottom - lines[0].top;
}

/* How much of @block must fit under a heading for the heading to stay on
 * this page: two lines of a paragraph, a table's header and first row, a
 * whole drawing or signature block. */
static double
start_height (Layout            *l,
              const ThrDocBlock *block)
{
  double h = 0;

  if (block == NULL)
    return 0;
  switch (block->kind)
    {
    case THR_DOC_BLOCK_PARAGRAPH:
      h = text_start_height (l, THR_DOC_FONT_BODY, block->text, THR_DOC_TEXT_WIDTH, 2);
      break;
    case THR_DOC_BLOCK_QUOTE:
      h = text_start_height (l, THR_DOC_FONT_QUOTE, block->text, THR_DOC_TEXT_WIDTH - QUOTE_INDENT, 2);
      break;
    case THR_DOC_BLOCK_HEADING:
    case THR_DOC_BLOCK_SUBHEADING:
      h = HEADING_GAP_ABOVE + text_start_height (l, THR_DOC_FONT_SUBHEADING, block->text,
                                                 THR_DOC_TEXT_WIDTH, 1) + 2 * 12;
      break;
    case THR_DOC_BLOCK_TABLE:
      {
        TableGeometry g = { 0 };

        table_geometry_init (l, &g, block->table);
        h = table_start_height (l, &g);
        table_geometry_clear (&g);
      }
      break;
    case THR_DOC_BLOCK_DRAWING:
      h = block->height;
      break;
    case THR_DOC_BLOCK_SIGNATURE:
      h = SIGNATURE_GAP_ABOVE + SIGNATURE_HEIGHT;
      break;
    case THR_DOC_BLOCK_TITLE:
    case THR_DOC_BLOCK_PAGE_BREAK:
    default:
      break;
    }
  return MIN (h, MAX_KEEP);
}

static void
lay_out_block (Layout            *l,
               const ThrDocBlock *block,
               const ThrDocBlock *next)
{
  l->block = block;
  switch (block->kind)
    {
    case THR_DOC_BLOCK_TITLE:
      lay_out_heading (l, block, THR_DOC_FONT_TITLE, start_height (l, next));
      break;
    case THR_DOC_BLOCK_HEADING:
      lay_out_heading (l, block, THR_DOC_FONT_HEADING, start_height (l, next));
      break;
    case THR_DOC_BLOCK_SUBHEADING:
      lay_out_heading (l, block, THR_DOC_FONT_SUBHEADING, start_height (l, next));
      break;
    case THR_DOC_BLOCK_PARAGRAPH: lay_out_paragraph (l, block, THR_DOC_FONT_BODY, 0); break;
    case THR_DOC_BLOCK_QUOTE:     lay_out_paragraph (l, block, THR_DOC_FONT_QUOTE, QUOTE_INDENT); break;
    case THR_DOC_BLOCK_TABLE:     lay_out_table (l, block->table); break;
    case THR_DOC_BLOCK_DRAWING:   lay_out_drawing (l, block); break;
    case THR_DOC_BLOCK_SIGNATURE: lay_out_signature (l, block); break;
    case THR_DOC_BLOCK_PAGE_BREAK:
      if (!at_page_top (l))
        new_page (l);
      break;
    default:
      g_assert_not_reached ();
    }
}

GPtrArray *
thr_document_layout (ThrDocument  *doc,
                     PangoContext *pango)
{
  Layout l = { .pango = pango };

  g_return_val_if_fail (doc != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (pango), NULL);

  l.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  new_page (&l);
  for (guint i = 0; i < doc->blocks->len; i++)
    lay_out_block (&l, g_ptr_array_index (doc->blocks, i),
                   i + 1 < doc->blocks->len ? g_ptr_array_index (doc->blocks, i + 1) : NULL);
  return l.pages;
}
