"""An independent PyTorch implementation of PacGAN's 2-D setup (pacgan-2d.yaml; the authors' Blocks code,
fjxmlzn/PacGAN synthetic_data_experiments), written from the authors' code and not from gantrack's, to tell
what the setup does from what gantrack does. Not a test: a reference for RESULTS.md.

  G: 2-D N(0, I) -> 4 x (Linear 400 without bias -> BatchNorm -> ReLU) -> Linear 2
  D: 3 x LinearMaxout(200 units, 5 pieces) on m samples concatenated -> Linear 1
  every weight N(0, 0.02^2), every bias 0; Adam lr 1e-4, beta1 0.8; non-saturating logistic loss;
  simultaneous updates (D's and G's gradients at the same parameters, from one fake batch)
  each step: 100 real packs and m calls of G on 100 seeds each (--g-calls per-pack, the code's) or one call
  on 100*m seeds (--g-calls joint, gantrack's pack: m with batch-size 100*m)

Prints one JSON line per --log-every steps (D(x), D(G(z)) as probabilities, d_loss as gantrack reports it: the
mean of the real and fake terms) and, at the end, mode coverage of 2,500 samples (G's BatchNorm in inference mode)
as gantrack's mode-coverage metric counts it (a sample is high-quality within 3 sigma of its nearest mode).

Usage: python torch_pacgan.py --dataset ring|grid --pack M --steps N --seed S [--g-calls per-pack|joint]
(benchmarks/vs-pytorch/torch-env prints a Python with PyTorch.)
"""
import argparse
import json
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def modes(dataset):
    if dataset == "ring":
        a = torch.arange(8, dtype=torch.float32) * 2 * math.pi / 8
        return torch.stack([a.cos(), a.sin()], 1), 0.01
    axis = torch.tensor([-4.0, -2.0, 0.0, 2.0, 4.0])
    return torch.cartesian_prod(axis, axis), 0.05


class Maxout(nn.Module):
    def __init__(self, d_in, units, pieces):
        super().__init__()
        self.linear = nn.Linear(d_in, units * pieces)
        self.units, self.pieces = units, pieces

    def forward(self, x):
        return self.linear(x).view(x.shape[0], self.units, self.pieces).max(2).values


def networks(pack):
    g_layers, width = [], 2
    for _ in range(4):
        g_layers += [nn.Linear(width, 400, bias=False), nn.BatchNorm1d(400), nn.ReLU()]
        width = 400
    g = nn.Sequential(*g_layers, nn.Linear(400, 2))
    d = nn.Sequential(Maxout(2 * pack, 200, 5), Maxout(200, 200, 5), Maxout(200, 200, 5), nn.Linear(200, 1))
    for net in (g, d):
        for m in net.modules():
            if isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, 0.0, 0.02)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
    return g, d


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dataset", choices=["ring", "grid"], default="ring")
    p.add_argument("--pack", type=int, default=1)
    p.add_argument("--steps", type=int, default=3000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--g-calls", choices=["per-pack", "joint"], default="per-pack")
    p.add_argument("--log-every", type=int, default=250)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    means, sigma = modes(a.dataset)
    g, d = networks(a.pack)
    opt_g = torch.optim.Adam(g.parameters(), lr=1e-4, betas=(0.8, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), lr=1e-4, betas=(0.8, 0.999))
    packs, m = 100, a.pack

    def real_packs():
        x = means[torch.randint(0, len(means), (packs * m,))] + sigma * torch.randn(packs * m, 2)
        return x.view(packs, 2 * m)

    def fake_packs():
        if a.g_calls == "joint":
            return g(torch.randn(packs * m, 2)).view(packs, 2 * m)
        # the code: m calls of G on 100 seeds each, concatenated along features (pack j = the j-th of each call)
        return torch.cat([g(torch.randn(packs, 2)) for _ in range(m)], 1)

    for step in range(1, a.steps + 1):
        real_logits = d(real_packs())
        fake_logits = d(fake_packs())
        d_loss = (F.softplus(-real_logits) + F.softplus(fake_logits)).mean() / 2
        g_loss = F.softplus(-fake_logits).mean()
        opt_g.zero_grad()
        opt_d.zero_grad()
        # both gradients at the step's parameters before either update (simultaneous)
        g_grads = torch.autograd.grad(g_loss, list(g.parameters()), retain_graph=True)
        d_grads = torch.autograd.grad(d_loss, list(d.parameters()))
        for prm, gr in zip(g.parameters(), g_grads):
            prm.grad = gr
        for prm, gr in zip(d.parameters(), d_grads):
            prm.grad = gr
        opt_g.step()
        opt_d.step()
        if step % a.log_every == 0:
            print(json.dumps({"step": step, "d_loss": round(d_loss.item(), 4), "g_loss": round(g_loss.item(), 4),
                              "d_real": round(torch.sigmoid(real_logits).mean().item(), 4),
                              "d_fake": round(torch.sigmoid(fake_logits).mean().item(), 4)}), flush=True)
    g.eval()
    with torch.no_grad():
        x = g(torch.randn(2500, 2))
    dist = torch.cdist(x, means)
    nearest = dist.min(1)
    good = nearest.values < 3 * sigma
    counts = torch.bincount(nearest.indices[good], minlength=len(means)).float()
    print(json.dumps({"step": a.steps, "modes_captured": int((counts > 0).sum()),
                      "high_quality_pct": round(100 * good.float().mean().item(), 2)}), flush=True)


if __name__ == "__main__":
    main()
