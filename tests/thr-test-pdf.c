/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-test-pdf.c — reading documents back with poppler, for the tests */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "thr-test-pdf.h"

const char thr_test_spanish[] = "Corrección, análisis, señal";
const char thr_test_vietnamese[] = "Nguyễn Thị Minh Khai Trần Phương Thảo";

GDateTime *
fixed_time (void)
{
  return g_date_time_new_utc (2026, 11, 23, 9, 30, 0);
}

ThrDocument *
new_document (void)
{
  ThrDocument *doc = thr_document_new ();
  g_autoptr(GDateTime) when = fixed_time ();

  thr_document_set_header (doc, "Family and Social Services Administration", "RFP 16-102");
  thr_document_set_generated (doc, when);
  return doc;
}

static void
keep_pdf (GBytes     *pdf,
          const char *name)
{
  const char *dir = g_getenv ("THR_TEST_OUTPUT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL);
}

PopplerDocument *
render (ThrDocument *doc,
        const char  *name,
        guint       *n_pages_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = thr_document_render_pdf (doc, n_pages_out, &error);
  PopplerDocument *poppler;

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  keep_pdf (pdf, name);
  poppler = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_assert_no_error (error);
  if (n_pages_out)
    g_assert_cmpint (poppler_document_get_n_pages (poppler), ==, *n_pages_out);
  return poppler;
}

char *
page_text (PopplerDocument *pdf,
           int              index)
{
  g_autoptr(TestPage) page = poppler_document_get_page (pdf, index);

  return poppler_page_get_text (page);
}

char *
all_text (PopplerDocument *pdf)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (pdf); i++)
    {
      g_autofree char *text = page_text (pdf, i);

      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

/* Every visible character lies in the header band, the body or the footer
 * band, between the side margins: nothing is clipped or runs off the page. */
void
assert_text_inside (PopplerDocument *pdf)
{
  for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
    {
      g_autoptr(TestPage) page = poppler_document_get_page (pdf, p);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree PopplerRectangle *rects = NULL;
      guint n_rects = 0;
      const char *c = text;

      g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
      for (guint i = 0; i < n_rects && *c; i++, c = g_utf8_next_char (c))
        {
          const PopplerRectangle *r = &rects[i];
          gboolean header = r->y1 >= 30 && r->y2 <= 50;
          gboolean body = r->y1 >= BODY_TOP - SLACK && r->y2 <= BODY_BOTTOM + SLACK;
          gboolean footer = r->y1 >= 744 && r->y2 <= 762;

          if (g_unichar_isspace (g_utf8_get_char (c)))
            continue;
          if (r->x1 < MARGIN_X - SLACK || r->x2 > 612 - MARGIN_X + SLACK || !(header || body || footer))
            g_error ("page %d: “%.12s…” at (%.1f, %.1f)–(%.1f, %.1f) is outside the printable area",
                     p + 1, c, r->x1, r->y1, r->x2, r->y2);
        }
    }
}

/* The y (from the top) of the first character of @needle on page @index. */
double
text_top (PopplerDocument *pdf,
          int              index,
          const char      *needle)
{
  g_autoptr(TestPage) page = poppler_document_get_page (pdf, index);
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  const char *at = strstr (text, needle);

  g_assert_nonnull (at);
  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));
  g_assert_cmpuint (g_utf8_pointer_to_offset (text, at), <, n_rects);
  return rects[g_utf8_pointer_to_offset (text, at)].y1;
}

/* Words "w#1" … "w#N" of @text, in order, each once.  Poppler may run a
 * cell's text into its neighbour's, so words are found by a pattern that
 * only they match ("#" appears nowhere else) rather than split at spaces. */
void
assert_numbered_words (const char *text,
                       const char *prefix,
                       guint       n)
{
  g_autofree char *pattern = g_strdup_printf ("%s([0-9]+)(?![0-9])", prefix);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  guint next = 1;

  g_regex_match (regex, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *number = g_match_info_fetch (match, 1);

      g_assert_cmpuint (g_ascii_strtoull (number, NULL, 10), ==, next);
      next++;
    }
  g_assert_cmpuint (next - 1, ==, n);
}

char *
numbered_words (const char *prefix,
                guint       n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (out, "%s%s%u", i > 1 ? " " : "", prefix, i);
  return g_string_free (out, FALSE);
}

/* The PDF's outline as lines "depth title page". */
static void
append_outline (GString          *out,
                PopplerIndexIter *iter,
                int               depth)
{
  do
    {
      PopplerAction *action = poppler_index_iter_get_action (iter);
      PopplerIndexIter *child = poppler_index_iter_get_child (iter);

      g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
      g_string_append_printf (out, "%d %s p%d\n", depth, action->any.title,
                              action->goto_dest.dest ? action->goto_dest.dest->page_num : -1);
      if (child)
        {
          append_outline (out, child, depth + 1);
          poppler_index_iter_free (child);
        }
      poppler_action_free (action);
    }
  while (poppler_index_iter_next (iter));
}

char *
outline_of (PopplerDocument *pdf)
{
  PopplerIndexIter *iter = poppler_index_iter_new (pdf);
  GString *out = g_string_new (NULL);

  if (iter)
    {
      append_outline (out, iter, 0);
      poppler_index_iter_free (iter);
    }
  return g_string_free (out, FALSE);
}

void
draw_lines_cb (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  DrawLog *log = user_data;

  log->calls++;
  log->width = width;
  log->height = height;
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 4);
  cairo_move_to (cr, 0, height / 2);
  cairo_line_to (cr, width, height / 2);
  cairo_stroke (cr);
  cairo_rectangle (cr, 10, 10, 40, 40);
  cairo_fill (cr);
}

/* The standard output of a command on the PDF @pdf (written to a file);
 * asserts it succeeded. */
char *
run_on_pdf (GBytes     *pdf,
            const char *program,
            const char *option)
{
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int fd = g_file_open_tmp ("threshold-XXXXXX.pdf", &path, &error);
  int status = 0;
  const char *argv[] = { program, option, path, NULL };

  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
  if (option == NULL)
    {
      argv[1] = path;
      argv[2] = NULL;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s: %s%s", program, option ? option : "", out, err);
  g_unlink (path);
  return g_steal_pointer (&out);
}

/* What a reader sees of the PDF: pdfinfo says tagged, qpdf finds nothing
 * wrong, every font is embedded and is DejaVu Sans. */
void
assert_clean_tagged_pdf (GBytes *pdf)
{
  g_autofree char *info = run_on_pdf (pdf, "pdfinfo", NULL);
  g_autofree char *check = run_on_pdf (pdf, "qpdf", "--check");
  g_autofree char *fonts = run_on_pdf (pdf, "pdffonts", NULL);
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  guint n_fonts = 0;

  g_assert_true (g_regex_match_simple ("^Tagged: +yes$", info, G_REGEX_MULTILINE, 0));
  assert_contains (check, "No syntax or stream encoding errors found");
  /* name, type, encoding, emb, sub, uni, object ID */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      guint n;

      if (*lines[i] == '\0')
        continue;
      cells = g_regex_split_simple (" {1,}", lines[i], 0, 0);
      n = g_strv_length (cells);
      g_assert_cmpuint (n, >=, 7);
      /* a subset prefix "ABCDEF+", then the face */
      g_assert_true (g_regex_match_simple ("^[A-Z]{6}\\+DejaVuSans(-Bold|-Oblique|-BoldOblique)?$", cells[0], 0, 0));
      g_assert_cmpstr (cells[n - 5], ==, "yes");   /* embedded */
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >, 0);
}

/* The catalog as a reader resolves it through the incremental update. */
char *
catalog_of (GBytes *pdf)
{
  g_autofree char *trailer = run_on_pdf (pdf, "qpdf", "--show-object=trailer");
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GRegex) root = g_regex_new ("/Root (\\d+) 0 R", 0, 0, NULL);
  g_autofree char *number = NULL;
  g_autofree char *option = NULL;

  g_assert_true (g_regex_match (root, trailer, 0, &match));
  number = g_match_info_fetch (match, 1);
  option = g_strdup_printf ("--show-object=%s", number);
  return run_on_pdf (pdf, "qpdf", option);
}

/* The structure tree as "kind" lines, children indented, figures with
 * their description: "Figure[alt]". */
static void
dump_structure (PopplerStructureElementIter *iter,
                GString                     *out,
                guint                        depth)
{
  do
    {
      PopplerStructureElement *element = poppler_structure_element_iter_get_element (iter);
      PopplerStructureElementIter *child = poppler_structure_element_iter_get_child (iter);
      PopplerStructureElementKind kind = poppler_structure_element_get_kind (element);
      GEnumClass *kinds = g_type_class_ref (POPPLER_TYPE_STRUCTURE_ELEMENT_KIND);
      g_autofree char *alt = poppler_structure_element_get_alt_text (element);

      /* The leaves are the marked content itself. */
      if (kind == POPPLER_STRUCTURE_ELEMENT_CONTENT)
        {
          g_type_class_unref (kinds);
          g_object_unref (element);
          g_clear_pointer (&child, poppler_structure_element_iter_free);
          continue;
        }
      g_string_append_printf (out, "%*s%s", depth * 2, "", g_enum_get_value (kinds, kind)->value_nick);
      if (alt)
        g_string_append_printf (out, "[%s]", alt);
      g_string_append_c (out, '\n');
      if (child)
        {
          dump_structure (child, out, depth + 1);
          poppler_structure_element_iter_free (child);
        }
      g_type_class_unref (kinds);
      g_object_unref (element);
    }
  while (poppler_structure_element_iter_next (iter));
}

char *
structure_of (PopplerDocument *pdf)
{
  PopplerStructureElementIter *iter = poppler_structure_element_iter_new (pdf);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (iter);
  dump_structure (iter, out, 0);
  poppler_structure_element_iter_free (iter);
  return g_string_free (out, FALSE);
}
