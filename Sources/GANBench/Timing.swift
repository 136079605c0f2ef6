/// Robust summaries of repeated timings.
enum Timing {
    /// The median of `seconds` (medians resist the noise of a shared machine better than means).
    static func median(_ seconds: [Double]) -> Double {
        let sorted = seconds.sorted()
        precondition(!sorted.isEmpty, "Timing.median: no samples")
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2]
            : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
