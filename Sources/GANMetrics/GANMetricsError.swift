/// A failure to read evaluation weights. Every case names the file (for a file inside a ZIP
/// archive, `archive:entry`), and the tensor or opcode at fault.
public enum GANMetricsError: Error, Equatable, CustomStringConvertible {
    /// A ZIP archive that is truncated, corrupt or uses a feature this reader lacks (ZIP64,
    /// encryption, a compression method other than stored and deflate).
    case corruptZip(path: String, reason: String)
    /// A pickle that is truncated, malformed or uses an opcode outside the subset read here.
    case corruptPickle(path: String, reason: String)
    /// A tensor in a TorchScript archive that cannot be rebuilt (not contiguous float32, storage
    /// missing or too short).
    case unsupportedTensor(path: String, tensor: String, reason: String)

    public var description: String {
        switch self {
        case .corruptZip(let path, let reason):
            return "cannot read ZIP archive \(path): \(reason)"
        case .corruptPickle(let path, let reason):
            return "cannot read pickle \(path): \(reason)"
        case .unsupportedTensor(let path, let tensor, let reason):
            return "cannot rebuild tensor '\(tensor)' of \(path): \(reason)"
        }
    }
}
