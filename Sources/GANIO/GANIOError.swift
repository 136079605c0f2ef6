/// A failure to read or write image data. Every case names the file or folder at fault, so a
/// message like "…/cat.png is not a PNG file" tells a user what to fix.
public enum GANIOError: Error, Equatable, CustomStringConvertible {
    /// The folder does not exist or is not a directory.
    case missingFolder(path: String)
    /// The folder (searched recursively) holds no `.png` file.
    case noImages(folder: String)
    /// A file could not be opened or read.
    case unreadableFile(path: String, reason: String)
    /// The file does not start with the 8-byte PNG signature (for example a text file named `.png`).
    case notAPNG(path: String)
    /// The file starts like a PNG but libpng rejected it (corrupt or truncated); `message` is libpng's.
    case corruptPNG(path: String, message: String)
    /// The PNG header announces more pixels than `PNGImage.maximumPixelCount`.
    case imageTooLarge(path: String, width: Int, height: Int)
    /// libpng could not encode or write an image.
    case pngWriteFailed(path: String, message: String)
    /// An IDX file that is missing, truncated or fails to decompress.
    case unreadableIDX(path: String, reason: String)
    /// An IDX file whose magic number is not the one expected (wrong file, or not unsigned bytes).
    case wrongIDXMagic(path: String, found: UInt32, expected: UInt32)
    /// A requested class label is not among the labels present in the label file.
    case classOutOfRange(path: String, requested: Int, available: Range<Int>)
    /// The image and label files of an IDX data set disagree on the number of items.
    case idxCountMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
    /// An image whose size differs from the first image of its folder, where one size is needed
    /// (images loaded at their own resolution).
    case mixedImageSizes(path: String, height: Int, width: Int, expectedHeight: Int, expectedWidth: Int)
    /// A file or directory could not be written (disk full, permissions, …).
    case writeFailed(path: String, reason: String)
    /// A checkpoint file that is missing, of another format version, truncated, or fails its
    /// checksums; `reason` names the tensor or manifest key at fault.
    case invalidCheckpoint(path: String, reason: String)
    /// A tensor archive (such as converted network weights) that is missing, of another format or
    /// version, truncated, or fails its checksums; `reason` names the tensor or manifest key at fault.
    case invalidTensorArchive(path: String, reason: String)
    /// Another process (or another `RunLock` in this one) holds the run folder's lock; `pid` is
    /// the holder's process id as written in `<folder>/.lock`, when it could be read.
    case runInUse(folder: String, pid: Int32?)

    public var description: String {
        switch self {
        case .missingFolder(let path):
            return "image folder \(path) does not exist or is not a directory"
        case .noImages(let folder):
            return "image folder \(folder) contains no .png files"
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .notAPNG(let path):
            return "\(path) is not a PNG file (it lacks the PNG signature)"
        case .corruptPNG(let path, let message):
            return "\(path) is a corrupt or truncated PNG: libpng says \"\(message)\""
        case .imageTooLarge(let path, let width, let height):
            return "\(path) announces \(width)×\(height) pixels, more than the \(PNGImage.maximumPixelCount) GANIO loads"
        case .pngWriteFailed(let path, let message):
            return "cannot write PNG \(path): libpng says \"\(message)\""
        case .unreadableIDX(let path, let reason):
            return "cannot read IDX file \(path): \(reason)"
        case .wrongIDXMagic(let path, let found, let expected):
            return "IDX file \(path) has magic number 0x\(hex(found)), expected 0x\(hex(expected))"
        case .classOutOfRange(let path, let requested, let available):
            return "class \(requested) is out of range: labels in \(path) span \(available.lowerBound)..<\(available.upperBound)"
        case .idxCountMismatch(let images, let imageCount, let labels, let labelCount):
            return "IDX files disagree: \(images) holds \(imageCount) images but \(labels) holds \(labelCount) labels"
        case .mixedImageSizes(let path, let height, let width, let expectedHeight, let expectedWidth):
            return "\(path) is \(width)×\(height) pixels but the folder's first image is \(expectedWidth)×\(expectedHeight); "
                + "images read at their own resolution must all have one size (or give a resolution to resize them to)"
        case .writeFailed(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .invalidCheckpoint(let path, let reason):
            return "invalid checkpoint file \(path): \(reason)"
        case .invalidTensorArchive(let path, let reason):
            return "invalid tensor archive file \(path): \(reason)"
        case .runInUse(let folder, let pid):
            let holder = pid.map { "process \($0)" } ?? "another process"
            return "run folder \(folder) is in use by \(holder), which holds its .lock; wait for it to finish or stop it"
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
