/// Connected-component labelling of a binary mask with 8-connectivity (pixels touching at an
/// edge or a corner belong to one region), the analysis of the MS3D paper's perceptual-narrowing
/// metric (Wang et al., ICML 2024, section 3.2, Fig. 3 right). Breadth-first flood fill.
public struct ConnectedRegions: Equatable {
    public let width: Int
    public let height: Int
    /// Row-major, one per pixel: 0 for background, 1…`count` for the regions, numbered in the
    /// order of their first pixel in row-major order (as `scipy.ndimage.label` numbers them).
    public let labels: [Int]
    /// The number of regions.
    public let count: Int

    /// The regions of `mask` (row-major, `height` rows of `width` pixels; true is foreground).
    public init(mask: [Bool], width: Int, height: Int) {
        precondition(width >= 1 && height >= 1 && mask.count == width * height,
                     "ConnectedRegions: the mask must hold \(width)×\(height) values, got \(mask.count)")
        var labels = Array(repeating: 0, count: mask.count)
        var count = 0
        var queue: [Int] = []
        for start in mask.indices where mask[start] && labels[start] == 0 {
            count += 1
            labels[start] = count
            queue.removeAll(keepingCapacity: true)
            queue.append(start)
            var head = 0
            while head < queue.count {
                let p = queue[head]
                head += 1
                let (y, x) = (p / width, p % width)
                for ny in max(0, y - 1)...min(height - 1, y + 1) {
                    for nx in max(0, x - 1)...min(width - 1, x + 1) {
                        let q = ny * width + nx
                        if mask[q] && labels[q] == 0 {
                            labels[q] = count
                            queue.append(q)
                        }
                    }
                }
            }
        }
        self.width = width
        self.height = height
        self.labels = labels
        self.count = count
    }
}
