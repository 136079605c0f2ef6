/// Where StyleGAN2's per-pixel noise comes from, the official `noise_mode`
/// (stylegan2-ada-pytorch's `SynthesisLayer`).
public enum StyleGAN2NoiseMode: String, Sendable, CaseIterable {
    /// Fresh N(0, 1) noise per sample and pixel (`'random'`, used while training).
    case random
    /// Each layer's fixed noise image `noise_const`, the same for every sample (`'const'`,
    /// the official sample grids').
    case constant
    /// No noise (`'none'`).
    case none
}
