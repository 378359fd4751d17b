package dev.gantrack.djl.plugins;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.gantrack.djl.spi.DjlTturSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam over a fixed parameter list, with PyTorch's fused per-tensor update; gradients are cleared
 * after each update. Moment buffers are allocated up front, in the parameters' manager, so per-step scopes
 * never own them.
 */
final class AdamOptimizer implements DjlTturSpec.Optimizer {
  private final List<NDArray> weights = new ArrayList<>();
  private final List<NDArray> means = new ArrayList<>();
  private final List<NDArray> variances = new ArrayList<>();
  private final OptimizerOptions options;
  private final boolean decoupledWeightDecay;

  AdamOptimizer(List<Parameter> parameters, OptimizerOptions options, boolean decoupledWeightDecay) {
    this.options = options;
    this.decoupledWeightDecay = decoupledWeightDecay;
    for (Parameter p : parameters) {
      NDArray w = p.getArray();
      weights.add(w);
      means.add(w.zerosLike());
      variances.add(w.zerosLike());
    }
  }

  @Override
  public double learningRate(long updateCount) {
    return options.lr();
  }

  @Override
  public void update(long t) {
    float lr = (float) learningRate(t);
    double coef1 = 1.0 - Math.pow(options.beta1(), t);
    double coef2 = 1.0 - Math.pow(options.beta2(), t);
    float corrected = (float) (lr * Math.sqrt(coef2) / coef1);
    for (int i = 0; i < weights.size(); i++) {
      PtNDArray w = (PtNDArray) weights.get(i);
      PtNDArray g = w.getGradient();
      JniUtils.adamUpdate(w, g, (PtNDArray) means.get(i), (PtNDArray) variances.get(i), lr, corrected,
          options.weightDecay().floatValue(), 1f, -1f, options.beta1().floatValue(),
          options.beta2().floatValue(), options.epsilon().floatValue(), decoupledWeightDecay);
      g.close();
      // the native update does not clear the gradient (DJL's own Adam does this separately)
      JniUtils.zeroGrad(w);
    }
  }
}
