import GANNN
import GANTensor

/// The residual block of the SNGAN ResNet discriminator (Miyato et al., ICLR 2018, the
/// CIFAR-10 ResNet of the appendix; the authors' Chainer code, pfnet-research/sngan_projection):
///
///     residual: ReLU → SN-Conv3×3 → ReLU → SN-Conv3×3 [→ AvgPool 2×2 when downsampling]
///     shortcut: SN-Conv1×1 [→ AvgPool 2×2] when the channels change or it downsamples,
///               else the identity
///     output:   residual + shortcut
///
/// Every convolution is spectrally normalised. Weights are Xavier-uniform with gain √2 for the
/// 3×3 convolutions and 1 for the shortcut, biases PyTorch's U(±1/√fan_in), as Mimicry's port
/// (kwotsin/mimicry, `DBlock`), whose parameter names it uses ("c1", "c2", "c_sc").
public final class SNGANDiscriminatorBlock: Layer {
    /// First 3×3 convolution, input → input channels.
    public let c1: SpectralNorm<Conv2d>
    /// Second 3×3 convolution, input → output channels.
    public let c2: SpectralNorm<Conv2d>
    /// The learnable 1×1 shortcut, nil for the identity.
    public let shortcut: SpectralNorm<Conv2d>?
    /// Whether the block halves H and W.
    public let downsample: Bool

    /// A block from `inputChannels` to `outputChannels`, halving H and W when `downsample`.
    public init(_ inputChannels: Int, _ outputChannels: Int, downsample: Bool, using rng: inout RandomSource) {
        let gain = Float(2).squareRoot()
        c1 = SpectralNorm(Conv2d(inputChannels, inputChannels, kernelSize: 3, padding: 1,
                                 weightInitializer: .xavierUniform(gain: gain), using: &rng), using: &rng)
        c2 = SpectralNorm(Conv2d(inputChannels, outputChannels, kernelSize: 3, padding: 1,
                                 weightInitializer: .xavierUniform(gain: gain), using: &rng), using: &rng)
        shortcut = inputChannels != outputChannels || downsample
            ? SpectralNorm(Conv2d(inputChannels, outputChannels, kernelSize: 1, weightInitializer: .xavierUniform(), using: &rng),
                           using: &rng)
            : nil
        self.downsample = downsample
    }

    public var children: [(name: String, module: any Module)] {
        [("c1", c1), ("c2", c2)] + (shortcut.map { [("c_sc", $0 as any Module)] } ?? [])
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        var residual = c2(c1(x.relu()).relu())
        var skip = shortcut.map { $0(x) } ?? x
        if downsample {
            residual = residual.avgPool2d(kernel: 2)
            skip = skip.avgPool2d(kernel: 2)
        }
        return residual + skip
    }
}
