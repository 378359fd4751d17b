/** Generator and discriminator networks: {@code mlp} and {@code dcgan} (conditional, packed, minibatch-std variants). */
package dev.gantrack.djl.builtins.network;
