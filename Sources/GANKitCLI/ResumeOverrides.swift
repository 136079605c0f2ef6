import ArgumentParser
import GANKit

/// What `gankit train --resume RUN` may change about a run. A resumed run continues bit for bit
/// from its checkpoint, so anything that decides what the run *is* — its data, model, loss,
/// batch size, seed, optimisers, EMA, augmentation, regularizers and techniques — is refused
/// with the flag, the run's value and the new one. What only decides how long it trains and
/// what it writes (`--iterations`, `--progress-every`, `--sample-every`, `--checkpoint-every`,
/// `--evaluate-every`, `--evaluate-num`, `--output` to continue into another folder) and what a
/// NaN or infinity does (`--non-finite`: steps without one train the same either way) is allowed
/// and recorded in the run's `config.json`, so the next resume keeps it.
enum ResumeOverrides {
    /// Throws a `ValidationError` naming the first flag that would change what the run in `run`
    /// is (`saved` is its config.json, `resumed` the configuration after the flags).
    static func check(saved: RunConfiguration, resumed: RunConfiguration, run: String) throws {
        let fields: [(flag: String, key: String, saved: String, resumed: String)] = [
            ("--model", "model.family", saved.model.family, resumed.model.family),
            ("--width", "model.width", "\(saved.model.width)", "\(resumed.model.width)"),
            ("--loss", "loss", saved.loss, resumed.loss),
            ("--batch-size", "batchSize", "\(saved.batchSize)", "\(resumed.batchSize)"),
            ("--seed", "seed", "\(saved.seed)", "\(resumed.seed)"),
            ("--regularizer", "regularizers", "\(saved.regularizers.map(\.kind))", "\(resumed.regularizers.map(\.kind))"),
            ("--regularizer", "regularizers", "\(saved.regularizers.map(\.options))", "\(resumed.regularizers.map(\.options))"),
            ("--augmentation", "augmentation", saved.augmentation.map { "\($0.kind) \($0.options)" } ?? "none",
             resumed.augmentation.map { "\($0.kind) \($0.options)" } ?? "none"),
            ("--freeze-d", "techniques", "\(saved.techniques.map { "\($0.kind) \($0.options)" })",
             "\(resumed.techniques.map { "\($0.kind) \($0.options)" })"),
            ("--data-source", "data.source", saved.data.source, resumed.data.source),
            ("--data", "data.path", saved.data.path ?? "none", resumed.data.path ?? "none"),
            ("--limit", "data.limit", saved.data.limit.map(String.init) ?? "none", resumed.data.limit.map(String.init) ?? "none"),
            ("--subset", "data.subset", saved.data.subset, resumed.data.subset),
            ("--classes", "data.classes", saved.data.classes.map { "\($0)" } ?? "none", resumed.data.classes.map { "\($0)" } ?? "none"),
            ("--resolution", "data.resolution", "\(saved.data.resolution)", "\(resumed.data.resolution)"),
            ("--channels", "data.channels", "\(saved.data.channels)", "\(resumed.data.channels)"),
            ("--optimizer or --generator-optimizer", "generatorOptimizer", describe(saved.generatorOptimizer), describe(resumed.generatorOptimizer)),
            ("--optimizer or --discriminator-optimizer", "discriminatorOptimizer", describe(saved.discriminatorOptimizer), describe(resumed.discriminatorOptimizer)),
        ]
        if let changed = fields.first(where: { $0.saved != $0.resumed }) {
            throw ValidationError("\(changed.flag) would change what the run in \(run) is: its \(changed.key) is \(changed.saved), "
                + "not \(changed.resumed). A resumed run keeps its data, model, loss, batch size, seed and components; "
                + "to train on from its weights with other settings, start a new run with --init-from \(run)")
        }
        // A key that no field above lists (a flag added later) is refused all the same.
        var normalized = resumed
        normalized.iterations = saved.iterations
        normalized.output = saved.output
        normalized.evaluation = saved.evaluation
        normalized.nonFinite = saved.nonFinite
        guard normalized == saved else {
            throw ValidationError("the flags would change what the run in \(run) is; a resumed run takes only --iterations, "
                + "--output, --progress-every, --sample-every, --checkpoint-every, --evaluate-every, --evaluate-num and --non-finite")
        }
    }

    /// An optimiser as the error shows it: its kind and settings.
    private static func describe(_ spec: OptimizerSpec) -> String {
        let kind = spec.kind ?? "adam"
        return kind == "adam" ? "adam (learningRate \(spec.learningRate), betas \(spec.betas), epsilon \(spec.epsilon))"
            : "\(kind) (learningRate \(spec.learningRate), momentum \(spec.momentum ?? 0))"
    }
}
