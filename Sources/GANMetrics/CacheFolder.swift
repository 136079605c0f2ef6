import Foundation

/// The folder where GANKit keeps what it downloads or derives once and reuses across runs: the
/// converted Inception weights and the cached feature statistics of real image sets.
///
/// `$XDG_CACHE_HOME/gankit` when that variable is set to an absolute path (the XDG Base Directory
/// rule: a relative value is ignored), otherwise `~/.cache/gankit`. Nothing in it is ever
/// committed; deleting it only costs a download and a recomputation.
public enum CacheFolder {
    /// The cache folder for `environment` (the process's by default). It is not created here.
    public static func url(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("gankit", isDirectory: true)
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache", isDirectory: true).appendingPathComponent("gankit", isDirectory: true)
    }
}
