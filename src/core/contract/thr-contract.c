/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-contract.c — a contract's metrics, thresholds and rules, loaded from data
 *
 * The object is immutable once loaded: everything is read from JSON by
 * thr-contract-parse.c and thr-contract-load.c, and the original bytes are
 * kept so the store can record exactly which definition judged a month.
 */
#define G_LOG_DOMAIN "thr-contract"

#include "thr-contract-private.h"
#include "thr-core-init.h"
#include "thr-json-private.h"

#define TEMPLATE_DIR "/io/github/thresholdapp/Threshold/core/contracts/"

G_DEFINE_FINAL_TYPE (ThrContract, thr_contract, G_TYPE_OBJECT)
G_DEFINE_QUARK (thr-contract-error-quark, thr_contract_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
thr_contract_finalize (GObject *object)
{
  ThrContract *self = (ThrContract *) object;

  g_clear_pointer (&self->definition, g_bytes_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->calendar, g_free);
  g_clear_pointer (&self->timezone, g_free);
  g_clear_pointer (&self->metrics_by_id, g_hash_table_unref);
  g_clear_pointer (&self->metrics, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->components, g_ptr_array_unref);
  g_clear_pointer (&self->interpretations, g_hash_table_unref);
  g_clear_pointer (&self->settings_text, g_free);
  g_clear_pointer (&self->metric_texts, g_hash_table_unref);

  G_OBJECT_CLASS (thr_contract_parent_class)->finalize (object);
}

static void
thr_contract_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ThrContract *self = THR_CONTRACT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thr_contract_class_init (ThrContractClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = thr_contract_finalize;
  object_class->get_property = thr_contract_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
thr_contract_init (ThrContract *self)
{
  self->components = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_component_free);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_section_free);
  self->metrics = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_metric_free);
  self->metrics_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->interpretations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) thr_interpretation_free);
}

/* Section: freeing what the parser builds */

void
thr_compute_clear (ThrCompute *compute)
{
  g_clear_pointer (&compute->filter, thr_filter_free);
  g_clear_pointer (&compute->match, thr_filter_free);
}

void
thr_flag_free (ThrFlag *flag)
{
  if (flag == NULL)
    return;
  g_free (flag->label);
  g_free (flag);
}

void
thr_metric_free (ThrMetric *metric)
{
  if (metric == NULL)
    return;
  g_free (metric->id);
  g_free (metric->title);
  g_free (metric->clause);
  g_free (metric->section);
  g_free (metric->component);
  g_free (metric->notes);
  g_free (metric->reference);
  g_free (metric->reference_low);
  g_free (metric->reference_high);
  g_free (metric->consequence);
  g_strfreev (metric->subjects);
  g_clear_pointer (&metric->flags, g_ptr_array_unref);
  thr_compute_clear (&metric->compute);
  g_free (metric);
}

void
thr_component_free (ThrComponent *component)
{
  if (component == NULL)
    return;
  g_free (component->id);
  g_free (component->title);
  g_free (component->clause);
  g_free (component);
}

void
thr_section_free (ThrSection *section)
{
  if (section == NULL)
    return;
  g_free (section->id);
  g_free (section->title);
  g_free (section->component);
  g_free (section);
}

void
thr_interpretation_free (ThrInterpretation *interpretation)
{
  if (interpretation == NULL)
    return;
  g_free (interpretation->value);
  g_free (interpretation->notes);
  g_free (interpretation);
}

/* Section: loading */

/* "NAME\x1fJSON\x1e", the JSON as json_to_string () writes it. */
static void
append_member_text (GString    *text,
                    const char *name,
                    JsonNode   *node)
{
  g_autofree char *json = json_to_string (node, FALSE);

  g_string_append (text, name);
  g_string_append_c (text, '\x1f');
  g_string_append (text, json);
  g_string_append_c (text, '\x1e');
}

/* The texts the evaluator's bases of kept figures read, written while
 * the tree is at hand: the evaluator parsed the whole file again for
 * them, 12.6 M instructions for each evaluator made (the load's, each of
 * the history's workers).  A parsed contract's root is an object and its
 * metrics an array of objects with ids. */
static void
write_basis_texts (ThrContract *self,
                   JsonNode    *root)
{
  JsonObject *object = json_node_get_object (root);
  JsonArray *metrics = json_object_get_array_member (object, "metrics");
  g_autoptr(GList) members = json_object_get_members (object);
  GString *settings = g_string_new (NULL);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "metrics"))
      append_member_text (settings, l->data, json_object_get_member (object, l->data));
  self->settings_text = g_string_free (settings, FALSE);
  self->metric_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < json_array_get_length (metrics); i++)
    {
      JsonNode *node = json_array_get_element (metrics, i);
      const char *id = json_object_get_string_member_with_default (json_node_get_object (node), "id", NULL);
      GString *text;

      if (id == NULL)
        continue;
      text = g_string_new (NULL);
      append_member_text (text, "metric", node);
      g_hash_table_replace (self->metric_texts, g_strdup (id), g_string_free (text, FALSE));
    }
}

ThrContract *
thr_contract_new_from_bytes (GBytes      *json,
                             const char  *source_name,
                             GError     **error)
{
  g_autoptr(ThrContract) self = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  const char *why;
  gsize size;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (source_name == NULL)
    source_name = "contract";

  data = g_bytes_get_data (json, &size);
  if (data != NULL && (why = thr_json_check_one_value (data, size)) != NULL)
    {
      g_set_error (error, THR_CONTRACT_ERROR, THR_CONTRACT_ERROR_PARSE, "%s: $: %s", source_name, why);
      return NULL;
    }
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", size, &local_error))
    {
      g_set_error (error, THR_CONTRACT_ERROR, THR_CONTRACT_ERROR_PARSE,
                   "%s: $: %s", source_name, local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, THR_CONTRACT_ERROR, THR_CONTRACT_ERROR_PARSE,
                   "%s: $: the document is empty", source_name);
      return NULL;
    }

  self = g_object_new (THR_TYPE_CONTRACT, NULL);
  self->definition = g_bytes_ref (json);
  if (!_thr_contract_parse (self, json_parser_get_root (parser), source_name, error))
    return NULL;
  write_basis_texts (self, json_parser_get_root (parser));

  return g_steal_pointer (&self);
}

ThrContract *
thr_contract_new_from_file (GFile   *file,
                            GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return NULL;

  name = g_file_get_basename (file);
  return thr_contract_new_from_bytes (bytes, name, error);
}

ThrContract *
thr_contract_load_template (const char  *template_id,
                            GError     **error)
{
  g_autoptr(ThrContract) self = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (template_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  thr_core_init ();

  /* A "/" would let the id reach outside the templates directory. */
  if (strchr (template_id, '/') == NULL)
    {
      path = g_strconcat (TEMPLATE_DIR, template_id, ".json", NULL);
      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    }
  if (bytes == NULL)
    {
      g_auto(GStrv) ids = thr_contract_list_templates ();
      g_autofree char *known = g_strjoinv (", ", ids);

      g_set_error (error, THR_CONTRACT_ERROR, THR_CONTRACT_ERROR_NOT_FOUND,
                   "no contract template “%s” (available: %s)", template_id, known);
      return NULL;
    }

  name = g_strconcat (template_id, ".json", NULL);
  self = thr_contract_new_from_bytes (bytes, name, error);
  if (self == NULL)
    return NULL;

  /* The store keys contracts by id; a template filed under another name
   * would be found by one id and saved under another. */
  if (!g_str_equal (self->id, template_id))
    {
      g_set_error (error, THR_CONTRACT_ERROR, THR_CONTRACT_ERROR_INVALID,
                   "%s: $.id: template declares id “%s”", name, self->id);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/* qsort() hands the comparator pointers to the array's elements. */
static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

GStrv
thr_contract_list_templates (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) children = NULL;
  GStrv ids;

  thr_core_init ();

  children = g_resources_enumerate_children (TEMPLATE_DIR, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    if (g_str_has_suffix (children[i], ".json"))
      {
        g_autofree char *id = g_strndup (children[i], strlen (children[i]) - strlen (".json"));
        g_strv_builder_add (builder, id);
      }

  ids = g_strv_builder_end (builder);
  qsort (ids, g_strv_length (ids), sizeof (char *), compare_strings);
  return ids;
}

/* Section: accessors */

const char *
thr_contract_get_id (ThrContract *self)
{
  g_return_val_if_fail (THR_IS_CONTRACT (self), NULL);
  return self->id;
}

const char *
thr_contract_get_title (ThrContract *self)
{
  g_return_val_if_fail (THR_IS_CONTRACT (self), NULL);
  return self->title;
}

const char *
thr_contract_get_source (ThrContract *self)
{
  g_return_val_if_fail (THR_IS_CONTRACT (self), NULL);
  return self->source;
}

const char *
thr_contract_get_calendar (ThrContract *self)
{
  g_return_val_if_fail (THR_IS_CONTRACT (self), NULL);
  return self->calendar;
}

const char *
thr_contract_get_timezone (ThrContract *self)
{
  g_return_val_if_fail (THR_IS_CONTRACT (self), NULL);
  return self->timezone;
}

/* Returns: (transfer none): the bytes the contract was loaded from. */
const char *
thr_contract_get_settings_text (ThrContract *self)
{
  g_return_val_if_fail (THR_IS_CONTRACT (self), NULL);
  return self->settings_text;
}

const char *
thr_contract_get_metric_text (ThrContract *self,
                              const char  *id)
{
  g_return_val_if_fail (THR_IS_CONTRACT (self), NULL);
  return g_hash_table_lookup (self->metric_texts, id);
}

GBytes *
thr_contract_get_definition (ThrContract *self)
{
  g_return_val_if_fail (THR_IS_CONTRACT (self), NULL);
  return self->definition;
}

guint
thr_contract_get_n_metrics (ThrContract *self)
{
  g_return_val_if_fail (THR_IS_CONTRACT (self), 0);
  return self->metrics->len;
}

const ThrMetric *
thr_contract_get_metric (ThrContract *self,
                         guint        position)
{
  g_return_val_if_fail (THR_IS_CONTRACT (self), NULL);
  g_return_val_if_fail (position < self->metrics->len, NULL);
  return g_ptr_array_index (self->metrics, position);
}

const ThrMetric *
thr_contract_find_metric (ThrContract *self,
                          const char  *id)
{
  g_return_val_if_fail (THR_IS_CONTRACT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->metrics_by_id, id);
}

guint
thr_contract_get_n_components (ThrContract *self)
{
  g_return_val_if_fail (THR_IS_CONTRACT (self), 0);
  return self->components->len;
}

const ThrComponent *
thr_contract_get_component (ThrContract *self,
                            guint        position)
{
  g_return_val_if_fail (THR_IS_CONTRACT (self), NULL);
  g_return_val_if_fail (position < self->components->len, NULL);
  return g_ptr_array_index (self->components, position);
}

const ThrComponent *
thr_contract_find_component (ThrContract *self,
                             const char  *id)
{
  g_return_val_if_fail (THR_IS_CONTRACT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->components->len; i++)
    {
      const ThrComponent *component = g_ptr_array_index (self->components, i);
      if (g_str_equal (component->id, id))
        return component;
    }
  return NULL;
}

guint
thr_contract_get_n_sections (ThrContract *self)
{
  g_return_val_if_fail (THR_IS_CONTRACT (self), 0);
  return self->sections->len;
}

const ThrSection *
thr_contract_get_section (ThrContract *self,
                          guint        position)
{
  g_return_val_if_fail (THR_IS_CONTRACT (self), NULL);
  g_return_val_if_fail (position < self->sections->len, NULL);
  return g_ptr_array_index (self->sections, position);
}

/* The file's reading, or Threshold's documented default when the file is
 * silent, so callers never need to know the defaults themselves.
 * NULL for a key Threshold does not know. */
const char *
thr_contract_get_interpretation (ThrContract *self,
                                 const char  *key)
{
  ThrInterpretation *found;

  g_return_val_if_fail (THR_IS_CONTRACT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  found = g_hash_table_lookup (self->interpretations, key);
  return found != NULL ? found->value : _thr_interpretation_default (key);
}

/* The file's explanation of its reading, for explanations shown to users;
 * NULL when the file does not set the interpretation or gives no notes. */
const char *
thr_contract_get_interpretation_notes (ThrContract *self,
                                       const char  *key)
{
  ThrInterpretation *found;

  g_return_val_if_fail (THR_IS_CONTRACT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  found = g_hash_table_lookup (self->interpretations, key);
  return found != NULL ? found->notes : NULL;
}

char *
thr_contract_format_readings (ThrContract *self,
                              GPtrArray   *keys)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (THR_IS_CONTRACT (self), NULL);

  for (guint i = 0; keys != NULL && i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const char *value = thr_contract_get_interpretation (self, key);

      g_string_append_printf (text, "%s%s=%s", i > 0 ? "; " : "", key, value != NULL ? value : "");
    }
  return g_string_free (text, FALSE);
}

gboolean
thr_metric_is_measured (const ThrMetric *metric,
                        guint32          day)
{
  ThrPeriod p;

  g_return_val_if_fail (metric != NULL, FALSE);

  if (!metric->has_first_period)
    return TRUE;
  thr_period_for_day (metric->period, day, &p);
  return p.last >= metric->first_period.first;
}
