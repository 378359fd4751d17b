/** PyTorch's native kernels behind the DJL SPI's {@code TensorKernels}, and the scripted {@code torch.autograd.grad}. */
package dev.gantrack.djl.kernel;
