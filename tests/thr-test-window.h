/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-window.h — what every window test needs: open a store, wait, look */
#pragma once

#include <adwaita.h>

#include "thr-window.h"

G_BEGIN_DECLS

/* Runs the main context until @done returns TRUE; fails the test after a
 * minute (times THR_TEST_SLOWDOWN under the sanitizers). */
void        thr_test_wait_for           (gboolean   (*done) (gpointer),
                                         gpointer     data);
/* The window has a session and is not loading. */
gboolean    thr_test_window_loaded      (gpointer     window);
/* Loaded, every month evaluated, the consequences (ledger, CAPs,
 * deadlines) computed when there are months, and the history's task
 * done (the window has compared the store with the load's). */
gboolean    thr_test_window_complete    (gpointer     window);
/* A window on @db at @width × @height, presented and loaded: what its
 * load brought is in, the history may not be. */
ThrWindow  *thr_test_open_window_loaded (const char  *db,
                                         int          width,
                                         int          height);
/* A window on @db at @width × @height, presented and complete. */
ThrWindow  *thr_test_open_window        (const char  *db,
                                         int          width,
                                         int          height);
/* Renders @widget as it is now to window-NAME-light|dark.png in the build
 * directory, so a person can look at it. */
void        thr_test_render_png         (gpointer     widget,
                                         const char  *name);
/* The same in the style set now (light in the tests), then the dark one,
 * and back to the style set before. */
void        thr_test_render_png_light_and_dark (GtkWidget  *widget,
                                                const char *name);

/* The question or failure the window shows now in a dialog (thr-alert.c:
 * a window of its own on libadwaita 1.2, inside its parent on 1.5 and
 * later), or NULL. */
GtkWidget  *thr_test_find_alert_now     (void);
/* The same, waiting for one up to 5 s (times THR_TEST_SLOWDOWN). */
GtkWidget  *thr_test_find_alert         (void);
/* The sidebar and the content folded into one column: the template's
 * AdwLeaflet on libadwaita 1.2, the AdwNavigationSplitView that replaces
 * it on 1.4 and later (thr-window-split.c). */
gboolean    thr_test_window_is_folded   (ThrWindow   *window);
/* Folded, goes from the sidebar to the content. */
void        thr_test_window_show_content (ThrWindow  *window);
/* No slide between the sidebar and the content is running. */
gboolean    thr_test_window_settled     (gpointer     window);
/* Queues a redraw of @widget and waits until its window's frame clock has
 * painted a frame: what a layout or a page change needs to be seen. */
void        thr_test_wait_for_frame     (gpointer     widget);
/* Scrolls @widget's scrolled window to show it 300 pixels from the top,
 * for a screenshot a person looks at, once laid out. */
void        thr_test_scroll_to          (GtkWidget   *widget);
/* Every label shown under @widget is whole: not ellipsized, and as high
 * as its text needs at its width (a wrapped label given too few lines);
 * the number of labels checked. */
guint       thr_test_assert_labels_whole (GtkWidget  *widget);
/* An AdwActionRow's own title and subtitle labels (in its box.title),
 * or those of a row laid out as one, under @widget. */
void        thr_test_find_title_labels  (GtkWidget   *widget,
                                         GtkWidget  **title,
                                         GtkWidget  **subtitle);
/* @widget sits in @row (or group) where @copy_widget sits in @copy (a
 * plain AdwActionRow or group saying the same), as large, and a label in
 * as many lines; both absent, or @widget hidden, passes.  @what names it
 * in the error. */
void        thr_test_assert_same_place  (GtkWidget   *row,
                                         GtkWidget   *widget,
                                         GtkWidget   *copy,
                                         GtkWidget   *copy_widget,
                                         const char  *what);
/* The title and description labels of an AdwPreferencesGroup's header,
 * under @widget (not in the group's rows). */
void        thr_test_find_group_labels  (GtkWidget   *widget,
                                         GtkWidget  **title,
                                         GtkWidget  **description);
/* Each AdwPreferencesGroup with a description shown under @widget (in a
 * vertical GtkBox) has its title and description where a plain group
 * saying the same, its description broken between words, has them beside
 * it: as large, in as many lines, and its header as tall
 * (thr_row_titles_stack_group ()).  The number of groups checked. */
guint       thr_test_assert_group_headers_as_plain (GtkWidget *widget);
/* The CAP @cap_id as the store @db has it now, read on a connection of
 * its own (contract 1). */
ThrCap     *thr_test_stored_cap         (const char  *db,
                                         gint64       cap_id);
/* From now until thr_test_width_watch_end (): in every frame painted,
 * how far @widget's minimum width went past its allocated width, and its
 * window's content's past the content's width or @window_width, what the
 * test asked the window to be (what a window folded narrow clips, widens
 * on libadwaita 1.2 and fails on with 1.10), and how far the window is
 * wider than asked at the end; the most of these, 0 or less where every
 * frame fitted.  Frames in which @widget is not shown count
 * the window's content only. */
typedef struct _ThrTestWidthWatch ThrTestWidthWatch;
ThrTestWidthWatch *thr_test_width_watch_start (GtkWidget         *widget,
                                               int                window_width);
int                thr_test_width_watch_end   (ThrTestWidthWatch *watch);
/* Every icon-only button under @widget that can be shown (visible, on
 * whatever page; GtkCalendar's own arrows aside) has an accessible name a
 * screen reader can say. */
void        thr_test_assert_icon_buttons_named (GtkWidget *widget);
/* Every control under @widget that is shown (a button, a text entry, a
 * row the person activates, a switch, a check box, a drop-down) has a name
 * a screen reader says: an accessible label, a label that labels it, or a
 * button's own text. */
void        thr_test_assert_controls_named (GtkWidget *widget);
/* A shown toplevel window of @type (a dialog, the preferences, a file
 * chooser), or NULL. */
GtkWidget  *thr_test_find_toplevel      (GType        type);
/* Waits until a toplevel window of @type is shown, and returns it. */
GtkWidget  *thr_test_wait_for_toplevel  (GType        type);
/* The preferences (ThrPreferencesWindow) once shown: a window of their
 * own on libadwaita 1.2, a dialog inside the main window from 1.5; closing
 * them waits until they are gone. */
GtkWidget  *thr_test_wait_for_preferences (void);
void        thr_test_close_preferences  (GtkWidget   *preferences);

/* The status page titled @title shown under @root (the window's error
 * page, "This Store Cannot Be Opened"), or NULL. */
/* The title shown in the header bar of the window's content: the
 * AdwWindowTitle shown furthest right (the sidebar's is left of it). */
const char *thr_test_content_title (GtkWidget *window);
AdwStatusPage *thr_test_find_status_page (GtkWidget  *root,
                                          const char *title);
/* The first label under @widget (or @widget itself) with the CSS class
 * @css_class ("title", "subtitle", "numeric"…), or NULL. */
GtkWidget  *thr_test_find_label_styled  (GtkWidget   *widget,
                                         const char  *css_class);
/* What the CAP editor's note @field holds now, and typing @text into it
 * (replacing what it held), as a person does. */
char       *thr_test_cap_note_text      (gpointer     editor,
                                         const char  *field);
void        thr_test_cap_type_note      (gpointer     editor,
                                         const char  *field,
                                         const char  *text);

/* Destroys @window and waits until it is finalized: a reference to it
 * or to anything holding it (a closure, a source, a worker's result)
 * fails the test here, where LeakSanitizer would see nothing, since the
 * object stays reachable. */
void        thr_test_close_window       (gpointer     window);

/* For thr_test_wait_for: an import dialog (a ThrImportDialog) whose dry
 * run has shown its preview or failed. */
gboolean    thr_test_import_dialog_settled (gpointer dialog);

/* A window test's main(): GLib's test framework, libadwaita and the core,
 * then a scratch folder named thr-NAME-XXXXXX, returned. */
char       *thr_test_window_init        (int          *argc,
                                         char       ***argv,
                                         const char   *name);
/* Runs the tests, then removes @tmp_dir (kept when THR_KEEP_TMP is set)
 * and frees it and @demo_db. */
int         thr_test_window_run         (char         *tmp_dir,
                                         char         *demo_db);

G_END_DECLS
