/* thr-xlsx-private.h — the .xlsx reader's state, shared by its two files
 *
 *   thr-xlsx-parts.c  the zip, XML helpers, and the small parts (workbook,
 *                     relationships, styles, shared strings)
 *   thr-xlsx.c        opening, and streaming the worksheet row by row
 */
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <libxml/xmlreader.h>

#include "thr-xlsx.h"

G_BEGIN_DECLS

#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define MAX_COLUMN 16384u
/* Guards against a hostile file: far more than any report needs. */
#define MAX_SHARED_STRINGS 10000000u

typedef enum {
  STYLE_PLAIN,
  STYLE_DATE,
  STYLE_TIME,     /* a time of day or a duration: no day, month or year */
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
  GString           *buffer;          /* the row's fields, NUL separated */
  GArray            *offsets;
  guint              row;
  char              *sha256;
  gint64             size;
};

xmlTextReaderPtr _thr_xlsx_open_entry_xml (ThrXlsxReader    *self,
                                           const char       *name);
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

G_END_DECLS
