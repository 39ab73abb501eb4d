/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-history.h — the imports a contract holds, and undoing one */
#pragma once

#include "thr-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64  id;
  char   *kind;
  char   *file_name;
  char   *sha256;
  char   *imported_at;
  guint   n_rows;
  char   *profile;        /* NULL for imports made before profiles */
  char   *source_format;
  char   *notes;          /* one per line, or NULL */
  guint   n_replaced;     /* reported figures a later import gives anew */
} ThrImportInfo;

void        thr_import_info_free     (ThrImportInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrImportInfo, thr_import_info_free)

/* Oldest first. */
GPtrArray  *thr_history_list_imports (ThrStore   *store,
                                      gint64      contract_id,
                                      GError    **error);
/* When the contract's imports came (ISO 8601 UTC times): every import,
 * oldest first, into imported_at; and, into first_report, each period
 * label ("2018-04", "2018-Q2", a week's Sunday) → the time of the first
 * import that brought reported figures for it.  Two statements, whatever
 * the number of periods asked about later. */
gboolean    thr_history_import_times (ThrStore    *store,
                                      gint64       contract_id,
                                      GPtrArray  **imported_at,
                                      GHashTable **first_report,
                                      GError     **error);
/* Removes the import and every row it brought; the figures it had
 * replaced count again.  THR_STORE_ERROR_NOT_FOUND if there is none. */
gboolean    thr_history_undo_import  (ThrStore   *store,
                                      gint64      contract_id,
                                      gint64      import_id,
                                      guint      *n_rows_out,
                                      GError    **error);
/* The same inside the caller's transaction, which it neither begins nor
 * ends, and without checking the role's right (the caller has): so that
 * what follows from the undo (thr_cap_undo_import settling the CAPs) is
 * kept or dropped with it. */
gboolean    thr_history_undo_import_within (ThrStore   *store,
                                            gint64      contract_id,
                                            gint64      import_id,
                                            guint      *n_rows_out,
                                            GError    **error);

G_END_DECLS
