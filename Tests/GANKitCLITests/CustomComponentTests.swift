import Foundation
import GANKit
import GANKitCLI
import Testing

/// A component registered through `GANKitCLI` is nameable in `gankit train`'s configurations and
/// flags, its options are decoded by its own type, and an unknown kind lists it among the
/// registered ones — in this process, through the library entry point (issue 13).
@Suite struct CustomComponentTests {
    /// A folder of two random 32×32 RGB PNGs.
    static func imageFolder() throws -> URL {
        let folder = temporary("data")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var rng = RandomSource(seed: 3)
        for i in 0..<2 {
            try PNGImage(tensor: Tensor.uniform([3, 32, 32], low: -1, high: 1, using: &rng)).write(toFile: folder.appendingPathComponent("\(i).png").path)
        }
        return folder
    }

    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gankit-cli-\(name)-\(UUID().uuidString)")
    }

    /// `gankit train --dry-run` on a tiny model, with `extra` arguments.
    static func dryRun(_ extra: [String]) throws {
        try GANKitCLI.run(["train", "--data", try imageFolder().path, "--width", "4", "--iterations", "1",
                           "--output", temporary("run").path, "--dry-run"] + extra,
                          registering: [GradientNormPenalty.self])
    }

    static func configuration(_ regularizer: String) throws -> String {
        let file = temporary("config.json")
        try Data(#"{"regularizers": [\#(regularizer)]}"#.utf8).write(to: file)
        return file.path
    }

    @Test func aRegisteredRegularizerIsNameableInAFlagWithItsOptions() throws {
        try Self.dryRun(["--regularizer", "gradient-norm:weight=2", "--regularizer", "r1"])
        #expect(ComponentRegistry.shared.regularizerKinds.contains("gradient-norm"))
        #expect { try Self.dryRun(["--regularizer", "gradient-norm:weight=-1"]) } throws: {
            String(describing: $0).contains("invalid value in regularizer gradient-norm.weight: must be ≥ 0, got -1.0")
        }
    }

    @Test func aRegisteredRegularizerIsNameableInAConfiguration() throws {
        try Self.dryRun(["--config", try Self.configuration(#"{"kind": "gradient-norm", "weight": 0.5}"#)])
        #expect { try Self.dryRun(["--config", try Self.configuration(#"{"kind": "gradient-norm", "wieght": 0.5}"#)]) } throws: {
            String(describing: $0).contains("unknown key 'wieght' in regularizer gradient-norm; known keys: weight")
        }
    }

    @Test func anUnknownKindListsTheRegisteredOnes() throws {
        #expect { try Self.dryRun(["--regularizer", "gradient-nrom"]) } throws: {
            String(describing: $0).contains("unknown kind 'gradient-nrom' in regularizers[0]; known: bcr, cr, diggan, gradient-norm, lecam, ms3d, path-length, r1, zcr, zcr-generator")
        }
    }
}
