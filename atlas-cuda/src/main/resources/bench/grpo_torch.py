"""The GRPO objective in PyTorch eager, computed the way TRL's GRPOTrainer computes it
(selective_log_softmax, then ratio, clipping, k3 KL and the grpo loss normalisation), timed
forward plus backward on the GPU for the shapes the Java benchmark passes. Prints one JSON line
per dtype: {"dtype", "ms", "peak_gib"}. Part of `check-grpo`'s companion `bench-grpo`; it needs
only torch and a CUDA device."""
import argparse
import json

import torch


def selective_log_softmax(logits, index):
    # TRL: gather then a per-completion logsumexp for float32, a per-completion log_softmax for bf16
    if logits.dtype in (torch.float32, torch.float64):
        selected = torch.gather(logits, dim=-1, index=index.unsqueeze(-1)).squeeze(-1)
        lse = torch.stack([torch.logsumexp(row, dim=-1) for row in logits])
        return selected - lse
    out = []
    for row_logits, row_labels in zip(logits, index):
        row_logps = torch.nn.functional.log_softmax(row_logits, dim=-1)
        out.append(row_logps.gather(dim=-1, index=row_labels.unsqueeze(-1)).squeeze(-1))
    return torch.stack(out)


def grpo_loss(logits, tokens, mask, advantages, old_logp, ref_logp, temperature, eps_low, eps_high, beta):
    logps = selective_log_softmax(logits / temperature, tokens)
    ratio = torch.exp(logps - old_logp)
    clipped = torch.clamp(ratio, 1 - eps_low, 1 + eps_high)
    per_token = -torch.min(ratio * advantages.unsqueeze(1), clipped * advantages.unsqueeze(1))
    delta = ref_logp - logps
    per_token = per_token + beta * (torch.exp(delta) - delta - 1)
    return ((per_token * mask).sum(-1) / mask.sum(-1).clamp(min=1.0)).mean()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--vocab", type=int, required=True)
    parser.add_argument("--positions", type=int, required=True)
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--dtypes", default="bf16,f32")
    args = parser.parse_args()
    completions = args.rows // args.positions
    device = torch.device("cuda")
    generator = torch.Generator(device=device).manual_seed(7)
    for name in args.dtypes.split(","):
        dtype = {"bf16": torch.bfloat16, "f32": torch.float32}[name]
        shape = (completions, args.positions, args.vocab)
        logits = (torch.rand(shape, device=device, generator=generator, dtype=torch.float32) * 8 - 4).to(dtype)
        logits.requires_grad_(True)
        tokens = torch.randint(0, args.vocab, shape[:2], device=device, generator=generator)
        mask = torch.ones(shape[:2], device=device)
        advantages = torch.randn(completions, device=device, generator=generator)
        with torch.no_grad():
            logp = selective_log_softmax(logits.float(), tokens) if dtype == torch.float32 else selective_log_softmax(logits, tokens).float()
        old_logp = logp + 0.01 * torch.randn(logp.shape, device=device, generator=generator)
        ref_logp = logp + 0.05 * torch.randn(logp.shape, device=device, generator=generator)
        del logp

        def step():
            logits.grad = None
            loss = grpo_loss(logits, tokens, mask, advantages, old_logp, ref_logp, 1.0, 0.2, 0.2, 0.04)
            loss.backward()

        for _ in range(2):
            step()
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
        start = torch.cuda.Event(enable_timing=True)
        end = torch.cuda.Event(enable_timing=True)
        start.record()
        for _ in range(args.iterations):
            step()
        end.record()
        torch.cuda.synchronize()
        ms = start.elapsed_time(end) / args.iterations
        peak = torch.cuda.max_memory_allocated() / 2**30
        print(json.dumps({"dtype": name, "ms": ms, "peak_gib": peak}), flush=True)
        del logits, tokens, mask, advantages, old_logp, ref_logp
        torch.cuda.empty_cache()


if __name__ == "__main__":
    main()
