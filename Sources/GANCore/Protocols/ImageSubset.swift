import GANTensor

/// Some images of a data set, by index: a training split or a held-out split of one data set.
public struct ImageSubset: ImageDataset {
    /// The data set the images come from.
    public let base: any ImageDataset
    /// The indices into `base`, in the order this subset presents them.
    public let indices: [Int]

    public init(_ base: any ImageDataset, indices: [Int]) {
        precondition(indices.allSatisfy { $0 >= 0 && $0 < base.count },
                     "ImageSubset: indices must lie in 0..<\(base.count)")
        self.base = base
        self.indices = indices
    }

    /// The data set split into `heldOut` images and the rest, for measuring how D treats reals
    /// it never trained on. The held-out images are spread evenly over the index range (every
    /// (count/heldOut)-th image, starting from the last), so they do not depend on any random
    /// draw and a resumed run or `gankit diagnose` finds the same split.
    public static func split(_ base: any ImageDataset, heldOut: Int) -> (training: ImageSubset, heldOut: ImageSubset) {
        precondition(heldOut >= 0 && heldOut < base.count,
                     "ImageSubset: the held-out count must lie in 0..<\(base.count), got \(heldOut)")
        let held = (0..<heldOut).map { base.count - 1 - $0 * base.count / heldOut }
        let heldSet = Set(held)
        return (ImageSubset(base, indices: (0..<base.count).filter { !heldSet.contains($0) }),
                ImageSubset(base, indices: held.reversed()))
    }

    public var count: Int { indices.count }
    public var imageSize: ImageSize { base.imageSize }

    public func images(at indices: [Int]) -> Tensor {
        base.images(at: indices.map { self.indices[$0] })
    }
}
