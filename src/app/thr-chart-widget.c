/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-chart-widget.c — a metric's trend chart
 *
 * The snapshot hands a cairo context to the core's thr_chart_draw, the
 * same function the PDF documents use.  A click or the arrow keys select a
 * point, and the page acts on the selected month.  Hovering only marks
 * the month under the pointer and shows its figures in a tooltip: it
 * never changes the month the page acts on.
 */
#define G_LOG_DOMAIN "thr-chart-widget"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "thr-chart-widget.h"
#include "thr-format.h"

struct _ThrChartWidget
{
  GtkWidget      parent_instance;
  ThrChartData   data;
  GArray        *points;   /* of ThrChartPoint */
  GArray        *windows;  /* of ThrChartWindow */
  GPtrArray     *labels;
  int            hover;    /* the point under the pointer, or -1 */
  ThrChartLayout layout;   /* as last drawn, for hit testing */
  int            layout_width;
  int            layout_height;
};

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  POINT_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ThrChartWidget, thr_chart_widget, GTK_TYPE_WIDGET)

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              ThrRgba    *out)
{
  GdkRGBA rgba;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &rgba))
    gtk_style_context_get_color (gtk_widget_get_style_context (widget), &rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
  *out = (ThrRgba) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
}

void
thr_chart_style_init_from_widget (ThrChartStyle *style,
                                  GtkWidget     *widget)
{
  PangoFontDescription *font;
  char *font_name;

  g_return_if_fail (style != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));

  lookup_color (widget, "window_fg_color", &style->foreground);
  lookup_color (widget, "view_bg_color", &style->background);
  lookup_color (widget, "accent_color", &style->accent);
  lookup_color (widget, "success_color", &style->success);
  lookup_color (widget, "error_color", &style->error);
  lookup_color (widget, "warning_color", &style->warning);
  style->pending = style->foreground;
  style->pending.alpha *= 0.55;

  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  font_name = font ? pango_font_description_to_string (font) : g_strdup ("Sans 9");
  g_object_set_data_full (G_OBJECT (widget), "thr-chart-font", font_name, g_free);
  style->font = font_name;
}

static void
thr_chart_widget_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  ThrChartWidget *self = THR_CHART_WIDGET (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  ThrChartStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  thr_chart_style_init_from_widget (&style, widget);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  thr_chart_draw (cr, width, height, &self->data, &style);
  thr_chart_layout_for_style (&self->data, &style, width, height, &self->layout);
  self->layout_width = width;
  self->layout_height = height;
  /* The month under the pointer: a faint guide, not the selection. */
  if (self->hover >= 0 && self->hover != self->data.selected && (guint) self->hover < self->data.n_points)
    {
      double x = round (thr_chart_layout_x (&self->layout, self->hover)) + 0.5;

      cairo_set_source_rgba (cr, style.foreground.red, style.foreground.green, style.foreground.blue, 0.25);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, x, self->layout.top);
      cairo_line_to (cr, x, self->layout.top + self->layout.height);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);

  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA focus;
      GskRoundedRect outline;

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color", &focus))
        gdk_rgba_parse (&focus, "blue");
      G_GNUC_END_IGNORE_DEPRECATIONS
      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (1, 1, width - 2, height - 2), 6);
      gtk_snapshot_append_border (snapshot, &outline, (float[]) { 2, 2, 2, 2 },
                                  (GdkRGBA[]) { focus, focus, focus, focus });
    }
}

/* The point under x, in the layout of the last frame (or a fresh one
 * before the first). */
static int
point_at (ThrChartWidget *self,
          double          x)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->layout_width != width || self->layout_height != height)
    {
      ThrChartStyle style;

      thr_chart_style_init_from_widget (&style, GTK_WIDGET (self));
      thr_chart_layout_for_style (&self->data, &style, width, height, &self->layout);
      self->layout_width = width;
      self->layout_height = height;
    }
  return thr_chart_layout_point_at (&self->layout, &self->data, x);
}

static void
set_hover (ThrChartWidget *self,
           int             hover)
{
  if (self->hover == hover)
    return;
  self->hover = hover;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           ThrChartWidget           *self)
{
  set_hover (self, point_at (self, x));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          ThrChartWidget           *self)
{
  set_hover (self, -1);
}

static gboolean
query_tooltip_cb (GtkWidget      *widget,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip,
                  ThrChartWidget *self)
{
  g_autofree char *text = NULL;
  int index = keyboard ? self->data.selected : point_at (self, x);

  if (index < 0)
    return FALSE;
  text = thr_chart_widget_describe_point (self, index);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            ThrChartWidget  *self)
{
  int index = point_at (self, x);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (index < 0)
    return;
  thr_chart_widget_set_selected (self, index);
  g_signal_emit (self, signals[POINT_CHOSEN], 0, index);
}

static void
move_selection_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  ThrChartWidget *self = THR_CHART_WIDGET (widget);
  int delta = g_variant_get_int32 (param);
  int n = (int) self->data.n_points;
  int selected = self->data.selected;

  if (n == 0)
    return;
  if (delta == G_MININT32)
    selected = 0;
  else if (delta == G_MAXINT32)
    selected = n - 1;
  else if (selected < 0)
    selected = n - 1;
  else
    selected += delta;
  selected = CLAMP (selected, 0, n - 1);
  thr_chart_widget_set_selected (self, selected);
  g_signal_emit (self, signals[POINT_CHOSEN], 0, selected);
}

static void
thr_chart_widget_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 720;
    }
  else
    {
      *minimum = 200;
      *natural = 300;
    }
}

static void
style_changed_cb (ThrChartWidget *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
thr_chart_widget_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ThrChartWidget *self = THR_CHART_WIDGET (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_int (value, self->data.selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thr_chart_widget_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ThrChartWidget *self = THR_CHART_WIDGET (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      thr_chart_widget_set_selected (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
thr_chart_widget_finalize (GObject *object)
{
  ThrChartWidget *self = THR_CHART_WIDGET (object);

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->windows, g_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  G_OBJECT_CLASS (thr_chart_widget_parent_class)->finalize (object);
}

static void
thr_chart_widget_class_init (ThrChartWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = thr_chart_widget_finalize;
  object_class->get_property = thr_chart_widget_get_property;
  object_class->set_property = thr_chart_widget_set_property;
  widget_class->snapshot = thr_chart_widget_snapshot;
  widget_class->measure = thr_chart_widget_measure;

  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ThrChartWidget::point-chosen:
   * @index: the point a person chose by a click or the arrow keys (not
   *   by hovering, and not when the page sets the selection)
   */
  signals[POINT_CHOSEN] =
    g_signal_new ("point-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "chart.move", "i", move_selection_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "chart.move", "i", G_MININT32);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "chart.move", "i", G_MAXINT32);

  gtk_widget_class_set_css_name (widget_class, "thrchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
thr_chart_widget_init (ThrChartWidget *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->points = g_array_new (FALSE, TRUE, sizeof (ThrChartPoint));
  self->windows = g_array_new (FALSE, TRUE, sizeof (ThrChartWindow));
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->data.selected = -1;
  self->hover = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
thr_chart_widget_new (void)
{
  return g_object_new (THR_TYPE_CHART_WIDGET, NULL);
}

void
thr_chart_widget_set_data (ThrChartWidget     *self,
                           const ThrChartData *data)
{
  g_return_if_fail (THR_IS_CHART_WIDGET (self));
  g_return_if_fail (data != NULL);

  g_array_set_size (self->points, 0);
  g_array_set_size (self->windows, 0);
  g_ptr_array_set_size (self->labels, 0);
  for (guint i = 0; i < data->n_points; i++)
    {
      ThrChartPoint point = data->points[i];

      point.label = g_strdup (point.label);
      g_ptr_array_add (self->labels, (char *) point.label);
      g_array_append_val (self->points, point);
    }
  g_array_append_vals (self->windows, data->windows, data->n_windows);

  self->data = *data;
  self->data.points = (const ThrChartPoint *) self->points->data;
  self->data.windows = (const ThrChartWindow *) self->windows->data;
  if (self->data.selected >= (int) self->data.n_points)
    self->data.selected = -1;
  if (self->hover >= (int) self->data.n_points)
    self->hover = -1;
  self->layout_width = self->layout_height = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

int
thr_chart_widget_get_selected (ThrChartWidget *self)
{
  g_return_val_if_fail (THR_IS_CHART_WIDGET (self), -1);
  return self->data.selected;
}

void
thr_chart_widget_set_selected (ThrChartWidget *self,
                               int             selected)
{
  g_return_if_fail (THR_IS_CHART_WIDGET (self));

  if (selected < -1 || selected >= (int) self->data.n_points)
    selected = -1;
  if (self->data.selected == selected)
    return;
  self->data.selected = selected;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

const ThrChartData *
thr_chart_widget_get_data (ThrChartWidget *self)
{
  g_return_val_if_fail (THR_IS_CHART_WIDGET (self), NULL);
  return &self->data;
}

int
thr_chart_widget_get_hover (ThrChartWidget *self)
{
  g_return_val_if_fail (THR_IS_CHART_WIDGET (self), -1);
  return self->hover;
}

static char *
format_point_value (ThrUnit unit,
                    gboolean present,
                    double   value)
{
  return present ? thr_format_value (unit, value) : g_strdup ("—");
}

char *
thr_chart_widget_describe_point (ThrChartWidget *self,
                                 int             index)
{
  const ThrChartPoint *p;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *reported = NULL;
  g_autofree char *computed = NULL;
  g_autofree char *period = NULL;

  g_return_val_if_fail (THR_IS_CHART_WIDGET (self), NULL);
  g_return_val_if_fail (index >= 0 && (guint) index < self->data.n_points, NULL);

  p = &self->data.points[index];
  period = thr_period_label_to_words (p->label);
  reported = format_point_value (self->data.unit, p->has_reported, p->reported);
  computed = format_point_value (self->data.unit, p->has_computed, p->computed);
  /* Translators: a chart point's tooltip: month, status; then its figures */
  g_string_printf (text, _("%s: %s%s\nReported %s · recomputed %s"), period, thr_status_get_label (p->status),
                   p->to_date ? _(" (to date)") : "", reported, computed);
  if (p->discrepancy)
    g_string_append_printf (text, "\n%s", _("The records do not reproduce the reported figure within the contract’s tolerance."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}
