/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-window.h — the main window: sidebar and pages in a leaflet */
#pragma once

#include <adwaita.h>

#include "thr-session.h"

G_BEGIN_DECLS

#define THR_TYPE_WINDOW (thr_window_get_type ())
G_DECLARE_FINAL_TYPE (ThrWindow, thr_window, THR, WINDOW, AdwApplicationWindow)

/* application may be NULL (tests). */
ThrWindow   *thr_window_new           (GtkApplication *application,
                                       const char     *db_path);
/* Starts loading the store at db_path now, before GTK is initialised (it
 * needs only the settings): the next thr_window_new () for that path
 * takes the load over rather than starting its own. */
void         thr_window_preload       (const char     *db_path);
/* Opens another store; loading happens in a thread (see :loading). */
void         thr_window_open_store    (ThrWindow      *self,
                                       const char     *db_path);
/* Presents the window once the store is loaded, or after timeout_ms. */
void         thr_window_present_when_loaded (ThrWindow *self,
                                             guint      timeout_ms);
gboolean     thr_window_get_loading   (ThrWindow      *self);
/* Whether the session's history (the months before the latest, and the
 * consequences with them) is still being worked out: it hands the months
 * and the consequences over before its workers are closed, and the window
 * compares the store with the load's only then. */
gboolean     thr_window_get_history_running (ThrWindow *self);
ThrSession  *thr_window_get_session   (ThrWindow      *self);
/* The name of the visible page in the content stack. */
const char  *thr_window_get_page      (ThrWindow      *self);
GtkWidget   *thr_window_get_page_widget (ThrWindow    *self,
                                       const char     *name);
/* The chosen month's index in the session, or -1. */
int          thr_window_get_month     (ThrWindow      *self);
/* Opens the import dialog for a file, as dropping it does. */
GtkWindow   *thr_window_import_file   (ThrWindow      *self,
                                       GFile          *file);

/* Takes the files in turn (GApplication's open): a store file opens the
 * store (copied in first from a document portal); any other opens the
 * import dialog, the next one once it has closed. */
void         thr_window_open_files    (ThrWindow      *self,
                                       GFile         **files,
                                       int             n_files);
/* A store by its name: .threshold, .db or .sqlite. */
gboolean     thr_window_is_store_file (GFile          *file);
/* Writes a single-file copy of the open store to dest, in a thread; a
 * toast says how it went. */
void         thr_window_save_copy     (ThrWindow      *self,
                                       GFile          *dest);

/* Prints CAP cap_id through GtkPrintOperation with the print dialog, or,
 * with export_path, exports the printout to that PDF without a dialog. */
GtkPrintOperationResult thr_window_print_cap (ThrWindow   *self,
                                              gint64       cap_id,
                                              const char  *export_path,
                                              GError     **error);
/* The same for the monthly report of the month shown. */
GtkPrintOperationResult thr_window_print_month (ThrWindow   *self,
                                                const char  *export_path,
                                                GError     **error);
/* The toast of the last import, with its Undo button (win.undo-import),
 * until it is dismissed; NULL otherwise. */
AdwToast    *thr_window_get_undo_toast (ThrWindow     *self);
/* The toast of the last export from the window (win.write-data), which
 * offers to open the file; NULL before the first. */
AdwToast    *thr_window_get_export_toast (ThrWindow   *self);

G_END_DECLS
