"""Writes the tiny test GGUF: a 2-layer llama-architecture model with random (seeded) weights, a real SentencePiece
style vocabulary with byte fallback (so any text tokenizes) and a ChatML chat template with its control tokens.
It loads, streams, follows grammars and can be cancelled like a real model; its text is noise by design.
With --base it has no chat template: the stand-in for a base (not instruction-tuned) model.
Deterministic: same bytes every run.
Usage: python3 scripts/make-tiny-model.py [--base] [OUT] (default .cache/models/tiny.gguf, or tiny-base.gguf with --base)."""
import os
import sys

import numpy as np
import gguf

ARGS = [a for a in sys.argv[1:] if a != "--base"]
BASE = "--base" in sys.argv[1:]
OUT = ARGS[0] if ARGS else os.path.join(".cache", "models", "tiny-base.gguf" if BASE else "tiny.gguf")
N_EMBD, N_LAYER, N_HEAD, N_FF, N_CTX = 64, 2, 4, 128, 4096

WORDS = """the a an and or of to in on for is are was be it this that with as at by from you your my i we
password passwords vault login logins account accounts weak strong reused exposed breach breached 2fa totp sms
phishing security secure insecure url http https old duplicate fix first which how many what why should can
not no yes key keys manager generate rotate change site email bank data model answer question note item items
""".split()
CHARS = list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,:;!?'\"()[]{}-_/*+=<>@#$%&|~`^\\")


def vocab():
    tokens, scores, types = [], [], []

    def add(text, score, kind):
        tokens.append(text)
        scores.append(score)
        types.append(kind)

    add("<unk>", 0.0, gguf.TokenType.UNKNOWN)
    add("<s>", 0.0, gguf.TokenType.CONTROL)
    add("</s>", 0.0, gguf.TokenType.CONTROL)
    add("<|im_start|>", 0.0, gguf.TokenType.CONTROL)
    add("<|im_end|>", 0.0, gguf.TokenType.CONTROL)
    for b in range(256):
        add(f"<0x{b:02X}>", 0.0, gguf.TokenType.BYTE)
    seen = set(tokens)
    score = -1.0
    for piece in ["\u2581"] + CHARS + ["\u2581" + c for c in CHARS] + ["\u2581" + w for w in WORDS] + WORDS:
        if piece in seen:
            continue
        seen.add(piece)
        # Longer pieces score higher so the SPM merge prefers whole words.
        add(piece, score + len(piece), gguf.TokenType.NORMAL)
        score -= 0.001
    return tokens, scores, types


def main():
    rng = np.random.default_rng(20261123)
    tokens, scores, types = vocab()
    n_vocab = len(tokens)
    os.makedirs(os.path.dirname(OUT) or ".", exist_ok=True)
    tmp = OUT + ".tmp"
    w = gguf.GGUFWriter(tmp, "llama")
    w.add_name("bastion-tiny-base-test" if BASE else "bastion-tiny-test")
    w.add_context_length(N_CTX)
    w.add_embedding_length(N_EMBD)
    w.add_block_count(N_LAYER)
    w.add_feed_forward_length(N_FF)
    w.add_head_count(N_HEAD)
    w.add_head_count_kv(N_HEAD)
    w.add_rope_dimension_count(N_EMBD // N_HEAD)
    w.add_layer_norm_rms_eps(1e-5)
    w.add_file_type(0)  # all F32
    w.add_tokenizer_model("llama")
    w.add_tokenizer_pre("default")
    w.add_token_list(tokens)
    w.add_token_scores(scores)
    w.add_token_types(types)
    w.add_unk_token_id(0)
    w.add_bos_token_id(1)
    w.add_eos_token_id(4)  # <|im_end|>, as ChatML models do
    w.add_add_bos_token(True)
    w.add_add_eos_token(False)
    if not BASE:
        w.add_chat_template(
            "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}"
            "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
        )

    def t(*shape, scale=0.08):
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    w.add_tensor("token_embd.weight", t(n_vocab, N_EMBD, scale=0.5))
    for i in range(N_LAYER):
        w.add_tensor(f"blk.{i}.attn_norm.weight", np.ones(N_EMBD, dtype=np.float32))
        for name in ("attn_q", "attn_k", "attn_v", "attn_output"):
            w.add_tensor(f"blk.{i}.{name}.weight", t(N_EMBD, N_EMBD))
        w.add_tensor(f"blk.{i}.ffn_norm.weight", np.ones(N_EMBD, dtype=np.float32))
        w.add_tensor(f"blk.{i}.ffn_gate.weight", t(N_FF, N_EMBD))
        w.add_tensor(f"blk.{i}.ffn_up.weight", t(N_FF, N_EMBD))
        w.add_tensor(f"blk.{i}.ffn_down.weight", t(N_EMBD, N_FF))
    w.add_tensor("output_norm.weight", np.ones(N_EMBD, dtype=np.float32))
    w.add_tensor("output.weight", t(n_vocab, N_EMBD, scale=0.5))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    os.replace(tmp, OUT)
    print(f"tiny model: {OUT} ({n_vocab} tokens, {os.path.getsize(OUT)} bytes)")


if __name__ == "__main__":
    main()
