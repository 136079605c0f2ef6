import GANCore

extension ConsistencyTransform {
    /// The transform of the configuration kinds "cr" and "bcr" (`kind`): `flipProbability` must
    /// lie in [0, 1] and `maxShift` be ≥ 0; errors name the option.
    static func configured(flipProbability: Float, maxShift: Int?, kind: String) throws -> ConsistencyTransform {
        guard flipProbability >= 0, flipProbability <= 1 else {
            throw ConfigurationError.invalidValue(context: "regularizer \(kind).flipProbability", reason: "must lie in [0, 1], got \(flipProbability)")
        }
        if let maxShift, maxShift < 0 {
            throw ConfigurationError.invalidValue(context: "regularizer \(kind).maxShift", reason: "must be ≥ 0, got \(maxShift)")
        }
        return ConsistencyTransform(flipProbability: flipProbability, maximumShift: maxShift)
    }
}
