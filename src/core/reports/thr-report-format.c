/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-report-format.c — words, glyphs and numbers as the reports print them
 *
 * Shared by the monthly report and the CAP draft so that a status, a
 * threshold or an amount reads the same in every document.
 */
#define G_LOG_DOMAIN "thr-report"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "thr-format.h"
#include "thr-report-format.h"

/* Below this, reported and recomputed figures agree: they are rounded
 * to two decimals in the contractor's spreadsheet. */
#define DIFFERENCE_EPSILON 0.005

const char *
thr_report_status_word (ThrStatus status)
{
  switch (status)
    {
    case THR_STATUS_MET:     return _("met");
    case THR_STATUS_MISSED:  return _("missed");
    case THR_STATUS_PENDING: return _("pending");
    case THR_STATUS_NO_DATA: return _("no data");
    default:                 g_return_val_if_reached ("");
    }
}

const char *
thr_report_status_glyph (ThrStatus status)
{
  switch (status)
    {
    case THR_STATUS_MET:     return "✓";
    case THR_STATUS_MISSED:  return "✗";
    case THR_STATUS_PENDING: return "○";
    case THR_STATUS_NO_DATA: return "∅";
    default:                 g_return_val_if_reached ("");
    }
}

/* The window's formatting (thr-format.c), so a document and the window
 * write a figure alike. */
char *
thr_report_format_money (double dollars)
{
  return thr_format_money ((gint64) llround (dollars * 100));
}

char *
thr_report_format_value (ThrUnit unit,
                         double  value)
{
  return thr_format_value (unit, value);
}

/* Thresholds as the contract writes them: no needless decimals, and
 * the separators the window uses (thr_format_number). */
static char *
format_target (ThrUnit unit,
               double  value)
{
  g_autofree char *number = thr_format_number (value, -1);

  switch (unit)
    {
    case THR_UNIT_PERCENT: return g_strdup_printf ("%s %%", number);
    case THR_UNIT_SECONDS: return g_strdup_printf ("%s s", number);
    case THR_UNIT_DOLLARS:
      {
        g_autofree char *money = thr_report_format_money (value);

        /* "$120,000" rather than "$120,000.00" for a round baseline */
        if (g_str_has_suffix (money, ".00"))
          money[strlen (money) - 3] = '\0';
        return g_steal_pointer (&money);
      }
    case THR_UNIT_COUNT:
    default:               return g_steal_pointer (&number);
    }
}

char *
thr_report_format_threshold (const ThrResult *result)
{
  const ThrMetric *m;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  m = result->metric;
  switch (m->op)
    {
    case THR_OP_BETWEEN:
      if (m->reference_low != NULL && !result->has_reference)
        /* Translators: a threshold whose bounds (a published range) are not imported yet */
        return g_strdup (_("within the published range"));
      /* A range published per queue: the bounds imported for this result. */
      a = format_target (m->unit, m->reference_low != NULL ? result->lower : m->lower);
      b = format_target (m->unit, m->reference_low != NULL ? result->upper : m->upper);
      /* Translators: a threshold, "between 95 % and 100 %" */
      return g_strdup_printf (_("between %s and %s"), a, b);
    case THR_OP_WITHIN:
      a = thr_format_number (m->tolerance, -1);
      if (!result->has_reference)
        /* Translators: a threshold whose reference value is not known yet */
        return g_strdup_printf (_("within ±%s of the reference"), a);
      b = format_target (m->unit, result->reference);
      /* Translators: a threshold, "within ±5 of 80 %" */
      return g_strdup_printf (_("within ±%s of %s"), a, b);
    case THR_OP_GE:
    case THR_OP_GT:
    case THR_OP_LE:
    case THR_OP_LT:
    default:
      a = format_target (m->unit, m->target);
      /* A no-break space keeps "≥" with its number when the cell wraps. */
      return g_strdup_printf ("%s\u00a0%s", thr_op_get_sign (m->op), a);
    }
}

static char *
format_count (double value)
{
  return thr_format_number (value, value == floor (value) ? 0 : 2);
}

/* A figure, its ratio below it when it has one, and the records still
 * pending; an em dash when there is none. */
char *
thr_report_format_figure (ThrUnit          unit,
                          const ThrFigure *figure)
{
  GString *out;

  g_return_val_if_fail (figure != NULL, NULL);

  if (!figure->present && !figure->has_ratio)
    return g_strdup ("—");
  out = g_string_new (NULL);
  if (figure->present)
    {
      g_autofree char *value = thr_report_format_value (unit, figure->value);
      g_string_append (out, value);
    }
  else
    g_string_append (out, "—");
  if (figure->has_ratio)
    {
      g_autofree char *num = format_count (figure->numerator);
      g_autofree char *den = format_count (figure->denominator);
      g_string_append_printf (out, "\n%s / %s", num, den);
    }
  if (figure->n_pending > 0)
    {
      g_string_append_c (out, '\n');
      /* Translators: records whose deadline is still ahead */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u pending", "%u pending",
                                                figure->n_pending),
                              figure->n_pending);
    }
  return g_string_free (out, FALSE);
}

gboolean
thr_report_figures_differ (const ThrResult *r)
{
  g_return_val_if_fail (r != NULL, FALSE);

  return r->reported.present && r->computed.present
         && fabs (r->computed.value - r->reported.value) >= DIFFERENCE_EPSILON;
}

char *
thr_report_format_difference (const ThrResult *r)
{
  double d;

  g_return_val_if_fail (r != NULL, NULL);

  if (!r->reported.present || !r->computed.present)
    return g_strdup ("—");
  d = r->computed.value - r->reported.value;
  if (fabs (d) < DIFFERENCE_EPSILON)
    return g_strdup ("0");
  switch (r->metric->unit)
    {
    /* Translators: "pp" is percentage points, a difference of percentages */
    case THR_UNIT_PERCENT: return g_strdup_printf (_("%+.2f pp"), d);
    case THR_UNIT_SECONDS: return g_strdup_printf ("%+.2f s", d);
    case THR_UNIT_DOLLARS:
      {
        g_autofree char *money = thr_report_format_money (fabs (d));
        return g_strdup_printf ("%s%s", d < 0 ? "−" : "+", money);
      }
    case THR_UNIT_COUNT:
    default:               return g_strdup_printf ("%+.2f", d);
    }
}

char *
thr_report_format_period (const char *label)
{
  ThrPeriod period;

  g_return_val_if_fail (label != NULL, NULL);

  if (!thr_period_parse (label, &period, NULL))
    return g_strdup (label);
  switch (period.kind)
    {
    case THR_PERIOD_MONTH:
    case THR_PERIOD_QUARTER:
      return thr_period_format_words (&period);
    case THR_PERIOD_WEEK:
    case THR_PERIOD_YEAR:
    default:
      /* A week is named by its Sunday's date, a year by its number. */
      return g_strdup (label);
    }
}
