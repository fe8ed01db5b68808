"""Writes of the marketplace, one function per use case (listings, orders)."""

from .infringement import report_answer, report_decide, report_file  # noqa: F401
from .listings import (  # noqa: F401
    buyer_profile_save,
    listing_create,
    listing_image_add,
    listing_moderate,
    listing_resubmit,
    listing_update,
    listing_withdraw,
)
from .orders import (  # noqa: F401
    inquiry_send,
    message_send,
    order_cancel,
    order_complete,
    order_deliver,
    order_place,
    order_ship,
    payment_confirm,
    quote_send,
)
