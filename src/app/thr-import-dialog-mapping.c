/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-import-dialog-mapping.c — how the import dialog reads the file
 *
 * After each dry run the rows say which profile read the file (detected
 * from the header unless one was chosen), the record kind, the fields it
 * maps from the file's columns and, for a workbook, the sheet.  Choosing
 * another profile or sheet runs the dry run again
 * (_thr_import_dialog_start_job); the import then uses the same choice.
 */
#define G_LOG_DOMAIN "thr-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-import-dialog-private.h"

static ThrProfile *
find_profile (ThrImportDialog *self,
              const char      *id,
              guint           *index_out)
{
  for (guint i = 0; id != NULL && i < self->profiles->len; i++)
    {
      ThrProfile *profile = g_ptr_array_index (self->profiles, i);

      if (g_str_equal (thr_profile_get_id (profile), id))
        {
          if (index_out != NULL)
            *index_out = i;
          return profile;
        }
    }
  return NULL;
}

/* The header as the file writes it, for a profile's lower-case source
 * name: looked for in the preview's first rows, since a title row may
 * come before the header. */
static const char *
header_text (GPtrArray  *rows,
             const char *source)
{
  for (guint r = 0; rows != NULL && r < rows->len; r++)
    {
      GStrv fields = g_ptr_array_index (rows, r);

      for (guint c = 0; fields[c] != NULL; c++)
        {
          g_autofree char *stripped = g_strstrip (g_utf8_strdown (fields[c], -1));

          if (g_str_equal (stripped, source))
            return fields[c];
        }
    }
  return NULL;
}

static void
show_columns (ThrImportDialog *self,
              ThrProfile      *profile,
              GPtrArray       *rows)
{
  GPtrArray *columns = profile ? thr_profile_get_columns (profile) : NULL;
  guint n_mapped = 0;

  for (guint i = 0; i < self->column_rows->len; i++)
    adw_expander_row_remove (self->columns_row, g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);
  for (guint i = 0; columns != NULL && i < columns->len; i++)
    {
      const ThrProfileColumn *column = g_ptr_array_index (columns, i);
      const char *found = column->source ? header_text (rows, column->source) : NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      /* Translators: where a field's values come from: a column of the file, or a fixed value */
      if (found != NULL)
        subtitle = g_strdup_printf (_("From the column “%s”"), found);
      else if (column->constant != NULL)
        subtitle = g_strdup_printf (_("Always “%s”"), column->constant);
      else
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), column->field);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_expander_row_add_row (self->columns_row, row);
      g_ptr_array_add (self->column_rows, row);
      n_mapped++;
    }
  if (n_mapped == 0)
    adw_expander_row_set_subtitle (self->columns_row, profile ? _("None of the profile's columns is in the file")
                                                              : _("None: no profile reads this file"));
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u field", "%u fields", n_mapped),
                                               n_mapped);
      adw_expander_row_set_subtitle (self->columns_row, text);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->columns_row), n_mapped > 0);
}

static void
show_sheets (ThrImportDialog *self,
             GStrv            sheets)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *) sheets);
  guint selected = 0;

  g_strfreev (self->sheets);
  self->sheets = g_strdupv (sheets);
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), sheets != NULL);
  adw_combo_row_set_model (self->sheet_row, G_LIST_MODEL (model));
  for (guint i = 0; sheets != NULL && self->sheet != NULL && sheets[i] != NULL; i++)
    if (g_str_equal (sheets[i], self->sheet))
      selected = i;
  adw_combo_row_set_selected (self->sheet_row, selected);
}

/* The rows say how the dry run read the file, and offer the other choices. */
void
_thr_import_dialog_show_mapping (ThrImportDialog *self,
                                Job             *job)
{
  ThrProfile *read_by = find_profile (self, job->result.profile_id, NULL);
  guint index = 0;

  self->filling = TRUE;
  g_free (self->read_profile);
  self->read_profile = g_strdup (job->result.profile_id);
  self->read_kind = read_by ? job->result.kind : THR_IMPORT_KIND_AUTO;

  if (self->profile != NULL && find_profile (self, self->profile, &index) != NULL)
    adw_combo_row_set_selected (self->profile_row, index + 1);
  else
    adw_combo_row_set_selected (self->profile_row, 0);
  if (read_by == NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->profile_row),
                                 self->profile ? _("This profile cannot read the file's header")
                                               : _("No profile matches the file's header"));
  else
    {
      /* Translators: the profile detected from the header, and its id */
      g_autofree char *text = g_strdup_printf (_("Detected: %s (%s)"), thr_profile_get_title (read_by),
                                               thr_profile_get_id (read_by));

      /* A chosen profile's title is in the row already; its id is what
       * threshold-cli import --profile takes. */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->profile_row), self->profile ? self->profile : text);
    }
  show_sheets (self, job->sheets);
  adw_action_row_set_subtitle (self->kind_row, read_by ? thr_import_kind_to_string (job->result.kind)
                                                        : _("Unknown until a profile reads the header"));
  show_columns (self, read_by, job->preview);
  self->filling = FALSE;
}

/* A dry run the store failed before the file's header was read: the rows
 * claim nothing about the file (no profile, no columns), which the next
 * dry run says. */
void
_thr_import_dialog_forget_mapping (ThrImportDialog *self)
{
  self->filling = TRUE;
  g_clear_pointer (&self->read_profile, g_free);
  self->read_kind = THR_IMPORT_KIND_AUTO;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->profile_row), "");
  adw_action_row_set_subtitle (self->kind_row, "");
  show_columns (self, NULL, NULL);
  adw_expander_row_set_subtitle (self->columns_row, "");
  self->filling = FALSE;
}

void
_thr_import_dialog_profile_selected_cb (ThrImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->profile_row);
  const char *id = NULL;

  if (self->filling || self->job != NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected > 0 && selected <= self->profiles->len)
    id = thr_profile_get_id (g_ptr_array_index (self->profiles, selected - 1));
  if (g_strcmp0 (id, self->profile) == 0)
    return;
  g_free (self->profile);
  self->profile = g_strdup (id);
  _thr_import_dialog_start_job (self, TRUE);
}

void
_thr_import_dialog_sheet_selected_cb (ThrImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->sheet_row);

  if (self->filling || self->job != NULL || self->sheets == NULL ||
      selected >= g_strv_length (self->sheets) || g_strcmp0 (self->sheets[selected], self->sheet) == 0)
    return;
  g_free (self->sheet);
  self->sheet = g_strdup (self->sheets[selected]);
  _thr_import_dialog_start_job (self, TRUE);
}

/* "Automatic" (the profile detected from the header, which the row's
 * subtitle names: a longer word was cut to "Detect fr…" at 360 px),
 * then every profile by its title. */
void
_thr_import_dialog_fill_profiles (ThrImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  self->profiles = thr_profile_list (&error);
  if (self->profiles == NULL)
    {
      g_warning ("%s", error->message);
      self->profiles = g_ptr_array_new ();
    }
  gtk_string_list_append (model, _("Automatic"));
  for (guint i = 0; i < self->profiles->len; i++)
    gtk_string_list_append (model, thr_profile_get_title (g_ptr_array_index (self->profiles, i)));
  self->filling = TRUE;
  adw_combo_row_set_model (self->profile_row, G_LIST_MODEL (model));
  self->filling = FALSE;
}

const char *
thr_import_dialog_get_profile (ThrImportDialog *self)
{
  g_return_val_if_fail (THR_IS_IMPORT_DIALOG (self), NULL);
  return self->read_profile;
}

const char *
thr_import_dialog_get_kind (ThrImportDialog *self)
{
  g_return_val_if_fail (THR_IS_IMPORT_DIALOG (self), NULL);
  return self->read_kind == THR_IMPORT_KIND_AUTO ? NULL : thr_import_kind_to_string (self->read_kind);
}

guint
thr_import_dialog_get_n_mapped_columns (ThrImportDialog *self)
{
  g_return_val_if_fail (THR_IS_IMPORT_DIALOG (self), 0);
  return self->column_rows->len;
}

const char *
thr_import_dialog_get_columns_said (ThrImportDialog *self)
{
  g_return_val_if_fail (THR_IS_IMPORT_DIALOG (self), NULL);
  return adw_expander_row_get_subtitle (self->columns_row);
}

const char * const *
thr_import_dialog_get_sheets (ThrImportDialog *self)
{
  g_return_val_if_fail (THR_IS_IMPORT_DIALOG (self), NULL);
  return (const char * const *) self->sheets;
}

void
thr_import_dialog_choose_profile (ThrImportDialog *self,
                                  const char      *profile)
{
  guint index = 0;

  g_return_if_fail (THR_IS_IMPORT_DIALOG (self));
  g_return_if_fail (profile == NULL || find_profile (self, profile, &index) != NULL);

  adw_combo_row_set_selected (self->profile_row, profile ? index + 1 : 0);
}

void
thr_import_dialog_choose_sheet (ThrImportDialog *self,
                                const char      *sheet)
{
  g_return_if_fail (THR_IS_IMPORT_DIALOG (self));
  g_return_if_fail (sheet != NULL && self->sheets != NULL && g_strv_contains ((const char * const *) self->sheets, sheet));

  for (guint i = 0; self->sheets[i] != NULL; i++)
    if (g_str_equal (self->sheets[i], sheet))
      adw_combo_row_set_selected (self->sheet_row, i);
}
