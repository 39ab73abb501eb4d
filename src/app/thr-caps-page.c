/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-caps-page.c — a list of CAPs beside the editor of the chosen one
 *
 * An AdwLeaflet: the list (metric, failure month, state, next date)
 * and a ThrCapEditor; folded on a narrow window, choosing a CAP moves to
 * the editor and the editor's back button returns to the list.  The list
 * is rebuilt when the session's CAPs change (after every save), keeping
 * the selection.  Its rows are a GtkListBox bound to a GtkFilterListModel
 * over one ThrSearchItem per CAP, filtered by the search bar above it:
 * Ctrl+F finds a CAP by metric, title, month, outcome, state or next date, and
 * "Missed Only" keeps the CAPs whose metric is still not corrected (the
 * window open or failed, the CAP not closed).
 */
#define G_LOG_DOMAIN "thr-caps-page"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-caps-page.h"
#include "thr-format.h"
#include "thr-search-bar.h"

struct _ThrCapsPage
{
  GtkWidget     parent_instance;
  ThrSession   *session;
  guint         n_rows;
  gboolean      selecting;  /* rows selected by code, not by the user */
  GListStore   *items;      /* ThrSearchItem per CAP, key = its id */
  GtkFilterListModel *shown;

  ThrSearchBar *search_bar;

  GtkWidget    *leaflet;
  GtkWidget    *sidebar;
  GtkWidget    *separator;
  GtkWidget    *editor_pane;
  GtkWidget    *back_bar;
  GtkWidget    *list;
  GtkWidget    *list_stack;
  AdwStatusPage *empty_page;
  GtkWidget    *back_button;
  ThrCapEditor *editor;
  gboolean      window_has_back;
  gint64        wanted_cap; /* shown before the store was read again: shown again once the CAPs are in */
};

G_DEFINE_FINAL_TYPE (ThrCapsPage, thr_caps_page, GTK_TYPE_WIDGET)

/* The CAP's next date not done, from the session's deadlines. */
static const ThrDeadlineItem *
next_deadline (ThrCapsPage *self,
               gint64       cap_id)
{
  GPtrArray *items = thr_session_get_deadlines (self->session);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const ThrDeadlineItem *item = g_ptr_array_index (items, i);

      if (item->cap_id == cap_id && item->state != THR_DEADLINE_DONE)
        return item;
    }
  return NULL;
}

static gint64
item_cap_id (gpointer item)
{
  return g_ascii_strtoll (thr_search_item_get_key (item), NULL, 10);
}

/* The state is the core's (thr_cap_get_state_label ()): the words and
 * the colour the ledger gives the same failure's money. */
static GtkWidget *
cap_row_cb (gpointer item,
            gpointer user_data)
{
  ThrCapsPage *self = user_data;
  const ThrCap *cap = thr_session_get_cap_by_id (self->session, item_cap_id (item));
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *month = thr_period_label_to_words (cap->failure_month);
  g_autofree char *title = g_strdup_printf (_("%s · %s"), cap->metric, month);
  GtkWidget *title_label = gtk_label_new (title);
  ThrCapTone tone;
  const char *state = thr_cap_get_state_label (cap, thr_session_get_ledger (self->session), &tone);
  GtkWidget *outcome_label = gtk_label_new (state);
  const ThrDeadlineItem *next = next_deadline (self, cap->id);
  g_autofree char *next_text = NULL;
  GtkWidget *next_label;

  if (next != NULL)
    {
      g_autofree char *relative = thr_format_relative_day (next->day, thr_session_get_today (self->session),
                                                           next->state == THR_DEADLINE_OVERDUE);
      /* The row's title names the metric and the month already. */
      g_autofree char *words = thr_deadline_item_describe_in_cap (next, thr_session_get_caps (self->session));

      /* Translators: the next date in words, then "in 3 days" */
      next_text = g_strdup_printf (_("%s, %s"), words, relative);
    }
  else
    next_text = g_strdup (_("Nothing due"));
  next_label = gtk_label_new (next_text);

  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_widget_add_css_class (title_label, "heading");
  gtk_widget_add_css_class (outcome_label, "caption");
  gtk_widget_add_css_class (outcome_label, thr_cap_editor_get_tone_class (tone));
  /* A line of its own: the ledger's words ("Met — held until the CAP is
   * implemented") are longer than a title's neighbour can be. */
  gtk_label_set_xalign (GTK_LABEL (outcome_label), 0);
  gtk_label_set_wrap (GTK_LABEL (outcome_label), TRUE);
  /* Wrapped, never cut: an action's description is as long as its
   * author wrote it, and the list is 360 px wide when folded. */
  gtk_label_set_xalign (GTK_LABEL (next_label), 0);
  gtk_label_set_wrap (GTK_LABEL (next_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (next_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (next_label, "caption");
  if (next != NULL && next->state == THR_DEADLINE_OVERDUE)
    gtk_widget_add_css_class (next_label, "error");
  else
    gtk_widget_add_css_class (next_label, "dim-label");
  gtk_box_append (GTK_BOX (box), title_label);
  gtk_box_append (GTK_BOX (box), outcome_label);
  gtk_box_append (GTK_BOX (box), next_label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "thr-cap", GSIZE_TO_POINTER ((gsize) cap->id));
  return row;
}

/* What a person might type to find the CAP, and whether its metric is
 * still missed: the window open or failed, the CAP not closed. */
static ThrSearchItem *
search_item (ThrCapsPage  *self,
             const ThrCap *cap)
{
  const ThrMetric *metric = thr_contract_find_metric (thr_session_get_contract (self->session), cap->metric);
  const ThrDeadlineItem *next = next_deadline (self, cap->id);
  ThrCapOutcome outcome = thr_cap_get_outcome (cap);
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, cap->id);
  const char *state = thr_cap_get_state_label (cap, thr_session_get_ledger (self->session), NULL);
  g_autofree char *text = g_strdup_printf ("%s %s %s %s %s %s", cap->metric, metric ? thr_metric_get_label (metric) : "",
                                           cap->failure_month, thr_cap_outcome_get_label (outcome), state,
                                           next ? next->title : "");
  gboolean missed = cap->closed_on == 0 && (outcome == THR_CAP_OUTCOME_OPEN || outcome == THR_CAP_OUTCOME_FAILED);

  return thr_search_item_new (key, text, missed);
}

static void
select_chosen (ThrCapsPage *self,
               gint64       chosen)
{
  self->selecting = TRUE;
  for (GtkWidget *row = gtk_widget_get_first_child (self->list); row; row = gtk_widget_get_next_sibling (row))
    if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "thr-cap")) == chosen)
      gtk_list_box_select_row (GTK_LIST_BOX (self->list), GTK_LIST_BOX_ROW (row));
  self->selecting = FALSE;
}

static void
update_list_stack (ThrCapsPage *self)
{
  gboolean loading = self->session == NULL || thr_session_get_caps (self->session) == NULL;
  gboolean none = !loading && self->n_rows == 0;

  if (none)
    adw_status_page_set_description (self->empty_page,
                                     thr_cap_describe_none (thr_session_get_contract (self->session)));
  /* With no CAP at all there is none to choose: the list's word on why
   * takes the page, without the editor's "No CAP Chosen … choose one from
   * the list" beside it, which a contract that opens no CAP contradicted. */
  gtk_widget_set_visible (self->editor_pane, !none);
  gtk_widget_set_visible (self->separator, !none);
  gtk_widget_set_hexpand (self->sidebar, none);
  gtk_stack_set_visible_child_name (GTK_STACK (self->list_stack),
                                    loading ? "loading" : self->n_rows == 0 ? "empty"
                                    : g_list_model_get_n_items (G_LIST_MODEL (self->shown)) == 0 ? "no-match" : "list");
}

static void
shown_changed_cb (ThrCapsPage *self)
{
  update_list_stack (self);
  select_chosen (self, thr_cap_editor_get_cap_id (self->editor));
}

/* The CAP that was shown before the store was read again (a colleague's
 * change heard by the window, a reload), once the new session's CAPs are
 * in; 0 when there is none to show again or they are not in yet. */
static gint64
take_wanted_cap (ThrCapsPage *self,
                 GPtrArray   *caps)
{
  gint64 wanted = self->wanted_cap;

  if (wanted == 0 || caps == NULL || caps->len == 0)
    return 0;
  self->wanted_cap = 0;
  return thr_session_get_cap_by_id (self->session, wanted) != NULL ? wanted : 0;
}

static void
rebuild (ThrCapsPage *self)
{
  GPtrArray *caps = self->session ? thr_session_get_caps (self->session) : NULL;
  gint64 wanted = take_wanted_cap (self, caps);
  gint64 chosen;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (wanted != 0 && thr_cap_editor_get_cap_id (self->editor) == 0)
    thr_cap_editor_set_cap (self->editor, wanted);
  chosen = thr_cap_editor_get_cap_id (self->editor);

  for (guint i = 0; caps != NULL && i < caps->len; i++)
    g_ptr_array_add (items, search_item (self, g_ptr_array_index (caps, i)));
  self->n_rows = items->len;
  self->selecting = TRUE;
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  self->selecting = FALSE;
  select_chosen (self, chosen);
  update_list_stack (self);
  if (caps != NULL && chosen != 0 && thr_session_get_cap_by_id (self->session, chosen) == NULL)
    thr_cap_editor_set_cap (self->editor, 0);
  /* Start with the first CAP open rather than an empty editor. */
  if (thr_cap_editor_get_cap_id (self->editor) == 0 && self->n_rows > 0)
    {
      GtkWidget *first = gtk_widget_get_first_child (self->list);

      thr_cap_editor_set_cap (self->editor, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (first), "thr-cap")));
      self->selecting = TRUE;
      gtk_list_box_select_row (GTK_LIST_BOX (self->list), GTK_LIST_BOX_ROW (first));
      self->selecting = FALSE;
    }
}

static void
row_selected_cb (GtkListBox    *list,
                 GtkListBoxRow *row,
                 ThrCapsPage   *self)
{
  if (self->selecting || row == NULL)
    return;
  thr_cap_editor_set_cap (self->editor, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "thr-cap")));
}

static void
row_activated_cb (GtkListBox    *list,
                  GtkListBoxRow *row,
                  ThrCapsPage   *self)
{
  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* One back button at a time: the page's own only when the window has none. */
static void
update_back_bar (ThrCapsPage *self)
{
  gtk_widget_set_visible (self->back_bar, adw_leaflet_get_folded (ADW_LEAFLET (self->leaflet)) && !self->window_has_back);
}

static void
back_cb (ThrCapsPage *self)
{
  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_BACK);
}

/* Ctrl+Z with the focus in the list undoes the editor's last change too. */
static void
undo_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  ThrCapsPage *self = THR_CAPS_PAGE (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->editor), "cap.undo", NULL);
}

static void
thr_caps_page_dispose (GObject *object)
{
  ThrCapsPage *self = THR_CAPS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), THR_TYPE_CAPS_PAGE);
  g_clear_object (&self->shown);
  g_clear_object (&self->items);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (thr_caps_page_parent_class)->dispose (object);
}

static void
thr_caps_page_class_init (ThrCapsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = thr_caps_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thresholdapp/Threshold/thr-caps-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThrCapsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ThrCapsPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ThrCapsPage, separator);
  gtk_widget_class_bind_template_child (widget_class, ThrCapsPage, editor_pane);
  gtk_widget_class_bind_template_child (widget_class, ThrCapsPage, list);
  gtk_widget_class_bind_template_child (widget_class, ThrCapsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ThrCapsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ThrCapsPage, back_bar);
  gtk_widget_class_bind_template_child (widget_class, ThrCapsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, ThrCapsPage, editor);
  gtk_widget_class_bind_template_child (widget_class, ThrCapsPage, search_bar);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);
  gtk_widget_class_install_action (widget_class, "caps.undo", NULL, undo_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "caps.undo", NULL);
}

static void
thr_caps_page_init (ThrCapsPage *self)
{
  g_type_ensure (THR_TYPE_CAP_EDITOR);
  g_type_ensure (THR_TYPE_SEARCH_BAR);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_list_store_new (THR_TYPE_SEARCH_ITEM);
  self->shown = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                           g_object_ref (thr_search_bar_get_filter (self->search_bar)));
  gtk_list_box_bind_model (GTK_LIST_BOX (self->list), G_LIST_MODEL (self->shown), cap_row_cb, self, NULL);
  g_signal_connect_object (self->shown, "items-changed", G_CALLBACK (shown_changed_cb), self, G_CONNECT_SWAPPED);
  thr_search_bar_set_missed_tooltip (self->search_bar, _("Only the CAPs whose metric is not corrected yet: the window open or failed, the CAP not closed"));
  thr_search_bar_set_key_capture (self->search_bar, self->sidebar);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (update_back_bar), self, G_CONNECT_SWAPPED);
  update_back_bar (self);
  adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet), self->sidebar);
}

void
thr_caps_page_set_session (ThrCapsPage *self,
                           ThrSession  *session)
{
  g_return_if_fail (THR_IS_CAPS_PAGE (self));

  /* The same store read again keeps the CAP shown (its ids are the same). */
  self->wanted_cap = 0;
  if (self->session != NULL && session != NULL &&
      g_strcmp0 (thr_store_get_path (thr_session_get_store (self->session)),
                 thr_store_get_path (thr_session_get_store (session))) == 0)
    self->wanted_cap = thr_cap_editor_get_cap_id (self->editor);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  thr_cap_editor_set_session (self->editor, session);
  if (session != NULL)
    g_signal_connect_swapped (session, "consequences-changed", G_CALLBACK (rebuild), self);
  rebuild (self);
}

gboolean
thr_caps_page_select (ThrCapsPage *self,
                      gint64       cap_id)
{
  g_return_val_if_fail (THR_IS_CAPS_PAGE (self), FALSE);

  /* A CAP asked for by name is shown even if the search had hidden it. */
  if (self->session != NULL && thr_session_get_cap_by_id (self->session, cap_id) != NULL &&
      thr_search_bar_get_shown (self->search_bar))
    thr_search_bar_toggle (self->search_bar);
  for (GtkWidget *row = gtk_widget_get_first_child (self->list); row; row = gtk_widget_get_next_sibling (row))
    if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "thr-cap")) == cap_id)
      {
        thr_cap_editor_set_cap (self->editor, cap_id);
        self->selecting = TRUE;
        gtk_list_box_select_row (GTK_LIST_BOX (self->list), GTK_LIST_BOX_ROW (row));
        self->selecting = FALSE;
        adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_FORWARD);
        return TRUE;
      }
  return FALSE;
}

guint
thr_caps_page_get_n_rows (ThrCapsPage *self)
{
  g_return_val_if_fail (THR_IS_CAPS_PAGE (self), 0);
  return self->n_rows;
}

ThrCapEditor *
thr_caps_page_get_editor (ThrCapsPage *self)
{
  g_return_val_if_fail (THR_IS_CAPS_PAGE (self), NULL);
  return self->editor;
}

guint
thr_caps_page_get_n_shown (ThrCapsPage *self)
{
  g_return_val_if_fail (THR_IS_CAPS_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->shown));
}

ThrSearchBar *
thr_caps_page_get_search_bar (ThrCapsPage *self)
{
  g_return_val_if_fail (THR_IS_CAPS_PAGE (self), NULL);
  return self->search_bar;
}

void
thr_caps_page_set_window_has_back (ThrCapsPage *self,
                                   gboolean     window_has_back)
{
  g_return_if_fail (THR_IS_CAPS_PAGE (self));

  self->window_has_back = window_has_back;
  update_back_bar (self);
}

gboolean
thr_caps_page_is_editor_shown (ThrCapsPage *self)
{
  g_return_val_if_fail (THR_IS_CAPS_PAGE (self), FALSE);

  return adw_leaflet_get_folded (ADW_LEAFLET (self->leaflet)) &&
         adw_leaflet_get_visible_child (ADW_LEAFLET (self->leaflet)) != self->sidebar;
}

gboolean
thr_caps_page_navigate_back (ThrCapsPage *self)
{
  g_return_val_if_fail (THR_IS_CAPS_PAGE (self), FALSE);

  if (!thr_caps_page_is_editor_shown (self))
    return FALSE;
  return adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_BACK);
}
