/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-store-check-normalize.c — a schema statement spelled one way
 *
 * Apart from thr-store-check.c so that the build's own program
 * (thr-store-schema-rows.c) spells the reference rows exactly as the
 * opening spells a file's.  GLib only: that program runs on the build
 * machine.
 */
#include <string.h>

#include "thr-store-check-normalize.h"

static gboolean
is_identifier (const char *start,
               gsize       len)
{
  if (len == 0 || !(g_ascii_isalpha (start[0]) || start[0] == '_'))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!(g_ascii_isalnum (start[i]) || start[i] == '_'))
      return FALSE;
  return TRUE;
}

/* The same statement as SQLite keeps it, spelled one way: runs of white
 * space become one space (none beside punctuation), and "tasks" becomes
 * tasks — ALTER TABLE … RENAME quotes the new name, and a store upgraded
 * by an older SQLite may quote differently.  Only a plain identifier
 * loses its quotes, so "value REAL" (one column of that name) never reads
 * as the column value of type REAL.  String literals are kept as they are. */
char *
_thr_store_normalize_sql (const char *sql)
{
  GString *out = g_string_new (NULL);
  gboolean pending_space = FALSE;

  for (const char *p = sql; p != NULL && *p != '\0';)
    {
      if (g_ascii_isspace (*p))
        {
          pending_space = TRUE;
          p++;
          continue;
        }
      if (pending_space && out->len > 0 && strchr ("(),", out->str[out->len - 1]) == NULL
          && strchr ("(),", *p) == NULL)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      if (*p == '\'')
        {
          const char *end = p + 1;

          while (*end != '\0' && !(end[0] == '\'' && end[1] != '\''))
            end += end[0] == '\'' ? 2 : 1;
          if (*end == '\'')
            end++;
          g_string_append_len (out, p, end - p);
          p = end;
          continue;
        }
      if (*p == '"')
        {
          const char *close = strchr (p + 1, '"');

          if (close != NULL && is_identifier (p + 1, close - p - 1))
            {
              g_string_append_len (out, p + 1, close - p - 1);
              p = close + 1;
              continue;
            }
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}
