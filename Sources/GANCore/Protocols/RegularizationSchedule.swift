/// Which optimisation step a regularizer's penalty is added to.
///
/// One training iteration is `discriminatorSteps` discriminator steps followed by one generator
/// step; each step is one phase's loss (its adversarial loss plus the penalties due then), one
/// backward pass and one optimiser step. A penalty joins its phase's loss; there is no separate
/// regularisation step.
public enum TrainingPhase: String, Codable, Sendable {
    case discriminator
    case generator
}

/// When a regularizer runs and how much its penalty counts: StyleGAN2's lazy regularisation
/// (Karras et al. 2020, "Analyzing and improving…", section 3.1) runs a penalty every
/// `interval` steps of its phase and multiplies it by `gain` (normally = interval) so its
/// average strength is unchanged.
public struct RegularizationSchedule: Codable, Equatable, Sendable {
    /// What a schedule's interval counts.
    public enum Counting: String, Codable, Sendable {
        /// Steps of the phase, over the whole run: due at phase steps 0, k, 2k, … (every
        /// discriminator step when k = 1, whatever the number of D steps per iteration).
        case phaseSteps
        /// Training iterations: due on the first step of the phase in iterations 0, k, 2k, …
        /// With one D step per iteration, and always in the generator phase, this is the same as
        /// `phaseSteps`; with several D steps it runs on the first of them only.
        case iterations
    }

    /// The phase whose loss receives the penalty.
    public var phase: TrainingPhase
    /// Runs on steps (or iterations, see `counting`) whose index is a multiple of `interval`
    /// (1 = every one).
    public var interval: Int
    /// Factor the pipeline multiplies the penalty by.
    public var gain: Float
    /// Whether the phase's optimiser gets StyleGAN2's lazy-regularisation correction
    /// (`OptimizerSettings.rescaledForLazyRegularization`); R1 sets it when lazy. All the
    /// regularizers of a phase that set it must have the same interval.
    public var rescalesOptimizer: Bool
    /// What `interval` counts: phase steps (the default) or iterations.
    public var counting: Counting

    public init(phase: TrainingPhase, interval: Int = 1, gain: Float? = nil, rescalesOptimizer: Bool = false,
                counting: Counting = .phaseSteps) {
        precondition(interval >= 1, "RegularizationSchedule: interval must be ≥ 1, got \(interval)")
        self.phase = phase
        self.interval = interval
        self.gain = gain ?? Float(interval)
        self.rescalesOptimizer = rescalesOptimizer
        self.counting = counting
    }

    /// Every step of `phase`, gain 1.
    public static func everyStep(_ phase: TrainingPhase = .discriminator) -> RegularizationSchedule {
        RegularizationSchedule(phase: phase, interval: 1, gain: 1)
    }

    /// Every `interval` steps of `phase`, gain `interval` (lazy regularisation).
    public static func lazy(_ phase: TrainingPhase = .discriminator, interval: Int) -> RegularizationSchedule {
        RegularizationSchedule(phase: phase, interval: interval, gain: Float(interval))
    }

    /// Once per training iteration, on the first step of `phase` in it, gain 1 (DigGAN runs so
    /// with several D steps per G step, as its authors' code does).
    public static func oncePerIteration(_ phase: TrainingPhase = .discriminator) -> RegularizationSchedule {
        RegularizationSchedule(phase: phase, interval: 1, gain: 1, counting: .iterations)
    }

    /// Whether the penalty runs at the step of its phase with index `phaseStep` over the run,
    /// which is step `stepInIteration` of the phase within iteration `iteration` (all from 0).
    public func isDue(phaseStep: Int, iteration: Int, stepInIteration: Int) -> Bool {
        switch counting {
        case .phaseSteps: phaseStep % interval == 0
        case .iterations: stepInIteration == 0 && iteration % interval == 0
        }
    }

    /// Whether the penalty runs at phase step `step` (counted from 0) when every iteration has
    /// one step of the phase (the generator phase, or one D step per iteration).
    public func isDue(atStep step: Int) -> Bool { isDue(phaseStep: step, iteration: step, stepInIteration: 0) }
}
