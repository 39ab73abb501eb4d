/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-csv.c — a streaming CSV reader (RFC 4180 quoting, detected delimiter)
 *
 * Reads the file in large chunks and splits records by hand: a year of raw
 * records is millions of rows, so nothing here allocates per field.
 *
 * Text is decoded to UTF-8 as it streams (see thr-encoding.c): UTF-8 with
 * or without a byte order mark, UTF-16 with one (Excel's "Unicode text"),
 * and Windows-1252 when the bytes are not UTF-8.  The SHA-256 is of the
 * bytes on disk, so the same file is recognised whatever its encoding.
 */
#define G_LOG_DOMAIN "thr-csv"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <nettle/sha2.h>

#include "thr-csv.h"
#include "thr-encoding.h"
#include "thr-nettle-lazy.h"

#define CHUNK_SIZE (1 << 20)
/* One record (a line, or several when a quoted field holds line breaks)
 * of at most 4 MiB: a file with no line end, or a quote never closed,
 * would otherwise be held whole in memory.  A record of 24 cells of
 * Excel's largest (32,767 characters, 3 bytes each) is 2.3 MiB. */
#define MAX_RECORD_BYTES (4u << 20)
/* Fields a record may have, as a workbook's row may span (thr-xlsx). */
#define MAX_RECORD_FIELDS 1024u
/* Decoding to UTF-8 at most triples the size (one byte of Windows-1252 to
 * three of UTF-8). */
#define CHUNK_OUT_SIZE (3 * CHUNK_SIZE + 16)

struct _ThrCsvReader
{
  char       *path;
  FILE       *file;
  char       *raw;         /* bytes as read from the file */
  gsize       raw_len;
  ThrDecoder *decoder;
  const char *utf16_without_bom;   /* what the first bytes look like, if that */
  char       *chunk;       /* the same text, decoded to UTF-8 */
  gsize       chunk_len;
  GError     *decode_error;
  gsize       pos;
  gboolean    eof;
  gint64      bytes_read;
  gint64      size;
  struct sha256_ctx checksum;   /* nettle's: GChecksum's SHA-256 was a sixth of an import */
  char       *sha256;
  char        delimiter;
  guint       line;        /* line number of the next character */
  guint       record_line;
  GString    *buffer;      /* the current record's fields, NUL separated */
  guint      *offsets;     /* where each field starts in buffer */
  guint       n_fields;
  guint       offsets_size;
};

G_DEFINE_QUARK (thr-csv-error-quark, thr_csv_error)

static char *
digest_hex (struct sha256_ctx *ctx)
{
  uint8_t digest[SHA256_DIGEST_SIZE];
  char *hex = g_malloc (2 * SHA256_DIGEST_SIZE + 1);

  sha256_digest (ctx, sizeof digest, digest);
  for (guint i = 0; i < sizeof digest; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", digest[i]);
  return hex;
}

/* Reads and decodes the next chunk; FALSE at the end of the file or when
 * the bytes cannot be decoded (decode_error is then set). */
static gboolean
fill_chunk (ThrCsvReader *self)
{
  gsize n;

  if (self->eof)
    return FALSE;
  n = fread (self->raw + self->raw_len, 1, CHUNK_SIZE - self->raw_len, self->file);
  sha256_update (&self->checksum, n, (const uint8_t *) self->raw + self->raw_len);
  self->bytes_read += n;
  self->raw_len += n;
  if (n == 0)
    {
      self->eof = TRUE;
      self->sha256 = digest_hex (&self->checksum);
    }
  if (self->decoder == NULL)
    {
      self->utf16_without_bom = thr_decoder_guess_utf16_without_bom (self->raw, self->raw_len);
      if (self->utf16_without_bom != NULL)
        {
          self->eof = TRUE;
          return FALSE;
        }
      self->decoder = thr_decoder_new_for_start (self->raw, self->raw_len);
    }
  self->pos = 0;
  self->chunk_len = 0;
  if (!thr_decoder_decode (self->decoder, self->raw, &self->raw_len, self->eof,
                           self->chunk, CHUNK_OUT_SIZE, &self->chunk_len, &self->decode_error))
    {
      /* The text before the bad byte is read first, so the error is
       * reported on the line where the bad byte is. */
      self->eof = TRUE;
      g_clear_pointer (&self->sha256, g_free);
      return self->chunk_len > 0;
    }
  if (self->chunk_len == 0)
    return self->eof ? FALSE : fill_chunk (self);
  return TRUE;
}

/* Returns the next byte, or -1 at the end of the file. */
static inline int
next_char (ThrCsvReader *self)
{
  if (self->pos >= self->chunk_len && !fill_chunk (self))
    return -1;
  return (unsigned char) self->chunk[self->pos++];
}

static inline int
peek_char (ThrCsvReader *self)
{
  if (self->pos >= self->chunk_len && !fill_chunk (self))
    return -1;
  return (unsigned char) self->chunk[self->pos];
}

/* The delimiter is the one of , ; TAB that occurs most often, outside
 * quotes, on the first line. */
static char
detect_delimiter (ThrCsvReader *self)
{
  guint counts[3] = { 0, 0, 0 };
  const char candidates[3] = { ',', ';', '\t' };
  gboolean quoted = FALSE;
  guint best = 0;

  for (gsize i = self->pos; i < self->chunk_len; i++)
    {
      char c = self->chunk[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted)
        for (guint k = 0; k < 3; k++)
          if (c == candidates[k])
            counts[k]++;
    }
  for (guint k = 1; k < 3; k++)
    if (counts[k] > counts[best])
      best = k;
  return candidates[best];
}

ThrCsvReader *
thr_csv_reader_new (const char  *path,
                    GError     **error)
{
  ThrCsvReader *self;
  FILE *file;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  /* Its checksum is Nettle's, opened when first needed. */
  if (!thr_nettle_open (error))
    return NULL;
  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved = errno;
      g_set_error (error, THR_CSV_ERROR, THR_CSV_ERROR_OPEN, "%s: %s", path, g_strerror (saved));
      return NULL;
    }

  self = g_new0 (ThrCsvReader, 1);
  self->path = g_strdup (path);
  self->file = file;
  self->raw = g_malloc (CHUNK_SIZE);
  self->chunk = g_malloc (CHUNK_OUT_SIZE);
  sha256_init (&self->checksum);
  self->buffer = g_string_sized_new (256);
  self->offsets_size = 32;
  self->offsets = g_new (guint, self->offsets_size);
  self->line = 1;
  self->size = g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;

  fill_chunk (self);
  if (self->utf16_without_bom != NULL)
    {
      /* Read as Windows-1252 it was a "NUL byte" at 1:1, which did not
       * say what the file is. */
      g_set_error (error, THR_CSV_ERROR, THR_CSV_ERROR_ENCODING,
                   "%s:1:1: the file is %s text without a byte order mark, which Threshold cannot tell from "
                   "other text; save it again as “CSV UTF-8” (or as “Unicode Text”, which has the mark)",
                   path, self->utf16_without_bom);
      thr_csv_reader_free (self);
      return NULL;
    }
  self->delimiter = detect_delimiter (self);
  return self;
}

void
thr_csv_reader_free (ThrCsvReader *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->file, fclose);
  g_free (self->raw);
  g_free (self->chunk);
  g_clear_pointer (&self->decoder, thr_decoder_free);
  g_clear_error (&self->decode_error);
  g_free (self->path);
  g_free (self->sha256);
  g_string_free (self->buffer, TRUE);
  g_free (self->offsets);
  g_free (self);
}

static gboolean
end_field (ThrCsvReader *self,
           guint        *start)
{
  if (G_UNLIKELY (self->n_fields >= MAX_RECORD_FIELDS))
    return FALSE;
  if (G_UNLIKELY (self->n_fields == self->offsets_size))
    {
      self->offsets_size *= 2;
      self->offsets = g_renew (guint, self->offsets, self->offsets_size);
    }
  self->offsets[self->n_fields++] = *start;
  g_string_append_c (self->buffer, '\0');
  *start = self->buffer->len;
  return TRUE;
}

static gboolean
refuse_wide_record (ThrCsvReader  *self,
                    GError       **error)
{
  g_set_error (error, THR_CSV_ERROR, THR_CSV_ERROR_SYNTAX,
               "%s:%u:%u: a record of more than %u fields, the most Threshold reads", self->path,
               self->record_line, MAX_RECORD_FIELDS + 1, MAX_RECORD_FIELDS);
  return FALSE;
}

/* A NUL byte would end the field where it stands (fields are C strings),
 * silently cutting "1000\0" to "1000" or a name in two: refused instead.
 * A file full of them is most likely UTF-16 without a byte order mark. */
static gboolean
refuse_nul (ThrCsvReader  *self,
            GError       **error)
{
  g_set_error (error, THR_CSV_ERROR, THR_CSV_ERROR_SYNTAX,
               "%s:%u:%u: the file holds a NUL byte (\\0), which no text has; if it was saved as "
               "UTF-16 (\"Unicode text\") without a byte order mark, save it again as CSV UTF-8",
               self->path, self->line, self->n_fields + 1);
  return FALSE;
}

static gboolean
refuse_long_record (ThrCsvReader  *self,
                    GError       **error)
{
  g_set_error (error, THR_CSV_ERROR, THR_CSV_ERROR_SYNTAX,
               "%s:%u:%u: a record longer than %u MiB, the most Threshold reads (a file without line ends, "
               "or a quote that is never closed?)", self->path, self->record_line, self->n_fields + 1,
               MAX_RECORD_BYTES >> 20);
  return FALSE;
}

/* After a closing quote only the delimiter or the end of the line may
 * come: "12"34 is not a value anyone meant. */
static gboolean
check_after_quote (ThrCsvReader  *self,
                   GError       **error)
{
  int next = peek_char (self);

  if (next == -1 || next == self->delimiter || next == '\r' || next == '\n')
    return TRUE;
  g_set_error (error, THR_CSV_ERROR, THR_CSV_ERROR_SYNTAX,
               "%s:%u:%u: text after the closing quote of a field (a quote inside a quoted field is "
               "written twice: \"\")", self->path, self->line, self->n_fields + 1);
  return FALSE;
}

/* A byte the encoding cannot have, at the line and field it is in: the
 * text before it has been read. */
static gboolean
refuse_undecodable (ThrCsvReader  *self,
                    GError       **error)
{
  g_set_error (error, THR_CSV_ERROR, THR_CSV_ERROR_ENCODING, "%s:%u:%u: %s",
               self->path, self->line, self->n_fields + 1, self->decode_error->message);
  return FALSE;
}

static gboolean
read_quoted (ThrCsvReader  *self,
             GError       **error)
{
  guint open_line = self->line;
  int c;

  while ((c = next_char (self)) != -1)
    {
      if (c == '"')
        {
          if (peek_char (self) != '"')
            return check_after_quote (self, error);
          next_char (self);
        }
      else if (c == '\n')
        self->line++;
      else if (G_UNLIKELY (c == '\0'))
        return refuse_nul (self, error);
      if (G_UNLIKELY (self->buffer->len >= MAX_RECORD_BYTES))
        return refuse_long_record (self, error);
      g_string_append_c (self->buffer, (char) c);
    }
  if (self->decode_error != NULL)
    return refuse_undecodable (self, error);
  g_set_error (error, THR_CSV_ERROR, THR_CSV_ERROR_SYNTAX,
               "%s:%u:%u: a quoted field opened here is never closed",
               self->path, open_line, self->n_fields + 1);
  return FALSE;
}

/* g_string_append_len() without its checks for text inside the string
 * itself, which a run copied from the chunk never is: it was a few per
 * cent of an import. */
static inline void
buffer_append (GString    *buffer,
               const char *text,
               gsize       len)
{
  gsize old = buffer->len;

  if (G_UNLIKELY (old + len >= buffer->allocated_len))
    g_string_set_size (buffer, old + len);
  memcpy (buffer->str + old, text, len);
  buffer->len = old + len;
  buffer->str[buffer->len] = '\0';
}

/* Appends the byte just read and the ordinary bytes after it in the chunk
 * in one go: most of a file is such runs. */
static inline void
append_run (ThrCsvReader *self)
{
  gsize from = self->pos - 1, end = self->pos;
  const char delimiter = self->delimiter;

  while (end < self->chunk_len)
    {
      char d = self->chunk[end];

      if (d == delimiter || d == '\n' || d == '\r' || d == '"' || d == '\0')
        break;
      end++;
    }
  buffer_append (self->buffer, self->chunk + from, end - from);
  self->pos = end;
}

gboolean
thr_csv_reader_next (ThrCsvReader  *self,
                     GError       **error)
{
  guint start = 0;
  gboolean any = FALSE;
  int c;

  g_return_val_if_fail (self != NULL, FALSE);

  g_string_truncate (self->buffer, 0);
  self->n_fields = 0;
  self->record_line = self->line;

  while ((c = next_char (self)) != -1)
    {
      any = TRUE;
      if (c == '"' && self->buffer->len == start)
        {
          if (!read_quoted (self, error))
            return FALSE;
        }
      else if (c == self->delimiter)
        {
          if (!end_field (self, &start))
            return refuse_wide_record (self, error);
        }
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r' && peek_char (self) == '\n')
            next_char (self);
          self->line++;
          break;
        }
      else if (G_UNLIKELY (c == '\0'))
        return refuse_nul (self, error);
      else
        {
          append_run (self);
          if (G_UNLIKELY (self->buffer->len >= MAX_RECORD_BYTES))
            return refuse_long_record (self, error);
        }
    }

  /* The error waits until the text before the bad byte has been read. */
  if (c == -1 && self->decode_error != NULL)
    return refuse_undecodable (self, error);
  if (!any)
    return FALSE;
  if (!end_field (self, &start))
    return refuse_wide_record (self, error);
  return TRUE;
}

guint
thr_csv_reader_get_n_fields (ThrCsvReader *self)
{
  return self->n_fields;
}

const char *
thr_csv_reader_get_field (ThrCsvReader *self,
                          guint         index)
{
  g_return_val_if_fail (index < self->n_fields, NULL);
  return self->buffer->str + self->offsets[index];
}

guint
thr_csv_reader_get_line (ThrCsvReader *self)
{
  return self->record_line;
}

char
thr_csv_reader_get_delimiter (ThrCsvReader *self)
{
  return self->delimiter;
}

const char *
thr_csv_reader_get_sha256 (ThrCsvReader *self)
{
  return self->sha256;
}

gint64
thr_csv_reader_get_bytes_read (ThrCsvReader *self)
{
  return self->bytes_read;
}

gint64
thr_csv_reader_get_size (ThrCsvReader *self)
{
  return self->size;
}

const char *
thr_csv_reader_get_encoding (ThrCsvReader *self)
{
  return self->decoder ? thr_decoder_get_name (self->decoder) : "UTF-8";
}

const char *
thr_csv_reader_get_path (ThrCsvReader *self)
{
  return self->path;
}

/* -12, 3.5, -0.25, 1e-3: a number and nothing else.  A leading "+" is
 * not taken: no export writes one, and OWASP's rule guards it. */
static gboolean
is_plain_number (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (*p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (digits && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (*p == '-' || *p == '+')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return digits && *p == '\0';
}

/* "=HYPERLINK(…)" or "@SUM(…)" in a worker's name must not become a live
 * formula when the file is opened in Excel or LibreOffice.  OWASP's rule:
 * a field starting with = + - @ tab or carriage return.  Only a field that
 * is a number and nothing else is left alone: "-2+3+cmd|' /C calc'!A0"
 * starts like a negative number and is a formula. */
gboolean
thr_csv_looks_like_formula (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  if (text[0] == '\0' || strchr ("=+-@\t\r", text[0]) == NULL)
    return FALSE;
  return !is_plain_number (text);
}

void
thr_csv_append_field (GString    *out,
                      const char *text)
{
  gboolean formula;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    return;
  formula = thr_csv_looks_like_formula (text);
  /* Quoted when it holds the separator of any common locale (comma,
   * semicolon where the decimal mark is a comma, tab, the pipe), so the
   * file reads the same whichever a spreadsheet picks. */
  if (!formula && strpbrk (text, ",;\t|\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append (out, formula ? "\"'" : "\"");
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
