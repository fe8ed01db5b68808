"""Marketplace pages (mounted at /market/, below the language prefix)."""

from django.urls import path

from .views import infringement, listings, orders, reports

app_name = "market"

urlpatterns = [
    # /market/ and /market/listings/...
    path("", listings.listing_list, name="listings"),
    path("listings/new/", listings.listing_new, name="listing-new"),
    path("listings/mine/", listings.my_listings, name="my-listings"),
    path("listings/moderation/", listings.moderation, name="moderation"),
    path("listings/<int:pk>/", listings.listing_detail, name="listing"),
    path("listings/<int:pk>/edit/", listings.listing_edit, name="listing-edit"),
    path("listings/<int:pk>/images/", listings.listing_image, name="listing-image"),
    path("listings/<int:pk>/status/", listings.listing_status, name="listing-status"),
    path("listings/<int:pk>/inquire/", orders.inquire, name="inquire"),
    path("listings/<int:pk>/report/", infringement.report_file, name="listing-report"),
    # /market/reports/<id>/: infringement reports
    path("reports/<int:pk>/", infringement.report_detail, name="report"),
    path("reports/<int:pk>/action/", infringement.report_action, name="report-action"),
    # /market/buyer/, /market/orders/..., /market/sales/
    path("buyer/", orders.buyer_profile, name="buyer-profile"),
    path("orders/", orders.order_list, name="orders"),
    path("orders/<int:pk>/", orders.order_detail, name="order"),
    path("orders/<int:pk>/action/", orders.order_action, name="order-action"),
    path("orders/<int:pk>/messages/", orders.order_message, name="order-message"),
    path("sales/", reports.sales, name="sales"),
]
