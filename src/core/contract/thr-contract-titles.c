/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-contract-titles.c — the bundled contracts' metric titles, for translators
 *
 * A metric's title is data, read from the contract file; it is kept as
 * written (JSON and CSV carry the contract's words in every locale) and
 * translated where people read it (thr_metric_get_label, through the core's
 * catalogue), so a person reading Spanish sees "Solicitudes revisadas en 2
 * días hábiles".  xgettext does not read JSON, so the titles of the contracts
 * that ship with Threshold are listed here for it; test-contract checks
 * that the list holds every one of them.  A contract of one's own keeps
 * its titles as written.
 */
#define G_LOG_DOMAIN "thr-contract"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-contract.h"

static const char * const bundled_titles[] = {
  /* xgettext:no-c-format */
  N_("% online utilization"),
  /* xgettext:no-c-format */
  N_("% logged-in time"),
  N_("Cases worked"),
  N_("Transaction time"),
  N_("Completion rate"),
  N_("Get Next rate"),
  N_("Tasks paused more than 2 days"),
  N_("Call handling time"),
  N_("Time spent on staff accountability"),
  N_("Time spent on trainings, memo reviews and hiring"),
  N_("First Contact Resolution"),
  N_("Payment accuracy"),
  N_("New staff enrolled in training within 2 weeks"),
  N_("Applications reviewed within 2 business days"),
  N_("Applications reviewed within 5 business days"),
  N_("Expedited SNAP scheduled within 1 business day"),
  N_("Expedited SNAP scheduled within 2 business days"),
  N_("Applications screened and scheduled correctly"),
  N_("Unbarcoded documents indexed within 2 business days"),
  N_("Unbarcoded documents indexed within 5 business days"),
  N_("Unbarcoded documents indexed accurately"),
  N_("Medicaid-only RCC applications sent by day 33"),
  N_("Medicaid-only RCC applications sent by day 42"),
  N_("Medicaid-only application accuracy"),
  N_("Non-phone changes sent within 19 calendar days"),
  N_("Linked non-phone changes sent within 19 calendar days"),
  N_("Non-phone change accuracy"),
  N_("Phone change accuracy"),
  N_("System tasks processed by their due date"),
  N_("System task accuracy"),
  N_("Interim Reports processed by their due date"),
  N_("Interim Report accuracy"),
  N_("Redeterminations (mailer on time) sent 4 business days before month end"),
  N_("Redeterminations (mailer late) sent by the 15th of the next month"),
  N_("Medicaid-only redetermination accuracy"),
  N_("Benefit recovery referrals initiated within 30 calendar days"),
  N_("SNAP over-issuance retention"),
  N_("TANF overpayment collections"),
  N_("Suspected fraud referrals evaluated within 10 business days"),
  N_("Benefit recovery accuracy"),
  N_("DFR CODY cases completed by day 60"),
  N_("COMP CODY cases completed within 60 days of return"),
  N_("Error claims opened or cancelled by end of next quarter"),
  N_("IPV claims opened within 10 business days"),
  N_("SNAP QC claims completed within 30 calendar days"),
  N_("Medicaid claim referrals completed within 14 months"),
  N_("Benefit reinstatement hearing requests within 2 business days"),
  N_("Pre-hearing conferences within 10 business days"),
  N_("Hearing decisions reworked within 5 business days"),
  N_("Hearing decisions reworked within 10 business days"),
  N_("Average speed to answer"),
  N_("Calls answered within 60 seconds"),
  N_("Monthly abandonment rate"),
  N_("Weekly abandonment rate"),
  N_("Inbound RCC call quality score"),
  N_("Annual local office turnover"),
  N_("Local office vacancies filled within 45 days"),
  N_("Absenteeism rate"),
  N_("Trainees passing the gateway exam before production"),
  /* xgettext:no-c-format */
  N_("Trainees scoring 90% within two attempts"),
  N_("Training classes ready within 5 business days"),
  N_("New training material submitted within 5 business days"),
  N_("Updated training plan submitted within 15 business days"),
  N_("New-hire training completion"),
  /* Sections and invoice components, which the loader translates as it
   * reads them: headings of the window and the documents, never a key of
   * JSON or CSV (those carry the ids). */
  N_("Central and Regional Change Center Eligibility Determination Operations"),
  N_("Local Office Staff Augmentation"),
  N_("Training Services"),
  N_("Responsibility"),
  N_("Utilization"),
  N_("Transaction times"),
  N_("Completion rates"),
  N_("Quality"),
  N_("Onboarding new staff"),
  NULL
};

const char * const *
thr_contract_get_bundled_titles (void)
{
  return bundled_titles;
}

const char *
thr_contract_translate_title (const char *title)
{
  g_return_val_if_fail (title != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, title);
}

const char *
thr_metric_get_label (const ThrMetric *metric)
{
  g_return_val_if_fail (metric != NULL, NULL);
  return metric->title != NULL ? thr_contract_translate_title (metric->title) : "";
}
