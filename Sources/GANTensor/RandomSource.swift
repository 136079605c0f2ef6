#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A seeded pseudo-random source: xoshiro256** (Blackman & Vigna 2018) seeded through
/// SplitMix64.
///
/// The same seed gives the same sequence on every run and machine: the generator is pure
/// integer arithmetic, floats are made from the top bits, and normals use the Box–Muller
/// transform in Double, whose `log`, `sin` and `cos` are correctly rounded in practice on
/// glibc's x86-64 implementation. It adopts `RandomDrawing`, so sampling code generic over that
/// protocol can also be fed scripted draws in tests.
public struct RandomSource: RandomNumberGenerator, RandomDrawing, Codable, Equatable, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    /// A second normal from the last Box–Muller pair, returned by the next `normal()`.
    private var spareNormal: Double?

    /// A source whose whole sequence is determined by `seed`.
    public init(seed: UInt64) {
        var sm = seed
        func splitMix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
        spareNormal = nil
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1), with 24 random bits.
    public mutating func uniform() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// Uniform in [0, 1), with 53 random bits.
    public mutating func uniformDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A standard normal draw.
    public mutating func normal() -> Float {
        if let spare = spareNormal {
            spareNormal = nil
            return Float(spare)
        }
        // u1 in (0, 1] so the log is finite.
        let u1 = 1 - uniformDouble(), u2 = uniformDouble()
        let r = (-2 * Glibc.log(u1)).squareRoot()
        let theta = 2 * Double.pi * u2
        spareNormal = r * Glibc.sin(theta)
        return Float(r * Glibc.cos(theta))
    }

    /// A uniform integer in `range`, without modulo bias.
    public mutating func integer(in range: Range<Int>) -> Int {
        precondition(!range.isEmpty, "RandomSource.integer(in:): empty range \(range)")
        return range.lowerBound + Int(next(upperBound: UInt64(range.count)))
    }

    // Codable/Equatable: the state as four words plus the pending normal.
    private enum CodingKeys: String, CodingKey { case state, spareNormal }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let words = try c.decode([UInt64].self, forKey: .state)
        guard words.count == 4 else {
            throw DecodingError.dataCorruptedError(forKey: .state, in: c, debugDescription: "RandomSource state needs 4 words, got \(words.count)")
        }
        state = (words[0], words[1], words[2], words[3])
        spareNormal = try c.decodeIfPresent(Double.self, forKey: .spareNormal)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode([state.0, state.1, state.2, state.3], forKey: .state)
        try c.encodeIfPresent(spareNormal, forKey: .spareNormal)
    }
    public static func == (a: RandomSource, b: RandomSource) -> Bool {
        a.state == b.state && a.spareNormal == b.spareNormal
    }
}

extension Tensor {
    /// Elements drawn uniformly from [low, high).
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1, using rng: inout RandomSource) -> Tensor {
        Tensor.make(shape) { out in
            for i in out.indices { out[i] = low + (high - low) * rng.uniform() }
        }
    }

    /// Elements drawn from N(mean, std²).
    public static func normal(_ shape: [Int], mean: Float = 0, std: Float = 1, using rng: inout RandomSource) -> Tensor {
        Tensor.make(shape) { out in
            for i in out.indices { out[i] = mean + std * rng.normal() }
        }
    }
}
