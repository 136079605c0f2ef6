/// Errors of pipeline construction and training, each naming the value or component at fault.
public enum GANCoreError: Error, CustomStringConvertible, Equatable {
    /// `build()` found an invalid combination; the message says which and why.
    case invalidConfiguration(String)
    /// A component's checkpointed state could not be read back.
    case invalidComponentState(component: String, reason: String)
    /// The data set does not fit the pipeline (image size, channel count, too few images).
    case incompatibleData(String)
    /// A value of a training step became NaN or infinite (`NonFinitePolicy.stop`): `culprit`
    /// names where it started (D's output, a loss, a regularizer's penalty, a gradient, a
    /// parameter, the optimiser's state or a buffer, parameters by dotted name), `step` which step of
    /// the iteration, and `iteration` counts as the progress line does (from 1).
    case nonFinite(iteration: Int, step: String, culprit: String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let message): return "invalid pipeline: \(message)"
        case .invalidComponentState(let component, let reason): return "cannot restore the state of \(component): \(reason)"
        case .incompatibleData(let message): return "data does not fit the pipeline: \(message)"
        case .nonFinite(let iteration, let step, let culprit):
            return "training diverged at iteration \(iteration), \(step): \(culprit)"
        }
    }
}
