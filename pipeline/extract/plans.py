"""Placeholder: replaced by the real plans extractor."""
from __future__ import annotations


def extract_plans(text, published, *args):
    return []
