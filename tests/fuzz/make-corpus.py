#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpora of the fuzzers: small valid GGUF and safetensors
files, so that libFuzzer starts from inputs that reach deep into the parsers.

Usage: make-corpus.py OUTDIR   (writes OUTDIR/corpus-gguf, OUTDIR/corpus-safetensors)
"""

import json
import os
import struct
import sys


def gguf_string(text):
    data = text.encode()
    return struct.pack("<Q", len(data)) + data


def gguf(version, tensor_type, block_bytes):
    kvs = [
        gguf_string("general.architecture") + struct.pack("<I", 8) + gguf_string("llama"),
        gguf_string("general.alignment") + struct.pack("<II", 4, 32),
        gguf_string("llama.context_length") + struct.pack("<II", 4, 64),
        gguf_string("tokenizer.ggml.tokens") + struct.pack("<IIQ", 9, 8, 2)
        + gguf_string("a") + gguf_string("b"),
        gguf_string("tokenizer.ggml.scores") + struct.pack("<IIQff", 9, 6, 2, 0.5, 1.0),
        gguf_string("general.flag") + struct.pack("<IB", 7, 1),
    ]
    infos = [
        gguf_string("w") + struct.pack("<IQQIQ", 2, 32, 2, tensor_type, 0),
        gguf_string("n") + struct.pack("<IQIQ", 1, 8, 0, 256),
    ]
    head = b"GGUF" + struct.pack("<IQQ", version, len(infos), len(kvs)) + b"".join(kvs) + b"".join(infos)
    head += b"\0" * (-len(head) % 32)
    return head + bytes(i % 251 for i in range(block_bytes)).ljust(256, b"\0") + b"\1" * 32


def safetensors(header, data_length):
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"\2" * data_length


def main():
    out = sys.argv[1]
    seeds = {
        "corpus-gguf": {
            "v3-f32.gguf": gguf(3, 0, 2 * 32 * 4),
            "v2-q8_0.gguf": gguf(2, 8, 2 * 34),
        },
        "corpus-safetensors": {
            "two.safetensors": safetensors(
                {"__metadata__": {"format": "pt"},
                 "a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
                 "b": {"dtype": "BF16", "shape": [4], "data_offsets": [24, 32]}}, 32),
            "empty.safetensors": safetensors({}, 0),
        },
    }
    for corpus, files in seeds.items():
        os.makedirs(os.path.join(out, corpus), exist_ok=True)
        for name, data in files.items():
            with open(os.path.join(out, corpus, name), "wb") as f:
                f.write(data)


if __name__ == "__main__":
    main()
