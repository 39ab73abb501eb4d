/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-search-bar.c — find (Ctrl+F) and "missed only" for a page's rows
 *
 * A GtkSearchBar with a GtkSearchEntry and a "Missed Only" toggle.  Its
 * filter (thr_search_bar_get_filter) is a GtkEveryFilter of one
 * GtkStringFilter per word typed on ThrSearchItem:text (so "a.1 late"
 * finds a row holding both words, in any order) and a GtkCustomFilter on
 * ThrSearchItem:missed.  The Metrics and CAPs pages put it under a
 * GtkFilterListModel; the Ledger and Deadlines pages, which build their
 * rows one by one, hand each row to thr_search_bar_track_row and the bar
 * shows or hides it (and its group, when nothing of it is left) whenever
 * the filter changes.
 */
#define G_LOG_DOMAIN "thr-search-bar"

#include "config.h"

#include <glib/gi18n.h>


#include "thr-search-bar.h"

struct _ThrSearchBar
{
  GtkWidget        parent_instance;
  GtkEveryFilter  *filter;
  GtkEveryFilter  *words;      /* one GtkStringFilter per word; borrowed from filter */
  GtkFilter       *missed;     /* borrowed from filter */
  gboolean         missed_only;
  GPtrArray       *rows;       /* tracked rows (refs), each with its item and group */
  guint            n_rows_shown;

  GtkWidget       *search_bar;
  GtkWidget       *entry;
  GtkWidget       *missed_button;
};

G_DEFINE_FINAL_TYPE (ThrSearchBar, thr_search_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
missed_match_cb (gpointer item,
                 gpointer user_data)
{
  ThrSearchBar *self = user_data;

  return !self->missed_only || thr_search_item_get_missed (item);
}

static GtkFilter *
word_filter (const char *word)
{
  GtkExpression *text = gtk_property_expression_new (THR_TYPE_SEARCH_ITEM, NULL, "text");
  GtkStringFilter *filter = gtk_string_filter_new (text);

  gtk_string_filter_set_match_mode (filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (filter, TRUE);
  gtk_string_filter_set_search (filter, word);
  return GTK_FILTER (filter);
}

/* The words filter again from the entry's text. */
static void
set_words (ThrSearchBar *self,
           const char   *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t", -1);
  GListModel *model = G_LIST_MODEL (self->words);

  while (g_list_model_get_n_items (model) > 0)
    gtk_multi_filter_remove (GTK_MULTI_FILTER (self->words), 0);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      gtk_multi_filter_append (GTK_MULTI_FILTER (self->words), word_filter (words[i]));
}

static void
search_changed_cb (ThrSearchBar *self)
{
  set_words (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
stop_search_cb (ThrSearchBar *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), FALSE);
}

static void
missed_toggled_cb (ThrSearchBar *self)
{
  self->missed_only = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->missed_button));
  gtk_filter_changed (self->missed, self->missed_only ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
}

/* Tracked rows shown or hidden as the filter says; a group is hidden
 * when none of its tracked rows is left. */
static void
apply_to_rows (ThrSearchBar *self)
{
  g_autoptr(GHashTable) groups = g_hash_table_new (NULL, NULL);   /* group → a row shown */
  GHashTableIter iter;
  gpointer group, any_shown;

  self->n_rows_shown = 0;
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      gboolean shown = thr_search_bar_matches (self, g_object_get_data (G_OBJECT (row), "thr-search-item"));
      GtkWidget *row_group = g_object_get_data (G_OBJECT (row), "thr-search-group");

      gtk_widget_set_visible (row, shown);
      self->n_rows_shown += shown;
      if (row_group != NULL && (shown || !g_hash_table_contains (groups, row_group)))
        g_hash_table_insert (groups, row_group, GINT_TO_POINTER (shown || g_hash_table_lookup (groups, row_group)));
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &group, &any_shown))
    gtk_widget_set_visible (group, any_shown != NULL);
}

static void
filter_changed_cb (ThrSearchBar *self)
{
  apply_to_rows (self);
}

/* The search bar's own close button is an icon: it needs a name that a
 * screen reader can say. */
static void
name_close_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (child))))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close Search"), -1);
      name_close_button (child);
    }
}

static void
search_mode_cb (ThrSearchBar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN]);
}

static void
thr_search_bar_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SHOWN:
      g_value_set_boolean (value, thr_search_bar_get_shown (THR_SEARCH_BAR (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thr_search_bar_dispose (GObject *object)
{
  ThrSearchBar *self = THR_SEARCH_BAR (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), THR_TYPE_SEARCH_BAR);
  g_clear_object (&self->filter);
  G_OBJECT_CLASS (thr_search_bar_parent_class)->dispose (object);
}

static void
thr_search_bar_class_init (ThrSearchBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = thr_search_bar_dispose;
  G_OBJECT_CLASS (klass)->get_property = thr_search_bar_get_property;
  /* Whether the bar is open: a page that builds some rows only when they
   * can be seen builds them for a search too. */
  properties[PROP_SHOWN] =
    g_param_spec_boolean ("shown", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thresholdapp/Threshold/thr-search-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, ThrSearchBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ThrSearchBar, entry);
  gtk_widget_class_bind_template_child (widget_class, ThrSearchBar, missed_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, missed_toggled_cb);
}

static void
thr_search_bar_init (ThrSearchBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (GTK_SEARCH_BAR (self->search_bar), GTK_EDITABLE (self->entry));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (search_mode_cb), self,
                           G_CONNECT_SWAPPED);
  name_close_button (self->search_bar);
  self->filter = gtk_every_filter_new ();
  self->words = gtk_every_filter_new ();
  self->missed = GTK_FILTER (gtk_custom_filter_new (missed_match_cb, self, NULL));
  /* Both owned by the every-filter from here on. */
  gtk_multi_filter_append (GTK_MULTI_FILTER (self->filter), GTK_FILTER (self->words));
  gtk_multi_filter_append (GTK_MULTI_FILTER (self->filter), self->missed);
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkFilter *
thr_search_bar_get_filter (ThrSearchBar *self)
{
  g_return_val_if_fail (THR_IS_SEARCH_BAR (self), NULL);
  return GTK_FILTER (self->filter);
}

gboolean
thr_search_bar_matches (ThrSearchBar *self,
                        gpointer      item)
{
  g_return_val_if_fail (THR_IS_SEARCH_BAR (self), TRUE);
  return item == NULL || gtk_filter_match (GTK_FILTER (self->filter), item);
}

void
thr_search_bar_toggle (ThrSearchBar *self)
{
  gboolean shown;

  g_return_if_fail (THR_IS_SEARCH_BAR (self));

  shown = !gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->search_bar));
  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), shown);
  if (shown)
    gtk_widget_grab_focus (self->entry);
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
      set_words (self, "");
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->missed_button), FALSE);
    }
}

gboolean
thr_search_bar_get_shown (ThrSearchBar *self)
{
  g_return_val_if_fail (THR_IS_SEARCH_BAR (self), FALSE);
  return gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (self->search_bar));
}

void
thr_search_bar_set_missed_tooltip (ThrSearchBar *self,
                                   const char   *tooltip)
{
  g_return_if_fail (THR_IS_SEARCH_BAR (self));
  gtk_widget_set_tooltip_text (self->missed_button, tooltip);
}

void
thr_search_bar_set_key_capture (ThrSearchBar *self,
                                GtkWidget    *widget)
{
  g_return_if_fail (THR_IS_SEARCH_BAR (self));
  gtk_search_bar_set_key_capture_widget (GTK_SEARCH_BAR (self->search_bar), widget);
}

void
thr_search_bar_set_text (ThrSearchBar *self,
                         const char   *text)
{
  g_return_if_fail (THR_IS_SEARCH_BAR (self));

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  /* At once, not after the entry's typing pause. */
  set_words (self, text);
}

void
thr_search_bar_set_missed_only (ThrSearchBar *self,
                                gboolean      missed_only)
{
  g_return_if_fail (THR_IS_SEARCH_BAR (self));

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->missed_button), missed_only);
}

void
thr_search_bar_track_row (ThrSearchBar *self,
                          GtkWidget    *row,
                          GtkWidget    *group,
                          const char   *text,
                          gboolean      missed)
{
  g_return_if_fail (THR_IS_SEARCH_BAR (self));
  g_return_if_fail (GTK_IS_WIDGET (row));

  g_object_set_data_full (G_OBJECT (row), "thr-search-item", thr_search_item_new (NULL, text, missed), g_object_unref);
  g_object_set_data (G_OBJECT (row), "thr-search-group", group);
  g_ptr_array_add (self->rows, g_object_ref (row));
}

void
thr_search_bar_forget_rows (ThrSearchBar *self)
{
  g_return_if_fail (THR_IS_SEARCH_BAR (self));

  g_ptr_array_set_size (self->rows, 0);
  self->n_rows_shown = 0;
}

void
thr_search_bar_apply (ThrSearchBar *self)
{
  g_return_if_fail (THR_IS_SEARCH_BAR (self));
  apply_to_rows (self);
}

guint
thr_search_bar_get_n_rows_shown (ThrSearchBar *self)
{
  g_return_val_if_fail (THR_IS_SEARCH_BAR (self), 0);
  return self->n_rows_shown;
}
