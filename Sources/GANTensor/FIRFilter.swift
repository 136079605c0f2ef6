/// A 2-D FIR filter for `upfirdn2d`, prepared as stylegan2-ada-pytorch's
/// `torch_utils/ops/upfirdn2d.py` `setup_filter` prepares one.
///
/// One-dimensional taps become their outer product (the filter is separable, k[i]·k[j]); the
/// result is divided by its sum when `normalize` is on, so a constant image keeps its value.
/// `setup_filter` keeps filters of eight or more taps as a 1-D list applied in two passes; the
/// outer product is the same linear map, so GANKit always stores the 2-D form, and keeps the
/// 1-D factor of a filter made from 1-D taps so that `upfirdn2d` can run it in two passes
/// (a row pass, then a column pass). The filter is a constant of the op: it is never
/// differentiated.
public struct FIRFilter: Sendable, Equatable {
    /// Rows of the filter.
    public let height: Int
    /// Columns of the filter.
    public let width: Int
    /// The taps, row-major [height, width].
    public let taps: [Float]
    /// The 1-D factor k with taps = k ⊗ k, when the filter was made from 1-D taps.
    let factor: [Float]?

    /// A filter with the given row-major taps, used as they are (no normalisation).
    public init(height: Int, width: Int, taps: [Float]) {
        self.init(height: height, width: width, taps: taps, factor: nil)
    }

    private init(height: Int, width: Int, taps: [Float], factor: [Float]?) {
        precondition(height >= 1 && width >= 1 && taps.count == height * width,
                     "FIRFilter: \(taps.count) taps do not fill \(height)×\(width)")
        self.height = height
        self.width = width
        self.taps = taps
        self.factor = factor
    }

    /// The separable filter k ⊗ k of one-dimensional taps k, divided by its sum when
    /// `normalize` is on (`setup_filter(k, normalize=True)`).
    public init(_ taps: [Float], normalize: Bool = true) {
        precondition(!taps.isEmpty, "FIRFilter: a filter needs at least one tap")
        let outer = taps.flatMap { a in taps.map { a * $0 } }
        let total = outer.reduce(0, +)
        precondition(!normalize || total != 0, "FIRFilter: taps \(taps) sum to zero and cannot be normalised")
        // (k/Σk) ⊗ (k/Σk) = k ⊗ k / (Σk)², the normalised outer product.
        let sum = taps.reduce(0, +)
        self.init(height: taps.count, width: taps.count, taps: normalize ? outer.map { $0 / total } : outer,
                  factor: normalize ? taps.map { $0 / sum } : taps)
    }

    /// Filters are equal when their taps are, however they were made.
    public static func == (a: FIRFilter, b: FIRFilter) -> Bool {
        a.height == b.height && a.width == b.width && a.taps == b.taps
    }

    /// The identity (a single tap of 1): `upfirdn2d` then only upsamples, pads and downsamples
    /// (`f=None` in the official code).
    public static let identity = FIRFilter(height: 1, width: 1, taps: [1])

    /// [1, 3, 3, 1] ⊗ [1, 3, 3, 1] / 64: the resampling filter of StyleGAN2's layers
    /// (`resample_filter=[1,3,3,1]` in stylegan2-ada-pytorch's `training/networks.py`).
    public static let stylegan2 = FIRFilter([1, 3, 3, 1])
}

/// Zero padding (negative: cropping) of the four sides of an image, in the official order
/// `[x0, x1, y0, y1]`: columns on the left and right, rows above and below.
public struct FIRPadding: Sendable, Equatable {
    /// Columns added on the left.
    public var x0: Int
    /// Columns added on the right.
    public var x1: Int
    /// Rows added on top.
    public var y0: Int
    /// Rows added at the bottom.
    public var y1: Int

    /// Padding of each side given separately.
    public init(x0: Int, x1: Int, y0: Int, y1: Int) {
        (self.x0, self.x1, self.y0, self.y1) = (x0, x1, y0, y1)
    }

    /// The same padding on all four sides.
    public init(_ all: Int) { self.init(x0: all, x1: all, y0: all, y1: all) }

    /// No padding.
    public static let zero = FIRPadding(0)

    /// The sum of two paddings, side by side.
    public static func + (a: FIRPadding, b: FIRPadding) -> FIRPadding {
        FIRPadding(x0: a.x0 + b.x0, x1: a.x1 + b.x1, y0: a.y0 + b.y0, y1: a.y1 + b.y1)
    }
}
