/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-counts-layout.c — the overview's counts, two to four a line
 *
 * The overview's four counts (met, missed, pending, without data) were a
 * homogeneous GtkFlowBox, two to four cards a line.  Nothing else in the
 * first frame is a flow box, so every launch paid for its class (its key
 * bindings), a GtkFlowBoxChild around each card and the flow box's
 * measuring: 2.5 M instructions of the main thread (callgrind).  This
 * layout manager, on the page's box of cards, places them as that flow box
 * did, to the pixel (the cards' 3-pixel margins are the flow box children's
 * padding): each card as wide as the widest, as many a line as fit at
 * their natural width (two at least, four at most), the line's width
 * shared out equally and its spare pixels one each to the first cards; the
 * lines as tall as the tallest card at that width, 12 pixels apart.
 */
#include "thr-counts-layout.h"

#define SPACING      12
#define MIN_PER_LINE 2
#define MAX_PER_LINE 4

struct _ThrCountsLayout
{
  GtkLayoutManager parent_instance;
};

G_DEFINE_FINAL_TYPE (ThrCountsLayout, thr_counts_layout, GTK_TYPE_LAYOUT_MANAGER)

static int
count_visible (GtkWidget *widget)
{
  int n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += gtk_widget_should_layout (child);
  return n;
}

/* The largest of the cards' sizes in ORIENTATION, for FOR_SIZE. */
static void
measure_cards (GtkWidget      *widget,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural)
{
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      int min, nat;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural = MAX (*natural, nat);
    }
}

/* How many cards a line of WIDTH takes, at their natural width NATURAL. */
static int
per_line (int width,
          int natural)
{
  int n = width / (natural + SPACING);

  if (n * SPACING + (n + 1) * natural <= width)
    n++;
  return CLAMP (n, MIN_PER_LINE, MAX_PER_LINE);
}

static int
lines_for (int cards,
           int per_line)
{
  return MAX (1, (cards + per_line - 1) / per_line);
}

static GtkSizeRequestMode
thr_counts_layout_get_request_mode (GtkLayoutManager *manager,
                                    GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
measure_width (GtkWidget *widget,
               int       *minimum,
               int       *natural)
{
  int min, nat;

  measure_cards (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat);
  *minimum = min * MIN_PER_LINE + (MIN_PER_LINE - 1) * SPACING;
  *natural = nat * MAX_PER_LINE + (MAX_PER_LINE - 1) * SPACING;
}

static void
measure_height (GtkWidget *widget,
                int        width,
                int       *minimum,
                int       *natural)
{
  int cards = count_visible (widget);
  int min_width, nat_width, min_card, nat_card, n, lines, card_width;

  *minimum = *natural = 0;
  measure_width (widget, &min_width, &nat_width);
  width = width < 0 ? min_width : MAX (width, min_width);
  measure_cards (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_card, &nat_card);
  if (cards == 0 || width <= 0 || nat_card <= 0)
    return;
  n = per_line (width, nat_card);
  card_width = (width - (n - 1) * SPACING) / n;
  lines = lines_for (cards, n);
  measure_cards (widget, GTK_ORIENTATION_VERTICAL, card_width, &min_card, &nat_card);
  *minimum = min_card * lines + (lines - 1) * SPACING;
  *natural = nat_card * lines + (lines - 1) * SPACING;
}

static void
thr_counts_layout_measure (GtkLayoutManager *manager,
                           GtkWidget        *widget,
                           GtkOrientation    orientation,
                           int               for_size,
                           int              *minimum,
                           int              *natural,
                           int              *minimum_baseline,
                           int              *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    measure_width (widget, minimum, natural);
  else
    measure_height (widget, for_size, minimum, natural);
}

static void
thr_counts_layout_allocate (GtkLayoutManager *manager,
                            GtkWidget        *widget,
                            int               width,
                            int               height,
                            int               baseline)
{
  int cards = count_visible (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int min_card, nat_card, n, lines, card_width, line_height, spare, i = 0, x = 0, y = 0;

  measure_cards (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_card, &nat_card);
  if (nat_card <= 0)
    {
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        if (gtk_widget_should_layout (child))
          gtk_widget_size_allocate (child, &(GtkAllocation) { 0, 0, 0, 0 }, -1);
      return;
    }
  n = per_line (width, nat_card);
  lines = lines_for (cards, n);
  card_width = (width - (n - 1) * SPACING) / n;
  line_height = (height - (lines - 1) * SPACING) / lines;
  spare = width - (n - 1) * SPACING - card_width * n;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkAllocation allocation;
      int position = i % n;

      if (!gtk_widget_should_layout (child))
        continue;
      if (i > 0 && position == 0)
        {
          y += line_height + SPACING;
          x = 0;
        }
      allocation.x = x;
      allocation.y = y;
      allocation.width = card_width + (position < spare);
      allocation.height = line_height;
      if (rtl)
        allocation.x = width - allocation.x - allocation.width;
      gtk_widget_size_allocate (child, &allocation, -1);
      x += allocation.width + SPACING;
      i++;
    }
}

static void
thr_counts_layout_class_init (ThrCountsLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->get_request_mode = thr_counts_layout_get_request_mode;
  layout_class->measure = thr_counts_layout_measure;
  layout_class->allocate = thr_counts_layout_allocate;
}

static void
thr_counts_layout_init (ThrCountsLayout *self)
{
}
