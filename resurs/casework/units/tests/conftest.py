import pytest

from resurs.kernel.accounts.services import api_token_create


@pytest.fixture
def bearer():
    def make(membership) -> dict:
        _token, raw = api_token_create(membership=membership, name="интеграция")
        return {"Authorization": f"Bearer {raw}"}

    return make
