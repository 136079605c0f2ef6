/// Something that hands out the random draws a component's sampling code asks for: uniform
/// floats, standard normals and integers in a range.
///
/// `RandomSource`, the seeded generator every pipeline uses, adopts it, and so do the test
/// sources of `GANTestSupport` (`ScriptedRandomSource` replays given draws,
/// `RecordingRandomSource` notes the draws another source makes). Sampling code written against
/// this protocol — `Augmentation.sampleParameters` is — can thus be fed exact draws in a test.
///
/// Write such code generic over the protocol (`<R: RandomDrawing>(using rng: inout R)`), not
/// over `any RandomDrawing`: with `RandomSource` it then runs the same calls in the same order,
/// so seeded results stay bit-identical, and the compiler can specialise it.
public protocol RandomDrawing {
    /// Uniform in [0, 1), with 24 random bits.
    mutating func uniform() -> Float
    /// Uniform in [0, 1), with 53 random bits.
    mutating func uniformDouble() -> Double
    /// A standard normal draw.
    mutating func normal() -> Float
    /// A uniform integer in `range`, which must not be empty.
    mutating func integer(in range: Range<Int>) -> Int
}

extension RandomDrawing {
    /// A uniform integer in `range`: the half-open draw over `lowerBound..<upperBound + 1`.
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        integer(in: range.lowerBound..<(range.upperBound + 1))
    }
}
