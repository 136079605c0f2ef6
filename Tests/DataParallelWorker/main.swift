import AugmentationADA
import Foundation
import GANCore
import GANKitDistributed
import GANTestSupport
import RegularizerCR
import RegularizerDigGAN
import RegularizerLeCam
import RegularizerR1

// Toy runs for DataParallelParityTests: BN-free MLPs (`ToyGenerator`, `ToyDiscriminator`),
// batch 8, the non-saturating loss, 20 iterations. `DataParallelWorker OUTPUT [--augmented]`
// trains in one process; `mpirun -np N DataParallelWorker OUTPUT --mpi [--augmented]` trains
// data-parallel over N processes.
// - Plain: 32 fixed 1×2×2 images and R1 (γ 1, every 2nd D step).
// - `--augmented`: 32 fixed 3×4×4 images, ADA (sym6, p from 0.6, adjusted every 2 D steps by
//   0.04, so p moves within the run and augments throughout), R1, LeCam (decay 0.9, from D step 5), DigGAN (λ 1) and CR
//   (shifts up to 1 pixel).
// Every rank r (and the lone process, as rank 0) writes G's then D's parameters, in
// `namedParameters()` order, as little-endian Float32 to OUTPUT (rank 0) or OUTPUT.rank<r>, and
// with `--augmented` the methods' state as JSON (`{"ada.p": [p], …}`) to OUTPUT.state or
// OUTPUT.rank<r>.state. With `--hang RANK TIMEOUT` that rank sleeps for ten minutes before
// training and the group's timeout is TIMEOUT seconds. With `--gather` it trains nothing: every
// rank r gathers (r + 0.1, r + 0.2, r + 3.3) through the group and writes what it got, as
// Float32, to OUTPUT or OUTPUT.rank<r>.
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: DataParallelWorker OUTPUT [--mpi [--hang RANK TIMEOUT | --gather]] [--augmented]\n".utf8))
    exit(2)
}
do {
    // `--hang RANK TIMEOUT`: that rank sleeps before training, the others give up after TIMEOUT s.
    let hang = arguments.firstIndex(of: "--hang").map { (Int(arguments[$0 + 1])!, Double(arguments[$0 + 2])!) }
    let group: MPIGroup? = arguments.contains("--mpi") ? try MPIGroup(timeout: hang?.1 ?? 3600) : nil
    if let hang, group?.rank == hang.0 { sleep(600) }
    if arguments.contains("--gather"), let group {
        let own: [Float] = [0.1, 0.2, 3.3].map { Float(group.rank) + $0 }
        let whole = try group.gather(own)
        let output = arguments[1] + (group.rank == 0 ? "" : ".rank\(group.rank)")
        try whole.withUnsafeBufferPointer { Data(buffer: $0) }.write(to: URL(fileURLWithPath: output))
    } else {
        let augmented = arguments.contains("--augmented")
        let size = augmented ? ImageSize(channels: 3, height: 4, width: 4) : Toy.imageSize
        var rng = RandomSource(seed: 11)
        let ada = ADA(interval: 2, speedKimg: 0.4, initialP: 0.6, filter: .sym6)
        let lecam = LeCam(weight: 0.3, decay: 0.9, startStep: 5), diggan = DigGAN(weight: 1)
        var builder = TrainingPipeline.builder()
            .generator(ToyGenerator(outputSize: size, using: &rng))
            .discriminator(ToyDiscriminator(inputSize: size, using: &rng))
            .regularizer(R1(gamma: 1, interval: 2))
            .batchSize(8)
            .seed(5)
            .dataParallel(group)
        if augmented {
            let cr = ConsistencyRegularization(weight: 1, transform: ConsistencyTransform(maximumShift: 1))
            builder = builder.augmentation(ada).regularizer(lecam).regularizer(diggan).regularizer(cr)
        }
        let pipeline = try builder.build()
        let data = TensorDataset(Tensor.uniform([32] + size.shape, low: -1, high: 1, using: &rng))
        for _ in 0..<20 { _ = try pipeline.step(on: data) }
        let rank = group?.rank ?? 0
        let output = arguments[1] + (rank == 0 ? "" : ".rank\(rank)")
        let values = (pipeline.generator.parameters() + pipeline.discriminator.parameters()).flatMap(\.value.scalars)
        try values.withUnsafeBufferPointer { Data(buffer: $0) }.write(to: URL(fileURLWithPath: output))
        if augmented {
            let state: [String: [Double]] = [
                "ada.p": [ada.p], "ada.rt": ada.rt.map { [$0] } ?? [], "lecam.emaReal": [lecam.emaReal], "lecam.emaFake": [lecam.emaFake],
                "diggan.real": diggan.averages?.real.map { Double($0) } ?? [], "diggan.fake": diggan.averages?.fake.map { Double($0) } ?? [],
            ]
            try JSONEncoder().encode(state).write(to: URL(fileURLWithPath: output + ".state"))
        }
    }
} catch {
    FileHandle.standardError.write(Data("DataParallelWorker: \(error)\n".utf8))
    exit(1)
}
