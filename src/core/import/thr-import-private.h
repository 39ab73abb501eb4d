/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-import-private.h — the importer's state, shared by its files
 *
 *   thr-import.c         the driver: transaction, rows, progress, result
 *   thr-import-header.c  finding the header, choosing the profile, privacy
 *   thr-import-cells.c   reading and binding one cell's value
 *   thr-import-kinds.c   what each record kind checks and stores
 */
#pragma once

#include "thr-import.h"
#include "thr-profile.h"
#include "thr-sheet.h"
#include "thr-values.h"
#include "thr-store-records.h"

G_BEGIN_DECLS

enum { MAX_COLUMNS = 24 };

/* Plausibility bounds (SECURITY.md lists them): a value past them is a
 * typo or a broken export, never a figure to compute money from.  The
 * money bound keeps every sum the ledger makes far inside int64 cents. */
#define THR_IMPORT_MAX_CENTS   G_GINT64_CONSTANT (100000000000)  /* $1,000,000,000.00 */
#define THR_IMPORT_MAX_DOLLARS 1e9
#define THR_IMPORT_MAX_SECONDS 86400.0                           /* one day */
#define THR_IMPORT_MAX_COUNT   1e12

/* imp->col[i] when the profile gives a fixed value instead of a column. */
#define COL_CONSTANT (-2)

typedef struct {
  const char *name;
  gboolean    required;
} ColumnSpec;

typedef struct _Import Import;
typedef void (*RowFunc) (Import *imp);

typedef struct {
  ThrImportKind     kind;
  const char       *name;
  const ColumnSpec *columns;
  guint             n_columns;
  ThrStoreRecords   records;
  RowFunc           row;
} KindSpec;

struct _Import {
  ThrStore               *store;
  ThrContract            *contract;
  gint64                  contract_id;
  gint64                  import_id;
  ThrSheetReader         *table;
  GTimeZone              *tz;
  ThrProfile             *profile;
  const KindSpec         *spec;
  int                     col[MAX_COLUMNS];    /* spec column → file column, -1 absent */
  const ThrProfileColumn *pcol[MAX_COLUMNS];   /* spec column → its profile entry */
  GArray                 *unmapped;            /* file columns nothing reads (guint) */
  GPtrArray              *ignored;             /* their names, when harmless */
  GPtrArray              *header;              /* folded header names */
  GPtrArray              *header_text;         /* the same as written, for messages */
  guint                   header_row;          /* where its problems are reported */
  guint32                 max_day;             /* later dates are typos */
  char                   *hash_key;
  GPtrArray              *problems;
  guint                   n_problems;
  GPtrArray              *notes;
  ThrStoreInserter       *insert;
  gint64                  first_record;         /* rowids of the records added, */
  gint64                  last_record;          /* for undo; 0 before the first */
  guint                   n_rows;
  guint                   n_fields;             /* of the current row, read once per row */
  guint                   n_percent_values;     /* reported percentages… */
  guint                   n_percent_at_most_1;  /* …and how many look like fractions */
  GError                 *sql_error;
  gboolean                duplicate_records;    /* a problem is a record imported before */
  char                   *period_label;         /* of a date cell, for the current row */
  GArray                 *hidden_rows;          /* rows the workbook hides (guint) */
  GHashTable             *seen_keys;            /* metric+subject+period or month+component → row */
  GArray                 *ids;                  /* task or call ids added, hashed (guint64: thr-import-duplicates.c) */
  guint32                 min_day;              /* their received or offered days */
  guint32                 max_day_seen;
  gboolean                metrics_export;       /* Threshold's own metrics export (thr-import-kinds.c) */
  int                     export_source;        /* its "source" column */
  guint                   n_export_skipped;     /* its rows without a reported figure */
  guint                   n_export_weekly;      /* its monthly rows of weekly metrics */
  char                   *quoted[4];            /* _thr_import_quote's last results */
  guint                   next_quoted;
};

void             _thr_import_problem      (Import          *imp,
                                           int              file_column,
                                           const char      *format,
                                           ...) G_GNUC_PRINTF (3, 4);
void             _thr_import_problem_at   (Import          *imp,
                                           guint            row,
                                           int              file_column,
                                           const char      *format,
                                           ...) G_GNUC_PRINTF (4, 5);
/* thr_value_quote () of text, kept by imp until four more are asked for:
 * enough for the values of one message. */
const char      *_thr_import_quote        (Import          *imp,
                                           const char      *text);
void             _thr_import_note         (Import          *imp,
                                           const char      *format,
                                           ...) G_GNUC_PRINTF (2, 3);

/* thr-import-kinds.c */
const KindSpec  *_thr_import_find_kind    (ThrImportKind    kind);
const KindSpec  *_thr_import_find_kind_by_name (const char *name);
const KindSpec  *_thr_import_kind_by_marker (GPtrArray     *header);

void             _thr_import_adopt_metrics_export (Import  *imp);
void             _thr_import_note_metrics_export  (Import  *imp);

/* thr-import-header.c */
gboolean         _thr_import_read_header  (Import          *imp,
                                           ThrImportKind    kind,
                                           ThrProfile      *profile,
                                           GError         **error);
void             _thr_import_check_unmapped_values (Import *imp);

/* thr-import-cells.c */
const char      *_thr_import_cell         (Import          *imp,
                                           guint            i);
const char      *_thr_import_required     (Import          *imp,
                                           guint            i);
ThrCellKind      _thr_import_cell_kind    (Import          *imp,
                                           guint            i);
const char      *_thr_import_period_label (Import          *imp,
                                           guint            i,
                                           ThrPeriodKind    kind);
gboolean         _thr_import_number       (Import          *imp,
                                           guint            i,
                                           gboolean         percent_field,
                                           double          *out);
gboolean         _thr_import_bind_number  (Import          *imp,
                                           guint            i,
                                           int              param,
                                           double          *out);
void             _thr_import_bind_text    (Import          *imp,
                                           guint            i,
                                           int              param);
gboolean         _thr_import_bind_datetime (Import         *imp,
                                           guint            i,
                                           int              day_param,
                                           guint32         *day_out);
void             _thr_import_bind_common  (Import          *imp);
gboolean         _thr_import_looks_like_ssn (const char    *text);
gboolean         _thr_import_insert_row   (Import          *imp);

/* thr-import-duplicates.c */
void             _thr_import_remember_id  (Import          *imp,
                                           guint            i,
                                           guint32          day);
gboolean         _thr_import_check_duplicate_ids (Import   *imp,
                                           gboolean         replace,
                                           GError         **error);
gboolean         _thr_import_check_bound  (Import          *imp,
                                           guint            i,
                                           double           value,
                                           double           max,
                                           gboolean         whole,
                                           const char      *what);

G_END_DECLS
