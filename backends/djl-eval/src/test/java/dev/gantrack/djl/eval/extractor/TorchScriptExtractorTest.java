package dev.gantrack.djl.eval.extractor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.data.DataShape;
import dev.gantrack.api.run.RunContext;
import dev.gantrack.api.run.RunServices;
import dev.gantrack.djl.kernel.TorchScriptModule;
import dev.gantrack.djl.spi.DjlFeatureExtractorSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code torchscript} extractor on a TorchScript file the test writes (a parameter-free module,
 * archived without Python by {@link TorchScriptModule#writeArchive}, since the pinned Python environment has no
 * torch): its input conversion (channels, size, range, per-channel normalisation) and its outputs
 * against a hand computation.
 */
class TorchScriptExtractorTest {
  /** Features: 2×2 average pooling, flattened; logits: each channel's mean. */
  static final String SOURCE = String.join("\n",
      "class Pool(Module):",
      "  __parameters__ = []",
      "  __buffers__ = []",
      "  training : bool",
      "  def forward(self: __torch__.Pool,",
      "    x: Tensor) -> Tuple[Tensor, Tensor]:",
      "    _0 = torch.flatten(torch.adaptive_avg_pool2d(x, [2, 2]), 1)",
      "    _1 = torch.mean(x, [2, 3])",
      "    return (_0, _1)",
      "");

  @TempDir Path tmp;

  private Path module() throws IOException {
    Path file = tmp.resolve("pool.pt");
    try (OutputStream os = Files.newOutputStream(file)) {
      TorchScriptModule.writeArchive(os, "Pool", SOURCE);
    }
    return file;
  }

  private RunServices services(NDManager manager, int[] shape) {
    RunContext context = dev.gantrack.djl.train.TestRun.context(tmp, new dev.gantrack.api.track.Tracker() {});
    var injector = Guice.createInjector(new AbstractModule() {
      @Override
      protected void configure() {
        bind(Device.class).toInstance(Device.cpu());
        bind(NDManager.class).toInstance(manager);
        bind(DataShape.class).toInstance(new DataShape(shape, 0, 10));
        bind(RunContext.class).toInstance(context);
      }
    });
    return new RunServices() {
      @Override public <T> T get(Class<T> type) { return injector.getInstance(type); }
      @Override public <T> T get(com.google.inject.Key<T> key) { return injector.getInstance(key); }
    };
  }

  @Test
  void greyImagesAreRepeatedResizedMappedAndNormalisedBeforeTheModule() throws IOException {
    Path file = module();
    TorchScriptExtractor spec = new TorchScriptExtractor(file.getFileName().toString(), null, 4, 3, List.of(0.0, 1.0),
        List.of(0.5, 0.25, 0.0), List.of(0.5, 0.25, 2.0), 0, 1);
    Random r = new Random(1);
    float[] x = new float[2 * 64];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (r.nextDouble() * 2 - 1);
    }
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        DjlFeatureExtractorSpec.FeatureExtractor net = spec.create(services(m, new int[] {1, 8, 8}))) {
      assertEquals(12, net.featureSize());
      assertEquals(3, net.classes());
      assertTrue(net.name().contains("pool.pt"), net.name());
      assertEquals(Weights.sha256(Files.readAllBytes(file)), net.weightsHash());
      DjlFeatureExtractorSpec.Output out = net.extract(m.create(x, new Shape(2, 1, 8, 8)));
      // by hand: the resize is bilinear with antialiasing (as PIL's): halving, each output pixel is the
      // triangle-weighted mean (1, 3, 3, 1)/8 of 4 input pixels per axis, renormalised at the edges;
      // 2×2 pooling then averages; the result is mapped to [0, 1] and normalised per channel
      double[] mean = {0.5, 0.25, 0.0};
      double[] std = {0.5, 0.25, 2.0};
      float[] expected = new float[2 * 12];
      float[] logits = new float[2 * 3];
      for (int n = 0; n < 2; n++) {
        double[][] small = new double[4][4];
        for (int i = 0; i < 4; i++) {
          for (int j = 0; j < 4; j++) {
            double sum = 0, weights = 0;
            for (int a = 2 * i - 1; a <= 2 * i + 2; a++) {
              for (int b = 2 * j - 1; b <= 2 * j + 2; b++) {
                if (a >= 0 && a < 8 && b >= 0 && b < 8) {
                  double w = triangle(a, i) * triangle(b, j);
                  sum += w * x[n * 64 + a * 8 + b];
                  weights += w;
                }
              }
            }
            small[i][j] = sum / weights;
          }
        }
        for (int c = 0; c < 3; c++) {
          for (int q = 0; q < 4; q++) {
            int i = (q / 2) * 2, j = (q % 2) * 2;
            double v = (small[i][j] + small[i][j + 1] + small[i + 1][j] + small[i + 1][j + 1]) / 4;
            expected[n * 12 + c * 4 + q] = (float) (((v + 1) / 2 - mean[c]) / std[c]);
          }
        }
        for (int c = 0; c < 3; c++) {
          double s = 0;
          for (int q = 0; q < 4; q++) {
            s += expected[n * 12 + c * 4 + q] / 4;
          }
          logits[n * 3 + c] = (float) s;
        }
      }
      assertArrayEquals(expected, out.features().toFloatArray(), 1e-5f);
      float[] p = out.probabilities().toFloatArray();
      for (int n = 0; n < 2; n++) {
        double z = 0;
        for (int c = 0; c < 3; c++) {
          z += Math.exp(logits[n * 3 + c]);
        }
        for (int c = 0; c < 3; c++) {
          assertEquals(Math.exp(logits[n * 3 + c]) / z, p[n * 3 + c], 1e-5);
        }
      }
    }
  }

  /** The weight of input pixel {@code a} for output pixel {@code i} when halving: 1 − |centre distance| / 2. */
  private static double triangle(int a, int i) {
    return 1 - Math.abs(a + 0.5 - (2 * i + 1)) / 2;
  }

  @Test
  void aFileWithAnotherHashThanTheOneGivenIsRefused() throws IOException {
    Path file = module();
    TorchScriptExtractor spec = new TorchScriptExtractor(file.toString(), "0".repeat(64), null, null, null, null, null, null,
        null);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> spec.create(services(m, new int[] {1, 8, 8})));
      assertEquals("sha256", e.option());
    }
  }

  @Test
  void aFileThatIsNotTorchScriptIsRefusedAtPath() throws IOException {
    Path file = Files.writeString(tmp.resolve("junk.pt"), "not a zip");
    TorchScriptExtractor spec = new TorchScriptExtractor(file.toString(), null, null, null, null, null, null, null, null);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      InvalidOptionException e = assertThrows(InvalidOptionException.class, () -> spec.create(services(m, new int[] {1, 8, 8})));
      assertEquals("path", e.option());
    }
  }

  @Test
  void badOptionsAreRefusedNamingTheOption() {
    assertEquals("channels", assertThrows(InvalidOptionException.class,
        () -> new TorchScriptExtractor("m.pt", null, null, 2, null, null, null, null, null)).option());
    assertEquals("input-range", assertThrows(InvalidOptionException.class,
        () -> new TorchScriptExtractor("m.pt", null, null, null, List.of(1.0, 0.0), null, null, null, null)).option());
    assertEquals("std", assertThrows(InvalidOptionException.class,
        () -> new TorchScriptExtractor("m.pt", null, null, null, null, List.of(0.5), List.of(0.0), null, null)).option());
  }
}
