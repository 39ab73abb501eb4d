/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-format.c — numbers, money, values, periods and relative dates for display
 *
 * One module for every front end: the window, the PDF documents and the
 * CLI's text output write a figure the same way, with the separators of
 * the number-format preference (the window's) or of LC_NUMERIC.
 */
#define G_LOG_DOMAIN "thr-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "thr-format.h"

static ThrNumberFormat number_format = THR_NUMBER_FORMAT_LOCALE;

gboolean
thr_format_number_format_from_string (const char      *nick,
                                      ThrNumberFormat *out)
{
  static const char *nicks[] = { "locale", "comma-point", "point-comma" };

  for (guint i = 0; nick != NULL && i < G_N_ELEMENTS (nicks); i++)
    if (g_str_equal (nick, nicks[i]))
      {
        *out = (ThrNumberFormat) i;
        return TRUE;
      }
  return FALSE;
}

void
thr_format_set_number_format (ThrNumberFormat format)
{
  number_format = format;
}

ThrNumberFormat
thr_format_get_number_format (void)
{
  return number_format;
}

/* The decimal mark and the thousands separator.  A locale that groups
 * nothing (C, POSIX) still gets a separator, the one that differs from its
 * decimal mark: "1234567.89" is hard to read in a money column. */
static void
separators (const char **decimal,
            const char **thousands)
{
  const struct lconv *conv;

  switch (number_format)
    {
    case THR_NUMBER_FORMAT_COMMA_POINT:
      *decimal = ".", *thousands = ",";
      return;
    case THR_NUMBER_FORMAT_POINT_COMMA:
      *decimal = ",", *thousands = ".";
      return;
    case THR_NUMBER_FORMAT_LOCALE:
    default:
      conv = localeconv ();
      *decimal = conv->decimal_point && conv->decimal_point[0] ? conv->decimal_point : ".";
      *thousands = conv->thousands_sep && conv->thousands_sep[0] ? conv->thousands_sep
                   : g_str_equal (*decimal, ",") ? "." : ",";
      return;
    }
}

/* Digits as g_ascii_formatd writes them ("-1234.50"), regrouped. */
static void
append_grouped (GString    *out,
                const char *ascii)
{
  const char *decimal, *thousands;
  const char *point = strchr (ascii, '.');
  gsize len = point ? (gsize) (point - ascii) : strlen (ascii);

  separators (&decimal, &thousands);
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, thousands);
      g_string_append_c (out, ascii[i]);
    }
  if (point != NULL)
    {
      g_string_append (out, decimal);
      g_string_append (out, point + 1);
    }
}

char *
thr_format_number (double value,
                   int    decimals)
{
  GString *out = g_string_new (NULL);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE + 32];

  if (!isfinite (value))
    return g_string_free (out, FALSE);
  if (decimals < 0)
    {
      /* As many as the value needs, up to 6, without trailing zeros. */
      g_ascii_formatd (buffer, sizeof buffer, "%.6f", fabs (value));
      if (strchr (buffer, '.') != NULL)
        {
          char *end = buffer + strlen (buffer) - 1;

          while (*end == '0')
            *end-- = '\0';
          if (*end == '.')
            *end = '\0';
        }
    }
  else
    {
      g_autofree char *format = g_strdup_printf ("%%.%df", MIN (decimals, 10));

      g_ascii_formatd (buffer, sizeof buffer, format, fabs (value));
    }
  /* No "−0": a value that rounds to zero has no sign. */
  if (value < 0 && strspn (buffer, "0.") != strlen (buffer))
    g_string_append (out, "−");
  append_grouped (out, buffer);
  return g_string_free (out, FALSE);
}

char *
thr_format_number_example (ThrNumberFormat format)
{
  ThrNumberFormat kept = number_format;
  char *text;

  number_format = format;
  text = thr_format_number (1234.56, 2);
  number_format = kept;
  return text;
}

char *
thr_format_money (gint64 cents)
{
  GString *out = g_string_new (NULL);
  guint64 magnitude = cents < 0 ? (guint64) -(cents + 1) + 1 : (guint64) cents;
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT ".%02u", magnitude / 100,
                                             (guint) (magnitude % 100));

  if (cents < 0)
    g_string_append (out, "−");
  g_string_append_c (out, '$');
  append_grouped (out, digits);
  return g_string_free (out, FALSE);
}

char *
thr_format_value (ThrUnit unit,
                  double  value)
{
  g_autofree char *number = NULL;

  switch (unit)
    {
    case THR_UNIT_PERCENT:
      number = thr_format_number (value, 2);
      return g_strdup_printf ("%s %%", number);
    case THR_UNIT_SECONDS:
      number = thr_format_number (value, value == floor (value) ? 0 : 1);
      /* Translators: a duration in seconds, "12.5 s" */
      return g_strdup_printf (_("%s s"), number);
    case THR_UNIT_DOLLARS:
      return thr_format_money ((gint64) llround (value * 100));
    case THR_UNIT_COUNT:
    default:
      return thr_format_number (value, -1);
    }
}

/* Far dates in the largest whole unit: "7 years overdue", not "2772
 * days overdue"; a month counts as 30 days and a year as 365 here, which
 * is all a reader needs of a date that far away. */
static char *
format_span (guint64  days,
             gboolean ahead,
             gboolean overdue_wording)
{
  if (days >= 730)
    {
      gulong years = days / 365;

      if (ahead)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %lu year", "in %lu years", years), years);
      if (overdue_wording)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu year overdue", "%lu years overdue", years), years);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu year ago", "%lu years ago", years), years);
    }
  else
    {
      gulong months = days / 30;

      if (ahead)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %lu month", "in %lu months", months), months);
      if (overdue_wording)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu month overdue", "%lu months overdue", months),
                                months);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu month ago", "%lu months ago", months), months);
    }
}

char *
thr_format_relative_day (guint32  day,
                         guint32  today,
                         gboolean overdue_wording)
{
  gint64 delta = (gint64) day - (gint64) today;

  if (delta >= 60 || delta <= -60)
    return format_span ((guint64) ABS (delta), delta > 0, overdue_wording);
  if (delta == 0)
    return g_strdup (_("today"));
  if (delta == 1)
    return g_strdup (_("tomorrow"));
  if (delta > 0)
    /* Translators: a deadline this many days ahead */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u day", "in %u days", (gulong) delta),
                            (guint) delta);
  if (overdue_wording)
    /* Translators: a deadline this many days past and not done */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day overdue", "%u days overdue", (gulong) -delta),
                            (guint) -delta);
  if (delta == -1)
    return g_strdup (_("yesterday"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day ago", "%u days ago", (gulong) -delta),
                          (guint) -delta);
}

