import Foundation
import GANCore

/// The `emoji` data source: the 1794 EmojiOne PNGs (64×64, CC-BY-SA 4.0) that Debian's
/// `ruby-gemojione` installs in `folder`, or the PNGs of the `data` section's `path` when it
/// gives one, read as `ImageFolder` reads a folder; `classes` does not apply.
///
/// Its own key, `codepoints`, keeps only the files whose first code point lies in the ranges it
/// lists (`CodePointRanges`): `["1F600-1F644", "1F910-1F917", "1F920-1F925", "1F927", "2639",
/// "263A"]` are the 86 face emoji. `limit` and `subset` then choose among the kept files.
public struct EmojiOneSource: ImageDataSource {
    /// The source's own key.
    public struct Options: ComponentOptions, Equatable {
        /// Code points or ranges of them ("1F600", "1F600-1F644") whose files to keep; nil keeps
        /// every file.
        public var codepoints: [String]?

        /// Every file.
        public init() {}
        enum CodingKeys: String, CodingKey, CaseIterable { case codepoints }
        /// "codepoints".
        public static var knownKeys: Set<String> { keys(CodingKeys.self) }
    }

    /// "emoji".
    public static let kind = "emoji"
    /// Where Debian's `ruby-gemojione` puts the EmojiOne PNGs.
    public static let folder = "/usr/share/rubygems-integration/all/gems/gemojione-3.3.0/assets/png"

    /// The ranges whose files to keep, or nil for every file.
    public let codePoints: CodePointRanges?

    /// The source of every file, or of the files `codePoints` keeps.
    public init(codePoints: CodePointRanges? = nil) { self.codePoints = codePoints }
    /// The source `options` describe; a malformed `codepoints` is an error naming
    /// `data.codepoints` and the string at fault.
    public init(options: Options, context: ComponentBuildContext) throws {
        self.init(codePoints: try options.codepoints.map { try CodePointRanges($0, context: "data.codepoints") })
    }

    /// The EmojiOne images (from `request.path` instead when given).
    public func load(_ request: DataRequest) throws -> any ImageDataset {
        let folder = request.path ?? Self.folder
        return try ImageFolder(folder, files: try files(in: folder), resolution: request.resolution, channels: request.channels, limit: request.limit)
    }

    /// The picked EmojiOne images (of `request.path` instead when given); only their files are
    /// decoded.
    public func load(_ request: DataRequest, keeping: (_ count: Int) -> [Int]) throws -> any ImageDataset {
        let folder = request.path ?? Self.folder
        return try ImageFolder(folder, files: try files(in: folder), resolution: request.resolution, channels: request.channels, keeping: keeping)
    }

    /// The PNGs of `folder` in `ImageFolder`'s order that `codePoints` keeps; none kept is an
    /// error naming `data.codepoints`.
    private func files(in folder: String) throws -> [String] {
        let all = try ImageFolder.pngFiles(in: folder)
        guard let codePoints else { return all }
        let kept = all.filter { codePoints.contains(fileName: URL(fileURLWithPath: $0).lastPathComponent) }
        guard !kept.isEmpty else {
            throw ConfigurationError.invalidValue(context: "data.codepoints", reason: "no file of \(folder) is named by a code point in \(codePoints)")
        }
        return kept
    }
}
