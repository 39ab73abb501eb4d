/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-alert.h — a question or a failure, asked or told in a dialog */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* An AdwAlertDialog on libadwaita 1.5 and later, an AdwMessageDialog on
 * 1.2 (Debian 12).  Both emit "response" (dialog, const char *id). */
GtkWidget  *thr_alert_new                     (const char            *heading,
                                               const char            *body);
/* An alert whose @message's first line is its body and whose further
 * lines (a server's words) are quoted below it, selectable. */
GtkWidget  *thr_alert_new_quoting             (const char            *heading,
                                               const char            *message);
/* An alert saying in @body, in our words, what failed and what to do,
 * with @quote (someone else's words: a server's) in a selectable card
 * below it; no card when @quote is NULL or empty. */
GtkWidget  *thr_alert_new_with_quote          (const char            *heading,
                                               const char            *body,
                                               const char            *quote);
/* A team store's error message without the store's address the core
 * puts first ("postgresql://ana@db/contracts: "), which the window names
 * elsewhere: the words to quote.  Of a busy team store's sentence
 * ("postgresql://… is busy: …"), only the server's words in its
 * parentheses ("" when none).  Any other message as it is. */
char       *thr_alert_server_words            (const char            *message);
/* The words of a store's @error to quote under our sentence: a team
 * store's server's (thr_alert_server_words), SQLite's without the store
 * file's @path the core puts first, or "" for a store file kept busy
 * (the sentence is the core's, SQLite has none there). */
char       *thr_alert_store_words             (const GError          *error,
                                               const char            *path);
/* Whether @error is SQLite's failure of the store file at @path (a disk
 * error, a read-only or vanished file): said in our words, SQLite's
 * quoted (thr_alert_store_words).  Busy, a refused value, a missing row
 * and a team store's errors are not. */
gboolean    thr_alert_is_store_file_failure   (const GError          *error,
                                               const char            *path);
/* How our sentences name the store file at @path: its file name (the
 * header bar's title), not its folder. */
char       *thr_alert_store_name              (const char            *path);
/* @error in one line, for a toast or a label, where no card fits: a
 * store file's failure in our words naming the store, SQLite's words
 * after them; any other error's message as it is. */
char       *thr_alert_describe_store_error    (const GError          *error,
                                               const char            *path);
/* The selectable card that quotes @text (the alerts' and the window's
 * error page's), and its text. */
GtkWidget  *thr_alert_quote_card_new          (const char            *text);
const char *thr_alert_quote_card_get_text     (GtkWidget             *card);
/* The quoted lines, or NULL. */
const char *thr_alert_get_quote               (GtkWidget             *alert);
void        thr_alert_add_response            (GtkWidget             *alert,
                                               const char            *id,
                                               const char            *label);
void        thr_alert_set_response_appearance (GtkWidget             *alert,
                                               const char            *id,
                                               AdwResponseAppearance  appearance);
void        thr_alert_set_response_enabled    (GtkWidget             *alert,
                                               const char            *id,
                                               gboolean               enabled);
void        thr_alert_set_default_response    (GtkWidget             *alert,
                                               const char            *id);
void        thr_alert_set_close_response      (GtkWidget             *alert,
                                               const char            *id);
void        thr_alert_set_extra_child         (GtkWidget             *alert,
                                               GtkWidget             *child);
void        thr_alert_present                 (GtkWidget             *alert,
                                               GtkWidget             *parent);
gboolean    thr_alert_is_alert                (GtkWidget             *widget);
/* FALSE once it has answered: an AdwAlertDialog fades out of its window
 * after its response. */
gboolean    thr_alert_is_open                 (GtkWidget             *alert);
const char *thr_alert_get_heading             (GtkWidget             *alert);
const char *thr_alert_get_body                (GtkWidget             *alert);
/* As if the person chose @id: emits "response" and closes the dialog. */
void        thr_alert_respond                 (GtkWidget             *alert,
                                               const char            *id);

G_END_DECLS
