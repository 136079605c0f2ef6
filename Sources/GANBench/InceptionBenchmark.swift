import Foundation
import GANMetrics
import GANTensor

/// `gankit-bench inception`: images per second of FID feature extraction — `InceptionV3.features`
/// on `images` uniform 3×299×299 images, all of them per call, on all cores (two here) — and,
/// when `python3` can import torch, PyTorch running the same TorchScript network on as many
/// images in the same run (`scripts/torch_inception_bench.py`, reading the wheel that
/// `gankit weights` downloaded). Medians over `rounds` after one warm-up round. The last line
/// is one JSON object: `inception_images_per_s`, and `torch_inception_images_per_s` when the
/// peer ran.
enum InceptionBenchmark {
    struct Report: Encodable {
        let inception_images_per_s: Double
        let torch_inception_images_per_s: Double?
        let images: Int
        let rounds: Int
        let threads: Int
    }

    /// Parses `[--images N] [--rounds R]` and measures both.
    static func run(_ arguments: [String]) {
        var images = 64, rounds = 3
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst(), let number = Int(value), number >= 1 else {
                fail("inception: \(flag) needs a positive integer")
            }
            switch flag {
            case "--images": images = number
            case "--rounds": rounds = number
            default: fail("inception: unknown option \(flag) (known: --images, --rounds)")
            }
        }
        let network: InceptionV3
        do { network = try InceptionV3(weights: try InceptionWeights.load()) } catch { fail("inception: \(error)") }
        var rng = RandomSource(seed: 0)
        let input = Tensor.uniform([images, 3, 299, 299], low: 0, high: 1, using: &rng)
        let threads = ProcessInfo.processInfo.activeProcessorCount
        print("FID Inception features, \(images) images of 3×299×299 per round, \(threads) threads, median of \(rounds) rounds after a warm-up")

        _ = network.features(input)
        var rates: [Double] = []
        for _ in 0..<rounds {
            let start = DispatchTime.now()
            _ = network.features(input)
            rates.append(Double(images) / (Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9))
        }
        let gankit = Timing.median(rates)
        print(String(format: "GANKit   %6.2f images/s", gankit))
        let torch = torchPeer(images: images, rounds: rounds, threads: threads)
        if let torch {
            print(String(format: "PyTorch  %6.2f images/s (GANKit/PyTorch %.2f×)", torch, gankit / torch))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let report = Report(inception_images_per_s: gankit, torch_inception_images_per_s: torch, images: images,
                            rounds: rounds, threads: threads)
        print(String(decoding: try! encoder.encode(report), as: UTF8.self))
    }

    /// PyTorch's images/s from the peer script, or nil (with the reason printed) when python3,
    /// torch or the downloaded wheel is missing.
    static func torchPeer(images: Int, rounds: Int, threads: Int) -> Double? {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/torch_inception_bench.py")
        let wheel = CacheFolder.url().appendingPathComponent("downloads").appendingPathComponent(InceptionWeights.wheelName)
        guard FileManager.default.fileExists(atPath: script.path), FileManager.default.fileExists(atPath: wheel.path) else {
            print("PyTorch peer skipped: \(script.path) or \(wheel.path) is missing")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, wheel.path, "--images", String(images), "--rounds", String(rounds),
                             "--threads", String(threads)]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            print("PyTorch peer skipped: cannot run python3 (\(error.localizedDescription))")
            return nil
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let rate = object["images_per_s"] as? Double else {
            let reason = String(decoding: message, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? "no output"
            print("PyTorch peer skipped: \(reason)")
            return nil
        }
        return rate
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(2)
    }
}
