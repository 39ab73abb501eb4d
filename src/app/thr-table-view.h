/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-table-view.h — a sortable table of ThrTableItem rows, for a screen reader too */
#pragma once

#include <gtk/gtk.h>

#include "thr-table-item.h"

G_BEGIN_DECLS

#define THR_TYPE_TABLE_VIEW (thr_table_view_get_type ())
G_DECLARE_FINAL_TYPE (ThrTableView, thr_table_view, THR, TABLE_VIEW, GtkWidget)

/* Columns are added once, in order; a NUMERIC one is right-aligned in
 * tabular figures. */
void           thr_table_view_add_column      (ThrTableView *self,
                                               const char   *title,
                                               gboolean      numeric);
/* The table's name for a screen reader ("Values of A.1.a"). */
void           thr_table_view_set_label       (ThrTableView *self,
                                               const char   *label);
/* Of ThrTableItem; the view keeps its own copy of the list. */
void           thr_table_view_set_items       (ThrTableView *self,
                                               GListModel   *items);
void           thr_table_view_sort_by         (ThrTableView *self,
                                               guint         column,
                                               GtkSortType   order);
GtkColumnView *thr_table_view_get_column_view (ThrTableView *self);
/* The rows as sorted and shown now; the item is borrowed. */
guint          thr_table_view_get_n_items     (ThrTableView *self);
ThrTableItem  *thr_table_view_get_item        (ThrTableView *self,
                                               guint         position);

G_END_DECLS
