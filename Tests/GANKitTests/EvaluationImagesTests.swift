import Foundation
import GANKit
import Testing

/// What `gankit evaluate --real/--fake` arguments name, and the images they give.
@Suite struct EvaluationImagesTests {
    init() { GANKit.registerBuiltins() }

    @Test func namesAreResolvedToRunsCheckpointsFoldersAndDataSources() throws {
        let data = try TrainingRunTests.imageFolder(count: 3)
        defer { try? FileManager.default.removeItem(at: data) }
        #expect(try EvaluationImages.source(data.path) == .folder(data.path))
        let spec = try EvaluationImages.source("fashion-mnist") { $0.classes = [7]; $0.limit = 5; $0.channels = 1 }
        guard case .data(let d) = spec else { Issue.record("expected a data source, got \(spec)"); return }
        #expect(d.source == "fashion-mnist" && d.classes == [7] && d.limit == 5 && d.resolution == 32)
        #expect(throws: ConfigurationError.self) { try EvaluationImages.source("/no/such/folder") }
        #expect(throws: ConfigurationError.self) { try EvaluationImages.source("imagenet") }
    }

    @Test func aFolderIsReadAtItsOwnResolution() throws {
        let data = try TrainingRunTests.imageFolder(count: 3)
        defer { try? FileManager.default.removeItem(at: data) }
        let images = try EvaluationImages.real(.folder(data.path))
        #expect(images.shape == [3, 3, 32, 32])
        #expect(try EvaluationImages.fake(.folder(data.path), count: 2, seed: 0).shape == [2, 3, 32, 32])
    }

    @Test func aRunGivesItsTrainingImagesAndGeneratedFakesFromItsCheckpoints() throws {
        let data = try TrainingRunTests.imageFolder(count: 8)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-eval-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: data); try? FileManager.default.removeItem(at: output) }
        var c = TrainingRunTests.configuration(data: data, output: output, iterations: 3)
        c.regularizers = []
        c.data.resolution = 32
        try TrainingRun(c).train()
        let run = try EvaluationImages.source(output.path)
        guard case .run(let url) = run else { Issue.record("expected a run, got \(run)"); return }
        #expect(url.standardizedFileURL.path == output.standardizedFileURL.path)
        let real = try EvaluationImages.real(run)
        #expect(real.shape == [8, 3, 32, 32])
        let fakes = try EvaluationImages.fake(run, count: 5, seed: 1, batchSize: 2)
        #expect(fakes.shape == [5, 3, 32, 32])
        // Other batches give the same latents, so the same images up to the rounding of the
        // matrix products, which some of OpenBLAS's kernel sets (Haswell's) do differently for
        // different numbers of rows.
        let oneBatch = try EvaluationImages.fake(run, count: 5, seed: 1, batchSize: 5).scalars
        #expect(zip(oneBatch, fakes.scalars).allSatisfy { abs($0 - $1) <= 1e-5 })
        let checkpoint = try #require(Checkpoint.latest(in: output))
        #expect(try EvaluationImages.source(checkpoint.path) == .checkpoint(checkpoint))
        #expect(try EvaluationImages.fake(.checkpoint(checkpoint), count: 5, seed: 1, batchSize: 2).scalars == fakes.scalars)
        #expect(try EvaluationImages.real(.checkpoint(checkpoint)).scalars == real.scalars)
    }
}
