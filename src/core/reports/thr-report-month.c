/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-report-month.c — the monthly performance report
 *
 * The order follows what the state verifies when the contractor's report
 * arrives: the summary, every metric section by section, the misses with
 * their clauses, then the money and the open CAPs when the caller has them.
 */
#define G_LOG_DOMAIN "thr-report"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "thr-format.h"
#include "thr-report-format.h"
#include "thr-report-month.h"

ThrReportLedgerLine *
thr_report_ledger_line_new (const char *component,
                            gint64      invoice,
                            double      rate,
                            gint64      withheld,
                            gint64      released,
                            gint64      retained,
                            gint64      held)
{
  ThrReportLedgerLine *line = g_new0 (ThrReportLedgerLine, 1);

  line->component = g_strdup (component);
  line->invoice = invoice;
  line->rate = rate;
  line->withheld = withheld;
  line->released = released;
  line->retained = retained;
  line->held = held;
  return line;
}

void
thr_report_ledger_line_free (ThrReportLedgerLine *line)
{
  if (line == NULL)
    return;
  g_free (line->component);
  g_free (line->explanation);
  g_free (line);
}

ThrReportCap *
thr_report_cap_new (const char *id,
                    const char *metric,
                    const char *failure,
                    const char *state,
                    const char *next_what,
                    guint32     next_day)
{
  ThrReportCap *cap = g_new0 (ThrReportCap, 1);

  cap->id = g_strdup (id);
  cap->metric = g_strdup (metric);
  cap->failure = g_strdup (failure);
  cap->state = g_strdup (state);
  cap->next_what = g_strdup (next_what);
  cap->next_day = next_day;
  return cap;
}

void
thr_report_cap_free (ThrReportCap *cap)
{
  if (cap == NULL)
    return;
  g_free (cap->id);
  g_free (cap->metric);
  g_free (cap->failure);
  g_free (cap->state);
  g_free (cap->next_what);
  g_free (cap);
}

/* ---- Sections ----------------------------------------------------------- */

/* Only metrics under withholding hold back a month's release (D2 ¶3). */
static gboolean
no_data_holds_back_release (GPtrArray *results)
{
  for (guint i = 0; i < results->len; i++)
    {
      const ThrResult *r = g_ptr_array_index (results, i);

      if (r->status == THR_STATUS_NO_DATA
          && (r->metric->consequence == NULL || g_str_equal (r->metric->consequence, "withholding")))
        return TRUE;
    }
  return FALSE;
}

static void
add_summary (ThrDocument *doc,
             GPtrArray   *results)
{
  guint counts[THR_STATUS_NO_DATA + 1] = { 0 };
  guint n_differ = 0;
  g_autofree char *total = NULL;
  g_autofree char *differ = NULL;

  for (guint i = 0; i < results->len; i++)
    {
      const ThrResult *r = g_ptr_array_index (results, i);

      counts[r->status]++;
      n_differ += thr_report_figures_differ (r);
    }
  thr_document_add_heading (doc, _("Summary"));
  total = g_strdup_printf ("%u", results->len);
  thr_document_add_key_value (doc, _("Results evaluated"), total);
  for (ThrStatus s = THR_STATUS_MET; s <= THR_STATUS_NO_DATA; s++)
    {
      g_autofree char *key = g_strdup_printf ("%s %s", thr_report_status_glyph (s), thr_report_status_word (s));
      g_autofree char *value = g_strdup_printf ("%u", counts[s]);

      thr_document_add_key_value (doc, key, value);
    }
  differ = g_strdup_printf ("%u", n_differ);
  thr_document_add_key_value (doc, _("Reported ≠ recomputed"), differ);
  if (counts[THR_STATUS_NO_DATA] == 0)
    return;
  if (no_data_holds_back_release (results))
    thr_document_add_paragraph (doc, _("A metric without data is not met: it holds back the release "
                                       "of the month's withholding until its figures are imported."));
  else
    thr_document_add_paragraph (doc, _("A metric without data is not met: it is judged once its "
                                       "figures are imported."));
}

/* The metric column fits the contract's ids: "A.1.a" is short, a KPI
 * template's "online_utilization" is not; the title gives up the room. */
static double
id_column_width (GPtrArray *results)
{
  glong longest = 0;

  for (guint i = 0; i < results->len; i++)
    {
      const ThrResult *r = g_ptr_array_index (results, i);

      longest = MAX (longest, g_utf8_strlen (r->metric->id, -1));
    }
  return CLAMP (0.02 + 0.0105 * longest, 0.075, 0.17);
}

static ThrDocumentTable *
add_metric_table (ThrDocument *doc,
                  double       id_width)
{
  /* Value and Reported hold dollars such as "$165,420.80" on one line, and
   * Threshold a bold "≥ $120,000"; the title wraps instead. */
  double widths[] = { id_width, 0.27 - id_width, 0.135, 0.125, 0.10, 0.125, 0.135, 0.11 };
  const char *headers[] = {
    _("Metric"), _("Title"), C_("column", "Threshold"), _("Value"), _("Status"),
    _("Reported"), _("Recomputed"), _("Difference"),
  };
  ThrDocumentTable *table = thr_document_add_table (doc, G_N_ELEMENTS (widths), widths, headers);

  for (guint c = 2; c < G_N_ELEMENTS (widths); c++)
    if (c != 4)
      thr_document_table_set_align (table, c, THR_DOCUMENT_ALIGN_RIGHT);
  return table;
}

static char *
metric_title (const ThrResult *r)
{
  GString *out = g_string_new (thr_metric_get_label (r->metric));

  if (r->subject && *r->subject)
    g_string_append_printf (out, " — %s", r->subject);
  for (guint i = 0; r->flags && i < r->flags->len; i++)
    g_string_append_printf (out, "\n⚑ %s", (const char *) g_ptr_array_index (r->flags, i));
  return g_string_free (out, FALSE);
}

static void
add_metric_row (ThrDocumentTable *table,
                const ThrResult  *r)
{
  g_autofree char *title = metric_title (r);
  g_autofree char *threshold = thr_report_format_threshold (r);
  g_autofree char *value = thr_report_format_figure (r->metric->unit, &r->value);
  g_autofree char *status = g_strdup_printf ("%s %s", thr_report_status_glyph (r->status),
                                             thr_report_status_word (r->status));
  g_autofree char *reported = thr_report_format_figure (r->metric->unit, &r->reported);
  g_autofree char *computed = thr_report_format_figure (r->metric->unit, &r->computed);
  g_autofree char *difference = thr_report_format_difference (r);
  g_autofree char *value_cell = NULL;

  /* A quarterly or yearly metric shows its period so far. */
  if (r->to_date)
    {
      g_autofree char *period = thr_report_format_period (r->period_label);

      /* Translators: a value covering a period not yet over, "(quarter 2 of 2018 to date)" */
      value_cell = g_strdup_printf (_("%s\n(%s to date)"), value, period);
    }
  else
    value_cell = g_strdup (value);

  {
    const char *cells[] = { r->metric->id, title, threshold, value_cell, status,
                            reported, computed, difference };

    thr_document_table_add_row (table, cells,
                                r->status == THR_STATUS_MISSED ? THR_DOCUMENT_ROW_BOLD
                                                               : THR_DOCUMENT_ROW_NORMAL);
  }
}

static void
add_metric_section (ThrDocument *doc,
                    const char  *heading,
                    const char  *section_id,
                    GPtrArray   *results,
                    gboolean    *placed)
{
  ThrDocumentTable *table = NULL;

  for (guint i = 0; i < results->len; i++)
    {
      const ThrResult *r = g_ptr_array_index (results, i);

      if (placed[i] || (section_id && g_strcmp0 (r->metric->section, section_id) != 0))
        continue;
      if (table == NULL)
        {
          thr_document_add_subheading (doc, heading);
          table = add_metric_table (doc, id_column_width (results));
        }
      add_metric_row (table, r);
      placed[i] = TRUE;
    }
}

/* A table per section of the contract, in the contract's order; metrics
 * of no listed section come last rather than go missing. */
static void
add_metrics (ThrDocument *doc,
             ThrContract *contract,
             GPtrArray   *results)
{
  g_autofree gboolean *placed = g_new0 (gboolean, results->len);

  thr_document_add_heading (doc, _("Metrics"));
  for (guint s = 0; s < thr_contract_get_n_sections (contract); s++)
    {
      const ThrSection *section = thr_contract_get_section (contract, s);
      /* Translators: a section of the contract, "A — Training Services" */
      g_autofree char *heading = g_strdup_printf (_("%s — %s"), section->id, section->title);

      add_metric_section (doc, heading, section->id, results, placed);
    }
  add_metric_section (doc, _("Other metrics"), NULL, results, placed);
}

/* A weekly metric is missed by its worst week: show them all. */
static void
add_weeks (ThrDocument     *doc,
           const ThrResult *r)
{
  static const double widths[] = { 0.2, 0.2, 0.2, 0.2 };
  const char *headers[] = { _("Week of"), _("Value"), C_("column", "Threshold"), _("Status") };
  ThrDocumentTable *table = thr_document_add_table (doc, G_N_ELEMENTS (widths), widths, headers);

  thr_document_table_set_align (table, 1, THR_DOCUMENT_ALIGN_RIGHT);
  thr_document_table_set_align (table, 2, THR_DOCUMENT_ALIGN_RIGHT);
  for (guint i = 0; i < r->parts->len; i++)
    {
      const ThrResult *week = g_ptr_array_index (r->parts, i);
      g_autofree char *value = thr_report_format_figure (week->metric->unit, &week->value);
      g_autofree char *threshold = thr_report_format_threshold (week);
      g_autofree char *status = g_strdup_printf ("%s %s", thr_report_status_glyph (week->status),
                                                 thr_report_status_word (week->status));
      const char *cells[] = { week->period_label, value, threshold, status };

      thr_document_table_add_row (table, cells, week->status == THR_STATUS_MISSED ? THR_DOCUMENT_ROW_BOLD
                                                                                 : THR_DOCUMENT_ROW_NORMAL);
    }
}

ThrReportMetricChart *
thr_report_metric_chart_new (const char          *metric,
                             ThrDocumentDrawFunc  draw,
                             gpointer             data,
                             GDestroyNotify       destroy)
{
  ThrReportMetricChart *chart = g_new0 (ThrReportMetricChart, 1);

  g_return_val_if_fail (metric != NULL && draw != NULL, NULL);
  chart->metric = g_strdup (metric);
  chart->draw = draw;
  chart->data = data;
  chart->destroy = destroy;
  return chart;
}

void
thr_report_metric_chart_free (ThrReportMetricChart *chart)
{
  if (chart == NULL)
    return;
  if (chart->destroy && chart->data)
    chart->destroy (chart->data);
  g_free (chart->metric);
  g_free (chart->alt);
  g_free (chart);
}

#define MISSED_CHART_HEIGHT 150.0

/* Hands the metric's chart, if any, over to the document. */
static void
add_missed_chart (ThrDocument *doc,
                  GPtrArray   *charts,
                  const char  *metric)
{
  for (guint i = 0; charts && i < charts->len; i++)
    {
      ThrReportMetricChart *chart = g_ptr_array_index (charts, i);

      if (!g_str_equal (chart->metric, metric) || chart->data == NULL)
        continue;
      g_autofree char *alt = chart->alt ? g_strdup (chart->alt)
                                        /* Translators: a chart's description for screen readers */
                                        : g_strdup_printf (_("Trend chart of %s"), metric);

      thr_document_add_figure (doc, MISSED_CHART_HEIGHT, alt, chart->draw, chart->data, chart->destroy);
      chart->data = NULL;
      chart->destroy = NULL;
      return;
    }
}

/* The contract's readings of unclear text that decided a figure of the
 * month, each with the contract file's note on it, once: what a reader
 * of the report needs to check the figures against the clauses. */
static void
add_readings (ThrDocument *doc,
              ThrContract *contract,
              GPtrArray   *results)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  for (guint i = 0; i < results->len; i++)
    {
      const ThrResult *r = g_ptr_array_index (results, i);

      for (guint k = 0; r->readings != NULL && k < r->readings->len; k++)
        if (!g_ptr_array_find_with_equal_func (keys, g_ptr_array_index (r->readings, k), g_str_equal, NULL))
          g_ptr_array_add (keys, g_ptr_array_index (r->readings, k));
    }
  if (keys->len == 0)
    return;
  thr_document_add_heading (doc, _("Readings of the contract applied"));
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const char *notes = thr_contract_get_interpretation_notes (contract, key);
      /* Translators: an interpretation's key and value, then the contract file's note on it */
      g_autofree char *text = g_strdup_printf (_("%s = %s: %s"), key, thr_contract_get_interpretation (contract, key),
                                               notes != NULL ? notes : "");

      thr_document_add_paragraph (doc, text);
    }
}

static void
add_missed (ThrDocument *doc,
            GPtrArray   *results,
            GPtrArray   *charts)
{
  gboolean any = FALSE;

  for (guint i = 0; i < results->len; i++)
    {
      const ThrResult *r = g_ptr_array_index (results, i);
      g_autofree char *title = NULL;

      if (r->status != THR_STATUS_MISSED)
        continue;
      if (!any)
        thr_document_add_heading (doc, _("Missed metrics"));
      any = TRUE;
      title = g_strdup_printf ("%s %s — %s%s%s", thr_report_status_glyph (r->status), r->metric->id,
                               thr_metric_get_label (r->metric), *r->subject ? " — " : "", r->subject);
      thr_document_add_subheading (doc, title);
      if (r->metric->clause && *r->metric->clause)
        thr_document_add_quote (doc, r->metric->clause);
      if (r->explanation && *r->explanation)
        thr_document_add_paragraph (doc, r->explanation);
      if (r->parts && r->parts->len > 0)
        add_weeks (doc, r);
      add_missed_chart (doc, charts, r->metric->id);
    }
}

/* A line whose component is NULL is the table's total, summed by the
 * ledger (thr_ledger_sum), never here. */
static void
add_ledger_line (ThrDocumentTable          *table,
                 const ThrReportLedgerLine *line)
{
  gint64 amounts[] = { line->invoice, line->withheld, line->released, line->retained, line->held };
  g_autofree char *rate_number = line->rate >= 0 ? thr_format_number (line->rate, -1) : NULL;
  g_autofree char *rate = rate_number ? g_strdup_printf ("%s %%", rate_number) : g_strdup ("");
  char *money[G_N_ELEMENTS (amounts)];

  for (guint k = 0; k < G_N_ELEMENTS (amounts); k++)
    money[k] = thr_report_format_money (amounts[k] / 100.0);
  {
    const char *cells[] = { line->component ? line->component : _("Total"), money[0], rate,
                            money[1], money[2], money[3], money[4] };
    thr_document_table_add_row (table, cells,
                                line->component ? THR_DOCUMENT_ROW_NORMAL : THR_DOCUMENT_ROW_BOLD);
  }
  for (guint k = 0; k < G_N_ELEMENTS (amounts); k++)
    g_free (money[k]);
}

static void
add_ledger_table (ThrDocument *doc,
                  const char  *title,
                  GPtrArray   *lines)
{
  /* Money columns wide enough for "$10,440,845.76" in bold: the names wrap instead. */
  static const double widths[] = { 0.16, 0.17, 0.065, 0.15125, 0.15125, 0.15125, 0.15125 };
  const char *headers[] = {
    _("Component"), _("Invoice"), _("Rate"), _("Withheld"), _("Released"), _("Retained"), _("Held"),
  };
  ThrDocumentTable *table;

  thr_document_add_subheading (doc, title);
  table = thr_document_add_table (doc, G_N_ELEMENTS (widths), widths, headers);
  for (guint c = 1; c < G_N_ELEMENTS (widths); c++)
    thr_document_table_set_align (table, c, THR_DOCUMENT_ALIGN_RIGHT);
  for (guint i = 0; i < lines->len; i++)
    add_ledger_line (table, g_ptr_array_index (lines, i));
}

/* Each component's amounts of the month, in the words the ledger page and
 * `ledger` show: the paragraphs of D2 that decided them and the readings. */
static void
add_ledger_explanations (ThrDocument *doc,
                         GPtrArray   *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      const ThrReportLedgerLine *line = g_ptr_array_index (lines, i);
      g_autofree char *text = NULL;

      if (line->component == NULL || line->explanation == NULL || *line->explanation == '\0')
        continue;
      /* Translators: an invoice component's title, then the ledger's explanation of its money */
      text = g_strdup_printf (_("%s — %s"), line->component, line->explanation);
      thr_document_add_paragraph (doc, text);
    }
}

static void
add_ledger (ThrDocument                 *doc,
            const ThrReportMonthOptions *options)
{
  if (options->ledger_month == NULL && options->ledger_year == NULL)
    return;
  thr_document_add_heading (doc, _("Withholding ledger"));
  if (options->ledger_month)
    {
      add_ledger_table (doc, _("This month"), options->ledger_month);
      add_ledger_explanations (doc, options->ledger_month);
    }
  if (options->ledger_year)
    add_ledger_table (doc, _("Year to date"), options->ledger_year);
  if (options->ledger_note && *options->ledger_note)
    thr_document_add_paragraph (doc, options->ledger_note);
}

static void
add_caps (ThrDocument *doc,
          GPtrArray   *caps)
{
  static const double widths[] = { 0.18, 0.10, 0.14, 0.22, 0.22, 0.14 };
  const char *headers[] = {
    _("CAP"), _("Metric"), _("Failure month"), _("State"), _("Next"), _("Date"),
  };
  ThrDocumentTable *table;

  if (caps == NULL)
    return;
  thr_document_add_heading (doc, _("Open corrective action plans"));
  if (caps->len == 0)
    {
      thr_document_add_paragraph (doc, _("No corrective action plan is open."));
      return;
    }
  table = thr_document_add_table (doc, G_N_ELEMENTS (widths), widths, headers);
  for (guint i = 0; i < caps->len; i++)
    {
      const ThrReportCap *cap = g_ptr_array_index (caps, i);
      g_autofree char *day = cap->next_day ? thr_day_format (cap->next_day) : g_strdup ("—");
      g_autofree char *failure = thr_report_format_period (cap->failure);
      const char *cells[] = { cap->id, cap->metric, failure, cap->state, cap->next_what, day };

      thr_document_table_add_row (table, cells, THR_DOCUMENT_ROW_NORMAL);
    }
}

ThrDocument *
thr_report_month_build (ThrContract                 *contract,
                        const ThrPeriod             *month,
                        GPtrArray                   *results,
                        const ThrReportMonthOptions *options)
{
  static const ThrReportMonthOptions no_options = { 0 };
  g_autoptr(ThrDocument) doc = NULL;
  g_autofree char *label = NULL;
  g_autofree char *words = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (THR_IS_CONTRACT (contract), NULL);
  g_return_val_if_fail (month != NULL && month->kind == THR_PERIOD_MONTH, NULL);
  g_return_val_if_fail (results != NULL, NULL);

  if (options == NULL)
    options = &no_options;
  label = thr_period_format (month);
  words = thr_report_format_period (label);
  /* Translators: the title of the monthly report, "Monthly performance report 2018-04" */
  title = g_strdup_printf (_("Monthly performance report %s"), words);

  doc = thr_document_new ();
  thr_document_set_header (doc, options->agency, thr_contract_get_title (contract));
  thr_document_set_title (doc, title);
  if (options->generated)
    thr_document_set_generated (doc, options->generated);

  thr_document_add_title (doc, title);
  thr_document_add_key_value (doc, _("Contract"), thr_contract_get_title (contract));
  thr_document_add_key_value (doc, _("Terms"), thr_contract_get_source (contract));
  thr_document_add_key_value (doc, _("Month"), words);
  add_summary (doc, results);
  if (options->chart)
    thr_document_add_figure (doc, options->chart_height > 0 ? options->chart_height : 220,
                             options->chart_alt ? options->chart_alt : _("Chart of the month's results"),
                             options->chart, options->chart_data, options->chart_destroy);
  add_metrics (doc, contract, results);
  add_missed (doc, results, options->missed_charts);
  add_readings (doc, contract, results);
  add_ledger (doc, options);
  add_caps (doc, options->open_caps);
  return g_steal_pointer (&doc);
}
