package dev.gantrack.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * PyTorch's {@code conv_transpose2d} from ops DJL's PyTorch engine implements: a polyphase
 * (sub-pixel) decomposition into one stride-1 convolution and a pixel shuffle. Exact; it is what
 * {@link ConvTranspose2d} runs, and the oracle a native kernel is tested against.
 */
public final class PolyphaseConvTranspose {
  private PolyphaseConvTranspose() {}

  /** Output length of a transposed convolution along one axis: {@code (in-1)*s - 2p + k + op}. */
  public static long outputSize(long in, long k, int stride, int padding, int outputPadding) {
    return (in - 1) * stride - 2L * padding + k + outputPadding;
  }

  /**
   * PyTorch's {@code conv_transpose2d(x, weight, bias, stride, padding, output_padding)}.
   *
   * <p>Polyphase decomposition: with {@code m = ceil(k/s)}, output row {@code y = q*s + r} of the
   * uncropped result only sees kernel rows {@code r, r+s, r+2s, ...}, so each of the {@code s*s}
   * phases is a stride-1 convolution (padding {@code m-1}) of {@code x} with an {@code m×m}
   * sub-kernel of the flipped weight (zero-padded to {@code m*s}). All phases run as one
   * convolution with {@code Cout*s*s} output channels, are interleaved by a pixel shuffle
   * (reshape/transpose), then cropped by {@code p} (zero-extended for output padding) and biased.
   * Cost equals the direct transposed convolution, about {@code s²} less than zero-insertion.
   * Differentiable; intermediates are attached to {@code x}'s manager.
   *
   * @param x input {@code (N, Cin, H, W)}
   * @param weight {@code (Cin, Cout, kH, kW)}
   * @param bias {@code (Cout)} or null
   * @param stride s ≥ 1
   * @param padding p ≥ 0
   * @param outputPadding op, {@code 0 ≤ op < s}
   * @return {@code (N, Cout, (H-1)s - 2p + kH + op, (W-1)s - 2p + kW + op)}
   */
  public static NDArray apply(
      NDArray x, NDArray weight, NDArray bias, int stride, int padding, int outputPadding) {
    Shape xs = x.getShape();
    Shape ws = weight.getShape();
    if (xs.dimension() != 4 || ws.dimension() != 4 || xs.get(1) != ws.get(0)) {
      throw new IllegalArgumentException(
          "convTranspose2d needs x (N, Cin, H, W) and weight (Cin, Cout, kH, kW), got "
              + xs
              + " and "
              + ws);
    }
    checkOptions(stride, padding, outputPadding);
    long n = xs.get(0);
    long cin = xs.get(1);
    long h = xs.get(2);
    long w = xs.get(3);
    long cout = ws.get(1);
    long kh = ws.get(2);
    long kw = ws.get(3);
    if (bias != null && (bias.getShape().dimension() != 1 || bias.getShape().get(0) != cout)) {
      throw new IllegalArgumentException("bias must be (" + cout + "), got " + bias.getShape());
    }
    long oh = outputSize(h, kh, stride, padding, outputPadding);
    long ow = outputSize(w, kw, stride, padding, outputPadding);
    if (oh <= 0 || ow <= 0) {
      throw new IllegalArgumentException(
          "convTranspose2d output would be empty: " + oh + "x" + ow + " for input " + xs);
    }
    NDManager mgr = x.getManager();
    int s = stride;
    long mh = (kh + s - 1) / s;
    long mw = (kw + s - 1) / s;

    // Sub-kernels: wk[co, rh, rw, ci, th, tw] = weight[ci, co, rh + (mh-1-th)s, rw + (mw-1-tw)s].
    NDArray wk = weight;
    if (mh * s != kh || mw * s != kw) {
      wk = own(wk.pad(new Shape(0, mw * s - kw, 0, mh * s - kh), 0), mgr);
    }
    wk = own(wk.reshape(cin, cout, mh, s, mw, s), mgr);
    wk = own(wk.flip(2, 4), mgr);
    wk = own(wk.transpose(1, 3, 5, 0, 2, 4), mgr);
    wk = own(wk.reshape(cout * s * s, cin, mh, mw), mgr);

    NDArray y =
        Conv2d.conv2d(x, wk, null, new Shape(1, 1), new Shape(mh - 1, mw - 1)).singletonOrThrow();
    long qh = h + mh - 1;
    long qw = w + mw - 1;
    if (s > 1) { // pixel shuffle: (N, Cout, rh, rw, qh, qw) -> (N, Cout, qh*s + rh, qw*s + rw)
      y =
          y.reshape(n, cout, s, s, qh, qw)
              .transpose(0, 1, 4, 2, 5, 3)
              .reshape(n, cout, qh * s, qw * s);
    }
    // Uncropped rows [0, qh*s) hold the full result ((h-1)s + kh rows) followed by zeros.
    long extH = Math.max(0, padding + oh - qh * s);
    long extW = Math.max(0, padding + ow - qw * s);
    if (extH > 0 || extW > 0) {
      y = y.pad(new Shape(0, extW, 0, extH), 0);
    }
    if (padding > 0 || oh != qh * s + extH || ow != qw * s + extW) {
      y = y.get(new NDIndex(":, :, {}:{}, {}:{}", padding, padding + oh, padding, padding + ow));
    }
    if (bias != null) {
      y = y.add(own(bias.reshape(1, cout, 1, 1), mgr));
    }
    return y;
  }

  private static NDArray own(NDArray a, NDManager mgr) {
    if (a.getManager() != mgr) {
      a.attach(mgr);
    }
    return a;
  }

  static void checkOptions(int stride, int padding, int outputPadding) {
    if (stride < 1) {
      throw new IllegalArgumentException("stride must be >= 1, got " + stride);
    }
    if (padding < 0) {
      throw new IllegalArgumentException("padding must be >= 0, got " + padding);
    }
    if (outputPadding < 0 || outputPadding >= stride) {
      throw new IllegalArgumentException(
          "outputPadding must be in [0, stride), got " + outputPadding + " with stride " + stride);
    }
  }

}
