/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-import-cells.c — reading and binding one cell's value
 *
 * Called once per field of every row, so nothing here allocates unless a
 * value must be hashed: the text is the reader's own buffer, bound with
 * SQLITE_TRANSIENT.  An empty cell is missing, never zero.
 */
#define G_LOG_DOMAIN "thr-import"

#include <math.h>
#include <string.h>

#include "thr-import-private.h"
#include "thr-values.h"

static const char *
source_name (Import *imp,
             guint   i)
{
  int c = imp->col[i];

  if (c >= 0 && (guint) c < imp->header_text->len && *(char *) g_ptr_array_index (imp->header_text, c))
    return g_ptr_array_index (imp->header_text, c);
  return imp->spec->columns[i].name;
}

/* The text of spec column i in the current row, after the profile's code
 * translation; NULL when the file has no such column or the cell is empty. */
const char *
_thr_import_cell (Import *imp,
                  guint   i)
{
  int c = imp->col[i];
  const char *text;

  if (c == COL_CONSTANT)
    return imp->pcol[i]->constant;
  if (c < 0 || (guint) c >= imp->n_fields)
    return NULL;
  text = thr_sheet_reader_get_field (imp->table, c);
  if (*text == '\0')
    return NULL;
  if (imp->pcol[i] != NULL && imp->pcol[i]->map != NULL)
    {
      const char *mapped = g_hash_table_lookup (imp->pcol[i]->map, text);
      if (mapped != NULL)
        return mapped;
    }
  return text;
}

ThrCellKind
_thr_import_cell_kind (Import *imp,
                       guint   i)
{
  int c = imp->col[i];

  if (c < 0 || (guint) c >= imp->n_fields)
    return THR_CELL_TEXT;
  return thr_sheet_reader_get_field_kind (imp->table, c);
}

/* The period label of spec column i as the user sees it: a month kept as
 * a date cell (shown "Apr 2018", holding 2018-04-01) is that month, and
 * a date cell in a weekly column the week (Sunday to Saturday) that holds
 * it.  Any other cell is read as written. */
const char *
_thr_import_period_label (Import        *imp,
                          guint          i,
                          ThrPeriodKind  kind)
{
  const char *text = _thr_import_cell (imp, i);
  g_autofree char *date = NULL;
  ThrPeriod period;
  guint32 day;

  if (text == NULL || _thr_import_cell_kind (imp, i) != THR_CELL_DATE
      || (kind != THR_PERIOD_MONTH && kind != THR_PERIOD_WEEK))
    return text;
  /* "2018-04-01" or "2018-04-01 08:00:00" */
  date = g_strndup (text, 10);
  if (!thr_day_parse_iso (date, &day))
    return text;
  thr_period_for_day (kind, day, &period);
  g_free (imp->period_label);
  imp->period_label = thr_period_format (&period);
  return imp->period_label;
}

const char *
_thr_import_required (Import *imp,
                      guint   i)
{
  const char *text = _thr_import_cell (imp, i);

  if (text == NULL)
    _thr_import_problem (imp, imp->col[i], "%s is empty; a value is required", _thr_import_quote (imp, source_name (imp, i)));
  return text;
}

static ThrValueFormat
format_of (Import *imp,
           guint   i)
{
  return imp->pcol[i] ? imp->pcol[i]->format : THR_VALUE_FORMAT_AUTO;
}

/* A number as the profile says it is written.  percent_field says the
 * field is a percentage on 0–100, the only case where "98.5%" or a
 * fraction is meaningful.  FALSE for a missing cell or a problem. */
gboolean
_thr_import_number (Import   *imp,
                    guint     i,
                    gboolean  percent_field,
                    double   *out)
{
  const char *text = _thr_import_cell (imp, i);
  ThrValueFormat format = format_of (imp, i);
  gboolean percent = FALSE;

  if (text == NULL)
    return FALSE;
  if (_thr_import_cell_kind (imp, i) == THR_CELL_TIME_NO_SECONDS)
    {
      /* Typed "1:05" for a 65-second wait, a spreadsheet keeps 1 h 05 min:
       * 3,900 s.  Which was meant cannot be known, so it is not guessed. */
      g_autofree char *shown = g_strndup (text, strlen (text) > 3 ? strlen (text) - 3 : strlen (text));
      double seconds = 0;

      thr_value_parse_duration (text, &seconds);
      _thr_import_problem (imp, imp->col[i], "%s is formatted as hours and minutes (h:mm), so it reads as %.0f s; "
                           "if it means minutes and seconds, format column %s as mm:ss or [m]:ss, or write seconds",
                           _thr_import_quote (imp, shown), seconds, _thr_import_quote (imp, source_name (imp, i)));
      return FALSE;
    }
  if (format == THR_VALUE_FORMAT_DURATION)
    {
      if (thr_value_parse_duration (text, out))
        return TRUE;
      _thr_import_problem (imp, imp->col[i], "%s is not a duration (expected seconds, mm:ss or hh:mm:ss; column %s)",
                           _thr_import_quote (imp, text), _thr_import_quote (imp, source_name (imp, i)));
      return FALSE;
    }
  if (!thr_value_parse_amount (text, out, &percent))
    {
      _thr_import_problem (imp, imp->col[i], "%s is not a number (column %s)", _thr_import_quote (imp, text),
                           _thr_import_quote (imp, source_name (imp, i)));
      return FALSE;
    }
  if (percent && !percent_field)
    {
      _thr_import_problem (imp, imp->col[i], "%s is a percentage, but column %s holds a count or an amount",
                           _thr_import_quote (imp, text), _thr_import_quote (imp, source_name (imp, i)));
      return FALSE;
    }
  /* The profile, not the row, says whether 0.985 means 98.5 %. */
  if (percent_field && !percent && format == THR_VALUE_FORMAT_FRACTION)
    *out *= 100.0;
  return TRUE;
}

gboolean
_thr_import_bind_number (Import *imp,
                         guint   i,
                         int     param,
                         double *out)
{
  double v;

  if (!_thr_import_number (imp, i, FALSE, &v))
    {
      thr_store_inserter_set_null (imp->insert, param);
      return FALSE;
    }
  thr_store_inserter_set_double (imp->insert, param, v);
  if (out)
    *out = v;
  return TRUE;
}

/* A digit 0–9, full-width too (U+FF10–U+FF19), or -1. */
static int
digit_at (const char  *p,
          const char **next)
{
  gunichar c = g_utf8_get_char_validated (p, -1);

  *next = g_utf8_next_char (p);
  if (c >= '0' && c <= '9')
    return (int) (c - '0');
  if (c >= 0xff10 && c <= 0xff19)
    return (int) (c - 0xff10);
  return -1;
}

/* A separator between the groups: hyphen, space, dot, or their
 * full-width and typographic forms; 0 for anything else. */
static gunichar
separator_at (const char  *p,
              const char **next)
{
  gunichar c = g_utf8_get_char_validated (p, -1);

  *next = g_utf8_next_char (p);
  switch (c)
    {
    case '-': case 0xff0d: case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
      return '-';
    case ' ': case 0x3000: case 0xa0:
      return ' ';
    case '.': case 0xff0e:
      return '.';
    default:
      return 0;
    }
}

/* ddd-dd-dddd at p, with one separator used twice, and no digit right
 * after it. */
static gboolean
ssn_at (const char *p)
{
  static const int groups[] = { 3, 2, 4 };
  gunichar sep = 0;

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      for (int k = 0; k < groups[g]; k++)
        if (digit_at (p, &p) < 0)
          return FALSE;
      if (g < 2)
        {
          gunichar s = separator_at (p, &p);

          if (s == 0 || (sep != 0 && s != sep))
            return FALSE;
          sep = s;
        }
    }
  return *p == '\0' || digit_at (p, &p) < 0;
}

/* A Social Security number anywhere in the text: "123-45-6789", "SSN 123
 * 45 6789 on file", in full-width digits.  Nine digits without
 * separators are not taken (ids and phone numbers look the same). */
gboolean
_thr_import_looks_like_ssn (const char *text)
{
  gboolean after_digit = FALSE;
  const char *next;

  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p; p = next)
    {
      gboolean digit = digit_at (p, &next) >= 0;

      if (digit && !after_digit && ssn_at (p))
        return TRUE;
      after_digit = digit;
    }
  return FALSE;
}

void
_thr_import_bind_text (Import *imp,
                       guint   i,
                       int     param)
{
  const char *text = _thr_import_cell (imp, i);

  if (text == NULL)
    thr_store_inserter_set_null (imp->insert, param);
  else if (imp->pcol[i] != NULL && imp->pcol[i]->hash)
    {
      /* Keyed, so the digests of the few hundred million possible SSNs
       * cannot be tabulated by someone holding only the store. */
      g_autofree char *digest = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) imp->hash_key,
                                                           strlen (imp->hash_key), text, -1);
      g_autofree char *short_digest = g_strdup_printf ("h:%.20s", digest);

      thr_store_inserter_set_text_copy (imp->insert, param, short_digest);
    }
  else if (_thr_import_looks_like_ssn (text))
    _thr_import_problem (imp, imp->col[i], "the value (not shown) looks like a Social Security number, which Threshold "
                         "does not store; have the profile hash or drop column %s", _thr_import_quote (imp, source_name (imp, i)));
  else
    /* The reader's buffer holds until the row is inserted. */
    thr_store_inserter_set_text (imp->insert, param, text);
}

static gboolean
parse_date_cell (Import     *imp,
                 guint       i,
                 const char *text,
                 guint32    *day,
                 int        *seconds)
{
  double serial;

  if (thr_value_parse_datetime (text, imp->tz, day, seconds))
    return TRUE;
  /* Excel serials only where the profile or the workbook says dates may
   * be numbers, so a stray number in a CSV date column is still refused. */
  if ((format_of (imp, i) == THR_VALUE_FORMAT_EXCEL_DATE || thr_sheet_reader_is_workbook (imp->table))
      && thr_value_parse_number (text, &serial) && serial >= 1
      && thr_value_from_excel_serial (serial, thr_sheet_reader_get_date1904 (imp->table), day, seconds))
    {
      if (serial == floor (serial))
        *seconds = -1;
      return TRUE;
    }
  return FALSE;
}

gboolean
_thr_import_bind_datetime (Import  *imp,
                           guint    i,
                           int      day_param,
                           guint32 *day_out)
{
  const char *text = _thr_import_cell (imp, i);
  guint32 day;
  int seconds;

  if (text == NULL)
    {
      thr_store_inserter_set_null (imp->insert, day_param);
      thr_store_inserter_set_null (imp->insert, day_param + 1);
      return FALSE;
    }
  if (!parse_date_cell (imp, i, text, &day, &seconds))
    {
      _thr_import_problem (imp, imp->col[i], "%s is not a valid date (expected YYYY-MM-DD, M/D/YYYY or 30-Apr-2018, "
                           "optionally with a time such as 13:05:09)", _thr_import_quote (imp, text));
      return FALSE;
    }
  if (day > imp->max_day)
    {
      _thr_import_problem (imp, imp->col[i], "%s is more than a year in the future; a typo in the year?",
                           _thr_import_quote (imp, text));
      return FALSE;
    }
  thr_store_inserter_set_int (imp->insert, day_param, day);
  if (seconds >= 0)
    thr_store_inserter_set_int (imp->insert, day_param + 1, seconds);
  else
    thr_store_inserter_set_null (imp->insert, day_param + 1);
  if (day_out)
    *day_out = day;
  return TRUE;
}

void
_thr_import_bind_common (Import *imp)
{
  thr_store_inserter_set_int (imp->insert, 1, imp->import_id);
  thr_store_inserter_set_int (imp->insert, 2, (int) thr_sheet_reader_get_row (imp->table));
}

gboolean
_thr_import_insert_row (Import *imp)
{
  if (imp->n_problems > 0 || imp->sql_error != NULL)
    return FALSE;
  if (!thr_store_inserter_insert (imp->store, imp->insert, &imp->last_record, &imp->sql_error))
    return FALSE;
  if (imp->first_record == 0)
    imp->first_record = imp->last_record;
  return TRUE;
}

/* A value within [-max, max] (or [0, max] for a count), and whole when
 * `whole`: a wait of 1e308 s, 2.5 applications or a count of 1e15 is
 * refused with the bound it broke. */
gboolean
_thr_import_check_bound (Import     *imp,
                         guint       i,
                         double      value,
                         double      max,
                         gboolean    whole,
                         const char *what)
{
  if (fabs (value) > max)
    {
      _thr_import_problem (imp, imp->col[i], "%g is not a plausible %s (at most %.0f; column %s)",
                           value, what, max, _thr_import_quote (imp, source_name (imp, i)));
      return FALSE;
    }
  if (whole && value != floor (value))
    {
      _thr_import_problem (imp, imp->col[i], "%g is not a whole number, but a %s is a count (column %s)",
                           value, what, _thr_import_quote (imp, source_name (imp, i)));
      return FALSE;
    }
  return TRUE;
}
