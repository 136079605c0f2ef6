import Foundation
import GANCore
import GANMetrics

/// The `diagnostics` section of a run configuration: the MS3D paper's training diagnostics
/// (GANMetrics' `TrainingDiagnostics`, `docs/diagnostics.md`) measured during training. Absent
/// or null: no diagnostics. Keys left out of the section take the defaults below.
public struct DiagnosticsSpec: Codable, Equatable, KnownKeys {
    /// Iterations between measurements (200, the demo's sample interval, so a 1200-iteration
    /// run gets seven points). One measurement of the demo's DCGAN-32 at batch 64 took about two
    /// CPU-seconds (`gankit diagnose` on one checkpoint, data loading included), most of it the
    /// 128 single-image passes of the Fisher trace.
    public var every = 200
    /// Images of the data set held out of training, to compare D's output on reals it trained
    /// on with reals it never saw (MS3D Fig. 7d). 0 (the default) holds none out and records no
    /// held-out output: holding images out changes what the run trains on, so it is opt-in.
    public var heldOut = 0
    /// Images in the fixed batches (64, a training batch).
    public var batch = 64
    /// The quantile of each |∇ₓD| map above which pixels count for perceptual narrowing
    /// (`PerceptualNarrowing`, default 0.9).
    public var quantile = 0.9
    /// Iterations at which to draw `diagnostics/gradient-iter-NNNNNN.png` heat maps (0 is the
    /// initial network).
    public var heatMapsAt: [Int] = []

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable { case every, heldOut, batch, quantile, heatMapsAt }
    public static var knownKeys: Set<String> { keys(CodingKeys.self) }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = DiagnosticsSpec()
        every = try c.decodeIfPresent(Int.self, forKey: .every) ?? d.every
        heldOut = try c.decodeIfPresent(Int.self, forKey: .heldOut) ?? d.heldOut
        batch = try c.decodeIfPresent(Int.self, forKey: .batch) ?? d.batch
        quantile = try c.decodeIfPresent(Double.self, forKey: .quantile) ?? d.quantile
        heatMapsAt = try c.decodeIfPresent([Int].self, forKey: .heatMapsAt) ?? d.heatMapsAt
    }

    /// Throws, naming the key, unless every value is usable with a data set of `datasetCount`
    /// images (at least two must remain for training).
    public func validate(datasetCount: Int) throws {
        func fail(_ key: String, _ reason: String) -> ConfigurationError {
            ConfigurationError.invalidValue(context: "diagnostics.\(key)", reason: reason)
        }
        guard every >= 1 else { throw fail("every", "must be ≥ 1, got \(every)") }
        guard batch >= 2 else { throw fail("batch", "must be ≥ 2 (the cosine similarity needs pairs), got \(batch)") }
        guard quantile > 0 && quantile < 1 else { throw fail("quantile", "must lie strictly between 0 and 1, got \(quantile)") }
        guard heldOut >= 0 && heldOut <= datasetCount - 2 else {
            throw fail("heldOut", "must lie in 0…\(datasetCount - 2) so that two of the \(datasetCount) images remain for training, got \(heldOut)")
        }
        if let bad = heatMapsAt.first(where: { $0 < 0 }) { throw fail("heatMapsAt", "iterations must be ≥ 0, got \(bad)") }
    }

    /// The diagnostics on fixed batches of `training` (and of `heldOut`), latents from `seed`.
    public func diagnostics(training: any ImageDataset, heldOut: (any ImageDataset)?, seed: UInt64) -> TrainingDiagnostics {
        TrainingDiagnostics(training: training, heldOut: heldOut, batch: batch, narrowing: PerceptualNarrowing(quantile: quantile), seed: seed)
    }
}
