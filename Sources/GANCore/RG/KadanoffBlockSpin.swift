import GANTensor

/// Kadanoff's block-spin transformation (Kadanoff 1966; MS3D paper, section 3.3 and eq. 8): every
/// 2×2 block of the field is replaced by its mean. MS3D's default RG transform.
public struct KadanoffBlockSpin: RGTransform {
    public init() {}
    public var name: String { "kadanoff" }
    public func coarseGrain(_ field: Tensor) -> Tensor {
        checkField(field)
        return field.avgPool2d(kernel: 2, stride: 2)
    }
}
