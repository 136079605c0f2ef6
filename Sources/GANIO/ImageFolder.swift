import Foundation
import GANCore

/// The PNG files of a folder, loaded into memory at the training resolution (or, for
/// evaluation, at their own resolution).
///
/// Files are found recursively (subfolders included, names starting with "." skipped), by the
/// extension `.png` in any letter case, and sorted by their path relative to the folder
/// (Swift `String` order) so every machine sees the same order; `limit` keeps the first ones, or
/// `keeping` picks some by index and only those are decoded.
/// Each image goes through `PNGImage.tensor(channels:)` (alpha composited on white, gray ↔ RGB
/// as documented there) and `ImageResize` (center crop, then area average or bilinear).
///
/// Any file that fails to decode stops the load with a `GANIOError` naming it.
public struct ImageFolder: ImageDataset {
    /// The folder as given.
    public let path: String
    /// Full paths of the loaded files; `files[i]` is image `i`.
    public let files: [String]
    private let storage: TensorDataset

    /// All images, [N, C, R, R] in [-1, 1].
    public var tensor: Tensor { storage.tensor }
    /// Number of images N.
    public var count: Int { storage.count }
    /// Channels, height and width of every image.
    public var imageSize: ImageSize { storage.imageSize }

    /// The images at `indices`, in that order (repeats allowed), as [indices.count, C, R, R].
    public func images(at indices: [Int]) -> Tensor { storage.images(at: indices) }

    /// Loads up to `limit` PNGs (all if nil) from `path` as `channels`-channel (1 or 3) images of
    /// `resolution`×`resolution` pixels.
    public init(_ path: String, resolution: Int, channels: Int = 3, limit: Int? = nil) throws(GANIOError) {
        try self.init(path, files: try ImageFolder.pngFiles(in: path), resolution: resolution, channels: channels, limit: limit)
    }

    /// Loads up to `limit` (all if nil) of `files`, PNGs under `path` in the order given (some of
    /// `pngFiles(in: path)`, say, picked by name).
    public init(_ path: String, files: [String], resolution: Int, channels: Int = 3, limit: Int? = nil) throws(GANIOError) {
        precondition(limit.map { $0 > 0 } ?? true, "ImageFolder: limit \(limit!) must be positive")
        try self.init(path, decoding: limit.map { Array(files.prefix($0)) } ?? files, resolution: resolution, channels: channels)
    }

    /// Loads the PNGs of `path` that `keeping` picks: it gets the number of PNG files and returns
    /// the indices (into their sorted order) to load, distinct and increasing; only those files
    /// are decoded, so a sample of a large folder costs what the sample does.
    public init(_ path: String, resolution: Int, channels: Int = 3, keeping: (_ count: Int) -> [Int]) throws(GANIOError) {
        try self.init(path, files: try ImageFolder.pngFiles(in: path), resolution: resolution, channels: channels, keeping: keeping)
    }

    /// Loads the ones of `files` (PNGs under `path`, in the order given) that `keeping` picks, as
    /// `init(_:resolution:channels:keeping:)` does of the whole folder.
    public init(_ path: String, files: [String], resolution: Int, channels: Int = 3, keeping: (_ count: Int) -> [Int]) throws(GANIOError) {
        let kept = keeping(files.count)
        precondition(zip(kept, kept.dropFirst()).allSatisfy { $0 < $1 } && kept.allSatisfy { $0 >= 0 && $0 < files.count },
                     "ImageFolder: the kept indices must be increasing and lie in 0..<\(files.count)")
        try self.init(path, decoding: kept.map { files[$0] }, resolution: resolution, channels: channels)
    }

    /// Decodes `files` (found under `path`) at `resolution`.
    private init(_ path: String, decoding files: [String], resolution: Int, channels: Int) throws(GANIOError) {
        precondition(resolution > 0, "ImageFolder: resolution \(resolution) must be positive")
        precondition(channels == 1 || channels == 3, "ImageFolder: channels must be 1 or 3, got \(channels)")
        var decoded = [PNGImage]()
        decoded.reserveCapacity(files.count)
        for file in files { decoded.append(try PNGImage(contentsOfFile: file)) }
        self.storage = TensorDataset(ImageFolder.stack(decoded, channels: channels, resolution: resolution))
        self.path = path
        self.files = files
    }

    /// Loads up to `limit` PNGs (all if nil) from `path` as `channels`-channel (1 or 3) images at
    /// their own resolution, with no resampling: what evaluation feeds the feature network, which
    /// resizes once itself. Every image must have the size of the first, else the error names the
    /// first file that differs.
    public init(nativeResolution path: String, channels: Int = 3, limit: Int? = nil) throws(GANIOError) {
        precondition(channels == 1 || channels == 3, "ImageFolder: channels must be 1 or 3, got \(channels)")
        precondition(limit.map { $0 > 0 } ?? true, "ImageFolder: limit \(limit!) must be positive")
        var files = try ImageFolder.pngFiles(in: path)
        if let limit { files = Array(files.prefix(limit)) }
        let first = try PNGImage(contentsOfFile: files[0])
        let (h, w) = (first.height, first.width)
        let item = channels * h * w
        var images = [Float](repeating: 0, count: files.count * item)
        for (i, file) in files.enumerated() {
            let png = i == 0 ? first : try PNGImage(contentsOfFile: file)
            guard png.height == h && png.width == w else {
                throw .mixedImageSizes(path: file, height: png.height, width: png.width, expectedHeight: h, expectedWidth: w)
            }
            images.withUnsafeMutableBufferPointer { png.writePlanar(channels: channels, into: $0.baseAddress! + i * item) }
        }
        self.storage = TensorDataset(Tensor(shape: [files.count, channels, h, w], values: images))
        self.path = path
        self.files = files
    }

    /// The images converted, fitted to R×R and laid one after another in [N, C, R, R].
    static func stack(_ pngs: [PNGImage], channels: Int, resolution: Int) -> Tensor {
        let item = channels * resolution * resolution
        return Tensor.make([pngs.count, channels, resolution, resolution]) { out in
            var planar = [Float]()
            for (i, png) in pngs.enumerated() {
                planar.removeAll(keepingCapacity: true)
                planar.append(contentsOf: repeatElement(0, count: channels * png.height * png.width))
                planar.withUnsafeMutableBufferPointer { buffer in
                    png.writePlanar(channels: channels, into: buffer.baseAddress!)
                    ImageResize.fitSquare(buffer.baseAddress!, planes: channels, height: png.height, width: png.width,
                                          resolution: resolution, into: out.baseAddress! + i * item)
                }
            }
        }
    }

    /// Full paths of the `.png` files under `folder`, recursively, sorted by relative path.
    public static func pngFiles(in folder: String) throws(GANIOError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
              let walker = FileManager.default.enumerator(atPath: folder) else {
            throw .missingFolder(path: folder)
        }
        var relative = [String]()
        while let entry = walker.nextObject() as? String {
            let components = entry.split(separator: "/")
            guard !components.contains(where: { $0.hasPrefix(".") }), entry.lowercased().hasSuffix(".png") else { continue }
            relative.append(entry)
        }
        guard !relative.isEmpty else { throw .noImages(folder: folder) }
        let base = URL(fileURLWithPath: folder)
        return relative.sorted().map { base.appendingPathComponent($0).path }
    }
}
