#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a realistic register of AI models as CSV, for the benchmarks.

Deterministic: the same arguments always give the same bytes.  Names,
providers, licences, tags, uses and statuses vary the way a large
organisation's inventory does; about one row in a hundred has a long name,
and some carry characters that must be escaped (quotes, commas, markup,
newlines, emoji, CJK).

Usage: gen-register.py [--rows N] [--seed S] OUTPUT.csv
"""

import argparse
import csv
import random

COLUMNS = ["name", "provider", "version", "source_kind", "source_ref", "owner",
           "description", "license", "tags", "intended_uses", "deployment",
           "data_sensitivity", "status", "openness", "worst_flag", "n_flags", "notes"]

# (provider, hub organisation, families, usual licences)
PROVIDERS = [
    ("Meta", "meta-llama", ["Llama-3.1", "Llama-3.2", "Llama-3.3", "CodeLlama", "Llama-Guard-3"],
     ["llama3.1", "llama3.2", "llama3.3", "llama2"]),
    ("Mistral AI", "mistralai", ["Mistral", "Mixtral", "Codestral", "Ministral", "Pixtral"],
     ["Apache-2.0", "MNPL-0.1"]),
    ("Google", "google", ["gemma-2", "gemma-3", "codegemma", "paligemma", "t5"],
     ["gemma", "Apache-2.0"]),
    ("Alibaba Cloud", "Qwen", ["Qwen2", "Qwen2.5", "Qwen2.5-Coder", "QwQ", "Qwen2-VL"],
     ["Apache-2.0", "qwen-research", "qwen"]),
    ("Microsoft", "microsoft", ["Phi-3", "Phi-3.5", "Phi-4", "Orca-2", "deberta-v3"],
     ["MIT"]),
    ("DeepSeek", "deepseek-ai", ["DeepSeek-V3", "DeepSeek-R1", "deepseek-coder", "DeepSeek-R1-Distill-Qwen"],
     ["MIT", "deepseek"]),
    ("EleutherAI", "EleutherAI", ["pythia", "gpt-neox", "gpt-j", "llemma"],
     ["Apache-2.0", "MIT"]),
    ("Allen Institute for AI", "allenai", ["OLMo-2", "OLMo", "Tulu-3", "Molmo"],
     ["Apache-2.0"]),
    ("BigScience", "bigscience", ["bloom", "bloomz", "mt0", "T0"],
     ["bigscience-bloom-rail-1.0", "Apache-2.0"]),
    ("Stability AI", "stabilityai", ["stablelm-2", "stable-code", "stable-diffusion-3.5"],
     ["stabilityai-community", "CC-BY-NC-4.0"]),
    ("TII", "tiiuae", ["falcon", "Falcon3", "falcon-mamba"],
     ["Apache-2.0", "falcon-llm-license"]),
    ("IBM", "ibm-granite", ["granite-3.1", "granite-3.0", "granite-code"],
     ["Apache-2.0"]),
    ("NVIDIA", "nvidia", ["Nemotron", "Llama-3.1-Nemotron", "Mistral-NeMo"],
     ["nvidia-open-model", "Apache-2.0"]),
    ("Hugging Face", "HuggingFaceTB", ["SmolLM2", "SmolLM", "SmolVLM"],
     ["Apache-2.0"]),
    ("Cohere", "CohereForAI", ["aya-expanse", "c4ai-command-r", "aya-23"],
     ["CC-BY-NC-4.0"]),
]
# Models only reachable as an API.
VENDORS = [
    ("OpenAI", "https://api.openai.com/v1", ["gpt-4o", "gpt-4.1", "o3-mini", "gpt-4o-mini"]),
    ("Anthropic", "https://api.anthropic.com/v1", ["claude-3-5-sonnet", "claude-3-7-sonnet", "claude-3-5-haiku"]),
    ("Google", "https://generativelanguage.googleapis.com", ["gemini-1.5-pro", "gemini-2.0-flash"]),
    ("Cohere", "https://api.cohere.com/v2", ["command-r-plus", "command-a"]),
]
SIZES = ["135M", "360M", "0.5B", "1B", "1.5B", "2B", "3B", "7B", "8B", "9B", "13B", "14B",
         "27B", "32B", "70B", "72B", "405B"]
VARIANTS = ["", "-Instruct", "-Chat", "-Base", "-it", "-GGUF", "-AWQ", "-GPTQ-Int4"]
TAGS = ["llm", "chat", "code", "vision", "embedding", "multilingual", "reasoning", "rag",
        "summarisation", "translation", "quantised", "on-prem", "pilot", "production",
        "deprecated", "finance", "hr", "legal", "customer-service", "research"]
USES = ["chatbot", "content-generation", "code-assistant", "document-summarisation", "search",
        "translation", "data-analysis", "research-evaluation", "spam-filtering",
        "recruitment-screening", "credit-scoring", "emergency-triage", "public-interest-text"]
TEAMS = ["Platform team", "Data science", "Customer care", "Legal tech", "HR analytics",
         "Risk & compliance", "R&D lab", "Marketing", "Finance IT", "Security operations"]
# Weights follow a register where most entries are drafts or approved.
STATUSES = [("draft", 30), ("submitted", 10), ("approved", 35), ("approved-with-conditions", 8),
            ("changes-requested", 5), ("rejected", 4), ("rereview-required", 5), ("retired", 3)]
OPENNESS = ["unknown", "closed", "open-weights-restricted", "open-weights", "open-source-ai",
            "open-science"]
SENSITIVITIES = ["unspecified", "public", "internal", "confidential", "personal",
                 "special-category"]
HOSTILE = ["<b>bold</b> & co", "\"quoted\", with comma", "emoji 🦙🤖", "中文模型", "Ünïcödé",
           "line\nbreak", "semi;colon", "=SUM(A1:A9)", "tab\there", "it's"]


def weighted(rng, pairs):
    return rng.choices([value for value, _ in pairs], [weight for _, weight in pairs])[0]


def open_model_row(rng, index):
    provider, org, families, licences = rng.choice(PROVIDERS)
    family = rng.choice(families)
    repo = f"{family}-{rng.choice(SIZES)}{rng.choice(VARIANTS)}"
    # Serial numbers keep 100,000 names distinct, as fine-tunes are.
    name = f"{repo} ft-{index:06d}" if rng.random() < 0.7 else repo
    if rng.random() < 0.5:
        kind, ref = "hugging-face", f"{org}/{repo}"
    else:
        kind, ref = "ollama", f"{family.lower()}:{rng.choice(SIZES).lower()}"
    return name, provider, kind, ref, rng.choice(licences), rng.choice(OPENNESS[2:])


def vendor_row(rng, index):
    provider, url, models = rng.choice(VENDORS)
    model = rng.choice(models)
    return f"{model} ({index:06d})", provider, "vendor-api", f"{url}/models/{model}", \
        "proprietary", "closed"


def row(rng, index):
    maker = vendor_row if rng.random() < 0.15 else open_model_row
    name, provider, kind, ref, licence, openness = maker(rng, index)
    if rng.random() < 0.01:
        name += " — " + " ".join(rng.choice(TAGS) for _ in range(rng.randint(20, 40)))
    if rng.random() < 0.02:
        name += " " + rng.choice(HOSTILE)
    n_flags = rng.choice([0, 0, 0, 0, 1, 2, 3])
    return {
        "name": name,
        "provider": provider,
        "version": rng.choice(["", "1.0", "2.1", "2024-08", f"rev-{rng.randint(1, 40)}"]),
        "source_kind": kind,
        "source_ref": ref,
        "owner": rng.choice(TEAMS),
        "description": rng.choice(["", f"{provider} model used by {rng.choice(TEAMS)}.",
                                   "Evaluated in Q3; see the notes.\nSecond paragraph."]),
        "license": licence,
        "tags": ";".join(rng.sample(TAGS, rng.randint(0, 4))),
        "intended_uses": ";".join(rng.sample(USES, rng.randint(0, 3))),
        "deployment": "vendor-api" if kind == "vendor-api" else
                      rng.choice(["unspecified", "self-hosted"]),
        "data_sensitivity": rng.choice(SENSITIVITIES),
        "status": weighted(rng, STATUSES),
        "openness": openness,
        "worst_flag": rng.choice(["info", "warning", "blocking"]) if n_flags else "none",
        "n_flags": str(n_flags),
        "notes": rng.choice(["", "", "Ticket GOV-" + str(rng.randint(100, 9999)),
                             "Owner left; reassign."]),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261125)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    with open(args.output, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\r\n")
        writer.writeheader()
        for index in range(1, args.rows + 1):
            writer.writerow(row(rng, index))


if __name__ == "__main__":
    main()
