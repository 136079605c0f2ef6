/// Why `InceptionV3(weights:)` rejected a set of weights. Each case names the tensor, so a
/// truncated or wrongly converted file is diagnosed without reading the network's code.
public enum InceptionV3Error: Error, Equatable, CustomStringConvertible {
    /// A tensor the network needs is not among the weights.
    case missingTensor(name: String)
    /// A tensor has another shape than the network's layer needs.
    case wrongShape(name: String, expected: [Int], found: [Int])

    public var description: String {
        switch self {
        case .missingTensor(let name):
            "Inception-v3 weights lack the tensor \(name)"
        case .wrongShape(let name, let expected, let found):
            "Inception-v3 weight \(name) has shape \(found), expected \(expected)"
        }
    }
}
