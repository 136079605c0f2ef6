import GANCore

/// DiffAugment, differentiable augmentation for data-efficient GAN training (Zhao, Liu, Lin,
/// Zhu and Han, NeurIPS 2020, "Differentiable Augmentation for Data-Efficient GAN Training";
/// sizes and ranges from the authors' `DiffAugment_pytorch.py`, docs/methods.md "DiffAugment").
///
/// The same random transformation family is applied to every discriminator input, real and
/// fake, in both the D and the G step, and the generator trains through it. The operations run
/// in policy order, each with a separate draw per sample:
/// - `color`: brightness `x + (u − 0.5)`, then saturation `(x − m)·2u + m` with m the mean over
///   channels per pixel, then contrast `(x − m)·(u + 0.5) + m` with m the mean over C, H, W per
///   image (a fresh u ~ U[0, 1) for each);
/// - `translation`: an integer shift (tx, ty), each uniform in [−s, s] with
///   s = Int(0.125·extent + 0.5) (4 at 32 px), `out[i, j] = x[i + tx, j + ty]` inside the image
///   and 0 outside;
/// - `cutout`: a c × c square, c = Int(0.5·extent + 0.5), centred uniformly in
///   [0, extent + (1 − c mod 2)), clamped to the image and set to 0.
///
/// Every operation is built from differentiable tensor ops (broadcasting arithmetic, means,
/// `gathered(flatIndices:shape:)` and a mask product), so `apply` differentiates in the
/// images to any order. The default policy `color,translation,cutout` is the authors' choice
/// for 100–1000 images.
public final class DiffAugment: PerSampleAugmentation {
    /// One entry of the policy.
    public enum Operation: String, Codable, CaseIterable, Sendable {
        /// Brightness, saturation, contrast.
        case color
        /// Integer translation with zero fill.
        case translation
        /// A zeroed square.
        case cutout
    }

    /// The operations, in the order they are applied.
    public let policy: [Operation]

    /// - Parameter policy: the operations to apply, in order, each at most once (default all
    ///   three, color, translation, cutout).
    public init(policy: [Operation] = Operation.allCases) {
        precondition(!policy.isEmpty, "DiffAugment: the policy is empty (use no augmentation instead)")
        precondition(Set(policy).count == policy.count, "DiffAugment: policy \(policy.map(\.rawValue)) repeats an operation")
        self.policy = policy
    }

    public var name: String { "diffaugment" }

    /// The per-sample draws of one batch, one `Step` per policy entry, in policy order.
    public struct Parameters: Equatable, Sendable {
        public var steps: [Step]
        public init(steps: [Step]) { self.steps = steps }
    }

    /// The draws of one operation for every sample of a batch.
    public enum Step: Equatable, Sendable {
        case color(ColorDraws)
        case translation(TranslationDraws)
        case cutout(CutoutDraws)
    }

    /// Per-sample colour factors, already mapped from u ~ U[0, 1).
    public struct ColorDraws: Equatable, Sendable {
        /// Added to every pixel: u − 0.5 ∈ [−0.5, 0.5).
        public var brightness: [Float]
        /// Multiplies the deviation from the per-pixel channel mean: 2u ∈ [0, 2).
        public var saturation: [Float]
        /// Multiplies the deviation from the image mean: u + 0.5 ∈ [0.5, 1.5).
        public var contrast: [Float]
        public init(brightness: [Float], saturation: [Float], contrast: [Float]) {
            self.brightness = brightness
            self.saturation = saturation
            self.contrast = contrast
        }
    }

    /// Per-sample integer shifts: `out[i, j] = x[i + rows[n], j + columns[n]]`.
    public struct TranslationDraws: Equatable, Sendable {
        /// Shift along H (the authors' `translation_x`).
        public var rows: [Int]
        /// Shift along W (the authors' `translation_y`).
        public var columns: [Int]
        public init(rows: [Int], columns: [Int]) {
            self.rows = rows
            self.columns = columns
        }
    }

    /// Per-sample centres of the cutout square (the authors' `offset_x`, `offset_y`).
    public struct CutoutDraws: Equatable, Sendable {
        /// Centre row, in [0, H + (1 − c mod 2)).
        public var rows: [Int]
        /// Centre column, in [0, W + (1 − c mod 2)).
        public var columns: [Int]
        public init(rows: [Int], columns: [Int]) {
            self.rows = rows
            self.columns = columns
        }
    }

    /// The largest translation along an axis of `extent` pixels: Int(0.125·extent + 0.5).
    public static func translationShift(extent: Int) -> Int { Int(0.125 * Double(extent) + 0.5) }

    /// The cutout side along an axis of `extent` pixels: Int(0.5·extent + 0.5).
    public static func cutoutSize(extent: Int) -> Int { Int(0.5 * Double(extent) + 0.5) }

    /// The exclusive upper bound of the cutout centre along an axis of `extent` pixels.
    public static func cutoutCentreBound(extent: Int) -> Int { extent + (1 - cutoutSize(extent: extent) % 2) }

    public func sampleParameters<R: RandomDrawing>(batch: Int, size: ImageSize, using rng: inout R) -> Parameters {
        func draws<T>(_ value: (inout R) -> T) -> [T] { (0..<batch).map { _ in value(&rng) } }
        let steps: [Step] = policy.map { operation in
            switch operation {
            case .color:
                let brightness = draws { $0.uniform() - 0.5 }
                let saturation = draws { $0.uniform() * 2 }
                let contrast = draws { $0.uniform() + 0.5 }
                return .color(ColorDraws(brightness: brightness, saturation: saturation, contrast: contrast))
            case .translation:
                let sh = Self.translationShift(extent: size.height), sw = Self.translationShift(extent: size.width)
                let rows = draws { $0.integer(in: -sh...sh) }
                let columns = draws { $0.integer(in: -sw...sw) }
                return .translation(TranslationDraws(rows: rows, columns: columns))
            case .cutout:
                let bh = Self.cutoutCentreBound(extent: size.height), bw = Self.cutoutCentreBound(extent: size.width)
                let rows = draws { $0.integer(in: 0..<bh) }
                let columns = draws { $0.integer(in: 0..<bw) }
                return .cutout(CutoutDraws(rows: rows, columns: columns))
            }
        }
        return Parameters(steps: steps)
    }

    /// Samples `range`'s draws of every step: each draw belongs to one sample, and every
    /// operation reads one sample only (the contrast mean is per image), so a data-parallel run
    /// applies its share's exactly as the whole batch's.
    public func parameters(_ parameters: Parameters, samples range: Range<Int>) -> Parameters {
        func cut<T>(_ values: [T]) -> [T] { Array(values[range]) }
        return Parameters(steps: parameters.steps.map { step in
            switch step {
            case .color(let d):
                .color(ColorDraws(brightness: cut(d.brightness), saturation: cut(d.saturation), contrast: cut(d.contrast)))
            case .translation(let d): .translation(TranslationDraws(rows: cut(d.rows), columns: cut(d.columns)))
            case .cutout(let d): .cutout(CutoutDraws(rows: cut(d.rows), columns: cut(d.columns)))
            }
        })
    }

    public func apply(_ images: Tensor, _ parameters: Parameters) -> Tensor {
        precondition(images.rank == 4, "DiffAugment: images must be [N, C, H, W], got \(images.shape)")
        var x = images
        for step in parameters.steps {
            switch step {
            case .color(let d): x = Self.color(x, d)
            case .translation(let d): x = Self.translate(x, d)
            case .cutout(let d): x = Self.cutout(x, d)
            }
        }
        return x
    }
}
