"""Operations (issue 13): production mode, backups, the wheel, buildout."""

from tests.instance.conftest import clean_env  # noqa: F401 - the same fixture
