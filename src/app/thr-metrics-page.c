/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-metrics-page.c — the contract's metrics, grouped by section
 *
 * Each row names a metric, its status in the window's month and its
 * target; activating it runs win.show-metric.  Each section's rows are a
 * GtkListBox bound to a GtkFilterListModel over the section's
 * ThrSearchItems, filtered by the page's search bar: Ctrl+F finds a
 * metric by its id, title or status, and "Missed Only" keeps the metrics
 * missed in the month shown.  A section with nothing left is hidden.
 * The first visit lays out a screenful of rows and the rest a few a
 * frame after it (thr-chunked-list); find builds them all.
 */
#define G_LOG_DOMAIN "thr-metrics-page"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-chunked-list.h"
#include "thr-format.h"
#include "thr-menu-button.h"
#include "thr-metrics-page.h"
#include "thr-row-titles.h"
#include "thr-search-bar.h"

struct _ThrMetricsPage
{
  AdwBin         parent_instance;
  ThrSession    *session;
  guint          month;
  guint          n_rows;
  guint          n_missed;
  GPtrArray     *models;      /* GtkFilterListModel per section */
  GPtrArray     *lists;       /* GtkListBox per section, bound to its model */
  GPtrArray     *built;       /* per section, the rows its list has built (thr-chunked-list) */
  gboolean       refiltering; /* the month's new words, not a search */

  ThrSearchBar  *search_bar;
  GtkWidget     *stack;
  GtkWidget     *list_bin;
  GtkMenuButton *export_button;
  GMenuModel    *metrics_export_menu;
};

G_DEFINE_FINAL_TYPE (ThrMetricsPage, thr_metrics_page, ADW_TYPE_BIN)

/* About 9 rows fill a window of 768 pixels under the page's header; each
 * costs about 2 ms to lay out the first time. */
enum { FIRST_ROWS = 12, ROWS_A_FRAME = 6 };

static const char *
status_glyph (ThrStatus status)
{
  switch (status)
    {
    case THR_STATUS_MET:     return _("✓ met");
    case THR_STATUS_MISSED:  return _("✗ missed");
    case THR_STATUS_PENDING: return _("○ pending");
    case THR_STATUS_NO_DATA:
    default:                 return _("– no data");
    }
}

static const char *
status_class (ThrStatus status)
{
  switch (status)
    {
    case THR_STATUS_MET:    return "success";
    case THR_STATUS_MISSED: return "error";
    case THR_STATUS_PENDING:
    case THR_STATUS_NO_DATA:
    default:                return "dim-label";
    }
}

static ThrStatus
status_of (ThrMetricsPage  *self,
           const ThrMetric *metric)
{
  const ThrResult *result = thr_session_get_result (self->session, self->month, metric->id);

  return result ? result->status : THR_STATUS_NO_DATA;
}

/* "93.20 % in 2020-11", or NULL without a value. */
static char *
value_subtitle (const ThrResult *result)
{
  g_autofree char *value = NULL;

  if (result == NULL || !result->value.present)
    return NULL;
  value = thr_format_value (result->metric->unit, result->value.value);
  /* Translators: value, then the period it covers */
  return g_strdup_printf (_("%s in %s%s"), value, result->period_label, result->to_date ? _(" so far") : "");
}

/* What a row says of the month shown: its value, its status and the
 * month its page opens on.  A row kept from another month only changes
 * the words that differ, so only those are laid out again. */
static void
show_month_in_row (ThrMetricsPage  *self,
                   GtkWidget       *row,
                   const ThrMetric *metric)
{
  const ThrResult *result = thr_session_get_result (self->session, self->month, metric->id);
  ThrStatus status = result ? result->status : THR_STATUS_NO_DATA;
  GtkWidget *label = g_object_get_data (G_OBJECT (row), "thr-status");
  g_autofree char *subtitle = value_subtitle (result);
  static const char *classes[] = { "success", "error", "dim-label" };

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(si)", metric->id, (gint32) self->month);
  gtk_label_set_label (GTK_LABEL (label), status_glyph (status));
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (!g_str_equal (classes[i], status_class (status)))
      gtk_widget_remove_css_class (label, classes[i]);
  gtk_widget_add_css_class (label, status_class (status));
}

static GtkWidget *
metric_row_cb (gpointer item,
               gpointer user_data)
{
  ThrMetricsPage *self = user_data;
  ThrContract *contract = thr_session_get_contract (self->session);
  const ThrMetric *metric = thr_contract_find_metric (contract, thr_search_item_get_key (item));
  g_autofree char *title = g_markup_printf_escaped ("%s  %s", metric->id, thr_metric_get_label (metric));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  thr_row_titles_stack (ADW_ACTION_ROW (row));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-metric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data (G_OBJECT (row), "thr-status", label);
  g_object_set_data (G_OBJECT (row), "thr-metric", (gpointer) metric);
  show_month_in_row (self, row, metric);
  return row;
}

static guint
count_shown (ThrMetricsPage *self)
{
  guint n = 0;

  for (guint i = 0; i < self->models->len; i++)
    n += g_list_model_get_n_items (g_ptr_array_index (self->models, i));
  return n;
}

/* A section whose rows are all filtered out goes; so does the page's list. */
static void
shown_changed_cb (GListModel     *model,
                  guint           position,
                  guint           removed,
                  guint           added,
                  ThrMetricsPage *self)
{
  GtkWidget *group = g_object_get_data (G_OBJECT (model), "thr-group");

  gtk_widget_set_visible (group, g_list_model_get_n_items (model) > 0);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    self->n_rows > 0 && count_shown (self) == 0 ? "none" : "list");
}

/* The first visit lays out the rows a window shows, not all 51: the
 * first sections' rows up to FIRST_ROWS, the rest a frame at a time. */
static void
build_first_screenful (ThrMetricsPage *self)
{
  guint budget = FIRST_ROWS;

  for (guint i = 0; i < self->built->len; i++)
    {
      GListModel *model = g_ptr_array_index (self->models, i);
      guint n = MIN (budget, g_list_model_get_n_items (model));

      gtk_slice_list_model_set_size (g_ptr_array_index (self->built, i), n);
      budget -= n;
    }
}

/* What find counts and moves through is every row. */
static void
search_changed_cb (ThrMetricsPage *self)
{
  if (!self->refiltering && self->built->len > 0)
    thr_chunked_list_complete (g_ptr_array_index (self->built, 0));
}

static AdwPreferencesGroup *
section_group (ThrMetricsPage *self,
               ThrContract    *contract,
               const char     *section,
               GListStore    **items)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkFilterListModel *model;
  GListModel *built;
  GtkWidget *list = gtk_list_box_new ();
  /* Translators: a contract section's letter */
  g_autofree char *heading = g_strdup_printf (_("Section %s"), section);

  adw_preferences_group_set_title (group, heading);
  for (guint s = 0; s < thr_contract_get_n_sections (contract); s++)
    if (g_strcmp0 (thr_contract_get_section (contract, s)->id, section) == 0)
      adw_preferences_group_set_description (group, thr_contract_get_section (contract, s)->title);
  /* Before the group holds rows: only the section's title is reached. */
  thr_row_titles_wrap_at_words (GTK_WIDGET (group));
  *items = g_list_store_new (THR_TYPE_SEARCH_ITEM);
  model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (*items)),
                                     g_object_ref (thr_search_bar_get_filter (self->search_bar)));
  g_object_set_data (G_OBJECT (model), "thr-group", group);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (shown_changed_cb), self, 0);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  /* Built a screenful first, section after section (build_first_screenful). */
  built = thr_chunked_list_new (G_LIST_MODEL (model), list, 0, ROWS_A_FRAME,
                                self->built->len > 0 ? g_ptr_array_index (self->built, self->built->len - 1) : NULL);
  gtk_list_box_bind_model (GTK_LIST_BOX (list), built, metric_row_cb, self, NULL);
  adw_preferences_group_add (group, list);
  g_ptr_array_add (self->built, built);
  g_ptr_array_add (self->models, model);
  g_ptr_array_add (self->lists, list);
  return group;
}

/* What a person might type to find the metric: its id, title, section
 * and the status shown. */
static ThrSearchItem *
search_item (const ThrMetric *metric,
             ThrStatus        status)
{
  g_autofree char *text = g_strdup_printf ("%s %s %s %s", metric->id, thr_metric_get_label (metric),
                                           metric->section, status_glyph (status));

  return thr_search_item_new (metric->id, text, status == THR_STATUS_MISSED);
}

static void
thr_metrics_page_dispose (GObject *object)
{
  ThrMetricsPage *self = THR_METRICS_PAGE (object);

  adw_bin_set_child (ADW_BIN (self->list_bin), NULL);
  g_clear_pointer (&self->models, g_ptr_array_unref);
  g_clear_pointer (&self->lists, g_ptr_array_unref);
  g_clear_pointer (&self->built, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), THR_TYPE_METRICS_PAGE);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (thr_metrics_page_parent_class)->dispose (object);
}

static void
thr_metrics_page_class_init (ThrMetricsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = thr_metrics_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thresholdapp/Threshold/thr-metrics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThrMetricsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricsPage, list_bin);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, ThrMetricsPage, metrics_export_menu);
}

static void
thr_metrics_page_init (ThrMetricsPage *self)
{
  g_type_ensure (THR_TYPE_SEARCH_BAR);
  gtk_widget_init_template (GTK_WIDGET (self));
  thr_menu_button_give_menu_on_open (self->export_button, self->metrics_export_menu);
  self->models = g_ptr_array_new_with_free_func (g_object_unref);
  self->lists = g_ptr_array_new ();   /* owned by their groups */
  self->built = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_swapped (thr_search_bar_get_filter (self->search_bar), "changed", G_CALLBACK (search_changed_cb), self);
  thr_search_bar_set_missed_tooltip (self->search_bar, _("Only the metrics missed in the month shown"));
  thr_search_bar_set_key_capture (self->search_bar, GTK_WIDGET (self));
}

/* The same session in another month, or with more months evaluated: the
 * rows stay and say what changed; the search looks again only when what
 * it matches changed. */
static void
show_month (ThrMetricsPage *self)
{
  ThrContract *contract = thr_session_get_contract (self->session);
  gboolean changed = FALSE;

  self->n_missed = 0;
  for (guint i = 0; i < self->models->len; i++)
    {
      GListModel *items = gtk_filter_list_model_get_model (g_ptr_array_index (self->models, i));

      for (guint k = 0; k < g_list_model_get_n_items (items); k++)
        {
          g_autoptr(ThrSearchItem) item = g_list_model_get_item (items, k);
          const ThrMetric *metric = thr_contract_find_metric (contract, thr_search_item_get_key (item));
          ThrStatus status = status_of (self, metric);
          g_autoptr(ThrSearchItem) now = search_item (metric, status);

          changed |= thr_search_item_update (item, thr_search_item_get_text (now), thr_search_item_get_missed (now));
          self->n_missed += status == THR_STATUS_MISSED;
        }
    }
  for (guint i = 0; i < self->lists->len; i++)
    for (GtkWidget *row = gtk_widget_get_first_child (g_ptr_array_index (self->lists, i)); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      if (g_object_get_data (G_OBJECT (row), "thr-metric") != NULL)
        show_month_in_row (self, row, g_object_get_data (G_OBJECT (row), "thr-metric"));
  if (changed)
    {
      self->refiltering = TRUE;
      gtk_filter_changed (thr_search_bar_get_filter (self->search_bar), GTK_FILTER_CHANGE_DIFFERENT);
      self->refiltering = FALSE;
    }
}

void
thr_metrics_page_set_session (ThrMetricsPage *self,
                              ThrSession     *session,
                              guint           month)
{
  AdwPreferencesPage *page;
  GListStore *items = NULL;
  ThrContract *contract;
  const char *section = NULL;

  g_return_if_fail (THR_IS_METRICS_PAGE (self));

  if (session != NULL && session == self->session && self->n_rows > 0)
    {
      self->month = month;
      show_month (self);
      return;
    }
  g_set_object (&self->session, session);
  self->month = month;
  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_bin_set_child (ADW_BIN (self->list_bin), GTK_WIDGET (page));
  g_ptr_array_set_size (self->models, 0);
  g_ptr_array_set_size (self->lists, 0);
  g_ptr_array_set_size (self->built, 0);
  self->n_rows = self->n_missed = 0;
  contract = session ? thr_session_get_contract (session) : NULL;
  if (contract != NULL)
    for (guint i = 0; i < thr_contract_get_n_metrics (contract); i++)
      {
        const ThrMetric *metric = thr_contract_get_metric (contract, i);
        ThrStatus status = status_of (self, metric);

        if (items == NULL || g_strcmp0 (section, metric->section) != 0)
          {
            g_clear_object (&items);
            section = metric->section;
            adw_preferences_page_add (page, section_group (self, contract, section, &items));
          }
        {
          g_autoptr(ThrSearchItem) item = search_item (metric, status);

          g_list_store_append (items, item);
        }
        self->n_rows++;
        self->n_missed += status == THR_STATUS_MISSED;
      }
  g_clear_object (&items);
  build_first_screenful (self);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack),
                                    self->n_rows > 0 && count_shown (self) == 0 ? "none" : "list");
}

guint
thr_metrics_page_get_n_rows (ThrMetricsPage *self)
{
  g_return_val_if_fail (THR_IS_METRICS_PAGE (self), 0);
  return self->n_rows;
}

guint
thr_metrics_page_get_n_missed (ThrMetricsPage *self)
{
  g_return_val_if_fail (THR_IS_METRICS_PAGE (self), 0);
  return self->n_missed;
}

guint
thr_metrics_page_get_n_shown (ThrMetricsPage *self)
{
  g_return_val_if_fail (THR_IS_METRICS_PAGE (self), 0);
  return count_shown (self);
}

guint
thr_metrics_page_get_n_rows_built (ThrMetricsPage *self)
{
  guint n = 0;

  g_return_val_if_fail (THR_IS_METRICS_PAGE (self), 0);

  for (guint i = 0; i < self->built->len; i++)
    n += g_list_model_get_n_items (g_ptr_array_index (self->built, i));
  return n;
}

gboolean
thr_metrics_page_is_shown (ThrMetricsPage *self,
                           const char     *metric_id)
{
  g_return_val_if_fail (THR_IS_METRICS_PAGE (self), FALSE);

  for (guint i = 0; i < self->models->len; i++)
    {
      GListModel *model = g_ptr_array_index (self->models, i);

      for (guint k = 0; k < g_list_model_get_n_items (model); k++)
        {
          g_autoptr(ThrSearchItem) item = g_list_model_get_item (model, k);

          if (g_str_equal (thr_search_item_get_key (item), metric_id))
            return TRUE;
        }
    }
  return FALSE;
}

ThrSearchBar *
thr_metrics_page_get_search_bar (ThrMetricsPage *self)
{
  g_return_val_if_fail (THR_IS_METRICS_PAGE (self), NULL);
  return self->search_bar;
}
