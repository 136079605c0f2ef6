import GANNN
import GANTensor
import Testing

@Suite struct InitializerTests {
    static func sample(_ initializer: Initializer, _ shape: [Int], seed: UInt64 = 1) -> [Float] {
        var rng = RandomSource(seed: seed)
        return initializer(shape, using: &rng).scalars
    }

    static func standardDeviation(_ xs: [Float]) -> Double {
        let mean = xs.reduce(0.0) { $0 + Double($1) } / Double(xs.count)
        return (xs.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(xs.count)).squareRoot()
    }

    @Test func fansFollowPyTorch() {
        #expect(Initializer.fans([7, 5]) == (5, 7))
        #expect(Initializer.fans([8, 3, 5, 5]) == (75, 200))
        #expect(Initializer.fans([6]) == (6, 6))
    }

    @Test func sameSeedGivesSameValuesAndAnotherSeedDoesNot() {
        for initializer in [Initializer.pytorchDefault, .dcgan, .xavierNormal(), .kaimingNormal(a: 0.2)] {
            #expect(Self.sample(initializer, [4, 3, 3, 3]) == Self.sample(initializer, [4, 3, 3, 3]))
            #expect(Self.sample(initializer, [4, 3, 3, 3]) != Self.sample(initializer, [4, 3, 3, 3], seed: 2))
        }
    }

    @Test(arguments: [[64, 27], [16, 8, 3, 3]])
    func uniformRulesFillTheirBounds(shape: [Int]) {
        let (fanIn, fanOut) = Initializer.fans(shape)
        let cases: [(Initializer, Double)] = [
            (.pytorchDefault, 1 / Double(fanIn).squareRoot()),
            (.pytorchBias(fanIn: fanIn), 1 / Double(fanIn).squareRoot()),
            (.xavierUniform(gain: 2), 2 * (6 / Double(fanIn + fanOut)).squareRoot()),
            (.kaimingUniform(), (6 / Double(fanIn)).squareRoot()),
            (.kaimingUniform(a: 0.2, mode: .fanOut), (6 / (1.04 * Double(fanOut))).squareRoot()),
        ]
        for (initializer, bound) in cases {
            let values = Self.sample(initializer, shape).map { Double($0) }
            let largest = values.map(abs).max()!
            #expect(largest <= bound * (1 + 1e-6) && largest > 0.95 * bound, "max |w| \(largest), bound \(bound)")
        }
    }

    @Test func normalRulesHaveTheirStandardDeviations() {
        let shape = [128, 32, 3, 3]  // fan_in 288, fan_out 1152, 36 864 draws
        let cases: [(Initializer, Double)] = [
            (.dcgan, 0.02),
            (.normal(mean: 1, std: 0.5), 0.5),
            (.xavierNormal(), (2.0 / (288 + 1152)).squareRoot()),
            (.kaimingNormal(), (2.0 / 288).squareRoot()),
        ]
        for (initializer, std) in cases {
            let measured = Self.standardDeviation(Self.sample(initializer, shape))
            #expect(abs(measured - std) < 0.02 * std, "std \(measured), expected \(std)")
        }
    }

    @Test func constantsFillEveryElement() {
        #expect(Self.sample(.constant(0.5), [2, 3]) == [Float](repeating: 0.5, count: 6))
        #expect(Self.sample(.zeros, [4]) == [0, 0, 0, 0])
    }
}
