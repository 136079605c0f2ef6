import Foundation

/// A fixed-width progress line, as StyleGAN2-ADA's tick line: iteration, images per second,
/// losses, each regularizer's penalty, the components' metrics and the ETA. A penalty that did
/// not run in the printed iteration (a lazy R1 or MS3D every 16th step) shows its last value
/// with the iteration it came from, `r1 0.0123 (it 96)`, so every regularizer stays visible. On a terminal a
/// progress bar is redrawn in place every iteration; elsewhere (logs, CI) one line is printed
/// every `every` iterations.
public final class ConsoleProgress: TrainingObserver {
    private let every: Int
    private let isTerminal: Bool
    private let write: (String) -> Void
    private var total = 0
    private var startIteration = 0
    private var startTime = Date()
    private var lastTick: (iteration: Int, kimg: Double, time: Date)?
    /// Each penalty's latest value and the iteration that logged it.
    private var lastPenalties: [String: (value: Double, iteration: Int)] = [:]

    /// - Parameters:
    ///   - every: iterations between printed lines.
    ///   - isTerminal: draw a bar in place; defaults to whether standard output is a terminal.
    ///   - write: where text goes (standard output by default).
    public init(every: Int = 10, isTerminal: Bool? = nil, write: ((String) -> Void)? = nil) {
        precondition(every >= 1, "ConsoleProgress: every must be ≥ 1, got \(every)")
        self.every = every
        self.isTerminal = isTerminal ?? (isatty(STDOUT_FILENO) != 0)
        self.write = write ?? { text in
            print(text, terminator: "")
            fflush(nil)  // all C streams: print's buffer reaches the terminal now
        }
    }

    public func trainingWillStart(_ pipeline: TrainingPipeline, totalIterations: Int) throws {
        total = totalIterations
        startIteration = pipeline.iteration
        startTime = Date()
        lastTick = (pipeline.iteration, Double(pipeline.imagesShown) / 1000, startTime)
        write("training \(pipeline.iteration) → \(totalIterations) iterations, batch \(pipeline.configuration.batchSize)\n")
    }

    public func iterationDidFinish(_ s: StepStatistics, pipeline: TrainingPipeline) throws {
        let now = Date()
        for (name, value) in s.penalties { lastPenalties[name] = (value, s.iteration) }
        let isTick = s.iteration % every == 0 || s.iteration == total
        if isTerminal {
            write("\r\u{1B}[2K" + bar(s.iteration) + " " + line(s, now: now))
            if isTick { write("\n") }
        } else if isTick {
            write(line(s, now: now) + "\n")
        }
        if isTick { lastTick = (s.iteration, s.kimg, now) }
    }

    public func trainingDidFinish(_ pipeline: TrainingPipeline) throws {
        let elapsed = Date().timeIntervalSince(startTime)
        if isTerminal, let lastTick, lastTick.iteration != pipeline.iteration { write("\n") }  // close the bar's line
        let verb = pipeline.iteration < total ? "stopped at iteration \(pipeline.iteration) of \(total)" : "done"
        let skips = pipeline.skippedStepCount == 0 ? "" : "; \(pipeline.skippedStepCount) steps skipped for non-finite values"
        write("\(verb): \(pipeline.iteration - startIteration) iterations in \(Self.duration(elapsed))\(skips)\n")
    }

    /// The text of one progress line.
    func line(_ s: StepStatistics, now: Date) -> String {
        var parts = ["it \(s.iteration)/\(total)"]
        if let lastTick, now > lastTick.time, s.kimg > lastTick.kimg {
            parts.append(String(format: "%7.1f img/s", (s.kimg - lastTick.kimg) * 1000 / now.timeIntervalSince(lastTick.time)))
        }
        parts.append(String(format: "D %.4f G %.4f", s.discriminatorLoss, s.generatorLoss))
        parts.append(String(format: "D(x) %+.3f D(G(z)) %+.3f", s.realLogitMean, s.fakeLogitMean))
        for (name, last) in lastPenalties.sorted(by: { $0.key < $1.key }) {
            parts.append("\(name) \(Self.number(last.value))" + (last.iteration == s.iteration ? "" : " (it \(last.iteration))"))
        }
        for (name, value) in s.metrics.sorted(by: { $0.key < $1.key }) where !name.contains(".sd") {
            parts.append("\(name) \(Self.number(value))")
        }
        if let skipped = s.skippedSteps { parts.append("skipped \(skipped)") }
        let done = s.iteration - startIteration
        if done > 0 && total > s.iteration {
            let perIteration = now.timeIntervalSince(startTime) / Double(done)
            parts.append("ETA " + Self.duration(perIteration * Double(total - s.iteration)))
        }
        return parts.joined(separator: " | ")
    }

    private func bar(_ iteration: Int) -> String {
        let width = 24
        let filled = total > 0 ? min(width, iteration * width / total) : 0
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    }

    static func number(_ v: Double) -> String {
        v != 0 && (abs(v) < 1e-3 || abs(v) >= 1e4) ? String(format: "%.3e", v) : String(format: "%.4f", v)
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m" }
        if s >= 60 { return "\(s / 60)m\(String(format: "%02d", s % 60))s" }
        return "\(s)s"
    }
}
