/// Elementwise comparison for the tests: |a − b| ≤ absolute + relative·|b| everywhere.
func isClose(_ a: [Float], _ b: [Float], relative: Float = 1e-5, absolute: Float = 1e-6) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { Swift.abs($0 - $1) <= absolute + relative * Swift.abs($1) }
}
