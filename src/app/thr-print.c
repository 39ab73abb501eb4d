/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-print.c — printing a ThrDocument with GtkPrintOperation */
#define G_LOG_DOMAIN "thr-print"

#include "config.h"

#include "thr-print.h"

#define PAGES_KEY "thr-print-pages"

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                ThrDocument       *doc)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  ThrDocumentPages *pages = thr_document_paginate (doc, cr);

  /* The pages live as long as the operation, for draw-page. */
  g_object_set_data_full (G_OBJECT (operation), PAGES_KEY, pages,
                          (GDestroyNotify) thr_document_pages_free);
  gtk_print_operation_set_n_pages (operation, thr_document_pages_get_n_pages (pages));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              ThrDocument       *doc)
{
  ThrDocumentPages *pages = g_object_get_data (G_OBJECT (operation), PAGES_KEY);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  g_return_if_fail (pages != NULL);
  thr_document_pages_draw (pages, cr, page_nr);
}

static GtkPageSetup *
letter_page_setup (void)
{
  g_autoptr(GtkPaperSize) letter = gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
  GtkPageSetup *setup = gtk_page_setup_new ();

  gtk_page_setup_set_paper_size (setup, letter);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  return setup;
}

GtkPrintOperation *
thr_print_operation_new (ThrDocument *doc)
{
  g_autoptr(GtkPageSetup) setup = NULL;
  GtkPrintOperation *operation;

  g_return_val_if_fail (doc != NULL, NULL);

  operation = gtk_print_operation_new ();
  setup = letter_page_setup ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* The document lays out in points from the paper's corner and draws its
   * own margins, header and footer. */
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), doc);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), doc);
  return operation;
}

GtkPrintOperationResult
thr_print_document (ThrDocument              *doc,
                    GtkWindow                *parent,
                    GtkPrintOperationAction   action,
                    const char               *export_path,
                    GError                  **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (doc != NULL, GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_path != NULL,
                        GTK_PRINT_OPERATION_RESULT_ERROR);

  operation = thr_print_operation_new (doc);
  /* The document goes with the operation, whichever is released last. */
  g_object_set_data_full (G_OBJECT (operation), "thr-print-document", doc,
                          (GDestroyNotify) thr_document_free);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  return gtk_print_operation_run (operation, action, parent, error);
}
