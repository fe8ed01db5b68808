"""The toolkit's own pages: notifications, stored files, documents."""

from django.urls import path

from . import file_views, notification_views

app_name = "core"

urlpatterns = [
    # /notifications/...
    path("notifications/", notification_views.notification_list, name="notifications"),
    path("notifications/badge/", notification_views.notification_badge, name="notification-badge"),
    path("notifications/read/", notification_views.notifications_read, name="notifications-read"),
    # /files/<id>/: stored files, through their owner's permission check
    path("files/<int:pk>/", file_views.file_download, name="file"),
]
