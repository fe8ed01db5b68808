"""The toolkit's own pages: notifications, stored files, documents."""

from django.urls import path

from . import notification_views

app_name = "core"

urlpatterns = [
    # /notifications/...
    path("notifications/", notification_views.notification_list, name="notifications"),
    path("notifications/badge/", notification_views.notification_badge, name="notification-badge"),
    path("notifications/read/", notification_views.notifications_read, name="notifications-read"),
]
