"""The PyTorch side of benchmarks/vs-pytorch: the same two GANs as dcgan.yaml and ring.yaml, trained in
eager PyTorch (or, with --cuda-graph, the whole step captured once as a CUDA graph and replayed).

Prints one JSON line: steps/s and ms/step over the timed steps (after --warmup untimed ones), and the
training thread's CPU ms per step. Run by ./run; not a test.
"""
import argparse
import gzip
import json
import math
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

MNIST = os.path.join(os.path.dirname(__file__), "..", "..", "experiments", "data", "mnist",
                     "mnist-10k-images-idx3-ubyte.gz")


def dcgan(latent=100):
    """G and D of dcgan.yaml (gantrack's dcgan types with those options), layer for layer."""
    g = nn.Sequential(
        nn.Linear(latent, 128 * 7 * 7, bias=False), nn.Unflatten(1, (128, 7, 7)),
        nn.BatchNorm2d(128), nn.ReLU(),
        nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
        nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
    d = nn.Sequential(
        nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(64, 128, 4, 2, 1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(128 * 7 * 7, 1))
    return g, d, latent


def ring_mlp(latent=2, hidden=128):
    """G and D of ring.yaml (experiments/components/base.yaml's mlp types)."""
    layers = []
    width = latent
    for _ in range(3):
        layers += [nn.Linear(width, hidden), nn.BatchNorm1d(hidden), nn.ReLU()]
        width = hidden
    g = nn.Sequential(*layers, nn.Linear(hidden, 2))
    d = nn.Sequential(nn.Linear(2, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, hidden), nn.LeakyReLU(0.2),
                      nn.Linear(hidden, 1))
    return g, d, latent


class MnistBatches:
    """Random batches of the shipped 10,000 MNIST digits, scaled to [-1, 1] as gantrack's idx dataset does."""

    def __init__(self, batch, device):
        with gzip.open(MNIST, "rb") as f:
            raw = f.read()
        n = int.from_bytes(raw[4:8], "big")
        pixels = torch.frombuffer(bytearray(raw[16:]), dtype=torch.uint8).reshape(n, 1, 28, 28)
        self.data = (pixels.float() / 255 * 2 - 1).to(device)
        self.batch = batch

    def __call__(self):
        return self.data[torch.randint(0, self.data.shape[0], (self.batch,), device=self.data.device)]


class RingBatches:
    """8 Gaussians on the unit circle, sigma 0.01, as gantrack's ring dataset."""

    def __init__(self, batch, device):
        a = torch.arange(8, dtype=torch.float32) * 2 * math.pi / 8
        self.means = torch.stack([a.cos(), a.sin()], 1).to(device)
        self.batch = batch

    def __call__(self):
        modes = torch.randint(0, 8, (self.batch,), device=self.means.device)
        return self.means[modes] + 0.01 * torch.randn(self.batch, 2, device=self.means.device)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", choices=["dcgan", "ring"], required=True)
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--steps", type=int, default=300)
    p.add_argument("--warmup", type=int, default=30)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--log-every", type=int, default=50, help="steps between reading the losses (a host sync)")
    p.add_argument("--device", default="cpu", help="cpu or cuda")
    p.add_argument("--cuda-graph", action="store_true", help="capture the whole step as one CUDA graph")
    args = p.parse_args()
    torch.manual_seed(42)
    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    g, d, latent = dcgan() if args.model == "dcgan" else ring_mlp()
    g, d = g.to(device), d.to(device)
    batches = (MnistBatches if args.model == "dcgan" else RingBatches)(args.batch, device)
    # PyTorch's multi-tensor Adam (foreach); on CUDA with a graph the state must stay on the device (capturable)
    extra = {"capturable": True} if args.cuda_graph else {"foreach": True}
    opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999), **extra)
    opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999), **extra)
    ones = torch.ones(args.batch, 1, device=device)
    zeros = torch.zeros(args.batch, 1, device=device)

    def step(real):
        # gantrack's step (AdversarialStep), op for op: one D update on real vs. fake from a fresh latent batch,
        # generated without recording a graph; then one G update on another fresh latent batch. Non-saturating
        # BCE, D's loss the mean of its two terms; D(x) and D(G(z)) as probabilities, as gantrack reports them.
        with torch.no_grad():
            fake = g(torch.randn(args.batch, latent, device=device))
        real_logits, fake_logits = d(real), d(fake)
        d_loss = (F.binary_cross_entropy_with_logits(real_logits, ones)
                  + F.binary_cross_entropy_with_logits(fake_logits, zeros)) / 2
        opt_d.zero_grad(set_to_none=True)
        d_loss.backward()
        opt_d.step()
        g_loss = F.binary_cross_entropy_with_logits(d(g(torch.randn(args.batch, latent, device=device))), ones)
        opt_g.zero_grad(set_to_none=True)
        g_loss.backward()
        opt_g.step()
        return (d_loss.detach(), g_loss.detach(), torch.sigmoid(real_logits.detach()).mean(),
                torch.sigmoid(fake_logits.detach()).mean())

    run = step
    if args.cuda_graph:
        static_real = batches()
        side = torch.cuda.Stream()
        side.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(side):
            for _ in range(3):
                step(static_real)
        torch.cuda.current_stream().wait_stream(side)
        graph = torch.cuda.CUDAGraph()
        with torch.cuda.graph(graph):
            static_out = step(static_real)

        def run(real):
            static_real.copy_(real)
            graph.replay()
            return static_out

    def train(n, first):
        for s in range(first, first + n):
            out = run(batches())
            if s % args.log_every == 0:
                [v.item() for v in out]

    train(args.warmup, 1)
    if device.type == "cuda":
        torch.cuda.synchronize()
    wall, cpu = time.perf_counter(), time.thread_time()
    train(args.steps, args.warmup + 1)
    if device.type == "cuda":
        torch.cuda.synchronize()
    wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
    print(json.dumps({"steps_per_sec": args.steps / wall, "ms_per_step": 1000 * wall / args.steps,
                      "cpu_ms_per_step": 1000 * cpu / args.steps, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
