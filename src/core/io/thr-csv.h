/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-csv.h — a streaming CSV reader (RFC 4180 quoting, detected delimiter) */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define THR_CSV_ERROR (thr_csv_error_quark ())
GQuark thr_csv_error_quark (void);

typedef enum {
  THR_CSV_ERROR_OPEN,
  THR_CSV_ERROR_SYNTAX,
  THR_CSV_ERROR_ENCODING,
} ThrCsvError;

typedef struct _ThrCsvReader ThrCsvReader;

ThrCsvReader *thr_csv_reader_new            (const char    *path,
                                             GError       **error);
void          thr_csv_reader_free           (ThrCsvReader  *self);
/* FALSE at the end (error unset) or on a syntax error (error set). */
gboolean      thr_csv_reader_next           (ThrCsvReader  *self,
                                             GError       **error);
guint         thr_csv_reader_get_n_fields   (ThrCsvReader  *self);
const char   *thr_csv_reader_get_field      (ThrCsvReader  *self,
                                             guint          index);
/* The line on which the current record starts, 1 for the first. */
guint         thr_csv_reader_get_line       (ThrCsvReader  *self);
char          thr_csv_reader_get_delimiter  (ThrCsvReader  *self);
/* Hex SHA-256 of the whole file; valid once next() returned FALSE. */
const char   *thr_csv_reader_get_sha256     (ThrCsvReader  *self);
gint64        thr_csv_reader_get_bytes_read (ThrCsvReader  *self);
gint64        thr_csv_reader_get_size       (ThrCsvReader  *self);
const char   *thr_csv_reader_get_path       (ThrCsvReader  *self);
/* "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE" or "Windows-1252". */
const char   *thr_csv_reader_get_encoding   (ThrCsvReader  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrCsvReader, thr_csv_reader_free)

/* Appends one CSV field, quoted when it must be; a text that a spreadsheet
 * would run as a formula gets a leading apostrophe. */
void          thr_csv_append_field          (GString       *out,
                                             const char    *text);
/* Whether a spreadsheet would run TEXT as a formula (OWASP's CSV
 * injection rule); a plain number never is. */
gboolean      thr_csv_looks_like_formula    (const char    *text);

G_END_DECLS
