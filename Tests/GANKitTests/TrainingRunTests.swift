import Foundation
import GANKit
import Testing

/// A run assembled from a configuration, on a folder of PNGs made in the test: it trains,
/// writes the run directory, resumes bit-identically, and bad data is named in errors.
@Suite struct TrainingRunTests {
    init() { GANKit.registerBuiltins() }

    /// A fresh temporary folder holding `count` 32×32 RGB PNGs.
    static func imageFolder(count: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var rng = RandomSource(seed: 9)
        for i in 0..<count {
            let image = Tensor.uniform([3, 32, 32], low: -1, high: 1, using: &rng)
            try PNGImage(tensor: image).write(toFile: folder.appendingPathComponent("img\(i).png").path)
        }
        return folder
    }

    static func configuration(data: URL, output: URL, iterations: Int) -> RunConfiguration {
        var c = RunConfiguration()
        c.data.source = "folder"
        c.data.path = data.path
        c.model.width = 4
        c.model.latentDimension = 8
        c.batchSize = 4
        c.iterations = iterations
        c.regularizers = [ComponentSpec(kind: "r1", options: ["interval": .number(2)]), ComponentSpec(kind: "ms3d", options: ["interval": .number(2)]),
                          ComponentSpec(kind: "diggan")]
        c.output.directory = output.path
        c.output.progressEvery = 100
        c.output.sampleEvery = 3
        c.output.checkpointEvery = 3
        c.output.sampleCount = 4
        return c
    }

    @Test func aRunWritesItsDirectoryAndResumesBitIdentically() throws {
        let data = try Self.imageFolder(count: 6)
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-run-\(UUID().uuidString)")
        let quiet = ConsoleProgress(every: 1000, isTerminal: false) { _ in }

        let whole = base.appendingPathComponent("whole")
        try TrainingRun(Self.configuration(data: data, output: whole, iterations: 6)).train(progress: quiet)
        for file in ["config.json", "stats.jsonl", "losses.svg", "metrics.svg", "samples/latest.png"] {
            #expect(FileManager.default.fileExists(atPath: whole.appendingPathComponent(file).path), "\(file) missing")
        }
        let expected = try StatsLog.read(whole.appendingPathComponent("stats.jsonl")).map(\.withoutTiming)
        #expect(expected.count == 6)
        #expect(expected.contains { $0.penalties["r1"] != nil && $0.penalties["ms3d"] != nil && $0.metrics["ms3d.sd0"] != nil })
        #expect(expected.allSatisfy { $0.penalties["diggan"] != nil })

        let split = base.appendingPathComponent("split")
        try TrainingRun(Self.configuration(data: data, output: split, iterations: 3)).train(progress: quiet)
        let resumed = try TrainingRun(Self.configuration(data: data, output: split, iterations: 6))
        try resumed.train(resumingFrom: Checkpoint.latest(in: split), progress: quiet)
        let continued = try StatsLog.read(split.appendingPathComponent("stats.jsonl")).map(\.withoutTiming)
        #expect(continued == expected)
    }

    @Test func aMissingFolderIsNamed() {
        var spec = DataSpec()
        spec.source = "folder"
        spec.path = "/nonexistent/gankit-images"
        #expect { _ = try TrainingRun.loadData(spec) } throws: { String(describing: $0).contains("/nonexistent/gankit-images") }
    }

    @Test func aNonImageAndACorruptPNGAreNamed() throws {
        let folder = try Self.imageFolder(count: 2)
        let text = folder.appendingPathComponent("notes.png")
        try Data("just text".utf8).write(to: text)
        var spec = DataSpec()
        spec.source = "folder"
        spec.path = folder.path
        #expect { _ = try TrainingRun.loadData(spec) } throws: { String(describing: $0).contains("notes.png") }
        try FileManager.default.removeItem(at: text)
        let good = try Data(contentsOf: folder.appendingPathComponent("img0.png"))
        try good.prefix(good.count / 2).write(to: folder.appendingPathComponent("broken.png"))
        #expect { _ = try TrainingRun.loadData(spec) } throws: { String(describing: $0).contains("broken.png") }
    }

    @Test func anUnknownModelFamilyOrLossIsNamed() throws {
        let data = try Self.imageFolder(count: 2)
        var c = Self.configuration(data: data, output: FileManager.default.temporaryDirectory, iterations: 1)
        c.model.family = "stylegan9"
        #expect { _ = try TrainingRun(c) } throws: { String(describing: $0).contains("unknown kind 'stylegan9' in model.family") }
        c.model.family = "dcgan"
        c.loss = "hinged"
        #expect { _ = try TrainingRun(c) } throws: { String(describing: $0).contains("unknown kind 'hinged' in loss") }
    }
}
