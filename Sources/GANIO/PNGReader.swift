import CPNG
import Foundation

/// Decoding through libpng's simplified API (`png_image_begin_read_from_memory` and
/// `png_image_finish_read`), which reports errors through a status and a message instead of the
/// `longjmp` of the classic API, which Swift cannot catch.
///
/// Every PNG colour type and bit depth is accepted: palettes (with or without `tRNS`) and
/// low-bit-depth gray are expanded, `tRNS` becomes an alpha channel, and 16-bit samples are
/// reduced to 8 bits. 16-bit files without `gAMA`/`sRGB` chunks are taken as sRGB-encoded
/// (`PNG_IMAGE_FLAG_16BIT_sRGB`, what image editors write), so a 16-bit sample `v` becomes
/// `round(v / 257)`; libpng's default would treat them as linear light. A file with a `gAMA`
/// chunk is converted by libpng to sRGB.
extension PNGImage {
    /// The 8-byte signature every PNG file starts with.
    static let signature: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10]

    /// The largest image decoded, 2²⁶ pixels (256 MB as RGBA): a corrupt header cannot make the
    /// reader allocate without bound.
    public static let maximumPixelCount = 1 << 26

    /// Decodes the PNG file at `path`.
    public init(contentsOfFile path: String) throws(GANIOError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
        try self.init(pngData: data, name: path)
    }

    /// Decodes PNG bytes; `name` identifies them in errors (a path, usually).
    ///
    /// The result is gray (1 channel), gray + alpha (2), RGB (3) or RGBA (4), following the
    /// file: colour if the file has colour, alpha if it has an alpha channel or `tRNS`.
    public init(pngData data: Data, name: String) throws(GANIOError) {
        guard data.count >= 8, data.prefix(8).elementsEqual(PNGImage.signature) else {
            throw .notAPNG(path: name)
        }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }

        let begun = data.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw .corruptPNG(path: name, message: PNGImage.message(of: image)) }

        // 8-bit sRGB samples, straight alpha, no colour map: colour and alpha as the file has them.
        let keep = UInt32(PNG_FORMAT_FLAG_COLOR) | UInt32(PNG_FORMAT_FLAG_ALPHA)
        image.format &= keep
        image.flags |= UInt32(PNG_IMAGE_FLAG_16BIT_sRGB)
        let channels = Int(image.format) + 1   // PNG_IMAGE_SAMPLE_CHANNELS for these formats
        let width = Int(image.width), height = Int(image.height)
        guard width * height <= PNGImage.maximumPixelCount else {
            throw .imageTooLarge(path: name, width: width, height: height)
        }

        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        let finished = pixels.withUnsafeMutableBytes {
            png_image_finish_read(&image, nil, $0.baseAddress, png_int_32(width * channels), nil)
        }
        guard finished != 0 else { throw .corruptPNG(path: name, message: PNGImage.message(of: image)) }
        self.init(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// libpng's error text held in the image's fixed-size `message` field.
    static func message(of image: png_image) -> String {
        withUnsafeBytes(of: image.message) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
