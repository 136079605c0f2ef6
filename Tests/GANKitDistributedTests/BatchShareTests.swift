import GANCore
import GANTestSupport
import RegularizerDigGAN
import RegularizerLeCam
import Testing

/// `BatchShare`, the hook through which components read the whole batch's statistics, with
/// stand-in groups: the identity in a single process, one exchange through the group otherwise,
/// and LeCam's and DigGAN's state updated from what the group returns.
@Suite struct BatchShareTests {
    typealias StandIn = DataParallelShardingTests.StandIn

    /// A D-step context of `n` rows of 1×2×2 images, with the given logits, seen through `share`.
    static func context(realLogits: [Float], fakeLogits: [Float], share: BatchShare) -> RegularizationContext {
        var rng = RandomSource(seed: 2)
        let n = realLogits.count
        let g = ToyGenerator(using: &rng), d = ToyDiscriminator(using: &rng)
        let reals = Tensor.uniform([n, 1, 2, 2], low: -1, high: 1, using: &rng)
        let fakes = Tensor.uniform([n, 1, 2, 2], low: -1, high: 1, using: &rng)
        return RegularizationContext(
            phase: .discriminator, iteration: 0, phaseStep: 0, generator: g, discriminator: d, augment: { x, _ in x },
            realImages: reals, realInputs: reals, realLogits: Tensor(realLogits), latents: Tensor.zeros([n, 4]),
            fakeInputs: fakes, fakeLogits: Tensor(fakeLogits), random: rng, share: share)
    }

    @Test func aSingleProcessHoldsTheWholeBatchAndExchangesNothing() throws {
        var calls = 0
        for share in [BatchShare(batch: 6), BatchShare(batch: 6, group: StandIn(rank: 0, size: 1) { _ in calls += 1 })] {
            #expect(share.isWholeBatch && share.range == 0..<6)
            // Alone, a tensor of any size is the whole batch (what per-row draws are made for).
            #expect(share.wholeBatch(ofRows: 3) == 3)
            #expect(try share.mean([1.25, -3]) == [1.25, -3])
            #expect(try share.gather([1, 2, 3]) == [1, 2, 3])
        }
        #expect(calls == 0)
    }

    @Test func meanIsTheGroupsAverage() throws {
        var seen: [[Float]] = []
        let share = BatchShare(batch: 8, group: StandIn(rank: 1, size: 2) { values in
            seen.append(values)
            values = values.map { $0 + 1 }
        })
        #expect(share.range == 4..<8 && !share.isWholeBatch && share.wholeBatch(ofRows: 4) == 8)
        #expect(try share.mean([0.5, -2]) == [1.5, -1])
        #expect(seen == [[0.5, -2]])
    }

    @Test func gatherConcatenatesTheRanksValuesInRankOrder() throws {
        // Rank 1 of 2; rank 0 holds [5, 6]: the group's mean of [5, 6, 0, 0] and rank 1's buffer.
        let share = BatchShare(batch: 4, group: StandIn(rank: 1, size: 2) { values in
            values = zip(values, [5, 6, 0, 0] as [Float]).map { ($0 + $1) / 2 }
        })
        #expect(try share.gather([7, 8]) == [5, 6, 7, 8])
    }

    @Test func leCamUpdatesItsAveragesFromTheGroupsMeans() throws {
        var seen: [[Float]] = []
        let share = BatchShare(batch: 4, group: StandIn(rank: 0, size: 2) { values in
            seen.append(values)
            values = [1.5, -0.5]
        })
        var context = Self.context(realLogits: [0.25, 0.75], fakeLogits: [-1, 0], share: share)
        let lecam = LeCam(startStep: 10)
        #expect(try lecam.penalty(&context) == nil)
        // This rank's means went to the group; the EMAs (γ = 0 before the start step) are the group's.
        #expect(seen == [[0.5, -0.5]])
        #expect(lecam.emaReal == 1.5 && lecam.emaFake == -0.5)
    }

    @Test func digGANKeepsTheWholeBatchsAveragesAndUsesItsRows() throws {
        // Rank 1 of 2 with 2 rows; rank 0's rows have real averages [1, 1] and fake [2, 2].
        let share = BatchShare(batch: 4, group: StandIn(rank: 1, size: 2) { values in
            guard values.count == 8 else { return }
            values = zip(values, [1, 1, 2, 2, 0, 0, 0, 0] as [Float]).map { ($0 + $1) / 2 }
        })
        let ranked = DigGAN(weight: 1), alone = DigGAN(weight: 1)
        var rankContext = Self.context(realLogits: [0, 0], fakeLogits: [0, 0], share: share)
        var aloneContext = Self.context(realLogits: [0, 0], fakeLogits: [0, 0], share: BatchShare(batch: 2))
        let penalty = try #require(try ranked.penalty(&rankContext)), expected = try #require(try alone.penalty(&aloneContext))
        let own = try #require(alone.averages), whole = try #require(ranked.averages)
        #expect(whole.real == [1, 1] + own.real && whole.fake == [2, 2] + own.fake)
        #expect(penalty.item == expected.item)
        // The next application averages this rank's rows (2..<4) of the EMAs, not rank 0's.
        _ = try ranked.penalty(&rankContext)
        _ = try alone.penalty(&aloneContext)
        #expect(try #require(ranked.averages).real == [1, 1] + (try #require(alone.averages)).real)
    }
}
