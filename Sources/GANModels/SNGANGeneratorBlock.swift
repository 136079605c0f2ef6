import GANNN
import GANTensor

/// The upsampling residual block of the SNGAN ResNet generator (Miyato et al., "Spectral
/// Normalization for Generative Adversarial Networks", ICLR 2018, the CIFAR-10 ResNet of the
/// appendix; the authors' Chainer code, pfnet-research/sngan_projection):
///
///     residual: BatchNorm → ReLU → nearest ×2 → Conv3×3 → BatchNorm → ReLU → Conv3×3
///     shortcut: nearest ×2 → Conv1×1
///     output:   residual + shortcut
///
/// Weights are Xavier-uniform with gain √2 for the 3×3 convolutions and 1 for the shortcut,
/// biases PyTorch's U(±1/√fan_in), as Mimicry's port (kwotsin/mimicry, `GBlock`); the
/// parameter names follow that port ("b1", "c1", "b2", "c2", "c_sc").
public final class SNGANGeneratorBlock: Layer {
    /// BatchNorm of the input.
    public let b1: BatchNorm2d
    /// 3×3 convolution after the upsampling, input → output channels.
    public let c1: Conv2d
    /// BatchNorm between the convolutions.
    public let b2: BatchNorm2d
    /// 3×3 convolution, output → output channels.
    public let c2: Conv2d
    /// 1×1 convolution of the upsampled input.
    public let shortcut: Conv2d

    /// A block from `inputChannels` to `outputChannels` that doubles H and W.
    public init(_ inputChannels: Int, _ outputChannels: Int, using rng: inout RandomSource) {
        b1 = BatchNorm2d(inputChannels)
        c1 = Conv2d(inputChannels, outputChannels, kernelSize: 3, padding: 1,
                    weightInitializer: .xavierUniform(gain: Float(2).squareRoot()), using: &rng)
        b2 = BatchNorm2d(outputChannels)
        c2 = Conv2d(outputChannels, outputChannels, kernelSize: 3, padding: 1,
                    weightInitializer: .xavierUniform(gain: Float(2).squareRoot()), using: &rng)
        shortcut = Conv2d(inputChannels, outputChannels, kernelSize: 1, weightInitializer: .xavierUniform(), using: &rng)
    }

    public var children: [(name: String, module: any Module)] {
        [("b1", b1), ("c1", c1), ("b2", b2), ("c2", c2), ("c_sc", shortcut)]
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        let residual = c2(b2(c1(b1(x).relu().upsampleNearest(factor: 2))).relu())
        return residual + shortcut(x.upsampleNearest(factor: 2))
    }
}
