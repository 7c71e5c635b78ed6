import pytest


def pytest_collection_modifyitems(items):
    """Paper layout (PDF words inside the page, LibreOffice page counts) does not depend on the
    database; the figures printed are checked on both engines by the reports' own tests."""
    for item in items:
        if "tests/paper/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.layout_only)
