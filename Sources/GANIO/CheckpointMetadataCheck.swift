import GANCore

/// The checks `Checkpoint.load` makes on a manifest's metadata beyond its types, field by field,
/// so a crafted or damaged checkpoint is refused with the key at fault instead of training from
/// a negative iteration or crashing later. (The sampler checks its own fields as it decodes.)
extension PipelineSnapshot.Metadata {
    /// The first field that no run can have written, as "key 'metadata.iteration' is -10; it
    /// must be ≥ 0", or nil when every field is possible.
    var problem: String? {
        for (key, value) in [("iteration", iteration), ("discriminatorStepCount", discriminatorStepCount), ("imagesShown", imagesShown)]
        where value < 0 {
            return "key 'metadata.\(key)' is \(value); it must be ≥ 0"
        }
        for (role, steps) in optimizerSteps.sorted(by: { $0.key < $1.key }) {
            guard role == "generator" || role == "discriminator" else {
                return "key 'metadata.optimizerSteps.\(role)' names no optimiser; expected generator or discriminator"
            }
            if let (name, step) = steps.sorted(by: { $0.key < $1.key }).first(where: { $0.value < 0 }) {
                return "key 'metadata.optimizerSteps.\(role).\(name)' is \(step); it must be ≥ 0"
            }
        }
        return nil
    }
}
