"""Reference renderings of wide and long DataFrames by pandas 1.5.3 under the display options a
notebook uses (display.max_rows 60, min_rows 10, max_columns 20, width 80: pandas' defaults in a
Jupyter kernel), and under per-case option overrides. Checks lib/notebook/table-format.ts's
column truncation, wrapping of text/plain at display.width, and option handling
(test/notebook/table-options.test.ts). Developer-only: run with the Debian python3:

    /usr/bin/python3 test/reference/notebook_wide_tables.py > test/fixtures/notebook/pandas-wide-tables.json

Outside a Jupyter kernel pandas' max_columns default is 0 (terminal), so the notebook value 20 is
set here explicitly; repr() outside a terminal wraps at display.width, as in a notebook.
"""
import json
import math

import numpy as np
import pandas as pd

NOTEBOOK = {"display.max_rows": 60, "display.min_rows": 10, "display.max_columns": 20, "display.width": 80}
OPTION = {"maxRows": "display.max_rows", "minRows": "display.min_rows", "maxColumns": "display.max_columns", "width": "display.width"}

cases = []


def add(name, df, **options):
    cols = {}
    for c in df.columns:
        vals = []
        for v in df[c].tolist():
            if isinstance(v, float) and math.isnan(v):
                vals.append("NaN")
            else:
                vals.append(v)
        cols[str(c)] = vals
    settings = dict(NOTEBOOK)
    for k, v in options.items():
        settings[OPTION[k]] = v
    args = [x for kv in settings.items() for x in kv]
    with pd.option_context(*args):
        text = repr(df)
        html = df._repr_html_()
    cases.append({
        "name": name,
        "options": options,
        "columns": [str(c) for c in df.columns],
        "index": [x if isinstance(x, (int, str)) else str(x) for x in df.index.tolist()],
        "indexName": df.index.name,
        "data": cols,
        "dtypes": [("float" if str(t).startswith("float") else "int" if str(t).startswith("int") else "object") for t in df.dtypes],
        "text": text,
        "html": html,
    })


rng = np.random.default_rng(1)

wide = pd.DataFrame({f"col{i}": [i * 1.5, i / 3, -i] for i in range(25)})
wide.index.name = "idx"
add("25 float columns, named index: columns truncated, text wrapped at 80", wide)

# The shape of notebook 01's In[8] table: 51 columns, more than 60 rows, strings, ints and floats.
big = {"Date": pd.date_range("2019-01-31", periods=66, freq="M").strftime("%Y-%m-%d"), "ticker": ["MMM.N"] * 66}
for i in range(46):
    big[f"factor_{i}"] = np.round(rng.normal(0, 1, 66), 4)
big["count"] = np.arange(66)
big["label"] = ["long label text %d" % i for i in range(66)]
big["weight"] = np.round(rng.uniform(0, 1, 66), 6)
big = pd.DataFrame(big)
add("51 columns x 66 rows: rows and columns truncated", big)

mid = pd.DataFrame({f"measure_{i}": np.round(rng.normal(100, 30, 4), 3) for i in range(12)})
add("12 columns: not truncated, wrapped", mid)

headers = pd.DataFrame({"a_rather_long_column_name": [1, 2], "another_long_name_here": [0.5, 1.25], "x": ["s", "t"]})
add("headers wider than values", headers)

add("per call: max_columns None, width 200", big.head(3).iloc[:, :12], maxColumns=None, width=200)
add("per call: max_columns 6, width 60", wide, maxColumns=6, width=60)
add("per call: max_rows 8, min_rows 4", big.iloc[:, :4], maxRows=8, minRows=4)
add("per call: width None (one block)", mid, width=None)

print(json.dumps(cases, indent=1))
