/* SPDX-License-Identifier: GPL-3.0-or-later */
/* thr-json-lazy.c — json-glib, opened the first time JSON is read
 *
 * The core does not need json-glib linked.  Each json-glib function the
 * core calls (the contract files, the import profiles, the calendars, the
 * kept evaluations) is defined here and calls the library's own, opened
 * with GModule at the first call (thr-lazy-library.h).  Linked, it cost
 * every launch its loading and relocation on the main thread, and each
 * symbol lookup after it (the GL driver's, before the window's first
 * frame) one more library to look in (docs/benchmarks.md, "Start-up,
 * session 19"); the window's first JSON is read by the store's load, on
 * a worker thread.  A program that calls other json-glib functions
 * itself (the CLI's output, the tests) still links the library, and
 * these wrappers, kept out of its dynamic symbol table, call into it.
 *
 * Every read starts with a parser: should the library be missing,
 * json_parser_load_from_data () fails saying why, and nothing is read.
 */
#define G_LOG_DOMAIN "thr-core"

#include "config.h"

/* Hidden: a program that links json-glib as well (the CLI, the tests,
 * make-demo-store) exported these otherwise, since the library refers to
 * its own functions, and json-glib's calls to itself came here. */
#pragma GCC visibility push(hidden)
#include <json-glib/json-glib.h>
#pragma GCC visibility pop

#include "thr-lazy-library.h"

/* The library's soname, as its pkg-config file links it. */
#define JSON_SONAME "libjson-glib-1.0.so.0"

#define THR_JSON_FUNCTIONS(F) \
  F (JsonParser *, json_parser_new, (void), (), NULL) \
  F (JsonParser *, json_parser_new_immutable, (void), (), NULL) \
  F (JsonNode *, json_parser_get_root, (JsonParser *parser), (parser), NULL) \
  F (JsonNodeType, json_node_get_node_type, (JsonNode *node), (node), JSON_NODE_NULL) \
  F (GType, json_node_get_value_type, (JsonNode *node), (node), G_TYPE_INVALID) \
  F (JsonObject *, json_node_get_object, (JsonNode *node), (node), NULL) \
  F (JsonArray *, json_node_get_array, (JsonNode *node), (node), NULL) \
  F (const gchar *, json_node_get_string, (JsonNode *node), (node), NULL) \
  F (gint64, json_node_get_int, (JsonNode *node), (node), 0) \
  F (gdouble, json_node_get_double, (JsonNode *node), (node), 0.0) \
  F (gboolean, json_node_get_boolean, (JsonNode *node), (node), FALSE) \
  F (gboolean, json_object_has_member, (JsonObject *object, const gchar *member_name), (object, member_name), FALSE) \
  F (JsonNode *, json_object_get_member, (JsonObject *object, const gchar *member_name), (object, member_name), NULL) \
  F (GList *, json_object_get_members, (JsonObject *object), (object), NULL) \
  F (JsonObject *, json_object_get_object_member, (JsonObject *object, const gchar *member_name), \
     (object, member_name), NULL) \
  F (JsonArray *, json_object_get_array_member, (JsonObject *object, const gchar *member_name), \
     (object, member_name), NULL) \
  F (const char *, json_object_get_string_member_with_default, \
     (JsonObject *object, const char *member_name, const char *default_value), \
     (object, member_name, default_value), default_value) \
  F (gboolean, json_object_get_boolean_member_with_default, \
     (JsonObject *object, const char *member_name, gboolean default_value), \
     (object, member_name, default_value), default_value) \
  F (guint, json_array_get_length, (JsonArray *array), (array), 0) \
  F (JsonNode *, json_array_get_element, (JsonArray *array, guint index_), (array, index_), NULL) \
  F (const gchar *, json_array_get_string_element, (JsonArray *array, guint index_), (array, index_), NULL) \
  F (gdouble, json_array_get_double_element, (JsonArray *array, guint index_), (array, index_), 0.0) \
  F (char *, json_to_string, (JsonNode *node, gboolean pretty), (node, pretty), NULL)

/* json_parser_load_from_data, defined below as the one that says why
 * the library cannot be opened: its pointer is kept as a variable's. */
typedef gboolean ThrJsonLoadFromData (JsonParser *parser, const gchar *data, gssize length, GError **error);

#define THR_JSON_LOADER(V) \
  V (ThrJsonLoadFromData, json_parser_load_from_data)

#define THR_JSON_PROCEDURES(F)

THR_LAZY_LIBRARY_DEFINE_WITH_VARIABLES (JSON_SONAME, THR_JSON_FUNCTIONS, THR_JSON_PROCEDURES, THR_JSON_LOADER)

gboolean
json_parser_load_from_data (JsonParser   *parser,
                            const gchar  *data,
                            gssize        length,
                            GError      **error)
{
  if (!thr_lazy_library_open (&thr_lazy_library, error))
    return FALSE;
  return thr_lazy_functions.json_parser_load_from_data (parser, data, length, error);
}
