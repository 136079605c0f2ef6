/// Errors of pipeline construction and training, each naming the value or component at fault.
public enum GANCoreError: Error, CustomStringConvertible, Equatable {
    /// `build()` found an invalid combination; the message says which and why.
    case invalidConfiguration(String)
    /// A component's checkpointed state could not be read back.
    case invalidComponentState(component: String, reason: String)
    /// The data set does not fit the pipeline (image size, channel count, too few images).
    case incompatibleData(String)
    /// A loss or penalty became NaN or infinite; training stops rather than continue silently.
    case nonFiniteLoss(String)

    public var description: String {
        switch self {
        case .invalidConfiguration(let message): return "invalid pipeline: \(message)"
        case .invalidComponentState(let component, let reason): return "cannot restore the state of \(component): \(reason)"
        case .incompatibleData(let message): return "data does not fit the pipeline: \(message)"
        case .nonFiniteLoss(let message): return "training diverged: \(message)"
        }
    }
}
