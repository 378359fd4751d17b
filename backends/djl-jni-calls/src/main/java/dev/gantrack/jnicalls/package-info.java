/**
 * A Java agent that counts the calls DJL's PyTorch engine makes into its native library ({@code
 * -javaagent:gantrack-djl-jni-calls.jar}): every call site of {@code ai.djl.pytorch.jni.PyTorchLibrary}
 * is rewritten to count first, and the counts are read through the platform MBean {@link
 * dev.gantrack.jnicalls.JniCalls#OBJECT_NAME}.
 */
package dev.gantrack.jnicalls;
