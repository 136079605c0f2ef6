import GANTensor

/// One `Conv2dLayer` of the FID Inception network — convolution without bias, batch
/// normalisation in inference mode with no scale (γ = 1), ReLU — with the normalisation folded
/// into the convolution:
///   BN(conv(x, w)) = (conv(x, w) − μ)/√(σ² + ε) + β = conv(x, w′) + b′,
///   w′ = w/√(σ² + ε) per output channel,  b′ = β − μ/√(σ² + ε),
/// with ε = 1e-3, TensorFlow's batch-norm epsilon that NVIDIA's TorchScript conversion of the
/// inception-2015-12-05 graph passes to `batch_norm`. The fold is computed in Double.
struct InceptionConvolution {
    /// The batch-norm epsilon of the converted network (its `batch_norm(..., 0.001)` call).
    static let epsilon = 1e-3

    let weight: Tensor
    /// b′ as [1, O, 1, 1], broadcast over the batch and the plane.
    let bias: Tensor
    let stride: Int
    let padding: (Int, Int)

    /// Reads `net.layers.<name>.{weight, beta, mean, var}` for a layer of `outChannels` ×
    /// `inChannels` × `kernel` and folds them.
    init(_ name: String, _ weights: [String: Tensor], outChannels: Int, inChannels: Int, kernel: (Int, Int),
         stride: Int = 1, padding: (Int, Int) = (0, 0)) throws {
        func tensor(_ field: String, _ shape: [Int]) throws -> Tensor {
            let key = "net.layers.\(name).\(field)"
            guard let t = weights[key] else { throw InceptionV3Error.missingTensor(name: key) }
            guard t.shape == shape else { throw InceptionV3Error.wrongShape(name: key, expected: shape, found: t.shape) }
            return t
        }
        let w = try tensor("weight", [outChannels, inChannels, kernel.0, kernel.1])
        let beta = try tensor("beta", [outChannels]).scalars, mean = try tensor("mean", [outChannels]).scalars
        let variance = try tensor("var", [outChannels]).scalars
        let scale = variance.map { 1 / (Double($0) + Self.epsilon).squareRoot() }
        let perChannel = w.count / outChannels
        let folded = w.scalars.enumerated().map { Float(Double($1) * scale[$0 / perChannel]) }
        weight = Tensor(shape: w.shape, values: folded)
        bias = Tensor(shape: [1, outChannels, 1, 1],
                      values: (0..<outChannels).map { Float(Double(beta[$0]) - Double(mean[$0]) * scale[$0]) })
        self.stride = stride
        self.padding = padding
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        (Tensor.conv2d(x, weight, stride: stride, padding: padding) + bias).relu()
    }
}
