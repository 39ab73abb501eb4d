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
 * page's rows, the Ledger's corrective periods and the CAP editor's
 * timeline use it (it was measured first on the overview, fb1b8b4 and
 * 14e9ffd); their window tests compare each row's labels with a plain
 * AdwActionRow's.  An AdwPreferencesGroup's title and description sit
 * the same way in its header, beside a box for a suffix, and are stacked
 * the same way (the CAP editor's timeline, the overview's and the Ledger's
 * groups that have a description: the overview's bonus metrics' was laid
 * out at 27 widths on every launch that showed it); their tests compare
 * each header with a plain group's.
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

/* The labels box of @group's header (its title and description), or NULL. */
static GtkWidget *
group_labels_of (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BOX (child) && gtk_widget_has_css_class (child, "labels") &&
          gtk_widget_has_css_class (gtk_widget_get_parent (child), "header"))
        return child;
      /* Not into the group's rows. */
      if (GTK_IS_LIST_BOX (child))
        continue;
      if ((found = group_labels_of (child)) != NULL)
        return found;
    }
  return NULL;
}

/* The space between a box's labels: its CSS border-spacing, which GTK
 * keeps to itself, read back from a plain box of its kind as the height it
 * gives beyond its labels'. */
static int
measure_spacing (GtkWidget *box)
{
  int whole = 0, labels = 0, n = 0;

  if (box == NULL)
    return 0;
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
  return n > 1 ? MAX (0, (whole - labels) / (n - 1)) : 0;
}

/* A row's title and subtitle, read once. */
static int
title_spacing (void)
{
  static int spacing = -1;

  if (spacing < 0)
    {
      g_autoptr(GtkWidget) row = g_object_ref_sink (adw_action_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), "X");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "X");
      spacing = measure_spacing (title_box_of (ADW_ACTION_ROW (row)));
    }
  return spacing;
}

/* A group's title and description, read once. */
static int
group_spacing (void)
{
  static int spacing = -1;

  if (spacing < 0)
    {
      g_autoptr(GtkWidget) group = g_object_ref_sink (adw_preferences_group_new ());

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), "X");
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), "X");
      spacing = measure_spacing (group_labels_of (group));
    }
  return spacing;
}

static GQuark
spacing_quark (void)
{
  return g_quark_from_static_string ("thr-row-titles-spacing");
}

static int
box_spacing (GtkWidget *box)
{
  return GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (box), spacing_quark ()));
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
      *minimum += box_spacing (box) * (n - 1);
      *natural += box_spacing (box) * (n - 1);
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
      y += nat + box_spacing (box);
    }
}

/* @box's labels stacked @spacing apart, measured without a width search. */
static void
stack_labels (GtkWidget *box,
              int        spacing)
{
  g_object_set_qdata (G_OBJECT (box), spacing_quark (), GINT_TO_POINTER (spacing));
  gtk_widget_set_layout_manager (box, gtk_custom_layout_new (titles_request_mode, measure_titles, allocate_titles));
}

void
thr_row_titles_stack (AdwActionRow *row)
{
  GtkWidget *title_box = title_box_of (row);

  if (title_box == NULL)
    return;
  stack_labels (title_box, title_spacing ());
  /* GTK 4.8 measures a wrapping label's minimum width by laying it out
   * at width 0, which AdwActionRow's PANGO_WRAP_WORD_CHAR breaks into one
   * character a line.  The rows' words are far narrower than a 360-pixel
   * window, where the two modes break the same. */
  for (GtkWidget *label = gtk_widget_get_first_child (title_box); label != NULL;
       label = gtk_widget_get_next_sibling (label))
    gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
}

void
thr_row_titles_stack_group (AdwPreferencesGroup *group)
{
  GtkWidget *labels = group_labels_of (GTK_WIDGET (group));

  if (labels == NULL)
    return;
  stack_labels (labels, group_spacing ());
  for (GtkWidget *label = gtk_widget_get_first_child (labels); label != NULL;
       label = gtk_widget_get_next_sibling (label))
    if (gtk_label_get_wrap (GTK_LABEL (label)))
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
}

void
thr_row_titles_measure_again (AdwActionRow *row)
{
  GtkWidget *title_box = title_box_of (row);

  if (title_box != NULL)
    gtk_widget_queue_resize (title_box);
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
