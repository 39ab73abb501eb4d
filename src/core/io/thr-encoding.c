/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-encoding.c — decoding imported text to UTF-8 as it streams
 *
 * Contractors' files come from Excel on Windows as often as from scripts:
 * "CSV UTF-8" (with a byte order mark), plain "CSV" (Windows-1252),
 * "Unicode text" (UTF-16LE with a BOM, tab separated).  UTF-8 is copied
 * after validation; everything else goes through GLib's iconv wrapper,
 * GCharsetConverter, chunk by chunk, so memory does not grow with the file.
 */
#define G_LOG_DOMAIN "thr-encoding"

#include <string.h>

#include "thr-encoding.h"

typedef enum {
  ENC_UTF8,
  ENC_UTF8_BOM,
  ENC_UTF16LE,
  ENC_UTF16BE,
  ENC_WINDOWS_1252,
} Encoding;

static const struct {
  const char *name;
  const char *iconv_name;
  gsize       bom_len;
} encodings[] = {
  [ENC_UTF8] = { "UTF-8", NULL, 0 },
  [ENC_UTF8_BOM] = { "UTF-8 with BOM", NULL, 3 },
  [ENC_UTF16LE] = { "UTF-16LE", "UTF-16LE", 2 },
  [ENC_UTF16BE] = { "UTF-16BE", "UTF-16BE", 2 },
  [ENC_WINDOWS_1252] = { "Windows-1252", "WINDOWS-1252", 0 },
};

struct _ThrDecoder
{
  Encoding             encoding;
  gboolean             bom_skipped;
  gboolean             seen_non_ascii;   /* UTF-8 so far held more than ASCII */
  GCharsetConverter   *converter;
};

/* Whether the bytes are UTF-8, allowing a character cut off at the end. */
static gboolean
looks_like_utf8 (const char *bytes,
                 gsize       len)
{
  const char *end = NULL;

  if (g_utf8_validate_len (bytes, len, &end))
    return TRUE;
  /* A multi-byte character cut by the chunk boundary is not an error. */
  return (gsize) (end - bytes) + 4 > len && g_utf8_get_char_validated (end, len - (end - bytes)) == (gunichar) -2;
}

ThrDecoder *
thr_decoder_new_for_start (const char *bytes,
                           gsize       len)
{
  ThrDecoder *self = g_new0 (ThrDecoder, 1);

  g_return_val_if_fail (bytes != NULL || len == 0, NULL);

  if (len >= 3 && memcmp (bytes, "\xEF\xBB\xBF", 3) == 0)
    self->encoding = ENC_UTF8_BOM;
  else if (len >= 2 && memcmp (bytes, "\xFF\xFE", 2) == 0)
    self->encoding = ENC_UTF16LE;
  else if (len >= 2 && memcmp (bytes, "\xFE\xFF", 2) == 0)
    self->encoding = ENC_UTF16BE;
  else if (looks_like_utf8 (bytes, len))
    self->encoding = ENC_UTF8;
  else
    self->encoding = ENC_WINDOWS_1252;
  return self;
}

void
thr_decoder_free (ThrDecoder *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->converter);
  g_free (self);
}

const char *
thr_decoder_get_name (ThrDecoder *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return encodings[self->encoding].name;
}

static void
keep_unconsumed (char  *in,
                 gsize *in_len,
                 gsize  consumed)
{
  memmove (in, in + consumed, *in_len - consumed);
  *in_len -= consumed;
}

const char *
thr_decoder_guess_utf16_without_bom (const char *bytes,
                                     gsize       len)
{
  guint zero_even = 0, zero_odd = 0, pairs = MIN (len, 64) / 2;

  g_return_val_if_fail (bytes != NULL || len == 0, NULL);

  /* A byte order mark says what it is; fewer than four characters say
   * too little. */
  if (pairs < 4 || (guchar) bytes[0] == 0xFF || (guchar) bytes[0] == 0xFE || (guchar) bytes[0] == 0xEF)
    return NULL;
  for (guint i = 0; i < pairs; i++)
    {
      zero_even += bytes[2 * i] == '\0';
      zero_odd += bytes[2 * i + 1] == '\0';
    }
  if (zero_even == pairs && zero_odd == 0)
    return "UTF-16BE";
  if (zero_odd == pairs && zero_even == 0)
    return "UTF-16LE";
  return NULL;
}

static gboolean
has_high_bytes (const char *bytes,
                gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) bytes[i] >= 0x80)
      return TRUE;
  return FALSE;
}

/* How many bytes at the start are ASCII other than NUL, eight at a time:
 * most extracts are all ASCII, and g_utf8_validate_len() goes byte by
 * byte (a few per cent of an import).  NUL ends the run because
 * g_utf8_validate_len() refuses it, and must still see it. */
static gsize
ascii_prefix (const char *bytes,
              gsize       len)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 v;

      memcpy (&v, bytes + i, sizeof v);
      if ((v & high) != 0 || ((v - ones) & ~v & high) != 0)   /* a high byte, or a zero byte */
        break;
    }
  while (i < len && (guchar) bytes[i] < 0x80 && bytes[i] != '\0')
    i++;
  return i;
}

static gboolean decode_with_converter (ThrDecoder *self, char *in, gsize *in_len, gboolean at_end,
                                       char *out, gsize out_size, gsize *out_len, GError **error);

static gboolean
decode_utf8 (ThrDecoder  *self,
             char        *in,
             gsize       *in_len,
             gboolean     at_end,
             char        *out,
             gsize        out_size,
             gsize       *out_len,
             GError     **error)
{
  const char *end = NULL;
  gsize ascii = ascii_prefix (in, *in_len);
  gsize good;

  if (ascii == *in_len || g_utf8_validate_len (in + ascii, *in_len - ascii, &end))
    good = *in_len;
  else
    {
      good = end - in;
      /* A character cut off by the chunk boundary waits for the rest. */
      if (at_end || good + 4 <= *in_len
          || g_utf8_get_char_validated (end, *in_len - good) != (gunichar) -2)
        {
          /* The start was plain ASCII, so reading it as Windows-1252 gives
           * the same text: switch, as Excel's "CSV" would need. */
          if (!self->seen_non_ascii && !has_high_bytes (in, good))
            {
              self->encoding = ENC_WINDOWS_1252;
              return decode_with_converter (self, in, in_len, at_end, out, out_size, out_len, error);
            }
          g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                       "byte 0x%02X is not UTF-8, though the file began as UTF-8; save it again as "
                       "“CSV UTF-8”", (guchar) *end);
          /* The text before the bad byte is good: the caller reads it,
           * and so reaches the line the bad byte is on. */
          g_assert (*out_len + good <= out_size);
          memcpy (out + *out_len, in, good);
          *out_len += good;
          keep_unconsumed (in, in_len, good);
          return FALSE;
        }
    }
  g_assert (*out_len + good <= out_size);
  if (!self->seen_non_ascii)
    self->seen_non_ascii = ascii < good;   /* valid UTF-8 past a byte that was not ASCII */
  memcpy (out + *out_len, in, good);
  *out_len += good;
  keep_unconsumed (in, in_len, good);
  return TRUE;
}

static gboolean
decode_with_converter (ThrDecoder  *self,
                       char        *in,
                       gsize       *in_len,
                       gboolean     at_end,
                       char        *out,
                       gsize        out_size,
                       gsize       *out_len,
                       GError     **error)
{
  gsize consumed = 0;

  if (self->converter == NULL)
    {
      self->converter = g_charset_converter_new ("UTF-8", encodings[self->encoding].iconv_name, error);
      if (self->converter == NULL)
        return FALSE;
      /* Windows-1252 leaves five bytes undefined; keep going rather than
       * refuse a whole file over one stray byte in a free-text column. */
      g_charset_converter_set_use_fallback (self->converter, self->encoding == ENC_WINDOWS_1252);
    }

  while (consumed < *in_len)
    {
      g_autoptr(GError) local = NULL;
      gsize r = 0, w = 0;
      GConverterResult res;

      res = g_converter_convert (G_CONVERTER (self->converter), in + consumed, *in_len - consumed,
                                 out + *out_len, out_size - *out_len,
                                 at_end ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS, &r, &w, &local);
      if (res == G_CONVERTER_ERROR)
        {
          if (!at_end && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            break;
          g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                       "the file is not valid %s: %s", encodings[self->encoding].name, local->message);
          /* What was converted before the bad bytes stays in out. */
          keep_unconsumed (in, in_len, consumed);
          return FALSE;
        }
      consumed += r;
      *out_len += w;
      if (r == 0 && w == 0)
        break;
    }
  keep_unconsumed (in, in_len, consumed);
  return TRUE;
}

gboolean
thr_decoder_decode (ThrDecoder  *self,
                    char        *in,
                    gsize       *in_len,
                    gboolean     at_end,
                    char        *out,
                    gsize        out_size,
                    gsize       *out_len,
                    GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_size >= 3 * *in_len + 16, FALSE);

  if (!self->bom_skipped)
    {
      gsize bom = encodings[self->encoding].bom_len;

      if (*in_len < bom)
        return TRUE;
      keep_unconsumed (in, in_len, bom);
      self->bom_skipped = TRUE;
    }
  if (encodings[self->encoding].iconv_name == NULL)
    return decode_utf8 (self, in, in_len, at_end, out, out_size, out_len, error);
  return decode_with_converter (self, in, in_len, at_end, out, out_size, out_len, error);
}
