/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-overview-page.c — a month at a glance: what is failing, what money is at stake, what is due
 *
 * The month is the window's; the arrows here activate its
 * win.previous-month and win.next-month.  Every figure comes from the
 * core: the counts from the session's results, the failing metrics and
 * what each puts at stake from thr_ledger_stakes_for_month (), the money
 * from thr_ledger_sum (), why money is held from thr_ledger_held_reasons
 * (), and "This week" from thr_deadlines_due_within ().  Each card and row
 * opens the page of what it counts.
 */

#define WEEK_DAYS   7
#define ROWS_MAX    6
/* The held rows built before the page's first frame, while what lies
 * below them is hidden: at the window's usual height (768 pixels) the
 * counts and the money fill the first screen, and the demo's second reason
 * ends at its bottom edge.  The others come once in view (show_below ()),
 * in the same layout when these two end inside the window. */
#define HELD_ROWS_FIRST 2
#define G_LOG_DOMAIN "thr-overview-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "thr-counts-layout.h"
#include "thr-format.h"
#include "thr-grid-widget.h"
#include "thr-menu-button.h"
#include "thr-overview-page.h"
#include "thr-row-titles.h"

struct _ThrOverviewPage
{
  GtkWidget      parent_instance;
  ThrSession    *session;
  guint          month;
  guint          counts[4];

  GtkLabel      *month_label;
  GtkLabel      *met_label;
  GtkLabel      *missed_label;
  GtkLabel      *pending_label;
  GtkLabel      *no_data_label;
  ThrGridWidget *grid;
  GtkSpinner    *history_spinner;
  GtkLabel      *history_label;
  GtkLabel      *money_status_label;
  GtkWidget     *counts_box;
  GtkWidget     *money_heading;
  /* Built with the first consequences (thr-overview-page-parts.ui); NULL
   * until then. */
  GtkWidget     *money_box;
  /* withheld, released, held, retained: this month, then to date */
  GtkLabel      *money_labels[8];
  AdwPreferencesGroup *failing_group;
  AdwPreferencesGroup *bonus_group;
  AdwPreferencesGroup *held_group;
  AdwPreferencesGroup *week_group;
  GtkMenuButton *export_button;  /* hidden until the page's first frame is drawn */
  gulong         export_paint_id; /* that frame's after-paint, while it is awaited */
  GtkWidget     *below_box;      /* this week's dates and the history: hidden until in view */
  gulong         below_paint_id; /* the first frame's after-paint, while it is awaited */
  /* Not built yet, while below_box is hidden: the held rows past the
   * first two, and this week's rows. */
  gboolean       held_pending;
  gboolean       week_pending;
  GMenuModel    *grid_export_menu;
  GPtrArray     *rows;          /* every row added to the groups above */
  GHashTable    *spare_rows;    /* what each row shown before said → the row, while update () runs */
  GPtrArray     *failing_rows;  /* of AdwActionRow*, the failing metrics' */
  GPtrArray     *held_rows;
  GPtrArray     *week_rows;
  ThrLedgerTotals month_totals;
  ThrLedgerTotals to_date;
  guint          n_failing;
  guint          n_bonus;
  guint          n_this_week;
};

G_DEFINE_FINAL_TYPE (ThrOverviewPage, thr_overview_page, GTK_TYPE_WIDGET)

/* Section: private helpers */

static void show_below (ThrOverviewPage *self);
static void add_held_rest (ThrOverviewPage *self);

static void
set_count (GtkLabel *label,
           guint     count)
{
  /* Counts are numbers too: grouped like every other number. */
  g_autofree char *text = thr_format_number (count, 0);

  gtk_label_set_label (label, text);
}

static void
update_history (ThrOverviewPage *self)
{
  gboolean busy = self->session != NULL && !thr_session_is_complete (self->session);

  gtk_widget_set_visible (GTK_WIDGET (self->history_spinner), busy);
  gtk_spinner_set_spinning (self->history_spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->history_label), busy);
}

static void
set_money (GtkLabel *label,
           gboolean  to_date,
           gint64    cents)
{
  g_autofree char *money = thr_format_money (cents);
  /* Translators: an amount of money summed over every month so far */
  g_autofree char *text = to_date ? g_strdup_printf (_("%s to date"), money) : NULL;

  gtk_label_set_label (label, text ? text : money);
}

static gboolean
shown_month (ThrOverviewPage *self,
             ThrPeriod       *month)
{
  if (self->session == NULL || self->month >= thr_session_get_n_months (self->session))
    return FALSE;
  return thr_period_parse (thr_session_get_month (self->session, self->month), month, NULL);
}

/* The rows shown so far come off their groups and wait to be taken back
 * by add_row () for the same words: a row whose words are new costs
 * its labels' text layout at many widths (tens of milliseconds for the
 * page on a month change), one taken back costs nothing, and most rows
 * read the same from one month to the next. */
static void
clear_rows (ThrOverviewPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
      const char *key = g_object_get_data (G_OBJECT (row), "thr-row-key");

      if (key != NULL && !g_hash_table_contains (self->spare_rows, key))
        g_hash_table_insert (self->spare_rows, g_strdup (key), g_object_ref (row));
      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->failing_rows, 0);
  g_ptr_array_set_size (self->held_rows, 0);
  g_ptr_array_set_size (self->week_rows, 0);
}

/* A glyph before a row's title and a word after it, each with a style
 * class; NULL where the row has none. */
typedef struct {
  const char *prefix;
  const char *prefix_class;
  const char *suffix;
  const char *suffix_class;
} RowMarks;

static const RowMarks no_marks = { NULL, NULL, NULL, NULL };

/* Everything a row shows, so that only a row saying the same is reused. */
static char *
row_key (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const RowMarks      *marks,
         const char          *action)
{
  return g_strdup_printf ("%p\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", (void *) group, title,
                          subtitle ? subtitle : "", marks->prefix ? marks->prefix : "",
                          marks->prefix_class ? marks->prefix_class : "", marks->suffix ? marks->suffix : "",
                          marks->suffix_class ? marks->suffix_class : "", action ? action : "");
}

static GtkWidget *
class_label (const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* GtkScrolledWindow measures its child's height without a width, at its
 * natural width, whatever it does with the answer; scrolling vertically
 * and propagating no natural height, it keeps none of it.  In the frame
 * after the consequences that laid every new row's title and subtitle out
 * at their natural width (and at their minimum width for the minimum
 * height), widths they never get.  The page's content answers that with
 * its height at the width it was last given, which the viewport asks of
 * it anyway when it lays it out: one layout of each label, not three. */
static GtkSizeRequestMode
scrolled_content_request_mode (GtkWidget *content)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
measure_scrolled_content (GtkWidget      *content,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (content);

  *minimum = *natural = 0;
  if (child == NULL || !gtk_widget_should_layout (child))
    return;
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size < 0 && gtk_widget_get_width (content) > 0)
    for_size = gtk_widget_get_width (content);
  gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
allocate_scrolled_content (GtkWidget *content,
                           int        width,
                           int        height,
                           int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (content);
  ThrOverviewPage *self = THR_OVERVIEW_PAGE (gtk_widget_get_ancestor (content, THR_TYPE_OVERVIEW_PAGE));

  if (child == NULL || !gtk_widget_should_layout (child))
    return;
  /* The viewport gives the content its natural height or its own, if
   * taller: then the hidden box below is in view, and is laid out now.
   * The content is given the height it takes with it; the viewport learns
   * it at the next layout (its scrolling range, no pixel of this frame). */
  if (self != NULL && self->below_paint_id != 0 && !gtk_widget_get_visible (self->below_box))
    {
      int above;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &above, NULL, NULL);
      /* The held rows left out come first: they may fill the rest. */
      if (above < height && self->held_pending)
        {
          add_held_rest (self);
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &above, NULL, NULL);
        }
      if (above < height)
        {
          int whole;

          show_below (self);
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &whole, NULL, NULL);
          height = MAX (height, whole);
        }
    }
  gtk_widget_allocate (child, width, height, baseline, NULL);
}

/* The page's scrolled content goes into a box of its own that lays it
 * out as above. */
static void
measure_content_at_its_width (ThrOverviewPage *self)
{
  GtkWidget *scroller = gtk_widget_get_first_child (GTK_WIDGET (self));
  GtkWidget *viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  g_autoptr(GtkWidget) content = g_object_ref (gtk_viewport_get_child (GTK_VIEWPORT (viewport)));
  GtkWidget *holder = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_layout_manager (holder, gtk_custom_layout_new (scrolled_content_request_mode,
                                                                measure_scrolled_content,
                                                                allocate_scrolled_content));
  gtk_viewport_set_child (GTK_VIEWPORT (viewport), NULL);
  gtk_box_append (GTK_BOX (holder), content);
  gtk_viewport_set_child (GTK_VIEWPORT (viewport), holder);
}

static GtkWidget *
new_row (const char     *title,
         const char     *subtitle,
         const RowMarks *marks,
         const char     *action)
{
  GtkWidget *row = adw_action_row_new ();

  thr_row_titles_stack (ADW_ACTION_ROW (row));
  /* Titles are plain text: a metric's name may hold "&" or "<". */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (marks->prefix != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), class_label (marks->prefix, marks->prefix_class));
  if (marks->suffix != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), class_label (marks->suffix, marks->suffix_class));
  if (action != NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), action);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  return row;
}

/* A row of a group, the one shown before with the same words when there
 * is one; activatable when it opens something (its target may differ:
 * a metric's row opens the month shown).  MARKS: NULL for none. */
static GtkWidget *
add_row (ThrOverviewPage     *self,
         AdwPreferencesGroup *group,
         GPtrArray           *kind,
         const char          *title,
         const char          *subtitle,
         const RowMarks      *marks,
         const char          *action,
         GVariant            *target)
{
  g_autofree char *key = NULL;
  g_autofree char *spare_key = NULL;
  GtkWidget *row = NULL;

  if (marks == NULL)
    marks = &no_marks;
  key = row_key (group, title, subtitle, marks, action);
  if (!g_hash_table_steal_extended (self->spare_rows, key, (gpointer *) &spare_key, (gpointer *) &row))
    {
      row = g_object_ref_sink (new_row (title, subtitle, marks, action));
      g_object_set_data_full (G_OBJECT (row), "thr-row-key", g_strdup (key), g_free);
    }
  if (action != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), target);
  else if (target != NULL)
    g_variant_unref (g_variant_ref_sink (target));
  adw_preferences_group_add (group, row);
  g_object_unref (row);
  g_ptr_array_add (self->rows, row);
  if (kind != NULL)
    g_ptr_array_add (kind, row);
  return row;
}

static void
add_more_row (ThrOverviewPage     *self,
              AdwPreferencesGroup *group,
              guint                n_more,
              const char          *page)
{
  g_autofree char *more = NULL;
  g_autofree char *n = NULL;

  if (n_more == 0)
    return;
  n = thr_format_number (n_more, 0);
  if (g_str_equal (page, "deadlines"))
    more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more on the Deadlines page",
                                         "%s more on the Deadlines page", n_more), n);
  else if (g_str_equal (page, "ledger"))
    more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more on the Ledger page",
                                         "%s more on the Ledger page", n_more), n);
  else
    more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s more on the Metrics page",
                                         "%s more on the Metrics page", n_more), n);
  add_row (self, group, NULL, more, NULL, NULL, "win.show-page", g_variant_new_string (page));
}

/* "72.10 % against ≥ 95 %", or "No data". */
static char *
value_against_target (const ThrResult *result,
                      ThrStatus        status)
{
  g_autofree char *value = NULL;
  g_autofree char *target = NULL;

  if (status == THR_STATUS_NO_DATA || result == NULL || !result->value.present)
    return g_strdup (_("No data"));
  value = thr_format_value (result->metric->unit, result->value.value);
  target = thr_report_format_threshold (result);
  /* Translators: a metric's value, then its target ("72.10 % against ≥ 95 %") */
  return g_strdup_printf (_("%s against %s"), value, target);
}

/* The money a failing metric decides, in one sentence.  A month without
 * an invoice withholds nothing: a miss then still opens its corrective
 * period, which is said without "$0.00 held". */
static char *
describe_stake_money (const ThrLedgerStake *stake)
{
  g_autofree char *held = thr_format_money (stake->held);
  g_autofree char *risk = NULL;
  g_autofree char *by = NULL;

  if (stake->status == THR_STATUS_NO_DATA && stake->held > 0)
    /* Translators: an amount of money */
    return g_strdup_printf (_("%s held until its figures are verified"), held);
  if (!stake->has_window)
    /* Translators: an amount of money */
    return stake->held > 0 ? g_strdup_printf (_("%s held"), held) : NULL;
  by = thr_period_format_words (&stake->window_last);
  if (stake->held == 0 && stake->at_risk == 0)
    /* Translators: a month ("August 2018"); D2 ¶4.i */
    return g_strdup_printf (_("Nothing withheld · to be met two months in a row by the end of %s"), by);
  risk = thr_format_money (stake->at_risk);
  /* Translators: money held, money at risk, a month ("August 2018"); D2 ¶4.i–iii */
  return g_strdup_printf (_("%s held · %s retained for good unless met two months in a row by the end of %s"),
                          held, risk, by);
}

static char *
describe_stake (ThrOverviewPage      *self,
                const ThrLedgerStake *stake)
{
  const ThrResult *result = thr_session_get_result (self->session, self->month, stake->metric);
  g_autofree char *value = value_against_target (result, stake->status);
  g_autofree char *money = describe_stake_money (stake);
  g_autofree char *run = NULL;
  g_autofree char *n = thr_format_number (stake->months_in_a_row, 0);

  /* Translators: how many months in a row a metric was missed, or had no data */
  run = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s month in a row", "%s months in a row",
                                      stake->months_in_a_row), n);
  if (money == NULL)
    return g_strdup_printf ("%s · %s", value, run);
  return g_strdup_printf ("%s · %s\n%s", value, run, money);
}

static void
update_failing (ThrOverviewPage *self,
                ThrLedger       *ledger)
{
  g_autoptr(GPtrArray) stakes = NULL;
  ThrContract *contract = self->session ? thr_session_get_contract (self->session) : NULL;
  ThrPeriod month;
  guint shown = 0;

  self->n_failing = self->n_bonus = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->failing_group), ledger != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->bonus_group), FALSE);
  if (ledger == NULL || contract == NULL || !shown_month (self, &month))
    return;
  stakes = thr_ledger_stakes_for_month (ledger, &month);
  for (guint i = 0; i < stakes->len; i++)
    {
      const ThrLedgerStake *stake = g_ptr_array_index (stakes, i);
      const ThrMetric *metric = thr_contract_find_metric (contract, stake->metric);
      g_autofree char *title = g_strdup_printf ("%s · %s", stake->metric, metric ? thr_metric_get_label (metric) : "");
      g_autofree char *subtitle = describe_stake (self, stake);
      AdwPreferencesGroup *group = stake->own_consequence ? self->bonus_group : self->failing_group;
      GtkWidget *row;

      if (stake->own_consequence)
        self->n_bonus++;
      else if (self->n_failing++ >= ROWS_MAX)
        continue;
      if (stake->own_consequence)
        row = add_row (self, group, NULL, title, subtitle, NULL,
                       "win.show-metric", g_variant_new ("(si)", stake->metric, (gint32) self->month));
      else
        {
          gboolean missed = stake->status == THR_STATUS_MISSED;

          RowMarks marks = { missed ? "✗" : "–", missed ? "error" : "dim-label", NULL, NULL };

          row = add_row (self, group, self->failing_rows, title, subtitle, &marks, "win.show-metric",
                         g_variant_new ("(si)", stake->metric, (gint32) self->month));
          shown++;
        }
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->bonus_group), self->n_bonus > 0);
  add_more_row (self, self->failing_group, self->n_failing - shown, "metrics");
  if (self->n_failing == 0)
    add_row (self, self->failing_group, NULL,
             _("No metric with a withholding was missed, and none without data holds money"), NULL, NULL, NULL,
             NULL);
}

/* The held rows from the @from-th on, up to @to, with the row that
 * says how many more there are once the last is built. */
static void
add_held_rows (ThrOverviewPage *self,
               GPtrArray       *reasons,
               guint            from,
               guint            to)
{
  for (guint i = from; i < reasons->len && i < to; i++)
    {
      const ThrLedgerHeldReason *reason = g_ptr_array_index (reasons, i);
      g_autofree char *why = thr_ledger_held_reason_describe (reason);
      g_autofree char *money = thr_format_money (reason->held);
      g_autofree char *label = thr_period_format (&reason->month);
      g_autofree char *title = NULL;
      int at = self->session ? thr_session_find_month (self->session, label) : -1;

      /* Translators: why money is held, then the amount ("B.3 has no data for March 2019 → $387,589.70 held") */
      title = g_strdup_printf (_("%s → %s held"), why, money);
      /* A reason of one metric opens it at that month; several, the ledger. */
      if (reason->metrics != NULL && g_strv_length (reason->metrics) == 1 && at >= 0)
        add_row (self, self->held_group, self->held_rows, title, NULL, NULL, "win.show-metric",
                 g_variant_new ("(si)", reason->metrics[0], (gint32) at));
      else
        add_row (self, self->held_group, self->held_rows, title, NULL, NULL, "win.show-page",
                 g_variant_new_string ("ledger"));
    }
  if (to >= ROWS_MAX && reasons->len > ROWS_MAX)
    add_more_row (self, self->held_group, reasons->len - ROWS_MAX, "ledger");
}

static GPtrArray *
held_reasons (ThrOverviewPage *self,
              ThrLedger       *ledger)
{
  ThrPeriod month;

  if (ledger == NULL || !shown_month (self, &month))
    return NULL;
  return thr_ledger_held_reasons (ledger, NULL, &month);
}

static void
update_held (ThrOverviewPage *self,
             ThrLedger       *ledger)
{
  g_autoptr(GPtrArray) reasons = held_reasons (self, ledger);

  gtk_widget_set_visible (GTK_WIDGET (self->held_group), reasons != NULL && reasons->len > 0);
  if (reasons != NULL)
    add_held_rows (self, reasons, 0, self->held_pending ? HELD_ROWS_FIRST : ROWS_MAX);
}

/* This month's withholding and its fate, then the same for every month up
 * to it: thr_ledger_sum(), the one sum the ledger page, the monthly report
 * and `ledger --format json` show too. */
static void
update_money (ThrOverviewPage *self,
              ThrLedger       *ledger)
{
  ThrPeriod month;

  memset (&self->month_totals, 0, sizeof self->month_totals);
  memset (&self->to_date, 0, sizeof self->to_date);
  gtk_widget_set_visible (self->money_box, ledger != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->money_status_label), ledger == NULL);
  if (ledger == NULL || !shown_month (self, &month))
    return;
  thr_ledger_sum (ledger, &month, &month, NULL, &self->month_totals);
  thr_ledger_sum (ledger, NULL, &month, NULL, &self->to_date);
  {
    const gint64 amounts[] = {
      self->month_totals.withheld, self->month_totals.released, self->month_totals.held, self->month_totals.retained,
      self->to_date.withheld, self->to_date.released, self->to_date.held, self->to_date.retained,
    };

    for (guint i = 0; i < 4; i++)
      {
        set_money (self->money_labels[i], FALSE, amounts[i]);
        set_money (self->money_labels[i + 4], TRUE, amounts[i + 4]);
      }
  }
}

/* Whose date it is: the State's (verification, review) or the
 * contractor's (its report, its CAP, its actions). */
static const char *
deadline_owner (ThrDeadlineKind kind)
{
  switch (kind)
    {
    case THR_DEADLINE_VERIFICATION:
    case THR_DEADLINE_REVIEW_DUE:
      return _("The State's date");
    case THR_DEADLINE_REPORT:
    case THR_DEADLINE_CAP_DUE:
    case THR_DEADLINE_ACTION:
    case THR_DEADLINE_IMPLEMENTATION:
      return _("The contractor's date");
    case THR_DEADLINE_WINDOW_CHECKPOINT:
    case THR_DEADLINE_WINDOW_CLOSES:
    default:
      return _("A corrective period's date");
    }
}

static void
update_week (ThrOverviewPage *self)
{
  GPtrArray *items = self->session ? thr_session_get_deadlines (self->session) : NULL;
  guint32 today = self->session ? thr_session_get_today (self->session) : 0;
  g_autoptr(GPtrArray) due = NULL;

  self->n_this_week = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->week_group), items != NULL);
  if (items == NULL || today == 0)
    return;
  due = thr_deadlines_due_within (items, today, WEEK_DAYS);
  self->n_this_week = due->len;
  if (self->week_pending)
    return;
  for (guint i = 0; i < due->len && i < ROWS_MAX; i++)
    {
      const ThrDeadlineItem *item = g_ptr_array_index (due, i);
      g_autofree char *relative = thr_format_relative_day (item->day, today, item->state == THR_DEADLINE_OVERDUE);
      g_autofree char *title = thr_deadline_item_describe (item, thr_session_get_caps (self->session));
      const char *when_class = item->state == THR_DEADLINE_OVERDUE ? "error"
                               : item->state == THR_DEADLINE_DUE ? "warning" : "dim-label";

      RowMarks marks = { NULL, NULL, relative, when_class };

      if (item->cap_id != 0)
        add_row (self, self->week_group, self->week_rows, title, deadline_owner (item->kind), &marks,
                 "win.show-cap", g_variant_new_int64 (item->cap_id));
      else
        add_row (self, self->week_group, self->week_rows, title, deadline_owner (item->kind), &marks,
                 "win.show-page", g_variant_new_string ("deadlines"));
    }
  if (due->len == 0)
    add_row (self, self->week_group, NULL, _("Nothing is overdue or due in the next 7 days"), NULL, NULL, NULL, NULL);
  else if (due->len > ROWS_MAX)
    add_more_row (self, self->week_group, due->len - ROWS_MAX, "deadlines");
}

static void
update_month_label (ThrOverviewPage *self)
{
  ThrPeriod month;
  g_autofree char *words = NULL;

  if (!shown_month (self, &month))
    {
      gtk_label_set_label (self->month_label, "");
      return;
    }
  words = thr_period_format_words (&month);
  gtk_label_set_label (self->month_label, words);
}

/* The status counts of the shown month; FALSE when there is no such month. */
static gboolean
update_counts (ThrOverviewPage *self)
{
  if (self->session == NULL || self->month >= thr_session_get_n_months (self->session))
    {
      memset (self->counts, 0, sizeof self->counts);
      return FALSE;
    }
  thr_session_count (self->session, self->month, self->counts);
  set_count (self->met_label, self->counts[THR_STATUS_MET]);
  set_count (self->missed_label, self->counts[THR_STATUS_MISSED]);
  set_count (self->pending_label, self->counts[THR_STATUS_PENDING]);
  set_count (self->no_data_label, self->counts[THR_STATUS_NO_DATA]);
  return TRUE;
}

static const char *money_label_ids[] = {
  "withheld_label", "released_label", "held_label", "retained_label",
  "withheld_total_label", "released_total_label", "held_total_label", "retained_total_label",
};

/* The groups and the money's cards, put in their places in the page. */
static void
build_parts (ThrOverviewPage *self)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/thresholdapp/Threshold/thr-overview-page-parts.ui");
  GtkBox *content = GTK_BOX (gtk_widget_get_parent (self->counts_box));

  self->failing_group = ADW_PREFERENCES_GROUP (gtk_builder_get_object (builder, "failing_group"));
  self->bonus_group = ADW_PREFERENCES_GROUP (gtk_builder_get_object (builder, "bonus_group"));
  self->money_box = GTK_WIDGET (gtk_builder_get_object (builder, "money_box"));
  self->held_group = ADW_PREFERENCES_GROUP (gtk_builder_get_object (builder, "held_group"));
  self->week_group = ADW_PREFERENCES_GROUP (gtk_builder_get_object (builder, "week_group"));
  /* Their descriptions, measured without GTK's search of widths. */
  thr_row_titles_stack_group (self->bonus_group);
  thr_row_titles_stack_group (self->week_group);
  for (guint i = 0; i < G_N_ELEMENTS (money_label_ids); i++)
    self->money_labels[i] = GTK_LABEL (gtk_builder_get_object (builder, money_label_ids[i]));
  /* Placed while the builder still holds them. */
  gtk_box_insert_child_after (content, GTK_WIDGET (self->failing_group), self->counts_box);
  gtk_box_insert_child_after (content, GTK_WIDGET (self->bonus_group), GTK_WIDGET (self->failing_group));
  gtk_box_insert_child_after (content, self->money_box, self->money_heading);
  gtk_box_insert_child_after (content, GTK_WIDGET (self->held_group), self->money_box);
  gtk_box_prepend (GTK_BOX (self->below_box), GTK_WIDGET (self->week_group));
}

static void
update (ThrOverviewPage *self)
{
  ThrLedger *ledger = self->session ? thr_session_get_ledger (self->session) : NULL;

  update_history (self);
  clear_rows (self);
  update_month_label (self);
  /* What the consequences say is built when the first of them come: the
   * first frame comes before them. */
  if (self->money_box == NULL && (ledger != NULL || (self->session && thr_session_get_deadlines (self->session))))
    build_parts (self);
  if (self->money_box != NULL)
    {
      self->held_pending = self->week_pending = !gtk_widget_get_visible (self->below_box);
      update_failing (self, ledger);
      update_money (self, ledger);
      update_held (self, ledger);
      update_week (self);
    }
  /* Rows no longer said go now. */
  g_hash_table_remove_all (self->spare_rows);
  if (update_counts (self))
    /* The grid's cursor follows the month, staying in its row. */
    thr_grid_widget_set_month (self->grid, self->month);
}

/* The held rows update () left for when they come into view: the first
 * frame at the usual height shows none of them, and each costs its
 * labels' layout. */
static void
add_held_rest (ThrOverviewPage *self)
{
  g_autoptr(GPtrArray) reasons = NULL;

  if (!self->held_pending)
    return;
  self->held_pending = FALSE;
  reasons = held_reasons (self, self->session ? thr_session_get_ledger (self->session) : NULL);
  if (reasons != NULL)
    add_held_rows (self, reasons, HELD_ROWS_FIRST, ROWS_MAX);
}

/* Every row update () left for later, as once scrolled into view. */
static void
add_rows_below (ThrOverviewPage *self)
{
  add_held_rest (self);
  if (!self->week_pending)
    return;
  self->week_pending = FALSE;
  update_week (self);
}

/* Section: callbacks */

/* A month of the history is in: its counts are the session's now, in the
 * same main-loop turn as the spinner, not at the next idle moment. */
static void
n_evaluated_cb (ThrOverviewPage *self)
{
  update_counts (self);
  update_history (self);
}

/* New consequences: the money, what is failing and held, and this week's
 * dates all come from the session's ledger, CAPs and deadlines.  A new
 * ledger comes with its CAPs and deadlines and consequences-changed, as
 * does a CAP's edit: following that signal alone, the page is updated once
 * for a new ledger, with this week's dates, and a CAP's new dates show
 * without waiting for another month. */
static void
consequences_changed_cb (ThrOverviewPage *self)
{
  update (self);
}

static void
cell_activated_cb (ThrGridWidget   *grid,
                   const char      *metric,
                   guint            month,
                   ThrOverviewPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-metric", "(si)", metric, (gint32) month);
}

/* Section: class and instance */

/* The Export button lies below the grid, out of view in the first frame at
 * the window's usual height (768 pixels): hidden in the template, it costs
 * that frame nothing (its styles, its label laid out, its arrow's icon:
 * about 1 M instructions of the launch's main thread), and it is shown
 * once the page's first frame is drawn.  A window tall enough to show it
 * shows it a frame later. */
static void
show_export_button_cb (GdkFrameClock   *clock,
                       ThrOverviewPage *self)
{
  g_clear_signal_handler (&self->export_paint_id, clock);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), TRUE);
}

/* Below the money's reasons lie this week's dates, the compliance grid and
 * its Export button.  At the window's usual height (768 pixels) the page's
 * first frame on a store whose months and consequences are kept (any
 * launch after the first) is filled before them: laid out and drawn there,
 * they would cost that frame about 120 million instructions of the main
 * thread for nothing to see (their rows' text, 24 months of the grid).
 * So they wait in a box hidden until the page's first layout: shown in the
 * same layout when what lies above them ends inside the scrolled window
 * (allocate_scrolled_content ()), otherwise once that frame is drawn. */
static void
show_below (ThrOverviewPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock != NULL)
    g_clear_signal_handler (&self->below_paint_id, clock);
  gtk_widget_set_visible (self->below_box, TRUE);
  add_rows_below (self);
}

static void
below_paint_cb (GdkFrameClock   *clock,
                ThrOverviewPage *self)
{
  show_below (self);
}

static void
thr_overview_page_map (GtkWidget *widget)
{
  ThrOverviewPage *self = THR_OVERVIEW_PAGE (widget);
  GdkFrameClock *clock;

  GTK_WIDGET_CLASS (thr_overview_page_parent_class)->map (widget);
  clock = gtk_widget_get_frame_clock (widget);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->export_button)) && self->export_paint_id == 0)
    self->export_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (show_export_button_cb), self);
  if (!gtk_widget_get_visible (self->below_box) && self->below_paint_id == 0)
    self->below_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (below_paint_cb), self);
}

static void
thr_overview_page_unmap (GtkWidget *widget)
{
  ThrOverviewPage *self = THR_OVERVIEW_PAGE (widget);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_clear_signal_handler (&self->export_paint_id, clock);
  g_clear_signal_handler (&self->below_paint_id, clock);
  GTK_WIDGET_CLASS (thr_overview_page_parent_class)->unmap (widget);
}

static void
thr_overview_page_dispose (GObject *object)
{
  ThrOverviewPage *self = THR_OVERVIEW_PAGE (object);
  GtkWidget *child;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), THR_TYPE_OVERVIEW_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->spare_rows, g_hash_table_unref);
  g_clear_pointer (&self->failing_rows, g_ptr_array_unref);
  g_clear_pointer (&self->held_rows, g_ptr_array_unref);
  g_clear_pointer (&self->week_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (thr_overview_page_parent_class)->dispose (object);
}

static void
thr_overview_page_class_init (ThrOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thr_overview_page_dispose;
  widget_class->map = thr_overview_page_map;
  widget_class->unmap = thr_overview_page_unmap;

  g_type_ensure (THR_TYPE_COUNTS_LAYOUT);
  g_type_ensure (THR_TYPE_GRID_WIDGET);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thresholdapp/Threshold/thr-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, month_label);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, met_label);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, missed_label);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, pending_label);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, no_data_label);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, grid);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, history_spinner);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, history_label);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, money_status_label);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, counts_box);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, money_heading);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, below_box);
  gtk_widget_class_bind_template_child (widget_class, ThrOverviewPage, grid_export_menu);
  gtk_widget_class_bind_template_callback (widget_class, cell_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
thr_overview_page_init (ThrOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  thr_menu_button_give_menu_on_open (self->export_button, self->grid_export_menu);
  measure_content_at_its_width (self);
  self->rows = g_ptr_array_new ();
  self->spare_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->failing_rows = g_ptr_array_new ();
  self->held_rows = g_ptr_array_new ();
  self->week_rows = g_ptr_array_new ();
}

/* Section: public API */

void
thr_overview_page_set_session (ThrOverviewPage *self,
                               ThrSession      *session)
{
  g_return_if_fail (THR_IS_OVERVIEW_PAGE (self));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  /* The page follows the session, whoever asks it to evaluate or reload:
   * the history's spinner goes when the last month is in, the counts
   * change with each month, the money with each ledger. */
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::complete", G_CALLBACK (update_history), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::n-evaluated", G_CALLBACK (n_evaluated_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "consequences-changed", G_CALLBACK (consequences_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  thr_grid_widget_set_session (self->grid, session);
  self->month = 0;
  update (self);
}

/* Months of the history have been evaluated: redraw the grid. */
void
thr_overview_page_refresh (ThrOverviewPage *self)
{
  g_return_if_fail (THR_IS_OVERVIEW_PAGE (self));

  thr_grid_widget_set_session (self->grid, self->session);
  update (self);
}

void
thr_overview_page_set_month (ThrOverviewPage *self,
                             guint            month)
{
  g_return_if_fail (THR_IS_OVERVIEW_PAGE (self));

  self->month = month;
  update (self);
}

void
thr_overview_page_get_counts (ThrOverviewPage *self,
                              guint            counts[4])
{
  g_return_if_fail (THR_IS_OVERVIEW_PAGE (self));
  memcpy (counts, self->counts, sizeof self->counts);
}

GtkWidget *
thr_overview_page_get_grid (ThrOverviewPage *self)
{
  g_return_val_if_fail (THR_IS_OVERVIEW_PAGE (self), NULL);
  return GTK_WIDGET (self->grid);
}

void
thr_overview_page_get_money (ThrOverviewPage *self,
                             ThrLedgerTotals *month,
                             ThrLedgerTotals *to_date)
{
  g_return_if_fail (THR_IS_OVERVIEW_PAGE (self));
  *month = self->month_totals;
  *to_date = self->to_date;
}

guint
thr_overview_page_get_n_due_soon (ThrOverviewPage *self)
{
  g_return_val_if_fail (THR_IS_OVERVIEW_PAGE (self), 0);
  return self->n_this_week;
}

const char *
thr_overview_page_get_money_text (ThrOverviewPage *self,
                                  guint            index)
{
  g_return_val_if_fail (THR_IS_OVERVIEW_PAGE (self), NULL);
  g_return_val_if_fail (index < G_N_ELEMENTS (self->money_labels), NULL);
  return self->money_labels[index] != NULL ? gtk_label_get_label (self->money_labels[index]) : "";
}

guint
thr_overview_page_get_n_failing (ThrOverviewPage *self,
                                 guint           *n_bonus)
{
  g_return_val_if_fail (THR_IS_OVERVIEW_PAGE (self), 0);
  if (n_bonus != NULL)
    *n_bonus = self->n_bonus;
  return self->n_failing;
}

GtkWidget *
thr_overview_page_get_row (ThrOverviewPage *self,
                           const char      *group,
                           guint            index)
{
  GPtrArray *rows;

  g_return_val_if_fail (THR_IS_OVERVIEW_PAGE (self), NULL);

  /* Every row, as once scrolled into view. */
  add_rows_below (self);
  rows = g_str_equal (group, "failing") ? self->failing_rows
         : g_str_equal (group, "held") ? self->held_rows : self->week_rows;
  return index < rows->len ? g_ptr_array_index (rows, index) : NULL;
}

const char *
thr_overview_page_get_month_text (ThrOverviewPage *self)
{
  g_return_val_if_fail (THR_IS_OVERVIEW_PAGE (self), NULL);
  return gtk_label_get_label (self->month_label);
}
