"""What the PyTorch fixture scripts of this folder share (make_conv_fixtures.py,
make_resampling_fixtures.py, make_stylegan2_ops_fixtures.py): a tensor as the tests read it,
and the fixture file they write beside themselves. A script imports it as `from fixture_json
import …`: Python puts the folder of the script it runs on the import path.
"""
import json
import os

import torch


def as_json(t):
    """`t` in float32 as {"shape": [...], "values": [...]}, row-major, 9 significant digits (which
    round-trip float32)."""
    t = t.detach().to(torch.float32)
    return {"shape": list(t.shape), "values": [float("%.9g" % v) for v in t.flatten().tolist()]}


def write_cases(script, name, cases):
    """Writes {"generator": the script's file name, "torch": torch's version, "cases": cases} as
    compact JSON to the file `name` in the folder of `script` (the caller's `__file__`), and
    says so."""
    path = os.path.join(os.path.dirname(os.path.abspath(script)), name)
    with open(path, "w") as f:
        json.dump({"generator": os.path.basename(script), "torch": torch.__version__, "cases": cases}, f,
                  separators=(",", ":"))
    print(f"wrote {path} ({os.path.getsize(path)} bytes, {len(cases)} cases)")
