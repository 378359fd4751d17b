package dev.gantrack.djl.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import dev.gantrack.djl.spi.run.TensorKernels.MultiTensorUpdate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole-network operations as one TorchScript module: switching gradient recording of a parameter list
 * on or off, and PyTorch's multi-tensor optimizer updates: Adam and AdamW through libtorch's
 * fused kernels ({@code _fused_adam_}, {@code _fused_adamw_}), SGD through {@code _fused_sgd_}, RMSprop
 * through the {@code _foreach_*} ops exactly as {@code torch.optim.RMSprop(foreach=True)} does; each
 * reads every parameter's {@code .grad} itself and clears it, or, given a loss whose backward pass has
 * not run, computes the gradients with {@code torch.autograd.grad} in the same call and hands them
 * straight to the update: no {@code .grad} is written, accumulated or cleared (as PyTorch's {@code
 * zero_grad(set_to_none=True)} leaves it), and parameters of other networks in the loss's graph get no
 * gradient computed at all. A {@link MultiTensorUpdate} binds one
 * network's parameter list and its state once (as IValues holding the same tensors), so an update is
 * one method call of the module: four calls into the engine whatever the number of parameters,
 * against four per parameter with DJL's per-tensor updates. The module runs with gradient recording
 * off (in-place changes of leaves are part of no graph).
 */
final class MultiTensorOps implements AutoCloseable {
  static final String SOURCE = String.join("\n",
      "class MultiTensorOps(Module):",
      "  __parameters__ = []",
      "  __buffers__ = []",
      "  training : bool",
      "  def forward(self: __torch__.MultiTensorOps,",
      "    x: Tensor) -> Tensor:",
      "    return x",
      "  def adam(self: __torch__.MultiTensorOps,",
      "    params: List[Tensor],",
      "    exp_avgs: List[Tensor],",
      "    exp_avg_sqs: List[Tensor],",
      "    step: Tensor,",
      "    decoupled: bool,",
      "    h: List[float],",
      "    losses: List[Tensor]) -> List[Tensor]:",
      "    grads = (self).gradients(params, losses)",
      "    _2 = torch.fill_(step, h[5])",
      "    steps = annotate(List[Tensor], [])",
      "    for _3 in range(torch.len(params)):",
      "      _4 = torch.append(steps, step)",
      "    if decoupled:",
      "      torch._fused_adamw_(params, grads, exp_avgs, exp_avg_sqs, annotate(List[Tensor], []), steps, lr=h[0], "
          + "beta1=h[1], beta2=h[2], weight_decay=h[4], eps=h[3], amsgrad=False, maximize=False)",
      "    else:",
      "      torch._fused_adam_(params, grads, exp_avgs, exp_avg_sqs, annotate(List[Tensor], []), steps, lr=h[0], "
          + "beta1=h[1], beta2=h[2], weight_decay=h[4], eps=h[3], amsgrad=False, maximize=False)",
      "    if torch.eq(torch.len(losses), 0):",
      "      torch._foreach_zero_(grads)",
      "    return grads",
      "  def sgd(self: __torch__.MultiTensorOps,",
      "    params: List[Tensor],",
      "    buffers: List[Tensor],",
      "    nesterov: bool,",
      "    h: List[float],",
      "    losses: List[Tensor]) -> List[Tensor]:",
      "    grads = (self).gradients(params, losses)",
      "    torch._fused_sgd_(params, grads, buffers, weight_decay=h[1], momentum=h[2], lr=h[0], dampening=h[3], "
          + "nesterov=nesterov, maximize=False, is_first_step=torch.eq(h[4], 1.))",
      "    if torch.eq(torch.len(losses), 0):",
      "      torch._foreach_zero_(grads)",
      "    return grads",
      "  def rmsprop(self: __torch__.MultiTensorOps,",
      "    params: List[Tensor],",
      "    square_avgs: List[Tensor],",
      "    grad_avgs: List[Tensor],",
      "    buffers: List[Tensor],",
      "    centered: bool,",
      "    h: List[float],",
      "    losses: List[Tensor]) -> List[Tensor]:",
      "    lr = h[0]",
      "    alpha = h[1]",
      "    eps = h[2]",
      "    weight_decay = h[3]",
      "    momentum = h[4]",
      "    grads = (self).gradients(params, losses)",
      "    if torch.ne(weight_decay, 0.):",
      "      d = torch._foreach_add(grads, params, alpha=weight_decay)",
      "    else:",
      "      d = grads",
      "    torch._foreach_mul_(square_avgs, alpha)",
      "    torch._foreach_addcmul_(square_avgs, d, d, torch.sub(1., alpha))",
      "    if centered:",
      "      torch._foreach_lerp_(grad_avgs, d, torch.sub(1., alpha))",
      "      avg0 = torch._foreach_addcmul(square_avgs, grad_avgs, grad_avgs, -1.)",
      "      torch._foreach_sqrt_(avg0)",
      "      avg = avg0",
      "    else:",
      "      avg = torch._foreach_sqrt(square_avgs)",
      "    torch._foreach_add_(avg, eps)",
      "    if torch.gt(momentum, 0.):",
      "      torch._foreach_mul_(buffers, momentum)",
      "      torch._foreach_addcdiv_(buffers, d, avg)",
      "      torch._foreach_add_(params, buffers, alpha=torch.neg(lr))",
      "    else:",
      "      torch._foreach_addcdiv_(params, d, avg, torch.neg(lr))",
      "    if torch.eq(torch.len(losses), 0):",
      "      torch._foreach_zero_(grads)",
      "    return grads",
      "  def gradients(self: __torch__.MultiTensorOps,",
      "    params: List[Tensor],",
      "    losses: List[Tensor]) -> List[Tensor]:",
      "    grads = annotate(List[Tensor], [])",
      "    if torch.eq(torch.len(losses), 0):",
      "      for _0 in range(torch.len(params)):",
      "        _1 = torch.append(grads, ops.prim.grad(params[_0]))",
      "    else:",
      "      computed = torch.autograd.grad(losses, params)",
      "      for _2 in range(torch.len(computed)):",
      "        _3 = torch.append(grads, unchecked_cast(Tensor, computed[_2]))",
      "    return grads",
      "  def requires_grad(self: __torch__.MultiTensorOps,",
      "    params: List[Tensor],",
      "    flag: bool) -> List[Tensor]:",
      "    for _0 in range(torch.len(params)):",
      "      _1 = torch.requires_grad_(params[_0], flag)",
      "    return params",
      "");

  private final PtSymbolBlock module;
  private final NDManager manager;
  private final List<Binding> bindings = new ArrayList<>();
  private final List<GradientSwitch> switches = new ArrayList<>();

  private MultiTensorOps(PtSymbolBlock module, NDManager manager) {
    this.module = module;
    this.manager = manager;
  }

  /** Loads the module on {@code manager}'s device; scratch tensors of the bindings live in {@code manager}. */
  static MultiTensorOps load(PtNDManager manager) throws IOException {
    return new MultiTensorOps(TorchScriptModule.load(manager, "MultiTensorOps", SOURCE), manager);
  }

  /** Adam ({@code decoupled} false) or AdamW over {@code weights} with moments {@code means}, {@code variances}. */
  MultiTensorUpdate adam(List<NDArray> weights, List<NDArray> means, List<NDArray> variances, double beta1,
      double beta2, double epsilon, double weightDecay, boolean decoupled) {
    NDArray step = manager.zeros(new Shape(), DataType.FLOAT32, weights.get(0).getDevice());
    NDScope.unregister(step); // the run's, not a scope's: PyTorch's per-parameter step, filled from the update count
    return bind("adam", new double[] {0, beta1, beta2, epsilon, weightDecay, 0}, List.of(weights, means, variances),
        IValue.from((PtNDArray) step), IValue.from(decoupled));
  }

  /** SGD with optional momentum (buffers empty without), dampening, Nesterov and L2 weight decay. */
  MultiTensorUpdate sgd(List<NDArray> weights, List<NDArray> momentumBuffers, double momentum, double dampening,
      double weightDecay, boolean nesterov) {
    return bind("sgd", new double[] {0, weightDecay, momentum, dampening, 0}, List.of(weights, momentumBuffers),
        IValue.from(nesterov));
  }

  /** RMSprop; {@code gradientAverages} empty unless centered, {@code momentumBuffers} empty without momentum. */
  MultiTensorUpdate rmsprop(List<NDArray> weights, List<NDArray> squareAverages, List<NDArray> gradientAverages,
      List<NDArray> momentumBuffers, double alpha, double epsilon, double weightDecay, double momentum,
      boolean centered) {
    return bind("rmsprop", new double[] {0, alpha, epsilon, weightDecay, momentum},
        List.of(weights, squareAverages, gradientAverages, momentumBuffers), IValue.from(centered));
  }

  /** Switches gradient recording of {@code arrays} (leaves) on or off in one call; their gradients stay. */
  GradientSwitch requiresGradient(List<NDArray> arrays) {
    IValue list = IValue.listFrom(arrays.stream().map(a -> (PtNDArray) a).toArray(PtNDArray[]::new));
    GradientSwitch s = new GradientSwitch(list, IValue.from(true), IValue.from(false));
    switches.add(s);
    return s;
  }

  /** A parameter list whose gradient recording switches in one call of the module. */
  final class GradientSwitch {
    private final IValue list;
    private final IValue on;
    private final IValue off;

    private GradientSwitch(IValue list, IValue on, IValue off) {
      this.list = list;
      this.on = on;
      this.off = off;
    }

    /** Every array records gradients ({@code true}) or not. */
    void set(boolean requires) {
      IValueUtils.runMethod(module, "requires_grad", list, requires ? on : off).close();
    }

    private void close() {
      list.close();
      on.close();
      off.close();
    }
  }

  /**
   * Method {@code method} bound to tensor lists, then {@code more}, then the hyper-parameter list {@code
   * h} (h[0] the learning rate, the last entry of Adam's and SGD's the update count, both set per call).
   */
  private MultiTensorUpdate bind(String method, double[] h, List<List<NDArray>> lists, IValue... more) {
    List<IValue> fixed = new ArrayList<>();
    for (List<NDArray> list : lists) {
      fixed.add(IValue.listFrom(list.stream().map(a -> (PtNDArray) a).toArray(PtNDArray[]::new)));
    }
    Binding b = new Binding(method, h, fixed, List.of(more));
    bindings.add(b);
    return b;
  }

  private final class Binding implements MultiTensorUpdate {
    private final String method;
    private final double[] h;
    private final IValue[] arguments;
    private final int hyper;
    private final IValue noLosses = IValue.listFrom(new PtNDArray[0]);
    private final List<IValue> owned = new ArrayList<>();

    Binding(String method, double[] h, List<IValue> lists, List<IValue> more) {
      this.method = method;
      this.h = h;
      this.hyper = lists.size() + more.size();
      this.arguments = new IValue[hyper + 2];
      for (int i = 0; i < lists.size(); i++) {
        arguments[i] = lists.get(i);
      }
      for (int i = 0; i < more.size(); i++) {
        arguments[lists.size() + i] = more.get(i);
      }
      owned.addAll(lists);
      owned.addAll(more);
      owned.add(noLosses);
    }

    @Override
    public void apply(double learningRate, long updateCount) {
      run(learningRate, updateCount, noLosses);
    }

    @Override
    public void applyFromLoss(NDArray loss, double learningRate, long updateCount) {
      try (IValue losses = IValue.listFrom((PtNDArray) loss)) {
        run(learningRate, updateCount, losses);
      }
    }

    /** The method with {@code losses} empty (gradients from {@code .grad}, cleared after) or one loss (autograd.grad). */
    private void run(double learningRate, long updateCount, IValue losses) {
      h[0] = learningRate;
      if (!method.equals("rmsprop")) {
        h[h.length - 1] = updateCount;
      }
      try (IValue hv = IValue.listFrom(h)) {
        arguments[hyper] = hv;
        arguments[hyper + 1] = losses;
        IValueUtils.runMethod(module, method, arguments).close();
      } finally {
        arguments[hyper] = null;
        arguments[hyper + 1] = null;
      }
    }

    void close() {
      owned.forEach(IValue::close);
    }
  }

  @Override
  public void close() {
    bindings.forEach(Binding::close);
    bindings.clear();
    switches.forEach(GradientSwitch::close);
    switches.clear();
    module.close();
  }
}
