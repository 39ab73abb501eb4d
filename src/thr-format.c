/* thr-format.c — money and relative dates as the window shows them */
#define G_LOG_DOMAIN "thr-format"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "thr-format.h"

char *
thr_format_money (gint64 cents)
{
  GString *out = g_string_new (NULL);
  guint64 magnitude = cents < 0 ? (guint64) -(cents + 1) + 1 : (guint64) cents;
  g_autofree char *whole = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / 100);
  gsize len = strlen (whole);

  if (cents < 0)
    g_string_append (out, "−");
  g_string_append_c (out, '$');
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, whole[i]);
    }
  g_string_append_printf (out, ".%02u", (guint) (magnitude % 100));
  return g_string_free (out, FALSE);
}

char *
thr_format_relative_day (guint32  day,
                         guint32  today,
                         gboolean overdue_wording)
{
  gint64 delta = (gint64) day - (gint64) today;

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
