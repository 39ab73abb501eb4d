/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-table-item.c — one row of a ThrTableView: each cell's text, sort key and style
 *
 * The front end writes every cell through the core's formatting (money,
 * values, dates) and gives the raw figure as the sort key, so a column
 * sorts by amount, not by its text.
 */
#define G_LOG_DOMAIN "thr-table-item"

#include "config.h"

#include <math.h>

#include "thr-table-item.h"

typedef struct {
  char   *text;
  double  key;
  char   *css_class;
  char   *tooltip;
} Cell;

struct _ThrTableItem
{
  GObject  parent_instance;
  GArray  *cells;   /* of Cell */
};

G_DEFINE_FINAL_TYPE (ThrTableItem, thr_table_item, G_TYPE_OBJECT)

static void
clear_cell (gpointer data)
{
  Cell *cell = data;

  g_free (cell->text);
  g_free (cell->css_class);
  g_free (cell->tooltip);
}

static void
thr_table_item_finalize (GObject *object)
{
  ThrTableItem *self = THR_TABLE_ITEM (object);

  g_clear_pointer (&self->cells, g_array_unref);
  G_OBJECT_CLASS (thr_table_item_parent_class)->finalize (object);
}

static void
thr_table_item_class_init (ThrTableItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = thr_table_item_finalize;
}

static void
thr_table_item_init (ThrTableItem *self)
{
  self->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (self->cells, clear_cell);
}

ThrTableItem *
thr_table_item_new (guint n_columns)
{
  ThrTableItem *self = g_object_new (THR_TYPE_TABLE_ITEM, NULL);

  g_array_set_size (self->cells, n_columns);
  for (guint i = 0; i < n_columns; i++)
    g_array_index (self->cells, Cell, i).key = NAN;
  return self;
}

void
thr_table_item_set (ThrTableItem *self,
                    guint         column,
                    const char   *text,
                    double        key,
                    const char   *css_class)
{
  Cell *cell;

  g_return_if_fail (THR_IS_TABLE_ITEM (self));
  g_return_if_fail (column < self->cells->len);

  cell = &g_array_index (self->cells, Cell, column);
  g_free (cell->text);
  g_free (cell->css_class);
  cell->text = g_strdup (text);
  cell->key = key;
  cell->css_class = g_strdup (css_class);
}

void
thr_table_item_set_tooltip (ThrTableItem *self,
                            guint         column,
                            const char   *tooltip)
{
  Cell *cell;

  g_return_if_fail (THR_IS_TABLE_ITEM (self));
  g_return_if_fail (column < self->cells->len);

  cell = &g_array_index (self->cells, Cell, column);
  g_free (cell->tooltip);
  cell->tooltip = g_strdup (tooltip);
}

guint
thr_table_item_get_n_columns (ThrTableItem *self)
{
  g_return_val_if_fail (THR_IS_TABLE_ITEM (self), 0);
  return self->cells->len;
}

const char *
thr_table_item_get_text (ThrTableItem *self,
                         guint         column)
{
  g_return_val_if_fail (THR_IS_TABLE_ITEM (self), NULL);
  g_return_val_if_fail (column < self->cells->len, NULL);
  return g_array_index (self->cells, Cell, column).text;
}

double
thr_table_item_get_key (ThrTableItem *self,
                        guint         column)
{
  g_return_val_if_fail (THR_IS_TABLE_ITEM (self), NAN);
  g_return_val_if_fail (column < self->cells->len, NAN);
  return g_array_index (self->cells, Cell, column).key;
}

const char *
thr_table_item_get_css_class (ThrTableItem *self,
                              guint         column)
{
  g_return_val_if_fail (THR_IS_TABLE_ITEM (self), NULL);
  g_return_val_if_fail (column < self->cells->len, NULL);
  return g_array_index (self->cells, Cell, column).css_class;
}

const char *
thr_table_item_get_tooltip (ThrTableItem *self,
                            guint         column)
{
  g_return_val_if_fail (THR_IS_TABLE_ITEM (self), NULL);
  g_return_val_if_fail (column < self->cells->len, NULL);
  return g_array_index (self->cells, Cell, column).tooltip;
}

int
thr_table_item_compare (ThrTableItem *a,
                        ThrTableItem *b,
                        guint         column)
{
  double x, y;
  int order;

  g_return_val_if_fail (THR_IS_TABLE_ITEM (a) && THR_IS_TABLE_ITEM (b), 0);

  x = thr_table_item_get_key (a, column);
  y = thr_table_item_get_key (b, column);
  /* A cell without a figure ("—") sorts after every figure. */
  if (isnan (x) && isnan (y))
    order = g_utf8_collate (thr_table_item_get_text (a, column) ? thr_table_item_get_text (a, column) : "",
                            thr_table_item_get_text (b, column) ? thr_table_item_get_text (b, column) : "");
  else if (isnan (x) || isnan (y))
    order = isnan (x) ? 1 : -1;
  else
    order = (x > y) - (x < y);
  return order < 0 ? -1 : order > 0 ? 1 : 0;
}
