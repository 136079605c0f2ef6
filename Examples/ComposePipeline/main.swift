// The README's "Composing a pipeline in Swift", as a program that compiles and runs:
//   swift run -c release ComposePipeline
// DCGAN-32 with lazy R1 and MS3D on 1000 EmojiOne images (Debian's ruby-gemojione, CC-BY-SA 4.0),
// 200 iterations, writing runs/examples/compose/ with its config.json (run again, it continues
// from the latest checkpoint there, as the README's "Resuming in Swift" says, and so does
// `gankit train --resume runs/examples/compose --iterations 400`). The lines between the markers are the README's
// snippet verbatim (after its `import GANKit`); ReadmeSnippetTests checks that they stay so.
import ExampleSupport
import GANKit

OpenBLASKernels.selectForThisCPU()  // OpenBLAS's kernels for this CPU (docs/performance.md)
ExampleArguments.parseOrExit(usage: "usage: ComposePipeline   (no arguments: 200 iterations into runs/examples/compose/)",
                             flags: []) { _ throws(ExampleArgumentsError) in }

// README snippet: begin
let iterations = 200
let run = "runs/examples/compose/"
var rng = RandomSource(seed: 1)
let pipeline = try TrainingPipeline.builder()
    .generator(DCGANGenerator(resolution: 32, channels: 3, initialization: .dcgan, using: &rng))
    .discriminator(DCGANDiscriminator(resolution: 32, channels: 3, initialization: .dcgan, using: &rng))
    .loss(NonSaturatingLoss())
    .regularizer(R1(gamma: 0.01, interval: 16))
    .regularizer(MS3D(transform: KadanoffBlockSpin(), interval: 16))
    .optimizers(.adam(learningRate: 2e-4, betas: (0.5, 0.999)))
    .generatorEMA(decay: 0.99)
    .seed(1)
    .build()                      // throws a readable error for invalid combinations
GANKit.registerBuiltins()         // the components configurations name, as `gankit` has them
let data = DataSpec()             // the run's "data" section: 1000 EmojiOne images, 32 px RGB
let images = try TrainingRun.loadData(data)
try pipeline.resumeFromLatestCheckpoint(in: run)   // a second run continues from the latest checkpoint
try pipeline.train(on: images, iterations: iterations, observers: [
    ConsoleProgress(), StatsLog(run), SampleGridWriter(run, every: 100),
    LossChart(run, every: 100), Checkpointer(run, every: 100),
    RunConfigurationWriter(run, data: data),       // config.json: `gankit sample` and `train --resume` open the run
])
// README snippet: end
print("samples in \(run)samples/latest.png")
