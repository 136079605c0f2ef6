import AugmentationADA
import Foundation
import GANCore
import GANTensor

/// `gankit-bench ada`: what ADA's two resampling paths (`ADA.Filter`: `bilinear`, GANKit's
/// default, and `sym6`, the authors' wavelet path) cost per batch of 64 RGB images at 32 and 64
/// px, with all twelve operations of the `bgc` preset firing with probability p = 1 and p = 0.2
/// (the controller's range in the runs of docs/methods.md "ADA"), the numbers behind the choice
/// of the default there.
///
/// Each case times `repeats` forward passes (`apply` on a fresh draw of the parameters, no
/// gradient recorded) and `repeats` forward + backward passes (the images require a gradient;
/// the backward pass is ⟨apply(x), r⟩ differentiated to x for a fixed random r, as D's step
/// does through the augmented fakes), after one untimed pass of each. It reports min and median
/// milliseconds and, per size and p, the median ratio sym6 / bilinear. The last line is one
/// JSON object with every median.
enum ADABenchmark {
    static let batch = 64
    static let sides = [32, 64]
    static let probabilities = [1.0, 0.2]

    /// The passes of one case, in seconds.
    struct Result {
        let forward: [Double], forwardBackward: [Double]
    }

    /// Times every case (`repeats` ≥ 1, checked by `GANBenchCommand.ADA`).
    static func run(repeats: Int) throws {
        print("ADA (bgc) apply per batch of \(batch) RGB images, \(ProcessInfo.processInfo.activeProcessorCount) threads, min / median of \(repeats) passes, each on a fresh draw")
        var report: [String: Double] = ["batch": Double(batch), "repeats": Double(repeats)]
        for side in sides {
            for p in probabilities {
                var medians: [ADA.Filter: Double] = [:]
                for filter in [ADA.Filter.bilinear, .sym6] {
                    let r = try time(ADA(fixedP: p, filter: filter), side: side, repeats: repeats)
                    let (f, fb) = (Timing.median(r.forward), Timing.median(r.forwardBackward))
                    medians[filter] = fb
                    print(String(format: "%2d px, p = %.1f, %-8@ forward %7.1f / %7.1f ms, forward + backward %7.1f / %7.1f ms",
                                 side, p, filter.rawValue as NSString, r.forward.min()! * 1000, f * 1000,
                                 r.forwardBackward.min()! * 1000, fb * 1000))
                    let key = "ada_\(side)px_p\(p == 1 ? "1" : "0_2")_\(filter.rawValue)"
                    report[key + "_forward_ms"] = f * 1000
                    report[key + "_forward_backward_ms"] = fb * 1000
                }
                let ratio = medians[.sym6]! / medians[.bilinear]!
                print(String(format: "%2d px, p = %.1f: sym6 forward + backward costs %.1f× bilinear", side, p, ratio))
                report["ada_\(side)px_p\(p == 1 ? "1" : "0_2")_sym6_over_bilinear"] = ratio
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }

    /// Times `augmentation` on seeded images of side `side`: `repeats` forward passes, then
    /// `repeats` forward + backward passes, each after one untimed pass.
    static func time(_ augmentation: ADA, side: Int, repeats: Int) throws -> Result {
        var rng = RandomSource(seed: UInt64(side))
        let size = ImageSize(channels: 3, height: side, width: side)
        let images = Tensor.uniform([batch, 3, side, side], low: -1, high: 1, using: &rng)
        let weights = Tensor.uniform([batch, 3, side, side], low: -1, high: 1, using: &rng)
        func forward() -> Double {
            let parameters = augmentation.sampleParameters(batch: batch, size: size, using: &rng)
            let start = DispatchTime.now().uptimeNanoseconds
            _ = Autodiff.withoutRecording { augmentation.apply(images, parameters) }
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        func forwardBackward() throws -> Double {
            let parameters = augmentation.sampleParameters(batch: batch, size: size, using: &rng)
            let start = DispatchTime.now().uptimeNanoseconds
            let x = images.requiringGradient()
            _ = try (augmentation.apply(x, parameters) * weights).sum().gradients(wrt: [x])
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        _ = forward()
        let f = (0..<repeats).map { _ in forward() }
        _ = try forwardBackward()
        let fb = try (0..<repeats).map { _ in try forwardBackward() }
        return Result(forward: f, forwardBackward: fb)
    }
}
