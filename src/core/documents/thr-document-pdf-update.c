/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-document-pdf-update.c — what cairo cannot say in a tagged PDF, added after it
 *
 * Cairo 1.16 (Debian 12) writes the structure tree of a tagged PDF (the
 * StructTreeRoot, /MarkInfo << /Marked true >>) from cairo_tag_begin(),
 * but has no way to give the document's language (/Lang in the catalog,
 * PDF 1.7 §14.9.2) nor a figure's alternate description (/Alt of its
 * structure element, §14.9.3); a Figure tag's "alt" attribute is parsed
 * and dropped.  Section 508 (PDF/UA-1 §7.2, §7.3) asks for both.  They
 * are added here by an incremental update (§7.5.6): new versions of the
 * catalog and of each Figure element are appended with their own xref
 * section and a trailer whose /Prev points at cairo's, so cairo's bytes
 * are left as they are.
 */
#define G_LOG_DOMAIN "thr-document"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "thr-document-pdf-update.h"

typedef struct {
  guint  number;
  char  *body;     /* the new object, from "<<" to ">>" */
} Replacement;

static void
replacement_clear (gpointer data)
{
  Replacement *r = data;

  g_free (r->body);
}

/* The last occurrence of @needle in @haystack[0, len). */
static const char *
find_last (const char *haystack,
           gsize       len,
           const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = len >= n ? len - n + 1 : 0; i > 0; i--)
    if (memcmp (haystack + i - 1, needle, n) == 0)
      return haystack + i - 1;
  return NULL;
}

static const char *
find_in (const char *start,
         const char *end,
         const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = start; p + n <= end; p++)
    if (memcmp (p, needle, n) == 0)
      return p;
  return NULL;
}

/* The integer after @key in the dictionary text [start, end): "/Size 23". */
static gboolean
dict_int (const char *start,
          const char *end,
          const char *key,
          guint64    *value)
{
  const char *p = find_in (start, end, key);
  char *after;

  if (p == NULL)
    return FALSE;
  p += strlen (key);
  while (p < end && (*p == ' ' || *p == '\n' || *p == '\r'))
    p++;
  *value = g_ascii_strtoull (p, &after, 10);
  return after != p;
}

/* Object @number's dictionary, "<< … >>", as cairo wrote it: a direct
 * dictionary that is the whole object. */
static char *
object_dict (const char *pdf,
             gsize       len,
             guint       number)
{
  g_autofree char *head = g_strdup_printf ("\n%u 0 obj\n", number);
  const char *start = find_in (pdf, pdf + len, head);
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen (head);
  end = find_in (start, pdf + len, "endobj");
  if (end == NULL)
    return NULL;
  while (end > start && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
    end--;
  if (end - start < 4 || strncmp (start, "<<", 2) != 0 || strncmp (end - 2, ">>", 2) != 0)
    return NULL;
  return g_strndup (start, end - start);
}

/* A text string in UTF-16BE with its byte order mark, as hexadecimal:
 * any character, nothing to escape. */
static char *
pdf_text_string (const char *utf8)
{
  g_autofree gunichar2 *utf16 = NULL;
  glong n = 0;
  GString *out = g_string_new ("<FEFF");

  utf16 = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);
  for (glong i = 0; utf16 != NULL && i < n; i++)
    g_string_append_printf (out, "%04X", utf16[i]);
  g_string_append_c (out, '>');
  return g_string_free (out, FALSE);
}

/* @dict with @entry added before its closing ">>". */
static char *
dict_with (const char *dict,
           const char *entry)
{
  gsize len = strlen (dict);

  return g_strdup_printf ("%.*s   %s\n>>", (int) (len - 2), dict, entry);
}

/* The Figure structure elements, in the order cairo numbered them, which
 * is the order their tags began in.  Only cairo's own layout of the
 * object counts, its line breaks included: a document title such as
 * "/Type /StructElem /S /Figure" is a string of the Info dictionary,
 * where cairo writes no raw line break, and is not taken for one. */
#define FIGURE_ELEMENT " 0 obj\n<< /Type /StructElem\n   /S /Figure\n"

static GArray *
figure_objects (const char *pdf,
                gsize       len)
{
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *p = pdf, *end = pdf + len;

  while ((p = find_in (p, end, FIGURE_ELEMENT)) != NULL)
    {
      const char *digits = p;

      while (digits > pdf && g_ascii_isdigit (digits[-1]))
        digits--;
      if (digits < p && digits > pdf && digits[-1] == '\n')
        {
          guint number = (guint) g_ascii_strtoull (digits, NULL, 10);

          g_array_append_val (numbers, number);
        }
      p += strlen (FIGURE_ELEMENT);
    }
  return numbers;
}

static void
append_update (GByteArray *pdf,
               GArray     *replacements,
               guint64     size,
               guint64     root,
               guint64     info,
               guint64     prev)
{
  g_autoptr(GString) tail = g_string_new ("\n");
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize xref;

  for (guint i = 0; i < replacements->len; i++)
    {
      const Replacement *r = &g_array_index (replacements, Replacement, i);
      gsize offset = pdf->len + tail->len;

      g_array_append_val (offsets, offset);
      g_string_append_printf (tail, "%u 0 obj\n%s\nendobj\n", r->number, r->body);
    }
  xref = pdf->len + tail->len;
  g_string_append (tail, "xref\n");
  /* One subsection per object: the numbers need not be consecutive. */
  for (guint i = 0; i < replacements->len; i++)
    g_string_append_printf (tail, "%u 1\n%010" G_GSIZE_FORMAT " 00000 n \n",
                            g_array_index (replacements, Replacement, i).number,
                            g_array_index (offsets, gsize, i));
  g_string_append_printf (tail, "trailer\n<< /Size %" G_GUINT64_FORMAT "\n   /Root %" G_GUINT64_FORMAT " 0 R\n",
                          size, root);
  if (info != 0)
    g_string_append_printf (tail, "   /Info %" G_GUINT64_FORMAT " 0 R\n", info);
  g_string_append_printf (tail, "   /Prev %" G_GUINT64_FORMAT "\n>>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          prev, xref);
  g_byte_array_append (pdf, (const guint8 *) tail->str, tail->len);
}

gboolean
thr_document_pdf_add_language_and_alt (GByteArray  *pdf,
                                       const char  *language,
                                       GPtrArray   *alt_texts,
                                       GError     **error)
{
  g_autoptr(GArray) replacements = g_array_new (FALSE, TRUE, sizeof (Replacement));
  g_autoptr(GArray) figures = NULL;
  const char *data = (const char *) pdf->data;
  const char *trailer;
  guint64 size = 0, root = 0, info = 0, prev = 0;
  g_autofree char *catalog = NULL;

  g_return_val_if_fail (pdf != NULL, FALSE);
  g_return_val_if_fail (language != NULL, FALSE);

  g_array_set_clear_func (replacements, replacement_clear);
  trailer = find_last (data, pdf->len, "trailer");
  if (trailer == NULL || !dict_int (trailer, data + pdf->len, "/Size", &size)
      || !dict_int (trailer, data + pdf->len, "/Root", &root)
      || !dict_int (trailer, data + pdf->len, "startxref", &prev))
    goto unexpected;
  dict_int (trailer, data + pdf->len, "/Info", &info);
  catalog = object_dict (data, pdf->len, (guint) root);
  if (catalog == NULL)
    goto unexpected;
  {
    g_autofree char *lang = pdf_text_string (language);
    g_autofree char *entry = g_strdup_printf ("/Lang %s", lang);
    Replacement r = { (guint) root, dict_with (catalog, entry) };

    g_array_append_val (replacements, r);
  }
  figures = figure_objects (data, pdf->len);
  for (guint i = 0; alt_texts != NULL && i < figures->len && i < alt_texts->len; i++)
    {
      guint number = g_array_index (figures, guint, i);
      g_autofree char *dict = object_dict (data, pdf->len, number);
      g_autofree char *alt = NULL;
      g_autofree char *entry = NULL;
      Replacement r = { number, NULL };

      if (dict == NULL)
        goto unexpected;
      alt = pdf_text_string (g_ptr_array_index (alt_texts, i));
      entry = g_strdup_printf ("/Alt %s", alt);
      r.body = dict_with (dict, entry);
      g_array_append_val (replacements, r);
    }
  if (alt_texts != NULL && figures->len != alt_texts->len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "the PDF has %u figures for %u descriptions", figures->len, alt_texts->len);
      return FALSE;
    }
  append_update (pdf, replacements, size, root, info, prev);
  return TRUE;

unexpected:
  /* Only cairo's own output comes here: a change in its layout is a bug
   * to see in the tests, not a document to lose. */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cairo's PDF is not laid out as expected");
  return FALSE;
}
