/// StyleGAN2's optimiser correction for lazy regularisation, decided per phase (Karras et al.
/// 2020, "Analyzing and improving the image quality of StyleGAN", appendix B): when a phase's
/// penalties run every k-th step of that phase, its optimiser runs with lr·c and β^c,
/// c = k/(k + 1) (`OptimizerSettings.rescaledForLazyRegularization`).
///
/// Every regularizer of the phase whose schedule asks for the correction
/// (`RegularizationSchedule.rescalesOptimizer`) gives its interval, counted in steps of the
/// phase: a schedule that counts iterations runs every `interval × discriminatorSteps` D steps.
/// They must agree, since one optimiser can take only one correction; different intervals are
/// rejected when the pipeline is built. A phase without such a regularizer keeps its settings.
enum LazyRegularizationCorrection {
    /// The interval, in steps of `phase`, that the phase's optimiser is corrected for; nil when
    /// no regularizer of the phase asks for the correction. Throws when they ask for different ones.
    static func interval(for phase: TrainingPhase, regularizers: [any Regularizer], discriminatorSteps: Int) throws -> Int? {
        var asking: [(name: String, interval: Int)] = []
        for r in regularizers where r.schedule.phase == phase && r.schedule.rescalesOptimizer {
            let perIteration = r.schedule.counting == .iterations && phase == .discriminator
            asking.append((r.name, r.schedule.interval * (perIteration ? discriminatorSteps : 1)))
        }
        guard let first = asking.first else { return nil }
        if let other = asking.first(where: { $0.interval != first.interval }) {
            throw GANCoreError.invalidConfiguration(
                "regularizers '\(first.name)' (every \(first.interval) \(phase) steps) and '\(other.name)' (every \(other.interval)) " +
                "both ask for StyleGAN2's lazy-regularisation correction of the \(phase)'s optimiser, which takes one interval: " +
                "give them the same interval")
        }
        return first.interval
    }

    /// `settings` corrected for the phase's lazy regularizers, or unchanged when there are none.
    static func settings(_ settings: OptimizerSettings, for phase: TrainingPhase, regularizers: [any Regularizer],
                         discriminatorSteps: Int) throws -> OptimizerSettings {
        guard let k = try interval(for: phase, regularizers: regularizers, discriminatorSteps: discriminatorSteps) else { return settings }
        return settings.rescaledForLazyRegularization(interval: k)
    }
}
