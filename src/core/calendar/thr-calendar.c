/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-calendar.c — business days against a state's holiday calendar
 *
 * docs/domain.md, "Business days": Monday to Friday, less the days the
 * contract's calendar closes (observed holidays and closures ordered by
 * the governor).  From S to E elapse the business days D with S < D ≤ E,
 * so a task received on a Friday and done on the Monday took one.
 *
 * Calendar file format (data/calendars/ID.json), validated strictly — an
 * unknown key is an error, so a typo cannot silently drop a holiday:
 *
 *   id, name, timezone      strings
 *   years                   [first, last]: the years the data is meant for
 *   weekend_shift           { "saturday": S, "sunday": S } with S one of
 *                           "friday_before", "monday_after", "none"
 *   source, notes           citation; a string or a list of strings
 *   closures                optional list of one-off closures ordered by the
 *                           governor: { date, name, source, [note] }; the
 *                           date is a weekday no holiday already closes
 *   holidays                list of holidays, each with
 *     name, source          unique name; where the fact comes from
 *     note                  optional free text
 *     from, until           optional first/last year the holiday exists
 *     in_years              optional list of year selectors, any of which
 *                           matches: "even", "odd", a year, or
 *                           { "every": N, "starting": Y } (Y, Y+N, …)
 *     moved                 optional list of { date, source, [note] }: in
 *                           the year of date the holiday falls on date
 *                           instead of the rule's day (an election moved
 *                           by executive order); not an estimate
 *     rule + parameters     one of
 *       fixed         month, day
 *       nth_weekday   month, weekday ("monday" …), n (1–4), [offset]
 *       last_weekday  month, weekday, [offset]
 *       easter        offset (days from Western Easter Sunday)
 *       relative      to (a holiday's name), offset, [unit: "days" |
 *                     "weekdays"], [anchor: "actual" | "observed"];
 *                     instead of offset, offset_by_weekday: an object
 *                     giving the offset for each weekday of the anchor
 *                     ("monday" … "sunday", all seven)
 *       explicit      dates (one per year, YYYY-MM-DD), [fallback: a rule
 *                     object without name, used for unlisted years; those
 *                     days are flagged estimated]
 *
 * The weekend shift turns a holiday's actual date into its observed date;
 * only observed dates close offices.  Two holidays observed on the same day
 * close it once (no extra day is granted).
 *
 * A closure, from the file or added at run time (thr_calendar_add_closure,
 * from the closures a user keeps in the store), closes its day like a
 * holiday.
 *
 * Business-day arithmetic uses a table computed at load time over the years
 * first_year − 1 … last_year + 1 (the margins catch observances shifted
 * across a year end; holidays of the margin years are flagged estimated).
 * Outside the table only weekends are non-business days.
 */
#define G_LOG_DOMAIN "thr-calendar"

#include <string.h>

#include <json-glib/json-glib.h>

#include "thr-calendar.h"
#include "thr-core-init.h"
#include "thr-period.h"

#define BUILTIN_DIR "/io/github/thresholdapp/Threshold/core/calendars/"

/* Gregorian years only: Easter and the weekday arithmetic assume them. */
#define MIN_YEAR 1600
#define MAX_YEAR 9000
#define MAX_SPAN 200
#define MAX_OFFSET 366

G_DEFINE_QUARK (thr-calendar-error-quark, thr_calendar_error)

typedef enum {
  RULE_FIXED,
  RULE_NTH_WEEKDAY,
  RULE_LAST_WEEKDAY,
  RULE_EASTER,
  RULE_RELATIVE,
  RULE_EXPLICIT,
} RuleKind;

static const char *const rule_names[] = {
  "fixed", "nth_weekday", "last_weekday", "easter", "relative", "explicit", NULL
};

static const char *const weekday_names[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", NULL
};

typedef struct _Rule Rule;
struct _Rule {
  RuleKind  kind;
  int       month;
  int       day;
  int       weekday;        /* 1 = Monday … 7 = Sunday */
  int       n;
  int       offset;
  char     *to;             /* relative: the holiday it follows */
  char     *to_path;        /* JSON path of "to", for error messages */
  guint     to_index;
  gboolean  in_weekdays;    /* relative: offset counts Monday–Friday days */
  gboolean  from_observed;  /* relative: anchored on the observed date */
  gboolean  by_weekday;     /* relative: offset_by_weekday, not offset */
  int       weekday_offsets[8];  /* [1] Monday … [7] Sunday */
  GArray   *dates;          /* explicit: guint32 days, one per year */
  Rule     *fallback;       /* explicit: rule for unlisted years */
};

typedef enum {
  YEARS_EVEN,
  YEARS_ODD,
  YEARS_ONE,
  YEARS_CYCLE,
} YearsKind;

typedef struct {
  YearsKind kind;
  int       year;   /* the year, or the first year of the cycle */
  int       every;
} YearsItem;

typedef struct {
  char   *name;
  char   *source;
  Rule    rule;
  int     from;
  int     until;
  GArray *in_years;  /* YearsItem; NULL = every year */
  GArray *moved;     /* guint32 days, at most one per year; NULL = none */
} HolidayDef;

/* A day closed by order rather than by a holiday rule. */
typedef struct {
  guint32  day;
  char    *name;
} Closure;

/* One holiday in one year. */
typedef struct {
  guint    def;
  guint32  actual;
  guint32  observed;
  gboolean estimated;
} Observance;

struct _ThrCalendar
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  char       *timezone;
  int         first_year;
  int         last_year;
  int         saturday_shift;  /* days added to a Saturday holiday */
  int         sunday_shift;

  GPtrArray  *defs;            /* HolidayDef* */
  GArray     *observances;     /* Observance, sorted by observed date */
  GArray     *closures;        /* Closure, in the order they were added */

  /* The precomputed table, one entry per day table_first … table_last. */
  guint32     table_first;
  guint32     table_last;
  const char **day_holiday;    /* name of the holiday observed that day */
  guint32    *closed_upto;     /* weekday holidays on or before that day */
};

G_DEFINE_FINAL_TYPE (ThrCalendar, thr_calendar, G_TYPE_OBJECT)

/* ------------------------------------------------------------------ */
/* Holiday definitions                                                 */

static void
rule_clear (Rule *rule)
{
  g_clear_pointer (&rule->to, g_free);
  g_clear_pointer (&rule->to_path, g_free);
  g_clear_pointer (&rule->dates, g_array_unref);
  if (rule->fallback != NULL)
    {
      rule_clear (rule->fallback);
      g_clear_pointer (&rule->fallback, g_free);
    }
}

static void
holiday_def_free (HolidayDef *def)
{
  g_free (def->name);
  g_free (def->source);
  rule_clear (&def->rule);
  g_clear_pointer (&def->in_years, g_array_unref);
  g_clear_pointer (&def->moved, g_array_unref);
  g_free (def);
}

void
thr_holiday_free (ThrHoliday *holiday)
{
  if (holiday == NULL)
    return;
  g_free (holiday->name);
  g_free (holiday);
}

static void
closure_clear (gpointer data)
{
  Closure *closure = data;

  g_free (closure->name);
}

static void
thr_calendar_finalize (GObject *object)
{
  ThrCalendar *self = (ThrCalendar *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->timezone);
  g_clear_pointer (&self->defs, g_ptr_array_unref);
  g_clear_pointer (&self->observances, g_array_unref);
  g_clear_pointer (&self->closures, g_array_unref);
  g_free (self->day_holiday);
  g_free (self->closed_upto);

  G_OBJECT_CLASS (thr_calendar_parent_class)->finalize (object);
}

static void
thr_calendar_class_init (ThrCalendarClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = thr_calendar_finalize;
}

static void
thr_calendar_init (ThrCalendar *self)
{
  self->defs = g_ptr_array_new_with_free_func ((GDestroyNotify) holiday_def_free);
  self->observances = g_array_new (FALSE, FALSE, sizeof (Observance));
  self->closures = g_array_new (FALSE, FALSE, sizeof (Closure));
  g_array_set_clear_func (self->closures, closure_clear);
}

/* ------------------------------------------------------------------ */
/* Strict JSON reading.  Every error names the file and the JSON path.  */

typedef struct {
  const char  *source;
  ThrCalendar *self;
} Loader;

static gboolean G_GNUC_PRINTF (4, 5)
fail (const Loader  *loader,
      GError       **error,
      const char    *path,
      const char    *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, THR_CALENDAR_ERROR, THR_CALENDAR_ERROR_PARSE,
               "%s: %s: %s", loader->source, path, message);
  return FALSE;
}

static char *
member_path (const char *path,
             const char *key)
{
  return g_strdup_printf ("%s.%s", path, key);
}

static char *
element_path (const char *path,
              guint       index)
{
  return g_strdup_printf ("%s[%u]", path, index);
}

static gboolean
is_one_of (const char        *key,
           const char *const *allowed)
{
  return allowed != NULL && g_strv_contains (allowed, key);
}

/* Rejects any key in neither list, so a misspelt key is an error rather
 * than a silently ignored rule parameter. */
static gboolean
check_keys (const Loader      *loader,
            JsonObject        *object,
            const char        *path,
            const char *const *allowed,
            const char *const *also_allowed,
            GError           **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;

      if (!is_one_of (key, allowed) && !is_one_of (key, also_allowed))
        {
          g_autofree char *where = member_path (path, key);
          return fail (loader, error, where, "unknown key");
        }
    }
  return TRUE;
}

static gboolean
node_is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
read_integer_node (const Loader  *loader,
                   JsonNode      *node,
                   const char    *path,
                   int            min,
                   int            max,
                   int           *out,
                   GError       **error)
{
  gint64 value;

  if (!node_is_integer (node))
    return fail (loader, error, path, "expected an integer");
  value = json_node_get_int (node);
  if (value < min || value > max)
    return fail (loader, error, path, "%" G_GINT64_FORMAT " is out of range (%d–%d)", value, min, max);
  *out = (int) value;
  return TRUE;
}

/* Leaves *out untouched when an optional key is absent. */
static gboolean
read_int (const Loader  *loader,
          JsonObject    *object,
          const char    *path,
          const char    *key,
          gboolean       required,
          int            min,
          int            max,
          int           *out,
          GError       **error)
{
  g_autofree char *where = member_path (path, key);
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return required ? fail (loader, error, where, "missing") : TRUE;
  return read_integer_node (loader, node, where, min, max, out, error);
}

static gboolean
read_string (const Loader  *loader,
             JsonObject    *object,
             const char    *path,
             const char    *key,
             gboolean       required,
             const char   **out,
             GError       **error)
{
  g_autofree char *where = member_path (path, key);
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return required ? fail (loader, error, where, "missing") : TRUE;
  if (!node_is_string (node) || *json_node_get_string (node) == '\0')
    return fail (loader, error, where, "expected a non-empty string");
  *out = json_node_get_string (node);
  return TRUE;
}

/* Reads a string that must be one of @choices; *out is its index. */
static gboolean
read_choice (const Loader      *loader,
             JsonObject        *object,
             const char        *path,
             const char        *key,
             gboolean           required,
             const char *const *choices,
             int               *out,
             GError           **error)
{
  g_autofree char *where = NULL;
  g_autofree char *expected = NULL;
  const char *value = NULL;

  if (!read_string (loader, object, path, key, required, &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;
  for (int i = 0; choices[i] != NULL; i++)
    if (g_str_equal (value, choices[i]))
      {
        *out = i;
        return TRUE;
      }

  where = member_path (path, key);
  expected = g_strjoinv (", ", (char **) choices);
  return fail (loader, error, where, "unknown value “%s” (expected one of %s)", value, expected);
}

static gboolean
read_weekday (const Loader  *loader,
              JsonObject    *object,
              const char    *path,
              int           *out,
              GError       **error)
{
  int index = 0;

  if (!read_choice (loader, object, path, "weekday", TRUE, weekday_names, &index, error))
    return FALSE;
  *out = index + 1;
  return TRUE;
}

static JsonArray *
get_array (const Loader  *loader,
           JsonObject    *object,
           const char    *path,
           const char    *key,
           GError       **error)
{
  g_autofree char *where = member_path (path, key);
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    {
      fail (loader, error, where, "missing");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      fail (loader, error, where, "expected a non-empty list");
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
get_object (const Loader  *loader,
            JsonNode      *node,
            const char    *path,
            GError       **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (loader, error, path, "expected an object");
      return NULL;
    }
  return json_node_get_object (node);
}

/* ------------------------------------------------------------------ */
/* Reading the rules                                                   */

static gboolean
read_month_day (const Loader  *loader,
                JsonObject    *object,
                const char    *path,
                Rule          *rule,
                GError       **error)
{
  if (!read_int (loader, object, path, "month", TRUE, 1, 12, &rule->month, error) ||
      !read_int (loader, object, path, "day", TRUE, 1, 31, &rule->day, error))
    return FALSE;

  /* February 29 would silently vanish three years in four. */
  if (rule->day > g_date_get_days_in_month (rule->month, 2001))
    {
      g_autofree char *where = member_path (path, "day");
      return fail (loader, error, where, "month %d does not have a day %d every year", rule->month, rule->day);
    }
  return TRUE;
}

/* offset_by_weekday: one offset for each weekday of the anchor, all seven
 * given, so no weekday silently falls back to a default. */
static gboolean
read_weekday_offsets (const Loader  *loader,
                      JsonObject    *object,
                      const char    *path,
                      Rule          *rule,
                      GError       **error)
{
  g_autofree char *where = member_path (path, "offset_by_weekday");
  JsonObject *offsets = get_object (loader, json_object_get_member (object, "offset_by_weekday"), where, error);

  if (offsets == NULL || !check_keys (loader, offsets, where, weekday_names, NULL, error))
    return FALSE;
  for (int i = 0; weekday_names[i] != NULL; i++)
    if (!read_int (loader, offsets, where, weekday_names[i], TRUE, -MAX_OFFSET, MAX_OFFSET,
                   &rule->weekday_offsets[i + 1], error))
      return FALSE;
  rule->by_weekday = TRUE;
  return TRUE;
}

static gboolean
read_relative_offset (const Loader  *loader,
                      JsonObject    *object,
                      const char    *path,
                      Rule          *rule,
                      GError       **error)
{
  if (!json_object_has_member (object, "offset_by_weekday"))
    return read_int (loader, object, path, "offset", TRUE, -MAX_OFFSET, MAX_OFFSET, &rule->offset, error);
  if (json_object_has_member (object, "offset"))
    {
      g_autofree char *where = member_path (path, "offset");
      return fail (loader, error, where, "give either “offset” or “offset_by_weekday”, not both");
    }
  return read_weekday_offsets (loader, object, path, rule, error);
}

static gboolean
read_relative (const Loader  *loader,
               JsonObject    *object,
               const char    *path,
               Rule          *rule,
               GError       **error)
{
  static const char *const units[] = { "days", "weekdays", NULL };
  static const char *const anchors[] = { "actual", "observed", NULL };
  const char *to = NULL;
  int unit = 0, anchor = 0;

  if (!read_string (loader, object, path, "to", TRUE, &to, error) ||
      !read_relative_offset (loader, object, path, rule, error) ||
      !read_choice (loader, object, path, "unit", FALSE, units, &unit, error) ||
      !read_choice (loader, object, path, "anchor", FALSE, anchors, &anchor, error))
    return FALSE;

  rule->to = g_strdup (to);
  rule->to_path = member_path (path, "to");
  rule->in_weekdays = unit == 1;
  rule->from_observed = anchor == 1;
  return TRUE;
}

static gboolean
read_explicit_date (const Loader  *loader,
                    JsonNode      *node,
                    const char    *path,
                    GArray        *dates,
                    GError       **error)
{
  const ThrCalendar *self = loader->self;
  guint32 day = 0;
  int year;

  if (!node_is_string (node) || !thr_day_parse_iso (json_node_get_string (node), &day))
    return fail (loader, error, path, "expected a date YYYY-MM-DD");

  thr_day_to_ymd (day, &year, NULL, NULL);
  if (year < self->first_year || year > self->last_year)
    return fail (loader, error, path, "%d is outside the calendar's years %d–%d",
                 year, self->first_year, self->last_year);

  /* One date per year: the year of a date is the year it is listed for. */
  for (guint i = 0; i < dates->len; i++)
    {
      int other;

      thr_day_to_ymd (g_array_index (dates, guint32, i), &other, NULL, NULL);
      if (other == year)
        return fail (loader, error, path, "a second date in %d", year);
    }
  g_array_append_val (dates, day);
  return TRUE;
}

static gboolean read_rule (const Loader  *loader,
                           JsonObject    *object,
                           const char    *path,
                           const char *const *common_keys,
                           gboolean       is_fallback,
                           Rule          *rule,
                           GError       **error);

static gboolean
read_explicit (const Loader  *loader,
               JsonObject    *object,
               const char    *path,
               Rule          *rule,
               GError       **error)
{
  static const char *const fallback_keys[] = { "rule", "note", "source", NULL };
  g_autofree char *dates_path = member_path (path, "dates");
  JsonArray *dates = get_array (loader, object, path, "dates", error);
  JsonNode *fallback;

  if (dates == NULL)
    return FALSE;

  rule->dates = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint i = 0; i < json_array_get_length (dates); i++)
    {
      g_autofree char *where = element_path (dates_path, i);

      if (!read_explicit_date (loader, json_array_get_element (dates, i), where, rule->dates, error))
        return FALSE;
    }

  fallback = json_object_get_member (object, "fallback");
  if (fallback != NULL)
    {
      g_autofree char *where = member_path (path, "fallback");
      JsonObject *fallback_object = get_object (loader, fallback, where, error);

      if (fallback_object == NULL)
        return FALSE;
      rule->fallback = g_new0 (Rule, 1);
      return read_rule (loader, fallback_object, where, fallback_keys, TRUE, rule->fallback, error);
    }
  return TRUE;
}

static const char *const *
rule_keys (RuleKind kind)
{
  static const char *const fixed[] = { "month", "day", NULL };
  static const char *const nth[] = { "month", "weekday", "n", "offset", NULL };
  static const char *const last[] = { "month", "weekday", "offset", NULL };
  static const char *const easter[] = { "offset", NULL };
  static const char *const relative[] = { "to", "offset", "offset_by_weekday", "unit", "anchor", NULL };
  static const char *const explicit[] = { "dates", "fallback", NULL };

  switch (kind)
    {
    case RULE_FIXED: return fixed;
    case RULE_NTH_WEEKDAY: return nth;
    case RULE_LAST_WEEKDAY: return last;
    case RULE_EASTER: return easter;
    case RULE_RELATIVE: return relative;
    case RULE_EXPLICIT: return explicit;
    default: g_assert_not_reached ();
    }
}

static gboolean
read_rule_parameters (const Loader  *loader,
                      JsonObject    *object,
                      const char    *path,
                      Rule          *rule,
                      GError       **error)
{
  switch (rule->kind)
    {
    case RULE_FIXED:
      return read_month_day (loader, object, path, rule, error);

    case RULE_NTH_WEEKDAY:
      /* A fifth weekday does not exist in every month: use last_weekday. */
      return read_int (loader, object, path, "month", TRUE, 1, 12, &rule->month, error) &&
             read_weekday (loader, object, path, &rule->weekday, error) &&
             read_int (loader, object, path, "n", TRUE, 1, 4, &rule->n, error) &&
             read_int (loader, object, path, "offset", FALSE, -MAX_OFFSET, MAX_OFFSET, &rule->offset, error);

    case RULE_LAST_WEEKDAY:
      return read_int (loader, object, path, "month", TRUE, 1, 12, &rule->month, error) &&
             read_weekday (loader, object, path, &rule->weekday, error) &&
             read_int (loader, object, path, "offset", FALSE, -MAX_OFFSET, MAX_OFFSET, &rule->offset, error);

    case RULE_EASTER:
      return read_int (loader, object, path, "offset", TRUE, -MAX_OFFSET, MAX_OFFSET, &rule->offset, error);

    case RULE_RELATIVE:
      return read_relative (loader, object, path, rule, error);

    case RULE_EXPLICIT:
      return read_explicit (loader, object, path, rule, error);

    default:
      g_assert_not_reached ();
    }
}

static gboolean
read_rule (const Loader      *loader,
           JsonObject        *object,
           const char        *path,
           const char *const *common_keys,
           gboolean           is_fallback,
           Rule              *rule,
           GError           **error)
{
  int kind = 0;

  if (!read_choice (loader, object, path, "rule", TRUE, rule_names, &kind, error))
    return FALSE;
  rule->kind = kind;

  /* A fallback is the rule for the years a list does not cover; a list
   * there would only move the question. */
  if (is_fallback && rule->kind == RULE_EXPLICIT)
    {
      g_autofree char *where = member_path (path, "rule");
      return fail (loader, error, where, "a fallback cannot be explicit");
    }

  return check_keys (loader, object, path, common_keys, rule_keys (rule->kind), error) &&
         read_rule_parameters (loader, object, path, rule, error);
}

/* ------------------------------------------------------------------ */
/* Years a holiday exists in                                           */

static gboolean
read_years_item (const Loader  *loader,
                 JsonNode      *node,
                 const char    *path,
                 YearsItem     *item,
                 GError       **error)
{
  static const char *const cycle_keys[] = { "every", "starting", NULL };
  JsonObject *cycle;

  if (node_is_string (node) && g_str_equal (json_node_get_string (node), "even"))
    {
      item->kind = YEARS_EVEN;
      return TRUE;
    }
  if (node_is_string (node) && g_str_equal (json_node_get_string (node), "odd"))
    {
      item->kind = YEARS_ODD;
      return TRUE;
    }
  if (node_is_integer (node))
    {
      item->kind = YEARS_ONE;
      return read_integer_node (loader, node, path, MIN_YEAR, MAX_YEAR, &item->year, error);
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (loader, error, path, "expected \"even\", \"odd\", a year or {\"every\": N, \"starting\": YEAR}");

  cycle = json_node_get_object (node);
  item->kind = YEARS_CYCLE;
  return check_keys (loader, cycle, path, cycle_keys, NULL, error) &&
         read_int (loader, cycle, path, "every", TRUE, 1, MAX_SPAN, &item->every, error) &&
         read_int (loader, cycle, path, "starting", TRUE, MIN_YEAR, MAX_YEAR, &item->year, error);
}

static gboolean
read_in_years (const Loader  *loader,
               JsonObject    *object,
               const char    *path,
               HolidayDef    *def,
               GError       **error)
{
  g_autofree char *list_path = member_path (path, "in_years");
  JsonArray *items;

  if (!json_object_has_member (object, "in_years"))
    return TRUE;
  items = get_array (loader, object, path, "in_years", error);
  if (items == NULL)
    return FALSE;

  def->in_years = g_array_new (FALSE, TRUE, sizeof (YearsItem));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      g_autofree char *where = element_path (list_path, i);
      YearsItem item = { 0 };

      if (!read_years_item (loader, json_array_get_element (items, i), where, &item, error))
        return FALSE;
      g_array_append_val (def->in_years, item);
    }
  return TRUE;
}

static gboolean holiday_exists_in (const HolidayDef *def,
                                   int               year);

static gboolean
year_listed (GArray *days,
             int     year)
{
  for (guint i = 0; i < days->len; i++)
    {
      int other;

      thr_day_to_ymd (g_array_index (days, guint32, i), &other, NULL, NULL);
      if (other == year)
        return TRUE;
    }
  return FALSE;
}

/* One entry of "moved": the holiday's day in that year, by order.  It must
 * be a year the holiday exists in, or the order would add a holiday the
 * rules do not have. */
static gboolean
read_moved_entry (const Loader  *loader,
                  JsonNode      *node,
                  const char    *path,
                  HolidayDef    *def,
                  GError       **error)
{
  static const char *const keys[] = { "date", "source", "note", NULL };
  const ThrCalendar *self = loader->self;
  JsonObject *object = get_object (loader, node, path, error);
  const char *date = NULL, *source = NULL, *note = NULL;
  g_autofree char *date_path = member_path (path, "date");
  guint32 day = 0;
  int year;

  if (object == NULL ||
      !check_keys (loader, object, path, keys, NULL, error) ||
      !read_string (loader, object, path, "date", TRUE, &date, error) ||
      !read_string (loader, object, path, "source", TRUE, &source, error) ||
      !read_string (loader, object, path, "note", FALSE, &note, error))
    return FALSE;
  if (!thr_day_parse_iso (date, &day))
    return fail (loader, error, date_path, "expected a date YYYY-MM-DD");
  thr_day_to_ymd (day, &year, NULL, NULL);
  if (year < self->first_year || year > self->last_year)
    return fail (loader, error, date_path, "%d is outside the calendar's years %d–%d",
                 year, self->first_year, self->last_year);
  if (year_listed (def->moved, year))
    return fail (loader, error, date_path, "a second date in %d", year);
  if (!holiday_exists_in (def, year))
    return fail (loader, error, date_path, "“%s” is not a holiday in %d", def->name, year);
  g_array_append_val (def->moved, day);
  return TRUE;
}

static gboolean
read_moved (const Loader  *loader,
            JsonObject    *object,
            const char    *path,
            HolidayDef    *def,
            GError       **error)
{
  g_autofree char *list_path = member_path (path, "moved");
  JsonArray *entries;

  if (!json_object_has_member (object, "moved"))
    return TRUE;
  entries = get_array (loader, object, path, "moved", error);
  if (entries == NULL)
    return FALSE;

  def->moved = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      g_autofree char *where = element_path (list_path, i);

      if (!read_moved_entry (loader, json_array_get_element (entries, i), where, def, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_validity (const Loader  *loader,
               JsonObject    *object,
               const char    *path,
               HolidayDef    *def,
               GError       **error)
{
  def->from = MIN_YEAR;
  def->until = MAX_YEAR;
  if (!read_int (loader, object, path, "from", FALSE, MIN_YEAR, MAX_YEAR, &def->from, error) ||
      !read_int (loader, object, path, "until", FALSE, MIN_YEAR, MAX_YEAR, &def->until, error))
    return FALSE;
  if (def->until < def->from)
    {
      g_autofree char *where = member_path (path, "until");
      return fail (loader, error, where, "%d is before “from” (%d)", def->until, def->from);
    }
  return read_in_years (loader, object, path, def, error);
}

/* ------------------------------------------------------------------ */
/* Reading the holidays                                                */

static HolidayDef *
find_def (ThrCalendar *self,
          const char  *name,
          guint       *index)
{
  for (guint i = 0; i < self->defs->len; i++)
    {
      HolidayDef *def = g_ptr_array_index (self->defs, i);

      if (g_str_equal (def->name, name))
        {
          if (index != NULL)
            *index = i;
          return def;
        }
    }
  return NULL;
}

static gboolean
read_holiday (const Loader  *loader,
              JsonNode      *node,
              const char    *path,
              GError       **error)
{
  static const char *const holiday_keys[] = {
    "name", "source", "note", "rule", "from", "until", "in_years", "moved", NULL
  };
  ThrCalendar *self = loader->self;
  JsonObject *object = get_object (loader, node, path, error);
  const char *name = NULL, *source = NULL, *note = NULL;
  HolidayDef *def;

  if (object == NULL ||
      !read_string (loader, object, path, "name", TRUE, &name, error) ||
      !read_string (loader, object, path, "source", TRUE, &source, error) ||
      !read_string (loader, object, path, "note", FALSE, &note, error))
    return FALSE;

  if (find_def (self, name, NULL) != NULL)
    {
      g_autofree char *where = member_path (path, "name");
      return fail (loader, error, where, "a second holiday named “%s”", name);
    }

  def = g_new0 (HolidayDef, 1);
  def->name = g_strdup (name);
  def->source = g_strdup (source);
  g_ptr_array_add (self->defs, def);

  return read_rule (loader, object, path, holiday_keys, FALSE, &def->rule, error) &&
         read_validity (loader, object, path, def, error) &&
         read_moved (loader, object, path, def, error);
}

static gboolean
resolve_reference (const Loader  *loader,
                   Rule          *rule,
                   GError       **error)
{
  if (rule->kind == RULE_EXPLICIT)
    return rule->fallback == NULL || resolve_reference (loader, rule->fallback, error);
  if (rule->kind != RULE_RELATIVE)
    return TRUE;
  if (find_def (loader->self, rule->to, &rule->to_index) == NULL)
    return fail (loader, error, rule->to_path, "no holiday named “%s”", rule->to);
  return TRUE;
}

static const Rule *
relative_rule (const HolidayDef *def)
{
  const Rule *rule = &def->rule;

  if (rule->kind == RULE_EXPLICIT && rule->fallback != NULL)
    rule = rule->fallback;
  return rule->kind == RULE_RELATIVE ? rule : NULL;
}

/* A holiday relative to itself, directly or through others, has no date.
 * Each holiday refers to at most one other, so following the chain for
 * more steps than there are holidays means it loops. */
static gboolean
check_no_cycle (const Loader  *loader,
                guint          start,
                GError       **error)
{
  GPtrArray *defs = loader->self->defs;
  const Rule *first = relative_rule (g_ptr_array_index (defs, start));
  const Rule *rule = first;

  for (guint steps = 0; rule != NULL; steps++)
    {
      if (steps >= defs->len)
        return fail (loader, error, first->to_path,
                     "“%s” depends on itself through relative rules",
                     ((HolidayDef *) g_ptr_array_index (defs, start))->name);
      rule = relative_rule (g_ptr_array_index (defs, rule->to_index));
    }
  return TRUE;
}

static gboolean
read_holidays (const Loader  *loader,
               JsonObject    *root,
               GError       **error)
{
  GPtrArray *defs = loader->self->defs;
  JsonArray *holidays = get_array (loader, root, "$", "holidays", error);

  if (holidays == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (holidays); i++)
    {
      g_autofree char *where = element_path ("$.holidays", i);

      if (!read_holiday (loader, json_array_get_element (holidays, i), where, error))
        return FALSE;
    }

  /* References are resolved once every name is known, so a holiday may
   * be relative to one listed after it. */
  for (guint i = 0; i < defs->len; i++)
    if (!resolve_reference (loader, &((HolidayDef *) g_ptr_array_index (defs, i))->rule, error))
      return FALSE;
  for (guint i = 0; i < defs->len; i++)
    if (!check_no_cycle (loader, i, error))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Reading the header                                                  */

static gboolean
read_years (const Loader  *loader,
            JsonObject    *root,
            GError       **error)
{
  ThrCalendar *self = loader->self;
  JsonArray *years = get_array (loader, root, "$", "years", error);

  if (years == NULL)
    return FALSE;
  if (json_array_get_length (years) != 2)
    return fail (loader, error, "$.years", "expected [first, last]");
  if (!read_integer_node (loader, json_array_get_element (years, 0), "$.years[0]",
                          MIN_YEAR, MAX_YEAR, &self->first_year, error) ||
      !read_integer_node (loader, json_array_get_element (years, 1), "$.years[1]",
                          self->first_year, self->first_year + MAX_SPAN, &self->last_year, error))
    return FALSE;
  return TRUE;
}

/* A shift is the number of days added to a weekend holiday. */
static gboolean
read_weekend_shift (const Loader  *loader,
                    JsonObject    *root,
                    GError       **error)
{
  static const char *const keys[] = { "saturday", "sunday", NULL };
  static const char *const shifts[] = { "none", "friday_before", "monday_after", NULL };
  static const int saturday_shifts[] = { 0, -1, 2 };
  static const int sunday_shifts[] = { 0, -2, 1 };
  ThrCalendar *self = loader->self;
  JsonObject *shift = get_object (loader, json_object_get_member (root, "weekend_shift"),
                                  "$.weekend_shift", error);
  int saturday = 0, sunday = 0;

  if (shift == NULL ||
      !check_keys (loader, shift, "$.weekend_shift", keys, NULL, error) ||
      !read_choice (loader, shift, "$.weekend_shift", "saturday", TRUE, shifts, &saturday, error) ||
      !read_choice (loader, shift, "$.weekend_shift", "sunday", TRUE, shifts, &sunday, error))
    return FALSE;

  self->saturday_shift = saturday_shifts[saturday];
  self->sunday_shift = sunday_shifts[sunday];
  return TRUE;
}

static gboolean
read_notes (const Loader  *loader,
            JsonObject    *root,
            GError       **error)
{
  JsonNode *notes = json_object_get_member (root, "notes");
  JsonArray *lines;

  if (notes == NULL || node_is_string (notes))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (notes))
    return fail (loader, error, "$.notes", "expected a string or a list of strings");

  lines = json_node_get_array (notes);
  for (guint i = 0; i < json_array_get_length (lines); i++)
    if (!node_is_string (json_array_get_element (lines, i)))
      {
        g_autofree char *where = element_path ("$.notes", i);
        return fail (loader, error, where, "expected a string");
      }
  return TRUE;
}

/* The zone is only recorded: the dates in the file are already local
 * dates.  It is not looked up in the system's tzdata, so a calendar still
 * loads where tzdata is missing. */
static gboolean
read_timezone (const Loader  *loader,
               JsonObject    *root,
               GError       **error)
{
  const char *zone = NULL;

  if (!read_string (loader, root, "$", "timezone", TRUE, &zone, error))
    return FALSE;
  if (strchr (zone, ' ') != NULL || strchr (zone, '/') == NULL)
    return fail (loader, error, "$.timezone", "“%s” is not an Area/Location zone name", zone);
  loader->self->timezone = g_strdup (zone);
  return TRUE;
}

static gboolean
read_header (const Loader  *loader,
             JsonObject    *root,
             GError       **error)
{
  static const char *const keys[] = {
    "id", "name", "timezone", "years", "source", "notes", "weekend_shift", "closures", "holidays", NULL
  };
  ThrCalendar *self = loader->self;
  const char *id = NULL, *name = NULL, *source = NULL;

  if (!check_keys (loader, root, "$", keys, NULL, error) ||
      !read_string (loader, root, "$", "id", TRUE, &id, error) ||
      !read_string (loader, root, "$", "name", TRUE, &name, error) ||
      !read_string (loader, root, "$", "source", FALSE, &source, error) ||
      !read_notes (loader, root, error) ||
      !read_timezone (loader, root, error) ||
      !read_years (loader, root, error) ||
      !read_weekend_shift (loader, root, error))
    return FALSE;

  if (strchr (id, '/') != NULL)
    return fail (loader, error, "$.id", "“%s” contains a slash", id);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Closures ordered by the governor                                    */

static gboolean is_weekend (guint32 day);

static const Closure *
find_closure (ThrCalendar *self,
              guint32      day)
{
  for (guint i = 0; i < self->closures->len; i++)
    {
      const Closure *closure = &g_array_index (self->closures, Closure, i);

      if (closure->day == day)
        return closure;
    }
  return NULL;
}

static gboolean
read_closure (const Loader  *loader,
              JsonNode      *node,
              const char    *path,
              GError       **error)
{
  static const char *const keys[] = { "date", "name", "source", "note", NULL };
  ThrCalendar *self = loader->self;
  JsonObject *object = get_object (loader, node, path, error);
  const char *date = NULL, *name = NULL, *source = NULL, *note = NULL;
  g_autofree char *date_path = member_path (path, "date");
  Closure closure = { 0 };
  int year;

  if (object == NULL ||
      !check_keys (loader, object, path, keys, NULL, error) ||
      !read_string (loader, object, path, "date", TRUE, &date, error) ||
      !read_string (loader, object, path, "name", TRUE, &name, error) ||
      !read_string (loader, object, path, "source", TRUE, &source, error) ||
      !read_string (loader, object, path, "note", FALSE, &note, error))
    return FALSE;
  if (!thr_day_parse_iso (date, &closure.day))
    return fail (loader, error, date_path, "expected a date YYYY-MM-DD");
  thr_day_to_ymd (closure.day, &year, NULL, NULL);
  if (year < self->first_year || year > self->last_year)
    return fail (loader, error, date_path, "%d is outside the calendar's years %d–%d",
                 year, self->first_year, self->last_year);
  /* A weekend day is closed already: such an entry would be a typo. */
  if (is_weekend (closure.day))
    return fail (loader, error, date_path, "%s is a weekend day", date);
  if (find_closure (self, closure.day) != NULL)
    return fail (loader, error, date_path, "a second closure on %s", date);

  closure.name = g_strdup (name);
  g_array_append_val (self->closures, closure);
  return TRUE;
}

static gboolean
read_closures (const Loader  *loader,
               JsonObject    *root,
               GError       **error)
{
  JsonArray *closures;

  if (!json_object_has_member (root, "closures"))
    return TRUE;
  closures = get_array (loader, root, "$", "closures", error);
  if (closures == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (closures); i++)
    {
      g_autofree char *where = element_path ("$.closures", i);

      if (!read_closure (loader, json_array_get_element (closures, i), where, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Computing dates                                                     */

/* Western (Gregorian) Easter Sunday, by the anonymous Gregorian
 * computus (Meeus/Jones/Butcher). */
static guint32
easter_sunday (int year)
{
  int a = year % 19;
  int b = year / 100, c = year % 100;
  int d = b / 4, e = b % 4;
  int f = (b + 8) / 25;
  int g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = (h + l - 7 * m + 114) % 31 + 1;

  return thr_day_from_ymd (year, month, day);
}

static guint32
nth_weekday (int year,
             int month,
             int weekday,
             int n)
{
  guint32 first = thr_day_from_ymd (year, month, 1);
  int ahead = (weekday - thr_day_weekday (first) + 7) % 7;

  return first + ahead + 7 * (n - 1);
}

static guint32
last_weekday (int year,
              int month,
              int weekday)
{
  guint32 last = thr_day_from_ymd (year, month, g_date_get_days_in_month (month, year));
  int behind = (thr_day_weekday (last) - weekday + 7) % 7;

  return last - behind;
}

static gboolean
is_weekend (guint32 day)
{
  return thr_day_weekday (day) >= 6;
}

/* Moves @n Monday–Friday days from @day (backwards when negative). */
static guint32
step_weekdays (guint32 day,
               int     n)
{
  int step = n < 0 ? -1 : 1;

  while (n != 0)
    {
      day += step;
      if (!is_weekend (day))
        n -= step;
    }
  return day;
}

/* The weekend shift: a Saturday holiday is observed the Friday before, a
 * Sunday one the Monday after (docs/domain.md, "Business days"). */
static guint32
observed_date (ThrCalendar *self,
               guint32      actual)
{
  switch (thr_day_weekday (actual))
    {
    case 6: return actual + self->saturday_shift;
    case 7: return actual + self->sunday_shift;
    default: return actual;
    }
}

static gboolean
year_matches (const YearsItem *item,
              int              year)
{
  switch (item->kind)
    {
    case YEARS_EVEN: return year % 2 == 0;
    case YEARS_ODD: return year % 2 != 0;
    case YEARS_ONE: return year == item->year;
    case YEARS_CYCLE: return year >= item->year && (year - item->year) % item->every == 0;
    default: g_assert_not_reached ();
    }
}

static gboolean
holiday_exists_in (const HolidayDef *def,
                   int               year)
{
  if (year < def->from || year > def->until)
    return FALSE;
  if (def->in_years == NULL)
    return TRUE;
  for (guint i = 0; i < def->in_years->len; i++)
    if (year_matches (&g_array_index (def->in_years, YearsItem, i), year))
      return TRUE;
  return FALSE;
}

/* One year's dates, worked out on demand because a relative holiday
 * needs the date of the one it follows. */
typedef struct {
  gboolean done;
  gboolean present;
  gboolean estimated;
  guint32  actual;
} Resolved;

static const Resolved *resolve_holiday (ThrCalendar *self,
                                        Resolved    *memo,
                                        guint        index,
                                        int          year);

static gboolean
explicit_date_in (const Rule *rule,
                  int         year,
                  guint32    *day)
{
  for (guint i = 0; i < rule->dates->len; i++)
    {
      guint32 date = g_array_index (rule->dates, guint32, i);
      int date_year;

      thr_day_to_ymd (date, &date_year, NULL, NULL);
      if (date_year == year)
        {
          *day = date;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
evaluate_relative (ThrCalendar *self,
                   Resolved    *memo,
                   const Rule  *rule,
                   int          year,
                   Resolved    *out)
{
  const Resolved *target = resolve_holiday (self, memo, rule->to_index, year);
  guint32 anchor;
  int offset;

  /* No Thanksgiving, no day after Thanksgiving. */
  if (!target->present)
    return FALSE;

  anchor = rule->from_observed ? observed_date (self, target->actual) : target->actual;
  offset = rule->by_weekday ? rule->weekday_offsets[thr_day_weekday (anchor)] : rule->offset;
  out->actual = rule->in_weekdays ? step_weekdays (anchor, offset) : anchor + offset;
  out->estimated |= target->estimated;
  return TRUE;
}

static gboolean
evaluate_rule (ThrCalendar *self,
               Resolved    *memo,
               const Rule  *rule,
               int          year,
               Resolved    *out)
{
  switch (rule->kind)
    {
    case RULE_FIXED:
      out->actual = thr_day_from_ymd (year, rule->month, rule->day);
      return TRUE;
    case RULE_NTH_WEEKDAY:
      out->actual = nth_weekday (year, rule->month, rule->weekday, rule->n) + rule->offset;
      return TRUE;
    case RULE_LAST_WEEKDAY:
      out->actual = last_weekday (year, rule->month, rule->weekday) + rule->offset;
      return TRUE;
    case RULE_EASTER:
      out->actual = easter_sunday (year) + rule->offset;
      return TRUE;
    case RULE_RELATIVE:
      return evaluate_relative (self, memo, rule, year, out);
    case RULE_EXPLICIT:
      if (explicit_date_in (rule, year, &out->actual))
        return TRUE;
      /* Unlisted year: the fallback is our estimate, not a published date. */
      out->estimated = TRUE;
      return rule->fallback != NULL && evaluate_rule (self, memo, rule->fallback, year, out);
    default:
      g_assert_not_reached ();
    }
}

/* A date set by order for @year replaces the rule's; it is published,
 * so never an estimate (the margin years have no such dates). */
static gboolean
moved_date_in (const HolidayDef *def,
               int               year,
               guint32          *day)
{
  if (def->moved == NULL)
    return FALSE;
  for (guint i = 0; i < def->moved->len; i++)
    {
      guint32 date = g_array_index (def->moved, guint32, i);
      int date_year;

      thr_day_to_ymd (date, &date_year, NULL, NULL);
      if (date_year == year)
        {
          *day = date;
          return TRUE;
        }
    }
  return FALSE;
}

static const Resolved *
resolve_holiday (ThrCalendar *self,
                 Resolved    *memo,
                 guint        index,
                 int          year)
{
  Resolved *resolved = &memo[index];
  const HolidayDef *def = g_ptr_array_index (self->defs, index);

  if (resolved->done)
    return resolved;
  resolved->done = TRUE;

  /* The margin years around the calendar's own are extrapolated. */
  resolved->estimated = year < self->first_year || year > self->last_year;
  resolved->present = holiday_exists_in (def, year) &&
                      (moved_date_in (def, year, &resolved->actual) ||
                       evaluate_rule (self, memo, &def->rule, year, resolved));
  return resolved;
}

/* ------------------------------------------------------------------ */
/* The precomputed table                                               */

static gboolean
in_table (ThrCalendar *self,
          guint32      day)
{
  return day >= self->table_first && day <= self->table_last;
}

static void
add_year_observances (ThrCalendar *self,
                      int          year)
{
  g_autofree Resolved *memo = g_new0 (Resolved, self->defs->len);

  for (guint i = 0; i < self->defs->len; i++)
    {
      const Resolved *resolved = resolve_holiday (self, memo, i, year);
      Observance observance;

      if (!resolved->present)
        continue;
      observance.def = i;
      observance.actual = resolved->actual;
      observance.observed = observed_date (self, resolved->actual);
      observance.estimated = resolved->estimated;
      if (in_table (self, observance.observed))
        g_array_append_val (self->observances, observance);
    }
}

static int
compare_observances (gconstpointer a,
                     gconstpointer b)
{
  const Observance *x = a, *y = b;

  if (x->observed != y->observed)
    return x->observed < y->observed ? -1 : 1;
  return (x->def > y->def) - (x->def < y->def);
}

/* The days closed, holidays first: a closure on a day a holiday already
 * closes names the holiday, and closes it once. */
static void
fill_table (ThrCalendar *self)
{
  guint n_days = self->table_last - self->table_first + 1;
  guint32 closed = 0;

  g_free (self->day_holiday);
  self->day_holiday = g_new0 (const char *, n_days);
  for (guint i = 0; i < self->observances->len; i++)
    {
      const Observance *o = &g_array_index (self->observances, Observance, i);
      guint slot = o->observed - self->table_first;

      if (self->day_holiday[slot] == NULL)
        self->day_holiday[slot] = ((HolidayDef *) g_ptr_array_index (self->defs, o->def))->name;
    }
  for (guint i = 0; i < self->closures->len; i++)
    {
      const Closure *closure = &g_array_index (self->closures, Closure, i);

      if (in_table (self, closure->day) && self->day_holiday[closure->day - self->table_first] == NULL)
        self->day_holiday[closure->day - self->table_first] = closure->name;
    }

  g_free (self->closed_upto);
  self->closed_upto = g_new (guint32, n_days);
  for (guint i = 0; i < n_days; i++)
    {
      if (self->day_holiday[i] != NULL && !is_weekend (self->table_first + i))
        closed++;
      self->closed_upto[i] = closed;
    }
}

static void
build_table (ThrCalendar *self)
{
  self->table_first = thr_day_from_ymd (self->first_year - 1, 1, 1);
  self->table_last = thr_day_from_ymd (self->last_year + 1, 12, 31);

  /* One more year each side: a holiday of the year before or after may
   * be observed inside the table (January 1 on a Saturday). */
  for (int year = self->first_year - 2; year <= self->last_year + 2; year++)
    add_year_observances (self, year);
  g_array_sort (self->observances, compare_observances);
  fill_table (self);
}

/* Weekdays in 1 … @day; Julian day 1 is a Monday. */
static gint64
weekdays_upto (guint32 day)
{
  return (gint64) (day / 7) * 5 + MIN (day % 7, 5);
}

static gint64
holidays_upto (ThrCalendar *self,
               guint32      day)
{
  if (day < self->table_first)
    return 0;
  if (day > self->table_last)
    return self->closed_upto[self->table_last - self->table_first];
  return self->closed_upto[day - self->table_first];
}

/* Business days in 1 … @day.  Every count is a difference of two of
 * these, which keeps counting O(1) whatever the distance. */
static gint64
business_days_upto (ThrCalendar *self,
                    guint32      day)
{
  return weekdays_upto (day) - holidays_upto (self, day);
}

/* The first day D with business_days_upto (D) ≥ @target, searched in
 * (@below, …): business_days_upto (@below) must be < @target.  Such a D is
 * always a business day, as the count only rises on business days. */
static guint32
first_day_reaching (ThrCalendar *self,
                    guint32      below,
                    gint64       target)
{
  guint32 low = below;       /* count < target */
  guint32 high = below + 1;  /* probed until count ≥ target */
  guint32 stride = 8;

  while (business_days_upto (self, high) < target)
    {
      low = high;
      high += stride;
      stride *= 2;
    }
  while (high - low > 1)
    {
      guint32 middle = low + (high - low) / 2;

      if (business_days_upto (self, middle) < target)
        low = middle;
      else
        high = middle;
    }
  return high;
}

/* A day before @day with fewer than @target business days up to it,
 * found by strides that double so a long way back costs few probes. */
static guint32
day_below (ThrCalendar *self,
           guint32      day,
           gint64       target)
{
  guint32 stride = 8;

  while (business_days_upto (self, day) >= target)
    {
      /* Before the first day there is nothing left to count. */
      if (day <= stride)
        return 0;
      day -= stride;
      stride *= 2;
    }
  return day;
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */

/* A closure in the file on a day a holiday closes anyway says the file's
 * author misread a date. */
static gboolean
check_closures_open (const Loader  *loader,
                     GError       **error)
{
  ThrCalendar *self = loader->self;

  for (guint i = 0; i < self->closures->len; i++)
    {
      const Closure *closure = &g_array_index (self->closures, Closure, i);
      const char *holiday = self->day_holiday[closure->day - self->table_first];

      if (holiday != closure->name)
        {
          g_autofree char *where = g_strdup_printf ("$.closures[%u].date", i);
          g_autofree char *date = thr_day_format (closure->day);

          return fail (loader, error, where, "%s is already a holiday (%s)", date, holiday);
        }
    }
  return TRUE;
}

static ThrCalendar *
load_from_object (JsonObject  *root,
                  const char  *source_name,
                  GError     **error)
{
  g_autoptr(ThrCalendar) self = g_object_new (THR_TYPE_CALENDAR, NULL);
  Loader loader = { source_name, self };

  if (!read_header (&loader, root, error) ||
      !read_closures (&loader, root, error) ||
      !read_holidays (&loader, root, error))
    return NULL;
  build_table (self);
  if (!check_closures_open (&loader, error))
    return NULL;
  return g_steal_pointer (&self);
}

ThrCalendar *
thr_calendar_new_from_bytes (GBytes      *json,
                             const char  *source_name,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) json_error = NULL;
  Loader loader = { source_name != NULL ? source_name : "(calendar)", NULL };
  gsize size = 0;
  const char *data;
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (json, &size);
  if (size == 0)
    {
      fail (&loader, error, "$", "empty file");
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, size, &json_error))
    {
      fail (&loader, error, "$", "not valid JSON: %s", json_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (&loader, error, "$", "expected an object");
      return NULL;
    }
  return load_from_object (json_node_get_object (root), loader.source, error);
}

ThrCalendar *
thr_calendar_new_from_file (GFile   *file,
                            GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      int code = g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                 ? THR_CALENDAR_ERROR_NOT_FOUND : THR_CALENDAR_ERROR_PARSE;

      g_set_error (error, THR_CALENDAR_ERROR, code, "%s: %s", name, local_error->message);
      return NULL;
    }
  return thr_calendar_new_from_bytes (bytes, name, error);
}

ThrCalendar *
thr_calendar_load_builtin (const char  *id,
                           GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *source = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ThrCalendar) self = NULL;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  thr_core_init ();
  path = g_strconcat (BUILTIN_DIR, id, ".json", NULL);
  if (*id != '\0' && strchr (id, '/') == NULL)
    bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      g_set_error (error, THR_CALENDAR_ERROR, THR_CALENDAR_ERROR_NOT_FOUND,
                   "No built-in calendar “%s”", id);
      return NULL;
    }

  source = g_strconcat ("resource://", path, NULL);
  self = thr_calendar_new_from_bytes (bytes, source, error);
  if (self != NULL && !g_str_equal (self->id, id))
    {
      Loader loader = { source, self };

      fail (&loader, error, "$.id", "“%s” does not match the file name", self->id);
      return NULL;
    }
  return g_steal_pointer (&self);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

GStrv
thr_calendar_list_builtin (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) children = NULL;
  GStrv ids;

  thr_core_init ();
  children = g_resources_enumerate_children (BUILTIN_DIR, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  for (guint i = 0; children != NULL && children[i] != NULL; i++)
    if (g_str_has_suffix (children[i], ".json"))
      {
        g_autofree char *id = g_strndup (children[i], strlen (children[i]) - strlen (".json"));
        g_strv_builder_add (builder, id);
      }

  ids = g_strv_builder_end (builder);
  g_qsort_with_data (ids, g_strv_length (ids), sizeof (char *), compare_strings, NULL);
  return ids;
}

/* ------------------------------------------------------------------ */
/* Accessors                                                           */

const char *
thr_calendar_get_id (ThrCalendar *self)
{
  g_return_val_if_fail (THR_IS_CALENDAR (self), NULL);
  return self->id;
}

const char *
thr_calendar_get_name (ThrCalendar *self)
{
  g_return_val_if_fail (THR_IS_CALENDAR (self), NULL);
  return self->name;
}

const char *
thr_calendar_get_timezone (ThrCalendar *self)
{
  g_return_val_if_fail (THR_IS_CALENDAR (self), NULL);
  return self->timezone;
}

int
thr_calendar_get_first_year (ThrCalendar *self)
{
  g_return_val_if_fail (THR_IS_CALENDAR (self), 0);
  return self->first_year;
}

int
thr_calendar_get_last_year (ThrCalendar *self)
{
  g_return_val_if_fail (THR_IS_CALENDAR (self), 0);
  return self->last_year;
}

/* ------------------------------------------------------------------ */
/* Business days                                                       */

/* Only observed dates count: January 1 2022, a Saturday, is not a
 * holiday here; Friday December 31 2021 is. */
gboolean
thr_calendar_is_holiday (ThrCalendar *self,
                         guint32      day,
                         const char **name)
{
  const char *holiday = NULL;

  g_return_val_if_fail (THR_IS_CALENDAR (self), FALSE);

  if (in_table (self, day))
    holiday = self->day_holiday[day - self->table_first];
  if (name != NULL)
    *name = holiday;
  return holiday != NULL;
}

gboolean
thr_calendar_is_business_day (ThrCalendar *self,
                              guint32      day)
{
  g_return_val_if_fail (THR_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (day > 0, FALSE);

  return !is_weekend (day) && !thr_calendar_is_holiday (self, day, NULL);
}

/* "the number of business days D with S < D ≤ E (received Friday, done
 * Monday = 1)"; negative when @to is before @from. */
int
thr_calendar_count_business_days (ThrCalendar *self,
                                  guint32      from,
                                  guint32      to)
{
  g_return_val_if_fail (THR_IS_CALENDAR (self), 0);
  g_return_val_if_fail (from > 0 && to > 0, 0);

  return (int) (business_days_upto (self, to) - business_days_upto (self, from));
}

/* n > 0: the first business day E with count (from, E) = n, so Friday + 1
 * and Saturday + 1 are both Monday.  n < 0: the last business day E with
 * count (E, from) = |n|; as @from itself is counted, Monday − 1 is the
 * Friday before, but Saturday − 1 is Thursday (Friday lies in (E, Sat]). */
guint32
thr_calendar_add_business_days (ThrCalendar *self,
                                guint32      from,
                                int          n)
{
  gint64 target;

  g_return_val_if_fail (THR_IS_CALENDAR (self), 0);
  g_return_val_if_fail (from > 0, 0);

  if (n == 0)
    return from;

  /* In both directions the answer is the business day at which the
   * running count reaches the target. */
  target = business_days_upto (self, from) + n;
  if (n > 0)
    return first_day_reaching (self, from, target);
  return first_day_reaching (self, day_below (self, from, target), target);
}

guint32
thr_calendar_next_business_day (ThrCalendar *self,
                                guint32      day)
{
  g_return_val_if_fail (THR_IS_CALENDAR (self), 0);
  g_return_val_if_fail (day > 0, 0);

  while (!thr_calendar_is_business_day (self, day))
    day++;
  return day;
}

static ThrHoliday *
holiday_from_observance (ThrCalendar      *self,
                         const Observance *observance)
{
  ThrHoliday *holiday = g_new0 (ThrHoliday, 1);
  const HolidayDef *def = g_ptr_array_index (self->defs, observance->def);

  holiday->name = g_strdup (def->name);
  holiday->actual = observance->actual;
  holiday->observed = observance->observed;
  holiday->estimated = observance->estimated;
  return holiday;
}

static int
compare_holidays (gconstpointer a,
                  gconstpointer b)
{
  const ThrHoliday *x = *(ThrHoliday * const *) a, *y = *(ThrHoliday * const *) b;

  if (x->observed != y->observed)
    return x->observed < y->observed ? -1 : 1;
  return x->closure - y->closure;
}

static void
add_year_closures (ThrCalendar *self,
                   int          year,
                   GPtrArray   *holidays)
{
  for (guint i = 0; i < self->closures->len; i++)
    {
      const Closure *closure = &g_array_index (self->closures, Closure, i);
      ThrHoliday *holiday;
      int closure_year;

      thr_day_to_ymd (closure->day, &closure_year, NULL, NULL);
      if (closure_year != year)
        continue;
      holiday = g_new0 (ThrHoliday, 1);
      holiday->name = g_strdup (closure->name);
      holiday->actual = holiday->observed = closure->day;
      holiday->closure = TRUE;
      g_ptr_array_add (holidays, holiday);
    }
}

/* Holidays observed in @year, by observed date: a holiday shifted across a
 * year end belongs to the year it is observed in.  Closures of the year
 * are listed too (closure TRUE), after a holiday of the same day.  Empty
 * outside the table, but for closures. */
GPtrArray *
thr_calendar_list_holidays (ThrCalendar *self,
                            int          year)
{
  GPtrArray *holidays;

  g_return_val_if_fail (THR_IS_CALENDAR (self), NULL);

  holidays = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_holiday_free);
  for (guint i = 0; i < self->observances->len; i++)
    {
      const Observance *observance = &g_array_index (self->observances, Observance, i);
      int observed_year;

      thr_day_to_ymd (observance->observed, &observed_year, NULL, NULL);
      if (observed_year == year)
        g_ptr_array_add (holidays, holiday_from_observance (self, observance));
    }
  add_year_closures (self, year, holidays);
  g_ptr_array_sort (holidays, compare_holidays);
  return holidays;
}

/* Closes @day as the governor ordered, for every count and deadline from
 * now on.  Returns FALSE, changing nothing, for a weekend day or a day
 * already closed by an earlier closure; a day a holiday closes keeps the
 * holiday's name and is closed once.  Outside the table it is listed but
 * cannot close anything: the table is where days are closed. */
gboolean
thr_calendar_add_closure (ThrCalendar *self,
                          guint32      day,
                          const char  *name)
{
  Closure closure = { 0 };

  g_return_val_if_fail (THR_IS_CALENDAR (self), FALSE);
  g_return_val_if_fail (day > 0, FALSE);
  g_return_val_if_fail (name != NULL && *name != '\0', FALSE);

  if (is_weekend (day) || find_closure (self, day) != NULL)
    return FALSE;
  closure.day = day;
  closure.name = g_strdup (name);
  g_array_append_val (self->closures, closure);
  fill_table (self);
  return TRUE;
}
