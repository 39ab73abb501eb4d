/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-search-item.h — what a page's find and "missed only" look at, per row */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define THR_TYPE_SEARCH_ITEM (thr_search_item_get_type ())
G_DECLARE_FINAL_TYPE (ThrSearchItem, thr_search_item, THR, SEARCH_ITEM, GObject)

/* KEY names the row for its page (a metric's id, a CAP's id); TEXT is
 * every word the row shows; MISSED says whether "missed only" keeps it. */
ThrSearchItem *thr_search_item_new        (const char    *key,
                                           const char    *text,
                                           gboolean       missed);
const char    *thr_search_item_get_key    (ThrSearchItem *self);
const char    *thr_search_item_get_text   (ThrSearchItem *self);
gboolean       thr_search_item_get_missed (ThrSearchItem *self);
gboolean       thr_search_item_update     (ThrSearchItem *self,
                                           const char    *text,
                                           gboolean       missed);

G_END_DECLS
