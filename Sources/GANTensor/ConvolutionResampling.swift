/// 2-D convolution with FIR up- or downsampling, as stylegan2-ada-pytorch's `conv2d_resample`
/// (`torch_utils/ops/conv2d_resample.py`, groups = 1), composed of `conv2d`, `convTranspose2d`
/// and `upfirdn2d`, so it is differentiable to any order.
///
/// The padding is that of the upsampled image and is applied once. The official fast paths are
/// followed exactly, so the same weights give the same values: a 1×1 kernel downsamples first
/// (or upsamples last); downsampling filters then runs a stride-`down` convolution; upsampling
/// runs a stride-`up` transposed convolution with the weight transposed, then filters with
/// gain up²; otherwise a plain convolution. `flipWeight` false makes the convolution a true
/// convolution (the kernel rotated by 180°) rather than PyTorch's cross-correlation; the
/// official synthesis layers pass `flip_weight = (up == 1)`.
extension Tensor {
    /// conv2d_resample(x [N, I, H, W], w [O, I, kh, kw], f, up, down, padding, flip_weight).
    public static func conv2dResample(_ x: Tensor, _ w: Tensor, filter: FIRFilter = .stylegan2, up: Int = 1,
                                      down: Int = 1, padding: Int = 0, flipWeight: Bool = true,
                                      flipFilter: Bool = false) -> Tensor {
        precondition(w.rank == 4, "conv2dResample: weight must be [O, I, kh, kw], got \(w.shape)")
        precondition(up >= 1 && down >= 1, "conv2dResample: up \(up) and down \(down) must be ≥ 1")
        let (kh, kw) = (w.shape[2], w.shape[3])
        let (fh, fw) = up > 1 || down > 1 ? (filter.height, filter.width) : (1, 1)
        var p = FIRPadding(padding)
        if up > 1 {
            p = p + FIRPadding(x0: (fw + up - 1) / 2, x1: (fw - up) / 2, y0: (fh + up - 1) / 2, y1: (fh - up) / 2)
        }
        if down > 1 {
            p = p + FIRPadding(x0: (fw - down + 1) / 2, x1: (fw - down) / 2, y0: (fh - down + 1) / 2, y1: (fh - down) / 2)
        }
        func convolve(_ x: Tensor, _ w: Tensor, stride: Int = 1, padding: (Int, Int) = (0, 0)) -> Tensor {
            conv2d(x, flipWeight ? w : w.flipped(axes: [2, 3]), stride: stride, padding: padding)
        }
        if kh == 1 && kw == 1 && down > 1 && up == 1 {
            return convolve(x.upfirdn2d(filter, down: down, padding: p, flipFilter: flipFilter), w)
        }
        if kh == 1 && kw == 1 && up > 1 && down == 1 {
            return convolve(x, w).upfirdn2d(filter, up: up, padding: p, flipFilter: flipFilter, gain: Float(up * up))
        }
        if down > 1 && up == 1 {
            return convolve(x.upfirdn2d(filter, padding: p, flipFilter: flipFilter), w, stride: down)
        }
        if up > 1 {
            p.x0 -= kw - 1
            p.x1 -= kw - up
            p.y0 -= kh - 1
            p.y1 -= kh - up
            let pxt = Swift.max(Swift.min(-p.x0, -p.x1), 0), pyt = Swift.max(Swift.min(-p.y0, -p.y1), 0)
            // The transposed convolution flips the weight when the convolution would not.
            let transposedWeight = (flipWeight ? w.flipped(axes: [2, 3]) : w).permuted([1, 0, 2, 3])
            var y = convTranspose2d(x, transposedWeight, stride: up, padding: (pyt, pxt))
            y = y.upfirdn2d(filter, padding: p + FIRPadding(x0: pxt, x1: pxt, y0: pyt, y1: pyt),
                            flipFilter: flipFilter, gain: Float(up * up))
            return down > 1 ? y.upfirdn2d(filter, down: down, flipFilter: flipFilter) : y
        }
        if p.x0 == p.x1 && p.y0 == p.y1 && p.x0 >= 0 && p.y0 >= 0 {
            return convolve(x, w, padding: (p.y0, p.x0))
        }
        return convolve(x.upfirdn2d(.identity, padding: p), w)
    }
}
