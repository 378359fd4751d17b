package dev.gantrack.djl.spi.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.initializer.NormalInitializer;
import dev.gantrack.api.Checks;
import dev.gantrack.api.InvalidOptionException;
import dev.gantrack.api.PublicApi;
import dev.gantrack.djl.spi.LayerFactory;
import java.util.List;

/**
 * Building blocks for networks: normalisation, activations (maxout too), weight initialisation,
 * reshaping, class conditioning, PacGAN packing and ProGAN's minibatch standard deviation, as DJL blocks without parameters of their own
 * (the norms have DJL's; batch norm is {@link ChannelBatchNorm}, DJL's without its axis swaps).
 * gantrack's built-in networks are made of these.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public final class Layers {
  /** The {@code norm:} choices {@link #norm} knows. */
  public static final List<String> NORMS = List.of("batch", "layer", "none");

  /** The {@code activation:} choices {@link #activation} knows. */
  public static final List<String> ACTIVATIONS = List.of("relu", "leaky-relu");

  /** The {@code activation:} choices of a fully connected hidden layer ({@link #hidden}): also maxout. */
  public static final List<String> DENSE_ACTIVATIONS = List.of("relu", "leaky-relu", "maxout");

  private Layers() {}

  /** The fewest examples a training forward pass through layers normalised by {@code norm} can take. */
  public static int minimumBatch(String norm) {
    return "batch".equals(norm) ? 2 : 1;
  }

  /** A normalisation block, or null for {@code none}. {@code channelAxes} are normalised by layer norm. */
  public static Block norm(String norm, int... channelAxes) {
    return switch (norm) {
      case "batch" -> new ChannelBatchNorm();
      case "layer" -> LayerNorm.builder().axis(channelAxes).build();
      default -> null;
    };
  }

  /** ReLU, or LeakyReLU with negative slope {@code slope}. */
  public static Block activation(String activation, double slope) {
    return "leaky-relu".equals(activation)
        ? new LambdaBlock(list -> new NDList(Activation.leakyRelu(list.singletonOrThrow(), (float) slope)), "LeakyReLU")
        : new LambdaBlock(list -> new NDList(Activation.relu(list.singletonOrThrow())), "ReLU");
  }

  /**
   * Goodfellow et al.'s maxout over the last axis: (N, units·pieces) → (N, units), each unit the
   * largest of its {@code pieces} consecutive inputs (Blocks' {@code Maxout}, which PacGAN's D uses).
   */
  public static Block maxout(int pieces) {
    return new LambdaBlock(list -> {
      NDArray x = list.singletonOrThrow();
      long n = x.getShape().get(0);
      long features = x.getShape().get(1);
      return new NDList(x.reshape(n, features / pieces, pieces).max(new int[] {2}));
    }, "Maxout");
  }

  /**
   * Adds one hidden layer of a fully connected network to {@code net}: a linear layer of {@code
   * units} outputs (units·pieces for maxout), the norm (none for {@code none}), the activation
   * ({@link #DENSE_ACTIVATIONS}).
   */
  public static void hidden(SequentialBlock net, LayerFactory layers, int units, boolean bias, String norm,
      String activation, double slope, Integer pieces) {
    boolean isMaxout = "maxout".equals(activation) && pieces != null;
    net.add(layers.linear(isMaxout ? (long) units * pieces : units, bias));
    Block n = norm(norm, 1);
    if (n != null) {
      net.add(n);
    }
    net.add(isMaxout ? maxout(pieces) : activation(activation, slope));
  }

  /**
   * The {@code init-std:} option of a network: every weight (linear and convolution kernels; not
   * biases, which start at 0, nor norms' scale and shift) drawn from N(0, std²), as DCGAN's and
   * PacGAN's code do; 0 keeps DJL's default (He: N(0, 2/fan-in)).
   */
  public static void initWeights(Block net, double std) {
    if (std > 0) {
      net.setInitializer(new NormalInitializer((float) std), Parameter.Type.WEIGHT);
    }
  }

  /** The checked {@code init-std:} option (0, DJL's default, when unset). */
  public static double initStd(Double std) {
    return Checks.range("init-std", std, 0.0, 0.0, 10.0);
  }

  /**
   * The checked {@code pieces:} option of maxout layers: 5 (PacGAN's) when unset, null (no option)
   * for other activations, where giving it is an error.
   */
  public static Integer pieces(Integer pieces, String activation) {
    if (!"maxout".equals(activation)) {
      if (pieces != null) {
        throw new InvalidOptionException("pieces", "is the number of linear pieces of a maxout unit; set activation:"
            + " maxout or leave pieces out (activation is " + activation + ")");
      }
      return null;
    }
    return Checks.range("pieces", pieces, 5, 2, 64);
  }

  /** tanh, squashing outputs into [-1, 1]. */
  public static Block tanh() {
    return new LambdaBlock(list -> new NDList(Activation.tanh(list.singletonOrThrow())), "Tanh");
  }

  /** Flattens the first input to (N, features); further inputs (labels) pass through. */
  public static Block flatten() {
    return new LambdaBlock(list -> {
      NDList out = new NDList(list.size());
      out.add(list.get(0).reshape(list.get(0).getShape().get(0), -1));
      for (int i = 1; i < list.size(); i++) {
        out.add(list.get(i));
      }
      return out;
    }, "Flatten");
  }

  /**
   * PacGAN's packing: (N, C, ...) → (N/m, m·C, ...), so m consecutive samples become one example
   * (flat samples are concatenated, images stacked along channels). N must be a multiple of m.
   * Further inputs pass through.
   */
  public static Block pack(int m) {
    return new LambdaBlock(list -> {
      NDArray x = list.get(0);
      Shape s = x.getShape();
      long n = s.get(0);
      if (n % m != 0) {
        throw new IllegalArgumentException("pack: D judges packs of " + m + " samples but was given a batch of " + n
            + "; use a batch size that is a multiple of " + m);
      }
      long[] packed = s.getShape();
      packed[0] = n / m;
      packed[1] = s.get(1) * m;
      NDList out = new NDList(list.size());
      out.add(x.reshape(new Shape(packed)));
      for (int i = 1; i < list.size(); i++) {
        out.add(list.get(i));
      }
      return out;
    }, "Pack");
  }

  /**
   * ProGAN's minibatch standard deviation: the standard deviation of each feature over a group of
   * samples (biased, plus 1e-8 under the root), averaged over features to one number per group and
   * appended to every sample of the group as one extra feature ((N, F) → (N, F+1)) or one extra
   * constant channel ((N, C, H, W) → (N, C+1, H, W)). Groups are of {@code group} samples (the whole
   * batch when 0 or larger than it); as in ProGAN, sample i belongs to group i mod (N/group).
   */
  public static Block minibatchStd(int group) {
    return new LambdaBlock(list -> {
      NDArray x = list.singletonOrThrow();
      Shape s = x.getShape();
      long n = s.get(0);
      long g = group <= 0 ? n : Math.min(group, n);
      if (n % g != 0) {
        throw new IllegalArgumentException("minibatch-std-group: " + group + " does not divide D's batch of " + n);
      }
      long groups = n / g;
      long[] split = new long[s.dimension() + 1];
      split[0] = g;
      split[1] = groups;
      System.arraycopy(s.getShape(), 1, split, 2, s.dimension() - 1);
      NDArray y = x.reshape(new Shape(split));
      NDArray centred = y.sub(y.mean(new int[] {0}, true));
      NDArray std = centred.square().mean(new int[] {0}).add(1e-8f).sqrt();
      NDArray perGroup = std.reshape(groups, -1).mean(new int[] {1});
      NDArray perSample = perGroup.reshape(1, groups).broadcast(new Shape(g, groups)).reshape(n, 1);
      if (s.dimension() == 2) {
        return new NDList(x.concat(perSample, 1));
      }
      NDArray plane = perSample.reshape(n, 1, 1, 1).broadcast(new Shape(n, 1, s.get(2), s.get(3)));
      return new NDList(x.concat(plane, 1));
    }, "MinibatchStd");
  }

  /** Reshapes (N, ...) to (N, perExample...). */
  public static Block reshape(long... perExample) {
    return new LambdaBlock(list -> {
      NDArray x = list.singletonOrThrow();
      long[] s = new long[perExample.length + 1];
      s[0] = x.getShape().get(0);
      System.arraycopy(perExample, 0, s, 1, perExample.length);
      return new NDList(x.reshape(new Shape(s)));
    }, "Reshape");
  }

  /** (x, labels) → x with one-hot labels appended: as features for flat x, as constant channels for images. */
  public static Block appendLabels(int numClasses) {
    return new LambdaBlock(list -> {
      NDArray x = list.get(0);
      NDArray oneHot = list.get(1).toType(DataType.INT64, false).oneHot(numClasses).toType(x.getDataType(), false);
      Shape s = x.getShape();
      if (s.dimension() == 2) {
        return new NDList(x.concat(oneHot, 1));
      }
      NDArray planes = oneHot.reshape(s.get(0), numClasses, 1, 1).broadcast(new Shape(s.get(0), numClasses, s.get(2), s.get(3)));
      return new NDList(x.concat(planes, 1));
    }, "AppendLabels");
  }

  /** The checked {@code pack:} option of a discriminator (1 when unset); packs and labels do not mix. */
  public static int pack(Integer pack, boolean conditional) {
    int m = Checks.range("pack", pack, 1, 1, 64);
    if (m > 1 && conditional) {
      throw new InvalidOptionException("pack", m + " cannot be used with conditional: true (a pack mixes"
          + " samples of different labels); use pack: 1 or an unconditional D");
    }
    return m;
  }
}
