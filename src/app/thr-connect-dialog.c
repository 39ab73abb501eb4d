/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-connect-dialog.c — "Connect to a Team Store…"
 *
 * The person gives a libpq URI, or the host, port, database and user; the
 * TLS mode (sslmode), verify-full unless they choose otherwise, which
 * checks the server's certificate and that it names the host; and the
 * password.  Connecting keeps the password in the keyring
 * (thr-team-keyring.c) and hands it to the core for this process
 * (thr_team_password_set); the address the dialog gives the window, which
 * the window remembers, never holds it.  The store is opened by the
 * window, whose error page says in words why a server refused.
 */
#define G_LOG_DOMAIN "thr-connect-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "thr-alert.h"
#include "thr-connect-dialog.h"
#include "thr-core.h"
#include "thr-team-keyring.h"

struct _ThrConnectDialog
{
  AdwWindow         parent_instance;

  AdwEntryRow      *uri_row;
  AdwEntryRow      *host_row;
  AdwEntryRow      *port_row;
  AdwEntryRow      *database_row;
  AdwEntryRow      *user_row;
  AdwComboRow      *tls_row;
  AdwPasswordEntryRow *password_row;
  GtkButton        *connect_button;
  AdwPreferencesGroup *recent_group;
};

enum {
  CONNECT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The TLS modes in the order of the combo row (thr-connect-dialog.ui). */
static const char * const tls_modes[] = { "verify-full", "verify-ca", "require", "prefer", "disable" };

G_DEFINE_FINAL_TYPE (ThrConnectDialog, thr_connect_dialog, ADW_TYPE_WINDOW)

/* ---- private helpers ---- */

static char *
field_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
append_parameter (GString    *uri,
                  const char *key,
                  const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, "/:", FALSE);

  g_string_append_c (uri, strchr (uri->str, '?') != NULL ? '&' : '?');
  g_string_append_printf (uri, "%s=%s", key, escaped);
}

/* From the separate fields: "postgresql:///DB?host=…&port=…&user=…".
 * Parameters rather than the authority, so a socket folder or an IPv6
 * address needs no quoting of its own. */
static char *
address_from_fields (ThrConnectDialog *self)
{
  g_autofree char *host = field_text (self->host_row);
  g_autofree char *port = field_text (self->port_row);
  g_autofree char *database = field_text (self->database_row);
  g_autofree char *user = field_text (self->user_row);
  g_autofree char *db_escaped = g_uri_escape_string (database, NULL, FALSE);
  g_autoptr(GString) uri = g_string_new ("postgresql:///");

  g_string_append (uri, db_escaped);
  if (*host != '\0')
    append_parameter (uri, "host", host);
  if (*port != '\0')
    append_parameter (uri, "port", port);
  if (*user != '\0')
    append_parameter (uri, "user", user);
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

static gboolean
host_is_socket (ThrConnectDialog *self,
                const char       *address)
{
  g_autofree char *host = field_text (self->host_row);

  return host[0] == '/' || strstr (address, "host=/") != NULL || strstr (address, "host=%2F") != NULL;
}

static void
update_connect_sensitive (ThrConnectDialog *self)
{
  g_autofree char *uri = field_text (self->uri_row);
  g_autofree char *database = field_text (self->database_row);

  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button),
                            thr_store_is_team_address (uri) || (*uri == '\0' && *database != '\0'));
}

/* ---- callbacks ---- */

static void
changed_cb (ThrConnectDialog *self)
{
  update_connect_sensitive (self);
}

static void
connect_clicked_cb (ThrConnectDialog *self)
{
  g_autofree char *address = thr_connect_dialog_get_address (self);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autoptr(GError) error = NULL;

  if (*password != '\0')
    {
      thr_team_password_set (address, password);
      /* Connecting needs no keyring: without one the password holds for
       * this session, and the person is told it will be asked again. */
      if (!thr_team_keyring_store (address, password, NULL, &error))
        {
          g_autofree char *body = g_strdup_printf (_("The desktop's keyring did not take it (%s), so it holds "
                                                     "only until Threshold is closed."), error->message);
          GtkWidget *alert = thr_alert_new (_("The Password Was Not Kept"), body);

          thr_alert_add_response (alert, "close", _("_Close"));
          thr_alert_present (alert, GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self))));
        }
    }
  g_signal_emit (self, signals[CONNECT], 0, address);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* A recent store: its password, if one is kept, comes from the keyring. */
static void
recent_activated_cb (AdwActionRow     *row,
                     ThrConnectDialog *self)
{
  const char *address = g_object_get_data (G_OBJECT (row), "thr-address");
  g_autoptr(GError) error = NULL;

  if (!thr_team_keyring_hand_over (address, &error) && error != NULL)
    g_message ("cannot read the password of %s from the keyring: %s", address, error->message);
  g_signal_emit (self, signals[CONNECT], 0, address);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_clicked_cb (ThrConnectDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- class and instance ---- */

static void
thr_connect_dialog_class_init (ThrConnectDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* Emitted with the address (without the password) to open. */
  signals[CONNECT] = g_signal_new ("connect", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thresholdapp/Threshold/thr-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ThrConnectDialog, uri_row);
  gtk_widget_class_bind_template_child (widget_class, ThrConnectDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, ThrConnectDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, ThrConnectDialog, database_row);
  gtk_widget_class_bind_template_child (widget_class, ThrConnectDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, ThrConnectDialog, tls_row);
  gtk_widget_class_bind_template_child (widget_class, ThrConnectDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, ThrConnectDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, ThrConnectDialog, recent_group);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
thr_connect_dialog_init (ThrConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_connect_sensitive (self);
}

/* ---- public API ---- */

ThrConnectDialog *
thr_connect_dialog_new (GtkWindow *parent)
{
  return g_object_new (THR_TYPE_CONNECT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
}

char *
thr_connect_dialog_get_address (ThrConnectDialog *self)
{
  g_autofree char *uri = NULL;
  g_autoptr(GString) address = NULL;
  guint tls;

  g_return_val_if_fail (THR_IS_CONNECT_DIALOG (self), NULL);

  uri = field_text (self->uri_row);
  address = g_string_new (*uri != '\0' ? uri : NULL);
  if (*uri == '\0')
    {
      g_autofree char *from_fields = address_from_fields (self);
      g_string_assign (address, from_fields);
    }
  tls = adw_combo_row_get_selected (self->tls_row);
  if (tls < G_N_ELEMENTS (tls_modes) && strstr (address->str, "sslmode=") == NULL
      && !host_is_socket (self, address->str))
    append_parameter (address, "sslmode", tls_modes[tls]);
  return g_string_free (g_steal_pointer (&address), FALSE);
}

void
thr_connect_dialog_set_recent (ThrConnectDialog   *self,
                               const char * const *addresses)
{
  g_return_if_fail (THR_IS_CONNECT_DIALOG (self));

  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *words = thr_connect_dialog_describe_address (addresses[i]);

      /* The address is the person's text, not markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), words != NULL ? words : addresses[i]);
      if (words != NULL)
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), addresses[i]);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
        }
      else
        adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "thr-address", g_strdup (addresses[i]), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (recent_activated_cb), self);
      adw_preferences_group_add (self->recent_group, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), addresses != NULL && addresses[0] != NULL);
}

char *
thr_connect_dialog_describe_address (const char *address)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *database = NULL;
  const char *host;
  const char *query;

  g_return_val_if_fail (address != NULL, NULL);

  uri = g_uri_parse (address, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (uri == NULL)
    return NULL;
  query = g_uri_get_query (uri);
  params = query != NULL ? g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL) : NULL;
  /* libpq takes the host and the database from the query too, and the
   * query wins. */
  host = params != NULL && g_hash_table_contains (params, "host") ? g_hash_table_lookup (params, "host")
                                                                   : g_uri_get_host (uri);
  if (params != NULL && g_hash_table_contains (params, "dbname"))
    database = g_strdup (g_hash_table_lookup (params, "dbname"));
  else if (g_uri_get_path (uri)[0] == '/' && g_uri_get_path (uri)[1] != '\0')
    database = g_uri_unescape_string (g_uri_get_path (uri) + 1, NULL);
  if (database == NULL || database[0] == '\0')
    return NULL;
  if (host == NULL || host[0] == '\0' || host[0] == '/')
    /* Translators: a team store's database on a server of this computer (a socket) */
    return g_strdup_printf (_("%s on this computer"), database);
  /* Translators: a team store's database, then the server's host name */
  return g_strdup_printf (_("%s on %s"), database, host);
}
