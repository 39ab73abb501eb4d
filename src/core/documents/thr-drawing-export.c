/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-drawing-export.c — a drawing callback rendered alone to PNG, SVG or PDF
 *
 * Every format is drawn into memory first and written with one atomic
 * replace, so a failed export never leaves half a file over a good one.
 */
#define G_LOG_DOMAIN "thr-drawing"

#include "config.h"

#include <math.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "thr-drawing-export.h"

gboolean
thr_drawing_format_from_path (const char       *path,
                              ThrDrawingFormat *out)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    *out = THR_DRAWING_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *out = THR_DRAWING_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *out = THR_DRAWING_PDF;
  else
    return FALSE;
  return TRUE;
}

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
create_surface (ThrDrawingFormat  format,
                double            width,
                double            height,
                double            scale,
                GByteArray       *bytes)
{
  switch (format)
    {
    case THR_DRAWING_SVG:
      return cairo_svg_surface_create_for_stream (append_bytes_cb, bytes, width, height);
    case THR_DRAWING_PDF:
      return cairo_pdf_surface_create_for_stream (append_bytes_cb, bytes, width, height);
    case THR_DRAWING_PNG:
    default:
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                         (int) ceil (height * scale));
    }
}

static void
draw_into (cairo_surface_t     *surface,
           ThrDrawingFormat     format,
           ThrDocumentDrawFunc  draw,
           gpointer             user_data,
           double               width,
           double               height,
           double               scale)
{
  cairo_t *cr = cairo_create (surface);

  if (format == THR_DRAWING_PNG)
    {
      /* A chart pasted into a letter or a slide wants paper behind it. */
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, scale, scale);
    }
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  draw (cr, width, height, user_data);
  cairo_destroy (cr);
}

gboolean
thr_drawing_export (ThrDocumentDrawFunc   draw,
                    gpointer              user_data,
                    double                width,
                    double                height,
                    ThrDrawingFormat      format,
                    double                scale,
                    const char           *path,
                    GError              **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (scale <= 0)
    scale = 1;
  surface = create_surface (format, width, height, scale, bytes);
  draw_into (surface, format, draw, user_data, width, height, scale);
  if (format == THR_DRAWING_PNG)
    {
      cairo_surface_flush (surface);
      status = cairo_surface_write_to_png_stream (surface, append_bytes_cb, bytes);
    }
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the chart: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}
