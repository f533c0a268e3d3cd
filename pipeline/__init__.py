"""Korean reporting on China's digital economy as a versioned dataset.

Analysts: ``from pipeline import load``; ``load("metrics")`` is the newest
release's metrics table, ``load("metrics", version="v1.2.0")`` a given one,
``load_release()`` all four tables.
"""


def load(table, version=None, outputs_dir=None):
    from pipeline.access import load as _load

    return _load(table, version, outputs_dir)


def load_release(version=None, outputs_dir=None):
    from pipeline.access import load_release as _load_release

    return _load_release(version, outputs_dir)


__all__ = ["load", "load_release"]
