/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-print.h — printing a ThrDocument with GtkPrintOperation
 *
 * The pages are laid out in begin-print for the print context's cairo_t
 * (GTK_UNIT_POINTS, full page: the document places its own margins on a
 * US Letter page) and drawn in draw-page by the same code that writes the
 * PDF, so a printout matches the exported file.
 */
#pragma once

#include <gtk/gtk.h>

#include "thr-document.h"

G_BEGIN_DECLS

/* A print operation for @doc, ready to run: the caller may set a job name,
 * an export file name or print settings before gtk_print_operation_run().
 * The operation keeps a reference to nothing but @doc's pointer: @doc
 * must outlive it (thr_print_document() below takes care of that). */
GtkPrintOperation       *thr_print_operation_new (ThrDocument              *doc);

/* Runs the operation for @doc.  @action is usually
 * GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG; with
 * GTK_PRINT_OPERATION_ACTION_EXPORT, @export_path names the PDF to write.
 * Takes ownership of @doc.  Runs modally (gtk_print_operation_run), so the
 * result is known on return. */
GtkPrintOperationResult  thr_print_document      (ThrDocument              *doc,
                                                  GtkWindow                *parent,
                                                  GtkPrintOperationAction   action,
                                                  const char               *export_path,
                                                  GError                  **error);

G_END_DECLS
