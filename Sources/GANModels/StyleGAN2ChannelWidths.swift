/// The channel widths of StyleGAN2's blocks: the official formula
///
///     channels(res) = min(channel_base / res, channel_max)
///
/// of stylegan2-ada-pytorch's `SynthesisNetwork` and `Discriminator` (`training/networks.py`),
/// which both networks share. The official configurations use channel_base = 32768 (16384 for
/// `paper256`) and channel_max = 512; `StyleGAN2Family` scales them down for a CPU (its doc
/// comment gives its numbers and why).
public struct StyleGAN2ChannelWidths: Sendable, Equatable {
    /// channel_base, the overall multiplier.
    public var base: Int
    /// channel_max, the cap on any layer's channels.
    public var maximum: Int

    /// Widths with the given channel_base and channel_max, both positive.
    public init(base: Int, maximum: Int) {
        precondition(base > 0 && maximum > 0, "StyleGAN2ChannelWidths: base \(base) and maximum \(maximum) must be positive")
        self.base = base
        self.maximum = maximum
    }

    /// min(base / resolution, maximum), at least 1.
    public func channels(at resolution: Int) -> Int {
        Swift.max(1, Swift.min(base / resolution, maximum))
    }
}
