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
        try ImageFolder(try folder(request), resolution: request.resolution, channels: request.channels, limit: request.limit)
    }

    /// The picked images of the folder; only their files are decoded.
    public func load(_ request: DataRequest, keeping: (_ count: Int) -> [Int]) throws -> any ImageDataset {
        try ImageFolder(try folder(request), resolution: request.resolution, channels: request.channels, keeping: keeping)
    }

    /// The request's path; without one, an error naming `data.path`.
    private func folder(_ request: DataRequest) throws -> String {
        guard let path = request.path else { throw ConfigurationError.invalidValue(context: "data.path", reason: "a folder source needs a path") }
        return path
    }
}
