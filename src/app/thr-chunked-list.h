/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A list model for a list or column view that holds @model's first @first
 * items when @view is first shown, and @chunk more at each frame after
 * that while @view is shown, until it holds them all: GTK 4.8 builds and
 * lays out every row of a list under 200 items in the first frame.  Keys
 * that move past the
 * built rows (Tab, arrows, Page Down, End) pressed in @view build them
 * all first.  With @after (another chunked list, the one above on the
 * page), this one grows only once @after is whole, and building @after
 * whole builds this one too; @first may then be 0.  Returns a new
 * reference. */
GListModel *thr_chunked_list_new          (GListModel *model,
                                           GtkWidget  *view,
                                           guint       first,
                                           guint       chunk,
                                           GListModel *after);
/* Every item at once: for find, printing and whatever reads every row. */
void        thr_chunked_list_complete     (GListModel *chunked);
gboolean    thr_chunked_list_is_complete  (GListModel *chunked);

G_END_DECLS
