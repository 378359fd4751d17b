/**
 * Complete, atomic checkpoints of a run: every part's state ({@code RunState}) in one file per part
 * with a manifest of sizes and SHA-256 checksums, written under a temporary name and renamed
 * ({@code CheckpointWriter}); listing, checking, pinning and keeping the newest ({@code
 * CheckpointFolder}); restoring in place ({@code Checkpoints}); when they are written ({@code
 * CheckpointSchedule}); and the final weights in DJL's own format for users.
 */
package dev.gantrack.djl.checkpoint;
