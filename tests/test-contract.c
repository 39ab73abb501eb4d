/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-contract.c — the bundled contract templates and the loader's checks */
#include <string.h>

#include <json-glib/json-glib.h>

#include "thr-core.h"

static const char * const rfp_ids[] = {
  "A.1.a", "A.1.b", "A.1.c", "A.1.d", "A.1.e", "A.1.f", "A.1.g", "A.1.h", "A.1.i", "A.1.j", "A.1.k",
  "A.2.a", "A.2.b", "A.2.c", "A.2.d", "A.2.e", "A.2.f", "A.2.g", "A.2.h", "A.2.i", "A.2.j", "A.2.k",
  "A.3.a", "A.3.b", "A.3.c", "A.3.d", "A.3.e", "A.3.f", "A.3.g", "A.3.h", "A.3.i", "A.3.j", "A.3.k",
  "A.4.a", "A.4.b", "A.4.c", "A.4.d",
  "A.5.a", "A.5.b", "A.5.c", "A.5.d", "A.5.e",
  "B.1", "B.2", "B.3",
  "C.1", "C.2", "C.3", "C.4", "C.5", "C.6",
};

static ThrContract *
load_template (const char *id)
{
  g_autoptr(GError) error = NULL;
  ThrContract *contract = thr_contract_load_template (id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (contract);
  return contract;
}

static const ThrMetric *
metric (ThrContract *contract,
        const char  *id)
{
  const ThrMetric *m = thr_contract_find_metric (contract, id);

  g_assert_nonnull (m);
  return m;
}

static void
test_list_templates (void)
{
  g_auto(GStrv) ids = thr_contract_list_templates ();

  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_cmpstr (ids[0], ==, "mo-im-kpi");
  g_assert_cmpstr (ids[1], ==, "rfp-16-102");
}

static void
test_unknown_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrContract) contract = thr_contract_load_template ("nope", &error);

  g_assert_null (contract);
  g_assert_error (error, THR_CONTRACT_ERROR, THR_CONTRACT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "mo-im-kpi, rfp-16-102"));

  g_clear_error (&error);
  g_assert_null (thr_contract_load_template ("../contracts/rfp-16-102", &error));
  g_assert_error (error, THR_CONTRACT_ERROR, THR_CONTRACT_ERROR_NOT_FOUND);
}

static void
test_rfp_metric_ids (void)
{
  g_autoptr(ThrContract) contract = load_template ("rfp-16-102");

  g_assert_cmpstr (thr_contract_get_id (contract), ==, "rfp-16-102");
  g_assert_cmpstr (thr_contract_get_calendar (contract), ==, "indiana");
  g_assert_cmpstr (thr_contract_get_timezone (contract), ==, "America/Indiana/Indianapolis");
  g_assert_cmpuint (thr_contract_get_n_metrics (contract), ==, G_N_ELEMENTS (rfp_ids));

  for (guint i = 0; i < G_N_ELEMENTS (rfp_ids); i++)
    {
      const ThrMetric *m = thr_contract_get_metric (contract, i);

      g_assert_cmpstr (m->id, ==, rfp_ids[i]);
      g_assert_true (thr_contract_find_metric (contract, rfp_ids[i]) == m);
    }
}

/* Every metric quotes its clause, belongs to the component of its section
 * and says how its status is decided. */
static void
test_rfp_metrics_complete (void)
{
  g_autoptr(ThrContract) contract = load_template ("rfp-16-102");

  for (guint i = 0; i < thr_contract_get_n_metrics (contract); i++)
    {
      const ThrMetric *m = thr_contract_get_metric (contract, i);
      const char *component = m->id[0] == 'A' ? "central" : m->id[0] == 'B' ? "local_office" : "training";

      g_test_message ("%s", m->id);
      g_assert_nonnull (m->title);
      g_assert_cmpuint (strlen (m->clause), >=, 40);
      g_assert_cmpint (m->section[0], ==, m->id[0]);
      g_assert_cmpstr (m->component, ==, component);
      g_assert_nonnull (m->consequence);
      g_assert_true (m->reported != THR_REPORTED_NONE || m->compute.kind != THR_COMPUTE_NONE);
      if (m->compute.kind == THR_COMPUTE_NONE)
        g_assert_cmpint (m->governs, ==, THR_SOURCE_REPORTED);
    }
}

static void
test_rfp_spot_checks (void)
{
  g_autoptr(ThrContract) contract = load_template ("rfp-16-102");
  const ThrMetric *m;
  const ThrFilter *f;
  const ThrComponent *central;

  m = metric (contract, "A.1.k");
  g_assert_cmpint (m->op, ==, THR_OP_GT);
  g_assert_cmpfloat (m->target, ==, 95);
  g_assert_cmpint (m->unit, ==, THR_UNIT_PERCENT);

  m = metric (contract, "A.1.a");
  g_assert_cmpint (m->op, ==, THR_OP_GE);
  g_assert_cmpfloat (m->target, ==, 98);
  g_assert_cmpint (m->reported, ==, THR_REPORTED_RATIO);
  g_assert_cmpint (m->compute.kind, ==, THR_COMPUTE_WITHIN);
  g_assert_cmpint (m->compute.deadline.unit, ==, THR_DAYS_BUSINESS);
  g_assert_cmpint (m->compute.deadline.n, ==, 2);
  g_assert_cmpint (m->compute.deadline.anchor, ==, THR_FIELD_RECEIVED);
  g_assert_cmpint (m->compute.date_field, ==, THR_FIELD_INVALID);
  g_assert_cmpint (m->compute.end_field, ==, THR_FIELD_COMPLETED);

  m = metric (contract, "A.5.a");
  g_assert_cmpint (m->op, ==, THR_OP_LE);
  g_assert_cmpfloat (m->target, ==, 150);
  g_assert_cmpint (m->unit, ==, THR_UNIT_SECONDS);
  g_assert_cmpint (m->compute.kind, ==, THR_COMPUTE_CALL_ASA);
  g_assert_cmpint (m->compute.records, ==, THR_RECORDS_CALLS);
  g_assert_cmpint (m->compute.date_field, ==, THR_FIELD_OFFERED_AT);
  g_assert_cmpfloat (m->compute.short_abandon_seconds, ==, 15);

  m = metric (contract, "A.5.b");
  g_assert_cmpint (m->compute.kind, ==, THR_COMPUTE_CALL_SERVICE_LEVEL);
  g_assert_cmpfloat (m->compute.answer_seconds, ==, 60);

  m = metric (contract, "A.5.d");
  g_assert_cmpint (m->period, ==, THR_PERIOD_WEEK);
  g_assert_cmpint (m->compute.kind, ==, THR_COMPUTE_CALL_ABANDONMENT);
  g_assert_cmpfloat (m->target, ==, 7);

  m = metric (contract, "A.3.b");
  g_assert_cmpint (m->period, ==, THR_PERIOD_QUARTER);
  g_assert_cmpint (m->unit, ==, THR_UNIT_DOLLARS);
  g_assert_cmpfloat (m->baseline, ==, 120000);
  g_assert_cmpfloat (m->target, ==, 120000);
  g_assert_cmpstr (m->consequence, ==, "bonus_damages");
  g_assert_cmpint (m->compute.kind, ==, THR_COMPUTE_SUM);
  g_assert_cmpint (m->compute.value_field, ==, THR_FIELD_AMOUNT);
  g_assert_cmpint (m->compute.date_field, ==, THR_FIELD_RECEIVED);

  m = metric (contract, "A.2.i");
  g_assert_cmpint (m->compute.deadline.anchor, ==, THR_FIELD_DUE);
  g_assert_cmpint (m->compute.deadline.align, ==, THR_ALIGN_MONTH_END);
  g_assert_cmpint (m->compute.deadline.n, ==, -4);
  g_assert_cmpint (m->compute.deadline.unit, ==, THR_DAYS_BUSINESS);

  m = metric (contract, "A.2.a");
  g_assert_true (m->compute.deadline.roll_forward);
  g_assert_cmpint (m->compute.deadline.unit, ==, THR_DAYS_CALENDAR);

  m = metric (contract, "A.3.g");
  g_assert_cmpint (m->compute.date_field, ==, THR_FIELD_COMPLETED);
  g_assert_null (strstr (m->clause, "bookmark"));

  m = metric (contract, "A.3.h");
  g_assert_cmpint (m->compute.deadline.align, ==, THR_ALIGN_QUARTER_END);
  g_assert_cmpint (m->compute.deadline.unit, ==, THR_DAYS_MONTHS);
  g_assert_cmpint (m->compute.deadline.n, ==, 3);

  /* A.1.c: {"all": [type = application, program = SNAP, category = expedited]} */
  m = metric (contract, "A.1.c");
  f = m->compute.filter;
  g_assert_nonnull (f);
  g_assert_cmpint (f->kind, ==, THR_FILTER_ALL);
  g_assert_cmpuint (f->children->len, ==, 3);
  {
    static const struct { ThrRecordField field; const char *text; } want[] = {
      { THR_FIELD_TYPE, "application" },
      { THR_FIELD_PROGRAM, "SNAP" },
      { THR_FIELD_CATEGORY, "expedited" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (want); i++)
      {
        const ThrFilter *child = g_ptr_array_index (f->children, i);

        g_assert_cmpint (child->kind, ==, THR_FILTER_CMP);
        g_assert_cmpint (child->cmp, ==, THR_CMP_EQ);
        g_assert_cmpint (child->field, ==, want[i].field);
        g_assert_cmpstr (child->texts[0], ==, want[i].text);
      }
  }

  /* A.2.a excludes "linked" changes without dropping those with no category. */
  f = metric (contract, "A.2.a")->compute.filter;
  g_assert_cmpint (f->kind, ==, THR_FILTER_ALL);
  f = g_ptr_array_index (f->children, 1);
  g_assert_cmpint (f->kind, ==, THR_FILTER_ANY);
  g_assert_cmpint (((ThrFilter *) g_ptr_array_index (f->children, 0))->cmp, ==, THR_CMP_IS_NULL);
  g_assert_cmpint (((ThrFilter *) g_ptr_array_index (f->children, 1))->cmp, ==, THR_CMP_NE);

  m = metric (contract, "B.1");
  g_assert_cmpint (m->period, ==, THR_PERIOD_YEAR);
  g_assert_cmpint (m->op, ==, THR_OP_LE);
  g_assert_cmpint (m->compute.kind, ==, THR_COMPUTE_NONE);
  g_assert_cmpint (m->reported, ==, THR_REPORTED_RATIO);

  m = metric (contract, "C.6");
  g_assert_cmpint (m->period, ==, THR_PERIOD_YEAR);
  g_assert_cmpstr (m->consequence, ==, "bonus");
  g_assert_cmpstr (m->component, ==, "training");

  g_assert_cmpuint (thr_contract_get_n_components (contract), ==, 3);
  g_assert_cmpuint (thr_contract_get_n_sections (contract), ==, 3);
  central = thr_contract_find_component (contract, "central");
  g_assert_cmpfloat (central->rate, ==, 15);
  g_assert_cmpfloat (central->escalated_rate, ==, 25);
  g_assert_cmpfloat (thr_contract_find_component (contract, "training")->escalated_rate, ==, 15);
  g_assert_null (thr_contract_find_component (contract, "nowhere"));

  g_assert_cmpstr (thr_contract_get_interpretation (contract, "bonus_cap"), ==, "cap_on_excess");
  g_assert_cmpstr (thr_contract_get_interpretation (contract, "record_period"), ==, "deadline");
  g_assert_nonnull (thr_contract_get_interpretation_notes (contract, "met_month_in_failed_window"));
  g_assert_null (thr_contract_get_interpretation (contract, "no_such_reading"));
}

static void
test_definition_bytes (void)
{
  g_autoptr(ThrContract) contract = load_template ("rfp-16-102");
  g_autoptr(GBytes) resource = NULL;

  resource = g_resources_lookup_data ("/io/github/thresholdapp/Threshold/core/contracts/rfp-16-102.json",
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert_nonnull (resource);
  g_assert_true (g_bytes_equal (thr_contract_get_definition (contract), resource));
}

/* The texts the bases of kept figures read: each metric's own definition,
 * and every setting outside the metrics, nothing of a metric in them. */
static void
test_basis_texts (void)
{
  g_autoptr(ThrContract) contract = load_template ("rfp-16-102");
  const char *settings = thr_contract_get_settings_text (contract);

  for (guint i = 0; i < thr_contract_get_n_metrics (contract); i++)
    {
      const ThrMetric *m = thr_contract_get_metric (contract, i);
      const char *text = thr_contract_get_metric_text (contract, m->id);
      g_autofree char *id = g_strdup_printf ("\"id\":\"%s\"", m->id);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *json = NULL;

      g_assert_true (g_str_has_prefix (text, "metric\x1f{"));
      g_assert_true (g_str_has_suffix (text, "}\x1e"));
      json = g_strndup (text + strlen ("metric\x1f"), strlen (text) - strlen ("metric\x1f") - 1);
      node = json_from_string (json, NULL);
      g_assert_nonnull (node);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "id"), ==, m->id);
      g_assert_null (strstr (settings, id));
    }
  g_assert_null (thr_contract_get_metric_text (contract, "no-such-metric"));
  g_assert_true (g_str_has_prefix (settings, "format\x1f" "1\x1e" "id\x1f" "\"rfp-16-102\"\x1e"));
  g_assert_nonnull (strstr (settings, "\x1etimezone\x1f\"America/Indiana/Indianapolis\"\x1e"));
  g_assert_null (strstr (settings, "metrics\x1f"));
}

static void
test_kpi_template (void)
{
  g_autoptr(ThrContract) contract = load_template ("mo-im-kpi");
  const ThrMetric *m;
  const ThrFlag *flag;

  g_assert_cmpstr (thr_contract_get_calendar (contract), ==, "missouri");
  g_assert_cmpstr (thr_contract_get_timezone (contract), ==, "America/Chicago");
  g_assert_cmpuint (thr_contract_get_n_components (contract), ==, 0);

  for (guint i = 0; i < thr_contract_get_n_metrics (contract); i++)
    {
      m = thr_contract_get_metric (contract, i);
      g_assert_null (m->component);
      g_assert_cmpstr (m->consequence, ==, "none");
      /* Staff KPIs are judged per group and worker; the coordinator's
       * time split per coordinator; payment accuracy agency-wide. */
      if (g_str_equal (m->id, "payment_accuracy"))
        g_assert_null (m->subjects);
      else if (g_str_has_prefix (m->id, "coordinator_"))
        g_assert_cmpstr (m->subjects[0], ==, "worker");
      else if (g_str_equal (m->id, "training_enrollment"))
        g_assert_cmpstr (m->subjects[0], ==, "group");
      else
        {
          g_assert_cmpstr (m->subjects[0], ==, "group");
          g_assert_cmpstr (m->subjects[1], ==, "worker");
        }
    }
  g_assert_cmpuint (thr_contract_get_n_metrics (contract), ==, 13);
  g_assert_cmpstr (thr_contract_get_interpretation (contract, "missing_reference_quarter"), ==, "latest_published");

  m = metric (contract, "payment_accuracy");
  g_assert_cmpint (m->op, ==, THR_OP_GE);
  g_assert_cmpfloat (m->target, ==, 95);
  g_assert_nonnull (strstr (m->clause, "Agency KPI goal of 95% payment accuracy"));
  m = metric (contract, "coordinator_staff_time");
  g_assert_cmpint (m->op, ==, THR_OP_GE);
  g_assert_cmpfloat (m->target, ==, 75);
  m = metric (contract, "coordinator_other_time");
  g_assert_cmpint (m->op, ==, THR_OP_LT);
  g_assert_cmpfloat (m->target, ==, 25);
  m = metric (contract, "first_contact_resolution");
  g_assert_cmpint (m->period, ==, THR_PERIOD_WEEK);
  g_assert_cmpstr (m->reference, ==, "qsa:first_contact_resolution");
  m = metric (contract, "training_enrollment");
  g_assert_cmpint (m->compute.kind, ==, THR_COMPUTE_WITHIN);
  g_assert_cmpint (m->compute.deadline.n, ==, 14);
  g_assert_nonnull (strstr (m->clause, "within the first 2 weeks of employment"));

  m = metric (contract, "get_next_rate");
  g_assert_cmpint (m->op, ==, THR_OP_WITHIN);
  g_assert_null (m->reference);
  g_assert_cmpfloat (m->reference_value, ==, 80);
  g_assert_cmpfloat (m->tolerance, ==, 5);

  m = metric (contract, "completion_rate");
  g_assert_cmpint (m->op, ==, THR_OP_BETWEEN);
  g_assert_cmpstr (m->reference_low, ==, "qsa:completion_rate_low");
  g_assert_cmpstr (m->reference_high, ==, "qsa:completion_rate_high");
  g_assert_true (m->per_queue);
  g_assert_nonnull (strstr (m->clause, "within the range for each queue"));
  g_assert_cmpuint (m->flags->len, ==, 1);
  flag = g_ptr_array_index (m->flags, 0);
  g_assert_cmpint (flag->op, ==, THR_OP_BETWEEN);
  g_assert_cmpfloat (flag->lower, ==, 95);
  g_assert_cmpfloat (flag->upper, ==, 100);
  g_assert_nonnull (strstr (flag->label, "not normal"));

  m = metric (contract, "transaction_time");
  g_assert_cmpint (m->unit, ==, THR_UNIT_SECONDS);
  g_assert_cmpfloat (m->tolerance, ==, 300);

  m = metric (contract, "paused_tasks");
  g_assert_cmpint (m->op, ==, THR_OP_LE);
  g_assert_cmpfloat (m->target, ==, 0);
  g_assert_cmpint (m->unit, ==, THR_UNIT_COUNT);

  m = metric (contract, "call_handling_time");
  g_assert_cmpint (m->compute.kind, ==, THR_COMPUTE_MEAN);
  g_assert_cmpint (m->compute.value_field, ==, THR_FIELD_HANDLE_SECONDS);
  g_assert_cmpstr (m->reference, ==, "qsa:call_handling_time");

  g_assert_nonnull (metric (contract, "online_utilization"));
  g_assert_nonnull (metric (contract, "logged_in_time"));
  g_assert_nonnull (metric (contract, "cases_worked"));
}

/* Every metric title of a bundled template is in the list translators
 * get, and the list holds no title that no template has. */
static void
test_titles_translatable (void)
{
  g_auto(GStrv) ids = thr_contract_list_templates ();
  const char * const *titles = thr_contract_get_bundled_titles ();
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpuint (g_strv_length (ids), >=, 2);
  for (guint t = 0; ids[t] != NULL; t++)
    {
      g_autoptr(ThrContract) contract = load_template (ids[t]);

      for (guint i = 0; i < thr_contract_get_n_metrics (contract); i++)
        {
          const ThrMetric *metric = thr_contract_get_metric (contract, i);

          if (!g_strv_contains (titles, metric->title))
            g_error ("%s: the title of %s, “%s”, is not in thr-contract-titles.c", ids[t], metric->id, metric->title);
          g_hash_table_add (used, g_strdup (metric->title));
        }
      /* Section and component titles, as the file writes them (the loader
       * translates them, but the tests run without a catalogue). */
      for (guint i = 0; i < thr_contract_get_n_sections (contract); i++)
        {
          const char *title = thr_contract_get_section (contract, i)->title;

          if (!g_strv_contains (titles, title))
            g_error ("%s: the section title “%s” is not in thr-contract-titles.c", ids[t], title);
          g_hash_table_add (used, g_strdup (title));
        }
      for (guint i = 0; i < thr_contract_get_n_components (contract); i++)
        {
          const char *title = thr_contract_get_component (contract, i)->title;

          if (!g_strv_contains (titles, title))
            g_error ("%s: the component title “%s” is not in thr-contract-titles.c", ids[t], title);
          g_hash_table_add (used, g_strdup (title));
        }
    }
  for (guint i = 0; titles[i] != NULL; i++)
    if (!g_hash_table_contains (used, titles[i]))
      g_error ("thr-contract-titles.c lists “%s”, which no bundled template has", titles[i]);
  /* A title not in the catalogue comes back as written. */
  g_assert_cmpstr (thr_contract_translate_title ("A metric of our own"), ==, "A metric of our own");
}

/* The notes of a contract file: its metrics' and its interpretations'. */
static void
collect_notes (GBytes     *definition,
               GHashTable *notes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GList) keys = NULL;
  JsonObject *root, *readings;
  JsonArray *metrics;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (definition, NULL),
                                             g_bytes_get_size (definition), NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  metrics = json_object_get_array_member (root, "metrics");
  for (guint i = 0; i < json_array_get_length (metrics); i++)
    {
      JsonObject *metric = json_array_get_object_element (metrics, i);

      if (json_object_has_member (metric, "notes"))
        g_hash_table_add (notes, g_strdup (json_object_get_string_member (metric, "notes")));
    }
  readings = json_object_has_member (root, "interpretations") ? json_object_get_object_member (root, "interpretations") : NULL;
  if (readings == NULL)
    return;
  keys = json_object_get_members (readings);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (readings, l->data);

      if (JSON_NODE_HOLDS_OBJECT (node) && json_object_has_member (json_node_get_object (node), "notes"))
        g_hash_table_add (notes, g_strdup (json_object_get_string_member (json_node_get_object (node), "notes")));
    }
}

/* Every reading note of a bundled template is in the list translators
 * get, and the list holds no note that no template has. */
static void
test_notes_translatable (void)
{
  g_auto(GStrv) ids = thr_contract_list_templates ();
  const char * const *listed = thr_contract_get_bundled_notes ();
  g_autoptr(GHashTable) notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer note;

  for (guint t = 0; ids[t] != NULL; t++)
    {
      g_autoptr(ThrContract) contract = load_template (ids[t]);

      collect_notes (thr_contract_get_definition (contract), notes);
    }
  g_assert_cmpuint (g_hash_table_size (notes), >=, 50);
  g_hash_table_iter_init (&iter, notes);
  while (g_hash_table_iter_next (&iter, &note, NULL))
    if (!g_strv_contains (listed, note))
      g_error ("the note “%s” is not in thr-contract-notes.c", (char *) note);
  for (guint i = 0; listed[i] != NULL; i++)
    if (!g_hash_table_contains (notes, listed[i]))
      g_error ("thr-contract-notes.c lists “%s”, which no bundled template has", listed[i]);
}

static void
test_op_and_unit_names (void)
{
  static const char * const ops[] = { ">=", ">", "<=", "<", "between", "within" };
  static const char * const units[] = { "percent", "seconds", "dollars", "count" };
  ThrOp op;
  ThrUnit unit;

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_assert_true (thr_op_from_string (ops[i], &op));
      g_assert_cmpstr (thr_op_to_string (op), ==, ops[i]);
    }
  g_assert_false (thr_op_from_string ("=>", &op));
  g_assert_false (thr_op_from_string (NULL, &op));

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      g_assert_true (thr_unit_from_string (units[i], &unit));
      g_assert_cmpstr (thr_unit_to_string (unit), ==, units[i]);
    }
  g_assert_false (thr_unit_from_string ("percentage", &unit));

  /* The same table says how people read them. */
  g_assert_cmpstr (thr_op_get_sign (THR_OP_GE), ==, "≥");
  g_assert_cmpstr (thr_op_get_sign (THR_OP_LE), ==, "≤");
  g_assert_cmpstr (thr_op_get_sign (THR_OP_LT), ==, "<");
  g_assert_cmpstr (thr_op_get_sign (THR_OP_WITHIN), ==, "±");
  g_assert_cmpstr (thr_unit_get_suffix (THR_UNIT_PERCENT), ==, " %");
  g_assert_cmpstr (thr_unit_get_suffix (THR_UNIT_SECONDS), ==, " s");
  g_assert_cmpstr (thr_unit_get_suffix (THR_UNIT_DOLLARS), ==, " dollars");
  g_assert_cmpstr (thr_unit_get_suffix (THR_UNIT_COUNT), ==, "");
}

/* Section: malformed documents
 *
 * Documents are written with ' for " to keep them readable.  A case with
 * a metric is placed in a small valid contract; a case with a document
 * replaces it entirely. */

#define BASE_HEAD \
  "{'format': 1, 'id': 't', 'title': 'T', 'source': 'S', 'calendar': 'indiana'," \
  " 'timezone': 'America/Indiana/Indianapolis'," \
  " 'components': [{'id': 'central', 'title': 'C', 'rate': 15, 'escalated_rate': 25}]," \
  " 'sections': [{'id': 'A', 'title': 'A', 'component': 'central'}],"
#define METRIC_HEAD \
  "'id': 'm1', 'title': 'M', 'clause': 'A clause of the contract.', 'section': 'A'," \
  " 'period': 'month', 'unit': 'percent', 'reported': 'ratio'"
#define TASKS_WITHIN \
  "'compute': {'kind': 'within', 'records': 'tasks', 'deadline': {'from': 'received', 'n': 2, 'unit': 'business_days'}"

typedef struct {
  const char *metric;     /* the members of metrics[0] */
  const char *document;   /* or a whole document */
  const char *expected;   /* expected in the message, after "t.json: " */
} BadCase;

static const BadCase bad_cases[] = {
  { METRIC_HEAD ", 'op': '=>', 'target': 95", NULL,
    "$.metrics[0].op: unknown comparison “=>” (expected >=, >, <=, <, between or within)" },
  { METRIC_HEAD ", 'op': '>=', 'targt': 95", NULL, "$.metrics[0].targt: unknown key “targt”" },
  { METRIC_HEAD ", 'target': 95", NULL, "$.metrics[0]: missing required key “op”" },
  { METRIC_HEAD ", 'op': 'between', 'bounds': [100, 95]", NULL, "$.metrics[0].bounds: bounds are not in order" },
  { METRIC_HEAD ", 'op': 'between', 'bounds': [95]", NULL, "$.metrics[0].bounds: expected two numbers" },
  { METRIC_HEAD ", 'op': 'between', 'target': 95, 'bounds': [90, 95]", NULL,
    "$.metrics[0].target: not used with comparison “between”" },
  { METRIC_HEAD ", 'op': 'within', 'reference': 'qsa:x'", NULL, "$.metrics[0]: missing required key “tolerance”" },
  { METRIC_HEAD ", 'op': 'within', 'tolerance': 5", NULL, "$.metrics[0]: comparison “within” needs “reference”" },
  { METRIC_HEAD ", 'op': '>=', 'target': 150", NULL, "$.metrics[0].target: 150 is outside 0–100" },
  { METRIC_HEAD ", 'op': '>=', 'target': 95, 'flags': [{'op': 'within', 'target': 5, 'label': 'L'}]", NULL,
    "$.metrics[0].flags[0]: a flag cannot compare “within” a reference (expected >=, >, <=, < or between)" },
  { "'id': 'm1', 'title': 'M', 'clause': 'A clause.', 'section': 'Z', 'period': 'month',"
    " 'unit': 'percent', 'op': '>=', 'target': 95, 'reported': 'ratio'", NULL,
    "$.metrics[0].section: unknown section “Z”" },
  { METRIC_HEAD ", 'op': '>=', 'target': 95, 'period': 'fortnight'", NULL, "$.metrics[0].period: unknown period “fortnight”" },
  { METRIC_HEAD ", 'op': '>=', 'target': 95, 'governs': 'computed'", NULL,
    "$.metrics[0].governs: “computed” governs but the metric has no “compute”" },
  { METRIC_HEAD ", 'op': '>=', 'target': 95, 'compute': {'kind': 'asa', 'records': 'tasks'}", NULL,
    "$.metrics[0].compute.records: compute kind “asa” needs records “calls”" },
  { METRIC_HEAD ", 'op': '>=', 'target': 95, " TASKS_WITHIN ", 'match': {'field': 'type', 'eq': 'x'}}", NULL,
    "$.metrics[0].compute.match: not used by compute kind “within”" },
  { METRIC_HEAD ", 'op': '>=', 'target': 95, " TASKS_WITHIN
    ", 'filter': {'all': [{'field': 'type', 'eq': 'change'}, {'field': 'colour', 'eq': 'red'}]}}", NULL,
    "$.metrics[0].compute.filter.all[1].field: unknown field “colour” for tasks records" },
  { METRIC_HEAD ", 'op': '>=', 'target': 95, " TASKS_WITHIN ", 'filter': {'field': 'wait_seconds', 'gt': 5}}", NULL,
    "$.metrics[0].compute.filter.field: unknown field “wait_seconds” for tasks records" },
  { METRIC_HEAD ", 'op': '>=', 'target': 95, " TASKS_WITHIN ", 'filter': {'field': 'category', 'gt': 3}}", NULL,
    "$.metrics[0].compute.filter.gt: “gt” compares numbers but “category” is a text field" },
  { METRIC_HEAD ", 'op': '>=', 'target': 95, " TASKS_WITHIN ", 'filter': {'field': 'category', 'is_null': false}}", NULL,
    "$.metrics[0].compute.filter.is_null: “is_null” takes the value true" },
  { METRIC_HEAD ", 'op': '>=', 'target': 95, " TASKS_WITHIN ", 'filter': {'not': {'any': []}}}", NULL,
    "$.metrics[0].compute.filter.not.any: expected at least one filter" },
  { METRIC_HEAD ", 'op': '>=', 'target': 95, 'compute': {'kind': 'within', 'records': 'tasks',"
    " 'deadline': {'from': 'received', 'n': -4, 'unit': 'calendar_days'}}", NULL,
    "$.metrics[0].compute.deadline.n: a negative offset (-4) needs unit business_days" },
  { METRIC_HEAD ", 'op': '>=', 'target': 95, 'compute': {'kind': 'mean', 'records': 'tasks',"
    " 'date': 'completed', 'value': 'category'}", NULL,
    "$.metrics[0].compute.value: field “category” is a text field; a number field is needed here" },
  { NULL, BASE_HEAD " 'metrics': [{" METRIC_HEAD ", 'op': '>=', 'target': 95}, {" METRIC_HEAD ", 'op': '<', 'target': 5}]}",
    "$.metrics[1].id: duplicate metric id “m1”" },
  { NULL, "{'format': 1, 'id': 't', 'title': 'T', 'source': 'S', 'calendar': 'indiana',"
    " 'timezone': 'America/Indiana/Indianapolis', 'sections': [{'id': 'A', 'title': 'A', 'component': 'nowhere'}],"
    " 'metrics': [{" METRIC_HEAD ", 'op': '>=', 'target': 95}]}",
    "$.sections[0].component: unknown component “nowhere”" },
  { NULL, "{'format': 2, 'id': 't'}", "$.format: unsupported format 2 (this version reads format 1)" },
  { NULL, "{'format': 1, 'id': 't', 'title': 'T', 'source': 'S', 'calendar': 'indiana',"
    " 'timezone': 'Mars/Olympus_Mons', 'metrics': []}", "$.timezone: unknown time zone “Mars/Olympus_Mons”" },
  { NULL, BASE_HEAD " 'interpretations': {'record_periods': 'start'}, 'metrics': []}",
    "$.interpretations.record_periods: unknown interpretation “record_periods”" },
  { NULL, BASE_HEAD " 'interpretations': {'record_period': {'value': 'middle', 'notes': 'n'}}, 'metrics': []}",
    "$.interpretations.record_period.value: unknown reading “middle” (expected deadline or start)" },
  { NULL, BASE_HEAD " 'metrics': []}", "$.metrics: a contract needs at least one metric" },
  { NULL, "{'format': 1,", "$: " },
};

static char *
bad_case_document (const BadCase *c)
{
  g_autofree char *text = NULL;

  if (c->document != NULL)
    text = g_strdup (c->document);
  else
    text = g_strdup_printf (BASE_HEAD " 'metrics': [{%s}]}", c->metric);
  g_strdelimit (text, "'", '"');
  return g_steal_pointer (&text);
}

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *text = bad_case_document (&bad_cases[i]);
      g_autofree char *expected = g_strconcat ("t.json: ", bad_cases[i].expected, NULL);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(GError) error = NULL;
      g_autoptr(ThrContract) contract = NULL;

      g_test_message ("case %u: %s", i, bad_cases[i].expected);
      contract = thr_contract_new_from_bytes (bytes, "t.json", &error);
      g_assert_null (contract);
      g_assert_nonnull (error);
      g_assert_true (error->domain == THR_CONTRACT_ERROR);
      g_test_message ("→ %s", error->message);
      if (!g_str_has_prefix (error->message, expected))
        g_error ("case %u: expected “%s…”, got “%s”", i, expected, error->message);
    }
}

/* The smallest valid document loads, and the KPI shape (no components,
 * no sections) is accepted. */
static void
test_minimal_documents (void)
{
  static const char *documents[] = {
    BASE_HEAD " 'metrics': [{" METRIC_HEAD ", 'op': '>=', 'target': 95}]}",
    "{'format': 1, 'id': 'k', 'title': 'K', 'source': 'S', 'calendar': 'missouri', 'timezone': 'America/Chicago',"
    " 'metrics': [{'id': 'x', 'title': 'X', 'clause': 'A line of the page.', 'period': 'week', 'unit': 'count',"
    " 'op': 'within', 'reference': 'qsa:x', 'tolerance': 5, 'reported': 'value'}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autofree char *text = g_strdup (documents[i]);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ThrContract) contract = NULL;

      g_strdelimit (text, "'", '"');
      bytes = g_bytes_new (text, strlen (text));
      contract = thr_contract_new_from_bytes (bytes, "t.json", &error);
      g_assert_no_error (error);
      g_assert_nonnull (contract);
      g_assert_cmpstr (thr_contract_get_interpretation (contract, "short_abandon_seconds"), ==, "15");
    }
}

/* The example in docs/contract-format.md must load as printed. */
static void
test_documented_example (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "contract-format.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrContract) contract = NULL;
  const char *start, *end;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);

  start = strstr (text, "## Example\n\n```json\n");
  g_assert_nonnull (start);
  start += strlen ("## Example\n\n```json\n");
  end = strstr (start, "```");
  g_assert_nonnull (end);

  bytes = g_bytes_new (start, end - start);
  contract = thr_contract_new_from_bytes (bytes, "contract-format.md", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (thr_contract_get_n_metrics (contract), ==, 2);
  g_assert_cmpstr (thr_contract_get_metric (contract, 0)->component, ==, "central");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contract/templates/list", test_list_templates);
  g_test_add_func ("/contract/templates/unknown", test_unknown_template);
  g_test_add_func ("/contract/rfp/metric-ids", test_rfp_metric_ids);
  g_test_add_func ("/contract/rfp/complete", test_rfp_metrics_complete);
  g_test_add_func ("/contract/rfp/spot-checks", test_rfp_spot_checks);
  g_test_add_func ("/contract/rfp/definition", test_definition_bytes);
  g_test_add_func ("/contract/rfp/basis-texts", test_basis_texts);
  g_test_add_func ("/contract/kpi", test_kpi_template);
  g_test_add_func ("/contract/names", test_op_and_unit_names);
  g_test_add_func ("/contract/titles-translatable", test_titles_translatable);
  g_test_add_func ("/contract/notes-translatable", test_notes_translatable);
  g_test_add_func ("/contract/malformed", test_malformed);
  g_test_add_func ("/contract/minimal", test_minimal_documents);
  g_test_add_func ("/contract/documented-example", test_documented_example);

  return g_test_run ();
}
