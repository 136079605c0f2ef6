import Foundation
import GANCore

/// A training run assembled from a `RunConfiguration`: the data set, the model pair, the
/// pipeline and the observers that write the run directory
/// (`config.json`, `stats.jsonl`, `samples/`, `losses.svg`, `metrics.svg`, `checkpoints/`, and
/// with a `diagnostics` section `diagnostics.jsonl`, `diagnostics.svg`, `diagnostics/`).
public struct TrainingRun {
    /// The configuration the run was built from.
    public let configuration: RunConfiguration
    /// The images trained on: the configured data minus the held-out ones.
    public let dataset: any ImageDataset
    /// The images held out of training (`diagnostics.heldOut`), or nil.
    public let heldOut: (any ImageDataset)?
    /// The pipeline, built and ready to train or restore.
    public let pipeline: TrainingPipeline
    /// The run directory, `output.directory`.
    public var directory: URL { URL(fileURLWithPath: configuration.output.directory) }

    /// Validates the configuration (`RunConfiguration.validate`), loads the data, holds out
    /// `diagnostics.heldOut` images (`ImageSubset.split`) and builds the pipeline; every error
    /// names the key or file at fault. With `dataParallel` the pipeline trains over that group's
    /// processes (`DataParallelGroup`; `batchSize` is the global batch).
    public init(_ configuration: RunConfiguration, registry: ComponentRegistry = .shared,
                dataParallel: (any DataParallelGroup)? = nil) throws {
        self.configuration = configuration
        try configuration.validate(registry: registry)
        let all = try Self.loadData(configuration.data, registry: registry)
        if let spec = configuration.diagnostics {
            try spec.validate(datasetCount: all.count)
        }
        if let count = configuration.diagnostics?.heldOut, count > 0 {
            let split = ImageSubset.split(all, heldOut: count)
            (dataset, heldOut) = (split.training, split.heldOut)
        } else {
            (dataset, heldOut) = (all, nil)
        }
        pipeline = try Self.buildPipeline(configuration, dataset: dataset, registry: registry, dataParallel: dataParallel)
    }

    /// The diagnostics of `spec` on this run's training and held-out images, with the run's seed.
    public func diagnostics(_ spec: DiagnosticsSpec) -> TrainingDiagnostics {
        spec.diagnostics(training: dataset, heldOut: heldOut, seed: configuration.seed)
    }

    /// Writes `config.json` and trains to `configuration.iterations`,
    /// resuming from `checkpoint` when given, else starting from the weights of
    /// `configuration.initFrom` when given.
    ///
    /// The run folder is held by `lock` for the whole of training; without one, `train` claims
    /// the folder itself (`RunFolder.claim`), refusing one that holds another run unless it is
    /// resuming. Setting `cancellation` stops training after the current iteration, with a
    /// checkpoint of the state reached.
    ///
    /// In a data-parallel run only rank 0 does all this; every other rank restores the same
    /// state and trains without the folder, writing nothing.
    public func train(resumingFrom checkpoint: URL? = nil, progress: ConsoleProgress? = nil,
                      lock: RunLock? = nil, cancellation: TrainingCancellation? = nil) throws {
        if let group = pipeline.configuration.dataParallel, group.rank != 0 {
            try restoreStartingState(checkpoint)
            try pipeline.train(on: dataset, iterations: configuration.iterations, cancellation: cancellation)
            return
        }
        let held = try lock ?? RunFolder.claim(directory, existing: checkpoint == nil ? .refuse : .resume)
        defer { withExtendedLifetime(held) {} }
        guard held.isHeld, held.directory.standardizedFileURL.path == directory.standardizedFileURL.path else {
            throw ConfigurationError.invalidValue(context: "output.directory", reason:
                "the run lock given is \(held.isHeld ? "for \(held.directory.path)" : "released"), not held on \(directory.path)")
        }
        try restoreStartingState(checkpoint)
        // Also when resuming: the configuration may carry overrides (more iterations, other
        // intervals) that the next resume must see.
        try Self.writeConfiguration(configuration, to: directory.appendingPathComponent("config.json"))
        let out = configuration.output
        var observers: [any TrainingObserver] = [
            progress ?? ConsoleProgress(every: out.progressEvery),
            StatsLog(directory: directory),
            SampleGridWriter(directory: directory, every: out.sampleEvery, count: out.sampleCount, seed: configuration.seed),
            LossChart(directory: directory, every: out.sampleEvery),
            Checkpointer(directory: directory, every: out.checkpointEvery),
        ]
        if let spec = configuration.evaluation {
            observers.append(try spec.observer(directory: directory, training: dataset, seed: configuration.seed))
        }
        if let spec = configuration.diagnostics {
            observers.append(DiagnosticsWriter(directory: directory, diagnostics: diagnostics(spec), every: spec.every,
                                               heatMapsAt: Set(spec.heatMapsAt)))
        }
        try pipeline.train(on: dataset, iterations: configuration.iterations, observers: observers, cancellation: cancellation)
    }

    /// Resumes from `checkpoint` when given, else loads the weights of `initFrom` when given.
    private func restoreStartingState(_ checkpoint: URL?) throws {
        if let checkpoint {
            try resume(from: checkpoint)
        } else if let initFrom = configuration.initFrom {
            try pipeline.loadWeights(from: try Checkpoint.load(from: try Self.initialCheckpoint(initFrom)))
        }
    }

    /// Restores the pipeline from `checkpoint` to continue the run, refusing (naming
    /// `iterations`) a configuration that asks for fewer iterations than the checkpoint has done.
    /// `gankit train --dry-run --resume` calls it to check a resume without training.
    /// When the checkpoint was written with other OpenBLAS kernels than this process's, says
    /// so in one line on standard output (`TrainingPipeline.resume(fromCheckpoint:)`).
    public func resume(from checkpoint: URL) throws {
        try pipeline.resume(fromCheckpoint: checkpoint)
        guard pipeline.iteration <= configuration.iterations else {
            throw ConfigurationError.invalidValue(context: "iterations", reason:
                "the run to resume has done \(pipeline.iteration) iterations (\(checkpoint.path)), more than the \(configuration.iterations) asked for; "
                + "give at least \(pipeline.iteration) to continue it")
        }
    }

    /// Writes `configuration` as pretty-printed JSON with sorted keys to `file` atomically, as
    /// every run's `config.json` is written; an error is one sentence naming the file and the
    /// system's reason.
    public static func writeConfiguration(_ configuration: RunConfiguration, to file: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try encoder.encode(configuration).write(to: file, options: .atomic)
        } catch {
            throw GANIOError.writeFailed(path: file.path, reason: PlainError.reason(error))
        }
    }

    /// The run in `runDirectory` (its `config.json`) with the weights, EMA and state of
    /// `checkpoint`, by default its latest one; also returns which checkpoint was loaded. For
    /// sampling and evaluation: `pipeline.sample(latents:)` then uses the EMA generator.
    public static func restored(runDirectory: URL, checkpoint: URL? = nil) throws -> (run: TrainingRun, checkpoint: URL) {
        let configuration = try RunConfiguration.load(runDirectory: runDirectory)
        guard let source = checkpoint ?? Checkpoint.latest(in: runDirectory) else {
            throw ConfigurationError.invalidValue(context: runDirectory.path,
                                                  reason: "no checkpoint in \(runDirectory.appendingPathComponent(Checkpoint.folderName).path)")
        }
        let run = try TrainingRun(configuration)
        try run.pipeline.restore(try Checkpoint.load(from: source))
        return (run, source)
    }

    /// The checkpoint `initFrom` names: the directory itself when it holds a manifest, else the
    /// latest checkpoint of the run directory.
    public static func initialCheckpoint(_ initFrom: String) throws -> URL {
        let url = URL(fileURLWithPath: initFrom)
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("manifest.json").path) { return url }
        guard let latest = Checkpoint.latest(in: url) else {
            throw ConfigurationError.invalidValue(context: "initFrom", reason: "\(initFrom) is neither a checkpoint nor a run directory with checkpoints")
        }
        return latest
    }

    /// The images the configuration names, loaded by the data source `registry` has under
    /// `spec.source` (built from the section's own options); an unknown source is an error
    /// naming `data.source` and listing the registered ones.
    public static func loadData(_ spec: DataSpec, registry: ComponentRegistry = .shared) throws -> any ImageDataset {
        guard spec.resolution >= 1, spec.channels == 1 || spec.channels == 3 else {
            throw ConfigurationError.invalidValue(context: "data", reason: "resolution must be ≥ 1 and channels 1 or 3, got \(spec.resolution) and \(spec.channels)")
        }
        if let limit = spec.limit, limit < 1 { throw ConfigurationError.invalidValue(context: "data.limit", reason: "must be ≥ 1, got \(limit)") }
        guard try spec.checkSubset() == .random, let limit = spec.limit else {
            return try dataSource(spec, registry: registry).load(spec.request)
        }
        return try dataSource(spec, registry: registry).load(spec.request) { count in
            DataSubset.randomIndices(count: count, limit: limit, seed: spec.subsetSeed)
        }
    }

    /// The data source `spec` names, built from the section's own options, without loading it.
    static func dataSource(_ spec: DataSpec, registry: ComponentRegistry) throws -> any ImageDataSource {
        let context = ComponentBuildContext(modelFamily: "", imageSize: ImageSize(channels: spec.channels, resolution: spec.resolution),
                                            batchSize: 0, datasetCount: 0)
        return try registry.makeDataSource(spec.source, options: .object(spec.options), context: context, at: "data.source")
    }

    /// Where Debian's `ruby-gemojione` puts the EmojiOne PNGs (CC-BY-SA 4.0): `EmojiOneSource.folder`.
    public static let emojiFolder = EmojiOneSource.folder

    static func buildPipeline(_ c: RunConfiguration, dataset: any ImageDataset, registry: ComponentRegistry,
                              dataParallel: (any DataParallelGroup)? = nil) throws -> TrainingPipeline {
        let size = dataset.imageSize
        var rng = RandomSource(seed: c.seed &+ 0x6D6F_6465_6C)
        let context = ComponentBuildContext(modelFamily: c.model.family, imageSize: size, batchSize: c.batchSize, datasetCount: dataset.count)
        let (g, d) = try makeModels(c.model, context: context, registry: registry, using: &rng)
        let components = try Components(c, context: context, registry: registry)
        var builder = TrainingPipeline.builder()
            .generator(g).discriminator(d)
            .loss(components.loss)
            .optimizers(generator: try c.generatorOptimizer.settings("generatorOptimizer"),
                        discriminator: try c.discriminatorOptimizer.settings("discriminatorOptimizer"))
            .batchSize(c.batchSize)
            .discriminatorSteps(c.discriminatorSteps)
            .generatorEMA(decay: c.generatorEMA, rampUp: c.generatorEMARampUp)
            .seed(c.seed)
            .nonFinite(try c.nonFinitePolicy())
            .regularizationSteps(try c.regularizationStepsMode())
            .dataParallel(dataParallel)
        if let augmentation = components.augmentation { builder = builder.augmentation(augmentation) }
        for regularizer in components.regularizers { builder = builder.regularizer(regularizer) }
        for technique in components.techniques { builder = builder.technique(technique) }
        guard c.iterations >= 1 else { throw ConfigurationError.invalidValue(context: "iterations", reason: "must be ≥ 1, got \(c.iterations)") }
        return try builder.build()
    }

    /// Builds every component `configuration` names as training does, without loading its data:
    /// the context has the configured model family, image size and batch size, and the data
    /// limit (0 without one) as the number of images. Throws what training would for an unknown
    /// kind (listing the registered ones) or a bad option, the data source and model family
    /// included (built from their options; no data is loaded and no model made). `gankit
    /// experiment` checks every run with it before it trains any.
    public static func checkComponents(of configuration: RunConfiguration, registry: ComponentRegistry = .shared) throws {
        let c = configuration
        let context = ComponentBuildContext(modelFamily: c.model.family, imageSize: ImageSize(channels: c.data.channels, resolution: c.data.resolution),
                                            batchSize: c.batchSize, datasetCount: c.data.limit ?? 0)
        _ = try dataSource(c.data, registry: registry)
        _ = try registry.makeModelFamily(c.model.family, options: .object(c.model.options), context: context, at: "model.family")
        _ = try Components(c, context: context, registry: registry)
    }

    /// The components a configuration names, built by a registry; errors name the component's
    /// place ("regularizers[1]").
    struct Components {
        let loss: any AdversarialLoss
        let augmentation: (any Augmentation)?
        let regularizers: [any Regularizer]
        let techniques: [any TrainingTechnique]

        init(_ c: RunConfiguration, context: ComponentBuildContext, registry: ComponentRegistry) throws {
            loss = try registry.makeLoss(c.loss, context: context, at: "loss")
            augmentation = try c.augmentation.map { try registry.makeAugmentation($0.kind, options: $0.options, context: context, at: "augmentation") }
            regularizers = try c.regularizers.enumerated().map { i, r in
                try registry.makeRegularizer(r.kind, options: r.options, context: context, at: "regularizers[\(i)]")
            }
            techniques = try c.techniques.enumerated().map { i, t in
                try registry.makeTechnique(t.kind, options: t.options, context: context, at: "techniques[\(i)]")
            }
        }
    }

    /// The generator/discriminator pair that the model family `registry` has under `spec.family`
    /// (built from the section's own options) makes for images of `context.imageSize`; an unknown
    /// family is an error naming `model.family` and listing the registered ones, and so is a
    /// `width` or `initialization` other than the default for a family that ignores it
    /// (`ModelFamily.ignoredStandardKeys`).
    public static func makeModels(_ spec: ModelSpec, context: ComponentBuildContext, registry: ComponentRegistry = .shared,
                                  using rng: inout RandomSource) throws -> (any Generator, any Discriminator) {
        let size = context.imageSize
        guard spec.width >= 1, spec.latentDimension >= 1 else {
            throw ConfigurationError.invalidValue(context: "model", reason: "width and latentDimension must be ≥ 1, got \(spec.width) and \(spec.latentDimension)")
        }
        guard size.height == size.width else {
            throw ConfigurationError.invalidValue(context: "data", reason: "images must be square, got \(size)")
        }
        let family = try registry.makeModelFamily(spec.family, options: .object(spec.options), context: context, at: "model.family")
        let defaults = ModelSpec()
        let changed = ["width": spec.width != defaults.width, "initialization": spec.initialization != defaults.initialization]
        if let key = type(of: family).ignoredStandardKeys.sorted().first(where: { changed[$0] == true }) {
            let own = type(of: family).optionKeys.sorted().joined(separator: ", ")
            throw ConfigurationError.invalidValue(context: "model.\(key)", reason:
                "the \(spec.family) family does not read it (its own keys: \(own)); leave it out")
        }
        let models = try family.makeModels(for: spec.request(imageSize: size), using: &rng)
        return (models.generator, models.discriminator)
    }
}
