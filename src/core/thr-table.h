/* thr-table.h — rows of cells from a CSV file or an .xlsx worksheet */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _ThrTableReader ThrTableReader;

/* Opens an .xlsx workbook (recognised by its zip signature, whatever its
 * name) at sheet (NULL: the first), or else a CSV file in any of the
 * encodings thr-encoding.c knows; sheet must then be NULL. */
ThrTableReader *thr_table_reader_open           (const char      *path,
                                                 const char      *sheet,
                                                 GError         **error);
void            thr_table_reader_free           (ThrTableReader  *self);
gboolean        thr_table_reader_next           (ThrTableReader  *self,
                                                 GError         **error);
guint           thr_table_reader_get_n_fields   (ThrTableReader  *self);
const char     *thr_table_reader_get_field      (ThrTableReader  *self,
                                                 guint            index);
/* The row as the user sees it: the CSV line on which the record starts,
 * or the worksheet's row number. */
guint           thr_table_reader_get_row        (ThrTableReader  *self);
const char     *thr_table_reader_get_path       (ThrTableReader  *self);
/* Valid once next() has returned FALSE without an error. */
const char     *thr_table_reader_get_sha256     (ThrTableReader  *self);
gint64          thr_table_reader_get_bytes_read (ThrTableReader  *self);
gint64          thr_table_reader_get_size       (ThrTableReader  *self);
gboolean        thr_table_reader_is_workbook    (ThrTableReader  *self);
/* Whether bare numbers in date columns count from 1904 (a workbook's
 * choice; CSV files from Excel use 1900). */
gboolean        thr_table_reader_get_date1904   (ThrTableReader  *self);
/* "CSV, UTF-16LE, tab separated" or "Excel workbook, sheet “April”". */
char           *thr_table_reader_describe       (ThrTableReader  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrTableReader, thr_table_reader_free)

G_END_DECLS
