/* thr-contract-parse.c — JSON contract files to ThrContract structures
 *
 * The loader is strict on purpose: a contract file decides what money is
 * withheld, so a typo must stop the load with a message that names the file
 * and the JSON path ("rfp-16-102.json: $.metrics[12].op: …") rather than be
 * silently ignored.  The schema is documented in docs/contract-format.md;
 * keep the two in step.
 */
#define G_LOG_DOMAIN "thr-contract"

#include <stdarg.h>

#include "thr-contract-parse-private.h"

/* Nested filters deeper than this are surely a mistake (or a hostile file). */
#define MAX_FILTER_DEPTH 32

/* Section: names of enumerations, as written in files */

const ThrParseName thr_parse_op_names[] = {
  { ">=", THR_OP_GE }, { ">", THR_OP_GT }, { "<=", THR_OP_LE }, { "<", THR_OP_LT },
  { "between", THR_OP_BETWEEN }, { "within", THR_OP_WITHIN }, { NULL, 0 }
};
const ThrParseName thr_parse_flag_op_names[] = {
  { ">=", THR_OP_GE }, { ">", THR_OP_GT }, { "<=", THR_OP_LE }, { "<", THR_OP_LT },
  { "between", THR_OP_BETWEEN }, { NULL, 0 }
};
const ThrParseName thr_parse_unit_names[] = {
  { "percent", THR_UNIT_PERCENT }, { "seconds", THR_UNIT_SECONDS },
  { "dollars", THR_UNIT_DOLLARS }, { "count", THR_UNIT_COUNT }, { NULL, 0 }
};
const ThrParseName thr_parse_period_names[] = {
  { "week", THR_PERIOD_WEEK }, { "month", THR_PERIOD_MONTH },
  { "quarter", THR_PERIOD_QUARTER }, { "year", THR_PERIOD_YEAR }, { NULL, 0 }
};
const ThrParseName thr_parse_reported_names[] = {
  { "value", THR_REPORTED_VALUE }, { "ratio", THR_REPORTED_RATIO },
  { "none", THR_REPORTED_NONE }, { NULL, 0 }
};
const ThrParseName thr_parse_source_names[] = {
  { "reported", THR_SOURCE_REPORTED }, { "computed", THR_SOURCE_COMPUTED }, { NULL, 0 }
};
const ThrParseName thr_parse_compute_names[] = {
  { "within", THR_COMPUTE_WITHIN }, { "share", THR_COMPUTE_SHARE },
  { "mean", THR_COMPUTE_MEAN }, { "sum", THR_COMPUTE_SUM }, { "count", THR_COMPUTE_COUNT },
  { "asa", THR_COMPUTE_CALL_ASA }, { "service_level", THR_COMPUTE_CALL_SERVICE_LEVEL },
  { "abandonment", THR_COMPUTE_CALL_ABANDONMENT }, { NULL, 0 }
};
const ThrParseName thr_parse_records_names[] = {
  { "tasks", THR_RECORDS_TASKS }, { "calls", THR_RECORDS_CALLS }, { NULL, 0 }
};
const ThrParseName thr_parse_anchor_names[] = {
  { "received", THR_FIELD_RECEIVED }, { "due", THR_FIELD_DUE }, { NULL, 0 }
};
const ThrParseName thr_parse_align_names[] = {
  { "month_end", THR_ALIGN_MONTH_END }, { "quarter_end", THR_ALIGN_QUARTER_END }, { NULL, 0 }
};
const ThrParseName thr_parse_day_unit_names[] = {
  { "business_days", THR_DAYS_BUSINESS }, { "calendar_days", THR_DAYS_CALENDAR },
  { "months", THR_DAYS_MONTHS }, { NULL, 0 }
};
const ThrParseName thr_parse_consequence_names[] = {
  { "withholding", 0 }, { "bonus", 1 }, { "bonus_damages", 2 }, { "none", 3 }, { NULL, 0 }
};
static const ThrParseName cmp_names[] = {
  { "eq", THR_CMP_EQ }, { "ne", THR_CMP_NE }, { "gt", THR_CMP_GT }, { "ge", THR_CMP_GE },
  { "lt", THR_CMP_LT }, { "le", THR_CMP_LE }, { "in", THR_CMP_IN }, { "not_in", THR_CMP_NOT_IN },
  { "is_null", THR_CMP_IS_NULL }, { "not_null", THR_CMP_NOT_NULL }, { NULL, 0 }
};

const char *
thr_parse_name_of (const ThrParseName *names,
                   int                 value)
{
  for (guint i = 0; names[i].name != NULL; i++)
    if (names[i].value == value)
      return names[i].name;
  return NULL;
}

gboolean
thr_parse_value_of (const ThrParseName *names,
                    const char         *name,
                    int                *out)
{
  for (guint i = 0; name != NULL && names[i].name != NULL; i++)
    if (g_str_equal (names[i].name, name))
      {
        *out = names[i].value;
        return TRUE;
      }
  return FALSE;
}

/* ">=, >, <=, <, between or within" — for error messages. */
char *
thr_parse_describe_names (const ThrParseName *names)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; names[i].name != NULL; i++)
    {
      if (i > 0)
        g_string_append (s, names[i + 1].name == NULL ? " or " : ", ");
      g_string_append (s, names[i].name);
    }
  return g_string_free (s, FALSE);
}

const char *
thr_op_to_string (ThrOp op)
{
  const char *name = thr_parse_name_of (thr_parse_op_names, op);

  g_return_val_if_fail (name != NULL, NULL);
  return name;
}

gboolean
thr_op_from_string (const char *str,
                    ThrOp      *out)
{
  int value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!thr_parse_value_of (thr_parse_op_names, str, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

const char *
thr_unit_to_string (ThrUnit unit)
{
  const char *name = thr_parse_name_of (thr_parse_unit_names, unit);

  g_return_val_if_fail (name != NULL, NULL);
  return name;
}

gboolean
thr_unit_from_string (const char *str,
                      ThrUnit    *out)
{
  int value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!thr_parse_value_of (thr_parse_unit_names, str, &value))
    return FALSE;
  *out = value;
  return TRUE;
}

/* Section: interpretations Threshold knows, with their allowed values.
 * values == NULL means "a whole number of seconds". */

static const ThrInterpretationInfo interpretation_infos[] = {
  { "record_period", "deadline", { "deadline", "start", NULL } },
  { "source_governs", "reported", { "reported", "computed", NULL } },
  { "short_abandon_seconds", "15", { NULL } },
  { "release_scope", "all_metrics", { "all_metrics", "component", NULL } },
  { "repeat_miss_in_window", "extends_hold", { "extends_hold", "restarts_window", NULL } },
  { "met_month_in_failed_window", "stays_held", { "stays_held", "released", NULL } },
  { "bonus_cap", "cap_on_excess", { "cap_on_excess", "cap_on_bonus", NULL } },
};

const ThrInterpretationInfo *
thr_parse_interpretation_info (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (interpretation_infos); i++)
    if (g_str_equal (interpretation_infos[i].key, key))
      return &interpretation_infos[i];
  return NULL;
}

const char *
_thr_interpretation_default (const char *key)
{
  const ThrInterpretationInfo *info = thr_parse_interpretation_info (key);

  return info != NULL ? info->fallback : NULL;
}

/* Section: error reporting and the JSON path */

/* Always returns FALSE so callers can "return thr_parse_fail (…)". */
gboolean
thr_parse_fail (ThrParser        *p,
                ThrContractError  code,
                const char       *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (p->error, THR_CONTRACT_ERROR, code, "%s: %s: %s",
               p->source, p->path->str, message);
  return FALSE;
}

gsize
thr_parse_enter_key (ThrParser  *p,
                     const char *key)
{
  gsize mark = p->path->len;

  g_string_append_printf (p->path, ".%s", key);
  return mark;
}

gsize
thr_parse_enter_index (ThrParser *p,
                       guint      index)
{
  gsize mark = p->path->len;

  g_string_append_printf (p->path, "[%u]", index);
  return mark;
}

void
thr_parse_leave (ThrParser *p,
                 gsize      mark)
{
  g_string_truncate (p->path, mark);
}

/* Section: typed access to members */

gboolean
thr_parse_check_keys (ThrParser          *p,
                      JsonObject         *object,
                      const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;

      if (!g_strv_contains (allowed, key))
        {
          g_autofree char *expected = g_strjoinv (", ", (char **) allowed);

          thr_parse_enter_key (p, key);
          return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE,
                       "unknown key “%s” (expected %s)", key, expected);
        }
    }
  return TRUE;
}

/* Looks up @key; a missing required key is an error reported at the
 * object's path.  Returns FALSE on error; *node is NULL when absent. */
gboolean
thr_parse_member (ThrParser   *p,
                  JsonObject  *object,
                  const char  *key,
                  gboolean     required,
                  JsonNode   **node)
{
  *node = json_object_get_member (object, key);
  if (*node == NULL && required)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "missing required key “%s”", key);
  return TRUE;
}

gboolean
thr_parse_node_is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

gboolean
thr_parse_string (ThrParser   *p,
                  JsonObject  *object,
                  const char  *key,
                  gboolean     required,
                  char       **out)
{
  JsonNode *node;
  gsize mark;

  if (!thr_parse_member (p, object, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  mark = thr_parse_enter_key (p, key);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "expected a string");
  if (*json_node_get_string (node) == '\0')
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "must not be empty");
  thr_parse_leave (p, mark);

  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
thr_parse_number (ThrParser  *p,
                  JsonObject *object,
                  const char *key,
                  gboolean    required,
                  double     *out,
                  gboolean   *present)
{
  JsonNode *node;
  gsize mark;

  if (present != NULL)
    *present = FALSE;
  if (!thr_parse_member (p, object, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  mark = thr_parse_enter_key (p, key);
  if (!thr_parse_node_is_number (node))
    return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "expected a number");
  thr_parse_leave (p, mark);

  *out = json_node_get_double (node);
  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

gboolean
thr_parse_int (ThrParser  *p,
               JsonObject *object,
               const char *key,
               gboolean    required,
               int        *out)
{
  JsonNode *node;
  gint64 value;
  gsize mark;

  if (!thr_parse_member (p, object, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  mark = thr_parse_enter_key (p, key);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "expected a whole number");
  value = json_node_get_int (node);
  if (value < -10000 || value > 10000)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "%" G_GINT64_FORMAT " is out of range", value);
  thr_parse_leave (p, mark);

  *out = (int) value;
  return TRUE;
}

gboolean
thr_parse_bool (ThrParser  *p,
                JsonObject *object,
                const char *key,
                gboolean   *out)
{
  JsonNode *node = json_object_get_member (object, key);
  gsize mark;

  if (node == NULL)
    return TRUE;

  mark = thr_parse_enter_key (p, key);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "expected true or false");
  thr_parse_leave (p, mark);

  *out = json_node_get_boolean (node);
  return TRUE;
}

/* Reads a string member that must be one of @names; @what names the kind
 * of value in the error ("unknown comparison “=>” (expected …)"). */
gboolean
thr_parse_enum (ThrParser          *p,
                JsonObject         *object,
                const char         *key,
                gboolean            required,
                const ThrParseName *names,
                const char         *what,
                int                *out,
                gboolean           *present)
{
  g_autofree char *text = NULL;
  gsize mark;

  if (present != NULL)
    *present = FALSE;
  if (!thr_parse_string (p, object, key, required, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;

  mark = thr_parse_enter_key (p, key);
  if (!thr_parse_value_of (names, text, out))
    {
      g_autofree char *expected = thr_parse_describe_names (names);
      return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "unknown %s “%s” (expected %s)",
                   what, text, expected);
    }
  thr_parse_leave (p, mark);

  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

/* Fetches an array or object member; NULL when absent and optional. */
gboolean
thr_parse_array (ThrParser   *p,
                 JsonObject  *object,
                 const char  *key,
                 gboolean     required,
                 JsonArray  **out)
{
  JsonNode *node;
  gsize mark;

  *out = NULL;
  if (!thr_parse_member (p, object, key, required, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  mark = thr_parse_enter_key (p, key);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "expected an array");
  thr_parse_leave (p, mark);

  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
thr_parse_expect_object (ThrParser   *p,
                         JsonNode    *node,
                         JsonObject **out)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "expected an object");
  *out = json_node_get_object (node);
  return TRUE;
}

/* Identifiers appear in labels, CSV files and CLI arguments: keep them plain. */
gboolean
thr_parse_check_identifier (ThrParser  *p,
                            const char *key,
                            const char *id)
{
  gsize mark = thr_parse_enter_key (p, key);

  for (const char *c = id; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '.' && *c != '_' && *c != '-')
      return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID,
                   "“%s” is not a valid identifier (use letters, digits, “.”, “_” and “-”)", id);
  thr_parse_leave (p, mark);
  return TRUE;
}

gboolean
thr_parse_check_range (ThrParser  *p,
                       const char *key,
                       double      value,
                       double      lower,
                       double      upper)
{
  gsize mark = thr_parse_enter_key (p, key);

  if (value < lower || value > upper)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "%g is outside %g–%g", value, lower, upper);
  thr_parse_leave (p, mark);
  return TRUE;
}

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

