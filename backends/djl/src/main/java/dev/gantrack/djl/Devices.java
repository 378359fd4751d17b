package dev.gantrack.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Picks the device a run trains on and tells what native PyTorch library is loaded. */
public final class Devices {
  private Devices() {}

  /**
   * {@code auto}: the first GPU when DJL reports one, else the CPU. {@code gpu} / {@code gpu:N}
   * fail fast when only a CPU build of libtorch is loaded (DJL itself only warns and falls back).
   */
  public static Device resolve(String requested) {
    problem(requested).ifPresent(message -> {
      throw new IllegalStateException(message);
    });
    if ("cpu".equals(requested)) {
      return Device.cpu();
    }
    int gpus = Engine.getEngine("PyTorch").getGpuCount();
    if ("auto".equals(requested)) {
      return gpus > 0 ? Device.gpu() : Device.cpu();
    }
    return Device.gpu(gpuIndex(requested));
  }

  /**
   * Why {@code requested} cannot be used here, if it cannot: a GPU asked for when the loaded PyTorch
   * library sees none (or fewer). Loads the engine only for a GPU request; {@code auto} and {@code
   * cpu} are always usable.
   */
  public static java.util.Optional<String> problem(String requested) {
    if ("auto".equals(requested) || "cpu".equals(requested)) {
      return java.util.Optional.empty();
    }
    int gpus;
    try {
      gpus = Engine.getEngine("PyTorch").getGpuCount();
    } catch (RuntimeException | LinkageError e) {
      return java.util.Optional.of("'" + requested + "' was asked for, but the PyTorch engine does not load ("
          + e.getMessage() + "); run `gantrack doctor`");
    }
    if (gpus == 0) {
      return java.util.Optional.of("'" + requested + "' was asked for, but the loaded PyTorch library ("
          + nativeFlavor() + ") sees no CUDA GPU; run `gantrack doctor`, or use device: auto | cpu");
    }
    int index = gpuIndex(requested);
    if (index >= gpus) {
      return java.util.Optional.of("'" + requested + "' does not exist; this machine has " + gpus + " GPU(s)"
          + " (gpu:0 to gpu:" + (gpus - 1) + ")");
    }
    return java.util.Optional.empty();
  }

  private static int gpuIndex(String requested) {
    return requested.contains(":") ? Integer.parseInt(requested.substring(requested.indexOf(':') + 1)) : 0;
  }

  /** The flavour of the native library jar on the class path (cpu, cu126, ...), or "downloaded". */
  public static String nativeFlavor() {
    String flavor = System.getenv("PYTORCH_FLAVOR");
    if (flavor != null) {
      return flavor + " (PYTORCH_FLAVOR)";
    }
    try (InputStream in = Devices.class.getResourceAsStream("/native/lib/pytorch.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("flavor", "?") + " " + p.getProperty("version", "") + " (native jar on the class path)";
      }
    } catch (Exception e) {
      // fall through
    }
    return "none bundled (DJL downloads one on first use)";
  }

  /** Facts for {@code gantrack doctor}. */
  public static Map<String, String> diagnose() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    out.put("cpus", String.valueOf(Runtime.getRuntime().availableProcessors()));
    out.put("native library", nativeFlavor());
    try {
      Engine engine = Engine.getEngine("PyTorch");
      out.put("engine", "DJL " + Engine.getDjlVersion() + ", PyTorch " + engine.getVersion());
      int gpus = engine.getGpuCount();
      out.put("gpus", String.valueOf(gpus));
      out.put("default device", gpus > 0 ? Device.gpu().toString() : Device.cpu().toString());
      String cuda = ai.djl.util.cuda.CudaUtils.hasCuda() ? ai.djl.util.cuda.CudaUtils.getCudaVersionString() : "none";
      out.put("cuda runtime", cuda);
      if (gpus == 0 && ai.djl.util.cuda.CudaUtils.hasCuda()) {
        out.put("advice", "a CUDA GPU is present but the CPU build of libtorch is loaded: build with "
            + "`mvn -Pcuda package` (DJL's CUDA native jar), or let DJL download it (online), or point "
            + "PYTORCH_LIBRARY_PATH at a libtorch of version " + engine.getVersion());
      } else {
        out.put("advice", gpus > 0 ? "ready: training runs on " + Device.gpu() : "ready: training runs on the CPU");
      }
    } catch (Throwable e) {
      out.put("engine", "FAILED to load PyTorch: " + e.getMessage());
      out.put("advice", "check that the pytorch-native jar matches this OS/arch, or set PYTORCH_LIBRARY_PATH");
    }
    return out;
  }
}
