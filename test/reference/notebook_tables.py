"""Reference renderings of DataFrames by pandas (text repr and notebook HTML), used to check
lib/notebook/table-format.ts. Developer-only: run with the Debian python3 (pandas 1.5.3):

    /usr/bin/python3 test/reference/notebook_tables.py > test/fixtures/notebook/pandas-tables.json
"""
import json
import math

import numpy as np
import pandas as pd

cases = []


def add(name, df):
    cols = {}
    for c in df.columns:
        vals = []
        for v in df[c].tolist():
            if isinstance(v, float) and math.isnan(v):
                vals.append("NaN")
            else:
                vals.append(v)
        cols[str(c)] = vals
    cases.append({
        "name": name,
        "columns": [str(c) for c in df.columns],
        "index": [x if isinstance(x, (int, str)) else str(x) for x in df.index.tolist()],
        "indexName": df.index.name,
        "data": cols,
        "dtypes": [("float" if str(t).startswith("float") else "int" if str(t).startswith("int") else "object") for t in df.dtypes],
        "text": repr(df),
        "html": df._repr_html_(),
    })


add("floats", pd.DataFrame({"a": [1.5, 2.25, -3.125], "b": [0.1, 0.2, 0.3], "c": [1.0, 2.0, 3.0]}))
add("ints_and_strings", pd.DataFrame({"n": [1, 20, 300], "s": ["x", "long text", "<b>&</b>"]}))
add("nan", pd.DataFrame({"x": [1.0, float("nan"), 3.5], "y": [float("nan")] * 3}))
add("large", pd.DataFrame({"assets": [1.3896e10, 6.1381e10, 1.48517e11], "ratio": [0.020778, -0.175806, 1.18046]}))
add("small", pd.DataFrame({"tiny": [1e-8, 0.5, 2.0]}))
add("mixed_sizes", pd.DataFrame({"v": [1234567.891, 2.5, 3.0]}))
add("negative_zero_mix", pd.DataFrame({"v": [-0.0, 0.0, -1.5]}))
rng = np.random.default_rng(0)
long = pd.DataFrame({"Date": pd.date_range("2000-01-31", periods=75, freq="M").strftime("%Y-%m-%d"),
                     "ret": np.round(rng.normal(0, 4, 75), 6), "w": np.round(rng.uniform(0, 1, 75), 4)})
add("long_truncated", long)
add("named_index", long.head(4).set_index("Date"))
add("exactly_60_rows", long.head(60))
print(json.dumps(cases, indent=1))
