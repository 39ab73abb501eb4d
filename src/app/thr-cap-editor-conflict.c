/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-cap-editor-conflict.c — when someone else saved the CAP first
 *
 * Each save of the editor carries the CAP's version as the editor last
 * loaded it (ThrCap.row_version).  If another window, the CLI, or on a
 * team store a colleague saved the CAP since, the core writes nothing and
 * says who changed what and when (THR_STORE_ERROR_CONFLICT, from the
 * audit trail).  The editor then asks: Reload shows the CAP as it now is
 * and drops the change that was refused; Overwrite saves it over the
 * other one, by running the same save again without the version.
 */
#define G_LOG_DOMAIN "thr-cap-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-alert.h"
#include "thr-cap-editor-private.h"

gint64 *
_thr_cap_editor_version (ThrCapEditor *self)
{
  const ThrCap *cap = _thr_cap_editor_current_cap (self);

  /* Overwriting: the save goes through whatever version is stored. */
  if (self->overwriting || cap == NULL)
    return NULL;
  self->save_version = cap->row_version;
  return &self->save_version;
}

static void
clear_retry (ThrCapEditor *self)
{
  g_clear_pointer (&self->retry_action, g_free);
  g_clear_pointer (&self->retry_parameter, g_variant_unref);
}

void
_thr_cap_editor_forget_conflict (ThrCapEditor *self)
{
  clear_retry (self);
  self->conflict_cap_id = 0;
}

static void
reload (ThrCapEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_hash_table_remove_all (self->pending);
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (!thr_session_reload_caps (self->session, &error))
    {
      _thr_cap_editor_report_error (self, NULL, error);
      return;
    }
  _thr_cap_editor_fill_fields (self);
  _thr_cap_editor_rebuild (self);
  _thr_cap_editor_show_error (self, NULL);
}

static void
overwrite (ThrCapEditor *self)
{
  g_autofree char *action = g_steal_pointer (&self->retry_action);
  g_autoptr(GVariant) parameter = g_steal_pointer (&self->retry_parameter);

  self->overwriting = TRUE;
  if (action == NULL)
    thr_cap_editor_flush (self);
  else
    gtk_widget_activate_action_variant (GTK_WIDGET (self), action, parameter);
  self->overwriting = FALSE;
}

static void
conflict_response_cb (GtkWidget    *dialog,
                      const char   *response,
                      ThrCapEditor *self)
{
  gint64 cap_id = self->conflict_cap_id;

  self->conflict_dialog = NULL;
  self->conflict_cap_id = 0;
  /* The editor moved on to another CAP meanwhile: nothing to redo. */
  if (self->session == NULL || cap_id != self->cap_id)
    {
      clear_retry (self);
      return;
    }
  if (g_str_equal (response, "overwrite"))
    overwrite (self);
  else
    {
      clear_retry (self);
      reload (self);
    }
}

gboolean
_thr_cap_editor_conflict (ThrCapEditor *self,
                          const GError *error,
                          const char   *action,
                          GVariant     *parameter)
{
  GtkWidget *dialog;

  if (!g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_CONFLICT))
    return FALSE;
  /* Asked once: the next pause's save meets the same change. */
  if (self->conflict_dialog != NULL || self->disposing)
    return TRUE;
  clear_retry (self);
  self->retry_action = g_strdup (action);
  self->retry_parameter = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;
  self->conflict_cap_id = self->cap_id;

  dialog = thr_alert_new (_("Someone Else Changed This CAP"), error->message);
  thr_alert_add_response (dialog, "reload", _("_Reload"));
  thr_alert_add_response (dialog, "overwrite", _("_Overwrite"));
  thr_alert_set_response_appearance (dialog, "overwrite", ADW_RESPONSE_DESTRUCTIVE);
  thr_alert_set_default_response (dialog, "reload");
  thr_alert_set_close_response (dialog, "reload");
  g_signal_connect_object (dialog, "response", G_CALLBACK (conflict_response_cb), self, 0);
  self->conflict_dialog = dialog;
  thr_alert_present (dialog, GTK_WIDGET (self));
  return TRUE;
}
