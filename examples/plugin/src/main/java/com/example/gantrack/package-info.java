/**
 * An example third-party plugin for gantrack: a loss ({@code focal-bce}), a generator ({@code
 * residual-mlp}) and a tracker ({@code csv}), contributed by one {@link
 * com.example.gantrack.ExamplePlugin} and compiled against gantrack's SPI alone.
 */
package com.example.gantrack;
