import GANCore
import GANTestSupport
import Testing

/// The progress line printed every `every` iterations.
@Suite struct ConsoleProgressTests {
    /// The lines a toy run with `regularizers` prints every 10 iterations for 20 iterations.
    static func lines(_ regularizers: [any Regularizer]) throws -> [String] {
        var builder = Toy.builder()
        for regularizer in regularizers { builder = builder.regularizer(regularizer) }
        let pipeline = try builder.build()
        var text = ""
        let progress = ConsoleProgress(every: 10, isTerminal: false) { text += $0 }
        try pipeline.train(on: Toy.data(), iterations: 20, observers: [progress])
        return text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("it ") }
    }

    @Test func aLazyPenaltyShowsItsLastValueAndTheIterationItCameFrom() throws {
        // Every 4th D step (0, 4, 8, …): it runs in iterations 1, 5, 9, 13 and 17, never in a printed one.
        let lines = try Self.lines([CountingRegularizer(name: "lazy", schedule: .lazy(interval: 4)),
                                    CountingRegularizer(name: "every", schedule: .everyStep(.discriminator))])
        #expect(lines.count == 2)
        #expect(Self.field("lazy", in: lines[0])?.hasSuffix(" (it 9)") == true, "\(lines[0])")
        #expect(Self.field("lazy", in: lines[1])?.hasSuffix(" (it 17)") == true, "\(lines[1])")
        for line in lines {
            let every = try #require(Self.field("every", in: line), "\(line)")
            #expect(!every.contains("(it"), "a penalty of the printed iteration has no marker: \(line)")
        }
    }

    /// The text between "| name " and the next " |" of a progress line.
    static func field(_ name: String, in line: String) -> String? {
        guard let start = line.range(of: "| \(name) ") else { return nil }
        let rest = line[start.upperBound...]
        return String(rest[..<(rest.range(of: " |")?.lowerBound ?? rest.endIndex)])
    }

    @Test func aPenaltyThatRanOnceKeepsItsValueOnEveryLine() throws {
        let lines = try Self.lines([CountingRegularizer(name: "late", schedule: .lazy(interval: 100))])
        // D step 0 is due, so it ran once, in iteration 1; nothing else appears.
        #expect(lines.allSatisfy { $0.contains("late ") && $0.contains("(it 1)") }, "\(lines)")
    }
}
