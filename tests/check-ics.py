#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The calendars threshold-cli writes, as calendar programs read them (TAP).

Each .ics is parsed by Python's icalendar and by libical's strict parser
(tests/ics-check, which also checks RFC 5546's rules for METHOD:PUBLISH),
and checked for what makes it merge into a user's calendar: UIDs unique
within a file and across two stores with the same data, SEQUENCE grown
for a date that moved and only for it, done dates left out on request,
a reminder the day before each open date on request, titles naming the
contract and categories in words.

Usage: check-ics.py THRESHOLD_CLI ICS_CHECK
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile

import icalendar

CLI = sys.argv[1]
ICS_CHECK = sys.argv[2]
TODAY = "2018-06-20"
CONTRACT = "RFP 16-102 demo (generated data)"
results = []


def ok(passed, name, detail=""):
    results.append(passed)
    print(("ok" if passed else "not ok") + " %d %s" % (len(results), name))
    if not passed and detail:
        for line in str(detail).splitlines():
            print("# " + line)


def cli(db, *args):
    return subprocess.run([CLI, "--db", db] + list(args), check=True,
                          stdout=subprocess.PIPE).stdout


def export(db, path, *flags):
    data = cli(db, "deadlines", "--format", "ics", "--today", TODAY, *flags)
    with open(path, "wb") as f:
        f.write(data)
    return data


def events(data):
    return icalendar.Calendar.from_ical(data).walk("VEVENT")


def by_key(data):
    """Events by the deadline key their UID starts with."""
    return {str(e["UID"]).rsplit("@", 1)[0].rsplit(".", 2)[0]: e for e in events(data)}


def libical_accepts(paths):
    run = subprocess.run([ICS_CHECK] + paths, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return run.returncode == 0, run.stdout


def physical_lines_ok(data):
    """CRLF everywhere, no line over 75 octets, no fold inside a character."""
    if not data.endswith(b"\r\n") or b"\n" in data.replace(b"\r\n", b""):
        return False
    for line in data.split(b"\r\n"):
        if len(line) > 75:
            return False
        line.decode("utf-8")
    return True


def main():
    tmp = tempfile.mkdtemp(prefix="threshold-ics-")
    a, b = os.path.join(tmp, "a.db"), os.path.join(tmp, "b.db")
    for db in (a, b):
        cli(db, "demo")
    files = {name: os.path.join(tmp, name + ".ics") for name in ("a", "b", "a-moved", "a-again", "omit", "alarm")}

    first = export(a, files["a"])
    other = export(b, files["b"])
    ev = events(first)
    ok(len(ev) > 20 and all(physical_lines_ok(d) for d in (first, other)),
       "a calendar of %d events in CRLF lines of at most 75 octets" % len(ev))
    uids_a = [str(e["UID"]) for e in ev]
    uids_b = [str(e["UID"]) for e in events(other)]
    ok(len(set(uids_a)) == len(uids_a), "UIDs unique within the file")
    ok(not set(uids_a) & set(uids_b) and len(uids_a) == len(uids_b),
       "two stores with the same data share no UID",
       sorted(set(uids_a) & set(uids_b))[:3])
    cal = icalendar.Calendar.from_ical(first)
    ok(str(cal["METHOD"]) == "PUBLISH" and str(cal["X-WR-CALNAME"]) == "Threshold — " + CONTRACT,
       "published and named after the contract")
    ok(all(str(e["SUMMARY"]).startswith(CONTRACT + ": ") for e in ev), "every title names the contract")
    cats = {str(e["CATEGORIES"].cats[0]) for e in ev}
    ok("Corrective action plan due" in cats and not any("_" in c for c in cats),
       "categories in words", sorted(cats))
    ok(all(int(e["SEQUENCE"]) == 0 for e in ev), "SEQUENCE 0 when first published")
    ok(all("ORGANIZER" in e and str(e["ORGANIZER"]).startswith("urn:uuid:") for e in ev),
       "an ORGANIZER for METHOD:PUBLISH")

    # The CAP of A.4.a, documented a few days later: its due date moves.
    before = by_key(first)
    cli(a, "caps", "set", "1", "documented_on", "2018-04-02")
    moved = by_key(export(a, files["a-moved"]))
    changed = [k for k in moved if moved[k].decoded("DTSTART") != before[k].decoded("DTSTART")]
    ok(changed == ["cap/1/due"] and moved["cap/1/due"].decoded("DTSTART") == datetime.date(2018, 4, 17),
       "documented_on moved the CAP's due date only", changed)
    ok(int(moved["cap/1/due"]["SEQUENCE"]) == 1
       and all(int(e["SEQUENCE"]) == 0 for k, e in moved.items() if k != "cap/1/due"),
       "SEQUENCE grew for the date that moved, and only for it")
    again = by_key(export(a, files["a-again"]))
    ok(int(again["cap/1/due"]["SEQUENCE"]) == 1, "exported again unchanged: SEQUENCE stays")
    ok(set(str(e["UID"]) for e in again.values()) == set(uids_a), "the same UIDs in every export of a store")

    listing = json.loads(cli(a, "deadlines", "--format", "json", "--today", TODAY))["deadlines"]
    open_keys = {d["key"] for d in listing if d["state"] != "done"}
    omitted = by_key(export(a, files["omit"], "--omit-done"))
    ok(set(omitted) == open_keys and 0 < len(open_keys) < len(listing),
       "--omit-done leaves out the %d done dates of %d" % (len(listing) - len(open_keys), len(listing)))
    text_open = json.loads(cli(a, "deadlines", "--format", "json", "--today", TODAY, "--omit-done"))["deadlines"]
    ok({d["key"] for d in text_open} == open_keys, "--omit-done in the JSON list too")

    alarmed = by_key(export(a, files["alarm"], "--alarm"))
    good = True
    for key, e in alarmed.items():
        alarms = [c for c in e.subcomponents if c.name == "VALARM"]
        if key in open_keys:
            good &= len(alarms) == 1 and alarms[0].decoded("TRIGGER") == -datetime.timedelta(hours=15) \
                and str(alarms[0]["ACTION"]) == "DISPLAY"
        else:
            good &= not alarms
    ok(good, "--alarm: a reminder at 09:00 the day before each open date, none on done ones")
    ok(not any(c.name == "VALARM" for e in ev for c in e.subcomponents), "no reminder unless asked")

    accepted, output = libical_accepts(sorted(files.values()))
    ok(accepted, "libical's strict parser and RFC 5546 check accept all %d calendars" % len(files), output)

    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
