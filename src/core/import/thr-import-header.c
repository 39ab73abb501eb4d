/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-import-header.c — finding the header, choosing the profile, privacy
 *
 * Files arrive with a title above the header ("Monthly Performance Report
 * — April 2018"), with other capitals, with a client's SSN beside the
 * fields we want.  The header is the first of the first rows that a
 * profile recognises; rows skipped above it are noted, never silently
 * dropped; a column that looks like SSNs or client names is never stored
 * in clear.
 */
#define G_LOG_DOMAIN "thr-import"

#include <string.h>

#include "thr-import-private.h"

/* How far down a title may push the header. */
#define MAX_HEADER_ROW 10
/* How many data rows are searched for SSNs in columns nothing reads. */
#define SSN_SCAN_ROWS 200

/* A byte order mark left at the start of the first cell (a CSV with one,
 * opened and saved by a spreadsheet) is not part of the name. */
static const char *
skip_bom (const char *text)
{
  return g_str_has_prefix (text, "\xEF\xBB\xBF") ? text + 3 : text;
}

static char *
fold (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (skip_bom (text), -1);

  return g_strstrip (g_steal_pointer (&lower));
}

static GPtrArray *
fold_row (ThrSheetReader *table)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < thr_sheet_reader_get_n_fields (table); i++)
    g_ptr_array_add (row, fold (thr_sheet_reader_get_field (table, i)));
  return row;
}

static GPtrArray *
copy_row (ThrSheetReader *table)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < thr_sheet_reader_get_n_fields (table); i++)
    g_ptr_array_add (row, g_strstrip (g_strdup (skip_bom (thr_sheet_reader_get_field (table, i)))));
  return row;
}

static gboolean
is_blank_row (ThrSheetReader *table)
{
  for (guint i = 0; i < thr_sheet_reader_get_n_fields (table); i++)
    if (*thr_sheet_reader_get_field (table, i) != '\0')
      return FALSE;
  return TRUE;
}

static int
header_index (GPtrArray  *header,
              const char *name)
{
  for (guint i = 0; i < header->len; i++)
    if (g_str_equal (g_ptr_array_index (header, i), name))
      return (int) i;
  return -1;
}

/* How many of its columns a profile finds in the header, or -1 when one
 * that its kind requires is not there. */
static int
score_profile (ThrProfile *profile,
               GPtrArray  *header)
{
  const KindSpec *spec = _thr_import_find_kind_by_name (thr_profile_get_kind (profile));
  GPtrArray *columns = thr_profile_get_columns (profile);
  int score = 0;

  if (spec == NULL)
    return -1;
  for (guint i = 0; i < spec->n_columns; i++)
    {
      const ThrProfileColumn *column = thr_profile_find_column (profile, spec->columns[i].name);

      if (spec->columns[i].required
          && (column == NULL || (column->constant == NULL && header_index (header, column->source) < 0)))
        return -1;
    }
  for (guint i = 0; i < columns->len; i++)
    {
      const ThrProfileColumn *column = g_ptr_array_index (columns, i);
      if (column->source && header_index (header, column->source) >= 0)
        score++;
    }
  return score;
}

/* The one profile that fits the header best; NULL if none does, or (with
 * error set) if two fit equally well. */
static ThrProfile *
detect_profile (Import     *imp,
                GPtrArray  *candidates,
                GPtrArray  *header,
                GError    **error)
{
  ThrProfile *best = NULL, *tie = NULL;
  int best_score = -1;

  for (guint i = 0; i < candidates->len; i++)
    {
      ThrProfile *profile = g_ptr_array_index (candidates, i);
      int score = score_profile (profile, header);

      if (score < 0 || score < best_score)
        continue;
      tie = score == best_score ? profile : NULL;
      if (score > best_score)
        best = profile;
      best_score = score;
    }
  if (tie != NULL)
    {
      g_set_error (error, THR_IMPORT_ERROR, THR_IMPORT_ERROR_PROFILE_AMBIGUOUS,
                   "%s:%u:1: the header fits profiles %s and %s equally well",
                   thr_sheet_reader_get_path (imp->table), thr_sheet_reader_get_row (imp->table),
                   thr_profile_get_id (best), thr_profile_get_id (tie));
      return NULL;
    }
  return best;
}

static ThrProfile *
canonical_profile (const KindSpec  *spec,
                   GError         **error)
{
  g_autofree char *id = g_strconcat ("canonical-", spec->name, NULL);

  return thr_profile_lookup (id, error);
}

/* The header's letters and digits only, lower case. */
static char *
compact_name (const char *name)
{
  GString *out = g_string_new (NULL);

  for (const char *p = name; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

/* What kind of personal data a header names, or NULL. */
static const char *
sensitive_header (const char *name)
{
  static const char *ssn_words[] = { "ssn", "ssns", "ss#", "socsec", NULL };
  static const char *person_words[] = { "client", "customer", "applicant", "participant", "recipient",
                                        "beneficiary", "caller", "member", "household", NULL };
  static const char *bare_names[] = { "name", "first name", "last name", "full name", "first_name",
                                      "last_name", "full_name", "middle name", "surname", NULL };
  g_auto(GStrv) words = g_regex_split_simple ("[^a-z0-9#]+", name, 0, 0);
  g_autofree char *compact = compact_name (name);

  if (strstr (name, "social security") || strstr (name, "social_security") || strstr (name, "soc sec"))
    return "Social Security numbers";
  /* "Soc. Sec. #", "S.S.N.", "SocialSecurityNo", "SSN_Last4", "SS No":
   * the letters and digits alone. */
  if (strstr (compact, "socialsec") || g_str_has_prefix (compact, "socsec") || g_str_has_prefix (compact, "ssn")
      || g_str_equal (compact, "ss") || g_str_equal (compact, "ssno") || g_str_equal (compact, "ssnum")
      || g_str_equal (compact, "ssnumber"))
    return "Social Security numbers";
  for (guint i = 0; words[i]; i++)
    if (g_strv_contains (ssn_words, words[i]))
      return "Social Security numbers";
  if (g_strv_contains (bare_names, name))
    return "client names";
  if (strstr (name, "name"))
    for (guint i = 0; person_words[i]; i++)
      if (strstr (name, person_words[i]))
        return "client names";
  return NULL;
}

static void
map_spec_column (Import *imp,
                 guint   i)
{
  const ColumnSpec *spec_column = &imp->spec->columns[i];
  const ThrProfileColumn *column = thr_profile_find_column (imp->profile, spec_column->name);
  int at;

  imp->col[i] = -1;
  imp->pcol[i] = column;
  if (column != NULL && column->constant != NULL)
    {
      imp->col[i] = COL_CONSTANT;
      return;
    }
  at = column ? header_index (imp->header, column->source) : -1;
  if (at >= 0)
    {
      for (guint f = at + 1; f < imp->header->len; f++)
        if (g_str_equal (g_ptr_array_index (imp->header, f), column->source))
          _thr_import_problem_at (imp, imp->header_row, (int) f, "column %s appears twice (first in column %d)",
                               _thr_import_quote (imp, column->source), at + 1);
      imp->col[i] = at;
    }
  else if (spec_column->required && (column == NULL || g_str_equal (column->source, spec_column->name)))
    _thr_import_problem_at (imp, imp->header_row, (int) imp->header->len, "missing required column %s for a %s file",
                         _thr_import_quote (imp, spec_column->name), imp->spec->name);
  else if (spec_column->required)
    _thr_import_problem_at (imp, imp->header_row, (int) imp->header->len, "missing column %s, which profile %s reads as %s",
                         _thr_import_quote (imp, column->source), thr_profile_get_id (imp->profile), spec_column->name);
}

static gboolean
is_mapped (Import *imp,
           guint   f)
{
  for (guint i = 0; i < imp->spec->n_columns; i++)
    if (imp->col[i] == (int) f)
      return TRUE;
  return FALSE;
}

static void
check_profile_fields (Import *imp)
{
  GPtrArray *columns = thr_profile_get_columns (imp->profile);

  for (guint k = 0; k < columns->len; k++)
    {
      const ThrProfileColumn *column = g_ptr_array_index (columns, k);
      gboolean known = FALSE;

      for (guint i = 0; i < imp->spec->n_columns; i++)
        known = known || g_str_equal (imp->spec->columns[i].name, column->field);
      if (!known)
        _thr_import_problem_at (imp, imp->header_row, 0, "profile %s maps %s, which a %s file does not have",
                             thr_profile_get_id (imp->profile), _thr_import_quote (imp, column->field), imp->spec->name);
    }
}

/* Columns that are read must not hold personal data in clear; columns
 * that are not read are said to be dropped or ignored. */
static void
classify_columns (Import *imp)
{
  for (guint f = 0; f < imp->header->len; f++)
    {
      const char *name = g_ptr_array_index (imp->header, f);
      const char *shown = f < imp->header_text->len ? g_ptr_array_index (imp->header_text, f) : name;
      const char *sensitive = *name ? sensitive_header (name) : NULL;

      if (is_mapped (imp, f))
        {
          for (guint i = 0; sensitive && i < imp->spec->n_columns; i++)
            if (imp->col[i] == (int) f && !imp->pcol[i]->hash)
              _thr_import_problem_at (imp, imp->header_row, (int) f, "column %s looks like it holds %s, which Threshold stores only "
                                   "hashed: set \"hash\": true for %s in the profile, or drop the column",
                                   _thr_import_quote (imp, shown), sensitive, imp->spec->columns[i].name);
          continue;
        }
      if (thr_profile_drops (imp->profile, name) && *name)
        _thr_import_note (imp, "dropped column %s, as profile %s says", _thr_import_quote (imp, shown), thr_profile_get_id (imp->profile));
      else if (sensitive)
        _thr_import_note (imp, "dropped column %s: it looks like it holds %s, which are not stored",
                          _thr_import_quote (imp, shown), sensitive);
      else
        {
          /* Harmless by its name; its values are still looked at. */
          g_array_append_val (imp->unmapped, f);
          if (*name)
            g_ptr_array_add (imp->ignored, g_strdup (shown));
        }
    }
}

static gboolean
map_columns (Import *imp)
{
  for (guint i = 0; i < imp->spec->n_columns; i++)
    map_spec_column (imp, i);
  _thr_import_adopt_metrics_export (imp);
  check_profile_fields (imp);
  classify_columns (imp);
  return TRUE;
}

static gboolean
use_header (Import      *imp,
            GPtrArray   *header,
            guint        row,
            ThrProfile  *profile,
            GError     **error)
{
  imp->header = header;
  imp->header_row = row;
  if (imp->header_text == NULL)
    imp->header_text = copy_row (imp->table);
  imp->profile = thr_profile_ref (profile);
  imp->spec = _thr_import_find_kind_by_name (thr_profile_get_kind (profile));
  if (imp->spec == NULL)
    {
      g_set_error (error, THR_IMPORT_ERROR, THR_IMPORT_ERROR_UNKNOWN_KIND, "profile %s: unknown kind “%s”",
                   thr_profile_get_id (profile), thr_profile_get_kind (profile));
      return FALSE;
    }
  return map_columns (imp);
}

static GPtrArray *
candidate_profiles (ThrImportKind   kind,
                    ThrProfile     *profile,
                    GError        **error)
{
  GPtrArray *list;

  if (profile != NULL)
    {
      list = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_profile_unref);
      g_ptr_array_add (list, thr_profile_ref (profile));
      return list;
    }
  list = thr_profile_list (error);
  if (list == NULL || kind == THR_IMPORT_KIND_AUTO)
    return list;
  /* --kind calls: every calls profile (Genesys, Cisco, the user's), as
   * auto-detection would try, not only Threshold's own columns. */
  for (guint i = list->len; i-- > 0; )
    if (g_strcmp0 (thr_profile_get_kind (g_ptr_array_index (list, i)), thr_import_kind_to_string (kind)) != 0)
      g_ptr_array_remove_index (list, i);
  return list;
}

/* How many source columns of the candidate that fits it best a row holds
 * (0 when neither a profile nor a kind was chosen): with a title above an incomplete header,
 * the header is still the row to blame. */
static int
partial_score (GPtrArray *candidates,
               gboolean   chosen,
               GPtrArray *row)
{
  int best = 0;

  if (!chosen)
    return 0;
  for (guint c = 0; c < candidates->len; c++)
    {
      GPtrArray *columns = thr_profile_get_columns (g_ptr_array_index (candidates, c));
      int score = 0;

      for (guint i = 0; i < columns->len; i++)
        {
          const ThrProfileColumn *column = g_ptr_array_index (columns, i);
          if (column->source && header_index (row, column->source) >= 0)
            score++;
        }
      best = MAX (best, score);
    }
  return best;
}

static char *
row_excerpt (GPtrArray *row)
{
  for (guint i = 0; i < row->len; i++)
    if (*(char *) g_ptr_array_index (row, i))
      return thr_value_quote (g_ptr_array_index (row, i));
  return thr_value_quote ("");
}

/* Reads rows until one is a header that a candidate profile recognises. */
gboolean
_thr_import_read_header (Import         *imp,
                         ThrImportKind   kind,
                         ThrProfile     *profile,
                         GError        **error)
{
  g_autoptr(GPtrArray) candidates = candidate_profiles (kind, profile, error);
  g_autoptr(GPtrArray) first = NULL;   /* the row most like a header */
  g_autoptr(GPtrArray) first_text = NULL;
  guint first_row = 0;
  int first_score = -1;
  g_autoptr(GString) skipped = g_string_new (NULL);

  if (candidates == NULL)
    return FALSE;
  for (guint tries = 0; tries < MAX_HEADER_ROW; )
    {
      g_autoptr(GPtrArray) row = NULL;
      g_autoptr(ThrProfile) canonical = NULL;
      ThrProfile *chosen;

      if (!thr_sheet_reader_next (imp->table, error))
        break;
      if (is_blank_row (imp->table))
        continue;
      tries++;
      row = fold_row (imp->table);
      chosen = detect_profile (imp, candidates, row, error);
      if (chosen == NULL && error && *error)
        return FALSE;
      if (chosen == NULL && kind == THR_IMPORT_KIND_AUTO && profile == NULL)
        {
          const KindSpec *spec = _thr_import_kind_by_marker (row);
          chosen = canonical = spec ? canonical_profile (spec, NULL) : NULL;
        }
      if (chosen != NULL)
        {
          if (skipped->len > 0)
            _thr_import_note (imp, "skipped %s above the header (a title?)", skipped->str);
          return use_header (imp, g_steal_pointer (&row), thr_sheet_reader_get_row (imp->table), chosen, error);
        }
      {
        g_autoptr(GPtrArray) text = copy_row (imp->table);
        g_autofree char *excerpt = row_excerpt (text);
        g_string_append_printf (skipped, "%srow %u (%s)", skipped->len ? ", " : "",
                                thr_sheet_reader_get_row (imp->table), excerpt);
      }
      if (partial_score (candidates, kind != THR_IMPORT_KIND_AUTO || profile != NULL, row) > first_score)
        {
          first_score = partial_score (candidates, kind != THR_IMPORT_KIND_AUTO || profile != NULL, row);
          g_clear_pointer (&first, g_ptr_array_unref);
          g_clear_pointer (&first_text, g_ptr_array_unref);
          first = g_steal_pointer (&row);
          first_text = copy_row (imp->table);
          first_row = thr_sheet_reader_get_row (imp->table);
        }
    }
  if (error && *error)
    return FALSE;
  if (first == NULL)
    {
      g_set_error (error, THR_IMPORT_ERROR, THR_IMPORT_ERROR_INVALID,
                   "%s:1:1: the file is empty; expected a header row", thr_sheet_reader_get_path (imp->table));
      return FALSE;
    }
  if (candidates->len == 1 || (kind != THR_IMPORT_KIND_AUTO && profile == NULL))
    {
      /* The profile or the kind was chosen: say what the header lacks,
       * against Threshold's own columns when only the kind was. */
      g_autoptr(ThrProfile) canonical = candidates->len == 1 ? thr_profile_ref (g_ptr_array_index (candidates, 0))
                                                             : canonical_profile (_thr_import_find_kind (kind), error);

      if (canonical == NULL)
        return FALSE;
      imp->header_text = g_steal_pointer (&first_text);
      return use_header (imp, g_steal_pointer (&first), first_row, canonical, error);
    }
  g_set_error (error, THR_IMPORT_ERROR, THR_IMPORT_ERROR_PROFILE_UNKNOWN,
               "%s:%u:1: cannot tell what this file holds from its header",
               thr_sheet_reader_get_path (imp->table), first_row);
  return FALSE;
}

void
_thr_import_check_unmapped_values (Import *imp)
{
  if (imp->n_rows > SSN_SCAN_ROWS)
    return;
  for (guint k = 0; k < imp->unmapped->len; k++)
    {
      guint f = g_array_index (imp->unmapped, guint, k);

      if (f < thr_sheet_reader_get_n_fields (imp->table)
          && _thr_import_looks_like_ssn (thr_sheet_reader_get_field (imp->table, f)))
        {
          const char *name = f < imp->header_text->len ? g_ptr_array_index (imp->header_text, f) : "";

          _thr_import_note (imp, "dropped column %u %s: its values look like Social Security numbers", f + 1,
                            _thr_import_quote (imp, name));
          for (guint j = 0; j < imp->ignored->len; j++)
            if (g_str_equal (g_ptr_array_index (imp->ignored, j), name))
              g_ptr_array_remove_index (imp->ignored, j);
          g_array_remove_index (imp->unmapped, k--);
        }
    }
}
