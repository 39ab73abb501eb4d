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

static gboolean
parse_time (const char **p,
            int         *seconds)
{
  int h, m, s = 0;

  if (!digits (p, 2, &h) || **p != ':')
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

gboolean
thr_value_parse_datetime (const char *text,
                    GTimeZone  *tz,
                    guint32    *day,
                    int        *seconds)
{
  const char *p = text;
  int y, mo, d, secs = -1, offset = 0;
  gboolean has_offset = FALSE;

  if (!digits (&p, 4, &y) || *p++ != '-' || !digits (&p, 2, &mo) || *p++ != '-' || !digits (&p, 2, &d))
    return FALSE;
  if (thr_day_from_ymd (y, mo, d) == 0)
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

  *day = thr_day_from_ymd (y, mo, d);
  *seconds = secs;
  return TRUE;
}

gboolean
thr_value_parse_number (const char *text,
                  double     *out)
{
  char *end = NULL;

  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  *out = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*out);
}

gboolean
thr_value_parse_cents (const char *text,
                 gint64     *out)
{
  const char *p = text;
  gboolean negative = FALSE;
  gint64 whole = 0;
  int frac = 0, n_frac = 0;

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
