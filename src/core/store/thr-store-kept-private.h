/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-kept-private.h — the writes of store/ that forget kept figures
 *
 * Called inside the transaction of the write that changes the records,
 * so a kept figure and the records it was counted from never disagree.
 */
#pragma once

#include "thr-store-records.h"

G_BEGIN_DECLS

/* The records of the import (a rowid range of tasks or calls). */
gboolean _thr_store_forget_kept_for_import (ThrStore            *self,
                                            gint64               import_id,
                                            GError             **error);
/* One record, before it is deleted. */
gboolean _thr_store_forget_kept_for_record (ThrStore            *self,
                                            ThrStoreRecordKind   kind,
                                            gint64               rowid,
                                            GError             **error);

G_END_DECLS
