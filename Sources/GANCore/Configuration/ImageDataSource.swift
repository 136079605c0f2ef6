/// What a run configuration's `data` section asks of every data source: its standard keys
/// (`path`, `resolution`, `channels`, `limit`, `classes`). Keys a source adds of its own are its
/// `Options`.
public struct DataRequest: Sendable, Equatable {
    /// A folder or file the source reads, when the configuration gives one.
    public var path: String?
    /// The side of the square training images, in pixels.
    public var resolution: Int
    /// 3 for RGB, 1 for gray.
    public var channels: Int
    /// Use at most this many images (the first ones), or nil for all.
    public var limit: Int?
    /// The class labels to keep, for a source whose images have labels (`classCount`).
    public var classes: [Int]?

    /// A request with the given standard keys.
    public init(path: String?, resolution: Int, channels: Int, limit: Int?, classes: [Int]?) {
        (self.path, self.resolution, self.channels, self.limit, self.classes) = (path, resolution, channels, limit, classes)
    }
}

/// A set of training images that a run configuration names by its `kind` in
/// `"data": {"source": kind, …}` and `gankit train --data-source kind`. The source reads the
/// section's standard keys from a `DataRequest`; keys of its own are its `Options`, laid beside
/// the standard ones in the same section and decoded strictly with their defaults written once.
/// `ComponentRegistry.register` takes the type.
///
/// A source is built before the model and the batch are set up, so the `ComponentBuildContext`
/// its `init(options:context:)` gets names the requested image size only (its model family is
/// empty, its batch size and data set size 0).
public protocol ImageDataSource: ConfigurableComponent {
    /// How many classes the images are labelled with (`classes` then picks labels in
    /// 0..<classCount), or nil for unlabelled images, where giving `classes` is an error.
    /// Nil by default.
    static var classCount: Int? { get }

    /// The images `request` asks for, at its resolution and channels; a missing or unreadable
    /// file is an error naming it.
    func load(_ request: DataRequest) throws -> any ImageDataset

    /// The images `keeping` picks of those `request` asks for: `keeping` gets how many there
    /// are and returns the indices to keep (distinct, increasing, below that count), which come
    /// back in that order. A random `data.subset` loads through this. By default the source
    /// loads every image and keeps the picked ones; a source that can count its images before
    /// decoding them (a folder lists its files) decodes the picked ones only, so a sample of a
    /// large folder costs what the sample does.
    func load(_ request: DataRequest, keeping: (_ count: Int) -> [Int]) throws -> any ImageDataset
}

extension ImageDataSource {
    /// Unlabelled.
    public static var classCount: Int? { nil }

    /// Loads every image `request` asks for and keeps the picked ones.
    public func load(_ request: DataRequest, keeping: (_ count: Int) -> [Int]) throws -> any ImageDataset {
        let all = try load(request)
        return ImageSubset(all, indices: keeping(all.count))
    }
}
