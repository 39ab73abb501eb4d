/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-published.h — what the store remembers of the calendars it exported
 *
 * A calendar client merges an imported .ics by UID: events of two stores
 * must never share one, so every UID carries the store's own random id,
 * made once and kept in the store.  The client replaces its copy of an
 * event only when SEQUENCE grew (RFC 5545 §3.8.7.4), so the store keeps
 * the day it last published for each deadline and counts its moves.
 */
#pragma once

#include "thr-store.h"

G_BEGIN_DECLS

typedef struct {
  const char *key;        /* the deadline's stable key: "cap/3/due" */
  guint32     day;        /* the day it falls on now */
  guint       sequence;   /* out: 0 when first published, +1 per move */
} ThrStorePublished;

/* The store's id: a random UUID ("1e6e95b2-…"), made on the first call
 * and the same ever after (a copy of the file keeps it). */
char         *thr_store_get_store_id     (ThrStore           *self,
                                          GError            **error);
/* Records @items as published for @contract_id, in one transaction, and
 * fills in each one's sequence: unchanged while its day stays, one more
 * each time the day moves.  Nothing is written on failure. */
gboolean      thr_store_record_published (ThrStore           *self,
                                          gint64              contract_id,
                                          ThrStorePublished  *items,
                                          guint               n_items,
                                          GError            **error);

G_END_DECLS
