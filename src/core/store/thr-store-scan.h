/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-scan.h — what the evaluation reads from the store
 *
 * The queries that feed the evaluator, grouped here so that a later
 * backend, or results kept in the store, reuse them:
 *
 *  - the raw records of one range, streamed row by row to a callback
 *    (a month of a million tasks is never held in memory);
 *  - the figures the contractor reported for a period, later imports
 *    after earlier ones, so a reader that keeps the last one takes the
 *    corrected report;
 *  - the reference values (Quarterly Statewide Averages, ranges) of a
 *    quarter, or of the latest quarter published up to it.
 *
 * Rows carry the record fields of thr-record.h; nothing from a contract
 * file ever becomes a query: filters are applied by the caller on the row.
 */
#pragma once

#include <gio/gio.h>

#include "thr-record.h"
#include "thr-store.h"

G_BEGIN_DECLS

/* One record.  Texts are borrowed from the store for the length of the
 * callback; a numeric field without a value has has_number FALSE.  Calls
 * have number[THR_FIELD_OFFERED_AT] the local day they were offered and
 * text[THR_FIELD_OUTCOME] "answered", "abandoned" or "flowout". */
typedef struct {
  const char *text[THR_N_FIELDS];
  double      number[THR_N_FIELDS];
  gboolean    has_number[THR_N_FIELDS];
} ThrStoreRow;

typedef void (*ThrStoreRowFunc) (const ThrStoreRow *row,
                                 gpointer           user_data);

/* The tasks of a contract whose @range_field (THR_FIELD_RECEIVED,
 * _COMPLETED or _DUE) falls in [first, last], of @type or of every type
 * when it is NULL.  Stops early, with G_IO_ERROR_CANCELLED, when
 * @cancellable is cancelled. */
gboolean   thr_store_scan_tasks      (ThrStore          *self,
                                      gint64             contract_id,
                                      const char        *type,
                                      ThrRecordField     range_field,
                                      guint32            first,
                                      guint32            last,
                                      ThrStoreRowFunc    func,
                                      gpointer           user_data,
                                      GCancellable      *cancellable,
                                      GError           **error);
/* One range of thr_store_scan_ranges_around (). */
typedef struct {
  const char     *type;          /* NULL: every type */
  ThrRecordField  range_field;
  guint32         first;
  guint32         last;
} ThrStoreTaskRange;

/* The tasks of every range of @ranges, less those with an id in
 * [@skip_first_id, @skip_last_id], each once and in the order of their
 * ids (a task in two ranges is handed once): the ranges' ids are taken
 * from their indexes, then the records read in the table's order. */
gboolean   thr_store_scan_ranges_around (ThrStore                *self,
                                         gint64                   contract_id,
                                         const ThrStoreTaskRange *ranges,
                                         guint                    n_ranges,
                                         gint64                   skip_first_id,
                                         gint64                   skip_last_id,
                                         ThrStoreRowFunc          func,
                                         gpointer                 user_data,
                                         GCancellable            *cancellable,
                                         GError                 **error);
/* How many tasks thr_store_scan_tasks () would hand over for the same
 * arguments, counted in the index alone (no record is read): with
 * thr_store_estimate_tasks (), what decides between range scans and one
 * pass in record order. */
gboolean   thr_store_count_tasks     (ThrStore          *self,
                                      gint64             contract_id,
                                      const char        *type,
                                      ThrRecordField     range_field,
                                      guint32            first,
                                      guint32            last,
                                      gint64            *n_tasks,
                                      GError           **error);
/* At least as many as the tasks the store holds, of every contract (the
 * span of their ids, read from the two ends of the table): what one pass
 * over the table reads.  FALSE, with no error, on a team store, whose
 * server chooses its own plans and is never asked for a pass. */
gboolean   thr_store_estimate_tasks  (ThrStore          *self,
                                      gint64            *n_tasks,
                                      GError           **error);
/* Whether a range scan hands its rows in its index's order whatever the
 * range: a store file's scans do (the plan is the index's, chosen without
 * the range's bounds), so a scan over many months gives each month's rows
 * in the order that month's own scan would.  A team store's server plans
 * each query anew and promises no order. */
gboolean   thr_store_scan_keeps_index_order (ThrStore *self);
/* Every task of a contract, in the order the table holds them, read in
 * one sequential pass (a store file only: see above). */
gboolean   thr_store_scan_all_tasks  (ThrStore          *self,
                                      gint64             contract_id,
                                      ThrStoreRowFunc    func,
                                      gpointer           user_data,
                                      GCancellable      *cancellable,
                                      GError           **error);
/* The tasks of a contract whose id lies in [first_id, last_id], in the
 * order the table holds them, read in one sequential pass (a store file
 * only): a part of the pass above. */
gboolean   thr_store_scan_task_ids   (ThrStore          *self,
                                      gint64             contract_id,
                                      gint64             first_id,
                                      gint64             last_id,
                                      ThrStoreRowFunc    func,
                                      gpointer           user_data,
                                      GCancellable      *cancellable,
                                      GError           **error);
/* For each day d of [first, last], the smallest and the largest id of the
 * tasks of @type whose @range_field is d, in min_ids[d - first] and
 * max_ids[d - first] (0 and 0 when there is none): two steps into the
 * index per day, no record read.  What tells a pass in the table's order
 * where a range's rows begin and end (a store file only). */
gboolean   thr_store_task_ids_by_day (ThrStore          *self,
                                      gint64             contract_id,
                                      const char        *type,
                                      ThrRecordField     range_field,
                                      guint32            first,
                                      guint32            last,
                                      gint64            *min_ids,
                                      gint64            *max_ids,
                                      GError           **error);
/* The task types a contract's tasks have, each found by one step into
 * the index (a store file only). */
GStrv      thr_store_list_task_types (ThrStore          *self,
                                      gint64             contract_id,
                                      GError           **error);
/* The first and last day of a contract's records: the days its calls
 * were offered and its tasks received (0 and 0 for none).  Not the
 * completions: a month's tasks done in the next month do not make that
 * month one with data. */
gboolean   thr_store_records_day_span (ThrStore         *self,
                                       gint64            contract_id,
                                       guint32          *first,
                                       guint32          *last,
                                       GError          **error);
/* The last day of an event of a contract's records: the days its calls
 * were offered and its tasks received, and with @completions the days
 * its tasks were completed (0 for none).  Index ends only. */
gboolean   thr_store_records_last_event (ThrStore       *self,
                                         gint64          contract_id,
                                         gboolean        completions,
                                         guint32        *last,
                                         GError        **error);
/* The calls of a contract offered on a day in [first, last]. */
gboolean   thr_store_scan_calls      (ThrStore          *self,
                                      gint64             contract_id,
                                      guint32            first,
                                      guint32            last,
                                      ThrStoreRowFunc    func,
                                      gpointer           user_data,
                                      GCancellable      *cancellable,
                                      GError           **error);

/* One figure as the contractor reported it.  Subject and queue are ""
 * for a contract-wide figure. */
typedef struct {
  const char *metric;
  const char *subject;
  const char *queue;
  gboolean    has_value;
  double      value;
  gboolean    has_ratio;      /* numerator and denominator given */
  double      numerator;
  double      denominator;
} ThrStoreReported;

typedef void (*ThrStoreReportedFunc) (const ThrStoreReported *reported,
                                      gpointer                user_data);

/* Every figure reported for @period (a label: 2018-04, 2018-Q2, 2018,
 * 2018-04-01), oldest import first. */
gboolean   thr_store_each_reported   (ThrStore              *self,
                                      gint64                 contract_id,
                                      const char            *period,
                                      ThrStoreReportedFunc   func,
                                      gpointer               user_data,
                                      GError               **error);

/* The reference value @key published for @quarter (YYYY-Qn), or with
 * @latest the one of the latest quarter published up to it; a value of
 * the queue's own, then of the subject's own, wins over the statewide
 * one, and a later import over an earlier.  FALSE when there is none
 * (and @error set only when the store could not be read). */
gboolean   thr_store_find_reference  (ThrStore          *self,
                                      gint64             contract_id,
                                      const char        *key,
                                      const char        *subject,
                                      const char        *queue,
                                      const char        *quarter,
                                      gboolean           latest,
                                      double            *value_out,
                                      char             **period_out,
                                      GError           **error);

G_END_DECLS
