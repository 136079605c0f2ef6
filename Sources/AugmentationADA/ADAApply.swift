import GANCore

extension ADA {
    /// Applies the sampled matrices: the geometric one by bilinear sampling with reflection
    /// padding, then the colour one. Linear in the images (the grid is a constant), so it
    /// differentiates in them to any order; a batch whose matrices are all the identity is
    /// passed through unchanged.
    public func apply(_ images: Tensor, _ parameters: Parameters) -> Tensor {
        precondition(images.rank == 4, "ADA: images must be [N, C, H, W], got \(images.shape)")
        let n = images.shape[0]
        precondition(parameters.geometry.count == n && parameters.color.count == n,
                     "ADA: \(parameters.geometry.count) geometric and \(parameters.color.count) colour matrices for a batch of \(n)")
        precondition(images.shape[1] == 1 || images.shape[1] == 3, "ADA: images must have 1 or 3 channels, got \(images.shape)")
        var x = images
        if !parameters.geometry.allSatisfy(\.isIdentity) {
            let grid = Self.samplingGrid(parameters.geometry, height: images.shape[2], width: images.shape[3])
            x = Tensor.gridSample(x, grid: grid, padding: .reflection)
        }
        if !parameters.color.allSatisfy(\.isIdentity) {
            x = Self.transformColors(x, parameters.color)
        }
        return x
    }

    /// The `gridSample` grid [N, H, W, 2] of the inverse matrices: output pixel (i, j) sits at
    /// (j − (W − 1)/2, i − (H − 1)/2) about the centre; its source point (x, y) = G_inv·(that, 1)
    /// in the same units is (2x/W, 2y/H) in `gridSample`'s align-corners-false coordinates.
    static func samplingGrid(_ matrices: [HomogeneousMatrix], height: Int, width: Int) -> Tensor {
        let cx = Double(width - 1) / 2, cy = Double(height - 1) / 2
        var grid = [Float](repeating: 0, count: matrices.count * height * width * 2)
        for (n, m) in matrices.enumerated() {
            for i in 0..<height {
                let y = Double(i) - cy
                for j in 0..<width {
                    let x = Double(j) - cx
                    let k = ((n * height + i) * width + j) * 2
                    grid[k] = Float(2 * (m[0, 0] * x + m[0, 1] * y + m[0, 2]) / Double(width))
                    grid[k + 1] = Float(2 * (m[1, 0] * x + m[1, 1] * y + m[1, 2]) / Double(height))
                }
            }
        }
        return Tensor(shape: [matrices.count, height, width, 2], values: grid)
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
