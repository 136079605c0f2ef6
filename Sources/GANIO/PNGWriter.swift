import CPNG
import Foundation

/// Encoding through libpng's simplified API (`png_image_write_to_memory`).
extension PNGImage {
    /// The PNG encoding of the image; `name` identifies it in errors.
    public func pngData(name: String = "<memory>") throws(GANIOError) -> Data {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = UInt32(channels - 1)   // 0 gray, 1 GA, 2 RGB, 3 RGBA (PNG_FORMAT_*)
        defer { png_image_free(&image) }

        let stride = png_int_32(width * channels)
        var size = 0
        let sized = pixels.withUnsafeBytes { png_image_write_to_memory(&image, nil, &size, 0, $0.baseAddress, stride, nil) }
        guard sized != 0 else { throw .pngWriteFailed(path: name, message: PNGImage.message(of: image)) }

        var encoded = Data(count: size)
        let written = encoded.withUnsafeMutableBytes { out in
            pixels.withUnsafeBytes { png_image_write_to_memory(&image, out.baseAddress, &size, 0, $0.baseAddress, stride, nil) }
        }
        guard written != 0 else { throw .pngWriteFailed(path: name, message: PNGImage.message(of: image)) }
        return encoded.prefix(size)
    }

    /// Writes the image as a PNG file at `path`, replacing any file there.
    public func write(toFile path: String) throws(GANIOError) {
        try AtomicFile.write(try pngData(name: path), to: URL(fileURLWithPath: path))
    }
}
