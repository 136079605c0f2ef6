import AugmentationADA
import AugmentationDiffAug
import GANCore
import GANTestSupport
import RegularizerDigGAN
import RegularizerLeCam
import Testing

/// `build()` refuses a data-parallel combination that would not train as one process does,
/// naming what is at fault.
@Suite struct DataParallelValidationTests {
    /// Two processes seen from rank 0, without a transport: only `build()`'s checks run.
    final class TwoRanks: DataParallelGroup {
        let rank = 0, size = 2
        func average(_ values: inout [Float]) throws {}
        func broadcast(_ values: inout [Float]) throws {}
    }

    /// An augmentation that halves every image, without declaring its draws per sample.
    final class Halving: Augmentation {
        var name: String { "halve" }
        func sampleParameters<R: RandomDrawing>(batch: Int, size: ImageSize, using rng: inout R) {}
        func apply(_ images: Tensor, _ parameters: Void) -> Tensor { images * 0.5 }
    }

    static func builder() -> PipelineBuilder {
        var rng = RandomSource(seed: 1)
        return TrainingPipeline.builder()
            .generator(ToyGenerator(using: &rng))
            .discriminator(ToyDiscriminator(using: &rng))
            .batchSize(8)
            .dataParallel(TwoRanks())
    }

    static func message(_ builder: PipelineBuilder) -> String {
        do {
            _ = try builder.build()
            return "built"
        } catch {
            return "\(error)"
        }
    }

    @Test func acceptsAPerSampleRun() throws {
        #expect(Self.message(Self.builder()) == "built")
    }

    @Test func refusesABatchThatDoesNotSplit() {
        #expect(Self.message(Self.builder().batchSize(7)).contains("batch size 7 does not split evenly over 2 processes"))
    }

    @Test func refusesABatchStatisticLoss() {
        #expect(Self.message(Self.builder().loss(RelativisticHingeLoss())).contains("loss 'relativistic-hinge' is not a mean of per-sample terms"))
    }

    @Test func refusesARegularizerThatDoesNotSayItIsPerSample() {
        let counting = CountingRegularizer(schedule: RegularizationSchedule(phase: .discriminator))
        #expect(Self.message(Self.builder().regularizer(counting)).contains("regularizer 'count' is not a mean of per-sample terms"))
    }

    @Test func refusesSkippingNonFiniteSteps() {
        #expect(Self.message(Self.builder().nonFinite(.skip)).contains("non-finite policy 'skip' cannot run data-parallel"))
    }

    @Test func refusesAnAugmentationWhoseDrawsAreNotPerSample() {
        #expect(Self.message(Self.builder().augmentation(Halving())).contains("augmentation 'halve' cannot run data-parallel: its draws cannot be cut per sample"))
    }

    @Test func acceptsThePerSampleAugmentationsAndTheReducedRegularizers() {
        #expect(Self.message(Self.builder().augmentation(ADA()).regularizer(LeCam()).regularizer(DigGAN())) == "built")
        #expect(Self.message(Self.builder().augmentation(DiffAugment())) == "built")
    }
}
