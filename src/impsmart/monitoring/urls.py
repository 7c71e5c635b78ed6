from django.urls import path

from impsmart.monitoring import views

app_name = "monitoring"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("desa-replikasi/", views.sites, name="sites"),
    path("ambang-target/", views.rules, name="rules"),
    path("<str:code>/", views.region_page, name="region"),
    path("<str:code>/banding/", views.compare_page, name="compare"),
    path("<str:code>/buletin/", views.bulletin_text, name="bulletin_text"),
    path("<str:code>/buletin.pdf", views.bulletin_pdf, name="bulletin_pdf"),
]
