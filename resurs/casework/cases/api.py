from ninja import Router

router = Router(tags=["Обращения и случаи"])
