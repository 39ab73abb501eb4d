/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-export-private.h — the table model shared by the CSV and .xlsx writers */
#pragma once

#include "thr-export.h"

G_BEGIN_DECLS

typedef enum {
  THR_EXPORT_CELL_EMPTY,
  THR_EXPORT_CELL_TEXT,
  THR_EXPORT_CELL_NUMBER,
  THR_EXPORT_CELL_BOOLEAN,   /* number is 0 or 1 */
  THR_EXPORT_CELL_MONTH,     /* number is the first day; text the label */
  THR_EXPORT_CELL_DAY,       /* number is the day; text the label */
} ThrExportCellKind;

typedef struct {
  ThrExportCellKind  kind;
  ThrExportNumber    number_kind;
  double             number;
  char              *text;
} ThrExportCell;

struct _ThrExportTable {
  char      **headers;
  char      **titles;    /* the .xlsx header row; NULL: the headers */
  guint       n_columns;
  GPtrArray  *rows;      /* of GArray of ThrExportCell, each n_columns long once complete */
};

/* Sets the titles from untranslated messages (N_()), translated. */
void thr_export_table_set_titles_translated (ThrExportTable     *table,
                                             const char * const *msgids);

/* The parts of a one-sheet workbook: name, text, name, text … */
GPtrArray *thr_export_xlsx_parts     (ThrExportTable  *table,
                                      const char      *sheet_name);
gboolean thr_export_table_write_xlsx (ThrExportTable  *table,
                                      const char      *sheet_name,
                                      const char      *path,
                                      GError         **error);

G_END_DECLS
