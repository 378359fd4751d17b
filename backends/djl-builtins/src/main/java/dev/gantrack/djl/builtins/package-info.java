/**
 * gantrack's built-in plugin types for the DJL backend, one package per role, registered by {@link
 * dev.gantrack.djl.builtins.BuiltinsPlugin} through the same SPI a third-party plugin uses (this module is
 * compiled against gantrack-djl-spi alone).
 */
package dev.gantrack.djl.builtins;
