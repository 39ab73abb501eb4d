/* thr-import-dialog.c — dry run, preview, then the import, with Cancel
 *
 * Both passes run thr_import_file_full in a GTask thread with its own
 * store connection; the thread writes its progress to an atomic integer
 * that a main-loop timeout shows.  The dry run reads every row and writes
 * nothing, so the preview shows the row count or every problem (as
 * FILE:ROW:COLUMN: message) before anything is written.
 *
 * The preview also says how the file is read: the profile (detected from
 * the header unless one is chosen), the record kind, the columns it maps
 * and, for a workbook, the sheet.  Choosing another profile or sheet runs
 * the dry run again; the import then uses the same choice.
 */
#define G_LOG_DOMAIN "thr-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "thr-core.h"
#include "thr-import-dialog.h"

typedef struct {
  char            *db_path;
  gint64           contract_id;
  char            *path;
  char            *profile;    /* chosen; NULL: detected from the header */
  char            *sheet;      /* chosen; NULL: the workbook's first */
  gboolean         dry_run;
  int              permille;   /* atomic */
  ThrImportResult  result;
  GPtrArray       *preview;    /* GStrv: the header and the first rows (dry run) */
  GStrv            sheets;     /* a workbook's sheets (dry run); NULL for CSV */
} Job;

#define PREVIEW_ROWS 5

struct _ThrImportDialog
{
  AdwWindow       parent_instance;
  char           *db_path;
  gint64          contract_id;
  GFile          *file;
  GCancellable   *cancellable;
  Job            *job;         /* the running one, or NULL */
  guint           progress_id;
  const char     *step;
  char           *summary;
  GPtrArray      *profiles;    /* ThrProfile*, in the profile row's order after "detect" */
  char           *profile;     /* chosen; NULL: detected */
  char           *sheet;       /* chosen; NULL: the first */
  gboolean        filling;     /* setting the rows from a result, not the user */
  /* What the last dry run found. */
  char           *read_profile;
  ThrImportKind   read_kind;
  GStrv           sheets;
  GPtrArray      *column_rows;

  AdwWindowTitle *window_title;
  GtkButton      *import_button;
  GtkStack       *stack;
  GtkLabel       *working_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *summary_label;
  GtkLabel       *details_label;
  GtkWidget      *preview_scroller;
  GtkGrid        *preview_grid;
  AdwComboRow    *profile_row;
  AdwComboRow    *sheet_row;
  AdwActionRow   *kind_row;
  AdwExpanderRow *columns_row;
};

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ThrImportDialog, thr_import_dialog, ADW_TYPE_WINDOW)

static void
job_free (Job *job)
{
  g_free (job->db_path);
  g_free (job->path);
  g_free (job->profile);
  g_free (job->sheet);
  thr_import_result_clear (&job->result);
  g_clear_pointer (&job->preview, g_ptr_array_unref);
  g_strfreev (job->sheets);
  g_free (job);
}

static void
job_progress_cb (gint64   done,
                 gint64   total,
                 gpointer user_data)
{
  Job *job = user_data;

  if (total > 0)
    g_atomic_int_set (&job->permille, (int) (done * 1000 / total));
}

/* The header and first rows, as the file (or the sheet) has them, for the
 * preview. */
static GPtrArray *
read_preview (const char *path,
              const char *sheet)
{
  g_autoptr(ThrTableReader) reader = thr_table_reader_open (path, sheet, NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  while (reader != NULL && rows->len <= PREVIEW_ROWS && thr_table_reader_next (reader, NULL))
    {
      GStrv fields = g_new0 (char *, thr_table_reader_get_n_fields (reader) + 1);

      for (guint i = 0; i < thr_table_reader_get_n_fields (reader); i++)
        fields[i] = g_strdup (thr_table_reader_get_field (reader, i));
      g_ptr_array_add (rows, fields);
    }
  return rows;
}

static void
job_thread_cb (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (job->db_path, &error);
  g_autoptr(ThrEvaluator) evaluator = NULL;
  ThrImportOptions options = { THR_IMPORT_KIND_AUTO, job->profile, job->sheet, job->dry_run };

  if (job->dry_run)
    {
      job->preview = read_preview (job->path, job->sheet);
      /* Not a workbook: no sheets to choose from. */
      job->sheets = thr_xlsx_list_sheets (job->path, NULL);
    }
  if (store != NULL)
    evaluator = thr_evaluator_new_for_store (store, job->contract_id, &error);
  if (evaluator == NULL ||
      !thr_import_file_full (store, job->contract_id, thr_evaluator_get_contract (evaluator), job->path,
                             &options, job_progress_cb, job, cancellable, &job->result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
progress_tick_cb (gpointer user_data)
{
  ThrImportDialog *self = user_data;

  if (self->job != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&self->job->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
set_step (ThrImportDialog *self,
          const char      *step)
{
  self->step = step;
  gtk_stack_set_visible_child_name (self->stack,
                                    g_str_equal (step, "checking") || g_str_equal (step, "importing")
                                    ? "working" : "result");
}

static void
show_result (ThrImportDialog *self,
             const char      *summary,
             const char      *details,
             gboolean         can_import)
{
  g_free (self->summary);
  self->summary = g_strdup (summary);
  gtk_label_set_label (self->summary_label, summary);
  gtk_label_set_label (self->details_label, details ? details : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", can_import);
  set_step (self, can_import ? "preview" : "failed");
}

static void
show_preview (ThrImportDialog *self,
              GPtrArray       *rows)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))))
    gtk_grid_remove (self->preview_grid, child);
  for (guint r = 0; rows != NULL && r < rows->len; r++)
    {
      GStrv fields = g_ptr_array_index (rows, r);

      for (guint c = 0; fields[c] != NULL; c++)
        {
          GtkWidget *label = gtk_label_new (fields[c]);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
          gtk_widget_add_css_class (label, r == 0 ? "heading" : "monospace");
          gtk_grid_attach (self->preview_grid, label, c, r, 1, 1);
        }
    }
  gtk_widget_set_visible (self->preview_scroller, rows != NULL && rows->len > 0);
}

/* ---- how the file is read ---- */

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
static void
show_mapping (ThrImportDialog *self,
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

static void start_job (ThrImportDialog *self, gboolean dry_run);

static void
profile_selected_cb (ThrImportDialog *self)
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
  start_job (self, TRUE);
}

static void
sheet_selected_cb (ThrImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->sheet_row);

  if (self->filling || self->job != NULL || self->sheets == NULL ||
      selected >= g_strv_length (self->sheets) || g_strcmp0 (self->sheets[selected], self->sheet) == 0)
    return;
  g_free (self->sheet);
  self->sheet = g_strdup (self->sheets[selected]);
  start_job (self, TRUE);
}

/* "Detect from the header", then every profile by its title. */
static void
fill_profiles (ThrImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  self->profiles = thr_profile_list (&error);
  if (self->profiles == NULL)
    {
      g_warning ("%s", error->message);
      self->profiles = g_ptr_array_new ();
    }
  gtk_string_list_append (model, _("Detect from the header"));
  for (guint i = 0; i < self->profiles->len; i++)
    gtk_string_list_append (model, thr_profile_get_title (g_ptr_array_index (self->profiles, i)));
  self->filling = TRUE;
  adw_combo_row_set_model (self->profile_row, G_LIST_MODEL (model));
  self->filling = FALSE;
}

static void job_done_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static void
start_job (ThrImportDialog *self,
           gboolean         dry_run)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *text = NULL;
  Job *job = g_new0 (Job, 1);

  job->db_path = g_strdup (self->db_path);
  job->contract_id = self->contract_id;
  job->path = g_file_get_path (self->file);
  job->profile = g_strdup (self->profile);
  job->sheet = g_strdup (self->sheet);
  job->dry_run = dry_run;
  self->job = job;

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  text = g_strdup_printf (dry_run ? _("Checking every row of %s…") : _("Importing %s…"), name);
  gtk_label_set_label (self->working_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", FALSE);
  set_step (self, dry_run ? "checking" : "importing");
  if (self->progress_id == 0)
    self->progress_id = g_timeout_add (100, progress_tick_cb, self);

  task = g_task_new (NULL, self->cancellable, job_done_cb, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread_cb);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ThrImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *summary = NULL;
  g_autofree char *details = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));

  self->job = NULL;
  g_clear_handle_id (&self->progress_id, g_source_remove);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }
      /* Translators: the file name */
      summary = g_strdup_printf (_("%s cannot be imported; nothing was written"), name);
      show_preview (self, job->preview);
      show_mapping (self, job);
      show_result (self, summary, error->message, FALSE);
      return;
    }

  if (job->dry_run)
    {
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u row of %s, all valid",
                                              "%s: %u rows of %s, all valid", job->result.n_rows),
                                 name, job->result.n_rows, thr_import_kind_to_string (job->result.kind));
      if (job->result.ignored_columns && job->result.ignored_columns[0])
        {
          g_autofree char *columns = g_strjoinv (", ", job->result.ignored_columns);
          details = g_strdup_printf (_("Columns not used: %s"), columns);
        }
      else
        details = g_strdup (_("Nothing has been written yet."));
      show_preview (self, job->preview);
      show_mapping (self, job);
      show_result (self, summary, details, TRUE);
      return;
    }

  g_signal_emit (self, signals[IMPORTED], 0, thr_import_kind_to_string (job->result.kind),
                 job->result.n_rows, name, job->result.import_id, job->result.n_replaced);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_clicked_cb (ThrImportDialog *self)
{
  if (self->job != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  cancel_clicked_cb (THR_IMPORT_DIALOG (widget));
}

static void
import_clicked_cb (ThrImportDialog *self)
{
  if (self->job == NULL)
    start_job (self, FALSE);
}

static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  import_clicked_cb (THR_IMPORT_DIALOG (widget));
}

static void
thr_import_dialog_dispose (GObject *object)
{
  ThrImportDialog *self = THR_IMPORT_DIALOG (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  G_OBJECT_CLASS (thr_import_dialog_parent_class)->dispose (object);
}

static void
thr_import_dialog_finalize (GObject *object)
{
  ThrImportDialog *self = THR_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->sheet, g_free);
  g_clear_pointer (&self->read_profile, g_free);
  g_clear_pointer (&self->sheets, g_strfreev);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (thr_import_dialog_parent_class)->finalize (object);
}

static void
thr_import_dialog_class_init (ThrImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = thr_import_dialog_dispose;
  object_class->finalize = thr_import_dialog_finalize;

  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 5, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_INT64, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thresholdapp/Threshold/thr-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ThrImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, ThrImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, ThrImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ThrImportDialog, working_label);
  gtk_widget_class_bind_template_child (widget_class, ThrImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ThrImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ThrImportDialog, details_label);
  gtk_widget_class_bind_template_child (widget_class, ThrImportDialog, preview_scroller);
  gtk_widget_class_bind_template_child (widget_class, ThrImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, ThrImportDialog, profile_row);
  gtk_widget_class_bind_template_child (widget_class, ThrImportDialog, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, ThrImportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ThrImportDialog, columns_row);
  gtk_widget_class_bind_template_callback (widget_class, profile_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sheet_selected_cb);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
thr_import_dialog_init (ThrImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->step = "checking";
  self->column_rows = g_ptr_array_new ();
  fill_profiles (self);
}

ThrImportDialog *
thr_import_dialog_new (GtkWindow  *parent,
                       const char *db_path,
                       gint64      contract_id,
                       GFile      *file)
{
  ThrImportDialog *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (THR_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->db_path = g_strdup (db_path);
  self->contract_id = contract_id;
  self->file = g_object_ref (file);
  name = g_file_get_basename (file);
  adw_window_title_set_subtitle (self->window_title, name);
  start_job (self, TRUE);
  return self;
}

const char *
thr_import_dialog_get_step (ThrImportDialog *self)
{
  g_return_val_if_fail (THR_IS_IMPORT_DIALOG (self), NULL);
  return self->step;
}

const char *
thr_import_dialog_get_summary (ThrImportDialog *self)
{
  g_return_val_if_fail (THR_IS_IMPORT_DIALOG (self), NULL);
  return self->summary;
}

guint
thr_import_dialog_get_n_preview_rows (ThrImportDialog *self)
{
  guint n = 0;

  g_return_val_if_fail (THR_IS_IMPORT_DIALOG (self), 0);

  if (!gtk_widget_get_visible (self->preview_scroller))
    return 0;
  while (gtk_grid_get_child_at (self->preview_grid, 0, n + 1) != NULL)
    n++;
  return n;
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
