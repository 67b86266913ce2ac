#!/usr/bin/python3
"""Golden fixtures for org.itkm.clip.* (issue 4): tiny random CLIP checkpoints in both formats, with the
outputs of an independent reference forward written here in PyTorch (float64), not with transformers.

Run with Debian's python3 (python3-torch, python3-numpy, python3-pil):
    /usr/bin/python3 lib/src/test/python/make_clip_fixtures.py
Writes lib/src/test/resources/golden/clip/.
"""
import gzip
import json
import os
import re
import struct
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "golden", "clip")
MEAN = np.array([0.48145466, 0.4578275, 0.40821073])
STD = np.array([0.26862954, 0.26130258, 0.27577711])
rng = np.random.default_rng(20261121)


# ---------------------------------------------------------------- reference forward (HF names, float64)
def layer_norm(x, w, b, eps):
    return F.layer_norm(x, (x.shape[-1],), w, b, eps)


def act(x, name):
    return x * torch.sigmoid(1.702 * x) if name == "quick_gelu" else F.gelu(x)


def block(x, p, pre, heads, eps, act_name, causal):
    b, t, c = x.shape
    hd = c // heads
    h = layer_norm(x, p[pre + "layer_norm1.weight"], p[pre + "layer_norm1.bias"], eps)
    q = (h @ p[pre + "self_attn.q_proj.weight"].T + p[pre + "self_attn.q_proj.bias"]) * hd ** -0.5
    k = h @ p[pre + "self_attn.k_proj.weight"].T + p[pre + "self_attn.k_proj.bias"]
    v = h @ p[pre + "self_attn.v_proj.weight"].T + p[pre + "self_attn.v_proj.bias"]
    q, k, v = [z.reshape(b, t, heads, hd).permute(0, 2, 1, 3) for z in (q, k, v)]
    s = q @ k.transpose(-1, -2)
    if causal:
        s = s + torch.full((t, t), float("-inf"), dtype=s.dtype).triu(1)
    a = (s.softmax(-1) @ v).permute(0, 2, 1, 3).reshape(b, t, c)
    x = x + a @ p[pre + "self_attn.out_proj.weight"].T + p[pre + "self_attn.out_proj.bias"]
    h = layer_norm(x, p[pre + "layer_norm2.weight"], p[pre + "layer_norm2.bias"], eps)
    h = act(h @ p[pre + "mlp.fc1.weight"].T + p[pre + "mlp.fc1.bias"], act_name)
    return x + h @ p[pre + "mlp.fc2.weight"].T + p[pre + "mlp.fc2.bias"]


def resize_pos(pos, gh0, gw0, gh, gw):
    if (gh0, gw0) == (gh, gw):
        return pos
    grid = pos[1:].reshape(1, gh0, gw0, -1).permute(0, 3, 1, 2)
    grid = F.interpolate(grid, size=(gh, gw), mode="bilinear", align_corners=False)
    return torch.cat([pos[:1], grid.permute(0, 2, 3, 1).reshape(gh * gw, -1)], 0)


def image_features(p, cfg, pixels, branch_b=False, scenario=None):
    v = cfg["vision_config"]
    e = "vision_model.embeddings."
    w = p[e + "patch_embedding_b.weight"] if branch_b else p[e + "patch_embedding.weight"]
    ps = v["patch_size"]
    x = F.conv2d(pixels, w, stride=ps)
    b, c, gh, gw = x.shape
    x = x.reshape(b, c, gh * gw).permute(0, 2, 1)
    x = torch.cat([p[e + "class_embedding"].expand(b, 1, c), x], 1)
    size = v["image_size"]
    h0, w0 = (size, size) if isinstance(size, int) else size
    x = x + resize_pos(p[e + "position_embedding.weight"], h0 // ps, w0 // ps, gh, gw)
    if scenario is not None:
        x = x + p[e + "scenario_embedding"][scenario]
    x = layer_norm(x, p["vision_model.pre_layrnorm.weight"], p["vision_model.pre_layrnorm.bias"], v["layer_norm_eps"])
    for i in range(v["num_hidden_layers"]):
        x = block(x, p, "vision_model.encoder.layers.%d." % i, v["num_attention_heads"], v["layer_norm_eps"],
                  v["hidden_act"], False)
    cls = layer_norm(x[:, 0], p["vision_model.post_layernorm.weight"], p["vision_model.post_layernorm.bias"],
                     v["layer_norm_eps"])
    return cls @ p["visual_projection.weight"].T


def text_features(p, cfg, sequences):
    t = cfg["text_config"]
    out = []
    for ids in sequences:  # one at a time: no padding involved at all in the reference
        ids_t = torch.tensor(ids)
        x = p["text_model.embeddings.token_embedding.weight"][ids_t][None] \
            + p["text_model.embeddings.position_embedding.weight"][: len(ids)][None]
        for i in range(t["num_hidden_layers"]):
            x = block(x, p, "text_model.encoder.layers.%d." % i, t["num_attention_heads"], t["layer_norm_eps"],
                      t["hidden_act"], True)
        x = layer_norm(x, p["text_model.final_layer_norm.weight"], p["text_model.final_layer_norm.bias"],
                       t["layer_norm_eps"])
        eot = ids.index(t["eos_token_id"])
        out.append(x[0, eot] @ p["text_projection.weight"].T)
    return torch.stack(out)


def pixels_of(path):
    a = np.asarray(Image.open(path).convert("RGB"), dtype=np.float64) / 255.0
    return torch.tensor(((a - MEAN) / STD).transpose(2, 0, 1)[None])


# ---------------------------------------------------------------- writers
def bf16_round(a):
    """float32 -> bfloat16 bits (round to nearest even) as uint16."""
    u = a.astype(np.float32).view(np.uint32).astype(np.uint64)
    u = (u + 0x7FFF + ((u >> 16) & 1)) >> 16
    return u.astype(np.uint16)


def write_safetensors(path, tensors, dtypes):
    header, blobs, off = {"__metadata__": {"format": "pt", "note": "itkm test fixture"}}, [], 0
    for name, arr in tensors.items():
        dt = dtypes.get(name, "F32")
        if dt == "F32":
            raw = np.ascontiguousarray(arr, dtype="<f4").tobytes()
        elif dt == "F16":
            raw = np.ascontiguousarray(arr, dtype="<f2").tobytes()
        elif dt == "BF16":
            raw = bf16_round(arr).astype("<u2").tobytes()
        elif dt == "I64":
            raw = np.ascontiguousarray(arr, dtype="<i8").tobytes()
        header[name] = {"dtype": dt, "shape": list(arr.shape), "data_offsets": [off, off + len(raw)]}
        blobs.append(raw)
        off += len(raw)
    h = json.dumps(header).encode()
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def stored_value(arr, dt):
    """What a reader gets back from a tensor stored with dtype dt, as float64."""
    if dt == "F16":
        return arr.astype(np.float16).astype(np.float64)
    if dt == "BF16":
        return (bf16_round(arr).astype(np.uint32) << 16).view(np.float32).astype(np.float64)
    return arr.astype(np.float32).astype(np.float64)


def save_npy(path, arr):
    np.save(path, np.asarray(arr, dtype=np.float32))


def save_png(path, arr):
    Image.fromarray(arr.astype(np.uint8)).save(path)


# ---------------------------------------------------------------- (a) Hugging Face directory
def hf_fixture():
    d = os.path.join(OUT, "hf-tiny")
    os.makedirs(os.path.join(d, "images"), exist_ok=True)
    os.makedirs(os.path.join(d, "images-48x24"), exist_ok=True)
    words = ["a", "photo", "of", "person", ".", "in", "red", "blue", "green", "coat", "shirt", "with", "bag",
             "walking", "the", "black", "white", "hat", "x", ","]
    vocab = {"<|startoftext|>": 0, "<|endoftext|>": 1, "<pad>": 2, "<unk>": 3}
    for w in words:
        vocab[w] = len(vocab)
    V, D, T, E, S = len(vocab) + 6, 32, 16, 24, 3  # a few unused rows, as real vocabularies have
    cfg = {
        "architectures": ["CLIPModel"], "model_type": "clip", "projection_dim": E, "logit_scale_init_value": 2.6592,
        "transformers_version": "4.40.0", "initializer_factor": 1.0, "some_future_field": {"x": 1},
        "text_config": {"vocab_size": V, "hidden_size": D, "intermediate_size": 4 * D, "num_attention_heads": 2,
                        "num_hidden_layers": 2, "max_position_embeddings": T, "hidden_act": "quick_gelu",
                        "layer_norm_eps": 1e-5, "bos_token_id": 0, "eos_token_id": 1, "pad_token_id": 2,
                        "model_type": "clip_text_model", "dropout": 0.0},
        "vision_config": {"hidden_size": D, "intermediate_size": 4 * D, "num_attention_heads": 2,
                          "num_hidden_layers": 2, "image_size": 32, "patch_size": 8, "num_channels": 3,
                          "hidden_act": "quick_gelu", "layer_norm_eps": 1e-5, "model_type": "clip_vision_model"},
    }
    t = OrderedDict()

    def r(*shape, s=0.2):
        return rng.normal(0, s, shape)

    def ln(prefix, n):
        t[prefix + ".weight"] = 1 + r(n, s=0.1)
        t[prefix + ".bias"] = r(n, s=0.1)

    def layers(prefix, n):
        for i in range(n):
            pre = "%s.encoder.layers.%d." % (prefix, i)
            ln(pre + "layer_norm1", D)
            for m in ("q_proj", "k_proj", "v_proj", "out_proj"):
                t[pre + "self_attn." + m + ".weight"] = r(D, D)
                t[pre + "self_attn." + m + ".bias"] = r(D, s=0.05)
            ln(pre + "layer_norm2", D)
            t[pre + "mlp.fc1.weight"] = r(4 * D, D)
            t[pre + "mlp.fc1.bias"] = r(4 * D, s=0.05)
            t[pre + "mlp.fc2.weight"] = r(D, 4 * D, s=0.1)
            t[pre + "mlp.fc2.bias"] = r(D, s=0.05)

    t["text_model.embeddings.token_embedding.weight"] = r(V, D, s=0.5)
    t["text_model.embeddings.position_embedding.weight"] = r(T, D, s=0.2)
    t["text_model.embeddings.position_ids"] = np.arange(T)[None]
    layers("text_model", 2)
    ln("text_model.final_layer_norm", D)
    t["vision_model.embeddings.class_embedding"] = r(D, s=0.5)
    t["vision_model.embeddings.patch_embedding.weight"] = r(D, 3, 8, 8, s=0.05)
    t["vision_model.embeddings.patch_embedding_b.weight"] = r(D, 3, 8, 8, s=0.05)
    t["vision_model.embeddings.scenario_embedding"] = r(S, D, s=0.3)
    t["vision_model.embeddings.position_embedding.weight"] = r(17, D, s=0.3)
    t["vision_model.embeddings.position_ids"] = np.arange(17)[None]
    ln("vision_model.pre_layrnorm", D)
    layers("vision_model", 2)
    ln("vision_model.post_layernorm", D)
    t["visual_projection.weight"] = r(E, D, s=0.2)
    t["text_projection.weight"] = r(E, D, s=0.2)
    t["logit_scale"] = np.array(2.6592)
    # exercise the dtype conversions: text layer 0 and the vision layer 1 in BF16, text layer 1 and the
    # vision patch embedding in F16, the rest F32; position_ids are int64 buffers readers must ignore
    dtypes = {}
    for name in t:
        if name.endswith("position_ids"):
            dtypes[name] = "I64"
        elif ".layers.0." in name and name.startswith("text_model") or ".layers.1." in name and name.startswith("vision"):
            dtypes[name] = "BF16"
        elif ".layers.1." in name and name.startswith("text_model") or name.endswith("patch_embedding.weight"):
            dtypes[name] = "F16"
    write_safetensors(os.path.join(d, "model.safetensors"), t, dtypes)
    with open(os.path.join(d, "config.json"), "w") as f:
        json.dump(cfg, f, indent=1)
    tokenizer = {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": i, "content": c, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True}
                         for c, i in vocab.items() if c.startswith("<")],
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": None, "decoder": None,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "<unk>"},
    }
    with open(os.path.join(d, "tokenizer.json"), "w") as f:
        json.dump(tokenizer, f, indent=1)

    p = {k: torch.tensor(stored_value(v, dtypes.get(k, "F32"))) for k, v in t.items() if not k.endswith("position_ids")}
    # images: two at the input size (no resize), one grey PNG; a second set at 48x24 for --input-size
    imgs = [rng.integers(0, 256, (32, 32, 3)), (np.indices((32, 32)).sum(0)[..., None] * [4, 2, 7]) % 256]
    for i, a in enumerate(imgs):
        save_png(os.path.join(d, "images", "img%d.png" % (2 - i)), a)  # names sort in reverse creation order
    Image.fromarray(rng.integers(0, 256, (32, 32)).astype(np.uint8), "L").save(os.path.join(d, "images", "img3.png"))
    files = sorted(os.listdir(os.path.join(d, "images")))
    px = torch.cat([pixels_of(os.path.join(d, "images", f)) for f in files])
    save_npy(os.path.join(d, "expected_image_a.npy"), image_features(p, cfg, px))
    save_npy(os.path.join(d, "expected_image_b_s2.npy"), image_features(p, cfg, px, branch_b=True, scenario=2))
    save_png(os.path.join(d, "images-48x24", "tall.png"), rng.integers(0, 256, (48, 24, 3)))
    px2 = pixels_of(os.path.join(d, "images-48x24", "tall.png"))
    save_npy(os.path.join(d, "expected_image_48x24.npy"), image_features(p, cfg, px2))
    # token ids (lengths differ; padding is the tool's job) and texts through the word-level vocabulary
    seqs = [[0, 4, 5, 6, 4, 7, 8, 1], [0, 7, 1], [0] + list(range(4, 18)) + [1], [0, 9, 1, 2, 2, 1]]
    with open(os.path.join(d, "token_ids.txt"), "w") as f:
        f.write("\n".join(" ".join(map(str, s)) for s in seqs) + "\n")
    save_npy(os.path.join(d, "expected_token_ids.npy"), text_features(p, cfg, seqs))
    texts = ["A photo of a person.", "a person in a RED coat, with a bag", "walking"]
    with open(os.path.join(d, "texts.txt"), "w") as f:
        f.write("\n".join(texts) + "\n")
    tseqs = [[0] + [vocab[w] for w in re.findall(r"\w+|[^\w\s]+", s.lower())] + [1] for s in texts]
    with open(os.path.join(d, "texts_ids.txt"), "w") as f:
        f.write("\n".join(" ".join(map(str, s)) for s in tseqs) + "\n")
    save_npy(os.path.join(d, "expected_texts.npy"), text_features(p, cfg, tseqs))


# ---------------------------------------------------------------- position embedding resize
def resize_fixture():
    d = os.path.join(OUT, "resize")
    os.makedirs(d, exist_ok=True)
    pos = rng.normal(0, 1, (1 + 3 * 3, 4)).astype(np.float32)
    save_npy(os.path.join(d, "pos_3x3.npy"), pos)
    for gh, gw in [(5, 2), (2, 4), (6, 6)]:
        out = resize_pos(torch.tensor(pos, dtype=torch.float64), 3, 3, gh, gw)
        save_npy(os.path.join(d, "pos_to_%dx%d.npy" % (gh, gw)), out)


# ---------------------------------------------------------------- (b) OpenAI TorchScript archive
class ResBlock(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.ln_1 = nn.LayerNorm(d)
        self.attn = nn.MultiheadAttention(d, heads)
        self.ln_2 = nn.LayerNorm(d)
        self.mlp = nn.Sequential(OrderedDict([("c_fc", nn.Linear(d, 4 * d)), ("c_proj", nn.Linear(4 * d, d))]))

    def forward(self, x):
        return x + self.mlp(self.ln_2(x))  # only the parameters matter here; the reference forward is ours


class Transformer(nn.Module):
    def __init__(self, d, layers, heads):
        super().__init__()
        self.resblocks = nn.Sequential(*[ResBlock(d, heads) for _ in range(layers)])

    def forward(self, x):
        return self.resblocks(x)


class Visual(nn.Module):
    def __init__(self, d, patch, grid, layers, embed):
        super().__init__()
        self.conv1 = nn.Conv2d(3, d, patch, patch, bias=False)
        self.class_embedding = nn.Parameter(torch.randn(d) * 0.5)
        self.positional_embedding = nn.Parameter(torch.randn(grid * grid + 1, d) * 0.3)
        self.ln_pre = nn.LayerNorm(d)
        self.transformer = Transformer(d, layers, d // 64)
        self.ln_post = nn.LayerNorm(d)
        self.proj = nn.Parameter(torch.randn(d, embed) * 0.2)

    def forward(self, x):
        return self.conv1(x)


class TinyOpenAiClip(nn.Module):
    def __init__(self, vocab, ctx, d=64, embed=16):
        super().__init__()
        self.visual = Visual(d, 8, 2, 1, embed)
        self.token_embedding = nn.Embedding(vocab, d)
        self.positional_embedding = nn.Parameter(torch.randn(ctx, d) * 0.2)
        self.transformer = Transformer(d, 1, d // 64)
        self.ln_final = nn.LayerNorm(d)
        self.text_projection = nn.Parameter(torch.randn(d, embed) * 0.2)
        self.logit_scale = nn.Parameter(torch.ones([]) * np.log(1 / 0.07))
        self.register_buffer("attn_mask", torch.zeros(ctx, ctx))

    def forward(self, image):
        return self.visual(image)


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def bpe_encode(text, merges):
    """CLIP simple_tokenizer.encode without ftfy, with begin/end ids (reference for ClipBpeTokenizer)."""
    be = bytes_to_unicode()
    vocab = list(be.values())
    vocab = vocab + [v + "</w>" for v in vocab] + ["".join(m) for m in merges] + ["<|startoftext|>", "<|endoftext|>"]
    enc = {v: i for i, v in enumerate(vocab)}
    ranks = {m: i for i, m in enumerate(merges)}
    pat = re.compile(r"""<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[^\W\d_]+|\d|[^\s\w]+|_+""",
                     re.IGNORECASE)
    ids = [enc["<|startoftext|>"]]
    for tok in pat.findall(re.sub(r"\s+", " ", text).strip().lower()):
        word = tuple("".join(be[b] for b in tok.encode("utf-8")))
        word = word[:-1] + (word[-1] + "</w>",)
        while len(word) > 1:
            pairs = [(word[i], word[i + 1]) for i in range(len(word) - 1)]
            best = min(pairs, key=lambda pr: ranks.get(pr, float("inf")))
            if best not in ranks:
                break
            new, i = [], 0
            while i < len(word):
                if i < len(word) - 1 and (word[i], word[i + 1]) == best:
                    new.append(word[i] + word[i + 1])
                    i += 2
                else:
                    new.append(word[i])
                    i += 1
            word = tuple(new)
        ids.extend(enc[w] for w in word)
    return ids + [enc["<|endoftext|>"]]


def openai_fixture():
    d = os.path.join(OUT, "openai-tiny")
    os.makedirs(os.path.join(d, "images"), exist_ok=True)
    merges = [("p", "h"), ("o", "t"), ("ph", "ot"), ("phot", "o</w>"), ("p", "e"), ("r", "s"), ("pe", "rs"),
              ("o", "n</w>"), ("pers", "on</w>"), ("r", "e"), ("re", "d</w>"), ("c", "o"), ("co", "a"),
              ("coa", "t</w>"), ("o", "f</w>"), ("i", "n</w>")]
    with gzip.open(os.path.join(d, "bpe_simple_vocab_16e6.txt.gz"), "wt", encoding="utf-8") as f:
        f.write("#version: itkm tiny test vocabulary\n" + "\n".join(" ".join(m) for m in merges) + "\n")
    vocab, ctx = 512 + len(merges) + 2, 12
    torch.manual_seed(7)
    model = TinyOpenAiClip(vocab, ctx)
    with torch.no_grad():
        for name, prm in model.named_parameters():
            if name.endswith("bias") or "ln" in name:
                prm.add_(torch.randn_like(prm) * 0.1)
        model.visual.conv1.weight.mul_(0.3)
    model = model.half()  # OpenAI's archives hold float16 weights
    torch.jit.save(torch.jit.script(model), os.path.join(d, "tiny-clip.pt"))
    sd = {k: v.double() for k, v in model.state_dict().items()}
    p = {"vision_model.embeddings.patch_embedding.weight": sd["visual.conv1.weight"],
         "vision_model.embeddings.class_embedding": sd["visual.class_embedding"],
         "vision_model.embeddings.position_embedding.weight": sd["visual.positional_embedding"],
         "vision_model.pre_layrnorm.weight": sd["visual.ln_pre.weight"],
         "vision_model.pre_layrnorm.bias": sd["visual.ln_pre.bias"],
         "vision_model.post_layernorm.weight": sd["visual.ln_post.weight"],
         "vision_model.post_layernorm.bias": sd["visual.ln_post.bias"],
         "visual_projection.weight": sd["visual.proj"].T,
         "text_model.embeddings.token_embedding.weight": sd["token_embedding.weight"],
         "text_model.embeddings.position_embedding.weight": sd["positional_embedding"],
         "text_model.final_layer_norm.weight": sd["ln_final.weight"],
         "text_model.final_layer_norm.bias": sd["ln_final.bias"],
         "text_projection.weight": sd["text_projection"].T}
    for src, dst in (("visual.transformer.resblocks.0.", "vision_model.encoder.layers.0."),
                     ("transformer.resblocks.0.", "text_model.encoder.layers.0.")):
        for a, b in (("ln_1", "layer_norm1"), ("ln_2", "layer_norm2"), ("mlp.c_fc", "mlp.fc1"),
                     ("mlp.c_proj", "mlp.fc2"), ("attn.out_proj", "self_attn.out_proj")):
            p[dst + b + ".weight"] = sd[src + a + ".weight"]
            p[dst + b + ".bias"] = sd[src + a + ".bias"]
        for j, m in enumerate(("q_proj", "k_proj", "v_proj")):
            p[dst + "self_attn." + m + ".weight"] = sd[src + "attn.in_proj_weight"][j * 64:(j + 1) * 64]
            p[dst + "self_attn." + m + ".bias"] = sd[src + "attn.in_proj_bias"][j * 64:(j + 1) * 64]
    cfg = {"vision_config": {"patch_size": 8, "image_size": 16, "num_hidden_layers": 1, "num_attention_heads": 1,
                             "layer_norm_eps": 1e-5, "hidden_act": "quick_gelu"},
           "text_config": {"num_hidden_layers": 1, "num_attention_heads": 1, "layer_norm_eps": 1e-5,
                           "hidden_act": "quick_gelu", "eos_token_id": vocab - 1}}
    for i in range(2):
        save_png(os.path.join(d, "images", "im%d.png" % i), rng.integers(0, 256, (16, 16, 3)))
    files = sorted(os.listdir(os.path.join(d, "images")))
    px = torch.cat([pixels_of(os.path.join(d, "images", f)) for f in files])
    save_npy(os.path.join(d, "expected_image.npy"), image_features(p, cfg, px))
    texts = ["a photo of a person", "A person in a  red coat!", "photos"]
    with open(os.path.join(d, "texts.txt"), "w") as f:
        f.write("\n".join(texts) + "\n")
    seqs = [bpe_encode(s, merges) for s in texts]
    with open(os.path.join(d, "texts_ids.txt"), "w") as f:
        f.write("\n".join(" ".join(map(str, s)) for s in seqs) + "\n")
    save_npy(os.path.join(d, "expected_texts.npy"), text_features(p, cfg, seqs))


if __name__ == "__main__":
    hf_fixture()
    resize_fixture()
    openai_fixture()
    print("fixtures written to", os.path.normpath(OUT))
