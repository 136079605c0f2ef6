import GANCore
import Testing

/// A random source that hands out given values in order, so a test decides exactly what a
/// component's sampling code draws: `ScriptedRandomSource([.uniform(0.9), .integer(-2)])`.
///
/// It fails loudly rather than make a value up: a call that finds the script used up, a call of
/// another kind than the next scripted draw (`normal()` where the script says `.uniform`), a
/// uniform value outside [0, 1) or an integer outside the asked range each records a
/// swift-testing issue at the line that made the source, naming the draw, and the call then
/// returns the smallest value it allows (0, or the range's lower bound). `remaining` tells a
/// test whether the code drew everything scripted.
public struct ScriptedRandomSource: RandomDrawing {
    /// The script.
    public let draws: [RandomDraw]
    /// How many draws have been handed out (or asked for past the end).
    public private(set) var position = 0
    /// Where each problem is reported.
    private let report: @Sendable (String) -> Void

    /// A source that replays `draws`; problems are recorded as issues at `sourceLocation`.
    public init(_ draws: [RandomDraw], sourceLocation: SourceLocation = #_sourceLocation) {
        self.init(draws) { message in _ = Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation) }
    }

    /// A source that replays `draws` and passes each problem to `report` (the conformance
    /// checks collect them as violations).
    init(_ draws: [RandomDraw], report: @escaping @Sendable (String) -> Void) {
        self.draws = draws
        self.report = report
    }

    /// Scripted draws not yet handed out.
    public var remaining: Int { max(0, draws.count - position) }

    /// The next scripted `.uniform`.
    public mutating func uniform() -> Float {
        guard case .uniform(let v)? = next("uniform()") else { return 0 }
        return checkedUnit(v, "uniform()")
    }

    /// The next scripted `.uniformDouble`.
    public mutating func uniformDouble() -> Double {
        guard case .uniformDouble(let v)? = next("uniformDouble()") else { return 0 }
        return checkedUnit(v, "uniformDouble()")
    }

    /// The next scripted `.normal`.
    public mutating func normal() -> Float {
        guard case .normal(let v)? = next("normal()") else { return 0 }
        return v
    }

    /// The next scripted `.integer`, which must lie in `range`.
    public mutating func integer(in range: Range<Int>) -> Int {
        guard case .integer(let v)? = next("integer(in: \(range))") else { return range.lowerBound }
        guard range.contains(v) else {
            report("ScriptedRandomSource: draw \(position) asked for integer(in: \(range)); the scripted \(v) lies outside it")
            return range.lowerBound
        }
        return v
    }

    /// The next draw if it answers `call`; reports and returns nil otherwise.
    private mutating func next(_ call: String) -> RandomDraw? {
        defer { position += 1 }
        guard position < draws.count else {
            report("ScriptedRandomSource ran out: draw \(position + 1) asked for \(call) after all \(draws.count) scripted draws were used")
            return nil
        }
        let draw = draws[position]
        let matches: Bool
        switch draw {
        case .uniform: matches = call == "uniform()"
        case .uniformDouble: matches = call == "uniformDouble()"
        case .normal: matches = call == "normal()"
        case .integer: matches = call.hasPrefix("integer")
        }
        guard matches else {
            report("ScriptedRandomSource: draw \(position + 1) asked for \(call) but the script holds \(draw)")
            return nil
        }
        return draw
    }

    private func checkedUnit<F: BinaryFloatingPoint>(_ v: F, _ call: String) -> F {
        guard v >= 0 && v < 1 else {
            report("ScriptedRandomSource: draw \(position) of \(call) is scripted as \(v), outside [0, 1)")
            return 0
        }
        return v
    }
}
