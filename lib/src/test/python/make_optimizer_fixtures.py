#!/usr/bin/python3
"""Golden parameter trajectory of torch.optim.Adam (L2 weight decay) for ITKM-J's Adam.

    /usr/bin/python3 lib/src/test/python/make_optimizer_fixtures.py
"""
import json
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "golden", "optimizer", "adam.json")
torch.manual_seed(7)
torch.set_default_dtype(torch.float64)
w = torch.randn(3, 4, requires_grad=True)
b = torch.randn(4, requires_grad=True)
target = torch.randn(5, 4)
x = torch.randn(5, 3)
start = dict(w=w.detach().tolist(), b=b.detach().tolist())
opt = torch.optim.Adam([w, b], lr=0.05, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)
lrs = [0.05, 0.05, 0.02, 0.02, 0.01, 0.01]
for lr in lrs:
    for g in opt.param_groups:
        g["lr"] = lr
    opt.zero_grad()
    loss = ((x @ w + b - target) ** 2).mean()
    loss.backward()
    opt.step()
os.makedirs(os.path.dirname(OUT), exist_ok=True)
json.dump(dict(start=start, x=x.tolist(), target=target.tolist(), lrs=lrs, weightDecay=0.01,
               w=w.detach().tolist(), b=b.detach().tolist()), open(OUT, "w"))
print("ok", w.detach()[0, :2].tolist())
