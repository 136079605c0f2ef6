import GANCore

/// Conversion between 8-bit images and Float32 network tensors in [-1, 1].
///
/// A sample `s` in 0…255 maps to `s / 127.5 − 1` and back to `round((clamp(v, −1, 1) + 1) · 127.5)`.
/// Alpha is composited on white in the sRGB-encoded values, `c · α + 255 · (1 − α)` with
/// `α = a / 255` (what PIL's `alpha_composite` on a white canvas gives), so transparent
/// pixels read as 1 and opaque ones keep their colour.
/// Gray becomes RGB by replicating it; RGB becomes gray by the ITU-R BT.601 luma
/// `0.299 R + 0.587 G + 0.114 B` of the composited colour (PIL's `convert("L")`).
extension PNGImage {
    /// The image as a [C, H, W] tensor in [-1, 1] with `channels` 1 (gray) or 3 (RGB), alpha
    /// composited on white.
    public func tensor(channels outChannels: Int) -> Tensor {
        Tensor.make([outChannels, height, width]) { out in
            writePlanar(channels: outChannels, into: out.baseAddress!)
        }
    }

    /// Writes the [C, H, W] form of `tensor(channels:)` to `out`.
    func writePlanar(channels outChannels: Int, into out: UnsafeMutablePointer<Float>) {
        precondition(outChannels == 1 || outChannels == 3, "PNGImage.tensor: channels must be 1 or 3, got \(outChannels)")
        let plane = width * height
        let colorIn = isColor, alphaIn = hasAlpha, stride = channels
        pixels.withUnsafeBufferPointer { src in
            let s = src.baseAddress!
            for p in 0..<plane {
                let px = s + p * stride
                let alpha: Float = alphaIn ? Float(px[stride - 1]) / 255 : 1
                let white = 255 * (1 - alpha)
                if colorIn {
                    let r = Float(px[0]) * alpha + white
                    let g = Float(px[1]) * alpha + white
                    let b = Float(px[2]) * alpha + white
                    if outChannels == 3 {
                        out[p] = r / 127.5 - 1
                        out[plane + p] = g / 127.5 - 1
                        out[2 * plane + p] = b / 127.5 - 1
                    } else {
                        out[p] = (0.299 * r + 0.587 * g + 0.114 * b) / 127.5 - 1
                    }
                } else {
                    let v = (Float(px[0]) * alpha + white) / 127.5 - 1
                    for c in 0..<outChannels { out[c * plane + p] = v }
                }
            }
        }
    }

    /// Where the channel axis of an image tensor is.
    public enum TensorLayout: Sendable {
        /// [C, H, W], as networks use.
        case chw
        /// [H, W, C], interleaved as files store pixels.
        case hwc
    }

    /// An 8-bit image of a rank-3 tensor in [-1, 1] with 1 to 4 channels (gray, gray + alpha,
    /// RGB, RGBA). Values are clamped to [-1, 1] and NaN becomes -1.
    public init(tensor: Tensor, layout: TensorLayout = .chw) {
        precondition(tensor.rank == 3, "PNGImage(tensor:): need a rank-3 image tensor, got shape \(tensor.shape)")
        let (c, h, w) = layout == .chw
            ? (tensor.shape[0], tensor.shape[1], tensor.shape[2])
            : (tensor.shape[2], tensor.shape[0], tensor.shape[1])
        precondition((1...4).contains(c), "PNGImage(tensor:): \(c) channels in shape \(tensor.shape) (\(layout)); PNG holds 1 to 4")
        var pixels = [UInt8](repeating: 0, count: c * h * w)
        tensor.withUnsafeBufferPointer { src in
            pixels.withUnsafeMutableBufferPointer { dst in
                let plane = h * w
                for p in 0..<plane {
                    for ch in 0..<c {
                        let v = layout == .chw ? src[ch * plane + p] : src[p * c + ch]
                        let clamped = v.isNaN ? -1 : Swift.min(Swift.max(v, -1), 1)
                        dst[p * c + ch] = UInt8(((clamped + 1) * 127.5).rounded())
                    }
                }
            }
        }
        self.init(width: w, height: h, channels: c, pixels: pixels)
    }
}
