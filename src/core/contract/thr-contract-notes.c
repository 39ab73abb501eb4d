/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-contract-notes.c — the bundled contracts' reading notes, for translators
 *
 * A metric's notes and an interpretation's notes say, in prose, how
 * Threshold reads a clause; the explanations of the window, the CLI's text
 * and the monthly report quote them, so the loader translates them through
 * the core's catalogue (thr_contract_translate_title) as it does the
 * titles.  xgettext does not read JSON, so the notes of the contracts that
 * ship with Threshold are listed here for it; test-contract checks that the
 * list holds every one of them.  A contract of one's own keeps its notes as
 * written.
 */
#define G_LOG_DOMAIN "thr-contract"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "thr-contract.h"

static const char * const bundled_notes[] = {
  N_("A “within N days” record counts in the period in which its deadline falls (docs/domain.md). "
     "The alternative “start” counts it in the period of its start date."),
  N_("When both the contractor's reported figure and a figure recomputed from records exist, the "
     "reported one decides the status; the recomputed one is shown beside it with the difference."),
  N_("D2 A.5.c/d: calls abandoned within the first 15 seconds are excluded from abandonment, and "
     "from service level."),
  /* xgettext:no-c-format */
  N_("A.5.b: “a live agent shall answer 80% of incoming calls in a given month within 60 "
     "seconds”; A.5.c: “the monthly average abandonment rate”. A call that flowed out of the "
     "queue (to voicemail, a callback or another line) was neither answered nor abandoned: it is "
     "left out of A.5.b's denominator (answered calls and calls abandoned after 15 seconds) and "
     "kept among A.5.c/d's offered calls. The alternative “offered” counts it in A.5.b too, as an "
     "incoming call no live agent answered within 60 seconds."),
  /* xgettext:no-c-format */
  N_("A.3.b (“the contractor will pay to the state as actual damages”) and C.6 (“eligible for a "
     "performance bonus”) state their own money consequence. A miss of either is not one of "
     "¶1.i's “three (3) or more Performance Metrics” that raise the withholding to 25 %, opens no "
     "CAP under ¶4 and holds no withholding. The alternative “withholding_too” treats their "
     "misses like any other metric's."),
  N_("¶3: “Following verification that Contractor successfully met the requirements for all "
     "Performance Metrics in a given month, the Contractor may invoice the State for the withheld "
     "funds described in paragraph 1”: a month's withholding is released only when every "
     "Performance Metric of the contract was met that month, not component by component; likewise "
     "a miss of any section's metric holds, and under ¶4.iii retains, the withholding of every "
     "component (a Section A miss retains the local-office and training withholdings too). The "
     "alternative “component” counts only the metrics of the component's own section."),
  N_("¶4.i: a metric missed again inside its open four-month corrective period keeps the same CAP "
     "and window; the hold continues, it does not restart the window."),
  N_("¶4.iii retains only the months in which the metric was missed (the example keeps July out). "
     "A met month inside a failed window is neither retained by ¶4.iii nor released by ¶4.ii; it "
     "stays held until ¶3 releases it."),
  N_("¶4.i asks that the missed Metric be met “for two consecutive months in the four month "
     "period immediately following the month in which the Contractor failed”. A quarterly or "
     "yearly metric (A.3.c, B.1) is judged once, in the last month of its period, so read month "
     "by month it could never be met two consecutive months and its withholding would always be "
     "retained. A judged quarter's or year's status stands for every month it covers; until the "
     "judgment that covers a window month is in, the money stays held (not retained). The "
     "alternative “judged_month_only” counts only the month in which the period is judged."),
  N_("¶4.i withholds “until Contractor demonstrates that the CAP has been implemented and further "
     "successfully meets the missed Metrics for two consecutive months”; ¶4.iii retains only when "
     "the Contractor “fails to demonstrate it has met the missed Metric(s) for two consecutive "
     "months”. When the corrective period ends with the months met but no implementation recorded "
     "in it, the money stays held and is released with the first invoice after the State records "
     "the implementation. The alternative “retained” treats the window as failed: the failure "
     "month and the months missed in it are retained."),
  N_("A.3.b: “twenty percent … of the amount retained over the baseline up to one million "
     "dollars” caps the excess at $1,000,000, so the bonus is at most $200,000."),
  N_("A.3.b: “the exact dollar amount of the difference, calculated over a rolling twelve (12) "
     "months”: when a quarter falls below the baseline, the damages are the net difference "
     "(baseline less retention, excesses offsetting shortfalls) over the judged quarters of the "
     "twelve months ending with it, less damages already assessed inside those twelve months. The "
     "alternative “quarter” charges each quarter's own shortfall. Either way the state fiscal "
     "year (July–June) is trued up at its end: the year's net excess earns the bonus, its net "
     "shortfall is owed."),
  /* xgettext:no-c-format */
  N_("C.6: “8% of the total fees paid to the Contractor during that calendar year” is read as 8 % "
     "of the year's monthly invoices, all components. The alternative “paid” leaves out what the "
     "State withheld and did not release."),
  N_("¶4: the CAP is due “within fifteen (15) calendar days following the documentation of "
     "failure to meet the missed Metric(s)”. A failure is taken as documented on the day its "
     "month's results were first imported. Results first imported after the failure's four-month "
     "corrective period had ended (history brought into a new store, say) cannot date the State's "
     "documentation of it: such a failure is taken as documented on the month's verification day, "
     "the last day of the following month as in ¶3's example (“if Contractor successfully meets "
     "the Performance Metrics requirements for January, and verification is completed in "
     "February”), so that a failure years old is not “documented today” and due in two weeks. The "
     "alternative “import_day” keeps the day of the import."),
  N_("Every application task counts, expedited SNAP ones included. The scheduling-slot notice in "
     "the clause has no bearing on the metric."),
  N_("Every application task counts, expedited SNAP ones included."),
  N_("Application tasks with program SNAP and category “expedited”."),
  /* xgettext:no-c-format */
  N_("“95% of applications … correctly” is read as at least 95%. The reported figure governs; the "
     "recomputed one is the mean score (0 or 100 per reviewed application) of quality_review "
     "tasks with category “A.1.e”."),
  /* xgettext:no-c-format */
  N_("Read as at least 95% of sampled documents, fax cover sheets and envelopes excluded from the "
     "sample. The reported figure governs; the recomputed one is the mean score of quality_review "
     "tasks with category “A.1.h”."),
  N_("Medicaid-only applications (task type medicaid_application), ABD category excluded. On time "
     "when sent on or before the 33rd calendar day after the application date."),
  N_("As A.1.i with the 42nd calendar day."),
  /* xgettext:no-c-format */
  N_("“Will exceed 95%” is read strictly: an accuracy rate of exactly 95.0% is missed. The "
     "contractor's reported rate governs; it can be recomputed as the mean score of the month's "
     "quality reviews recorded as tasks of type quality_review with category “A.1.k”."),
  N_("Changes linked to a case with a pending application, Interim Report or redetermination "
     "(category “linked”) are excluded here and measured by A.2.b. A deadline falling on a "
     "non-business day moves to the next business day, as the clause says."),
  N_("Only changes with category “linked”. A deadline falling on a non-business day moves to the "
     "next business day."),
  /* xgettext:no-c-format */
  N_("“Will exceed 95%” is read strictly: an accuracy rate of exactly 95.0% is missed. The "
     "contractor's reported rate governs; it can be recomputed as the mean score of the month's "
     "quality reviews recorded as tasks of type quality_review with category “A.2.c”."),
  /* xgettext:no-c-format */
  N_("“Will exceed 95%” is read strictly: an accuracy rate of exactly 95.0% is missed. The "
     "contractor's reported rate governs; it can be recomputed as the mean score of the month's "
     "quality reviews recorded as tasks of type quality_review with category “A.2.d”."),
  N_("The due date set by the State's Operational Management is the task's due field."),
  /* xgettext:no-c-format */
  N_("“Will exceed 95%” is read strictly: an accuracy rate of exactly 95.0% is missed. The "
     "contractor's reported rate governs; it can be recomputed as the mean score of the month's "
     "quality reviews recorded as tasks of type quality_review with category “A.2.f”."),
  /* xgettext:no-c-format */
  N_("“95% … will be processed” is read as at least 95%. The due date is the task's due field."),
  /* xgettext:no-c-format */
  N_("“Will exceed 95%” is read strictly: an accuracy rate of exactly 95.0% is missed. The "
     "contractor's reported rate governs; it can be recomputed as the mean score of the month's "
     "quality reviews recorded as tasks of type quality_review with category “A.2.h”."),
  N_("The task's due field holds a day of the redetermination due month; the deadline is the 4th "
     "business day before that month's last calendar day. Rescinded redeterminations (status "
     "“rescinded”) are excluded; redeterminations assigned to a local office are not imported as "
     "these tasks."),
  N_("Deadline: the last day of the redetermination due month plus 15 calendar days, i.e. the "
     "15th of the following month. Rescinded redeterminations are excluded."),
  /* xgettext:no-c-format */
  N_("“Will exceed 95%” is read strictly: an accuracy rate of exactly 95.0% is missed. The "
     "contractor's reported rate governs; it can be recomputed as the mean score of the month's "
     "quality reviews recorded as tasks of type quality_review with category “A.2.k”."),
  /* xgettext:no-c-format */
  N_("Judged each quarter against the $120,000 baseline from the State's quarterly report. Above "
     "it, 20% of the excess is a bonus; the “up to $1,000,000” limit is read as a cap on the "
     "excess (see the bonus_cap interpretation). Below it, the shortfall is owed as damages over "
     "a rolling twelve months, trued up at the end of the state fiscal year."),
  N_("Judged each quarter against the $30,000 baseline from the State's quarterly report. The "
     "clause names no bonus or damages, so a miss counts as a missed metric for withholding."),
  N_("The second sentence (CODY case within 10 days of the Incident Report) is not measured "
     "separately."),
  /* xgettext:no-c-format */
  N_("“Will exceed 95%” is read strictly: an accuracy rate of exactly 95.0% is missed. The "
     "contractor's reported rate governs; it can be recomputed as the mean score of the month's "
     "quality reviews recorded as tasks of type quality_review with category “A.3.e”."),
  N_("Start date is the CODY case creation date (received)."),
  N_("The start date (received) is the last return date from compliance. Counts the cases "
     "completed in the report month, so records are placed by their completion date. The source "
     "text carries a stray “[bookmark: _GoBack]” marker, left out of the clause."),
  N_("Start date (received) is the discovery date (SNAP) or referral date (TANF). Deadline: the "
     "end of the quarter following that quarter."),
  N_("Start date (received) is the earlier of the receipt or recur run of the decision or the "
     "signed waiver."),
  N_("The task's due field holds a day of the last claim month; the deadline is the last day of "
     "that month plus fourteen months."),
  N_("All queues. Average speed to answer = total wait of answered calls / answered calls; “shall "
     "not exceed 150 seconds” means 150.0 is met."),
  N_("Service level = calls answered within 60 s / (answered + abandoned after the first 15 s). "
     "The 15-second short-abandon exclusion of A.5.c is applied here too."),
  N_("Abandonment = calls abandoned after 15 s / (offered − calls abandoned within 15 s), from "
     "counts, never by averaging daily rates."),
  N_("Judged per calendar week (Sunday–Saturday); a week belongs to the month holding its "
     "Saturday, and a missed week misses the metric for that month."),
  /* xgettext:no-c-format */
  N_("“Will exceed 95%” is read strictly: an quality score of exactly 95.0% is missed. The "
     "contractor's reported rate governs; it can be recomputed as the mean score of the month's "
     "quality reviews recorded as tasks of type quality_review with category “A.5.e”."),
  N_("Reported as separations over average headcount for the calendar year, attrition to DFR or a "
     "DFR contractor excluded. Cannot be recomputed from task or call records."),
  /* xgettext:no-c-format */
  N_("Every vacancy must be filled: 100% of vacancy tasks (received = the day the position became "
     "vacant, completed = the day the replacement starts work or training) within 45 calendar "
     "days. Vacancies with an agreed extension should not be imported as vacancy tasks."),
  N_("Reported monthly as absent production and training staff-days over scheduled staff-days. "
     "Cannot be recomputed from task or call records."),
  /* xgettext:no-c-format */
  N_("Reported as trainees moved to production with a gateway score of at least 90% over all "
     "trainees moved to production."),
  /* xgettext:no-c-format */
  N_("Reported as participants reaching 90% within the first two gateway attempts over "
     "participants who sat the exam."),
  /* xgettext:no-c-format */
  N_("Every notified class must be ready: 100% of training_class_request tasks within 5 business "
     "days of the State's notice."),
  /* xgettext:no-c-format */
  N_("Every notified policy change: 100% of policy_material tasks within 5 business days."),
  /* xgettext:no-c-format */
  N_("Every amendment: 100% of training_plan_amendment tasks within 15 business days of receipt."),
  /* xgettext:no-c-format */
  N_("Reported as trainees who complete new-hire training with at least 90% within two gateway "
     "attempts over trainees who began it, per calendar year from 2018. Reaching 85% earns a "
     "bonus of 8% of the fees paid that year; missing it forfeits the bonus but withholds "
     "nothing."),
  N_("Default reading; the KPI metrics have no “within N days” computations."),
  N_("The figures of the Performance Report govern; recomputed ones are shown beside them."),
  N_("The page judges against “the Quarterly Statewide Average” without saying which quarter's. "
     "The average of a quarter is published after it, so while the month's own quarter has none "
     "yet, the latest average published before it is used and the explanation names its quarter. "
     "The alternative “no_data” leaves such a month without a status until the quarter's average "
     "is imported."),
  N_("Judged against the imported Quarterly Statewide Average: met when within ±5 percentage "
     "points of it. The ±5 points band is the Performance Report sentence on time working cases."),
  N_("Judged against the imported Quarterly Statewide Average: met when within ±5 percentage "
     "points of it. The page lists it among the abnormalities to look for without its own band; "
     "we apply the ±5 points of the Performance Report."),
  N_("The page sets no band for the number of cases worked; it is listed among the abnormalities "
     "to look for. We compare it with the Quarterly Statewide Average at ±5 cases as a "
     "placeholder the manager should adjust. Recomputed as the number of tasks completed in the "
     "period."),
  N_("“Within +/- 5 minutes of the Quarterly Statewide Average” is a band of ±300 seconds around "
     "the imported average."),
  /* xgettext:no-c-format */
  N_("Judged per queue: a reported rate names its queue, and the Quarterly Statewide Average data "
     "gives each queue's range as two references, qsa:completion_rate_low and "
     "qsa:completion_rate_high, imported with that queue (a range without a queue applies to "
     "every queue). The rate must lie within the range, bounds included. A rate from 95 to 100% "
     "is flagged as abnormal even when it is within the range."),
  /* xgettext:no-c-format */
  N_("“At or near 80%” is read as a band of 80 ± 5 percentage points (75–85%), the same width as "
     "the page's other bands. Reviewed weekly."),
  N_("The Paused Report is checked daily; the count of tasks paused for more than 2 days for "
     "reasons the worker can control should be zero. Weekly is the shortest period Threshold "
     "judges."),
  N_("Groups should complete calls within ±5 minutes (±300 seconds) of the Quarterly Statewide "
     "Average; viewed at least weekly. Recomputed as the mean handle time of answered calls."),
  /* xgettext:no-c-format */
  N_("As reported for each Program Coordinator (subject worker:NAME): the share of work time "
     "spent on the activities listed. “Focusing an average of 75% of the time” is read as an "
     "average over the month of at least 75 %; 75.0 is met. The page gives no band around it."),
  /* xgettext:no-c-format */
  N_("As reported for each Program Coordinator (subject worker:NAME). “Should take up less than "
     "25% of work time” is strict: 25.0 is missed."),
  N_("Taken as reported by the Performance Comparison Report, weekly; the page sets no number of "
     "its own for First Contact Resolution. It is judged against the Quarterly Statewide Average "
     "for it when one is imported (key qsa:first_contact_resolution), within ±5 percentage "
     "points, the band the page uses for the other Performance Report figures; without one the "
     "week has no status and the reported figure is shown."),
  /* xgettext:no-c-format */
  N_("The Agency KPI goal: at least 95 % payment accuracy, 95.0 met (“meet and maintain the "
     "Agency KPI goal of 95%”). Agency-wide, as reported from the agency's accuracy reviews; it "
     "cannot be recomputed from task or call records."),
  /* xgettext:no-c-format */
  N_("One new_staff task per new employee: received = the first day of employment, completed = "
     "the day the employee was enrolled in training, team = the supervisor's group. “Within the "
     "first 2 weeks of employment” is read as within 14 calendar days of the first day, and every "
     "new employee must be enrolled (100 %). A hire counts in the month its two weeks end; one "
     "not enrolled by then counts as missed."),
  NULL
};

const char * const *
thr_contract_get_bundled_notes (void)
{
  return bundled_notes;
}
