/// Which optimisation step a regularizer's penalty is added to.
public enum TrainingPhase: String, Codable, Sendable {
    case discriminator
    case generator
}

/// When a regularizer runs and how much its penalty counts: StyleGAN2's lazy regularisation
/// (Karras et al. 2020, "Analyzing and improving…", section 3.1) runs a penalty every
/// `interval` steps of its phase and multiplies it by `gain` (normally = interval) so its
/// average strength is unchanged.
public struct RegularizationSchedule: Codable, Equatable, Sendable {
    /// The phase whose loss receives the penalty.
    public var phase: TrainingPhase
    /// Runs on steps whose phase-step index is a multiple of `interval` (1 = every step).
    public var interval: Int
    /// Factor the pipeline multiplies the penalty by.
    public var gain: Float
    /// Whether the phase's Adam gets StyleGAN2's lazy-regularisation correction
    /// (`OptimizerSettings.rescaledForLazyRegularization`); R1 sets it when lazy.
    public var rescalesOptimizer: Bool

    public init(phase: TrainingPhase, interval: Int = 1, gain: Float? = nil, rescalesOptimizer: Bool = false) {
        precondition(interval >= 1, "RegularizationSchedule: interval must be ≥ 1, got \(interval)")
        self.phase = phase
        self.interval = interval
        self.gain = gain ?? Float(interval)
        self.rescalesOptimizer = rescalesOptimizer
    }

    /// Every step of `phase`, gain 1.
    public static func everyStep(_ phase: TrainingPhase = .discriminator) -> RegularizationSchedule {
        RegularizationSchedule(phase: phase, interval: 1, gain: 1)
    }

    /// Every `interval` steps of `phase`, gain `interval` (lazy regularisation).
    public static func lazy(_ phase: TrainingPhase = .discriminator, interval: Int) -> RegularizationSchedule {
        RegularizationSchedule(phase: phase, interval: interval, gain: Float(interval))
    }

    /// Whether the penalty runs at phase step `step` (counted from 0).
    public func isDue(atStep step: Int) -> Bool { step % interval == 0 }
}
