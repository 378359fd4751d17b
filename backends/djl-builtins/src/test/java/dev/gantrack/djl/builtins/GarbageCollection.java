package dev.gantrack.djl.builtins;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** For tests that a gradient does not depend on memory the garbage collector may reclaim. */
public final class GarbageCollection {
  private GarbageCollection() {}

  /** Runs the garbage collector and reuses what it freed for direct buffers holding NaN. */
  public static void collectAndOverwriteFreedMemory() throws InterruptedException {
    List<ByteBuffer> reused = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(20);
      for (int j = 0; j < 500; j++) {
        reused.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, Float.NaN));
      }
    }
  }
}
