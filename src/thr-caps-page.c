/* thr-caps-page.c — a list of CAPs beside the editor of the chosen one
 *
 * An AdwLeaflet: the list (metric, failure month, outcome, next date)
 * and a ThrCapEditor; folded on a narrow window, choosing a CAP moves to
 * the editor and the editor's back button returns to the list.  The list
 * is rebuilt when the session's CAPs change (after every save), keeping
 * the selection.
 */
#define G_LOG_DOMAIN "thr-caps-page"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-caps-page.h"
#include "thr-format.h"

struct _ThrCapsPage
{
  GtkWidget     parent_instance;
  ThrSession   *session;
  guint         n_rows;
  gboolean      selecting;  /* rows selected by code, not by the user */

  GtkWidget    *leaflet;
  GtkWidget    *list;
  GtkWidget    *list_stack;
  GtkWidget    *back_button;
  ThrCapEditor *editor;
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

static GtkWidget *
cap_row (ThrCapsPage  *self,
         const ThrCap *cap)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *title = g_strdup_printf (_("%s · %s"), cap->metric, cap->failure_month);
  GtkWidget *title_label = gtk_label_new (title);
  const char *outcome = thr_cap_get_outcome (cap);
  GtkWidget *outcome_label = gtk_label_new (g_str_equal (outcome, "resolved") ? _("Resolved")
                                            : g_str_equal (outcome, "failed") ? _("Failed")
                                            : g_str_equal (outcome, "open") ? _("Open") : _("Unknown"));
  const ThrDeadlineItem *next = next_deadline (self, cap->id);
  g_autofree char *next_text = NULL;
  GtkWidget *next_label;

  if (next != NULL)
    {
      g_autofree char *relative = thr_format_relative_day (next->day, thr_session_get_today (self->session),
                                                           next->state == THR_DEADLINE_OVERDUE);

      /* Translators: the next date's title, then "in 3 days" */
      next_text = g_strdup_printf (_("%s, %s"), next->title, relative);
    }
  else
    next_text = g_strdup (_("Nothing due"));
  next_label = gtk_label_new (next_text);

  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_widget_add_css_class (title_label, "heading");
  gtk_widget_add_css_class (outcome_label, "caption");
  gtk_widget_add_css_class (outcome_label, g_str_equal (outcome, "failed") ? "error"
                            : g_str_equal (outcome, "resolved") ? "success" : "accent");
  gtk_label_set_xalign (GTK_LABEL (next_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (next_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (next_label, "caption");
  if (next != NULL && next->state == THR_DEADLINE_OVERDUE)
    gtk_widget_add_css_class (next_label, "error");
  else
    gtk_widget_add_css_class (next_label, "dim-label");
  gtk_widget_set_tooltip_text (next_label, next_text);
  gtk_box_append (GTK_BOX (top), title_label);
  gtk_box_append (GTK_BOX (top), outcome_label);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), next_label);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "thr-cap", GSIZE_TO_POINTER ((gsize) cap->id));
  return row;
}

static void
rebuild (ThrCapsPage *self)
{
  GPtrArray *caps = self->session ? thr_session_get_caps (self->session) : NULL;
  gint64 chosen = thr_cap_editor_get_cap_id (self->editor);
  GtkWidget *child;

  self->selecting = TRUE;
  while ((child = gtk_widget_get_first_child (self->list)))
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);
  self->n_rows = 0;
  for (guint i = 0; caps != NULL && i < caps->len; i++)
    {
      const ThrCap *cap = g_ptr_array_index (caps, i);
      GtkWidget *row = cap_row (self, cap);

      gtk_list_box_append (GTK_LIST_BOX (self->list), row);
      if (cap->id == chosen)
        gtk_list_box_select_row (GTK_LIST_BOX (self->list), GTK_LIST_BOX_ROW (row));
      self->n_rows++;
    }
  self->selecting = FALSE;
  gtk_stack_set_visible_child_name (GTK_STACK (self->list_stack),
                                    caps == NULL ? "loading" : self->n_rows == 0 ? "empty" : "list");
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

static void
back_cb (ThrCapsPage *self)
{
  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_BACK);
}

static void
thr_caps_page_dispose (GObject *object)
{
  ThrCapsPage *self = THR_CAPS_PAGE (object);

  g_clear_pointer (&self->leaflet, gtk_widget_unparent);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (thr_caps_page_parent_class)->dispose (object);
}

static void
thr_caps_page_class_init (ThrCapsPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = thr_caps_page_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static GtkWidget *
status_new (const char *icon,
            const char *title,
            const char *description)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (status), description);
  gtk_widget_add_css_class (status, "compact");
  return status;
}

static void
thr_caps_page_init (ThrCapsPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *sidebar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *back_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->leaflet = adw_leaflet_new ();
  adw_leaflet_set_can_navigate_back (ADW_LEAFLET (self->leaflet), TRUE);
  adw_leaflet_set_fold_threshold_policy (ADW_LEAFLET (self->leaflet), ADW_FOLD_THRESHOLD_POLICY_MINIMUM);

  self->list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Corrective Action Plans"), -1);
  g_signal_connect (self->list, "row-selected", G_CALLBACK (row_selected_cb), self);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_widget_set_vexpand (scrolled, TRUE);

  self->list_stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->list_stack), scrolled, "list");
  gtk_stack_add_named (GTK_STACK (self->list_stack),
                       status_new ("emblem-ok-symbolic", _("No CAPs"),
                                   _("No metric has been missed, so no plan is needed.")), "empty");
  gtk_stack_add_named (GTK_STACK (self->list_stack),
                       status_new ("document-edit-symbolic", _("Opening CAPs…"),
                                   _("Working out which metrics were missed.")), "loading");
  gtk_box_append (GTK_BOX (sidebar), self->list_stack);
  gtk_widget_set_size_request (sidebar, 280, -1);
  gtk_widget_add_css_class (sidebar, "thr-caps-list");

  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (self->back_button, _("All CAPs"));
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (back_cb), self);
  gtk_widget_add_css_class (self->back_button, "flat");
  gtk_box_append (GTK_BOX (back_bar), self->back_button);
  gtk_widget_set_margin_start (back_bar, 6);
  gtk_widget_set_margin_top (back_bar, 6);
  g_object_bind_property (self->leaflet, "folded", back_bar, "visible", G_BINDING_SYNC_CREATE);

  self->editor = THR_CAP_EDITOR (thr_cap_editor_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->editor), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->editor), TRUE);
  gtk_box_append (GTK_BOX (content), back_bar);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->editor));

  adw_leaflet_append (ADW_LEAFLET (self->leaflet), sidebar);
  adw_leaflet_page_set_navigatable (adw_leaflet_append (ADW_LEAFLET (self->leaflet),
                                                        gtk_separator_new (GTK_ORIENTATION_VERTICAL)), FALSE);
  adw_leaflet_append (ADW_LEAFLET (self->leaflet), content);
  adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet), sidebar);
  gtk_widget_set_parent (self->leaflet, GTK_WIDGET (self));
}

void
thr_caps_page_set_session (ThrCapsPage *self,
                           ThrSession  *session)
{
  g_return_if_fail (THR_IS_CAPS_PAGE (self));

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
