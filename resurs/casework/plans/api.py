from ninja import Router

router = Router(tags=["Индивидуальные планы и направления"])
