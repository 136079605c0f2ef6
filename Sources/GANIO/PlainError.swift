import Foundation

/// The reason a file operation failed, as a few plain words ("Permission denied", "No such file
/// or directory", "Not a directory") instead of Foundation's `Error Domain=NSCocoaErrorDomain
/// Code=512 … UserInfo={…}` dump: the system's `strerror` text when the error carries an errno,
/// else Foundation's one-line description.
public enum PlainError {
    /// The reason in `error`, without the path (messages name the path themselves).
    public static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "No such file or directory"
        case .fileReadNoPermission, .fileWriteNoPermission: return "Permission denied"
        case .fileWriteOutOfSpace: return "No space left on device"
        case .fileWriteVolumeReadOnly: return "Read-only file system"
        case .fileWriteFileExists: return "File exists"
        default: return ns.localizedDescription
        }
    }
}
