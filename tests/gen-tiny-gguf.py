#!/usr/bin/python3
"""Write a small GGUF v3 model of the "llama" architecture with random weights.

Usage: gen-tiny-gguf.py OUT.gguf [--type f32|q8_0] [--size tiny|mid] [--seed N]
                        [--layers N] [--embd N] [--heads N] [--ff N] [--ctx N]

The inference-check tests and benchmark need real models that libllama loads
and runs, without downloading any.  The output depends only on the
arguments: the same arguments always give the same bytes.  "tiny" is about
128 thousand parameters, "mid" about 26 million (a realistic speed figure).
Standard library only, for Debian's /usr/bin/python3.
"""
import argparse
import array
import math
import random
import struct
import sys

ALIGNMENT = 32
Q8_BLOCK = 32
SIZES = {
    "tiny": {"layers": 2, "embd": 64, "heads": 4, "ff": 128},
    "mid": {"layers": 8, "embd": 512, "heads": 8, "ff": 1408},
}
# GGUF metadata value types
U32, I32, F32_VALUE, BOOL, STRING, ARRAY = 4, 5, 6, 7, 8, 9
# ggml tensor types, and llama_ftype for general.file_type
TENSOR_TYPES = {"f32": (0, 0), "q8_0": (8, 7)}
GGML_F32 = 0
# token types of tokenizer.ggml.token_type
NORMAL, UNKNOWN, CONTROL, BYTE = 1, 2, 3, 6
WORDS = ("the model register checks that open weights load and run on this "
         "machine with a small probe prompt").split()


def vocabulary():
    """SentencePiece-style pieces: "\u2581" marks a word start.

    The llama tokenizer needs byte tokens (it finds the newline as <0x0A>)
    and merges pieces pairwise, so every prefix of a word is a piece too.
    """
    pieces = [("<unk>", UNKNOWN), ("<s>", CONTROL), ("</s>", CONTROL)]
    pieces += [("<0x%02X>" % b, BYTE) for b in range(256)]
    texts = ["\u2581"] + [chr(c) for c in range(ord("a"), ord("z") + 1)]
    for word in WORDS:
        word = "\u2581" + word
        texts += [word[:n] for n in range(2, len(word) + 1)]
    seen = set()
    for text in texts:
        if text not in seen:
            seen.add(text)
            pieces.append((text, NORMAL))
    # Longer pieces score higher so that the tokenizer prefers whole words.
    scores = [0.0 if kind != NORMAL else len(text) - 0.001 * i
              for i, (text, kind) in enumerate(pieces)]
    return [p[0] for p in pieces], scores, [p[1] for p in pieces]


def string(text):
    data = text.encode("utf-8")
    return struct.pack("<Q", len(data)) + data


def value(kind, item):
    if kind == STRING:
        return string(item)
    return struct.pack({U32: "<I", I32: "<i", F32_VALUE: "<f", BOOL: "<?"}[kind], item)


def entry(key, kind, item, element_kind=None):
    out = string(key) + struct.pack("<I", kind)
    if kind != ARRAY:
        return out + value(kind, item)
    out += struct.pack("<IQ", element_kind, len(item))
    return out + b"".join(value(element_kind, x) for x in item)


def tensor_data(rng, count, tensor_type, scale, centre):
    """count uniform values in centre ± scale, in the tensor's encoding.

    Random bytes map to 255 levels: this keeps a 26-million-parameter model
    quick to write in pure Python.
    """
    if tensor_type == GGML_F32:
        levels = [centre + scale * (b - 127) / 127.0 for b in range(256)]
        return array.array("f", map(levels.__getitem__, rng.randbytes(count))).tobytes()
    # Q8_0: blocks of an f16 scale d and 32 signed bytes q, value d * q.
    d = struct.pack("<e", scale / 127.0)
    quants = rng.randbytes(count).translate(bytes.maketrans(b"\x80", b"\x81"))
    return b"".join(d + quants[i:i + Q8_BLOCK] for i in range(0, count, Q8_BLOCK))


def tensor_list(shape, n_vocab, matrix_type):
    """(name, ggml dimensions with the row length first, type, scale, centre)."""
    embd, ff = shape["embd"], shape["ff"]
    norm = lambda name: (name, [embd], GGML_F32, 0.1, 1.0)
    matrix = lambda name, rows, cols: (name, [cols, rows], matrix_type, cols ** -0.5 * 1.7, 0.0)
    tensors = [("token_embd.weight", [embd, n_vocab], matrix_type, 1.0, 0.0)]
    for layer in range(shape["layers"]):
        blk = "blk.%d." % layer
        tensors += [norm(blk + "attn_norm.weight")]
        tensors += [matrix(blk + "attn_" + m + ".weight", embd, embd)
                    for m in ("q", "k", "v", "output")]
        tensors += [norm(blk + "ffn_norm.weight"),
                    matrix(blk + "ffn_gate.weight", ff, embd),
                    matrix(blk + "ffn_up.weight", ff, embd),
                    matrix(blk + "ffn_down.weight", embd, ff)]
    tensors += [norm("output_norm.weight"), matrix("output.weight", n_vocab, embd)]
    return tensors


def metadata(shape, args, file_type, vocab):
    tokens, scores, kinds = vocab
    prefix = "llama."
    return [
        entry("general.architecture", STRING, "llama"),
        entry("general.name", STRING, "model-register-test-%s-%s" % (args.size, args.type)),
        entry("general.file_type", U32, file_type),
        entry("general.alignment", U32, ALIGNMENT),
        entry(prefix + "vocab_size", U32, len(tokens)),
        entry(prefix + "context_length", U32, shape["ctx"]),
        entry(prefix + "embedding_length", U32, shape["embd"]),
        entry(prefix + "block_count", U32, shape["layers"]),
        entry(prefix + "feed_forward_length", U32, shape["ff"]),
        entry(prefix + "attention.head_count", U32, shape["heads"]),
        entry(prefix + "attention.head_count_kv", U32, shape["heads"]),
        entry(prefix + "rope.dimension_count", U32, shape["embd"] // shape["heads"]),
        entry(prefix + "rope.freq_base", F32_VALUE, 10000.0),
        entry(prefix + "attention.layer_norm_rms_epsilon", F32_VALUE, 1e-5),
        entry("tokenizer.ggml.model", STRING, "llama"),
        entry("tokenizer.ggml.tokens", ARRAY, tokens, STRING),
        entry("tokenizer.ggml.scores", ARRAY, scores, F32_VALUE),
        entry("tokenizer.ggml.token_type", ARRAY, kinds, I32),
        entry("tokenizer.ggml.unknown_token_id", U32, 0),
        entry("tokenizer.ggml.bos_token_id", U32, 1),
        entry("tokenizer.ggml.eos_token_id", U32, 2),
        entry("tokenizer.ggml.add_bos_token", BOOL, True),
        entry("tokenizer.ggml.add_eos_token", BOOL, False),
    ]


def padding(length):
    return b"\0" * (-length % ALIGNMENT)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--type", choices=sorted(TENSOR_TYPES), default="f32")
    parser.add_argument("--size", choices=sorted(SIZES), default="tiny")
    parser.add_argument("--seed", type=int, default=20240601)
    for name in ("layers", "embd", "heads", "ff"):
        parser.add_argument("--" + name, type=int, help="overrides --size")
    parser.add_argument("--ctx", type=int, default=256)
    args = parser.parse_args()
    shape = dict(SIZES[args.size], ctx=args.ctx)
    shape.update({k: getattr(args, k) for k in SIZES["tiny"] if getattr(args, k)})
    if shape["embd"] % shape["heads"]:
        parser.error("--embd must be a multiple of --heads")
    if args.type == "q8_0" and (shape["embd"] % Q8_BLOCK or shape["ff"] % Q8_BLOCK):
        parser.error("q8_0 needs --embd and --ff to be multiples of %d" % Q8_BLOCK)
    return args, shape


def main():
    args, shape = parse_args()
    matrix_type, file_type = TENSOR_TYPES[args.type]
    vocab = vocabulary()
    rng = random.Random(args.seed)
    tensors = tensor_list(shape, len(vocab[0]), matrix_type)
    meta = metadata(shape, args, file_type, vocab)

    infos, offset = [], 0
    for name, dims, tensor_type, _, _ in tensors:
        infos.append(string(name) + struct.pack("<I%dQIQ" % len(dims), len(dims), *dims,
                                                tensor_type, offset))
        size = math.prod(dims) * 4 if tensor_type == GGML_F32 else math.prod(dims) // Q8_BLOCK * 34
        offset += size + len(padding(size))
    header = b"GGUF" + struct.pack("<IQQ", 3, len(tensors), len(meta))
    header += b"".join(meta) + b"".join(infos)
    with open(args.out, "wb") as out:
        out.write(header + padding(len(header)))
        for _, dims, tensor_type, scale, centre in tensors:
            data = tensor_data(rng, math.prod(dims), tensor_type, scale, centre)
            out.write(data + padding(len(data)))
    parameters = sum(math.prod(t[1]) for t in tensors)
    print("%s: %d tensors, %d parameters, %d tokens" % (args.out, len(tensors), parameters,
                                                       len(vocab[0])), file=sys.stderr)


if __name__ == "__main__":
    main()
