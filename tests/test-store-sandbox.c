/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-sandbox.c — a store behind a document portal
 *
 * The portal's FUSE folder (/run/user/UID/doc/ID/) has refused POSIX
 * locks with ENOSYS (xdg-desktop-portal issue 1117), and shows only the
 * chosen file, so nothing can be created beside it.  Both are simulated
 * here with SQLite's own test hook, xSetSystemCall: in the "portal"
 * folder, fcntl's lock commands fail with ENOSYS, and open() refuses to
 * create a file.  (Tests run as root, so a read-only folder cannot be
 * made with chmod.)  Opening such a store must fail with a clear error and
 * leave its bytes as they were; copying it in must give a whole, checked
 * store; saving a copy out must give a file that opens anywhere.
 */
#define G_LOG_DOMAIN "test-store-sandbox"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "thr-core.h"
#include "thr-store-copy.h"
#include "thr-store-sql-private.h"  /* SQL for fixtures */

static char *root_dir;
static char *portal_dir;
static sqlite3_syscall_ptr real_fcntl;
static sqlite3_syscall_ptr real_open;

static gboolean
fd_in_portal (int fd)
{
  g_autofree char *link = g_strdup_printf ("/proc/self/fd/%d", fd);
  g_autofree char *target = g_file_read_link (link, NULL);

  return target != NULL && g_str_has_prefix (target, portal_dir);
}

static int
portal_fcntl (int fd,
              int cmd,
              ...)
{
  va_list args;
  void *arg;

  va_start (args, cmd);
  arg = va_arg (args, void *);
  va_end (args);
  if ((cmd == F_SETLK || cmd == F_SETLKW || cmd == F_GETLK) && fd_in_portal (fd))
    {
      errno = ENOSYS;
      return -1;
    }
  return ((int (*) (int, int, ...)) real_fcntl) (fd, cmd, arg);
}

static int
portal_open (const char *path,
             int         flags,
             int         mode)
{
  if ((flags & O_CREAT) && g_str_has_prefix (path, portal_dir) && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      errno = EACCES;
      return -1;
    }
  return ((int (*) (const char *, int, int)) real_open) (path, flags, mode);
}

static void
portal_enter (void)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);

  real_fcntl = vfs->xGetSystemCall (vfs, "fcntl");
  real_open = vfs->xGetSystemCall (vfs, "open");
  g_assert_cmpint (vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) portal_fcntl), ==, SQLITE_OK);
  g_assert_cmpint (vfs->xSetSystemCall (vfs, "open", (sqlite3_syscall_ptr) portal_open), ==, SQLITE_OK);
}

static void
portal_leave (void)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);

  /* NULL puts back every system call SQLite started with. */
  vfs->xSetSystemCall (vfs, NULL, NULL);
}

/* A store with a contract and one import, closed, then moved into the
 * portal folder (as a user's file is when chosen there). */
static char *
make_store_in_portal (const char *name)
{
  g_autofree char *outside = g_build_filename (root_dir, name, NULL);
  char *inside = g_build_filename (portal_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (outside, &error);
  g_autoptr(ThrContract) contract = NULL;

  g_assert_no_error (error);
  contract = thr_contract_load_template ("rfp-16-102", &error);
  g_assert_no_error (error);
  g_assert_cmpint (thr_store_add_contract (store, "rfp-16-102", "Portal test",
                                           thr_contract_get_definition (contract), &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (g_rename (outside, inside), ==, 0);
  return inside;
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_open_in_portal_refused (void)
{
  g_autofree char *path = make_store_in_portal ("refused.db");
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = NULL;

  portal_enter ();
  store = thr_store_open (path, &error);
  portal_leave ();

  g_assert_null (store);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_FOLDER);
  /* Which file, what is wrong, that nothing changed, and what to do. */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "lock"));
  g_assert_nonnull (strstr (error->message, "nothing was written"));
  g_assert_nonnull (strstr (error->message, "Open a Store"));
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_files (portal_dir), ==, 1);
  g_unlink (path);
}

/* A new store cannot be made there either, and nothing is left behind. */
static void
test_new_in_portal_refused (void)
{
  g_autofree char *path = g_build_filename (portal_dir, "new.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = NULL;

  portal_enter ();
  store = thr_store_open (path, &error);
  portal_leave ();
  g_assert_null (store);
  g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_FOLDER);
  g_assert_cmpuint (count_files (portal_dir), ==, 0);
}

static void
test_copy_in_from_portal (void)
{
  g_autofree char *path = make_store_in_portal ("contract.db");
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *data_dir = g_build_filename (root_dir, "data", NULL);
  g_autofree char *dest = thr_store_free_path (data_dir, "contract.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) copy = NULL;
  g_autoptr(GPtrArray) contracts = NULL;

  g_assert_true (thr_store_path_is_portal (path));
  g_assert_false (thr_store_path_is_portal (dest));
  portal_enter ();
  g_assert_true (thr_store_copy_in (path, dest, NULL, &error));
  portal_leave ();
  g_assert_no_error (error);

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_files (portal_dir), ==, 1);
  copy = thr_store_open (dest, &error);
  g_assert_no_error (error);
  contracts = thr_store_list_contracts (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contracts->len, ==, 1);
  g_assert_cmpstr (((ThrStoreContract *) g_ptr_array_index (contracts, 0))->name, ==, "Portal test");

  /* A second copy of the same file takes a free name. */
  {
    g_autofree char *again = thr_store_free_path (data_dir, "contract.db");

    g_assert_true (g_str_has_suffix (again, "contract-2.db"));
  }
  g_unlink (path);
}

/* Damaged on the way (cut short): refused, nothing kept in the data folder. */
static void
test_copy_in_damaged (void)
{
  g_autofree char *path = make_store_in_portal ("cut.db");
  g_autofree char *data_dir = g_build_filename (root_dir, "cut-data", NULL);
  g_autofree char *dest = g_build_filename (data_dir, "cut.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, len / 2, NULL));
  portal_enter ();
  g_assert_false (thr_store_copy_in (path, dest, NULL, &error));
  portal_leave ();
  g_assert_error (error, THR_STORE_ERROR, THR_STORE_ERROR_NOT_STORE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_null (strstr (error->message, ".part"));
  g_assert_cmpuint (count_files (data_dir), ==, 0);
  g_rmdir (data_dir);
  g_unlink (path);
}

/* Out through the portal: GIO writes the file, and the copy needs no
 * journal beside it, so it opens even where locks are refused. */
static void
test_save_copy_to_portal (void)
{
  g_autofree char *source = g_build_filename (root_dir, "mine.db", NULL);
  g_autofree char *out = g_build_filename (portal_dir, "for-auditor.db", NULL);
  g_autoptr(GFile) dest = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  g_autoptr(ThrStore) store = thr_store_open (source, &error);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  g_assert_no_error (error);
  g_assert_true (thr_store_save_copy (store, dest, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (portal_dir), ==, 1);

  portal_enter ();
  g_assert_cmpint (sqlite3_open_v2 (out, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* Reading takes a lock, refused here: SQLite reads without one only
   * when told the file is immutable, which a single-file copy allows. */
  sqlite3_close (db);
  {
    g_autofree char *uri = g_strconcat ("file:", out, "?immutable=1", NULL);

    g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "delete");
    sqlite3_finalize (stmt);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    n = sqlite3_column_int (stmt, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  portal_leave ();
  g_assert_cmpint (n, ==, THR_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  g_unlink (out);
  g_unlink (source);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int argc, char *argv[])
{
  g_autofree char *runtime = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  thr_core_init ();

  /* The portal folder sits where the portal mounts it, under the user's
   * runtime folder, so thr_store_path_is_portal knows it. */
  root_dir = g_dir_make_tmp ("thr-sandbox-XXXXXX", NULL);
  runtime = g_build_filename (root_dir, "runtime", NULL);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  portal_dir = g_build_filename (runtime, "doc", "a1b2c3d4", NULL);
  g_assert_cmpint (g_mkdir_with_parents (portal_dir, 0700), ==, 0);

  g_test_add_func ("/store-sandbox/open-in-portal-refused", test_open_in_portal_refused);
  g_test_add_func ("/store-sandbox/new-in-portal-refused", test_new_in_portal_refused);
  g_test_add_func ("/store-sandbox/copy-in-from-portal", test_copy_in_from_portal);
  g_test_add_func ("/store-sandbox/copy-in-damaged", test_copy_in_damaged);
  g_test_add_func ("/store-sandbox/save-copy-to-portal", test_save_copy_to_portal);
  rc = g_test_run ();

  remove_tree (root_dir);
  g_free (portal_dir);
  g_free (root_dir);
  return rc;
}
