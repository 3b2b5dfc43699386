"""Reference for lib/data/membership.ts: the article's In[4]-In[5] in pandas.

Writes test/fixtures/data/membership.json: for each hand-made change history, the month-end
member lists pandas produces with groupby(...).agg(list).resample('M', convention='start').ffill()
followed by the extension of In[5] to the end date.  Run with /usr/bin/python3 (pandas 1.5).
"""
import json
import os

import pandas as pd

CASES = {
    "mid_month_change": ([("2000-01-01", ["A", "B"]), ("2000-02-15", ["A", "C"])], "2000-05-31"),
    "two_changes_one_month": (
        [("2000-01-01", ["A", "B"]), ("2000-03-03", ["A", "C"]), ("2000-03-30", ["D", "C"])],
        "2000-04-30",
    ),
    "gap_of_months": ([("2000-01-01", ["A"]), ("2000-06-30", ["B"])], "2000-08-31"),
    "month_end_and_first_of_month": ([("2000-01-31", ["A"]), ("2000-03-01", ["B"])], "2000-03-31"),
    "leap_february_and_year_turn": ([("1999-11-20", ["A", "B", "C"]), ("2000-02-29", ["C", "A"])], "2000-04-30"),
}


def monthly(changes, end):
    rows = [(d, r) for d, rics in changes for r in rics]
    df = pd.DataFrame(rows, columns=["Date", "RIC"]).set_index("Date")
    df.index = pd.to_datetime(df.index)
    grouped = df.groupby("Date")["RIC"].agg(list)
    m = pd.DataFrame(grouped.resample("M", convention="start").ffill())
    last = m.index[-1]
    extra = pd.date_range(start=last + pd.offsets.MonthEnd(1), end=end, freq="M")
    m = pd.concat([m, pd.DataFrame({"RIC": [m.iloc[-1]["RIC"]] * len(extra)}, index=extra)])
    return [{"Date": d.strftime("%Y-%m-%d"), "RIC": list(r)} for d, r in zip(m.index, m["RIC"])]


out = {
    name: {
        "changes": [{"Date": d, "RIC": r} for d, rics in ch for r in rics],
        "end": end,
        "expected": monthly(ch, end),
    }
    for name, (ch, end) in CASES.items()
}
path = os.path.join(os.path.dirname(__file__), "..", "fixtures", "data", "membership.json")
with open(path, "w") as f:
    json.dump({"generator": "test/reference/data_membership.py", "pandas": pd.__version__, "cases": out}, f, indent=1)
    f.write("\n")
print("wrote", os.path.normpath(path))
