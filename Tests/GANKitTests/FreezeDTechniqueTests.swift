import Foundation
import GANKit
import GANTestSupport
import Testing

/// Freeze-D acts through the technique protocol: it freezes D's first blocks as the pipeline is
/// built, before D's optimiser exists, and rejects a count D cannot take.
@Suite struct FreezeDTechniqueTests {
    @Test func frozenBlocksStayBitIdenticalAndTheirParametersHaveNoOptimiserState() throws {
        let pipeline = try Toy.builder().freezeD(blocks: 1).build()
        let d = pipeline.discriminator as! ToyDiscriminator
        #expect(!pipeline.discriminatorOptimizer.parameters.contains { $0.0.hasPrefix("fc1.") })
        let frozen = d.fc1.weight.value.scalars, trained = d.fc2.weight.value.scalars
        for _ in 0..<3 { _ = try pipeline.step(on: Toy.data()) }
        #expect(d.fc1.weight.value.scalars == frozen)
        #expect(d.fc2.weight.value.scalars != trained)
    }

    @Test func aCountTheDiscriminatorCannotTakeIsRejectedAndFreezesNothing() throws {
        for (blocks, message) in [(3, "cannot freeze 3 discriminator blocks: it has 2"),
                                  (2, "freezing all 2 discriminator blocks leaves nothing to train")] {
            let builder = Toy.builder().technique(FreezeD(blocks: blocks))
            let d = builder.configuration.discriminator!
            #expect { _ = try builder.build() } throws: { String(describing: $0).contains(message) }
            let nothingFrozen = d.parameters().allSatisfy { $0.isTrainable }
            #expect(nothingFrozen)
        }
    }
}
