/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-export-ics.c — all-day events in an iCalendar file
 *
 * RFC 5545 as calendars read it: CRLF line ends, content lines folded at
 * 75 octets without splitting a UTF-8 character, TEXT values escaped,
 * dates as VALUE=DATE with an exclusive DTEND the day after.
 */
#define G_LOG_DOMAIN "thr-export"

#include "config.h"

#include "thr-export-ics.h"
#include "thr-period.h"

#define FOLD_OCTETS 75

ThrIcsEvent *
thr_ics_event_new (const char *uid,
                   const char *summary,
                   const char *description,
                   guint32     day,
                   guint       alarm_days)
{
  ThrIcsEvent *event;

  g_return_val_if_fail (uid != NULL, NULL);
  g_return_val_if_fail (summary != NULL, NULL);
  g_return_val_if_fail (day > 0, NULL);

  event = g_new0 (ThrIcsEvent, 1);
  event->uid = g_strdup (uid);
  event->summary = g_strdup (summary);
  event->description = g_strdup (description);
  event->day = day;
  event->alarm_days = alarm_days;
  return event;
}

void
thr_ics_event_free (ThrIcsEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->uid);
  g_free (event->summary);
  g_free (event->description);
  g_free (event->category);
  g_free (event->organizer);
  g_free (event);
}

/* TEXT values: backslash, semicolon and comma escaped, newlines as \n;
 * RFC 5545 allows no control character other than tab in a content line
 * (a stray one cut the line for some readers), so those are dropped, as
 * are bytes that are not UTF-8 and U+FFFE/U+FFFF. */
static char *
escape_text (const char *raw)
{
  g_autofree char *text = g_utf8_make_valid (raw, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if ((guchar) *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
        continue;
      if ((guchar) p[0] == 0xef && (guchar) p[1] == 0xbf && ((guchar) p[2] == 0xbe || (guchar) p[2] == 0xbf))
        {
          p += 2;
          continue;
        }
      if (*p == 0x7f)
        continue;
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case ';':  g_string_append (out, "\\;"); break;
        case ',':  g_string_append (out, "\\,"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': break;
        default:   g_string_append_c (out, *p); break;
        }
    }
  return g_string_free (out, FALSE);
}

/* One content line, folded: continuation lines start with a space, and a
 * fold never falls inside a multi-byte character. */
static void
append_line (GString    *out,
             const char *line)
{
  const char *p = line;
  gsize budget = FOLD_OCTETS;

  while (*p)
    {
      const char *next = g_utf8_next_char (p);
      gsize len = next - p;

      if (len > budget)
        {
          g_string_append (out, "\r\n ");
          budget = FOLD_OCTETS - 1;
        }
      g_string_append_len (out, p, len);
      budget -= len;
      p = next;
    }
  g_string_append (out, "\r\n");
}

static void
append_property (GString    *out,
                 const char *name,
                 const char *text)
{
  g_autofree char *escaped = escape_text (text);
  g_autofree char *line = g_strdup_printf ("%s:%s", name, escaped);

  append_line (out, line);
}

static char *
format_date (guint32 day)
{
  int y, m, d;

  thr_day_to_ymd (day, &y, &m, &d);
  return g_strdup_printf ("%04d%02d%02d", y, m, d);
}

static void
append_event (GString           *out,
              const ThrIcsEvent *event,
              const char        *stamp)
{
  g_autofree char *start = format_date (event->day);
  g_autofree char *end = format_date (event->day + 1);
  g_autofree char *line = NULL;

  append_line (out, "BEGIN:VEVENT");
  append_property (out, "UID", event->uid);
  line = g_strdup_printf ("DTSTAMP:%s", stamp);
  append_line (out, line);
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("DTSTART;VALUE=DATE:%s", start);
  append_line (out, line);
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("DTEND;VALUE=DATE:%s", end);
  append_line (out, line);
  g_clear_pointer (&line, g_free);
  /* RFC 5546 §3.2.1 requires one ORGANIZER in a published event, and
   * libical's iTIP check refuses the event without it. */
  if (event->organizer)
    {
      line = g_strdup_printf ("ORGANIZER;CN=Threshold:%s", event->organizer);
      append_line (out, line);
      g_clear_pointer (&line, g_free);
    }
  /* RFC 5545 §3.8.7.4: a client that imports the file again replaces
   * its copy of the event only when SEQUENCE grew. */
  line = g_strdup_printf ("SEQUENCE:%u", event->sequence);
  append_line (out, line);
  append_property (out, "SUMMARY", event->summary);
  if (event->description && *event->description)
    append_property (out, "DESCRIPTION", event->description);
  if (event->category)
    append_property (out, "CATEGORIES", event->category);
  append_line (out, "TRANSP:TRANSPARENT");
  if (event->alarm_days > 0)
    {
      /* Relative to the start of an all-day event, which is midnight:
       * 15 hours before it is 09:00 of the day before, when the office
       * opens, rather than midnight. */
      g_autofree char *trigger = g_strdup_printf ("TRIGGER:-PT%uH", event->alarm_days * 24 - 9);

      append_line (out, "BEGIN:VALARM");
      append_line (out, "ACTION:DISPLAY");
      append_line (out, trigger);
      append_property (out, "DESCRIPTION", event->summary);
      append_line (out, "END:VALARM");
    }
  append_line (out, "END:VEVENT");
}

char *
thr_ics_to_string (GPtrArray *events,
                   GDateTime *stamp)
{
  return thr_ics_to_string_named (events, NULL, stamp);
}

char *
thr_ics_to_string_named (GPtrArray  *events,
                         const char *calendar_name,
                         GDateTime  *stamp)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *stamp_text = NULL;
  GString *out;

  g_return_val_if_fail (events != NULL, NULL);
  g_return_val_if_fail (stamp != NULL, NULL);

  utc = g_date_time_to_utc (stamp);
  stamp_text = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
  out = g_string_new (NULL);
  append_line (out, "BEGIN:VCALENDAR");
  append_line (out, "VERSION:2.0");
  append_line (out, "PRODID:-//Threshold//Threshold " PACKAGE_VERSION "//EN");
  append_line (out, "CALSCALE:GREGORIAN");
  /* A published calendar, not a meeting request: clients subscribe to or
   * import it without asking anyone to accept. */
  append_line (out, "METHOD:PUBLISH");
  /* The name a client gives the imported calendar (Google, Apple, Outlook
   * read X-WR-CALNAME), so two contracts' deadlines are told apart. */
  if (calendar_name != NULL && *calendar_name != '\0')
    append_property (out, "X-WR-CALNAME", calendar_name);
  for (guint i = 0; i < events->len; i++)
    append_event (out, g_ptr_array_index (events, i), stamp_text);
  append_line (out, "END:VCALENDAR");
  return g_string_free (out, FALSE);
}

gboolean
thr_ics_write (GPtrArray   *events,
               GDateTime   *stamp,
               const char  *path,
               GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (events != NULL, FALSE);
  g_return_val_if_fail (stamp != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = thr_ics_to_string (events, stamp);
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}
