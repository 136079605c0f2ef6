// Every gankit command (train, sample, evaluate, …) with this package's components registered
// beside GANKit's built-ins, e.g. `swift run -c release <this target> train --config run.json`.
import GANKitCLI
import RegularizerR2

GANKitCLI.main(registering: [
    R2.self,
])
