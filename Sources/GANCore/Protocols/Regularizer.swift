import GANTensor

/// A penalty added to the discriminator's or generator's loss: R1, MS3D, DigGAN, LeCam, CR…
///
/// The pipeline calls `penalty` on the steps its `schedule` makes due, in the schedule's
/// phase, and adds `schedule.gain × penalty` to that phase's loss. The context carries
/// everything already computed in the step (images, logits, the discriminator), so a
/// regularizer recomputes nothing the step has; it writes the values it wants logged into
/// `context.metrics`.
public protocol Regularizer: AnyObject, StatefulComponent {
    /// A short name, the key of the penalty's value in the stats log.
    var name: String { get }
    /// When the penalty runs and its gain.
    var schedule: RegularizationSchedule { get }
    /// True when the penalty uses `context.realImageGradient()`: the pipeline then makes the
    /// real batch require a gradient so the main D pass serves both (and R1 and MS3D share
    /// one gradient).
    var needsRealImageGradient: Bool { get }
    /// Whether the penalty is a mean over the batch of terms that each depend on one sample
    /// (given the networks and the regularizer's state), with any state carried between steps
    /// updated from the whole batch's statistics (`RegularizationContext.share`) and any random
    /// draw made for the whole batch, so that the mean of the penalties of equal shares is the
    /// penalty of the whole batch and the state is the same in every process (what a
    /// data-parallel run needs, `DataParallelGroup`). Default false: such a run refuses the
    /// regularizer.
    var isMeanOverSamples: Bool { get }
    /// The penalty for this step (already multiplied by the method's own weight λ), or nil
    /// when the method does not apply at this step (e.g. LeCam before its start step).
    func penalty(_ context: inout RegularizationContext) throws -> Tensor?
    /// Throws a readable error when the networks do not suit the method (e.g. a penalty that
    /// needs the generator's intermediate latents given a generator without them). Called when
    /// the pipeline is built, before anything trains. Default: nothing.
    func check(generator: any Generator, discriminator: any Discriminator) throws
}

extension Regularizer {
    public var needsRealImageGradient: Bool { false }
    public var isMeanOverSamples: Bool { false }
    public func check(generator: any Generator, discriminator: any Discriminator) throws {}
}
