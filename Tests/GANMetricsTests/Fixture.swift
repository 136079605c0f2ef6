import Foundation
import Testing

/// The files in Fixtures/ (written by Fixtures/make_fixtures.py and make_inception_reference.py).
enum Fixture {
    /// The URL of the fixture `name`.
    static func url(_ name: String) throws -> URL {
        let url = (name as NSString)
        return try #require(Bundle.module.url(forResource: url.deletingPathExtension, withExtension: url.pathExtension,
                                              subdirectory: "Fixtures"), "missing fixture \(name)")
    }

    /// The bytes of the fixture `name`.
    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: url(name))
    }
}
