/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ledger-page.c — the ledger: D2 ¶1–4 applied month by month
 *
 * Totals to date, then the corrective windows (one row per failure with
 * its months and outcome), then the table of months (thr-ledger-view.c):
 * a row per month and invoice component under each year's subtotal,
 * sortable, its explanation on demand.  Months withheld at the escalated
 * rate are marked.  Every figure comes from the session's ledger and the
 * core's sums (thr_ledger_sum, thr_ledger_sum_by_year); nothing is added
 * up here.
 */
#define G_LOG_DOMAIN "thr-ledger-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "thr-format.h"
#include "thr-ledger-item.h"
#include "thr-ledger-page.h"
#include "thr-menu-button.h"
#include "thr-narrow-layout.h"
#include "thr-row-titles.h"
#include "thr-tooltip.h"
#include "thr-ledger-view.h"
#include "thr-search-bar.h"

struct _ThrLedgerPage
{
  GtkWidget    parent_instance;
  ThrSession  *session;
  GHashTable  *shown;      /* "YYYY-MM/field" → gint64* */
  guint        n_windows;
  guint        built_from; /* the session's ledger serial */
  ThrLedgerTotals totals;  /* the cards: every month shown */

  GtkWidget   *scrolled;
  GtkWidget   *box;
  GtkWidget   *months_group;
  ThrLedgerView *view;
  ThrSearchBar *search_bar;
  GtkMenuButton *export_button;
  GMenuModel  *ledger_export_menu;
};

G_DEFINE_FINAL_TYPE (ThrLedgerPage, thr_ledger_page, GTK_TYPE_WIDGET)

static void
add_shown (ThrLedgerPage *self,
           const char    *month,
           const char    *field,
           gint64         cents)
{
  char *key = g_strdup_printf ("%s/%s", month, field);
  gint64 *sum = g_hash_table_lookup (self->shown, key);

  if (sum == NULL)
    {
      sum = g_new0 (gint64, 1);
      g_hash_table_insert (self->shown, key, sum);
    }
  else
    g_free (key);
  *sum += cents;
}

static GtkWidget *
wrapped_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
total_card (const char *title,
            gint64      cents,
            const char *css_class)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autofree char *money = thr_format_money (cents);
  GtkWidget *value = gtk_label_new (money);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "thr-count");
  gtk_widget_add_css_class (value, "title-2");
  gtk_widget_add_css_class (value, "numeric");
  if (css_class != NULL)
    gtk_widget_add_css_class (value, css_class);
  gtk_box_append (GTK_BOX (card), value);
  gtk_box_append (GTK_BOX (card), gtk_label_new (title));
  return card;
}

static const char *
component_title (ThrSession *session,
                 const char *component)
{
  if (g_str_equal (component, "central"))
    return _("Central and Regional Change Centres");
  if (g_str_equal (component, "local_office"))
    return _("Local Office Staff Augmentation");
  if (g_str_equal (component, "training"))
    return _("Training Services");
  return component;
}

/* What fits a cell of the table; the full title is its tooltip. */
static const char *
component_short_title (const char *component)
{
  if (g_str_equal (component, "central"))
    return _("Central");
  if (g_str_equal (component, "local_office"))
    return _("Local Office");
  if (g_str_equal (component, "training"))
    return _("Training");
  return component;
}

static const char *
state_css_class (ThrLedgerFailureState state)
{
  switch (state)
    {
    case THR_LEDGER_FAILURE_STATE_RETAINED: return "error";
    case THR_LEDGER_FAILURE_STATE_RELEASED: return "success";
    case THR_LEDGER_FAILURE_STATE_OPEN:     return "dim-label";
    case THR_LEDGER_FAILURE_STATE_AWAITING_IMPLEMENTATION:
    case THR_LEDGER_FAILURE_STATE_AWAITING_VERIFICATION:
    case THR_LEDGER_FAILURE_STATE_HELD_FOR_OTHERS:
    default:                                return "warning";
    }
}

/* Below this width a corrective period's state ("Met — held until the CAP
 * is implemented") beside its title would squeeze the title to a few
 * letters a line: it wraps to lines of its own width then, and keeps one
 * line on a wider page. */
enum { NARROW_WIDTH = 640, NARROW_OUTCOME_CHARS = 16, NARROW_OUTCOME_MIN_CHARS = 10 };

static void
fit_outcome (GtkWidget *outcome,
             gboolean   narrow)
{
  gtk_label_set_wrap (GTK_LABEL (outcome), narrow);
  gtk_label_set_max_width_chars (GTK_LABEL (outcome), narrow ? NARROW_OUTCOME_CHARS : -1);
  /* "Failed —" on a line, not "—" alone. */
  gtk_label_set_width_chars (GTK_LABEL (outcome), narrow ? NARROW_OUTCOME_MIN_CHARS : -1);
}

static ThrNarrowLayout *
narrow_layout (ThrLedgerPage *self)
{
  return THR_NARROW_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
}

static GtkWidget *
window_row (const ThrLedgerFailure *failure,
            ThrLedgerFailureState   state)
{
  GtkWidget *row = adw_action_row_new ();
  GString *months = g_string_new (NULL);
  g_autofree char *first = thr_period_format_words (&failure->window_first);
  g_autofree char *last = thr_period_format_words (&failure->window_last);
  g_autofree char *failed = thr_period_format_words (&failure->failure);
  /* Translators: a metric id, a month in words */
  g_autofree char *title = g_markup_printf_escaped (_("%s missed in %s"), failure->metric, failed);
  GtkWidget *outcome = gtk_label_new (thr_ledger_failure_state_get_label (state));

  for (guint i = 0; i < failure->months->len; i++)
    {
      const ThrWindowMonth *m = &g_array_index (failure->months, ThrWindowMonth, i);
      g_autofree char *label = thr_period_format_words (&m->month);
      const char *glyph = !m->known ? "·" : m->status == THR_STATUS_MET ? "✓"
                          : m->status == THR_STATUS_MISSED ? "✗" : m->status == THR_STATUS_PENDING ? "○" : "–";

      g_string_append_printf (months, "%s%s %s", i ? ", " : "", label, glyph);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  {
    /* Translators: the corrective window's first and last months, then each month with its status glyph */
    g_autofree char *subtitle = g_markup_printf_escaped (_("Corrective period %s to %s: %s"), first, last, months->str);

    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  }
  /* Its title and subtitle measured without the row's box's search of
   * widths for a height (thr-row-titles.c). */
  thr_row_titles_stack (ADW_ACTION_ROW (row));
  thr_tooltip_set_text (row, failure->explanation);
  gtk_widget_add_css_class (outcome, state_css_class (state));
  gtk_label_set_xalign (GTK_LABEL (outcome), 1);
  gtk_label_set_justify (GTK_LABEL (outcome), GTK_JUSTIFY_RIGHT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), outcome);
  g_object_set_data (G_OBJECT (row), "thr-outcome", outcome);
  g_string_free (months, TRUE);
  return row;
}

static ThrLedgerItem *
month_item (ThrLedgerPage        *self,
            const ThrLedgerMonth *month,
            const ThrLedgerRow   *row)
{
  add_shown (self, row->month_label, "invoice", row->invoice);
  add_shown (self, row->month_label, "withheld", row->withheld);
  add_shown (self, row->month_label, "released", row->released);
  add_shown (self, row->month_label, "held", row->held);
  add_shown (self, row->month_label, "retained", row->retained);
  return thr_ledger_item_new_row (row, component_title (self->session, row->component),
                                  component_short_title (row->component), month->n_missed > 0);
}

/* Ctrl+F finds a row by its words; "Missed Only" keeps the corrective
 * windows whose money is not released (a window met but awaiting its
 * CAP's implementation or its months' verification still holds it) and
 * the months with a missed metric (the search bar shows and hides the
 * rows, thr-search-bar.c). */
static GtkWidget *
tracked_window_row (ThrLedgerPage          *self,
                    GtkWidget              *group,
                    ThrLedger              *ledger,
                    const ThrLedgerFailure *failure)
{
  ThrLedgerFailureState state = thr_ledger_failure_get_state (ledger, failure);
  GtkWidget *row = window_row (failure, state);
  GtkWidget *outcome = g_object_get_data (G_OBJECT (row), "thr-outcome");
  g_autofree char *text = g_strdup_printf ("%s %s %s %s", failure->metric, failure->failure_label,
                                           thr_ledger_failure_state_get_label (state), failure->explanation);

  thr_search_bar_track_row (self->search_bar, row, group, text, state != THR_LEDGER_FAILURE_STATE_RELEASED);
  thr_narrow_layout_fit (narrow_layout (self), outcome);
  return row;
}

static const ThrLedgerMonth *
find_month (GPtrArray       *months,
            const ThrPeriod *period)
{
  for (guint m = 0; m < months->len; m++)
    {
      const ThrLedgerMonth *month = g_ptr_array_index (months, m);

      if (thr_period_compare (&month->month, period) == 0)
        return month;
    }
  g_return_val_if_reached (NULL);
}

/* The table's lines: each year's subtotal from the core, its rows under it. */
static GListModel *
table_years (ThrLedgerPage *self,
             ThrLedger     *ledger)
{
  GListStore *store = g_list_store_new (THR_TYPE_LEDGER_ITEM);
  g_autoptr(GArray) years = thr_ledger_sum_by_year (ledger, NULL);
  GPtrArray *rows = thr_ledger_get_rows (ledger);
  GPtrArray *months = thr_ledger_get_months (ledger);
  guint r = 0;

  for (guint y = 0; y < years->len; y++)
    {
      const ThrLedgerYear *year = &g_array_index (years, ThrLedgerYear, y);
      g_autoptr(ThrLedgerItem) year_item = thr_ledger_item_new_year (year);

      /* The rows are in month order, so a year's rows come together. */
      for (; r < rows->len; r++)
        {
          const ThrLedgerRow *row = g_ptr_array_index (rows, r);
          g_autoptr(ThrLedgerItem) item = NULL;
          int row_year, month_of_year, day;

          thr_day_to_ymd (row->month.first, &row_year, &month_of_year, &day);
          if (row_year != year->year)
            break;
          item = month_item (self, find_month (months, &row->month), row);
          thr_ledger_item_add_child (year_item, item);
        }
      g_list_store_append (store, year_item);
    }
  return G_LIST_MODEL (store);
}

static void
clear (ThrLedgerPage *self)
{
  GtkWidget *child;

  thr_search_bar_forget_rows (self->search_bar);
  thr_ledger_view_set_years (self->view, NULL);
  while ((child = gtk_widget_get_first_child (self->box)))
    gtk_box_remove (GTK_BOX (self->box), child);
  g_hash_table_remove_all (self->shown);
  thr_narrow_layout_forget (narrow_layout (self));
  self->n_windows = 0;
  memset (&self->totals, 0, sizeof self->totals);
}

/* The table's lines the first screen shows under the totals and @n_windows
 * corrective periods: none with the demo's ten at 768 pixels.  The
 * heights are the page's in Adwaita at the interface font's size; a line
 * more or less only moves it by a frame. */
static guint
table_lines_in_first_screen (ThrLedgerPage *self,
                             guint          n_windows)
{
  enum { TOTALS = 110, GROUP_HEAD = 80, WINDOW_ROW = 55, TABLE_HEAD = 90, LINE = 39 };
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  int height = root != NULL && gtk_widget_get_height (root) > 0 ? gtk_widget_get_height (root) : 768;
  int left = height - TOTALS - GROUP_HEAD - TABLE_HEAD - WINDOW_ROW * (int) MAX (n_windows, 1);

  return left > 0 ? left / LINE + 1 : 0;
}

static void
build (ThrLedgerPage *self)
{
  ThrLedger *ledger;
  GPtrArray *failures;
  g_autoptr(GListModel) years = NULL;
  GtkWidget *totals, *group;

  clear (self);
  ledger = self->session ? thr_session_get_ledger (self->session) : NULL;
  self->built_from = self->session ? thr_session_get_ledger_serial (self->session) : 0;
  if (ledger == NULL)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "accessories-calculator-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Working Out the Ledger…"));
      gtk_widget_set_vexpand (status, TRUE);
      gtk_box_append (GTK_BOX (self->box), status);
      gtk_widget_set_visible (self->months_group, FALSE);
      return;
    }
  failures = thr_ledger_get_failures (ledger);

  thr_ledger_sum (ledger, NULL, NULL, NULL, &self->totals);
  totals = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (totals), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (totals), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (totals), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (totals), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (totals), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (totals), 12);
  gtk_flow_box_append (GTK_FLOW_BOX (totals), total_card (_("Withheld to Date"), self->totals.withheld, NULL));
  gtk_flow_box_append (GTK_FLOW_BOX (totals), total_card (_("Released"), self->totals.released, "success"));
  gtk_flow_box_append (GTK_FLOW_BOX (totals), total_card (_("Held"), self->totals.held, "warning"));
  gtk_flow_box_append (GTK_FLOW_BOX (totals), total_card (_("Retained"), self->totals.retained, "error"));
  gtk_box_append (GTK_BOX (self->box), totals);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Corrective Periods"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("A missed metric must be met two consecutive months within the four after the failure (¶4.i): ✓ met, ✗ missed, ○ pending, · not yet reported"));
  for (guint i = 0; i < failures->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), tracked_window_row (self, group, ledger, g_ptr_array_index (failures, i)));
  self->n_windows = failures->len;
  if (failures->len == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), wrapped_label (_("No metric has been missed."), "dim-label"));
  thr_row_titles_wrap_at_words (group);
  thr_row_titles_stack_group (ADW_PREFERENCES_GROUP (group));
  gtk_box_append (GTK_BOX (self->box), group);

  years = table_years (self, ledger);
  thr_ledger_view_set_years (self->view, years);
  thr_ledger_view_set_first_lines (self->view, table_lines_in_first_screen (self, failures->len));
  gtk_widget_set_visible (self->months_group, TRUE);
  thr_search_bar_apply (self->search_bar);
}

static void
consequences_changed_cb (ThrLedgerPage *self)
{
  /* CAP edits change the session's CAPs, not its ledger. */
  if (thr_session_get_ledger_serial (self->session) != self->built_from)
    build (self);
}

static void
thr_ledger_page_dispose (GObject *object)
{
  ThrLedgerPage *self = THR_LEDGER_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), THR_TYPE_LEDGER_PAGE);
  /* The box around the search bar and the list is not bound. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  G_OBJECT_CLASS (thr_ledger_page_parent_class)->dispose (object);
}

static void
thr_ledger_page_class_init (ThrLedgerPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = thr_ledger_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thresholdapp/Threshold/thr-ledger-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThrLedgerPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, ThrLedgerPage, box);
  gtk_widget_class_bind_template_child (widget_class, ThrLedgerPage, months_group);
  gtk_widget_class_bind_template_child (widget_class, ThrLedgerPage, view);
  gtk_widget_class_bind_template_child (widget_class, ThrLedgerPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ThrLedgerPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, ThrLedgerPage, ledger_export_menu);
}

static void
thr_ledger_page_init (ThrLedgerPage *self)
{
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_widget_set_layout_manager (GTK_WIDGET (self), thr_narrow_layout_new (NARROW_WIDTH, fit_outcome));
  g_type_ensure (THR_TYPE_SEARCH_BAR);
  g_type_ensure (THR_TYPE_LEDGER_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  thr_row_titles_wrap_at_words (self->months_group);
  thr_row_titles_stack_group (ADW_PREFERENCES_GROUP (self->months_group));
  thr_menu_button_give_menu_on_open (self->export_button, self->ledger_export_menu);
  thr_ledger_view_set_search_bar (self->view, self->search_bar);
  thr_search_bar_set_missed_tooltip (self->search_bar,
                                     _("Only the corrective periods not resolved and the months with a missed metric"));
  thr_search_bar_set_key_capture (self->search_bar, GTK_WIDGET (self));
}

void
thr_ledger_page_set_session (ThrLedgerPage *self,
                             ThrSession    *session)
{
  g_return_if_fail (THR_IS_LEDGER_PAGE (self));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_swapped (session, "consequences-changed", G_CALLBACK (consequences_changed_cb), self);
  build (self);
}

gint64
thr_ledger_page_get_shown_total (ThrLedgerPage *self,
                                 const char    *month_label,
                                 const char    *field)
{
  g_autofree char *key = NULL;
  gint64 *sum;

  g_return_val_if_fail (THR_IS_LEDGER_PAGE (self), -1);

  key = g_strdup_printf ("%s/%s", month_label, field);
  sum = g_hash_table_lookup (self->shown, key);
  return sum ? *sum : -1;
}

void
thr_ledger_page_get_totals (ThrLedgerPage   *self,
                            ThrLedgerTotals *totals)
{
  g_return_if_fail (THR_IS_LEDGER_PAGE (self));
  *totals = self->totals;
}

guint
thr_ledger_page_get_n_windows (ThrLedgerPage *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_PAGE (self), 0);
  return self->n_windows;
}

guint
thr_ledger_page_get_n_rows_shown (ThrLedgerPage *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_PAGE (self), 0);
  return thr_search_bar_get_n_rows_shown (self->search_bar) + thr_ledger_view_get_n_rows_shown (self->view);
}

ThrLedgerView *
thr_ledger_page_get_view (ThrLedgerPage *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_PAGE (self), NULL);
  return self->view;
}

ThrSearchBar *
thr_ledger_page_get_search_bar (ThrLedgerPage *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_PAGE (self), NULL);
  return self->search_bar;
}
