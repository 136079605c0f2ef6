import Foundation
import GANMetrics
import Testing

/// Tensors of TorchScript files that torch.jit.save wrote (Fixtures/make_fixtures.py), named as
/// the module's state_dict names them; non-contiguous or non-float32 tensors are errors naming
/// the tensor.
@Suite struct TorchScriptArchiveTests {
    @Test func readsEveryTensorUnderItsStateDictName() throws {
        let tensors = try TorchScriptArchive.tensors(in: ZipArchive(contentsOf: Fixture.url("tiny_module.pt")))
        #expect(tensors.keys.sorted() == ["block.mean", "block.weight"])
        #expect(tensors["block.weight"]?.shape == [2, 3])
        #expect(tensors["block.weight"]?.scalars == [0, 0.25, 0.5, 0.75, 1, 1.25])
        #expect(tensors["block.mean"]?.shape == [3])
        #expect(tensors["block.mean"]?.scalars == [-1, 0.5, 2])
    }

    @Test(arguments: [
        ("tiny_transposed.pt", "block.weight", "it is not contiguous: size [2, 3], stride [1, 2]"),
        ("tiny_float64.pt", "block.mean", "its storage is torch.DoubleStorage; only torch.FloatStorage (float32) is read"),
    ])
    func unsupportedTensorsAreErrorsNamingTheTensor(file: String, tensor: String, reason: String) throws {
        let url = try Fixture.url(file)
        #expect(throws: GANMetricsError.unsupportedTensor(path: url.path, tensor: tensor, reason: reason)) {
            try TorchScriptArchive.tensors(in: ZipArchive(contentsOf: url))
        }
    }

    @Test func aZipWithoutDataPickleIsAnError() throws {
        let url = try Fixture.url("stored_and_deflated.zip")
        #expect(throws: GANMetricsError.corruptZip(path: url.path, reason: "it is not a TorchScript file: 0 '<name>/data.pkl' entries, expected 1")) {
            try TorchScriptArchive.tensors(in: ZipArchive(contentsOf: url))
        }
    }
}
