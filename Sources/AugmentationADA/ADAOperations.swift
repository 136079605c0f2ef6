extension ADA {
    /// One operation of the authors' pipeline (StyleGAN2-ADA's `training/augment.py`
    /// `AugmentPipe`), named as its probability multiplier is there. An operation with
    /// multiplier m fires per sample with probability m·p (the two free rotations each with
    /// 1 − √(1 − m·p)); at multiplier 0 it draws nothing, as the authors' code skips it.
    public enum Operation: String, CaseIterable, Codable, Sendable {
        /// Mirror left–right: i = ⌊2u⌋, G_inv ← G_inv · scale(1 − 2i, 1).
        case xflip
        /// Rotate by a multiple of 90°: i = ⌊4u⌋, G_inv ← G_inv · rotate(π/2 · i).
        case rotate90
        /// Integer translation: t = (2u − 1)·0.125 per axis, G_inv ← G_inv · translate(−round(t·size)).
        case xint
        /// Isotropic scaling: s = 2^(0.2·n), G_inv ← G_inv · scale(1/s, 1/s).
        case scale
        /// Rotation before and after the anisotropic scaling: θ = (2u − 1)·π each, G_inv ← G_inv · rotate(θ).
        case rotate
        /// Anisotropic scaling: s = 2^(0.2·n), G_inv ← G_inv · scale(1/s, s).
        case aniso
        /// Fractional translation: t = 0.125·n per axis, G_inv ← G_inv · translate(−t·size).
        case xfrac
        /// Brightness: b = 0.2·n, C ← translate(b, b, b) · C.
        case brightness
        /// Contrast: c = 2^(0.5·n), C ← scale(c, c, c) · C.
        case contrast
        /// Luma flip: i = ⌊2u⌋, C ← (I − 2·v·vᵀ·i) · C with v the luma axis (1, 1, 1)/√3.
        case lumaflip
        /// Hue rotation about v (RGB only): θ = (2u − 1)·π, C ← rotate(v, θ) · C.
        case hue
        /// Saturation (RGB only): s = 2^n, C ← (v·vᵀ + (I − v·vᵀ)·s) · C.
        case saturation

        /// Whether the operation moves pixels (it is then part of the geometric matrix).
        public var isGeometric: Bool {
            switch self {
            case .xflip, .rotate90, .xint, .scale, .rotate, .aniso, .xfrac: true
            case .brightness, .contrast, .lumaflip, .hue, .saturation: false
            }
        }
    }

    /// The authors' pipelines (`augpipe_specs` of StyleGAN2-ADA's `train.py`): each sets the
    /// multipliers of its operations to 1 and of the others to 0. `bgc` is the one the paper
    /// recommends and GANKit's default. The image-space filter, noise and cutout of `bgcf`,
    /// `bgcfn` and `bgcfnc` are not implemented.
    public enum Preset: String, CaseIterable, Codable, Sendable {
        /// Pixel blitting: x-flip, 90° rotations, integer translation.
        case blit
        /// General geometry: isotropic scaling, rotation, anisotropic scaling, fractional translation.
        case geom
        /// Colour: brightness, contrast, luma flip, hue, saturation.
        case color
        /// Blitting and geometry.
        case bg
        /// Blitting, geometry and colour.
        case bgc

        /// The operations the preset turns on (multiplier 1).
        public var operations: Set<Operation> {
            let blit: Set<Operation> = [.xflip, .rotate90, .xint], geom: Set<Operation> = [.scale, .rotate, .aniso, .xfrac]
            let color: Set<Operation> = [.brightness, .contrast, .lumaflip, .hue, .saturation]
            switch self {
            case .blit: return blit
            case .geom: return geom
            case .color: return color
            case .bg: return blit.union(geom)
            case .bgc: return blit.union(geom).union(color)
            }
        }
    }

    /// How the geometric matrix is applied.
    public enum Filter: String, CaseIterable, Codable, Sendable {
        /// The authors' way: reflect-pad about the border pixels' centres, upsample 2× with the
        /// sym6 wavelet low-pass filter, sample bilinearly, filter with sym6 and downsample 2×.
        case sym6
        /// Bilinear sampling at the image's own size, the source point mirrored about the
        /// border pixels' centres: GANKit's default, far cheaper, and it aliases under rotation
        /// and scaling.
        case bilinear
    }
}
