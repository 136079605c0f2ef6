import Foundation
import GANCore
import GANMetrics

extension EvaluationSpec {
    /// The observer that evaluates a run as this section asks: the FID Inception network
    /// (`InceptionWeights.load()`, so missing weights are an error naming `gankit weights`
    /// before training starts), the training images' features through the on-disk
    /// `FeatureCache`, `EvaluationScores` with this section's KID subsets. The latents' and KID's
    /// seeds derive from the run's seed. `log` hears one line per evaluation.
    public func observer(directory: URL, training: any ImageDataset, seed: UInt64,
                         log: @escaping (String) -> Void = { print($0) }) throws -> EvaluationObserver {
        let network = try InceptionV3(weights: try InceptionWeights.load())
        let cache = FeatureCache()
        let kid = KernelInceptionDistance(subsets: kidSubsets, subsetSize: kidSubsetSize, seed: seed &+ 0x4B49_44)
        return EvaluationObserver(
            directory: directory, every: every, count: num, seed: seed &+ 0x4556_414C, realImages: training,
            extract: { images in
                log("evaluation: Inception features of \(images.shape[0]) generated images")
                return network.features(images)
            },
            extractReal: { images in
                let (features, hit) = try cache.features(for: images, extractor: InceptionV3.featureExtractorName) {
                    log("evaluation: Inception features of the \($0.shape[0]) training images (cached for later runs)")
                    return network.features($0)
                }
                if hit { log("evaluation: the \(images.shape[0]) training images' features from \(cache.directory.path)") }
                return features
            },
            score: { real, fake in try EvaluationScores(real: real, fake: fake, kid: kid).metrics })
    }
}
