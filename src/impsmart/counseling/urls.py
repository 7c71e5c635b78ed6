from django.urls import path

from impsmart.counseling import views

app_name = "counseling"
urlpatterns = [
    # /konseling/
    path("", views.index, name="index"),
    path("<int:pk>/", views.counseling_detail, name="detail"),
    path("anggota/<int:member_pk>/", views.counsel, name="counsel"),
    path("anggota/<int:member_pk>/rujuk/", views.refer, name="refer"),
    # /konseling/kie/
    path("kie/", views.kie_list, name="kie_list"),
    path("kie/tambah/", views.kie_create, name="kie_create"),
    path("kie/<int:pk>/", views.kie_detail, name="kie_detail"),
    # /konseling/rujukan/
    path("rujukan/", views.referral_list, name="referral_list"),
    path("rujukan/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("rujukan/<int:pk>/surat/", views.referral_slip, name="referral_slip"),
    path("rujukan/<int:pk>/surat.pdf", views.referral_slip_pdf, name="referral_slip_pdf"),
    path("rujukan/<int:pk>/jawab/", views.referral_answer, name="referral_answer"),
    path("rujukan/<int:pk>/konfirmasi/", views.referral_confirm, name="referral_confirm"),
    # /konseling/faskes/
    path("faskes/", views.facility_list, name="facility_list"),
    path("faskes/tambah/", views.facility_create, name="facility_create"),
    path("faskes/<int:pk>/", views.facility_detail, name="facility_detail"),
    path("faskes/<int:pk>/ubah/", views.facility_edit, name="facility_edit"),
    path("faskes/<int:pk>/hapus/", views.facility_delete, name="facility_delete"),
    path("faskes/<int:pk>/petugas/", views.facility_staff_link, name="facility_staff_link"),
    path(
        "faskes/<int:pk>/petugas/<int:user_pk>/lepas/",
        views.facility_staff_unlink,
        name="facility_staff_unlink",
    ),
    # /konseling/kunjungan/
    path("kunjungan/", views.visit_list, name="visits"),
    path("kunjungan/catat/", views.visit_record, name="visit_record"),
]
