/**
 * PyTorch's native kernels behind the DJL SPI's {@code TensorKernels}, and the libtorch ops DJL's JNI
 * lacks, run as TorchScript modules written from source ({@code TorchScriptModule}): transposed
 * convolution and the im2col convolution kernels, fused multi-tensor optimizer updates, a parameter
 * list's gradient switch, and {@code torch.autograd.grad} with a graph.
 */
package dev.gantrack.djl.kernel;
