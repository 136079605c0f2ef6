import GANCore

/// The `folder` data source: the PNGs of the `data` section's `path` (`ImageFolder`: found
/// recursively, sorted by path, the first `limit` kept). Adds no keys of its own; `classes` does
/// not apply.
public struct ImageFolderSource: ImageDataSource {
    /// The source's own options: none (it reads the section's standard keys).
    public typealias Options = NoOptions
    /// "folder".
    public static let kind = "folder"

    /// The source.
    public init() {}
    /// The source; it has no options.
    public init(options: NoOptions, context: ComponentBuildContext) {}

    /// The folder's images; a request without a path is an error naming `data.path`.
    public func load(_ request: DataRequest) throws -> any ImageDataset {
        guard let path = request.path else { throw ConfigurationError.invalidValue(context: "data.path", reason: "a folder source needs a path") }
        return try ImageFolder(path, resolution: request.resolution, channels: request.channels, limit: request.limit)
    }
}
