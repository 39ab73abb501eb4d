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
  IdEntry *entry = record->id ? find_new (imp, record->id) : NULL;
  g_autofree char *new_id = NULL;
  guint new_row = 0;

  if (entry == NULL || !read_new_record (imp, entry->rowid, &new_id, &new_row) || g_strcmp0 (new_id, record->id) != 0)
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
