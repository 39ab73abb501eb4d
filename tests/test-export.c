/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-export.c — export tables as CSV and as .xlsx, the .xlsx read back
 * from its XML parts with unzip: values, number formats, frozen header */
#include <stdio.h>

#include <glib/gstdio.h>

#include "thr-core.h"
#include "thr-export-private.h"

static const char vietnamese[] = "Nguyễn Thị Minh Khai Trần Phương Thảo";

static ThrExportTable *
sample_table (void)
{
  const char *headers[] = { "metric", "value", "count", "wait", "money", "note", NULL };
  ThrExportTable *table = thr_export_table_new (headers);

  thr_export_table_begin_row (table);
  thr_export_table_add_text (table, "A.1.a");
  thr_export_table_add_number (table, 93.55, THR_EXPORT_NUMBER_PERCENT);
  thr_export_table_add_number (table, 1234, THR_EXPORT_NUMBER_INTEGER);
  thr_export_table_add_number (table, 199.6, THR_EXPORT_NUMBER_SECONDS);
  thr_export_table_add_number (table, 120000.5, THR_EXPORT_NUMBER_DOLLARS);
  thr_export_table_add_text (table, "say \"hi\", then\nleave");
  thr_export_table_begin_row (table);
  thr_export_table_add_text (table, vietnamese);
  thr_export_table_add_empty (table);
  thr_export_table_add_number (table, -0.00001, THR_EXPORT_NUMBER_PLAIN);
  thr_export_table_add_text (table, "");
  return table;
}

static void
test_export_csv (void)
{
  g_autoptr(ThrExportTable) table = sample_table ();
  g_autofree char *csv = thr_export_table_to_csv (table);

  g_assert_cmpuint (thr_export_table_get_n_rows (table), ==, 2);
  /* Money keeps its cents; a field's own line break stays inside quotes. */
  g_assert_cmpstr (csv, ==,
                   "metric,value,count,wait,money,note\r\n"
                   "A.1.a,93.55,1234,199.6,120000.50,\"say \"\"hi\"\", then\nleave\"\r\n"
                   "Nguyễn Thị Minh Khai Trần Phương Thảo,,0,,,\r\n");
}

/* The CLI's standard output: the same fields, LF line ends, and with the
 * flag a byte order mark first. */
static void
test_export_csv_flags (void)
{
  g_autoptr(ThrExportTable) table = sample_table ();
  g_autofree char *lf = thr_export_table_to_csv_full (table, THR_EXPORT_FLAGS_CSV_LF);
  g_autofree char *bom = thr_export_table_to_csv_full (table, THR_EXPORT_FLAGS_CSV_BOM);

  g_assert_cmpstr (lf, ==,
                   "metric,value,count,wait,money,note\n"
                   "A.1.a,93.55,1234,199.6,120000.50,\"say \"\"hi\"\", then\nleave\"\n"
                   "Nguyễn Thị Minh Khai Trần Phương Thảo,,0,,,\n");
  g_assert_true (g_str_has_prefix (bom, "\xEF\xBB\xBFmetric,value,"));
  g_assert_true (g_str_has_suffix (bom, "Thảo,,0,,,\r\n"));
}

static char *
unzip_member (const char *path,
              const char *member)
{
  const char *argv[] = { "unzip", "-p", path, member, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The number format code of the style a cell uses, through styles.xml:
 * cellXfs[s] → numFmtId → numFmt's formatCode (or "General" for id 0). */
static char *
format_of_cell (const char *sheet,
                const char *styles,
                const char *ref)
{
  g_autofree char *cell_pattern = g_strdup_printf ("<c r=\"%s\" s=\"([0-9]+)\"", ref);
  g_autoptr(GRegex) cell_re = g_regex_new (cell_pattern, 0, 0, NULL);
  g_autoptr(GRegex) xfs_re = g_regex_new ("<cellXfs[^>]*>(.*)</cellXfs>", G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GRegex) xf_re = g_regex_new ("<xf numFmtId=\"([0-9]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;
  g_autofree char *xfs = NULL;
  g_autofree char *id = NULL;
  g_autofree char *fmt_pattern = NULL;
  g_autoptr(GRegex) fmt_re = NULL;
  guint64 index;
  char *code;

  if (!g_regex_match (cell_re, sheet, 0, &m))
    return g_strdup ("General");   /* no s="": the default style */
  {
    g_autofree char *s = g_match_info_fetch (m, 1);
    index = g_ascii_strtoull (s, NULL, 10);
  }
  g_clear_pointer (&m, g_match_info_free);
  g_assert_true (g_regex_match (xfs_re, styles, 0, &m));
  xfs = g_match_info_fetch (m, 1);
  g_clear_pointer (&m, g_match_info_free);
  g_regex_match (xf_re, xfs, 0, &m);
  for (guint64 i = 0; i < index; i++)
    g_assert_true (g_match_info_next (m, NULL));
  g_assert_true (g_match_info_matches (m));
  id = g_match_info_fetch (m, 1);
  g_clear_pointer (&m, g_match_info_free);
  if (g_str_equal (id, "0"))
    return g_strdup ("General");
  fmt_pattern = g_strdup_printf ("<numFmt numFmtId=\"%s\" formatCode=\"([^\"]*)\"", id);
  fmt_re = g_regex_new (fmt_pattern, 0, 0, NULL);
  g_assert_true (g_regex_match (fmt_re, styles, 0, &m));
  code = g_match_info_fetch (m, 1);
  return code;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static void
test_export_xlsx (void)
{
  g_autoptr(ThrExportTable) table = sample_table ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thr-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "metrics.xlsx", NULL);
  g_autofree char *sheet = NULL, *styles = NULL, *strings = NULL, *workbook = NULL;
  g_autofree char *unzip = g_find_program_in_path ("unzip");

  if (unzip == NULL)
    {
      g_test_skip ("unzip is not installed");
      return;
    }
  /* Excel forbids "/" and ":" in sheet names: they are replaced. */
  g_assert_true (thr_export_table_write (table, THR_EXPORT_XLSX, "Metrics 2018/04: April", path, &error));
  g_assert_no_error (error);

  sheet = unzip_member (path, "xl/worksheets/sheet1.xml");
  styles = unzip_member (path, "xl/styles.xml");
  strings = unzip_member (path, "xl/sharedStrings.xml");
  workbook = unzip_member (path, "xl/workbook.xml");

  assert_contains (workbook, "name=\"Metrics 2018-04- April\"");
  /* The header row is frozen and filtered. */
  assert_contains (sheet, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>");
  assert_contains (sheet, "<autoFilter ref=\"A1:F3\"/>");
  /* Numbers are numbers, each with its format. */
  /* A percentage is the fraction, so that =B2>=98% works. */
  assert_contains (sheet, "<v>0.9355</v>");
  assert_contains (sheet, "<v>1234</v>");
  assert_contains (sheet, "<v>120000.5</v>");
  {
    g_autofree char *pct = format_of_cell (sheet, styles, "B2");
    g_autofree char *count = format_of_cell (sheet, styles, "C2");
    g_autofree char *wait = format_of_cell (sheet, styles, "D2");
    g_autofree char *money = format_of_cell (sheet, styles, "E2");
    g_autofree char *text = format_of_cell (sheet, styles, "A2");

    g_assert_cmpstr (pct, ==, "0.00%");
    g_assert_cmpstr (count, ==, "#,##0");
    g_assert_cmpstr (wait, ==, "0.0&quot; s&quot;");
    g_assert_cmpstr (money, ==, "[$$-409]#,##0.00;-[$$-409]#,##0.00");
    g_assert_cmpstr (text, ==, "General");
  }
  /* Text in the shared strings, as written; the empty cells are absent. */
  assert_contains (strings, "<t>A.1.a</t>");
  assert_contains (strings, vietnamese);
  assert_contains (strings, "<t>metric</t>");
  g_assert_null (strstr (sheet, "r=\"B3\""));
  /* The header is bold. */
  assert_contains (styles, "<b/>");

  g_unlink (path);
  g_rmdir (dir);
}

/* The zip ends at its end-of-central-directory record (22 bytes, no
 * comment): LibreOffice refuses a workbook with anything after it, such
 * as the zeros libarchive pads its last block with by default. */
static void
test_export_xlsx_ends_at_end_record (void)
{
  g_autoptr(ThrExportTable) table = sample_table ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thr-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "metrics.xlsx", NULL);
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_assert_true (thr_export_table_write (table, THR_EXPORT_XLSX, "Metrics", path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &bytes, &length, &error));
  g_assert_cmpuint (length, >, 22);
  g_assert_cmpmem (bytes + length - 22, 4, "PK\x05\x06", 4);
  /* A small table is far below the 10,240 bytes of a padded block. */
  g_assert_cmpuint (length, <, 10240);

  g_unlink (path);
  g_rmdir (dir);
}

/* Periods, booleans and titles: the CSV keeps the labels, the column
 * names and "true"/"false"; the workbook has dates, booleans and words. */
static ThrExportTable *
typed_table (void)
{
  const char *headers[] = { "period", "to_date", "released_with", "difference", NULL };
  const char *titles[] = { "Period", "Period to date", "Released with", "Difference", NULL };
  ThrExportTable *table = thr_export_table_new (headers);

  thr_export_table_set_titles (table, titles);
  thr_export_table_begin_row (table);
  thr_export_table_add_period (table, "2018-04");
  thr_export_table_add_boolean (table, TRUE);
  thr_export_table_add_period (table, NULL);
  thr_export_table_add_number (table, 0.32, THR_EXPORT_NUMBER_POINTS);
  thr_export_table_begin_row (table);
  thr_export_table_add_period (table, "2018-Q2");
  thr_export_table_add_boolean (table, FALSE);
  thr_export_table_add_period (table, "2018-04-01");
  thr_export_table_add_empty (table);
  return table;
}

static void
test_export_typed_csv (void)
{
  g_autoptr(ThrExportTable) table = typed_table ();
  g_autofree char *csv = thr_export_table_to_csv (table);

  g_assert_cmpstr (csv, ==,
                   "period,to_date,released_with,difference\r\n"
                   "2018-04,true,,0.32\r\n"
                   "2018-Q2,false,2018-04-01,\r\n");
}

static void
test_export_typed_xlsx (void)
{
  g_autoptr(ThrExportTable) table = typed_table ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thr-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "typed.xlsx", NULL);
  g_autofree char *sheet = NULL, *styles = NULL, *strings = NULL, *workbook = NULL;

  g_assert_true (thr_export_table_write (table, THR_EXPORT_XLSX, "Typed", path, &error));
  g_assert_no_error (error);
  sheet = unzip_member (path, "xl/worksheets/sheet1.xml");
  styles = unzip_member (path, "xl/styles.xml");
  strings = unzip_member (path, "xl/sharedStrings.xml");
  workbook = unzip_member (path, "xl/workbook.xml");

  /* April 2018 is Excel's day 43191, shown as a month. */
  assert_contains (sheet, "<c r=\"A2\" s=\"");
  assert_contains (sheet, "<v>43191</v>");
  {
    g_autofree char *month = format_of_cell (sheet, styles, "A2");
    g_autofree char *day = format_of_cell (sheet, styles, "C3");
    g_autofree char *points = format_of_cell (sheet, styles, "D2");

    g_assert_cmpstr (month, ==, "mmm yyyy");
    g_assert_cmpstr (day, ==, "yyyy-mm-dd");
    g_assert_cmpstr (points, ==, "0.00&quot; pp&quot;");
  }
  /* A quarter stays text; the booleans are booleans. */
  assert_contains (strings, "<t>2018-Q2</t>");
  assert_contains (sheet, "<c r=\"B2\" t=\"b\"><v>1</v></c>");
  assert_contains (sheet, "<c r=\"B3\" t=\"b\"><v>0</v></c>");
  /* The header in words, repeated on every printed page, landscape. */
  assert_contains (strings, "<t>Released with</t>");
  g_assert_null (strstr (strings, "released_with"));
  assert_contains (workbook, "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'Typed'!$1:$1</definedName>");
  assert_contains (sheet, "<pageSetup orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>");
  assert_contains (sheet, "<pageSetUpPr fitToPage=\"1\"/>");

  g_unlink (path);
  g_rmdir (dir);
}

/* Excel on Windows reads a CSV as its ANSI code page unless it starts
 * with a byte order mark. */
static void
test_export_csv_bom (void)
{
  g_autoptr(ThrExportTable) table = sample_table ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("thr-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "metrics.csv", NULL);
  g_autofree char *plain = thr_export_table_to_csv (table);
  g_autofree char *bytes = NULL;

  g_assert_true (thr_export_table_write_full (table, THR_EXPORT_CSV, THR_EXPORT_FLAGS_CSV_BOM, NULL, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &bytes, NULL, &error));
  g_assert_true (g_str_has_prefix (bytes, "\xEF\xBB\xBF"));
  g_assert_cmpstr (bytes + 3, ==, plain);
  g_clear_pointer (&bytes, g_free);

  g_assert_true (thr_export_table_write (table, THR_EXPORT_CSV, NULL, path, &error));
  g_assert_true (g_file_get_contents (path, &bytes, NULL, &error));
  g_assert_cmpstr (bytes, ==, plain);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_export_xlsx_bad_path (void)
{
  g_autoptr(ThrExportTable) table = sample_table ();
  g_autoptr(GError) error = NULL;

  g_assert_false (thr_export_table_write (table, THR_EXPORT_XLSX, "x", "/nonexistent/dir/out.xlsx", &error));
  g_assert_nonnull (error);
}

/* ---- iCalendar ------------------------------------------------------------ */

static char *
unescape_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    {
      if (*p == '\\' && p[1])
        {
          p++;
          g_string_append_c (out, *p == 'n' ? '\n' : *p);
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Reads the file back as a calendar would: checks the physical lines,
 * unfolds them, and returns the VEVENTs as tables of name → value. */
static GPtrArray *
parse_ics (const char *text)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_auto(GStrv) physical = NULL;
  g_autoptr(GString) unfolded = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  GHashTable *event = NULL;
  int depth = 0;

  g_assert_true (g_str_has_suffix (text, "\r\n"));
  physical = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; physical[i]; i++)
    {
      /* Every line within 75 octets and whole UTF-8: no fold split a character. */
      g_assert_cmpuint (strlen (physical[i]), <=, 75);
      g_assert_true (g_utf8_validate (physical[i], -1, NULL));
      g_assert_null (strchr (physical[i], '\n'));
      if (physical[i][0] == ' ')
        g_string_append (unfolded, physical[i] + 1);
      else
        {
          if (i > 0)
            g_string_append_c (unfolded, '\n');
          g_string_append (unfolded, physical[i]);
        }
    }
  lines = g_strsplit (unfolded->str, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "BEGIN:VCALENDAR");
  for (guint i = 0; lines[i]; i++)
    {
      const char *colon = strchr (lines[i], ':');
      g_autofree char *name = NULL;

      if (*lines[i] == '\0')
        continue;
      g_assert_nonnull (colon);
      name = g_strndup (lines[i], colon - lines[i]);
      if (g_str_equal (name, "BEGIN"))
        {
          depth++;
          if (g_str_equal (colon + 1, "VEVENT"))
            {
              event = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
              g_ptr_array_add (events, event);
            }
        }
      else if (g_str_equal (name, "END"))
        depth--;
      else if (event && depth == 3 && !g_str_equal (name, "DESCRIPTION"))
        g_hash_table_insert (event, g_strconcat ("VALARM.", name, NULL), unescape_text (colon + 1));
      else if (event && depth == 2)
        g_hash_table_insert (event, g_steal_pointer (&name), unescape_text (colon + 1));
    }
  g_assert_cmpint (depth, ==, 0);
  return g_steal_pointer (&events);
}

static void
test_export_ics (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_ics_event_free);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("America/Indiana/Indianapolis");
  g_autoptr(GDateTime) stamp = g_date_time_new (tz, 2018, 5, 15, 17, 30, 0);
  g_autofree char *long_text = g_strdup_printf ("CAP for A.1.a, owner %s; due by 5 p.m.\n"
                                                "Corrección, análisis, señal — %s %s", vietnamese,
                                                vietnamese, vietnamese);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  GHashTable *e;

  g_ptr_array_add (events, thr_ics_event_new ("cap-7-due@threshold", "CAP-7 due: A.1.a", long_text,
                                              thr_day_from_ymd (2018, 5, 30), 3));
  g_ptr_array_add (events, thr_ics_event_new ("cap-7-review@threshold", "CAP-7 state review due", NULL,
                                              thr_day_from_ymd (2018, 12, 31), 0));
  text = thr_ics_to_string_named (events, "Threshold — RFP 16-102", stamp);
  /* Published, and named after the contract. */
  g_assert_nonnull (strstr (text, "\r\nMETHOD:PUBLISH\r\n"));
  g_assert_nonnull (strstr (text, "\r\nX-WR-CALNAME:Threshold — RFP 16-102\r\n"));
  parsed = parse_ics (text);
  g_assert_cmpuint (parsed->len, ==, 2);

  e = g_ptr_array_index (parsed, 0);
  g_assert_cmpstr (g_hash_table_lookup (e, "UID"), ==, "cap-7-due@threshold");
  g_assert_cmpstr (g_hash_table_lookup (e, "SUMMARY"), ==, "CAP-7 due: A.1.a");
  g_assert_cmpstr (g_hash_table_lookup (e, "DESCRIPTION"), ==, long_text);
  g_assert_cmpstr (g_hash_table_lookup (e, "DTSTART;VALUE=DATE"), ==, "20180530");
  g_assert_cmpstr (g_hash_table_lookup (e, "DTEND;VALUE=DATE"), ==, "20180531");
  /* 17:30 in Indianapolis (EDT) is 21:30 UTC. */
  g_assert_cmpstr (g_hash_table_lookup (e, "DTSTAMP"), ==, "20180515T213000Z");
  g_assert_cmpstr (g_hash_table_lookup (e, "VALARM.TRIGGER"), ==, "-PT63H");   /* 09:00 three days before */
  g_assert_cmpstr (g_hash_table_lookup (e, "VALARM.ACTION"), ==, "DISPLAY");

  e = g_ptr_array_index (parsed, 1);
  g_assert_cmpstr (g_hash_table_lookup (e, "DTSTART;VALUE=DATE"), ==, "20181231");
  g_assert_cmpstr (g_hash_table_lookup (e, "DTEND;VALUE=DATE"), ==, "20190101");
  g_assert_null (g_hash_table_lookup (e, "DESCRIPTION"));
  g_assert_null (g_hash_table_lookup (e, "VALARM.TRIGGER"));
}

/* The missed records' table: days late to the completion, or to today
 * while open; an id that a spreadsheet would run as a formula is guarded
 * by the one CSV writer every export uses. */
static void
test_export_missed (void)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_missed_record_free);
  g_autoptr(ThrExportTable) table = NULL;
  g_autofree char *csv = NULL;
  ThrMissedRecord *late = g_new0 (ThrMissedRecord, 1);
  ThrMissedRecord *open = g_new0 (ThrMissedRecord, 1);

  late->task_id = g_strdup ("T-1");
  late->type = g_strdup ("snap-application");
  late->received = thr_day_from_ymd (2018, 4, 2);
  late->deadline = thr_day_from_ymd (2018, 4, 6);
  late->completed = thr_day_from_ymd (2018, 4, 9);
  open->task_id = g_strdup ("=HYPERLINK(\"x\")");
  open->type = g_strdup ("snap-application");
  open->received = thr_day_from_ymd (2018, 4, 20);
  open->deadline = thr_day_from_ymd (2018, 4, 26);
  g_ptr_array_add (records, late);
  g_ptr_array_add (records, open);

  table = thr_export_missed_table (records, thr_day_from_ymd (2018, 5, 1));
  csv = thr_export_table_to_csv (table);
  g_assert_cmpstr (csv, ==,
                   "task_id,type,received,deadline,completed,days_late\r\n"
                   "T-1,snap-application,2018-04-02,2018-04-06,2018-04-09,3\r\n"
                   "\"'=HYPERLINK(\"\"x\"\")\",snap-application,2018-04-20,2018-04-26,,5\r\n");
}

/* OWASP's CSV-injection rule without the gap a leading "-2" left, and a
 * field holding any common locale's separator quoted. */
static void
test_export_formula_guard (void)
{
  static const struct { const char *text; const char *field; } cases[] = {
    { "-2+3+cmd|' /C calc'!A0", "\"'-2+3+cmd|' /C calc'!A0\"" },
    { "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"" },
    { "+1", "\"'+1\"" },
    { "@SUM(A1)", "\"'@SUM(A1)\"" },
    { "\tcmd", "\"'\tcmd\"" },
    { "\rcmd", "\"'\rcmd\"" },
    { "-", "\"'-\"" },
    { "-12.5", "-12.5" },
    { "-0.25", "-0.25" },
    { "1e-3", "1e-3" },
    { "Smith; Jones", "\"Smith; Jones\"" },
    { "a|b", "\"a|b\"" },
    { "a\tb", "\"a\tb\"" },
    { "Smith, Jones", "\"Smith, Jones\"" },
    { "plain", "plain" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      thr_csv_append_field (out, cases[i].text);
      g_assert_cmpstr (out->str, ==, cases[i].field);
    }
}

/* A workbook never holds a character XML 1.0 forbids (Excel calls such a
 * file corrupt), text a spreadsheet would take for a formula is kept as
 * text by the quote prefix, and a cell past Excel's 32,767 characters is
 * cut with a note. */
static void
test_export_xlsx_hostile_text (void)
{
  const char *headers[] = { "text", NULL };
  g_autoptr(ThrExportTable) table = thr_export_table_new (headers);
  g_autofree char *huge = g_strnfill (40000, 'y');
  g_autoptr(GPtrArray) parts = NULL;
  const char *strings = NULL, *sheet = NULL, *styles = NULL;
  g_auto(GStrv) xfs = NULL;
  guint index = 0;

  thr_export_table_begin_row (table);
  thr_export_table_add_text (table, "-2+3+cmd|' /C calc'!A0");
  thr_export_table_begin_row (table);
  thr_export_table_add_text (table, "bell\x07 escape\x1b nul-free \xef\xbf\xbe \xef\xbf\xbf end");
  thr_export_table_begin_row (table);
  thr_export_table_add_text (table, "caf\xe9 Latin-1");
  thr_export_table_begin_row (table);
  thr_export_table_add_text (table, huge);
  parts = thr_export_xlsx_parts (table, "Hostile");
  for (guint i = 0; i + 1 < parts->len; i += 2)
    {
      const char *name = g_ptr_array_index (parts, i);
      const char *xml = g_ptr_array_index (parts, i + 1);

      g_assert_true (g_utf8_validate (xml, -1, NULL));
      g_assert_null (strstr (xml, "&#x"));   /* no reference to a forbidden character either */
      for (const char *p = xml; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xfffe || c == 0xffff)
            g_error ("%s holds U+%04X, which XML forbids", name, c);
        }
      if (g_str_equal (name, "xl/sharedStrings.xml"))
        strings = xml;
      else if (g_str_equal (name, "xl/worksheets/sheet1.xml"))
        sheet = xml;
      else if (g_str_equal (name, "xl/styles.xml"))
        styles = xml;
    }
  g_assert_nonnull (strings);
  g_assert_nonnull (sheet);
  g_assert_nonnull (styles);
  g_assert_nonnull (strstr (strings, "bell escape nul-free   end"));
  g_assert_nonnull (strstr (strings, "cut: the text has 40000 characters"));
  /* The formula-like text in A2 has the quote-prefix style; A3 none. */
  g_assert_nonnull (strstr (sheet, "<c r=\"A3\" t=\"s\">"));
  g_assert_cmpint (sscanf (strstr (sheet, "<c r=\"A2\""), "<c r=\"A2\" s=\"%u\"", &index), ==, 1);
  xfs = g_strsplit (strstr (styles, "<cellXfs"), "<xf ", -1);
  g_assert_cmpuint (index + 1, <, g_strv_length (xfs));
  assert_contains (xfs[index + 1], "quotePrefix=\"1\"");
}

/* An .ics line holds no control character but tab, nor U+FFFE/U+FFFF. */
static void
test_export_ics_hostile_text (void)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) thr_ics_event_free);
  g_autoptr(GDateTime) stamp = g_date_time_new_utc (2018, 5, 15, 12, 0, 0);
  g_autofree char *text = NULL;

  g_ptr_array_add (events, thr_ics_event_new ("cap-1-due@threshold", "CAP\x01 due\x1b[31m \xef\xbf\xbe",
                                              "line\x0b" "break\x7f \xff end", thr_day_from_ymd (2018, 5, 30), 0));
  text = thr_ics_to_string (events, stamp);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f || c == 0xfffe || c == 0xffff)
        g_error ("the calendar holds U+%04X", c);
    }
  assert_contains (text, "SUMMARY:CAP due[31m ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/csv", test_export_csv);
  g_test_add_func ("/export/csv-flags", test_export_csv_flags);
  g_test_add_func ("/export/xlsx", test_export_xlsx);
  g_test_add_func ("/export/xlsx-ends-at-end-record", test_export_xlsx_ends_at_end_record);
  g_test_add_func ("/export/typed-csv", test_export_typed_csv);
  g_test_add_func ("/export/typed-xlsx", test_export_typed_xlsx);
  g_test_add_func ("/export/csv-bom", test_export_csv_bom);
  g_test_add_func ("/export/xlsx-bad-path", test_export_xlsx_bad_path);
  g_test_add_func ("/export/ics", test_export_ics);
  g_test_add_func ("/export/missed", test_export_missed);
  g_test_add_func ("/export/formula-guard", test_export_formula_guard);
  g_test_add_func ("/export/xlsx-hostile-text", test_export_xlsx_hostile_text);
  g_test_add_func ("/export/ics-hostile-text", test_export_ics_hostile_text);
  return g_test_run ();
}
