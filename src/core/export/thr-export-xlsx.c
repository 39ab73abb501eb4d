/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-export-xlsx.c — an export table as one .xlsx worksheet
 *
 * Numbers stay numbers with a number format, so a spreadsheet can sum and
 * chart them; the header row is bold, frozen and filtered.  Percentages
 * keep Threshold's 0–100 scale with a literal "%" in the format: Excel's
 * own percent format would multiply them by 100.
 *
 * The workbook is the smallest SpreadsheetML package Excel and LibreOffice
 * open (ECMA-376 Part 1): content types, relationships, workbook, styles,
 * shared strings and one sheet, zipped with libarchive, which the GNOME
 * runtime ships (libxlsxwriter is not in it).  The parts are built in
 * thr-export-xlsx-parts.c.
 */
#define G_LOG_DOMAIN "thr-export"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>

#include "thr-export-private.h"

/* Every entry carries the same time, 1980-01-01 (the zip epoch), so the
 * same table always gives the same bytes. */
#define ZIP_EPOCH 315532800

static la_ssize_t
write_cb (struct archive *archive,
          void           *user_data,
          const void     *buffer,
          size_t          length)
{
  g_byte_array_append (user_data, buffer, length);
  return length;
}

static gboolean
add_entry (struct archive  *archive,
           const char      *name,
           const char      *text)
{
  struct archive_entry *entry = archive_entry_new ();
  size_t length = strlen (text);
  gboolean ok;

  archive_entry_set_pathname (entry, name);
  archive_entry_set_size (entry, length);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_mtime (entry, ZIP_EPOCH, 0);
  ok = archive_write_header (archive, entry) == ARCHIVE_OK &&
       archive_write_data (archive, text, length) == (la_ssize_t) length;
  archive_entry_free (entry);
  return ok;
}

static GBytes *
zip_parts (GPtrArray  *parts,
           GError    **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  struct archive *archive = archive_write_new ();
  gboolean ok;

  /* No blocking: libarchive would otherwise pad the last block with zeros
   * to 10,240 bytes after the zip's end record, and LibreOffice refuses a
   * zip that does not end at its end record ("source file could not be
   * loaded"). */
  ok = archive_write_set_format_zip (archive) == ARCHIVE_OK &&
       archive_write_zip_set_compression_deflate (archive) == ARCHIVE_OK &&
       archive_write_set_bytes_per_block (archive, 0) == ARCHIVE_OK &&
       archive_write_set_bytes_in_last_block (archive, 1) == ARCHIVE_OK &&
       archive_write_open (archive, bytes, NULL, write_cb, NULL) == ARCHIVE_OK;
  for (guint i = 0; ok && i + 1 < parts->len; i += 2)
    ok = add_entry (archive, g_ptr_array_index (parts, i), g_ptr_array_index (parts, i + 1));
  ok = ok && archive_write_close (archive) == ARCHIVE_OK;
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not build the workbook: %s"),
                 archive_error_string (archive) ? archive_error_string (archive) : "zip");
  archive_write_free (archive);
  return ok ? g_byte_array_free_to_bytes (g_steal_pointer (&bytes)) : NULL;
}

gboolean
thr_export_table_write_xlsx (ThrExportTable  *table,
                             const char      *sheet_name,
                             const char      *path,
                             GError         **error)
{
  g_autoptr(GPtrArray) parts = thr_export_xlsx_parts (table, sheet_name);
  g_autoptr(GBytes) zip = zip_parts (parts, error);
  g_autoptr(GError) local = NULL;

  if (zip == NULL)
    return FALSE;
  /* Written beside @path and renamed over it: never half a file. */
  if (!g_file_set_contents_full (path, g_bytes_get_data (zip, NULL), g_bytes_get_size (zip),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local))
    {
      g_set_error (error, G_FILE_ERROR, local->code, _("Could not write %s: %s"), path, local->message);
      return FALSE;
    }
  return TRUE;
}
