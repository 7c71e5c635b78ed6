from django.urls import path

from impsmart.families import views_import

app_name = "imports"
urlpatterns = [
    # /impor/
    path("", views_import.upload, name="upload"),
    path("templat.<str:ext>", views_import.template, name="template"),
]
