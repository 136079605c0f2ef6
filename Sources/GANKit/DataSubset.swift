import GANCore

/// Which images `data.limit` keeps of a source with more.
///
/// - `first`: the first `limit` in the source's order (file names for a folder and for EmojiOne,
///   the file's order for Fashion-MNIST). The default, and what every configuration written
///   before `subset` existed means.
/// - `random`: `limit` images drawn without replacement with `data.subsetSeed`, kept in the
///   source's order. stylegan2-ada-pytorch's `--subset` does the same (its `Dataset` shuffles
///   the indices with a fixed seed, 0, and keeps the first `max_size`, sorted), and Karras et al.,
///   "Training Generative Adversarial Networks with Limited Data" (NeurIPS 2020), train their
///   limited-data rows on such subsets. A source sorted by kind needs it for a fair sample:
///   EmojiOne's file names are code points, so its first 500 images are keycaps, about 250 flags
///   and symbols, and no faces.
public enum DataSubset: String, CaseIterable, Sendable {
    case first
    case random

    /// The indices `random` keeps of `count` images: `min(limit, count)` distinct indices in
    /// increasing order, drawn by `RandomSource(seed: seed).sampleWithoutReplacement`. The same
    /// seed gives the same indices, whatever the run's seed, so every run of an experiment trains
    /// on the same images.
    public static func randomIndices(count: Int, limit: Int, seed: UInt64) -> [Int] {
        precondition(count >= 0 && limit >= 1, "DataSubset.randomIndices: count \(count), limit \(limit)")
        var rng = RandomSource(seed: seed)
        return rng.sampleWithoutReplacement(min(limit, count), from: count).sorted()
    }
}
