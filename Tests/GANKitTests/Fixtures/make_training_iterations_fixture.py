#!/usr/bin/env python3
"""Writes training_iterations.json: four whole StyleGAN2 training iterations of
stylegan2-ada-pytorch's own loss, optimisers and generator EMA on a tiny StyleGAN2 with fixed
weights, for GANKit's `TrainingPipeline` with `RegularizationSteps.separate`
(StyleGAN2TrainingIterationTests).

The official code is imported from a checkout of https://github.com/NVlabs/stylegan2-ada-pytorch
given as the first argument (it is not part of this repository); on CPU its ops run their
reference PyTorch implementations, nothing is compiled. The networks are the tiny pair of
Tests/GANModelsTests/Fixtures/tiny_stylegan2.py (16 px, batch 4) with every weight redrawn; G in
training mode, so each call of the loss's `run_G` moves w_avg and draws per-pixel noise.

Each iteration runs the phases of `training/training_loop.py` with its own code for a phase
(`opt.zero_grad(set_to_none=True)`, `module.requires_grad_(True)`, `StyleGAN2Loss.accumulate_gradients`
with gain = the phase's interval, `nan_to_num` of the gradients, `opt.step()`), its optimisers
(Adam for each network, the lazy phases' `mb_ratio` correction of lr and betas) and its G EMA
update (`ema_nimg = min(ema_kimg · 1000, cur_nimg · ema_rampup)`, β = 0.5^(batch / ema_nimg),
parameters lerped, buffers copied), in GANKit's phase order: Dmain, Dreg (when due), Gmain, Greg
(when due), then the EMA. (The official loop runs G's phases before D's; GANKit's pipeline runs
D's first. Everything else is the official code's.) Settings:
  Adam lr 0.0025, betas (0, 0.99), eps 1e-8 for both networks (the official `auto`'s);
  R1 γ = 1 every 2 D steps (`D_reg_interval=2`); path length weight 2, decay 0.01, batch
  shrink 2 every 2 G steps (`G_reg_interval=2`); style mixing 0.9 (`style_mixing_prob`); the
  official `AugmentPipe` with the `bgc` operations (the pipe's sym6 filter) from p = 0.5, adjusted
  by training_loop.py's ADA heuristic every 2 iterations (`ada_interval=2`) from the signs of D's
  logits on the reals that its Dmain and Dreg phases report, towards `ada_target=0.3` with
  `ada_kimg=0.1` (a step of 0.08); D's output bias is shifted so that its logits on the reals
  start centred on zero and their signs differ (the target lies between the second window's
  r_t with and without the Dreg phase's signs); EMA ema_kimg 0.01, ema_rampup 1 (so that β moves in four iterations: 0, 0.5,
  0.707, then capped at 0.5^(4/10)); the data set is four images, so every iteration's real
  batch is those four, in the order GANKit's `BatchSampler` shuffles them (Fisher–Yates with its
  own `RandomSource`, seeded with the pipeline's seed + 0x5EED; the augmentation's draws are per
  row, so the order matters).
The random draws are GANKit's, so the two codes see the same numbers: `RandomSource` below is
GANKit's (`Sources/GANTensor/RandomSource.swift`: xoshiro256** seeded through SplitMix64,
Box–Muller normals in Double). The pipeline's source (seed 7) gives, in order, D's latents of
each iteration, the augmentation's draws for D's reals and then for its fakes, on a D
regularisation step the draws for the reals again and one word (the seed of its fakes'
augmentation, which no penalty here reads), G's latents and the draws for G's fakes, and on a
G regularisation step its latents, one word (the same seed) and the path length's y (standard
normal, [2, 3, 16, 16]). The official loss receives the latents through `gen_z`, y through
`torch.randn_like`, and the augmentation's draws through the `torch.rand` and `torch.randn`
calls of `AugmentPipe.forward`, in the pipe's own order of calls (GANKit's ADA asks for the same
values in the same order, Tests/AugmentationTests/Fixtures/ada_official_fixture.py; a uniform is
GANKit's 53-bit `uniformDouble` in float32). The official Dmain phase augments the fakes before
the reals, so each call is handed the draws GANKit made for its images. G's per-pixel noise comes, as in GANKit's generator, from a
source seeded with the FNV-1a hash of its latents' shape and float bits, drawn layer by layer as
[N, 1, r, r]; the official `SynthesisLayer` receives it through `torch.randn`.
Recorded, every tensor as {"shape", "values"} (row-major, 9 significant digits):
  G.<name>, D.<name>        the starting weights and buffers (except the fixed resample filters)
  reals                     the four real images [4, 3, 16, 16], uniform in [-1, 1]
  order.<k>, z.<k>.D, z.<k>.G, z.<k>.Greg, y.<k>   the draws of iteration k (1-based; Greg and y only
                            when due): the real batch's order, the latents, the path length's y
  <k>.G.<name>, <k>.D.<name>  every parameter and buffer after iteration k
  <k>.G_ema.<name>          the EMA's parameters after iteration k
  <k>.pl_mean               the path length's running mean after iteration k
  <k>.ada_p, <k>.ada_rt     the augmentation probability after iteration k, and r_t when p was adjusted
  <k>.loss.<phase>          the phase's loss as the official code reports it (mean over the batch)
and `mixed`, whether each call of `run_G` mixed styles, in order.
Usage (needs PyTorch; CI does not):
  git clone https://github.com/NVlabs/stylegan2-ada-pytorch /tmp/stylegan2-ada-pytorch
  python3 Tests/GANKitTests/Fixtures/make_training_iterations_fixture.py /tmp/stylegan2-ada-pytorch
"""
import copy
import math
import os
import sys

import numpy as np
import torch

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else "stylegan2-ada-pytorch")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "GANModelsTests", "Fixtures"))
from tiny_stylegan2 import CONFIG, build, entry, record_weights, write  # noqa: E402  (needs the official code)
from torch_utils import misc  # noqa: E402  (the official code)
from training import augment  # noqa: E402
from training import loss as official_loss  # noqa: E402

MASK = (1 << 64) - 1
SEED = 7
ITERATIONS = 4
SETTINGS = dict(lr=0.0025, betas=(0.0, 0.99), eps=1e-8, r1_gamma=1.0, d_reg_interval=2, g_reg_interval=2,
                pl_weight=2.0, pl_decay=0.01, pl_batch_shrink=2, ema_kimg=0.01, ema_rampup=1.0, style_mixing_prob=0.9,
                ada_p=0.5, ada_target=0.3, ada_interval=2, ada_kimg=0.1)
BGC = dict(xflip=1, rotate90=1, xint=1, scale=1, rotate=1, aniso=1, xfrac=1, brightness=1, contrast=1, lumaflip=1, hue=1,
           saturation=1)  # train.py's `augpipe_specs['bgc']`


class RandomSource:
    """GANKit's RandomSource: xoshiro256** seeded through SplitMix64; normals by Box–Muller in
    Double, the second of each pair kept for the next draw."""

    def __init__(self, seed):
        sm, state = seed & MASK, []
        for _ in range(4):
            sm = (sm + 0x9E3779B97F4A7C15) & MASK
            z = sm
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            state.append(z ^ (z >> 31))
        self.state, self.spare = state, None

    @staticmethod
    def rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK

    def next(self):
        s0, s1, s2, s3 = self.state
        result = (self.rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 17) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = self.rotl(s3, 45)
        self.state = [s0, s1, s2, s3]
        return result

    def integer(self, low, high):
        """A uniform integer in [low, high): Swift's `next(upperBound:)` (Lemire's nearly
        divisionless method), as `RandomSource.integer(in:)` calls it."""
        bound = high - low
        m = self.next() * bound
        if m & MASK < bound:
            threshold = ((-bound) & MASK) % bound
            while m & MASK < threshold:
                m = self.next() * bound
        return low + (m >> 64)

    def uniform_double(self):
        """Uniform in [0, 1) with 53 random bits."""
        return (self.next() >> 11) * 2.0 ** -53

    def uniform(self):
        """Uniform in [0, 1) with 24 random bits."""
        return np.float32((self.next() >> 40) * 2.0 ** -24)

    def normal(self):
        if self.spare is not None:
            value, self.spare = self.spare, None
            return np.float32(value)
        u1 = 1 - self.uniform_double()
        u2 = self.uniform_double()
        r = math.sqrt(-2 * math.log(u1))
        theta = 2 * math.pi * u2
        self.spare = r * math.sin(theta)
        return np.float32(r * math.cos(theta))

    def tensor(self, shape):
        """GANKit's `Tensor.normal(shape, using:)`: row-major draws."""
        return torch.from_numpy(np.array([self.normal() for _ in range(int(np.prod(shape)))], dtype=np.float32).reshape(shape))


def seed_of(z):
    """GANKit's StyleGAN2Generator.seed(of:): FNV-1a over the shape's extents and the float bits,
    each as eight little-endian bytes."""
    h = 0xCBF29CE484222325

    def mix(value):
        nonlocal h
        for byte in range(8):
            h ^= (value >> (8 * byte)) & 0xFF
            h = (h * 0x100000001B3) & MASK

    for extent in z.shape:
        mix(int(extent))
    for bits in z.detach().numpy().astype(np.float32).reshape(-1).view(np.uint32):
        mix(int(bits))
    return h


def requested_shape(size):
    """The shape a `torch.rand`/`torch.randn` call asks for, given as one sequence or as extents."""
    return list(size[0]) if len(size) == 1 and isinstance(size[0], (list, tuple, torch.Size)) else list(size)


class GANKitDraws:
    """Hands the official code GANKit's draws: while a `run_G` runs, its style mixing's cutoff
    (`Tensor.random_`), the uniform that decides it (`torch.rand`), the second latent
    (`torch.randn_like`) and the per-pixel noise (`torch.randn` of a shape [N, 1, r, r]) come, in
    that order, from a source seeded with the latents' hash, as in GANKit's generator; while the
    `AugmentPipe` runs, its `torch.rand` and `torch.randn` calls return the next of `pending`'s
    lists of draws; elsewhere `torch.randn_like` returns the path length's y when one is set."""

    def __init__(self, mixing_probability):
        self.mixing_probability, self.mixing, self.decisions = mixing_probability, False, []
        self.noise, self.y, self.augmenting, self.pending = None, None, None, []
        self.randn, self.randn_like, self.rand, self.random_ = torch.randn, torch.randn_like, torch.rand, torch.Tensor.random_

    def install(self, loss, pipe):
        original_run_G, original_augment = loss.run_G, pipe.forward

        def run_G(z, c, sync):
            self.noise = RandomSource(seed_of(z))
            try:
                return original_run_G(z, c, sync)
            finally:
                self.noise = None

        def augment(images, debug_percentile=None):
            self.augmenting = list(self.pending.pop(0))
            try:
                return original_augment(images, debug_percentile)
            finally:
                assert not self.augmenting, f"{len(self.augmenting)} draws left unused"
                self.augmenting = None

        loss.run_G, pipe.forward = run_G, augment
        torch.randn = self.patched_randn
        torch.randn_like = self.patched_randn_like
        torch.rand = self.patched_rand
        torch.Tensor.random_ = lambda tensor, low, high: self.patched_random_(tensor, low, high)

    def augmentation_calls(self, pipe, shape):
        """The kind ('u' or 'n') and shape of each `torch.rand`/`torch.randn` call of one
        `AugmentPipe.forward` on images of `shape`, in order (they do not depend on the values)."""
        calls = []
        rand, randn = torch.rand, torch.randn

        def recording(kind, function):
            def wrapper(size, **kwargs):
                calls.append((kind, list(size)))
                return function(size, **kwargs)
            return wrapper

        torch.rand, torch.randn = recording("u", self.rand), recording("n", self.randn)
        try:
            pipe.forward(torch.zeros(shape))
        finally:
            torch.rand, torch.randn = rand, randn
        return calls

    @staticmethod
    def augmentation_draws(source, calls):
        """GANKit's ADA draws for one batch from `source`: for each call, its values in order
        (`uniformDouble` for 'u', `normal` for 'n'), as float32 tensors of the call's shape."""
        draws = []
        for kind, shape in calls:
            values = [source.uniform_double() if kind == "u" else source.normal() for _ in range(int(np.prod(shape)))]
            draws.append((kind, torch.tensor(np.array(values, dtype=np.float32).reshape(shape))))
        return draws

    def augmentation_value(self, kind, size):
        expected, values = self.augmenting.pop(0)
        assert expected == kind and list(values.shape) == list(size), f"the pipe asked for {kind} {size}, expected {expected} {list(values.shape)}"
        return values

    def patched_randn(self, *size, **kwargs):
        shape = requested_shape(size)
        if self.augmenting is not None:
            return self.augmentation_value("n", shape)
        if self.noise is not None and len(shape) == 4 and shape[1] == 1:
            return self.noise.tensor(shape)
        assert self.noise is None, f"an unexpected draw {shape} inside run_G"
        return self.randn(*size, **kwargs)

    def patched_rand(self, *size, **kwargs):
        shape = requested_shape(size)
        if self.augmenting is not None:
            return self.augmentation_value("u", shape)
        assert self.noise is not None and shape == [], f"an unexpected torch.rand {size}"
        u = self.noise.uniform()
        self.mixing = bool(u < np.float32(self.mixing_probability))
        self.decisions.append(self.mixing)
        return torch.tensor(u)

    def patched_random_(self, tensor, low, high):
        assert self.noise is not None and tensor.shape == torch.Size([]), "an unexpected Tensor.random_"
        return tensor.fill_(self.noise.integer(low, high))

    def patched_randn_like(self, like, **kwargs):
        if self.noise is not None:  # the second latent, drawn by GANKit only when it mixes
            return self.noise.tensor(list(like.shape)) if self.mixing else torch.zeros_like(like)
        assert self.y is not None and list(self.y.shape) == list(like.shape), "an unexpected randn_like"
        return self.y.clone()


def main():
    c, s = CONFIG, SETTINGS
    G, D = build(redrawn=("G", "D"))
    G.train()
    D.train()
    G.requires_grad_(False)
    D.requires_grad_(False)
    G_ema = copy.deepcopy(G).eval()
    n, r = c["batch"], c["resolution"]
    reals = torch.rand([n, c["channels"], r, r]) * 2 - 1
    with torch.no_grad():  # D's logits on the reals centred on zero, so that the signs ADA counts differ
        D.b4.out.bias.sub_(D(reals, torch.zeros([n, 0])).mean())

    out = {"config": c, "settings": s, "tensors": {}}
    t = out["tensors"]
    record_weights(t, G=G, D=D)
    t["reals"] = entry(reals)

    pipe = augment.AugmentPipe(**BGC).train().requires_grad_(False)
    pipe.p.copy_(torch.as_tensor(s["ada_p"]))
    loss = official_loss.StyleGAN2Loss(device=torch.device("cpu"), G_mapping=G.mapping, G_synthesis=G.synthesis, D=D, augment_pipe=pipe,
                                       style_mixing_prob=s["style_mixing_prob"], r1_gamma=s["r1_gamma"], pl_batch_shrink=s["pl_batch_shrink"],
                                       pl_decay=s["pl_decay"], pl_weight=s["pl_weight"])
    draws = GANKitDraws(s["style_mixing_prob"])
    calls = draws.augmentation_calls(pipe, [n, c["channels"], r, r])
    draws.install(loss, pipe)
    reported, signs = {}, []

    def report(name, value):  # training_stats.report, and the ADA statistics' Collector(regex='Loss/signs/real')
        reported[name] = value
        if name == "Loss/signs/real":
            signs.append(value.detach().flatten())
        if name == "Loss/scores/real":
            smallest[0] = min(smallest[0], value.detach().abs().min().item())
        return value

    smallest = [float("inf")]
    official_loss.training_stats.report = report

    def optimizer(module, reg_interval):  # training_loop.py's phase set-up, lazy regularisation
        mb_ratio = reg_interval / (reg_interval + 1)
        return torch.optim.Adam(module.parameters(), lr=s["lr"] * mb_ratio, betas=[b ** mb_ratio for b in s["betas"]], eps=s["eps"])

    opt_G, opt_D = optimizer(G, s["g_reg_interval"]), optimizer(D, s["d_reg_interval"])

    def run_phase(name, module, opt, interval, gen_z, real_img):  # training_loop.py's body for one phase
        opt.zero_grad(set_to_none=True)
        module.requires_grad_(True)
        empty = torch.zeros([n, 0])
        loss.accumulate_gradients(phase=name, real_img=real_img, real_c=empty, gen_z=gen_z, gen_c=empty, sync=True, gain=interval)
        assert not draws.pending, f"{name}: {len(draws.pending)} augmentations' draws left unused"
        module.requires_grad_(False)
        for param in module.parameters():
            if param.grad is not None:
                misc.nan_to_num(param.grad, nan=0, posinf=1e5, neginf=-1e5, out=param.grad)
        opt.step()

    pipeline, sampler = RandomSource(SEED), RandomSource(SEED + 0x5EED)
    cur_nimg = 0
    for batch_idx in range(ITERATIONS):
        k = batch_idx + 1
        reported.clear()
        order = list(range(n))  # BatchSampler's reshuffle
        for i in range(n - 1, 0, -1):
            j = sampler.integer(0, i + 1)
            order[i], order[j] = order[j], order[i]
        batch = reals[order]
        t[f"order.{k}"] = entry(torch.tensor(order))
        z = pipeline.tensor([n, c["z_dim"]])
        t[f"z.{k}.D"] = entry(z)
        augment_reals = draws.augmentation_draws(pipeline, calls)
        augment_fakes = draws.augmentation_draws(pipeline, calls)
        draws.pending = [augment_fakes, augment_reals]  # the official Dmain augments the fakes first
        run_phase("Dmain", D, opt_D, 1, z, batch)
        t[f"{k}.loss.Dmain"] = entry(reported["Loss/D/loss"].mean())
        if batch_idx % s["d_reg_interval"] == 0:
            draws.pending = [draws.augmentation_draws(pipeline, calls)]
            pipeline.next()  # the seed of the D regularisation step's fakes' augmentation (unused here)
            run_phase("Dreg", D, opt_D, s["d_reg_interval"], z, batch)
            t[f"{k}.loss.Dreg"] = entry(reported["Loss/D/reg"].mean())
        z = pipeline.tensor([n, c["z_dim"]])
        t[f"z.{k}.G"] = entry(z)
        draws.pending = [draws.augmentation_draws(pipeline, calls)]
        run_phase("Gmain", G, opt_G, 1, z, batch)
        t[f"{k}.loss.Gmain"] = entry(reported["Loss/G/loss"].mean())
        if batch_idx % s["g_reg_interval"] == 0:
            z = pipeline.tensor([n, c["z_dim"]])
            pipeline.next()  # the seed of the G regularisation step's fakes' augmentation (unused here)
            draws.y = pipeline.tensor([n // s["pl_batch_shrink"], c["channels"], r, r])
            t[f"z.{k}.Greg"], t[f"y.{k}"] = entry(z), entry(draws.y)
            run_phase("Greg", G, opt_G, s["g_reg_interval"], z, batch)
            draws.y = None
            t[f"{k}.loss.Greg"] = entry(reported["Loss/G/reg"].mean())
        # training_loop.py's "Update G_ema".
        ema_nimg = min(s["ema_kimg"] * 1000, cur_nimg * s["ema_rampup"])
        ema_beta = 0.5 ** (n / max(ema_nimg, 1e-8))
        with torch.no_grad():
            for p_ema, p in zip(G_ema.parameters(), G.parameters()):
                p_ema.copy_(p.lerp(p_ema, ema_beta))
            for b_ema, b in zip(G_ema.buffers(), G.buffers()):
                b_ema.copy_(b)
        cur_nimg += n
        # training_loop.py's "Execute ADA heuristic" (after batch_idx += 1): the mean of every sign
        # reported since the last adjustment, Dmain's and Dreg's.
        if k % s["ada_interval"] == 0:
            rt = torch.cat(signs).mean().item()
            signs.clear()
            adjust = np.sign(rt - s["ada_target"]) * (n * s["ada_interval"]) / (s["ada_kimg"] * 1000)
            pipe.p.copy_((pipe.p + adjust).max(misc.constant(0, device=torch.device("cpu"))))
            t[f"{k}.ada_rt"] = entry(torch.tensor(rt))
        t[f"{k}.ada_p"] = entry(pipe.p)
        record_weights(t, **{f"{k}.G": G, f"{k}.D": D})
        for name, p in G_ema.named_parameters():
            t[f"{k}.G_ema.{name}"] = entry(p)
        t[f"{k}.pl_mean"] = entry(loss.pl_mean)

    out["mixed"] = draws.decisions
    path = write(__file__, "training_iterations.json", out)
    losses = {name: v["values"][0] for name, v in t.items() if ".loss." in name}
    print(f"wrote {path}: {len(t)} tensors; mixed {draws.decisions}; losses {losses}")
    print(f"ADA: p {[t[f'{k}.ada_p']['values'][0] for k in range(1, ITERATIONS + 1)]}, "
          f"r_t {[v['values'][0] for name, v in t.items() if name.endswith('.ada_rt')]}; smallest |D(real)| {smallest[0]:.3g}")


if __name__ == "__main__":
    main()
