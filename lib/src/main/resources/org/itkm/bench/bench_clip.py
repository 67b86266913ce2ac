#!/usr/bin/python3
"""PyTorch twin of `itkm bench clip`: forward + backward + Adam step of the same CLIP image encoder
(conv patch embedding without bias, class token, position embeddings, pre-LN, pre-LN blocks with a fused
QKV projection and quick-GELU MLP, post-LN on the class token, projection), same batch, same threads.
Prints one JSON line."""
import argparse
import json
import resource
import time

import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.out = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.fc1 = nn.Linear(d, 4 * d)
        self.fc2 = nn.Linear(4 * d, d)

    def forward(self, x):
        b, t, c = x.shape
        hd = c // self.heads
        qkv = self.qkv(self.ln1(x)).reshape(b, t, 3, self.heads, hd).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0] * hd ** -0.5, qkv[1], qkv[2]
        a = (q @ k.transpose(-1, -2)).softmax(-1) @ v
        x = x + self.out(a.permute(0, 2, 1, 3).reshape(b, t, c))
        h = self.fc1(self.ln2(x))
        return x + self.fc2(h * torch.sigmoid(1.702 * h))


class Encoder(nn.Module):
    def __init__(self, d, layers, heads, patch, h, w, proj):
        super().__init__()
        self.patch = nn.Conv2d(3, d, patch, patch, bias=False)
        self.cls = nn.Parameter(torch.randn(d) * d ** -0.5)
        self.pos = nn.Parameter(torch.randn((h // patch) * (w // patch) + 1, d) * 0.01)
        self.pre = nn.LayerNorm(d)
        self.blocks = nn.Sequential(*[Block(d, heads) for _ in range(layers)])
        self.post = nn.LayerNorm(d)
        self.proj = nn.Linear(d, proj, bias=False)

    def forward(self, x):
        x = self.patch(x).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], 1, -1), x], 1) + self.pos
        x = self.blocks(self.pre(x))
        return self.proj(self.post(x[:, 0]))


def main():
    p = argparse.ArgumentParser()
    for k, v in dict(width=128, layers=4, heads=4, patch=8, height=64, img_width=32, proj=128, batch=64, steps=20,
                     warmup=3, threads=2).items():
        p.add_argument("--" + k.replace("_", "-"), type=int, default=v)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = Encoder(a.width, a.layers, a.heads, a.patch, a.height, a.img_width, a.proj)
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    x = torch.randn(a.batch, 3, a.height, a.img_width)
    target = torch.randn(a.batch, a.proj)  # fixed random targets, as the Java side
    best = float("inf")
    for i in range(a.warmup + a.steps):
        t0 = time.perf_counter()
        opt.zero_grad()
        loss = (model(x) - target).square().mean()
        loss.backward()
        opt.step()
        dt = time.perf_counter() - t0
        if i >= a.warmup:
            best = min(best, dt)
    total = None
    t0 = time.perf_counter()
    for _ in range(a.steps):
        opt.zero_grad()
        (model(x) - target).square().mean().backward()
        opt.step()
    total = time.perf_counter() - t0
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                      "images_per_s": a.batch * a.steps / total, "best_step_images_per_s": a.batch / best,
                      "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))


if __name__ == "__main__":
    main()
