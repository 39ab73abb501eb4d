/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-drawing-export.h — one drawing (a chart) as a PNG, SVG or PDF file
 *
 * The same ThrDocumentDrawFunc that places a chart in a document draws it
 * here on its own, so an exported chart matches the one in the app and in
 * the reports.
 */
#pragma once

#include "thr-document.h"

G_BEGIN_DECLS

typedef enum {
  THR_DRAWING_PNG,
  THR_DRAWING_SVG,
  THR_DRAWING_PDF,
} ThrDrawingFormat;

/* From the file name's extension: .png, .svg or .pdf. */
gboolean thr_drawing_format_from_path (const char          *path,
                                       ThrDrawingFormat    *out);

/* Draws @draw in a @width × @height point box and writes it to @path,
 * replacing it atomically.  PNG: @scale pixels per point on a white
 * background (2 suits a high-density screen or a printout); SVG and PDF
 * stay vector and ignore @scale. */
gboolean thr_drawing_export           (ThrDocumentDrawFunc  draw,
                                       gpointer             user_data,
                                       double               width,
                                       double               height,
                                       ThrDrawingFormat     format,
                                       double               scale,
                                       const char          *path,
                                       GError             **error);

G_END_DECLS
