/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-xml-lazy.c — libxml2, opened the first time a workbook's part is read
 *
 * Threshold does not link libxml2.  Each libxml2 function the .xlsx and
 * .ods reader calls is defined here and calls the library's own, opened
 * with GModule at the first call (thr-lazy-library.h); it and the ICU it
 * brings are loaded with libarchive (thr-archive-lazy.c) when a workbook
 * or spreadsheet is first opened, not at every launch (docs/benchmarks.md,
 * "Start-up, session 12").
 *
 * Every use starts with xmlReaderForIO (), which gives NULL when the
 * library cannot be opened; the reader reports the part as unreadable and
 * a warning says why.
 */
#define G_LOG_DOMAIN "thr-io"

#include "config.h"

#include <libxml/xmlreader.h>

#include "thr-lazy-library.h"

/* Its allocator is a variable, not a function; a build of libxml2 with
 * per-thread allocators makes it a macro, which this file would have to
 * take as __xmlFree (). */
#ifdef xmlFree
#error "libxml2's xmlFree is a macro here: wrap __xmlFree () instead"
#endif

/* The library's soname, as its pkg-config file links it: libxml2 2.14
 * gave up binary compatibility with the versions before it and bumped it. */
#if LIBXML_VERSION >= 21400
#define LIBXML2_SONAME "libxml2.so.16"
#else
#define LIBXML2_SONAME "libxml2.so.2"
#endif

/* Each function: its return type, name, parameters, arguments, and the
 * answer when the library cannot be opened. */
#define THR_XML_FUNCTIONS(F) \
  F (xmlTextReaderPtr, xmlReaderForIO, \
     (xmlInputReadCallback ioread, xmlInputCloseCallback ioclose, void *ioctx, const char *URL, \
      const char *encoding, int options), \
     (ioread, ioclose, ioctx, URL, encoding, options), NULL) \
  F (int, xmlTextReaderRead, (xmlTextReaderPtr reader), (reader), -1) \
  F (int, xmlTextReaderNext, (xmlTextReaderPtr reader), (reader), -1) \
  F (int, xmlTextReaderNodeType, (xmlTextReaderPtr reader), (reader), -1) \
  F (int, xmlTextReaderIsEmptyElement, (xmlTextReaderPtr reader), (reader), -1) \
  F (const xmlChar *, xmlTextReaderConstLocalName, (xmlTextReaderPtr reader), (reader), NULL) \
  F (const xmlChar *, xmlTextReaderConstValue, (xmlTextReaderPtr reader), (reader), NULL) \
  F (xmlChar *, xmlTextReaderGetAttribute, (xmlTextReaderPtr reader, const xmlChar *name), (reader, name), NULL) \
  F (xmlChar *, xmlTextReaderGetAttributeNs, \
     (xmlTextReaderPtr reader, const xmlChar *localName, const xmlChar *namespaceURI), \
     (reader, localName, namespaceURI), NULL)

/* The functions that return nothing. */
#define THR_XML_PROCEDURES(F) \
  F (xmlFreeTextReader, (xmlTextReaderPtr reader), (reader)) \
  F (xmlTextReaderSetErrorHandler, (xmlTextReaderPtr reader, xmlTextReaderErrorFunc f, void *arg), \
     (reader, f, arg))

/* Its variables. */
#define THR_XML_VARIABLES(V) V (xmlFreeFunc, xmlFree)

THR_LAZY_LIBRARY_DEFINE_WITH_VARIABLES (LIBXML2_SONAME, THR_XML_FUNCTIONS, THR_XML_PROCEDURES, THR_XML_VARIABLES)

/* What the library gave is freed by its allocator of the moment, as a
 * call of its xmlFree would; it gave nothing when it is not open. */
static void
free_with_libxml2 (void *memory)
{
  if (thr_lazy_library_open (&thr_lazy_library, NULL))
    (*thr_lazy_functions.xmlFree) (memory);
}

xmlFreeFunc xmlFree = free_with_libxml2;
