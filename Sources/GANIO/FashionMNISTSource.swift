import GANCore

/// The `fashion-mnist` data source: Fashion-MNIST's 60 000 training images (28×28 gray, ten
/// classes of 6 000; Xiao, Rasul & Vollgraf 2017) from the Debian package
/// `dataset-fashion-mnist` (`IDXDataset.fashionMNISTFolder`, or the `data` section's `path`
/// when it gives one), resized to the requested resolution. `classes` keeps the images of those
/// labels (`IDXDataset.fashionMNISTClassNames`). Adds no keys of its own.
public struct FashionMNISTSource: ImageDataSource {
    /// The source's own options: none (it reads the section's standard keys).
    public typealias Options = NoOptions
    /// "fashion-mnist".
    public static let kind = "fashion-mnist"
    /// Ten labelled classes, 0…9.
    public static var classCount: Int? { IDXDataset.fashionMNISTClassNames.count }

    /// The source.
    public init() {}
    /// The source; it has no options.
    public init(options: NoOptions, context: ComponentBuildContext) {}

    /// The training images of the requested classes, the first `limit` of them.
    public func load(_ request: DataRequest) throws -> any ImageDataset {
        try IDXDataset.fashionMNIST(classes: request.classes, limit: request.limit, resolution: request.resolution,
                                    channels: request.channels, folder: request.path ?? IDXDataset.fashionMNISTFolder)
    }
}
