import Foundation

/// Axis ranges and tick labels at "nice" round values (1, 2 or 5 × 10ᵏ apart), by Heckbert's
/// loose labelling ("Nice numbers for graph labels", Graphics Gems, 1990).
struct ChartTicks: Equatable {
    /// The axis range, extended outwards to whole ticks.
    var lower: Double
    var upper: Double
    /// Distance between ticks.
    var step: Double
    /// The tick values from `lower` to `upper`.
    var values: [Double]

    /// About `target` ticks covering [low, high] (finite, low ≤ high). An empty range is widened
    /// around its value; `integral` keeps the step at 1 or more (for iteration counts).
    init(low: Double, high: Double, target: Int = 5, integral: Bool = false) {
        precondition(low.isFinite && high.isFinite && low <= high, "ChartTicks: invalid range \(low)...\(high)")
        var (lo, hi) = (low, high)
        if lo == hi {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            (lo, hi) = (lo - pad, hi + pad)
        }
        let range = Self.nice(hi - lo, round: false)
        var step = Self.nice(range / Double(max(target - 1, 1)), round: true)
        if integral { step = max(step, 1) }
        let first = (lo / step).rounded(.down) * step, last = (hi / step).rounded(.up) * step
        let n = Int(((last - first) / step).rounded())
        values = (0...n).map { i in
            let v = first + Double(i) * step
            return abs(v) < step * 1e-9 ? 0 : v
        }
        (lower, upper, self.step) = (first, last, step)
    }

    /// The nice number near `x` > 0: rounded to the closest, or the smallest not below it.
    private static func nice(_ x: Double, round: Bool) -> Double {
        let exponent = (log10(x)).rounded(.down)
        let power = pow(10, exponent)
        let f = x / power
        let m: Double
        if round { m = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10 } else { m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10 }
        return m * power
    }

    /// The label of tick `value`: as many decimals as the step needs, or scientific notation
    /// for very large or very small values.
    func label(_ value: Double) -> String {
        let magnitude = max(abs(lower), abs(upper))
        if magnitude >= 1e6 || step < 1e-4 { return value == 0 ? "0" : String(format: "%.2g", value) }
        let decimals = max(0, Int(-(log10(step)).rounded(.down)))
        return String(format: "%.\(decimals)f", value)
    }
}
