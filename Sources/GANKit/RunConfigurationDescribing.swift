import GANCore

extension RunConfiguration {
    /// The configuration that builds `pipeline` again, as `gankit train` would have: its models'
    /// `model` section (`DescribableModel`), its loss, augmentation, regularizers and techniques
    /// by kind and options (`DescribableComponent`), its optimisers, batch size, D steps,
    /// generator EMA, seed, non-finite policy and regularisation steps, with `data` (the section the images were
    /// loaded from, which the pipeline cannot know), `iterations` and `output` as given; no
    /// `initFrom`, diagnostics or evaluation.
    ///
    /// A component that cannot describe itself, models that describe different sections, or
    /// `data` of another image size than the models' is a `NotDescribableError` naming it.
    public init(describing pipeline: TrainingPipeline, data: DataSpec, iterations: Int, output: OutputSpec) throws {
        self.init()
        let c = pipeline.configuration
        self.data = data
        model = try ModelSpec(generator: pipeline.generator, discriminator: pipeline.discriminator)
        let size = try Self.imageSize(of: pipeline.generator)
        guard data.resolution == size.height, data.channels == size.channels else {
            throw NotDescribableError(place: "data", component: "DataSpec", reason:
                "gives \(data.channels)×\(data.resolution)×\(data.resolution) images, but the models are built for \(size)")
        }
        let lossDescription = try ComponentDescription(describing: c.loss, at: "loss")
        guard lossDescription.options.isEmpty else {
            throw NotDescribableError(place: "loss", component: "\(type(of: c.loss))", reason: "has options, which a configuration's loss (a kind alone) cannot carry")
        }
        loss = lossDescription.kind
        self.iterations = iterations
        batchSize = c.batchSize
        discriminatorSteps = c.discriminatorSteps
        seed = c.seed
        generatorOptimizer = OptimizerSpec(c.generatorOptimizer)
        discriminatorOptimizer = OptimizerSpec(c.discriminatorOptimizer)
        generatorEMA = nil
        generatorEMARampUp = nil
        augmentation = try c.augmentation.map { ComponentSpec(try ComponentDescription(describing: $0, at: "augmentation")) }
        regularizers = try c.regularizers.enumerated().map { i, r in ComponentSpec(try ComponentDescription(describing: r, at: "regularizers[\(i)]")) }
        techniques = []
        for (i, technique) in c.techniques.enumerated() {
            if let ema = technique as? GeneratorEMATechnique {
                generatorEMA = ema.decay
                generatorEMARampUp = ema.rampUp
            } else {
                techniques.append(ComponentSpec(try ComponentDescription(describing: technique, at: "techniques[\(i)]")))
            }
        }
        self.output = output
        nonFinite = c.nonFinite.rawValue
        regularizationSteps = c.regularizationSteps.rawValue
    }

    /// The image size `generator` describes itself with.
    private static func imageSize(of generator: any Generator) throws -> ImageSize {
        try ModelSpec.description(of: generator, at: "generator").imageSize
    }
}

extension ModelSpec {
    /// The section both networks describe (`DescribableModel`), with the generator's latent
    /// length and the family's keys either network names (the width and initialisation of the
    /// section's defaults when the family reads none); networks that do not describe themselves,
    /// or describe different sections (a key both name with different values), are a
    /// `NotDescribableError` naming them.
    init(generator: any Generator, discriminator: any Discriminator) throws {
        let g = try Self.description(of: generator, at: "generator")
        let d = try Self.description(of: discriminator, at: "discriminator")
        guard let latentDimension = g.latentDimension else {
            throw NotDescribableError(place: "generator", component: "\(type(of: generator))", reason: "describes no latent dimension")
        }
        let sharedKeys = Set(g.options.keys).intersection(d.options.keys)
        guard g.family == d.family, g.imageSize == d.imageSize, g.width == d.width, g.initialization == d.initialization,
              sharedKeys.allSatisfy({ g.options[$0] == d.options[$0] }) else {
            func section(_ m: ModelDescription) -> String {
                "\(m.family) \(m.imageSize) width \(m.width.map { "\($0)" } ?? "-") \(m.initialization ?? "-") \(JSONValue.object(m.options))"
            }
            throw NotDescribableError(place: "model", component: "\(type(of: generator)) and \(type(of: discriminator))", reason:
                "describe different model sections (\(section(g)) and \(section(d))), which one family cannot build")
        }
        self.init()
        family = g.family
        self.latentDimension = latentDimension
        width = g.width ?? ModelSpec().width
        initialization = g.initialization ?? ModelSpec().initialization
        options = g.options.merging(d.options) { fromGenerator, _ in fromGenerator }
    }

    /// `network`'s description, or a `NotDescribableError` naming `place`.
    static func description(of network: Any, at place: String) throws -> ModelDescription {
        guard let describable = network as? any DescribableModel else {
            throw NotDescribableError(place: place, component: "\(type(of: network))", reason: "does not conform to DescribableModel, so its model section is unknown")
        }
        do { return try describable.modelDescription } catch {
            throw NotDescribableError(place: place, component: "\(type(of: network))", reason: "cannot name its model section: \(error)")
        }
    }
}

extension OptimizerSpec {
    /// The keys that give `settings`: Adam as the default kind (learning rate, betas, ε), SGD
    /// with its kind, learning rate and momentum.
    init(_ settings: OptimizerSettings) {
        self.init()
        learningRate = settings.learningRate
        switch settings.kind {
        case .adam:
            (kind, betas, epsilon) = (nil, [settings.beta1, settings.beta2], settings.epsilon)
        case .sgd:
            (kind, momentum) = (OptimizerSettings.Kind.sgd.rawValue, settings.momentum)
        }
    }
}

extension ComponentSpec {
    /// The entry `{"kind": …, …options}` of `description`.
    init(_ description: ComponentDescription) {
        self.init(kind: description.kind, options: description.options)
    }
}
