/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-rights.h — what the person behind a store may do in it
 *
 * A store file belongs to whoever opens it: every right.  On a team store
 * the server decides, from the group roles of roles.sql that the user is
 * a member of (docs/team-store.md):
 *
 *   threshold_viewer    read: every figure, the ledger, CAPs, exports
 *   threshold_editor    edit: write CAPs, their actions and audit trail
 *   threshold_importer  import: imports and their undo, kept figures
 *   threshold_admin     admin: contracts, grants, calendar closures
 *
 * The tables' owner and a superuser hold every right.  The server refuses
 * whatever a role may not do anyway; the store asks first so that a
 * refusal can say why in words, and so that a reader's evaluation skips
 * the writes it could not make (opening CAPs, keeping figures) instead of
 * failing.
 */
#pragma once

#include "thr-store.h"

G_BEGIN_DECLS

typedef enum /*< flags >*/ {
  THR_STORE_RIGHT_NONE   = 0,
  THR_STORE_RIGHT_READ   = 1 << 0,
  THR_STORE_RIGHT_EDIT   = 1 << 1,  /* CAPs, their actions, notes */
  THR_STORE_RIGHT_IMPORT = 1 << 2,  /* imports, undo, kept figures */
  THR_STORE_RIGHT_ADMIN  = 1 << 3,  /* contracts, grants, calendars */
} ThrStoreRights;

#define THR_STORE_RIGHTS_ALL (THR_STORE_RIGHT_READ | THR_STORE_RIGHT_EDIT \
                              | THR_STORE_RIGHT_IMPORT | THR_STORE_RIGHT_ADMIN)

/* The rights read when the store was opened. */
ThrStoreRights  thr_store_get_rights     (ThrStore        *self);
gboolean        thr_store_can            (ThrStore        *self,
                                          ThrStoreRights   rights);
/* TRUE if the store grants @right; otherwise FALSE with
 * THR_STORE_ERROR_RIGHTS and a translated sentence that says which role
 * to ask an administrator for. */
gboolean        thr_store_check_right    (ThrStore        *self,
                                          ThrStoreRights   right,
                                          GError         **error);
/* That sentence alone, for a front end that disables what the role
 * cannot do and says why (a tooltip). */
char           *thr_store_describe_missing_right (ThrStoreRights right);

G_END_DECLS
