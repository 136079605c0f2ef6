import Foundation
import GANTensor
import Testing

/// upfirdn2d (and upsample2d, downsample2d, filter2d), conv2dResample, modulatedConv2d and
/// minibatchStandardDeviation against stylegan2-ada-pytorch's own functions, run by
/// Fixtures/make_stylegan2_ops_fixtures.py in float64: forward values, the gradient of
/// L = Σ y ⊙ proj for every input, and for the nonlinear cases the gradient of
/// H = Σ_k ⟨∂L/∂input_k, v_k⟩ taken with createGraph (second order), all to 1e-4 relative.
@Suite struct StyleGAN2OpsFixtureTests {
    typealias Values = FixtureValues

    struct Filter: Decodable {
        let height: Int, width: Int, taps: [Float], normalize: Bool
        var fir: FIRFilter { normalize ? FIRFilter(taps) : FIRFilter(height: height, width: width, taps: taps) }
    }

    struct Case: Decodable, CustomTestStringConvertible, Sendable {
        let kind: String
        let inputs: [String: Values], proj: Values, y: Values, grad: [String: Values]
        let directions: [String: Values]?, hess: [String: Values]?
        let filter: Filter?, firPadding: [Int]?, flipFilter: Bool?, gain: Float?
        let up: Int?, down: Int?, padding: Int?, flipWeight: Bool?, demodulate: Bool?
        let groupSize: Int?, channels: Int?

        var testDescription: String {
            "\(kind) x\(inputs["x"]!.shape) up \(up ?? 1) down \(down ?? 1) pad \(firPadding.map { "\($0)" } ?? "\(padding ?? 0)")"
        }

        /// Input names in the order the op takes them.
        var names: [String] {
            switch kind {
            case "conv2dResample": ["x", "w"]
            case "modulatedConv2d": ["x", "weight", "styles"] + (inputs["noise"] == nil ? [] : ["noise"])
            default: ["x"]
            }
        }

        func apply(_ t: [String: Tensor]) -> Tensor {
            let x = t["x"]!
            switch kind {
            case "upfirdn2d":
                let p = firPadding!
                return x.upfirdn2d(filter!.fir, up: up!, down: down!, padding: FIRPadding(x0: p[0], x1: p[1], y0: p[2], y1: p[3]),
                                   flipFilter: flipFilter!, gain: gain!)
            case "upsample2d": return x.upsample2d(filter!.fir, factor: up!)
            case "downsample2d": return x.downsample2d(filter!.fir, factor: down!)
            case "filter2d": return x.filter2d(filter!.fir)
            case "conv2dResample":
                return Tensor.conv2dResample(x, t["w"]!, up: up!, down: down!, padding: padding!, flipWeight: flipWeight!).tanh()
            case "modulatedConv2d":
                return Tensor.modulatedConv2d(x, weight: t["weight"]!, styles: t["styles"]!, noise: t["noise"], up: up!,
                                              padding: padding!, demodulate: demodulate!, flipWeight: flipWeight!).tanh()
            case "minibatchStandardDeviation":
                let y = x.minibatchStandardDeviation(groupSize: groupSize!, channels: channels!)
                return y * y
            default: fatalError("stylegan2_ops_fixtures.json: unknown kind \(kind)")
            }
        }
    }

    static let cases: [Case] = fixtureCases("stylegan2_ops_fixtures", script: "make_stylegan2_ops_fixtures.py")

    /// max |actual − expected| ≤ 1e-4 · max |expected|.
    static func expectClose(_ actual: Tensor, _ expected: Values, _ what: String, _ c: Case) {
        expectRelativelyClose(actual, expected, relative: 1e-4, "\(what) of \(c.testDescription)")
    }

    @Test func fixtureFileCoversEveryOp() {
        #expect(Set(Self.cases.map(\.kind)) == ["upfirdn2d", "upsample2d", "downsample2d", "filter2d", "conv2dResample",
                                               "modulatedConv2d", "minibatchStandardDeviation"])
        #expect(Self.cases.filter { $0.hess != nil }.count == 11)
    }

    @Test(arguments: cases)
    func matchesTheOfficialCode(_ c: Case) throws {
        let names = c.names
        let leaves = names.map { c.inputs[$0]!.tensor.requiringGradient() }
        let y = c.apply(Dictionary(uniqueKeysWithValues: zip(names, leaves)))
        Self.expectClose(y, c.y, "forward", c)
        let grads = try (y * c.proj.tensor).sum().gradients(wrt: leaves, createGraph: c.hess != nil)
        for (name, g) in zip(names, grads) { Self.expectClose(g, c.grad[name]!, "∂L/∂\(name)", c) }
        guard let hess = c.hess, let directions = c.directions else { return }
        var h = Tensor(0)
        for (name, g) in zip(names, grads) { h = h + (g * directions[name]!.tensor).sum() }
        let second = try h.gradients(wrt: leaves)
        for (name, g) in zip(names, second) { Self.expectClose(g, hess[name]!, "∂H/∂\(name)", c) }
    }
}
