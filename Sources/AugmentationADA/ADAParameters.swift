#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GANCore

extension ADA {
    /// The draws of one batch: one geometric and one colour matrix per sample.
    public struct Parameters: Equatable, Sendable {
        /// 3×3 per sample, mapping an output pixel to the input point it samples, both in pixel
        /// units about the image centre (x right, y down): the authors' `G_inv`.
        public var geometry: [HomogeneousMatrix]
        /// 4×4 per sample on (r, g, b, 1): the authors' `C`.
        public var color: [HomogeneousMatrix]
        /// The geometric matrices of the whole batch these were cut from
        /// (`parameters(_:samples:)`); nil when they are the whole batch's. `apply` decides
        /// whether to resample, and the sym6 path its padding, from the whole batch's matrices,
        /// so a share of a batch is transformed exactly as within the batch.
        public var batchGeometry: [HomogeneousMatrix]?

        public init(geometry: [HomogeneousMatrix], color: [HomogeneousMatrix], batchGeometry: [HomogeneousMatrix]? = nil) {
            precondition(geometry.allSatisfy { $0.size == 3 }, "ADA.Parameters: geometric matrices must be 3×3")
            precondition(color.allSatisfy { $0.size == 4 }, "ADA.Parameters: colour matrices must be 4×4")
            self.geometry = geometry
            self.color = color
            self.batchGeometry = batchGeometry
        }
    }

    /// Samples `range`'s matrices, remembering the whole batch's geometric ones.
    public func parameters(_ parameters: Parameters, samples range: Range<Int>) -> Parameters {
        Parameters(geometry: Array(parameters.geometry[range]), color: Array(parameters.color[range]),
                   batchGeometry: parameters.batchGeometry ?? parameters.geometry)
    }

    /// Draws the operations whose multiplier is positive at the current p, in the authors'
    /// order and with their draw order (all values of an operation, then its per-sample
    /// gates); an operation at multiplier 0 draws nothing. Ranges are the authors' defaults:
    /// integer translation ±0.125 of the size, scale and anisotropy 2^(0.2·N), rotations
    /// ±π, fractional translation 0.125·N of the size, brightness 0.2·N, contrast 2^(0.5·N),
    /// hue ±π, saturation 2^N.
    public func sampleParameters<R: RandomDrawing>(batch: Int, size: ImageSize, using rng: inout R) -> Parameters {
        precondition(size.channels == 1 || size.channels == 3, "ADA: images must have 1 or 3 channels, got \(size)")
        let p = self.p
        let width = Double(size.width), height = Double(size.height)

        /// One value per sample, nil where the sample's gate (probability m·p, or `q`) is shut;
        /// all nil, with nothing drawn, when the operation's multiplier is 0.
        func gated<T>(_ operation: Operation, probability q: Double? = nil, _ value: (inout R) -> T) -> [T?] {
            let m = multipliers[operation] ?? 0
            guard m > 0 else { return Array(repeating: nil, count: batch) }
            let q = q ?? m * p
            let values = (0..<batch).map { _ in value(&rng) }
            return values.map { rng.uniformDouble() < q ? $0 : nil }
        }
        func uniform(_ r: inout R) -> Double { r.uniformDouble() }
        func normal(_ r: inout R) -> Double { Double(r.normal()) }

        // G_inv = G_inv · (each operation's inverse), in the authors' order.
        var g = [HomogeneousMatrix](repeating: .identity(3), count: batch)
        func compose<T>(_ values: [T?], _ inverse: (T) -> HomogeneousMatrix) {
            for n in 0..<batch { if let v = values[n] { g[n] = g[n] * inverse(v) } }
        }
        // Pixel blitting: x-flip, 90° rotations, integer translation.
        compose(gated(.xflip) { floor(uniform(&$0) * 2) }) { .scale2d(1 - 2 * $0, 1) }
        compose(gated(.rotate90) { floor(uniform(&$0) * 4) }) { .rotate2d(Double.pi / 2 * $0) }
        compose(gated(.xint) { ((uniform(&$0) * 2 - 1) * 0.125, (uniform(&$0) * 2 - 1) * 0.125) }) {
            .translate2d(-($0.0 * width).rounded(.toNearestOrEven), -($0.1 * height).rounded(.toNearestOrEven))
        }
        // General geometry: isotropic scale, pre-rotation, anisotropic scale, post-rotation,
        // fractional translation. Each rotation fires with 1 − √(1 − m·p), so one of the two
        // does with m·p.
        let pRotation = 1 - (1 - (multipliers[.rotate] ?? 0) * p).clamped(to: 0...1).squareRoot()
        compose(gated(.scale) { exp2(normal(&$0) * 0.2) }) { .scale2d(1 / $0, 1 / $0) }
        compose(gated(.rotate, probability: pRotation) { (uniform(&$0) * 2 - 1) * Double.pi }) { .rotate2d($0) }
        compose(gated(.aniso) { exp2(normal(&$0) * 0.2) }) { .scale2d(1 / $0, $0) }
        compose(gated(.rotate, probability: pRotation) { (uniform(&$0) * 2 - 1) * Double.pi }) { .rotate2d($0) }
        compose(gated(.xfrac) { (normal(&$0) * 0.125, normal(&$0) * 0.125) }) { .translate2d(-$0.0 * width, -$0.1 * height) }

        // C = operation · C, in the authors' order.
        var c = [HomogeneousMatrix](repeating: .identity(4), count: batch)
        func prepend<T>(_ values: [T?], _ make: (T) -> HomogeneousMatrix) {
            for n in 0..<batch { if let v = values[n] { c[n] = make(v) * c[n] } }
        }
        let luma = 1 / 3.0.squareRoot()
        prepend(gated(.brightness) { normal(&$0) * 0.2 }) { .translate3d($0, $0, $0) }
        prepend(gated(.contrast) { exp2(normal(&$0) * 0.5) }) { .scale3d($0, $0, $0) }
        prepend(gated(.lumaflip) { floor(uniform(&$0) * 2) }) { $0 == 0 ? .identity(4) : .lumaReflection() }
        if size.channels > 1 {
            prepend(gated(.hue) { (uniform(&$0) * 2 - 1) * Double.pi }) { .rotate3d(axis: (luma, luma, luma), $0) }
            prepend(gated(.saturation) { exp2(normal(&$0)) }) { .saturation($0) }
        }
        return Parameters(geometry: g, color: c)
    }
}

extension Comparable {
    fileprivate func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
