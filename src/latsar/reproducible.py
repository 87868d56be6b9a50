"""The one timestamp every output carries, so that builds are reproducible."""

from __future__ import annotations

import datetime
import os

from latsar.errors import LatsarError
from latsar.messages import t
from latsar.model.schema import Programme


LAST_YEAR = 2107  # the zip format of .xlsx and .zip outputs stamps no later year


def document_time(programme: Programme) -> datetime.datetime:
    """SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else the programme's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            when = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
            if when.year > LAST_YEAR:
                raise ValueError(when.year)
            return when
        except (ValueError, OverflowError, OSError):
            raise LatsarError(t("SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01, got '{value}'; "
                                "set it to e.g. $(date +%s), or unset it to use the programme's date",
                                value=epoch)) from None
    return datetime.datetime.combine(programme.date, datetime.time(), tzinfo=datetime.timezone.utc)
