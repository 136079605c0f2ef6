/// What a conformance check (`RegularizerConformance`, `AugmentationConformance`) found wrong
/// with a component: every requirement it failed, each with what was measured. Thrown, so a
/// test that calls `try …Conformance.check { … }` fails with this description.
public struct ConformanceFailure<Requirement: Hashable & Sendable & CustomStringConvertible>: Error, CustomStringConvertible {
    /// One failed requirement and what showed it.
    public struct Violation: Sendable, CustomStringConvertible {
        /// The requirement failed.
        public let requirement: Requirement
        /// What was measured, in words.
        public let detail: String
        public var description: String { "\(requirement): \(detail)" }
    }

    /// The component's name.
    public let component: String
    /// Every violation found, in the order the checks ran.
    public let violations: [Violation]

    /// The requirements failed.
    public var requirements: Set<Requirement> { Set(violations.map(\.requirement)) }

    public var description: String {
        "'\(component)' does not conform:\n" + violations.map { "- \($0)" }.joined(separator: "\n")
    }
}

/// Collects violations while a check runs.
struct ViolationList<Requirement: Hashable & Sendable & CustomStringConvertible> {
    private(set) var violations: [ConformanceFailure<Requirement>.Violation] = []

    mutating func add(_ requirement: Requirement, _ detail: String) {
        violations.append(.init(requirement: requirement, detail: detail))
    }

    /// Throws the violations found, if any.
    func throwIfAny(component: String) throws {
        guard violations.isEmpty else { throw ConformanceFailure(component: component, violations: violations) }
    }
}
