import ArgumentParser
import Foundation
import GANKit
import GANMetrics

/// `gankit evaluate`: FID, KID, precision/recall and density/coverage of generated images
/// against real ones, on the Inception-v3 features FID is defined on.
struct Evaluate: ParsableCommand {
    static var configuration: CommandConfiguration {
        let name = GANKitCLI.commandName
        return CommandConfiguration(
            abstract: "Score generated images against real ones: FID, KID, precision, recall, density, coverage.",
            discussion: """
            Examples:
              \(name) evaluate --fake runs/emoji
              \(name) evaluate --real fashion-mnist --classes 7 --limit 500 --channels 1 --fake runs/sneakers
              \(name) evaluate --real my-images --fake runs/x/checkpoints/iter-002000 --num 2000 --json
            Image folders are read at their own resolution; the network resizes every image to 299×299.
            Real-set features are cached under the cache folder (see docs/evaluation.md).
            Needs the Inception-v3 weights: `\(name) weights` downloads and converts them once.
            """)
    }

    @Option(help: "The real images: a run directory (its training images), a folder of PNGs, a configuration .json (its data section) or a data source (emoji | fashion-mnist) refined by the data flags. Default: the training images of --fake's run.")
    var real: String?
    @Option(help: "The images to score: a run directory (its latest checkpoint), a checkpoint directory, or a folder of PNGs.")
    var fake: String
    @Option(help: "Number of fake images (default: as many as there are real images).") var num: Int?
    @Option(help: "Seed of the fakes' latents and of KID's subsets.") var seed: UInt64 = 0
    @Flag(help: "Print one JSON object instead of a table.") var json = false
    @OptionGroup(title: "Data flags (refine a data source or configuration given as --real)") var data: DataOptions

    /// The smallest set the scores are defined on: precision, recall, density and coverage need
    /// each vector's k = 3 nearest neighbours besides itself.
    static let minimumSetSize = 4

    /// `--num`'s range, before anything is read.
    func validate() throws {
        if let num, num < Self.minimumSetSize { throw ValidationError("--num must be ≥ \(Self.minimumSetSize), got \(num)") }
    }

    func run() throws {
        let fakeSource = try EvaluationImages.source(fake)
        if let num { try EvaluationImages.checkSamplingMemory(fakeSource, count: num, flag: "--num") }
        let realSource: EvaluationImages.Source
        if let real {
            realSource = try EvaluationImages.source(real) { try data.apply(to: &$0) }
        } else if case .folder = fakeSource {
            throw ValidationError("--real is needed when --fake is an image folder")
        } else {
            realSource = fakeSource
        }
        let network = try Self.loadNetwork()

        let realImages = EightBitImages.fromSigned(try EvaluationImages.real(realSource))
        let fakeImages = EightBitImages.fromSigned(try EvaluationImages.fake(fakeSource, count: num ?? realImages.shape[0], seed: seed))
        for (name, images) in [("real", realImages), ("fake", fakeImages)] where images.shape[0] < Self.minimumSetSize {
            throw ValidationError("the \(name) set has \(images.shape[0]) images; the scores need at least \(Self.minimumSetSize) per set")
        }
        let cache = FeatureCache()
        let (realFeatures, hit) = try cache.features(for: realImages, extractor: InceptionV3.featureExtractorName) {
            Self.features(of: $0, network: network, label: "real")
        }
        let fakeFeatures = Self.features(of: fakeImages, network: network, label: "fake")
        let scores = try EvaluationScores(real: realFeatures, fake: fakeFeatures, kid: KernelInceptionDistance(seed: seed))

        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(scores), as: UTF8.self))
            return
        }
        print("real: \(scores.realCount) images of \(Array(realImages.shape.dropFirst())) from \(real ?? fake)\(hit ? " (cached features)" : "")")
        print("fake: \(scores.fakeCount) images of \(Array(fakeImages.shape.dropFirst())) from \(fake)")
        print(String(format: "FID        %.4f", scores.fid))
        print(String(format: "KID        %.6f ± %.6f", scores.kid, scores.kidStandardDeviation))
        print(String(format: "precision  %.4f", scores.precision))
        print(String(format: "recall     %.4f", scores.recall))
        print(String(format: "density    %.4f", scores.density))
        print(String(format: "coverage   %.4f", scores.coverage))
    }

    /// The feature network; missing weights are an error naming the command that gets them.
    static func loadNetwork() throws -> InceptionV3 {
        try InceptionV3(weights: try InceptionWeights.load())
    }

    /// The features of images in [0, 1], with a progress bar.
    static func features(of images: Tensor, network: InceptionV3, label: String) -> Tensor {
        let progress = ProgressBar("\(label) features", total: images.shape[0])
        progress.update(0)
        return network.features(batchedOver: images, progress: progress.update)
    }
}
