/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-grid-widget.c — metrics × months, status by colour and glyph, read like a spreadsheet
 *
 * Three parts drawn by the core (thr_grid_draw_column_header, _row_header,
 * _body): the months along the top and the metrics (id and name) down the
 * side stay in view while the cells scroll under them, because both
 * headers follow the adjustments of the cells' scrolled window, which the
 * mouse wheel, the scrollbars and the keyboard's cursor move.
 *
 * The cursor is a ringed cell that the arrow keys move (Home and End: the
 * first and last month); its row and month are marked in the headers and
 * told to assistive technology: the cells' accessible name says the
 * metric, the month and the status, the headers' names say the row and
 * the month, and the row and column indexes go with them.  Enter, a
 * double click or activating the cell emits ::cell-activated.
 *
 * Each month is filled in as soon as the session announces it
 * (::month-evaluated, at the default priority), not when the window next
 * refreshes.  A new session of the same store and contract (after an
 * import, or another program's) keeps the previous statuses on screen,
 * faded, until their month is evaluated again, instead of a blank grid.
 */
#define G_LOG_DOMAIN "thr-grid-widget"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "thr-chart-widget.h"
#include "thr-grid-widget.h"

#define APP_MIN_CELL     36.0
#define APP_NATURAL_CELL 44.0
#define LABEL_MIN       110.0
#define LABEL_MAX       300.0
#define BODY_MAX_HEIGHT 440

struct _ThrGridWidget
{
  GtkWidget    parent_instance;
  ThrSession  *session;
  gulong       evaluated_id;
  ThrGridData  data;
  GPtrArray   *rows;      /* metric ids (borrowed from the contract) */
  GPtrArray   *titles;    /* metric names (borrowed from the contract) */
  GPtrArray   *sections;  /* owned heading per row */
  GPtrArray   *cols;      /* month labels (borrowed from the session) */
  GArray      *cells;     /* of ThrStatus */
  GArray      *known;     /* of gboolean, per column */
  GArray      *stale;     /* of gboolean, per column */
  GArray      *measured;  /* of gboolean, per cell: FALSE before the metric's first period */
  GHashTable  *previous;  /* "metric\nmonth" → status + 1, from the session before */
  gboolean     scroll_pending;

  GtkWidget   *corner;
  GtkWidget   *column_header;
  GtkWidget   *row_header;
  GtkWidget   *scroller;
  GtkWidget   *body;
};

enum {
  CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ThrGridWidget, thr_grid_widget, GTK_TYPE_WIDGET)

/* Section: geometry */

static double
cell_width (ThrGridWidget *self)
{
  int width = gtk_widget_get_width (self->body);
  double w;

  if (self->data.n_cols == 0 || width <= 0)
    return APP_NATURAL_CELL;
  w = floor (width / (double) self->data.n_cols);
  return CLAMP (w, APP_MIN_CELL, THR_GRID_MAX_CELL);
}

static GtkAdjustment *
hadjustment (ThrGridWidget *self)
{
  return gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scroller));
}

static GtkAdjustment *
vadjustment (ThrGridWidget *self)
{
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
}

static void
reveal (GtkAdjustment *adjustment,
        double         start,
        double         end)
{
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  if (end > value + page)
    value = end - page;
  if (start < value)
    value = start;
  gtk_adjustment_set_value (adjustment, value);
}

/* The cursor's cell, or else the chosen month, scrolled into view.  The
 * adjustments are only right once the body is allocated; until then the
 * scroll waits for their ::changed. */
static void
scroll_to_cursor (ThrGridWidget *self)
{
  int row = self->data.selected_row, col = self->data.selected_col;
  double cw = cell_width (self);

  if (col < 0)
    col = self->data.highlight_col;
  if (gtk_widget_get_width (self->body) <= 0 || gtk_adjustment_get_page_size (hadjustment (self)) <= 0)
    {
      self->scroll_pending = TRUE;
      return;
    }
  self->scroll_pending = FALSE;
  if (col >= 0)
    reveal (hadjustment (self), col * cw, (col + 1) * cw);
  if (row >= 0)
    reveal (vadjustment (self), thr_grid_body_row_top (&self->data, row, TRUE),
            thr_grid_body_row_top (&self->data, row, FALSE) + THR_GRID_ROW_HEIGHT);
}

/* Section: drawing */

/* A header stays in view: it takes the area's style and scrolls along
 * one axis only, by the cells' adjustment on that axis. */
static void
begin_header (GtkDrawingArea *area,
              cairo_t        *cr,
              GtkAdjustment  *scrolled_by,
              gboolean        horizontal,
              ThrChartStyle  *style)
{
  double offset = -round (gtk_adjustment_get_value (scrolled_by));

  thr_chart_style_init_from_widget (style, GTK_WIDGET (area));
  cairo_translate (cr, horizontal ? offset : 0, horizontal ? 0 : offset);
}

static void
draw_column_header_cb (GtkDrawingArea *area,
                       cairo_t        *cr,
                       int             width,
                       int             height,
                       gpointer        user_data)
{
  ThrGridWidget *self = user_data;
  ThrChartStyle style;

  begin_header (area, cr, hadjustment (self), TRUE, &style);
  thr_grid_draw_column_header (cr, &self->data, &style, cell_width (self));
}

static void
draw_row_header_cb (GtkDrawingArea *area,
                    cairo_t        *cr,
                    int             width,
                    int             height,
                    gpointer        user_data)
{
  ThrGridWidget *self = user_data;
  ThrChartStyle style;

  begin_header (area, cr, vadjustment (self), FALSE, &style);
  thr_grid_draw_row_header (cr, width, &self->data, &style);
}

static void
draw_body_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  ThrGridWidget *self = user_data;
  ThrChartStyle style;

  if (self->data.n_rows == 0)
    return;
  thr_chart_style_init_from_widget (&style, GTK_WIDGET (area));
  thr_grid_draw_body (cr, &self->data, &style, cell_width (self));
}

static void
queue_draw_parts (ThrGridWidget *self)
{
  gtk_widget_queue_draw (self->column_header);
  gtk_widget_queue_draw (self->row_header);
  gtk_widget_queue_draw (self->body);
}

/* Section: what is said */

static const char *
status_word (ThrStatus status)
{
  switch (status)
    {
    case THR_STATUS_MET:     return _("met");
    case THR_STATUS_MISSED:  return _("missed");
    case THR_STATUS_PENDING: return _("pending");
    case THR_STATUS_NO_DATA:
    default:                 return _("without data");
    }
}

/* What a screen reader hears of the grid: the month's counts and which
 * metrics it missed; of the cursor: its row, its month and its status. */
static void
update_description (ThrGridWidget *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint counts[4];
  int month = self->data.highlight_col;
  gboolean any = FALSE;

  if (self->session == NULL || month < 0)
    return;
  thr_session_count (self->session, month, counts);
  /* Translators: the compliance grid's accessible description. */
  g_string_printf (text, _("%u metrics over %u months. %s: %u met, %u missed, %u pending, %u without data."),
                   self->data.n_rows, self->data.n_cols,
                   thr_session_get_month (self->session, month),
                   counts[THR_STATUS_MET], counts[THR_STATUS_MISSED],
                   counts[THR_STATUS_PENDING], counts[THR_STATUS_NO_DATA]);
  for (guint r = 0; r < self->data.n_rows; r++)
    if (self->data.cells[r * self->data.n_cols + month] == THR_STATUS_MISSED)
      {
        g_string_append (text, any ? ", " : _(" Missed: "));
        g_string_append (text, g_ptr_array_index (self->rows, r));
        any = TRUE;
      }
  if (any)
    g_string_append_c (text, '.');
  if (self->data.selected_row >= 0 && self->data.selected_col >= 0)
    /* Translators: the selected cell: metric, month, status */
    g_string_append_printf (text, _(" Selected: %s in %s, %s."),
                            (const char *) g_ptr_array_index (self->rows, self->data.selected_row),
                            (const char *) g_ptr_array_index (self->cols, self->data.selected_col),
                            status_word (self->data.cells[self->data.selected_row * self->data.n_cols +
                                                          self->data.selected_col]));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

static void
update_cursor_accessible (ThrGridWidget *self)
{
  int row = self->data.selected_row, col = self->data.selected_col;
  g_autofree char *row_name = NULL;
  g_autofree char *month = NULL;
  g_autofree char *cell = NULL;

  if (row < 0 || col < 0)
    return;
  row_name = g_strdup_printf ("%s %s", (const char *) g_ptr_array_index (self->rows, row),
                              (const char *) g_ptr_array_index (self->titles, row));
  month = thr_period_label_to_words (g_ptr_array_index (self->cols, col));
  /* Translators: the grid's cursor: metric id, month in words, status */
  cell = g_strdup_printf (_("%s, %s: %s"), (const char *) g_ptr_array_index (self->rows, row), month,
                          status_word (self->data.cells[row * self->data.n_cols + col]));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->row_header), GTK_ACCESSIBLE_PROPERTY_LABEL, row_name, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->row_header), GTK_ACCESSIBLE_RELATION_ROW_INDEX, row + 1, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_header), GTK_ACCESSIBLE_PROPERTY_LABEL, month, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->column_header), GTK_ACCESSIBLE_RELATION_COL_INDEX, col + 1, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->body), GTK_ACCESSIBLE_PROPERTY_LABEL, cell, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->body),
                                  GTK_ACCESSIBLE_RELATION_ROW_INDEX, row + 1,
                                  GTK_ACCESSIBLE_RELATION_COL_INDEX, col + 1, -1);
}

/* Section: callbacks */

static gboolean
cell_known (ThrGridWidget *self,
            guint          col)
{
  return g_array_index (self->known, gboolean, col) && !g_array_index (self->stale, gboolean, col);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            ThrGridWidget   *self)
{
  guint row, col;

  gtk_widget_grab_focus (self->body);
  if (!thr_grid_body_cell_at (&self->data, cell_width (self), x, y, &row, &col))
    return;
  thr_grid_widget_select (self, row, col);
  /* One click puts the cursor on a cell, as in a spreadsheet; a second
   * opens it. */
  if (n_press == 2 && cell_known (self, col))
    g_signal_emit (self, signals[CELL_ACTIVATED], 0, g_ptr_array_index (self->rows, row), col);
}

static gboolean
query_tooltip_cb (GtkWidget     *widget,
                  int            x,
                  int            y,
                  gboolean       keyboard,
                  GtkTooltip    *tooltip,
                  ThrGridWidget *self)
{
  g_autofree char *text = NULL;
  g_autofree char *month = NULL;
  guint row, col;
  const ThrResult *result;

  if (keyboard && self->data.selected_row >= 0)
    {
      row = self->data.selected_row;
      col = self->data.selected_col;
    }
  else if (!thr_grid_body_cell_at (&self->data, cell_width (self), x, y, &row, &col))
    return FALSE;
  result = thr_session_get_result (self->session, col, g_ptr_array_index (self->rows, row));
  if (result == NULL)
    return FALSE;
  month = thr_period_label_to_words (thr_session_get_month (self->session, col));
  /* Translators: a grid cell's tooltip: id, month, status; the metric's name */
  text = g_strdup_printf (_("%s, %s: %s\n%s"), result->metric->id, month,
                          thr_status_get_label (result->status), thr_metric_get_label (result->metric));
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
move_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *param)
{
  ThrGridWidget *self = THR_GRID_WIDGET (widget);
  int dr, dc, row, col;

  g_variant_get (param, "(ii)", &dr, &dc);
  if (self->data.n_rows == 0 || self->data.n_cols == 0)
    return;
  row = MAX (self->data.selected_row, 0) + dr;
  if (dc == G_MININT32)
    col = 0;
  else if (dc == G_MAXINT32)
    col = (int) self->data.n_cols - 1;
  else
    col = (self->data.selected_col < 0 ? (int) self->data.n_cols - 1 : self->data.selected_col) + dc;
  thr_grid_widget_select (self, CLAMP (row, 0, (int) self->data.n_rows - 1),
                          CLAMP (col, 0, (int) self->data.n_cols - 1));
}

static void
activate_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  ThrGridWidget *self = THR_GRID_WIDGET (widget);

  if (self->data.selected_row >= 0 && self->data.selected_col >= 0 &&
      cell_known (self, self->data.selected_col))
    g_signal_emit (self, signals[CELL_ACTIVATED], 0,
                   g_ptr_array_index (self->rows, self->data.selected_row), self->data.selected_col);
}

/* The page around the grid scrolls so all of the grid shows when its
 * cells take the focus (rather than only the edge the focus landed on). */
static gboolean
reveal_in_page_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  GtkWidget *page = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content = page ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (page)) : NULL;
  graphene_rect_t bounds;

  if (content != NULL && gtk_widget_compute_bounds (widget, content, &bounds))
    reveal (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page)),
            bounds.origin.y, bounds.origin.y + bounds.size.height);
  return G_SOURCE_REMOVE;
}

static void
focus_enter_cb (ThrGridWidget *self)
{
  gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_in_page_cb, NULL, NULL);
}

static void
adjustment_changed_cb (ThrGridWidget *self)
{
  if (self->scroll_pending)
    scroll_to_cursor (self);
}

static void
style_changed_cb (ThrGridWidget *self)
{
  queue_draw_parts (self);
}

/* Section: filling */

static ThrStatus
status_of (ThrSession      *session,
           guint            month,
           const ThrMetric *metric)
{
  const ThrResult *result = thr_session_get_result (session, month, metric->id);

  return result ? result->status : THR_STATUS_NO_DATA;
}

static char *
previous_key (const char *metric,
              const char *month)
{
  return g_strdup_printf ("%s\n%s", metric, month);
}

/* Statuses of the months shown now, by metric and month, for a session of
 * the same store to show until it has evaluated them again. */
static GHashTable *
remember_statuses (ThrGridWidget *self)
{
  GHashTable *statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint c = 0; c < self->data.n_cols; c++)
    {
      if (!g_array_index (self->known, gboolean, c))
        continue;
      for (guint r = 0; r < self->data.n_rows; r++)
        g_hash_table_insert (statuses, previous_key (g_ptr_array_index (self->rows, r), g_ptr_array_index (self->cols, c)),
                             GINT_TO_POINTER (self->data.cells[r * self->data.n_cols + c] + 1));
    }
  return statuses;
}

static gboolean
same_store (ThrSession *a,
            ThrSession *b)
{
  return a != NULL && b != NULL && g_strcmp0 (thr_session_get_path (a), thr_session_get_path (b)) == 0 &&
         thr_session_get_contract_id (a) == thr_session_get_contract_id (b);
}

/* Fills month @m's column from the session, or from the previous
 * session's statuses (faded) while the month is not evaluated yet. */
static void
fill_column (ThrGridWidget *self,
             guint          m)
{
  gboolean known = thr_session_is_evaluated (self->session, m);
  gboolean stale = FALSE;
  ThrContract *contract = thr_session_get_contract (self->session);
  guint n_cols = self->data.n_cols;

  if (!known && self->previous != NULL)
    {
      known = stale = TRUE;
      for (guint r = 0; r < self->data.n_rows && stale; r++)
        {
          g_autofree char *key = previous_key (g_ptr_array_index (self->rows, r), g_ptr_array_index (self->cols, m));

          stale = g_hash_table_contains (self->previous, key);
        }
      known = stale;
    }
  for (guint r = 0; r < self->data.n_rows; r++)
    {
      ThrStatus *cell = &g_array_index (self->cells, ThrStatus, r * n_cols + m);

      if (stale)
        {
          g_autofree char *key = previous_key (g_ptr_array_index (self->rows, r), g_ptr_array_index (self->cols, m));

          *cell = GPOINTER_TO_INT (g_hash_table_lookup (self->previous, key)) - 1;
        }
      else
        *cell = status_of (self->session, m, thr_contract_get_metric (contract, r));
    }
  g_array_index (self->known, gboolean, m) = known;
  g_array_index (self->stale, gboolean, m) = stale;
}

static void
month_evaluated_cb (ThrSession    *session,
                    guint          month,
                    ThrGridWidget *self)
{
  if (month >= self->data.n_cols)
    return;
  fill_column (self, month);
  if (thr_session_is_complete (session))
    g_clear_pointer (&self->previous, g_hash_table_unref);
  if ((int) month == self->data.highlight_col)
    update_description (self);
  if ((int) month == self->data.selected_col)
    update_cursor_accessible (self);
  /* A month's statuses show in its cells and in its column's heading
   * (faded until known); the metrics' names and the cursor's row mark
   * do not change with it. */
  gtk_widget_queue_draw (self->column_header);
  gtk_widget_queue_draw (self->body);
}

static char *
section_heading (ThrContract *contract,
                 const char  *section_id)
{
  for (guint i = 0; i < thr_contract_get_n_sections (contract); i++)
    {
      const ThrSection *section = thr_contract_get_section (contract, i);

      if (g_strcmp0 (section->id, section_id) == 0 && section->title != NULL)
        return g_strdup_printf ("%s — %s", section->id, section->title);
    }
  return g_strdup (section_id);
}

static void
fill_rows (ThrGridWidget *self)
{
  ThrContract *contract = self->session ? thr_session_get_contract (self->session) : NULL;
  guint n_months = self->session ? thr_session_get_n_months (self->session) : 0;
  g_autofree ThrPeriod *months = NULL;
  g_autofree gboolean *parsed = NULL;

  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->titles, 0);
  g_ptr_array_set_size (self->sections, 0);
  g_ptr_array_set_size (self->cols, 0);
  for (guint m = 0; m < n_months; m++)
    g_ptr_array_add (self->cols, (char *) thr_session_get_month (self->session, m));
  for (guint i = 0; contract != NULL && i < thr_contract_get_n_metrics (contract); i++)
    {
      const ThrMetric *metric = thr_contract_get_metric (contract, i);

      g_ptr_array_add (self->rows, metric->id);
      g_ptr_array_add (self->titles, (gpointer) thr_metric_get_label (metric));
      g_ptr_array_add (self->sections, section_heading (contract, metric->section));
    }
  g_array_set_size (self->cells, self->rows->len * self->cols->len);
  g_array_set_size (self->measured, self->rows->len * self->cols->len);
  g_array_set_size (self->known, self->cols->len);
  g_array_set_size (self->stale, self->cols->len);
  /* Each month parsed once, not once per metric (51 × 24 parses were
   * 1.1 M instructions of every launch before its first frame). */
  months = g_new0 (ThrPeriod, MAX (n_months, 1));
  parsed = g_new0 (gboolean, MAX (n_months, 1));
  for (guint m = 0; m < n_months; m++)
    parsed[m] = thr_period_parse_kind (thr_session_get_month (self->session, m), THR_PERIOD_MONTH, &months[m], NULL);
  for (guint r = 0; r < self->rows->len; r++)
    for (guint m = 0; m < n_months; m++)
      g_array_index (self->measured, gboolean, r * n_months + m) =
        parsed[m] && thr_metric_is_measured (thr_contract_get_metric (contract, r), months[m].last);

  /* The metric column's and the month header's texts are laid out once
   * (thr_grid_draw_row_header lays out every id at each paint, and each
   * text in view; the header each month's number), not at each paint:
   * both are painted again at each month that arrives and as the cells
   * scroll.  New rows may say anything: they start afresh.  They are laid
   * out in the widget's own Pango context, as its labels are, so that they
   * share the labels' fonts instead of loading the same font again for a
   * context of their own. */
  thr_grid_layouts_free (self->data.layouts);
  self->data.layouts = thr_grid_layouts_new_in (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  self->data.n_rows = self->rows->len;
  self->data.n_cols = self->cols->len;
  self->data.row_labels = (const char *const *) self->rows->pdata;
  self->data.row_titles = (const char *const *) self->titles->pdata;
  self->data.row_sections = (const char *const *) self->sections->pdata;
  self->data.col_labels = (const char *const *) self->cols->pdata;
  self->data.cells = (const ThrStatus *) self->cells->data;
  self->data.col_known = (const gboolean *) self->known->data;
  self->data.col_stale = (const gboolean *) self->stale->data;
  self->data.cell_measured = (const gboolean *) self->measured->data;
  for (guint m = 0; m < n_months; m++)
    fill_column (self, m);
}

/* Section: layout */

static double
label_width_for (int width)
{
  return CLAMP (floor (width * 0.35), LABEL_MIN, LABEL_MAX);
}

static void
thr_grid_widget_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  ThrGridWidget *self = THR_GRID_WIDGET (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) (LABEL_MIN + 3 * APP_MIN_CELL);
      *natural = (int) ceil (LABEL_MAX + self->data.n_cols * APP_NATURAL_CELL);
    }
  else
    {
      int min = 0, nat = 0;

      gtk_widget_measure (self->scroller, orientation, -1, &min, &nat, NULL, NULL);
      *minimum = (int) THR_GRID_HEADER_HEIGHT + min;
      *natural = (int) THR_GRID_HEADER_HEIGHT + nat;
    }
}

static void
allocate (GtkWidget *child,
          int        x,
          int        y,
          int        width,
          int        height)
{
  int min;

  /* Measured first, as GTK asks of every child it allocates. */
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, &min, NULL, NULL, NULL);
  gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, MAX (width, 0), MAX (height, 0) }, -1);
}

static void
thr_grid_widget_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  ThrGridWidget *self = THR_GRID_WIDGET (widget);
  int label = (int) label_width_for (width);
  int header = (int) THR_GRID_HEADER_HEIGHT;

  self->data.label_width = label;
  allocate (self->corner, 0, 0, label, header);
  allocate (self->column_header, label, 0, width - label, header);
  allocate (self->row_header, 0, header, label, height - header);
  allocate (self->scroller, label, header, width - label, height - header);
  if (self->scroll_pending)
    scroll_to_cursor (self);
}

/* Section: class and instance */

static void
thr_grid_widget_dispose (GObject *object)
{
  ThrGridWidget *self = THR_GRID_WIDGET (object);

  if (self->session != NULL)
    g_clear_signal_handler (&self->evaluated_id, self->session);
  g_clear_object (&self->session);
  g_clear_pointer (&self->corner, gtk_widget_unparent);
  g_clear_pointer (&self->column_header, gtk_widget_unparent);
  g_clear_pointer (&self->row_header, gtk_widget_unparent);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  self->body = NULL;
  G_OBJECT_CLASS (thr_grid_widget_parent_class)->dispose (object);
}

static void
thr_grid_widget_finalize (GObject *object)
{
  ThrGridWidget *self = THR_GRID_WIDGET (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->titles, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->cols, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_array_unref);
  g_clear_pointer (&self->known, g_array_unref);
  g_clear_pointer (&self->stale, g_array_unref);
  g_clear_pointer (&self->measured, g_array_unref);
  g_clear_pointer (&self->previous, g_hash_table_unref);
  g_clear_pointer (&self->data.layouts, thr_grid_layouts_free);
  G_OBJECT_CLASS (thr_grid_widget_parent_class)->finalize (object);
}

static void
thr_grid_widget_class_init (ThrGridWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thr_grid_widget_dispose;
  object_class->finalize = thr_grid_widget_finalize;
  widget_class->measure = thr_grid_widget_measure;
  widget_class->size_allocate = thr_grid_widget_size_allocate;

  /**
   * ThrGridWidget::cell-activated:
   * @metric: the metric id of the row
   * @month: the month's index in the session
   */
  signals[CELL_ACTIVATED] =
    g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "grid.move", "(ii)", move_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "grid.move", "(ii)", -1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "grid.move", "(ii)", 1, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "grid.move", "(ii)", 0, -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "grid.move", "(ii)", 0, 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "grid.move", "(ii)", 0, G_MININT32);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "grid.move", "(ii)", 0, G_MAXINT32);
  gtk_widget_class_install_action (widget_class, "grid.activate", NULL, activate_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "grid.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "grid.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "grid.activate", NULL);

  gtk_widget_class_set_css_name (widget_class, "thrgrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
}

static GtkWidget *
drawing_area_new (GtkAccessibleRole  role,
                  GtkDrawingAreaDrawFunc draw,
                  ThrGridWidget     *self)
{
  GtkWidget *area = g_object_new (GTK_TYPE_DRAWING_AREA, "accessible-role", role, NULL);

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw, self, NULL);
  return area;
}

static void
thr_grid_widget_init (ThrGridWidget *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus;
  GtkWidget *viewport;

  self->rows = g_ptr_array_new ();
  self->titles = g_ptr_array_new ();
  self->sections = g_ptr_array_new_with_free_func (g_free);
  self->cols = g_ptr_array_new ();
  self->cells = g_array_new (FALSE, TRUE, sizeof (ThrStatus));
  self->known = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->stale = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->measured = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->data.selected_row = self->data.selected_col = self->data.highlight_col = -1;

  self->corner = gtk_label_new (_("Metric"));
  gtk_label_set_xalign (GTK_LABEL (self->corner), 0.0);
  gtk_label_set_yalign (GTK_LABEL (self->corner), 1.0);
  gtk_widget_set_margin_start (self->corner, 4);
  gtk_widget_set_margin_bottom (self->corner, 4);
  gtk_widget_add_css_class (self->corner, "dim-label");
  gtk_widget_add_css_class (self->corner, "caption-heading");
  gtk_widget_set_parent (self->corner, GTK_WIDGET (self));

  self->column_header = drawing_area_new (GTK_ACCESSIBLE_ROLE_COLUMN_HEADER, draw_column_header_cb, self);
  gtk_widget_set_parent (self->column_header, GTK_WIDGET (self));
  self->row_header = drawing_area_new (GTK_ACCESSIBLE_ROLE_ROW_HEADER, draw_row_header_cb, self);
  gtk_widget_set_parent (self->row_header, GTK_WIDGET (self));

  self->body = drawing_area_new (GTK_ACCESSIBLE_ROLE_GRID_CELL, draw_body_cb, self);
  gtk_widget_set_focusable (self->body, TRUE);
  gtk_widget_set_has_tooltip (self->body, TRUE);
  g_signal_connect (self->body, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (self->body, GTK_EVENT_CONTROLLER (click));
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_enter_cb), self);
  gtk_widget_add_controller (self->body, focus);

  viewport = gtk_viewport_new (NULL, NULL);
  gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), FALSE);
  gtk_viewport_set_child (GTK_VIEWPORT (viewport), self->body);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), viewport);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->scroller), BODY_MAX_HEIGHT);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  g_signal_connect_object (hadjustment (self), "value-changed", G_CALLBACK (gtk_widget_queue_draw),
                           self->column_header, G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment (self), "value-changed", G_CALLBACK (gtk_widget_queue_draw),
                           self->row_header, G_CONNECT_SWAPPED);
  g_signal_connect_object (hadjustment (self), "changed", G_CALLBACK (adjustment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vadjustment (self), "changed", G_CALLBACK (adjustment_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Compliance grid"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_header), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Month"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->row_header), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Metric"), -1);
}

/* Section: public API */

GtkWidget *
thr_grid_widget_new (void)
{
  return g_object_new (THR_TYPE_GRID_WIDGET, NULL);
}

void
thr_grid_widget_set_session (ThrGridWidget *self,
                             ThrSession    *session)
{
  gboolean same;

  g_return_if_fail (THR_IS_GRID_WIDGET (self));
  g_return_if_fail (session == NULL || THR_IS_SESSION (session));

  same = session == self->session;
  if (!same)
    {
      g_clear_pointer (&self->previous, g_hash_table_unref);
      if (same_store (self->session, session))
        self->previous = remember_statuses (self);
      if (self->session != NULL)
        g_clear_signal_handler (&self->evaluated_id, self->session);
      g_set_object (&self->session, session);
      if (session != NULL)
        self->evaluated_id = g_signal_connect (session, "month-evaluated", G_CALLBACK (month_evaluated_cb), self);
    }
  fill_rows (self);
  if (session != NULL && thr_session_is_complete (session))
    g_clear_pointer (&self->previous, g_hash_table_unref);
  if (!same && self->previous == NULL)
    self->data.selected_row = self->data.selected_col = self->data.highlight_col = -1;
  if (self->data.selected_row >= (int) self->data.n_rows || self->data.selected_col >= (int) self->data.n_cols)
    self->data.selected_row = self->data.selected_col = -1;
  if (self->data.highlight_col >= (int) self->data.n_cols)
    self->data.highlight_col = -1;
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->body), (int) (self->data.n_cols * APP_MIN_CELL));
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->body), (int) ceil (thr_grid_get_body_height (&self->data)));
  /* A page's viewport gives its content the minimum height, so the
   * minimum is what the cells should take: all of them, up to a limit
   * past which they scroll under the headers. */
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->scroller),
                                              MIN ((int) ceil (thr_grid_get_body_height (&self->data)),
                                                   BODY_MAX_HEIGHT));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_ROW_COUNT, (int) self->data.n_rows,
                                  GTK_ACCESSIBLE_RELATION_COL_COUNT, (int) self->data.n_cols, -1);
  update_description (self);
  update_cursor_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  queue_draw_parts (self);
}

void
thr_grid_widget_select (ThrGridWidget *self,
                        int            row,
                        int            month)
{
  g_return_if_fail (THR_IS_GRID_WIDGET (self));

  self->data.selected_row = row < (int) self->data.n_rows ? row : -1;
  self->data.selected_col = month < (int) self->data.n_cols ? month : -1;
  update_description (self);
  update_cursor_accessible (self);
  scroll_to_cursor (self);
  queue_draw_parts (self);
}

void
thr_grid_widget_get_cursor (ThrGridWidget *self,
                            int           *row,
                            int           *month)
{
  g_return_if_fail (THR_IS_GRID_WIDGET (self));

  if (row != NULL)
    *row = self->data.selected_row;
  if (month != NULL)
    *month = self->data.selected_col;
}

void
thr_grid_widget_set_month (ThrGridWidget *self,
                           int            month)
{
  gboolean moved;

  g_return_if_fail (THR_IS_GRID_WIDGET (self));

  month = month < (int) self->data.n_cols ? month : -1;
  moved = month != self->data.highlight_col;
  /* The overview sets the month again at each update (the ledger, then
   * the consequences); drawn again, the grid cost the frame after the
   * consequences about 2 ms of its paint for nothing. */
  if (!moved)
    return;
  self->data.highlight_col = month;
  /* The cursor goes to the chosen month, in the row it was in. */
  if (month >= 0)
    thr_grid_widget_select (self, MAX (self->data.selected_row, 0), month);
  update_description (self);
  queue_draw_parts (self);
}

guint
thr_grid_widget_get_n_rows (ThrGridWidget *self)
{
  g_return_val_if_fail (THR_IS_GRID_WIDGET (self), 0);
  return self->data.n_rows;
}

const char *
thr_grid_widget_get_metric (ThrGridWidget *self,
                            guint          row)
{
  g_return_val_if_fail (THR_IS_GRID_WIDGET (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, row);
}

ThrStatus
thr_grid_widget_get_status (ThrGridWidget *self,
                            guint          row,
                            guint          month)
{
  g_return_val_if_fail (THR_IS_GRID_WIDGET (self), THR_STATUS_NO_DATA);
  g_return_val_if_fail (row < self->data.n_rows && month < self->data.n_cols, THR_STATUS_NO_DATA);
  return self->data.cells[row * self->data.n_cols + month];
}

gboolean
thr_grid_widget_is_month_shown (ThrGridWidget *self,
                                guint          month,
                                gboolean      *stale)
{
  g_return_val_if_fail (THR_IS_GRID_WIDGET (self), FALSE);
  g_return_val_if_fail (month < self->data.n_cols, FALSE);

  if (stale != NULL)
    *stale = g_array_index (self->stale, gboolean, month);
  return g_array_index (self->known, gboolean, month);
}

GtkWidget *
thr_grid_widget_get_column_header (ThrGridWidget *self)
{
  g_return_val_if_fail (THR_IS_GRID_WIDGET (self), NULL);
  return self->column_header;
}

GtkWidget *
thr_grid_widget_get_row_header (ThrGridWidget *self)
{
  g_return_val_if_fail (THR_IS_GRID_WIDGET (self), NULL);
  return self->row_header;
}

GtkWidget *
thr_grid_widget_get_body (ThrGridWidget *self)
{
  g_return_val_if_fail (THR_IS_GRID_WIDGET (self), NULL);
  return self->body;
}

GtkScrolledWindow *
thr_grid_widget_get_scroller (ThrGridWidget *self)
{
  g_return_val_if_fail (THR_IS_GRID_WIDGET (self), NULL);
  return GTK_SCROLLED_WINDOW (self->scroller);
}
