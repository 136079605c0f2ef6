#!/usr/bin/env python3
"""Writes conv_fixtures.json: PyTorch reference values for GANTensor's conv2d and
convTranspose2d, first and second order.

For each case, inputs x, w and the projections proj, v, u are drawn in float32; everything
else is computed in float64 from those float32 values and rounded to float32 on output:
  y    = op(x, w)
  L    = sum(y * proj);            grad_x, grad_w = dL/dx, dL/dw
  Hx   = <dL/dx, v>  (create_graph); hx_x, hx_w   = dHx/dx, dHx/dw
  Hw   = <dL/dw, u>  (create_graph); hw_x, hw_w   = dHw/dx, dHw/dw
Usage (from the repository root; needs PyTorch, CI does not):
  python3 Tests/GANTensorTests/Fixtures/make_conv_fixtures.py
"""
import torch
import torch.nn.functional as F

from fixture_json import as_json, write_cases

# (x shape, w shape, stride, padding, output_padding); padding is an int or (rows, columns).
CONV2D = [
    ([2, 3, 5, 6], [4, 3, 3, 3], 1, 1, 0),
    ([2, 2, 8, 8], [3, 2, 4, 4], 2, 1, 0),
    ([1, 3, 7, 5], [2, 3, 3, 3], 2, 0, 0),
    ([3, 2, 6, 5], [2, 2, 2, 3], 1, 2, 0),
    # 4×4, stride 2, padding 1, ≥ 8 channels, even output: GANTensor's Winograd path.
    ([3, 8, 8, 12], [9, 8, 4, 4], 2, 1, 0),
]
CONV_TRANSPOSE2D = [
    ([2, 4, 4, 4], [4, 3, 4, 4], 2, 1, 0),
    ([1, 3, 3, 5], [3, 2, 3, 3], 2, 1, 1),
    ([2, 2, 5, 4], [2, 3, 3, 3], 1, 1, 0),
    ([2, 3, 1, 1], [3, 2, 4, 4], 1, 0, 0),
    # The Winograd path of the transposed op (and of its pullbacks).
    ([2, 8, 2, 4], [8, 10, 4, 4], 2, 1, 0),
]
# Inception-v3's factorised kernels (1×7, 7×1, 1×3, 3×1) with per-axis padding; drawn after
# the cases above so that theirs stay as they were.
RECTANGULAR = [
    ("conv2d", [2, 3, 6, 9], [4, 3, 1, 7], 1, (0, 3), 0),
    ("conv2d", [2, 3, 9, 5], [4, 3, 7, 1], 1, (3, 0), 0),
    ("conv2d", [1, 4, 5, 6], [3, 4, 1, 3], 1, (0, 1), 0),
    ("conv2d", [1, 4, 6, 5], [3, 4, 3, 1], 2, (1, 0), 0),
    ("convTranspose2d", [2, 3, 4, 5], [3, 2, 1, 7], 1, (0, 3), 0),
    ("convTranspose2d", [1, 2, 3, 3], [2, 3, 3, 1], 2, (1, 0), 1),
]


def make_case(op, x_shape, w_shape, stride, padding, output_padding, gen):
    def draw(shape):
        return torch.randn(shape, generator=gen, dtype=torch.float32).to(torch.float64)

    x = draw(x_shape).requires_grad_()
    w = draw(w_shape).requires_grad_()

    def apply(x, w):
        if op == "conv2d":
            return F.conv2d(x, w, stride=stride, padding=padding)
        return F.conv_transpose2d(x, w, stride=stride, padding=padding, output_padding=output_padding)

    y = apply(x, w)
    proj = draw(list(y.shape))
    v, u = draw(x_shape), draw(w_shape)
    loss = (y * proj).sum()
    gx, gw = torch.autograd.grad(loss, [x, w], create_graph=True)
    hx_x, hx_w = torch.autograd.grad((gx * v).sum(), [x, w], retain_graph=True, allow_unused=True)
    hw_x, hw_w = torch.autograd.grad((gw * u).sum(), [x, w], allow_unused=True)
    zero = lambda g, like: torch.zeros_like(like) if g is None else g
    return {
        "op": op, "stride": stride, "padding": list(padding) if isinstance(padding, tuple) else [padding, padding],
        "outputPadding": output_padding,
        "x": as_json(x), "w": as_json(w), "proj": as_json(proj), "v": as_json(v), "u": as_json(u),
        "y": as_json(y), "gradX": as_json(gx), "gradW": as_json(gw),
        "hxX": as_json(zero(hx_x, x)), "hxW": as_json(zero(hx_w, w)),
        "hwX": as_json(zero(hw_x, x)), "hwW": as_json(zero(hw_w, w)),
    }


def main():
    gen = torch.Generator().manual_seed(20240611)
    cases = [make_case("conv2d", *c, gen) for c in CONV2D]
    cases += [make_case("convTranspose2d", *c, gen) for c in CONV_TRANSPOSE2D]
    cases += [make_case(*c, gen) for c in RECTANGULAR]
    write_cases(__file__, "conv_fixtures.json", cases)


if __name__ == "__main__":
    main()
