"""Recomputes the PyTorch reference values that DCGANTests checks: parameter counts, names and
shapes of the 32-px DCGAN of scripts/torch_dcgan_bench.py (G and D copied from it below),
and, with every parameter set by a closed-form rule, G(z), D(x), D(G(z)) and R1 = mean_i
||d(sum_j D(x_j))/dx_i||^2 with its gradient's norm for two of D's weights (float64).
Run: python3 dcgan32_reference.py (PyTorch 2.x)."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


class G(nn.Module):  # copied from torch_dcgan_bench.py
    def __init__(self, nz=128, ngf=64):
        super().__init__()
        self.fc = nn.Linear(nz, 4 * 4 * ngf * 4)
        self.bn0 = nn.BatchNorm2d(ngf * 4)
        self.net = nn.Sequential(
            nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1), nn.BatchNorm2d(ngf * 2), nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1), nn.BatchNorm2d(ngf), nn.ReLU(True),
            nn.ConvTranspose2d(ngf, 3, 4, 2, 1), nn.Tanh(),
        )
        self.ngf = ngf

    def forward(self, z):
        h = self.fc(z).view(-1, self.ngf * 4, 4, 4)
        return self.net(F.relu(self.bn0(h)))


class D(nn.Module):  # copied from torch_dcgan_bench.py
    def __init__(self, ndf=64):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(3, ndf, 4, 2, 1), nn.LeakyReLU(0.2, True),
            nn.Conv2d(ndf, ndf * 2, 4, 2, 1), nn.LeakyReLU(0.2, True),
            nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1), nn.LeakyReLU(0.2, True),
        )
        self.fc = nn.Linear(4 * 4 * ndf * 4, 1)

    def forward(self, x):
        return self.fc(self.net(x).flatten(1))


def closed_form(model):
    """Parameter k (in named_parameters order) of shape s gets amp * sin(0.37 i + 0.1 k) at flat
    index i, amp = 1/sqrt(fan_in) (fan_in = s[1] * prod(s[2:])) for rank >= 2, else 0.1."""
    with torch.no_grad():
        for k, (_, p) in enumerate(model.named_parameters()):
            amp = 1 / math.sqrt(p.shape[1] * math.prod(p.shape[2:])) if p.dim() >= 2 else 0.1
            i = torch.arange(p.numel(), dtype=torch.float64)
            p.copy_((amp * torch.sin(0.37 * i + 0.1 * k)).reshape(p.shape))


g, d = G(), D()
print("G_params", sum(p.numel() for p in g.parameters()), "D_params", sum(p.numel() for p in d.parameters()))
for name, model in (("G", g), ("D", d)):
    print(name, [(n, list(p.shape)) for n, p in model.named_parameters()])

closed_form(g)
closed_form(d)
z = torch.cos(0.21 * torch.arange(2 * 128, dtype=torch.float64)).reshape(2, 128)
x = (0.9 * torch.cos(0.13 * torch.arange(2 * 3 * 32 * 32, dtype=torch.float64))).reshape(2, 3, 32, 32).requires_grad_()
fake = g(z)  # training mode: batch statistics
print("G(z) at", [0, 1, 777, 1500, 3071, 3072, 4999, 6143], fake.flatten()[[0, 1, 777, 1500, 3071, 3072, 4999, 6143]].tolist())
print("D(G(z))", d(fake).flatten().tolist())
out = d(x)
(gx,) = torch.autograd.grad(out.sum(), x, create_graph=True)
r1 = gx.pow(2).sum(dim=[1, 2, 3]).mean()
dw0, dfc = torch.autograd.grad(r1, [d.net[0].weight, d.fc.weight])
print("D(x)", out.flatten().tolist(), "R1", r1.item())
print("norm dR1/dnet.0.weight", dw0.norm().item(), "norm dR1/dfc.weight", dfc.norm().item())
