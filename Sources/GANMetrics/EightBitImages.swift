import GANCore

/// Images as a metric sees them: rounded to 8 bits as a PNG would store them, in [0, 1].
///
/// Metrics are defined on image files (pytorch-fid and torch-fidelity read PNGs; stylegan2-ada
/// converts G's output to uint8 before its Inception network), so GANKit's own evaluation sends
/// training images and generated images through the same rounding: x ∈ [−1, 1] becomes
/// round((x + 1)·127.5)/255, the byte `PNGImage(tensor:)` writes, divided by 255.
public enum EightBitImages {
    /// [N, C, H, W] in [−1, 1] (values outside are clamped) → the same shape in [0, 1], in steps of 1/255.
    public static func fromSigned(_ images: Tensor) -> Tensor {
        Tensor.make(images.shape) { out in
            images.withUnsafeBufferPointer { x in
                for i in 0..<x.count {
                    let clamped = Swift.min(Swift.max(x[i], -1), 1)
                    out[i] = ((clamped + 1) * 127.5).rounded() / 255
                }
            }
        }
    }
}
