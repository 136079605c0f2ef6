import GANCore

/// A random source that passes every call on to `base` and notes each value it hands out, so
/// a test can see which draws a component made — and replay or edit them with
/// `ScriptedRandomSource`.
///
/// ```swift
/// var recording = RecordingRandomSource(RandomSource(seed: 1))
/// let parameters = augmentation.sampleParameters(batch: 4, size: size, using: &recording)
/// var replay = ScriptedRandomSource(recording.draws)   // the same parameters again
/// ```
public struct RecordingRandomSource<Base: RandomDrawing>: RandomDrawing {
    /// The source the draws come from.
    public private(set) var base: Base
    /// Every draw so far, in order.
    public private(set) var draws: [RandomDraw] = []

    /// Records the draws taken from `base`.
    public init(_ base: Base) { self.base = base }

    /// `base.uniform()`, noted.
    public mutating func uniform() -> Float {
        let v = base.uniform()
        draws.append(.uniform(v))
        return v
    }

    /// `base.uniformDouble()`, noted.
    public mutating func uniformDouble() -> Double {
        let v = base.uniformDouble()
        draws.append(.uniformDouble(v))
        return v
    }

    /// `base.normal()`, noted.
    public mutating func normal() -> Float {
        let v = base.normal()
        draws.append(.normal(v))
        return v
    }

    /// `base.integer(in:)`, noted.
    public mutating func integer(in range: Range<Int>) -> Int {
        let v = base.integer(in: range)
        draws.append(.integer(v))
        return v
    }
}
