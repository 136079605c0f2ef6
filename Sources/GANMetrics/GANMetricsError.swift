import GANIO

/// A failure to get, read or convert evaluation weights. Every case names the file (for a file
/// inside a ZIP archive, `archive:entry`), and the tensor, opcode or command at fault.
public enum GANMetricsError: Error, Equatable, CustomStringConvertible {
    /// A ZIP archive that is truncated, corrupt or uses a feature this reader lacks (ZIP64,
    /// encryption, a compression method other than stored and deflate).
    case corruptZip(path: String, reason: String)
    /// A pickle that is truncated, malformed or uses an opcode outside the subset read here.
    case corruptPickle(path: String, reason: String)
    /// A tensor in a TorchScript archive that cannot be rebuilt (not contiguous float32, storage
    /// missing or too short).
    case unsupportedTensor(path: String, tensor: String, reason: String)
    /// A file whose SHA-256 differs from the one expected.
    case checksumMismatch(path: String, expected: String, actual: String)
    /// A command run to download something failed.
    case downloadFailed(command: String, reason: String)
    /// Weights that are not in the cache folder; `command` (quoted as it should be shown) gets them.
    case missingWeights(path: String, command: String)
    /// Weights that are there but not the expected ones (unreadable archive, wrong tensor count).
    case invalidWeights(path: String, reason: String)
    /// Writing the converted weights failed (disk full, permissions, …).
    case writeFailed(GANIOError)

    public var description: String {
        switch self {
        case .corruptZip(let path, let reason):
            return "cannot read ZIP archive \(path): \(reason)"
        case .corruptPickle(let path, let reason):
            return "cannot read pickle \(path): \(reason)"
        case .unsupportedTensor(let path, let tensor, let reason):
            return "cannot rebuild tensor '\(tensor)' of \(path): \(reason)"
        case .checksumMismatch(let path, let expected, let actual):
            return "\(path) has SHA-256 \(actual), expected \(expected): the download is corrupt or not the expected release"
        case .downloadFailed(let command, let reason):
            return "`\(command)` failed: \(reason)"
        case .missingWeights(let path, let command):
            return "no Inception weights in \(path): run \(command) to download and convert them"
        case .invalidWeights(let path, let reason):
            return "the Inception weights in \(path) are unusable: \(reason)"
        case .writeFailed(let error):
            return error.description
        }
    }
}
