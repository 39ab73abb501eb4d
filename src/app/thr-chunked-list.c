/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-chunked-list.c — a long list's rows built a screenful first, then a chunk a frame
 *
 * GTK 4.8's GtkListView and GtkColumnView build, bind and lay out every
 * row of a list under 200 items at once (about 2.5 ms a ledger row), so a
 * long page's first visit took 110–160 ms of the main thread.  The view
 * is given a GtkSliceListModel over its model instead: the first frame
 * holds a screenful, and a tick callback grows the slice by a chunk at
 * each later frame, so no frame builds more than a chunk.  The model
 * under the slice is untouched: counts, sorting and filtering stay the
 * model's.  A page of several lists chains them (@after): a list grows
 * once the one above it is whole, and what builds a list whole builds
 * the ones below it too.
 */
#define G_LOG_DOMAIN "thr-chunked-list"

#include "config.h"

#include "thr-chunked-list.h"

typedef struct {
  guint    chunk;
  gint64   first_frame;   /* the frame the view was shown in; -1 before */
  guint    tick_id;       /* while the view is shown and the list not whole */
  GWeakRef after;         /* the list above, built before this one grows */
  GWeakRef next;          /* the list below, built with this one when all are needed */
} Chunking;

static void
chunking_free (gpointer data)
{
  Chunking *chunking = data;

  g_weak_ref_clear (&chunking->after);
  g_weak_ref_clear (&chunking->next);
  g_free (chunking);
}

static const char chunking_key[] = "thr-chunking";

static gboolean
is_complete (GtkSliceListModel *slice)
{
  GListModel *model = gtk_slice_list_model_get_model (slice);

  return model == NULL || gtk_slice_list_model_get_size (slice) >= g_list_model_get_n_items (model);
}

static void
complete_one (GtkSliceListModel *slice)
{
  /* The slice follows the model's later changes too. */
  if (gtk_slice_list_model_get_size (slice) != G_MAXUINT)
    gtk_slice_list_model_set_size (slice, G_MAXUINT);
}

/* This list and, as what moves or searches past it reaches them, the
 * ones below it. */
static void
complete (GtkSliceListModel *slice)
{
  Chunking *chunking = g_object_get_data (G_OBJECT (slice), chunking_key);
  g_autoptr(GtkSliceListModel) next = g_weak_ref_get (&chunking->next);

  complete_one (slice);
  if (next != NULL)
    complete (next);
}

static gboolean
grow_cb (GtkWidget     *view,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  GtkSliceListModel *slice = user_data;
  Chunking *chunking = g_object_get_data (G_OBJECT (slice), chunking_key);
  g_autoptr(GtkSliceListModel) after = g_weak_ref_get (&chunking->after);
  gint64 frame = gdk_frame_clock_get_frame_counter (clock);
  guint size = gtk_slice_list_model_get_size (slice);

  if (is_complete (slice) || !gtk_widget_get_mapped (view))
    {
      /* A hidden page builds nothing: it grows again when shown. */
      if (is_complete (slice))
        complete_one (slice);
      chunking->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  /* The frame that shows the view shows what was built before alone. */
  if (chunking->first_frame < 0)
    {
      chunking->first_frame = frame;
      return G_SOURCE_CONTINUE;
    }
  if (frame == chunking->first_frame || (after != NULL && !is_complete (after)))
    return G_SOURCE_CONTINUE;
  gtk_slice_list_model_set_size (slice, size + chunking->chunk);
  return G_SOURCE_CONTINUE;
}

static void
view_mapped_cb (GtkWidget         *view,
                GtkSliceListModel *slice)
{
  Chunking *chunking = g_object_get_data (G_OBJECT (slice), chunking_key);

  if (chunking->tick_id != 0 || is_complete (slice))
    return;
  chunking->first_frame = -1;
  chunking->tick_id = gtk_widget_add_tick_callback (view, grow_cb, g_object_ref (slice), g_object_unref);
}

static gboolean
moves_past_built_rows (guint keyval)
{
  switch (keyval)
    {
    case GDK_KEY_Tab: case GDK_KEY_ISO_Left_Tab: case GDK_KEY_KP_Tab:
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
    case GDK_KEY_Page_Down: case GDK_KEY_KP_Page_Down:
    case GDK_KEY_End: case GDK_KEY_KP_End:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkSliceListModel     *slice)
{
  if (moves_past_built_rows (keyval))
    complete (slice);
  return GDK_EVENT_PROPAGATE;
}

GListModel *
thr_chunked_list_new (GListModel *model,
                      GtkWidget  *view,
                      guint       first,
                      guint       chunk,
                      GListModel *after)
{
  GtkSliceListModel *slice;
  Chunking *chunking;
  GtkEventController *keys;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (view), NULL);
  g_return_val_if_fail (chunk > 0, NULL);
  g_return_val_if_fail (after == NULL || GTK_IS_SLICE_LIST_MODEL (after), NULL);

  slice = gtk_slice_list_model_new (g_object_ref (model), 0, first);
  chunking = g_new0 (Chunking, 1);
  chunking->chunk = chunk;
  chunking->first_frame = -1;
  g_weak_ref_init (&chunking->after, after);
  g_weak_ref_init (&chunking->next, NULL);
  g_object_set_data_full (G_OBJECT (slice), chunking_key, chunking, chunking_free);
  if (after != NULL)
    g_weak_ref_set (&((Chunking *) g_object_get_data (G_OBJECT (after), chunking_key))->next, slice);
  g_signal_connect_object (view, "map", G_CALLBACK (view_mapped_cb), slice, 0);
  if (gtk_widget_get_mapped (view))
    view_mapped_cb (view, slice);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), slice, 0);
  gtk_widget_add_controller (view, keys);
  return G_LIST_MODEL (slice);
}

void
thr_chunked_list_complete (GListModel *chunked)
{
  g_return_if_fail (GTK_IS_SLICE_LIST_MODEL (chunked));
  complete (GTK_SLICE_LIST_MODEL (chunked));
}

gboolean
thr_chunked_list_is_complete (GListModel *chunked)
{
  g_return_val_if_fail (GTK_IS_SLICE_LIST_MODEL (chunked), FALSE);
  return is_complete (GTK_SLICE_LIST_MODEL (chunked));
}
