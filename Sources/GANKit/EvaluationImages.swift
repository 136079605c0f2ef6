import Foundation
import GANCore

/// The image sets `gankit evaluate` compares, as [N, C, H, W] tensors in [-1, 1].
///
/// A set is named by a path or a data source:
/// - a **run directory** (it holds `config.json`, or checkpoints — a run composed in Swift,
///   which is then an error saying so): as reals, its training images as the model sees
///   them (its `data` section, at the training resolution); as fakes, images from its latest
///   checkpoint's generator (the EMA weights when the run keeps them);
/// - a **checkpoint directory** (it holds `manifest.json`, inside `run/checkpoints/`): fakes from
///   that checkpoint, built from the run's `config.json` two levels up;
/// - a **folder** of PNGs: read at the images' own resolution, with no resampling;
/// - a **configuration file** (`.json`): its `data` section;
/// - otherwise a registered **data source** name (`emoji`, `fashion-mnist`), refined like
///   `gankit train`'s data flags (`DataSpec`).
public enum EvaluationImages {
    /// What a `--real` or `--fake` argument names.
    public enum Source: Equatable {
        case run(URL)
        case checkpoint(URL)
        case folder(String)
        case data(DataSpec)
    }

    /// The source `argument` names; `refine` applies data flags to a configuration file's or a
    /// source name's `DataSpec` (the default configuration's data section for a name).
    public static func source(_ argument: String, refine: (inout DataSpec) throws -> Void = { _ in }) throws -> Source {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let url = URL(fileURLWithPath: argument)
        if fm.fileExists(atPath: argument, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                // A folder with checkpoints is a run even without config.json (composed in Swift):
                // reading it then says why the command line cannot use it.
                if fm.fileExists(atPath: url.appendingPathComponent("config.json").path) || Checkpoint.latest(in: url) != nil { return .run(url) }
                if fm.fileExists(atPath: url.appendingPathComponent("manifest.json").path) { return .checkpoint(url) }
                return .folder(argument)
            }
            guard argument.hasSuffix(".json") else {
                throw ConfigurationError.invalidValue(context: argument, reason: "is a file; expected a run, checkpoint or image folder, a configuration .json or a data source name")
            }
            var spec = try RunConfiguration.load(from: url).data
            try refine(&spec)
            return .data(spec)
        }
        var spec = DataSpec()
        spec.source = argument
        try refine(&spec)
        let sources = ComponentRegistry.shared.dataSourceKinds
        guard sources.contains(argument) else {
            throw ConfigurationError.invalidValue(context: argument, reason: "no such file or folder, and not a data source (\(sources.joined(separator: ", ")))")
        }
        return .data(spec)
    }

    /// The real images of `source`; `limit` keeps the first ones of a folder (nil: all).
    public static func real(_ source: Source, limit: Int? = nil) throws -> Tensor {
        switch source {
        case .run(let url):
            return all(try TrainingRun.loadData(try runConfiguration(url).data))
        case .checkpoint(let url):
            return all(try TrainingRun.loadData(try runConfiguration(runDirectory(ofCheckpoint: url)).data))
        case .folder(let path):
            return try ImageFolder(nativeResolution: path, limit: limit).tensor
        case .data(let spec):
            return all(try TrainingRun.loadData(spec))
        }
    }

    /// `count` images of `source`: generated from a run's latest checkpoint or from a checkpoint
    /// with latents drawn from `seed` (in batches of `batchSize`), or the first `count` PNGs of a
    /// folder. A data source cannot be a fake set.
    public static func fake(_ source: Source, count: Int, seed: UInt64, batchSize: Int = 100) throws -> Tensor {
        precondition(count >= 1 && batchSize >= 1, "EvaluationImages.fake: count \(count) and batchSize \(batchSize) must be ≥ 1")
        let checkpoint: URL?, run: URL
        switch source {
        case .folder(let path):
            return try ImageFolder(nativeResolution: path, limit: count).tensor
        case .data(let spec):
            throw ConfigurationError.invalidValue(context: "--fake \(spec.source)", reason: "fakes come from a run, a checkpoint or a folder of images")
        case .run(let url):
            (checkpoint, run) = (nil, url)
        case .checkpoint(let url):
            (checkpoint, run) = (url, runDirectory(ofCheckpoint: url))
        }
        let training = try TrainingRun.restored(runDirectory: run, checkpoint: checkpoint).run
        var rng = RandomSource(seed: seed)
        let latentDimension = training.pipeline.generator.latentDimension
        var batches: [Tensor] = []
        var made = 0
        while made < count {
            let n = Swift.min(batchSize, count - made)
            batches.append(training.pipeline.sample(latents: Tensor.normal([n, latentDimension], using: &rng)))
            made += n
        }
        return Tensor.concat(batches, axis: 0)
    }

    /// Every image of a data set, in order.
    static func all(_ dataset: any ImageDataset) -> Tensor {
        dataset.images(at: Array(0..<dataset.count))
    }

    /// The run directory of a checkpoint directory `run/checkpoints/iter-…`.
    /// Throws naming `flag` when `count` samples of the run or checkpoint `source` would not fit
    /// in memory (`RunConfiguration.checkSamplingMemory`), before the checkpoint is loaded; a
    /// folder's images are read as they are, so they are not checked.
    public static func checkSamplingMemory(_ source: Source, count: Int, flag: String) throws {
        switch source {
        case .run(let url): try runConfiguration(url).checkSamplingMemory(count: count, flag: flag)
        case .checkpoint(let url): try runConfiguration(runDirectory(ofCheckpoint: url)).checkSamplingMemory(count: count, flag: flag)
        case .folder, .data: return
        }
    }

    static func runDirectory(ofCheckpoint url: URL) -> URL {
        url.standardizedFileURL.deletingLastPathComponent().deletingLastPathComponent()
    }

    static func runConfiguration(_ run: URL) throws -> RunConfiguration {
        try RunConfiguration.load(runDirectory: run)
    }
}
