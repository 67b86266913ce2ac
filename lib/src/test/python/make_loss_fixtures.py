#!/usr/bin/python3
"""Golden values (loss and gradients) for ITKM-J's losses, computed with PyTorch autograd.

    apt-get install python3-torch; /usr/bin/python3 lib/src/test/python/make_loss_fixtures.py

Writes lib/src/test/resources/golden/loss/losses.json. Each formula follows the paper and
DESIGN.md section 7 (where the paper is silent), written here independently of the Java code.
"""
import json
import os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "golden", "loss", "losses.json")
torch.manual_seed(20261121)
torch.set_default_dtype(torch.float64)


def t(x):
    return x.detach().tolist()


def memory_contrast(f, memory, positives, tau):
    """Multi-positive InfoNCE against a memory; rows without positives are skipped (Eq. 3, 13, 15)."""
    logits = F.normalize(f, dim=1) @ memory.T / tau
    logp = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    count = positives.sum(1)
    keep = count > 0
    per = -(positives * logp).sum(1)[keep] / count[keep]
    return per.mean() if keep.any() else f.sum() * 0


def supcon(a, b, labels_a, labels_b, temperature):
    """SupCon of CLIP-ReID (reference C.3): mean over anchors a of -(1/|P|) sum_p log softmax(a.b/T)_p."""
    z = a @ b.T / temperature
    logp = z - torch.logsumexp(z, dim=1, keepdim=True)
    pos = (labels_a[:, None] == labels_b[None, :]).double()
    return (-(pos * logp).sum(1) / pos.sum(1)).mean()


def separation(text, scenario, margin):
    """Eq. 8: mean over in-batch pairs from different scenarios of [cos(t_a, t_b) - m]_+."""
    n = F.normalize(text, dim=1)
    cos = n @ n.T
    mask = (scenario[:, None] != scenario[None, :]).double()
    return (torch.clamp(cos - margin, min=0) * mask).sum() / mask.sum()


def text_guided(f, instance_text, cluster_text, labels, tau):
    """Eq. 12: -log(e^{<f,u>/tau} / (e^{<f,u>/tau} + sum_{c != y} e^{<f,T_c>/tau})), label -1 skipped."""
    fn = F.normalize(f, dim=1)
    logits = fn @ F.normalize(cluster_text, dim=1).T / tau
    own = (fn * F.normalize(instance_text, dim=1)).sum(1) / tau
    keep = labels >= 0
    y = labels.clamp(min=0)
    logits = logits.scatter(1, y[:, None], own[:, None])
    return F.cross_entropy(logits[keep], y[keep])


def main():
    B, D, C, N = 7, 5, 4, 9
    cases = {}
    f = torch.randn(B, D, requires_grad=True)
    mem = F.normalize(torch.randn(C, D), dim=1)
    labels = torch.tensor([0, 1, 1, 3, -1, 2, 0])
    onehot = torch.zeros(B, C)
    for i, y in enumerate(labels.tolist()):
        if y >= 0:
            onehot[i, y] = 1
    loss = memory_contrast(f, mem, onehot, 0.05)
    loss.backward()
    cases["clusterContrast"] = dict(features=t(f), memory=t(mem), labels=labels.tolist(), tau=0.05, loss=loss.item(),
                                    grad=t(f.grad))

    f2 = torch.randn(B, D, requires_grad=True)
    inst = F.normalize(torch.randn(N, D), dim=1)
    pos = (torch.rand(B, N) < 0.3).double()
    pos[2] = 0  # an instance without positives
    loss = memory_contrast(f2, inst, pos, 0.07)
    loss.backward()
    cases["instanceContrast"] = dict(features=t(f2), memory=t(inst), positives=t(pos), tau=0.07, loss=loss.item(),
                                     grad=t(f2.grad))

    v = torch.randn(B, D)
    txt = torch.randn(B, D, requires_grad=True)
    yl = torch.tensor([0, 1, 0, 2, 1, 1, 3])
    loss = supcon(v, txt, yl, yl, 1.0) + supcon(txt, v, yl, yl, 1.0)
    loss.backward()
    cases["supcon"] = dict(image=t(v), text=t(txt), labels=yl.tolist(), temperature=1.0, loss=loss.item(),
                           grad=t(txt.grad))

    txt2 = torch.randn(B, D, requires_grad=True)
    sc = torch.tensor([0, 0, 1, 2, 1, 0, 2])
    loss = separation(txt2, sc, 0.1)
    loss.backward()
    cases["separation"] = dict(text=t(txt2), scenario=sc.tolist(), margin=0.1, loss=loss.item(), grad=t(txt2.grad))

    f3 = torch.randn(B, D, requires_grad=True)
    u = torch.randn(B, D)
    T = torch.randn(C, D)
    lab = torch.tensor([1, 0, -1, 3, 2, 2, 0])
    loss = text_guided(f3, u, T, lab, 0.05)
    loss.backward()
    cases["textGuided"] = dict(features=t(f3), instanceText=t(u), clusterText=t(T), labels=lab.tolist(), tau=0.05,
                               loss=loss.item(), grad=t(f3.grad))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(cases, fh, indent=0)
    print({k: round(c["loss"], 6) for k, c in cases.items()})


if __name__ == "__main__":
    main()
