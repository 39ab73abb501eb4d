/* thr-format.h — how the window writes money and dates relative to today */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "$1,234.56", "−$12.00" from integer cents. */
char *thr_format_money         (gint64   cents);
/* "today", "tomorrow", "in 3 days", "yesterday", "2 days overdue" … for a
 * deadline on DAY judged on TODAY; OVERDUE_WORDING chooses "N days
 * overdue" over "N days ago" for days past. */
char *thr_format_relative_day  (guint32  day,
                                guint32  today,
                                gboolean overdue_wording);

G_END_DECLS
