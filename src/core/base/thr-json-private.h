/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-json-private.h — one JSON value per file, checked before json-glib
 *
 * json-glib 1.6 (Debian 12) accepts several top-level values one after the
 * other ("{…} {…}", "5 {…}"), keeps the last and leaks the ones before it
 * (found by tests/fuzz/fuzz-contract.c and fuzz-profile.c).  Contract and
 * profile files are one object, so anything after the first value is
 * refused here, before json-glib sees the bytes.  Comments, which
 * json-glib's scanner skips, are skipped too; whether the value itself is
 * valid JSON is left to json-glib.
 *
 * json-glib parses by recursion, one C stack frame set per level: a file
 * of a few hundred thousand "[" overflowed the stack (exit 139), so a bad
 * profile in the user's folder or a contract in a received store stopped
 * Threshold from opening anything.  Nesting is therefore bounded here too;
 * a contract is about six levels deep.
 */
#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

#define THR_JSON_MAX_DEPTH 64

/* NULL when DATA holds at most one JSON value, else the reason it does not. */
static inline const char *
thr_json_check_one_value (const char *data,
                          gsize       size)
{
  gboolean seen = FALSE;   /* a whole top-level value has been read */
  gboolean in_string = FALSE;
  guint depth = 0;
  gsize i = 0;

  while (i < size)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              seen = seen || depth == 0;
            }
          i++;
          continue;
        }
      if (c == '/' && i + 1 < size && data[i + 1] == '/')
        {
          while (i < size && data[i] != '\n')
            i++;
          continue;
        }
      if (c == '/' && i + 1 < size && data[i + 1] == '*')
        {
          for (i += 2; i < size && !(data[i] == '*' && i + 1 < size && data[i + 1] == '/'); i++)
            ;
          i += 2;
          continue;
        }
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          i++;
          continue;
        }
      if (depth == 0 && seen)
        return "more than one JSON value (a file holds one object)";
      if (c == '{' || c == '[')
        {
          if (++depth > THR_JSON_MAX_DEPTH)
            return "nested more than " G_STRINGIFY (THR_JSON_MAX_DEPTH) " levels deep (a contract or profile needs fewer than ten)";
        }
      else if (c == '}' || c == ']')
        {
          if (depth > 0 && --depth == 0)
            seen = TRUE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (depth == 0)
        {
          /* A bare word or number at the top level. */
          while (i < size && strchr (" \t\n\r{}[]\",/", data[i]) == NULL && data[i] != '\0')
            i++;
          seen = TRUE;
          continue;
        }
      i++;
    }
  return NULL;
}

G_END_DECLS
