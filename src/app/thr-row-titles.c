/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-row-titles.c — an AdwActionRow's title and subtitle laid out without a width search
 *
 * AdwActionRow's title and subtitle sit in a vertical GtkBox beside the
 * row's marks in a horizontal one.  GTK 4.8's GtkBoxLayout, allocating
 * the horizontal box, asks the vertical one its width for the row's
 * height, and a wrapping GtkLabel answers that by a binary search of
 * Pango layouts (10–15 widths, each text shaped again): most of the cost
 * of a row the first time it is laid out.  The layout here stacks the
 * labels as the box did, but gives its width from theirs without a
 * height (no search) and its height for a width from theirs at that
 * width.  The overview's rows, the Deadlines page's dates, the Metrics
 * page's rows and the Ledger's corrective periods use it (it was measured
 * first on the overview, fb1b8b4 and 14e9ffd); their window tests compare
 * each row's labels with a plain AdwActionRow's.
 */
#include "config.h"

#include "thr-row-titles.h"

static GtkWidget *
title_box_of (AdwActionRow *row)
{
  GtkWidget *header = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

  for (GtkWidget *child = header ? gtk_widget_get_first_child (header) : NULL; child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BOX (child) && gtk_widget_has_css_class (child, "title"))
      return child;
  return NULL;
}

/* The space between the title and the subtitle: the title box's CSS
 * border-spacing, which GTK keeps to itself, read back once from a plain
 * row's box as the height it gives beyond its two labels'. */
static int
title_spacing (void)
{
  static int spacing = -1;

  if (spacing < 0)
    {
      g_autoptr(GtkWidget) row = g_object_ref_sink (adw_action_row_new ());
      GtkWidget *box = title_box_of (ADW_ACTION_ROW (row));
      int whole = 0, labels = 0, n = 0;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "X");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "X");
      spacing = 0;
      if (box == NULL)
        return spacing;
      gtk_layout_manager_measure (gtk_widget_get_layout_manager (box), box, GTK_ORIENTATION_VERTICAL, -1,
                                  &whole, NULL, NULL, NULL);
      for (GtkWidget *label = gtk_widget_get_first_child (box); label != NULL;
           label = gtk_widget_get_next_sibling (label))
        if (gtk_widget_should_layout (label))
          {
            int height;

            gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
            labels += height;
            n++;
          }
      if (n > 1)
        spacing = MAX (0, (whole - labels) / (n - 1));
    }
  return spacing;
}

static GtkSizeRequestMode
titles_request_mode (GtkWidget *box)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* Whether another widget of the row's header (a suffix that wraps, as the
 * Ledger's outcome in a narrow window) is measured height-for-width too.
 * GtkBoxLayout then searches for the header's height by the widths its
 * children ask for each height, and the title box's answer must be the
 * one a GtkBox gives, not its width without a height. */
static gboolean
shares_height_for_width (GtkWidget *box)
{
  for (GtkWidget *other = gtk_widget_get_first_child (gtk_widget_get_parent (box)); other != NULL;
       other = gtk_widget_get_next_sibling (other))
    if (other != box && gtk_widget_should_layout (other) &&
        gtk_widget_get_request_mode (other) != GTK_SIZE_REQUEST_CONSTANT_SIZE)
      return TRUE;
  return FALSE;
}

static GtkLayoutManager *
box_layout (void)
{
  static GtkLayoutManager *layout = NULL;

  if (layout == NULL)
    layout = gtk_box_layout_new (GTK_ORIENTATION_VERTICAL);
  return layout;
}

static void
measure_titles (GtkWidget      *box,
                GtkOrientation  orientation,
                int             for_size,
                int            *minimum,
                int            *natural,
                int            *minimum_baseline,
                int            *natural_baseline)
{
  int n = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL && for_size >= 0 && shares_height_for_width (box))
    {
      gtk_layout_manager_measure (box_layout (), box, orientation, for_size, minimum, natural, NULL, NULL);
      return;
    }
  *minimum = *natural = 0;
  for (GtkWidget *label = gtk_widget_get_first_child (box); label != NULL;
       label = gtk_widget_get_next_sibling (label))
    {
      int min, nat;

      if (!gtk_widget_should_layout (label))
        continue;
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          gtk_widget_measure (label, orientation, -1, &min, &nat, NULL, NULL);
          *minimum = MAX (*minimum, min);
          *natural = MAX (*natural, nat);
        }
      else
        {
          gtk_widget_measure (label, orientation, for_size, &min, &nat, NULL, NULL);
          *minimum += min;
          *natural += nat;
          n++;
        }
    }
  if (n > 1)
    {
      *minimum += title_spacing () * (n - 1);
      *natural += title_spacing () * (n - 1);
    }
}

static void
allocate_titles (GtkWidget *box,
                 int        width,
                 int        height,
                 int        baseline)
{
  int y = 0;

  for (GtkWidget *label = gtk_widget_get_first_child (box); label != NULL;
       label = gtk_widget_get_next_sibling (label))
    {
      int min, nat;

      if (!gtk_widget_should_layout (label))
        continue;
      gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
      gtk_widget_allocate (label, width, nat, -1, gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, y)));
      y += nat + title_spacing ();
    }
}

void
thr_row_titles_stack (AdwActionRow *row)
{
  GtkWidget *title_box = title_box_of (row);

  if (title_box == NULL)
    return;
  title_spacing ();
  gtk_widget_set_layout_manager (title_box, gtk_custom_layout_new (titles_request_mode, measure_titles,
                                                                   allocate_titles));
  /* GTK 4.8 measures a wrapping label's minimum width by laying it out
   * at width 0, which AdwActionRow's PANGO_WRAP_WORD_CHAR breaks into one
   * character a line.  The rows' words are far narrower than a 360-pixel
   * window, where the two modes break the same. */
  for (GtkWidget *label = gtk_widget_get_first_child (title_box); label != NULL;
       label = gtk_widget_get_next_sibling (label))
    gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
}

/* AdwActionRow and AdwPreferencesGroup break their labels between
 * characters too (PANGO_WRAP_WORD_CHAR), and GTK 4.8 measures a wrapping
 * label's minimum width by laying its text out at width 0: one character a
 * line, about 2 ms a long subtitle at a page's first visit
 * (docs/benchmarks.md).  The words of Threshold's rows are month names,
 * ids, dates and numbers, none wider than a narrow window. */
void
thr_row_titles_wrap_at_words (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_label_get_wrap (GTK_LABEL (child)))
        gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD);
      thr_row_titles_wrap_at_words (child);
    }
}
