import Foundation
import Testing

/// Data-parallel training over MPI equals training in one process: `DataParallelWorker` (a toy
/// BN-free run with R1, batch 8, 20 iterations) under `mpirun --oversubscribe -np 2` ends with
/// the same weights as the same run alone, to 1e-5 (the order of summation aside).
@Suite struct DataParallelParityTests {
    /// `DataParallelWorker`, built next to the test bundle with every product.
    static let worker = BuiltProduct.url(named: "DataParallelWorker")

    @Test func twoProcessesEndWithTheWeightsOfOne() throws {
        let worker = try #require(Self.worker, "DataParallelWorker is not next to the test bundle; build every product")
        let single = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-dp-1-\(UUID().uuidString)")
        let parallel = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-dp-2-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: single)
            try? FileManager.default.removeItem(at: parallel)
        }
        let alone = try GankitProcess.run(worker, [single.path], ranks: nil)
        #expect(alone.status == 0, "\(alone.output)")
        let together = try GankitProcess.run(worker, [parallel.path, "--mpi"], ranks: 2)
        #expect(together.status == 0, "\(together.output)")
        let a = try Self.floats(single), b = try Self.floats(parallel)
        try #require(a.count == b.count && !a.isEmpty, "\(a.count) against \(b.count) weights")
        let largest = zip(a, b).map { abs($0 - $1) }.max()!
        #expect(largest <= 1e-5, "largest difference \(largest)")
    }

    /// A rank that never reaches the first exchange ends the job within the timeout (3 s here),
    /// rank 0 naming it.
    @Test func aHungRankEndsTheJobNamingIt() throws {
        let worker = try #require(Self.worker, "DataParallelWorker is not next to the test bundle; build every product")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-dp-hang-\(UUID().uuidString)")
        let start = Date()
        let result = try GankitProcess.run(worker, [output.path, "--mpi", "--hang", "1", "3"], ranks: 2)
        let seconds = Date().timeIntervalSince(start)
        #expect(result.status != 0)
        #expect(result.output.contains("rank 0 of 2: waited 3.0 s in collective 1"), "\(result.output)")
        #expect(result.output.contains("rank 1 did not reach it"), "\(result.output)")
        #expect(seconds < 60, "the job took \(seconds) s to end")
    }

    static func floats(_ url: URL) throws -> [Float] {
        let data = try Data(contentsOf: url)
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }
}
