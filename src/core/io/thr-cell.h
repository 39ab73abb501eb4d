/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cell.h — what kind of cell a field came from
 *
 * A CSV field is text; a workbook cell also says how the user sees it.
 * The importer reads a percentage-formatted cell as that percentage, a
 * date cell in a month column as that month, and refuses a wait shown as
 * h:mm, which a spreadsheet reads as hours and minutes.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  THR_CELL_TEXT,              /* text, and every CSV field */
  THR_CELL_NUMBER,            /* a number in a number format */
  THR_CELL_PERCENT,           /* shown as a percentage; the field reads "98.5%" */
  THR_CELL_DATE,              /* a date or date-time; "YYYY-MM-DD[ HH:MM:SS]" */
  THR_CELL_TIME,              /* a time or duration shown with its seconds; "HH:MM:SS" */
  THR_CELL_TIME_NO_SECONDS,   /* shown as h:mm; "HH:MM:SS" with the hours the sheet means */
  THR_CELL_BOOLEAN,           /* "TRUE" or "FALSE" */
} ThrCellKind;

G_END_DECLS
