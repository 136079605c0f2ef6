import Foundation
import GANCore

/// A lower bound on the memory a run (or a `gankit sample` call) needs, computed from the
/// configuration before anything is allocated, so that a width, batch or count that cannot fit
/// is an error naming the key and the size instead of an allocation failure deep in a tensor op.
///
/// The bound is deliberately loose (it only has to be below the truth). A family whose size its
/// own keys set gives its bound (`ModelFamily.sizeLowerBound(for:)`, StyleGAN2's from
/// `channelBase` and `channelMax`); for the others the `width` one holds: the built-in families
/// that read `width` have a convolution of at least `9·width²` weights and a first layer of at
/// least `16·width·latent` (DCGAN's ngf·8 → ngf·4 transposed convolution has `128·width²`,
/// SNGAN's 3×3 residual convolutions `144·width²`), and each image in a batch needs at least its
/// latent vector, the first layer's `16·width` outputs and its `channels·resolution²` pixels.
/// Training keeps four Float32 copies of each weight (value, gradient, Adam's two moments).
struct MemoryEstimate {
    /// Bytes of weights, gradients and optimiser moments (or of weights alone when sampling).
    var weightBytes: Double
    /// Bytes of the per-image values for a batch of `images`.
    var batchBytes: Double
    /// The configuration key (or flag) and value a failure names when the weights dominate.
    var weightCause: (key: String, value: Int)
    /// The key (or flag) and value named when the batch dominates.
    var batchCause: (key: String, value: Int)
    /// What the memory is for, as the message says it ("training", "sampling 100 images").
    var purpose: String

    var totalBytes: Double { weightBytes + batchBytes }

    /// Training's lower bound for `configuration`, whose model family `registry` builds if it
    /// has it (a bad option of the family is the error building the run would throw).
    init(_ configuration: RunConfiguration, registry: ComponentRegistry) throws {
        try self.init(configuration, images: configuration.batchSize, copiesOfEachWeight: 4,
                      batchCause: ("batchSize", configuration.batchSize), purpose: "training", registry: registry)
    }

    /// Sampling's lower bound: the weights once, `count` images' values twice (the images and
    /// the grid made of them).
    init(sampling count: Int, configuration: RunConfiguration, flag: String, registry: ComponentRegistry) throws {
        try self.init(configuration, images: count, copiesOfEachWeight: 1, batchCause: (flag, count),
                      purpose: "sampling \(count) images", registry: registry)
        batchBytes *= 2
    }

    private init(_ c: RunConfiguration, images: Int, copiesOfEachWeight copies: Double,
                 batchCause: (String, Int), purpose: String, registry: ComponentRegistry) throws {
        let m = c.model
        let size = ImageSize(channels: c.data.channels, resolution: c.data.resolution)
        if let bound = try Self.familyBound(c, imageSize: size, registry: registry) {
            weightBytes = 4 * copies * bound.weights
            batchBytes = 4 * Double(images) * bound.valuesPerImage
            weightCause = (bound.weightKey, bound.weightValue)
        } else {
            let width = Double(m.width), latent = Double(m.latentDimension)
            let pixels = Double(size.channels) * Double(size.height) * Double(size.width)
            weightBytes = 4 * copies * (9 * width * width + 16 * width * latent)
            batchBytes = 4 * Double(images) * (latent + 16 * width + pixels)
            weightCause = m.width >= m.latentDimension ? ("model.width", m.width) : ("model.latentDimension", m.latentDimension)
        }
        self.batchCause = batchCause
        self.purpose = purpose
    }

    /// The bound of `c`'s model family, or nil when the family gives none or `registry` does not
    /// have it (building the run then names the kind as unknown).
    private static func familyBound(_ c: RunConfiguration, imageSize: ImageSize, registry: ComponentRegistry) throws -> ModelSizeBound? {
        guard registry.modelFamily(c.model.family) != nil else { return nil }
        let context = ComponentBuildContext(modelFamily: c.model.family, imageSize: imageSize, batchSize: c.batchSize,
                                            datasetCount: c.data.limit ?? 0)
        let family = try registry.makeModelFamily(c.model.family, options: .object(c.model.options), context: context, at: "model.family")
        return family.sizeLowerBound(for: c.model.request(imageSize: imageSize))
    }

    /// Throws `ConfigurationError.invalidValue` naming the likely cause when the bound exceeds
    /// `memoryBytes`.
    func check(against memoryBytes: UInt64) throws {
        guard totalBytes > Double(memoryBytes) else { return }
        let cause = weightBytes >= batchBytes ? weightCause : batchCause
        throw ConfigurationError.invalidValue(context: cause.key, reason:
            "\(cause.value) is too large: \(purpose) would need at least \(Self.describe(bytes: totalBytes)) of memory "
            + "(\(Self.describe(bytes: weightBytes)) for the weights, \(Self.describe(bytes: batchBytes)) for the images), "
            + "and this machine has \(Self.describe(bytes: Double(memoryBytes))); lower \(cause.key)")
    }

    /// `1.5 GB`, `12 TB`: bytes in powers of 1024 with the usual short names.
    static func describe(bytes: Double) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
        var value = bytes, unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        if unit == 0 { return "\(Int(value)) bytes" }
        return String(format: value < 10 ? "%.1f" : "%.0f", value) + " " + units[unit]
    }
}
