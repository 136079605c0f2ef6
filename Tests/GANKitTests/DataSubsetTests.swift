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

    /// A folder's random subset decodes the drawn files only: a file that is not a PNG, sorted
    /// last (index 8 of 9), stops a load of the whole folder but not a subset that leaves it out.
    @Test func aFolderSubsetDecodesOnlyTheDrawnFiles() throws {
        let folder = try TrainingRunTests.imageFolder(count: 8)
        defer { try? FileManager.default.removeItem(at: folder) }
        var spec = DataSpec()
        (spec.source, spec.path, spec.limit) = ("folder", folder.path, nil)
        let all = try TrainingRun.loadData(spec)
        let broken = folder.appendingPathComponent("img9-broken.png")
        try Data("not a PNG".utf8).write(to: broken)
        let message = try #require(ConfigurationValidationTests.message { _ = try TrainingRun.loadData(spec) })
        #expect(message.contains("img9-broken.png"), "\(message)")
        let seed = try #require((0..<UInt64(100)).first { !DataSubset.randomIndices(count: 9, limit: 3, seed: $0).contains(8) })
        (spec.limit, spec.subset, spec.subsetSeed) = (3, "random", seed)
        let subset = try TrainingRun.loadData(spec)
        let indices = DataSubset.randomIndices(count: 9, limit: 3, seed: seed)
        #expect(subset.images(at: [0, 1, 2]).scalars == all.images(at: indices).scalars, "seed \(seed): \(indices)")
        let drawnBroken = try #require((0..<UInt64(100)).first { DataSubset.randomIndices(count: 9, limit: 3, seed: $0).contains(8) })
        spec.subsetSeed = drawnBroken
        #expect(ConfigurationValidationTests.message { _ = try TrainingRun.loadData(spec) }?.contains("img9-broken.png") == true)
    }

    /// A source without a subset load of its own loads every image and keeps the picked ones, in
    /// the picked order.
    @Test func aSourceWithoutItsOwnSubsetLoadKeepsThePickedImagesOfAll() throws {
        struct Ramp: ImageDataSource {
            typealias Options = NoOptions
            static let kind = "ramp"
            init(options: NoOptions, context: ComponentBuildContext) {}
            func load(_ request: DataRequest) throws -> any ImageDataset {
                let item = request.channels * request.resolution * request.resolution
                return TensorDataset(Tensor(shape: [5, request.channels, request.resolution, request.resolution],
                                            values: (0..<5).flatMap { i in [Float](repeating: Float(i), count: item) }))
            }
        }
        let source = Ramp(options: NoOptions(), context: ComponentBuildContext(modelFamily: "", imageSize: ImageSize(channels: 1, resolution: 2),
                                                                               batchSize: 0, datasetCount: 0))
        var counted = [Int]()
        let kept = try source.load(DataRequest(path: nil, resolution: 2, channels: 1, limit: nil, classes: nil)) { count in
            counted.append(count)
            return [1, 4]
        }
        #expect(counted == [5] && kept.count == 2)
        #expect(kept.images(at: [0, 1]).scalars == [1, 1, 1, 1, 4, 4, 4, 4])
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
