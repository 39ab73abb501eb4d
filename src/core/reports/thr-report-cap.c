/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-report-cap.c — the CAP draft: what failed, what is due when, what the
 * contractor will do about it, what is at stake, and room to sign
 *
 * The order follows D2 paragraph 3: the failure is documented, the plan is
 * due 15 days later, the state reviews it within 10, and the metric must be
 * met two consecutive months inside the four after the failure.
 */
#define G_LOG_DOMAIN "thr-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-period.h"
#include "thr-report-cap.h"
#include "thr-report-format.h"

#define RULE_SPACING   22.0
#define BLANK_RULES       4
#define BLANK_ACTIONS     5

ThrReportCapAction *
thr_report_cap_action_new (const char *description,
                           const char *owner,
                           guint32     due,
                           const char *status)
{
  ThrReportCapAction *action = g_new0 (ThrReportCapAction, 1);

  action->description = g_strdup (description);
  action->owner = g_strdup (owner);
  action->due = due;
  action->status = g_strdup (status);
  return action;
}

void
thr_report_cap_action_free (ThrReportCapAction *action)
{
  if (action == NULL)
    return;
  g_free (action->description);
  g_free (action->owner);
  g_free (action->status);
  g_free (action);
}

ThrReportCapMonth *
thr_report_cap_month_new (const char *month,
                          ThrStatus   status,
                          gboolean    has_value,
                          double      value)
{
  ThrReportCapMonth *m = g_new0 (ThrReportCapMonth, 1);

  m->month = g_strdup (month);
  m->status = status;
  m->has_value = has_value;
  m->value = value;
  return m;
}

void
thr_report_cap_month_free (ThrReportCapMonth *month)
{
  if (month == NULL)
    return;
  g_free (month->month);
  g_free (month);
}

/* ---- Pieces ------------------------------------------------------------- */

/* Lines to write on, for what the draft cannot know. */
static void
draw_rules_cb (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 0.5);
  for (double y = RULE_SPACING; y <= height; y += RULE_SPACING)
    {
      cairo_move_to (cr, 0, y - 0.25);
      cairo_line_to (cr, width, y - 0.25);
    }
  cairo_stroke (cr);
}

static void
add_text_or_rules (ThrDocument *doc,
                   const char  *heading,
                   const char  *text)
{
  thr_document_add_heading (doc, heading);
  if (text && *text)
    thr_document_add_paragraph (doc, text);
  else
    thr_document_add_drawing (doc, RULE_SPACING * BLANK_RULES, draw_rules_cb, NULL, NULL);
}

static void
add_day (ThrDocument *doc,
         const char  *key,
         guint32      day)
{
  g_autofree char *text = NULL;

  if (day == 0)
    return;
  text = thr_day_format (day);
  thr_document_add_key_value (doc, key, text);
}

static char *
format_failure_value (const ThrResult *r)
{
  g_autofree char *value = NULL;
  g_autofree char *threshold = thr_report_format_threshold (r);

  if (!r->value.present)
    /* Translators: the failure month's figure when nothing was imported */
    return g_strdup_printf (_("no data, against %s"), threshold);
  value = thr_report_format_value (r->metric->unit, r->value.value);
  if (r->value.has_ratio)
    /* Translators: "93.55 % (928 of 992) against ≥ 98 %" */
    return g_strdup_printf (_("%s (%.0f of %.0f) against %s"), value, r->value.numerator,
                            r->value.denominator, threshold);
  /* Translators: "199.6 s against ≤ 150 s" */
  return g_strdup_printf (_("%s against %s"), value, threshold);
}

static void
add_metric (ThrDocument     *doc,
            const ThrResult *r)
{
  g_autofree char *metric = g_strdup_printf ("%s %s", r->metric->id, thr_metric_get_label (r->metric));
  g_autofree char *value = format_failure_value (r);
  g_autofree char *status = g_strdup_printf ("%s %s", thr_report_status_glyph (r->status),
                                             thr_report_status_word (r->status));

  thr_document_add_heading (doc, _("The metric"));
  thr_document_add_key_value (doc, _("Metric"), metric);
  if (r->subject && *r->subject)
    thr_document_add_key_value (doc, _("Subject"), r->subject);
  {
    g_autofree char *month = thr_report_format_period (r->period_label);

    thr_document_add_key_value (doc, _("Failure month"), month);
  }
  thr_document_add_key_value (doc, _("Result"), value);
  thr_document_add_key_value (doc, _("Status"), status);
  if (r->metric->clause && *r->metric->clause)
    thr_document_add_quote (doc, r->metric->clause);
}

static void
add_dates (ThrDocument               *doc,
           const ThrReportCapOptions *o)
{
  if (o->documented == 0 && o->cap_due == 0 && o->review_due == 0)
    return;
  thr_document_add_heading (doc, _("Dates"));
  add_day (doc, _("Failure documented"), o->documented);
  add_day (doc, _("CAP due"), o->cap_due);
  add_day (doc, _("CAP submitted"), o->submitted);
  if (o->review_due != 0)
    add_day (doc, _("State review due"), o->review_due);
  else if (o->documented != 0)
    /* ¶4 counts the review from receipt, which is not known yet. */
    thr_document_add_key_value (doc, _("State review due"),
                                _("10 calendar days after the CAP is received"));
  add_day (doc, _("CAP approved"), o->approved);
}

static void
add_actions (ThrDocument *doc,
             GPtrArray   *actions)
{
  static const double widths[] = { 0.06, 0.50, 0.18, 0.13, 0.13 };
  const char *headers[] = { _("No."), _("Corrective action"), _("Owner"), _("Due"), _("Status") };
  ThrDocumentTable *table;
  guint n = actions ? actions->len : 0;
  /* Without actions yet, rows to write them in. */
  guint n_rows = n > 0 ? n : BLANK_ACTIONS;

  thr_document_add_heading (doc, _("Corrective actions"));
  table = thr_document_add_table (doc, G_N_ELEMENTS (widths), widths, headers);
  for (guint i = 0; i < n_rows; i++)
    {
      const ThrReportCapAction *a = i < n ? g_ptr_array_index (actions, i) : NULL;
      g_autofree char *no = g_strdup_printf ("%u", i + 1);
      g_autofree char *due = a && a->due ? thr_day_format (a->due) : g_strdup ("");
      /* A blank row is two lines high: room to write. */
      const char *cells[] = { no, a ? a->description : "\n", a ? a->owner : "", due, a ? a->status : "" };

      thr_document_table_add_row (table, cells, THR_DOCUMENT_ROW_NORMAL);
    }
}

static void
add_window_table (ThrDocument     *doc,
                  const ThrResult *failure,
                  GPtrArray       *window)
{
  static const double widths[] = { 0.25, 0.25, 0.25 };
  const char *headers[] = { _("Month"), _("Value"), _("Status") };
  ThrDocumentTable *table;

  if (window->len == 0)
    {
      thr_document_add_paragraph (doc, _("No month of the window has been judged yet."));
      return;
    }
  table = thr_document_add_table (doc, G_N_ELEMENTS (widths), widths, headers);
  thr_document_table_set_align (table, 1, THR_DOCUMENT_ALIGN_RIGHT);
  for (guint i = 0; i < window->len; i++)
    {
      const ThrReportCapMonth *m = g_ptr_array_index (window, i);
      g_autofree char *value = m->has_value ? thr_report_format_value (failure->metric->unit, m->value)
                                            : g_strdup ("—");
      g_autofree char *status = g_strdup_printf ("%s %s", thr_report_status_glyph (m->status),
                                                 thr_report_status_word (m->status));
      g_autofree char *month = thr_report_format_period (m->month);
      const char *cells[] = { month, value, status };

      thr_document_table_add_row (table, cells, THR_DOCUMENT_ROW_NORMAL);
    }
}

/* The span and the months' results come first, so that the heading keeps
 * them on its page; the rule and the engine's explanation follow. */
static void
add_window (ThrDocument               *doc,
            const ThrResult           *failure,
            const ThrReportCapOptions *o)
{
  if (o->window == NULL)
    return;
  thr_document_add_heading (doc, _("Corrective period"));
  if (o->window_first && o->window_last)
    {
      g_autofree char *first = thr_report_format_period (o->window_first);
      g_autofree char *last = thr_report_format_period (o->window_last);
      /* Translators: the first and last month of a corrective period */
      g_autofree char *span = g_strdup_printf (_("%s to %s"), first, last);
      thr_document_add_key_value (doc, _("Months"), span);
    }
  add_window_table (doc, failure, o->window);
  thr_document_add_paragraph (doc, _("The withholding is released when the metric is met two "
                                     "consecutive months within the four months after the failure "
                                     "month; otherwise it is retained (D2 paragraph 4)."));
  if (o->outcome && *o->outcome)
    thr_document_add_paragraph (doc, o->outcome);
}

static void
add_money (ThrDocument               *doc,
           const ThrReportCapOptions *o)
{
  g_autofree char *withheld = NULL;
  g_autofree char *at_risk = NULL;

  if (!o->has_money)
    return;
  withheld = thr_report_format_value (THR_UNIT_DOLLARS, o->withheld / 100.0);
  at_risk = thr_report_format_value (THR_UNIT_DOLLARS, o->at_risk / 100.0);
  thr_document_add_heading (doc, _("Money at stake"));
  if (o->money_component)
    thr_document_add_key_value (doc, g_dngettext (GETTEXT_PACKAGE, "Invoice component", "Invoice components",
                                                  MAX (o->n_money_components, 1)),
                                o->money_component);
  thr_document_add_key_value (doc, _("Withheld so far"), withheld);
  if (o->released != 0)
    {
      g_autofree char *released = thr_report_format_value (THR_UNIT_DOLLARS, o->released / 100.0);
      thr_document_add_key_value (doc, _("Released"), released);
    }
  thr_document_add_key_value (doc, _("At risk of retention"), at_risk);
  if (o->retained != 0)
    {
      g_autofree char *retained = thr_report_format_value (THR_UNIT_DOLLARS, o->retained / 100.0);
      thr_document_add_key_value (doc, _("Permanently retained"), retained);
    }
  thr_document_add_paragraph (doc, _("At risk is what D2 paragraph 4.iii would retain if the corrective "
                                     "period failed: the withholding of the failure month and of each month "
                                     "in which this metric is missed again, while the period is open. Money "
                                     "held for another metric's failure is that metric's."));
}

ThrDocument *
thr_report_cap_build (ThrContract               *contract,
                      const ThrReportCapOptions *options)
{
  g_autoptr(ThrDocument) doc = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (THR_IS_CONTRACT (contract), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->cap_id != NULL, NULL);
  g_return_val_if_fail (options->failure != NULL, NULL);

  /* Translators: the title of a CAP draft, "Corrective Action Plan CAP-7" */
  title = g_strdup_printf (_("Corrective Action Plan %s"), options->cap_id);
  doc = thr_document_new ();
  thr_document_set_header (doc, options->agency, thr_contract_get_title (contract));
  thr_document_set_title (doc, title);
  if (options->generated)
    thr_document_set_generated (doc, options->generated);

  thr_document_add_title (doc, title);
  thr_document_add_key_value (doc, _("Contract"), thr_contract_get_title (contract));
  thr_document_add_key_value (doc, _("Terms"), thr_contract_get_source (contract));
  add_metric (doc, options->failure);
  add_dates (doc, options);
  if (options->chart)
    {
      g_autofree char *alt = options->chart_alt ? g_strdup (options->chart_alt)
                             : g_strdup_printf (_("Trend chart of %s"), options->failure->metric->id);

      thr_document_add_heading (doc, _("Trend"));
      thr_document_add_figure (doc, options->chart_height > 0 ? options->chart_height : 200, alt,
                               options->chart, options->chart_data, options->chart_destroy);
    }
  add_text_or_rules (doc, _("Deficiency"), options->deficiency);
  add_text_or_rules (doc, _("Root cause"), options->root_cause);
  add_actions (doc, options->actions);
  add_text_or_rules (doc, _("Monitoring"), options->monitoring);
  if (options->evidence && *options->evidence)
    {
      thr_document_add_heading (doc, _("Evidence"));
      thr_document_add_paragraph (doc, options->evidence);
    }
  add_window (doc, options->failure, options);
  add_money (doc, options);

  thr_document_add_heading (doc, _("Signatures"));
  if (options->signatories && *options->signatories)
    thr_document_add_key_value (doc, _("Signatories"), options->signatories);
  thr_document_add_signature (doc, _("For the Contractor"));
  thr_document_add_signature (doc, _("For the State"));
  return g_steal_pointer (&doc);
}
