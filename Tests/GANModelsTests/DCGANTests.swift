import Foundation
import GANCore
import GANModels
import GANNN
import GANTensor
import Testing

/// DCGAN at 32 px is the PyTorch model of scripts/torch_dcgan_bench.py (the speed
/// reference): same parameter names, shapes and count, and the same function. The reference
/// values come from Fixtures/dcgan32_reference.py, which carries a copy of the bench's G and D.
@Suite struct DCGANTests {
    static func model32(using rng: inout RandomSource) -> (g: DCGANGenerator, d: DCGANDiscriminator) {
        (DCGANGenerator(resolution: 32, channels: 3, using: &rng), DCGANDiscriminator(resolution: 32, channels: 3, using: &rng))
    }

    @Test func parameterCountsAtThirtyTwoPixelsEqualPyTorchs() {
        var rng = RandomSource(seed: 1)
        let (g, d) = Self.model32(using: &rng)
        // `python3 scripts/torch_dcgan_bench.py --steps 1 --warmup 0` printed
        // info {"G_params": 1187907, "D_params": 662977, …} (torch 2.13.0+cpu); so does
        // `python3 Fixtures/dcgan32_reference.py`.
        #expect(g.parameterCount == 1_187_907)
        #expect(d.parameterCount == 662_977)
    }

    @Test func parameterNamesAndShapesAtThirtyTwoPixelsEqualPyTorchs() {
        var rng = RandomSource(seed: 1)
        let (g, d) = Self.model32(using: &rng)
        // `[(n, list(p.shape)) for n, p in model.named_parameters()]`, printed by
        // `python3 Fixtures/dcgan32_reference.py`.
        let torchG: [(String, [Int])] = [
            ("fc.weight", [4096, 128]), ("fc.bias", [4096]), ("bn0.weight", [256]), ("bn0.bias", [256]),
            ("net.0.weight", [256, 128, 4, 4]), ("net.0.bias", [128]), ("net.1.weight", [128]), ("net.1.bias", [128]),
            ("net.3.weight", [128, 64, 4, 4]), ("net.3.bias", [64]), ("net.4.weight", [64]), ("net.4.bias", [64]),
            ("net.6.weight", [64, 3, 4, 4]), ("net.6.bias", [3]),
        ]
        let torchD: [(String, [Int])] = [
            ("net.0.weight", [64, 3, 4, 4]), ("net.0.bias", [64]), ("net.2.weight", [128, 64, 4, 4]), ("net.2.bias", [128]),
            ("net.4.weight", [256, 128, 4, 4]), ("net.4.bias", [256]), ("fc.weight", [1, 4096]), ("fc.bias", [1]),
        ]
        #expect(g.namedParameters().map(\.0) == torchG.map(\.0))
        #expect(g.namedParameters().map(\.1.shape) == torchG.map(\.1))
        #expect(d.namedParameters().map(\.0) == torchD.map(\.0))
        #expect(d.namedParameters().map(\.1.shape) == torchD.map(\.1))
    }

    /// Parameter k of shape s gets amp·sin(0.37·i + 0.1·k) at flat index i, amp = 1/√fan_in for
    /// rank ≥ 2 and 0.1 otherwise: the rule of the fixture script.
    static func setClosedForm(_ model: any Module) {
        for (k, (_, p)) in model.namedParameters().enumerated() {
            let amp = p.shape.count >= 2 ? 1 / Double(Initializer.fans(p.shape).fanIn).squareRoot() : 0.1
            p.assign(Tensor(shape: p.shape, values: (0..<p.count).map { Float(amp * sin(0.37 * Double($0) + 0.1 * Double(k))) }))
        }
    }

    static func close(_ a: Float, _ b: Double, relative: Double = 1e-4, absolute: Double = 1e-6) -> Bool {
        abs(Double(a) - b) <= absolute + relative * abs(b)
    }

    @Test func forwardPassesAndR1MatchPyTorch() throws {
        var rng = RandomSource(seed: 1)
        let (g, d) = Self.model32(using: &rng)
        Self.setClosedForm(g)
        Self.setClosedForm(d)
        let z = Tensor(shape: [2, 128], values: (0..<256).map { Float(cos(0.21 * Double($0))) })
        let x = Tensor(shape: [2, 3, 32, 32], values: (0..<6144).map { Float(0.9 * cos(0.13 * Double($0))) })

        // Reference values printed by `python3 Fixtures/dcgan32_reference.py` (float64).
        let fake = g(z)  // training mode: batch statistics
        let indices = [0, 1, 777, 1500, 3071, 3072, 4999, 6143]
        let expectedFake = [0.10990075712757905, 0.1304264593055125, -0.008581471807342875, 0.11419644852483507,
                            0.09911164713925134, 0.10991854002306505, 0.18255452254168247, 0.046012401074233975]
        let values = fake.scalars
        for (index, expected) in zip(indices, expectedFake) {
            #expect(Self.close(values[index], expected), "G(z)[\(index)] = \(values[index]), PyTorch \(expected)")
        }
        let dFake = d(fake).scalars
        #expect(Self.close(dFake[0], 0.04223042164872098) && Self.close(dFake[1], 0.042148896695903354), "D(G(z)) = \(dFake)")

        let dReal = d(x).scalars
        #expect(Self.close(dReal[0], 0.034805537473976356) && Self.close(dReal[1], 0.04166375784368532), "D(x) = \(dReal)")
        let r1 = try r1Penalty(d, x, createGraph: true)
        #expect(Self.close(r1.item, 2.6917356536520676e-06, absolute: 0), "R1 = \(r1.item)")
        let firstWeight = d.namedParameters().first { $0.0 == "net.0.weight" }!.1
        let grads = try r1.gradients(wrt: [firstWeight.value, d.fc.weight.value])
        let norm = { (t: Tensor) in (t * t).sum().item.squareRoot() }
        #expect(Self.close(norm(grads[0]), 1.6630182537186587e-05, absolute: 0), "‖∂R1/∂net.0.weight‖ = \(norm(grads[0]))")
        #expect(Self.close(norm(grads[1]), 0.0005997637281021553, absolute: 0), "‖∂R1/∂fc.weight‖ = \(norm(grads[1]))")
    }

    @Test func sixtyFourPixelsAddsOneBlockWithEightTimesTheWidthAtFourByFour() {
        var rng = RandomSource(seed: 1)
        let g = DCGANGenerator(resolution: 64, channels: 3, width: 64, using: &rng)
        let d = DCGANDiscriminator(resolution: 64, channels: 3, width: 64, using: &rng)
        #expect(g.namedParameters().map(\.1.shape).filter { $0.count == 4 } ==
                [[512, 256, 4, 4], [256, 128, 4, 4], [128, 64, 4, 4], [64, 3, 4, 4]])
        #expect(g.fc.outputSize == 4 * 4 * 512 && g.bn0.channels == 512)
        #expect(d.namedParameters().map(\.1.shape).filter { $0.count == 4 } ==
                [[64, 3, 4, 4], [128, 64, 4, 4], [256, 128, 4, 4], [512, 256, 4, 4]])
        #expect(d.fc.inputSize == 4 * 4 * 512)
        #expect(d.blocks.count == 5)
    }

    /// Mean and standard deviation of `values`.
    static func moments(_ values: [Float]) -> (mean: Double, std: Double) {
        let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count)
        return (mean, variance.squareRoot())
    }

    @Test func dcganInitialisationDrawsWeightsFromNormalZeroPointZeroTwo() {
        var rng = RandomSource(seed: 2)
        let g = DCGANGenerator(resolution: 32, channels: 3, initialization: .dcgan, using: &rng)
        let d = DCGANDiscriminator(resolution: 32, channels: 3, initialization: .dcgan, using: &rng)
        for (name, p) in g.namedParameters() + d.namedParameters() {
            let (mean, std) = Self.moments(p.value.scalars)
            if name.hasSuffix("bias") {
                #expect(p.value.scalars.allSatisfy { $0 == 0 }, "\(name)")
            } else if p.shape.count == 1 {  // BatchNorm γ ~ N(1, 0.02²)
                #expect(abs(mean - 1) < 0.01 && abs(std - 0.02) < 0.005, "\(name): mean \(mean), std \(std)")
            } else {
                #expect(abs(mean) < 0.002 && abs(std - 0.02) < 0.002, "\(name): mean \(mean), std \(std)")
            }
        }
    }

    /// Every Linear and convolution (4 in G, 4 in D) draws weight and bias from U(±1/√fan_in).
    @Test func pytorchDefaultInitialisationFillsOneOverRootFanIn() {
        var rng = RandomSource(seed: 3)
        let (g, d) = Self.model32(using: &rng)
        var checkedLayers = 0
        for model in [g as any Module, d] {
            let parameters = Dictionary(uniqueKeysWithValues: model.namedParameters())
            for (name, weight) in parameters where weight.shape.count >= 2 {
                let bias = parameters[String(name.dropLast("weight".count)) + "bias"]!
                let bound = 1 / Float(Initializer.fans(weight.shape).fanIn).squareRoot()
                let values = weight.value.scalars + bias.value.scalars
                #expect(values.allSatisfy { abs($0) <= bound }, "\(name) exceeds ±\(bound)")
                #expect(values.contains { abs($0) > 0.9 * bound }, "\(name) does not spread to ±\(bound)")
                checkedLayers += 1
            }
        }
        #expect(checkedLayers == 8)
    }
}
