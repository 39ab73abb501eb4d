/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-import-duplicates.c — the same task or call imported twice
 *
 * A task extract saved again (with CRLF line ends, say) has other bytes,
 * so the file's hash does not recognise it, and importing it doubled every
 * count (91 of 200 became 182 of 400).  Records are therefore recognised
 * by their ids: a task id or call id that is already in the store, or
 * twice in the same file, is refused, or (THR_IMPORT_DUPLICATES_REPLACE,
 * the user's choice) the earlier record is deleted and the new one kept.
 *
 * A million-row import must not hold a million strings, nor scan the whole
 * store: each new record keeps only a 64-bit hash of its id and its rowid
 * (16 bytes), and the earlier records looked at are those whose received
 * (offered) day lies in the new file's range, read through the index the
 * evaluator uses.  A hash match is confirmed on the stored texts.
 */
#define G_LOG_DOMAIN "thr-import"

#include <string.h>

#include "thr-import-private.h"

typedef struct {
  guint64 hash;
  gint64  rowid;
} IdEntry;

static guint64
hash_id (const char *text)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);   /* FNV-1a */

  for (const guchar *p = (const guchar *) text; *p; p++)
    h = (h ^ *p) * G_GUINT64_CONSTANT (1099511628211);
  return h;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const IdEntry *x = a, *y = b;

  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return x->rowid < y->rowid ? -1 : x->rowid > y->rowid;
}

/* The id as stored: a hashed column stores its keyed digest. */
static char *
stored_id (Import     *imp,
           guint       i,
           const char *text)
{
  g_autofree char *digest = NULL;

  if (imp->pcol[i] == NULL || !imp->pcol[i]->hash)
    return g_strdup (text);
  digest = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) imp->hash_key,
                                      strlen (imp->hash_key), text, -1);
  return g_strdup_printf ("h:%.20s", digest);
}

void
_thr_import_remember_id (Import  *imp,
                         guint    i,
                         guint32  day)
{
  const char *text = _thr_import_cell (imp, i);
  IdEntry entry;

  if (text == NULL)
    return;
  if (imp->ids == NULL)
    {
      imp->ids = g_array_new (FALSE, FALSE, sizeof (IdEntry));
      imp->min_day = imp->max_day_seen = day;
    }
  if (imp->pcol[i] != NULL && imp->pcol[i]->hash)
    {
      g_autofree char *stored = stored_id (imp, i, text);
      entry.hash = hash_id (stored);
    }
  else
    entry.hash = hash_id (text);
  entry.rowid = imp->last_record;
  g_array_append_val (imp->ids, entry);
  imp->min_day = MIN (imp->min_day, day);
  imp->max_day_seen = MAX (imp->max_day_seen, day);
}

static const char *
table_of (Import *imp)
{
  return imp->spec->kind == THR_IMPORT_KIND_TASKS ? "task" : "call";
}

/* The id and row of a record this import added. */
static gboolean
read_new_record (Import  *imp,
                 gint64   rowid,
                 char   **id,
                 guint   *row)
{
  sqlite3_stmt *stmt = thr_store_prepare (imp->store,
                                          imp->spec->kind == THR_IMPORT_KIND_TASKS
                                          ? "SELECT task_id, row FROM tasks WHERE id = ?1"
                                          : "SELECT call_id, row FROM calls WHERE id = ?1", &imp->sql_error);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *row = (guint) sqlite3_column_int (stmt, 1);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

/* Adjacent equal hashes after sorting: the same id twice in this file. */
static void
check_within_file (Import *imp)
{
  for (guint k = 1; k < imp->ids->len; k++)
    {
      IdEntry *a = &g_array_index (imp->ids, IdEntry, k - 1);
      IdEntry *b = &g_array_index (imp->ids, IdEntry, k);
      g_autofree char *id_a = NULL, *id_b = NULL;
      guint row_a = 0, row_b = 0;

      if (a->hash != b->hash || !read_new_record (imp, a->rowid, &id_a, &row_a)
          || !read_new_record (imp, b->rowid, &id_b, &row_b) || g_strcmp0 (id_a, id_b) != 0)
        continue;
      _thr_import_problem_at (imp, row_b, imp->col[0], "%s %s is given twice in this file (row %u and here)",
                              table_of (imp), _thr_import_quote (imp, id_b), row_a);
    }
}

static IdEntry *
find_new (Import     *imp,
          const char *id)
{
  IdEntry key = { hash_id (id), 0 };
  guint lo = 0, hi = imp->ids->len;

  /* The first entry with this hash (several rowids may share it). */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_entries (&g_array_index (imp->ids, IdEntry, mid), &key) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < imp->ids->len && g_array_index (imp->ids, IdEntry, lo).hash == key.hash)
    return &g_array_index (imp->ids, IdEntry, lo);
  return NULL;
}

typedef struct {
  gint64  old_rowid;
  gint64  old_import;
} Replaced;

static void
earlier_record (Import        *imp,
                sqlite3_stmt  *stmt,
                gboolean       replace,
                GArray        *replaced)
{
  const char *id = (const char *) sqlite3_column_text (stmt, 1);
  IdEntry *entry = id ? find_new (imp, id) : NULL;
  g_autofree char *new_id = NULL;
  guint new_row = 0;

  if (entry == NULL || !read_new_record (imp, entry->rowid, &new_id, &new_row) || g_strcmp0 (new_id, id) != 0)
    return;
  if (replace)
    {
      Replaced r = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 2) };

      g_array_append_val (replaced, r);
      return;
    }
  _thr_import_problem_at (imp, new_row, imp->col[0],
                          "%s %s was imported before (import %" G_GINT64_FORMAT ", row %d); importing it again "
                          "would count it twice: choose to replace the earlier records (threshold-cli import "
                          "--replace-duplicates), or undo import %" G_GINT64_FORMAT " first",
                          table_of (imp), _thr_import_quote (imp, id), (gint64) sqlite3_column_int64 (stmt, 2), sqlite3_column_int (stmt, 3),
                          (gint64) sqlite3_column_int64 (stmt, 2));
}

/* Earlier records in the new file's day range, by the evaluator's index. */
static gboolean
scan_earlier (Import  *imp,
              gboolean replace,
              GArray  *replaced)
{
  sqlite3_stmt *stmt;
  int rc;

  if (imp->spec->kind == THR_IMPORT_KIND_TASKS)
    stmt = thr_store_prepare (imp->store,
                              "SELECT id, task_id, import_id, row FROM tasks INDEXED BY tasks_by_received "
                              "WHERE contract_id = ?1 AND type IN (SELECT DISTINCT type FROM tasks WHERE id BETWEEN ?4 AND ?5) "
                              "AND received_day BETWEEN ?2 AND ?3 AND id < ?4", &imp->sql_error);
  else
    stmt = thr_store_prepare (imp->store,
                              "SELECT id, call_id, import_id, row FROM calls INDEXED BY calls_by_offered "
                              "WHERE contract_id = ?1 AND offered_day BETWEEN ?2 AND ?3 AND id < ?4", &imp->sql_error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, imp->contract_id);
  sqlite3_bind_int64 (stmt, 2, imp->min_day);
  sqlite3_bind_int64 (stmt, 3, imp->max_day_seen);
  sqlite3_bind_int64 (stmt, 4, imp->first_record);
  sqlite3_bind_int64 (stmt, 5, imp->last_record);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    earlier_record (imp, stmt, replace, replaced);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return thr_store_set_error (imp->store, &imp->sql_error);
  return TRUE;
}

/* The earlier records go, and their imports count fewer rows. */
static gboolean
delete_replaced (Import *imp,
                 GArray *replaced)
{
  sqlite3_stmt *del = thr_store_prepare (imp->store,
                                         imp->spec->kind == THR_IMPORT_KIND_TASKS ? "DELETE FROM tasks WHERE id = ?1"
                                                                                  : "DELETE FROM calls WHERE id = ?1",
                                         &imp->sql_error);
  sqlite3_stmt *count = thr_store_prepare (imp->store, "UPDATE imports SET n_rows = n_rows - 1 WHERE id = ?1",
                                           &imp->sql_error);
  g_autoptr(GString) imports = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (del == NULL || count == NULL)
    return FALSE;
  for (guint k = 0; k < replaced->len; k++)
    {
      Replaced *r = &g_array_index (replaced, Replaced, k);

      sqlite3_bind_int64 (del, 1, r->old_rowid);
      sqlite3_bind_int64 (count, 1, r->old_import);
      if (!thr_store_step_done (imp->store, del, &imp->sql_error)
          || !thr_store_step_done (imp->store, count, &imp->sql_error))
        return FALSE;
      if (!g_hash_table_contains (seen, &r->old_import))
        {
          g_hash_table_add (seen, &r->old_import);
          g_string_append_printf (imports, "%s%" G_GINT64_FORMAT, imports->len ? ", " : "", r->old_import);
        }
    }
  if (replaced->len > 0)
    _thr_import_note (imp, "replaced %u %s record(s) imported before (import %s) with this file's; undoing this "
                      "import does not bring them back", replaced->len, table_of (imp), imports->str);
  return TRUE;
}

gboolean
_thr_import_check_duplicate_ids (Import    *imp,
                                 gboolean   replace,
                                 GError   **error)
{
  g_autoptr(GArray) replaced = g_array_new (FALSE, FALSE, sizeof (Replaced));

  if (imp->ids == NULL || imp->ids->len == 0 || imp->n_problems > 0)
    return TRUE;
  g_array_sort (imp->ids, compare_entries);
  check_within_file (imp);
  if (imp->sql_error == NULL && imp->n_problems == 0 && scan_earlier (imp, replace, replaced))
    delete_replaced (imp, replaced);
  if (imp->sql_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&imp->sql_error));
      return FALSE;
    }
  return TRUE;
}
