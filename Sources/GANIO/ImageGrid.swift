import GANCore

/// Lays a batch of images [N, C, H, W] out as one image [C, H', W'] for viewing, as
/// torchvision's `make_grid` does: `min(columns, N)` images per row, rows filled left to right
/// and top to bottom, `padding` pixels of `padValue` around and between the tiles (and in the
/// unused tiles of the last row). The default −1 is black in GANKit's [-1, 1] range.
///
/// The grid is a constant (it does not record for autodiff); write it with
/// `PNGImage(tensor:).write(toFile:)`.
public func makeGrid(_ images: Tensor, columns: Int, padding: Int = 2, padValue: Float = -1) -> Tensor {
    precondition(images.rank == 4 && images.shape[0] > 0, "makeGrid: need a non-empty [N, C, H, W] batch, got \(images.shape)")
    precondition(columns > 0, "makeGrid: columns \(columns) must be positive")
    precondition(padding >= 0, "makeGrid: padding \(padding) must not be negative")
    let (n, c, h, w) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
    let cols = min(columns, n)
    let rows = (n + cols - 1) / cols
    let gridH = rows * (h + padding) + padding, gridW = cols * (w + padding) + padding
    return Tensor.make([c, gridH, gridW]) { out in
        out.initialize(repeating: padValue)
        images.withUnsafeBufferPointer { src in
            for i in 0..<n {
                let top = padding + (i / cols) * (h + padding), left = padding + (i % cols) * (w + padding)
                for ch in 0..<c {
                    let plane = src.baseAddress! + (i * c + ch) * h * w
                    let target = out.baseAddress! + ch * gridH * gridW + top * gridW + left
                    for y in 0..<h { (target + y * gridW).update(from: plane + y * w, count: w) }
                }
            }
        }
    }
}
