from django.urls import path

from impsmart.families import views

app_name = "families"
urlpatterns = [
    # /keluarga/
    path("", views.family_list, name="list"),
    path("tambah/", views.family_create, name="create"),
    path("<int:pk>/", views.family_detail, name="detail"),
    path("<int:pk>/ubah/", views.family_edit, name="edit"),
    path("<int:pk>/ks/", views.family_ks, name="ks"),
    path("<int:pk>/nomor-kk/", views.family_kk_number, name="kk_number"),
    path("<int:pk>/anggota/tambah/", views.member_create, name="member_create"),
    # /keluarga/anggota/
    path("anggota/<int:pk>/ubah/", views.member_edit, name="member_edit"),
    path("anggota/<int:pk>/keluar/", views.member_exit, name="member_exit"),
    path("anggota/<int:pk>/pisah/", views.member_separate, name="member_separate"),
    path(
        "anggota/<int:pk>/hubungkan-suami/",
        views.member_link_husband,
        name="member_link_husband",
    ),
    path("anggota/<int:pk>/<slug:event>/", views.woman_event, name="woman_event"),
    # /keluarga/kualitas/
    path("kualitas/<str:desa_code>/", views.quality, name="quality"),
]
