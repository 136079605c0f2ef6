import Foundation
import GANTensor
import Testing

/// The seeded generator: reproducible, and pinned to an independent transcription of
/// SplitMix64 + xoshiro256** (Fixtures/random_source.py) so any change to the sequence fails.
@Suite struct RandomSourceTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let seed: String, next: [String], uniform: [Float], uniformDouble: [Double], normal: [Float]
            let integerBelow10: [Int], integerBelow3000000000: [Int]
        }
        let cases: [Case]
    }

    static func fixture() throws -> Fixture {
        let url = try #require(Bundle.module.url(forResource: "random_source", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    @Test func drawsMatchTheReferenceAlgorithm() throws {
        let cases = try Self.fixture().cases
        #expect(cases.count == 3)
        for c in cases {
            let seed = try #require(UInt64(c.seed))
            func draws<T>(_ n: Int, _ draw: (inout RandomSource) -> T) -> [T] {
                var rng = RandomSource(seed: seed)
                return (0..<n).map { _ in draw(&rng) }
            }
            #expect(draws(c.next.count) { $0.next() } == c.next.compactMap(UInt64.init), "seed \(seed)")
            #expect(draws(c.uniform.count) { $0.uniform() } == c.uniform, "seed \(seed)")
            #expect(draws(c.uniformDouble.count) { $0.uniformDouble() } == c.uniformDouble, "seed \(seed)")
            #expect(draws(c.normal.count) { $0.normal() } == c.normal, "seed \(seed)")
            #expect(draws(c.integerBelow10.count) { $0.integer(in: 0..<10) } == c.integerBelow10, "seed \(seed)")
            #expect(draws(c.integerBelow3000000000.count) { $0.integer(in: 0..<3_000_000_000) } == c.integerBelow3000000000,
                    "seed \(seed)")
        }
    }

    @Test func theSameSeedGivesTheSameSequenceAndAnotherSeedAnother() {
        var a = RandomSource(seed: 7), b = RandomSource(seed: 7), c = RandomSource(seed: 8)
        let sa = (0..<16).map { _ in a.next() }, sb = (0..<16).map { _ in b.next() }, sc = (0..<16).map { _ in c.next() }
        #expect(sa == sb)
        #expect(sa != sc)
        var r1 = RandomSource(seed: 7), r2 = RandomSource(seed: 7)
        #expect(Tensor.normal([3, 4], using: &r1).scalars == Tensor.normal([3, 4], using: &r2).scalars)
    }

    @Test func tensorsDrawTheSourceSequenceInRowMajorOrder() {
        var source = RandomSource(seed: 11), reference = RandomSource(seed: 11)
        let u = Tensor.uniform([2, 3], low: -2, high: 4, using: &source)
        #expect(u.scalars == (0..<6).map { _ in -2 + 6 * reference.uniform() })
        let n = Tensor.normal([5], mean: 1, std: 0.5, using: &source)
        #expect(n.scalars == (0..<5).map { _ in 1 + 0.5 * reference.normal() })
    }

    @Test func aDecodedSourceContinuesTheSequenceIncludingAPendingNormal() throws {
        var rng = RandomSource(seed: 12)
        _ = rng.normal()  // leaves the spare of the Box–Muller pair pending
        let restored = try JSONDecoder().decode(RandomSource.self, from: JSONEncoder().encode(rng))
        #expect(restored == rng)
        var copy = restored
        #expect((0..<5).map { _ in copy.normal() } == (0..<5).map { _ in rng.normal() })
    }

    @Test func integersStayInTheirRange() {
        var rng = RandomSource(seed: 13)
        let draws = (0..<1000).map { _ in rng.integer(in: -3...3) }
        #expect(draws.allSatisfy { (-3...3).contains($0) })
        #expect(Set(draws).count == 7)
    }
}
