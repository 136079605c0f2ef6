import GANCore

/// The `emoji` data source: the 1794 EmojiOne PNGs (64×64, CC-BY-SA 4.0) that Debian's
/// `ruby-gemojione` installs in `folder`, or the PNGs of the `data` section's `path` when it
/// gives one, read as `ImageFolder` reads a folder. Adds no keys of its own; `classes` does not
/// apply.
public struct EmojiOneSource: ImageDataSource {
    /// The source's own options: none (it reads the section's standard keys).
    public typealias Options = NoOptions
    /// "emoji".
    public static let kind = "emoji"
    /// Where Debian's `ruby-gemojione` puts the EmojiOne PNGs.
    public static let folder = "/usr/share/rubygems-integration/all/gems/gemojione-3.3.0/assets/png"

    /// The source.
    public init() {}
    /// The source; it has no options.
    public init(options: NoOptions, context: ComponentBuildContext) {}

    /// The EmojiOne images (from `request.path` instead when given).
    public func load(_ request: DataRequest) throws -> any ImageDataset {
        try ImageFolder(request.path ?? Self.folder, resolution: request.resolution, channels: request.channels, limit: request.limit)
    }

    /// The picked EmojiOne images (of `request.path` instead when given); only their files are
    /// decoded.
    public func load(_ request: DataRequest, keeping: (_ count: Int) -> [Int]) throws -> any ImageDataset {
        try ImageFolder(request.path ?? Self.folder, resolution: request.resolution, channels: request.channels, keeping: keeping)
    }
}
