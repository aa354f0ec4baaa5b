"""Runs moto's server with every extension of this package loaded: python -m lbc_moto_ext [moto_server args]."""

import sys

from moto.server import main

from lbc_moto_ext import load_all

if __name__ == "__main__":
    loaded = load_all()
    print(f"[lbc_moto_ext] extensions loaded: {', '.join(loaded) or 'none'}", file=sys.stderr, flush=True)
    sys.argv[0] = "moto_server"
    sys.exit(main())
