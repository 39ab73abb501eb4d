/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-window-undo.c — undoing an import, from its toast or the history
 *
 * The toast that reports an import carries an Undo button
 * (win.undo-import with the import's id): undoing what was just done
 * needs no question.  The Imports page's history rows ask first
 * (win.ask-undo-import), since they may undo an import made long ago.
 * The undo is the CLI's: thr_cap_undo_import, the import and the CAPs
 * only it brought in one transaction, so a failure changes nothing; in a
 * worker thread with its own store connection (a large extract takes a
 * while to delete); then the store is opened again, so every page shows
 * it without the import.
 */
#define G_LOG_DOMAIN "thr-window-undo"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-alert.h"
#include "thr-window-private.h"

typedef struct {
  char   *db_path;
  gint64  contract_id;
  gint64  import_id;
  guint32 today;      /* the program's today (the preference), 0 for the real one */
  ThrCapUndoResult undone;
  GError *refusal;    /* the figures worked out again, which a team store refused to keep */
} UndoJob;

static void
undo_job_free (UndoJob *job)
{
  g_free (job->db_path);
  g_clear_error (&job->refusal);
  g_free (job);
}

static void
undo_thread_cb (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  UndoJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (job->db_path, &error);

  if (store == NULL ||
      !thr_cap_undo_import (store, job->contract_id, job->import_id, job->today, &job->undone, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    {
      /* The undo is done all the same: the window says so, then why. */
      job->refusal = thr_store_take_keep_refusal (store);
      g_task_return_boolean (task, TRUE);
    }
}

static void
undo_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ThrWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  UndoJob *job = g_task_get_task_data (G_TASK (result));

  self->undoing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _thr_window_report_failure (self, _("The Import Could Not Be Undone"),
                                  _("Nothing was undone: the team store holds the import as it did. Try again "
                                    "when its server is back; if it refused, whoever runs it can say why from its "
                                    "words below."), error);
      _thr_window_update_actions (self);
      return;
    }
  {
    /* Translators: the rows an undone import had brought */
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Import undone: %u row removed",
                                                          "Import undone: %u rows removed", job->undone.n_rows),
                                             job->undone.n_rows);
    g_autofree char *kept = NULL;

    if (job->undone.n_caps_marked > 0)
      /* Translators: after “Import undone: N rows removed” */
      kept = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %u edited CAP kept, its failure was undone",
                                           "%s; %u edited CAPs kept, their failures were undone",
                                           job->undone.n_caps_marked), text, job->undone.n_caps_marked);
    _thr_window_toast (self, kept != NULL ? kept : text);
  }
  if (job->refusal != NULL)
    _thr_window_report_error (self, job->refusal);
  /* Every page reads the store again: months, results, ledger, CAPs. */
  thr_window_open_store (self, self->db_path);
}

static void
start_undo (ThrWindow *self,
            gint64     import_id)
{
  g_autoptr(GTask) task = NULL;
  UndoJob *job;

  if (self->session == NULL || self->undoing || thr_session_get_contract_id (self->session) == 0)
    return;
  job = g_new0 (UndoJob, 1);
  job->db_path = g_strdup (self->db_path);
  job->contract_id = thr_session_get_contract_id (self->session);
  job->import_id = import_id;
  job->today = thr_session_get_today (self->session);
  self->undoing = TRUE;
  /* Its Undo cannot be pressed twice. */
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_clear_object (&self->undo_toast);
  _thr_window_update_actions (self);
  task = g_task_new (NULL, NULL, undo_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) undo_job_free);
  g_task_run_in_thread (task, undo_thread_cb);
}

static void
undo_import_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  start_undo (THR_WINDOW (widget), g_variant_get_int64 (param));
}

/* ---------------------------------------------------- the history's undo */

static void
confirm_response_cb (GtkWidget  *dialog,
                     const char *response,
                     ThrWindow  *self)
{
  if (g_str_equal (response, "undo"))
    start_undo (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "thr-import")));
}

static ThrStoreImport *
find_import (ThrWindow *self,
             gint64     import_id)
{
  g_autoptr(GPtrArray) imports = NULL;

  imports = thr_store_list_imports (thr_session_get_store (self->session),
                                    thr_session_get_contract_id (self->session), NULL);
  for (guint i = 0; imports != NULL && i < imports->len; i++)
    {
      ThrStoreImport *import = g_ptr_array_index (imports, i);

      if (import->id == import_id)
        return g_ptr_array_steal_index (imports, i);
    }
  return NULL;
}

static void
ask_undo_import_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  gint64 import_id = g_variant_get_int64 (param);
  g_autoptr(ThrStoreImport) import = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->session == NULL || (import = find_import (self, import_id)) == NULL)
    return;
  /* Translators: the file's name and the rows it brought */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s and the %u row it brought are removed from the store. Reported figures it had replaced count again.",
                                       "%s and the %u rows it brought are removed from the store. Reported figures it had replaced count again.",
                                       (gulong) import->n_rows),
                          import->file_name, (guint) import->n_rows);
  dialog = thr_alert_new (_("Undo This Import?"), body);
  thr_alert_add_response (dialog, "cancel", _("_Cancel"));
  thr_alert_add_response (dialog, "undo", _("_Undo Import"));
  thr_alert_set_response_appearance (dialog, "undo", ADW_RESPONSE_DESTRUCTIVE);
  thr_alert_set_default_response (dialog, "cancel");
  thr_alert_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "thr-import", GSIZE_TO_POINTER (import_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  thr_alert_present (dialog, GTK_WIDGET (self));
}

/* ------------------------------------------------------------ the toast */

static void
undo_toast_dismissed_cb (AdwToast  *toast,
                         ThrWindow *self)
{
  if (self->undo_toast == toast)
    g_clear_object (&self->undo_toast);
}

void
_thr_window_toast_imported (ThrWindow  *self,
                            const char *kind,
                            guint       n_rows,
                            const char *name,
                            gint64      import_id,
                            guint       n_replaced)
{
  /* Translators: rows, kind of file, file name */
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u row of %s from %s",
                                                        "Imported %u rows of %s from %s", n_rows),
                                           n_rows, kind, name);
  AdwToast *toast;

  if (n_replaced > 0)
    {
      /* Translators: the import's summary, then how many earlier figures it replaced */
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %u earlier figure replaced",
                                                            "%s; %u earlier figures replaced", n_replaced),
                                               text, n_replaced);
      g_free (text);
      text = g_steal_pointer (&more);
    }
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-import");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (import_id));
  /* Normal priority, in its turn: libadwaita 1.2 aborts (show_toast:
   * !info->widget) when a high-priority toast that pushed another aside is
   * dismissed while that one is still leaving, and Undo dismisses it at
   * once; the watch's "new data" toast was once that other toast. */
  /* Long enough to notice a wrong file before the toast goes. */
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self, 0);
  g_set_object (&self->undo_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_thr_window_class_undo_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo-import", "x", undo_import_cb);
  gtk_widget_class_install_action (widget_class, "win.ask-undo-import", "x", ask_undo_import_cb);
}

AdwToast *
thr_window_get_undo_toast (ThrWindow *self)
{
  g_return_val_if_fail (THR_IS_WINDOW (self), NULL);
  return self->undo_toast;
}
