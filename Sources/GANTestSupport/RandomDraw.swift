import GANCore

/// One value handed out by a `RandomDrawing` source, tagged with the call that asked for it:
/// what `RecordingRandomSource` notes and `ScriptedRandomSource` replays.
public enum RandomDraw: Equatable, Sendable, CustomStringConvertible {
    /// A `uniform()` draw, in [0, 1).
    case uniform(Float)
    /// A `uniformDouble()` draw, in [0, 1).
    case uniformDouble(Double)
    /// A `normal()` draw.
    case normal(Float)
    /// An `integer(in:)` draw (either range form).
    case integer(Int)

    /// The call and value, e.g. `uniform() = 0.25`.
    public var description: String {
        switch self {
        case .uniform(let v): "uniform() = \(v)"
        case .uniformDouble(let v): "uniformDouble() = \(v)"
        case .normal(let v): "normal() = \(v)"
        case .integer(let v): "integer(in:) = \(v)"
        }
    }
}
