/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-enum-nick.c — the fixed words of registered enums */
#define G_LOG_DOMAIN "thr-enum-nick"

#include "thr-enum-nick.h"

/* The class is referenced for the life of the program: a registered static
 * enum's class is never finalized anyway, and peeking without a reference
 * would fail before its first use. */
static GEnumClass *
enum_class (GType type)
{
  GEnumClass *klass = g_type_class_peek (type);

  return klass != NULL ? klass : g_type_class_ref (type);
}

const char *
thr_enum_to_nick (GType type,
                  int   value)
{
  GEnumValue *found;

  g_return_val_if_fail (G_TYPE_IS_ENUM (type), NULL);
  found = g_enum_get_value (enum_class (type), value);
  g_return_val_if_fail (found != NULL, NULL);
  return found->value_nick;
}

gboolean
thr_enum_from_nick (GType       type,
                    const char *nick,
                    int        *value)
{
  GEnumClass *klass;

  g_return_val_if_fail (G_TYPE_IS_ENUM (type), FALSE);
  if (nick == NULL)
    return FALSE;
  klass = enum_class (type);
  for (guint i = 0; i < klass->n_values; i++)
    if (g_str_equal (klass->values[i].value_nick, nick))
      {
        *value = klass->values[i].value;
        return TRUE;
      }
  return FALSE;
}
