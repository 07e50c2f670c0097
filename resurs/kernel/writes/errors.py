class DomainError(Exception):
    """A broken business rule, with a Russian message for the user."""


class StaleVersion(DomainError):
    """Optimistic locking: somebody saved the record after it was read.

    ``editor`` says who read it: a person's form (the default), or an import or a system
    job, which is told the record changed while it ran.
    """

    def __init__(self, model_name: str = "запись", *, editor: bool = True) -> None:
        if editor:
            message = (
                f"Пока вы редактировали {model_name}, её сохранил другой пользователь. "
                "Откройте запись заново: ваши изменения не сохранены, чужие не перезаписаны."
            )
        else:
            message = (
                f"{model_name[:1].upper()}{model_name[1:]} изменил другой пользователь, пока "
                "шла загрузка или фоновая обработка: его изменения сохранены, а эта запись из "
                "загрузки не записана. Загрузите файл заново — он будет проверен по новым данным."
            )
        super().__init__(message)
