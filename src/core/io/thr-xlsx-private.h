/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-xlsx-private.h — the .xlsx reader's state, shared by its two files
 *
 *   thr-xlsx-parts.c  the zip, XML helpers, and the small parts (workbook,
 *                     relationships, styles, shared strings)
 *   thr-xlsx.c        opening, and streaming the worksheet row by row
 *   thr-ods.c         the same for an OpenDocument spreadsheet's sheet
 */
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <libxml/xmlreader.h>

#include "thr-cell.h"
#include "thr-xlsx.h"

G_BEGIN_DECLS

#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define MAX_COLUMN 16384u

/* Limits against a hostile workbook (SECURITY.md lists them), each far
 * above what a report or a year's extract needs, each checked as the
 * bytes stream in, so a file past one is refused in a fraction of a
 * second, naming the limit, before memory or time runs out. */
#define MAX_PART_BYTES      (G_GINT64_CONSTANT (1) << 30)   /* one part expanded: 1 GiB */
#define MAX_TOTAL_BYTES     (G_GINT64_CONSTANT (2) << 30)   /* every part read: 2 GiB */
/* Expanded bytes per byte of the file, checked once 1 MiB has expanded
 * (Apache POI's zip bomb rule is the same 100 to 1). */
#define MAX_EXPANSION       100
#define EXPANSION_GRACE     (G_GINT64_CONSTANT (1) << 20)
#define MAX_SHARED_STRINGS  2000000u
#define MAX_SHARED_BYTES    (G_GINT64_CONSTANT (256) << 20)  /* their text together: 256 MiB */
/* Excel's own limit on a cell's text. */
#define MAX_CELL_CHARS      32767u
/* Cells a row may span (column AMJ); a report has a few dozen. */
#define MAX_ROW_CELLS       1024u

/* Where the comment filter of thr-xlsx-parts.c stands in a part. */
typedef enum {
  FILTER_TEXT,
  FILTER_COMMENT,       /* inside <!-- … -->, dropped */
  FILTER_PI,            /* inside <? … ?>, dropped */
  FILTER_DECLARATION,   /* the <?xml … ?> a part starts with, kept */
  FILTER_CDATA,         /* inside <![CDATA[ … ]]>, kept as it is */
} FilterState;

typedef enum {
  STYLE_PLAIN,
  STYLE_DATE,
  STYLE_TIME,     /* a time of day or a duration: no day, month or year */
  STYLE_TIME_HM,  /* the same without seconds: h:mm */
  STYLE_PERCENT,  /* 0.985 shown as 98.5 % */
} StyleKind;

struct _ThrXlsxReader
{
  char              *path;
  char              *sheet_name;
  char              *sheet_part;
  gboolean           date1904;
  GPtrArray         *shared;          /* char * */
  GArray            *styles;          /* StyleKind per cellXfs index */
  GHashTable        *custom_formats;  /* numFmtId → StyleKind */
  struct archive    *archive;
  xmlTextReaderPtr   xml;
  char              *xml_error;
  char              *limit_error;     /* the limit a part broke, named */
  gint64             part_bytes;      /* expanded bytes of the current part */
  gint64             total_bytes;     /* and of every part read in this pass */
  gint64             shared_bytes;
  gint64             declared_bytes;    /* what the headers of the parts read claim */
  FilterState        filter_state;
  guint              filter_run;        /* '-', '?' or ']' just seen in a row */
  char               filter_pending[9]; /* a '<' and what follows, not yet told apart */
  guint              filter_pending_len;
  gint64             filter_lt_offset;  /* where in the part the pending '<' is */
  char              *filter_in;         /* bytes from the zip before the filter */
  char              *filter_out;        /* and after it, given to libxml2 as it asks */
  gsize              filter_out_len;
  gsize              filter_out_pos;
  gboolean           filter_at_end;
  GString           *buffer;          /* the row's fields, NUL separated */
  GArray            *offsets;
  GArray            *kinds;           /* ThrCellKind (guint8) per field */
  guint              row;
  gboolean           row_hidden;
  gboolean           ods;               /* an OpenDocument spreadsheet (thr-ods.c) */
  GHashTable        *ods_cell_styles;   /* cell style → its data style */
  GHashTable        *ods_data_styles;   /* data style → StyleKind (times only) */
  guint              ods_repeat;        /* times the last row comes again */
  char              *sha256;
  gint64             size;
};

xmlTextReaderPtr _thr_xlsx_open_entry_xml (ThrXlsxReader    *self,
                                           const char       *name);
gboolean         _thr_xlsx_refuse_limit   (ThrXlsxReader    *self,
                                           GError          **error);
/* The limits applied to the size a part's zip header declares, before a
 * byte of it is expanded: an honest header past them is refused at once
 * (the expanded bytes are counted as well, for the headers that lie). */
gboolean         _thr_xlsx_check_declared_size (ThrXlsxReader        *self,
                                                struct archive_entry *entry);
gboolean         _thr_xlsx_malformed      (ThrXlsxReader    *self,
                                           const char       *part,
                                           GError          **error);
gboolean         _thr_xlsx_is_start       (xmlTextReaderPtr  xml,
                                           const char       *name);
gboolean         _thr_xlsx_is_end         (xmlTextReaderPtr  xml,
                                           const char       *name);
char            *_thr_xlsx_attribute      (xmlTextReaderPtr  xml,
                                           const char       *name);
gboolean         _thr_xlsx_is_text_node   (xmlTextReaderPtr  xml);
int              _thr_xlsx_read_rich_text (xmlTextReaderPtr  xml,
                                           const char       *until,
                                           GString          *out);
gboolean         _thr_xlsx_open_archive   (ThrXlsxReader    *self,
                                           GError          **error);
/* Reads the small parts and finds the sheet (NULL: the first). */
gboolean         _thr_xlsx_read_workbook  (ThrXlsxReader    *self,
                                           const char       *sheet,
                                           GError          **error);
/* The names of the workbook's worksheets, in its order. */
GStrv            _thr_xlsx_read_sheet_names (ThrXlsxReader  *self,
                                             GError        **error);

/* thr-xlsx.c */
gboolean         _thr_xlsx_put_cell       (ThrXlsxReader    *self,
                                           guint             column,
                                           const char       *text,
                                           ThrCellKind       kind);
ThrCellKind      _thr_xlsx_format_percent (GString          *value);

/* thr-ods.c */
gboolean         _thr_ods_is_ods          (const char       *path);
gboolean         _thr_ods_open            (ThrXlsxReader    *self,
                                           const char       *sheet,
                                           GError          **error);
GStrv            _thr_ods_sheet_names     (ThrXlsxReader    *self,
                                           GError          **error);
gboolean         _thr_ods_next            (ThrXlsxReader    *self,
                                           GError          **error);

G_END_DECLS
