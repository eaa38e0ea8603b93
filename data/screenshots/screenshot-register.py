#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the register shown in the screenshots, as JSON for "import".

Thirty models an organisation might really hold: open-science models with
their datasets, open-weights models under community licences, vendor APIs,
with uses from chatbots to credit scoring, so the pictures show every
openness level, status and kind of flag.

Usage: screenshot-register.py OUTPUT.json
"""

import json
import sys

HF = "hugging-face"
OLLAMA = "ollama"
API = "vendor-api"

# What each openness profile has on record.
OPEN_SCIENCE = ["model-architecture", "final-parameters", "training-code", "inference-code",
                "data-card", "datasets", "preprocessing-code", "intermediate-parameters",
                "evaluation-results", "model-card", "technical-report", "research-paper"]
OPEN_SOURCE = ["model-architecture", "final-parameters", "training-code", "inference-code",
               "data-card", "model-card", "evaluation-results"]
WEIGHTS = ["model-architecture", "final-parameters", "inference-code", "model-card"]

# name, provider, version, source kind, reference, licence, profile, uses,
# owner, deployment, sensitivity, status
MODELS = [
    ("OLMo 2 13B Instruct", "Allen Institute for AI", "1124", HF, "allenai/OLMo-2-1124-13B-Instruct",
     "Apache-2.0", OPEN_SCIENCE, ["research-evaluation", "document-summarisation"],
     "Research office", "self-hosted", "internal", "approved"),
    ("OLMo 2 7B", "Allen Institute for AI", "1124", HF, "allenai/OLMo-2-1124-7B",
     "Apache-2.0", OPEN_SCIENCE, ["research-evaluation"], "Research office", "self-hosted",
     "public", "approved"),
    ("Pythia 6.9B", "EleutherAI", "deduped", HF, "EleutherAI/pythia-6.9b-deduped",
     "Apache-2.0", OPEN_SCIENCE, ["research-evaluation"], "Research office", "self-hosted",
     "public", "draft"),
    ("Granite 3.1 8B Instruct", "IBM", "3.1", HF, "ibm-granite/granite-3.1-8b-instruct",
     "Apache-2.0", OPEN_SOURCE, ["chatbot", "document-summarisation"], "Customer service",
     "self-hosted", "personal", "approved-with-conditions"),
    ("SmolLM2 1.7B Instruct", "Hugging Face", "2", HF, "HuggingFaceTB/SmolLM2-1.7B-Instruct",
     "Apache-2.0", OPEN_SOURCE, ["spam-filtering"], "IT operations", "self-hosted",
     "internal", "approved"),
    ("Mistral 7B Instruct", "Mistral AI", "0.3", HF, "mistralai/Mistral-7B-Instruct-v0.3",
     "Apache-2.0", WEIGHTS, ["chatbot", "translation"], "Customer service", "self-hosted",
     "personal", "approved"),
    ("Mixtral 8x7B Instruct", "Mistral AI", "0.1", OLLAMA, "mixtral:8x7b",
     "Apache-2.0", WEIGHTS, ["document-summarisation"], "Legal department", "self-hosted",
     "confidential", "submitted"),
    ("Codestral 22B", "Mistral AI", "0.1", HF, "mistralai/Codestral-22B-v0.1",
     "MNPL-0.1", WEIGHTS, ["code-assistant"], "Platform engineering", "self-hosted",
     "internal", "rejected"),
    ("Qwen2.5 7B Instruct", "Alibaba Cloud", "2.5", HF, "Qwen/Qwen2.5-7B-Instruct",
     "Apache-2.0", WEIGHTS, ["translation", "data-analysis"], "Data platform team",
     "self-hosted", "internal", "approved"),
    ("Qwen2.5 Coder 32B", "Alibaba Cloud", "2.5", OLLAMA, "qwen2.5-coder:32b",
     "Apache-2.0", WEIGHTS, ["code-assistant"], "Platform engineering", "self-hosted",
     "internal", "approved"),
    ("Phi-4", "Microsoft", "4", HF, "microsoft/phi-4", "MIT", WEIGHTS,
     ["data-analysis", "search"], "Data platform team", "self-hosted", "internal", "approved"),
    ("Phi-3.5 Mini Instruct", "Microsoft", "3.5", OLLAMA, "phi3.5:3.8b", "MIT", WEIGHTS,
     ["spam-filtering"], "IT operations", "self-hosted", "internal", "retired"),
    ("DeepSeek R1 Distill Qwen 14B", "DeepSeek", "R1", HF,
     "deepseek-ai/DeepSeek-R1-Distill-Qwen-14B", "MIT", WEIGHTS, ["research-evaluation"],
     "Research office", "self-hosted", "public", "draft"),
    ("DeepSeek V3", "DeepSeek", "V3", HF, "deepseek-ai/DeepSeek-V3", "deepseek", WEIGHTS,
     ["chatbot"], "Customer service", "self-hosted", "personal", "changes-requested"),
    ("Llama 3.1 8B Instruct", "Meta", "3.1", HF, "meta-llama/Llama-3.1-8B-Instruct",
     "llama3.1", WEIGHTS, ["credit-scoring", "chatbot"], "Retail lending", "self-hosted",
     "personal", "submitted"),
    ("Llama 3.3 70B Instruct", "Meta", "3.3", OLLAMA, "llama3.3:70b", "llama3.3", WEIGHTS,
     ["document-summarisation", "search"], "Knowledge management", "self-hosted",
     "confidential", "approved-with-conditions"),
    ("Llama 3.2 3B Instruct", "Meta", "3.2", OLLAMA, "llama3.2:3b", "llama3.2", WEIGHTS,
     ["translation"], "Communications", "self-hosted", "public", "rereview-required"),
    ("Llama Guard 3 8B", "Meta", "3", HF, "meta-llama/Llama-Guard-3-8B", "llama3.1", WEIGHTS,
     ["content-generation"], "Trust and safety", "self-hosted", "personal", "approved"),
    ("Gemma 2 9B Instruct", "Google", "2", HF, "google/gemma-2-9b-it", "gemma", WEIGHTS,
     ["recruitment-screening"], "People and culture", "self-hosted", "personal", "submitted"),
    ("Gemma 3 4B", "Google", "3", OLLAMA, "gemma3:4b", "gemma", WEIGHTS,
     ["document-summarisation"], "Finance", "self-hosted", "confidential", "draft"),
    ("Falcon3 10B Instruct", "TII", "3", HF, "tiiuae/Falcon3-10B-Instruct",
     "falcon-llm-license", WEIGHTS, ["data-analysis"], "Data platform team", "self-hosted",
     "internal", "draft"),
    ("Aya Expanse 8B", "Cohere", "1", HF, "CohereForAI/aya-expanse-8b", "CC-BY-NC-4.0",
     WEIGHTS, ["translation"], "Communications", "self-hosted", "public", "rejected"),
    ("Stable Diffusion 3.5 Medium", "Stability AI", "3.5", HF,
     "stabilityai/stable-diffusion-3.5-medium", "stabilityai-community", WEIGHTS,
     ["content-generation"], "Marketing", "self-hosted", "public", "approved-with-conditions"),
    ("BLOOMZ 7B1", "BigScience", "1", HF, "bigscience/bloomz-7b1",
     "bigscience-bloom-rail-1.0", WEIGHTS, ["translation"], "Communications", "self-hosted",
     "public", "retired"),
    ("GPT-4o", "OpenAI", "2024-11-20", API, "https://api.openai.com/v1", None, [],
     ["chatbot", "document-summarisation"], "Customer service", "vendor-api", "personal",
     "approved-with-conditions"),
    ("GPT-4o mini", "OpenAI", "2024-07-18", API, "https://api.openai.com/v1", None, [],
     ["emergency-triage"], "Clinical operations", "vendor-api", "special-category",
     "submitted"),
    ("Claude 3.7 Sonnet", "Anthropic", "20250219", API, "https://api.anthropic.com/v1", None,
     [], ["code-assistant", "data-analysis"], "Platform engineering", "vendor-api",
     "internal", "approved"),
    ("Claude 3.5 Haiku", "Anthropic", "20241022", API, "https://api.anthropic.com/v1", None,
     [], ["insurance-pricing"], "Underwriting", "vendor-api", "personal", "draft"),
    ("Gemini 2.0 Flash", "Google", "001", API, "https://generativelanguage.googleapis.com",
     None, [], ["search"], "Knowledge management", "vendor-api", "internal", "submitted"),
    ("Command R+", "Cohere", "08-2024", API, "https://api.cohere.com/v2", None, [],
     ["emotion-recognition"], "People and culture", "vendor-api", "personal", "rejected"),
]


def entry(model):
    (name, provider, version, kind, ref, licence, profile, uses, owner, deployment,
     sensitivity, status) = model
    components = [{"component": c, "availability": "present",
                   "license": licence if c in ("final-parameters", "intermediate-parameters")
                   else ("Apache-2.0" if c.endswith("code") else None),
                   "source": "person", "verified": c == "final-parameters"}
                  for c in profile]
    if kind == API:
        components.append({"component": "final-parameters", "availability": "absent"})
    return {"name": name, "provider": provider, "version": version, "source_kind": kind,
            "source_ref": ref, "owner": owner, "license": licence, "intended_uses": uses,
            "deployment": deployment, "data_sensitivity": sensitivity, "status": status,
            "components": components}


def main():
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        json.dump([entry(m) for m in MODELS], out, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
