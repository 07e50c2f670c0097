from ninja import Router

router = Router(tags=["Отделения и участки"])
