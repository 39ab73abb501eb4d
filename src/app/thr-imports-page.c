/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-imports-page.c — how to import, and every import of the contract
 *
 * The history comes from the store's imports table, newest first.  Each
 * row's Undo button asks the window (win.ask-undo-import), which confirms
 * and undoes through the core's thr_history_undo_import.  The page's
 * layout is thr-imports-page.ui; only the history's rows are built here.
 */
#define G_LOG_DOMAIN "thr-imports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-imports-page.h"
#include "thr-tooltip.h"

struct _ThrImportsPage
{
  AdwBin      parent_instance;
  guint       n_imports;
  GPtrArray  *rows;      /* the history's rows, removed on the next fill */

  AdwPreferencesGroup *history;
};

G_DEFINE_FINAL_TYPE (ThrImportsPage, thr_imports_page, ADW_TYPE_BIN)

static GtkWidget *
undo_button (const ThrStoreImport *import)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Undo…"));
  /* Translators: the accessible name of a history row's Undo button; the file's name */
  g_autofree char *label = g_strdup_printf (_("Undo the import of %s"), import->file_name);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.ask-undo-import");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (import->id));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  thr_tooltip_set_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

static GtkWidget *
import_row (const ThrStoreImport *import)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_markup_escape_text (import->file_name, -1);
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (import->imported_at, NULL);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  g_autofree char *when = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (import->imported_at);
  g_autofree char *n_rows = thr_format_number (import->n_rows, 0);
  /* Translators: kind of file, number of rows (with thousands separators), date and time */
  g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %s row · %s", "%s · %s rows · %s",
                                                            (gulong) import->n_rows),
                                               import->kind, n_rows, when);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), undo_button (import));
  return row;
}

static void
add_history_row (ThrImportsPage *self,
                 GtkWidget      *row)
{
  adw_preferences_group_add (self->history, row);
  g_ptr_array_add (self->rows, row);
}

static void
clear_history (ThrImportsPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->history, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  self->n_imports = 0;
}

static void
thr_imports_page_dispose (GObject *object)
{
  ThrImportsPage *self = THR_IMPORTS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), THR_TYPE_IMPORTS_PAGE);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (thr_imports_page_parent_class)->dispose (object);
}

static void
thr_imports_page_class_init (ThrImportsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = thr_imports_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thresholdapp/Threshold/thr-imports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ThrImportsPage, history);
}

static void
thr_imports_page_init (ThrImportsPage *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  thr_imports_page_set_session (self, NULL);
}

void
thr_imports_page_set_session (ThrImportsPage *self,
                              ThrSession     *session)
{
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (THR_IS_IMPORTS_PAGE (self));

  clear_history (self);
  if (session != NULL && thr_session_get_contract_id (session) != 0)
    imports = thr_store_list_imports (thr_session_get_store (session),
                                      thr_session_get_contract_id (session), &error);
  if (error != NULL)
    g_warning ("%s", error->message);
  for (guint i = 0; imports != NULL && i < imports->len; i++)
    {
      add_history_row (self, import_row (g_ptr_array_index (imports, i)));
      self->n_imports++;
    }
  if (self->n_imports == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing imported yet"));
      add_history_row (self, row);
    }
}

guint
thr_imports_page_get_n_imports (ThrImportsPage *self)
{
  g_return_val_if_fail (THR_IS_IMPORTS_PAGE (self), 0);
  return self->n_imports;
}
