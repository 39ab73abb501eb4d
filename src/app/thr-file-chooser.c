/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-file-chooser.c — one way to ask for a file, on either GTK
 *
 * Every Open, New Store, Import, Save a Copy, PDF and export in the window
 * asks through here, so the GTK 4.10 dialog and the GTK 4.8 one are set up
 * in one place and behave alike: modal on the window, one filter shown and
 * chosen, the suggested name and folder, and one answer (a file or NULL).
 */
#define G_LOG_DOMAIN "thr-file-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-file-chooser.h"

typedef struct
{
  ThrFileChosenFunc done;
  gpointer          user_data;
  GDestroyNotify    destroy;
} Chosen;

static Chosen *
chosen_new (ThrFileChosenFunc done,
            gpointer          user_data,
            GDestroyNotify    destroy)
{
  Chosen *chosen = g_new0 (Chosen, 1);

  chosen->done = done;
  chosen->user_data = user_data;
  chosen->destroy = destroy;
  return chosen;
}

static void
chosen_finish (Chosen *chosen,
               GFile  *file)
{
  chosen->done (file, chosen->user_data);
  if (chosen->destroy != NULL)
    chosen->destroy (chosen->user_data);
  g_free (chosen);
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  /* A cancel is an error here, and not one to show. */
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);

  chosen_finish (data, file);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);

  chosen_finish (data, file);
}

static GtkFileDialog *
new_dialog (const ThrFileChooserOptions *options)
{
  GtkFileDialog *dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, options->title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (options->accept_label != NULL)
    gtk_file_dialog_set_accept_label (dialog, options->accept_label);
  if (options->initial_name != NULL)
    gtk_file_dialog_set_initial_name (dialog, options->initial_name);
  if (options->initial_folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, options->initial_folder);
  if (options->filter != NULL)
    {
      g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

      g_list_store_append (filters, options->filter);
      gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
      gtk_file_dialog_set_default_filter (dialog, options->filter);
    }
  return dialog;
}

static void
ask (GtkWindow                   *parent,
     const ThrFileChooserOptions *options,
     gboolean                     save,
     Chosen                      *chosen)
{
  g_autoptr(GtkFileDialog) dialog = new_dialog (options);

  if (save)
    gtk_file_dialog_save (dialog, parent, NULL, save_done_cb, chosen);
  else
    gtk_file_dialog_open (dialog, parent, NULL, open_done_cb, chosen);
}

#else

static void
response_cb (GtkNativeDialog *native,
             int              response,
             Chosen          *chosen)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  chosen_finish (chosen, file);
  g_object_unref (native);
}

static void
ask (GtkWindow                   *parent,
     const ThrFileChooserOptions *options,
     gboolean                     save,
     Chosen                      *chosen)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (options->title, parent,
                                        save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        options->accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (options->filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), options->filter);
  if (save && options->initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), options->initial_name);
  if (options->initial_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), options->initial_folder, NULL);
  g_signal_connect (native, "response", G_CALLBACK (response_cb), chosen);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

#endif

static void
choose (GtkWindow                   *parent,
        const ThrFileChooserOptions *options,
        gboolean                     save,
        ThrFileChosenFunc            done,
        gpointer                     user_data,
        GDestroyNotify               destroy)
{
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (options != NULL && options->title != NULL);
  g_return_if_fail (done != NULL);

  ask (parent, options, save, chosen_new (done, user_data, destroy));
}

void
thr_file_chooser_open (GtkWindow                   *parent,
                       const ThrFileChooserOptions *options,
                       ThrFileChosenFunc            done,
                       gpointer                     user_data,
                       GDestroyNotify               destroy)
{
  choose (parent, options, FALSE, done, user_data, destroy);
}

void
thr_file_chooser_save (GtkWindow                   *parent,
                       const ThrFileChooserOptions *options,
                       ThrFileChosenFunc            done,
                       gpointer                     user_data,
                       GDestroyNotify               destroy)
{
  choose (parent, options, TRUE, done, user_data, destroy);
}

char *
thr_file_chooser_path_with_suffix (GFile      *file,
                                   const char *dot_suffix)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (dot_suffix != NULL, NULL);

  path = g_file_get_path (file);
  if (path == NULL || g_str_has_suffix (path, dot_suffix))
    return g_steal_pointer (&path);
  return g_strconcat (path, dot_suffix, NULL);
}
