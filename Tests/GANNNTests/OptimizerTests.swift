import Foundation
import GANNN
import GANTensor
import Testing

/// Adam and SGD against torch.optim on a tiny quadratic (values from
/// Fixtures/adam_quadratic.py), plus state save/restore and frozen parameters.
@Suite struct OptimizerTests {
    static var a: Tensor { Tensor(shape: [2, 2], values: [1.0, 2.0, 0.5, 4.0]) }
    static var c: Tensor { Tensor(shape: [2, 2], values: [0.3, -0.7, 1.2, 0.1]) }
    static var d: Tensor { Tensor([0.5, -0.25, 2.0]) }

    /// 0.5·Σ A⊙(w − C)² + 1.5·Σ (b − D)² + 0.1·(Σw)(Σb), as in the fixture script.
    static func loss(_ w: Parameter, _ b: Parameter) -> Tensor {
        let dw = w.value - c, db = b.value - d
        return 0.5 * (a * dw * dw).sum() + 1.5 * (db * db).sum() + 0.1 * w.value.sum() * b.value.sum()
    }

    static func freshParameters() -> [(String, Parameter)] {
        [("w", Parameter("w", Tensor(shape: [2, 2], values: [1.0, 0.5, -0.5, 2.0]))),
         ("b", Parameter("b", Tensor([0.0, 1.0, -1.0])))]
    }

    /// Runs `steps` optimiser steps and returns w then b flattened after each.
    static func run(_ optimizer: some Optimizer, steps: Int) throws -> [[Float]] {
        let (w, b) = (optimizer.parameters[0].1, optimizer.parameters[1].1)
        var history: [[Float]] = []
        for _ in 0..<steps {
            optimizer.zeroGradients()
            try loss(w, b).backward()
            optimizer.step()
            history.append(w.value.scalars + b.value.scalars)
        }
        return history
    }

    @Test func adamMatchesPyTorch() throws {
        let adam = Adam(Self.freshParameters(), learningRate: 0.1, betas: (0.5, 0.999))
        let history = try Self.run(adam, steps: 5)
        for (mine, torch) in zip(history, TorchOptimizerReference.adamHistory) {
            #expect(isClose(mine, torch), "\(mine) vs \(torch)")
        }
        let moments = try #require(adam.state.moments["w"])
        #expect(moments.step == 5)
        #expect(isClose(moments.m, TorchOptimizerReference.adamWeightM))
        #expect(isClose(moments.v, TorchOptimizerReference.adamWeightV))
    }

    @Test func adamWithWeightDecayMatchesPyTorch() throws {
        let adam = Adam(Self.freshParameters(), learningRate: 0.05, betas: (0.9, 0.99), epsilon: 1e-6, weightDecay: 0.1)
        let history = try Self.run(adam, steps: 5)
        for (mine, torch) in zip(history, TorchOptimizerReference.adamWeightDecayHistory) {
            #expect(isClose(mine, torch), "\(mine) vs \(torch)")
        }
        let moments = try #require(adam.state.moments["w"])
        #expect(isClose(moments.m, TorchOptimizerReference.adamWeightDecayWeightM))
        #expect(isClose(moments.v, TorchOptimizerReference.adamWeightDecayWeightV))
    }

    @Test func sgdWithMomentumMatchesPyTorch() throws {
        let sgd = SGD(Self.freshParameters(), learningRate: 0.05, momentum: 0.9, weightDecay: 0.01)
        let history = try Self.run(sgd, steps: 5)
        for (mine, torch) in zip(history, TorchOptimizerReference.sgdMomentumHistory) {
            #expect(isClose(mine, torch), "\(mine) vs \(torch)")
        }
    }

    @Test func adamStateRestoredThroughJSONContinuesIdentically() throws {
        let original = Adam(Self.freshParameters(), learningRate: 0.1, betas: (0.5, 0.999))
        _ = try Self.run(original, steps: 2)
        let data = try JSONEncoder().encode(original.state)
        let copies = original.parameters.map { ($0.0, Parameter($0.0, $0.1.value)) }
        let resumed = Adam(copies, learningRate: 0.1, betas: (0.5, 0.999))
        try resumed.restore(JSONDecoder().decode(Adam.State.self, from: data))
        #expect(resumed.state == original.state)
        #expect(try Self.run(resumed, steps: 3) == Self.run(original, steps: 3))
    }

    @Test func sgdStateRestoredThroughJSONContinuesIdentically() throws {
        let original = SGD(Self.freshParameters(), learningRate: 0.05, momentum: 0.9)
        _ = try Self.run(original, steps: 2)
        let data = try JSONEncoder().encode(original.state)
        let copies = original.parameters.map { ($0.0, Parameter($0.0, $0.1.value)) }
        let resumed = SGD(copies, learningRate: 0.05, momentum: 0.9)
        try resumed.restore(JSONDecoder().decode(SGD.State.self, from: data))
        #expect(try Self.run(resumed, steps: 3) == Self.run(original, steps: 3))
    }

    /// The checkpoint form of the state (`Optimizer.checkpointState`) restores either optimiser
    /// exactly: Adam's m, v and step count, SGD's momentum buffer.
    @Test(arguments: [true, false])
    func checkpointStateRestoresAndContinuesIdentically(adam: Bool) throws {
        func make(_ parameters: [(String, Parameter)]) -> any Optimizer {
            adam ? Adam(parameters, learningRate: 0.1, betas: (0.5, 0.999)) : SGD(parameters, learningRate: 0.05, momentum: 0.9)
        }
        let original = make(Self.freshParameters())
        _ = try Self.run(original, steps: 2)
        let saved = original.checkpointState
        #expect(saved.keys.sorted() == ["b", "w"])
        #expect(saved.values.allSatisfy { Set($0.buffers.keys) == Set(type(of: original).bufferNames) && ($0.step == (adam ? 2 : nil)) })
        let resumed = make(original.parameters.map { ($0.0, Parameter($0.0, $0.1.value)) })
        try resumed.restore(checkpointState: saved)
        #expect(resumed.checkpointState == saved)
        #expect(try Self.run(resumed, steps: 3) == Self.run(original, steps: 3))
    }

    @Test func checkpointStateWithoutAPartTheOptimiserNeedsIsRefused() throws {
        let adam = Adam(Self.freshParameters())
        #expect(throws: OptimizerStateError.missingPart(parameter: "b", part: "step count")) {
            try adam.restore(checkpointState: ["b": ParameterState(step: nil, buffers: ["m": [0, 0, 0], "v": [0, 0, 0]])])
        }
        let sgd = SGD(Self.freshParameters(), learningRate: 0.1, momentum: 0.9)
        #expect(throws: OptimizerStateError.missingPart(parameter: "b", part: "momentum buffer")) {
            try sgd.restore(checkpointState: ["b": ParameterState(step: 1, buffers: ["m": [0, 0, 0]])])
        }
    }

    @Test func restoringStateOfAnotherModelFails() throws {
        let adam = Adam(Self.freshParameters())
        let stranger = Adam.State(moments: ["conv.weight": .init(step: 1, m: [0], v: [0])])
        #expect(throws: OptimizerStateError.unknownParameter("conv.weight")) { try adam.restore(stranger) }
        let wrongSize = Adam.State(moments: ["b": .init(step: 1, m: [0, 0], v: [0, 0])])
        #expect(throws: OptimizerStateError.sizeMismatch(parameter: "b", expected: 3, found: 2)) { try adam.restore(wrongSize) }
    }

    @Test func frozenParametersAndParametersWithoutGradientAreNotUpdated() throws {
        let parameters = Self.freshParameters()
        let (w, b) = (parameters[0].1, parameters[1].1)
        let unused = Parameter("unused", Tensor([1, 2]))
        w.isTrainable = false
        let adam = Adam(parameters + [("unused", unused)], learningRate: 0.1)
        let before = w.value.scalars, bBefore = b.value.scalars
        try Self.loss(w, b).backward()
        adam.step()
        #expect(w.value.scalars == before)
        #expect(b.value.scalars != bBefore)
        #expect(unused.value.scalars == [1, 2])
        #expect(adam.state.moments.keys.sorted() == ["b"])
    }

    @Test func anUpdateKeepsTheLeafWhileEarlierGraphsKeepTheirValues() throws {
        let parameters = Self.freshParameters()
        let (w, b) = (parameters[0].1, parameters[1].1)
        let identity = w.value.gradientIdentity
        let earlier = Self.loss(w, b)
        let gradientBefore = try earlier.gradients(wrt: [w.value])[0].scalars
        try earlier.backward()
        SGD(parameters, learningRate: 0.1).step()
        #expect(w.value.gradientIdentity == identity)
        // The graph recorded before the step still sees the old values (copy on write)…
        #expect(try earlier.gradients(wrt: [w.value])[0].scalars == gradientBefore)
        // …and a new graph sees the new ones, through the same leaf.
        let fresh = Parameter("w", w.value)
        let expected = try Self.loss(fresh, b).gradients(wrt: [fresh.value])[0].scalars
        #expect(try Self.loss(w, b).gradients(wrt: [w.value])[0].scalars == expected)
        #expect(expected != gradientBefore)
    }
}
