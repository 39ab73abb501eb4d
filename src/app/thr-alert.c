/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-alert.c — a question or a failure, asked or told in a dialog
 *
 * libadwaita 1.5 replaces AdwMessageDialog, a window of its own, with
 * AdwAlertDialog, an AdwDialog shown inside its parent window (or as a
 * bottom sheet when the window is narrow), as the HIG now expects.  The
 * two take the same responses, so the window asks through these
 * functions and gets the one its libadwaita has: AdwMessageDialog on
 * Debian 12's 1.2, AdwAlertDialog on the Flatpak's GNOME runtime.
 */
#define G_LOG_DOMAIN "thr-alert"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "thr-alert.h"
#include "thr-core.h"

#if ADW_CHECK_VERSION (1, 5, 0)
#define ALERT(widget) ADW_ALERT_DIALOG (widget)
#else
#define ALERT(widget) ADW_MESSAGE_DIALOG (widget)
#endif

#if ADW_CHECK_VERSION (1, 5, 0)
/* AdwAlertDialog answers when it starts to close, then stays in its
 * window while it fades out: from the answer on it is not a question any
 * more, though it can still be found there. */
static void
answered_cb (AdwDialog *dialog)
{
  g_object_set_data (G_OBJECT (dialog), "thr-alert-answered", GINT_TO_POINTER (TRUE));
}
#endif

GtkWidget *
thr_alert_new (const char *heading,
               const char *body)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  AdwDialog *alert = adw_alert_dialog_new (heading, body);

  g_signal_connect (alert, "closed", G_CALLBACK (answered_cb), NULL);
  return GTK_WIDGET (alert);
#else
  /* The parent is set when it is presented. */
  return adw_message_dialog_new (NULL, heading, body);
#endif
}

GtkWidget *
thr_alert_quote_card_new (const char *text)
{
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();
  GtkWidget *quote = gtk_label_new (text);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_label_set_wrap (GTK_LABEL (quote), TRUE);
  /* A row the server quotes holds hashes longer than the dialog is wide. */
  gtk_label_set_wrap_mode (GTK_LABEL (quote), PANGO_WRAP_WORD_CHAR);
  /* Broken inside, a hash is not hyphenated: the hyphen would read as
   * one of its characters. */
  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (GTK_LABEL (quote), attributes);
  gtk_label_set_xalign (GTK_LABEL (quote), 0);
  gtk_label_set_selectable (GTK_LABEL (quote), TRUE);
  gtk_widget_set_margin_top (quote, 9);
  gtk_widget_set_margin_bottom (quote, 9);
  gtk_widget_set_margin_start (quote, 12);
  gtk_widget_set_margin_end (quote, 12);
  gtk_widget_add_css_class (card, "card");
  gtk_box_append (GTK_BOX (card), quote);
  g_object_set_data (G_OBJECT (card), "thr-alert-quote", quote);
  return card;
}

const char *
thr_alert_quote_card_get_text (GtkWidget *card)
{
  GtkWidget *quote = g_object_get_data (G_OBJECT (card), "thr-alert-quote");

  return quote != NULL ? gtk_label_get_text (GTK_LABEL (quote)) : NULL;
}

/* The server's words at the end of one of the core's sentences whose
 * subject is the store ("postgresql://ana@db/contracts is busy: …
 * (canceling statement due to lock timeout)"): the last parenthesis, to
 * the one that opens it (the server's words may hold their own).  NULL
 * when @sentence does not end so. */
static char *
trailing_parenthesis (const char *sentence)
{
  gsize length = strlen (sentence);
  int depth = 0;

  if (length == 0 || sentence[length - 1] != ')')
    return NULL;
  for (gsize i = length; i-- > 0;)
    {
      if (sentence[i] == ')')
        depth++;
      else if (sentence[i] == '(' && --depth == 0)
        return g_strndup (sentence + i + 1, length - i - 2);
    }
  return NULL;
}

/* libpq's words in the core's sentence for a lost connection
 * ("ADDRESS: the connection to the PostgreSQL server failed (WORDS)"),
 * found by making the same sentence, in the language the core spoke it,
 * with a mark where WORDS go; NULL when @message is not that sentence. */
static char *
lost_connection_words (const char *message,
                       const char *address)
{
  static const char mark[] = "\x1f";
  g_autofree char *shape = g_strdup_printf (_("%s: the connection to the PostgreSQL server failed (%s)"),
                                            address, mark);
  const char *at = strstr (shape, mark);
  gsize head, tail, length = strlen (message);

  if (at == NULL)
    return NULL;
  head = at - shape;
  tail = strlen (at + strlen (mark));
  if (length < head + tail || strncmp (message, shape, head) != 0 ||
      strcmp (message + length - tail, at + strlen (mark)) != 0)
    return NULL;
  return g_strndup (message + head, length - head - tail);
}

char *
thr_alert_server_words (const char *message)
{
  const char *colon = strstr (message, ": ");
  const char *space = strchr (message, ' ');
  g_autofree char *before = colon != NULL ? g_strndup (message, colon - message) : NULL;
  g_autofree char *subject = space != NULL ? g_strndup (message, space - message) : NULL;
  g_autofree char *quoted = NULL;
  GString *words;

  /* The store names itself first ("postgresql://ana@db/contracts: …"):
   * neither URIs nor libpq's key=value addresses hold ": ", so the first
   * one ends the address.  A busy store is the subject of the core's
   * sentence instead ("postgresql://ana@db/contracts is busy: …"), the
   * server's words in parentheses at its end, or none; a URI holds no
   * space, so there the first one ends the address. */
  if (subject != NULL && (colon == NULL || space < colon) && thr_store_is_team_address (subject))
    {
      quoted = trailing_parenthesis (space);
      words = g_string_new (quoted != NULL ? quoted : "");
    }
  else if (before != NULL && thr_store_is_team_address (before))
    {
      /* A lost connection is the core's sentence too: our alert says the
       * connection was lost, so only libpq's words are quoted. */
      quoted = lost_connection_words (message, before);
      words = g_string_new (quoted != NULL ? quoted : colon + 2);
    }
  else
    words = g_string_new (message);

  /* libpq indents its second line ("\tIs the server running locally…"),
   * which a label shows as a gap. */
  g_string_replace (words, "\n\t", "\n", 0);
  return g_string_free (words, FALSE);
}

char *
thr_alert_store_words (const GError *error,
                       const char   *path)
{
  gsize length = strlen (path);

  if (thr_store_is_team_address (path))
    return thr_alert_server_words (error->message);
  /* SQLite has no words of its own for a store kept busy: the sentence is
   * the core's. */
  if (g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_BUSY))
    return g_strdup ("");
  if (g_str_has_prefix (error->message, path) && g_str_has_prefix (error->message + length, ": "))
    return g_strdup (error->message + length + 2);
  return g_strdup (error->message);
}

gboolean
thr_alert_is_store_file_failure (const GError *error,
                                 const char   *path)
{
  return !thr_store_is_team_address (path) && g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_SQLITE);
}

char *
thr_alert_store_name (const char *path)
{
  return g_path_get_basename (path);
}

char *
thr_alert_describe_store_error (const GError *error,
                                const char   *path)
{
  g_autofree char *name = NULL;
  g_autofree char *words = NULL;

  if (!thr_alert_is_store_file_failure (error, path))
    return g_strdup (error->message);
  name = thr_alert_store_name (path);
  words = thr_alert_store_words (error, path);
  /* Translators: the store's file name, then SQLite's words (in English) */
  return g_strdup_printf (_("The store “%s” failed. SQLite's words: %s"), name, words);
}

GtkWidget *
thr_alert_new_with_quote (const char *heading,
                          const char *body,
                          const char *quote)
{
  GtkWidget *alert = thr_alert_new (heading, body);
  GtkWidget *card;

  if (quote == NULL || quote[0] == '\0')
    return alert;
  card = thr_alert_quote_card_new (quote);
  g_object_set_data (G_OBJECT (alert), "thr-alert-quote", g_object_get_data (G_OBJECT (card), "thr-alert-quote"));
  thr_alert_set_extra_child (alert, card);
  return alert;
}

/* The lines after the first are someone else's words (a team store's
 * server's message, detail and hint): centred in the body they ran on
 * from our sentence as one paragraph, and could not be copied.  Quoted
 * apart, left-aligned as the lines they are, they read as the server's
 * and can be selected for whoever runs it. */
GtkWidget *
thr_alert_new_quoting (const char *heading,
                       const char *message)
{
  const char *newline = strchr (message, '\n');
  g_autofree char *body = g_strndup (message, newline != NULL ? (gsize) (newline - message) : strlen (message));

  return thr_alert_new_with_quote (heading, body, newline != NULL ? newline + 1 : NULL);
}

const char *
thr_alert_get_quote (GtkWidget *alert)
{
  GtkWidget *quote;

  g_return_val_if_fail (thr_alert_is_alert (alert), NULL);

  quote = g_object_get_data (G_OBJECT (alert), "thr-alert-quote");
  return quote != NULL ? gtk_label_get_text (GTK_LABEL (quote)) : NULL;
}

void
thr_alert_add_response (GtkWidget  *alert,
                        const char *id,
                        const char *label)
{
  g_return_if_fail (thr_alert_is_alert (alert));

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_alert_dialog_add_response (ALERT (alert), id, label);
#else
  adw_message_dialog_add_response (ALERT (alert), id, label);
#endif
}

void
thr_alert_set_response_appearance (GtkWidget             *alert,
                                   const char            *id,
                                   AdwResponseAppearance  appearance)
{
  g_return_if_fail (thr_alert_is_alert (alert));

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_alert_dialog_set_response_appearance (ALERT (alert), id, appearance);
#else
  adw_message_dialog_set_response_appearance (ALERT (alert), id, appearance);
#endif
}

void
thr_alert_set_response_enabled (GtkWidget  *alert,
                                const char *id,
                                gboolean    enabled)
{
  g_return_if_fail (thr_alert_is_alert (alert));

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_alert_dialog_set_response_enabled (ALERT (alert), id, enabled);
#else
  adw_message_dialog_set_response_enabled (ALERT (alert), id, enabled);
#endif
}

void
thr_alert_set_default_response (GtkWidget  *alert,
                                const char *id)
{
  g_return_if_fail (thr_alert_is_alert (alert));

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_alert_dialog_set_default_response (ALERT (alert), id);
#else
  adw_message_dialog_set_default_response (ALERT (alert), id);
#endif
}

void
thr_alert_set_close_response (GtkWidget  *alert,
                              const char *id)
{
  g_return_if_fail (thr_alert_is_alert (alert));

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_alert_dialog_set_close_response (ALERT (alert), id);
#else
  adw_message_dialog_set_close_response (ALERT (alert), id);
#endif
}

void
thr_alert_set_extra_child (GtkWidget *alert,
                           GtkWidget *child)
{
  g_return_if_fail (thr_alert_is_alert (alert));

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_alert_dialog_set_extra_child (ALERT (alert), child);
#else
  adw_message_dialog_set_extra_child (ALERT (alert), child);
#endif
}

void
thr_alert_present (GtkWidget *alert,
                   GtkWidget *parent)
{
  g_return_if_fail (thr_alert_is_alert (alert));
  g_return_if_fail (GTK_IS_WIDGET (parent));

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (alert), parent);
#else
  {
    GtkRoot *root = gtk_widget_get_root (parent);

    if (GTK_IS_WINDOW (root))
      gtk_window_set_transient_for (GTK_WINDOW (alert), GTK_WINDOW (root));
    gtk_window_present (GTK_WINDOW (alert));
  }
#endif
}

gboolean
thr_alert_is_alert (GtkWidget *widget)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return ADW_IS_ALERT_DIALOG (widget);
#else
  return ADW_IS_MESSAGE_DIALOG (widget);
#endif
}

gboolean
thr_alert_is_open (GtkWidget *alert)
{
  g_return_val_if_fail (thr_alert_is_alert (alert), FALSE);

  /* AdwMessageDialog is destroyed as it answers. */
  return g_object_get_data (G_OBJECT (alert), "thr-alert-answered") == NULL;
}

const char *
thr_alert_get_heading (GtkWidget *alert)
{
  g_return_val_if_fail (thr_alert_is_alert (alert), NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  return adw_alert_dialog_get_heading (ALERT (alert));
#else
  return adw_message_dialog_get_heading (ALERT (alert));
#endif
}

const char *
thr_alert_get_body (GtkWidget *alert)
{
  g_return_val_if_fail (thr_alert_is_alert (alert), NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  return adw_alert_dialog_get_body (ALERT (alert));
#else
  return adw_message_dialog_get_body (ALERT (alert));
#endif
}

void
thr_alert_respond (GtkWidget  *alert,
                   const char *id)
{
  g_return_if_fail (thr_alert_is_alert (alert));

#if ADW_CHECK_VERSION (1, 5, 0)
  /* adw_alert_dialog_choose's callers get the answer, and the dialog
   * closes, as when a response button is clicked. */
  g_object_ref (alert);
  adw_alert_dialog_set_close_response (ALERT (alert), id);
  adw_dialog_close (ADW_DIALOG (alert));
  g_object_unref (alert);
#else
  adw_message_dialog_response (ALERT (alert), id);
  gtk_window_destroy (GTK_WINDOW (alert));
#endif
}
