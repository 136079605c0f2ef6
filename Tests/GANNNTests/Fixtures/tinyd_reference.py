"""Recomputes the double-backprop reference case of docs/methods.md (TinyD, float64)
that TinyDDoubleBackpropTests checks. Run: python3 tinyd_reference.py (PyTorch 2.x)."""
import math

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def table(n, scale, phase):
    return torch.tensor([scale * math.sin(0.37 * i + phase) for i in range(n)])


for name, act in [("lrelu", lambda t: F.leaky_relu(t, 0.2)), ("tanh", torch.tanh)]:
    conv_w = table(4 * 3 * 3 * 3, 0.2, 0.1).reshape(4, 3, 3, 3).requires_grad_()
    conv_b = table(4, 0.05, 0.2).requires_grad_()
    fc_w = table(64, 0.1, 0.3).reshape(1, 64).requires_grad_()
    fc_b = torch.tensor([0.01]).requires_grad_()
    x = torch.tensor([math.cos(0.21 * i) for i in range(2 * 3 * 8 * 8)]).reshape(2, 3, 8, 8).requires_grad_()
    d = F.linear(act(F.conv2d(x, conv_w, conv_b, stride=2, padding=1)).flatten(1), fc_w, fc_b)
    (gx,) = torch.autograd.grad(d.sum(), x, create_graph=True)
    r1 = gx.pow(2).sum(dim=[1, 2, 3]).mean()
    dw, db, dfc = torch.autograd.grad(r1, [conv_w, conv_b, fc_w])
    print(name, "D(x)", d.flatten().tolist(), "R1", r1.item())
    print("  sum dR1/dconv.w", dw.sum().item(), "norm", dw.norm().item(), "norm dR1/dfc.w", dfc.norm().item())
    print("  first four dR1/dconv.w", dw.flatten()[:4].tolist(), "dR1/dconv.b", db.tolist())
