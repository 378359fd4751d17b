/** Backend-neutral training data: shapes and batches of floats. */
package dev.gantrack.api.data;
