/// An 8-bit image as PNG stores it: interleaved samples, rows top to bottom, sRGB-encoded.
///
/// `channels` is 1 (gray), 2 (gray + alpha), 3 (RGB) or 4 (RGBA); alpha is straight (not
/// premultiplied). `PNGImage(contentsOfFile:)` decodes any PNG into this form and
/// `pngData()`/`write(toFile:)` encode it; `tensor(channels:)` turns it into network input.
public struct PNGImage: Equatable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Samples per pixel: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA.
    public let channels: Int
    /// `height × width × channels` samples, row-major, channels interleaved.
    public let pixels: [UInt8]

    /// An image with the given samples.
    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0, "PNGImage: size \(width)×\(height) must be positive")
        precondition((1...4).contains(channels), "PNGImage: \(channels) channels; PNG holds 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA)")
        precondition(pixels.count == width * height * channels,
                     "PNGImage: \(pixels.count) samples for \(width)×\(height)×\(channels)")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// Whether the last sample of each pixel is alpha.
    public var hasAlpha: Bool { channels == 2 || channels == 4 }
    /// Whether the pixels are RGB(A) rather than gray.
    public var isColor: Bool { channels >= 3 }
}
