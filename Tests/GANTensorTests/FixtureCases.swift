import Foundation
import GANTensor
import Testing

/// One tensor of a PyTorch fixture file of this target (`Fixtures/fixture_json.py`'s `as_json`):
/// its shape and its values in row-major order.
struct FixtureValues: Decodable, Sendable {
    let shape: [Int], values: [Float]
    var tensor: Tensor { Tensor(shape: shape, values: values) }
}

/// A fixture file: its cases (the other keys say which script and PyTorch wrote it).
struct FixtureFile<Case: Decodable>: Decodable { let cases: [Case] }

/// The `cases` of the fixture `Fixtures/<name>.json` (written by `fixture_json.py`'s
/// `write_cases`); a missing or malformed file stops the test run, naming the file and the
/// `script` that regenerates it.
func fixtureCases<Case: Decodable>(_ name: String, script: String) -> [Case] {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
          let data = try? Data(contentsOf: url),
          let file = try? JSONDecoder().decode(FixtureFile<Case>.self, from: data) else {
        fatalError("Fixtures/\(name).json is missing or malformed; regenerate it with \(script)")
    }
    return file.cases
}

/// Expects `actual` to have `expected`'s shape and max |actual − expected| ≤ `relative` ·
/// max |expected| (so exactly zero where the reference is all zeros); `what` names the quantity
/// in a failure.
func expectRelativelyClose(_ actual: Tensor, _ expected: FixtureValues, relative: Float, _ what: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.shape == expected.shape, "\(what): shape \(actual.shape) vs \(expected.shape)", sourceLocation: sourceLocation)
    guard actual.shape == expected.shape else { return }
    let scale = expected.values.map(abs).max() ?? 0
    let error = zip(actual.scalars, expected.values).map { abs($0 - $1) }.max() ?? 0
    #expect(error <= relative * scale, "\(what): max error \(error) at scale \(scale)", sourceLocation: sourceLocation)
}
