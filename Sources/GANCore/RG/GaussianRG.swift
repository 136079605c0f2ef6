#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GANTensor

/// Gaussian coarse-graining (MS3D paper, Fig. 9b ablation): a normalised Gaussian filter with
/// standard deviation `sigma` (in fine-grid pixels), reflect padding, then decimation by 2.
///
/// The filter has an even number of taps, 2r + 2 with r = ⌈2σ⌉, so each coarse value is
/// centred on its 2×2 block, as the block-spin mean is (r = 0 with σ → ∞ is exactly the block
/// mean). On grids too small for reflect padding of r (r ≥ S) the radius shrinks to S − 1 and
/// the kernel is renormalised.
public struct GaussianRG: RGTransform {
    /// Standard deviation of the filter in pixels of the finer grid.
    public let sigma: Double

    public init(sigma: Double = 1.0) {
        precondition(sigma > 0 && sigma.isFinite, "GaussianRG: sigma must be a positive number, got \(sigma)")
        self.sigma = sigma
    }

    public var name: String { "gaussian" }

    public func coarseGrain(_ field: Tensor) -> Tensor {
        checkField(field)
        let (n, c, h, w) = (field.shape[0], field.shape[1], field.shape[2], field.shape[3])
        let r = Swift.min(Int((2 * sigma).rounded(.up)), Swift.min(h, w) - 1)
        let planes = field.reshaped([n * c, 1, h, w]).padded([(0, 0), (0, 0), (r, r), (r, r)], mode: .reflect)
        let coarse = Tensor.conv2d(planes, kernel(radius: r), stride: 2)
        return coarse.reshaped([n, c, h / 2, w / 2])
    }

    /// The separable kernel [1, 1, 2r+2, 2r+2], taps at offsets k − r − ½ from the block centre.
    func kernel(radius r: Int) -> Tensor {
        let taps = (0..<(2 * r + 2)).map { k -> Double in
            let d = Double(k - r) - 0.5
            return exp(-d * d / (2 * sigma * sigma))
        }
        let total = taps.reduce(0, +)
        let oneD = taps.map { $0 / total }
        let size = taps.count
        return Tensor(shape: [1, 1, size, size], values: oneD.flatMap { a in oneD.map { b in Float(a * b) } })
    }
}
