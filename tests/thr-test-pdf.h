/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-pdf.h — reading documents back with poppler, for the tests
 *
 * Set THR_TEST_OUTPUT_DIR to keep every PDF the tests write, to look at.
 */
#pragma once

#include <poppler.h>

#include "thr-core.h"

G_BEGIN_DECLS

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

extern const char thr_test_spanish[];
extern const char thr_test_vietnamese[];

typedef struct {
  guint  calls;
  double width;
  double height;
} DrawLog;

/* A fixed generation time, so footers are the same on every run. */
GDateTime       *fixed_time            (void);
/* A document with the agency and contract header every test uses. */
ThrDocument     *new_document          (void);
/* Renders @doc, keeps it as @name under $THR_TEST_OUTPUT_DIR, and opens
 * it with poppler; checks poppler counts the pages the renderer did. */
PopplerDocument *render                (ThrDocument      *doc,
                                        const char       *name,
                                        guint            *n_pages_out);
char            *page_text             (PopplerDocument  *pdf,
                                        int               index);
char            *all_text              (PopplerDocument  *pdf);
void             assert_contains       (const char       *haystack,
                                        const char       *needle);
/* Every visible character lies in the header band, the body or the
 * footer band, between the side margins. */
void             assert_text_inside    (PopplerDocument  *pdf);
/* The y (from the top) of the first character of @needle on page @index. */
double           text_top              (PopplerDocument  *pdf,
                                        int               index,
                                        const char       *needle);
/* Words "p#1" … "p#N" of @text, in order, each once. */
void             assert_numbered_words (const char       *text,
                                        const char       *prefix,
                                        guint             n);
char            *numbered_words        (const char       *prefix,
                                        guint             n);
/* The PDF's outline as lines "depth title pPAGE". */
char            *outline_of            (PopplerDocument  *pdf);
/* Draws a thick horizontal line across the middle and a filled square,
 * and logs the call into @user_data, a DrawLog. */
void             draw_lines_cb         (cairo_t          *cr,
                                        double            width,
                                        double            height,
                                        gpointer          user_data);

/* The standard output of @program [@option] run on @pdf written to a
 * file; asserts it succeeded. */
char            *run_on_pdf            (GBytes           *pdf,
                                        const char       *program,
                                        const char       *option);
/* pdfinfo says "Tagged: yes", qpdf --check finds nothing wrong, and
 * pdffonts lists only DejaVu Sans faces, every one embedded. */
void             assert_clean_tagged_pdf (GBytes         *pdf);
/* The catalog, as qpdf resolves it through incremental updates. */
char            *catalog_of            (GBytes           *pdf);
/* The structure tree as lines of element kinds, children indented, a
 * figure followed by its description in brackets. */
char            *structure_of          (PopplerDocument  *pdf);

G_END_DECLS
