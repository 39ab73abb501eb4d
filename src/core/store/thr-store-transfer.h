/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-transfer.h — a whole store copied into another, across backends
 *
 * What threshold-cli copy-store does: a laptop's store file into a team
 * store on PostgreSQL and back, every row of every table with its id, in
 * one transaction of the store copied into, which must hold no contract
 * yet.  The figures an evaluation keeps (thr-store-kept.h) are not
 * copied: they are made again when the copy is first evaluated.
 */
#pragma once

#include "thr-store.h"

G_BEGIN_DECLS

gboolean  thr_store_copy_rows   (ThrStore  *from,
                                 ThrStore  *to,
                                 guint64   *n_rows_out,
                                 GError   **error);
/* "contracts 1, imports 4, …": the rows of every table copied, to
 * compare a copy with its original. */
char     *thr_store_count_rows  (ThrStore  *self,
                                 GError   **error);

G_END_DECLS
