// `gankit`: the commands of GANKitCLI with GANKit's built-in components.
import GANKitCLI

GANKitCLI.main()
