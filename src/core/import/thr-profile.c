/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-profile.c — how a source's columns map to a record kind
 *
 * Profiles are data, like contracts: JSON checked here with errors that
 * name the file and the key.  This file knows nothing of which fields a
 * kind has; thr-import.c checks that against its own table.
 */
#define G_LOG_DOMAIN "thr-profile"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>

#include "thr-json-private.h"
#include "thr-profile.h"

#define BUILTIN_DIR "/io/github/thresholdapp/Threshold/core/profiles/"

struct _ThrProfile
{
  gatomicrefcount  ref_count;
  char            *id;
  char            *title;
  char            *kind;
  char            *origin;
  GPtrArray       *columns;
  GHashTable      *drop;      /* lower-case source names */
  GBytes          *bytes;
};

G_DEFINE_QUARK (thr-profile-error-quark, thr_profile_error)

static const struct {
  const char     *name;
  ThrValueFormat  format;
} formats[] = {
  { "auto", THR_VALUE_FORMAT_AUTO },
  { "percent", THR_VALUE_FORMAT_PERCENT },
  { "fraction", THR_VALUE_FORMAT_FRACTION },
  { "duration", THR_VALUE_FORMAT_DURATION },
  { "excel-date", THR_VALUE_FORMAT_EXCEL_DATE },
};

static void
column_free (gpointer data)
{
  ThrProfileColumn *column = data;

  g_free (column->field);
  g_free (column->source);
  g_free (column->constant);
  g_clear_pointer (&column->map, g_hash_table_unref);
  g_free (column);
}

/* Header names are compared trimmed and in lower case, as people retype
 * them with other capitals. */
static char *
fold (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  return g_strstrip (g_steal_pointer (&lower));
}

static gboolean
fail (GError    **error,
      const char *source,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (GError    **error,
      const char *source,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, THR_PROFILE_ERROR, THR_PROFILE_ERROR_INVALID, "%s: %s", source, message);
  return FALSE;
}

/* Codes are matched without regard to ASCII case ("Yes", "YES"), without
 * allocating a folded copy of every cell. */
static guint
ascii_case_hash (gconstpointer key)
{
  guint h = 5381;

  for (const char *p = key; *p; p++)
    h = h * 33 + (guchar) g_ascii_tolower (*p);
  return h;
}

static gboolean
ascii_case_equal (gconstpointer a,
                  gconstpointer b)
{
  return g_ascii_strcasecmp (a, b) == 0;
}

static gboolean
parse_map (JsonObject        *object,
           ThrProfileColumn  *column,
           const char        *source,
           GError           **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  column->map = g_hash_table_new_full (ascii_case_hash, ascii_case_equal, g_free, g_free);
  for (GList *l = members; l; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        return fail (error, source, "columns.%s.map.%s: expected a string", column->field, (char *) l->data);
      g_hash_table_replace (column->map, g_strdup (l->data), g_strdup (json_node_get_string (value)));
    }
  return TRUE;
}

static gboolean
parse_format (const char      *text,
              ThrValueFormat  *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (formats[i].name, text))
      {
        *out = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

/* A column is "Source header" or { "source"|"value", "format", "map", "hash" }. */
static ThrProfileColumn *
parse_column (const char  *field,
              JsonNode    *node,
              const char  *source,
              GError     **error)
{
  ThrProfileColumn *column = g_new0 (ThrProfileColumn, 1);
  JsonObject *object;
  const char *text;

  column->field = g_strdup (field);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      column->source = fold (json_node_get_string (node));
      return column;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (error, source, "columns.%s: expected a source column name or an object", field);
      column_free (column);
      return NULL;
    }
  object = json_node_get_object (node);
  if ((text = json_object_get_string_member_with_default (object, "source", NULL)))
    column->source = fold (text);
  if ((text = json_object_get_string_member_with_default (object, "value", NULL)))
    column->constant = g_strdup (text);
  text = json_object_get_string_member_with_default (object, "format", "auto");
  column->hash = json_object_get_boolean_member_with_default (object, "hash", FALSE);
  if ((column->source == NULL) == (column->constant == NULL))
    fail (error, source, "columns.%s: give exactly one of “source” and “value”", field);
  else if (!parse_format (text, &column->format))
    fail (error, source, "columns.%s.format: unknown format “%s” (expected auto, percent, fraction, duration or excel-date)",
          field, text);
  else if (!json_object_has_member (object, "map") || (JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "map"))
                                                       && parse_map (json_object_get_object_member (object, "map"), column, source, error)))
    return column;
  else if (error && *error == NULL)
    fail (error, source, "columns.%s.map: expected an object of source value → value", field);
  column_free (column);
  return NULL;
}

static gboolean
parse_profile (ThrProfile  *self,
               JsonObject  *root,
               const char  *source,
               GError     **error)
{
  JsonObject *columns;
  g_autoptr(GList) fields = NULL;
  const char *id = json_object_get_string_member_with_default (root, "id", NULL);
  const char *kind = json_object_get_string_member_with_default (root, "kind", NULL);

  if (id == NULL || *id == '\0' || strpbrk (id, "/\\ ") != NULL)
    return fail (error, source, "id: expected a name without spaces or slashes");
  if (kind == NULL)
    return fail (error, source, "kind: expected metric-report, invoices, tasks, calls or references");
  if (!json_object_has_member (root, "columns") || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "columns")))
    return fail (error, source, "columns: expected an object of field → source column");
  self->id = g_strdup (id);
  self->kind = g_strdup (kind);
  self->title = g_strdup (json_object_get_string_member_with_default (root, "title", id));

  columns = json_object_get_object_member (root, "columns");
  fields = json_object_get_members (columns);
  for (GList *l = fields; l; l = l->next)
    {
      ThrProfileColumn *column = parse_column (l->data, json_object_get_member (columns, l->data), source, error);

      if (column == NULL)
        return FALSE;
      g_ptr_array_add (self->columns, column);
    }
  if (json_object_has_member (root, "drop"))
    {
      JsonNode *node = json_object_get_member (root, "drop");

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return fail (error, source, "drop: expected a list of source column names");
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        {
          const char *name = json_array_get_string_element (json_node_get_array (node), i);
          if (name == NULL)
            return fail (error, source, "drop[%u]: expected a column name", i);
          g_hash_table_add (self->drop, fold (name));
        }
    }
  return TRUE;
}

ThrProfile *
thr_profile_new_from_bytes (GBytes      *bytes,
                            const char  *source,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(ThrProfile) self = NULL;
  g_autoptr(GError) local = NULL;
  const char *why;
  JsonNode *root;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);

  /* An empty file's bytes have no data pointer, which json-glib refuses
   * with a critical and no error (found by tests/fuzz/fuzz-profile.c). */
  if (g_bytes_get_size (bytes) == 0)
    {
      fail (error, source, "expected a JSON object");
      return NULL;
    }
  why = thr_json_check_one_value (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (why != NULL)
    {
      fail (error, source, "%s", why);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local))
    {
      fail (error, source, "not JSON: %s", local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (error, source, "expected a JSON object");
      return NULL;
    }
  self = g_new0 (ThrProfile, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->columns = g_ptr_array_new_with_free_func (column_free);
  self->drop = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->origin = g_strdup (source);
  self->bytes = g_bytes_ref (bytes);
  if (!parse_profile (self, json_node_get_object (root), source, error))
    return NULL;
  return g_steal_pointer (&self);
}

ThrProfile *
thr_profile_ref (ThrProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
thr_profile_unref (ThrProfile *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->id);
  g_free (self->title);
  g_free (self->kind);
  g_free (self->origin);
  g_ptr_array_unref (self->columns);
  g_hash_table_unref (self->drop);
  g_bytes_unref (self->bytes);
  g_free (self);
}

const char *
thr_profile_get_id (ThrProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

const char *
thr_profile_get_title (ThrProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

const char *
thr_profile_get_kind (ThrProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->kind;
}

const char *
thr_profile_get_origin (ThrProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->origin;
}

GPtrArray *
thr_profile_get_columns (ThrProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->columns;
}

GBytes *
thr_profile_get_bytes (ThrProfile *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->bytes;
}

const ThrProfileColumn *
thr_profile_find_column (ThrProfile *self,
                         const char *field)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->columns->len; i++)
    {
      const ThrProfileColumn *column = g_ptr_array_index (self->columns, i);
      if (g_str_equal (column->field, field))
        return column;
    }
  return NULL;
}

gboolean
thr_profile_drops (ThrProfile *self,
                   const char *source)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return g_hash_table_contains (self->drop, source);
}

/* Section: where profiles are found */

char *
thr_profile_user_dir (void)
{
  return g_build_filename (g_get_user_config_dir (), "threshold", "profiles", NULL);
}

static void
add_builtin (GHashTable  *by_id,
             GError     **error)
{
  g_auto(GStrv) children = g_resources_enumerate_children (BUILTIN_DIR, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  for (guint i = 0; children && children[i]; i++)
    {
      g_autofree char *path = g_strconcat (BUILTIN_DIR, children[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(GError) local = NULL;
      ThrProfile *profile = bytes ? thr_profile_new_from_bytes (bytes, "built-in", &local) : NULL;

      /* A broken built-in profile is a bug the tests catch. */
      if (profile == NULL)
        g_critical ("%s: %s", children[i], local ? local->message : "missing");
      else
        g_hash_table_replace (by_id, g_strdup (profile->id), profile);
    }
}

/* A profile file is a few kilobytes; anything much larger is not one. */
#define MAX_PROFILE_BYTES (1 << 20)

/* One user profile, or NULL with the reason: a FIFO or a huge file in the
 * folder must not block or fill memory before it is even parsed. */
static ThrProfile *
load_user_profile (const char  *path,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GStatBuf st;
  gsize len;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, THR_PROFILE_ERROR, THR_PROFILE_ERROR_INVALID, "%s: not a regular file", path);
      return NULL;
    }
  if (st.st_size > MAX_PROFILE_BYTES)
    {
      g_set_error (error, THR_PROFILE_ERROR, THR_PROFILE_ERROR_INVALID,
                   "%s: larger than %d KiB, which no profile is", path, MAX_PROFILE_BYTES >> 10);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  return thr_profile_new_from_bytes (bytes, path, error);
}

/* A bad file in the user's folder is skipped with a warning that names it:
 * one broken profile must not stop every import that uses the others. */
static void
add_user (GHashTable *by_id)
{
  g_autofree char *dir_path = thr_profile_user_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(GError) local = NULL;
      ThrProfile *profile;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      profile = load_user_profile (path, &local);
      if (profile == NULL)
        {
          g_warning ("import profile skipped: %s", local->message);
          continue;
        }
      g_hash_table_replace (by_id, g_strdup (profile->id), profile);
    }
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 ((*(ThrProfile **) a)->id, (*(ThrProfile **) b)->id);
}

GPtrArray *
thr_profile_list (GError **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) thr_profile_unref);
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_profile_unref);
  GHashTableIter iter;
  gpointer value;

  add_builtin (by_id, error);
  add_user (by_id);
  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, thr_profile_ref (value));
  g_ptr_array_sort (list, compare_ids);
  return list;
}

ThrProfile *
thr_profile_lookup (const char  *id,
                    GError     **error)
{
  g_autoptr(GPtrArray) list = thr_profile_list (error);

  g_return_val_if_fail (id != NULL, NULL);

  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (((ThrProfile *) g_ptr_array_index (list, i))->id, id))
      return thr_profile_ref (g_ptr_array_index (list, i));
  g_set_error (error, THR_PROFILE_ERROR, THR_PROFILE_ERROR_NOT_FOUND,
               "no import profile “%s” (see “threshold-cli profiles”)", id);
  return NULL;
}

ThrProfile *
thr_profile_save_user (const char  *path,
                       GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *dir = thr_profile_user_dir ();
  g_autofree char *target = NULL;
  g_autofree char *name = NULL;
  g_autoptr(ThrProfile) profile = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  /* A copy: the file's text is written to the user's folder below. */
  bytes = g_bytes_new (contents, len);
  profile = thr_profile_new_from_bytes (bytes, path, error);
  if (profile == NULL)
    return NULL;
  name = g_strconcat (profile->id, ".json", NULL);
  target = g_build_filename (dir, name, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0 || !g_file_set_contents (target, contents, len, error))
    {
      if (error && *error == NULL)
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", dir, g_strerror (errno));
      return NULL;
    }
  g_free (profile->origin);
  profile->origin = g_steal_pointer (&target);
  return g_steal_pointer (&profile);
}
