import GANTensor

/// Something that updates parameters from their accumulated gradients.
///
/// Optimisers update only trainable parameters (`Parameter.isTrainable`) that have a gradient,
/// in place, keeping each parameter's autodiff leaf. Their per-parameter state is keyed by the
/// dotted parameter names they were given and is `Codable`, so a checkpoint can save it and
/// `restore(_:)` it exactly.
public protocol Optimizer: AnyObject {
    /// The optimiser's per-parameter state, by dotted parameter name.
    associatedtype State: Codable, Equatable, Sendable
    /// The parameters this optimiser updates, with their dotted names.
    var parameters: [(String, Parameter)] { get }
    /// Applies one update to every trainable parameter that has a gradient.
    func step()
    /// A copy of the state.
    var state: State { get }
    /// Replaces the state with `state` (from a checkpoint); throws if it names a parameter
    /// this optimiser does not hold or its sizes differ.
    func restore(_ state: State) throws

    /// The names of the per-element arrays this optimiser keeps for each parameter (Adam's "m"
    /// and "v", SGD's "momentum"): the parts of `checkpointState`.
    static var bufferNames: [String] { get }
    /// The state in the form a checkpoint stores it, whatever the optimiser: for every parameter
    /// updated so far, by dotted name, its arrays and step count (`ParameterState`).
    var checkpointState: [String: ParameterState] { get }
    /// Replaces the state with one read from a checkpoint; throws as `restore(_:)` does, and
    /// when an entry lacks one of `bufferNames` or a step count the optimiser needs.
    func restore(checkpointState: [String: ParameterState]) throws
}

/// One parameter's optimiser state as a checkpoint stores it: arrays of one Float per element
/// of the parameter, by name (`Optimizer.bufferNames`), and the number of updates applied to it
/// for an optimiser that keeps one (Adam's t; nil for SGD, whose update does not depend on it).
public struct ParameterState: Equatable, Sendable {
    public var step: Int?
    public var buffers: [String: [Float]]

    public init(step: Int?, buffers: [String: [Float]]) {
        self.step = step
        self.buffers = buffers
    }
}

extension Optimizer {
    /// Clears the accumulated gradient of every parameter this optimiser holds.
    public func zeroGradients() { for (_, p) in parameters { p.zeroGradient() } }
}

/// Why an optimiser state could not be restored.
public enum OptimizerStateError: Error, CustomStringConvertible, Equatable {
    /// The state names a parameter the optimiser does not hold.
    case unknownParameter(String)
    /// The state of a parameter lacks an array or a step count this optimiser needs.
    case missingPart(parameter: String, part: String)
    /// The state's buffers for a parameter have the wrong number of elements.
    case sizeMismatch(parameter: String, expected: Int, found: Int)

    public var description: String {
        switch self {
        case .unknownParameter(let name):
            return "optimiser state names parameter '\(name)', which this optimiser does not hold"
        case .missingPart(let name, let part):
            return "optimiser state for '\(name)' has no \(part)"
        case .sizeMismatch(let name, let expected, let found):
            return "optimiser state for '\(name)' has \(found) elements; the parameter has \(expected)"
        }
    }
}

extension Optimizer {
    /// Index of each parameter by name, for `restore(_:)`.
    func indexByName() -> [String: Int] {
        Dictionary(uniqueKeysWithValues: parameters.enumerated().map { ($0.element.0, $0.offset) })
    }
}
