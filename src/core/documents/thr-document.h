/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-document.h — a small page layout engine for PDF documents
 *
 * A ThrDocument is a list of blocks (headings, paragraphs, key–value
 * blocks, tables, drawings, signature lines).  Writing it lays every block
 * out on US Letter pages first, so that the footer can say "Page N of M",
 * and only then draws the pages onto a Cairo PDF surface with PangoCairo.
 *
 * All text given to the document is plain text: it is never parsed as
 * Pango markup, so "<", "&" and the like print as themselves.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/* US Letter, in PostScript points. */
#define THR_DOCUMENT_PAGE_WIDTH  612.0
#define THR_DOCUMENT_PAGE_HEIGHT 792.0

typedef struct _ThrDocument      ThrDocument;
typedef struct _ThrDocumentPages ThrDocumentPages;
typedef struct _ThrDocumentTable ThrDocumentTable;

/* Draws into a box whose top-left corner is the origin of @cr, @width by
 * @height points.  The drawing must stay vector (paths and text) for the
 * PDF to stay vector; the chart function of the app plugs in here. */
typedef void (*ThrDocumentDrawFunc) (cairo_t  *cr,
                                     double    width,
                                     double    height,
                                     gpointer  user_data);

typedef enum {
  THR_DOCUMENT_ALIGN_LEFT,
  THR_DOCUMENT_ALIGN_CENTER,
  THR_DOCUMENT_ALIGN_RIGHT,
} ThrDocumentAlign;

typedef enum {
  THR_DOCUMENT_ROW_NORMAL,
  THR_DOCUMENT_ROW_BOLD,     /* totals, summary lines */
} ThrDocumentRowStyle;

ThrDocument      *thr_document_new                 (void);
void              thr_document_free                (ThrDocument          *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrDocument, thr_document_free)

/* The running header of every page: the agency at the left, the contract at
 * the right.  Either may be NULL. */
void              thr_document_set_header          (ThrDocument          *doc,
                                                    const char           *agency,
                                                    const char           *contract);
/* The document title, stored in the PDF's metadata. */
void              thr_document_set_title           (ThrDocument          *doc,
                                                    const char           *title);
/* The language of the document's text, a BCP 47 tag ("en-US"), which the
 * tagged PDF declares for screen readers; by default the language of the
 * translation in use (its "en-US" msgstr). */
void              thr_document_set_language        (ThrDocument          *doc,
                                                    const char           *language);
/* The generation time shown in every footer; defaults to now. */
void              thr_document_set_generated       (ThrDocument          *doc,
                                                    GDateTime            *generated);

void              thr_document_add_title           (ThrDocument          *doc,
                                                    const char           *text);
void              thr_document_add_heading         (ThrDocument          *doc,
                                                    const char           *text);
/* A bold line heading a part of a section. */
void              thr_document_add_subheading      (ThrDocument          *doc,
                                                    const char           *text);
void              thr_document_add_paragraph       (ThrDocument          *doc,
                                                    const char           *text);
/* A paragraph set apart and in italics: a quoted contract clause. */
void              thr_document_add_quote           (ThrDocument          *doc,
                                                    const char           *text);
/* One line of a key–value block; consecutive calls form one block. */
void              thr_document_add_key_value       (ThrDocument          *doc,
                                                    const char           *key,
                                                    const char           *value);
/* A table whose columns take @widths (fractions of the text width, summing
 * to at most 1) and whose header row, @headers, repeats on every page the
 * table continues onto. */
ThrDocumentTable *thr_document_add_table           (ThrDocument          *doc,
                                                    guint                 n_columns,
                                                    const double         *widths,
                                                    const char * const   *headers);
void              thr_document_table_set_align     (ThrDocumentTable     *table,
                                                    guint                 column,
                                                    ThrDocumentAlign      align);
/* @cells holds n_columns strings; NULL cells print empty. */
void              thr_document_table_add_row       (ThrDocumentTable     *table,
                                                    const char * const   *cells,
                                                    ThrDocumentRowStyle   style);
/* A box @height points high across the text width, drawn by @draw when
 * the page is drawn.  @destroy frees @user_data with the document. */
void              thr_document_add_drawing         (ThrDocument          *doc,
                                                    double                height,
                                                    ThrDocumentDrawFunc   draw,
                                                    gpointer              user_data,
                                                    GDestroyNotify        destroy);
/* A drawing that means something (a chart): the tagged PDF makes it a
 * Figure whose alternate description, @alt, a screen reader reads in its
 * place.  A drawing added with thr_document_add_drawing() is decoration
 * (ruled lines to write on) and is left out of the structure. */
void              thr_document_add_figure          (ThrDocument          *doc,
                                                    double                height,
                                                    const char           *alt,
                                                    ThrDocumentDrawFunc   draw,
                                                    gpointer              user_data,
                                                    GDestroyNotify        destroy);
/* A signature line and a date line for @party ("For the Contractor"). */
void              thr_document_add_signature       (ThrDocument          *doc,
                                                    const char           *party);
void              thr_document_add_page_break      (ThrDocument          *doc);

/* Lays the document out for drawing on @cr, whose unit must be the point
 * (a PDF surface, or a GtkPrintOperation's context with GTK_UNIT_POINTS):
 * printing draws page by page with the same code as the PDF.  The pages
 * refer to @doc, which must outlive them. */
ThrDocumentPages *thr_document_paginate            (ThrDocument          *doc,
                                                    cairo_t              *cr);
guint             thr_document_pages_get_n_pages   (ThrDocumentPages     *pages);
/* Draws page @index (from 0) with its header and footer at @cr's origin. */
void              thr_document_pages_draw          (ThrDocumentPages     *pages,
                                                    cairo_t              *cr,
                                                    guint                 index);
void              thr_document_pages_free          (ThrDocumentPages     *pages);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrDocumentPages, thr_document_pages_free)

/* Lays the document out and renders it; the PDF's bytes. */
GBytes           *thr_document_render_pdf          (ThrDocument          *doc,
                                                    guint                *n_pages_out,
                                                    GError              **error);
/* … and writes them to @path, replacing it atomically. */
gboolean          thr_document_write_pdf           (ThrDocument          *doc,
                                                    const char           *path,
                                                    GError              **error);

G_END_DECLS
