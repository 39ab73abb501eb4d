/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-archive-lazy.c — libarchive, opened the first time a zip is read or written
 *
 * Threshold does not link libarchive.  Each libarchive function the .xlsx
 * and .ods reader and the .xlsx export call is defined here and calls the
 * library's own, opened with GModule at the first call
 * (thr-lazy-library.h).  Linked, libarchive brings libxml2 with ICU, lz4,
 * bz2 and libacl, which every launch loaded and relocated before the
 * window's first frame (docs/benchmarks.md, "Start-up, session 12"), and
 * only a workbook or spreadsheet needs them.
 *
 * Every use starts with archive_read_new () or archive_write_new ().
 * Should the library be missing, those give NULL, the calls after them
 * fail as libarchive does (ARCHIVE_FATAL), and archive_error_string ()
 * says why the library cannot be opened, which the reader and the export
 * put in their message.
 */
#define G_LOG_DOMAIN "thr-io"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>

#include "thr-lazy-library.h"

/* The library's soname, as its pkg-config file links it. */
#define LIBARCHIVE_SONAME "libarchive.so.13"

/* Each function: its return type, name, parameters, arguments, and the
 * answer when the library cannot be opened. */
#define THR_ARCHIVE_FUNCTIONS(F) \
  F (struct archive *, archive_read_new, (void), (), NULL) \
  F (int, archive_read_support_format_zip, (struct archive *a), (a), ARCHIVE_FATAL) \
  F (int, archive_read_open_filename, (struct archive *a, const char *filename, size_t block_size), \
     (a, filename, block_size), ARCHIVE_FATAL) \
  F (int, archive_read_next_header, (struct archive *a, struct archive_entry **entry), (a, entry), ARCHIVE_FATAL) \
  F (la_ssize_t, archive_read_data, (struct archive *a, void *buffer, size_t size), (a, buffer, size), \
     ARCHIVE_FATAL) \
  F (int, archive_read_free, (struct archive *a), (a), ARCHIVE_FATAL) \
  F (const char *, archive_error_string, (struct archive *a), (a), thr_lazy_library.reason) \
  F (la_int64_t, archive_filter_bytes, (struct archive *a, int n), (a, n), -1) \
  F (struct archive *, archive_write_new, (void), (), NULL) \
  F (int, archive_write_set_format_zip, (struct archive *a), (a), ARCHIVE_FATAL) \
  F (int, archive_write_zip_set_compression_deflate, (struct archive *a), (a), ARCHIVE_FATAL) \
  F (int, archive_write_set_bytes_per_block, (struct archive *a, int bytes), (a, bytes), ARCHIVE_FATAL) \
  F (int, archive_write_set_bytes_in_last_block, (struct archive *a, int bytes), (a, bytes), ARCHIVE_FATAL) \
  F (int, archive_write_open, \
     (struct archive *a, void *data, archive_open_callback *opener, archive_write_callback *writer, \
      archive_close_callback *closer), \
     (a, data, opener, writer, closer), ARCHIVE_FATAL) \
  F (int, archive_write_header, (struct archive *a, struct archive_entry *entry), (a, entry), ARCHIVE_FATAL) \
  F (la_ssize_t, archive_write_data, (struct archive *a, const void *buffer, size_t size), (a, buffer, size), \
     ARCHIVE_FATAL) \
  F (int, archive_write_close, (struct archive *a), (a), ARCHIVE_FATAL) \
  F (int, archive_write_free, (struct archive *a), (a), ARCHIVE_FATAL) \
  F (struct archive_entry *, archive_entry_new, (void), (), NULL) \
  F (const char *, archive_entry_pathname, (struct archive_entry *entry), (entry), NULL) \
  F (la_int64_t, archive_entry_size, (struct archive_entry *entry), (entry), 0) \
  F (int, archive_entry_size_is_set, (struct archive_entry *entry), (entry), 0)

/* The functions that return nothing. */
#define THR_ARCHIVE_PROCEDURES(F) \
  F (archive_entry_free, (struct archive_entry *entry), (entry)) \
  F (archive_entry_set_filetype, (struct archive_entry *entry, unsigned int type), (entry, type)) \
  F (archive_entry_set_mtime, (struct archive_entry *entry, time_t seconds, long nanoseconds), \
     (entry, seconds, nanoseconds)) \
  F (archive_entry_set_pathname, (struct archive_entry *entry, const char *name), (entry, name)) \
  F (archive_entry_set_perm, (struct archive_entry *entry, __LA_MODE_T mode), (entry, mode)) \
  F (archive_entry_set_size, (struct archive_entry *entry, la_int64_t size), (entry, size))

THR_LAZY_LIBRARY_DEFINE (LIBARCHIVE_SONAME, THR_ARCHIVE_FUNCTIONS, THR_ARCHIVE_PROCEDURES)
