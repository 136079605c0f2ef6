import Foundation
import GANKit
import Testing

/// `data.subset`: which images `data.limit` keeps — the first ones, or a fixed random sample of
/// the whole source (`DataSubset`).
@Suite struct DataSubsetTests {
    init() { GANKit.registerBuiltins() }

    @Test func aRandomSubsetIsDistinctSortedAndTheSameForTheSameSeed() {
        let a = DataSubset.randomIndices(count: 1794, limit: 500, seed: 0)
        #expect(a.count == 500 && Set(a).count == 500 && a == a.sorted())
        #expect(a.first! >= 0 && a.last! < 1794)
        // A sample of the whole range, not its start (EmojiOne's first 500 are flags and symbols).
        #expect(a.first! < 50 && a.last! > 1744 && a.filter { $0 >= 500 }.count > 300)
        #expect(DataSubset.randomIndices(count: 1794, limit: 500, seed: 0) == a)
        #expect(DataSubset.randomIndices(count: 1794, limit: 500, seed: 1) != a)
        #expect(DataSubset.randomIndices(count: 5, limit: 9, seed: 0) == [0, 1, 2, 3, 4])
    }

    /// Over 3000 seeds each of 10 indices is kept about 3000 · 3/10 = 900 times: within 4
    /// standard deviations (√(3000 · 0.3 · 0.7) ≈ 25), so the draw favours no position.
    @Test func everyImageIsEquallyLikelyToBeKept() {
        var kept = [Int](repeating: 0, count: 10)
        for seed in 0..<3000 { for i in DataSubset.randomIndices(count: 10, limit: 3, seed: UInt64(seed)) { kept[i] += 1 } }
        #expect(kept.allSatisfy { abs($0 - 900) < 100 }, "\(kept)")
    }

    @Test func aRandomSubsetLoadsTheDrawnImagesOfTheWholeSource() throws {
        let folder = try TrainingRunTests.imageFolder(count: 8)
        defer { try? FileManager.default.removeItem(at: folder) }
        var spec = DataSpec()
        (spec.source, spec.path, spec.limit) = ("folder", folder.path, nil)
        let all = try TrainingRun.loadData(spec)
        (spec.limit, spec.subset) = (3, "random")
        for seed: UInt64 in [0, 5] {
            spec.subsetSeed = seed
            let indices = DataSubset.randomIndices(count: 8, limit: 3, seed: seed)
            let subset = try TrainingRun.loadData(spec)
            #expect(subset.count == 3)
            #expect(subset.images(at: [0, 1, 2]).scalars == all.images(at: indices).scalars, "seed \(seed): \(indices)")
        }
        spec.subset = "first"
        #expect(try TrainingRun.loadData(spec).images(at: [0, 1, 2]).scalars == all.images(at: [0, 1, 2]).scalars)
    }

    @Test func theKeysParseAndAreWrittenOnlyForARandomSubset() throws {
        let c = try ConfigurationValidationTests.parse(#"{"data": {"source": "emoji", "limit": 500, "subset": "random", "subsetSeed": 7}}"#)
        #expect(c.data.subset == "random" && c.data.subsetSeed == 7)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(c.data), as: UTF8.self)
        #expect(text.contains(#""subset":"random","subsetSeed":7"#), "\(text)")
        #expect(try ConfigurationValidationTests.parse(String(decoding: try encoder.encode(c), as: UTF8.self)) == c)
        let plain = String(decoding: try encoder.encode(DataSpec()), as: UTF8.self)
        #expect(!plain.contains("subset"), "\(plain)")
    }

    @Test func anUnknownSubsetOrARandomOneWithoutALimitIsAnErrorNamingTheKey() throws {
        let unknown = try ConfigurationValidationTests.parse(#"{"data": {"subset": "shuffled"}}"#)
        let message = try #require(ConfigurationValidationTests.message { try unknown.validate() })
        #expect(message.contains("data.subset") && message.contains("shuffled") && message.contains("first") && message.contains("random"), "\(message)")
        let unlimited = try ConfigurationValidationTests.parse(#"{"data": {"subset": "random", "limit": null}}"#)
        let other = try #require(ConfigurationValidationTests.message { try unlimited.validate() })
        #expect(other.contains("data.subset") && other.contains("data.limit"), "\(other)")
    }
}
