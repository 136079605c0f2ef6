import Foundation
import GANCore
import Testing

/// Golden values that a committed script wrote beside a test: a JSON object whose `tensors` maps
/// names to `{"shape": [...], "values": [...]}` (float32), whose `config` holds the integer
/// settings the script used under its own names, and whose other keys a test reads with `value`.
/// This is how a component is checked against its authors' code without that code (or PyTorch)
/// in CI.
public struct TensorFixture: Decodable, Sendable {
    /// One tensor: its shape and its values in row-major order.
    public struct Entry: Decodable, Sendable {
        public let shape: [Int]
        public let values: [Float]
    }

    /// The integer settings the script used, under the script's names.
    public let config: [String: Int]
    /// The recorded tensors by name.
    public let tensors: [String: Entry]

    /// The fixture `name` in the folder of `filePath` (the test's own `#filePath`: fixtures
    /// excluded from a test target are read from the source tree). A missing or malformed file
    /// stops the test run, naming the file and the `script` that regenerates it.
    public static func load(_ name: String, script: String, besides filePath: String = #filePath) -> TensorFixture {
        let url = location(of: name, besides: filePath)
        guard let data = try? Data(contentsOf: url), let fixture = try? JSONDecoder().decode(TensorFixture.self, from: data) else {
            fatalError("\(url.path) is missing or malformed; regenerate it with \(script)")
        }
        return fixture
    }

    /// The fixture `name`'s key `key`, one of the keys besides `config` and `tensors` that a test
    /// reads itself, decoded as `T` with the script's snake-case names converted to camel case
    /// (`d_receives_gradient` fills `dReceivesGradient`). A missing file or key, or a value that is
    /// not a `T`, stops the test run, naming the file, the key and the `script` that regenerates it.
    public static func value<T: Decodable>(_ key: String, of name: String, as type: T.Type = T.self, script: String,
                                           besides filePath: String = #filePath) -> T {
        let url = location(of: name, besides: filePath)
        guard let data = try? Data(contentsOf: url), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let entry = object[key], let entryData = try? JSONSerialization.data(withJSONObject: entry, options: .fragmentsAllowed) else {
            fatalError("\(url.path) has no '\(key)'; regenerate it with \(script)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let value = try? decoder.decode(T.self, from: entryData) else {
            fatalError("\(url.path)'s '\(key)' is not a \(T.self); regenerate it with \(script)")
        }
        return value
    }

    /// The file `name` in the folder of `filePath`.
    private static func location(of name: String, besides filePath: String) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent(name)
    }

    /// The integer setting `key` of `config`; a missing key stops the test run, naming it.
    public func setting(_ key: String) -> Int {
        guard let value = config[key] else { fatalError("the fixture's config has no '\(key)'") }
        return value
    }

    /// The tensor `name`; a missing one stops the test run, naming it.
    public func tensor(_ name: String) -> Tensor {
        guard let entry = tensors[name] else { fatalError("the fixture has no tensor '\(name)'") }
        return Tensor(shape: entry.shape, values: entry.values)
    }

    /// Sets every parameter and buffer of `module` to the fixture's tensor `<prefix>.<name>`.
    public func assign(to module: any Module, prefix: String) {
        for (name, p) in module.namedParameters() { p.assign(tensor("\(prefix).\(name)")) }
        for (name, b) in module.namedBuffers() { b.assign(tensor("\(prefix).\(name)")) }
    }

    /// Expects `actual` to have the shape of the fixture's tensor `name` and to be within
    /// `relative` · max |expected| of it everywhere, or within `absolute` where the recorded
    /// tensor is exactly zero (a value the reference computes as zero, such as the gradient of a
    /// parameter the output does not depend on, leaves no scale to be relative to).
    public func expectClose(_ actual: Tensor, _ name: String, relative: Float = 1e-4, absolute: Float = 1e-7,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = tensor(name)
        let scale = expected.scalars.reduce(Float(0)) { max($0, abs($1)) }
        let error = zip(actual.scalars, expected.scalars).reduce(Float(0)) { max($0, abs($1.0 - $1.1)) }
        #expect(actual.shape == expected.shape, "\(name): shape \(actual.shape) vs \(expected.shape)", sourceLocation: sourceLocation)
        #expect(error <= (scale > 0 ? relative * scale : absolute), "\(name): max error \(error) at scale \(scale)",
                sourceLocation: sourceLocation)
    }
}
