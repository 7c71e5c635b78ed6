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
    path("rujukan/<int:pk>/jawab/", views.referral_answer, name="referral_answer"),
    path("rujukan/<int:pk>/konfirmasi/", views.referral_confirm, name="referral_confirm"),
    # /konseling/kunjungan/
    path("kunjungan/", views.visit_list, name="visits"),
    path("kunjungan/catat/", views.visit_record, name="visit_record"),
]
