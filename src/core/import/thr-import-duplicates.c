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
 * store: each new record keeps only 8 bytes, a 32-bit hash of its id and
 * its rowid's offset from the import's first, in one array sorted in place
 * (glib's sort would allocate a second copy as large), and the earlier records
 * looked at are those whose received (offered) day lies in the new file's
 * range, read through the index the evaluator uses.  A hash match is
 * confirmed on the stored texts, so ids whose hashes collide (a hundred
 * pairs or so in a million) cost a read each and hide nothing.  The array
 * goes as soon as the check is done, before the import's last writes.
 */
#define G_LOG_DOMAIN "thr-import"

#include <string.h>

#include "thr-import-private.h"

static guint32
hash_id (const char *text)
{
  guint32 h = 2166136261u;   /* FNV-1a */

  for (const guchar *p = (const guchar *) text; *p; p++)
    h = (h ^ *p) * 16777619u;
  return h;
}

/* The hash in the high half, so entries sort by hash, then by row. */
static inline guint64
make_entry (guint32 hash,
            guint32 offset)
{
  return ((guint64) hash << 32) | offset;
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
  guint64 entry;
  guint32 hash;

  if (text == NULL)
    return;
  if (imp->ids == NULL)
    {
      imp->ids = g_array_new (FALSE, FALSE, sizeof (guint64));
      imp->min_day = imp->max_day_seen = day;
    }
  if (imp->pcol[i] != NULL && imp->pcol[i]->hash)
    {
      g_autofree char *stored = stored_id (imp, i, text);
      hash = hash_id (stored);
    }
  else
    hash = hash_id (text);
  entry = make_entry (hash, (guint32) (imp->last_record - imp->first_record));
  g_array_append_val (imp->ids, entry);
  imp->min_day = MIN (imp->min_day, day);
  imp->max_day_seen = MAX (imp->max_day_seen, day);
}

static inline guint32
hash_at (Import *imp,
         guint   k)
{
  return (guint32) (g_array_index (imp->ids, guint64, k) >> 32);
}

static inline gint64
rowid_at (Import *imp,
          guint   k)
{
  return imp->first_record + (guint32) g_array_index (imp->ids, guint64, k);
}

static void
insertion_sort (guint64 *v,
                gsize    n)
{
  for (gsize k = 1; k < n; k++)
    {
      guint64 x = v[k];
      gsize j = k;

      for (; j > 0 && v[j - 1] > x; j--)
        v[j] = v[j - 1];
      v[j] = x;
    }
}

/* Quicksort in place (Hoare's partition, which splits runs of equal
 * entries evenly), recursing into the smaller side so the stack stays
 * shallow. */
static void
sort_entries (guint64 *v,
              gsize    n)
{
  while (n > 16)
    {
      guint64 pivot = v[n / 2];
      gsize i = 0, j = n - 1;

      for (;;)
        {
          guint64 t;

          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i >= j)
            break;
          t = v[i];
          v[i++] = v[j];
          v[j--] = t;
        }
      /* v[0..j] ≤ pivot ≤ v[j + 1..n) */
      if (j + 1 < n - (j + 1))
        {
          sort_entries (v, j + 1);
          v += j + 1;
          n -= j + 1;
        }
      else
        {
          sort_entries (v + j + 1, n - (j + 1));
          n = j + 1;
        }
    }
  insertion_sort (v, n);
}

static const char *
table_of (Import *imp)
{
  return imp->spec->kind == THR_IMPORT_KIND_TASKS ? "task" : "call";
}

static ThrStoreRecordKind
record_kind (Import *imp)
{
  return imp->spec->kind == THR_IMPORT_KIND_TASKS ? THR_STORE_RECORD_TASK : THR_STORE_RECORD_CALL;
}

/* The id and row of a record this import added. */
static gboolean
read_new_record (Import  *imp,
                 gint64   rowid,
                 char   **id,
                 guint   *row)
{
  return thr_store_read_record_id (imp->store, record_kind (imp), rowid, id, row, &imp->sql_error);
}

/* Entry k against the entries before it with the same hash: the first
 * whose id is the same text is the earlier row.  A run of equal hashes
 * can mix ids whose hashes merely collide, so every pair in it is
 * compared, not only neighbours (runs are a few entries long). */
static void
check_entry (Import *imp,
             guint   run_start,
             guint   k)
{
  g_autofree char *id = NULL;
  guint row = 0;

  if (!read_new_record (imp, rowid_at (imp, k), &id, &row))
    return;
  for (guint j = run_start; j < k; j++)
    {
      g_autofree char *earlier_id = NULL;
      guint earlier_row = 0;

      if (read_new_record (imp, rowid_at (imp, j), &earlier_id, &earlier_row) && g_strcmp0 (earlier_id, id) == 0)
        {
          _thr_import_problem_at (imp, row, imp->col[0], "%s %s is given twice in this file (row %u and here)",
                                  table_of (imp), _thr_import_quote (imp, id), earlier_row);
          return;
        }
    }
}

/* Equal hashes sit together after sorting: the same id twice in this file,
 * or two ids whose hashes collide. */
static void
check_within_file (Import *imp)
{
  guint run_start = 0;

  for (guint k = 1; k < imp->ids->len; k++)
    {
      if (hash_at (imp, k) != hash_at (imp, k - 1))
        run_start = k;
      else
        check_entry (imp, run_start, k);
    }
}

/* The record this import added with @id, by its hash: every entry with
 * that hash is tried, so two ids whose hashes collide cannot hide each
 * other.  The first entry with the hash is found by bisection. */
static gboolean
find_new (Import      *imp,
          const char  *id,
          char       **new_id,
          guint       *new_row)
{
  guint32 hash = hash_id (id);
  guint lo = 0, hi = imp->ids->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (hash_at (imp, mid) < hash)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (; lo < imp->ids->len && hash_at (imp, lo) == hash; lo++)
    {
      g_clear_pointer (new_id, g_free);
      if (read_new_record (imp, rowid_at (imp, lo), new_id, new_row) && g_strcmp0 (*new_id, id) == 0)
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  gint64  old_rowid;
  gint64  old_import;
} Replaced;

typedef struct {
  Import   *imp;
  gboolean  replace;
  GArray   *replaced;
} Earlier;

static void
earlier_record_cb (const ThrStoreEarlierRecord *record,
                   gpointer                     user_data)
{
  Earlier *earlier = user_data;
  Import *imp = earlier->imp;
  g_autofree char *new_id = NULL;
  guint new_row = 0;

  if (record->id == NULL || !find_new (imp, record->id, &new_id, &new_row))
    return;
  if (earlier->replace)
    {
      Replaced r = { record->rowid, record->import_id };

      g_array_append_val (earlier->replaced, r);
      return;
    }
  imp->duplicate_records = TRUE;
  _thr_import_problem_at (imp, new_row, imp->col[0],
                          "%s %s was imported before (import %" G_GINT64_FORMAT ", row %u); importing it again "
                          "would count it twice: replace the earlier records, or undo import %" G_GINT64_FORMAT " first",
                          table_of (imp), _thr_import_quote (imp, record->id), record->import_id, record->row,
                          record->import_id);
}

/* Earlier records in the new file's day range. */
static gboolean
scan_earlier (Import  *imp,
              gboolean replace,
              GArray  *replaced)
{
  Earlier earlier = { imp, replace, replaced };

  return thr_store_each_earlier_record (imp->store, record_kind (imp), imp->contract_id, imp->min_day,
                                        imp->max_day_seen, imp->first_record, imp->last_record,
                                        earlier_record_cb, &earlier, &imp->sql_error);
}

/* The earlier records go, and their imports count fewer rows. */
static gboolean
delete_replaced (Import *imp,
                 GArray *replaced)
{
  g_autoptr(GString) imports = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint k = 0; k < replaced->len; k++)
    {
      Replaced *r = &g_array_index (replaced, Replaced, k);

      if (!thr_store_delete_record (imp->store, record_kind (imp), r->old_rowid, r->old_import, &imp->sql_error))
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
  sort_entries ((guint64 *) (void *) imp->ids->data, imp->ids->len);
  check_within_file (imp);
  if (imp->sql_error == NULL && imp->n_problems == 0 && scan_earlier (imp, replace, replaced))
    delete_replaced (imp, replaced);
  g_clear_pointer (&imp->ids, g_array_unref);
  if (imp->sql_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&imp->sql_error));
      return FALSE;
    }
  return TRUE;
}
