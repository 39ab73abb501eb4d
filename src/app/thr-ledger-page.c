/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ledger-page.c — the ledger: D2 ¶1–4 applied month by month
 *
 * Totals to date, then the corrective windows (one row per failure with
 * its months and outcome), then one group per month, newest first, with a
 * row per invoice component whose explanation is shown on demand (an
 * expander row).  Months withheld at the escalated rate are marked.
 * Everything comes from the session's ledger; nothing is computed here
 * but sums of what is shown.
 */
#define G_LOG_DOMAIN "thr-ledger-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "thr-format.h"
#include "thr-ledger-page.h"
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
  ThrSearchBar *search_bar;
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
    return _("Central &amp; Regional Change Centres");
  if (g_str_equal (component, "local_office"))
    return _("Local Office Staff Augmentation");
  if (g_str_equal (component, "training"))
    return _("Training Services");
  return component;
}

static const char *
outcome_title (ThrWindowOutcome outcome)
{
  switch (outcome)
    {
    case THR_WINDOW_RESOLVED: return _("Resolved — released");
    case THR_WINDOW_FAILED:   return _("Failed — retained");
    case THR_WINDOW_OPEN:
    default:                  return _("Open");
    }
}

static GtkWidget *
window_row (const ThrLedgerFailure *failure)
{
  GtkWidget *row = adw_action_row_new ();
  GString *months = g_string_new (NULL);
  g_autofree char *first = thr_period_format (&failure->window_first);
  g_autofree char *last = thr_period_format (&failure->window_last);
  g_autofree char *title = g_markup_printf_escaped (_("%s missed %s"), failure->metric, failure->failure_label);
  GtkWidget *outcome = gtk_label_new (outcome_title (failure->outcome));

  for (guint i = 0; i < failure->months->len; i++)
    {
      const ThrWindowMonth *m = &g_array_index (failure->months, ThrWindowMonth, i);
      g_autofree char *label = thr_period_format (&m->month);
      const char *glyph = !m->known ? "·" : m->status == THR_STATUS_MET ? "✓"
                          : m->status == THR_STATUS_MISSED ? "✗" : m->status == THR_STATUS_PENDING ? "○" : "–";

      g_string_append_printf (months, "%s%s %s", i ? "   " : "", label, glyph);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  {
    g_autofree char *subtitle = g_markup_printf_escaped (_("Window %s to %s: %s"), first, last, months->str);

    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  }
  gtk_widget_set_tooltip_text (row, failure->explanation);
  gtk_widget_add_css_class (outcome, failure->outcome == THR_WINDOW_FAILED ? "error"
                            : failure->outcome == THR_WINDOW_RESOLVED ? "success" : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), outcome);
  g_string_free (months, TRUE);
  return row;
}

static GtkWidget *
component_row (ThrLedgerPage      *self,
               const ThrLedgerRow *row)
{
  GtkWidget *expander = adw_expander_row_new ();
  g_autofree char *invoice = thr_format_money (row->invoice);
  g_autofree char *withheld = thr_format_money (row->withheld);
  g_autofree char *released = thr_format_money (row->released);
  g_autofree char *held = thr_format_money (row->held);
  g_autofree char *retained = thr_format_money (row->retained);
  g_autofree char *rate = thr_format_number (row->rate, -1);
  g_autofree char *subtitle = NULL;
  GtkWidget *explanation;
  GtkWidget *state;

  /* Translators: invoice amount, rate withheld, then the four amounts */
  subtitle = g_markup_printf_escaped (_("Invoice %s at %s %% · withheld %s · released %s · held %s · retained %s"),
                                      invoice, rate, withheld, released, held, retained);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), component_title (self->session, row->component));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  state = gtk_label_new (row->state == THR_LEDGER_STATE_RETAINED ? _("Retained")
                         : row->state == THR_LEDGER_STATE_HELD ? _("Held")
                         : row->state == THR_LEDGER_STATE_RELEASED ? _("Released") : _("Nothing withheld"));
  gtk_widget_add_css_class (state, row->state == THR_LEDGER_STATE_RETAINED ? "error"
                            : row->state == THR_LEDGER_STATE_HELD ? "warning"
                            : row->state == THR_LEDGER_STATE_RELEASED ? "success" : "dim-label");
  gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), state);

  explanation = wrapped_label (row->explanation ? row->explanation : "", NULL);
  gtk_widget_set_margin_top (explanation, 12);
  gtk_widget_set_margin_bottom (explanation, 12);
  gtk_widget_set_margin_start (explanation, 12);
  gtk_widget_set_margin_end (explanation, 12);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), explanation);

  add_shown (self, row->month_label, "invoice", row->invoice);
  add_shown (self, row->month_label, "withheld", row->withheld);
  add_shown (self, row->month_label, "released", row->released);
  add_shown (self, row->month_label, "held", row->held);
  add_shown (self, row->month_label, "retained", row->retained);
  return expander;
}

/* Ctrl+F finds a row by its words; "Missed Only" keeps the corrective
 * windows not resolved and the months with a missed metric (the search
 * bar shows and hides the rows, thr-search-bar.c). */
static GtkWidget *
tracked_window_row (ThrLedgerPage          *self,
                    GtkWidget              *group,
                    const ThrLedgerFailure *failure)
{
  GtkWidget *row = window_row (failure);
  g_autofree char *text = g_strdup_printf ("%s %s %s %s", failure->metric, failure->failure_label,
                                           outcome_title (failure->outcome), failure->explanation);

  thr_search_bar_track_row (self->search_bar, row, group, text, failure->outcome != THR_WINDOW_RESOLVED);
  return row;
}

static GtkWidget *
tracked_component_row (ThrLedgerPage        *self,
                       GtkWidget            *group,
                       const ThrLedgerMonth *month,
                       const char           *month_title,
                       const ThrLedgerRow   *row)
{
  GtkWidget *widget = component_row (self, row);
  g_autofree char *text = g_strdup_printf ("%s %s %s %s", row->month_label, month_title,
                                           component_title (self->session, row->component),
                                           row->explanation ? row->explanation : "");

  thr_search_bar_track_row (self->search_bar, widget, group, text, month->n_missed > 0);
  return widget;
}

static void
clear (ThrLedgerPage *self)
{
  GtkWidget *child;

  thr_search_bar_forget_rows (self->search_bar);
  while ((child = gtk_widget_get_first_child (self->box)))
    gtk_box_remove (GTK_BOX (self->box), child);
  g_hash_table_remove_all (self->shown);
  self->n_windows = 0;
  memset (&self->totals, 0, sizeof self->totals);
}

static void
build (ThrLedgerPage *self)
{
  ThrLedger *ledger;
  GPtrArray *rows, *months, *failures;
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
      return;
    }
  rows = thr_ledger_get_rows (ledger);
  months = thr_ledger_get_months (ledger);
  failures = thr_ledger_get_failures (ledger);

  thr_ledger_sum (ledger, NULL, NULL, NULL, &self->totals);
  totals = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (totals), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (totals), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (totals), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (totals), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (totals), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (totals), 12);
  gtk_flow_box_append (GTK_FLOW_BOX (totals), total_card (_("Withheld to Date"), self->totals.withheld, NULL));
  gtk_flow_box_append (GTK_FLOW_BOX (totals), total_card (_("Released"), self->totals.released, "success"));
  gtk_flow_box_append (GTK_FLOW_BOX (totals), total_card (_("Held"), self->totals.held, "warning"));
  gtk_flow_box_append (GTK_FLOW_BOX (totals), total_card (_("Retained"), self->totals.retained, "error"));
  gtk_box_append (GTK_BOX (self->box), totals);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Corrective Windows"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("A missed metric must be met two consecutive months within the four after the failure (¶4.i): ✓ met, ✗ missed, ○ pending, · not yet reported"));
  for (guint i = 0; i < failures->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), tracked_window_row (self, group, g_ptr_array_index (failures, i)));
  self->n_windows = failures->len;
  if (failures->len == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), wrapped_label (_("No metric has been missed."), "dim-label"));
  gtk_box_append (GTK_BOX (self->box), group);

  /* Newest month first. */
  for (guint m = months->len; m-- > 0;)
    {
      const ThrLedgerMonth *month = g_ptr_array_index (months, m);
      g_autofree char *description = NULL;
      g_autofree char *title = thr_period_format_words (&month->month);

      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
      /* Translators: counts of metrics in a month */
      description = g_strdup_printf (_("%u met, %u missed, %u pending, %u without data%s"),
                                     month->n_met, month->n_missed, month->n_pending, month->n_no_data,
                                     month->escalated ? _(" — escalated: central component withheld at 25 % (¶1.i)") : "");
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
      if (month->escalated)
        {
          GtkWidget *badge = gtk_label_new (_("Escalated"));

          gtk_widget_add_css_class (badge, "error");
          gtk_widget_add_css_class (badge, "heading");
          adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), badge);
        }
      for (guint i = 0; i < rows->len; i++)
        {
          const ThrLedgerRow *row = g_ptr_array_index (rows, i);

          if (thr_period_compare (&row->month, &month->month) == 0)
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                       tracked_component_row (self, group, month, title, row));
        }
      gtk_box_append (GTK_BOX (self->box), group);
    }
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
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thresholdapp/Threshold/thr-ledger-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThrLedgerPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, ThrLedgerPage, box);
  gtk_widget_class_bind_template_child (widget_class, ThrLedgerPage, search_bar);
}

static void
thr_ledger_page_init (ThrLedgerPage *self)
{
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_type_ensure (THR_TYPE_SEARCH_BAR);
  gtk_widget_init_template (GTK_WIDGET (self));
  thr_search_bar_set_missed_tooltip (self->search_bar,
                                     _("Only the corrective windows not resolved and the months with a missed metric"));
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

ThrSearchBar *
thr_ledger_page_get_search_bar (ThrLedgerPage *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_PAGE (self), NULL);
  return self->search_bar;
}
