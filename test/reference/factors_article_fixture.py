"""Transcribe the article's printed rows (In[7], In[8], In[12], In[13]) into a test fixture.

Developer-only; run with /usr/bin/python3 from the repository root:
    /usr/bin/python3 test/reference/factors_article_fixture.py /path/to/001_4d97e8d5efbdb360.txt
Writes test/fixtures/factors/article-in8.json: the nine rows the article prints (five at
2000-01-31, four at 2024-07-31) with their raw In[7] fields exactly as printed (strings, so the
printed precision is kept) and the printed derived / normalised / composite columns.
"""
import csv
import io
import json
import sys


def table_after(text, marker):
    """The printed CSV-like table following a cell marker: header line + rows until a blank line."""
    i = text.index(marker)
    j = text.index("\nUnnamed: 0,", i)
    lines = []
    for line in text[j + 1:].split("\n"):
        if not line.strip():
            break
        lines.append(line)
    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    header = rows[0]
    body = [r for r in rows[1:] if r[0] != "..."]
    return header, body


def main(path):
    text = open(path, encoding="utf-8").read()
    out = {"source": "article 001, printed tables of In[7], In[8], In[12], In[13]", "rows": []}
    h7, b7 = table_after(text, "In [7]:")
    h8, b8 = table_after(text, "In [8]:")
    h12, b12 = table_after(text, "In [12]:")
    h13, b13 = table_after(text, "In [13]:")
    derived = ["at_delta", "wk_delta", "nco_delta", "fin_delta", "average_ta", "accruals", "leverage",
               "size", "cf_yield", "earning_yield", "sales_to_price", "yield"]
    for r7, r8, r12, r13 in zip(b7, b8, b12, b13):
        raw = {k: v for k, v in zip(h7[1:], r7[1:])}
        d8 = dict(zip(h8[1:], r8[1:]))
        d12 = dict(zip(h12[1:], r12[1:]))
        d13 = dict(zip(h13[1:], r13[1:]))
        assert raw["Instrument"] == d8["Instrument"] == d12["Instrument"] == d13["Instrument"]
        out["rows"].append({
            "raw": raw,
            "in8_printed": {k: d8[k] for k in derived + ["TR.F.WKGCAP(PERIOD=FY0)"]},
            "in12_printed": {k: v for k, v in d12.items() if k.endswith("_normalized")},
            "in12_components": {k: d12[k] for k in ["roa", "sector"]},
            "in13_printed": {k: d13[k] for k in ["profitability_normalized", "quality_normalized", "value_normalized"]},
        })
    with open("test/fixtures/factors/article-in8.json", "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(len(out["rows"]), "rows")


if __name__ == "__main__":
    main(sys.argv[1])
