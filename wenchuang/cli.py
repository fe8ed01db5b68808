"""The `wenchuang` command: friendly names for the project's management commands."""

import os
import sys

# `wenchuang import enterprises FILE` reads better than `manage.py import_records ...`.
ALIASES = {
    "import": "import_records",
    "export": "export_records",
    "demo-data": "demo_data",
    "load-reference": "load_reference",
    "worker": "run_worker",
}


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenchuang.settings")
    from django.core.management import execute_from_command_line

    if args and args[0] in ALIASES:
        args[0] = ALIASES[args[0]]
    execute_from_command_line(["wenchuang", *args])


if __name__ == "__main__":
    main()
