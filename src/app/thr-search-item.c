/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-search-item.c — what a page's find and "missed only" look at, per row
 *
 * The pages' lists hold these in a GListStore under a GtkFilterListModel
 * whose filter is the search bar's (a GtkStringFilter on "text" and a
 * custom filter on "missed"); pages that build their rows one by one tag
 * each row with one and ask the same filter.
 */
#define G_LOG_DOMAIN "thr-search-item"

#include "config.h"

#include "thr-search-item.h"

struct _ThrSearchItem
{
  GObject   parent_instance;
  char     *key;
  char     *text;
  gboolean  missed;
};

G_DEFINE_FINAL_TYPE (ThrSearchItem, thr_search_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_TEXT,
  PROP_MISSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
thr_search_item_finalize (GObject *object)
{
  ThrSearchItem *self = THR_SEARCH_ITEM (object);

  g_free (self->key);
  g_free (self->text);
  G_OBJECT_CLASS (thr_search_item_parent_class)->finalize (object);
}

static void
thr_search_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ThrSearchItem *self = THR_SEARCH_ITEM (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_MISSED:
      g_value_set_boolean (value, self->missed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thr_search_item_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ThrSearchItem *self = THR_SEARCH_ITEM (object);

  switch (prop_id)
    {
    case PROP_KEY:
      self->key = g_value_dup_string (value);
      break;
    case PROP_TEXT:
      g_free (self->text);
      self->text = g_value_dup_string (value);
      break;
    case PROP_MISSED:
      self->missed = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thr_search_item_class_init (ThrSearchItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = thr_search_item_finalize;
  object_class->get_property = thr_search_item_get_property;
  object_class->set_property = thr_search_item_set_property;
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL,
                                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Changed by thr_search_item_update (), which notifies them. */
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);
  properties[PROP_MISSED] = g_param_spec_boolean ("missed", NULL, NULL, FALSE,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
thr_search_item_init (ThrSearchItem *self)
{
}

ThrSearchItem *
thr_search_item_new (const char *key,
                     const char *text,
                     gboolean    missed)
{
  return g_object_new (THR_TYPE_SEARCH_ITEM, "key", key, "text", text, "missed", missed, NULL);
}

const char *
thr_search_item_get_key (ThrSearchItem *self)
{
  g_return_val_if_fail (THR_IS_SEARCH_ITEM (self), NULL);
  return self->key;
}

const char *
thr_search_item_get_text (ThrSearchItem *self)
{
  g_return_val_if_fail (THR_IS_SEARCH_ITEM (self), NULL);
  return self->text;
}

gboolean
thr_search_item_get_missed (ThrSearchItem *self)
{
  g_return_val_if_fail (THR_IS_SEARCH_ITEM (self), FALSE);
  return self->missed;
}

/* What the row shows changed (a page shows another month in the same
 * rows); whoever filters on the item filters again.  TRUE if it did. */
gboolean
thr_search_item_update (ThrSearchItem *self,
                        const char    *text,
                        gboolean       missed)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (THR_IS_SEARCH_ITEM (self), FALSE);

  if (g_strcmp0 (self->text, text) != 0)
    {
      g_free (self->text);
      self->text = g_strdup (text);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
      changed = TRUE;
    }
  if (self->missed != !!missed)
    {
      self->missed = !!missed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MISSED]);
      changed = TRUE;
    }
  return changed;
}
