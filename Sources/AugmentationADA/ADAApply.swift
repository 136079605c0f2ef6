import GANCore

extension ADA {
    /// Applies the sampled matrices: the geometric one through `filter` (the sym6 wavelet path
    /// or bilinear sampling, both mirroring about the border pixels' centres), then the colour
    /// one. Linear in the images (the grids and filters are constants), so it differentiates in
    /// them to any order. A batch whose geometric matrices are all the identity skips the
    /// resampling (the authors' code still runs it, which changes such images by at most
    /// ≈ 2e-6: sym6 is orthogonal, so its upsampling and downsampling cancel), and one whose
    /// colour matrices are all the identity skips the colour transform. For a share of a batch
    /// (`Parameters.batchGeometry`) the whole batch's geometric matrices decide the skip and
    /// the sym6 padding.
    public func apply(_ images: Tensor, _ parameters: Parameters) -> Tensor {
        precondition(images.rank == 4, "ADA: images must be [N, C, H, W], got \(images.shape)")
        let n = images.shape[0]
        precondition(parameters.geometry.count == n && parameters.color.count == n,
                     "ADA: \(parameters.geometry.count) geometric and \(parameters.color.count) colour matrices for a batch of \(n)")
        precondition(images.shape[1] == 1 || images.shape[1] == 3, "ADA: images must have 1 or 3 channels, got \(images.shape)")
        var x = images
        let batchGeometry = parameters.batchGeometry ?? parameters.geometry
        if !batchGeometry.allSatisfy(\.isIdentity) {
            switch filter {
            case .sym6: x = WaveletResampling.transform(x, parameters.geometry, paddedFor: batchGeometry)
            case .bilinear: x = Self.bilinearTransform(x, parameters.geometry)
            }
        }
        if !parameters.color.allSatisfy(\.isIdentity) {
            x = Self.transformColors(x, parameters.color)
        }
        return x
    }

    /// Bilinear sampling at the images' own size: output pixel (i, j) sits at
    /// (j − (W − 1)/2, i − (H − 1)/2) about the centre, its source point is G_inv·(that, 1)
    /// in the same units, mirrored about the border pixels' centres into [0, W − 1] × [0, H − 1]
    /// (period 2(size − 1), as `F.pad(mode='reflect')` extends an image), and `gridSample`
    /// reads it there.
    static func bilinearTransform(_ x: Tensor, _ matrices: [HomogeneousMatrix]) -> Tensor {
        let height = x.shape[2], width = x.shape[3]
        let cx = Double(width - 1) / 2, cy = Double(height - 1) / 2
        var grid = [Float](repeating: 0, count: matrices.count * height * width * 2)
        for (n, m) in matrices.enumerated() {
            for i in 0..<height {
                let y = Double(i) - cy
                for j in 0..<width {
                    let x = Double(j) - cx
                    let k = ((n * height + i) * width + j) * 2
                    let sx = mirroredAboutCentres(m[0, 0] * x + m[0, 1] * y + m[0, 2] + cx, size: width)
                    let sy = mirroredAboutCentres(m[1, 0] * x + m[1, 1] * y + m[1, 2] + cy, size: height)
                    grid[k] = Float((2 * sx + 1) / Double(width) - 1)
                    grid[k + 1] = Float((2 * sy + 1) / Double(height) - 1)
                }
            }
        }
        return Tensor.gridSample(x, grid: Tensor(shape: [matrices.count, height, width, 2], values: grid), padding: .border)
    }

    /// Pixel coordinate `c` mirrored about the centres of pixels 0 and size − 1 into
    /// [0, size − 1]. The bilinear interpolation of the mirrored image equals that of the
    /// image at the mirrored point, since the folds fall on pixel centres.
    static func mirroredAboutCentres(_ c: Double, size: Int) -> Double {
        guard size > 1 else { return 0 }
        let period = 2 * Double(size - 1)
        var t = c.truncatingRemainder(dividingBy: period)
        if t < 0 { t += period }
        return t > Double(size - 1) ? period - t : t
    }

    /// RGB: `out = C[:3, :3]·rgb + C[:3, 3]` per pixel. Grey: `out = x·Σⱼ mean_i C[i, j] +
    /// mean_i C[i, 3]` over the colour rows i and columns j < 3, as the authors reduce C for
    /// one channel.
    static func transformColors(_ x: Tensor, _ matrices: [HomogeneousMatrix]) -> Tensor {
        let (n, channels, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        if channels == 1 {
            let scale = matrices.map { m in Float((0..<3).reduce(0.0) { r, i in r + (0..<3).reduce(0.0) { $0 + m[i, $1] } } / 3) }
            let offset = matrices.map { m in Float((0..<3).reduce(0.0) { $0 + m[$1, 3] } / 3) }
            return x * Tensor(shape: [n, 1, 1, 1], values: scale) + Tensor(shape: [n, 1, 1, 1], values: offset)
        }
        let linear = Tensor(shape: [n, 3, 3, 1], values: matrices.flatMap { m in (0..<3).flatMap { i in (0..<3).map { Float(m[i, $0]) } } })
        let offset = Tensor(shape: [n, 3, 1], values: matrices.flatMap { m in (0..<3).map { Float(m[$0, 3]) } })
        let mixed = (x.reshaped([n, 1, 3, h * w]) * linear).sum(axes: [2])
        return (mixed + offset).reshaped([n, 3, h, w])
    }
}
