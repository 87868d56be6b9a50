"""Fixtures of the export tests: the synthetic bank, its plans, their exports and the schemas."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for `exportbank` and `readback`

import exportbank  # noqa: E402
import readback  # noqa: E402


@pytest.fixture(scope="session")
def bank(tmp_path_factory):
    return exportbank.curriculum(tmp_path_factory.mktemp("bank"))


@pytest.fixture(scope="session")
def main_plan(bank):
    return exportbank.main_plan(bank)


@pytest.fixture(scope="session")
def rich_plan(bank):
    return exportbank.rich_plan(bank)


@pytest.fixture(scope="session")
def main_export(bank, main_plan):
    from latsar.render.export import export_all

    return export_all(bank, main_plan)


@pytest.fixture(scope="session")
def rich_export(bank, rich_plan):
    from latsar.render.export import export_all

    return export_all(bank, rich_plan)


@pytest.fixture(scope="session")
def qti21_schema():
    schema, resolver = readback.load_xsd("qti_v2p1/qtiv2p1/imsqti_v2p1.xsd")
    assert resolver.refused == []
    return schema


@pytest.fixture(scope="session")
def cp_schema():
    schema, resolver = readback.load_xsd("qti_v2p1/imscp_v1p1.xsd")
    assert resolver.refused == []
    return schema


@pytest.fixture(scope="session")
def cc_cp_schema():
    """IMS CP 1.1 under Common Cartridge 1.1's namespace, the manifest namespace Canvas writes."""
    schema, resolver = readback.load_xsd(
        "qti_v2p1/imscp_v1p1.xsd",
        retarget=("http://www.imsglobal.org/xsd/imscp_v1p1", "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"),
    )
    assert resolver.refused == []
    return schema


@pytest.fixture(scope="session")
def qti12_schema():
    schema, resolver = readback.load_xsd("qti_v1p2/domainProfile_4/ims_qtiasiv1p2.xsd")
    assert resolver.refused == []
    return schema


@pytest.fixture(scope="session")
def qti12_dtd():
    return readback.load_dtd("qti_v1p2/ims_qtiasiv1p2p1.dtd")
