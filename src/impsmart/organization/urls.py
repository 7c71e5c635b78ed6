from django.urls import path

from impsmart.organization import views

app_name = "organization"
urlpatterns = [
    # /organisasi/
    path("", views.institution_list, name="institution_list"),
    path("tambah/", views.institution_create, name="institution_create"),
    path("<int:pk>/", views.institution_detail, name="institution_detail"),
    path("<int:pk>/ubah/", views.institution_edit, name="institution_edit"),
    path("<int:pk>/nonaktifkan/", views.institution_deactivate, name="institution_deactivate"),
    path("<int:pk>/pengurus/", views.seat_assign, name="seat_assign"),
    path("pengurus/<int:pk>/selesai/", views.seat_end, name="seat_end"),
    # /organisasi/sk/
    path("sk/", views.decree_list, name="decree_list"),
    path("sk/rancangan.<str:fmt>", views.decree_draft, name="decree_draft"),
    path("sk/catat/", views.decree_record, name="decree_record"),
    path("sk/<int:pk>/", views.decree_detail, name="decree_detail"),
    path("sk/<int:pk>/berkas/", views.decree_file, name="decree_file"),
    # /organisasi/mitra/
    path("mitra/", views.partner_list, name="partner_list"),
    path("mitra/tambah/", views.partner_create, name="partner_create"),
    path("mitra/<int:pk>/", views.partner_detail, name="partner_detail"),
    path("mitra/<int:pk>/kontak/", views.contact_add, name="contact_add"),
    path("mitra/<int:pk>/kegiatan/", views.activity_add, name="activity_add"),
]
