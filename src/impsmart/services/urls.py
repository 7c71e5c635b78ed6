from django.urls import path

from impsmart.services import views

app_name = "services"
urlpatterns = [
    # /pelayanan/
    path("", views.day_list, name="day_list"),
    path("tambah/", views.day_create, name="day_create"),
    path("<int:pk>/", views.day_detail, name="day_detail"),
    path("<int:pk>/sasaran/", views.target_list, name="targets"),
    path("<int:pk>/kehadiran/", views.attendance, name="attendance"),
    path("<int:pk>/metode/", views.methods, name="methods"),
    path("<int:pk>/konfirmasi/", views.confirm, name="confirm"),
    # /pelayanan/pup/
    path("pup/", views.overview, name="pup"),
    path("pup/remaja/", views.youth_list, name="youth"),
    path("pup/catin/tambah/", views.couple_create, name="couple_create"),
    path("pup/catin/<int:pk>/menikah/", views.couple_marry, name="couple_marry"),
    path("pup/pendampingan/tambah/", views.mentoring_create, name="mentoring_create"),
]
