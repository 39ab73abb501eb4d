/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-encoding.h — decoding imported text to UTF-8 as it streams */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _ThrDecoder ThrDecoder;

/* Chooses the encoding from the first bytes of a file: a byte order mark
 * (UTF-8, UTF-16LE, UTF-16BE), else UTF-8 if they are valid UTF-8, else
 * Windows-1252, which is what Excel writes as "CSV" on Windows. */
ThrDecoder  *thr_decoder_new_for_start (const char  *bytes,
                                        gsize        len);
void         thr_decoder_free          (ThrDecoder  *self);
/* Decodes in[0 .. *in_len) into out, appending at *out_len.  Bytes that
 * end in the middle of a character stay at the start of in and *in_len is
 * set to their count; at_end says no more bytes follow.  out must hold
 * 3 × *in_len + 16 bytes.  On a byte that cannot be decoded, the text
 * before it is still appended (so the caller can tell on which line the
 * bad byte stands) and FALSE is returned with the error. */
gboolean     thr_decoder_decode        (ThrDecoder  *self,
                                        char        *in,
                                        gsize       *in_len,
                                        gboolean     at_end,
                                        char        *out,
                                        gsize        out_size,
                                        gsize       *out_len,
                                        GError     **error);
const char  *thr_decoder_get_name      (ThrDecoder  *self);
/* "UTF-16BE" or "UTF-16LE" when the first bytes are text in that encoding
 * without a byte order mark (every other byte zero: ASCII written as
 * UTF-16), which the decoder would otherwise take for Windows-1252;
 * NULL otherwise. */
const char  *thr_decoder_guess_utf16_without_bom (const char *bytes,
                                                  gsize       len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ThrDecoder, thr_decoder_free)

G_END_DECLS
