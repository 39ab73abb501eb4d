/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-import.h — CSV files and workbooks into the store, all or nothing
 *
 * Each problem is reported as "FILE:ROW:COLUMN: message"; if there is any,
 * the transaction is rolled back and the store is left as it was.
 */
#pragma once

#include <gio/gio.h>

#include "thr-contract.h"
#include "thr-store.h"

G_BEGIN_DECLS

#define THR_IMPORT_ERROR (thr_import_error_quark ())
GQuark thr_import_error_quark (void);

typedef enum {
  THR_IMPORT_ERROR_INVALID,    /* the file has problems; see the message */
  THR_IMPORT_ERROR_DUPLICATE,  /* the same bytes were imported before */
  THR_IMPORT_ERROR_UNKNOWN_KIND,
  /* The codes below name a choice the user makes; the message states the
   * facts only, and each front end says where the choice is made (the
   * CLI's options, the import dialog's rows). */
  THR_IMPORT_ERROR_PROFILE_AMBIGUOUS, /* the header fits two profiles equally well */
  THR_IMPORT_ERROR_PROFILE_UNKNOWN,   /* no profile reads the header, and no kind was given */
  THR_IMPORT_ERROR_DUPLICATE_RECORDS, /* tasks or calls imported before: replace them, or undo that import */
} ThrImportError;

typedef enum {
  THR_IMPORT_KIND_AUTO,
  THR_IMPORT_KIND_METRIC_REPORT,
  THR_IMPORT_KIND_INVOICES,
  THR_IMPORT_KIND_TASKS,
  THR_IMPORT_KIND_CALLS,
  THR_IMPORT_KIND_REFERENCES,
} ThrImportKind;

#define THR_IMPORT_MAX_PROBLEMS 50

typedef struct {
  ThrImportKind  kind;
  gint64         import_id;   /* 0 for a dry run */
  guint          n_rows;
  char          *sha256;
  GStrv          ignored_columns;
  char          *profile_id;     /* the profile that read the file */
  char          *source_format;  /* "CSV, UTF-16LE, tab separated", … */
  GStrv          notes;          /* rows skipped and columns dropped, and why */
  guint          n_replaced;     /* reported figures that replace earlier imports' (kept in history) */
} ThrImportResult;

/* What to do with a task or call whose id was imported before (or is
 * twice in the file): refuse the file, or replace the earlier record. */
typedef enum {
  THR_IMPORT_DUPLICATES_REFUSE,
  THR_IMPORT_DUPLICATES_REPLACE,
} ThrImportDuplicates;

typedef struct {
  ThrImportKind  kind;      /* AUTO: from the profile */
  const char    *profile;   /* a profile id; NULL: detected from the header */
  const char    *sheet;     /* a workbook's sheet; NULL: the first */
  gboolean       dry_run;
  ThrImportDuplicates duplicates;
} ThrImportOptions;

void           thr_import_result_clear      (ThrImportResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ThrImportResult, thr_import_result_clear)

const char    *thr_import_kind_to_string    (ThrImportKind    kind);
gboolean       thr_import_kind_from_string  (const char      *str,
                                             ThrImportKind   *out);

typedef void (*ThrImportProgress) (gint64   done_bytes,
                                   gint64   total_bytes,
                                   gpointer user_data);

gboolean       thr_import_file              (ThrStore        *store,
                                             gint64           contract_id,
                                             ThrContract     *contract,
                                             const char      *path,
                                             ThrImportKind    kind,
                                             gboolean         dry_run,
                                             ThrImportProgress progress,
                                             gpointer         progress_data,
                                             GCancellable    *cancellable,
                                             ThrImportResult *result,
                                             GError         **error);

/* As thr_import_file(), with a profile and a sheet.  A cancelled import
 * (G_IO_ERROR_CANCELLED) leaves the store as it was. */
gboolean       thr_import_file_full         (ThrStore               *store,
                                             gint64                  contract_id,
                                             ThrContract            *contract,
                                             const char             *path,
                                             const ThrImportOptions *options,
                                             ThrImportProgress       progress,
                                             gpointer                progress_data,
                                             GCancellable           *cancellable,
                                             ThrImportResult        *result,
                                             GError                **error);

G_END_DECLS
