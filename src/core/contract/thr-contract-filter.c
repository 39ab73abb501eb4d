/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-contract-filter.c — record fields and filters in contract files
 *
 * Filters are structured data, never SQL: every field name is checked
 * against the record table of thr-record.c, and every comparison against
 * the field's type, so the store can compile a filter to bound parameters.
 */
#define G_LOG_DOMAIN "thr-contract"

#include "thr-contract-parse-private.h"

/* Nested filters deeper than this are surely a mistake (or a hostile file). */
#define MAX_FILTER_DEPTH 32

static const ThrParseName cmp_names[] = {
  { "eq", THR_CMP_EQ }, { "ne", THR_CMP_NE }, { "gt", THR_CMP_GT }, { "ge", THR_CMP_GE },
  { "lt", THR_CMP_LT }, { "le", THR_CMP_LE }, { "in", THR_CMP_IN }, { "not_in", THR_CMP_NOT_IN },
  { "is_null", THR_CMP_IS_NULL }, { "not_null", THR_CMP_NOT_NULL }, { NULL, 0 }
};

/* Section: record fields */

static char *
describe_fields (ThrRecordKind records)
{
  GString *s = g_string_new (NULL);

  for (ThrRecordField f = THR_FIELD_INVALID + 1; f < THR_N_FIELDS; f++)
    {
      const ThrFieldInfo *info = thr_record_field_info (f);

      if (info->records != records)
        continue;
      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append (s, info->name);
    }
  return g_string_free (s, FALSE);
}

static const char *
field_type_name (ThrFieldType type)
{
  switch (type)
    {
    case THR_FIELD_TYPE_TEXT: return "text";
    case THR_FIELD_TYPE_NUMBER: return "number";
    case THR_FIELD_TYPE_DATE: return "date";
    default: g_assert_not_reached ();
    }
}

/* Resolves a field name against the records of the current compute.
 * @type < 0 accepts any type. The error is reported at the current path. */
static gboolean
resolve_field (ThrParser           *p,
               const char          *name,
               int                  type,
               const ThrFieldInfo **out)
{
  const ThrFieldInfo *info = thr_record_field_lookup (p->records, name);

  if (info == NULL)
    {
      g_autofree char *expected = describe_fields (p->records);
      return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID,
                   "unknown field “%s” for %s records (expected %s)",
                   name, thr_record_kind_to_string (p->records), expected);
    }
  if (type >= 0 && info->type != (ThrFieldType) type)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "field “%s” is a %s field; a %s field is needed here",
                 name, field_type_name (info->type), field_type_name (type));
  *out = info;
  return TRUE;
}

gboolean
thr_parse_field (ThrParser      *p,
                 JsonObject     *object,
                 const char     *key,
                 gboolean        required,
                 int             type,
                 ThrRecordField *out)
{
  g_autofree char *name = NULL;
  const ThrFieldInfo *info;
  gsize mark;

  if (!thr_parse_string (p, object, key, required, &name))
    return FALSE;
  if (name == NULL)
    return TRUE;

  mark = thr_parse_enter_key (p, key);
  if (!resolve_field (p, name, type, &info))
    return FALSE;
  thr_parse_leave (p, mark);

  *out = info->field;
  return TRUE;
}

/* Section: filters */

static gboolean parse_filter (ThrParser *p, JsonNode *node, ThrFilter **out);

static ThrFilter *
filter_new (ThrFilterKind kind)
{
  ThrFilter *filter = g_new0 (ThrFilter, 1);

  filter->kind = kind;
  if (kind != THR_FILTER_CMP)
    filter->children = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_filter_free);
  return filter;
}

void
thr_filter_free (ThrFilter *filter)
{
  if (filter == NULL)
    return;

  g_clear_pointer (&filter->children, g_ptr_array_unref);
  g_clear_pointer (&filter->texts, g_strfreev);
  g_free (filter);
}

static gboolean
parse_filter_group (ThrParser      *p,
                    JsonObject     *object,
                    ThrFilterKind   kind,
                    const char     *key,
                    ThrFilter     **out)
{
  g_autoptr(ThrFilter) filter = filter_new (kind);
  JsonNode *node = json_object_get_member (object, key);
  gsize mark = thr_parse_enter_key (p, key);

  if (kind == THR_FILTER_NOT)
    {
      ThrFilter *child = NULL;

      if (!parse_filter (p, node, &child))
        return FALSE;
      g_ptr_array_add (filter->children, child);
    }
  else
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "expected an array of filters");
      array = json_node_get_array (node);
      if (json_array_get_length (array) == 0)
        return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "expected at least one filter");

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          gsize item = thr_parse_enter_index (p, i);
          ThrFilter *child = NULL;

          if (!parse_filter (p, json_array_get_element (array, i), &child))
            return FALSE;
          g_ptr_array_add (filter->children, child);
          thr_parse_leave (p, item);
        }
    }
  thr_parse_leave (p, mark);

  *out = g_steal_pointer (&filter);
  return TRUE;
}

static gboolean
parse_cmp_operand (ThrParser          *p,
                   JsonNode           *node,
                   const ThrFieldInfo *info,
                   ThrFilter          *filter)
{
  const char *cmp_name = thr_parse_name_of (cmp_names, filter->cmp);

  switch (filter->cmp)
    {
    case THR_CMP_IS_NULL:
    case THR_CMP_NOT_NULL:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN ||
          !json_node_get_boolean (node))
        return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "“%s” takes the value true", cmp_name);
      return TRUE;

    case THR_CMP_GT:
    case THR_CMP_GE:
    case THR_CMP_LT:
    case THR_CMP_LE:
      if (info->type != THR_FIELD_TYPE_NUMBER)
        return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "“%s” compares numbers but “%s” is a %s field",
                     cmp_name, info->name, field_type_name (info->type));
      if (!thr_parse_node_is_number (node))
        return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "expected a number");
      filter->number = json_node_get_double (node);
      return TRUE;

    case THR_CMP_EQ:
    case THR_CMP_NE:
      if (info->type == THR_FIELD_TYPE_NUMBER)
        {
          if (!thr_parse_node_is_number (node))
            return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "expected a number (“%s” is a number field)",
                         info->name);
          filter->number = json_node_get_double (node);
          return TRUE;
        }
      if (info->type == THR_FIELD_TYPE_DATE)
        return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID,
                     "date field “%s” can only be tested with is_null or not_null", info->name);
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "expected a string");
      filter->texts = g_new0 (char *, 2);
      filter->texts[0] = g_strdup (json_node_get_string (node));
      return TRUE;

    case THR_CMP_IN:
    case THR_CMP_NOT_IN:
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        JsonArray *array;

        if (info->type != THR_FIELD_TYPE_TEXT)
          return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "“%s” applies to text fields; “%s” is a %s field",
                       cmp_name, info->name, field_type_name (info->type));
        if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
          return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "expected a non-empty array of strings");

        array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);

            if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
              {
                thr_parse_enter_index (p, i);
                return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "expected a string");
              }
            g_strv_builder_add (builder, json_node_get_string (element));
          }
        filter->texts = g_strv_builder_end (builder);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/* {"field": NAME, OP: VALUE} with exactly one comparison. */
static gboolean
parse_filter_cmp (ThrParser   *p,
                  JsonObject  *object,
                  ThrFilter  **out)
{
  static const char * const keys[] = {
    "field", "eq", "ne", "gt", "ge", "lt", "le", "in", "not_in", "is_null", "not_null", NULL
  };
  g_autoptr(ThrFilter) filter = filter_new (THR_FILTER_CMP);
  g_autofree char *name = NULL;
  const ThrFieldInfo *info;
  const char *op_key = NULL;
  gsize mark;

  if (!thr_parse_check_keys (p, object, keys) || !thr_parse_string (p, object, "field", TRUE, &name))
    return FALSE;

  mark = thr_parse_enter_key (p, "field");
  if (!resolve_field (p, name, -1, &info))
    return FALSE;
  thr_parse_leave (p, mark);
  filter->field = info->field;

  for (guint i = 1; keys[i] != NULL; i++)
    if (json_object_has_member (object, keys[i]))
      {
        if (op_key != NULL)
          return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "more than one comparison (“%s” and “%s”)",
                       op_key, keys[i]);
        op_key = keys[i];
      }
  if (op_key == NULL)
    {
      g_autofree char *expected = thr_parse_describe_names (cmp_names);
      return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "missing comparison (expected %s)", expected);
    }

  thr_parse_value_of (cmp_names, op_key, (int *) &filter->cmp);
  mark = thr_parse_enter_key (p, op_key);
  if (!parse_cmp_operand (p, json_object_get_member (object, op_key), info, filter))
    return FALSE;
  thr_parse_leave (p, mark);

  *out = g_steal_pointer (&filter);
  return TRUE;
}

static gboolean
parse_filter (ThrParser  *p,
              JsonNode   *node,
              ThrFilter **out)
{
  static const char * const groups[] = { "all", "any", "not" };
  JsonObject *object;
  gboolean ok;

  if (!thr_parse_expect_object (p, node, &object))
    return FALSE;
  if (p->filter_depth >= MAX_FILTER_DEPTH)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "filters nested too deeply");

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (json_object_has_member (object, groups[i]))
      {
        const char * const only[] = { groups[i], NULL };

        if (!thr_parse_check_keys (p, object, only))
          return FALSE;
        p->filter_depth++;
        ok = parse_filter_group (p, object, (ThrFilterKind) i, groups[i], out);
        p->filter_depth--;
        return ok;
      }

  if (!json_object_has_member (object, "field"))
    return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "expected a filter: “all”, “any”, “not” or “field”");

  return parse_filter_cmp (p, object, out);
}

gboolean
thr_parse_filter (ThrParser   *p,
                  JsonObject  *object,
                  const char  *key,
                  gboolean     required,
                  ThrFilter  **out)
{
  JsonNode *node;
  gsize mark;

  if (!thr_parse_member (p, object, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  mark = thr_parse_enter_key (p, key);
  if (!parse_filter (p, node, out))
    return FALSE;
  thr_parse_leave (p, mark);
  return TRUE;
}
