from django.urls import path

from impsmart.groups import views

app_name = "groups"
urlpatterns = [
    # /poktan/
    path("", views.group_list, name="list"),
    path("tambah/", views.group_create, name="create"),
    path("<int:pk>/", views.group_detail, name="detail"),
    path("<int:pk>/ubah/", views.group_edit, name="edit"),
    path("<int:pk>/nonaktifkan/", views.group_deactivate, name="deactivate"),
    path("<int:pk>/daftarkan/", views.enrol, name="enrol"),
    path("<int:pk>/pertemuan/tambah/", views.session_create, name="session_create"),
    path("<int:pk>/omzet/", views.revenue_create, name="revenue"),
    path("<int:pk>/register/", views.register_page, name="register"),
    path("<int:pk>/register.xlsx", views.register_xlsx, name="register_xlsx"),
    path("<int:pk>/register.pdf", views.register_pdf, name="register_pdf"),
    path("anggota/<int:pk>/berhenti/", views.membership_end, name="membership_end"),
    path("anggota/<int:pk>/modal/", views.capital_create, name="capital"),
    path("pertemuan/<int:pk>/", views.session_detail, name="session"),
]
