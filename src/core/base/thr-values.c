/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-values.c — values as they are written in imported files */
#define G_LOG_DOMAIN "thr-values"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "thr-period.h"
#include "thr-values.h"

static gboolean
digits (const char **p,
        guint        n,
        int         *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

/* Up to max digits, at least one. */
static gboolean
some_digits (const char **p,
             guint        max,
             int         *out)
{
  guint n = 0;
  int v = 0;

  while (n < max && g_ascii_isdigit ((*p)[n]))
    v = v * 10 + ((*p)[n++] - '0');
  *p += n;
  *out = v;
  return n > 0;
}

/* "13:05", "13:05:09", "13:05:09.250", "1:05:09 PM". */
static gboolean
parse_time (const char **p,
            int         *seconds)
{
  int h, m, s = 0;

  if (!some_digits (p, 2, &h) || **p != ':')
    return FALSE;
  (*p)++;
  if (!digits (p, 2, &m))
    return FALSE;
  if (**p == ':')
    {
      (*p)++;
      if (!digits (p, 2, &s))
        return FALSE;
      /* Fractions of a second say nothing about a deadline. */
      if (**p == '.')
        for ((*p)++; g_ascii_isdigit (**p); (*p)++)
          ;
    }
  if (**p == ' ' && (g_ascii_toupper ((*p)[1]) == 'A' || g_ascii_toupper ((*p)[1]) == 'P')
      && g_ascii_toupper ((*p)[2]) == 'M')
    {
      gboolean pm = g_ascii_toupper ((*p)[1]) == 'P';

      if (h < 1 || h > 12)
        return FALSE;
      h = (h % 12) + (pm ? 12 : 0);
      *p += 3;
    }
  if (h > 23 || m > 59 || s > 59)
    return FALSE;
  *seconds = h * 3600 + m * 60 + s;
  return TRUE;
}

/* Parses "Z" or "±HH:MM"/"±HHMM"; *offset in seconds east of UTC. */
static gboolean
parse_offset (const char **p,
              gboolean    *has_offset,
              int         *offset)
{
  int sign, h, m = 0;

  *has_offset = FALSE;
  if (**p == 'Z')
    {
      (*p)++;
      *has_offset = TRUE;
      *offset = 0;
      return TRUE;
    }
  if (**p != '+' && **p != '-')
    return TRUE;
  sign = **p == '-' ? -1 : 1;
  (*p)++;
  if (!digits (p, 2, &h))
    return FALSE;
  if (**p == ':')
    (*p)++;
  if (g_ascii_isdigit (**p) && !digits (p, 2, &m))
    return FALSE;
  *has_offset = TRUE;
  *offset = sign * (h * 3600 + m * 60);
  return TRUE;
}

static gboolean
to_local (GTimeZone *tz,
          int        y, int mo, int d,
          int        seconds,
          int        offset,
          guint32   *day,
          int       *local_seconds)
{
  g_autoptr(GTimeZone) source = g_time_zone_new_offset (offset);
  g_autoptr(GDateTime) at = g_date_time_new (source, y, mo, d, seconds / 3600, (seconds / 60) % 60, seconds % 60);
  g_autoptr(GDateTime) local = NULL;

  if (at == NULL)
    return FALSE;
  local = g_date_time_to_timezone (at, tz);
  *day = thr_day_from_ymd (g_date_time_get_year (local), g_date_time_get_month (local),
                           g_date_time_get_day_of_month (local));
  *local_seconds = g_date_time_get_hour (local) * 3600 + g_date_time_get_minute (local) * 60
                   + g_date_time_get_second (local);
  return TRUE;
}

/* Rows come in date order, so most dates are the previous row's: remember
 * the last conversion (per thread) rather than ask GDate again. */
static guint32
day_from_ymd_cached (int y,
                     int m,
                     int d)
{
  static _Thread_local int last_y, last_m, last_d;
  static _Thread_local guint32 last_day;

  if (y != last_y || m != last_m || d != last_d)
    {
      last_day = thr_day_from_ymd (y, m, d);
      last_y = y;
      last_m = m;
      last_d = d;
    }
  return last_day;
}

static int
month_from_abbreviation (const char *p)
{
  static const char *names[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                 "jul", "aug", "sep", "oct", "nov", "dec" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strncasecmp (p, names[i], 3) == 0)
      return (int) i + 1;
  return 0;
}

/* The date part: "2018-04-30", "4/30/2018" (US order, as the contractors'
 * systems write it) or "30-Apr-2018". */
static gboolean
parse_date (const char **p,
            int         *y,
            int         *mo,
            int         *d,
            guint32     *day)
{
  const char *q = *p;

  if (digits (&q, 4, y) && *q == '-')
    {
      q++;
      if (!digits (&q, 2, mo) || *q++ != '-' || !digits (&q, 2, d))
        return FALSE;
    }
  else
    {
      q = *p;
      if (!some_digits (&q, 2, d))
        return FALSE;
      if (*q == '/')
        {
          *mo = *d;
          q++;
          if (!some_digits (&q, 2, d) || *q++ != '/' || !digits (&q, 4, y))
            return FALSE;
        }
      else if (*q == '-' && (*mo = month_from_abbreviation (q + 1)) > 0 && q[4] == '-')
        {
          q += 5;
          if (!digits (&q, 4, y))
            return FALSE;
        }
      else
        return FALSE;
    }
  *p = q;
  *day = day_from_ymd_cached (*y, *mo, *d);
  return *day != 0;
}

gboolean
thr_value_parse_datetime (const char *text,
                          GTimeZone  *tz,
                          guint32    *day,
                          int        *seconds)
{
  const char *p = text;
  int y, mo, d, secs = -1, offset = 0;
  gboolean has_offset = FALSE;
  guint32 date;

  if (!parse_date (&p, &y, &mo, &d, &date))
    return FALSE;
  if (*p == ' ' || *p == 'T')
    {
      p++;
      if (!parse_time (&p, &secs) || !parse_offset (&p, &has_offset, &offset))
        return FALSE;
    }
  if (*p != '\0')
    return FALSE;

  if (has_offset && tz != NULL)
    return to_local (tz, y, mo, d, secs, offset, day, seconds);

  *day = date;
  *seconds = secs;
  return TRUE;
}

gboolean
thr_value_from_excel_serial (double    serial,
                             gboolean  date1904,
                             guint32  *day,
                             int      *seconds)
{
  double whole = floor (serial);
  int secs = (int) floor ((serial - whole) * 86400.0 + 0.5);
  gint64 n = (gint64) whole;

  if (!isfinite (serial) || serial < 0 || serial > 2958465.0)
    return FALSE;
  if (secs >= 86400)
    {
      secs -= 86400;
      n++;
    }
  if (date1904)
    n += thr_day_from_ymd (1904, 1, 1);
  else if (n == 60)
    return FALSE;   /* 1900-02-29, which Lotus 1-2-3 believed in and Excel kept */
  else if (n < 60)
    n += thr_day_from_ymd (1899, 12, 31);
  else
    n += thr_day_from_ymd (1899, 12, 30);
  *day = (guint32) n;
  *seconds = secs;
  return TRUE;
}

gboolean
thr_value_parse_duration (const char *text,
                          double     *seconds)
{
  const char *p = text;
  int parts[3], n = 0;

  if (text == NULL || *text == '\0')
    return FALSE;
  if (strchr (text, ':') == NULL)
    return thr_value_parse_number (text, seconds) && *seconds >= 0;
  for (;;)
    {
      if (n == 3 || !some_digits (&p, n == 0 ? 6 : 2, &parts[n]))
        return FALSE;
      n++;
      if (*p != ':')
        break;
      p++;
    }
  if (*p != '\0' || n < 2 || parts[n - 1] > 59 || (n == 3 && parts[1] > 59))
    return FALSE;
  *seconds = n == 2 ? parts[0] * 60.0 + parts[1] : parts[0] * 3600.0 + parts[1] * 60.0 + parts[2];
  return TRUE;
}

/* Copies text without a leading "$", thousands separators and a trailing
 * "%", checking that separators fall every three digits.  Parentheses, as
 * accountants write negatives, become a minus sign. */
static gboolean
strip_decorations (const char *text,
                   char       *buf,
                   gsize       size,
                   gboolean   *percent)
{
  const char *p = text, *end = text + strlen (text);
  gboolean negative = FALSE, seen_comma = FALSE, in_fraction = FALSE;
  guint group = 0;   /* digits since the last separator */
  gsize n = 0;

  *percent = FALSE;
  while (p < end && *p == ' ')
    p++;
  while (end > p && end[-1] == ' ')
    end--;
  if (p < end && *p == '(' && end[-1] == ')')
    {
      negative = TRUE;
      p++;
      end--;
    }
  if (end > p && end[-1] == '%')
    {
      *percent = TRUE;
      end--;
    }
  if (p < end && *p == '-')
    {
      negative = !negative;
      p++;
    }
  if (p < end && *p == '$')
    p++;
  if (negative)
    buf[n++] = '-';
  for (; p < end && n + 1 < size; p++)
    {
      if (*p == ',')
        {
          if (in_fraction || group == 0 || (seen_comma && group != 3) || group > 3)
            return FALSE;
          seen_comma = TRUE;
          group = 0;
          continue;
        }
      if (*p == '.')
        {
          if (seen_comma && group != 3)
            return FALSE;
          in_fraction = TRUE;
          seen_comma = FALSE;
        }
      else
        group++;
      buf[n++] = *p;
    }
  if (p < end || (seen_comma && group != 3))
    return FALSE;
  buf[n] = '\0';
  return n > (gsize) negative;
}

gboolean
thr_value_parse_amount (const char *text,
                        double     *out,
                        gboolean   *percent)
{
  char buf[64];
  gboolean pct;

  if (text == NULL || !strip_decorations (text, buf, sizeof buf, &pct))
    return FALSE;
  if (!thr_value_parse_number (buf, out))
    return FALSE;
  if (percent)
    *percent = pct;
  else if (pct)
    return FALSE;
  return TRUE;
}

gboolean
thr_value_parse_number (const char *text,
                        double     *out)
{
  char *end = NULL;
  gint64 whole = 0;
  const char *p = text;

  /* Whole numbers of up to 15 digits, most of what is imported, are exact
   * in a double: no need for strtod and its locale handling. */
  if (text != NULL)
    {
      for (; g_ascii_isdigit (*p) && p - text < 15; p++)
        whole = whole * 10 + (*p - '0');
      if (*p == '\0' && p > text)
        {
          *out = (double) whole;
          return TRUE;
        }
    }

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  /* strtod also reads C's hexadecimal ("0x10" is 16, "0x1p4" too), which
   * no report writes: a cell holding one is a mistake, not a number. */
  if (strpbrk (text, "xX") != NULL)
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*out);
}

gboolean
thr_value_parse_cents (const char *text,
                       gint64     *out)
{
  char buf[64];
  gboolean percent;
  const char *p = buf;
  gboolean negative = FALSE;
  gint64 whole = 0;
  int frac = 0, n_frac = 0;

  if (!strip_decorations (text, buf, sizeof buf, &percent) || percent)
    return FALSE;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      if (whole > G_MAXINT64 / 1000)
        return FALSE;
      whole = whole * 10 + (*p - '0');
    }
  /* whole * 100 + 99 must fit: 92233720368547759.99 would not. */
  if (whole > (G_MAXINT64 - 99) / 100)
    return FALSE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++, n_frac++)
      {
        if (n_frac >= 2)
          return FALSE;
        frac = frac * 10 + (*p - '0');
      }
  if (*p != '\0')
    return FALSE;
  if (n_frac == 1)
    frac *= 10;
  *out = (whole * 100 + frac) * (negative ? -1 : 1);
  return TRUE;
}

char *
thr_value_format_cents (gint64 cents)
{
  gint64 a = cents < 0 ? -cents : cents;

  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d", cents < 0 ? "-" : "",
                          a / 100, (int) (a % 100));
}

char *
thr_value_quote (const char *text)
{
  const char *end;

  if (text == NULL)
    text = "";
  /* Invalid bytes are shown as U+FFFD rather than cut into a message. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      return thr_value_quote (valid);
    }
  if (g_utf8_strlen (text, THR_VALUE_QUOTE_MAX_CHARS * 4 + 4) <= THR_VALUE_QUOTE_MAX_CHARS)
    return g_strdup_printf ("“%s”", text);
  end = g_utf8_offset_to_pointer (text, THR_VALUE_QUOTE_MAX_CHARS);
  return g_strdup_printf ("“%.*s…”", (int) (end - text), text);
}
