/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-export.h — tables for spreadsheets: CSV and .xlsx
 *
 * A ThrExportTable is a header row and rows of text or number cells; each
 * number carries its kind so that the .xlsx gets a real number with a
 * number format ("93.55 %", "$1,234.56") while the CSV gets plain digits a
 * script can read.  The metric table builds one; the ledger and the grid
 * can build theirs the same way.
 */
#pragma once

#include <gio/gio.h>

#include "thr-evaluator.h"
#include "thr-ledger.h"

G_BEGIN_DECLS

typedef enum {
  THR_EXPORT_CSV,
  THR_EXPORT_XLSX,
} ThrExportFormat;

typedef enum {
  THR_EXPORT_NUMBER_PLAIN,     /* up to four decimals */
  THR_EXPORT_NUMBER_INTEGER,   /* counts: 1,234 */
  THR_EXPORT_NUMBER_PERCENT,   /* on the 0–100 scale: 93.55 %, not 0.9355 */
  THR_EXPORT_NUMBER_SECONDS,
  THR_EXPORT_NUMBER_DOLLARS,
  THR_EXPORT_NUMBER_POINTS,    /* a difference of two percentages: 0.32 pp */
} ThrExportNumber;

typedef enum {
  THR_EXPORT_FLAGS_NONE = 0,
  /* CSV only: a UTF-8 byte order mark first, so that Excel on Windows
   * reads "¶" and accented names as UTF-8 rather than its ANSI code page. */
  THR_EXPORT_FLAGS_CSV_BOM = 1 << 0,
  /* CSV only: lines end in LF alone, as the CLI's standard output does
   * for the Unix tools a script pipes it to; files keep RFC 4180's CRLF. */
  THR_EXPORT_FLAGS_CSV_LF = 1 << 1,
} ThrExportFlags;

typedef struct _ThrExportTable ThrExportTable;

ThrExportTable *thr_export_table_new        (const char * const *headers);
void            thr_export_table_free       (ThrExportTable     *table);
/* The header row of the .xlsx in words ("Released with"), one title per
 * column; the CSV keeps the column names a script reads (released_with). */
void            thr_export_table_set_titles (ThrExportTable     *table,
                                             const char * const *titles);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrExportTable, thr_export_table_free)

guint           thr_export_table_get_n_rows (ThrExportTable     *table);
/* Starts a row; the cells added after it fill it from the left. */
void            thr_export_table_begin_row  (ThrExportTable     *table);
void            thr_export_table_add_text   (ThrExportTable     *table,
                                             const char         *text);
void            thr_export_table_add_number (ThrExportTable     *table,
                                             double              value,
                                             ThrExportNumber     kind);
void            thr_export_table_add_empty  (ThrExportTable     *table);
/* "true" or "false" in the CSV, a boolean cell in the .xlsx. */
void            thr_export_table_add_boolean (ThrExportTable    *table,
                                              gboolean           value);
/* A period label: in the .xlsx a month is a date (its first day) shown
 * "Apr 2018" and a week the date of its Sunday, so that a spreadsheet
 * sorts and filters them as dates; quarters and years stay text.  The
 * CSV keeps the label. */
void            thr_export_table_add_period (ThrExportTable     *table,
                                             const char         *label);

/* RFC 4180: CRLF line ends, fields quoted when they must be (and a text a
 * spreadsheet would run as a formula defused), numbers in the C locale
 * whatever the user's, money with its cents.  Every CSV Threshold writes
 * comes from here. */
char           *thr_export_table_to_csv     (ThrExportTable     *table);
/* The same with THR_EXPORT_FLAGS_CSV_BOM and THR_EXPORT_FLAGS_CSV_LF. */
char           *thr_export_table_to_csv_full (ThrExportTable    *table,
                                              ThrExportFlags     flags);
gboolean        thr_export_table_write      (ThrExportTable     *table,
                                             ThrExportFormat     format,
                                             const char         *sheet_name,
                                             const char         *path,
                                             GError            **error);
gboolean        thr_export_table_write_full (ThrExportTable     *table,
                                             ThrExportFormat     format,
                                             ThrExportFlags      flags,
                                             const char         *sheet_name,
                                             const char         *path,
                                             GError            **error);

gboolean        thr_export_format_from_string (const char       *text,
                                               ThrExportFormat  *out);

/* The month's metric table: one row per result (per subject and queue);
 * `evaluate --format csv` and `export metrics` print it.  The columns
 * (docs/exports.md): metric, subject, period, status, value, op, target,
 * unit, numerator, denominator, source, reported, computed, then lower,
 * upper, tolerance, difference, to_date, section, title and queue.
 * @results come from thr_evaluator_evaluate_month(). */
ThrExportTable *thr_export_metrics_table    (GPtrArray          *results);

/* The ledger's rows (those thr_ledger_compute_for_store() was asked to
 * show); `ledger --format csv` and `export ledger` print it. */
ThrExportTable *thr_export_ledger_table     (ThrLedger          *ledger);
/* The compliance grid: a row per metric, a column per month from @first,
 * each cell the status word (met, missed, pending, no-data). */
ThrExportTable *thr_export_grid_table       (ThrEvaluator       *evaluator,
                                             const ThrPeriod    *first,
                                             guint               n_months,
                                             GError            **error);
/* The records a "within N days" metric counts as missed
 * (thr_evaluator_list_missed()), with the calendar days each was late:
 * to its completion, or to @today (a Julian day; 0: not known) when still
 * open. */
ThrExportTable *thr_export_missed_table     (GPtrArray          *records,
                                             guint32             today);

G_END_DECLS
