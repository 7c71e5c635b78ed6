from django.urls import path

from impsmart.reports import views

app_name = "reports"
urlpatterns = [
    # /laporan/
    path("", views.report_list, name="list"),
    path("siapkan/", views.prepare, name="prepare"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/langkah/<slug:step>/", views.take_step, name="step"),
    path("<int:pk>/dhis2.json", views.dhis2_json, name="dhis2"),
    path("<int:pk>/unduh.<str:fmt>", views.download, name="download"),
    path("<int:pk>/telusur/<slug:row>/", views.trace, name="trace"),
    path("kelengkapan/<str:code>/", views.kecamatan_status, name="kecamatan_status"),
    path("ketepatan/<str:code>/", views.kabupaten_heat, name="kabupaten_heat"),
]
