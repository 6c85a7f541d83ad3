"""Reading a register's file: CSV text (any common encoding and delimiter) or an Excel sheet.

Private to :mod:`coinnovation.io.registers`. :func:`_read_rows` reads a file into its
non-empty rows, each with its row number as a spreadsheet counts them, and refuses what
it cannot read with a :class:`~coinnovation.errors.RegisterError` that says why (a zip
file named .csv, UTF-16 without a byte-order mark, an old .xls workbook ...).
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import warnings
from pathlib import Path
from typing import Any, Final

from coinnovation._optional import require
from coinnovation.errors import RegisterError, RowProblem
from coinnovation.io.files import MAX_BYTES, _read
from coinnovation.io.registers.cells import _ExcelError, _Formula, _text
from coinnovation.io.registers.results import _file_error

_Rows = list[tuple[int, list[object]]]

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _read_rows(
    file: Path, source: str, sheet: str | None, encoding: str | None
) -> tuple[_Rows, list[RowProblem]]:
    """The non-empty rows of a register's file, and notes on what was ignored."""
    suffix = file.suffix.lower()
    notes: list[RowProblem] = []
    if suffix in (".xlsx", ".xlsm"):
        rows = _read_excel(file, source, sheet)
    elif suffix in (".csv", ".txt", ".tsv", ".tab"):
        rows = _read_csv(file, source, encoding, "\t" if suffix in (".tsv", ".tab") else None)
        if sheet is not None:
            notes.append(
                RowProblem(source, None, None, "sheet= is ignored: this is not a workbook")
            )
    elif suffix in (".xls", ".ods", ".numbers"):
        raise _file_error(source, f"cannot read {suffix} files: save the sheet as .xlsx or .csv")
    else:
        raise _file_error(
            source, f"unsupported register type {suffix!r}: use .csv, .tsv, .txt or .xlsx"
        )
    return rows, notes


def _decode(raw: bytes, source: str, encoding: str | None) -> str:
    bom = next((name for mark, name in _BOMS if raw.startswith(mark)), None)
    if encoding is None and bom is None and raw.count(b"\x00") * 4 > len(raw):
        raise _file_error(
            source,
            "the file is mostly NUL bytes: is it UTF-16 text without a byte-order mark? "
            "give its encoding (encoding='utf-16-le'), or save the sheet as 'CSV UTF-8'",
        )
    chosen = encoding or bom or "utf-8"
    try:
        return raw.decode(chosen)
    except UnicodeDecodeError as error:
        byte = raw[error.start : error.start + 1].hex()
        where = f"byte 0x{byte} at position {error.start}"
        row = raw.count(b"\n", 0, error.start) + 1 if chosen.startswith("utf-8") else None
        if encoding is not None:
            message = f"not {encoding} text ({where}): check the encoding"
        else:
            message = (
                f"not UTF-8 text ({where}): save the sheet as 'CSV UTF-8', or give its "
                "encoding (encoding='cp1252' for Excel on Windows, or 'latin-1')"
            )
        raise _file_error(source, message, row) from None


def _sniff(text: str) -> str:
    """The delimiter: whichever of comma, semicolon and tab the first line has most of.

    The first line with any of them counts, among the first 20 lines: a Teams attendance
    report starts with a title line ("1. Summary") above its tab-separated rows.
    """
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    for line in lines or [""]:
        counts = {delimiter: line.count(delimiter) for delimiter in (",", ";", "\t")}
        best = max(counts, key=lambda delimiter: counts[delimiter])
        if counts[best]:
            return best
    return ","


def _read_csv(path: Path, source: str, encoding: str | None, delimiter: str | None) -> _Rows:
    raw = _read(path, MAX_BYTES)  # a device or a file over 1 GiB is refused unread
    if raw.startswith(b"PK\x03\x04"):
        raise _file_error(
            source, "this is a zip file (an Excel workbook?), not CSV text: name it .xlsx"
        )
    text = _decode(raw, source, encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or _sniff(text))
    rows: _Rows = []
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            if any(cell.strip() for cell in cells):
                rows.append((number, list(cells)))
    except csv.Error as error:
        reason = str(error)
        if "field larger than field limit" in reason:
            reason = f"a cell holds more than {csv.field_size_limit():,} characters"
        raise _file_error(source, f"not readable as CSV: {reason}", number + 1) from None
    return rows


def _excel_cell(cell: Any) -> object:
    value = cell.value
    kind = getattr(cell, "data_type", None)
    if kind == "f":
        text = value if isinstance(value, str) else getattr(value, "text", None)
        return _Formula(str(text if text is not None else value))
    if kind == "e":
        return _ExcelError(str(value))
    return value


def _read_excel(path: Path, source: str, sheet: str | None) -> _Rows:
    openpyxl = require("openpyxl", "excel", "reading Excel registers")
    if not path.is_file():
        path.read_bytes()  # raises the OSError that says why (missing, a folder ...)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(os.fspath(path), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise _file_error(
            source, f"not a readable Excel workbook (.xlsx): {error or type(error).__name__}"
        ) from None
    rows: _Rows = []
    number = 0
    try:
        names = list(workbook.sheetnames)
        if sheet is None:
            worksheet = workbook.active
        else:
            chosen = next((name for name in names if name == sheet), None) or next(
                (name for name in names if name.casefold() == sheet.casefold()), None
            )
            if chosen is None:
                listed = ", ".join(repr(name) for name in names)
                raise _file_error(source, f"no sheet {sheet!r}; the workbook has {listed}")
            worksheet = workbook[chosen]
        if worksheet is None or not hasattr(worksheet, "iter_rows"):
            raise _file_error(source, "the sheet is not a worksheet (a chart?): choose a sheet")
        if hasattr(worksheet, "reset_dimensions"):
            worksheet.reset_dimensions()  # read every cell, whatever the file claims
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for cells in worksheet.iter_rows():
                values: dict[int, object] = {}
                for cell in cells:
                    column = getattr(cell, "column", None)
                    row = getattr(cell, "row", None)
                    if isinstance(column, int) and isinstance(row, int):
                        number = row
                        values[column - 1] = _excel_cell(cell)
                if any(_text(value).strip() for value in values.values()):
                    width = max(values) + 1
                    rows.append((number, [values.get(i) for i in range(width)]))
    except RegisterError:
        raise
    except Exception as error:
        after = f" after row {number}" if number else ""
        raise _file_error(
            source,
            f"not a readable Excel workbook (.xlsx){after}: {error or type(error).__name__}",
        ) from None
    finally:
        workbook.close()
    return rows
