/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-rights-private.h — reading a team store's rights when it opens */
#pragma once

#include "thr-store-rights.h"

G_BEGIN_DECLS

/* The rights of the connection's user, from the server's roles. */
gboolean  _thr_store_query_rights (ThrStore        *self,
                                   ThrStoreRights  *rights_out,
                                   GError         **error);

G_END_DECLS
