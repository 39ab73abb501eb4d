/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ics-check.c — an iCalendar file as libical's strict parser reads it
 *
 *     ics-check FILE…
 *
 * Parses each file with libical (the parser of Evolution and GNOME
 * Calendar) and fails on any error it records (an X-LIC-ERROR property
 * anywhere: a bad value, a bad parameter, a line it could not read) and
 * on any iTIP restriction of the file's METHOD (RFC 5546) it breaks.  On
 * success prints "FILE: N events" for each file.  tests/check-ics.py runs
 * it on every calendar the CLI writes.
 */
#define G_LOG_DOMAIN "ics-check"

#include <glib.h>
#include <libical/ical.h>

static guint
count_errors_in (icalcomponent *component,
                 const char    *path)
{
  guint n = 0;

  for (icalproperty *p = icalcomponent_get_first_property (component, ICAL_XLICERROR_PROPERTY);
       p != NULL;
       p = icalcomponent_get_next_property (component, ICAL_XLICERROR_PROPERTY))
    {
      g_printerr ("%s: %s: %s\n", path, icalcomponent_kind_to_string (icalcomponent_isa (component)),
                  icalproperty_get_xlicerror (p));
      n++;
    }
  for (icalcomponent *c = icalcomponent_get_first_component (component, ICAL_ANY_COMPONENT);
       c != NULL;
       c = icalcomponent_get_next_component (component, ICAL_ANY_COMPONENT))
    n += count_errors_in (c, path);
  return n;
}

static gboolean
check_file (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  icalcomponent *calendar;
  gboolean ok = TRUE;
  int n_events;

  if (!g_file_get_contents (path, &text, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  calendar = icalparser_parse_string (text);
  if (calendar == NULL || icalcomponent_isa (calendar) != ICAL_VCALENDAR_COMPONENT)
    {
      g_printerr ("%s: not one VCALENDAR (%s)\n", path, icalerror_strerror (icalerrno));
      if (calendar)
        icalcomponent_free (calendar);
      return FALSE;
    }
  if (count_errors_in (calendar, path) > 0)
    ok = FALSE;
  /* The restrictions of the calendar's METHOD: for PUBLISH, one UID,
   * DTSTAMP, DTSTART, ORGANIZER and SUMMARY per event, and so on. */
  if (ok && !icalrestriction_check (calendar))
    {
      count_errors_in (calendar, path);
      ok = FALSE;
    }
  n_events = icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT);
  if (ok)
    g_print ("%s: %d events\n", path, n_events);
  icalcomponent_free (calendar);
  return ok;
}

int
main (int    argc,
      char **argv)
{
  gboolean ok = TRUE;

  if (argc < 2)
    {
      g_printerr ("usage: ics-check FILE…\n");
      return 2;
    }
  /* Errors are recorded in the tree, not raised. */
  icalerror_set_errors_are_fatal (0);
  for (int i = 1; i < argc; i++)
    ok &= check_file (argv[i]);
  return ok ? 0 : 1;
}
