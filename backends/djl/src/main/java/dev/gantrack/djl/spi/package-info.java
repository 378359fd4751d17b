/**
 * Tensor-level plugin interfaces of the DJL backend. A plugin spec (an {@code api} spec type) that
 * also implements the matching interface here can be trained on DJL; another backend would bring
 * its own. gantrack's built-in plugins implement exactly these.
 */
package dev.gantrack.djl.spi;
