"""Headless subcommands. Each module has ``add_parser(subparsers)``; none imports Qt."""
