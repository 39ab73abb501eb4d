/* thr-csv.c — a streaming CSV reader (RFC 4180 quoting, detected delimiter)
 *
 * Reads the file in large chunks and splits records by hand: a year of raw
 * records is millions of rows, so nothing here allocates per field.
 */
#define G_LOG_DOMAIN "thr-csv"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "thr-csv.h"

#define CHUNK_SIZE (1 << 20)

struct _ThrCsvReader
{
  char       *path;
  FILE       *file;
  char       *chunk;
  gsize       chunk_len;
  gsize       pos;
  gboolean    eof;
  gboolean    first_chunk;
  gint64      bytes_read;
  gint64      size;
  GChecksum  *checksum;
  char       *sha256;
  char        delimiter;
  guint       line;        /* line number of the next character */
  guint       record_line;
  GString    *buffer;      /* the current record's fields, NUL separated */
  GArray     *offsets;     /* guint offsets into buffer */
};

G_DEFINE_QUARK (thr-csv-error-quark, thr_csv_error)

static gboolean
fill_chunk (ThrCsvReader *self)
{
  if (self->eof)
    return FALSE;
  self->chunk_len = fread (self->chunk, 1, CHUNK_SIZE, self->file);
  self->pos = 0;
  if (self->chunk_len == 0)
    {
      self->eof = TRUE;
      self->sha256 = g_strdup (g_checksum_get_string (self->checksum));
      return FALSE;
    }
  g_checksum_update (self->checksum, (const guchar *) self->chunk, self->chunk_len);
  self->bytes_read += self->chunk_len;
  if (self->first_chunk)
    {
      self->first_chunk = FALSE;
      /* Excel writes a UTF-8 byte order mark; it is not part of the header. */
      if (self->chunk_len >= 3 && memcmp (self->chunk, "\xEF\xBB\xBF", 3) == 0)
        self->pos = 3;
    }
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
  self->chunk = g_malloc (CHUNK_SIZE);
  self->first_chunk = TRUE;
  self->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  self->buffer = g_string_sized_new (256);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  self->line = 1;
  self->size = g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;

  fill_chunk (self);
  self->delimiter = detect_delimiter (self);
  return self;
}

void
thr_csv_reader_free (ThrCsvReader *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->file, fclose);
  g_free (self->chunk);
  g_free (self->path);
  g_free (self->sha256);
  g_checksum_free (self->checksum);
  g_string_free (self->buffer, TRUE);
  g_array_unref (self->offsets);
  g_free (self);
}

static void
end_field (ThrCsvReader *self,
           guint        *start)
{
  g_array_append_val (self->offsets, *start);
  g_string_append_c (self->buffer, '\0');
  *start = self->buffer->len;
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
            return TRUE;
          next_char (self);
        }
      else if (c == '\n')
        self->line++;
      g_string_append_c (self->buffer, (char) c);
    }
  g_set_error (error, THR_CSV_ERROR, THR_CSV_ERROR_SYNTAX,
               "%s:%u:%u: a quoted field opened here is never closed",
               self->path, open_line, self->offsets->len + 1);
  return FALSE;
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
  g_array_set_size (self->offsets, 0);
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
        end_field (self, &start);
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r' && peek_char (self) == '\n')
            next_char (self);
          self->line++;
          break;
        }
      else
        g_string_append_c (self->buffer, (char) c);
    }

  if (!any)
    return FALSE;
  end_field (self, &start);
  return TRUE;
}

guint
thr_csv_reader_get_n_fields (ThrCsvReader *self)
{
  return self->offsets->len;
}

const char *
thr_csv_reader_get_field (ThrCsvReader *self,
                          guint         index)
{
  g_return_val_if_fail (index < self->offsets->len, NULL);
  return self->buffer->str + g_array_index (self->offsets, guint, index);
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
thr_csv_reader_get_path (ThrCsvReader *self)
{
  return self->path;
}
