/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-calendar-names.c — the bundled calendars' names and holidays, for translators
 *
 * A calendar's name and its holidays' names are data, read from the
 * calendar file and kept as written (what the CLI prints and a calendar
 * export carries).  The window shows them in the user's language through
 * thr_calendar_translate(); xgettext does not read JSON, so the names of
 * the calendars that ship with Threshold are listed here for it, and
 * test-calendar checks that the list holds every one of them.
 */
#define G_LOG_DOMAIN "thr-calendar"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-calendar.h"

static const char * const bundled_names[] = {
  N_("State of Indiana"),
  N_("State of Missouri"),
  N_("New Year's Day"),
  N_("Martin Luther King Jr. Day"),
  N_("Lincoln Day"),
  N_("Lincoln's Birthday"),
  N_("Washington's Birthday"),
  N_("Good Friday"),
  N_("Primary Election Day"),
  N_("Truman Day"),
  N_("Memorial Day"),
  N_("Juneteenth"),
  N_("Independence Day"),
  N_("Labor Day"),
  N_("Columbus Day"),
  N_("General Election Day"),
  N_("Veterans Day"),
  N_("Thanksgiving Day"),
  N_("Christmas Day"),
  NULL
};

const char * const *
thr_calendar_get_bundled_names (void)
{
  return bundled_names;
}

const char *
thr_calendar_translate (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, name);
}
