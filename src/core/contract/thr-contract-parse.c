/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-contract-parse.c — JSON contract files to ThrContract structures
 *
 * The loader is strict on purpose: a contract file decides what money is
 * withheld, so a typo must stop the load with a message that names the file
 * and the JSON path ("rfp-16-102.json: $.metrics[12].op: …") rather than be
 * silently ignored.  The schema is documented in docs/contract-format.md;
 * keep the two in step.
 */
#define G_LOG_DOMAIN "thr-contract"

#include "config.h"

#include <stdarg.h>

#include <glib/gi18n-lib.h>

#include "thr-contract-parse-private.h"
#include "thr-values.h"

/* Section: names of enumerations, as written in files */

const ThrParseName thr_parse_op_names[] = {
  { ">=", THR_OP_GE, "≥" }, { ">", THR_OP_GT, ">" }, { "<=", THR_OP_LE, "≤" }, { "<", THR_OP_LT, "<" },
  { "between", THR_OP_BETWEEN, "↔" }, { "within", THR_OP_WITHIN, "±" }, { NULL, 0, NULL }
};
const ThrParseName thr_parse_unit_names[] = {
  { "percent", THR_UNIT_PERCENT, " %" }, { "seconds", THR_UNIT_SECONDS, " s" },
  /* Translators: a unit after an amount, with its leading space */
  { "dollars", THR_UNIT_DOLLARS, N_(" dollars") }, { "count", THR_UNIT_COUNT, "" }, { NULL, 0, NULL }
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

const ThrParseName *
thr_parse_word_of (const ThrParseName *names,
                   int                 value)
{
  for (guint i = 0; names[i].name != NULL; i++)
    if (names[i].value == value)
      return &names[i];
  return NULL;
}

const char *
thr_parse_name_of (const ThrParseName *names,
                   int                 value)
{
  const ThrParseName *word = thr_parse_word_of (names, value);

  return word != NULL ? word->name : NULL;
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

const char *
thr_op_get_sign (ThrOp op)
{
  const ThrParseName *word = thr_parse_word_of (thr_parse_op_names, op);

  g_return_val_if_fail (word != NULL, NULL);
  return word->shown;
}

const char *
thr_unit_get_suffix (ThrUnit unit)
{
  const ThrParseName *word = thr_parse_word_of (thr_parse_unit_names, unit);

  g_return_val_if_fail (word != NULL, NULL);
  return *word->shown != '\0' ? g_dgettext (GETTEXT_PACKAGE, word->shown) : "";
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
  { "flowout_calls", "per_formula", { "per_formula", "offered", NULL } },
  { "release_scope", "all_metrics", { "all_metrics", "component", NULL } },
  { "repeat_miss_in_window", "extends_hold", { "extends_hold", "restarts_window", NULL } },
  { "met_month_in_failed_window", "stays_held", { "stays_held", "released", NULL } },
  { "period_status_in_window", "covers_months", { "covers_months", "judged_month_only", NULL } },
  { "unimplemented_cap", "stays_held", { "stays_held", "retained", NULL } },
  { "money_metric_misses", "own_consequence", { "own_consequence", "withholding_too", NULL } },
  { "bonus_cap", "cap_on_excess", { "cap_on_excess", "cap_on_bonus", NULL } },
  { "damages_window", "rolling_net", { "rolling_net", "quarter", NULL } },
  { "bonus_fees", "invoiced", { "invoiced", "paid", NULL } },
  /* A failure whose month's results were first imported after its
   * corrective window had ended (history brought into a store): taken as
   * documented on the month's verification day, or on the import day. */
  { "late_results_documented_on", "verification_day", { "verification_day", "import_day", NULL } },
  /* A "within" metric whose quarter has no published reference yet (the
   * Quarterly Statewide Average comes out after the quarter): the latest
   * published one, said so, or no data. */
  { "missing_reference_quarter", "latest_published", { "latest_published", "no_data", NULL } },
  /* How far (in the metric's unit: percentage points, seconds, …) the
   * recomputed figure may stray from the reported one before evaluation
   * flags a discrepancy. */
  { "discrepancy_tolerance", "0.5", { NULL } },
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
          g_autofree char *quoted = thr_value_quote (key);

          thr_parse_enter_key (p, key);
          return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE,
                       "unknown key %s (expected %s)", quoted, expected);
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
      g_autofree char *quoted = thr_value_quote (text);

      return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "unknown %s %s (expected %s)",
                   what, quoted, expected);
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
      {
        g_autofree char *quoted = thr_value_quote (id);

        return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID,
                               "%s is not a valid identifier (use letters, digits, “.”, “_” and “-”)", quoted);
      }
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
