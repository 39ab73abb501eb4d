/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-import-dialog.h — check a file, show what it holds, then import it */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define THR_TYPE_IMPORT_DIALOG (thr_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ThrImportDialog, thr_import_dialog, THR, IMPORT_DIALOG, AdwWindow)

/* Starts checking the file (a dry run) at once.  ::imported is emitted
 * with the kind, the rows written, the file's name, the import's id (for
 * undo) and the reported figures it replaced, once the real import has
 * committed. */
ThrImportDialog *thr_import_dialog_new       (GtkWindow  *parent,
                                              const char *db_path,
                                              gint64      contract_id,
                                              GFile      *file);
/* The file being imported. */
GFile           *thr_import_dialog_get_file  (ThrImportDialog *self);
/* "checking", "preview", "importing" or "failed". */
const char      *thr_import_dialog_get_step  (ThrImportDialog *self);
const char      *thr_import_dialog_get_summary (ThrImportDialog *self);
/* The words under the summary: what is wrong with the file, and where to
 * choose what it calls for. */
const char      *thr_import_dialog_get_details (ThrImportDialog *self);
/* The card quoting a team store's server's words under the details when
 * it refused or failed the import, or NULL. */
GtkWidget       *thr_import_dialog_get_error_card (ThrImportDialog *self);
/* Whether the preview marks the cell of the file's ROW (1 is the header)
 * and COLUMN (from 1) as the one a problem names. */
gboolean         thr_import_dialog_is_cell_marked (ThrImportDialog *self,
                                                   guint            row,
                                                   guint            column);
/* Rows of the file shown in the preview, under its header. */
guint            thr_import_dialog_get_n_preview_rows (ThrImportDialog *self);
/* How the last check read the file: the profile's id and the record kind
 * (NULL when no profile could read it), the fields it maps from the
 * file's columns, and a workbook's sheets (NULL for a CSV file). */
const char      *thr_import_dialog_get_profile (ThrImportDialog *self);
const char      *thr_import_dialog_get_kind  (ThrImportDialog *self);
guint            thr_import_dialog_get_n_mapped_columns (ThrImportDialog *self);
/* What the Columns Mapped row says of them ("3 fields", "None of the
 * profile's columns is in the file"; "" when the last check did not read
 * the header). */
const char      *thr_import_dialog_get_columns_said (ThrImportDialog *self);
const char * const *thr_import_dialog_get_sheets (ThrImportDialog *self);
/* What the profile and sheet rows do: choose, and check the file again.
 * A NULL profile detects it from the header. */
/* Whether tasks or calls already in the store replace the earlier ones
 * (else such a file is refused); checks the file again. */
void             thr_import_dialog_set_replace_duplicates (ThrImportDialog *self,
                                                           gboolean         replace);
void             thr_import_dialog_choose_profile (ThrImportDialog *self,
                                                   const char      *profile);
void             thr_import_dialog_choose_sheet   (ThrImportDialog *self,
                                                   const char      *sheet);

G_END_DECLS
