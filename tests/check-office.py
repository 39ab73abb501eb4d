#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The exports as the office programs see them (TAP).

Every .xlsx that threshold-cli writes is opened by openpyxl and saved by
LibreOffice itself as OpenDocument (soffice --headless --convert-to ods,
all files in one call, with a private profile); each cell LibreOffice read
is compared with the CLI's own CSV of the same table: a percentage must
arrive as that percentage, a month as a date, money as a currency, a yes/no
as a boolean, and every header in words.  The metrics export that
LibreOffice saved is then imported into a new store, as a contractor would
send it back: every reported figure as the first store holds it.  This is
the suite's one start of LibreOffice (about 7 s on two busy cores).

Usage: check-office.py THRESHOLD_CLI SOFFICE
"""
import csv
import datetime
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ElementTree

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


ODF = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
       "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
       "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}


def odf(prefix, name):
    return "{%s}%s" % (ODF[prefix], name)


def office_text(cell):
    """A cell of LibreOffice's .ods as its CSV filter writes it with raw
    values: a percentage as its figure and "%", a date as MM/DD/YYYY, a
    yes/no as TRUE or FALSE (Calc keeps an .xlsx boolean as the formula
    TRUE() or FALSE()), a number or a currency as its value, text as shown.
    (Checked against LibreOffice 7.4's own CSV of the same four exports:
    every cell alike.)"""
    formula = cell.get(odf("table", "formula"))
    if formula in ("of:=TRUE()", "of:=FALSE()"):
        return formula[4:-2]
    kind = cell.get(odf("office", "value-type"))
    if kind in ("float", "currency"):
        return cell.get(odf("office", "value"))
    if kind == "percentage":
        return format(float(cell.get(odf("office", "value"))) * 100, ".15g") + "%"
    if kind == "date":
        day = cell.get(odf("office", "date-value"))
        return "%s/%s/%s" % (day[5:7], day[8:10], day[0:4])
    return "\n".join("".join(p.itertext()) for p in cell.findall("text:p", ODF))


def read_ods(path):
    """The first sheet's rows, cells repeated as LibreOffice counts them,
    the empty ones at the ends of rows and of the sheet left out."""
    root = ElementTree.fromstring(zipfile.ZipFile(path).read("content.xml"))
    rows = []
    for row in root.find(".//table:table", ODF).iter(odf("table", "table-row")):
        cells = []
        for cell in row:
            if cell.tag in (odf("table", "table-cell"), odf("table", "covered-table-cell")):
                cells += [office_text(cell)] * int(cell.get(odf("table", "number-columns-repeated"), "1"))
        while cells and cells[-1] == "":
            cells.pop()
        rows += [cells] * int(row.get(odf("table", "number-rows-repeated"), "1"))
    while rows and not rows[-1]:
        rows.pop()
    return rows


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


def import_into_new_store(tmp, name, path):
    """`import PATH` into a new store; its output and its reported figures."""
    db = os.path.join(tmp, name + ".db")
    cli(db, "init", "--template", "rfp-16-102")
    run = subprocess.run([CLI, "--db", db, "import", path], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    return db, run


# The rows of reported_values in a copy that the first store has too, value
# and counts alike (test-hostile's matching_reported_values).
MATCHING = ("SELECT count(*) FROM main.reported_values c WHERE EXISTS (SELECT 1 FROM o.reported_values r "
            "WHERE r.metric = c.metric AND r.period = c.period AND r.subject = c.subject "
            "AND (r.value IS c.value OR abs(r.value - c.value) < 1e-9) "
            "AND r.numerator IS c.numerator AND r.denominator IS c.denominator)")


def check_read_back(tmp, original, name, ods, ours):
    """The metrics export as LibreOffice saved it, imported as a metric
    report: read as Threshold's export, its rows without a reported figure
    skipped, every figure imported as the first store holds it, and as many
    as from the CLI's own .xlsx."""
    xlsx_db, xlsx_run = import_into_new_store(tmp, name + "-xlsx", os.path.join(tmp, name + ".xlsx"))
    ods_db, ods_run = import_into_new_store(tmp, name + "-ods", ods)
    unreported = sum(1 for row in ours[1:] if row[ours[0].index("reported")] == "")
    ok(ods_run.returncode == 0 and "read as Threshold's metrics export" in ods_run.stdout
       and "skipped %d row(s) without a reported figure" % unreported in ods_run.stdout,
       name + ": LibreOffice's .ods imports as Threshold's metrics export", ods_run.stdout)
    counts = []
    for db in (xlsx_db, ods_db):
        with sqlite3.connect(db) as con:
            con.execute("ATTACH ? AS o", (original,))
            counts.append((con.execute("SELECT count(*) FROM main.reported_values").fetchone()[0],
                           con.execute(MATCHING).fetchone()[0]))
    ok(counts[1][0] > 0 and counts[1][0] == counts[1][1] and counts[0] == counts[1],
       name + ": every reported figure read back from LibreOffice's .ods as the store holds it",
       "(rows, matching) from the .xlsx %r, from LibreOffice's .ods %r" % (counts[0], counts[1]))


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

        # One soffice start for every file: it takes seconds.  OpenDocument
        # rather than CSV, so that the metrics export LibreOffice saved
        # can also be imported back (below) without a second start.
        out = os.path.join(tmp, "office")
        profile = "file://" + os.path.join(tmp, "profile")
        run = subprocess.run([SOFFICE, "-env:UserInstallation=" + profile, "--headless", "--convert-to",
                              "ods", "--outdir", out]
                             + [os.path.join(tmp, name + ".xlsx") for name in exports],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
        ok(run.returncode == 0 and "Error" not in run.stdout, "LibreOffice loads every export", run.stdout)

        for name in exports:
            path = os.path.join(tmp, name + ".xlsx")
            ours = read_csv(os.path.join(tmp, name + ".csv"))
            check_zip(name, path)
            office_ods = os.path.join(out, name + ".ods")
            if os.path.exists(office_ods):
                compare(name, ours, read_ods(office_ods))
            else:
                ok(False, name + ": LibreOffice converted it")
            check_openpyxl(name, path, ours, kind_of)
        ods = os.path.join(out, "metrics-2018-04.ods")
        if os.path.exists(ods):
            check_read_back(tmp, db, "metrics-2018-04", ods, read_csv(os.path.join(tmp, "metrics-2018-04.csv")))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("1..%d" % len(results))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
