"""libtorch's two CPU kernels for each convolution of the DCGAN (and image sides of 1-16 channels): oneDNN's,
which torch.nn.functional (and DJL) pick, against im2col + GEMM (thnn_conv2d, slow_conv_transpose2d), which
gantrack's run picks where the image side has at most 3 channels (PtTensorKernels.IM2COL_MAX_IMAGE_CHANNELS).
Training thread CPU ms of the forward pass, and of forward + backward with the gradient of the weights only
(a D update's first conv), the input only (a G update through D) or both. Run by ./conv-kernels; not a test.
"""
import argparse
import statistics
import time

import torch
import torch.nn.functional as F


def cpu_ms(f, repeats):
    for _ in range(3):
        f()
    times = []
    for _ in range(repeats):
        t = time.thread_time()
        f()
        times.append(1000 * (time.thread_time() - t))
    return statistics.median(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batches", default="2,64,256")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--repeats", type=int, default=15)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    # (transposed, in channels, out channels, input size): the DCGAN's four, then image sides of 1-16 channels
    shapes = [(False, 1, 64, 28), (False, 64, 128, 14), (True, 128, 64, 7), (True, 64, 1, 14),
              (False, 3, 64, 28), (False, 8, 64, 28), (False, 16, 64, 28),
              (True, 64, 3, 14), (True, 64, 8, 14), (True, 64, 16, 14)]
    print(f"torch {torch.__version__}, {args.threads} thread(s), median of {args.repeats}; CPU ms: forward | "
          "fwd+bwd weights only | fwd+bwd input only")
    print(f"{'batch':>5} {'op':<7} {'channels':>9} {'oneDNN':>26} {'im2col':>26}")
    for batch in (int(b) for b in args.batches.split(",")):
        for transposed, cin, cout, size in shapes:
            x0 = torch.randn(batch, cin, size, size)
            w0 = torch.randn(cin, cout, 4, 4) if transposed else torch.randn(cout, cin, 4, 4)
            b0 = torch.randn(cout)
            if transposed:
                kernels = {"oneDNN": lambda x, w, b: F.conv_transpose2d(x, w, b, 2, 1),
                           "im2col": lambda x, w, b: torch._C._nn.slow_conv_transpose2d(
                               x, w, [4, 4], b, [2, 2], [1, 1], [0, 0], [1, 1])}
            else:
                kernels = {"oneDNN": lambda x, w, b: F.conv2d(x, w, b, 2, 1),
                           "im2col": lambda x, w, b: torch._C._nn.thnn_conv2d(x, w, [4, 4], b, [2, 2], [1, 1])}
            cells = []
            for op in kernels.values():
                row = [cpu_ms(lambda: op(x0, w0, b0), args.repeats)]
                for grad_w, grad_x in ((True, False), (False, True)):
                    x = x0.clone().requires_grad_(grad_x)
                    w = w0.clone().requires_grad_(grad_w)
                    b = b0.clone().requires_grad_(grad_w)

                    def step():
                        y = op(x, w, b)
                        y.backward(torch.ones_like(y))
                    row.append(cpu_ms(step, args.repeats))
                cells.append(" ".join(f"{v:8.3f}" for v in row))
            name = "convT" if transposed else "conv"
            print(f"{batch:5d} {name:<7} {cin:>4}->{cout:<4} {cells[0]:>26} {cells[1]:>26}", flush=True)


if __name__ == "__main__":
    main()
