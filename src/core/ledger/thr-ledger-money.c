/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ledger-money.c — bonuses and damages of the money metrics
 *
 * Metrics whose consequence is "bonus_damages" (A.3.b) or "bonus" (C.6) do
 * not withhold; they produce lines of their own.  Their terms (baseline,
 * bonus_percent, bonus_cap) come from the contract file; the readings of
 * their ambiguous text are the interpretations bonus_cap, damages_window
 * and bonus_fees.
 *
 * A.3.b: "If quarterly retentions exceed the baseline, twenty percent
 * (20.00%) of the amount retained over the baseline up to one million
 * dollars and zero cents ($1,000,000.00) will be paid to the contractor as
 * a bonus.  If the quarterly retentions fall below the baseline, the
 * contractor will pay to the state as actual damages the exact dollar
 * amount of the difference, calculated over a rolling twelve (12) months.
 * Payments under this metric will be trued up on an annual basis at the
 * end of the state fiscal year."
 *
 * C.6: "… Contractor shall be eligible for a performance bonus equal to 8%
 * of the total fees paid to the Contractor during that calendar year."
 */
#define G_LOG_DOMAIN "thr-ledger"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "thr-ledger-private.h"
#include "thr-format.h"
#include "thr-values.h"

/* Dollars as reported (a double from the import) to cents, half away from
 * zero like every other rounding in the ledger. */
static gint64
dollars_to_cents (double dollars)
{
  return llround (dollars * 100.0);
}

/* Takes explanation and readings (keys of the interpretations that
 * decided the amount). */
static ThrLedgerLine *
add_line (GPtrArray         *lines,
          const ThrMetric   *metric,
          const ThrPeriod   *month,
          const char        *period_label,
          ThrLedgerLineKind  kind,
          gint64             amount,
          char              *explanation,
          GPtrArray         *readings)
{
  ThrLedgerLine *line = g_new0 (ThrLedgerLine, 1);

  line->readings = readings;
  line->metric = g_strdup (metric->id);
  line->month = *month;
  line->period_label = g_strdup (period_label);
  line->kind = kind;
  line->amount = amount;
  line->explanation = explanation;
  g_ptr_array_add (lines, line);
  return line;
}

static char *
period_label_of (const ThrPeriod *month,
                 ThrPeriodKind    kind)
{
  ThrPeriod p;

  thr_period_enclosing (kind, month, &p);
  return thr_period_format (&p);
}

/* Section: A.3.b, bonus above the baseline, damages below */

/* The part of a quarter's excess that earns the bonus, under the
 * bonus_cap reading: cap_on_excess reads "of the amount retained over the
 * baseline up to $1,000,000" as capping the excess (bonus ≤ 20 % of
 * $1,000,000); cap_on_bonus caps the bonus, i.e. the excess at the amount
 * whose bonus is the cap.  The one place the cap is applied: to each
 * quarter's payment and, in the fiscal-year true-up, to each quarter
 * again — never a second time to the year's net. */
static gint64
eligible_excess (ThrContract     *contract,
                 const ThrMetric *metric,
                 gint64           excess,
                 gboolean        *capped)
{
  gint64 cap = dollars_to_cents (metric->bonus_cap);
  gint64 limit;

  *capped = FALSE;
  if (metric->bonus_cap <= 0 || excess <= 0 || metric->bonus_percent <= 0)
    return excess;
  if (g_strcmp0 (thr_contract_get_interpretation (contract, "bonus_cap"), "cap_on_bonus") == 0)
    limit = llround ((double) cap * 100.0 / metric->bonus_percent);
  else
    limit = cap;
  if (excess <= limit)
    return excess;
  *capped = TRUE;
  return limit;
}

/* The bonus on a quarter's excess. */
static gint64
bonus_on_excess (ThrContract     *contract,
                 const ThrMetric *metric,
                 gint64           excess,
                 GString         *why,
                 GPtrArray       *readings)
{
  const char *reading = thr_contract_get_interpretation (contract, "bonus_cap");
  gboolean capped;
  gint64 eligible = eligible_excess (contract, metric, excess, &capped);
  gint64 bonus = thr_ledger_percent_of_cents (eligible, metric->bonus_percent);

  if (!capped)
    return bonus;
  _thr_ledger_note_reading (readings, "bonus_cap");
  if (g_strcmp0 (reading, "cap_on_bonus") == 0)
    {
      g_autofree char *c = thr_format_money (dollars_to_cents (metric->bonus_cap));
      /* Translators: keep “bonus_cap” as it is: it names a setting of the contract file */
      g_string_append_printf (why, _(" The bonus is capped at %s (reading bonus_cap = %s)."), c, reading);
      return MIN (bonus, dollars_to_cents (metric->bonus_cap));
    }
  {
    g_autofree char *c = thr_format_money (eligible);
    /* Translators: keep “bonus_cap” as it is: it names a setting of the contract file */
    g_string_append_printf (why, _(" The excess is capped at %s (reading bonus_cap = %s)."), c, reading);
  }
  return bonus;
}

typedef struct {
  guint   month;      /* index of the quarter's last month */
  gint64  retained;   /* cents */
  gint64  bonus;
  gint64  damages;
} Quarter;

/* damages_window = rolling_net: the difference is taken over the judged
 * quarters of the twelve months ending with this quarter, excesses
 * offsetting shortfalls, less the damages already assessed inside those
 * twelve months so that overlapping windows never charge twice.
 * damages_window = quarter: the quarter's own shortfall. */
static gint64
damages_for (ThrContract     *contract,
             const ThrMetric *metric,
             GArray          *quarters,
             guint            q,
             GString         *why,
             GPtrArray       *readings)
{
  const char *reading = thr_contract_get_interpretation (contract, "damages_window");
  Quarter *this = &g_array_index (quarters, Quarter, q);
  gint64 baseline = dollars_to_cents (metric->baseline);
  gint64 difference = 0, assessed = 0, damages;
  guint n = 0;

  _thr_ledger_note_reading (readings, "damages_window");
  if (g_strcmp0 (reading, "quarter") == 0)
    {
      damages = baseline - this->retained;
      /* Translators: keep “damages_window” as it is: it names a setting of the contract file */
      g_string_append_printf (why, _(" Damages are the quarter's own shortfall (reading damages_window = %s)."),
                              reading);
      return damages;
    }

  for (guint k = 0; k <= q; k++)
    {
      Quarter *other = &g_array_index (quarters, Quarter, k);

      if (other->month + 12 <= this->month)
        continue;
      difference += baseline - other->retained;
      if (k < q)
        assessed += other->damages;
      n++;
    }
  damages = MAX (0, difference - assessed);
  {
    g_autofree char *d = thr_format_money (difference);
    g_autofree char *a = thr_format_money (assessed);
    g_string_append_printf (why, g_dngettext (GETTEXT_PACKAGE,
                                              " Over the rolling twelve months (%u judged quarter) the difference is %s, "
                                              "less %s already assessed in them (reading damages_window = %s).",
                                              " Over the rolling twelve months (%u judged quarters) the difference is %s, "
                                              "less %s already assessed in them (reading damages_window = %s).", n),
                            n, d, a, reading);
  }
  return damages;
}

/* "trued up on an annual basis at the end of the state fiscal year" (July–
 * June): the year is recomputed from its quarterly figures under the same
 * reading as its quarterly payments — each quarter's excess limited by the
 * bonus cap as its payment was, shortfalls offsetting excesses — and
 * settled as one: a net excess earns the bonus, a net shortfall is owed.
 * The line is that settlement less what the quarters already paid or
 * charged (positive: owed to the contractor), so a year whose quarters
 * were all capped is trued up by nothing: the true-up never takes back
 * what the cap's own reading paid. */
static void
true_up_year (ThrLedgerInput  *input,
              const ThrMetric *metric,
              GArray          *quarters,
              guint            q,
              GPtrArray       *lines)
{
  Quarter *last = &g_array_index (quarters, Quarter, q);
  gint64 baseline = dollars_to_cents (metric->baseline);
  gint64 net = 0, eligible = 0, provisional = 0, settled;
  GPtrArray *readings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) why = g_string_new (NULL);
  g_autofree char *fy = NULL;
  g_autofree char *n_text = NULL, *p_text = NULL, *s_text = NULL, *t_text = NULL;
  gboolean any_capped = FALSE, any_damages = FALSE;
  int year;
  guint n = 0;

  thr_day_to_ymd (_thr_ledger_input_month (input, last->month)->first, &year, NULL, NULL);
  fy = g_strdup_printf ("FY%d", year);
  for (guint k = 0; k <= q; k++)
    {
      Quarter *other = &g_array_index (quarters, Quarter, k);
      gboolean capped;

      if (other->month + 12 <= last->month)
        continue;
      net += other->retained - baseline;
      eligible += eligible_excess (input->contract, metric, other->retained - baseline, &capped);
      provisional += other->bonus - other->damages;
      any_capped |= capped;
      any_damages |= other->damages != 0;
      n++;
    }
  settled = eligible > 0 ? thr_ledger_percent_of_cents (eligible, metric->bonus_percent) : eligible;
  if (any_capped)
    {
      g_autofree char *e = thr_format_money (eligible);
      _thr_ledger_note_reading (readings, "bonus_cap");
      /* Translators: the year's net excess once each quarter's excess is capped; keep “bonus_cap” as it is */
      g_string_append_printf (why, _(" Each quarter's excess is capped as its quarterly payment was, so the year "
                                     "nets %s (reading bonus_cap = %s)."), e,
                              thr_contract_get_interpretation (input->contract, "bonus_cap"));
    }
  if (any_damages)
    _thr_ledger_note_reading (readings, "damages_window");
  n_text = thr_format_money (net);
  p_text = thr_format_money (provisional);
  s_text = thr_format_money (settled);
  t_text = thr_format_money (settled - provisional);
  add_line (lines, metric, _thr_ledger_input_month (input, last->month), fy, THR_LEDGER_LINE_TRUE_UP, settled - provisional,
            /* Translators: metric, fiscal year, number of quarters, net retention, settlement,
             * perhaps a sentence on a cap, the quarters' total, the true-up amount */
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s true-up at the end of state fiscal year %s (July–June, %u judged quarter): "
                                          "net retention over the baseline %s → settlement %s;%s quarters already "
                                          "came to %s; true-up %s (positive: owed to the contractor).",
                                          "%s true-up at the end of state fiscal year %s (July–June, %u judged quarters): "
                                          "net retention over the baseline %s → settlement %s;%s quarters already "
                                          "came to %s; true-up %s (positive: owed to the contractor).", n),
                             metric->id, fy, n, n_text, s_text, why->str, p_text, t_text),
            readings);
}

static void
add_bonus_damages_lines (ThrLedgerInput  *input,
                         guint            position,
                         GPtrArray       *lines)
{
  const ThrMetric *metric = thr_contract_get_metric (input->contract, position);
  g_autoptr(GArray) quarters = g_array_new (FALSE, TRUE, sizeof (Quarter));
  gint64 baseline = dollars_to_cents (metric->baseline);
  guint n_months = _thr_ledger_input_n_months (input);

  for (guint i = 0; i < n_months; i++)
    {
      double figure = _thr_ledger_input_figure (input, i, position);
      const ThrPeriod *month = _thr_ledger_input_month (input, i);
      g_autofree char *label = period_label_of (month, metric->period);
      g_autofree char *r = NULL, *b = NULL, *amount = NULL;
      g_autoptr(GString) why = g_string_new (NULL);
      g_autoptr(GPtrArray) readings = g_ptr_array_new_with_free_func (g_free);
      Quarter quarter = { i, 0, 0, 0 };
      Quarter *this;
      int m;

      /* Nothing before the metric's first period (C.6: "with the first
       * measurement to begin January 1, 2018"). */
      if (isnan (figure) || !thr_metric_is_measured (metric, month->last))
        continue;
      quarter.retained = dollars_to_cents (figure);
      g_array_append_val (quarters, quarter);
      this = &g_array_index (quarters, Quarter, quarters->len - 1);
      r = thr_format_money (this->retained);
      b = thr_format_money (baseline);

      if (this->retained > baseline)
        {
          this->bonus = bonus_on_excess (input->contract, metric, this->retained - baseline, why, readings);
          amount = thr_format_money (this->bonus);
          add_line (lines, metric, month, label, THR_LEDGER_LINE_BONUS, this->bonus,
                    /* Translators: metric, amount retained, quarter, baseline, bonus percent, bonus, then perhaps a sentence on a cap */
                    g_strdup_printf (_("%s: %s retained in %s exceeds the %s baseline; bonus %g %% of the "
                                       "excess = %s.%s"), metric->id, r, label, b, metric->bonus_percent,
                                     amount, why->str),
                    g_steal_pointer (&readings));
        }
      else if (this->retained < baseline)
        {
          this->damages = damages_for (input->contract, metric, quarters, quarters->len - 1, why, readings);
          amount = thr_format_money (this->damages);
          add_line (lines, metric, month, label, THR_LEDGER_LINE_DAMAGES, this->damages,
                    /* Translators: metric, amount retained, quarter, baseline, damages, then the sentence on the window */
                    g_strdup_printf (_("%s: %s retained in %s falls below the %s baseline; actual damages "
                                       "%s.%s"), metric->id, r, label, b, amount, why->str),
                    g_steal_pointer (&readings));
        }
      thr_day_to_ymd (month->first, NULL, &m, NULL);
      if (m == 6)
        true_up_year (input, metric, quarters, quarters->len - 1, lines);
    }
}

/* Section: C.6, a bonus on a year's fees */

/* bonus_fees = invoiced: "the total fees paid … during that calendar year"
 * are the year's invoices, all components; = paid: less what the State
 * withheld and did not release (held or retained). */
static gint64
fees_of_year (ThrLedgerInput *input,
              GPtrArray      *rows,
              int             year,
              guint          *n_months_out)
{
  gboolean paid = g_strcmp0 (thr_contract_get_interpretation (input->contract, "bonus_fees"), "paid") == 0;
  g_autoptr(GHashTable) months = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 fees = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      const ThrLedgerRow *row = g_ptr_array_index (rows, i);
      int y;

      thr_day_to_ymd (row->month.first, &y, NULL, NULL);
      if (y != year)
        continue;
      fees += row->invoice - (paid ? row->held + row->retained : 0);
      g_hash_table_add (months, row->month_label);
    }
  *n_months_out = g_hash_table_size (months);
  return fees;
}

static void
add_bonus_lines (ThrLedgerInput *input,
                 guint           position,
                 GPtrArray      *rows,
                 GPtrArray      *lines)
{
  const ThrMetric *metric = thr_contract_get_metric (input->contract, position);
  guint n_months = _thr_ledger_input_n_months (input);

  for (guint i = 0; i < n_months; i++)
    {
      double figure = _thr_ledger_input_figure (input, i, position);
      const ThrPeriod *month = _thr_ledger_input_month (input, i);
      g_autofree char *label = period_label_of (month, metric->period);
      g_autofree char *f = NULL, *b = NULL;
      g_autoptr(GString) why = g_string_new (NULL);
      gboolean earned;
      g_autoptr(GPtrArray) readings = g_ptr_array_new_with_free_func (g_free);
      guint n_fee_months;
      gint64 fees, bonus;
      int year;

      /* Nothing before the metric's first period (C.6: "with the first
       * measurement to begin January 1, 2018"). */
      if (isnan (figure) || !thr_metric_is_measured (metric, month->last))
        continue;
      thr_day_to_ymd (month->first, &year, NULL, NULL);
      earned = thr_op_holds (metric->op, figure, metric->target, metric->lower, metric->upper);
      fees = fees_of_year (input, rows, year, &n_fee_months);
      _thr_ledger_note_reading (readings, "bonus_fees");
      bonus = earned ? thr_ledger_percent_of_cents (fees, metric->bonus_percent) : 0;
      f = thr_format_money (fees);
      b = thr_format_money (bonus);
      g_string_append_printf (why, earned
                              /* Translators: metric, figure, year, operator (≥), target */
                              ? _("%s: %g in %s meets %s %g; ")
                              : _("%s: %g in %s does not meet %s %g; "),
                              metric->id, figure, label, thr_op_get_sign (metric->op), metric->target);
      if (earned)
        g_string_append_printf (why, _("bonus %g %% of the fees = %s."), metric->bonus_percent, b);
      else
        g_string_append (why, _("no bonus."));
      /* Translators: keep “bonus_fees” as it is: it names a setting of the contract file */
      g_string_append_printf (why, g_dngettext (GETTEXT_PACKAGE,
                                                " Fees of %d: %s over %u month in the ledger (reading bonus_fees = %s).",
                                                " Fees of %d: %s over %u months in the ledger (reading bonus_fees = %s).",
                                                n_fee_months),
                              year, f, n_fee_months,
                              thr_contract_get_interpretation (input->contract, "bonus_fees"));
      add_line (lines, metric, month, label, THR_LEDGER_LINE_BONUS, bonus, g_string_free (g_steal_pointer (&why), FALSE),
                g_steal_pointer (&readings));
    }
}

void
_thr_ledger_add_money_lines (ThrLedgerInput *input,
                             GPtrArray      *rows,
                             GPtrArray      *lines)
{
  guint n = thr_contract_get_n_metrics (input->contract);

  for (guint i = 0; i < n; i++)
    {
      const ThrMetric *metric = thr_contract_get_metric (input->contract, i);

      if (g_strcmp0 (metric->consequence, "bonus_damages") == 0)
        add_bonus_damages_lines (input, i, lines);
      else if (g_strcmp0 (metric->consequence, "bonus") == 0)
        add_bonus_lines (input, i, rows, lines);
    }
}
