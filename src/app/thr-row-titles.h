/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-row-titles.h — an AdwActionRow's title and subtitle laid out without a width search */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Stacks @row's title and subtitle as AdwActionRow's box does, breaking
 * their lines between words, but measures them without the box's search
 * of widths for a height (thr-row-titles.c). */
void thr_row_titles_stack (AdwActionRow *row);

/* Stacks @group's title and description the same way: its header's box
 * measures them for a height by a width search too.  Its description
 * breaks between words. */
void thr_row_titles_stack_group (AdwPreferencesGroup *group);

/* Measures @row's stacked titles again.  For a row whose other label has
 * just started or stopped wrapping: GTK keeps the titles' sizes measured
 * before, which are another answer (see shares_height_for_width ()). */
void thr_row_titles_measure_again (AdwActionRow *row);

/* Makes the wrapping labels under @widget (rows' titles and subtitles,
 * groups' descriptions) break lines between words only. */
void thr_row_titles_wrap_at_words (GtkWidget *widget);

G_END_DECLS
