/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-nettle-lazy.c — Nettle, opened the first time a CSV file is read
 *
 * Threshold does not link Nettle.  The three SHA-256 functions the CSV
 * reader calls (nettle/sha2.h names them sha256_init, sha256_update and
 * sha256_digest) are defined here and call the library's own, opened with
 * GModule at the first call (thr-lazy-library.h).  Linked, Nettle cost
 * every launch its loading and relocation, and each symbol lookup after
 * it (the GL driver's, before the window's first frame) one more library
 * to look in (docs/benchmarks.md, "Start-up, session 19"); only an import
 * needs it.
 *
 * The reader asks thr_nettle_open () before it reads, so that a missing
 * library fails the read with a message rather than giving a checksum
 * that was never computed.
 */
#define G_LOG_DOMAIN "thr-io"

#include "config.h"

#include <nettle/sha2.h>

#include "thr-lazy-library.h"
#include "thr-nettle-lazy.h"

/* The library's soname, as its pkg-config file links it. */
#define NETTLE_SONAME "libnettle.so.8"

#define THR_NETTLE_FUNCTIONS(F)

#define THR_NETTLE_PROCEDURES(F) \
  F (nettle_sha256_init, (struct sha256_ctx *ctx), (ctx)) \
  F (nettle_sha256_update, (struct sha256_ctx *ctx, size_t length, const uint8_t *data), (ctx, length, data)) \
  F (nettle_sha256_digest, (struct sha256_ctx *ctx, size_t length, uint8_t *digest), (ctx, length, digest))

THR_LAZY_LIBRARY_DEFINE (NETTLE_SONAME, THR_NETTLE_FUNCTIONS, THR_NETTLE_PROCEDURES)

gboolean
thr_nettle_open (GError **error)
{
  return thr_lazy_library_open (&thr_lazy_library, error);
}
