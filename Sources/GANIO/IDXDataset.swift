import Foundation
import GANCore

/// Images (and optionally labels) from IDX files, loaded into memory at the training resolution:
/// MNIST-style data such as Fashion-MNIST (Xiao, Rasul & Vollgraf 2017, arXiv:1708.07747).
///
/// A byte `v` becomes `v / 127.5 − 1`, so the zero background is −1. `classes` keeps only
/// images whose label is listed (in file order), then `limit` keeps the first ones.
/// 1-channel images are replicated when `channels` is 3.
public struct IDXDataset: ImageDataset {
    /// How the source images (28×28 for Fashion-MNIST) become R×R.
    public enum Fit: Sendable {
        /// Center crop and resample as `ImageResize` documents (area average or bilinear).
        case resize
        /// Centered on an R×R canvas of −1 (the background), no resampling; needs R ≥ the source
        /// size. 28 → 32 pads 2 pixels on each side, as DCGAN-style MNIST models commonly do.
        case pad
    }

    /// The label of each image, or empty when no label file was given.
    public let labels: [Int]
    private let storage: TensorDataset

    /// All selected images, [N, C, R, R] in [-1, 1].
    public var tensor: Tensor { storage.tensor }
    /// Number of images N.
    public var count: Int { storage.count }
    /// Channels, height and width of every image.
    public var imageSize: ImageSize { storage.imageSize }

    /// The images at `indices`, in that order (repeats allowed), as [indices.count, C, R, R].
    public func images(at indices: [Int]) -> Tensor { storage.images(at: indices) }

    /// Loads the image file `images` (IDX, rank 3: [N, H, W]) and, if given, the label file
    /// `labels` (IDX, rank 1: [N]). `classes` needs `labels`; `limit` must be positive.
    public init(images imagePath: String, labels labelPath: String? = nil, classes: [Int]? = nil, limit: Int? = nil,
                resolution: Int, channels: Int = 1, fit: Fit = .resize) throws(GANIOError) {
        precondition(resolution > 0, "IDXDataset: resolution \(resolution) must be positive")
        precondition(channels == 1 || channels == 3, "IDXDataset: channels must be 1 or 3, got \(channels)")
        precondition(limit.map { $0 > 0 } ?? true, "IDXDataset: limit \(limit!) must be positive")
        precondition(classes == nil || labelPath != nil, "IDXDataset: class selection \(classes!) needs a label file")
        precondition(classes.map { !$0.isEmpty } ?? true, "IDXDataset: empty class selection")

        let imageFile = try IDXFile(contentsOfFile: imagePath, rank: 3)
        let (n, h, w) = (imageFile.dimensions[0], imageFile.dimensions[1], imageFile.dimensions[2])
        guard h > 0 && w > 0 else {
            throw .unreadableIDX(path: imagePath, reason: "images of \(h)×\(w) pixels")
        }
        precondition(fit == .resize || (h <= resolution && w <= resolution),
                     "IDXDataset: cannot pad \(h)×\(w) images of \(imagePath) to \(resolution)×\(resolution); use fit: .resize")
        var allLabels = [Int]()
        var selected = Array(0..<n)
        if let labelPath {
            let labelFile = try IDXFile(contentsOfFile: labelPath, rank: 1)
            guard labelFile.dimensions[0] == n else {
                throw .idxCountMismatch(images: imagePath, imageCount: n, labels: labelPath, labelCount: labelFile.dimensions[0])
            }
            allLabels = labelFile.bytes.map(Int.init)
            if let classes {
                let available = 0..<((allLabels.max() ?? -1) + 1)
                if let bad = classes.first(where: { !available.contains($0) }) {
                    throw .classOutOfRange(path: labelPath, requested: bad, available: available)
                }
                let wanted = Set(classes)
                selected = selected.filter { wanted.contains(allLabels[$0]) }
            }
        }
        if let limit { selected = Array(selected.prefix(limit)) }

        self.labels = allLabels.isEmpty ? [] : selected.map { allLabels[$0] }
        let images = Tensor.make([selected.count, channels, resolution, resolution]) { out in
            let plane = resolution * resolution
            var source = [Float](repeating: 0, count: h * w)
            imageFile.bytes.withUnsafeBufferPointer { bytes in
                source.withUnsafeMutableBufferPointer { src in
                    for (i, index) in selected.enumerated() {
                        let item = bytes.baseAddress! + index * h * w
                        for p in 0..<(h * w) { src[p] = Float(item[p]) / 127.5 - 1 }
                        let dst = out.baseAddress! + i * channels * plane
                        switch fit {
                        case .resize:
                            ImageResize.fitSquare(src.baseAddress!, planes: 1, height: h, width: w, resolution: resolution, into: dst)
                        case .pad:
                            dst.update(repeating: -1, count: plane)
                            let top = (resolution - h) / 2, left = (resolution - w) / 2
                            for y in 0..<h { (dst + (top + y) * resolution + left).update(from: src.baseAddress! + y * w, count: w) }
                        }
                        for c in 1..<channels { (dst + c * plane).update(from: dst, count: plane) }
                    }
                }
            }
        }
        self.storage = TensorDataset(images)
    }
}

extension IDXDataset {
    /// Where the Debian package `dataset-fashion-mnist` installs Fashion-MNIST.
    public static let fashionMNISTFolder = "/usr/share/datasets/fashion-mnist"

    /// Fashion-MNIST's ten class names; a label indexes this list.
    public static let fashionMNISTClassNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]

    /// Which half of an MNIST-style data set.
    public enum Split: String, Sendable {
        /// 60 000 training images (`train-*`).
        case train
        /// 10 000 test images (`t10k-*`).
        case test
    }

    /// Fashion-MNIST from `folder` (`train-images-idx3-ubyte` etc., plain or `.gz`), labels
    /// included; 6 000 training images per class.
    public static func fashionMNIST(split: Split = .train, classes: [Int]? = nil, limit: Int? = nil, resolution: Int,
                                    channels: Int = 1, fit: Fit = .resize,
                                    folder: String = fashionMNISTFolder) throws(GANIOError) -> IDXDataset {
        let prefix = split == .train ? "train" : "t10k"
        return try IDXDataset(images: locate("\(prefix)-images-idx3-ubyte", in: folder),
                              labels: locate("\(prefix)-labels-idx1-ubyte", in: folder),
                              classes: classes, limit: limit, resolution: resolution, channels: channels, fit: fit)
    }

    /// `folder/name` if it exists, else `folder/name.gz` (which errors name if it is missing too).
    private static func locate(_ name: String, in folder: String) -> String {
        let plain = URL(fileURLWithPath: folder).appendingPathComponent(name).path
        return FileManager.default.fileExists(atPath: plain) ? plain : plain + ".gz"
    }
}
