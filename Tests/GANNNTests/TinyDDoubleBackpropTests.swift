import Foundation
import GANNN
import GANTensor
import Testing

/// The double-backprop reference case of docs/methods.md (PyTorch, float64; recomputed
/// by Fixtures/tinyd_reference.py), reproduced in Float32 with GANNN's Conv2d and Linear.
@Suite struct TinyDDoubleBackpropTests {
    /// conv 3→4 (k 3, stride 2, padding 1) on 8×8, activation, linear 64→1 over NCHW-flattened
    /// features, with the sine-table weights of docs/methods.md.
    final class TinyD: Layer {
        let conv: Conv2d
        let activation: any Layer
        let fc: Linear

        init(activation: any Layer) {
            var rng = RandomSource(seed: 0)
            conv = Conv2d(3, 4, kernelSize: 3, stride: 2, padding: 1, using: &rng)
            fc = Linear(64, 1, using: &rng)
            self.activation = activation
            conv.weight.assign(Tensor(shape: [4, 3, 3, 3], values: Self.table(108, scale: 0.2, phase: 0.1)))
            conv.bias!.assign(Tensor(Self.table(4, scale: 0.05, phase: 0.2)))
            fc.weight.assign(Tensor(shape: [1, 64], values: Self.table(64, scale: 0.1, phase: 0.3)))
            fc.bias!.assign(Tensor([0.01]))
        }

        static func table(_ n: Int, scale: Double, phase: Double) -> [Float] {
            (0..<n).map { Float(scale * sin(0.37 * Double($0) + phase)) }
        }

        var children: [(name: String, module: any Module)] { [("conv", conv), ("act", activation), ("fc", fc)] }

        func callAsFunction(_ x: Tensor) -> Tensor { fc(activation(conv(x)).flattened()) }
    }

    struct Reference: Sendable, CustomTestStringConvertible {
        let name: String
        let d: [Double], r1: Double, sumConvW: Double, normConvW: Double, normFcW: Double
        let firstFourConvW: [Double]
        let convB: [Double]
        var testDescription: String { name }
    }

    static let references = [
        Reference(name: "lrelu", d: [0.0457813135, 0.0790966258], r1: 0.0717793158, sumConvW: 0.2018899186,
                  normConvW: 0.1351909996, normFcW: 0.3441186921,
                  firstFourConvW: [-0.0083497942, -0.0033116876, -0.0018285915, 0.0113311233], convB: [0, 0, 0, 0]),
        Reference(name: "tanh", d: [-0.0081121114, 0.0511015839], r1: 0.0207535557, sumConvW: 0.3185492828,
                  normConvW: 0.1726033965, normFcW: 0.2461371406,
                  firstFourConvW: [-0.0064350292, -0.0042394535, -0.0066995713, 0.0220681210],
                  convB: [-0.0032006891, 0.0016459719, 0.0048472558, 0.0003983989]),
    ]

    static func close(_ a: Float, _ b: Double) -> Bool { abs(Double(a) - b) <= 1e-4 * abs(b) }

    @Test(arguments: references)
    func r1GradientsMatchPyTorch(reference: Reference) throws {
        let model = TinyD(activation: reference.name == "tanh" ? Tanh() as any Layer : LeakyReLU(slope: 0.2))
        let x = Tensor(shape: [2, 3, 8, 8], values: (0..<384).map { Float(cos(0.21 * Double($0))) }).requiringGradient()
        let d = model(x)
        #expect(zip(d.scalars, reference.d).allSatisfy(Self.close), "D(x) = \(d.scalars)")

        // R1 = mean_i ‖∂(Σ_j D(x_j))/∂x_i‖², then its gradient with respect to the weights.
        let gx = try d.sum().gradients(wrt: [x], createGraph: true)[0]
        let r1 = (gx * gx).sum(axes: [1, 2, 3]).mean()
        #expect(Self.close(r1.item, reference.r1), "R1 = \(r1.item)")
        let grads = try r1.gradients(wrt: [model.conv.weight.value, model.conv.bias!.value, model.fc.weight.value])
        let (dConvW, dConvB, dFcW) = (grads[0], grads[1], grads[2])
        let norm = { (t: Tensor) in (t * t).sum().item.squareRoot() }
        #expect(Self.close(dConvW.sum().item, reference.sumConvW), "Σ dR1/dconv.w = \(dConvW.sum().item)")
        #expect(Self.close(norm(dConvW), reference.normConvW), "‖dR1/dconv.w‖ = \(norm(dConvW))")
        #expect(Self.close(norm(dFcW), reference.normFcW), "‖dR1/dfc.w‖ = \(norm(dFcW))")
        let firstFour = Array(dConvW.scalars.prefix(4))
        #expect(zip(firstFour, reference.firstFourConvW).allSatisfy(Self.close), "first four dR1/dconv.w = \(firstFour)")
        if reference.name == "lrelu" {
            #expect(dConvB.scalars == [0, 0, 0, 0])  // exactly: the bias only moves the constant mask
        } else {
            #expect(zip(dConvB.scalars, reference.convB).allSatisfy(Self.close), "dR1/dconv.b = \(dConvB.scalars)")
        }
    }
}
