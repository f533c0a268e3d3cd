"""Placeholder: replaced by the real metrics extractor."""
from __future__ import annotations


def extract_metrics(text, published, *args):
    return []
