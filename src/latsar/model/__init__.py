"""The curriculum as typed models: reading, validating and checking it (load.py)."""

import sys


def _without_pydantic_plugins() -> None:
    """latsar validates curricula with no pydantic plugins (typer builds its own validators the
    same way). Plugins observe validation for monitoring services; looking for them loads
    importlib.metadata and reads every installed package's metadata, about 10 ms of every
    command's start, to find none latsar wants. pydantic asks `pydantic.plugin._loader` for them
    before building each validator: this stand-in answers "none". It is registered only when
    pydantic has not loaded its own; a test checks that `latsar check` never loads
    importlib.metadata."""
    stand_in = type(sys)("pydantic.plugin._loader")
    stand_in.get_plugins = lambda *args, **kwargs: ()  # whatever a later pydantic passes
    sys.modules.setdefault("pydantic.plugin._loader", stand_in)


_without_pydantic_plugins()
