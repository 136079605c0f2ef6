extension RandomSource {
    /// `count` distinct indices of 0..<n in the order drawn: the first `count` positions of a
    /// partial Fisher–Yates shuffle of 0..<n, one `integer(in: i..<n)` draw per position. KID's
    /// subsets and `data.subset: "random"` both draw this way.
    public mutating func sampleWithoutReplacement(_ count: Int, from n: Int) -> [Int] {
        precondition(count >= 0 && count <= n, "RandomSource.sampleWithoutReplacement: \(count) of \(n)")
        var pool = Array(0..<n)
        for i in 0..<count { pool.swapAt(i, integer(in: i..<n)) }
        return Array(pool.prefix(count))
    }
}
