/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-window-open.c — files given to the window: stores and imports
 *
 * `threshold FILE…` (the desktop file's %F, a file dropped on the icon)
 * reaches the window through GApplication's open.  The files are taken
 * in turn: a store file (.threshold, .db, .sqlite) opens the store; any
 * other opens the import dialog, and the next file waits until that
 * dialog has closed and the store has loaded again.
 *
 * Stores are worked on only where SQLite can lock them (thr-store-copy.h):
 * a store chosen through a sandbox's document portal is copied into
 * Threshold's own folder first, and "Save a Copy…" writes one out.
 */
#define G_LOG_DOMAIN "thr-window-open"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-file-chooser.h"
#include "thr-window-private.h"

static void process_next (ThrWindow *self);

gboolean
thr_window_is_store_file (GFile *file)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  return name != NULL &&
         (g_str_has_suffix (name, ".threshold") || g_str_has_suffix (name, ".db") ||
          g_str_has_suffix (name, ".sqlite"));
}

char *
_thr_window_stores_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "threshold", NULL);
}

static void
remember_store (ThrWindow  *self,
                const char *path)
{
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-store", path);
}

/* ----------------------------------------------------------- copying in */

static void
copy_in_thread_cb (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const char *source = task_data;
  g_autofree char *dir = _thr_window_stores_dir ();
  g_autofree char *base = g_path_get_basename (source);
  g_autofree char *dest = thr_store_free_path (dir, base);
  GError *error = NULL;

  if (thr_store_copy_in (source, dest, cancellable, &error))
    g_task_return_pointer (task, g_steal_pointer (&dest), g_free);
  else
    g_task_return_error (task, error);
}

static void
copied_in_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ThrWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  self->copying = FALSE;
  if (dest == NULL)
    {
      g_autofree char *chosen = g_path_get_basename (g_task_get_task_data (G_TASK (result)));
      /* Translators: %s is the file name of the store chosen */
      g_autofree char *body = g_strdup_printf (_("“%s” could not be copied into Threshold’s folder, so it was not "
                                                 "opened. The file chosen was left as it was."), chosen);

      _thr_window_report_file_failure (self, _("The Store Was Not Opened"), body, error);
      process_next (self);
      return;
    }
  name = g_path_get_basename (dest);
  /* Translators: %s is a file name. */
  text = g_strdup_printf (_("Copied into Threshold’s folder as %s; the file chosen was left as it was"), name);
  _thr_window_toast (self, text);
  thr_window_open_store (self, dest);
  remember_store (self, dest);
}

/* A store from a document portal is copied in; any other is opened where
 * it is. */
void
_thr_window_open_store_file (ThrWindow  *self,
                             const char *path)
{
  g_autoptr(GTask) task = NULL;

  g_assert (THR_IS_WINDOW (self));

  if (!thr_store_path_is_portal (path))
    {
      thr_window_open_store (self, path);
      remember_store (self, path);
      return;
    }
  self->copying = TRUE;
  task = g_task_new (NULL, NULL, copied_in_cb, g_object_ref (self));
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, copy_in_thread_cb);
}

/* A new store asked for in a portal folder is made in Threshold's own
 * folder under that name: SQLite cannot keep it where it was asked. */
void
_thr_window_new_store_file (ThrWindow  *self,
                            const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *dest = NULL;
  g_autofree char *text = NULL;

  if (!thr_store_path_is_portal (path))
    {
      thr_window_open_store (self, path);
      remember_store (self, path);
      return;
    }
  dir = _thr_window_stores_dir ();
  base = g_path_get_basename (path);
  dest = thr_store_free_path (dir, base);
  g_free (base);
  base = g_path_get_basename (dest);
  /* Translators: %s is a file name. */
  text = g_strdup_printf (_("Made in Threshold’s folder as %s; use Save a Copy… to put a copy elsewhere"), base);
  _thr_window_toast (self, text);
  thr_window_open_store (self, dest);
  remember_store (self, dest);
}

/* ------------------------------------------------------------- the queue */

static void
dialog_destroyed_cb (gpointer  data,
                     GObject  *where_the_object_was)
{
  ThrWindow *self = data;

  self->open_dialog = NULL;
  process_next (self);
}

static void
process_next (ThrWindow *self)
{
  while (!self->loading && !self->copying && self->open_dialog == NULL &&
         !g_queue_is_empty (&self->pending_files))
    {
      g_autoptr(GFile) file = g_queue_pop_head (&self->pending_files);
      GtkWindow *dialog;

      if (thr_window_is_store_file (file))
        {
          g_autofree char *path = g_file_get_path (file);

          if (path != NULL)
            _thr_window_open_store_file (self, path);
          continue;
        }
      dialog = thr_window_import_file (self, file);
      if (dialog != NULL)
        {
          self->open_dialog = dialog;
          g_object_weak_ref (G_OBJECT (dialog), dialog_destroyed_cb, self);
        }
    }
}

static void
loading_changed_cb (ThrWindow *self)
{
  process_next (self);
}

void
thr_window_open_files (ThrWindow  *self,
                       GFile     **files,
                       int         n_files)
{
  g_return_if_fail (THR_IS_WINDOW (self));
  g_return_if_fail (n_files == 0 || files != NULL);

  for (int i = 0; i < n_files; i++)
    g_queue_push_tail (&self->pending_files, g_object_ref (files[i]));
  process_next (self);
}

void
_thr_window_open_init (ThrWindow *self)
{
  g_queue_init (&self->pending_files);
  g_signal_connect (self, "notify::loading", G_CALLBACK (loading_changed_cb), NULL);
}

void
_thr_window_open_dispose (ThrWindow *self)
{
  g_queue_clear_full (&self->pending_files, g_object_unref);
  if (self->open_dialog != NULL)
    {
      g_object_weak_unref (G_OBJECT (self->open_dialog), dialog_destroyed_cb, self);
      self->open_dialog = NULL;
    }
}

/* --------------------------------------------------------- Save a Copy… */

typedef struct {
  char  *db_path;
  GFile *dest;
} SaveCopy;

static void
save_copy_free (SaveCopy *job)
{
  g_free (job->db_path);
  g_object_unref (job->dest);
  g_free (job);
}

/* The thread opens a connection of its own. */
static void
save_copy_thread_cb (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  SaveCopy *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (job->db_path, &error);

  if (store == NULL || !thr_store_save_copy (store, job->dest, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
saved_copy_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  ThrWindow *self = THR_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  name = g_file_get_basename (((SaveCopy *) g_task_get_task_data (G_TASK (result)))->dest);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Translators: %s is the file name the copy was to have */
      text = g_strdup_printf (_("No copy of the store was saved as “%s”; the store itself is unchanged."), name);
      _thr_window_report_file_failure (self, _("No Copy Was Saved"), text, error);
      return;
    }
  /* Translators: %s is a file name. */
  text = g_strdup_printf (_("Saved a copy of the store as %s"), name);
  _thr_window_toast (self, text);
}

void
thr_window_save_copy (ThrWindow *self,
                      GFile     *dest)
{
  g_autoptr(GTask) task = NULL;
  SaveCopy *job;

  g_return_if_fail (THR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (dest));

  job = g_new0 (SaveCopy, 1);
  job->db_path = g_strdup (self->db_path);
  job->dest = g_object_ref (dest);
  task = g_task_new (self, NULL, saved_copy_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) save_copy_free);
  g_task_run_in_thread (task, save_copy_thread_cb);
}

/* NULL: dismissed, or the dialog failed; nothing to save either way. */
static void
save_copy_chosen_cb (GFile    *file,
                     gpointer  self)
{
  if (file != NULL)
    thr_window_save_copy (self, file);
}

static void
save_copy_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  ThrWindow *self = THR_WINDOW (widget);
  g_autofree char *name = g_path_get_basename (self->db_path);
  ThrFileChooserOptions options = { _("Save a Copy of the Store"), _("_Save"), name, NULL, NULL };

  thr_file_chooser_save (GTK_WINDOW (self), &options, save_copy_chosen_cb, g_object_ref (self), g_object_unref);
}

void
_thr_window_class_open_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-copy", NULL);
}
