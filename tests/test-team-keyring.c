/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-team-keyring.c — a team store's password through a real keyring
 *
 * Run by tests/with-keyring under dbus-run-session: GNOME Keyring's daemon
 * is the Secret Service, as on a desktop.  A password is kept, read back,
 * kept apart from another store's, replaced, and forgotten; and the
 * core's per-process hand-over, which the window fills from it before
 * opening a team store, holds it for its address only.
 */
#define G_LOG_DOMAIN "test-team-keyring"

#include "thr-core.h"
#include "thr-team-keyring.h"

static void
test_round_trip (void)
{
  const char *address = "postgresql://ana@db.agency.example/threshold?sslmode=verify-full";
  const char *other = "postgresql://ana@db.agency.example/training?sslmode=verify-full";
  g_autoptr(GError) error = NULL;
  g_autofree char *read = NULL;
  g_autofree char *read_other = NULL;
  g_autofree char *replaced = NULL;
  g_autofree char *gone = NULL;

  g_assert_true (thr_team_keyring_store (address, "s3cret é ✓", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (thr_team_keyring_store (other, "another", NULL, &error));
  read = thr_team_keyring_lookup (address, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read, ==, "s3cret é ✓");
  read_other = thr_team_keyring_lookup (other, NULL, &error);
  g_assert_cmpstr (read_other, ==, "another");

  g_assert_true (thr_team_keyring_store (address, "rotated", NULL, &error));
  replaced = thr_team_keyring_lookup (address, NULL, &error);
  g_assert_cmpstr (replaced, ==, "rotated");

  g_assert_true (thr_team_keyring_clear (address, NULL, &error));
  gone = thr_team_keyring_lookup (address, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (gone);
  g_assert_true (thr_team_keyring_clear (other, NULL, &error));
}

static void
test_hand_over (void)
{
  const char *address = "postgresql://ana@db.agency.example/threshold";
  g_autofree char *held = NULL;
  g_autofree char *other = NULL;
  g_autofree char *forgotten = NULL;

  thr_team_password_set (address, "from the keyring");
  held = thr_team_password_lookup (address);
  other = thr_team_password_lookup ("postgresql://ana@db.agency.example/training");
  g_assert_cmpstr (held, ==, "from the keyring");
  g_assert_null (other);
  thr_team_password_set (address, NULL);
  forgotten = thr_team_password_lookup (address);
  g_assert_null (forgotten);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/team-keyring/round-trip", test_round_trip);
  g_test_add_func ("/team-keyring/hand-over", test_hand_over);
  return g_test_run ();
}
