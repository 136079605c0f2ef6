import ArgumentParser
import Foundation
import GANKit
import GANKitDistributed

/// `gankit train`: a run from a JSON configuration and/or flags (flags override the file).
struct Train: ParsableCommand {
    static var configuration: CommandConfiguration {
        let name = GANKitCLI.commandName
        return CommandConfiguration(
            abstract: "Train a GAN.",
            discussion: """
            Examples:
              \(name) train --data-source emoji --limit 1000 --iterations 2000 --output runs/emoji
              \(name) train --config run.json --regularizer r1:gamma=0.01,interval=16 --regularizer ms3d
              \(name) train --resume runs/emoji --iterations 4000
              \(name) train --config run.json --output runs/emoji --overwrite
              \(name) train --data-source fashion-mnist --classes 7 --limit 100 --channels 1 --augmentation ada
              \(name) train --init-from runs/emoji --freeze-d 2 --data my-images --output runs/fine-tuned
              \(name) train --config Examples/configs/demo.json --evaluate-every 600 --evaluate-num 1000
              mpirun -np 2 \(name) train --distributed --config run.json
            A component flag is KIND or KIND:key=value,key=value (values are JSON scalars).
            A run folder has one owner at a time (its .lock). SIGINT, SIGTERM or SIGHUP stop training
            after the current iteration with a checkpoint (exit status 130, 143, 129); a second
            Ctrl-C quits at once.
            """)
    }

    @Option(help: "A JSON run configuration (unknown keys are errors).") var config: String?
    @OptionGroup var data: DataOptions
    @Option(help: "Model family: dcgan | sngan-resnet | stylegan2, or a family the program registers.") var model: String?
    @Option(parsing: .unconditional, help: "Base channel width of the models.") var width: Int?
    @Option(parsing: .unconditional, help: "Generator steps to train for.") var iterations: Int?
    @Option(name: .customLong("batch-size"), parsing: .unconditional) var batchSize: Int?
    @Option(help: "The seed of every random draw.") var seed: UInt64?
    @Option(help: "Adversarial loss: non-saturating | hinge | wasserstein | least-squares | relativistic-hinge.") var loss: String?
    @Option(name: .customLong("regularizer"), help: "A regularizer, repeatable: KIND[:key=value,...].") var regularizers: [String] = []
    @Option(help: "The augmentation: KIND[:key=value,...], or none.") var augmentation: String?
    @Option(help: "The run directory.") var output: String?
    @Option(name: .customLong("progress-every"), parsing: .unconditional) var progressEvery: Int?
    @Option(name: .customLong("sample-every"), parsing: .unconditional) var sampleEvery: Int?
    @Option(name: .customLong("checkpoint-every"), parsing: .unconditional) var checkpointEvery: Int?
    @Option(name: .customLong("evaluate-every"), parsing: .unconditional, help: "Score the generator (FID, KID, precision/recall, density/coverage) every N iterations and at the end; needs `\(GANKitCLI.commandName) weights`.") var evaluateEvery: Int?
    @Option(name: .customLong("evaluate-num"), parsing: .unconditional, help: "Generated images per evaluation (default 2000).") var evaluateNum: Int?
    @Flag(name: .customLong("dry-run"), help: "Check everything training would (configuration, data, components, run folder), print the resolved configuration and exit.") var dryRun = false
    @Option(help: "Continue the run in this directory from its latest checkpoint.") var resume: String?
    @Flag(help: "Delete the run already in --output (its config, stats, samples, charts and checkpoints) and start afresh.") var overwrite = false
    @Option(name: .customLong("init-from"), help: "Start from the G and D weights of this run's latest checkpoint (or of this checkpoint directory); same architecture.") var initFrom: String?
    @Option(name: .customLong("non-finite"), help: "What a NaN or infinite value in a step does: stop (default; the last checkpoint stays good) | skip (undo the step, count it in stats.jsonl).") var nonFinite: String?
    @Option(name: .customLong("freeze-d"), parsing: .unconditional, help: "Freeze-D: the number of discriminator blocks, from the input, that do not train.") var freezeD: Int?
    @Option(help: "Both networks' optimiser: adam | sgd, as KIND[:key=value,...], e.g. sgd:learningRate=0.01,momentum=0.9 or adam:learningRate=0.002,beta1=0,beta2=0.99.") var optimizer: String?
    @Option(name: .customLong("generator-optimizer"), help: "G's optimiser, as --optimizer (after it).") var generatorOptimizer: String?
    @Option(name: .customLong("discriminator-optimizer"), help: "D's optimiser, as --optimizer (after it).") var discriminatorOptimizer: String?
    @Flag(help: "Train data-parallel over the processes mpirun starts: --batch-size is the global batch, split evenly; rank 0 alone writes the run folder and prints (docs/distributed.md).")
    var distributed = false
    @Option(name: .customLong("collective-timeout"), parsing: .unconditional, help: "With --distributed: seconds a rank waits for the others in one exchange before ending the job, naming the ranks that did not arrive (default 3600).")
    var collectiveTimeout: Double?

    func run() throws {
        guard distributed else { return try train(group: nil) }
        let group = try MPIGroup(timeout: collectiveTimeout ?? 3600)
        do {
            try train(group: group)
        } catch let error as ExitCode {
            throw error  // a stop every rank agreed on (a signal): each exits with its status
        } catch {
            // One rank failing alone would leave the others waiting in a collective: end them all.
            group.abort(Self.exitMessage(for: error))
        }
    }

    /// What ArgumentParser would print for `error`.
    static func exitMessage(for error: any Error) -> String {
        "Error: " + Train.message(for: error)
    }

    func train(group: MPIGroup?) throws {
        let lead = (group?.rank ?? 0) == 0
        func say(_ line: String) { if lead { print(line) } }
        var c: RunConfiguration
        if let resume {
            let directory = URL(fileURLWithPath: resume)
            c = try RunConfiguration.load(runDirectory: directory)
            c.output.directory = resume
        } else if let config {
            c = try RunConfiguration.load(from: URL(fileURLWithPath: config))
        } else {
            c = RunConfiguration()
        }
        let saved = c
        try applyFlags(to: &c)
        if let resume { try ResumeOverrides.check(saved: saved, resumed: c, run: resume) }
        let directory = URL(fileURLWithPath: c.output.directory)
        if overwrite, let initFrom = c.initFrom, Self.path(URL(fileURLWithPath: initFrom), isInside: directory) {
            throw ValidationError("--init-from \(initFrom) lies in the --output folder \(directory.path) that --overwrite would clear")
        }
        let resumed = resume.map { URL(fileURLWithPath: $0) }
        let continuing = resumed?.standardizedFileURL.path == directory.standardizedFileURL.path
        if dryRun {
            // The same checks as training, without taking the folder or writing anything.
            let found = RunFolder.existingRun(in: directory)
            if !continuing, !overwrite, !found.isEmpty { throw RunFolderError.occupied(folder: directory.path, found: found) }
            var latest: URL?
            if let resumed {
                latest = Checkpoint.latest(in: resumed)
                if latest == nil { throw ValidationError("no checkpoint in \(resumed.appendingPathComponent("checkpoints").path) to resume from") }
            }
            let run = try TrainingRun(c, dataParallel: group)
            if let latest { try run.resume(from: latest) }
            if c.initFrom != nil, resume == nil { _ = try TrainingRun.initialCheckpoint(c.initFrom!) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            say(String(decoding: try encoder.encode(c), as: UTF8.self))
            return
        }
        // Rank 0 alone holds the folder; the others wait until it has, then read what it holds.
        let lock = lead ? try RunFolder.claim(directory, existing: continuing ? .resume : overwrite ? .overwrite : .refuse) : nil
        var ready: [Float] = [0]
        try group?.broadcast(&ready)
        var checkpoint: URL?
        if let resumed {
            // A kill between the two renames of a checkpoint write leaves the latest checkpoint
            // moved aside; put it back before choosing (only in the folder this run holds).
            if continuing && lead { try Checkpointer(directory: directory, every: 1).recoverInterruptedWrite() }
            try group?.broadcast(&ready)
            guard let latest = Checkpoint.latest(in: resumed) else {
                throw ValidationError("no checkpoint in \(resumed.appendingPathComponent("checkpoints").path) to resume from")
            }
            checkpoint = latest
        }
        let run = try TrainingRun(c, dataParallel: group)
        if let checkpoint { say("resuming from \(checkpoint.path)") }
        if checkpoint == nil, let initFrom = c.initFrom { say("initial weights from \(try TrainingRun.initialCheckpoint(initFrom).path)") }
        let drawn = c.data.subset == DataSubset.random.rawValue ? " (a random subset, data.subsetSeed \(c.data.subsetSeed))" : ""
        say("data: \(run.dataset.count) images of \(run.dataset.imageSize) from \(c.data.source)\(drawn); run directory \(run.directory.path)")
        if let group { say("data-parallel: \(group.size) processes, \(c.batchSize / group.size) images each per batch of \(c.batchSize)") }
        say(OpenBLASKernels.summary)
        let signals = StopSignals()
        do {
            try run.train(resumingFrom: checkpoint, lock: lock, cancellation: signals.cancellation)
        } catch let error as GANCoreError {
            if case .nonFinite = error { Self.adviseAfterNonFinite(run) }
            throw error
        }
        signals.stop()
        if let status = signals.exitStatus, let name = signals.receivedName {
            let saved = Checkpoint.latest(in: run.directory).map(\.path) ?? "none"
            say("stopped by \(name); checkpoint: \(saved)")
            say("continue with: \(GANKitCLI.commandName) train --resume \(run.directory.path)")
            throw ExitCode(status)
        }
        say("samples: \(run.directory.appendingPathComponent("samples/latest.png").path)")
        say("charts:  \(run.directory.appendingPathComponent("losses.svg").path), \(run.directory.appendingPathComponent("metrics.svg").path)")
        if c.diagnostics != nil { say("diagnostics: \(run.directory.appendingPathComponent("diagnostics.svg").path)") }
    }

    /// After training stopped on a NaN or infinity: where the last good state is and what to try.
    static func adviseAfterNonFinite(_ run: TrainingRun) {
        let last = Checkpoint.latest(in: run.directory).map { "the last checkpoint, \($0.path), holds only finite values and can be resumed (\(GANKitCLI.commandName) train --resume \(run.directory.path))" }
            ?? "no checkpoint was written"
        FileHandle.standardError.write(Data("\(last); a smaller learning rate or penalty weight may help, or --non-finite skip skips such steps\n".utf8))
    }

    /// The optimiser an optimiser flag names: its kind and options over the defaults.
    static func optimizerSpec(_ text: String, flag: String) throws -> OptimizerSpec {
        let component = try ComponentFlag.parse(text, flag: flag)
        return try OptimizerSpec.fromFlag(kind: component.kind, options: component.options.objectValue ?? [:], context: flag)
    }

    /// Whether `url` is `folder` or lies inside it.
    static func path(_ url: URL, isInside folder: URL) -> Bool {
        let inner = url.standardizedFileURL.path, outer = folder.standardizedFileURL.path
        return inner == outer || inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
    }

    /// Every count and interval flag must be ≥ 1 (`--evaluate-num` ≥ 2), and `--resume` takes
    /// none of the flags that start a new run; the error names the flag and the value before
    /// anything is read (on every rank of a `--distributed` job alike).
    func validate() throws {
        let counts: [(String, Int?, Int)] = [
            ("--width", width, 1), ("--iterations", iterations, 1), ("--batch-size", batchSize, 1),
            ("--progress-every", progressEvery, 1), ("--sample-every", sampleEvery, 1), ("--checkpoint-every", checkpointEvery, 1),
            ("--evaluate-every", evaluateEvery, 1), ("--evaluate-num", evaluateNum, 2), ("--freeze-d", freezeD, 1),
            ("--limit", data.limit, 1), ("--resolution", data.resolution, 1),
        ]
        for case (let flag, let value?, let least) in counts where value < least {
            throw ValidationError("\(flag) must be ≥ \(least), got \(value)")
        }
        if let collectiveTimeout {
            guard distributed else { throw ValidationError("--collective-timeout applies to --distributed runs only") }
            guard collectiveTimeout > 0 && collectiveTimeout.isFinite else {
                throw ValidationError("--collective-timeout must be a positive number of seconds, got \(collectiveTimeout)")
            }
        }
        if let channels = data.channels, channels != 1 && channels != 3 {
            throw ValidationError("--channels must be 1 (gray) or 3 (RGB), got \(channels)")
        }
        if resume != nil && initFrom != nil {
            throw ValidationError("--init-from starts a new run; it cannot be combined with --resume")
        }
        if let resume, let config {
            throw ValidationError("--config \(config) does not apply to --resume: a resumed run reads its own \(resume)/config.json")
        }
        if resume != nil && overwrite {
            throw ValidationError("--overwrite starts a new run; it cannot be combined with --resume")
        }
    }

    func applyFlags(to c: inout RunConfiguration) throws {
        try data.apply(to: &c.data)
        if let model { c.model.family = model }
        if let width { c.model.width = width }
        if let iterations { c.iterations = iterations }
        if let batchSize { c.batchSize = batchSize }
        if let seed { c.seed = seed }
        if let loss { c.loss = loss }
        if !regularizers.isEmpty { c.regularizers = try regularizers.map { try ComponentFlag.parse($0, flag: "--regularizer") } }
        if let augmentation { c.augmentation = augmentation == "none" ? nil : try ComponentFlag.parse(augmentation, flag: "--augmentation") }
        if let output { c.output.directory = output }
        if let initFrom { c.initFrom = initFrom }
        if let freezeD {
            c.techniques.removeAll { $0.kind == "freeze-d" }
            c.techniques.append(ComponentSpec(kind: "freeze-d", options: ["blocks": .number(Double(freezeD))]))
        }
        if let nonFinite { c.nonFinite = nonFinite }
        if let optimizer {
            let spec = try Self.optimizerSpec(optimizer, flag: "--optimizer")
            c.generatorOptimizer = spec
            c.discriminatorOptimizer = spec
        }
        if let generatorOptimizer { c.generatorOptimizer = try Self.optimizerSpec(generatorOptimizer, flag: "--generator-optimizer") }
        if let discriminatorOptimizer {
            c.discriminatorOptimizer = try Self.optimizerSpec(discriminatorOptimizer, flag: "--discriminator-optimizer")
        }
        if let progressEvery { c.output.progressEvery = progressEvery }
        if let sampleEvery { c.output.sampleEvery = sampleEvery }
        if let checkpointEvery { c.output.checkpointEvery = checkpointEvery }
        if evaluateEvery != nil || evaluateNum != nil {
            var evaluation = c.evaluation ?? EvaluationSpec()
            if let evaluateEvery { evaluation.every = evaluateEvery }
            if let evaluateNum { evaluation.num = evaluateNum }
            c.evaluation = evaluation
        }
    }
}
