/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-private.h — for tests: open a store with another migration list
 *
 * Lets a test take a fixture of schema N through a pretend step N + 1, so
 * the backup and the rollback of a failed upgrade are exercised before any
 * real second migration exists.
 */
#pragma once

#include "thr-store.h"

G_BEGIN_DECLS

ThrStore *thr_store_open_with_migrations (const char          *path,
                                          const char * const  *migrations,
                                          guint                n_migrations,
                                          GError             **error);

G_END_DECLS
