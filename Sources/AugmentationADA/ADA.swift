import Foundation
import GANCore

/// Adaptive discriminator augmentation (Karras, Aittala, Hellsten, Laine, Lehtinen and Aila,
/// NeurIPS 2020, "Training Generative Adversarial Networks with Limited Data"), made to match
/// the authors' `AugmentPipe` (StyleGAN2-ADA's `training/augment.py`; the controller from its
/// `training/training_loop.py`, the presets from its `train.py`); docs/methods.md "ADA".
///
/// **Operations.** Each `Operation` with multiplier m fires per sample with probability m·p
/// (the two free rotations each with 1 − √(1 − m·p), so that one of them fires with
/// probability m·p); `preset` sets the multipliers to 1 for its operations and 0 for the
/// others (default `bgc`), and `multipliers` overrides single ones. In the authors' order and
/// with their draw order (all values of an operation, then its per-sample gates): x-flip,
/// rotation by a multiple of 90°, integer translation by up to ±0.125 of the size, isotropic
/// scaling 2^(0.2·N), pre-rotation θ ~ U(−π, π), anisotropic scaling 2^(0.2·N), post-rotation,
/// fractional translation N(0, 0.125²) of the size. They are composed into one inverse affine
/// matrix per sample (output pixel → input pixel, in pixel units about the image centre)
/// and applied once. With `filter` `.sym6` as the authors do: the batch is
/// padded by reflection about the border pixels' centres (by the largest margin any sample
/// needs plus 6 pixels, at most size − 1), upsampled 2× with the sym6 wavelet low-pass
/// filter, sampled bilinearly (zero outside the padded image), filtered with sym6 and
/// downsampled 2×; with `.bilinear` (the default: the sym6 path costs ≈ 6–17× more and adds
/// 18–33 % to a DCGAN-32 training iteration on a CPU, docs/methods.md "ADA"), sampled
/// bilinearly at 1× with the source point mirrored about the border pixels' centres.
/// Then the colour operations — brightness + N(0, 0.2²), contrast 2^(0.5·N), luma flip,
/// hue rotation θ ~ U(−π, π) and saturation 2^N, both about the luma axis (1, 1, 1)/√3 — are
/// composed into one 4×4 matrix on (r, g, b, 1). For one-channel images the authors skip hue
/// and saturation and apply the mean row of the matrix: `x·Σⱼ mean_i C[i, j] + mean_i C[i, 3]`
/// (so brightness, contrast and the luma flip, which negates a grey image).
///
/// **Controller.** At the end of each iteration the pipeline passes D's logits on the augmented
/// reals of each of its D steps to `observe` (and those of a separate regularisation step to
/// `observeRegularizationStep`). Every `interval` D steps,
/// `r_t = mean(sign(D(aug(x_real))))` over the logits seen since the last adjustment (the
/// regularisation steps' among them, as the authors' training loop counts its 'Dreg' phase) and
/// `p ← max(0, p + sign(r_t − target) · images / (speedKimg · 1000))`, where `images` is the
/// number of reals of those D steps (batch · interval: 5.12e-4 at batch 64). The authors do not bound p
/// above; GANKit clamps it at 1 unless `clampAtOne` is false. With `fixedP` the controller is
/// off and p stays put (r_t is still measured and logged). p and the controller's running sums
/// are checkpointed; `metrics` logs `ada.p` and, once measured, `ada.rt`.
///
/// **Data-parallel runs.** Every draw is per sample, so each process draws the whole batch's
/// matrices and applies its share's (`PerSampleAugmentation`); the pipeline passes `observe`
/// the logits of the whole real batch, gathered from the processes, so r_t and p are the same
/// in every process and equal a single process's.
public final class ADA: PerSampleAugmentation {
    /// The r_t the controller steers towards (the authors' `ada_target`, 0.6).
    public let target: Double
    /// D steps between adjustments of p (the authors' `ada_interval`, 4).
    public let interval: Int
    /// Thousands of real images over which p can go from 0 to 1 (the authors' `ada_kimg`, 500).
    public let speedKimg: Double
    /// p at the start of training (before any clamp).
    public let initialP: Double
    /// The fixed probability, when the controller is off.
    public let fixedP: Double?
    /// Whether p is kept ≤ 1 (GANKit's default; the authors do not clamp).
    public let clampAtOne: Bool
    /// The preset the multipliers start from.
    public let preset: Preset
    /// Every operation's probability multiplier: the preset's, with the given ones laid over.
    public let multipliers: [Operation: Double]
    /// How the geometric matrix is applied.
    public let filter: Filter

    /// The checkpointed state: p and the sums since the last adjustment.
    struct State: Codable, Equatable {
        var p: Double
        /// Σ sign(D(aug(x_real))) since the last adjustment.
        var signSum: Double = 0
        /// Logits whose signs `signSum` holds: the D steps' reals and those of separate
        /// regularisation steps.
        var signed: Int = 0
        /// Reals of the D steps observed since the last adjustment.
        var observed: Int = 0
        /// D steps observed since the last adjustment.
        var steps: Int = 0
        /// The last r_t measured, nil before the first adjustment.
        var rt: Double?

        init(p: Double) { self.p = p }

        /// Reads a checkpoint written before `signed` was recorded, when it always equalled
        /// `observed`.
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            p = try c.decode(Double.self, forKey: .p)
            signSum = try c.decode(Double.self, forKey: .signSum)
            observed = try c.decode(Int.self, forKey: .observed)
            signed = try c.decodeIfPresent(Int.self, forKey: .signed) ?? observed
            steps = try c.decode(Int.self, forKey: .steps)
            rt = try c.decodeIfPresent(Double.self, forKey: .rt)
        }
    }
    private var state: State

    /// - Parameters:
    ///   - target: the r_t to steer towards.
    ///   - interval: D steps between adjustments.
    ///   - speedKimg: thousands of reals for p to move by 1.
    ///   - initialP: p at the start of training.
    ///   - fixedP: a constant p; turns the controller off.
    ///   - clampAtOne: keep p ≤ 1.
    ///   - preset: the operations that fire (multiplier 1; the others 0).
    ///   - multipliers: multipliers that replace the preset's, each ≥ 0.
    ///   - filter: how the geometry is resampled.
    public init(target: Double = Options().target, interval: Int = Options().interval, speedKimg: Double = Options().speedKimg,
                initialP: Double = Options().initialP, fixedP: Double? = Options().fixedP, clampAtOne: Bool = Options().clampAtOne,
                preset: Preset = Options().preset, multipliers: [Operation: Double] = Options().multipliers,
                filter: Filter = Options().filter) {
        precondition(target.isFinite, "ADA: target must be a number, got \(target)")
        precondition(interval >= 1, "ADA: interval must be ≥ 1, got \(interval)")
        precondition(speedKimg > 0 && speedKimg.isFinite, "ADA: speedKimg must be positive, got \(speedKimg)")
        precondition(initialP >= 0 && initialP.isFinite, "ADA: initialP must be ≥ 0, got \(initialP)")
        if let fixedP { precondition(fixedP >= 0 && fixedP.isFinite, "ADA: fixedP must be ≥ 0, got \(fixedP)") }
        for (operation, m) in multipliers {
            precondition(m >= 0 && m.isFinite, "ADA: the \(operation.rawValue) multiplier must be ≥ 0, got \(m)")
        }
        self.target = target
        self.interval = interval
        self.speedKimg = speedKimg
        self.initialP = initialP
        self.fixedP = fixedP
        self.clampAtOne = clampAtOne
        self.preset = preset
        self.multipliers = Dictionary(uniqueKeysWithValues: Operation.allCases.map { operation in
            (operation, multipliers[operation] ?? (preset.operations.contains(operation) ? 1 : 0))
        })
        self.filter = filter
        state = State(p: fixedP ?? (clampAtOne ? min(initialP, 1) : initialP))
    }

    public var name: String { "ada" }

    /// The current augmentation probability.
    public var p: Double { state.p }

    /// The last measured r_t, nil before the first adjustment.
    public var rt: Double? { state.rt }

    /// The change of p per adjustment at `batch` images per D step, before its sign:
    /// batch · interval / (speedKimg · 1000).
    public func adjustmentStep(batch: Int) -> Double { Double(batch * interval) / (speedKimg * 1000) }

    public func observe(realLogits: Tensor, batch: Int) {
        count(realLogits, batch: batch, "ADA.observe")
        state.observed += batch
        state.steps += 1
        guard state.steps >= interval else { return }
        let rt = state.signSum / Double(state.signed)
        state.rt = rt
        if fixedP == nil {
            let direction: Double = rt > target ? 1 : rt < target ? -1 : 0
            var p = max(0, state.p + direction * Double(state.observed) / (speedKimg * 1000))
            if clampAtOne { p = min(p, 1) }
            state.p = p
        }
        state.signSum = 0
        state.signed = 0
        state.observed = 0
        state.steps = 0
    }

    public func observeRegularizationStep(realLogits: Tensor, batch: Int) {
        count(realLogits, batch: batch, "ADA.observeRegularizationStep")
    }

    /// Adds the signs of `realLogits`, one per real of a batch of `batch`, to the sums.
    private func count(_ realLogits: Tensor, batch: Int, _ caller: String) {
        precondition(realLogits.count == batch, "\(caller): \(realLogits.count) logits (shape \(realLogits.shape)) for a batch of \(batch)")
        state.signSum += realLogits.scalars.reduce(0.0) { $0 + ($1 > 0 ? 1 : $1 < 0 ? -1 : 0) }
        state.signed += batch
    }

    public var metrics: [String: Double] {
        var values = ["ada.p": state.p]
        if let rt = state.rt { values["ada.rt"] = rt }
        return values
    }

    public func encodeState() throws -> Data? { try encode(state) }

    public func restoreState(from data: Data) throws {
        state = try decode(State.self, from: data, component: "augmentation ada")
    }
}
