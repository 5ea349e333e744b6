"""Helpers for the reproducible prevention report: data, metrics, charts and the build pipeline."""
