/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-kept.h — figures recomputed from records, kept in the store
 *
 * A record scan is the expensive part of evaluating a month: a large
 * state's month is millions of rows.  Its figure (the tallies behind a
 * recomputed value) is kept here, keyed by contract, metric, subject and
 * the span of days it covers, and read back instead of scanning again.
 * Everything cheap (the contractor's reported figures, the references,
 * the judging and its explanation, in the reader's language) is still
 * worked out each time, so a kept figure can only go stale through the
 * records, the calendar, the contract or "today":
 *
 *  - an import or an undo of tasks or calls forgets, in its own
 *    transaction, every figure whose reach (the record days its scan read)
 *    meets the days of the records it adds or takes away; so does a
 *    record replaced as a duplicate;
 *  - each figure carries its basis: what else decides it (the program's
 *    version, the contract's settings and its metric's definition, the
 *    business days its scan reads), worked out by the evaluator; a figure
 *    whose basis is not the one the evaluator expects is never read, and
 *    is replaced when the figure is kept again, so a closure or a changed
 *    metric leaves every other figure as it was;
 *  - a figure that depends on today (an open record is pending until its
 *    deadline; a record received, completed or offered after today has
 *    not happened yet) is kept with that day and read only on that day;
 *    once today is on or after every such event and deadline its records
 *    can have, it is kept with 0 and read on any day after them
 *    (thr_scan_job_today ()).
 *
 * A reader takes the generation before it scans and keeps what it scanned
 * only if no write forgot figures in between (thr_store_keep_figures).
 */
#pragma once

#include "thr-result.h"
#include "thr-store.h"

G_BEGIN_DECLS

typedef struct {
  const char *metric;
  const char *subject;      /* "" for the whole contract */
  guint32     first;        /* the days the figure covers */
  guint32     last;
  guint32     today;        /* the day it was judged on, or 0 when it does not depend on it */
  guint32     reach_first;  /* the record days its scan read */
  guint32     reach_last;
  const char *basis;
  ThrFigure   figure;
} ThrStoreKeptFigure;

typedef void (*ThrStoreKeptFunc) (const ThrStoreKeptFigure *kept,
                                  gpointer                  user_data);

/* The count of writes that forgot kept figures; read it before scanning. */
gboolean   thr_store_get_kept_generation (ThrStore                 *self,
                                          gint64                   *generation_out,
                                          GError                  **error);
/* Every figure kept for the contract whose last day is in [first, last],
 * whatever its basis.  Texts are borrowed for the length of the callback. */
gboolean   thr_store_each_kept_figure    (ThrStore                 *self,
                                          gint64                    contract_id,
                                          guint32                   first,
                                          guint32                   last,
                                          ThrStoreKeptFunc          func,
                                          gpointer                  user_data,
                                          GError                  **error);
/* Keeps @figures, each with its basis (replacing those of the same key),
 * when the generation is still @generation.  Keeping is an optimisation: a store that is busy,
 * read-only or inside another transaction keeps nothing and this returns
 * TRUE with *kept_out FALSE; FALSE for a store that cannot be read, and
 * for figures a team store's server refuses as sent (a fault to be shown,
 * thr_db_last_error_refused ()), nothing kept. */
gboolean   thr_store_keep_figures        (ThrStore                 *self,
                                          gint64                    contract_id,
                                          gint64                    generation,
                                          const ThrStoreKeptFigure *figures,
                                          guint                     n_figures,
                                          gboolean                 *kept_out,
                                          GError                  **error);
/* The first failure of a keep on this store (a refusal, as above) since
 * it was last taken, or NULL: for the front ends, which show the work of
 * functions that evaluate months themselves and return their figures all
 * the same (thr_ledger_compute_for_store, thr_cap_sync…).  Thread-safe. */
GError    *thr_store_take_keep_refusal   (ThrStore                 *self);
/* How many figures the store keeps for the contract (for tests and the
 * benchmarks). */
gint64     thr_store_count_kept_figures  (ThrStore                 *self,
                                          gint64                    contract_id);
/* Forgets every figure kept for the contract. */
gboolean   thr_store_forget_kept_figures (ThrStore                 *self,
                                          gint64                    contract_id,
                                          GError                  **error);

G_END_DECLS
