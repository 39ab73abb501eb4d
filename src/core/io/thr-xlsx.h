/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-xlsx.h — a streaming reader for the cells of one .xlsx worksheet */
#pragma once

#include <gio/gio.h>

#include "thr-cell.h"

G_BEGIN_DECLS

#define THR_XLSX_ERROR (thr_xlsx_error_quark ())
GQuark thr_xlsx_error_quark (void);

typedef enum {
  THR_XLSX_ERROR_OPEN,        /* not a zip file, or not a workbook */
  THR_XLSX_ERROR_NO_SHEET,    /* the chosen sheet is not in the workbook */
  THR_XLSX_ERROR_MALFORMED,   /* a part is not well-formed XML, or a cell is impossible */
} ThrXlsxError;

typedef struct _ThrXlsxReader ThrXlsxReader;

/* sheet is a sheet's name, or NULL for the first one. */
ThrXlsxReader *thr_xlsx_reader_new            (const char     *path,
                                               const char     *sheet,
                                               GError        **error);
void           thr_xlsx_reader_free           (ThrXlsxReader  *self);
/* The names of the worksheets of the workbook at path, in its order (for
 * a choice of sheet); NULL with an error if it is not a workbook. */
GStrv          thr_xlsx_list_sheets           (const char     *path,
                                               GError        **error);
/* Moves to the next row that has cells; FALSE at the end (error unset) or
 * on a malformed part (error set).  Missing cells read as "". */
gboolean       thr_xlsx_reader_next           (ThrXlsxReader  *self,
                                               GError        **error);
guint          thr_xlsx_reader_get_n_fields   (ThrXlsxReader  *self);
/* Text of the cell: shared and inline strings as they are, numbers as
 * written in the file, date-formatted numbers as "YYYY-MM-DD[ HH:MM:SS]". */
const char    *thr_xlsx_reader_get_field      (ThrXlsxReader  *self,
                                               guint           index);
/* How the cell is formatted: a percentage-formatted cell reads "98.5%". */
ThrCellKind    thr_xlsx_reader_get_field_kind (ThrXlsxReader  *self,
                                               guint           index);
/* Whether the row is hidden (by hand or by a filter). */
gboolean       thr_xlsx_reader_get_row_hidden (ThrXlsxReader  *self);
/* The row number shown in Excel (1 for the first). */
guint          thr_xlsx_reader_get_row        (ThrXlsxReader  *self);
const char    *thr_xlsx_reader_get_sheet_name (ThrXlsxReader  *self);
/* Whether the file is an OpenDocument spreadsheet (.ods), which this
 * reader opens too: thr_xlsx_reader_new() and thr_xlsx_list_sheets()
 * tell it by its "mimetype" entry. */
gboolean       thr_xlsx_reader_is_ods         (ThrXlsxReader  *self);
gboolean       thr_xlsx_reader_get_date1904   (ThrXlsxReader  *self);
const char    *thr_xlsx_reader_get_sha256     (ThrXlsxReader  *self);
gint64         thr_xlsx_reader_get_bytes_read (ThrXlsxReader  *self);
gint64         thr_xlsx_reader_get_size       (ThrXlsxReader  *self);

/* "A" → 1, "AA" → 27, "XFD" → 16384; the letters of a reference such as
 * "AA12" are read and *rest points after them.  0 if there are none or
 * they go past Excel's last column. */
guint          thr_xlsx_column_from_reference (const char     *reference,
                                               const char    **rest);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrXlsxReader, thr_xlsx_reader_free)

G_END_DECLS
