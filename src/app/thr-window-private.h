/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-window-private.h — what the window's files share */
#pragma once

#include "thr-caps-page.h"
#include "thr-deadlines-page.h"
#include "thr-imports-page.h"
#include "thr-ledger-page.h"
#include "thr-metric-page.h"
#include "thr-metrics-page.h"
#include "thr-overview-page.h"
#include "thr-window.h"

G_BEGIN_DECLS

struct _ThrWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;      /* NULL when the schema is not installed */
  ThrSession           *session;
  GCancellable         *cancellable;
  char                 *db_path;
  char                 *wanted_month;  /* restored once the session loads */
  gint64                wanted_contract; /* 0: the store's first */
  char                 *page;          /* the page asked for */
  char                 *previous_page; /* where Back leads from a metric */
  int                   month;
  gboolean              loading;
  guint                 refresh_id;    /* an idle refresh after months arrive */
  guint                 present_id;    /* the timeout of thr_window_present_when_loaded */
  gboolean              history_started;
  gboolean              history_running; /* its worker may still commit kept figures */
  gboolean              metrics_stale; /* the metrics page waits for its next showing */
  gboolean              imports_stale;
  gboolean              notified;      /* the deadline notification was sent */
  GFileMonitor         *store_monitor; /* thr-window-watch.c */
  GFileMonitor         *wal_monitor;
  guint                 team_watch_id; /* a team store's notices (thr_store_add_watch) */
  guint                 watch_id;
  gint64                data_version;
  char                 *imports_signature;
  char                 *content_stamp;   /* everything but the kept figures */
  gboolean              undoing;       /* an import is being undone */
  AdwToast             *undo_toast;    /* the last import's toast, until dismissed */
  ThrCalendar          *calendar;      /* marks the deadlines (the holiday-calendar setting) */
  GQueue                pending_files; /* GFile*: given to open, not yet taken (thr-window-open.c) */
  GtkWindow            *open_dialog;   /* the import dialog of the file being taken */
  gboolean              copying;       /* a store is being copied in */
  gboolean              real_date;     /* the demo is judged on the real date (its banner's button) */
  gboolean              role_hints;    /* some control says why the role may not use it (thr-window-actions.c) */

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;       /* libadwaita 1.2, 1.3 (thr-window-split.c) */
  GtkWidget            *split_view;    /* AdwNavigationSplitView on libadwaita 1.4 and later */
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkLabel             *contract_label;
  GtkLabel             *store_label;
  GtkWidget            *contract_row;  /* the contract's name, and its menu button when built */
  GtkMenuButton        *contract_button; /* NULL until a store has several contracts */
  GMenuModel           *contract_menu; /* its menu, given to it when it first opens */
  GtkMenuButton        *menu_button;
  GMenuModel           *primary_menu;
  GtkWidget            *import_button;
  GtkListBox           *sidebar_list;
  AdwWindowTitle       *content_title;
  GtkWidget            *back_button;
  GtkWidget            *report_button;
  GtkStack             *pages;
  GtkWidget            *demo_banner;
  GtkLabel             *demo_banner_label;
  /* The loading page, built when a window that is shown is loading
   * (thr-window-load.c); NULL until then, hidden while another page is. */
  AdwStatusPage        *loading_page;
  GtkProgressBar       *check_bar;   /* on the loading page, while the store's pages are checked */
  double                check_fraction; /* what it shows, or will (-1: no check) */
  gboolean              loading_on_map; /* the loading page waits for the window's map */
  ThrOverviewPage      *overview_page;
  GtkIconPaintable     *spinner_icon;  /* loaded on a worker before a spinner is drawn (thr-window-icons.c) */
  gboolean              spinner_icon_asked;
  /* Built on their first visit (thr-window-pages.c); NULL until then. */
  ThrMetricsPage       *metrics_page;
  ThrMetricPage        *metric_page;
  ThrImportsPage       *imports_page;
  ThrCapsPage          *caps_page;
  ThrDeadlinesPage     *deadlines_page;
  ThrLedgerPage        *ledger_page;
};

/* thr-window.c */
void     _thr_window_show_page          (ThrWindow  *self,
                                         const char *name);
void     _thr_window_set_month          (ThrWindow  *self,
                                         int         month);
void     _thr_window_toast              (ThrWindow  *self,
                                         const char *text);
/* A failure while the store was read or written in the background: a
 * team store's server in a dialog (its words are too long for a toast,
 * which keeps one line), anything else in a toast. */
void     _thr_window_report_error       (ThrWindow    *self,
                                         const GError *error);
/* A failure of something the person asked for: on a team store whose
 * server refused or failed, a dialog titled @heading saying @body (what
 * failed and what to do, in our words) above the server's words, quoted;
 * anything else in a toast, in the error's words. */
void     _thr_window_report_failure     (ThrWindow    *self,
                                         const char   *heading,
                                         const char   *body,
                                         const GError *error);
/* A file that could not be copied in, saved or made: a dialog titled
 * @heading saying @body (which file, in our words) above the error's own
 * words, quoted. */
void     _thr_window_report_file_failure (ThrWindow    *self,
                                          const char   *heading,
                                          const char   *body,
                                          const GError *error);
guint32  _thr_window_get_today_override (ThrWindow  *self);
void     _thr_window_update_calendar    (ThrWindow  *self);
void     _thr_window_notify_loading     (ThrWindow  *self);
void     _thr_window_update_demo_banner (ThrWindow  *self);
void     _thr_window_folded_changed     (ThrWindow  *self);
void     _thr_window_show_contract_button (ThrWindow *self,
                                           gboolean   shown);

/* thr-window-icons.c */
void     _thr_window_preload_spinner_icon (ThrWindow *self);

/* thr-window-split.c */
void     _thr_window_split_init         (ThrWindow  *self);
gboolean _thr_window_is_folded          (ThrWindow  *self);
void     _thr_window_show_content       (ThrWindow  *self);
void     _thr_window_show_sidebar       (ThrWindow  *self);

/* thr-window-load.c */
GWeakRef *_thr_window_start_load        (ThrWindow    *self,
                                         const char   *db_path,
                                         gint64        contract_id,
                                         guint32       today,
                                         const char   *wanted_month,
                                         GCancellable *cancellable);
void     _thr_window_show_check         (ThrWindow  *self,
                                         double      fraction);
gboolean _thr_window_defer_loading_page (ThrWindow  *self);
void     _thr_window_show_opening       (ThrWindow  *self,
                                         const char *db_path);
void      _thr_window_set_preload       (const char   *db_path,
                                         GWeakRef     *target,
                                         GCancellable *cancellable);
GWeakRef *_thr_window_claim_preload     (const char    *db_path,
                                         GCancellable **cancellable);
void      _thr_window_end_preload       (GWeakRef     *target);
/* For tests: a load started ahead whose result waits for its window. */
gboolean  _thr_window_preload_is_waiting (void);

/* thr-window-watch.c */
void     _thr_window_watch_store        (ThrWindow  *self);
void     _thr_window_watch_rebase       (ThrWindow  *self);
void     _thr_window_unwatch_store      (ThrWindow  *self);
/* thr-window-pages.c */
GtkWidget *_thr_window_ensure_page      (ThrWindow  *self,
                                         const char *name);
void     _thr_window_pages_set_session  (ThrWindow  *self,
                                         ThrSession *session);

/* thr-window-export.c */
void     _thr_window_class_export_init  (GtkWidgetClass *widget_class);
void     _thr_window_update_export_actions (ThrWindow *self);
/* Where a save dialog starts: the user's Documents folder, or NULL when
 * there is none (without a portal a chooser would start in the working
 * directory). */
GFile   *_thr_window_documents_folder   (void);

/* thr-window-undo.c */
void     _thr_window_toast_imported     (ThrWindow  *self,
                                         const char *kind,
                                         guint       n_rows,
                                         const char *name,
                                         gint64      import_id,
                                         guint       n_replaced);
void     _thr_window_class_undo_init    (GtkWidgetClass *widget_class);

/* thr-window-open.c */
char    *_thr_window_stores_dir         (void);
void     _thr_window_open_store_file    (ThrWindow  *self,
                                         const char *path);
void     _thr_window_new_store_file     (ThrWindow  *self,
                                         const char *path);
void     _thr_window_open_init          (ThrWindow  *self);
void     _thr_window_open_dispose       (ThrWindow  *self);
void     _thr_window_class_open_init    (GtkWidgetClass *widget_class);

/* thr-window-export-data.c */
void     _thr_window_class_export_data_init (GtkWidgetClass *widget_class);

/* thr-window-find.c */
void     _thr_window_class_find_init    (GtkWidgetClass *widget_class);

/* thr-window-actions.c */
void     _thr_window_class_actions_init (GtkWidgetClass *widget_class);
void     _thr_window_update_actions     (ThrWindow  *self);

G_END_DECLS
