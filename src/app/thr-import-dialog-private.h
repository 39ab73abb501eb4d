/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-import-dialog-private.h — what the import dialog's two files share
 *
 *   thr-import-dialog.c          the dry run, the preview, the import, Cancel
 *   thr-import-dialog-mapping.c  how the file is read: profile, sheet, kind, columns
 */
#pragma once

#include "thr-core.h"
#include "thr-import-dialog.h"

G_BEGIN_DECLS

typedef struct {
  char            *db_path;
  gint64           contract_id;
  char            *path;
  char            *profile;    /* chosen; NULL: detected from the header */
  char            *sheet;      /* chosen; NULL: the workbook's first */
  gboolean         dry_run;
  ThrImportDuplicates duplicates;
  int              permille;   /* atomic */
  ThrImportResult  result;
  GPtrArray       *preview;    /* GStrv: the header and the first rows (dry run) */
  GStrv            sheets;     /* a workbook's sheets (dry run); NULL for CSV */
} Job;

#define PREVIEW_ROWS 5

struct _ThrImportDialog
{
  AdwWindow       parent_instance;
  char           *db_path;
  gint64          contract_id;
  GFile          *file;
  GCancellable   *cancellable;
  Job            *job;         /* the running one, or NULL */
  guint           progress_id;
  const char     *step;
  char           *summary;
  GPtrArray      *profiles;    /* ThrProfile*, in the profile row's order after "detect" */
  char           *profile;     /* chosen; NULL: detected */
  char           *sheet;       /* chosen; NULL: the first */
  gboolean        filling;     /* setting the rows from a result, not the user */
  /* What the last dry run found. */
  char           *read_profile;
  ThrImportKind   read_kind;
  GStrv           sheets;
  GPtrArray      *column_rows;

  AdwWindowTitle *window_title;
  GtkButton      *import_button;
  GtkStack       *stack;
  GtkLabel       *working_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *summary_label;
  GtkLabel       *details_label;
  GtkWidget      *error_card;     /* under it: a team store's server's words, quoted */
  GtkWidget      *preview_scroller;
  GtkGrid        *preview_grid;
  GArray         *problem_cells;  /* of ProblemCell: the preview's cells a problem names */
  AdwComboRow    *profile_row;
  AdwComboRow    *sheet_row;
  AdwActionRow   *kind_row;
  AdwExpanderRow *columns_row;
  GtkSwitch      *replace_switch;
};

/* thr-import-dialog.c */
void _thr_import_dialog_start_job            (ThrImportDialog *self,
                                              gboolean         dry_run);

/* thr-import-dialog-mapping.c */
void _thr_import_dialog_fill_profiles        (ThrImportDialog *self);
void _thr_import_dialog_show_mapping         (ThrImportDialog *self,
                                              Job             *job);
void _thr_import_dialog_forget_mapping       (ThrImportDialog *self);
void _thr_import_dialog_profile_selected_cb  (ThrImportDialog *self);
void _thr_import_dialog_sheet_selected_cb    (ThrImportDialog *self);

G_END_DECLS
