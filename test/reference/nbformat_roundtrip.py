"""Writes a notebook with Jupyter's own writer (nbformat) so that lib/notebook/ipynb.ts can be
checked to serialise byte for byte the same. Developer-only (Debian python3):

    /usr/bin/python3 test/reference/nbformat_roundtrip.py > test/fixtures/notebook/nbformat-written.ipynb
"""
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

nb = new_notebook()
nb.metadata = {"kernelspec": {"display_name": "TypeScript", "language": "typescript", "name": "tslab"}}
nb.cells = [
    new_markdown_cell("# Title — with ünïcode\nsecond line\n", id="m1"),
    new_code_cell(
        "const x = 1;\nconsole.log(x)",
        id="c1",
        execution_count=1,
        metadata={"tags": ["In[3]", "parameters"]},
        outputs=[
            new_output("stream", name="stdout", text="a\nb\r\nc\rd\n"),
            new_output("display_data", data={"text/plain": "line1\nline2", "text/html": "<b>x</b>\n<i>y</i>",
                                             "application/vnd.plotly.v1+json": {"data": [{"y": [1, 2.5]}], "layout": {}}}),
            new_output("execute_result", execution_count=1, data={"text/plain": "42"}),
            new_output("error", ename="Error", evalue="boom", traceback=["t1", "t2"]),
        ],
    ),
    new_code_cell("", id="c2"),
]
sys.stdout.write(nbformat.writes(nb))
