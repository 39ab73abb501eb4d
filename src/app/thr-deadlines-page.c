/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-deadlines-page.c — overdue, due today, upcoming and done
 *
 * The items are the core's (thr_deadlines_collect, judged against the
 * session's today); this page groups them by state and writes each day
 * relative to today ("in 3 days", "2 days overdue").  Done items are
 * folded into one expander row.  An item about a CAP opens it.
 *
 * A day that is not a business day in the chosen holiday calendar (the
 * contract's unless the preferences name another) is pointed out under
 * its date: the contract counts these dates in calendar days, so such a
 * deadline stands, but the office may be closed on it.
 *
 * Ctrl+F finds a date by its words; "Missed Only" keeps the overdue ones
 * (the search bar shows and hides the rows, thr-search-bar.c).
 *
 * The overdue, due and upcoming rows are each group's GtkListBox bound to
 * a chunked list of the group's dates (thr-chunked-list): the first visit
 * lays out a screenful, the rest come a few a frame; find, Tab, Down,
 * Page Down and End build them all.  Each row is handed to the search bar
 * as it is built.
 */
#define G_LOG_DOMAIN "thr-deadlines-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "thr-chunked-list.h"
#include "thr-deadlines-page.h"
#include "thr-tooltip.h"
#include "thr-format.h"
#include "thr-row-titles.h"
#include "thr-search-bar.h"

struct _ThrDeadlinesPage
{
  GtkWidget    parent_instance;
  ThrSession  *session;
  ThrCalendar *calendar;
  guint        n_shown[4];
  guint        n_marked;
  GtkWidget   *done_group;    /* the expander of the dates done, and its group */
  GtkWidget   *done_expander;
  gboolean     done_built;    /* its rows, built when they can first be seen */
  GPtrArray   *built;         /* per group with dates, its chunked list (thr-chunked-list) */

  GtkWidget   *scrolled;
  GtkWidget   *box;
  ThrSearchBar *search_bar;
};

G_DEFINE_FINAL_TYPE (ThrDeadlinesPage, thr_deadlines_page, GTK_TYPE_WIDGET)

/* Before the page's height is known, what a window of 768 pixels shows of
 * it, about 8 dates; each costs about 3.5 ms to lay out the first time
 * (docs/benchmarks.md). */
enum { FIRST_ROWS = 8, ROWS_A_FRAME = 4 };

/* "Christmas Day", "Saturday", or NULL on a business day. */
static char *
closed_because (ThrCalendar *calendar,
                guint32      day)
{
  const char *holiday = NULL;
  GDate date;

  if (calendar == NULL || thr_calendar_is_business_day (calendar, day))
    return NULL;
  if (thr_calendar_is_holiday (calendar, day, &holiday) && holiday != NULL)
    return g_strdup (thr_calendar_translate (holiday));
  /* The weekend's days from the catalogue, not the C library's locale,
   * which may be C.UTF-8 under a Spanish desktop. */
  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  switch (g_date_get_weekday (&date))
    {
    case G_DATE_SATURDAY:
      return g_strdup (_("Saturday"));
    case G_DATE_SUNDAY:
      return g_strdup (_("Sunday"));
    case G_DATE_MONDAY:
    case G_DATE_TUESDAY:
    case G_DATE_WEDNESDAY:
    case G_DATE_THURSDAY:
    case G_DATE_FRIDAY:
    case G_DATE_BAD_WEEKDAY:
    default:
      return g_strdup (_("not a business day"));
    }
}

/* The clause under a date wraps to two lines, at the width the window
 * gives the row whatever the label asks for.  Asked for the natural width
 * of its one-line text instead of GTK 4.8's default (the width its
 * wrapping would choose), the page's first visit takes 90-92 ms
 * instead of 120-127 (the test demo store's 23 overdue dates, docs/benchmarks.md).
 * The title and the clause break lines between words only: AdwActionRow
 * breaks them between characters too, and GTK 4.8 measures a wrapping
 * label's minimum width by laying it out at width 0, one character a line
 * then (as the Ledger's corrective periods).  Their box is measured
 * without a search of widths for a height (thr-row-titles.c). */
static void
natural_width_unwrapped (GtkWidget *row)
{
  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "subtitle"))
        gtk_label_set_natural_wrap_mode (GTK_LABEL (child), GTK_NATURAL_WRAP_NONE);
      natural_width_unwrapped (child);
    }
}

static GtkWidget *
item_row (ThrDeadlinesPage      *self,
          const ThrDeadlineItem *item,
          guint32                today)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *closed = closed_because (self->calendar, item->day);
  g_autofree char *date = NULL;
  g_autofree char *relative = thr_format_relative_day (item->day, today, item->state == THR_DEADLINE_OVERDUE);
  g_autofree char *words = thr_deadline_item_describe (item, self->session ? thr_session_get_caps (self->session)
                                                                           : NULL);
  g_autofree char *title = g_markup_escape_text (words, -1);
  g_autofree char *subtitle = g_markup_escape_text (thr_deadline_item_get_clause (item), -1);
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *when = gtk_label_new (relative);
  GtkWidget *day;

  date = thr_day_format (item->day);
  if (closed != NULL)
    {
      /* Translators: a date, then the holiday or weekday that closes the office on it */
      g_autofree char *marked = g_strdup_printf (_("%s · %s"), date, closed);

      g_free (date);
      date = g_steal_pointer (&marked);
    }
  day = gtk_label_new (date);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  natural_width_unwrapped (row);
  thr_row_titles_stack (ADW_ACTION_ROW (row));
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (when), 1);
  gtk_label_set_xalign (GTK_LABEL (day), 1);
  gtk_widget_add_css_class (when, "heading");
  if (item->state == THR_DEADLINE_OVERDUE)
    gtk_widget_add_css_class (when, "error");
  else if (item->state == THR_DEADLINE_DUE)
    gtk_widget_add_css_class (when, "warning");
  if (closed != NULL)
    {
      /* Translators: the holiday calendar's name */
      g_autofree char *tooltip = g_strdup_printf (_("Not a business day in the %s calendar"),
                                                  thr_calendar_translate (thr_calendar_get_name (self->calendar)));

      thr_tooltip_set_text (day, tooltip);
    }
  gtk_widget_add_css_class (day, "dim-label");
  gtk_widget_add_css_class (day, "caption");
  gtk_widget_add_css_class (day, "numeric");
  gtk_box_append (GTK_BOX (suffix), when);
  gtk_box_append (GTK_BOX (suffix), day);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  if (item->cap_id != 0)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-cap");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", item->cap_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  return row;
}

/* The row is found by what it says; "missed only" keeps it if overdue. */
static GtkWidget *
tracked_row (ThrDeadlinesPage      *self,
             GtkWidget             *group,
             const ThrDeadlineItem *item,
             guint32                today)
{
  GtkWidget *row = item_row (self, item, today);
  g_autofree char *date = thr_day_format (item->day);
  /* What the row says in the user's language, and the title the CLI and
   * the calendar give it, so either finds it. */
  g_autofree char *words = thr_deadline_item_describe (item, self->session ? thr_session_get_caps (self->session) : NULL);
  g_autofree char *text = g_strdup_printf ("%s %s %s %s", words, item->title,
                                           thr_deadline_item_get_clause (item), date);

  thr_search_bar_track_row (self->search_bar, row, group, text, item->state == THR_DEADLINE_OVERDUE);
  return row;
}

/* A row of a group's list, built when the chunked list reaches it; what
 * find shows of it is the bar's to say from then on. */
static GtkWidget *
list_row_cb (gpointer item,
             gpointer user_data)
{
  ThrDeadlinesPage *self = user_data;
  const ThrDeadlineItem *deadline = g_object_get_data (item, "thr-deadline");
  GtkWidget *group = g_object_get_data (item, "thr-group");
  guint32 today = self->session ? thr_session_get_today (self->session) : 0;
  GtkWidget *row = tracked_row (self, group, deadline, today);

  gtk_widget_set_visible (row, thr_search_bar_matches (self->search_bar, g_object_get_data (G_OBJECT (row), "thr-search-item")));
  return row;
}

/* The rows built a chunk at a time are counted by find as they come. */
static void
rows_built_cb (ThrDeadlinesPage *self)
{
  thr_search_bar_apply (self->search_bar);
}

/* Every row, for find and what reads them all. */
static void
build_all (ThrDeadlinesPage *self)
{
  if (self->built->len > 0)
    thr_chunked_list_complete (g_ptr_array_index (self->built, 0));
}

/* The first N dates built, the overdue first. */
static void
build_first_rows (ThrDeadlinesPage *self,
                  guint             n)
{
  for (guint i = 0; i < self->built->len; i++)
    {
      GtkSliceListModel *slice = g_ptr_array_index (self->built, i);
      guint in_group = MIN (n, g_list_model_get_n_items (gtk_slice_list_model_get_model (slice)));

      if (gtk_slice_list_model_get_size (slice) < in_group)
        gtk_slice_list_model_set_size (slice, in_group);
      n -= in_group;
    }
}

static gboolean
is_built_whole (ThrDeadlinesPage *self)
{
  for (guint i = 0; i < self->built->len; i++)
    if (!thr_chunked_list_is_complete (g_ptr_array_index (self->built, i)))
      return FALSE;
  return TRUE;
}

/* The height of the scrolled dates the page shows, or will show at its
 * first visit (from its stack's, laid out at earlier frames, less what is
 * above the dates), and the width they are laid out at; 0 before any. */
static int
shown_height (ThrDeadlinesPage *self,
              int              *width)
{
  GtkWidget *sized = GTK_WIDGET (self);
  int height;

  if (gtk_widget_get_height (sized) == 0 && gtk_widget_get_parent (sized) != NULL)
    sized = gtk_widget_get_parent (sized);
  *width = gtk_widget_get_width (sized);
  height = gtk_widget_get_height (sized);
  for (GtkWidget *above = gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (self)));
       above != NULL && above != self->scrolled; above = gtk_widget_get_next_sibling (above))
    if (gtk_widget_get_visible (above))
      {
        int natural;

        gtk_widget_measure (above, GTK_ORIENTATION_VERTICAL, *width, NULL, &natural, NULL, NULL);
        height -= natural;
      }
  return height;
}

/* The height of the groups below the first list not yet whole, which the
 * dates still to come push down: a title and a line each (Due Today's
 * date, the dates done folded), the same height at any width. */
static int
height_below_rows_to_come (ThrDeadlinesPage *self)
{
  GtkWidget *growing = NULL;
  int height = 0;

  for (guint i = 0; i < self->built->len && growing == NULL; i++)
    if (!thr_chunked_list_is_complete (g_ptr_array_index (self->built, i)))
      growing = g_object_get_data (g_ptr_array_index (self->built, i), "thr-group");
  for (GtkWidget *below = growing ? gtk_widget_get_next_sibling (growing) : NULL; below != NULL;
       below = gtk_widget_get_next_sibling (below))
    {
      int natural;

      gtk_widget_measure (below, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
      height += natural + gtk_box_get_spacing (GTK_BOX (self->box));
    }
  return height;
}

/* The dates one screen shows, built before the frame that shows them:
 * from the page's height, as many as fill the scrolled area down to its
 * bottom (the rows measured are laid out once, as the frame would). */
static void
build_first_screenful (ThrDeadlinesPage *self)
{
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (self->scrolled));
  int width;
  int height = shown_height (self, &width);
  guint n = FIRST_ROWS;

  build_first_rows (self, n);
  if (height <= 0 || width <= 0)
    return;
  for (n = thr_deadlines_page_get_n_rows_built (self); !is_built_whole (self); n++)
    {
      int natural;

      gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
      if (natural - height_below_rows_to_come (self) >= height)
        break;
      build_first_rows (self, n + 1);
    }
}

/* The group's dates as a list box of rows built a screenful first. */
static GtkWidget *
group_list (ThrDeadlinesPage *self,
            GtkWidget        *group,
            GPtrArray        *items,
            ThrDeadlineState  state)
{
  g_autoptr(GListStore) dates = g_list_store_new (THR_TYPE_SEARCH_ITEM);
  GtkWidget *list = gtk_list_box_new ();
  GListModel *built;

  for (guint i = 0; i < items->len; i++)
    {
      const ThrDeadlineItem *item = g_ptr_array_index (items, i);
      g_autoptr(ThrSearchItem) date = NULL;

      if (item->state != state)
        continue;
      date = thr_search_item_new (item->key, NULL, item->state == THR_DEADLINE_OVERDUE);
      g_object_set_data_full (G_OBJECT (date), "thr-deadline", thr_deadline_item_copy (item),
                              (GDestroyNotify) thr_deadline_item_free);
      g_object_set_data (G_OBJECT (date), "thr-group", group);
      g_list_store_append (dates, date);
    }
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  built = thr_chunked_list_new (G_LIST_MODEL (dates), list, 0, ROWS_A_FRAME,
                                self->built->len > 0 ? g_ptr_array_index (self->built, self->built->len - 1) : NULL);
  g_signal_connect_object (built, "items-changed", G_CALLBACK (rows_built_cb), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_list_box_bind_model (GTK_LIST_BOX (list), built, list_row_cb, self, NULL);
  /* Its group, for what is below it (height_below_rows_to_come). */
  g_object_set_data (G_OBJECT (built), "thr-group", group);
  g_ptr_array_add (self->built, built);
  return list;
}

/* The rows of the dates done, newest first, once; with find shown, every
 * row of the other groups first, so that find counts and shows them. */
static void
build_done (ThrDeadlinesPage *self)
{
  GPtrArray *items = self->session ? thr_session_get_deadlines (self->session) : NULL;
  guint32 today = self->session ? thr_session_get_today (self->session) : 0;

  if (thr_search_bar_get_shown (self->search_bar))
    build_all (self);
  if (self->done_built || self->done_expander == NULL || items == NULL)
    return;
  self->done_built = TRUE;
  for (guint i = items->len; i-- > 0;)
    {
      const ThrDeadlineItem *item = g_ptr_array_index (items, i);

      if (item->state == THR_DEADLINE_DONE)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (self->done_expander),
                                  tracked_row (self, self->done_group, item, today));
    }
  thr_search_bar_apply (self->search_bar);
}

static void
build (ThrDeadlinesPage *self)
{
  static const struct {
    ThrDeadlineState state;
    const char *title;
    const char *empty;
  } groups[] = {
    { THR_DEADLINE_OVERDUE, N_("Overdue"), N_("Nothing is overdue.") },
    { THR_DEADLINE_DUE, N_("Due Today"), N_("Nothing is due today.") },
    { THR_DEADLINE_UPCOMING, N_("Upcoming"), N_("No dates ahead yet.") },
  };
  GPtrArray *items = self->session ? thr_session_get_deadlines (self->session) : NULL;
  guint32 today = self->session ? thr_session_get_today (self->session) : 0;
  GtkWidget *child, *group, *done;

  thr_search_bar_forget_rows (self->search_bar);
  self->done_group = self->done_expander = NULL;
  while ((child = gtk_widget_get_first_child (self->box)))
    gtk_box_remove (GTK_BOX (self->box), child);
  g_ptr_array_set_size (self->built, 0);
  memset (self->n_shown, 0, sizeof self->n_shown);
  self->n_marked = 0;
  if (items == NULL)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "alarm-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Working Out the Contract's Dates…"));
      gtk_widget_set_vexpand (status, TRUE);
      gtk_box_append (GTK_BOX (self->box), status);
      return;
    }

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      g_autofree char *today_text = thr_day_format (today);

      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(groups[g].title));
      if (groups[g].state == THR_DEADLINE_DUE)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), today_text);
      for (guint i = 0; i < items->len; i++)
        self->n_shown[groups[g].state] += ((const ThrDeadlineItem *) g_ptr_array_index (items, i))->state == groups[g].state;
      if (self->n_shown[groups[g].state] > 0)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), group_list (self, group, items, groups[g].state));
      else
        {
          GtkWidget *label = gtk_label_new (_(groups[g].empty));

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "dim-label");
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
        }
      gtk_box_append (GTK_BOX (self->box), group);
    }
  build_first_screenful (self);

  /* Done items, newest first, folded away: their rows are built when the
   * expander opens or a search may show them (most of a store's dates are
   * done, and rows in a closed expander cost as much to lay out). */
  group = adw_preferences_group_new ();
  done = adw_expander_row_new ();
  for (guint i = 0; i < items->len; i++)
    {
      const ThrDeadlineItem *item = g_ptr_array_index (items, i);
      g_autofree char *closed = closed_because (self->calendar, item->day);

      self->n_shown[THR_DEADLINE_DONE] += item->state == THR_DEADLINE_DONE;
      /* Counted for every date, shown or folded away. */
      self->n_marked += closed != NULL;
    }
  {
    g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Date Done", "%u Dates Done",
                                                           self->n_shown[THR_DEADLINE_DONE]),
                                              self->n_shown[THR_DEADLINE_DONE]);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (done), title);
  }
  gtk_widget_set_sensitive (done, self->n_shown[THR_DEADLINE_DONE] > 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), done);
  gtk_box_append (GTK_BOX (self->box), group);
  self->done_group = group;
  self->done_expander = done;
  self->done_built = FALSE;
  g_signal_connect_object (done, "notify::expanded", G_CALLBACK (build_done), self, G_CONNECT_SWAPPED);
  if (thr_search_bar_get_shown (self->search_bar))
    build_done (self);
  thr_search_bar_apply (self->search_bar);
}

static void
thr_deadlines_page_dispose (GObject *object)
{
  ThrDeadlinesPage *self = THR_DEADLINES_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), THR_TYPE_DEADLINES_PAGE);
  /* The box around the search bar and the list is not bound. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->calendar);
  g_clear_pointer (&self->built, g_ptr_array_unref);
  G_OBJECT_CLASS (thr_deadlines_page_parent_class)->dispose (object);
}

static void
thr_deadlines_page_class_init (ThrDeadlinesPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = thr_deadlines_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thresholdapp/Threshold/thr-deadlines-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThrDeadlinesPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, ThrDeadlinesPage, box);
  gtk_widget_class_bind_template_child (widget_class, ThrDeadlinesPage, search_bar);
}

static void
thr_deadlines_page_init (ThrDeadlinesPage *self)
{
  g_type_ensure (THR_TYPE_SEARCH_BAR);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->built = g_ptr_array_new_with_free_func (g_object_unref);
  thr_search_bar_set_missed_tooltip (self->search_bar, _("Only the dates overdue"));
  thr_search_bar_set_key_capture (self->search_bar, GTK_WIDGET (self));
  g_signal_connect_object (self->search_bar, "notify::shown", G_CALLBACK (build_done), self, G_CONNECT_SWAPPED);
  /* The page is built before it is first shown, its height not known. */
  g_signal_connect (self, "map", G_CALLBACK (build_first_screenful), NULL);
}

void
thr_deadlines_page_set_session (ThrDeadlinesPage *self,
                                ThrSession       *session)
{
  g_return_if_fail (THR_IS_DEADLINES_PAGE (self));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_swapped (session, "consequences-changed", G_CALLBACK (build), self);
  build (self);
}

guint
thr_deadlines_page_get_n_shown (ThrDeadlinesPage *self,
                                int               state)
{
  g_return_val_if_fail (THR_IS_DEADLINES_PAGE (self), 0);
  g_return_val_if_fail (state >= 0 && state < 4, 0);
  return self->n_shown[state];
}

void
thr_deadlines_page_set_calendar (ThrDeadlinesPage *self,
                                 ThrCalendar      *calendar)
{
  g_return_if_fail (THR_IS_DEADLINES_PAGE (self));
  g_return_if_fail (calendar == NULL || THR_IS_CALENDAR (calendar));

  if (self->calendar == calendar)
    return;
  g_set_object (&self->calendar, calendar);
  build (self);
}

guint
thr_deadlines_page_get_n_rows_built (ThrDeadlinesPage *self)
{
  guint n = 0;

  g_return_val_if_fail (THR_IS_DEADLINES_PAGE (self), 0);

  for (guint i = 0; i < self->built->len; i++)
    n += g_list_model_get_n_items (g_ptr_array_index (self->built, i));
  return n;
}

guint
thr_deadlines_page_get_n_marked (ThrDeadlinesPage *self)
{
  g_return_val_if_fail (THR_IS_DEADLINES_PAGE (self), 0);
  return self->n_marked;
}

ThrSearchBar *
thr_deadlines_page_get_search_bar (ThrDeadlinesPage *self)
{
  g_return_val_if_fail (THR_IS_DEADLINES_PAGE (self), NULL);
  return self->search_bar;
}
