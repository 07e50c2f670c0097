"""Pages of the methodology registries (REG-2, REG-3) and of the expert council."""

from resurs.coordination.methodology.views.common import (  # noqa: F401
    COUNCIL_TITLE,
    PAGE_SIZE,
    PRACTICE_TABS,
    PRACTICES_TITLE,
    PRODUCT_TABS,
    PRODUCTS_TITLE,
)
from resurs.coordination.methodology.views.council import (  # noqa: F401
    council_edit,
    council_list,
)
from resurs.coordination.methodology.views.practices import (  # noqa: F401
    practice_analyse,
    practice_create,
    practice_detail,
    practice_edit,
    practice_export,
    practice_list,
    practice_propose,
    practice_publish,
    practice_submit,
    replication_add,
)
from resurs.coordination.methodology.views.products import (  # noqa: F401
    implementation_add,
    implementation_remove,
    product_create,
    product_detail,
    product_edit,
    product_export,
    product_list,
    product_publish,
    product_resubmit,
    product_start_review,
    product_submit,
    product_verdict,
)
