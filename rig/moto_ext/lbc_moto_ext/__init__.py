"""Extensions of the moto server for the calls and behaviours moto lacks (see rig/moto-gaps.md).

Each submodule of this package patches one gap when it is imported: it adds a missing action to a
moto response class (with AWS's request and response shapes), or corrects a behaviour. They are
all imported, in name order, before the server starts, so the controller keeps speaking the real
AWS SDK over HTTP to one process.
"""

import importlib
import pkgutil

LOADED = []


def load_all():
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        importlib.import_module(f"{__name__}.{info.name}")
        LOADED.append(info.name)
    return LOADED
