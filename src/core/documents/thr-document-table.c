/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-document-table.c — tables laid out across pages
 *
 * Columns take fractions of the text width; each cell is a PangoLayout
 * wrapped to its column.  A row that fits on a page is never split; a row
 * taller than a page continues, line by line in every cell, under the
 * header row, which is drawn again on every page the table runs onto.
 */
#define G_LOG_DOMAIN "thr-document"

#include "config.h"

#include "thr-document-private.h"

#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.5

typedef struct {
  PangoLayout   *layout;
  ThrDocLineBox *lines;
  int            n_lines;
  int            next;      /* first line not yet placed */
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
make_cells (ThrDocLayout        *l,
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
      cells[c].lines = thr_doc_measure_lines (cells[c].layout, &cells[c].n_lines);
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
place_cells (ThrDocLayout        *l,
             const TableGeometry *g,
             Cell                *cells,
             int                  row,
             double               avail,
             gboolean             force)
{
  double used = 0;

  for (guint c = 0; c < g->table->n_columns; c++)
    {
      Cell *cell = &cells[c];
      ThrDocOp *op;
      int fit;

      if (cell->next >= cell->n_lines)
        continue;
      fit = thr_doc_lines_that_fit (cell->lines, cell->n_lines, cell->next, avail);
      if (fit == 0 && force)
        fit = 1;
      if (fit == 0)
        continue;
      op = thr_doc_layout_add_text (l, cell->layout, g->x[c] + g->pad_x, l->y + CELL_PAD_Y, cell->next, fit);
      op->row = row;
      op->column = c;
      used = MAX (used, cell->lines[cell->next + fit - 1].bottom - cell->lines[cell->next].top);
      cell->next += fit;
    }
  return used;
}

static void
place_header (ThrDocLayout        *l,
              const TableGeometry *g)
{
  ThrDocOp *fill;

  if (g->header == NULL)
    return;
  fill = thr_doc_layout_add_op (l, THR_DOC_OP_FILL, THR_DOC_MARGIN_X, l->y, THR_DOC_TEXT_WIDTH, g->header_height);
  fill->grey = 0.88;
  for (guint c = 0; c < g->table->n_columns; c++)
    {
      ThrDocOp *op = thr_doc_layout_add_text (l, g->header[c].layout, g->x[c] + CELL_PAD_X, l->y + CELL_PAD_Y,
                                              0, g->header[c].n_lines);

      op->row = -1;
      op->column = c;
    }
  l->y += g->header_height;
  thr_doc_layout_add_rule (l, THR_DOC_MARGIN_X, l->y, THR_DOC_TEXT_WIDTH, 0.2, 0.8);
}

static void
table_new_page (ThrDocLayout        *l,
                const TableGeometry *g)
{
  thr_doc_layout_new_page (l);
  place_header (l, g);
}

static void
place_row (ThrDocLayout        *l,
           const TableGeometry *g,
           Cell                *cells,
           int                  row,
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
      double used = place_cells (l, g, cells, row, THR_DOC_BODY_BOTTOM - top - 2 * CELL_PAD_Y, fresh);

      if (used == 0 && !fresh)
        {
          table_new_page (l, g);   /* not one line fits: no empty slice */
          continue;
        }
      l->y = top + used + 2 * CELL_PAD_Y;
      if (!g->table->key_value)
        thr_doc_layout_add_rule (l, THR_DOC_MARGIN_X, l->y, THR_DOC_TEXT_WIDTH, style == THR_DOCUMENT_ROW_BOLD ? 0.2 : 0.75, 0.4);
      if (cells_done (cells, n))
        break;
      table_new_page (l, g);
    }
}

static void
table_geometry_init (ThrDocLayout           *l,
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
header_and_first_row (ThrDocLayout        *l,
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
  return MIN (h, THR_DOC_MAX_KEEP);
}

static double
row_height (ThrDocLayout        *l,
            const TableGeometry *g,
            const ThrDocRow     *row)
{
  Cell *cells = make_cells (l, g, row->cells, row_font (g->table, row));
  double h = cells_remaining_height (cells, g->table->n_columns) + 2 * CELL_PAD_Y;

  cells_clear (cells, g->table->n_columns);
  return h;
}

/* A totals row (the last row, in bold) does not stand alone under a
 * repeated header: when it would not fit after row @r, row @r goes over
 * with it. */
static void
keep_with_totals (ThrDocLayout        *l,
                  const TableGeometry *g,
                  guint                r)
{
  const ThrDocumentTable *t = g->table;
  const ThrDocRow *last;
  double both;

  if (t->rows->len < 2 || r + 2 != t->rows->len)
    return;
  last = g_ptr_array_index (t->rows, r + 1);
  if (last->style != THR_DOCUMENT_ROW_BOLD)
    return;
  both = row_height (l, g, g_ptr_array_index (t->rows, r)) + row_height (l, g, last);
  if (l->y + both > THR_DOC_BODY_BOTTOM && l->y > THR_DOC_BODY_TOP + g->header_height
      && both <= THR_DOC_BODY_BOTTOM - THR_DOC_BODY_TOP - g->header_height)
    table_new_page (l, g);
}

void
thr_doc_lay_out_table (ThrDocLayout           *l,
                       const ThrDocumentTable *t)
{
  TableGeometry g = { 0 };

  table_geometry_init (l, &g, t);
  /* The header does not sit alone at the foot of a page. */
  if (!thr_doc_layout_at_page_top (l) && l->y + header_and_first_row (l, &g) > THR_DOC_BODY_BOTTOM)
    thr_doc_layout_new_page (l);
  place_header (l, &g);
  for (guint r = 0; r < t->rows->len; r++)
    {
      const ThrDocRow *row = g_ptr_array_index (t->rows, r);
      Cell *cells;

      keep_with_totals (l, &g, r);
      cells = make_cells (l, &g, row->cells, row_font (t, row));
      place_row (l, &g, cells, (int) r, row->style);
      cells_clear (cells, t->n_columns);
    }
  l->y += THR_DOC_PARAGRAPH_GAP + 2;
  table_geometry_clear (&g);
}

double
thr_doc_table_start_height (ThrDocLayout           *l,
                            const ThrDocumentTable *t)
{
  TableGeometry g = { 0 };
  double h;

  table_geometry_init (l, &g, t);
  h = header_and_first_row (l, &g);
  table_geometry_clear (&g);
  return h;
}

double
thr_doc_table_height (ThrDocLayout           *l,
                      const ThrDocumentTable *t)
{
  TableGeometry g = { 0 };
  double h;

  table_geometry_init (l, &g, t);
  h = g.header_height;
  for (guint r = 0; r < t->rows->len; r++)
    h += row_height (l, &g, g_ptr_array_index (t->rows, r));
  table_geometry_clear (&g);
  return h;
}
