class DomainError(Exception):
    """A broken business rule, with a Russian message for the user."""


class StaleVersion(DomainError):
    """Optimistic locking: somebody saved the record after this editor opened it."""

    def __init__(self, model_name: str = "запись"):
        super().__init__(
            f"Пока вы редактировали {model_name}, её сохранил другой пользователь. "
            "Откройте запись заново: ваши изменения не сохранены, чужие не перезаписаны."
        )
