/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-report-format.h — words, glyphs and numbers shared by the reports */
#pragma once

#include "thr-contract.h"
#include "thr-result.h"

G_BEGIN_DECLS

/* A status is printed as a word and a glyph, never as a colour alone. */
const char *thr_report_status_word       (ThrStatus        status);
const char *thr_report_status_glyph      (ThrStatus        status);
/* "97.50 %", "42.0 s", "$1,234.56", "17" */
char       *thr_report_format_value      (ThrUnit          unit,
                                          double           value);
/* "$1,234.56", grouped the same in every locale */
char       *thr_report_format_money      (double           dollars);
/* "≥ 95 %", "between 1 and 5", "within ±5 of 80 %" */
char       *thr_report_format_threshold  (const ThrResult *result);
/* A figure with its ratio and pending records on lines below; "—" for none. */
char       *thr_report_format_figure     (ThrUnit          unit,
                                          const ThrFigure *figure);
/* Recomputed − reported: "+0.32 pp", "0", or "—" without both. */
char       *thr_report_format_difference (const ThrResult *result);
gboolean    thr_report_figures_differ    (const ThrResult *result);
/* A period label in words, as documents print it: "2018-04" → "April
 * 2018" (translated), "2018-Q2" → "quarter 2 of 2018"; a week's or a
 * year's label as it is; anything else unchanged. */
char       *thr_report_format_period     (const char      *label);

G_END_DECLS
