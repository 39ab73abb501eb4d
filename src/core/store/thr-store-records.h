/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-records.h — what an import writes to the store
 *
 * An import is one transaction (thr_store_begin … thr_store_commit) in
 * which a ThrStoreInserter streams its rows: one statement prepared once
 * per import, each row's values set by parameter number and inserted, so
 * a million-row file costs one parse of the statement and no copy of the
 * cells the reader still holds.  The import's own row (ThrStoreImportRow)
 * is created first and finished last, with what the file turned out to be.
 */
#pragma once

#include "thr-store.h"

G_BEGIN_DECLS

/* The record tables, and the parameters of each one's insert.  Every
 * kind takes 1 = import id and 2 = the row of the file. */
typedef enum {
  /* 3 metric, 4 period, 5 value, 6 numerator, 7 denominator, 8 subject, 9 queue */
  THR_STORE_RECORDS_REPORTED,
  /* 3 month, 4 component, 5 amount in cents */
  THR_STORE_RECORDS_INVOICES,
  /* 3 contract id, 4 task id, 5 type, 6 received day, 7 received second
   * of the day, 8 completed day, 9 its second, 10 due day, (11 unused: a
   * due date has no time), 12 program, 13 category, 14 status,
   * 15 worker, 16 team, 17 score, 18 amount */
  THR_STORE_RECORDS_TASKS,
  /* 3 contract id, 4 call id, 5 queue, 6 offered day, 7 its second,
   * 8 wait seconds, 9 outcome (0 answered, 1 abandoned, 2 flow-out),
   * 10 handle seconds, 11 agent, 12 team */
  THR_STORE_RECORDS_CALLS,
  /* 3 key, 4 period, 5 value, 6 subject, 7 queue */
  THR_STORE_RECORDS_REFERENCES,
} ThrStoreRecords;

/* Owned by the store: valid until the store is finalized. */
typedef struct _ThrStoreInserter ThrStoreInserter;

ThrStoreInserter *thr_store_get_inserter        (ThrStore          *self,
                                                 ThrStoreRecords    records,
                                                 GError           **error);
void              thr_store_inserter_set_null   (ThrStoreInserter  *inserter,
                                                 int                param);
void              thr_store_inserter_set_int    (ThrStoreInserter  *inserter,
                                                 int                param,
                                                 gint64             value);
void              thr_store_inserter_set_double (ThrStoreInserter  *inserter,
                                                 int                param,
                                                 double             value);
/* @text must stay valid until the row is inserted (the reader's buffer
 * does); NULL sets the parameter to null. */
void              thr_store_inserter_set_text   (ThrStoreInserter  *inserter,
                                                 int                param,
                                                 const char        *text);
/* The same for a text about to be freed: the store copies it. */
void              thr_store_inserter_set_text_copy (ThrStoreInserter *inserter,
                                                 int                param,
                                                 const char        *text);
/* Inserts the row; *rowid_out is the record's id, which grows with every
 * row, so an import's records are the ids from its first to its last. */
gboolean          thr_store_inserter_insert     (ThrStore          *self,
                                                 ThrStoreInserter  *inserter,
                                                 gint64            *rowid_out,
                                                 GError           **error);

/* The import's own row. */
gboolean   thr_store_insert_import      (ThrStore    *self,
                                         gint64       contract_id,
                                         const char  *kind,
                                         const char  *file_name,
                                         const char  *imported_at,
                                         const char  *profile,
                                         const char  *source_format,
                                         gint64      *id_out,
                                         GError     **error);
/* @notes NULL for none; first_record 0 when nothing was added. */
gboolean   thr_store_finish_import      (ThrStore    *self,
                                         gint64       import_id,
                                         const char  *sha256,
                                         guint        n_rows,
                                         const char  *notes,
                                         const char  *source_format,
                                         gint64       first_record,
                                         gint64       last_record,
                                         GError     **error);
/* Another import of the contract with this SHA-256: TRUE and its id, file
 * name and time when there is one. */
gboolean   thr_store_find_import_by_sha256 (ThrStore    *self,
                                         gint64       contract_id,
                                         const char  *sha256,
                                         gint64       except_id,
                                         gint64      *id_out,
                                         char       **file_name_out,
                                         char       **imported_at_out);
/* How many figures of @import_id an earlier import of the contract had
 * reported for the same metric, subject and period. */
gboolean   thr_store_count_replaced     (ThrStore    *self,
                                         gint64       contract_id,
                                         gint64       import_id,
                                         guint       *n_out,
                                         GError     **error);
/* The store's key for hashing personal data; @fresh becomes it when the
 * store has none yet.  Inside the import's transaction. */
char      *thr_store_get_hash_key       (ThrStore    *self,
                                         const char  *fresh,
                                         GError     **error);
/* The connection's page cache, in KiB: an import needs little, the
 * evaluation much. */
void       thr_store_set_cache_size     (ThrStore    *self,
                                         guint        kib);

/* Raw records (tasks or calls) by id, for the duplicate check. */
typedef enum {
  THR_STORE_RECORD_TASK,
  THR_STORE_RECORD_CALL,
} ThrStoreRecordKind;

/* The source id (task_id, call_id) and file row of record @rowid. */
gboolean   thr_store_read_record_id     (ThrStore            *self,
                                         ThrStoreRecordKind   kind,
                                         gint64               rowid,
                                         char               **id_out,
                                         guint               *row_out,
                                         GError             **error);

typedef struct {
  gint64      rowid;
  const char *id;          /* borrowed for the callback */
  gint64      import_id;
  guint       row;
} ThrStoreEarlierRecord;

typedef void (*ThrStoreEarlierFunc) (const ThrStoreEarlierRecord *record,
                                     gpointer                     user_data);

/* The records of the contract imported before @first_record whose
 * received (tasks: of a type among the records first_record…last_record)
 * or offered day falls in [first_day, last_day]. */
gboolean   thr_store_each_earlier_record (ThrStore            *self,
                                         ThrStoreRecordKind   kind,
                                         gint64               contract_id,
                                         guint32              first_day,
                                         guint32              last_day,
                                         gint64               first_record,
                                         gint64               last_record,
                                         ThrStoreEarlierFunc  func,
                                         gpointer             user_data,
                                         GError             **error);
/* Deletes a record and counts one row fewer on the import that brought it. */
gboolean   thr_store_delete_record      (ThrStore            *self,
                                         ThrStoreRecordKind   kind,
                                         gint64               rowid,
                                         gint64               import_id,
                                         GError             **error);

G_END_DECLS
