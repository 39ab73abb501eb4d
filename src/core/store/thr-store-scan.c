/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-scan.c — what the evaluation reads from the store
 *
 * Each range is one prepared statement over an index of the record table
 * ((contract, type, day) for tasks, (contract, day) for calls), stepped
 * row by row; the statement texts are fixed, chosen by the caller's
 * field, never built from a contract file.
 */
#define G_LOG_DOMAIN "thr-store"

#include "thr-store-scan.h"
#include "thr-store-sql-private.h"

/* Rows are checked for cancellation this often. */
#define CANCEL_CHECK_MASK 0xffff

/* ---- records ---- */

#define TASK_COLUMNS \
  "type, received_day, completed_day, due_day, program, category, status, worker, team, score, amount, task_id"

/* The ranges, each over one index: (contract, type, day) for each day. */
#define BY_DUE_OF_TYPE " FROM tasks WHERE contract_id = ?1 AND type = ?2 AND due_day BETWEEN ?3 AND ?4"
#define BY_DUE " FROM tasks WHERE contract_id = ?1 AND due_day BETWEEN ?3 AND ?4"
#define BY_COMPLETED_OF_TYPE " FROM tasks WHERE contract_id = ?1 AND type = ?2 AND completed_day BETWEEN ?3 AND ?4"
#define BY_COMPLETED " FROM tasks WHERE contract_id = ?1 AND completed_day BETWEEN ?3 AND ?4"
#define BY_RECEIVED_OF_TYPE " FROM tasks WHERE contract_id = ?1 AND type = ?2 AND received_day BETWEEN ?3 AND ?4"
#define BY_RECEIVED " FROM tasks WHERE contract_id = ?1 AND received_day BETWEEN ?3 AND ?4"

/* The rows of a range, or with @count their number. */
static const char *
task_scan_sql (ThrRecordField  range_field,
               gboolean        by_type,
               gboolean        count)
{
#define PICK(where_of_type, where) \
  (by_type ? (count ? "SELECT count(*)" where_of_type : "SELECT " TASK_COLUMNS where_of_type) \
           : (count ? "SELECT count(*)" where : "SELECT " TASK_COLUMNS where))
  switch ((int) range_field)
    {
    case THR_FIELD_DUE:
      return PICK (BY_DUE_OF_TYPE, BY_DUE);
    case THR_FIELD_COMPLETED:
      return PICK (BY_COMPLETED_OF_TYPE, BY_COMPLETED);
    case THR_FIELD_RECEIVED:
    default:
      return PICK (BY_RECEIVED_OF_TYPE, BY_RECEIVED);
    }
#undef PICK
}

static inline void
read_text (ThrDbStmt      *stmt,
           int             col,
           ThrStoreRow    *row,
           ThrRecordField  field)
{
  row->text[field] = thr_db_stmt_column_text (stmt, col);
}

static inline void
read_number (ThrDbStmt      *stmt,
             int             col,
             ThrStoreRow    *row,
             ThrRecordField  field)
{
  row->has_number[field] = !thr_db_stmt_column_is_null (stmt, col);
  row->number[field] = row->has_number[field] ? thr_db_stmt_column_double (stmt, col) : 0;
}

static void
read_task_row (ThrDbStmt    *stmt,
               ThrStoreRow  *row)
{
  read_text (stmt, 0, row, THR_FIELD_TYPE);
  read_number (stmt, 1, row, THR_FIELD_RECEIVED);
  read_number (stmt, 2, row, THR_FIELD_COMPLETED);
  read_number (stmt, 3, row, THR_FIELD_DUE);
  read_text (stmt, 4, row, THR_FIELD_PROGRAM);
  read_text (stmt, 5, row, THR_FIELD_CATEGORY);
  read_text (stmt, 6, row, THR_FIELD_STATUS);
  read_text (stmt, 7, row, THR_FIELD_WORKER);
  read_text (stmt, 8, row, THR_FIELD_TEAM);
  read_number (stmt, 9, row, THR_FIELD_SCORE);
  read_number (stmt, 10, row, THR_FIELD_AMOUNT);
  read_text (stmt, 11, row, THR_FIELD_TASK_ID);
}

static void
read_call_row (ThrDbStmt    *stmt,
               ThrStoreRow  *row)
{
  /* The store keeps the outcome as a small integer (schema 4). */
  static const char *outcomes[] = { "answered", "abandoned", "flowout" };
  int outcome = thr_db_stmt_column_int (stmt, 2);

  read_number (stmt, 0, row, THR_FIELD_OFFERED_AT);
  read_number (stmt, 1, row, THR_FIELD_WAIT_SECONDS);
  row->text[THR_FIELD_OUTCOME] = outcomes[CLAMP (outcome, 0, 2)];
  read_text (stmt, 3, row, THR_FIELD_QUEUE);
  read_number (stmt, 4, row, THR_FIELD_HANDLE_SECONDS);
  read_text (stmt, 5, row, THR_FIELD_AGENT);
  read_text (stmt, 6, row, THR_FIELD_CALL_TEAM);
  read_text (stmt, 7, row, THR_FIELD_CALL_ID);
}

/* Binds a range's parameters: ?1 the contract, ?2 the task type when
 * there is one, and the days at ?@at and the one after it. */
static void
bind_range (ThrDbStmt   *stmt,
            gint64       contract_id,
            const char  *type,
            int          at,
            guint32      first,
            guint32      last)
{
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  if (type != NULL)
    thr_db_stmt_bind_text (stmt, 2, type);
  thr_db_stmt_bind_int64 (stmt, at, first);
  thr_db_stmt_bind_int64 (stmt, at + 1, last);
}

/* Steps @stmt to its end, handing each row to @func. */
static gboolean
stream_rows (ThrStore         *self,
             ThrDbStmt        *stmt,
             void            (*read_row) (ThrDbStmt *, ThrStoreRow *),
             ThrStoreRowFunc   func,
             gpointer          user_data,
             GCancellable     *cancellable,
             GError          **error)
{
  ThrStoreRow row = { { 0 } };
  guint n = 0;
  ThrDbStep rc;

  while ((rc = thr_db_stmt_step (stmt, NULL)) == THR_DB_ROW)
    {
      read_row (stmt, &row);
      func (&row, user_data);
      if ((++n & CANCEL_CHECK_MASK) == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }
  thr_db_stmt_reset (stmt);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (rc != THR_DB_DONE && rc != THR_DB_ROW)
    return thr_store_set_error (self, error);
  return TRUE;
}

/* The connection's page cache size, as PRAGMA cache_size gives it (0 when
 * it cannot be read: then the default is set back). */
static gint64
read_cache_size (ThrStore *self)
{
  ThrDbStmt *stmt = thr_store_statement (self, "PRAGMA cache_size", NULL);
  gint64 size = 0;

  if (stmt == NULL)
    return 0;
  if (thr_db_stmt_step (stmt, NULL) == THR_DB_ROW)
    size = thr_db_stmt_column_int64 (stmt, 0);
  thr_db_stmt_reset (stmt);
  return size;
}

static void
set_cache_size (ThrStore *self,
                gint64    size)
{
  g_autofree char *sql = size != 0 ? g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, size)
                                   : g_strdup ("PRAGMA cache_size = -2000");

  thr_db_exec (thr_store_get_connection (self), sql, NULL);
}

/* A scan reads each page about once: a pass over the table in its order,
 * and a range, whose index gives each day's rows in the order of their
 * ids, which is the table's (a range by due day, whose days interleave
 * the received days the rows were written in, comes back to a page now
 * and then).  So it runs in a small page cache: the connection's own
 * (thr-store.c, 64 MB) would be allocated page by page, each page
 * faulted in and zeroed by the kernel, to be filled once (a tenth of the
 * pass's processor time on a month of a million tasks).  Month 37 of
 * the 36-month store reads 280,000 rows of earlier months through their
 * indexes (the look-back clauses), spread over pages that nothing else
 * reads, and in the connection's cache that cost about 0.3 s more
 * processor time, a fifth of its evaluation.  The connection's size is
 * set back after it.  A team store's server has its own cache. */
static gboolean
stream_in_small_cache (ThrStore         *self,
                       ThrDbStmt        *stmt,
                       void            (*read_row) (ThrDbStmt *, ThrStoreRow *),
                       ThrStoreRowFunc   func,
                       gpointer          user_data,
                       GCancellable     *cancellable,
                       GError          **error)
{
  gint64 cache_size;
  gboolean ok;

  if (thr_db_is_postgresql (thr_store_get_connection (self)))
    return stream_rows (self, stmt, read_row, func, user_data, cancellable, error);
  cache_size = read_cache_size (self);
  if (!thr_db_exec (thr_store_get_connection (self), "PRAGMA cache_size = -2048", error))
    {
      thr_db_stmt_reset (stmt);
      return FALSE;
    }
  ok = stream_rows (self, stmt, read_row, func, user_data, cancellable, error);
  set_cache_size (self, cache_size);
  return ok;
}

/* The rows of a range scan's @sql, each handed to @func. */
static gboolean
stream_range (ThrStore         *self,
              const char       *sql,
              gint64            contract_id,
              const char       *type,
              int               at,
              guint32           first,
              guint32           last,
              void            (*read_row) (ThrDbStmt *, ThrStoreRow *),
              ThrStoreRowFunc   func,
              gpointer          user_data,
              GCancellable     *cancellable,
              GError          **error)
{
  ThrDbStmt *stmt = thr_db_prepare_streamed (thr_store_get_connection (self), sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_range (stmt, contract_id, type, at, first, last);
  return stream_in_small_cache (self, stmt, read_row, func, user_data, cancellable, error);
}

gboolean
thr_store_scan_tasks (ThrStore         *self,
                      gint64            contract_id,
                      const char       *type,
                      ThrRecordField    range_field,
                      guint32           first,
                      guint32           last,
                      ThrStoreRowFunc   func,
                      gpointer          user_data,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return stream_range (self, task_scan_sql (range_field, type != NULL, FALSE), contract_id, type, 3, first, last,
                       read_task_row, func, user_data, cancellable, error);
}

/* The ids of one range less the skipped ones, from its index alone:
 * ?1 the contract, ?2 and ?3 the ids skipped, ?@at the type and the
 * range's days after it. */
static void
append_range_ids (GString                 *sql,
                  const ThrStoreTaskRange *range,
                  int                      at)
{
  const char *column = range->range_field == THR_FIELD_DUE ? "due_day"
                       : range->range_field == THR_FIELD_COMPLETED ? "completed_day" : "received_day";

  g_string_append (sql, "SELECT id FROM tasks WHERE contract_id = ?1");
  if (range->type != NULL)
    g_string_append_printf (sql, " AND type = ?%d", at);
  g_string_append_printf (sql, " AND %s BETWEEN ?%d AND ?%d AND (id < ?2 OR id > ?3)", column, at + 1, at + 2);
}

gboolean
thr_store_scan_ranges_around (ThrStore                *self,
                              gint64                   contract_id,
                              const ThrStoreTaskRange *ranges,
                              guint                    n_ranges,
                              gint64                   skip_first_id,
                              gint64                   skip_last_id,
                              ThrStoreRowFunc          func,
                              gpointer                 user_data,
                              GCancellable            *cancellable,
                              GError                 **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " TASK_COLUMNS " FROM tasks WHERE id IN (");
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (n_ranges == 0)
    return TRUE;
  /* Month N+1's look-back ranges lie among the same earlier months' rows
   * (the Medicaid applications of November, the redeterminations due at
   * December's end, the vacancies), a row or two of each on a page: read
   * range by range, each fetched those pages again, and SQLite reads the
   * records of a list of ids in their order, each page once.  The
   * statement's text is this file's own, its parts chosen by each range's
   * column. */
  for (guint i = 0; i < n_ranges; i++)
    {
      if (i > 0)
        g_string_append (sql, " UNION ALL ");
      append_range_ids (sql, &ranges[i], 4 + 3 * (int) i);
    }
  g_string_append_c (sql, ')');
  stmt = thr_db_prepare_streamed (thr_store_get_connection (self), sql->str, error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  thr_db_stmt_bind_int64 (stmt, 2, skip_first_id);
  thr_db_stmt_bind_int64 (stmt, 3, skip_last_id);
  for (guint i = 0; i < n_ranges; i++)
    {
      int at = 4 + 3 * (int) i;

      if (ranges[i].type != NULL)
        thr_db_stmt_bind_text (stmt, at, ranges[i].type);
      thr_db_stmt_bind_int64 (stmt, at + 1, ranges[i].first);
      thr_db_stmt_bind_int64 (stmt, at + 2, ranges[i].last);
    }
  return stream_in_small_cache (self, stmt, read_task_row, func, user_data, cancellable, error);
}

gboolean
thr_store_count_tasks (ThrStore        *self,
                       gint64           contract_id,
                       const char      *type,
                       ThrRecordField   range_field,
                       guint32          first,
                       guint32          last,
                       gint64          *n_tasks,
                       GError         **error)
{
  gboolean in_small_cache = !thr_db_is_postgresql (thr_store_get_connection (self));
  gint64 cache_size = 0;
  ThrDbStmt *stmt;
  ThrDbStep rc;
  gboolean ok = TRUE;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_tasks != NULL, FALSE);

  /* The scan's own condition, so that it is counted through the index
   * the scan ranges over, which holds every column it names. */
  stmt = thr_store_statement (self, task_scan_sql (range_field, type != NULL, TRUE), error);
  if (stmt == NULL)
    return FALSE;
  bind_range (stmt, contract_id, type, 3, first, last);
  /* A count reads its range's index entries once, as a range reads its
   * rows (stream_in_small_cache ()): month 37 of the 36-month store
   * counts 21 ranges, 1,150,000 entries, to choose its plan (month 2
   * two, 514,000, before it knows to read the whole table), and in the
   * connection's cache each of their pages was allocated, faulted in
   * and zeroed to be read once. */
  if (in_small_cache)
    {
      cache_size = read_cache_size (self);
      in_small_cache = thr_db_exec (thr_store_get_connection (self), "PRAGMA cache_size = -2048", NULL);
    }
  rc = thr_db_stmt_step (stmt, NULL);
  *n_tasks = rc == THR_DB_ROW ? thr_db_stmt_column_int64 (stmt, 0) : 0;
  if (rc != THR_DB_ROW)
    ok = thr_store_set_error (self, error);
  thr_db_stmt_reset (stmt);
  if (in_small_cache)
    set_cache_size (self, cache_size);
  return ok;
}

gboolean
thr_store_estimate_tasks (ThrStore  *self,
                          gint64    *n_tasks,
                          GError   **error)
{
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_tasks != NULL, FALSE);

  *n_tasks = 0;
  if (thr_db_is_postgresql (thr_store_get_connection (self)))
    return FALSE;
  /* Each of min and max alone is one step to an end of the rowid tree. */
  stmt = thr_store_statement (self, "SELECT coalesce ((SELECT max(id) FROM tasks) - (SELECT min(id) FROM tasks) + 1, 0)",
                              error);
  if (stmt == NULL)
    return FALSE;
  rc = thr_db_stmt_step (stmt, NULL);
  *n_tasks = rc == THR_DB_ROW ? thr_db_stmt_column_int64 (stmt, 0) : 0;
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_ROW)
    return thr_store_set_error (self, error);
  return TRUE;
}

gboolean
thr_store_scan_keeps_index_order (ThrStore *self)
{
  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  return !thr_db_is_postgresql (thr_store_get_connection (self));
}

gboolean
thr_store_scan_all_tasks (ThrStore         *self,
                          gint64            contract_id,
                          ThrStoreRowFunc   func,
                          gpointer          user_data,
                          GCancellable     *cancellable,
                          GError          **error)
{
  return thr_store_scan_task_ids (self, contract_id, G_MININT64, G_MAXINT64, func, user_data, cancellable, error);
}

gboolean
thr_store_scan_task_ids (ThrStore         *self,
                         gint64            contract_id,
                         gint64            first_id,
                         gint64            last_id,
                         ThrStoreRowFunc   func,
                         gpointer          user_data,
                         GCancellable     *cancellable,
                         GError          **error)
{
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (!thr_db_is_postgresql (thr_store_get_connection (self)), FALSE);

  /* NOT INDEXED: the contract's index entries lead to the same rows one
   * lookup at a time; the table read in order holds them page by page.
   * The ids bound the rows through the table's own key. */
  stmt = thr_db_prepare_streamed (thr_store_get_connection (self),
                                  "SELECT " TASK_COLUMNS " FROM tasks NOT INDEXED"
                                  " WHERE contract_id = ?1 AND id BETWEEN ?2 AND ?3", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  thr_db_stmt_bind_int64 (stmt, 2, first_id);
  thr_db_stmt_bind_int64 (stmt, 3, last_id);
  return stream_in_small_cache (self, stmt, read_task_row, func, user_data, cancellable, error);
}

/* Both ends of one day's run in the (contract, type, day) index: the
 * index orders a day's entries by id, so each is one step in. */
#define IDS_OF_DAY(column) \
  "SELECT (SELECT id FROM tasks WHERE contract_id = ?1 AND type = ?2 AND " column " = ?3 ORDER BY id LIMIT 1)," \
  " (SELECT id FROM tasks WHERE contract_id = ?1 AND type = ?2 AND " column " = ?3 ORDER BY id DESC LIMIT 1)"

gboolean
thr_store_task_ids_by_day (ThrStore        *self,
                           gint64           contract_id,
                           const char      *type,
                           ThrRecordField   range_field,
                           guint32          first,
                           guint32          last,
                           gint64          *min_ids,
                           gint64          *max_ids,
                           GError         **error)
{
  const char *sql;
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (first <= last, FALSE);

  switch ((int) range_field)
    {
    case THR_FIELD_DUE:
      sql = IDS_OF_DAY ("due_day");
      break;
    case THR_FIELD_COMPLETED:
      sql = IDS_OF_DAY ("completed_day");
      break;
    case THR_FIELD_RECEIVED:
    default:
      sql = IDS_OF_DAY ("received_day");
      break;
    }
  stmt = thr_store_statement (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  for (guint32 day = first; day <= last && day >= first; day++)
    {
      ThrDbStep rc;

      thr_db_stmt_bind_int64 (stmt, 1, contract_id);
      thr_db_stmt_bind_text_static (stmt, 2, type);
      thr_db_stmt_bind_int64 (stmt, 3, day);
      rc = thr_db_stmt_step (stmt, NULL);
      if (rc != THR_DB_ROW)
        {
          thr_db_stmt_reset (stmt);
          return thr_store_set_error (self, error);
        }
      min_ids[day - first] = thr_db_stmt_column_is_null (stmt, 0) ? 0 : thr_db_stmt_column_int64 (stmt, 0);
      max_ids[day - first] = thr_db_stmt_column_is_null (stmt, 1) ? 0 : thr_db_stmt_column_int64 (stmt, 1);
      thr_db_stmt_reset (stmt);
    }
  return TRUE;
}

GStrv
thr_store_list_task_types (ThrStore  *self,
                           gint64     contract_id,
                           GError   **error)
{
  g_autoptr(GStrvBuilder) types = g_strv_builder_new ();
  g_autofree char *after = g_strdup ("");
  ThrDbStmt *stmt;

  g_return_val_if_fail (THR_IS_STORE (self), NULL);

  /* The next type after the last one found: one step into the index each,
   * where a DISTINCT would read every entry. */
  stmt = thr_store_statement (self, "SELECT min(type) FROM tasks WHERE contract_id = ?1 AND type > ?2", error);
  if (stmt == NULL)
    return NULL;
  for (;;)
    {
      ThrDbStep rc;

      thr_db_stmt_bind_int64 (stmt, 1, contract_id);
      thr_db_stmt_bind_text (stmt, 2, after);
      rc = thr_db_stmt_step (stmt, NULL);
      if (rc != THR_DB_ROW)
        {
          thr_db_stmt_reset (stmt);
          thr_store_set_error (self, error);
          return NULL;
        }
      if (thr_db_stmt_column_is_null (stmt, 0))
        break;
      g_free (after);
      after = g_strdup (thr_db_stmt_column_text (stmt, 0));
      thr_db_stmt_reset (stmt);
      g_strv_builder_add (types, after);
    }
  thr_db_stmt_reset (stmt);
  return g_strv_builder_end (types);
}

/* Widens [*first, *last] to the days a statement gives (NULL for none). */
static gboolean
widen_by_row (ThrStore   *self,
              ThrDbStmt  *stmt,
              guint32    *first,
              guint32    *last,
              GError    **error)
{
  ThrDbStep rc = thr_db_stmt_step (stmt, NULL);

  if (rc == THR_DB_ROW)
    for (int column = 0; column < 3; column++)
      if (!thr_db_stmt_column_is_null (stmt, column))
        {
          guint32 day = (guint32) thr_db_stmt_column_int64 (stmt, column);

          *first = *first == 0 ? day : MIN (*first, day);
          *last = MAX (*last, day);
        }
  thr_db_stmt_reset (stmt);
  return rc == THR_DB_ROW || thr_store_set_error (self, error);
}

/* Widens [*first, *last] by a statement of (contract, type) run for each
 * of the contract's task types. */
static gboolean
widen_by_types (ThrStore            *self,
                gint64               contract_id,
                const char * const  *types,
                const char          *sql,
                guint32             *first,
                guint32             *last,
                GError             **error)
{
  ThrDbStmt *stmt = thr_store_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; types[i] != NULL; i++)
    {
      thr_db_stmt_bind_int64 (stmt, 1, contract_id);
      thr_db_stmt_bind_text (stmt, 2, types[i]);
      if (!widen_by_row (self, stmt, first, last, error))
        return FALSE;
    }
  return TRUE;
}

/* Each an end of an index: a step into it, not a read of 54 million rows. */
static gboolean
day_span_of_types (ThrStore            *self,
                   gint64               contract_id,
                   const char * const  *types,
                   guint32             *first,
                   guint32             *last,
                   GError             **error)
{
  ThrDbStmt *stmt;

  *first = *last = 0;
  stmt = thr_store_statement (self,
                              "SELECT (SELECT min(offered_day) FROM calls WHERE contract_id = ?1), "
                              "(SELECT max(offered_day) FROM calls WHERE contract_id = ?1), NULL",
                              error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  if (!widen_by_row (self, stmt, first, last, error))
    return FALSE;
  return widen_by_types (self, contract_id, types,
                         "SELECT (SELECT min(received_day) FROM tasks WHERE contract_id = ?1 AND type = ?2), "
                         "(SELECT max(received_day) FROM tasks WHERE contract_id = ?1 AND type = ?2), NULL",
                         first, last, error);
}

gboolean
thr_store_records_day_span (ThrStore  *self,
                            gint64     contract_id,
                            guint32   *first,
                            guint32   *last,
                            GError   **error)
{
  g_auto(GStrv) types = NULL;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  types = thr_store_list_task_types (self, contract_id, error);
  return types != NULL && day_span_of_types (self, contract_id, (const char * const *) types, first, last, error);
}

gboolean
thr_store_records_last_event (ThrStore  *self,
                              gint64     contract_id,
                              gboolean   completions,
                              guint32   *last,
                              GError   **error)
{
  g_auto(GStrv) types = NULL;
  guint32 first = 0;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);

  *last = 0;
  types = thr_store_list_task_types (self, contract_id, error);
  if (types == NULL || !day_span_of_types (self, contract_id, (const char * const *) types, &first, last, error))
    return FALSE;
  /* The end of tasks_by_completed for each type. */
  return !completions ||
         widen_by_types (self, contract_id, (const char * const *) types,
                         "SELECT (SELECT max(completed_day) FROM tasks "
                         "WHERE contract_id = ?1 AND type = ?2 AND completed_day IS NOT NULL), NULL, NULL",
                         &first, last, error);
}

gboolean
thr_store_scan_calls (ThrStore         *self,
                      gint64            contract_id,
                      guint32           first,
                      guint32           last,
                      ThrStoreRowFunc   func,
                      gpointer          user_data,
                      GCancellable     *cancellable,
                      GError          **error)
{
  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return stream_range (self, "SELECT offered_day, wait_seconds, outcome, queue, handle_seconds, agent, team, "
                       "call_id FROM calls WHERE contract_id = ?1 AND offered_day BETWEEN ?2 AND ?3",
                       contract_id, NULL, 2, first, last, read_call_row, func, user_data, cancellable, error);
}

/* ---- reported figures ---- */

gboolean
thr_store_each_reported (ThrStore              *self,
                         gint64                 contract_id,
                         const char            *period,
                         ThrStoreReportedFunc   func,
                         gpointer               user_data,
                         GError               **error)
{
  ThrDbStmt *stmt;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  g_return_val_if_fail (period != NULL && func != NULL, FALSE);

  stmt = thr_store_statement (self,
                              "SELECT r.metric, r.subject, r.value, r.numerator, r.denominator, r.queue "
                              "FROM reported_values r JOIN imports i ON i.id = r.import_id "
                              "WHERE i.contract_id = ?1 AND r.period = ?2 ORDER BY r.import_id, r.id",
                              error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  thr_db_stmt_bind_text (stmt, 2, period);
  while ((rc = thr_db_stmt_step (stmt, NULL)) == THR_DB_ROW)
    {
      ThrStoreReported reported = {
        .metric = thr_db_stmt_column_text (stmt, 0),
        .subject = thr_db_stmt_column_text (stmt, 1),
        .queue = thr_db_stmt_column_text (stmt, 5),
        .has_value = !thr_db_stmt_column_is_null (stmt, 2),
        .value = thr_db_stmt_column_double (stmt, 2),
        .has_ratio = !thr_db_stmt_column_is_null (stmt, 4),
        .numerator = thr_db_stmt_column_double (stmt, 3),
        .denominator = thr_db_stmt_column_double (stmt, 4),
      };

      func (&reported, user_data);
    }
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_DONE)
    return thr_store_set_error (self, error);
  return TRUE;
}

/* ---- reference values ---- */

gboolean
thr_store_find_reference (ThrStore    *self,
                          gint64       contract_id,
                          const char  *key,
                          const char  *subject,
                          const char  *queue,
                          const char  *quarter,
                          gboolean     latest,
                          double      *value_out,
                          char       **period_out,
                          GError     **error)
{
  ThrDbStmt *stmt;
  gboolean found = FALSE;
  ThrDbStep rc;

  g_return_val_if_fail (THR_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && quarter != NULL, FALSE);

  /* Quarter labels YYYY-Qn sort by time, so "latest up to" is a max. */
  stmt = thr_store_statement (self, latest
                              ? "SELECT v.value, v.period FROM reference_values v JOIN imports i ON i.id = v.import_id "
                              "WHERE i.contract_id = ?1 AND v.key = ?2 AND v.period LIKE '____-Q_' AND v.period <= ?3 "
                              "AND v.subject IN ('', ?4) AND v.queue IN ('', ?5) "
                              "ORDER BY v.period DESC, v.queue = '', v.subject = '', v.import_id DESC, v.id DESC LIMIT 1"
                            : "SELECT v.value, v.period FROM reference_values v JOIN imports i ON i.id = v.import_id "
                              "WHERE i.contract_id = ?1 AND v.key = ?2 AND v.period = ?3 AND v.subject IN ('', ?4) "
                              "AND v.queue IN ('', ?5) "
                              "ORDER BY v.queue = '', v.subject = '', v.import_id DESC, v.id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  thr_db_stmt_bind_int64 (stmt, 1, contract_id);
  thr_db_stmt_bind_text (stmt, 2, key);
  thr_db_stmt_bind_text (stmt, 3, quarter);
  thr_db_stmt_bind_text (stmt, 4, subject ? subject : "");
  thr_db_stmt_bind_text (stmt, 5, queue ? queue : "");
  rc = thr_db_stmt_step (stmt, NULL);
  if (rc == THR_DB_ROW)
    {
      if (value_out != NULL)
        *value_out = thr_db_stmt_column_double (stmt, 0);
      if (period_out != NULL)
        *period_out = thr_db_stmt_column_dup (stmt, 1);
      found = TRUE;
    }
  thr_db_stmt_reset (stmt);
  if (rc != THR_DB_ROW && rc != THR_DB_DONE)
    thr_store_set_error (self, error);
  return found;
}
