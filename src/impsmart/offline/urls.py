from django.urls import path

from impsmart.offline import views

app_name = "offline"
urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="sw"),
    path("luring/", views.app, name="app"),
    path("luring/mec.json", views.mec_table, name="mec"),
    path("luring/csrf.json", views.csrf, name="csrf"),
]
