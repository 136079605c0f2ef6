"""Writes ada_official.json: the official StyleGAN2-ADA AugmentPipe (NVlabs'
stylegan2-ada-pytorch, `training/augment.py`), run unchanged on CPU, with every random draw
it makes and the matrices it builds from them, so GANKit's ADA can be checked against it
without PyTorch.

    python3 ada_official_fixture.py /path/to/stylegan2-ada-pytorch [output.json]

The argument is a checkout of the official repository (its `training/` and `torch_utils/`
folders are imported from there; nothing is copied into GANKit). On CPU the custom CUDA ops
fall back to the repository's own reference implementations (`upfirdn2d._upfirdn2d_ref`,
`torch.nn.functional.grid_sample`).

For each case the pipeline is built with the named multipliers (one operation alone, or a
preset of the authors' `train.py`) and the overall probability p, the global generator is
seeded, and `torch.rand`/`torch.randn` are wrapped so every value they return is noted in
call order ("u" uniform, "n" normal) — the order in which GANKit's `sampleParameters` asks a
`RandomDrawing` for them. A line tracer on `AugmentPipe.forward` copies the local `G_inv` (the
3x3 inverse geometric matrix per sample, before padding and upsampling adjust it) and `C` (the
4x4 colour matrix) at the lines that test them. The file holds one input batch per channel count
(3 and 1); each case names its input and records the draws, those matrices and the output. All tensors are float32, printed with 9 significant digits (exact).
"""
import inspect
import json
import sys

import torch

if len(sys.argv) < 2:
    sys.exit("usage: ada_official_fixture.py OFFICIAL_REPOSITORY [OUTPUT_JSON]")
sys.path.insert(0, sys.argv[1])
output_path = sys.argv[2] if len(sys.argv) > 2 else "ada_official.json"

from training import augment  # noqa: E402  (the official module, imported from the path given)

PRESETS = {  # the authors' train.py `augpipe_specs`
    "blit": dict(xflip=1, rotate90=1, xint=1),
    "geom": dict(scale=1, rotate=1, aniso=1, xfrac=1),
    "color": dict(brightness=1, contrast=1, lumaflip=1, hue=1, saturation=1),
    "bgc": dict(xflip=1, rotate90=1, xint=1, scale=1, rotate=1, aniso=1, xfrac=1,
                brightness=1, contrast=1, lumaflip=1, hue=1, saturation=1),
}
OPERATIONS = ["xflip", "rotate90", "xint", "scale", "rotate", "aniso", "xfrac",
              "brightness", "contrast", "lumaflip", "hue", "saturation"]

# (name, multipliers, p, channels, seed). Single operations at p = 1 fire on every sample
# (x-flip and luma flip still pick 0 or 1); the presets at p = 0.6 leave some gates shut.
CASES = [(op, {op: 1}, 1.0, 3, 100 + k) for k, op in enumerate(OPERATIONS)]
CASES += [
    ("blit", PRESETS["blit"], 0.6, 3, 200),
    ("geom", PRESETS["geom"], 0.6, 3, 201),
    ("color", PRESETS["color"], 0.6, 3, 202),
    ("bgc", PRESETS["bgc"], 0.6, 3, 203),
    ("bgc-p1", PRESETS["bgc"], 1.0, 3, 204),
    ("bgc-grey", PRESETS["bgc"], 0.6, 1, 205),
    ("bgc-p0", PRESETS["bgc"], 0.0, 3, 206),
]
BATCH, HEIGHT, WIDTH = 4, 10, 14  # non-square, to catch a swapped x/y

forward_lines, first_line = inspect.getsourcelines(augment.AugmentPipe.forward)
WATCH = {}
for offset, text in enumerate(forward_lines):
    stripped = text.strip()
    if stripped.startswith("if G_inv is not I_3"):
        WATCH[first_line + offset] = "G_inv"
    if stripped.startswith("if C is not I_4"):
        WATCH[first_line + offset] = "C"
assert sorted(WATCH.values()) == ["C", "G_inv"], WATCH


def run(pipe, images):
    """The pipeline's output, its draws, and G_inv and C as it tests them."""
    draws, captured = [], {}
    rand, randn = torch.rand, torch.randn

    def noted(kind, function):
        def wrapper(*args, **kwargs):
            values = function(*args, **kwargs)
            draws.extend([kind, float(v)] for v in values.flatten().tolist())
            return values
        return wrapper

    def tracer(frame, event, arg):
        if frame.f_code is not augment.AugmentPipe.forward.__code__:
            return None

        def local(frame, event, arg):
            if event == "line" and frame.f_lineno in WATCH:
                name = WATCH[frame.f_lineno]
                value = frame.f_locals[name]
                captured[name] = None if value is frame.f_locals["I_3" if name == "G_inv" else "I_4"] else value.detach().clone()
            return local
        return local

    torch.rand, torch.randn = noted("u", rand), noted("n", randn)
    sys.settrace(tracer)
    try:
        with torch.no_grad():
            out = pipe(images)
    finally:
        sys.settrace(None)
        torch.rand, torch.randn = rand, randn
    return out, draws, captured


def values(t):
    return [float("%.9g" % v) for v in t.flatten().tolist()]


# One batch of images in [-0.9, 0.9] per channel count, shared by the cases.
INPUTS = {}
for channels, label in [(3, "rgb"), (1, "grey")]:
    generator = torch.Generator().manual_seed(channels)
    INPUTS[label] = torch.rand([BATCH, channels, HEIGHT, WIDTH], generator=generator) * 1.8 - 0.9

cases = []
for name, spec, p, channels, seed in CASES:
    label = "rgb" if channels == 3 else "grey"
    images = INPUTS[label]
    pipe = augment.AugmentPipe(**spec)
    pipe.p.copy_(torch.as_tensor(p))
    torch.manual_seed(seed)
    out, draws, captured = run(pipe, images)
    g, c = captured.get("G_inv"), captured.get("C")
    cases.append({
        "name": name, "multipliers": spec, "p": p, "shape": list(images.shape),
        "input": label, "draws": draws,
        "geometry": None if g is None else [values(m) for m in g.expand(BATCH, 3, 3)],
        "color": None if c is None else [values(m) for m in c.expand(BATCH, 4, 4)],
        "output": values(out),
    })

with open(output_path, "w") as f:
    json.dump({"generator": "Tests/AugmentationTests/Fixtures/ada_official_fixture.py",
               "official": "NVlabs/stylegan2-ada-pytorch training/augment.py AugmentPipe",
               "torch": torch.__version__,
               "inputs": {label: values(images) for label, images in INPUTS.items()}, "cases": cases}, f, separators=(",", ":"))
    f.write("\n")
print(f"wrote {len(cases)} cases to {output_path}")
