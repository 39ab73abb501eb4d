/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-document-private.h — the document's blocks and the pages laid out from them
 *
 * thr-document.c owns the blocks and draws pages; thr-document-layout.c
 * turns blocks into pages of positioned operations.  Keeping the two apart
 * lets layout run to the end (so "of M" is known) before anything is drawn.
 */
#pragma once

#include <pango/pangocairo.h>

#include "thr-document.h"

G_BEGIN_DECLS

/* Page geometry, in points. */
#define THR_DOC_MARGIN_X      54.0
#define THR_DOC_HEADER_Y      34.0
#define THR_DOC_BODY_TOP      68.0
#define THR_DOC_BODY_BOTTOM  736.0
#define THR_DOC_FOOTER_Y     744.0
#define THR_DOC_TEXT_WIDTH   (THR_DOCUMENT_PAGE_WIDTH - 2 * THR_DOC_MARGIN_X)

typedef enum {
  THR_DOC_BLOCK_TITLE,
  THR_DOC_BLOCK_HEADING,
  THR_DOC_BLOCK_SUBHEADING,
  THR_DOC_BLOCK_PARAGRAPH,
  THR_DOC_BLOCK_QUOTE,
  THR_DOC_BLOCK_TABLE,        /* also key–value blocks */
  THR_DOC_BLOCK_DRAWING,
  THR_DOC_BLOCK_SIGNATURE,
  THR_DOC_BLOCK_PAGE_BREAK,
} ThrDocBlockKind;

typedef struct {
  char                **cells;
  ThrDocumentRowStyle   style;
} ThrDocRow;

struct _ThrDocumentTable {
  guint              n_columns;
  double            *widths;       /* fractions of the text width */
  ThrDocumentAlign  *align;
  char             **headers;      /* NULL for key–value blocks */
  GPtrArray         *rows;         /* of ThrDocRow* */
  gboolean           key_value;    /* no header, no rules, keys in bold */
};

typedef struct {
  ThrDocBlockKind      kind;
  char                *text;       /* TITLE, HEADING, PARAGRAPH, QUOTE, SIGNATURE */
  ThrDocumentTable    *table;
  double               height;     /* DRAWING */
  ThrDocumentDrawFunc  draw;
  gpointer             draw_data;
  GDestroyNotify       draw_destroy;
  char                *alt;        /* DRAWING: its description; NULL when it is decoration */
} ThrDocBlock;

struct _ThrDocument {
  char       *agency;
  char       *contract;
  char       *title;
  GDateTime  *generated;
  GPtrArray  *blocks;              /* of ThrDocBlock* */
  char       *language;            /* BCP 47; NULL: the translation's */
};

typedef enum {
  THR_DOC_OP_TEXT,       /* lines [first_line, first_line + n_lines) of a layout */
  THR_DOC_OP_RULE,       /* a line from (x, y) to (x + w, y + h) */
  THR_DOC_OP_FILL,       /* a grey rectangle */
  THR_DOC_OP_DRAWING,
} ThrDocOpKind;

typedef struct {
  ThrDocOpKind        kind;
  double              x, y, w, h;
  PangoLayout        *layout;
  int                 first_line;
  int                 n_lines;
  double              grey;         /* RULE, FILL: 0 black … 1 white */
  double              line_width;   /* RULE */
  const ThrDocBlock  *block;        /* the block it was laid out for */
  int                 outline;      /* TEXT: 1 title or heading, 2 subheading, 0 not in the outline */
  int                 row;          /* TEXT of a table: -1 its header, else the row's index */
  guint               column;       /* TEXT of a table: the cell's column */
} ThrDocOp;

/* Shared by the layout of blocks (thr-document-layout.c) and of tables
 * (thr-document-table.c). */
#define THR_DOC_PARAGRAPH_GAP  6.0
#define THR_DOC_MAX_KEEP     220.0   /* a heading keeps at most this much of what follows */

typedef struct {
  double top;        /* logical top of the line, from the layout's top */
  double bottom;
} ThrDocLineBox;

typedef struct {
  PangoContext      *pango;
  GPtrArray         *pages;
  GPtrArray         *page;    /* the current page's operations */
  double             y;
  const ThrDocBlock *block;   /* the block being laid out */
} ThrDocLayout;

void           thr_doc_layout_new_page    (ThrDocLayout        *l);
gboolean       thr_doc_layout_at_page_top (ThrDocLayout        *l);
ThrDocOp      *thr_doc_layout_add_op      (ThrDocLayout        *l,
                                           ThrDocOpKind         kind,
                                           double               x,
                                           double               y,
                                           double               w,
                                           double               h);
void           thr_doc_layout_add_rule    (ThrDocLayout        *l,
                                           double               x,
                                           double               y,
                                           double               w,
                                           double               grey,
                                           double               line_width);
/* Lines [first, first + n) of @layout with the top of line @first at y. */
ThrDocOp      *thr_doc_layout_add_text    (ThrDocLayout        *l,
                                           PangoLayout         *layout,
                                           double               x,
                                           double               y,
                                           int                  first,
                                           int                  n);
ThrDocLineBox *thr_doc_measure_lines      (PangoLayout         *layout,
                                           int                 *n_out);
/* How many lines from @first fit in @avail points. */
int            thr_doc_lines_that_fit     (const ThrDocLineBox *lines,
                                           int                  n,
                                           int                  first,
                                           double               avail);
void           thr_doc_lay_out_table      (ThrDocLayout           *l,
                                           const ThrDocumentTable *t);
/* The whole table's height, laid out from the top of a page. */
double         thr_doc_table_height       (ThrDocLayout           *l,
                                           const ThrDocumentTable *t);
/* The header and the first row: what must fit for @t to start on a page. */
double         thr_doc_table_start_height (ThrDocLayout           *l,
                                           const ThrDocumentTable *t);

/* Lays @doc out with @pango: a GPtrArray (one per page) of GPtrArray of
 * ThrDocOp*.  Always at least one page. */
GPtrArray *thr_document_layout (ThrDocument  *doc,
                                PangoContext *pango);

/* Font descriptions shared by layout and drawing. */
typedef enum {
  THR_DOC_FONT_BODY,
  THR_DOC_FONT_BOLD,
  THR_DOC_FONT_TITLE,
  THR_DOC_FONT_HEADING,
  THR_DOC_FONT_SUBHEADING,
  THR_DOC_FONT_QUOTE,
  THR_DOC_FONT_SMALL,
  THR_DOC_FONT_TABLE,
  THR_DOC_FONT_TABLE_BOLD,
} ThrDocFont;

PangoLayout *thr_document_text_layout (PangoContext *pango,
                                       ThrDocFont    font,
                                       const char   *text,
                                       double        width,
                                       ThrDocumentAlign align);

G_END_DECLS
