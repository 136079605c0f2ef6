import GANNN
import GANTensor

/// The first block of the SNGAN ResNet discriminator, "optimized" to act on the image itself
/// (Miyato et al., ICLR 2018, the CIFAR-10 ResNet of the appendix; the authors' Chainer code,
/// `OptimizedBlock`):
///
///     residual: SN-Conv3×3 → ReLU → SN-Conv3×3 → AvgPool 2×2
///     shortcut: AvgPool 2×2 → SN-Conv1×1
///     output:   residual + shortcut
///
/// No ReLU before the first convolution, so the image's sign is not lost. Every convolution
/// is spectrally normalised; Xavier-uniform weights with gain √2 (3×3) and 1 (shortcut) and
/// PyTorch biases, as Mimicry's port (kwotsin/mimicry, `DBlockOptimized`), whose parameter
/// names it uses ("c1", "c2", "c_sc").
public final class SNGANOptimizedDiscriminatorBlock: Layer {
    /// First 3×3 convolution, input → output channels.
    public let c1: SpectralNorm<Conv2d>
    /// Second 3×3 convolution, output → output channels.
    public let c2: SpectralNorm<Conv2d>
    /// 1×1 convolution of the pooled input.
    public let shortcut: SpectralNorm<Conv2d>

    /// A block from `inputChannels` to `outputChannels` that halves H and W.
    public init(_ inputChannels: Int, _ outputChannels: Int, using rng: inout RandomSource) {
        let gain = Float(2).squareRoot()
        c1 = SpectralNorm(Conv2d(inputChannels, outputChannels, kernelSize: 3, padding: 1,
                                 weightInitializer: .xavierUniform(gain: gain), using: &rng), using: &rng)
        c2 = SpectralNorm(Conv2d(outputChannels, outputChannels, kernelSize: 3, padding: 1,
                                 weightInitializer: .xavierUniform(gain: gain), using: &rng), using: &rng)
        shortcut = SpectralNorm(Conv2d(inputChannels, outputChannels, kernelSize: 1, weightInitializer: .xavierUniform(), using: &rng),
                                using: &rng)
    }

    public var children: [(name: String, module: any Module)] { [("c1", c1), ("c2", c2), ("c_sc", shortcut)] }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        c2(c1(x).relu()).avgPool2d(kernel: 2) + shortcut(x.avgPool2d(kernel: 2))
    }
}
