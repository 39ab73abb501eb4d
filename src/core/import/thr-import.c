/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-import.c — CSV files and workbooks into the store, all or nothing
 *
 * The driver: open the file, find its header and profile, then one
 * BEGIN IMMEDIATE transaction in which every row is checked and inserted.
 * Any problem, a cancellation or a dry run rolls it back, so the store is
 * never half-written.
 */
#define G_LOG_DOMAIN "thr-import"

#include <stdio.h>
#include <string.h>

#include "thr-import-private.h"

G_DEFINE_QUARK (thr-import-error-quark, thr_import_error)

/* Cancellation is checked this often (rows), progress reported less. */
#define CANCEL_EVERY 1024
#define PROGRESS_EVERY 65536
/* Page cache during an import, and the store's own (thr-store.c).  An
 * import appends in received order, so a small cache costs no processor
 * time measurably (docs/benchmarks.md): 24 MB keeps a million-row import,
 * with its id check, under 64 MB. */
#define IMPORT_CACHE_KIB 24576
#define STORE_CACHE_KIB 65536

static void G_GNUC_PRINTF (4, 0)
add_problem (Import     *imp,
             guint       row,
             int         file_column,
             const char *format,
             va_list     args)
{
  g_autofree char *message = NULL;

  imp->n_problems++;
  if (imp->problems->len >= THR_IMPORT_MAX_PROBLEMS)
    return;
  message = g_strdup_vprintf (format, args);
  g_ptr_array_add (imp->problems,
                   g_strdup_printf ("%s:%u:%d: %s", thr_sheet_reader_get_path (imp->table),
                                    row, MAX (file_column, 0) + 1, message));
}

void
_thr_import_problem (Import     *imp,
                     int         file_column,
                     const char *format,
                     ...)
{
  va_list args;

  va_start (args, format);
  add_problem (imp, thr_sheet_reader_get_row (imp->table), file_column, format, args);
  va_end (args);
}

const char *
_thr_import_quote (Import     *imp,
                   const char *text)
{
  guint slot = imp->next_quoted++ % G_N_ELEMENTS (imp->quoted);

  g_free (imp->quoted[slot]);
  imp->quoted[slot] = thr_value_quote (text);
  return imp->quoted[slot];
}

/* A problem found after the rows were read, at a row read earlier. */
void
_thr_import_problem_at (Import     *imp,
                        guint       row,
                        int         file_column,
                        const char *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  add_problem (imp, row, file_column, format, args);
  va_end (args);
}

void
_thr_import_note (Import     *imp,
                  const char *format,
                  ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (imp->notes, g_strdup_vprintf (format, args));
  va_end (args);
}

void
thr_import_result_clear (ThrImportResult *result)
{
  g_clear_pointer (&result->sha256, g_free);
  g_clear_pointer (&result->ignored_columns, g_strfreev);
  g_clear_pointer (&result->profile_id, g_free);
  g_clear_pointer (&result->source_format, g_free);
  g_clear_pointer (&result->notes, g_strfreev);
}

static gboolean
is_blank_row (ThrSheetReader *table)
{
  for (guint i = 0; i < thr_sheet_reader_get_n_fields (table); i++)
    if (*thr_sheet_reader_get_field (table, i) != '\0')
      return FALSE;
  return TRUE;
}

/* A spreadsheet's "Total" line: one of its first cells says so.  Checked
 * on every row, so it looks at the first letter before comparing. */
static const char *
totals_label (ThrSheetReader *table)
{
  static const char *labels[] = { "total", "totals", "total:", "grand total", "grand total:", "sum", NULL };
  guint n = MIN (3u, thr_sheet_reader_get_n_fields (table));

  for (guint i = 0; i < n; i++)
    {
      const char *text = thr_sheet_reader_get_field (table, i);
      char c = g_ascii_tolower (text[0]), c2 = c ? g_ascii_tolower (text[1]) : 0;

      if (!((c == 't' && c2 == 'o') || (c == 'g' && c2 == 'r') || (c == 's' && c2 == 'u')))
        continue;
      for (guint k = 0; labels[k]; k++)
        if (g_ascii_strcasecmp (text, labels[k]) == 0)
          return text;
    }
  return NULL;
}

static gboolean
find_previous_import (Import      *imp,
                      const char  *sha256,
                      GError     **error)
{
  g_autofree char *file_name = NULL;
  g_autofree char *imported_at = NULL;
  gint64 id = 0;

  if (!thr_store_find_import_by_sha256 (imp->store, imp->contract_id, sha256, imp->import_id,
                                        &id, &file_name, &imported_at))
    return FALSE;
  g_set_error (error, THR_IMPORT_ERROR, THR_IMPORT_ERROR_DUPLICATE,
               "%s: this file was already imported as import %" G_GINT64_FORMAT " (%s, on %s); nothing was written",
               thr_sheet_reader_get_path (imp->table), id, file_name, imported_at);
  return TRUE;
}

static gboolean
create_import_row (Import      *imp,
                   const char  *path,
                   GError     **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);
  g_autofree char *format = thr_sheet_reader_describe (imp->table);

  return thr_store_insert_import (imp->store, imp->contract_id, imp->spec->name, base, when,
                                  thr_profile_get_id (imp->profile), format, &imp->import_id, error);
}

static gboolean
finish_import_row (Import      *imp,
                   GError     **error)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  /* Described again at the end: a file that began as ASCII may have
   * turned out to be Windows-1252. */
  g_autofree char *format = thr_sheet_reader_describe (imp->table);

  for (guint i = 0; i < imp->notes->len; i++)
    g_string_append_printf (notes, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (imp->notes, i));
  return thr_store_finish_import (imp->store, imp->import_id, thr_sheet_reader_get_sha256 (imp->table),
                                  imp->n_rows, notes->len ? notes->str : NULL, format,
                                  imp->first_record, imp->last_record, error);
}

/* How many of the report's figures a later version replaces: the earlier
 * ones stay in the store, and the evaluator prefers the latest. */
static gboolean
count_replaced (Import  *imp,
                guint   *n_replaced,
                GError **error)
{
  *n_replaced = 0;
  if (imp->spec->kind != THR_IMPORT_KIND_METRIC_REPORT)
    return TRUE;
  return thr_store_count_replaced (imp->store, imp->contract_id, imp->import_id, n_replaced, error);
}

static char *
random_key (void)
{
  guchar bytes[32];
  FILE *file = fopen ("/dev/urandom", "rb");
  gboolean ok = file != NULL && fread (bytes, 1, sizeof bytes, file) == sizeof bytes;
  GString *hex = g_string_new (NULL);

  if (file)
    fclose (file);
  for (guint i = 0; i < sizeof bytes; i++)
    g_string_append_printf (hex, "%02x", ok ? bytes[i] : (guchar) g_random_int_range (0, 256));
  return g_string_free (hex, FALSE);
}

/* The store's key for hashing personal data, made on first use. */
static gboolean
load_hash_key (Import  *imp,
               GError **error)
{
  g_autofree char *fresh = random_key ();

  imp->hash_key = thr_store_get_hash_key (imp->store, fresh, error);
  return imp->hash_key != NULL;
}

static void
note_skipped_rows (Import     *imp,
                   guint       n_blank,
                   GPtrArray  *totals)
{
  if (n_blank > 0)
    _thr_import_note (imp, "skipped %u empty row(s)", n_blank);
  for (guint i = 0; i < totals->len; i++)
    _thr_import_note (imp, "skipped %s", (char *) g_ptr_array_index (totals, i));
}

/* A filter left on hides rows the user may not know are there; they are
 * imported like the others, and said. */
static void
note_hidden_rows (Import *imp)
{
  g_autoptr(GString) rows = g_string_new (NULL);
  guint n;

  if (imp->hidden_rows == NULL || imp->hidden_rows->len == 0)
    return;
  n = imp->hidden_rows->len;
  for (guint i = 0; i < MIN (n, 10); i++)
    g_string_append_printf (rows, "%s%u", i ? ", " : "", g_array_index (imp->hidden_rows, guint, i));
  if (n > 10)
    g_string_append_printf (rows, " and %u more", n - 10);
  _thr_import_note (imp, "%u row(s) hidden in the workbook (by a filter or by hand) were imported like the others: "
                    "row %s", n, rows->str);
}

/* The scale is the profile's to say, never guessed; but when every
 * percentage is at most 1 the profile has most likely got it wrong. */
static void
note_fraction_suspicion (Import *imp)
{
  const ThrProfileColumn *column = thr_profile_find_column (imp->profile, "value");

  if (imp->n_percent_values >= 2 && imp->n_percent_at_most_1 == imp->n_percent_values
      && (column == NULL || column->format != THR_VALUE_FORMAT_FRACTION))
    _thr_import_note (imp, "every percentage in the file is at most 1 %%; if they are fractions (0.985 for "
                      "98.5 %%), import with a profile whose value format is \"fraction\" (docs/import-profiles.md)");
}

/* A value in a column the header does not have is a row that slipped
 * (an unquoted comma in a name, a cell pasted one column too far): which
 * column it belongs to cannot be known, so it is an error, not ignored.
 * Empty cells there (trailing delimiters) are harmless. */
static void
check_extra_cells (Import *imp)
{
  for (guint f = imp->header->len; f < imp->n_fields; f++)
    if (*thr_sheet_reader_get_field (imp->table, f) != '\0')
      {
        _thr_import_problem (imp, (int) f, "a value beyond the last column of the header (which has %u columns); "
                             "an unquoted delimiter inside a value?", imp->header->len);
        return;
      }
}

static gboolean
read_rows (Import             *imp,
           ThrImportProgress   progress,
           gpointer            progress_data,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GPtrArray) totals = g_ptr_array_new_with_free_func (g_free);
  guint n_seen = 0, n_blank = 0;
  const char *label;

  while (thr_sheet_reader_next (imp->table, &read_error))
    {
      if (++n_seen % CANCEL_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress && n_seen % PROGRESS_EVERY == 0)
            progress (thr_sheet_reader_get_bytes_read (imp->table), thr_sheet_reader_get_size (imp->table), progress_data);
        }
      if (is_blank_row (imp->table))
        {
          n_blank++;
          continue;
        }
      if ((label = totals_label (imp->table)) != NULL)
        {
          g_ptr_array_add (totals, g_strdup_printf ("row %u, a totals row (%s)", thr_sheet_reader_get_row (imp->table),
                                                    _thr_import_quote (imp, label)));
          continue;
        }
      imp->n_rows++;
      if (thr_sheet_reader_get_row_hidden (imp->table))
        {
          guint row = thr_sheet_reader_get_row (imp->table);

          if (imp->hidden_rows == NULL)
            imp->hidden_rows = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (imp->hidden_rows, row);
        }
      imp->n_fields = thr_sheet_reader_get_n_fields (imp->table);
      check_extra_cells (imp);
      _thr_import_check_unmapped_values (imp);
      imp->spec->row (imp);
      if (imp->sql_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&imp->sql_error));
          return FALSE;
        }
    }
  if (read_error != NULL)
    {
      imp->n_problems++;
      g_ptr_array_add (imp->problems, g_strdup (read_error->message));
    }
  note_skipped_rows (imp, n_blank, totals);
  _thr_import_note_metrics_export (imp);
  note_hidden_rows (imp);
  note_fraction_suspicion (imp);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (progress)
    progress (thr_sheet_reader_get_size (imp->table), thr_sheet_reader_get_size (imp->table), progress_data);
  return TRUE;
}

static gboolean
report_problems (Import  *imp,
                 GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (imp->n_problems == 0)
    return TRUE;
  for (guint i = 0; i < imp->problems->len; i++)
    g_string_append_printf (text, "%s%s", i ? "\n" : "", (char *) g_ptr_array_index (imp->problems, i));
  if (imp->n_problems > imp->problems->len)
    g_string_append_printf (text, "\n%s: … and %u more problems", thr_sheet_reader_get_path (imp->table),
                            imp->n_problems - imp->problems->len);
  g_set_error_literal (error, THR_IMPORT_ERROR,
                       imp->duplicate_records ? THR_IMPORT_ERROR_DUPLICATE_RECORDS : THR_IMPORT_ERROR_INVALID,
                       text->str);
  return FALSE;
}

static GStrv
strv_from_array (GPtrArray *array)
{
  GStrv strv = g_new0 (char *, array->len + 1);

  for (guint i = 0; i < array->len; i++)
    strv[i] = g_strdup (g_ptr_array_index (array, i));
  return strv;
}

static gboolean
run_import (Import                 *imp,
            const char             *path,
            const ThrImportOptions *options,
            ThrImportProgress       progress,
            gpointer                progress_data,
            GCancellable           *cancellable,
            ThrImportResult        *result,
            GError                **error)
{
  g_autoptr(ThrProfile) profile = NULL;

  if (options->profile != NULL && (profile = thr_profile_lookup (options->profile, error)) == NULL)
    return FALSE;
  if (!_thr_import_read_header (imp, options->kind, profile, error))
    return FALSE;
  result->kind = imp->spec->kind;
  result->profile_id = g_strdup (thr_profile_get_id (imp->profile));
  result->source_format = thr_sheet_reader_describe (imp->table);
  result->ignored_columns = strv_from_array (imp->ignored);
  if (options->kind != THR_IMPORT_KIND_AUTO && options->kind != imp->spec->kind)
    {
      g_set_error (error, THR_IMPORT_ERROR, THR_IMPORT_ERROR_UNKNOWN_KIND, "%s: profile %s reads %s, not %s",
                   path, thr_profile_get_id (imp->profile), imp->spec->name, thr_import_kind_to_string (options->kind));
      return FALSE;
    }
  if (imp->n_problems > 0)
    return report_problems (imp, error);

  if (!thr_store_begin (imp->store, error))
    return FALSE;
  imp->insert = thr_store_get_inserter (imp->store, imp->spec->records, error);
  if (imp->insert == NULL || !load_hash_key (imp, error) || !create_import_row (imp, path, error)
      || !read_rows (imp, progress, progress_data, cancellable, error)
      || !report_problems (imp, error)
      || find_previous_import (imp, thr_sheet_reader_get_sha256 (imp->table), error)
      || !_thr_import_check_duplicate_ids (imp, options->duplicates == THR_IMPORT_DUPLICATES_REPLACE, error)
      || !report_problems (imp, error)
      || !finish_import_row (imp, error)
      || !count_replaced (imp, &result->n_replaced, error))
    return FALSE;

  result->n_rows = imp->n_rows;
  result->sha256 = g_strdup (thr_sheet_reader_get_sha256 (imp->table));
  result->import_id = imp->import_id;
  g_strfreev (result->ignored_columns);
  result->ignored_columns = strv_from_array (imp->ignored);
  result->notes = strv_from_array (imp->notes);
  g_free (result->source_format);
  result->source_format = thr_sheet_reader_describe (imp->table);
  return TRUE;
}

static guint32
latest_plausible_day (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_years (now, 1);

  return thr_day_from_ymd (g_date_time_get_year (later), g_date_time_get_month (later),
                           g_date_time_get_day_of_month (later));
}

static void
import_clear (Import *imp)
{
  g_clear_error (&imp->sql_error);
  g_clear_pointer (&imp->profile, thr_profile_unref);
  g_clear_pointer (&imp->header, g_ptr_array_unref);
  g_clear_pointer (&imp->header_text, g_ptr_array_unref);
  g_clear_pointer (&imp->unmapped, g_array_unref);
  g_clear_pointer (&imp->ignored, g_ptr_array_unref);
  g_clear_pointer (&imp->problems, g_ptr_array_unref);
  g_clear_pointer (&imp->notes, g_ptr_array_unref);
  g_clear_pointer (&imp->hash_key, g_free);
  g_clear_pointer (&imp->period_label, g_free);
  g_clear_pointer (&imp->hidden_rows, g_array_unref);
  g_clear_pointer (&imp->seen_keys, g_hash_table_unref);
  g_clear_pointer (&imp->ids, g_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (imp->quoted); i++)
    g_clear_pointer (&imp->quoted[i], g_free);
}

gboolean
thr_import_file_full (ThrStore               *store,
                      gint64                  contract_id,
                      ThrContract            *contract,
                      const char             *path,
                      const ThrImportOptions *options,
                      ThrImportProgress       progress,
                      gpointer                progress_data,
                      GCancellable           *cancellable,
                      ThrImportResult        *result,
                      GError                **error)
{
  g_autoptr(ThrSheetReader) table = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  Import imp = { 0 };
  gboolean ok;

  g_return_val_if_fail (THR_IS_STORE (store), FALSE);
  g_return_val_if_fail (THR_IS_CONTRACT (contract), FALSE);
  g_return_val_if_fail (path != NULL && options != NULL && result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  table = thr_sheet_reader_open (path, options->sheet, error);
  if (table == NULL)
    return FALSE;
  tz = thr_time_zone_new (thr_contract_get_timezone (contract));
  if (tz == NULL)
    tz = g_time_zone_new_local ();

  imp.store = store;
  imp.contract = contract;
  imp.contract_id = contract_id;
  imp.table = table;
  imp.tz = tz;
  imp.max_day = latest_plausible_day ();
  imp.problems = g_ptr_array_new_with_free_func (g_free);
  imp.notes = g_ptr_array_new_with_free_func (g_free);
  imp.ignored = g_ptr_array_new_with_free_func (g_free);
  imp.unmapped = g_array_new (FALSE, FALSE, sizeof (guint));

  /* The store keeps a large page cache for evaluation; an import appends
   * to its indexes and needs little, and memory must not grow with the file. */
  thr_store_set_cache_size (store, IMPORT_CACHE_KIB);
  ok = run_import (&imp, path, options, progress, progress_data, cancellable, result, error);
  import_clear (&imp);

  /* A dry run goes through every insert, so it finds every problem the
   * real import would, and then rolls back. */
  if (!ok || options->dry_run)
    {
      thr_store_rollback (store);
      result->import_id = 0;
    }
  else if (!thr_store_commit (store, error))
    {
      thr_store_rollback (store);
      ok = FALSE;
    }
  thr_store_set_cache_size (store, STORE_CACHE_KIB);
  return ok;
}

gboolean
thr_import_file (ThrStore          *store,
                 gint64             contract_id,
                 ThrContract       *contract,
                 const char        *path,
                 ThrImportKind      kind,
                 gboolean           dry_run,
                 ThrImportProgress  progress,
                 gpointer           progress_data,
                 GCancellable      *cancellable,
                 ThrImportResult   *result,
                 GError           **error)
{
  ThrImportOptions options = { kind, NULL, NULL, dry_run, THR_IMPORT_DUPLICATES_REFUSE };

  return thr_import_file_full (store, contract_id, contract, path, &options, progress, progress_data,
                               cancellable, result, error);
}
