#!/usr/bin/env python3
"""Writes stylegan2_ops_fixtures.json: the values and gradients of stylegan2-ada-pytorch's own
ops, for GANTensor's upfirdn2d (and upsample2d, downsample2d, filter2d), conv2dResample,
modulatedConv2d and minibatchStandardDeviation.

The official code is imported from a checkout of https://github.com/NVlabs/stylegan2-ada-pytorch
given as the first argument (it is not part of this repository); on CPU its ops run their
reference PyTorch implementations, nothing is compiled. Functions called:
  torch_utils/ops/upfirdn2d.py        setup_filter, upfirdn2d, upsample2d, downsample2d, filter2d
  torch_utils/ops/conv2d_resample.py  conv2d_resample
  training/networks.py                modulated_conv2d (fused_modconv=False; the fused path is
                                      computed too and must agree), MinibatchStdLayer

Inputs and projections are drawn in float32; everything else is computed in float64 from
those values (the filters stay float32 as setup_filter makes them) and rounded to float32:
  y = op(inputs);  L = sum(y * proj);  grad_k = dL/d input_k
  H = sum_k <grad_k, v_k> (create_graph);  hess_k = dH/d input_k   (nonlinear ops only)
Usage (needs PyTorch; CI does not):
  git clone https://github.com/NVlabs/stylegan2-ada-pytorch /tmp/stylegan2-ada-pytorch
  python3 Tests/GANTensorTests/Fixtures/make_stylegan2_ops_fixtures.py /tmp/stylegan2-ada-pytorch
"""
import sys

import torch

from fixture_json import as_json, write_cases

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else "stylegan2-ada-pytorch")
from torch_utils.ops import conv2d_resample, upfirdn2d  # noqa: E402  (the official code)
from training import networks  # noqa: E402

# (kind, x shape, filter, up, down, padding [x0, x1, y0, y1], flip_filter, gain). A filter given
# as a list of taps goes through setup_filter (outer product, normalised); a dict is a raw 2-D
# filter used as it is.
UPFIRDN = [
    ("upfirdn2d", [2, 3, 5, 6], [1, 3, 3, 1], 2, 1, [2, 1, 2, 1], False, 4.0),
    ("upfirdn2d", [2, 2, 8, 7], [1, 3, 3, 1], 1, 2, [1, 1, 1, 1], False, 1.0),
    ("upfirdn2d", [1, 2, 6, 6], [1, 2, 3], 1, 1, [-1, 2, 0, -2], True, 1.5),
    ("upfirdn2d", [1, 2, 5, 4], [1, 3, 3, 1], 2, 2, [1, 2, 0, 3], False, 1.0),
    ("upfirdn2d", [2, 1, 4, 5], {"height": 3, "width": 2}, 1, 2, [0, 1, 2, 0], False, 1.0),
    ("upsample2d", [2, 3, 4, 4], [1, 3, 3, 1], 2, 1, [0, 0, 0, 0], False, 1.0),
    ("downsample2d", [2, 3, 8, 8], [1, 3, 3, 1], 1, 2, [0, 0, 0, 0], False, 1.0),
    ("filter2d", [1, 2, 5, 6], [1, 3, 3, 1], 1, 1, [0, 0, 0, 0], False, 1.0),
]

# (x shape, w shape, up, down, padding, flip_weight): the shapes of StyleGAN2's Conv2dLayer
# (3×3 and 1×1 with down = 2) and synthesis layers (3×3 and 1×1 with up = 2, flip_weight off).
CONV_RESAMPLE = [
    ([2, 3, 6, 6], [4, 3, 3, 3], 1, 2, 1, True),
    ([2, 3, 6, 6], [4, 3, 1, 1], 1, 2, 0, True),
    ([2, 3, 4, 5], [4, 3, 3, 3], 2, 1, 1, False),
    ([2, 3, 4, 4], [2, 3, 1, 1], 2, 1, 0, False),
    ([2, 3, 5, 5], [4, 3, 3, 3], 1, 1, 1, False),
]

# (x shape, w shape, up, padding, demodulate, flip_weight, noise)
MODULATED = [
    ([2, 3, 5, 5], [4, 3, 3, 3], 1, 1, True, True, True),
    ([2, 3, 4, 4], [4, 3, 3, 3], 2, 1, True, False, False),
    ([3, 4, 4, 4], [3, 4, 1, 1], 1, 0, False, True, False),
]

# (x shape, group size, channels)
MBSTD = [
    ([8, 3, 4, 4], 4, 1),
    ([8, 4, 3, 3], 4, 2),
    ([2, 3, 4, 4], 4, 1),
]


def draw(shape, gen):
    return torch.randn(shape, generator=gen, dtype=torch.float32).to(torch.float64)


def derivatives(fn, inputs, gen, second_order):
    """y, dL/d inputs and (when second_order) dH/d inputs for L = <y, proj>, H = sum <grad, v>."""
    leaves = {k: v.clone().requires_grad_() for k, v in inputs.items()}
    y = fn(**leaves)
    proj = draw(list(y.shape), gen)
    grads = torch.autograd.grad((y * proj).sum(), list(leaves.values()), create_graph=second_order)
    out = {"inputs": {k: as_json(v) for k, v in inputs.items()}, "proj": as_json(proj), "y": as_json(y),
           "grad": {k: as_json(g) for k, g in zip(leaves, grads)}}
    if second_order:
        directions = {k: draw(list(v.shape), gen) for k, v in inputs.items()}
        h = sum((g * directions[k]).sum() for k, g in zip(leaves, grads))
        hess = torch.autograd.grad(h, list(leaves.values()), allow_unused=True)
        out["directions"] = {k: as_json(v) for k, v in directions.items()}
        out["hess"] = {k: as_json(torch.zeros_like(leaves[k]) if g is None else g) for k, g in zip(leaves, hess)}
    return out


def upfirdn_case(kind, x_shape, taps, up, down, padding, flip, gain, gen):
    if isinstance(taps, dict):
        f = torch.randn([taps["height"], taps["width"]], generator=gen, dtype=torch.float32)
        filt = {"height": taps["height"], "width": taps["width"], "taps": f.flatten().tolist(), "normalize": False}
    else:
        f = upfirdn2d.setup_filter(taps)
        filt = {"height": len(taps), "width": len(taps), "taps": [float(t) for t in taps], "normalize": True}
    x = draw(x_shape, gen)

    def fn(x):
        if kind == "upsample2d":
            return upfirdn2d.upsample2d(x, f, up=up)
        if kind == "downsample2d":
            return upfirdn2d.downsample2d(x, f, down=down)
        if kind == "filter2d":
            return upfirdn2d.filter2d(x, f)
        return upfirdn2d.upfirdn2d(x, f, up=up, down=down, padding=padding, flip_filter=flip, gain=gain)

    case = derivatives(fn, {"x": x}, gen, second_order=False)
    case.update({"kind": kind, "filter": filt, "up": up, "down": down, "firPadding": padding, "flipFilter": flip,
                 "gain": gain})
    return case


def conv_resample_case(x_shape, w_shape, up, down, padding, flip, gen):
    f = upfirdn2d.setup_filter([1, 3, 3, 1])
    inputs = {"x": draw(x_shape, gen), "w": draw(w_shape, gen)}

    def fn(x, w):
        # tanh makes the second derivative non-trivial in x as well as across x and w.
        y = conv2d_resample.conv2d_resample(x=x, w=w, f=f, up=up, down=down, padding=padding, flip_weight=flip)
        return torch.tanh(y)

    case = derivatives(fn, inputs, gen, second_order=True)
    case.update({"kind": "conv2dResample", "up": up, "down": down, "padding": padding, "flipWeight": flip})
    return case


def modulated_case(x_shape, w_shape, up, padding, demodulate, flip, with_noise, gen):
    f = upfirdn2d.setup_filter([1, 3, 3, 1])
    n, o = x_shape[0], w_shape[0]
    size = x_shape[2] * up
    inputs = {"x": draw(x_shape, gen), "weight": draw(w_shape, gen), "styles": draw([n, w_shape[1]], gen)}
    if with_noise:
        inputs["noise"] = draw([n, 1, size, size], gen)

    def run(fused, x, weight, styles, noise=None):
        return networks.modulated_conv2d(x=x, weight=weight, styles=styles, noise=noise, up=up, padding=padding,
                                         resample_filter=f, demodulate=demodulate, flip_weight=flip,
                                         fused_modconv=fused)

    fused = run(True, **inputs)
    unfused = run(False, **inputs)
    assert torch.allclose(fused, unfused, rtol=1e-10, atol=1e-10), "fused and unfused modulated_conv2d disagree"
    case = derivatives(lambda **k: torch.tanh(run(False, **k)), inputs, gen, second_order=True)
    case.update({"kind": "modulatedConv2d", "up": up, "padding": padding, "demodulate": demodulate,
                 "flipWeight": flip, "outChannels": o})
    return case


def mbstd_case(x_shape, group_size, channels, gen):
    layer = networks.MinibatchStdLayer(group_size=group_size, num_channels=channels)
    # A square keeps the second derivative non-trivial for the appended channels too.
    case = derivatives(lambda x: layer(x) ** 2, {"x": draw(x_shape, gen)}, gen, second_order=True)
    case.update({"kind": "minibatchStandardDeviation", "groupSize": group_size, "channels": channels})
    return case


def main():
    gen = torch.Generator().manual_seed(20261126)
    cases = [upfirdn_case(*c, gen) for c in UPFIRDN]
    cases += [conv_resample_case(*c, gen) for c in CONV_RESAMPLE]
    cases += [modulated_case(*c, gen) for c in MODULATED]
    cases += [mbstd_case(*c, gen) for c in MBSTD]
    write_cases(__file__, "stylegan2_ops_fixtures.json", cases)


if __name__ == "__main__":
    main()
