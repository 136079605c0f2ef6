import Foundation
import GANCore

/// Wraps a regularizer in a training run and notes every call the pipeline makes, for
/// `RegularizerConformance`'s schedule requirements. It forwards everything else unchanged.
final class ScheduleProbe<Wrapped: Regularizer>: Regularizer {
    /// One call of `penalty`.
    struct Call {
        var phase: TrainingPhase
        var phaseStep: Int
        var iteration: Int
        var returnedPenalty: Bool
    }

    let wrapped: Wrapped
    /// Every call, in order.
    private(set) var calls: [Call] = []
    /// The metric keys the wrapped regularizer wrote in any call.
    private(set) var metricKeys: Set<String> = []

    init(_ wrapped: Wrapped) { self.wrapped = wrapped }

    var name: String { wrapped.name }
    var schedule: RegularizationSchedule { wrapped.schedule }
    var needsRealImageGradient: Bool { wrapped.needsRealImageGradient }

    func penalty(_ context: inout RegularizationContext) throws -> Tensor? {
        let before = context.metrics
        let penalty = try wrapped.penalty(&context)
        metricKeys.formUnion(context.metrics.keys.filter { before[$0] != context.metrics[$0] })
        calls.append(Call(phase: context.phase, phaseStep: context.phaseStep, iteration: context.iteration,
                          returnedPenalty: penalty != nil))
        return penalty
    }

    func encodeState() throws -> Data? { try wrapped.encodeState() }
    func restoreState(from data: Data) throws { try wrapped.restoreState(from: data) }
}
