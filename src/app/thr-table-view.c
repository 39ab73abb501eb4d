/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-table-view.c — a sortable table of ThrTableItem rows, for a screen reader too
 *
 * A GtkColumnView whose every column sorts (a GtkCustomSorter on the
 * cells' keys), with its header announced by a screen reader as a table's
 * (GtkColumnView is a grid to accessibility).  The metric page's values
 * and the records that missed their deadline are two of these; what a
 * cell says comes from the page, which writes it with the core's
 * formatting.
 */
#define G_LOG_DOMAIN "thr-table-view"

#include "config.h"

#include "thr-table-view.h"
#include "thr-tooltip.h"

struct _ThrTableView
{
  GtkWidget          parent_instance;
  GtkWidget         *scrolled;
  GtkColumnView     *column_view;
  GListStore        *items;
  GtkSortListModel  *sorted;
  GArray            *numeric;    /* of gboolean, per column */
};

G_DEFINE_FINAL_TYPE (ThrTableView, thr_table_view, GTK_TYPE_WIDGET)

/* The column a factory or a sorter stands for. */
#define COLUMN_KEY "thr-table-column"

static guint
column_of (gpointer object)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (object), COLUMN_KEY));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          ThrTableView             *self)
{
  guint column = column_of (factory);
  GtkWidget *label = gtk_label_new (NULL);
  gboolean numeric = g_array_index (self->numeric, gboolean, column);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0f : 0.0f);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         ThrTableView             *self)
{
  guint column = column_of (factory);
  ThrTableItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  const char *classes[3] = { NULL };
  guint n = 0;

  if (g_array_index (self->numeric, gboolean, column))
    classes[n++] = "numeric";
  if (thr_table_item_get_css_class (item, column) != NULL)
    classes[n++] = thr_table_item_get_css_class (item, column);
  gtk_widget_set_css_classes (label, classes);
  gtk_label_set_label (GTK_LABEL (label), thr_table_item_get_text (item, column));
  thr_tooltip_set_text (label, thr_table_item_get_tooltip (item, column));
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  int order = thr_table_item_compare (THR_TABLE_ITEM ((gpointer) a), THR_TABLE_ITEM ((gpointer) b),
                                      GPOINTER_TO_UINT (user_data));

  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
thr_table_view_dispose (GObject *object)
{
  ThrTableView *self = THR_TABLE_VIEW (object);

  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_object (&self->sorted);
  g_clear_object (&self->items);
  g_clear_pointer (&self->numeric, g_array_unref);
  G_OBJECT_CLASS (thr_table_view_parent_class)->dispose (object);
}

static void
thr_table_view_class_init (ThrTableViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = thr_table_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
thr_table_view_init (ThrTableView *self)
{
  self->numeric = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->items = g_list_store_new (THR_TYPE_TABLE_ITEM);
  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (self->column_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "thr-table");
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)))));

  /* The page scrolls up and down; the table sideways when it is wider
   * than the window. */
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), GTK_WIDGET (self->column_view));
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}

void
thr_table_view_add_column (ThrTableView *self,
                           const char   *title,
                           gboolean      numeric)
{
  GtkListItemFactory *factory;
  GtkColumnViewColumn *column;
  GtkSorter *sorter;
  guint index;

  g_return_if_fail (THR_IS_TABLE_VIEW (self));

  index = self->numeric->len;
  g_array_append_val (self->numeric, numeric);
  factory = gtk_signal_list_item_factory_new ();
  g_object_set_data (G_OBJECT (factory), COLUMN_KEY, GUINT_TO_POINTER (index));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  column = gtk_column_view_column_new (title, factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cb, GUINT_TO_POINTER (index), NULL));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  /* The first column takes the room left, so the table fills its frame. */
  gtk_column_view_column_set_expand (column, index == 0);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (sorter);
  g_object_unref (column);
}

void
thr_table_view_set_label (ThrTableView *self,
                          const char   *label)
{
  g_return_if_fail (THR_IS_TABLE_VIEW (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
thr_table_view_set_items (ThrTableView *self,
                          GListModel   *items)
{
  g_return_if_fail (THR_IS_TABLE_VIEW (self));

  g_list_store_remove_all (self->items);
  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(ThrTableItem) item = g_list_model_get_item (items, i);

      g_list_store_append (self->items, item);
    }
}

void
thr_table_view_sort_by (ThrTableView *self,
                        guint         column,
                        GtkSortType   order)
{
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_return_if_fail (THR_IS_TABLE_VIEW (self));

  view_column = g_list_model_get_item (gtk_column_view_get_columns (self->column_view), column);
  g_return_if_fail (view_column != NULL);
  gtk_column_view_sort_by_column (self->column_view, view_column, order);
}

GtkColumnView *
thr_table_view_get_column_view (ThrTableView *self)
{
  g_return_val_if_fail (THR_IS_TABLE_VIEW (self), NULL);
  return self->column_view;
}

guint
thr_table_view_get_n_items (ThrTableView *self)
{
  g_return_val_if_fail (THR_IS_TABLE_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

ThrTableItem *
thr_table_view_get_item (ThrTableView *self,
                         guint         position)
{
  g_autoptr(ThrTableItem) item = NULL;

  g_return_val_if_fail (THR_IS_TABLE_VIEW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  /* Borrowed: the view's store holds it. */
  return item;
}
