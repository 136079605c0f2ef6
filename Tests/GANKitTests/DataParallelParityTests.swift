import Foundation
import Testing

/// Data-parallel training over MPI equals training in one process: `DataParallelWorker` (toy
/// BN-free runs, batch 8, 20 iterations: with R1; or with ADA adjusting p, R1, LeCam, DigGAN and CR)
/// under `mpirun --oversubscribe -np 2` ends, on both ranks, with the weights — and the methods'
/// state — of the same run alone, to 1e-5 (the order of summation aside).
@Suite struct DataParallelParityTests {
    /// `DataParallelWorker`, built next to the test bundle with every product.
    static let worker = BuiltProduct.url(named: "DataParallelWorker")

    @Test(arguments: [false, true])
    func twoProcessesEndWithTheWeightsOfOne(augmented: Bool) throws {
        let worker = try #require(Self.worker, "DataParallelWorker is not next to the test bundle; build every product")
        let single = GankitProcess.temporary("dp-1"), parallel = GankitProcess.temporary("dp-2")
        let files = [single, parallel, parallel.appendingPathExtension("rank1")]
        defer {
            for file in files {
                try? FileManager.default.removeItem(at: file)
                try? FileManager.default.removeItem(at: file.appendingPathExtension("state"))
            }
        }
        let flags = augmented ? ["--augmented"] : []
        let alone = try GankitProcess.run(worker, [single.path] + flags, ranks: nil)
        #expect(alone.status == 0, "\(alone.output)")
        let together = try GankitProcess.run(worker, [parallel.path, "--mpi"] + flags, ranks: 2)
        #expect(together.status == 0, "\(together.output)")
        let a = try Self.floats(files[0])
        for rank in [0, 1] {
            let b = try Self.floats(files[1 + rank])
            try #require(a.count == b.count && !a.isEmpty, "\(a.count) against \(b.count) weights on rank \(rank)")
            let largest = zip(a, b).map { abs($0 - $1) }.max()!
            #expect(largest <= 1e-5, "largest difference \(largest) on rank \(rank)")
        }
        guard augmented else { return }
        let state = try Self.state(files[0])
        // The controller measured r_t and moved p from 0.6; LeCam's and DigGAN's state exists.
        #expect(state["ada.rt"]?.count == 1 && state["ada.p"] != [0.6], "\(state)")
        #expect(state["diggan.real"]?.count == 8 && state["lecam.emaReal"]?.count == 1, "\(state)")
        for rank in [0, 1] {
            let other = try Self.state(files[1 + rank])
            #expect(Set(other.keys) == Set(state.keys))
            for (key, values) in state {
                let others = other[key] ?? []
                try #require(values.count == others.count, "\(key): \(values.count) against \(others.count) values on rank \(rank)")
                let largest = zip(values, others).map { abs($0 - $1) }.max() ?? 0
                #expect(largest <= 1e-5, "\(key): \(values) alone, \(others) on rank \(rank)")
            }
        }
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

    static func state(_ url: URL) throws -> [String: [Double]] {
        try JSONDecoder().decode([String: [Double]].self, from: Data(contentsOf: url.appendingPathExtension("state")))
    }

    /// Over three ranks, where the average-based default would round (0.1 · ⅓ · 3 is not 0.1 in
    /// Float32), `MPIGroup.gather` gives every rank each rank's values exactly, in rank order.
    @Test func threeRanksGatherEachOthersValuesExactly() throws {
        let worker = try #require(Self.worker, "DataParallelWorker is not next to the test bundle; build every product")
        let output = GankitProcess.temporary("dp-gather")
        let files = [output, output.appendingPathExtension("rank1"), output.appendingPathExtension("rank2")]
        defer { for file in files { try? FileManager.default.removeItem(at: file) } }
        let result = try GankitProcess.run(worker, [output.path, "--mpi", "--gather"], ranks: 3)
        #expect(result.status == 0, "\(result.output)")
        let expected: [Float] = (0..<3).flatMap { r in [0.1, 0.2, 3.3].map { Float(r) + $0 } }
        for (rank, file) in files.enumerated() {
            #expect(try Self.floats(file) == expected, "rank \(rank)")
        }
    }

    static func floats(_ url: URL) throws -> [Float] {
        let data = try Data(contentsOf: url)
        return data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }
}
