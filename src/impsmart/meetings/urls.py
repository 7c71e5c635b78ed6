from django.urls import path

from impsmart.meetings import views

app_name = "meetings"
urlpatterns = [
    # /pertemuan/
    path("", views.index, name="index"),
    path("institusi/<int:pk>/", views.institution, name="institution"),
    path("institusi/<int:pk>/jadwal/", views.schedule, name="schedule"),
    path("institusi/<int:pk>/berikutnya/", views.schedule_next, name="schedule_next"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.edit, name="edit"),
    path("<int:pk>/undangan/", views.invitation, name="invitation"),
    path("<int:pk>/bahan/", views.pack_page, name="pack"),
    path("<int:pk>/hadir/", views.attend, name="attend"),
    path("<int:pk>/notulen/", views.minutes, name="minutes"),
    path("<int:pk>/adendum/", views.addendum, name="addendum"),
    path("<int:pk>/tindak-lanjut/", views.action_add, name="action_add"),
    path("<int:pk>/tindak-lanjut/<int:action_pk>/tutup/", views.action_close, name="action_close"),
]
