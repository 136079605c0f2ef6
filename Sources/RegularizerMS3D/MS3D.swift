import GANCore

/// MS3D, multi-scale structural self-dissimilarity of the discriminator's gradient field
/// (Wang et al., "Improving generative adversarial networks with multi-scale structural
/// self-dissimilarity", ICML 2024, section 3.3, eqs. 7–10). It penalises D's input gradient for
/// looking different at different renormalisation-group scales — a D that has narrowed onto a
/// few training-set details has a gradient field with structure at one scale only.
///
/// 1. `g = ∂(Σᵢ D(xᵢ))/∂x` on the real batch (paper Table 8 default; `.fake` or `.both`
///    optional), with `createGraph: true` so the penalty trains D.
/// 2. Layout `.flattenedSquare` (the paper's): each sample's C·H·W values, zero-padded to S×S
///    with S the smallest power of two with S² ≥ C·H·W (3·32·32 → 64). `.spatial` (an ablation
///    the paper does not have): each channel as its own map, zero-padded at the bottom/right to a
///    power of two.
/// 3. Per sample, `M ← (M − min M) / (max M − min M + ε)`, ε = 1e-12, over the padded values of
///    all its channels (paper eq. 7).
/// 4. RG flow with `transform` (Kadanoff block-spin default, Gaussian option, paper Fig. 9b):
///    `P₀ = M`, `P_{k+1} = T(P_k)`, `SD_k = MSE(P_k, upsampleNearest(P_{k+1}, 2))`, for k < K
///    with K = log₂ S (down to 1×1) or `scales` if smaller.
/// 5. `MS3D = Σ_k SD_k`; the penalty is λ·MS3D. The paper uses λ = 100 for DCGAN/SNGAN and 10
///    for StyleGAN2-like models, which also run R1 (appendix C.3; `paperWeight(modelFamily:)`).
///
/// GANKit's default λ is `defaultWeight`, chosen by measurement (`docs/ms3d-calibration.md`,
/// records in `docs/results/ms3d-calibration.jsonl`), because at the paper's λ = 100 a DCGAN-32
/// on 500 Fashion-MNIST sneakers stays at chance: the penalty's parameter gradient starts at
/// ~50× the adversarial loss's, and D lowers MS3D ~20× within 25 steps by pushing the extremes
/// of each image's gradient field far out of the bulk ((max − min)/std of the field 7 → 40, so
/// the rest normalises to a near-constant) instead of learning (`docs/diagnostics.md` measures
/// both). Mean D(x) − D(G(z)) (logits) over
/// iterations 50–150 of `gankit train --data-source fashion-mnist --classes 7 --limit 500
/// --channels 1 --iterations 150 --regularizer ms3d:weight=λ`, seeds 1 / 2 (seed 0 from issue 12):
///
/// | λ              | 0 (no MS3D)        | 0.1         | 1           | 10                 | 100 (paper)          |
/// |----------------|--------------------|-------------|-------------|--------------------|----------------------|
/// | D(x) − D(G(z)) | 0.32 / 0.35 (0.31) | 0.32 / 0.34 | 0.31 / 0.34 | 0.19 / 0.26 (0.21) | 0.005 / 0.03 (0.016) |
///
/// λ = 10 is the largest λ of the sweep with which D trains (> 0.1); at 1 and 0.1 the penalty
/// barely acts (D trains as without it). It is also the paper's value for StyleGAN2-like models,
/// so one default serves every family. It is a default that trains, not one that improves
/// samples at 32 px: in the demo setting (1200 iterations, lazy R1, 500 EMA samples, seed 1)
/// FID is 186.0 with MS3D at λ = 10 against 150.9 without, as the paper's Limitations section
/// warns for 32×32 DCGAN/SNGAN.
///
/// The FID sweep (`docs/experiments.md`, specs `Examples/experiments/ms3d-weight-*.json`, mean
/// of seeds 1 and 2) kept λ = 10:
///
/// | setting                      | no MS3D | 0.1   | 1     | 10    | 100   |
/// |------------------------------|---------|-------|-------|-------|-------|
/// | DCGAN-32, sneakers, 600 it   | 197.9   | 178.3 | 200.3 | 197.4 | 182.6 |
/// | SNGAN-32, sneakers, 400 it   | 169.2   | 162.7 | 163.2 | 194.1 | 229.3 |
/// | DCGAN-64, EmojiOne, 2000 it  | 291.2   | 297.9 | 301.8 | 283.3 | 295.9 |
///
/// No weight is better in every setting; λ = 10 is the best at 64 px (the paper's setting for
/// its DCGAN claim) and worse on SNGAN-32, where λ ≤ 1 is the choice. λ = 0.1 scores better at
/// 32 px but leaves D's training as without the penalty (table above), so it is not a default.
///
/// Lazy: with `interval` k the penalty runs every k-th D step times k; when R1 runs at the
/// same steps the two share one real-image gradient (how the paper keeps the overhead at 0.2 %).
/// Each SD_k is logged as `ms3d.sd<k>`.
///
/// Every step is per sample (the gradient of Σᵢ D(xᵢ) is D's per sample when D has no batch
/// statistics, the normalisation is over each sample's values) and each SD_k is a mean over
/// equal per-sample blocks, so the penalty is a mean of per-sample terms without state
/// (`isMeanOverSamples`) and can train data-parallel.
public final class MS3D: Regularizer {
    /// How the gradient field is laid out as a matrix.
    public enum Layout: String, Codable, Sendable {
        case flattenedSquare
        case spatial
    }

    /// Which gradient field is penalised.
    public enum Field: String, Codable, Sendable {
        case real, fake, both
    }

    /// λ.
    public let weight: Float
    public let transform: any RGTransform
    public let layout: Layout
    public let field: Field
    /// At most this many scales (nil: down to 1×1).
    public let scales: Int?
    public let schedule: RegularizationSchedule
    static let epsilon: Float = 1e-12

    /// - Parameters:
    ///   - weight: λ (default `defaultWeight`, 10; the paper's values are `paperWeight(modelFamily:)`).
    ///   - transform: the RG transform (default Kadanoff block-spin, the paper's).
    ///   - layout: how the gradient field becomes a matrix (default the paper's flattened square).
    ///   - field: which gradient field is penalised (default the reals', paper Table 8).
    ///   - scales: at most this many scales (default nil: down to 1×1).
    ///   - interval: D steps between applications (default 1).
    public init(weight: Float = Options().weight, transform: any RGTransform = KadanoffBlockSpin(), layout: Layout = Options().layout,
                field: Field = Options().field, scales: Int? = Options().scales, interval: Int = Options().interval) {
        precondition(weight >= 0 && weight.isFinite, "MS3D: weight must be a non-negative number, got \(weight)")
        precondition(scales.map { $0 >= 1 } ?? true, "MS3D: scales must be ≥ 1, got \(scales!)")
        precondition(interval >= 1, "MS3D: interval must be ≥ 1, got \(interval)")
        self.weight = weight
        self.transform = transform
        self.layout = layout
        self.field = field
        self.scales = scales
        self.schedule = .lazy(.discriminator, interval: interval)
    }

    /// GANKit's default λ for every model family, chosen by the measurements in the type's doc
    /// comment; the paper's values stay available as `paperWeight(modelFamily:)`.
    public static let defaultWeight: Float = 10

    /// The paper's λ for a model family (appendix C.3): 10 for StyleGAN2-like models, 100
    /// otherwise — `ms3d:weight=100` on the command line for a DCGAN.
    public static func paperWeight(modelFamily: String) -> Float {
        modelFamily.lowercased().hasPrefix("stylegan") ? 10 : 100
    }

    public var name: String { "ms3d" }
    public var isMeanOverSamples: Bool { true }
    public var needsRealImageGradient: Bool { field != .fake }

    public func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        var fields: [Tensor] = []
        if field != .fake { fields.append(try context.realImageGradient()) }
        if field != .real {
            let fakes = context.fakeInputs.detached().requiringGradient()
            let logits = context.discriminator(fakes)
            fields.append(try logits.sum().gradients(wrt: [fakes], createGraph: true)[0])
        }
        var total: Tensor?
        for g in fields {
            let (value, perScale) = dissimilarity(g)
            total = total.map { $0 + value } ?? value
            for (k, sd) in perScale.enumerated() {
                context.metrics["ms3d.sd\(k)", default: 0] += Double(sd.item)
            }
        }
        return total.map { $0 * weight }
    }

    /// MS3D of a gradient field [N, C, H, W] and its per-scale terms SD_k.
    public func dissimilarity(_ g: Tensor) -> (total: Tensor, perScale: [Tensor]) {
        var p = normalised(matrix(g))
        let size = p.shape[2]
        let available = Int(log2(Double(size)).rounded())
        let count = Swift.min(scales ?? available, available)
        var perScale: [Tensor] = []
        for _ in 0..<count {
            let coarse = transform.coarseGrain(p)
            perScale.append((p - coarse.upsampleNearest(factor: 2)).squared().mean())
            p = coarse
        }
        let total = perScale.dropFirst().reduce(perScale.first ?? Tensor(0), +)
        return (total, perScale)
    }

    /// The field as square power-of-two matrices, [N, 1, S, S] or [N, C, S_H, S_W].
    public func matrix(_ g: Tensor) -> Tensor {
        precondition(g.rank == 4, "MS3D: the gradient field must be [N, C, H, W], got \(g.shape)")
        let (n, c, h, w) = (g.shape[0], g.shape[1], g.shape[2], g.shape[3])
        switch layout {
        case .flattenedSquare:
            var s = 1
            while s * s < c * h * w { s *= 2 }
            return g.reshaped([n, c * h * w]).padded([(0, 0), (0, s * s - c * h * w)]).reshaped([n, 1, s, s])
        case .spatial:
            let side = Self.powerOfTwo(atLeast: Swift.max(h, w))
            return g.padded([(0, 0), (0, 0), (0, side - h), (0, side - w)])
        }
    }

    /// Per-sample min–max normalisation to [0, 1]; gradients flow to the arg-min and arg-max.
    public func normalised(_ m: Tensor) -> Tensor {
        let low = m.min(axes: [1, 2, 3], keepDims: true)
        let high = m.max(axes: [1, 2, 3], keepDims: true)
        return (m - low) / (high - low + Self.epsilon)
    }

    static func powerOfTwo(atLeast n: Int) -> Int {
        var s = 1
        while s < n { s *= 2 }
        return s
    }
}

#if canImport(Glibc)
import Glibc
#endif
