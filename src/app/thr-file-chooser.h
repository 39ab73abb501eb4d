/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-file-chooser.h — asking the person for a file to open or to save */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called once: with the file chosen, or with NULL when the person
 * cancelled. */
typedef void (*ThrFileChosenFunc) (GFile    *file,
                                   gpointer  user_data);

typedef struct
{
  const char    *title;
  const char    *accept_label;    /* "_Open", "_Save", … */
  const char    *initial_name;    /* saving only; may be NULL */
  GFile         *initial_folder;  /* may be NULL */
  GtkFileFilter *filter;          /* may be NULL; the caller keeps its reference */
} ThrFileChooserOptions;

/* GtkFileDialog on GTK 4.10 and later (the Flatpak's runtime), where
 * GtkFileChooserNative is deprecated; GtkFileChooserNative on Debian 12's
 * GTK 4.8.  Both go through the file chooser portal in the sandbox.
 * @destroy frees @user_data after @done has been called. */
void thr_file_chooser_open (GtkWindow                   *parent,
                            const ThrFileChooserOptions *options,
                            ThrFileChosenFunc            done,
                            gpointer                     user_data,
                            GDestroyNotify               destroy);
void thr_file_chooser_save (GtkWindow                   *parent,
                            const ThrFileChooserOptions *options,
                            ThrFileChosenFunc            done,
                            gpointer                     user_data,
                            GDestroyNotify               destroy);

/* @file's local path, ending in @dot_suffix (".pdf"): a name typed
 * without it gets it.  NULL for a file with no local path. */
char *thr_file_chooser_path_with_suffix (GFile      *file,
                                         const char *dot_suffix);

G_END_DECLS
