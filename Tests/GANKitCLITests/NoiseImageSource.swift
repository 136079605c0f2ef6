import GANKit

/// A data source of the tests' own: `count` images of uniform noise drawn from `seed`, at the
/// requested size. Registered by a test, it stands for a user's data source.
struct NoiseImageSource: ImageDataSource {
    struct Options: ComponentOptions, Equatable {
        var count = 8
        var seed: UInt64 = 1
        static let knownKeys: Set<String> = ["count", "seed"]
    }
    static let kind = "noise"

    let count: Int
    let seed: UInt64

    init(count: Int = Options().count, seed: UInt64 = Options().seed) {
        (self.count, self.seed) = (count, seed)
    }

    init(options: Options, context: ComponentBuildContext) throws {
        self.init(count: try ConfigurationCheck.positive(options.count, "data noise.count"), seed: options.seed)
    }

    func load(_ request: DataRequest) throws -> any ImageDataset {
        var rng = RandomSource(seed: seed)
        return TensorDataset(Tensor.uniform([count, request.channels, request.resolution, request.resolution], low: -1, high: 1, using: &rng))
    }
}
