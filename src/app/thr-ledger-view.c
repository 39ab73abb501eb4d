/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ledger-view.c — the ledger as a table: months by component, with year subtotals
 *
 * A GtkColumnView over a tree: each year's subtotal (the core's
 * thr_ledger_sum_by_year) with its months' component rows under it, so
 * sorting a column sorts the years and, inside each year, its rows
 * (GtkTreeListRowSorter).  Every figure is the core's, written through
 * thr-format; the table only arranges them.  A row's explanation, which
 * cites the paragraphs of D2 that decided it, is one button (or Enter)
 * away.  Find and "missed only" filter the rows; a year stays while one
 * of its rows does.
 */
#define G_LOG_DOMAIN "thr-ledger-view"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-chunked-list.h"
#include "thr-ledger-view.h"
#include "thr-tooltip.h"

typedef enum {
  COLUMN_MONTH,
  COLUMN_COMPONENT,
  COLUMN_INVOICE,
  COLUMN_RATE,
  COLUMN_WITHHELD,
  COLUMN_RELEASED,
  COLUMN_HELD,
  COLUMN_RETAINED,
  COLUMN_STATUS,   /* with the button that explains the row */
  N_COLUMNS
} Column;

/* A screen of 768 pixels shows about 14 rows under the page's header; each
 * costs about 2.5 ms to build and lay out. */
enum { FIRST_ROWS = 16, ROWS_A_FRAME = 12 };

struct _ThrLedgerView
{
  GtkWidget          parent_instance;
  GtkWidget         *scrolled;
  GtkColumnView     *column_view;
  GListModel        *years;        /* of ThrLedgerItem, owned */
  GtkFilterListModel *shown_years;
  GtkTreeListModel  *tree;
  GtkSortListModel  *sorted;
  GListModel        *built;        /* the sorted rows the table has built so far */
  ThrLedgerItem     *to_explain;   /* a line Enter or a test asked for before it was built */
  guint              frames_to_explain;
  guint              frames_built;
  GtkFilter         *row_filter;   /* owned; shared by every year's rows */
  GtkFilter         *year_filter;  /* owned by shown_years */
  ThrSearchBar      *search_bar;   /* weak */
  GtkPopover        *shown_popover;
  GtkLabel          *shown_label;
};

G_DEFINE_FINAL_TYPE (ThrLedgerView, thr_ledger_view, GTK_TYPE_WIDGET)

/* ---- private helpers ---- */

/* The item of a tree row, borrowed: the years' store holds it. */
static ThrLedgerItem *
tree_row_get_ledger_item (GtkTreeListRow *row)
{
  g_autoptr(GObject) item = row ? gtk_tree_list_row_get_item (row) : NULL;

  return item ? THR_LEDGER_ITEM (item) : NULL;
}

static ThrLedgerItem *
list_item_get_ledger_item (GtkListItem *list_item)
{
  return tree_row_get_ledger_item (gtk_list_item_get_item (list_item));
}

static gint64
item_money (ThrLedgerItem *item,
            Column         column)
{
  const ThrLedgerTotals *totals = thr_ledger_item_get_totals (item);

  switch (column)
    {
    case COLUMN_INVOICE:  return totals->invoice;
    case COLUMN_WITHHELD: return totals->withheld;
    case COLUMN_RELEASED: return totals->released;
    case COLUMN_HELD:     return totals->held;
    case COLUMN_RETAINED: return totals->retained;
    case COLUMN_MONTH:
    case COLUMN_COMPONENT:
    case COLUMN_RATE:
    case COLUMN_STATUS:
    case N_COLUMNS:
    default:              g_assert_not_reached ();
    }
}

static const char *
state_title (ThrLedgerState state)
{
  switch (state)
    {
    case THR_LEDGER_STATE_RETAINED: return _("Retained");
    case THR_LEDGER_STATE_HELD:     return _("Held");
    case THR_LEDGER_STATE_RELEASED: return _("Released");
    case THR_LEDGER_STATE_NONE:
    default:                        return _("Nothing withheld");
    }
}

static const char *
state_css_class (ThrLedgerState state)
{
  switch (state)
    {
    case THR_LEDGER_STATE_RETAINED: return "error";
    case THR_LEDGER_STATE_HELD:     return "warning";
    case THR_LEDGER_STATE_RELEASED: return "success";
    case THR_LEDGER_STATE_NONE:
    default:                        return "dim-label";
    }
}

static gboolean
row_matches (ThrLedgerView *self,
             ThrLedgerItem *item)
{
  return self->search_bar == NULL ||
         thr_search_bar_matches (self->search_bar, thr_ledger_item_get_search_item (item));
}

static guint
count_rows_matching (ThrLedgerView *self,
                     ThrLedgerItem *year)
{
  GListModel *children = thr_ledger_item_get_children (year);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(ThrLedgerItem) item = g_list_model_get_item (children, i);

      n += row_matches (self, item);
    }
  return n;
}

/* The cells' label: numbers right-aligned in tabular figures, a year's
 * subtotal in bold. */
static void
set_cell_text (GtkLabel      *label,
               ThrLedgerItem *item,
               const char    *text,
               const char    *css_class)
{
  const char *classes[4] = { NULL };
  guint n = 0;

  /* A year's subtotal is named in bold; its figures stay regular, so the
   * columns keep the width of the rows. */
  if (thr_ledger_item_is_year (item) && gtk_label_get_xalign (label) < 0.5f)
    classes[n++] = "heading";
  if (gtk_label_get_xalign (label) > 0.5f)
    classes[n++] = "numeric";
  if (css_class != NULL)
    classes[n++] = css_class;
  gtk_widget_set_css_classes (GTK_WIDGET (label), classes);
  gtk_label_set_label (label, text);
}

static char *
cell_text (ThrLedgerItem *item,
           Column         column)
{
  switch (column)
    {
    case COLUMN_MONTH:
      return g_strdup (thr_ledger_item_get_title (item));
    case COLUMN_COMPONENT:
      return g_strdup (thr_ledger_item_is_year (item) ? _("All")
                                                      : thr_ledger_item_get_component_short (item));
    case COLUMN_RATE:
      if (thr_ledger_item_is_year (item))
        return g_strdup ("");
      {
        g_autofree char *rate = thr_format_number (thr_ledger_item_get_rate (item), -1);

        /* Translators: a rate withheld, "15 %" */
        return g_strdup_printf (_("%s %%"), rate);
      }
    case COLUMN_STATUS:
      return g_strdup (thr_ledger_item_is_year (item) ? "" : state_title (thr_ledger_item_get_state (item)));
    case COLUMN_INVOICE:
    case COLUMN_WITHHELD:
    case COLUMN_RELEASED:
    case COLUMN_HELD:
    case COLUMN_RETAINED:
      return thr_format_money (item_money (item, column));
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static const char *
cell_css_class (ThrLedgerItem *item,
                Column         column)
{
  if (thr_ledger_item_is_year (item))
    return NULL;
  if (column == COLUMN_STATUS)
    return state_css_class (thr_ledger_item_get_state (item));
  if (column == COLUMN_RATE && thr_ledger_item_get_escalated (item))
    return "error";
  return NULL;
}

static void
popover_closed_cb (GtkPopover    *popover,
                   ThrLedgerView *self)
{
  if (self->shown_popover == popover)
    {
      self->shown_popover = NULL;
      self->shown_label = NULL;
    }
}

static void
popover_show_cb (GtkPopover    *popover,
                 ThrLedgerView *self)
{
  self->shown_popover = popover;
  self->shown_label = GTK_LABEL (gtk_popover_get_child (popover));
}

/* The explanation on demand: a button whose popover holds the row's
 * explanation, with the paragraphs that decided it.  The popover is made
 * when the button is first pressed, not with the row: a table of many
 * months would build a popover for each line on its first showing. */
static void
create_explanation_cb (GtkMenuButton *button,
                       gpointer       user_data)
{
  ThrLedgerView *self = user_data;
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *label = gtk_label_new (g_object_get_data (G_OBJECT (button), "thr-explanation"));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), label);
  g_signal_connect_object (popover, "show", G_CALLBACK (popover_show_cb), self, 0);
  g_signal_connect_object (popover, "closed", G_CALLBACK (popover_closed_cb), self, 0);
  gtk_menu_button_set_popover (button, popover);
}

static GtkWidget *
explain_button_new (ThrLedgerView *self)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_explanation_cb, self, NULL);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "dialog-information-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  thr_tooltip_set_text (button, _("Why"));
  return button;
}

static void
bind_explain_button (GtkWidget     *button,
                     ThrLedgerItem *item)
{
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_autofree char *label = NULL;

  gtk_widget_set_visible (button, !thr_ledger_item_is_year (item));
  g_object_set_data_full (G_OBJECT (button), "thr-explanation", g_strdup (thr_ledger_item_get_explanation (item)), g_free);
  if (popover != NULL)
    gtk_label_set_label (GTK_LABEL (gtk_popover_get_child (popover)), thr_ledger_item_get_explanation (item));
  /* Translators: the explain button of a ledger row: month, component */
  label = g_strdup_printf (_("Why: %s, %s"), thr_ledger_item_get_title (item),
                           thr_ledger_item_is_year (item) ? "" : thr_ledger_item_get_component_title (item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* So activating the row (or a test) finds the button that explains it. */
  g_object_set_data (G_OBJECT (item), "thr-explain-button", button);
}

/* ---- callbacks ---- */

#define MAX_FRAMES_TO_SCROLL 60

static gboolean
popup_when_in_window_cb (GtkWidget     *button,
                         GdkFrameClock *clock,
                         gpointer       user_data)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (button));
  guint waited = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "thr-frames-waited"));
  graphene_rect_t bounds;

  if (root != NULL && gtk_widget_compute_bounds (button, root, &bounds) &&
      bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (root))
    {
      gtk_menu_button_popup (GTK_MENU_BUTTON (button));
      return G_SOURCE_REMOVE;
    }
  /* A row the page cannot bring into view is not worth a frame forever. */
  g_object_set_data (G_OBJECT (button), "thr-frames-waited", GUINT_TO_POINTER (waited + 1));
  return waited < MAX_FRAMES_TO_SCROLL ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Opens the explanation of @item's line once the table has built it;
 * FALSE while it has not. */
static gboolean
explain_built (ThrLedgerItem *item)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (item), "thr-explain-button");

  if (button == NULL)
    return FALSE;
  /* Focus scrolls the page to the row; the popover opens beside it once
   * the row is in the window. */
  gtk_widget_grab_focus (button);
  g_object_set_data (G_OBJECT (button), "thr-frames-waited", GUINT_TO_POINTER (0));
  gtk_widget_add_tick_callback (button, popup_when_in_window_cb, NULL, NULL);
  return TRUE;
}

static gboolean
explain_when_built_cb (GtkWidget     *column_view,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  ThrLedgerView *self = user_data;
  gboolean built = self->to_explain != NULL &&
                   g_object_get_data (G_OBJECT (self->to_explain), "thr-explain-button") != NULL;

  /* The page is laid out with every line a frame after they are built;
   * scrolling to the line waits for that. */
  self->frames_built += built;
  if (self->to_explain != NULL && ++self->frames_to_explain < MAX_FRAMES_TO_SCROLL &&
      (self->frames_built < 2 || !explain_built (self->to_explain)))
    return G_SOURCE_CONTINUE;
  g_clear_object (&self->to_explain);
  return G_SOURCE_REMOVE;
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);
  gboolean numeric = column >= COLUMN_INVOICE && column <= COLUMN_RETAINED;

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0f : 0.0f);
  if (column == COLUMN_MONTH)
    {
      GtkWidget *expander = gtk_tree_expander_new ();

      /* A month's row needs no room for an arrow it never has. */
      gtk_tree_expander_set_indent_for_icon (GTK_TREE_EXPANDER (expander), FALSE);

      gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
      gtk_list_item_set_child (list_item, expander);
    }
  else if (column == COLUMN_STATUS)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);

      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), explain_button_new (g_object_get_data (G_OBJECT (factory), "thr-view")));
      gtk_list_item_set_child (list_item, box);
    }
  else
    gtk_list_item_set_child (list_item, label);
}

static GtkLabel *
cell_label (GtkListItem *list_item)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);

  if (GTK_IS_TREE_EXPANDER (child))
    return GTK_LABEL (gtk_tree_expander_get_child (GTK_TREE_EXPANDER (child)));
  if (GTK_IS_BOX (child))
    return GTK_LABEL (gtk_widget_get_first_child (child));
  return GTK_LABEL (child);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  ThrLedgerItem *item = list_item_get_ledger_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  g_autofree char *text = cell_text (item, column);

  if (GTK_IS_TREE_EXPANDER (child))
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child), gtk_list_item_get_item (list_item));
  set_cell_text (cell_label (list_item), item, text, cell_css_class (item, column));
  if (column == COLUMN_RATE)
    thr_tooltip_set_text (GTK_WIDGET (cell_label (list_item)), thr_ledger_item_get_escalated (item)
                          ? _("Escalated: three or more metrics missed (¶1.i)") : NULL);
  if (column == COLUMN_COMPONENT)
    thr_tooltip_set_text (GTK_WIDGET (cell_label (list_item)), thr_ledger_item_get_component_title (item));
  if (column == COLUMN_STATUS)
    bind_explain_button (gtk_widget_get_last_child (child), item);
}

static void
unbind_label_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);
  ThrLedgerItem *item = list_item_get_ledger_item (list_item);

  if (GTK_IS_TREE_EXPANDER (child))
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child), NULL);
  if (GTK_IS_BOX (child) && item != NULL &&
      g_object_get_data (G_OBJECT (item), "thr-explain-button") == gtk_widget_get_last_child (child))
    g_object_set_data (G_OBJECT (item), "thr-explain-button", NULL);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  ThrLedgerItem *x = THR_LEDGER_ITEM ((gpointer) a);
  ThrLedgerItem *y = THR_LEDGER_ITEM ((gpointer) b);
  Column column = GPOINTER_TO_INT (user_data);
  int order = 0;

  switch (column)
    {
    case COLUMN_MONTH:
      order = g_strcmp0 (thr_ledger_item_get_period (x), thr_ledger_item_get_period (y));
      break;
    case COLUMN_COMPONENT:
      order = g_utf8_collate (thr_ledger_item_get_component_title (x) ? thr_ledger_item_get_component_title (x) : "",
                              thr_ledger_item_get_component_title (y) ? thr_ledger_item_get_component_title (y) : "");
      break;
    case COLUMN_RATE:
      order = (thr_ledger_item_get_rate (x) > thr_ledger_item_get_rate (y))
              - (thr_ledger_item_get_rate (x) < thr_ledger_item_get_rate (y));
      break;
    case COLUMN_STATUS:
      order = (int) thr_ledger_item_get_state (x) - (int) thr_ledger_item_get_state (y);
      break;
    case COLUMN_INVOICE:
    case COLUMN_WITHHELD:
    case COLUMN_RELEASED:
    case COLUMN_HELD:
    case COLUMN_RETAINED:
      order = (item_money (x, column) > item_money (y, column)) - (item_money (x, column) < item_money (y, column));
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  return order < 0 ? GTK_ORDERING_SMALLER : order > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static gboolean
row_filter_cb (gpointer item,
               gpointer user_data)
{
  return row_matches (user_data, item);
}

static gboolean
year_filter_cb (gpointer item,
                gpointer user_data)
{
  return count_rows_matching (user_data, item) > 0;
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  ThrLedgerView *self = user_data;
  GListModel *children = thr_ledger_item_get_children (item);

  if (children == NULL)
    return NULL;
  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (children), g_object_ref (self->row_filter)));
}

static void
search_changed_cb (ThrLedgerView *self)
{
  /* What find counts and moves through is every row. */
  thr_chunked_list_complete (self->built);
  gtk_filter_changed (self->row_filter, GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (self->year_filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
activate_cb (GtkColumnView *column_view,
             guint          position,
             ThrLedgerView *self)
{
  thr_ledger_view_explain (self, position);
}

/* ---- class and instance ---- */

static void
add_column (ThrLedgerView *self,
            Column         column,
            const char    *title)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cb, GINT_TO_POINTER (column), NULL));

  g_object_set_data (G_OBJECT (factory), "thr-view", self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_label_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (view_column, sorter);
  g_object_unref (sorter);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, column == COLUMN_COMPONENT);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);
}

static void
add_columns (ThrLedgerView *self)
{
  add_column (self, COLUMN_MONTH, _("Month"));
  add_column (self, COLUMN_COMPONENT, _("Component"));
  add_column (self, COLUMN_INVOICE, _("Invoice"));
  add_column (self, COLUMN_RATE, _("Rate"));
  add_column (self, COLUMN_WITHHELD, _("Withheld"));
  add_column (self, COLUMN_RELEASED, _("Released"));
  add_column (self, COLUMN_HELD, _("Held"));
  add_column (self, COLUMN_RETAINED, _("Retained"));
  add_column (self, COLUMN_STATUS, _("Status"));
}

static void
thr_ledger_view_dispose (GObject *object)
{
  ThrLedgerView *self = THR_LEDGER_VIEW (object);

  if (self->search_bar != NULL)
    {
      g_signal_handlers_disconnect_by_data (thr_search_bar_get_filter (self->search_bar), self);
      g_object_remove_weak_pointer (G_OBJECT (self->search_bar), (gpointer *) &self->search_bar);
      self->search_bar = NULL;
    }
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  self->shown_popover = NULL;
  self->shown_label = NULL;
  g_clear_object (&self->built);
  g_clear_object (&self->to_explain);
  g_clear_object (&self->sorted);
  g_clear_object (&self->years);
  g_clear_object (&self->row_filter);
  G_OBJECT_CLASS (thr_ledger_view_parent_class)->dispose (object);
}

static void
thr_ledger_view_class_init (ThrLedgerViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = thr_ledger_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
thr_ledger_view_init (ThrLedgerView *self)
{
  GtkSorter *row_sorter;

  self->years = G_LIST_MODEL (g_list_store_new (THR_TYPE_LEDGER_ITEM));
  self->row_filter = GTK_FILTER (gtk_custom_filter_new (row_filter_cb, self, NULL));
  self->year_filter = GTK_FILTER (gtk_custom_filter_new (year_filter_cb, self, NULL));
  self->shown_years = gtk_filter_list_model_new (g_object_ref (self->years), self->year_filter);
  /* Years open: the subtotal heads its months. */
  self->tree = gtk_tree_list_model_new (G_LIST_MODEL (self->shown_years), FALSE, TRUE,
                                        create_children_cb, self, NULL);

  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_column_separators (self->column_view, FALSE);
  gtk_column_view_set_show_row_separators (self->column_view, TRUE);
  gtk_column_view_set_reorderable (self->column_view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "thr-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Ledger"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Each month's withholding by invoice component, with a subtotal for each year"), -1);
  add_columns (self);
  row_sorter = GTK_SORTER (gtk_tree_list_row_sorter_new (g_object_ref (gtk_column_view_get_sorter (self->column_view))));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->tree), row_sorter);
  /* A screenful at the first visit, the rest a chunk a frame after it. */
  self->built = thr_chunked_list_new (G_LIST_MODEL (self->sorted), GTK_WIDGET (self->column_view),
                                      FIRST_ROWS, ROWS_A_FRAME, NULL);
  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (self->built))));
  g_signal_connect (self->column_view, "activate", G_CALLBACK (activate_cb), self);

  /* The page scrolls up and down; the table scrolls sideways when the
   * window is narrower than its columns. */
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), GTK_WIDGET (self->column_view));
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  /* Newest first, as the months are read. */
  {
    g_autoptr(GtkColumnViewColumn) month = g_list_model_get_item (gtk_column_view_get_columns (self->column_view),
                                                                  COLUMN_MONTH);

    gtk_column_view_sort_by_column (self->column_view, month, GTK_SORT_DESCENDING);
  }
}

/* ---- public API ---- */

void
thr_ledger_view_set_years (ThrLedgerView *self,
                           GListModel    *years)
{
  GListStore *store;

  g_return_if_fail (THR_IS_LEDGER_VIEW (self));

  store = G_LIST_STORE (self->years);
  g_list_store_remove_all (store);
  for (guint i = 0; years != NULL && i < g_list_model_get_n_items (years); i++)
    {
      g_autoptr(ThrLedgerItem) year = g_list_model_get_item (years, i);

      g_list_store_append (store, year);
    }
}

void
thr_ledger_view_set_search_bar (ThrLedgerView *self,
                                ThrSearchBar  *bar)
{
  g_return_if_fail (THR_IS_LEDGER_VIEW (self));
  g_return_if_fail (self->search_bar == NULL);

  self->search_bar = bar;
  g_object_add_weak_pointer (G_OBJECT (bar), (gpointer *) &self->search_bar);
  g_signal_connect_swapped (thr_search_bar_get_filter (bar), "changed", G_CALLBACK (search_changed_cb), self);
}

GtkColumnView *
thr_ledger_view_get_column_view (ThrLedgerView *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_VIEW (self), NULL);
  return self->column_view;
}

guint
thr_ledger_view_get_n_rows_shown (ThrLedgerView *self)
{
  guint n = 0;

  g_return_val_if_fail (THR_IS_LEDGER_VIEW (self), 0);

  for (guint i = 0; i < g_list_model_get_n_items (self->years); i++)
    {
      g_autoptr(ThrLedgerItem) year = g_list_model_get_item (self->years, i);

      n += count_rows_matching (self, year);
    }
  return n;
}

guint
thr_ledger_view_get_n_items (ThrLedgerView *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

void
thr_ledger_view_set_first_lines (ThrLedgerView *self,
                                 guint          n_lines)
{
  g_return_if_fail (THR_IS_LEDGER_VIEW (self));

  /* Only before the table is first shown: it never drops lines it built. */
  if (!gtk_widget_get_realized (GTK_WIDGET (self->column_view)) && !thr_chunked_list_is_complete (self->built))
    gtk_slice_list_model_set_size (GTK_SLICE_LIST_MODEL (self->built), n_lines);
}

guint
thr_ledger_view_get_n_rows_built (ThrLedgerView *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_VIEW (self), 0);
  return g_list_model_get_n_items (self->built);
}

ThrLedgerItem *
thr_ledger_view_get_item (ThrLedgerView *self,
                          guint          position)
{
  g_autoptr(GtkTreeListRow) row = NULL;

  g_return_val_if_fail (THR_IS_LEDGER_VIEW (self), NULL);

  row = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  return tree_row_get_ledger_item (row);
}

gboolean
thr_ledger_view_explain (ThrLedgerView *self,
                         guint          position)
{
  ThrLedgerItem *item;

  g_return_val_if_fail (THR_IS_LEDGER_VIEW (self), FALSE);

  item = thr_ledger_view_get_item (self, position);
  if (item == NULL || thr_ledger_item_is_year (item))
    return FALSE;
  if (explain_built (item))
    return TRUE;
  /* A line below the rows built so far: built at the next frame. */
  thr_chunked_list_complete (self->built);
  if (self->to_explain == NULL)
    gtk_widget_add_tick_callback (GTK_WIDGET (self->column_view), explain_when_built_cb, self, NULL);
  g_set_object (&self->to_explain, item);
  self->frames_to_explain = self->frames_built = 0;
  return TRUE;
}

const char *
thr_ledger_view_get_explanation_shown (ThrLedgerView *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_VIEW (self), NULL);

  if (self->shown_popover == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->shown_popover)))
    return NULL;
  return gtk_label_get_label (self->shown_label);
}
