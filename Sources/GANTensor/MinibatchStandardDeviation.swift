/// The minibatch standard-deviation feature of Karras et al., "Progressive Growing of GANs"
/// (ICLR 2018, §3), in the form of stylegan2-ada-pytorch's `MinibatchStdLayer`
/// (`training/networks.py`):
///
/// the batch N is split into N/G groups of G samples (sample i in group i mod N/G) and the C
/// channels into F groups of C/F; for each group the standard deviation over its G samples,
/// √(Var + 1e-8) with the biased variance, is averaged over the channels of the channel group
/// and over pixels, giving F numbers per sample group that are appended to every sample of the
/// group as F constant channels: [N, C, H, W] → [N, C + F, H, W]. G = min(groupSize, N) and must
/// divide N. The defaults (G = 4, F = 1) are the official discriminator epilogue's
/// `mbstd_group_size=4`, `mbstd_num_channels=1`. Made of recorded ops: any order.
extension Tensor {
    /// x with its minibatch standard-deviation channels appended.
    public func minibatchStandardDeviation(groupSize: Int = 4, channels: Int = 1) -> Tensor {
        precondition(rank == 4, "minibatchStandardDeviation: expected [N, C, H, W], got \(shape)")
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        let g = Swift.min(groupSize, n)
        precondition(g >= 1 && n % g == 0, "minibatchStandardDeviation: group size \(g) must divide the batch \(n)")
        precondition(channels >= 1 && c % channels == 0,
                     "minibatchStandardDeviation: \(channels) feature channels must divide the \(c) channels")
        let groups = n / g
        var y = reshaped([g, groups, channels, c / channels, h, w])
        y = y - y.mean(axes: [0], keepDims: true)
        y = (y * y).mean(axes: [0])                         // [groups, F, c, H, W]
        y = (y + 1e-8).sqrt().mean(axes: [2, 3, 4])         // [groups, F]
        y = y.reshaped([1, groups, channels, 1, 1]).expand(to: [g, groups, channels, h, w]).reshaped([n, channels, h, w])
        return Tensor.concat([self, y], axis: 1)
    }
}
