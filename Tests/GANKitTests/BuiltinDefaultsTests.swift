import Foundation
import GANKit
import Testing

/// Every built-in has one set of defaults: the component built in Swift with its initialiser's
/// defaults is the one `{"kind": …}` builds, and both are the values configurations trained
/// with before the defaults moved into each component's `Options` (issue 13), so recorded
/// experiments keep their meaning.
@Suite struct BuiltinDefaultsTests {
    init() { GANKit.registerBuiltins() }

    static let context = ComponentBuildContext(modelFamily: "dcgan", imageSize: ImageSize(channels: 3, resolution: 32), batchSize: 64, datasetCount: 500)

    /// The regularizer `{"kind": kind}` builds.
    static func regularizer<R>(_ kind: String, as type: R.Type) throws -> R {
        try #require(try ComponentRegistry.shared.makeRegularizer(kind, options: .object([:]), context: context, at: "regularizers[0]") as? R)
    }

    static func augmentation<A>(_ kind: String, as type: A.Type) throws -> A {
        try #require(try ComponentRegistry.shared.makeAugmentation(kind, options: .object([:]), context: context, at: "augmentation") as? A)
    }

    @Test func r1() throws {
        let (swift, config) = (R1(), try Self.regularizer("r1", as: R1.self))
        #expect(swift.gamma == config.gamma && swift.schedule == config.schedule)
        #expect(config.gamma == 0.01 && config.schedule.interval == 1)
    }

    @Test func ms3d() throws {
        let (swift, config) = (MS3D(), try Self.regularizer("ms3d", as: MS3D.self))
        #expect(swift.weight == config.weight && swift.transform.name == config.transform.name && swift.layout == config.layout
                && swift.field == config.field && swift.scales == config.scales && swift.schedule == config.schedule)
        #expect(config.weight == 10 && config.transform.name == "kadanoff" && config.layout == .flattenedSquare && config.field == .real
                && config.scales == nil && config.schedule.interval == 1)
    }

    @Test func lecam() throws {
        let (swift, config) = (LeCam(), try Self.regularizer("lecam", as: LeCam.self))
        #expect(swift.weight == config.weight && swift.decay == config.decay && swift.startStep == config.startStep && swift.twoSided == config.twoSided)
        #expect(config.weight == 0.3 && config.decay == 0.99 && config.startStep == 1000 && !config.twoSided)
    }

    @Test func diggan() throws {
        let (swift, config) = (DigGAN(), try Self.regularizer("diggan", as: DigGAN.self))
        #expect(swift.weight == config.weight && swift.alpha == config.alpha)
        #expect(config.weight == 500 && config.alpha == 0.5)
    }

    @Test func pathLength() throws {
        let (swift, config) = (PathLength(), try Self.regularizer("path-length", as: PathLength.self))
        #expect(swift.weight == config.weight && swift.decay == config.decay && swift.batchShrink == config.batchShrink
                && swift.schedule == config.schedule)
        #expect(config.weight == 2 && config.decay == 0.01 && config.batchShrink == 2 && config.schedule.interval == 4
                && config.schedule.gain == 4 && config.schedule.phase == .generator && config.schedule.rescalesOptimizer)
    }

    @Test func consistencyRegularizations() throws {
        let (cr, crConfig) = (ConsistencyRegularization(), try Self.regularizer("cr", as: ConsistencyRegularization.self))
        #expect(cr.weight == crConfig.weight && cr.transform.flipProbability == crConfig.transform.flipProbability
                && cr.transform.maximumShift == crConfig.transform.maximumShift)
        #expect(crConfig.weight == 10 && crConfig.transform.flipProbability == 0.5 && crConfig.transform.maximumShift == nil)

        let (bcr, bcrConfig) = (BalancedConsistencyRegularization(), try Self.regularizer("bcr", as: BalancedConsistencyRegularization.self))
        #expect(bcr.realWeight == bcrConfig.realWeight && bcr.fakeWeight == bcrConfig.fakeWeight
                && bcr.transform.flipProbability == bcrConfig.transform.flipProbability && bcr.transform.maximumShift == bcrConfig.transform.maximumShift)
        #expect(bcrConfig.realWeight == 10 && bcrConfig.fakeWeight == 10)

        for (kind, term, weight) in [("zcr", LatentConsistencyRegularization.Term.discriminator, Float(5)), ("zcr-generator", .generator, 0.5)] {
            let (swift, config) = (LatentConsistencyRegularization(term: term), try Self.regularizer(kind, as: LatentConsistencyRegularization.self))
            #expect(swift.term == config.term && swift.weight == config.weight && swift.sigma == config.sigma && swift.schedule == config.schedule)
            #expect(config.term == term && config.weight == weight && config.sigma == 0.03 && config.name == kind)
        }
    }

    @Test func aVariantsFixedOptionCannotBeSet() {
        #expect {
            _ = try ComponentRegistry.shared.makeRegularizer("zcr-generator", options: .object(["term": .string("discriminator")]),
                                                             context: Self.context, at: "regularizers[0]")
        } throws: { String(describing: $0).contains("invalid value in regularizer zcr-generator: 'term' is fixed by the kind zcr-generator") }
    }

    @Test func diffAugment() throws {
        let (swift, config) = (DiffAugment(), try Self.augmentation("diffaugment", as: DiffAugment.self))
        #expect(swift.policy == config.policy && config.policy == [.color, .translation, .cutout])
    }

    @Test func ada() throws {
        let (swift, config) = (ADA(), try Self.augmentation("ada", as: ADA.self))
        #expect(swift.target == config.target && swift.interval == config.interval && swift.speedKimg == config.speedKimg
                && swift.p == config.p && swift.fixedP == config.fixedP && swift.clampAtOne == config.clampAtOne)
        #expect(config.target == 0.6 && config.interval == 4 && config.speedKimg == 500 && config.p == 0 && config.fixedP == nil && config.clampAtOne)
    }

    @Test func losses() throws {
        let expected: [(String, any AdversarialLoss.Type)] = [
            ("non-saturating", NonSaturatingLoss.self), ("hinge", HingeLoss.self), ("wasserstein", WassersteinLoss.self),
            ("least-squares", LeastSquaresLoss.self), ("relativistic-hinge", RelativisticHingeLoss.self),
        ]
        for (kind, type) in expected {
            let loss = try ComponentRegistry.shared.makeLoss(kind, context: Self.context, at: "loss")
            #expect(Swift.type(of: loss) == type && loss.name == kind)
        }
    }

    @Test func aNullOptionTakesItsDefault() throws {
        let r1 = try ComponentRegistry.shared.makeRegularizer("r1", options: .object(["gamma": .null]), context: Self.context, at: "regularizers[0]") as? R1
        #expect(r1?.gamma == R1().gamma)
    }

    @Test func everyBuiltinIsRegisteredUnderItsKind() {
        let registry = ComponentRegistry.shared
        let kinds = Set(registry.regularizerKinds + registry.augmentationKinds + registry.techniqueKinds + registry.lossKinds
                        + registry.modelFamilyKinds + registry.dataSourceKinds)
        for type in GANKit.builtins { #expect(kinds.contains(type.kind), "\(type)") }
        #expect(registry.techniqueKinds == ["freeze-d"] && registry.augmentationKinds == ["ada", "diffaugment"])
    }

    @Test func theBuiltinFamiliesAndSourcesAreRegisteredWithTheirOwnKeysAtDefaultsThatKeepEverything() {
        let registry = ComponentRegistry.shared
        #expect(Set(["dcgan", "sngan-resnet"]).isSubset(of: registry.modelFamilyKinds))
        #expect(Set(["emoji", "fashion-mnist", "folder"]).isSubset(of: registry.dataSourceKinds))
        #expect(registry.modelFamily(RunConfiguration().model.family) == DCGANFamily.self)
        #expect(registry.dataSource(RunConfiguration().data.source) == EmojiOneSource.self)
        // Their settings are the sections' standard keys, whose defaults the recorded runs used;
        // the emoji source's one key of its own keeps every file unless given.
        #expect(DCGANFamily.optionKeys.isEmpty && SNGANResNetFamily.optionKeys.isEmpty)
        #expect(EmojiOneSource.optionKeys == ["codepoints"] && EmojiOneSource.Options().codepoints == nil)
        #expect(FashionMNISTSource.optionKeys.isEmpty && ImageFolderSource.optionKeys.isEmpty)
        #expect(FashionMNISTSource.classCount == 10 && EmojiOneSource.classCount == nil && ImageFolderSource.classCount == nil)
        #expect(registry.labelledDataSourceKinds == ["fashion-mnist"])
    }

    @Test func theModelAndDataSectionsOfTheDefaultsEncodeAsRecordedRunsHaveThem() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(RunConfiguration()), as: UTF8.self)
        #expect(text.contains(#""data":{"channels":3,"classes":null,"limit":1000,"path":null,"resolution":32,"source":"emoji"}"#), "\(text)")
        #expect(text.contains(#""model":{"family":"dcgan","initialization":"dcgan","latentDimension":128,"width":64}"#), "\(text)")
    }

    @Test func theDCGANFamilyWithTheDefaultsBuildsTheDCGANPairOfTheseSettings() throws {
        var fromConfiguration = RandomSource(seed: 5), fromSwift = RandomSource(seed: 5)
        let (g, d) = try TrainingRun.makeModels(ModelSpec(), context: Self.context, using: &fromConfiguration)
        let g2 = DCGANGenerator(resolution: 32, channels: 3, latentDimension: 128, width: 64, initialization: .dcgan, using: &fromSwift)
        let d2 = DCGANDiscriminator(resolution: 32, channels: 3, width: 64, initialization: .dcgan, using: &fromSwift)
        #expect(g.latentDimension == 128)
        #expect(g.parameters().map(\.value.scalars) == g2.parameters().map(\.value.scalars))
        #expect(d.parameters().map(\.value.scalars) == d2.parameters().map(\.value.scalars))
    }

    @Test func theSNGANFamilyWidensItsModelsAsThePaperDoes() throws {
        var spec = ModelSpec()
        spec.family = "sngan-resnet"
        var fromConfiguration = RandomSource(seed: 5), fromSwift = RandomSource(seed: 5)
        let (g, d) = try TrainingRun.makeModels(spec, context: Self.context, using: &fromConfiguration)
        let g2 = SNGANResNetGenerator(channels: 3, latentDimension: 128, width: 256, using: &fromSwift)
        let d2 = SNGANResNetDiscriminator(channels: 3, width: 128, using: &fromSwift)
        #expect(g.parameters().map(\.value.scalars) == g2.parameters().map(\.value.scalars))
        #expect(d.parameters().map(\.value.scalars) == d2.parameters().map(\.value.scalars))
    }
}
