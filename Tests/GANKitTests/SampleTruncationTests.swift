import Foundation
import GANKit
import Testing

/// `gankit sample --truncation ψ` on a StyleGAN2 run pulls every w towards the average w; on a
/// run of another family it is an error naming the flag.
@Suite struct SampleTruncationTests {
    init() { GANKit.registerBuiltins() }

    /// The PNG `gankit sample` writes for one image of latent seed `seed`, with `extra` flags.
    static func sample(_ run: URL, seed: Int, _ extra: [String] = []) throws -> Data {
        let png = GankitProcess.temporary("truncation.png")
        let result = try GankitProcess.run(["sample", "--run", run.path, "--count", "1", "--seed", "\(seed)", "--output", png.path] + extra)
        #expect(result.status == 0, "\(result.output)")
        return try Data(contentsOf: png)
    }

    @Test(.enabled(if: StopSignalTests.binary != nil, "the gankit binary is not next to the test bundle; build it with swift build"))
    func psiZeroGivesEveryLatentTheAverageImageAndPsiOneChangesNothing() throws {
        let data = try TrainingRunTests.imageFolder(count: 4)
        let config = GankitProcess.temporary("stylegan2.json")
        try Data((#"{"data": {"source": "folder", "path": "\#(data.path)", "resolution": 32}, "batchSize": 4, "#
                  + #""model": {"family": "stylegan2", "latentDimension": 8, "channelBase": 64, "channelMax": 16}}"#).utf8).write(to: config)
        let run = GankitProcess.temporary("stylegan2-run")
        // Two iterations move w_avg off zero (it follows the batches' mean w), so ψ = 0 is not
        // trivially the w = 0 image.
        let train = try GankitProcess.run(["train", "--config", config.path, "--iterations", "2", "--checkpoint-every", "2",
                                           "--sample-every", "100", "--output", run.path])
        #expect(train.status == 0, "\(train.output)")

        let (a, b) = (try Self.sample(run, seed: 1), try Self.sample(run, seed: 2))
        #expect(a != b, "two latents give two images")
        #expect(try Self.sample(run, seed: 1, ["--truncation", "1"]) == a)
        let average = try Self.sample(run, seed: 1, ["--truncation", "0"])
        #expect(try Self.sample(run, seed: 2, ["--truncation", "0"]) == average)
        #expect(average != a && average != b)
        let half = try Self.sample(run, seed: 1, ["--truncation", "0.5"])
        #expect(half != a && half != average)
        // A negative ψ (past the average, away from the latent's own w) reads as a value, not a flag.
        let negative = try Self.sample(run, seed: 1, ["--truncation", "-0.5"])
        #expect(negative != a && negative != half && negative != average)
    }

    /// A ψ that is not a finite number is refused before the run is opened, naming the flag.
    @Test(.enabled(if: StopSignalTests.binary != nil, "the gankit binary is not next to the test bundle; build it with swift build"))
    func aNonFinitePsiIsAnErrorNamingTheFlag() throws {
        for psi in ["nan", "inf", "1e40"] {
            let result = try GankitProcess.run(["sample", "--run", "/nonexistent-run", "--truncation", psi, "--output", GankitProcess.temporary("x.png").path])
            #expect(result.status != 0)
            #expect(result.output.contains("--truncation must be a finite number"), "\(result.output)")
            #expect(result.output.contains("Usage: gankit sample") && !result.output.contains("/nonexistent-run"), "\(result.output)")
        }
    }

    @Test(.enabled(if: StopSignalTests.binary != nil, "the gankit binary is not next to the test bundle; build it with swift build"))
    func onAnotherFamilyItIsAnErrorNamingTheFlag() throws {
        let run = try CommandLineValidationTests.trainedRun()
        let result = try GankitProcess.run(["sample", "--run", run.path, "--truncation", "0.7", "--output", GankitProcess.temporary("x.png").path])
        #expect(result.status != 0)
        #expect(result.output.contains("--truncation applies to stylegan2 runs only; the run in \(run.path) is dcgan"), "\(result.output)")
        // Found only after the run is read, it still gets the usage of `sample`, not the root's.
        #expect(result.status == 64)
        #expect(result.output.contains("Usage: gankit sample --run") && !result.output.contains("<subcommand>"), "\(result.output)")
    }
}
