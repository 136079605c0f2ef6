// GANCore is what a plug-in imports: it brings the tensor engine and the module layer with it,
// so a regularizer target depends on GANCore alone.
@_exported import GANNN
@_exported import GANTensor
