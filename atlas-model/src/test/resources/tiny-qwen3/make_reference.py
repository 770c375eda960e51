#!/usr/bin/env python3
"""Writes the tiny Qwen3 fixture: a random checkpoint in the Hugging Face layout (config.json,
model.safetensors in F32) and expected_logits.json, the logits of a few sequences computed here in
float64 with NumPy, independently of the Java engine, following transformers' Qwen3ForCausalLM:
RMSNorm on each head's query and key (q_norm, k_norm over head_dim) before the rotary embedding,
no q/k/v bias, an explicit head_dim different from hidden_size / num_attention_heads, grouped-query
attention, SwiGLU MLP, tied embeddings. Run from this folder: python3 make_reference.py
"""
import json
import struct

import numpy as np

CONFIG = {
    "architectures": ["Qwen3ForCausalLM"],
    "model_type": "qwen3",
    "hidden_size": 16,
    "intermediate_size": 40,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,
    "head_dim": 8,
    "num_hidden_layers": 2,
    "rms_norm_eps": 1e-06,
    "rope_theta": 1000000.0,
    "vocab_size": 50,
    "max_position_embeddings": 64,
    "tie_word_embeddings": True,
    "attention_bias": False,
    "use_sliding_window": False,
    "sliding_window": None,
    "rope_scaling": None,
    "torch_dtype": "float32",
}
CASES = [[13], [3, 17, 42, 8, 0, 49, 21], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]]


def weights(rng):
    c = CONFIG
    h, m, hd = c["hidden_size"], c["intermediate_size"], c["head_dim"]
    q_dim, kv_dim = c["num_attention_heads"] * hd, c["num_key_value_heads"] * hd
    w = {"model.embed_tokens.weight": rng.normal(0, 0.5, (c["vocab_size"], h)),
         "model.norm.weight": 1 + rng.normal(0, 0.1, h)}
    for l in range(c["num_hidden_layers"]):
        p = f"model.layers.{l}."
        w[p + "input_layernorm.weight"] = 1 + rng.normal(0, 0.1, h)
        w[p + "self_attn.q_proj.weight"] = rng.normal(0, 0.3, (q_dim, h))
        w[p + "self_attn.k_proj.weight"] = rng.normal(0, 0.3, (kv_dim, h))
        w[p + "self_attn.v_proj.weight"] = rng.normal(0, 0.3, (kv_dim, h))
        w[p + "self_attn.q_norm.weight"] = 1 + rng.normal(0, 0.2, hd)
        w[p + "self_attn.k_norm.weight"] = 1 + rng.normal(0, 0.2, hd)
        w[p + "self_attn.o_proj.weight"] = rng.normal(0, 0.3, (h, q_dim))
        w[p + "post_attention_layernorm.weight"] = 1 + rng.normal(0, 0.1, h)
        w[p + "mlp.gate_proj.weight"] = rng.normal(0, 0.3, (m, h))
        w[p + "mlp.up_proj.weight"] = rng.normal(0, 0.3, (m, h))
        w[p + "mlp.down_proj.weight"] = rng.normal(0, 0.3, (h, m))
    # stored as float32; the reference computes with exactly those values, in float64
    return {name: value.astype(np.float32) for name, value in w.items()}


def rms_norm(x, weight, eps):
    return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * weight


def rotate_half(x):
    half = x.shape[-1] // 2
    return np.concatenate([-x[..., half:], x[..., :half]], axis=-1)


def forward(w, tokens):
    c = CONFIG
    hd, heads, kv_heads, eps = c["head_dim"], c["num_attention_heads"], c["num_key_value_heads"], c["rms_norm_eps"]
    f = {name: value.astype(np.float64) for name, value in w.items()}
    t = len(tokens)
    x = f["model.embed_tokens.weight"][tokens]
    inv_freq = 1.0 / (c["rope_theta"] ** (np.arange(0, hd, 2, dtype=np.float64) / hd))
    angles = np.outer(np.arange(t, dtype=np.float64), inv_freq)
    cos, sin = np.cos(np.concatenate([angles, angles], -1)), np.sin(np.concatenate([angles, angles], -1))
    mask = np.triu(np.full((t, t), -np.inf), 1)
    for l in range(c["num_hidden_layers"]):
        p = f"model.layers.{l}."
        normed = rms_norm(x, f[p + "input_layernorm.weight"], eps)
        q = (normed @ f[p + "self_attn.q_proj.weight"].T).reshape(t, heads, hd)
        k = (normed @ f[p + "self_attn.k_proj.weight"].T).reshape(t, kv_heads, hd)
        v = (normed @ f[p + "self_attn.v_proj.weight"].T).reshape(t, kv_heads, hd)
        q = rms_norm(q, f[p + "self_attn.q_norm.weight"], eps)
        k = rms_norm(k, f[p + "self_attn.k_norm.weight"], eps)
        q = q * cos[:, None, :] + rotate_half(q) * sin[:, None, :]
        k = k * cos[:, None, :] + rotate_half(k) * sin[:, None, :]
        group = heads // kv_heads
        out = np.zeros((t, heads, hd))
        for head in range(heads):
            scores = q[:, head, :] @ k[:, head // group, :].T / np.sqrt(hd) + mask
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            out[:, head, :] = scores @ v[:, head // group, :]
        x = x + out.reshape(t, heads * hd) @ f[p + "self_attn.o_proj.weight"].T
        normed = rms_norm(x, f[p + "post_attention_layernorm.weight"], eps)
        gate = normed @ f[p + "mlp.gate_proj.weight"].T
        up = normed @ f[p + "mlp.up_proj.weight"].T
        x = x + (gate / (1 + np.exp(-gate)) * up) @ f[p + "mlp.down_proj.weight"].T
    x = rms_norm(x, f["model.norm.weight"], eps)
    return x @ f["model.embed_tokens.weight"].T


def save_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name in sorted(tensors):
        data = np.ascontiguousarray(tensors[name], dtype="<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    encoded = json.dumps(header, separators=(",", ":")).encode()
    encoded += b" " * (-len(encoded) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(encoded)))
        out.write(encoded)
        for blob in blobs:
            out.write(blob)


def main():
    w = weights(np.random.default_rng(20261204))
    with open("config.json", "w") as out:
        json.dump(CONFIG, out, indent=1)
    save_safetensors("model.safetensors", w)
    cases = [{"input_ids": tokens, "logits": forward(w, tokens).tolist()} for tokens in CASES]
    with open("expected_logits.json", "w") as out:
        json.dump({"tolerance": "abs 1e-4 + rel 1e-4 (float32)", "reference": "make_reference.py (NumPy, float64)",
                   "cases": cases}, out)


if __name__ == "__main__":
    main()
