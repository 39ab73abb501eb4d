/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-import-dialog.c — dry run, preview, then the import, with Cancel
 *
 * Both passes run thr_import_file_full in a GTask thread with its own
 * store connection; the thread writes its progress to an atomic integer
 * that a main-loop timeout shows.  The dry run reads every row and writes
 * nothing, so the preview shows the row count or every problem before
 * anything is written.  The core states a problem as FILE:ROW:COLUMN:
 * message; the dialog says it as "Row 2, column period: …" and marks that
 * cell in the preview.  It also says before the import whether the file's
 * reported figures replace figures imported before.
 *
 * The preview also says how the file is read, and offers another profile
 * or sheet: thr-import-dialog-mapping.c.
 */
#define G_LOG_DOMAIN "thr-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "thr-alert.h"
#include "thr-import-dialog-private.h"

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A cell of the preview that a problem names: the file's row (1 is the
 * header) and column, from 1. */
typedef struct {
  guint row;
  guint column;
} ProblemCell;

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
  g_autoptr(ThrSheetReader) reader = thr_sheet_reader_open (path, sheet, NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  while (reader != NULL && rows->len <= PREVIEW_ROWS && thr_sheet_reader_next (reader, NULL))
    {
      GStrv fields = g_new0 (char *, thr_sheet_reader_get_n_fields (reader) + 1);

      for (guint i = 0; i < thr_sheet_reader_get_n_fields (reader); i++)
        fields[i] = g_strdup (thr_sheet_reader_get_field (reader, i));
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
  ThrImportOptions options = { THR_IMPORT_KIND_AUTO, job->profile, job->sheet, job->dry_run, job->duplicates };

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
  if (self->error_card != NULL)
    gtk_widget_unparent (g_steal_pointer (&self->error_card));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", can_import);
  set_step (self, can_import ? "preview" : "failed");
}

static gboolean
is_problem_cell (ThrImportDialog *self,
                 guint            row,
                 guint            column)
{
  for (guint i = 0; self->problem_cells != NULL && i < self->problem_cells->len; i++)
    {
      const ProblemCell *cell = &g_array_index (self->problem_cells, ProblemCell, i);

      if (cell->row == row && cell->column == column)
        return TRUE;
    }
  return FALSE;
}

/* The name of a file's column, from the preview's header, or its number. */
static char *
column_name (GPtrArray *preview,
             guint      column)
{
  GStrv header = preview != NULL && preview->len > 0 ? g_ptr_array_index (preview, 0) : NULL;

  if (header != NULL && column >= 1 && column <= g_strv_length (header) && header[column - 1][0] != '\0')
    return g_strdup (header[column - 1]);
  return g_strdup_printf ("%u", column);
}

/* One of the core's "PATH:ROW:COLUMN: message" lines as a person reads
 * it, "Row 2, column period: message", noting the cell; a line that
 * names no cell loses only its path. */
static char *
word_problem (ThrImportDialog *self,
              const char      *line,
              const char      *path,
              GPtrArray       *preview)
{
  gsize path_length = strlen (path);
  const char *rest = line;
  char *end = NULL;
  guint64 row, column;

  if (g_str_has_prefix (line, path) && line[path_length] == ':')
    rest = line + path_length + 1;
  row = g_ascii_strtoull (rest, &end, 10);
  if (end == rest || *end != ':')
    return g_strdup (rest + strspn (rest, " "));
  column = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != ':' || row == 0 || column == 0)
    return g_strdup (rest);
  {
    g_autofree char *name = column_name (preview, (guint) column);
    ProblemCell cell = { (guint) row, (guint) column };

    g_array_append_val (self->problem_cells, cell);
    /* Translators: a problem in an imported file: its row, its column's name, what is wrong */
    return g_strdup_printf (_("Row %u, column %s: %s"), (guint) row, name, end + 1 + strspn (end + 1, " "));
  }
}

/* Every problem of an invalid file in words, one a line. */
static char *
word_problems (ThrImportDialog *self,
               const char      *message,
               const char      *path,
               GPtrArray       *preview)
{
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);
  GString *text = g_string_new (NULL);

  g_array_set_size (self->problem_cells, 0);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *worded = NULL;

      if (lines[i][0] == '\0')
        continue;
      worded = word_problem (self, lines[i], path, preview);
      g_string_append_printf (text, "%s%s", text->len ? "\n" : "", worded);
    }
  return g_string_free (text, FALSE);
}

/* The widest a preview cell is shown, in characters. */
#define PREVIEW_CHARS 24

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
          /* A cell is shown whole up to PREVIEW_CHARS characters even when
           * the dialog is narrow: the preview scrolls sideways instead of
           * cutting every column's name to "…". */
          if (g_utf8_strlen (fields[c], -1) > PREVIEW_CHARS)
            {
              gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
              gtk_label_set_width_chars (GTK_LABEL (label), PREVIEW_CHARS);
              gtk_label_set_max_width_chars (GTK_LABEL (label), PREVIEW_CHARS);
            }
          gtk_widget_add_css_class (label, r == 0 ? "heading" : "monospace");
          if (is_problem_cell (self, r + 1, c + 1))
            {
              gtk_widget_add_css_class (label, "error");
              gtk_widget_add_css_class (label, "heading");
              gtk_widget_set_name (label, "problem-cell");
            }
          gtk_grid_attach (self->preview_grid, label, c, r, 1, 1);
        }
    }
  gtk_widget_set_visible (self->preview_scroller, rows != NULL && rows->len > 0);
}

/* How the file was read, after a failure: said again only when the file
 * was what failed (its header, a profile, a cell), since then the dry run
 * read it.  An import the store refused (a server's rule, a lost
 * connection, a busy store) read the same file as the dry run before it,
 * whose preview and columns stay; a dry run the store failed did not get
 * to the header, and says nothing of it. */
static void
show_failure_reading (ThrImportDialog *self,
                      Job             *job,
                      const GError    *error)
{
  if (!job->dry_run)
    return;
  show_preview (self, job->preview);
  if (error->domain == THR_IMPORT_ERROR)
    _thr_import_dialog_show_mapping (self, job);
  else
    _thr_import_dialog_forget_mapping (self);
}

static void job_done_cb (GObject *source, GAsyncResult *result, gpointer user_data);

void
_thr_import_dialog_start_job (ThrImportDialog *self,
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
  job->duplicates = gtk_switch_get_active (self->replace_switch) ? THR_IMPORT_DUPLICATES_REPLACE
                                                                 : THR_IMPORT_DUPLICATES_REFUSE;
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

/* What an import that the store refused or failed means, in our words:
 * a team store's server's refusal or failure, a store file another
 * program kept busy, or SQLite's failure of the store file (a disk error,
 * a read-only or vanished file); NULL for any other error, whose message
 * says it (the file's own). */
static char *
describe_store_failure (ThrImportDialog *self,
                        const GError    *error)
{
  g_autofree char *words = NULL;
  g_autofree char *name = NULL;

  if (thr_alert_is_store_file_failure (error, self->db_path))
    {
      name = thr_alert_store_name (self->db_path);
      /* Translators: %s is the store's file name */
      return g_strdup_printf (_("Threshold could not write to the store “%s”: SQLite's words below say why. Import "
                                "the file again once that is put right."), name);
    }
  /* A store file's busy error names its path first, which the window
   * names already; there are no SQLite words to quote. */
  if (!thr_store_is_team_address (self->db_path))
    return g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_BUSY)
           ? g_strdup (_("Another program (an import, or Threshold itself) kept writing to this store. Import the "
                         "file again when it has finished."))
           : NULL;
  /* Only the server's errors name the store first; the core's own (a role
   * that may not import, checked before the server is asked) are already
   * our words. */
  words = thr_alert_server_words (error->message);
  if (g_str_equal (words, error->message))
    return NULL;
  if (g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_RIGHTS))
    return g_strdup (_("The team store's server did not let your database role import into this store. Ask whoever "
                       "runs it for the importer role on this contract."));
  if (g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_BUSY))
    return g_strdup (_("Someone else was writing to the team store. Import the file again in a moment."));
  if (g_error_matches (error, THR_STORE_ERROR, THR_STORE_ERROR_SERVER))
    return g_strdup (_("The team store's server refused the import or failed, or the connection to it was lost: "
                       "its words below say which. Import the file again once that is put right."));
  return NULL;
}

/* The store's words (thr_alert_store_words: a team store's server's
 * without the store's address, which the window names; SQLite's without
 * the store file's path) quoted under our sentence, in db5f887's
 * selectable card, for whoever runs the server or looks after the
 * file.  A busy store file has our sentence only: no card. */
static void
show_server_words (ThrImportDialog *self,
                   const GError    *error)
{
  g_autofree char *words = thr_alert_store_words (error, self->db_path);
  GtkWidget *details = GTK_WIDGET (self->details_label);

  if (words[0] == '\0')
    return;
  self->error_card = thr_alert_quote_card_new (words);
  gtk_widget_insert_after (self->error_card, gtk_widget_get_parent (details), details);
}

/* The core says what is wrong with the file; where the user makes the
 * choice it calls for is this dialog's word (never a CLI option). */
static char *
describe_error (ThrImportDialog *self,
                const GError    *error,
                Job             *job)
{
  const char *hint = NULL;
  g_autofree char *message = NULL;

  if (error->domain == THR_IMPORT_ERROR)
    switch ((ThrImportError) error->code)
      {
      case THR_IMPORT_ERROR_PROFILE_AMBIGUOUS:
        hint = _("Choose the profile that fits under “How the File Is Read”; the file is checked again.");
        break;
      case THR_IMPORT_ERROR_PROFILE_UNKNOWN:
        hint = _("Choose a profile that reads this file under “How the File Is Read”; the file is checked again.");
        break;
      case THR_IMPORT_ERROR_DUPLICATE_RECORDS:
        hint = _("To replace the earlier records with this file’s, turn on “Replace Records Imported Before”; "
                 "or undo the earlier import first.");
        break;
      case THR_IMPORT_ERROR_INVALID:
      case THR_IMPORT_ERROR_DUPLICATE:
      case THR_IMPORT_ERROR_UNKNOWN_KIND:
      default:
        break;
      }
  message = describe_store_failure (self, error);
  if (message != NULL)
    return g_steal_pointer (&message);
  message = g_error_matches (error, THR_IMPORT_ERROR, THR_IMPORT_ERROR_INVALID)
            ? word_problems (self, error->message, job->path, job->preview)
            : g_strdup (error->message);
  if (hint == NULL)
    return g_steal_pointer (&message);
  return g_strconcat (message, "\n\n", hint, NULL);
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
  g_autofree char *sentence = NULL;
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
      details = describe_error (self, error, job);
      show_failure_reading (self, job, error);
      show_result (self, summary, details, FALSE);
      sentence = describe_store_failure (self, error);
      if (sentence != NULL)
        show_server_words (self, error);
      return;
    }

  if (job->dry_run)
    {
      g_autofree char *n_rows = thr_format_number (job->result.n_rows, 0);
      g_autofree char *replaced = NULL;
      g_autofree char *unused = NULL;

      g_array_set_size (self->problem_cells, 0);
      /* Translators: file name, a count of rows, the kind of file */
      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s row of %s, all valid",
                                              "%s: %s rows of %s, all valid", job->result.n_rows),
                                 name, n_rows, thr_import_kind_to_string (job->result.kind));
      /* Said before anything is written: the earlier figures stay in the
       * history, but the evaluation will take this file's. */
      if (job->result.n_replaced > 0)
        {
          g_autofree char *count = thr_format_number (job->result.n_replaced, 0);

          replaced = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Importing replaces %s reported figure imported before for the same metric and period; the earlier one stays in the history.",
                                                   "Importing replaces %s reported figures imported before for the same metrics and periods; the earlier ones stay in the history.",
                                                   job->result.n_replaced), count);
        }
      if (job->result.ignored_columns && job->result.ignored_columns[0])
        {
          g_autofree char *columns = g_strjoinv (", ", job->result.ignored_columns);
          unused = g_strdup_printf (_("Columns not used: %s"), columns);
        }
      else
        unused = g_strdup (_("Nothing has been written yet."));
      details = replaced ? g_strconcat (replaced, "\n\n", unused, NULL) : g_strdup (unused);
      show_preview (self, job->preview);
      _thr_import_dialog_show_mapping (self, job);
      show_result (self, summary, details, TRUE);
      return;
    }

  g_signal_emit (self, signals[IMPORTED], 0, thr_import_kind_to_string (job->result.kind),
                 job->result.n_rows, name, job->result.import_id, job->result.n_replaced);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The dry run again, so the preview says what the import will do. */
static void
replace_toggled_cb (ThrImportDialog *self)
{
  if (self->job == NULL)
    _thr_import_dialog_start_job (self, TRUE);
}

void
thr_import_dialog_set_replace_duplicates (ThrImportDialog *self,
                                          gboolean         replace)
{
  g_return_if_fail (THR_IS_IMPORT_DIALOG (self));

  gtk_switch_set_active (self->replace_switch, replace);
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
    _thr_import_dialog_start_job (self, FALSE);
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
  g_clear_pointer (&self->problem_cells, g_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, ThrImportDialog, replace_switch);
  gtk_widget_class_bind_template_callback (widget_class, replace_toggled_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "profile_selected_cb",
                                                G_CALLBACK (_thr_import_dialog_profile_selected_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "sheet_selected_cb",
                                                G_CALLBACK (_thr_import_dialog_sheet_selected_cb));
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
  self->problem_cells = g_array_new (FALSE, FALSE, sizeof (ProblemCell));
  _thr_import_dialog_fill_profiles (self);
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
  _thr_import_dialog_start_job (self, TRUE);
  return self;
}

GFile *
thr_import_dialog_get_file (ThrImportDialog *self)
{
  g_return_val_if_fail (THR_IS_IMPORT_DIALOG (self), NULL);
  return self->file;
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

const char *
thr_import_dialog_get_details (ThrImportDialog *self)
{
  g_return_val_if_fail (THR_IS_IMPORT_DIALOG (self), NULL);
  return gtk_label_get_label (self->details_label);
}

GtkWidget *
thr_import_dialog_get_error_card (ThrImportDialog *self)
{
  g_return_val_if_fail (THR_IS_IMPORT_DIALOG (self), NULL);
  return self->error_card;
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

gboolean
thr_import_dialog_is_cell_marked (ThrImportDialog *self,
                                  guint            row,
                                  guint            column)
{
  GtkWidget *label;

  g_return_val_if_fail (THR_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (row >= 1 && column >= 1, FALSE);

  label = gtk_grid_get_child_at (self->preview_grid, column - 1, row - 1);
  return label != NULL && gtk_widget_has_css_class (label, "error");
}
