"""Demo data of statistics (filled in below)."""


def create_demo(generator) -> dict[str, int]:
    return {}


def wipe_demo() -> None:
    return None
