from ninja import Router

router = Router(tags=["Граждане и семьи"])
