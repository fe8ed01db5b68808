"""Demo data of investment promotion (placeholder, filled below)."""


def create_demo(generator) -> dict[str, int]:
    return {}


def wipe_demo() -> None:
    pass
