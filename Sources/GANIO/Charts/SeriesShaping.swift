/// Preparing long series for a chart: smoothing, and thinning to a drawable number of points.
enum SeriesShaping {
    /// The trailing moving average over the last `window` points, counting only finite values;
    /// NaN where the window holds none. `window` 1 returns the values unchanged.
    static func movingAverage(_ values: [Double], window: Int) -> [Double] {
        precondition(window >= 1, "movingAverage: window must be ≥ 1, got \(window)")
        guard window > 1 else { return values }
        var out = [Double](), sum = 0.0, finite = 0
        out.reserveCapacity(values.count)
        for (i, v) in values.enumerated() {
            if v.isFinite { sum += v; finite += 1 }
            if i >= window, values[i - window].isFinite { sum -= values[i - window]; finite -= 1 }
            out.append(finite > 0 ? sum / Double(finite) : .nan)
        }
        return out
    }

    /// At most about `maximum` points that keep the series' shape: consecutive points are
    /// grouped into `maximum / 2` buckets and each bucket keeps its lowest and highest point (in
    /// their order), so spikes survive. A bucket holding a non-plottable point keeps a break.
    static func thinned(_ points: [(x: Double, y: Double)], maximum: Int = 2_000) -> [(x: Double, y: Double)] {
        guard points.count > maximum, maximum >= 4 else { return points }
        let buckets = maximum / 2
        let size = (points.count + buckets - 1) / buckets
        var out: [(x: Double, y: Double)] = []
        var start = 0
        while start < points.count {
            let bucket = points[start..<min(start + size, points.count)]
            let good = bucket.indices.filter { ChartPanel.plottable(points[$0].x, points[$0].y) }
            if let lo = good.min(by: { points[$0].y < points[$1].y }), let hi = good.max(by: { points[$0].y < points[$1].y }) {
                for i in Set([lo, hi]).sorted() { out.append(points[i]) }
            }
            if good.count < bucket.count { out.append((x: .nan, y: .nan)) }
            start += size
        }
        return out
    }
}
