/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-contract-load.c — reads a contract document: components, sections,
 * interpretations and metrics
 *
 * Checks that need more than one key (a section naming a component, a
 * "between" with ordered bounds, a baseline with its unit) live here; the
 * typed member helpers are in thr-contract-parse.c, computations in
 * thr-contract-compute.c and filters in thr-contract-filter.c.
 */
#define G_LOG_DOMAIN "thr-contract"

#include "thr-contract-parse-private.h"

/* Section: lookups while parsing */

static const ThrSection *
find_section (ThrContract *contract,
              const char  *id)
{
  for (guint i = 0; i < contract->sections->len; i++)
    {
      const ThrSection *section = g_ptr_array_index (contract->sections, i);
      if (g_str_equal (section->id, id))
        return section;
    }
  return NULL;
}

/* Section: thresholds and flags */

/* @value is shown in the unit of the metric: percentages must be 0–100. */
static gboolean
check_unit_range (ThrParser  *p,
                  const char *key,
                  ThrUnit     unit,
                  double      value)
{
  if (unit == THR_UNIT_PERCENT)
    return thr_parse_check_range (p, key, value, 0, 100);
  return thr_parse_check_range (p, key, value, 0, 1e12);
}

static gboolean
parse_bounds (ThrParser  *p,
              JsonObject *object,
              ThrUnit     unit,
              double     *lower,
              double     *upper)
{
  JsonArray *bounds;
  gsize mark;

  if (!thr_parse_array (p, object, "bounds", TRUE, &bounds))
    return FALSE;

  mark = thr_parse_enter_key (p, "bounds");
  if (json_array_get_length (bounds) != 2 ||
      !thr_parse_node_is_number (json_array_get_element (bounds, 0)) ||
      !thr_parse_node_is_number (json_array_get_element (bounds, 1)))
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "expected two numbers [lower, upper]");

  *lower = json_array_get_double_element (bounds, 0);
  *upper = json_array_get_double_element (bounds, 1);
  if (*lower > *upper)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID,
                           "bounds are not in order (%g > %g)", *lower, *upper);
  thr_parse_leave (p, mark);

  return check_unit_range (p, "bounds", unit, *lower) &&
         check_unit_range (p, "bounds", unit, *upper);
}

/* Keys that only make sense with some comparisons. */
static gboolean
reject_keys_for_op (ThrParser          *p,
                    JsonObject         *object,
                    ThrOp               op,
                    const char * const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    if (json_object_has_member (object, keys[i]))
      {
        thr_parse_enter_key (p, keys[i]);
        return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "not used with comparison “%s”",
                               thr_op_to_string (op));
      }
  return TRUE;
}

static gboolean
parse_within (ThrParser  *p,
              JsonObject *object,
              ThrMetric  *metric)
{
  gboolean has_value = FALSE;

  if (!thr_parse_string (p, object, "reference", FALSE, &metric->reference) ||
      !thr_parse_number (p, object, "reference_value", FALSE, &metric->reference_value, &has_value) ||
      !thr_parse_number (p, object, "tolerance", TRUE, &metric->tolerance, NULL) ||
      !thr_parse_check_range (p, "tolerance", metric->tolerance, 0, 1e12))
    return FALSE;

  if (metric->reference != NULL && has_value)
    {
      thr_parse_enter_key (p, "reference_value");
      return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID,
                             "give either “reference” or “reference_value”, not both");
    }
  if (metric->reference == NULL && !has_value)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID,
                           "comparison “within” needs “reference” or “reference_value”");
  if (has_value)
    return check_unit_range (p, "reference_value", metric->unit, metric->reference_value);
  return TRUE;
}

/* "reference_range": [LOW_KEY, HIGH_KEY], the imported bounds of a range
 * published per period (and queue), such as the completion-rate range of
 * each queue in the Quarterly Statewide Average data. */
static gboolean
parse_reference_range (ThrParser  *p,
                       JsonObject *object,
                       ThrMetric  *metric)
{
  JsonArray *range;
  gsize mark;

  if (!thr_parse_array (p, object, "reference_range", TRUE, &range))
    return FALSE;
  mark = thr_parse_enter_key (p, "reference_range");
  if (json_array_get_length (range) != 2 ||
      !JSON_NODE_HOLDS_VALUE (json_array_get_element (range, 0)) ||
      !JSON_NODE_HOLDS_VALUE (json_array_get_element (range, 1)) ||
      json_node_get_value_type (json_array_get_element (range, 0)) != G_TYPE_STRING ||
      json_node_get_value_type (json_array_get_element (range, 1)) != G_TYPE_STRING)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "expected two reference keys [low, high]");
  metric->reference_low = g_strdup (json_array_get_string_element (range, 0));
  metric->reference_high = g_strdup (json_array_get_string_element (range, 1));
  thr_parse_leave (p, mark);
  return TRUE;
}

static gboolean
parse_threshold (ThrParser  *p,
                 JsonObject *object,
                 ThrMetric  *metric)
{
  static const char * const not_between[] = { "target", "reference", "reference_value", "tolerance", NULL };
  static const char * const not_within[] = { "target", "bounds", "reference_range", NULL };
  static const char * const not_simple[] = { "bounds", "reference", "reference_value", "tolerance", "reference_range", NULL };

  switch (metric->op)
    {
    case THR_OP_BETWEEN:
      if (json_object_has_member (object, "reference_range"))
        {
          static const char * const not_range[] = { "target", "bounds", "reference", "reference_value", "tolerance", NULL };

          return reject_keys_for_op (p, object, metric->op, not_range) &&
                 parse_reference_range (p, object, metric);
        }
      return reject_keys_for_op (p, object, metric->op, not_between) &&
             parse_bounds (p, object, metric->unit, &metric->lower, &metric->upper);

    case THR_OP_WITHIN:
      return reject_keys_for_op (p, object, metric->op, not_within) &&
             parse_within (p, object, metric);

    case THR_OP_GE:
    case THR_OP_GT:
    case THR_OP_LE:
    case THR_OP_LT:
    default:
      return reject_keys_for_op (p, object, metric->op, not_simple) &&
             thr_parse_number (p, object, "target", TRUE, &metric->target, NULL) &&
             check_unit_range (p, "target", metric->unit, metric->target);
    }
}

static gboolean
parse_flag (ThrParser  *p,
            JsonObject *object,
            ThrUnit     unit,
            ThrFlag    *flag)
{
  static const char * const keys[] = { "op", "target", "bounds", "label", NULL };
  static const char * const not_between[] = { "target", NULL };
  static const char * const not_simple[] = { "bounds", NULL };
  int op;

  if (!thr_parse_check_keys (p, object, keys) ||
      !thr_parse_enum (p, object, "op", TRUE, thr_parse_op_names, "flag comparison", &op, NULL) ||
      !thr_parse_string (p, object, "label", TRUE, &flag->label))
    return FALSE;

  flag->op = op;
  /* A flag compares the figure itself; it has no reference to be within. */
  if (flag->op == THR_OP_WITHIN)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "a flag cannot compare “within” a reference "
                           "(expected >=, >, <=, < or between)");
  if (flag->op == THR_OP_BETWEEN)
    return reject_keys_for_op (p, object, flag->op, not_between) &&
           parse_bounds (p, object, unit, &flag->lower, &flag->upper);

  return reject_keys_for_op (p, object, flag->op, not_simple) &&
         thr_parse_number (p, object, "target", TRUE, &flag->target, NULL) &&
         check_unit_range (p, "target", unit, flag->target);
}

static gboolean
parse_flags (ThrParser  *p,
             JsonObject *object,
             ThrMetric  *metric)
{
  JsonArray *array;
  gsize mark;

  if (!thr_parse_array (p, object, "flags", FALSE, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  metric->flags = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_flag_free);
  mark = thr_parse_enter_key (p, "flags");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(ThrFlag) flag = g_new0 (ThrFlag, 1);
      gsize item = thr_parse_enter_index (p, i);
      JsonObject *flag_object;

      if (!thr_parse_expect_object (p, json_array_get_element (array, i), &flag_object) ||
          !parse_flag (p, flag_object, metric->unit, flag))
        return FALSE;
      g_ptr_array_add (metric->flags, g_steal_pointer (&flag));
      thr_parse_leave (p, item);
    }
  thr_parse_leave (p, mark);
  return TRUE;
}

static gboolean
parse_subjects (ThrParser  *p,
                JsonObject *object,
                ThrMetric  *metric)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;
  gsize mark;

  if (!thr_parse_array (p, object, "subjects", FALSE, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  mark = thr_parse_enter_key (p, "subjects");
  if (json_array_get_length (array) == 0)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "expected at least one subject");

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gsize item = thr_parse_enter_index (p, i);
      const char *subject;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          *(subject = json_node_get_string (node)) == '\0')
        return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "expected a non-empty string");
      if (!g_hash_table_add (seen, (gpointer) subject))
        return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "subject “%s” listed twice", subject);
      g_strv_builder_add (builder, subject);
      thr_parse_leave (p, item);
    }
  thr_parse_leave (p, mark);

  metric->subjects = g_strv_builder_end (builder);
  return TRUE;
}

/* Section: metrics */

static gboolean
parse_metric_section (ThrParser  *p,
                      JsonObject *object,
                      ThrMetric  *metric)
{
  ThrContract *contract = p->contract;
  const ThrSection *section;
  gsize mark;

  /* A contract without sections (a KPI page) has metrics without one. */
  if (!thr_parse_string (p, object, "section", contract->sections->len > 0, &metric->section))
    return FALSE;
  if (metric->section == NULL)
    return TRUE;

  mark = thr_parse_enter_key (p, "section");
  section = find_section (contract, metric->section);
  if (section == NULL)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "unknown section “%s”", metric->section);
  thr_parse_leave (p, mark);

  metric->component = g_strdup (section->component);
  return TRUE;
}

static gboolean
parse_consequence (ThrParser  *p,
                   JsonObject *object,
                   ThrMetric  *metric)
{
  gboolean has_baseline = FALSE, has_percent = FALSE, has_cap = FALSE;
  int consequence = 0;
  gsize mark;

  if (!thr_parse_enum (p, object, "consequence", FALSE, thr_parse_consequence_names,
                       "consequence", &consequence, NULL) ||
      !thr_parse_number (p, object, "baseline", FALSE, &metric->baseline, &has_baseline) ||
      !thr_parse_number (p, object, "bonus_percent", FALSE, &metric->bonus_percent, &has_percent) ||
      !thr_parse_number (p, object, "bonus_cap", FALSE, &metric->bonus_cap, &has_cap))
    return FALSE;

  metric->consequence = g_strdup (thr_parse_name_of (thr_parse_consequence_names, consequence));

  /* A bonus is money the ledger pays out, so its terms must be stated. */
  if (g_str_has_prefix (metric->consequence, "bonus") && !has_percent)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID,
                           "consequence “%s” needs a “bonus_percent”", metric->consequence);
  if ((has_percent || has_cap) && !g_str_has_prefix (metric->consequence, "bonus"))
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID,
                           "“bonus_percent” and “bonus_cap” need consequence “bonus” or “bonus_damages”");
  if (has_percent && (metric->bonus_percent <= 0 || metric->bonus_percent > 100))
    {
      thr_parse_enter_key (p, "bonus_percent");
      return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "a bonus percent must be in (0, 100]");
    }
  if (has_cap && metric->bonus_cap <= 0)
    {
      thr_parse_enter_key (p, "bonus_cap");
      return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "a bonus cap must be positive (leave it out for none)");
    }

  if (has_baseline)
    {
      mark = thr_parse_enter_key (p, "baseline");
      if (metric->unit != THR_UNIT_DOLLARS)
        return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "a baseline needs unit dollars");
      if (metric->baseline < 0)
        return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "a baseline cannot be negative");
      thr_parse_leave (p, mark);
    }
  else if (g_str_equal (metric->consequence, "bonus_damages"))
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID,
                           "consequence “bonus_damages” needs a “baseline”");
  return TRUE;
}

/* Which figure decides the status: the file's choice, else the contract's
 * source_governs reading — but only among the figures that can exist. */
static gboolean
parse_governs (ThrParser  *p,
               JsonObject *object,
               ThrMetric  *metric)
{
  gboolean has_compute = metric->compute.kind != THR_COMPUTE_NONE;
  gboolean has_reported = metric->reported != THR_REPORTED_NONE;
  gboolean present = FALSE;
  int governs;
  gsize mark;

  if (!has_compute && !has_reported)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID,
                           "metric is neither reported nor computed: add “compute” or set “reported”");

  thr_parse_value_of (thr_parse_source_names, thr_contract_get_interpretation (p->contract, "source_governs"), &governs);
  if (!has_compute)
    governs = THR_SOURCE_REPORTED;
  else if (!has_reported)
    governs = THR_SOURCE_COMPUTED;

  if (!thr_parse_enum (p, object, "governs", FALSE, thr_parse_source_names, "source", &governs, &present))
    return FALSE;

  mark = thr_parse_enter_key (p, "governs");
  if (present && governs == THR_SOURCE_COMPUTED && !has_compute)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "“computed” governs but the metric has no “compute”");
  if (present && governs == THR_SOURCE_REPORTED && !has_reported)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "“reported” governs but “reported” is “none”");
  thr_parse_leave (p, mark);

  metric->governs = governs;
  return TRUE;
}

static gboolean
parse_metric_compute (ThrParser  *p,
                      JsonObject *object,
                      ThrMetric  *metric)
{
  JsonNode *node;
  JsonObject *compute;
  gsize mark;

  if (!thr_parse_member (p, object, "compute", FALSE, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  mark = thr_parse_enter_key (p, "compute");
  if (!thr_parse_expect_object (p, node, &compute) ||
      !thr_parse_compute (p, compute, &metric->compute))
    return FALSE;
  thr_parse_leave (p, mark);
  return TRUE;
}

/* "first_period": a label of the metric's own period kind ("2018" for a
 * yearly metric): the contract measures nothing before it (C.6: "with the
 * first measurement to begin January 1, 2018"). */
static gboolean
parse_first_period (ThrParser  *p,
                    JsonObject *object,
                    ThrMetric  *metric)
{
  g_autofree char *label = NULL;
  gsize mark;

  if (!thr_parse_string (p, object, "first_period", FALSE, &label))
    return FALSE;
  if (label == NULL)
    return TRUE;
  mark = thr_parse_enter_key (p, "first_period");
  if (!thr_period_parse_kind (label, metric->period, &metric->first_period, NULL))
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "“%s” is not a %s period label", label,
                           thr_period_kind_to_string (metric->period));
  metric->has_first_period = TRUE;
  thr_parse_leave (p, mark);
  return TRUE;
}

/* Reading notes are prose the explanations quote, and section and
 * component titles headings, so they are kept in the user's language (the
 * clause stays the contract's own words, and a metric's title stays as
 * written for JSON and CSV: thr_metric_get_label translates it where people
 * read it). */
static gboolean
translate_notes (char **notes)
{
  const char *translated;

  if (*notes == NULL)
    return TRUE;
  translated = thr_contract_translate_title (*notes);
  if (translated != *notes)
    {
      char *copy = g_strdup (translated);

      g_free (*notes);
      *notes = copy;
    }
  return TRUE;
}

static gboolean
parse_metric (ThrParser  *p,
              JsonObject *object,
              ThrMetric  *metric)
{
  static const char * const keys[] = {
    "id", "title", "clause", "section", "period", "unit", "op", "target", "bounds",
    "reference", "reference_value", "tolerance", "reported", "compute", "governs",
    "subjects", "flags", "notes", "consequence", "baseline", "bonus_percent", "bonus_cap", "first_period",
    "reference_range", "per_queue", NULL
  };
  int period, unit, op, reported;

  if (!thr_parse_check_keys (p, object, keys) ||
      !thr_parse_string (p, object, "id", TRUE, &metric->id) ||
      !thr_parse_check_identifier (p, "id", metric->id) ||
      !thr_parse_string (p, object, "title", TRUE, &metric->title) ||
      !thr_parse_string (p, object, "clause", TRUE, &metric->clause) ||
      !parse_metric_section (p, object, metric) ||
      !thr_parse_enum (p, object, "period", TRUE, thr_parse_period_names, "period", &period, NULL) ||
      !thr_parse_enum (p, object, "unit", TRUE, thr_parse_unit_names, "unit", &unit, NULL) ||
      !thr_parse_enum (p, object, "op", TRUE, thr_parse_op_names, "comparison", &op, NULL) ||
      !thr_parse_enum (p, object, "reported", TRUE, thr_parse_reported_names, "report form", &reported, NULL))
    return FALSE;

  metric->period = period;
  metric->unit = unit;
  metric->op = op;
  metric->reported = reported;

  return parse_threshold (p, object, metric) &&
         parse_metric_compute (p, object, metric) &&
         parse_governs (p, object, metric) &&
         parse_subjects (p, object, metric) &&
         parse_flags (p, object, metric) &&
         thr_parse_bool (p, object, "per_queue", &metric->per_queue) &&
         thr_parse_string (p, object, "notes", FALSE, &metric->notes) &&
         translate_notes (&metric->notes) &&
         parse_consequence (p, object, metric) &&
         parse_first_period (p, object, metric);
}

static gboolean
parse_metrics (ThrParser  *p,
               JsonObject *root)
{
  ThrContract *contract = p->contract;
  JsonArray *array;
  gsize mark;

  if (!thr_parse_array (p, root, "metrics", TRUE, &array))
    return FALSE;

  mark = thr_parse_enter_key (p, "metrics");
  if (json_array_get_length (array) == 0)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "a contract needs at least one metric");

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(ThrMetric) metric = g_new0 (ThrMetric, 1);
      gsize item = thr_parse_enter_index (p, i);
      JsonObject *object;

      if (!thr_parse_expect_object (p, json_array_get_element (array, i), &object) ||
          !parse_metric (p, object, metric))
        return FALSE;

      if (g_hash_table_contains (contract->metrics_by_id, metric->id))
        {
          thr_parse_enter_key (p, "id");
          return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "duplicate metric id “%s”", metric->id);
        }
      g_hash_table_insert (contract->metrics_by_id, metric->id, metric);
      g_ptr_array_add (contract->metrics, g_steal_pointer (&metric));
      thr_parse_leave (p, item);
    }
  thr_parse_leave (p, mark);
  return TRUE;
}

/* Section: components, sections and interpretations */

static gboolean
parse_component (ThrParser    *p,
                 JsonObject   *object,
                 ThrComponent *component)
{
  static const char * const keys[] = { "id", "title", "rate", "escalated_rate", "clause", NULL };
  gboolean has_escalated = FALSE;
  gsize mark;

  if (!thr_parse_check_keys (p, object, keys) ||
      !thr_parse_string (p, object, "id", TRUE, &component->id) ||
      !thr_parse_check_identifier (p, "id", component->id) ||
      !thr_parse_string (p, object, "title", TRUE, &component->title) ||
      !translate_notes (&component->title) ||
      !thr_parse_number (p, object, "rate", TRUE, &component->rate, NULL) ||
      !thr_parse_check_range (p, "rate", component->rate, 0, 100) ||
      !thr_parse_number (p, object, "escalated_rate", FALSE, &component->escalated_rate, &has_escalated) ||
      !thr_parse_string (p, object, "clause", FALSE, &component->clause))
    return FALSE;

  if (!has_escalated)
    component->escalated_rate = component->rate;

  mark = thr_parse_enter_key (p, "escalated_rate");
  if (component->escalated_rate < component->rate || component->escalated_rate > 100)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID,
                           "%g must lie between the rate (%g) and 100",
                           component->escalated_rate, component->rate);
  thr_parse_leave (p, mark);
  return TRUE;
}

static gboolean
parse_section (ThrParser  *p,
               JsonObject *object,
               ThrSection *section)
{
  static const char * const keys[] = { "id", "title", "component", NULL };
  gsize mark;

  if (!thr_parse_check_keys (p, object, keys) ||
      !thr_parse_string (p, object, "id", TRUE, &section->id) ||
      !thr_parse_check_identifier (p, "id", section->id) ||
      !thr_parse_string (p, object, "title", TRUE, &section->title) ||
      !translate_notes (&section->title) ||
      !thr_parse_string (p, object, "component", FALSE, &section->component))
    return FALSE;

  mark = thr_parse_enter_key (p, "component");
  if (section->component != NULL && thr_contract_find_component (p->contract, section->component) == NULL)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "unknown component “%s”", section->component);
  thr_parse_leave (p, mark);
  return TRUE;
}

typedef gboolean (*ParseItemFunc) (ThrParser  *p,
                                   JsonObject *object,
                                   gpointer    item);

/* Reads an optional array of objects with unique "id"s into @into. */
static gboolean
parse_list (ThrParser      *p,
            JsonObject     *root,
            const char     *key,
            const char     *what,
            GPtrArray      *into,
            gsize           item_size,
            ParseItemFunc   parse_item)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;
  gsize mark;

  if (!thr_parse_array (p, root, key, FALSE, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  mark = thr_parse_enter_key (p, key);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gpointer item = g_malloc0 (item_size);
      gsize index = thr_parse_enter_index (p, i);
      JsonObject *object;
      /* Both ThrComponent and ThrSection start with their id. */
      char **id = item;

      g_ptr_array_add (into, item);
      if (!thr_parse_expect_object (p, json_array_get_element (array, i), &object) ||
          !parse_item (p, object, item))
        return FALSE;
      if (!g_hash_table_add (seen, *id))
        {
          thr_parse_enter_key (p, "id");
          return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "duplicate %s id “%s”", what, *id);
        }
      thr_parse_leave (p, index);
    }
  thr_parse_leave (p, mark);
  return TRUE;
}

static gboolean
check_interpretation_value (ThrParser                   *p,
                            const ThrInterpretationInfo *info,
                            const char                  *value)
{
  g_autofree char *expected = NULL;
  guint64 seconds;

  if (g_str_equal (info->key, "discrepancy_tolerance"))
    {
      char *end = NULL;
      double v = g_ascii_strtod (value, &end);

      if (end == value || *end != '\0' || !(v >= 0 && v <= 100))
        return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID,
                               "“%s” is not a tolerance (a number from 0 to 100 in the metric's unit)", value);
      return TRUE;
    }
  if (info->values[0] == NULL)
    {
      if (!g_ascii_string_to_unsigned (value, 10, 0, 3600, &seconds, NULL))
        return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID,
                               "“%s” is not a whole number of seconds (0–3600)", value);
      return TRUE;
    }
  if (g_strv_contains ((const char * const *) info->values, value))
    return TRUE;

  expected = g_strjoinv (" or ", (char **) info->values);
  return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "unknown reading “%s” (expected %s)",
                         value, expected);
}

/* An interpretation is a string, or {"value": …, "notes": …}. */
static gboolean
parse_interpretation (ThrParser          *p,
                      JsonNode           *node,
                      ThrInterpretation  *out)
{
  static const char * const keys[] = { "value", "notes", NULL };
  JsonObject *object;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      out->value = g_strdup (json_node_get_string (node));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "expected a string or {\"value\", \"notes\"}");

  object = json_node_get_object (node);
  return thr_parse_check_keys (p, object, keys) &&
         thr_parse_string (p, object, "value", TRUE, &out->value) &&
         thr_parse_string (p, object, "notes", FALSE, &out->notes) &&
         translate_notes (&out->notes);
}

static gboolean
parse_interpretations (ThrParser  *p,
                       JsonObject *root)
{
  g_autoptr(GList) members = NULL;
  JsonNode *node;
  gsize mark;

  if (!thr_parse_member (p, root, "interpretations", FALSE, &node))
    return FALSE;
  if (node == NULL)
    return TRUE;

  mark = thr_parse_enter_key (p, "interpretations");
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return thr_parse_fail (p, THR_CONTRACT_ERROR_PARSE, "expected an object");

  members = json_object_get_members (json_node_get_object (node));
  for (const GList *l = members; l != NULL; l = l->next)
    {
      g_autoptr(ThrInterpretation) reading = g_new0 (ThrInterpretation, 1);
      const ThrInterpretationInfo *info = thr_parse_interpretation_info (l->data);
      gsize item = thr_parse_enter_key (p, l->data);

      if (info == NULL)
        return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "unknown interpretation “%s”",
                               (const char *) l->data);
      if (!parse_interpretation (p, json_object_get_member (json_node_get_object (node), l->data), reading))
        return FALSE;

      thr_parse_enter_key (p, "value");
      if (!check_interpretation_value (p, info, reading->value))
        return FALSE;

      g_hash_table_insert (p->contract->interpretations, g_strdup (l->data), g_steal_pointer (&reading));
      thr_parse_leave (p, item);
    }
  thr_parse_leave (p, mark);
  return TRUE;
}

/* Section: the document */

static gboolean
parse_header (ThrParser  *p,
              JsonObject *root)
{
  ThrContract *contract = p->contract;
  g_autoptr(GTimeZone) tz = NULL;
  int format = 0;
  gsize mark;

  if (!thr_parse_int (p, root, "format", TRUE, &format))
    return FALSE;
  mark = thr_parse_enter_key (p, "format");
  if (format != 1)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID,
                           "unsupported format %d (this version reads format 1)", format);
  thr_parse_leave (p, mark);

  if (!thr_parse_string (p, root, "id", TRUE, &contract->id) ||
      !thr_parse_check_identifier (p, "id", contract->id) ||
      !thr_parse_string (p, root, "title", TRUE, &contract->title) ||
      !thr_parse_string (p, root, "source", TRUE, &contract->source) ||
      !thr_parse_string (p, root, "calendar", TRUE, &contract->calendar) ||
      !thr_parse_check_identifier (p, "calendar", contract->calendar) ||
      !thr_parse_string (p, root, "timezone", TRUE, &contract->timezone))
    return FALSE;

  mark = thr_parse_enter_key (p, "timezone");
  tz = thr_time_zone_new (contract->timezone);
  if (tz == NULL)
    return thr_parse_fail (p, THR_CONTRACT_ERROR_INVALID, "unknown time zone “%s”", contract->timezone);
  thr_parse_leave (p, mark);
  return TRUE;
}

gboolean
_thr_contract_parse (ThrContract  *self,
                     JsonNode     *root,
                     const char   *source_name,
                     GError      **error)
{
  static const char * const keys[] = {
    "format", "id", "title", "source", "calendar", "timezone",
    "components", "sections", "interpretations", "metrics", NULL
  };
  g_autoptr(GString) path = g_string_new ("$");
  ThrParser parser = { source_name, path, error, self, THR_RECORDS_NONE, 0 };
  ThrParser *p = &parser;
  JsonObject *object;

  g_assert (THR_IS_CONTRACT (self));

  /* Order matters: interpretations set defaults that metrics read, and
   * sections refer to components as metrics refer to sections. */
  return thr_parse_expect_object (p, root, &object) &&
         thr_parse_check_keys (p, object, keys) &&
         parse_header (p, object) &&
         parse_interpretations (p, object) &&
         parse_list (p, object, "components", "component", self->components,
                     sizeof (ThrComponent), (ParseItemFunc) parse_component) &&
         parse_list (p, object, "sections", "section", self->sections,
                     sizeof (ThrSection), (ParseItemFunc) parse_section) &&
         parse_metrics (p, object);
}
