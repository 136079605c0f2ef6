import GANCore

/// The transform T of consistency regularisation (Zhang et al., "Consistency regularization
/// for generative adversarial networks", ICLR 2020, section 3: "flipping the image horizontally
/// or shifting it by a few pixels"): per sample, a horizontal flip with probability
/// `flipProbability` (0.5), then an integer translation by (dy, dx), each drawn uniformly from
/// −s…s with s = `maximumShift` (default H/8 rows and W/8 columns, 4 at 32 px), the border filled
/// by reflection (PyTorch `'reflect'`: the interior mirrored without repeating the edge):
///
///     out[n, c, i, j] = x[n, c, r(i − dy, H), f(r(j − dx, W))]
///     r(k, n) = −k if k < 0, 2(n − 1) − k if k ≥ n, else k;  f(j) = W − 1 − j if flipped, else j
///
/// so a positive dx moves the content right by dx pixels — the same as reflect-padding by s and
/// cropping at offset (s − dy, s − dx). It is one gather, hence differentiable to any order.
/// CR owns this T; it is not the pipeline's augmentation.
///
/// Randomness is split from computation as in `Augmentation`: `sample` draws the per-sample
/// flips and shifts (in the order flip, dy, dx per sample) and `apply` is deterministic.
public struct ConsistencyTransform: Sendable {
    /// One sample's draw.
    public struct Draw: Equatable, Sendable {
        /// Whether the image is mirrored left–right (before the shift).
        public var flip: Bool
        /// Rows the content moves down (negative: up).
        public var dy: Int
        /// Columns the content moves right (negative: left).
        public var dx: Int

        public init(flip: Bool, dy: Int, dx: Int) {
            self.flip = flip
            self.dy = dy
            self.dx = dx
        }
    }

    /// The probability of a horizontal flip (0.5).
    public var flipProbability: Float
    /// The largest shift in pixels along each axis; nil for H/8 and W/8.
    public var maximumShift: Int?

    public init(flipProbability: Float = 0.5, maximumShift: Int? = nil) {
        precondition(flipProbability >= 0 && flipProbability <= 1,
                     "ConsistencyTransform: flipProbability must lie in [0, 1], got \(flipProbability)")
        precondition(maximumShift.map { $0 >= 0 } ?? true, "ConsistencyTransform: maximumShift must be ≥ 0, got \(maximumShift!)")
        self.flipProbability = flipProbability
        self.maximumShift = maximumShift
    }

    /// The largest shift along an axis of `extent` pixels (below the extent, as reflection needs).
    public func shiftLimit(extent: Int) -> Int {
        Swift.min(maximumShift ?? extent / 8, extent - 1)
    }

    /// Draws one flip and shift per sample for a batch of `batch` images of `size`.
    public func sample(batch: Int, size: ImageSize, using rng: inout RandomSource) -> [Draw] {
        let sy = shiftLimit(extent: size.height), sx = shiftLimit(extent: size.width)
        return (0..<batch).map { _ in
            let flip = rng.uniform() < flipProbability
            let dy = rng.integer(in: -sy...sy)
            let dx = rng.integer(in: -sx...sx)
            return Draw(flip: flip, dy: dy, dx: dx)
        }
    }

    /// T(x) for images [N, C, H, W] and one draw per sample.
    public func apply(_ images: Tensor, _ draws: [Draw]) -> Tensor {
        precondition(images.rank == 4, "ConsistencyTransform: images must be [N, C, H, W], got \(images.shape)")
        let (n, c, h, w) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
        precondition(draws.count == n, "ConsistencyTransform: \(draws.count) draws for a batch of \(n)")
        for d in draws {
            precondition(abs(d.dy) < h && abs(d.dx) < w, "ConsistencyTransform: shift (\(d.dy), \(d.dx)) too large for \(h)×\(w) images")
        }
        func reflect(_ k: Int, _ extent: Int) -> Int { k < 0 ? -k : (k >= extent ? 2 * (extent - 1) - k : k) }
        var indices = [Int](repeating: 0, count: images.count)
        indices.withUnsafeMutableBufferPointer { out in
            var rows = [Int](repeating: 0, count: h), cols = [Int](repeating: 0, count: w)
            for (sample, d) in draws.enumerated() {
                for i in 0..<h { rows[i] = reflect(i - d.dy, h) * w }
                for j in 0..<w {
                    let source = reflect(j - d.dx, w)
                    cols[j] = d.flip ? w - 1 - source : source
                }
                for channel in 0..<c {
                    let plane = (sample * c + channel) * h * w
                    for i in 0..<h {
                        let row = out.baseAddress! + plane + i * w
                        for j in 0..<w { row[j] = plane + rows[i] + cols[j] }
                    }
                }
            }
        }
        return images.gathered(flatIndices: indices, shape: images.shape)
    }

    /// Draws and applies in one call.
    public func callAsFunction(_ images: Tensor, using rng: inout RandomSource) -> Tensor {
        let size = ImageSize(channels: images.shape[1], height: images.shape[2], width: images.shape[3])
        return apply(images, sample(batch: images.shape[0], size: size, using: &rng))
    }
}
