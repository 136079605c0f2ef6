import Foundation
import GANCore
import GANIO
import GANMetrics
import GANTestSupport
import Testing

/// The observer on the toy run of GANTestSupport: what it writes, and that it does not change
/// the run it watches.
@Suite struct DiagnosticsWriterTests {
    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gankit-diagnostics-\(UUID().uuidString)")
    }

    @Test func writesRecordsChartAndHeatMapsOnAToyRun() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = Toy.data()
        let pipeline = try Toy.builder().build()
        let writer = DiagnosticsWriter(directory: directory, diagnostics: TrainingDiagnostics(training: data, heldOut: nil, batch: 8),
                                       every: 2, heatMapsAt: [3])
        try pipeline.train(on: data, iterations: 5, observers: [writer])
        #expect(writer.records.map(\.iteration) == [0, 2, 3, 4, 5])
        #expect(try DiagnosticsWriter.read(writer.recordsFile) == writer.records)
        #expect(writer.records.allSatisfy { $0.heldOutRealOutput == nil && $0.selfDissimilarity.count == 1 })
        let svg = try String(contentsOf: writer.chartFile, encoding: .utf8)
        #expect(svg.contains("Perceptual narrowing") && svg.contains("Fisher information"))
        let heatMaps = try FileManager.default.contentsOfDirectory(atPath: writer.heatMapDirectory.path)
        #expect(heatMaps == ["gradient-iter-000003.png"])
        let png = try PNGImage(contentsOfFile: writer.heatMapDirectory.appendingPathComponent(heatMaps[0]).path)
        #expect(png.channels == 3)
    }

    /// A records file that cannot be written names the file with the system's reason, and a
    /// broken line of one being read names the file, the line and where its JSON breaks.
    @Test func fileErrorsNameTheFileInPlainWords() throws {
        let blocker = Self.folder()
        try Data("x".utf8).write(to: blocker)
        defer { try? FileManager.default.removeItem(at: blocker) }
        let data = Toy.data()
        let writer = DiagnosticsWriter(directory: blocker.appendingPathComponent("diagnostics"),
                                       diagnostics: TrainingDiagnostics(training: data, heldOut: nil, batch: 8), every: 1)
        #expect {
            try Toy.builder().build().train(on: data, iterations: 1, observers: [writer])
        } throws: { error in
            "\(error)".contains("cannot write \(blocker.path)") && "\(error)".contains("Not a directory") && !"\(error)".contains("NSCocoaErrorDomain")
        }
        let broken = Self.folder()
        try Data("{\"iteration\": }\n".utf8).write(to: broken)
        defer { try? FileManager.default.removeItem(at: broken) }
        #expect {
            _ = try DiagnosticsWriter.read(broken)
        } throws: { error in
            "\(error)".contains("\(broken.path), line 1: not a diagnostics record (not valid JSON at line 1, column 15")
        }
    }

    @Test func measuringDoesNotChangeTheRun() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = Toy.data()
        let watched = try Toy.builder().build(), plain = try Toy.builder().build()
        let writer = DiagnosticsWriter(directory: directory, diagnostics: TrainingDiagnostics(training: data, heldOut: nil, batch: 8), every: 1)
        try watched.train(on: data, iterations: 4, observers: [writer])
        try plain.train(on: data, iterations: 4)
        let z = Tensor.ones([3, watched.generator.latentDimension])
        #expect(watched.sample(latents: z).scalars == plain.sample(latents: z).scalars)
        #expect(watched.discriminator.parameters().map(\.value.scalars) == plain.discriminator.parameters().map(\.value.scalars))
    }

    @Test func aResumedRunDropsTheRecordsAfterItsIteration() throws {
        let directory = Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = Toy.data()
        let first = DiagnosticsWriter(directory: directory, diagnostics: TrainingDiagnostics(training: data, heldOut: nil, batch: 8), every: 2)
        let pipeline = try Toy.builder().build()
        try pipeline.train(on: data, iterations: 2, observers: [first])
        let snapshot = try pipeline.snapshot()
        try pipeline.train(on: data, iterations: 4, observers: [first])
        #expect(first.records.map(\.iteration) == [0, 2, 4])
        let resumed = try Toy.builder().build()
        try resumed.restore(snapshot)
        let second = DiagnosticsWriter(directory: directory, diagnostics: TrainingDiagnostics(training: data, heldOut: nil, batch: 8), every: 3)
        try resumed.train(on: data, iterations: 3, observers: [second])
        #expect(second.records.map(\.iteration) == [0, 2, 3])
    }
}
