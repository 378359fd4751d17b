package dev.gantrack.djl.spi.layers;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.gantrack.api.PublicApi;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Batch normalisation over axis 1 (PyTorch's {@code BatchNorm1d/2d}: channels second), with DJL's
 * {@link BatchNorm}'s parameters, defaults (momentum 0.9 of the running statistics, ε 1e-5) and saved
 * form, so checkpoints of either load into the other. It exists because DJL's block, asked for axis 1,
 * has the PyTorch engine swap axis 1 with itself before and after the kernel (two ops, two arrays and a
 * memory scope per call, forward and backward); this one hands the kernel its input as it is.
 */
@PublicApi(PublicApi.Status.EXPERIMENTAL)
public final class ChannelBatchNorm extends AbstractBlock {
  private static final byte VERSION = 2;
  /** What the PyTorch engine reads as "the channels are axis 1 already": no swapping. */
  private static final int PYTORCH_CHANNELS = -1;
  private static final float MOMENTUM = 0.9f;
  private static final float EPSILON = 1e-5f;

  private final Parameter gamma;
  private final Parameter beta;
  private final Parameter runningMean;
  private final Parameter runningVar;
  private long inChannels;

  /** A batch norm over axis 1 with learned scale and shift. */
  public ChannelBatchNorm() {
    super(VERSION);
    gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).optRequiresGrad(true).build());
    beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).optRequiresGrad(true).build());
    runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
        .optRequiresGrad(false).build());
    runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
        .optRequiresGrad(false).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    var device = x.getDevice();
    return BatchNorm.batchNorm(x, store.getValue(runningMean, device, training),
        store.getValue(runningVar, device, training), store.getValue(gamma, device, training),
        store.getValue(beta, device, training), PYTORCH_CHANNELS, MOMENTUM, EPSILON, training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void beforeInitialize(Shape... inputShapes) {
    super.beforeInitialize(inputShapes);
    inChannels = inputShapes[0].get(1);
  }

  @Override
  public void prepare(Shape[] inputShapes) {
    for (Parameter p : new Parameter[] {gamma, beta, runningMean, runningVar}) {
      p.setShape(new Shape(inChannels));
    }
  }

  @Override
  protected void saveMetadata(DataOutputStream os) throws IOException {
    saveInputShapes(os);
    os.writeLong(inChannels);
  }

  @Override
  public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
    if (loadVersion == VERSION) {
      readInputShapes(is);
    } else if (loadVersion != 1) {
      throw new MalformedModelException("Unsupported encoding version: " + loadVersion);
    }
    inChannels = is.readLong();
  }
}
