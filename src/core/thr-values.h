/* thr-values.h — values as they are written in imported files */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "2018-04-30", "2018-04-30 13:05", "2018-04-30T13:05:09", with an optional
 * "Z" or "±HH:MM" that is converted to the contract's time zone.  *seconds
 * is -1 when no time was given. */
gboolean thr_value_parse_datetime (const char *text,
                             GTimeZone  *tz,
                             guint32    *day,
                             int        *seconds);
/* A plain decimal number; the whole text must be consumed. */
gboolean thr_value_parse_number   (const char *text,
                             double     *out);
/* Dollars with at most two decimals, as integer cents, never via a double. */
gboolean thr_value_parse_cents    (const char *text,
                             gint64     *out);
char    *thr_value_format_cents   (gint64      cents);

G_END_DECLS
