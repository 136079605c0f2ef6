#!/usr/bin/env python3
"""The PyTorch peer of `gankit-bench stylegan2` (docs/performance.md).

Times one StyleGAN2-32 training iteration -- one discriminator step, then one generator step --
on the CPU, the timed region of `gankit-bench stylegan2`:

  D main   G(z) without a graph (style mixing, random noise), D on the real and the generated
           batch, non-saturating loss;
  D R1     lazily, on every 16th D step (the official `D_reg_interval`): R1 on the same D pass's
           real batch (the input requires grad; the gradient of sum D(x) with create_graph),
           times 16, added to that step's loss -- as GANKit's pipeline schedules it;
  G main   G(z) with style mixing and noise, D on it with D's parameters frozen (the official
           training loop's `requires_grad_(False)`), non-saturating loss.

Reported like gankit-bench: the median of the steps without R1, the median of the steps with
it, and the amortised step (15 * without + with) / 16.

The networks are GANKit's `StyleGAN2Generator` / `StyleGAN2Discriminator` at 32 px with the
`stylegan2` family's defaults (z = w = 128, two mapping layers, channel_base 1024,
channel_max 128: 128 channels at 4 and 8 px, 64 at 16, 32 at 32), written here in plain PyTorch
after stylegan2-ada-pytorch's `training/networks.py`: the non-fused modulated convolution its
synthesis layers use while training, `conv2d_resample` and the reference `upfirdn2d` (the path
its custom ops take on a CPU; the [1, 3, 3, 1] filter as a depthwise 4x4 convolution); the
demodulation coefficients are computed as s^2 . (sum_k w^2)^T, which is the official
`(w.square().sum([2, 3, 4]) + 1e-8).rsqrt()` without the per-sample weights. Adam (0.0025,
betas (0, 0.99), the official settings; D's lr and betas rescaled by 16/17 as for lazy R1);
batch 64 from 512 uniform images in [-1, 1]; gamma 0.01 (the official `cifar` value).

Prints one `info` line, one summary line and, last, a JSON object whose `torch_` keys match
gankit-bench's; `G_params` and `D_params` let gankit-bench check that the two count the same.

Usage: python3 scripts/torch_stylegan2_bench.py [--steps 32] [--warmup 2] [--threads 2]
           [--batch 64] [--json out.json]      (pip install "torch==2.13.0+cpu")
"""
import math
import resource
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

import peer_common

LATENT = 128
INTERVAL = 16
SQRT2 = math.sqrt(2)


def channels(res, base=1024, maximum=128):
    """channels(res) = min(channel_base / res, channel_max), the official `channels_dict`."""
    return max(1, min(base // res, maximum))


def setup_filter(taps=(1, 3, 3, 1)):
    """The official `setup_filter([1, 3, 3, 1])`: the outer product, normalised to sum 1."""
    k = torch.tensor(taps, dtype=torch.float32)
    f = torch.outer(k, k)
    return f / f.sum()


FILTER = setup_filter()


def upfirdn2d(x, f, up=1, down=1, padding=(0, 0, 0, 0), gain=1):
    """The official `_upfirdn2d_ref` (flip_filter False): zero insertion, pad/crop, a depthwise
    convolution with the flipped filter, decimation."""
    n, c, h, w = x.shape
    px0, px1, py0, py1 = padding
    if up > 1:
        x = x.reshape(n, c, h, 1, w, 1)
        x = F.pad(x, [0, up - 1, 0, 0, 0, up - 1])
        x = x.reshape(n, c, h * up, w * up)
    x = F.pad(x, [max(px0, 0), max(px1, 0), max(py0, 0), max(py1, 0)])
    x = x[:, :, max(-py0, 0): x.shape[2] - max(-py1, 0), max(-px0, 0): x.shape[3] - max(-px1, 0)]
    f = (f * (gain ** (f.ndim / 2))).flip([0, 1])
    x = F.conv2d(x, f[None, None].repeat(c, 1, 1, 1), groups=c)
    return x[:, :, ::down, ::down]


def upsample2d(x, f=FILTER, up=2):
    fw = f.shape[1]
    p = ((fw + up - 1) // 2, (fw - up) // 2)
    return upfirdn2d(x, f, up=up, padding=(p[0], p[1], p[0], p[1]), gain=up * up)


def conv2d_resample(x, w, f=FILTER, up=1, down=1, padding=0, flip_weight=True):
    """The official `conv2d_resample` for groups = 1, with its fast paths."""
    kh, kw = w.shape[2], w.shape[3]
    fh, fw = (f.shape[0], f.shape[1]) if up > 1 or down > 1 else (1, 1)
    px0 = px1 = py0 = py1 = padding
    if up > 1:
        px0 += (fw + up - 1) // 2; px1 += (fw - up) // 2
        py0 += (fh + up - 1) // 2; py1 += (fh - up) // 2
    if down > 1:
        px0 += (fw - down + 1) // 2; px1 += (fw - down) // 2
        py0 += (fh - down + 1) // 2; py1 += (fh - down) // 2

    def conv(x, w, stride=1, pad=0):
        return F.conv2d(x, w if flip_weight else w.flip([2, 3]), stride=stride, padding=pad)

    if kw == 1 and kh == 1 and down > 1 and up == 1:
        return conv(upfirdn2d(x, f, down=down, padding=(px0, px1, py0, py1)), w)
    if down > 1 and up == 1:
        return conv(upfirdn2d(x, f, padding=(px0, px1, py0, py1)), w, stride=down)
    if up > 1:
        w = w.transpose(0, 1)
        px0 -= kw - 1; px1 -= kw - up
        py0 -= kh - 1; py1 -= kh - up
        pxt, pyt = max(min(-px0, -px1), 0), max(min(-py0, -py1), 0)
        x = F.conv_transpose2d(x, w if not flip_weight else w.flip([2, 3]), stride=up, padding=[pyt, pxt])
        return upfirdn2d(x, f, padding=(px0 + pxt, px1 + pxt, py0 + pyt, py1 + pyt), gain=up * up)
    assert px0 == px1 and py0 == py1 and px0 >= 0
    return conv(x, w, pad=[py0, px0])


def modulated_conv2d(x, weight, styles, noise=None, up=1, padding=0, demodulate=True, flip_weight=True):
    """The official `modulated_conv2d` with fused_modconv=False (its training path)."""
    n = x.shape[0]
    x = x * styles.reshape(n, -1, 1, 1)
    x = conv2d_resample(x, weight, up=up, padding=padding, flip_weight=flip_weight)
    if demodulate:
        dcoefs = ((styles * styles) @ weight.square().sum([2, 3]).t() + 1e-8).rsqrt()
        x = x * dcoefs.reshape(n, -1, 1, 1)
    if noise is not None:
        x = x + noise
    return x


class FullyConnected(nn.Module):
    """The official `FullyConnectedLayer`: W ~ N(0, 1)/lr, used as W . lr/sqrt(in); b . lr."""

    def __init__(self, inp, out, bias=True, lrelu=False, lr=1.0, bias_init=0.0):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out, inp) / lr)
        self.bias = nn.Parameter(torch.full([out], float(bias_init))) if bias else None
        self.weight_gain, self.bias_gain, self.lrelu = lr / math.sqrt(inp), lr, lrelu

    def forward(self, x):
        x = x.matmul((self.weight * self.weight_gain).t())
        if self.bias is not None:
            x = x + self.bias * self.bias_gain
        return F.leaky_relu(x, 0.2) * SQRT2 if self.lrelu else x


class Conv(nn.Module):
    """The official `Conv2dLayer`: W ~ N(0, 1) used as W / sqrt(in k^2), bias_act after."""

    def __init__(self, inp, out, k, bias=True, lrelu=True, down=1):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(out, inp, k, k))
        self.bias = nn.Parameter(torch.zeros(out)) if bias else None
        self.weight_gain, self.lrelu, self.down, self.padding = 1 / math.sqrt(inp * k * k), lrelu, down, k // 2

    def forward(self, x, gain=1.0):
        x = conv2d_resample(x, self.weight * self.weight_gain, down=self.down, padding=self.padding)
        if self.bias is not None:
            x = x + self.bias.reshape(1, -1, 1, 1)
        return F.leaky_relu(x, 0.2) * (SQRT2 * gain) if self.lrelu else x * gain


class SynthesisLayer(nn.Module):
    def __init__(self, inp, out, res, up=1):
        super().__init__()
        self.affine = FullyConnected(LATENT, inp, bias_init=1)
        self.weight = nn.Parameter(torch.randn(out, inp, 3, 3))
        self.bias = nn.Parameter(torch.zeros(out))
        self.noise_strength = nn.Parameter(torch.zeros([]))
        self.register_buffer("noise_const", torch.randn(res, res))
        self.up, self.res = up, res

    def forward(self, x, w):
        noise = torch.randn(x.shape[0], 1, self.res, self.res) * self.noise_strength
        x = modulated_conv2d(x, self.weight, self.affine(w), noise=noise, up=self.up, padding=1,
                             flip_weight=(self.up == 1))
        return F.leaky_relu(x + self.bias.reshape(1, -1, 1, 1), 0.2) * SQRT2


class ToRGB(nn.Module):
    def __init__(self, inp, img_channels=3):
        super().__init__()
        self.affine = FullyConnected(LATENT, inp, bias_init=1)
        self.weight = nn.Parameter(torch.randn(img_channels, inp, 1, 1))
        self.bias = nn.Parameter(torch.zeros(img_channels))
        self.weight_gain = 1 / math.sqrt(inp)

    def forward(self, x, w):
        x = modulated_conv2d(x, self.weight, self.affine(w) * self.weight_gain, demodulate=False)
        return x + self.bias.reshape(1, -1, 1, 1)


class SynthesisBlock(nn.Module):
    """The official `SynthesisBlock`, skip architecture."""

    def __init__(self, inp, out, res):
        super().__init__()
        self.res = res
        if inp == 0:
            self.const = nn.Parameter(torch.randn(out, res, res))
        else:
            self.conv0 = SynthesisLayer(inp, out, res, up=2)
        self.conv1 = SynthesisLayer(out, out, res)
        self.torgb = ToRGB(out)
        self.num_conv = 1 if inp == 0 else 2

    def forward(self, x, img, ws):
        if self.num_conv == 1:
            x = self.const.unsqueeze(0).repeat(ws[0].shape[0], 1, 1, 1)
            x = self.conv1(x, ws[0])
        else:
            x = self.conv1(self.conv0(x, ws[0]), ws[1])
        y = self.torgb(x, ws[self.num_conv])
        return x, (upsample2d(img) + y if img is not None else y)


class Generator(nn.Module):
    """Mapping (normalize_2nd_moment, two lrelu layers with lr multiplier 0.01, w_avg) and the
    skip synthesis network b4 ... b32; style mixing with probability 0.9 as the official run_G."""

    def __init__(self, res=32, mapping_layers=2, mixing=0.9):
        super().__init__()
        self.mapping = nn.ModuleDict({f"fc{i}": FullyConnected(LATENT, LATENT, lrelu=True, lr=0.01)
                                      for i in range(mapping_layers)})
        self.register_buffer("w_avg", torch.zeros(LATENT))
        blocks, r = [], 4
        while r <= res:
            blocks.append(SynthesisBlock(0 if r == 4 else channels(r // 2), channels(r), r))
            r *= 2
        self.synthesis = nn.ModuleList(blocks)
        self.num_ws = sum(b.num_conv for b in blocks) + 1
        self.mixing = mixing

    def map(self, z):
        x = z * (z.square().mean(1, keepdim=True) + 1e-8).rsqrt()
        for layer in self.mapping.values():
            x = layer(x)
        return x

    def forward(self, z):
        w = self.map(z)
        with torch.no_grad():
            self.w_avg.copy_(w.detach().mean(0).lerp(self.w_avg, 0.995))
        ws = [w] * self.num_ws
        cutoff = int(torch.randint(1, self.num_ws, []))
        if float(torch.rand([])) < self.mixing:
            other = self.map(torch.randn_like(z))
            ws[cutoff:] = [other] * (self.num_ws - cutoff)
        x = img = None
        index = 0
        for block in self.synthesis:
            x, img = block(x, img, ws[index: index + block.num_conv + 1])
            index += block.num_conv
        return img


class DiscriminatorBlock(nn.Module):
    """The official `DiscriminatorBlock`, resnet architecture."""

    def __init__(self, tmp, out, from_rgb):
        super().__init__()
        self.fromrgb = Conv(from_rgb, tmp, 1) if from_rgb else None
        self.conv0 = Conv(tmp, tmp, 3)
        self.conv1 = Conv(tmp, out, 3, down=2)
        self.skip = Conv(tmp, out, 1, bias=False, lrelu=False, down=2)

    def forward(self, x):
        if self.fromrgb is not None:
            x = self.fromrgb(x)
        y = self.skip(x, gain=math.sqrt(0.5))
        return y + self.conv1(self.conv0(x), gain=math.sqrt(0.5))


class Discriminator(nn.Module):
    """Blocks b32 ... b8 and the epilogue: minibatch std (group 4, 1 channel), 3x3 conv, fc, out."""

    def __init__(self, res=32, img_channels=3, group=4):
        super().__init__()
        blocks, r = [], res
        while r > 4:
            blocks.append(DiscriminatorBlock(channels(r), channels(r // 2), img_channels if r == res else 0))
            r //= 2
        self.blocks = nn.ModuleList(blocks)
        c = channels(4)
        self.conv = Conv(c + 1, c, 3)
        self.fc = FullyConnected(c * 16, c, lrelu=True)
        self.out = FullyConnected(c, 1)
        self.group = group

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        n, c, h, w = x.shape
        g = min(self.group, n)
        y = x.reshape(g, -1, 1, c, h, w)
        y = (y - y.mean(0)).square().mean(0).add(1e-8).sqrt().mean([2, 3, 4]).reshape(-1, 1, 1, 1)
        x = torch.cat([x, y.repeat(g, 1, h, w)], 1)
        return self.out(self.fc(self.conv(x).flatten(1)))


def run(steps, warmup, batch, gamma):
    """Per-iteration wall times in ms, split by whether R1 was due, and the CPU times in ms
    (all threads) of all timed iterations."""
    torch.manual_seed(0)
    g, d = Generator(), Discriminator()
    ratio = INTERVAL / (INTERVAL + 1)
    opt_g = torch.optim.Adam(g.parameters(), lr=0.0025, betas=(0.0, 0.99), eps=1e-8)
    opt_d = torch.optim.Adam(d.parameters(), lr=0.0025 * ratio, betas=(0.0, 0.99 ** ratio), eps=1e-8)
    pool = torch.rand(512, 3, 32, 32) * 2 - 1
    times, cpu = {False: [], True: []}, []
    for step in range(warmup + steps):
        real = pool[torch.randint(0, 512, (batch,))]
        start, cpu_start = time.perf_counter(), time.process_time()
        due = step % INTERVAL == 0
        # D main (+ R1 when due).
        d.requires_grad_(True)
        with torch.no_grad():
            fake = g(torch.randn(batch, LATENT))
        if due:
            real = real.detach().requires_grad_(True)
        real_logits = d(real)
        loss = F.softplus(-real_logits).mean() + F.softplus(d(fake)).mean()
        if due:
            (grad,) = torch.autograd.grad(real_logits.sum(), real, create_graph=True)
            loss = loss + grad.square().sum() * (gamma / 2 / batch) * INTERVAL
        opt_d.zero_grad(set_to_none=True)
        loss.backward()
        opt_d.step()
        # G main.
        d.requires_grad_(False)
        loss_g = F.softplus(-d(g(torch.randn(batch, LATENT)))).mean()
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        if step >= warmup:
            times[due].append((time.perf_counter() - start) * 1e3)
            cpu.append((time.process_time() - cpu_start) * 1e3)
    return times, cpu


def own_arguments(parser):
    parser.add_argument("--r1-gamma", type=float, default=0.01)


def main():
    args = peer_common.parse_arguments(__doc__, steps=32, warmup=2, add_own=own_arguments)
    info = peer_common.start(args)
    times, cpu = run(args.steps, args.warmup, args.batch, args.r1_gamma)
    if not times[True] or not times[False]:
        raise SystemExit(f"need steps with and without R1: with --warmup {args.warmup} and --steps {args.steps}, "
                         f"{len(times[True])} timed steps ran R1 (it runs when the step index is a multiple of {INTERVAL})")
    without, due = statistics.median(times[False]), statistics.median(times[True])
    amortised = ((INTERVAL - 1) * without + due) / INTERVAL
    report = {
        "torch_stylegan2_main_step_ms": without, "torch_stylegan2_r1_due_step_ms": due,
        "torch_stylegan2_lazy_r1_step_ms": amortised,
        "torch_stylegan2_cpu_ms_per_step": statistics.median(cpu),
        # ru_maxrss is in kB on Linux.
        "torch_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "G_params": sum(p.numel() for p in Generator().parameters()),
        "D_params": sum(p.numel() for p in Discriminator().parameters()),
        "steps": args.steps, "warmup": args.warmup, "threads": info["threads"],
    }
    print(f"PyTorch: {without:.1f} ms without R1, {due:.1f} ms with it ({len(times[True])} of {args.steps} steps), "
          f"amortised {amortised:.1f} ms; median CPU time {statistics.median(cpu):.1f} ms per step over all threads")
    peer_common.finish(report, info, args)


if __name__ == "__main__":
    main()
