"""Reference values for OptimizerTests: torch.optim.Adam and SGD with momentum on a tiny
quadratic, Float32, written as the Swift file TorchOptimizerReference.swift.
Run from Tests/GANNNTests: python3 Fixtures/optimizer_reference.py > TorchOptimizerReference.swift"""
import numpy as np
import torch

torch.set_default_dtype(torch.float32)
A = torch.tensor([[1.0, 2.0], [0.5, 4.0]])
C = torch.tensor([[0.3, -0.7], [1.2, 0.1]])
D = torch.tensor([0.5, -0.25, 2.0])


def loss(w, b):
    """0.5·Σ A⊙(w − C)² + 1.5·Σ (b − D)² + 0.1·(Σw)(Σb)"""
    return 0.5 * (A * (w - C) ** 2).sum() + 1.5 * ((b - D) ** 2).sum() + 0.1 * w.sum() * b.sum()


def run(make_optimiser, steps):
    w = torch.tensor([[1.0, 0.5], [-0.5, 2.0]], requires_grad=True)
    b = torch.tensor([0.0, 1.0, -1.0], requires_grad=True)
    opt = make_optimiser([w, b])
    history = []
    for _ in range(steps):
        opt.zero_grad()
        loss(w, b).backward()
        opt.step()
        history.append(torch.cat([w.detach().flatten(), b.detach()]).tolist())
    return history, opt, w, b


def swift(values):
    """Shortest decimal that rounds back to the same Float32."""
    return "[" + ", ".join(str(np.float32(v)) for v in values) + "]"


print(f"/// Float32 reference values written by Fixtures/optimizer_reference.py (torch.optim, PyTorch {torch.__version__}).")
print("enum TorchOptimizerReference {")
for label, make in [
    ("adam", lambda ps: torch.optim.Adam(ps, lr=0.1, betas=(0.5, 0.999))),
    ("adamWeightDecay", lambda ps: torch.optim.Adam(ps, lr=0.05, betas=(0.9, 0.99), eps=1e-6, weight_decay=0.1)),
    ("sgdMomentum", lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, weight_decay=0.01)),
]:
    history, opt, w, b = run(make, 5)
    print(f"    // {label}: w then b after each of 5 steps")
    print(f"    static let {label}History: [[Float]] = [")
    for row in history:
        print("        " + swift(row) + ",")
    print("    ]")
    if label.startswith("adam"):
        s = opt.state[w]
        print(f"    static let {label}WeightM: [Float] = {swift(s['exp_avg'].flatten().tolist())}")
        print(f"    static let {label}WeightV: [Float] = {swift(s['exp_avg_sq'].flatten().tolist())}")
print("}")
