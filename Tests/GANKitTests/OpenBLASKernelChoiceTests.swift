import Foundation
import GANKit
import Testing

/// The built `gankit` runs OpenBLAS's kernels for this CPU's instruction set, not the generic
/// fallback OpenBLAS picks for CPU models it does not know, and it keeps a kernel set the
/// environment chose.
@Suite struct OpenBLASKernelChoiceTests {
    /// The kernel set `gankit train` reports in its header, for one iteration on four images.
    static func reportedCore(environment: [String: String]) throws -> String {
        let data = try TrainingRunTests.imageFolder(count: 4)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("gankit-blas-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        let binary: URL = try #require(StopSignalTests.binary)
        process.executableURL = binary
        process.arguments = ["train", "--data", data.path, "--width", "4", "--batch-size", "4", "--iterations", "1",
                             "--output", output.path]
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("OpenBLAS kernels: ") }, "\(text)")
        return String(line.dropFirst("OpenBLAS kernels: ".count).prefix { $0 != " " })
    }

    @Test(.enabled(if: StopSignalTests.binary != nil, "the gankit binary is not next to the test bundle; build it with swift build"))
    func aCpuWithAvx2NeverRunsTheGenericFallback() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_CORETYPE"] = nil
        environment[OpenBLASKernels.detectedVariable] = nil
        let core = try Self.reportedCore(environment: environment)
        if OpenBLASKernels.bestCore(flags: OpenBLASKernels.cpuFlags()) != nil {
            #expect(!OpenBLASKernels.fallbackCores.contains(core), "gankit ran \(core) on a CPU with AVX2")
        }
    }

    @Test(.enabled(if: StopSignalTests.binary != nil, "the gankit binary is not next to the test bundle; build it with swift build"))
    func aCoreTypeSetInTheEnvironmentStands() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_CORETYPE"] = "PRESCOTT"
        #expect(try Self.reportedCore(environment: environment) == "prescott")
    }
}
