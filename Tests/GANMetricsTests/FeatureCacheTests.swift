import Foundation
import GANCore
import GANIO
import GANMetrics
import Testing

/// The real-set feature cache: same images → hit, any changed pixel or extractor → miss.
@Suite struct FeatureCacheTests {
    let cache = FeatureCache(directory: FileManager.default.temporaryDirectory
        .appendingPathComponent("gankit-feature-cache-\(UUID().uuidString)", isDirectory: true))
    let extractor = "test network, bilinear 299"

    func images() -> Tensor {
        var rng = RandomSource(seed: 3)
        return Tensor.uniform([4, 3, 8, 8], low: -1, high: 1, using: &rng)
    }

    @Test func sameImagesHitAndReturnTheStoredFeatures() throws {
        defer { try? FileManager.default.removeItem(at: cache.directory) }
        let features = Tensor(shape: [4, 2], values: [1, -2, 3.5, 4, .pi, 6, 7, -0])
        #expect(cache.features(for: images(), extractor: extractor) == nil)
        try cache.store(features, for: images(), extractor: extractor)
        let cached = try #require(cache.features(for: images(), extractor: extractor))
        #expect(cached.shape == [4, 2] && cached.scalars == features.scalars)
        var calls = 0
        let (again, hit) = try cache.features(for: images(), extractor: extractor) { _ in calls += 1; return features }
        #expect(hit && calls == 0 && again.scalars == features.scalars)
    }

    @Test func oneChangedPixelMisses() throws {
        defer { try? FileManager.default.removeItem(at: cache.directory) }
        try cache.store(Tensor.zeros([4, 2]), for: images(), extractor: extractor)
        var changed = images()
        changed.withUnsafeMutableBufferPointer { $0[100] += 1e-3 }
        #expect(cache.features(for: changed, extractor: extractor) == nil)
        #expect(FeatureCache.key(images: changed, extractor: extractor) != FeatureCache.key(images: images(), extractor: extractor))
        let (_, hit) = try cache.features(for: changed, extractor: extractor) { _ in Tensor.ones([4, 2]) }
        #expect(!hit)
        #expect(cache.features(for: changed, extractor: extractor)?.scalars == Tensor.ones([4, 2]).scalars)
    }

    @Test func anotherExtractorOrShapeMisses() throws {
        defer { try? FileManager.default.removeItem(at: cache.directory) }
        try cache.store(Tensor.zeros([4, 2]), for: images(), extractor: extractor)
        #expect(cache.features(for: images(), extractor: extractor + " v2") == nil)
        #expect(cache.features(for: images().reshaped([2, 6, 8, 8]), extractor: extractor) == nil)
        #expect(cache.features(for: images().slice(axis: 0, range: 0..<3), extractor: extractor) == nil)
    }

    @Test func aTruncatedEntryMisses() throws {
        defer { try? FileManager.default.removeItem(at: cache.directory) }
        try cache.store(Tensor.zeros([4, 2]), for: images(), extractor: extractor)
        let key = FeatureCache.key(images: images(), extractor: extractor)
        try Data([0, 0, 0]).write(to: cache.directory.appendingPathComponent(key).appendingPathComponent(TensorArchive.blobName))
        #expect(cache.features(for: images(), extractor: extractor) == nil)
    }
}
