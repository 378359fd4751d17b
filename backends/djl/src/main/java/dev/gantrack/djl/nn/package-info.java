/** Network layers the PyTorch engine lacks or that gantrack needs (transposed convolution, ...). */
package dev.gantrack.djl.nn;
