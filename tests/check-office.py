#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The exports as the office programs see them (TAP).

Every .xlsx that threshold-cli writes is opened by openpyxl and converted
by LibreOffice itself (soffice --headless --convert-to csv, all files in
one call, with a private profile); each cell is compared with the CLI's
own CSV of the same table: a percentage must arrive as that percentage
with a "%" format, a month as a date, money with a currency format, a
yes/no as a boolean, and every header in words.

Usage: check-office.py THRESHOLD_CLI SOFFICE
"""
import csv
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

CLI = sys.argv[1]
SOFFICE = sys.argv[2]
results = []


def ok(passed, name, detail=""):
    results.append(passed)
    print(("ok" if passed else "not ok") + " %d %s" % (len(results), name))
    if not passed and detail:
        for line in str(detail).splitlines():
            print("# " + line)


def cli(db, *args):
    subprocess.run([CLI, "--db", db] + list(args), check=True, stdout=subprocess.DEVNULL)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


MONTH = re.compile(r"^(\d{4})-(\d{2})$")
DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
US_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


def same_cell(ours, office, kind):
    """Whether LibreOffice's raw text of a cell is our CSV's value, and of
    the kind it must be: a percentage ends in "%", a month is a date."""
    if ours == "":
        return office == ""
    if kind == "percent" and not office.endswith("%"):
        return False
    if kind == "month" and MONTH.match(ours) and not US_DATE.match(office):
        return False
    if kind == "boolean" and office not in ("TRUE", "FALSE"):
        return False
    if ours == office:
        return True
    if office in ("TRUE", "FALSE"):
        return ours == office.lower()
    date = US_DATE.match(office)
    if date:
        day = "%s-%s-%s" % (date.group(3), date.group(1), date.group(2))
        month = MONTH.match(ours)
        return (month is not None and day == ours + "-01") or day == ours
    if office.endswith("%"):
        try:
            return abs(float(office[:-1]) - float(ours)) < 1e-4
        except ValueError:
            return False
    try:
        return abs(float(office) - float(ours)) < 1e-4
    except ValueError:
        return False


def compare(name, ours, office):
    """Cell by cell, header apart (ours are the CSV's names)."""
    if len(ours) != len(office):
        ok(False, name + ": as many rows", "%d rows in the CSV, %d from LibreOffice" % (len(ours), len(office)))
        return
    bad = []
    for r in range(1, len(ours)):
        row_ours = ours[r] + [""] * (len(ours[0]) - len(ours[r]))
        row_office = office[r] + [""] * (len(ours[0]) - len(office[r]))
        for c in range(len(ours[0])):
            if not same_cell(row_ours[c], row_office[c], kind_of(ours[0][c], ours[0], row_ours)):
                bad.append("row %d, %s: CSV %r, LibreOffice %r" % (r + 1, ours[0][c], row_ours[c], row_office[c]))
    ok(not bad, name + ": every value as LibreOffice reads it", "\n".join(bad[:10]))


def check_zip(name, path):
    with open(path, "rb") as f:
        data = f.read()
    ok(data[-22:-18] == b"PK\x05\x06", name + ": the zip ends at its end record")
    ok(zipfile.ZipFile(path).testzip() is None, name + ": every member's CRC is right")


def check_openpyxl(name, path, ours, kind_of):
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    header = [cell.value for cell in ws[1]]
    ok(all(h and "_" not in h for h in header) and header != ours[0],
       name + ": the header is in words", repr(header))
    ok(ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
       and ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage,
       name + ": prints landscape, one page wide")
    ok(ws.print_title_rows in ("1:1", "$1:$1"), name + ": the header row repeats on every page",
       repr(ws.print_title_rows))
    problems = []
    for r, row in enumerate(ws.iter_rows(min_row=2), start=1):
        for c, cell in enumerate(row):
            key = ours[0][c]
            value = ours[r][c] if c < len(ours[r]) else ""
            if value == "":
                continue
            kind = kind_of(key, ours[0], ours[r])
            if kind == "percent":
                if not ("%" in cell.number_format and abs(cell.value * 100 - float(value)) < 6e-5):
                    problems.append("%s%d: %r with %r for %s %%" % (cell.column_letter, cell.row, cell.value,
                                                                      cell.number_format, value))
            elif kind == "money":
                if not ("$" in cell.number_format and abs(cell.value - float(value)) < 6e-5):
                    problems.append("%s%d: %r with %r for $%s" % (cell.column_letter, cell.row, cell.value,
                                                                   cell.number_format, value))
            elif kind == "month" and MONTH.match(value):
                if not (isinstance(cell.value, datetime.datetime) and cell.value.strftime("%Y-%m") == value
                        and cell.value.day == 1 and "mmm" in cell.number_format):
                    problems.append("%s%d: %r with %r for month %s" % (cell.column_letter, cell.row, cell.value,
                                                                        cell.number_format, value))
            elif kind == "boolean":
                if not (isinstance(cell.value, bool) and str(cell.value).lower() == value):
                    problems.append("%s%d: %r for %s" % (cell.column_letter, cell.row, cell.value, value))
    ok(not problems, name + ": typed cells in openpyxl", "\n".join(problems[:10]))


def kind_of(key, header, row):
    """What a cell must be in the workbook; a metric's figures take its unit."""
    if key in ("month", "period", "released_with"):
        return "month"
    if key == "to_date":
        return "boolean"
    if key in ("invoice", "withheld", "released", "retained", "held"):
        return "money"
    if key == "rate":
        return "percent"
    if key in ("value", "target", "lower", "upper", "reported", "computed") and "unit" in header:
        return {"percent": "percent", "dollars": "money"}.get(row[header.index("unit")])
    return None


def main():
    tmp = tempfile.mkdtemp(prefix="thr-office-")
    try:
        db = os.path.join(tmp, "demo.db")
        cli(db, "demo", "--months", "8", "--tasks", "200", "--calls", "200")
        exports = {
            "metrics-2018-04": ["metrics", "2018-04"],
            "metrics-2018-06": ["metrics", "2018-06"],
            "ledger": ["ledger", "--from", "2018-01", "--to", "2018-08"],
            "grid": ["grid", "--from", "2018-01", "--to", "2018-08"],
        }
        for name, args in exports.items():
            cli(db, "export", *args, "--format", "csv", "-o", os.path.join(tmp, name + ".csv"))
            cli(db, "export", *args, "--format", "xlsx", "-o", os.path.join(tmp, name + ".xlsx"))

        # --bom: the same CSV after a UTF-8 byte order mark, for Excel on Windows.
        cli(db, "export", "ledger", "--bom", "-o", os.path.join(tmp, "ledger-bom.csv"))
        with open(os.path.join(tmp, "ledger-bom.csv"), "rb") as f, open(os.path.join(tmp, "ledger.csv"), "rb") as g:
            bom, plain = f.read(), g.read()
        ok(bom.startswith(b"\xef\xbb\xbf") and bom[3:] == plain and "¶".encode() in plain,
           "export --bom: a byte order mark, then the same CSV")

        # One soffice start for every file: it takes seconds.  Filter
        # options: comma, double quote, UTF-8 (76), from row 1, …, the
        # raw values rather than as shown (last token false).
        out = os.path.join(tmp, "office")
        profile = "file://" + os.path.join(tmp, "profile")
        run = subprocess.run([SOFFICE, "-env:UserInstallation=" + profile, "--headless", "--convert-to",
                              "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false", "--outdir", out]
                             + [os.path.join(tmp, name + ".xlsx") for name in exports],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
        ok(run.returncode == 0 and "Error" not in run.stdout, "LibreOffice loads every export", run.stdout)

        for name in exports:
            path = os.path.join(tmp, name + ".xlsx")
            ours = read_csv(os.path.join(tmp, name + ".csv"))
            check_zip(name, path)
            office_csv = os.path.join(out, name + ".csv")
            if os.path.exists(office_csv):
                compare(name, ours, read_csv(office_csv))
            else:
                ok(False, name + ": LibreOffice converted it")
            check_openpyxl(name, path, ours, kind_of)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
