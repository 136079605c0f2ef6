import Foundation
@testable import GANBench
import Testing

/// A PyTorch peer that cannot run (python3 or torch missing, a wrong path, output that is no
/// JSON) gives a failure saying so, which the benchmarks print, never a trap; a working one gives
/// its last line's figures. The peers run `python3 -c` one-liners, not torch.
@Suite struct PythonPeerTests {
    /// The failure `lastJSONObject` throws for `arguments`, or nil when it returns an object.
    static func failure(_ arguments: [String]) -> PythonPeer.Failure? {
        do {
            _ = try PythonPeer.lastJSONObject(arguments)
            return nil
        } catch {
            return error
        }
    }

    @Test func aMissingScriptIsAFailureNamingItsCommandAndStatus() throws {
        let failure = try #require(Self.failure(["/nonexistent/torch_bench.py", "--steps", "3"]))
        #expect(failure.description.contains("python3 /nonexistent/torch_bench.py --steps 3 exited with status"), "\(failure)")
    }

    @Test func aScriptThatFailsIsQuotedByTheLastLineOfItsErrorOutput() throws {
        let failure = try #require(Self.failure(["-c", "import sys; print('{}'); sys.exit(\"No module named 'torch'\")"]))
        #expect(failure.description.contains("exited with status 1: No module named 'torch'"), "\(failure)")
    }

    @Test func aLastLineThatIsNoJSONObjectIsAFailure() throws {
        let failure = try #require(Self.failure(["-c", "print('{\"rate\": 2.5}'); print('done')"]))
        #expect(failure.description.contains("printed no JSON object on its last line"), "\(failure)")
    }

    @Test func theLastLinesFiguresAreRead() throws {
        let object = try PythonPeer.lastJSONObject(["-c", "print('warming up'); print('{\"rate\": 2.5, \"G_params\": 7}')"])
        let rate: Double = try PythonPeer.field("rate", of: object, from: "peer.py")
        let parameters: Int = try PythonPeer.field("G_params", of: object, from: "peer.py")
        #expect(rate == 2.5 && parameters == 7)
        #expect(throws: PythonPeer.Failure.self) { let _: Double = try PythonPeer.field("torch_peak_rss_mb", of: object, from: "peer.py") }
    }
}
