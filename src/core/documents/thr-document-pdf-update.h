/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-document-pdf-update.h — the language and the figures' descriptions of a tagged PDF */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Appends to @pdf, a tagged PDF as cairo wrote it, an incremental update
 * that gives its catalog /Lang @language (a BCP 47 tag: "en-US") and its
 * Figure structure elements, in order, the /Alt texts of @alt_texts
 * (char*; NULL for none).  FALSE, @pdf unchanged, when its layout is not
 * cairo's or the count of figures differs. */
gboolean thr_document_pdf_add_language_and_alt (GByteArray  *pdf,
                                                const char  *language,
                                                GPtrArray   *alt_texts,
                                                GError     **error);

G_END_DECLS
