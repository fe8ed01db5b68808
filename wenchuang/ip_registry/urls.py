"""Registry pages, under /works/ (below the language prefix)."""

from django.urls import path

from . import views

app_name = "ip_registry"

urlpatterns = [
    # /works/: the public register, registering, a work's page and its certificates
    path("", views.register_list, name="list"),
    path("register/", views.work_register, name="register"),
    path("<int:pk>/", views.work_detail, name="detail"),
    path("<int:pk>/certificate.pdf", views.work_certificate_pdf, name="certificate-pdf"),
    path("<int:pk>/certificate.json", views.work_certificate_json, name="certificate-json"),
    # /works/log/: the public key, the newest signed tree head
    path("log/", views.log_page, name="log"),
    path("log/tree-head.json", views.tree_head_json, name="tree-head"),
]
