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
}

extension Optimizer {
    /// Clears the accumulated gradient of every parameter this optimiser holds.
    public func zeroGradients() { for (_, p) in parameters { p.zeroGradient() } }
}

/// Why an optimiser state could not be restored.
public enum OptimizerStateError: Error, CustomStringConvertible, Equatable {
    /// The state names a parameter the optimiser does not hold.
    case unknownParameter(String)
    /// The state's buffers for a parameter have the wrong number of elements.
    case sizeMismatch(parameter: String, expected: Int, found: Int)

    public var description: String {
        switch self {
        case .unknownParameter(let name):
            return "optimiser state names parameter '\(name)', which this optimiser does not hold"
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
