/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-period.c — weeks, months, quarters and years as ranges of days */
#define G_LOG_DOMAIN "thr-period"

#include <string.h>

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-enum-nick.h"
#include "thr-period.h"
#include "thr-values.h"

G_DEFINE_BOXED_TYPE (ThrPeriod, thr_period, thr_period_copy, thr_period_free)

ThrPeriod *
thr_period_copy (const ThrPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);
  return g_memdup2 (period, sizeof *period);
}

void
thr_period_free (ThrPeriod *period)
{
  g_free (period);
}

G_DEFINE_QUARK (thr-period-error-quark, thr_period_error)

guint32
thr_day_from_ymd (int year,
                  int month,
                  int day)
{
  GDate date;

  if (!g_date_valid_dmy (day, month, year))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

/* GLib keeps a zone only while someone holds it, and reading a zone's
 * file costs about 2 M instructions: a window's opening asked for the
 * contract's zone six times and paid 13 M for them.  The zones asked for
 * are held here for the process's life (a handful: the contracts' zones),
 * so every later g_time_zone_new_identifier () finds GLib's. */
GTimeZone *
thr_time_zone_new (const char *identifier)
{
  G_LOCK_DEFINE_STATIC (held);
  static GHashTable *held;
  GTimeZone *tz;

  if (identifier == NULL)
    return g_time_zone_new_local ();
  tz = g_time_zone_new_identifier (identifier);
  if (tz == NULL)
    return NULL;
  G_LOCK (held);
  if (held == NULL)
    held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_time_zone_unref);
  if (!g_hash_table_contains (held, identifier))
    g_hash_table_insert (held, g_strdup (identifier), g_time_zone_ref (tz));
  G_UNLOCK (held);
  return tz;
}

/* Today's date where the contract is administered: a manager in
 * Indianapolis working at 20:00 is still on the day her deadlines are
 * counted in, whatever UTC says.  ZONE is an IANA identifier; NULL or one
 * this machine does not know means the machine's own zone. */
guint32
thr_day_today_in (const char *zone)
{
  g_autoptr(GTimeZone) tz = thr_time_zone_new (zone);
  g_autoptr(GDateTime) now = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_local ();
  now = g_date_time_new_now (tz);
  return thr_day_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                           g_date_time_get_day_of_month (now));
}

void
thr_day_to_ymd (guint32  day,
                int     *year,
                int     *month,
                int     *mday)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  if (year)
    *year = g_date_get_year (&date);
  if (month)
    *month = g_date_get_month (&date);
  if (mday)
    *mday = g_date_get_day (&date);
}

int
thr_day_weekday (guint32 day)
{
  /* Julian day 1 (0001-01-01) was a Monday. */
  return (int) ((day - 1) % 7) + 1;
}

guint32
thr_day_month_end (guint32 day)
{
  int y, m;

  thr_day_to_ymd (day, &y, &m, NULL);
  return thr_day_from_ymd (y, m, g_date_get_days_in_month (m, y));
}

guint32
thr_day_add_months (guint32 day,
                    int     months)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  if (months >= 0)
    g_date_add_months (&date, months);
  else
    g_date_subtract_months (&date, -months);
  return g_date_get_julian (&date);
}

char *
thr_day_format (guint32 day)
{
  int y, m, d;

  thr_day_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

static gboolean
parse_digits (const char *text,
              guint       n,
              int        *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }
  *out = value;
  return TRUE;
}

gboolean
thr_day_parse_iso (const char *text,
                   guint32    *day)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (!parse_digits (text, 4, &y) || !parse_digits (text + 5, 2, &m) || !parse_digits (text + 8, 2, &d))
    return FALSE;
  *day = thr_day_from_ymd (y, m, d);
  return *day != 0;
}

static void
set_month (int        year,
           int        month,
           int        n_months,
           ThrPeriodKind kind,
           ThrPeriod *out)
{
  guint32 first = thr_day_from_ymd (year, month, 1);

  out->kind = kind;
  out->first = first;
  out->last = thr_day_add_months (first, n_months) - 1;
}

void
thr_period_for_day (ThrPeriodKind  kind,
                    guint32        day,
                    ThrPeriod     *out)
{
  int y, m;

  g_return_if_fail (out != NULL);

  thr_day_to_ymd (day, &y, &m, NULL);
  switch (kind)
    {
    case THR_PERIOD_WEEK:
      out->kind = kind;
      out->first = day - (thr_day_weekday (day) % 7);   /* back to Sunday */
      out->last = out->first + 6;
      break;
    case THR_PERIOD_MONTH:
      set_month (y, m, 1, kind, out);
      break;
    case THR_PERIOD_QUARTER:
      set_month (y, ((m - 1) / 3) * 3 + 1, 3, kind, out);
      break;
    case THR_PERIOD_YEAR:
    default:
      set_month (y, 1, 12, THR_PERIOD_YEAR, out);
      break;
    }
}

gboolean
thr_period_parse (const char  *label,
                  ThrPeriod   *out,
                  GError     **error)
{
  gsize len;
  int y, m;
  guint32 day;

  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  len = strlen (label);
  if (len == 4 && parse_digits (label, 4, &y) && y >= 1900 && y <= 2200)
    {
      set_month (y, 1, 12, THR_PERIOD_YEAR, out);
      return TRUE;
    }
  if (len == 7 && label[4] == '-' && parse_digits (label, 4, &y) && y >= 1900 && y <= 2200)
    {
      if (label[5] == 'Q' && label[6] >= '1' && label[6] <= '4')
        {
          set_month (y, (label[6] - '1') * 3 + 1, 3, THR_PERIOD_QUARTER, out);
          return TRUE;
        }
      if (parse_digits (label + 5, 2, &m) && m >= 1 && m <= 12)
        {
          set_month (y, m, 1, THR_PERIOD_MONTH, out);
          return TRUE;
        }
    }
  if (thr_day_parse_iso (label, &day))
    {
      if (thr_day_weekday (day) != 7)
        {
          g_autofree char *quoted = thr_value_quote (label);

          g_set_error (error, THR_PERIOD_ERROR, 0,
                       "%s is not a Sunday: a week is labelled by the date of its Sunday", quoted);
          return FALSE;
        }
      thr_period_for_day (THR_PERIOD_WEEK, day, out);
      return TRUE;
    }

  {
    g_autofree char *quoted = thr_value_quote (label);

    g_set_error (error, THR_PERIOD_ERROR, 0,
                 "%s is not a period (expected YYYY-MM, YYYY-Qn, YYYY or the YYYY-MM-DD of a week’s Sunday)",
                 quoted);
  }
  return FALSE;
}

gboolean
thr_period_parse_kind (const char     *label,
                       ThrPeriodKind   kind,
                       ThrPeriod      *out,
                       GError        **error)
{
  if (!thr_period_parse (label, out, error))
    return FALSE;
  if (out->kind != kind)
    {
      g_autofree char *quoted = thr_value_quote (label);

      g_set_error (error, THR_PERIOD_ERROR, 0, "%s is not a %s", quoted, thr_period_kind_to_string (kind));
      return FALSE;
    }
  return TRUE;
}

char *
thr_period_format (const ThrPeriod *period)
{
  int y, m;

  g_return_val_if_fail (period != NULL, NULL);

  thr_day_to_ymd (period->first, &y, &m, NULL);
  switch (period->kind)
    {
    case THR_PERIOD_WEEK:
      return thr_day_format (period->first);
    case THR_PERIOD_MONTH:
      return g_strdup_printf ("%04d-%02d", y, m);
    case THR_PERIOD_QUARTER:
      return g_strdup_printf ("%04d-Q%d", y, (m - 1) / 3 + 1);
    case THR_PERIOD_YEAR:
    default:
      return g_strdup_printf ("%04d", y);
    }
}

/* Month names from the catalogue, not from the C library's locale: the
 * window and the documents in Spanish say "abril de 2018" even where only
 * C.UTF-8 is installed (a server, the Flatpak without the user's locale). */
static const char * const month_formats[] = {
  /* Translators: a month in words in documents; %d is the year */
  N_("January %d"), N_("February %d"), N_("March %d"), N_("April %d"),
  N_("May %d"), N_("June %d"), N_("July %d"), N_("August %d"),
  N_("September %d"), N_("October %d"), N_("November %d"), N_("December %d"),
};

static char *
format_month_words (int y,
                    int m)
{
  GString *words = g_string_new (NULL);
  g_autofree char *year = g_strdup_printf ("%d", y);

  /* The translated pattern is not a literal: its one "%d" is replaced
   * rather than handed to printf. */
  g_string_assign (words, g_dgettext (GETTEXT_PACKAGE, month_formats[m - 1]));
  g_string_replace (words, "%d", year, 1);
  return g_string_free (words, FALSE);
}

char *
thr_day_format_words (guint32 day)
{
  g_autofree char *month = NULL;
  int y, m, d;

  thr_day_to_ymd (day, &y, &m, &d);
  month = format_month_words (y, m);
  /* Translators: a day in words: the day of the month, then the month and
   * year in words ("1 December 2026"; Spanish "1 de diciembre de 2026") */
  return g_strdup_printf (_("%d %s"), d, month);
}

char *
thr_period_format_words (const ThrPeriod *period)
{
  g_autofree char *day = NULL;
  int y, m;

  g_return_val_if_fail (period != NULL, NULL);

  thr_day_to_ymd (period->first, &y, &m, NULL);
  switch (period->kind)
    {
    case THR_PERIOD_WEEK:
      day = thr_day_format_words (period->first);
      /* TRANSLATORS: a week from Sunday to Saturday, named by its Sunday: "week of 1 April 2018" */
      return g_strdup_printf (_("week of %s"), day);
    case THR_PERIOD_MONTH:
      return format_month_words (y, m);
    case THR_PERIOD_QUARTER:
      /* TRANSLATORS: a calendar quarter: "quarter 2 of 2018" */
      return g_strdup_printf (_("quarter %d of %d"), (m - 1) / 3 + 1, y);
    case THR_PERIOD_YEAR:
    default:
      return g_strdup_printf ("%d", y);
    }
}

char *
thr_period_label_to_words (const char *label)
{
  ThrPeriod period;

  if (label != NULL && thr_period_parse (label, &period, NULL))
    return thr_period_format_words (&period);
  return g_strdup (label ? label : "");
}

const char *
thr_period_kind_to_string (ThrPeriodKind kind)
{
  return thr_enum_to_nick (THR_TYPE_PERIOD_KIND, kind);
}

gboolean
thr_period_kind_from_string (const char    *str,
                             ThrPeriodKind *out)
{
  int value;

  if (!thr_enum_from_nick (THR_TYPE_PERIOD_KIND, str, &value))
    return FALSE;
  *out = (ThrPeriodKind) value;
  return TRUE;
}

void
thr_period_month_of_week (const ThrPeriod *week,
                          ThrPeriod       *month_out)
{
  g_return_if_fail (week->kind == THR_PERIOD_WEEK);
  thr_period_for_day (THR_PERIOD_MONTH, week->last, month_out);
}

void
thr_period_enclosing (ThrPeriodKind    kind,
                      const ThrPeriod *month,
                      ThrPeriod       *out)
{
  thr_period_for_day (kind, month->last, out);
}

GArray *
thr_period_weeks_of_month (const ThrPeriod *month)
{
  GArray *weeks = g_array_new (FALSE, FALSE, sizeof (ThrPeriod));
  guint32 saturday = month->first + (6 - thr_day_weekday (month->first) + 7) % 7;

  /* A week belongs to the month that holds its Saturday. */
  for (; saturday <= month->last; saturday += 7)
    {
      ThrPeriod week = { THR_PERIOD_WEEK, saturday - 6, saturday };
      g_array_append_val (weeks, week);
    }
  return weeks;
}

void
thr_period_next (const ThrPeriod *period,
                 ThrPeriod       *out)
{
  thr_period_for_day (period->kind, period->last + 1, out);
}

void
thr_period_previous (const ThrPeriod *period,
                     ThrPeriod       *out)
{
  thr_period_for_day (period->kind, period->first - 1, out);
}

gboolean
thr_period_is_last_month (const ThrPeriod *period,
                          const ThrPeriod *month)
{
  return month->last == period->last;
}

int
thr_period_compare (const ThrPeriod *a,
                    const ThrPeriod *b)
{
  if (a->first != b->first)
    return a->first < b->first ? -1 : 1;
  if (a->last != b->last)
    return a->last < b->last ? -1 : 1;
  return 0;
}

/* The kind as a word for people, translated ("judged per month");
 * thr_period_kind_to_string() gives the fixed word of files and JSON. */
const char *
thr_period_kind_get_label (ThrPeriodKind kind)
{
  switch (kind)
    {
    case THR_PERIOD_WEEK: return C_("period", "week");
    case THR_PERIOD_MONTH: return C_("period", "month");
    case THR_PERIOD_QUARTER: return C_("period", "quarter");
    case THR_PERIOD_YEAR: return C_("period", "year");
    default: g_return_val_if_fail (kind <= THR_PERIOD_YEAR, NULL);
    }
  return NULL;
}
