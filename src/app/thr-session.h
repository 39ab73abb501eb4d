/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-session.h — one open store as the window shows it
 *
 * Loading opens the store, finds its contract and evaluates the latest
 * month with reported data (and the one asked for), in a worker thread
 * with its own connection; from a store file it also brings every month
 * whose figures are all kept and, when that is every month, the
 * consequences (the ledger, the CAPs, the deadlines), which
 * thr_session_load_finish() hands over.  The other months are evaluated
 * afterwards by thr_session_evaluate_history_async(), on workers, each
 * announced by ::month-evaluated.  A loaded session is used from the main
 * thread only.
 */
#pragma once

#include <gio/gio.h>

#include "thr-core.h"

G_BEGIN_DECLS

#define THR_TYPE_SESSION (thr_session_get_type ())
G_DECLARE_FINAL_TYPE (ThrSession, thr_session, THR, SESSION, GObject)

/* As the today of a load: the real date, even for the demo store (whose
 * today is otherwise a day inside its data, thr_demo_today ()).  0 is the
 * real date for every other store. */
#define THR_SESSION_REAL_TODAY G_MAXUINT32

void          thr_session_load_async      (const char          *path,
                                           guint32              today,
                                           const char          *wanted_month,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* How far the check of a store's pages has gone (thr_store_open_checking),
 * from 0 to 1, with the load's user data, on the main context the load
 * was started from, and never after its callback. */
typedef void (*ThrSessionCheckFunc) (double   fraction,
                                     gpointer user_data);
/* Opens contract_id of the store, or its first contract when the store
 * has no such contract (or contract_id is 0); CHECK_PROGRESS may be NULL. */
void          thr_session_load_contract_async (const char      *path,
                                           gint64               contract_id,
                                           guint32              today,
                                           const char          *wanted_month,
                                           GCancellable        *cancellable,
                                           ThrSessionCheckFunc  check_progress,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
ThrSession   *thr_session_load_finish     (GAsyncResult        *result,
                                           GError             **error);

const char   *thr_session_get_path        (ThrSession          *self);
ThrStore     *thr_session_get_store       (ThrSession          *self);
/* The store's data version, imports stamp and content stamp
 * (thr_store_get_data_version() and the others) as the load read them
 * before anything else: a change committed while it loaded is newer. */
void          thr_session_get_opening_stamps (ThrSession        *self,
                                              gint64            *data_version,
                                              const char       **imports_stamp,
                                              const char       **content_stamp);
/* 0 when the store holds no contract yet. */
gint64        thr_session_get_contract_id (ThrSession          *self);
ThrContract  *thr_session_get_contract    (ThrSession          *self);
const char   *thr_session_get_contract_name (ThrSession        *self);
/* Of ThrStoreContract*: every contract of the store, the shown one among
 * them; NULL if the store could not be read. */
GPtrArray    *thr_session_get_contracts   (ThrSession          *self);

/* Months from the first to the latest with reported data; empty when
 * nothing was imported. */
guint         thr_session_get_n_months    (ThrSession          *self);
const char   *thr_session_get_month       (ThrSession          *self,
                                           guint                index);
int           thr_session_find_month      (ThrSession          *self,
                                           const char          *label);
gboolean      thr_session_is_evaluated    (ThrSession          *self,
                                           guint                month);
/* Whether every month is evaluated. */
gboolean      thr_session_is_complete     (ThrSession          *self);
void          thr_session_evaluate_history_async  (ThrSession          *self,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean      thr_session_evaluate_history_finish (ThrSession          *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* Stops the history's evaluation. */
void          thr_session_cancel          (ThrSession          *self);
guint         thr_session_count_alive     (void);
/* The whole-contract result of a metric in a month (for per-subject
 * metrics the worst subject's), or NULL (also while the month is not
 * evaluated yet). */
const ThrResult *thr_session_get_result   (ThrSession          *self,
                                           guint                month,
                                           const char          *metric_id);
/* The explanation of thr_session_get_result (), written the first time a
 * page asks for it (the session's months are judged without them), or
 * NULL as that result is. */
const char   *thr_session_explain         (ThrSession          *self,
                                           guint                month,
                                           const char          *metric_id);
void          thr_session_count           (ThrSession          *self,
                                           guint                month,
                                           guint                counts[4]);

/* The drill-down behind a "within N days" metric's recomputed figure:
 * ThrMissedRecord*s, read on the calling (main) thread. */
GPtrArray    *thr_session_list_missed     (ThrSession          *self,
                                           guint                month,
                                           const char          *metric_id,
                                           GError             **error);

/* ---- consequences (D2 ¶1–4) ----
 *
 * The ledger is computed, the CAPs opened (thr_cap_sync) and listed and
 * the deadlines collected in a worker thread with its own connection,
 * from the months the session has evaluated when it starts (others are
 * evaluated there); the main thread takes them, emits
 * ::consequences-changed and then notifies ledger-serial.  Until then the
 * getters return NULL.
 * The history's evaluation does the same right after its last month and
 * hands the consequences over with it, in the same main-loop turn (one
 * frame); thr_session_has_consequences() says when it could not.
 * Either finish fails with a keep the store refused (thr-store-kept.h)
 * once what it evaluated is taken all the same.
 */
void          thr_session_load_consequences_async  (ThrSession          *self,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean      thr_session_load_consequences_finish (ThrSession          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
gboolean      thr_session_has_consequences (ThrSession         *self);
ThrLedger    *thr_session_get_ledger      (ThrSession          *self);
/* Grows each time a new ledger is computed. */
guint         thr_session_get_ledger_serial (ThrSession        *self);
/* Of ThrCap*, each with its failure from the ledger. */
GPtrArray    *thr_session_get_caps        (ThrSession          *self);
const ThrCap *thr_session_find_cap        (ThrSession          *self,
                                           const char          *metric_id,
                                           const char          *failure_month);
const ThrCap *thr_session_get_cap_by_id   (ThrSession          *self,
                                           gint64               cap_id);
/* Of ThrDeadlineItem*, judged against thr_session_get_today(). */
GPtrArray    *thr_session_get_deadlines   (ThrSession          *self);
guint32       thr_session_get_today       (ThrSession          *self);
/* The demo store's day inside its data when it is judged on it, else 0. */
guint32       thr_session_get_demo_today  (ThrSession          *self);
/* Lists the CAPs and deadlines again from the store, after an edit;
 * emits ::consequences-changed. */
gboolean      thr_session_reload_caps     (ThrSession          *self,
                                           GError             **error);

/* For tests and benchmarks: how many times the session evaluated a month
 * (loading and the history), how many of the history's workers evaluated
 * at least one month, and how many months the consequences' worker had
 * to evaluate itself because the session had not. */
guint         thr_session_get_n_evaluations (ThrSession        *self,
                                           guint                month);
guint         thr_session_get_n_history_workers (ThrSession    *self);
/* For tests and benchmarks: how many workers every session's history runs
 * from now on (0: one per processor, the default).  Any thread. */
void          thr_session_set_history_workers (guint              n_workers);
guint         thr_session_get_n_ledger_evaluations (ThrSession *self);

G_END_DECLS
