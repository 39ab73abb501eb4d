/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-copy.h — stores in and out of Threshold's own folder
 *
 * SQLite needs POSIX locks, a shared-memory file (FILE-shm) and a journal
 * (FILE-wal) beside the store.  A sandbox's document portal (the FUSE
 * folder /run/user/UID/doc/ID/, /run/flatpak/doc/ID/ inside the sandbox)
 * shows only the one chosen file, and its locks have failed with ENOSYS:
 * a store used there could be torn by two writers.  So Threshold works on
 * a store only where SQLite works (its data folder, or any local folder
 * outside a sandbox), and a store from elsewhere comes in, or goes out,
 * as one whole copy:
 *
 * - thr_store_copy_in: the source is only read; the copy is checked and
 *   upgraded like any store before it takes its name.
 * - thr_store_save_copy: a single-file copy (rollback journal, nothing
 *   needed beside it), written through GIO, which the portal supports.
 */
#pragma once

#include "thr-store.h"

G_BEGIN_DECLS

/* TRUE when PATH lies in a document portal's folder, where SQLite must
 * not keep a store open. */
gboolean   thr_store_path_is_portal (const char    *path);
/* A name in DIR for a copy of a file called BASENAME, taken by no file:
 * BASENAME, else "NAME-2.EXT", "NAME-3.EXT", … */
char      *thr_store_free_path      (const char    *dir,
                                     const char    *basename);
/* Copies the store at SOURCE, which is never written, to DEST (which must
 * not exist).  SQLite's backup API reads it where SQLite can lock it
 * (so a store open elsewhere copies consistently); where it cannot (a
 * portal), the file's bytes are read.  The copy is then opened with every
 * check of thr_store_open and upgraded if need be; on any error nothing is
 * left at DEST. */
gboolean   thr_store_copy_in        (const char    *source,
                                     const char    *dest,
                                     GCancellable  *cancellable,
                                     GError       **error);
/* Writes a consistent single-file copy of the store to DEST (replacing
 * it) through GIO; the staging copy is made beside the store. */
gboolean   thr_store_save_copy      (ThrStore      *self,
                                     GFile         *dest,
                                     GCancellable  *cancellable,
                                     GError       **error);

G_END_DECLS
