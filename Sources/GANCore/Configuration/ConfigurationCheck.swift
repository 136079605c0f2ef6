/// Range checks for configured values that throw `ConfigurationError.invalidValue` naming the
/// key and the value, for components' `init(options:context:)` and the run configuration.
public enum ConfigurationCheck {
    /// `value` when it is ≥ 1 (a count or an interval).
    public static func positive(_ value: Int, _ key: String) throws -> Int {
        guard value >= 1 else { throw ConfigurationError.invalidValue(context: key, reason: "must be ≥ 1, got \(value)") }
        return value
    }

    /// `value` when it is a finite number ≥ 0 (a weight).
    public static func nonNegative(_ value: Float, _ key: String) throws -> Float {
        guard value >= 0, value.isFinite else { throw ConfigurationError.invalidValue(context: key, reason: "must be ≥ 0, got \(value)") }
        return value
    }
}
