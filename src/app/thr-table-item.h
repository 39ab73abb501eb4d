/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-table-item.h — one row of a ThrTableView: each cell's text, sort key and style */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define THR_TYPE_TABLE_ITEM (thr_table_item_get_type ())
G_DECLARE_FINAL_TYPE (ThrTableItem, thr_table_item, THR, TABLE_ITEM, GObject)

ThrTableItem *thr_table_item_new           (guint         n_columns);
/* KEY orders the column when it is sorted (NAN: by TEXT, in the
 * locale's order); CSS_CLASS (may be NULL) styles the cell ("error"). */
void          thr_table_item_set           (ThrTableItem *self,
                                            guint         column,
                                            const char   *text,
                                            double        key,
                                            const char   *css_class);
/* A tooltip for one cell (a figure's reason). */
void          thr_table_item_set_tooltip   (ThrTableItem *self,
                                            guint         column,
                                            const char   *tooltip);
guint         thr_table_item_get_n_columns (ThrTableItem *self);
const char   *thr_table_item_get_text      (ThrTableItem *self,
                                            guint         column);
double        thr_table_item_get_key       (ThrTableItem *self,
                                            guint         column);
const char   *thr_table_item_get_css_class (ThrTableItem *self,
                                            guint         column);
const char   *thr_table_item_get_tooltip   (ThrTableItem *self,
                                            guint         column);
/* -1, 0 or 1: by the keys, or by the texts when both keys are NAN. */
int           thr_table_item_compare       (ThrTableItem *a,
                                            ThrTableItem *b,
                                            guint         column);

G_END_DECLS
