import Foundation
import GANCore

/// A lower bound on the memory a run (or a `gankit sample` call) needs, computed from the
/// configuration before anything is allocated, so that a width, batch or count that cannot fit
/// is an error naming the key and the size instead of an allocation failure deep in a tensor op.
///
/// The bound is deliberately loose (it only has to be below the truth): every model family has a
/// convolution of at least `9·width²` weights and a first layer of at least `16·width·latent`
/// (DCGAN's ngf·8 → ngf·4 transposed convolution has `128·width²`, SNGAN's 3×3 residual
/// convolutions `144·width²`), and training keeps four Float32 copies of each weight (value,
/// gradient, Adam's two moments). Each image in a batch needs at least its latent vector, the
/// first layer's `16·width` outputs and its `channels·resolution²` pixels.
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

    /// Training's lower bound for `configuration`.
    init(_ configuration: RunConfiguration) {
        let m = configuration.model
        self.init(model: m, data: configuration.data, images: configuration.batchSize, copiesOfEachWeight: 4,
                  batchCause: ("batchSize", configuration.batchSize), purpose: "training")
    }

    /// Sampling's lower bound: the weights once, `count` images' values twice (the images and
    /// the grid made of them).
    init(sampling count: Int, configuration: RunConfiguration, flag: String) {
        self.init(model: configuration.model, data: configuration.data, images: count, copiesOfEachWeight: 1,
                  batchCause: (flag, count), purpose: "sampling \(count) images")
        batchBytes *= 2
    }

    private init(model m: ModelSpec, data: DataSpec, images: Int, copiesOfEachWeight copies: Double,
                 batchCause: (String, Int), purpose: String) {
        let width = Double(m.width), latent = Double(m.latentDimension)
        let pixels = Double(data.channels) * Double(data.resolution) * Double(data.resolution)
        let weights = 9 * width * width + 16 * width * latent
        weightBytes = 4 * copies * weights
        self.batchBytes = 4 * Double(images) * (latent + 16 * width + pixels)
        weightCause = m.width >= m.latentDimension ? ("model.width", m.width) : ("model.latentDimension", m.latentDimension)
        self.batchCause = batchCause
        self.purpose = purpose
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
