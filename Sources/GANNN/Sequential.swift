import GANTensor

/// Layers applied one after another; child i is named "i", as in PyTorch's `nn.Sequential`.
public final class Sequential: Layer {
    /// The layers, input side first.
    public let layers: [any Layer]

    /// A chain of `layers`, applied in order.
    public init(_ layers: [any Layer]) { self.layers = layers }

    public var children: [(name: String, module: any Module)] {
        layers.enumerated().map { (String($0.offset), $0.element as any Module) }
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        layers.reduce(x) { $1($0) }
    }
}
