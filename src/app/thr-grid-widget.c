/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-grid-widget.c — metrics × months, status by colour and glyph
 *
 * A click, or Enter on the keyboard-selected cell, emits ::cell-activated
 * with the metric and the month; the arrow keys move the selection.  The
 * accessible description states the counts of the selected month.
 */
#define G_LOG_DOMAIN "thr-grid-widget"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "thr-chart-widget.h"
#include "thr-grid-widget.h"

struct _ThrGridWidget
{
  GtkWidget    parent_instance;
  ThrSession  *session;
  ThrGridData  data;
  GPtrArray   *rows;      /* metric ids (borrowed from the contract) */
  GPtrArray   *sections;  /* owned heading per row */
  GPtrArray   *cols;      /* month labels (borrowed from the session) */
  GArray      *cells;     /* of ThrStatus */
  GArray      *known;     /* of gboolean, per column */
  GArray      *measured;  /* of gboolean, per cell: FALSE before the metric's first period */
};

enum {
  CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ThrGridWidget, thr_grid_widget, GTK_TYPE_WIDGET)

static void
thr_grid_widget_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  ThrGridWidget *self = THR_GRID_WIDGET (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  ThrChartStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->data.n_rows == 0)
    return;
  thr_chart_style_init_from_widget (&style, widget);
  if (!gtk_widget_has_visible_focus (widget))
    {
      /* The selection ring is a keyboard focus indicator. */
      ThrGridData data = self->data;

      data.selected_row = data.selected_col = -1;
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      thr_grid_draw (cr, width, height, &data, &style);
    }
  else
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      thr_grid_draw (cr, width, height, &self->data, &style);
    }
  cairo_destroy (cr);
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
  double min_width, height;

  thr_grid_get_size (&self->data, &min_width, &height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) ceil (min_width);
      *natural = (int) ceil (THR_GRID_LABEL_WIDTH + self->data.n_cols * 44.0);
    }
  else
    *minimum = *natural = (int) ceil (height);
}

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

/* What a screen reader hears: the month's counts, which metrics it
 * missed, and the selected cell's status. */
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
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            ThrGridWidget   *self)
{
  guint row, col;

  if (!thr_grid_cell_at (&self->data, gtk_widget_get_width (GTK_WIDGET (self)), x, y, &row, &col) ||
      !g_array_index (self->known, gboolean, col))
    return;
  thr_grid_widget_select (self, row, col);
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
  guint row, col;
  const ThrResult *result;

  if (keyboard && self->data.selected_row >= 0)
    {
      row = self->data.selected_row;
      col = self->data.selected_col;
    }
  else if (!thr_grid_cell_at (&self->data, gtk_widget_get_width (widget), x, y, &row, &col))
    return FALSE;
  result = thr_session_get_result (self->session, col, g_ptr_array_index (self->rows, row));
  if (result == NULL)
    return FALSE;
  text = g_strdup_printf ("%s %s: %s\n%s", result->metric->id, thr_session_get_month (self->session, col),
                          thr_status_to_string (result->status), result->metric->title);
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
  if (self->data.n_rows == 0)
    return;
  row = MAX (self->data.selected_row, 0) + dr;
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
      g_array_index (self->known, gboolean, self->data.selected_col))
    g_signal_emit (self, signals[CELL_ACTIVATED], 0,
                   g_ptr_array_index (self->rows, self->data.selected_row), self->data.selected_col);
}

static void
style_changed_cb (ThrGridWidget *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
thr_grid_widget_dispose (GObject *object)
{
  ThrGridWidget *self = THR_GRID_WIDGET (object);

  g_clear_object (&self->session);
  G_OBJECT_CLASS (thr_grid_widget_parent_class)->dispose (object);
}

static void
thr_grid_widget_finalize (GObject *object)
{
  ThrGridWidget *self = THR_GRID_WIDGET (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->cols, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_array_unref);
  g_clear_pointer (&self->known, g_array_unref);
  g_clear_pointer (&self->measured, g_array_unref);
  G_OBJECT_CLASS (thr_grid_widget_parent_class)->finalize (object);
}

static void
thr_grid_widget_class_init (ThrGridWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thr_grid_widget_dispose;
  object_class->finalize = thr_grid_widget_finalize;
  widget_class->snapshot = thr_grid_widget_snapshot;
  widget_class->measure = thr_grid_widget_measure;

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
  gtk_widget_class_install_action (widget_class, "grid.activate", NULL, activate_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "grid.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "grid.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "grid.activate", NULL);

  gtk_widget_class_set_css_name (widget_class, "thrgrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
thr_grid_widget_init (ThrGridWidget *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->rows = g_ptr_array_new ();
  self->sections = g_ptr_array_new_with_free_func (g_free);
  self->cols = g_ptr_array_new ();
  self->cells = g_array_new (FALSE, FALSE, sizeof (ThrStatus));
  self->known = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->measured = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->data.selected_row = self->data.selected_col = self->data.highlight_col = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Compliance grid"), -1);
}

GtkWidget *
thr_grid_widget_new (void)
{
  return g_object_new (THR_TYPE_GRID_WIDGET, NULL);
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

void
thr_grid_widget_set_session (ThrGridWidget *self,
                             ThrSession    *session)
{
  ThrContract *contract;
  guint n_months;
  gboolean same;

  g_return_if_fail (THR_IS_GRID_WIDGET (self));
  g_return_if_fail (session == NULL || THR_IS_SESSION (session));

  same = session == self->session;
  g_set_object (&self->session, session);
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->sections, 0);
  g_ptr_array_set_size (self->cols, 0);
  g_array_set_size (self->cells, 0);
  g_array_set_size (self->known, 0);
  g_array_set_size (self->measured, 0);

  contract = session ? thr_session_get_contract (session) : NULL;
  n_months = session ? thr_session_get_n_months (session) : 0;
  for (guint m = 0; m < n_months; m++)
    {
      gboolean known = thr_session_is_evaluated (session, m);

      g_ptr_array_add (self->cols, (char *) thr_session_get_month (session, m));
      g_array_append_val (self->known, known);
    }
  for (guint i = 0; contract != NULL && i < thr_contract_get_n_metrics (contract); i++)
    {
      const ThrMetric *metric = thr_contract_get_metric (contract, i);

      g_ptr_array_add (self->rows, metric->id);
      g_ptr_array_add (self->sections, section_heading (contract, metric->section));
      for (guint m = 0; m < n_months; m++)
        {
          const ThrResult *result = thr_session_get_result (session, m, metric->id);
          ThrStatus status = result ? result->status : THR_STATUS_NO_DATA;
          ThrPeriod month;
          gboolean measured = thr_period_parse_kind (thr_session_get_month (session, m), THR_PERIOD_MONTH,
                                                     &month, NULL) &&
                              thr_metric_is_measured (metric, month.last);

          g_array_append_val (self->cells, status);
          g_array_append_val (self->measured, measured);
        }
    }

  self->data.n_rows = self->rows->len;
  self->data.n_cols = self->cols->len;
  self->data.row_labels = (const char *const *) self->rows->pdata;
  self->data.row_sections = (const char *const *) self->sections->pdata;
  self->data.col_labels = (const char *const *) self->cols->pdata;
  self->data.cells = (const ThrStatus *) self->cells->data;
  self->data.col_known = (const gboolean *) self->known->data;
  self->data.cell_measured = (const gboolean *) self->measured->data;
  if (!same || self->data.selected_row >= (int) self->data.n_rows ||
      self->data.selected_col >= (int) self->data.n_cols)
    self->data.selected_row = self->data.selected_col = self->data.highlight_col = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
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
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
thr_grid_widget_set_month (ThrGridWidget *self,
                           int            month)
{
  g_return_if_fail (THR_IS_GRID_WIDGET (self));

  self->data.highlight_col = month < (int) self->data.n_cols ? month : -1;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
