import Foundation
import GANTensor

/// `gankit-bench kernels`: GFLOP/s of raw sgemm and of the three convolution ops at the layer
/// shapes of the DCGAN-32 discriminator and generator (batch 64, kernel 4, stride 2,
/// padding 1), measured in the same run so the ratios are meaningful on a shared machine.
/// The sgemm is `Gemm.multiply` (one single-threaded OpenBLAS sgemm per core), the path every
/// GANTensor product takes.
///
/// A convolution is credited with the FLOPs of direct convolution, 2·O·(C·kh·kw)·(N·Ho·Wo) on
/// its conv2d side, whatever the algorithm: its GFLOP/s are effective, and the Winograd path
/// (9/16 of those FLOPs) can pass the square sgemm's. Its time includes im2col/col2im or the
/// Winograd transforms, layout copies and allocation. The target is every convolution op at
/// ≥ 50 % of the square sgemm's GFLOP/s.
enum KernelsBenchmark {
    struct Measurement: Encodable {
        let name: String
        let shape: String
        let milliseconds: Double
        let gflops: Double
        /// GFLOP/s relative to the square sgemm of the same run.
        let ratio: Double
    }

    struct Report: Encodable {
        let benchmark = "kernels"
        let batch: Int
        let sgemmSquareGFLOPS: Double
        let sgemm: [Measurement]
        let convolution: [Measurement]
        let minimumRatio: Double
        let aggregateRatio: Double
        let targetRatio: Double
        let targetMet: Bool
    }

    /// A stride-2, 4×4, padding-1 layer: a conv2d from `channels`×`size`² to
    /// `outChannels`×(size/2)², or a transposed conv the other way round.
    struct Layer {
        let name: String, inChannels: Int, outChannels: Int, inputSize: Int, transposed: Bool

        /// Its cases' names: the layer's name with its forward, input-gradient and weight-gradient
        /// op, in the order `convolutions` builds them.
        var caseNames: [String] {
            (transposed ? ["convTranspose2d", "input grad (conv)", "weight grad"] : ["conv2d", "input grad (convT)", "weight grad"])
                .map { "\(name) \($0)" }
        }
    }

    static let batch = 64
    static let targetRatio = 0.5
    static let layers = [
        Layer(name: "D1", inChannels: 3, outChannels: 64, inputSize: 32, transposed: false),
        Layer(name: "D2", inChannels: 64, outChannels: 128, inputSize: 16, transposed: false),
        Layer(name: "D3", inChannels: 128, outChannels: 256, inputSize: 8, transposed: false),
        Layer(name: "G2", inChannels: 256, outChannels: 128, inputSize: 4, transposed: true),
        Layer(name: "G3", inChannels: 128, outChannels: 64, inputSize: 8, transposed: true),
        Layer(name: "G4", inChannels: 64, outChannels: 3, inputSize: 16, transposed: true),
    ]

    /// The sgemms timed before the convolutions: the square one every ratio is relative to, then
    /// the product of D1's forward convolution.
    static let sgemms = [(m: 1024, n: 1024, k: 1024, name: "sgemm square"), (m: 64, n: 16_384, k: 48, name: "sgemm thin (D1 forward)")]

    /// The names of every case, in the order `run` times them.
    static var caseNames: [String] { sgemms.map(\.name) + layers.flatMap(\.caseNames) }

    /// One timed operation: its label, the FLOPs credited to it and the work itself.
    struct Case {
        let name: String, shape: String, flops: Double, isConvolution: Bool
        let body: () -> Float
    }

    /// Runs every case, or with `only`, the square sgemm and the cases whose name contains it
    /// (one of `caseNames` must: `GANBenchCommand.Kernels` checks).
    static func run(only: String?) {
        var rng = RandomSource(seed: 2024)
        var cases = sgemms.map { sgemm(m: $0.m, n: $0.n, k: $0.k, name: $0.name, using: &rng) }
        for layer in layers { cases += convolutions(layer, using: &rng) }
        if let only {
            cases = cases.enumerated().filter { $0.offset == 0 || $0.element.name.contains(only) }.map(\.element)
        }

        // Round-robin repetitions: a burst of load from elsewhere on the machine then slows
        // every case alike instead of skewing the ratios.
        var sink: Float = 0
        for c in cases { for _ in 0..<warmups { sink += c.body() } }
        var seconds = [[Double]](repeating: [], count: cases.count)
        let clock = ContinuousClock()
        for _ in 0..<repetitions {
            for (i, c) in cases.enumerated() {
                let elapsed = clock.measure { sink += c.body() }
                seconds[i].append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            }
        }
        precondition(sink.isFinite, "kernels benchmark: non-finite result")
        let medians = seconds.map(Timing.median)
        let reference = cases[0].flops / medians[0] / 1e9
        let measurements = zip(cases, medians).map { c, t in
            Measurement(name: c.name, shape: c.shape, milliseconds: t * 1000, gflops: c.flops / t / 1e9,
                        ratio: c.flops / t / 1e9 / reference)
        }
        let convolution = zip(cases, measurements).filter { $0.0.isConvolution }.map(\.1)
        let convolutionFlops = cases.filter(\.isConvolution).reduce(0) { $0 + $1.flops }
        let convolutionSeconds = convolution.reduce(0) { $0 + $1.milliseconds / 1000 }
        let aggregateRatio = convolutionFlops / convolutionSeconds / 1e9 / reference
        let minimumRatio = convolution.map(\.ratio).min() ?? 0
        let met = minimumRatio >= targetRatio

        print("sgemm and convolution throughput (batch \(batch), median of \(repetitions) round-robin repetitions after \(warmups) warm-ups)")
        print(pad("op", 26) + pad("shape", 24) + pad("ms", 9, right: true) + pad("GFLOP/s", 10, right: true) + pad("of sgemm", 10, right: true))
        for m in measurements {
            print(pad(m.name, 26) + pad(m.shape, 24) + pad(String(format: "%.3f", m.milliseconds), 9, right: true)
                  + pad(String(format: "%.1f", m.gflops), 10, right: true) + pad(String(format: "%.0f %%", 100 * m.ratio), 10, right: true))
        }
        print(String(format: "conv ops: %.0f %% of sgemm in aggregate, worst %.0f %% (target: every op ≥ %.0f %%, %@)",
                     100 * aggregateRatio, 100 * minimumRatio, 100 * targetRatio, met ? "met" : "NOT met"))
        let report = Report(batch: batch, sgemmSquareGFLOPS: reference,
                            sgemm: zip(cases, measurements).filter { !$0.0.isConvolution }.map(\.1),
                            convolution: convolution, minimumRatio: minimumRatio, aggregateRatio: aggregateRatio,
                            targetRatio: targetRatio, targetMet: met)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try! encoder.encode(report), as: UTF8.self))
    }

    static let warmups = 3
    static let repetitions = 15

    /// C [m×n] = A [m×k] · B [k×n] through `Gemm.multiply`, the path every GANTensor product takes.
    static func sgemm(m: Int, n: Int, k: Int, name: String, using rng: inout RandomSource) -> Case {
        let a = Tensor.uniform([m, k], low: -1, high: 1, using: &rng)
        let b = Tensor.uniform([k, n], low: -1, high: 1, using: &rng)
        let c = TensorStorage(uninitializedCount: m * n)
        return Case(name: name, shape: "\(m)×\(k)·\(k)×\(n)", flops: 2 * Double(m) * Double(n) * Double(k),
                    isConvolution: false) {
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    Gemm.multiply(ap.baseAddress!, rows: m, columns: k, transposed: false,
                                  bp.baseAddress!, rows: k, columns: n, transposed: false, into: c.base, accumulate: false)
                }
            }
            return c.base[0]
        }
    }

    /// Forward, input-gradient and weight-gradient ops of one layer.
    static func convolutions(_ layer: Layer, using rng: inout RandomSource) -> [Case] {
        let (cin, cout, h) = (layer.inChannels, layer.outChannels, layer.inputSize)
        let names = layer.caseNames
        func make(_ name: String, _ shape: String, _ flops: Double, _ body: @escaping () -> Tensor) -> Case {
            Case(name: name, shape: shape, flops: flops, isConvolution: true) {
                body().withUnsafeBufferPointer { $0[0] }
            }
        }
        if !layer.transposed {
            // conv2d [N, cin, h, h] → [N, cout, h/2, h/2]
            let x = Tensor.uniform([batch, cin, h, h], low: -1, high: 1, using: &rng)
            let w = Tensor.uniform([cout, cin, 4, 4], low: -0.1, high: 0.1, using: &rng)
            let gy = Tensor.uniform([batch, cout, h / 2, h / 2], low: -1, high: 1, using: &rng)
            let flops = 2 * Double(cout * cin * 16) * Double(batch * (h / 2) * (h / 2))
            let shape = "\(cin)→\(cout), \(h)²→\(h / 2)²"
            return [
                make(names[0], shape, flops) { Tensor.conv2d(x, w, stride: 2, padding: 1) },
                make(names[1], shape, flops) {
                    Tensor.convTranspose2d(gy, w, stride: 2, padding: 1, outputSize: (h, h))
                },
                make(names[2], shape, flops) {
                    Tensor.conv2dWeightGradient(input: x, outputGradient: gy, kernelSize: (4, 4), stride: 2, padding: 1)
                },
            ]
        } else {
            // convTranspose2d [N, cin, h, h] → [N, cout, 2h, 2h]
            let x = Tensor.uniform([batch, cin, h, h], low: -1, high: 1, using: &rng)
            let w = Tensor.uniform([cin, cout, 4, 4], low: -0.1, high: 0.1, using: &rng)
            let gy = Tensor.uniform([batch, cout, 2 * h, 2 * h], low: -1, high: 1, using: &rng)
            let flops = 2 * Double(cin * cout * 16) * Double(batch * h * h)
            let shape = "\(cin)→\(cout), \(h)²→\(2 * h)²"
            return [
                make(names[0], shape, flops) { Tensor.convTranspose2d(x, w, stride: 2, padding: 1) },
                make(names[1], shape, flops) { Tensor.conv2d(gy, w, stride: 2, padding: 1) },
                make(names[2], shape, flops) {
                    Tensor.conv2dWeightGradient(input: gy, outputGradient: x, kernelSize: (4, 4), stride: 2, padding: 1)
                },
            ]
        }
    }

    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return right ? fill + s : s + fill
    }
}
