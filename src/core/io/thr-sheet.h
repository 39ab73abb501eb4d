/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-sheet.h — rows of cells from a CSV file or an .xlsx worksheet */
#pragma once

#include <gio/gio.h>

#include "thr-cell.h"

G_BEGIN_DECLS

typedef struct _ThrSheetReader ThrSheetReader;

/* Opens an .xlsx workbook (recognised by its zip signature, whatever its
 * name) at sheet (NULL: the first), or else a CSV file in any of the
 * encodings thr-encoding.c knows; sheet must then be NULL. */
ThrSheetReader *thr_sheet_reader_open           (const char      *path,
                                                 const char      *sheet,
                                                 GError         **error);
void            thr_sheet_reader_free           (ThrSheetReader  *self);
gboolean        thr_sheet_reader_next           (ThrSheetReader  *self,
                                                 GError         **error);
guint           thr_sheet_reader_get_n_fields   (ThrSheetReader  *self);
const char     *thr_sheet_reader_get_field      (ThrSheetReader  *self,
                                                 guint            index);
/* How a workbook's cell is formatted; THR_CELL_TEXT for every CSV field. */
ThrCellKind     thr_sheet_reader_get_field_kind (ThrSheetReader  *self,
                                                 guint            index);
/* Whether a workbook hides the row (a filter, or by hand); never in CSV. */
gboolean        thr_sheet_reader_get_row_hidden (ThrSheetReader  *self);
/* The row as the user sees it: the CSV line on which the record starts,
 * or the worksheet's row number. */
guint           thr_sheet_reader_get_row        (ThrSheetReader  *self);
const char     *thr_sheet_reader_get_path       (ThrSheetReader  *self);
/* Valid once next() has returned FALSE without an error. */
const char     *thr_sheet_reader_get_sha256     (ThrSheetReader  *self);
gint64          thr_sheet_reader_get_bytes_read (ThrSheetReader  *self);
gint64          thr_sheet_reader_get_size       (ThrSheetReader  *self);
gboolean        thr_sheet_reader_is_workbook    (ThrSheetReader  *self);
/* Whether bare numbers in date columns count from 1904 (a workbook's
 * choice; CSV files from Excel use 1900). */
gboolean        thr_sheet_reader_get_date1904   (ThrSheetReader  *self);
/* "CSV, UTF-16LE, tab separated" or "Excel workbook, sheet “April”". */
char           *thr_sheet_reader_describe       (ThrSheetReader  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrSheetReader, thr_sheet_reader_free)

G_END_DECLS
