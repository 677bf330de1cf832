#!/usr/bin/env python
"""Django's command-line utility for ANTQ (the same as the `antq` console script)."""

from antq.cli import main

if __name__ == "__main__":
    main()
