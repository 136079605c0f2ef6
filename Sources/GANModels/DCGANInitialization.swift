import GANNN
import GANTensor

/// How the DCGAN models draw their initial weights.
public enum DCGANInitialization: String, Codable, Sendable, CaseIterable {
    /// PyTorch's defaults for `nn.Linear`, `nn.Conv2d`, `nn.ConvTranspose2d` (weights and biases
    /// U(±1/√fan_in)) and `nn.BatchNorm2d` (γ = 1, β = 0): what an unmodified PyTorch model
    /// starts from, as in `scripts/torch_dcgan_bench.py`.
    case pytorchDefault
    /// Radford et al. 2016, section 4: "all weights were initialized from a zero-centered Normal
    /// distribution with standard deviation 0.02". Biases start at zero and BatchNorm's γ from
    /// N(1, 0.02²) with β = 0, as the `weights_init` of PyTorch's DCGAN example
    /// (pytorch/examples, dcgan/main.py).
    case dcgan

    /// The rule for Linear and convolution weights.
    var weights: Initializer { self == .dcgan ? .dcgan : .pytorchDefault }

    /// The rule for Linear and convolution biases; nil keeps the layer's PyTorch default.
    var biases: Initializer? { self == .dcgan ? .zeros : nil }

    /// A BatchNorm2d over `channels`, with γ drawn from N(1, 0.02²) under `.dcgan`.
    func batchNorm(_ channels: Int, using rng: inout RandomSource) -> BatchNorm2d {
        let layer = BatchNorm2d(channels)
        if self == .dcgan { layer.weight.assign(Tensor.normal([channels], mean: 1, std: 0.02, using: &rng)) }
        return layer
    }
}
