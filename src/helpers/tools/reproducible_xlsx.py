"""Save Excel workbooks reproducibly: the same content always gives the same bytes.

Used by the template writer and the synthetic example. It lives on its own so that code
which only reads workbooks (and the notebooks importing it) does not depend on the
template writer: the pipeline's cache key follows imports.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
import tempfile
import zipfile
from pathlib import Path

from openpyxl import Workbook

FIXED_TIME = _dt.datetime(2024, 1, 1, 0, 0, 0)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

_INLINE_RE = re.compile(
    r'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>'
)
_CELL_REF_RE = re.compile(r'<c r="([A-Z]+)(\d+)"')
_SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _share_strings(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Make openpyxl's output look like Excel's: shared strings and a <dimension>.

    openpyxl writes every text cell as an inline string and, in write-only mode, no
    <dimension>; Excel (and most tools) write a shared-string table and a dimension.
    Both matter for reading speed: openpyxl parses inline strings slowly, and without a
    dimension it scans the whole sheet just to open the workbook. Only the plain
    inline strings openpyxl writes are converted; anything else is left as it is.
    """
    if "xl/sharedStrings.xml" in parts:
        return parts
    index: dict[str, int] = {}
    count = 0

    def to_shared(m: re.Match) -> str:
        nonlocal count
        count += 1
        idx = index.setdefault(m.group(3), len(index))
        return f'<c {m.group(1)}t="s"{m.group(2)}><v>{idx}</v></c>'

    out = dict(parts)
    for name, data in parts.items():
        if not (name.startswith("xl/worksheets/sheet") and name.endswith(".xml")):
            continue
        text = data.decode("utf-8")
        text = _INLINE_RE.sub(to_shared, text)
        if "<dimension " not in text:
            refs = _CELL_REF_RE.findall(text)
            if refs:
                from openpyxl.utils import column_index_from_string, get_column_letter

                max_col = max(column_index_from_string(c) for c in {c for c, _ in refs})
                max_row = max(int(r) for _, r in refs)
                dim = f'<dimension ref="A1:{get_column_letter(max_col)}{max_row}" />'
                if "</sheetPr>" in text:
                    text = text.replace("</sheetPr>", "</sheetPr>" + dim, 1)
                else:
                    text = re.sub(r"(<worksheet[^>]*>)", rf"\g<1>{dim}", text, count=1)
        out[name] = text.encode("utf-8")
    if not index:
        return out
    items = "".join(f'<si><t xml:space="preserve">{s}</t></si>' for s in index)
    out["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{count}" uniqueCount="{len(index)}">{items}</sst>'
    ).encode()
    types = out["[Content_Types].xml"].decode("utf-8")
    types = types.replace(
        "</Types>",
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SST_TYPE}" /></Types>',
    )
    out["[Content_Types].xml"] = types.encode("utf-8")
    rels = out["xl/_rels/workbook.xml.rels"].decode("utf-8")
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Type="{_SST_REL}" Target="sharedStrings.xml" Id="rIdSharedStrings" />'
        "</Relationships>",
    )
    out["xl/_rels/workbook.xml.rels"] = rels.encode("utf-8")
    return out


def save_workbook(wb: Workbook, path: str | Path) -> Path:
    """Save ``wb`` to ``path`` byte-for-byte reproducibly, via a temporary file.

    openpyxl stamps the save time into ``docProps/core.xml`` and into every zip entry;
    both are replaced by fixed values, so the same content gives the same bytes.
    """
    path = Path(path)
    wb.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src:
        parts = {info.filename: src.read(info.filename) for info in src.infolist()}
    parts = _share_strings(parts)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            if name == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rf"\g<1>{stamp}\g<2>",
                    text,
                )
                data = text.encode("utf-8")
            entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(out.getvalue())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the usual permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
