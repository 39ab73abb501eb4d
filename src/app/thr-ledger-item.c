/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-ledger-item.c — one line of the ledger table: a month's component or a year's subtotal
 *
 * The ledger table (thr-ledger-view.c) is a tree of these: a year's
 * subtotal, from thr_ledger_sum_by_year(), over its months' rows, each
 * from thr_ledger_get_rows().  An item only holds what the core computed;
 * it adds nothing up.
 */
#define G_LOG_DOMAIN "thr-ledger-item"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-ledger-item.h"

struct _ThrLedgerItem
{
  GObject          parent_instance;
  gboolean         is_year;
  char            *period;
  char            *title;
  char            *component;
  char            *component_title;
  char            *component_short;
  double           rate;
  gboolean         escalated;
  ThrLedgerTotals  totals;
  ThrLedgerState   state;
  char            *explanation;
  ThrSearchItem   *search_item;
  GListStore      *children;
};

G_DEFINE_FINAL_TYPE (ThrLedgerItem, thr_ledger_item, G_TYPE_OBJECT)

/* What a column of the table binds to: the core's values, typed. */
enum {
  PROP_0,
  PROP_PERIOD,
  PROP_TITLE,
  PROP_TOTALS,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
thr_ledger_item_finalize (GObject *object)
{
  ThrLedgerItem *self = THR_LEDGER_ITEM (object);

  g_free (self->period);
  g_free (self->title);
  g_free (self->component);
  g_free (self->component_title);
  g_free (self->component_short);
  g_free (self->explanation);
  g_clear_object (&self->search_item);
  g_clear_object (&self->children);
  G_OBJECT_CLASS (thr_ledger_item_parent_class)->finalize (object);
}

static void
thr_ledger_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ThrLedgerItem *self = THR_LEDGER_ITEM (object);

  switch (prop_id)
    {
    case PROP_PERIOD:
      g_value_set_string (value, self->period);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_TOTALS:
      g_value_set_boxed (value, &self->totals);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thr_ledger_item_class_init (ThrLedgerItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = thr_ledger_item_finalize;
  object_class->get_property = thr_ledger_item_get_property;

  properties[PROP_PERIOD] =
    g_param_spec_string ("period", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTALS] =
    g_param_spec_boxed ("totals", NULL, NULL, THR_TYPE_LEDGER_TOTALS, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, THR_TYPE_LEDGER_STATE, THR_LEDGER_STATE_NONE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
thr_ledger_item_init (ThrLedgerItem *self)
{
}

ThrLedgerItem *
thr_ledger_item_new_row (const ThrLedgerRow *row,
                         const char         *component_title,
                         const char         *short_title,
                         gboolean            month_missed)
{
  ThrLedgerItem *self;
  g_autofree char *text = NULL;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (THR_TYPE_LEDGER_ITEM, NULL);
  self->period = g_strdup (row->month_label);
  self->title = thr_period_format_words (&row->month);
  self->component = g_strdup (row->component);
  self->component_title = g_strdup (component_title);
  self->component_short = g_strdup (short_title);
  self->rate = row->rate;
  self->escalated = row->escalated;
  self->totals = (ThrLedgerTotals) { row->invoice, row->withheld, row->released, row->held, row->retained };
  self->state = row->state;
  self->explanation = g_strdup (row->explanation ? row->explanation : "");
  /* Found by its month in both spellings, its component and its reasons;
   * "missed only" keeps the months with a missed metric. */
  text = g_strdup_printf ("%s %s %s %s", self->period, self->title, component_title, self->explanation);
  self->search_item = thr_search_item_new (NULL, text, month_missed);
  return self;
}

ThrLedgerItem *
thr_ledger_item_new_year (const ThrLedgerYear *year)
{
  ThrLedgerItem *self;

  g_return_val_if_fail (year != NULL, NULL);

  self = g_object_new (THR_TYPE_LEDGER_ITEM, NULL);
  self->is_year = TRUE;
  self->period = g_strdup_printf ("%d", year->year);
  /* Translators: the subtotal row of a year in the ledger table */
  self->title = g_strdup_printf (_("%d Total"), year->year);
  self->totals = year->totals;
  self->state = THR_LEDGER_STATE_NONE;
  self->children = g_list_store_new (THR_TYPE_LEDGER_ITEM);
  return self;
}

void
thr_ledger_item_add_child (ThrLedgerItem *self,
                           ThrLedgerItem *child)
{
  g_return_if_fail (THR_IS_LEDGER_ITEM (self));
  g_return_if_fail (self->is_year);
  g_list_store_append (self->children, child);
}

gboolean
thr_ledger_item_is_year (ThrLedgerItem *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_ITEM (self), FALSE);
  return self->is_year;
}

const char *
thr_ledger_item_get_period (ThrLedgerItem *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_ITEM (self), NULL);
  return self->period;
}

const char *
thr_ledger_item_get_title (ThrLedgerItem *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_ITEM (self), NULL);
  return self->title;
}

const char *
thr_ledger_item_get_component (ThrLedgerItem *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_ITEM (self), NULL);
  return self->component;
}

const char *
thr_ledger_item_get_component_short (ThrLedgerItem *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_ITEM (self), NULL);
  return self->component_short;
}

const char *
thr_ledger_item_get_component_title (ThrLedgerItem *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_ITEM (self), NULL);
  return self->component_title;
}

double
thr_ledger_item_get_rate (ThrLedgerItem *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_ITEM (self), 0);
  return self->rate;
}

gboolean
thr_ledger_item_get_escalated (ThrLedgerItem *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_ITEM (self), FALSE);
  return self->escalated;
}

const ThrLedgerTotals *
thr_ledger_item_get_totals (ThrLedgerItem *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_ITEM (self), NULL);
  return &self->totals;
}

ThrLedgerState
thr_ledger_item_get_state (ThrLedgerItem *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_ITEM (self), THR_LEDGER_STATE_NONE);
  return self->state;
}

const char *
thr_ledger_item_get_explanation (ThrLedgerItem *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_ITEM (self), NULL);
  return self->explanation;
}

ThrSearchItem *
thr_ledger_item_get_search_item (ThrLedgerItem *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_ITEM (self), NULL);
  return self->search_item;
}

GListModel *
thr_ledger_item_get_children (ThrLedgerItem *self)
{
  g_return_val_if_fail (THR_IS_LEDGER_ITEM (self), NULL);
  return self->children ? G_LIST_MODEL (self->children) : NULL;
}
